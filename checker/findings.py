"""Findings: what a rule says about the corpus, with a stable fingerprint and a fixed order.

The fingerprint hashes what a finding is about (rule, plan, target ids, related ids, indicator), never
line numbers or message text, so it survives reordering, line moves and rewording: baselines and waivers
key on it. A finding knows where it stands (a Location: file, line, column) and what it is about (a
SubjectRef: the plan, and the target, role or project in it), as do the entries it relates to, so
renderers never parse ids back out of strings. A finding a waiver covers (`waived`, the waiver's reason) or that a baseline already lists
(`baselined`) is still reported, but neither counted in the summary nor failing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

from .evidence import Shows
from .inert import shorten
from .model import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1, "none": 99}
CATEGORIES = ("conflict", "gap", "inconsistency", "coverage")
FAMILIES = ("internal", "vertical", "horizontal", "coverage")  # where a finding looks: one plan, up, across, the corpus


SUBJECT_KINDS = ("plan", "target", "role", "project")


@dataclass(frozen=True)
class SubjectRef:
    """What a finding or a related entry is about: a plan, or one target, role or project of it."""

    plan: str
    kind: str = "plan"  # one of SUBJECT_KINDS
    id: Optional[str] = None  # the target, role or project id; None for a plan

    @property
    def key(self) -> str:
        """'plan/id' like the model's Target.key (Role.key, Project.key); the plan id for a plan."""
        return self.plan if self.id is None else f"{self.plan}/{self.id}"

    def id_of(self, kind: str) -> Optional[str]:
        """The id when the reference is to a `kind` (target, role, project), else None."""
        return self.id if self.kind == kind else None


class _About:
    """The plan, target, role and project ids and the file, line and column of `ref` and `location`."""

    ref: SubjectRef
    location: Location

    @property
    def plan(self) -> str:
        return self.ref.plan

    @property
    def target(self) -> Optional[str]:
        return self.ref.id_of("target")

    @property
    def role(self) -> Optional[str]:
        return self.ref.id_of("role")

    @property
    def project(self) -> Optional[str]:
        return self.ref.id_of("project")

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column


@dataclass(frozen=True)
class Related(_About):
    ref: SubjectRef
    location: Location

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"plan": self.plan}
        if self.ref.id is not None:
            out[self.ref.kind] = self.ref.id
        out["file"] = self.file
        out["line"] = self.line
        return out

    @property
    def subject(self) -> str:
        return self.ref.id or ""


@dataclass(frozen=True)
class Finding(_About):
    rule: str
    severity: str
    category: str
    family: str  # one of FAMILIES
    ref: SubjectRef  # the plan, and the target, role or project, the finding is about
    message: dict[str, str]  # by language: {"zh": ..., "en": ...}
    location: Location
    indicator: Optional[str] = None
    region: Optional[str] = None
    evidence: dict[str, Any] = field(default_factory=dict)
    related: tuple[Related, ...] = ()
    subject_key: str = ""  # ids that make this finding unique beyond plan and target
    waived: Optional[str] = None  # the waiver's reason, when a waiver covers this finding
    baselined: bool = False  # in the --baseline file: known before, so it does not fail the check
    rank: Optional[float] = None  # the rule's measure of how far off (larger is worse), for the reading order
    shows: Optional[Shows] = field(default=None, compare=False)  # the reader's view, from the rule's module

    @property
    def suppressed(self) -> bool:
        """Waived or baselined: shown, but neither counted nor failing."""
        return self.waived is not None or self.baselined

    @property
    def fingerprint(self) -> str:
        parts = [self.rule, self.plan, self.target or "", self.indicator or "", self.region or "", self.subject_key]
        parts += sorted(f"{r.plan}/{r.subject}" for r in self.related)
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.rule, self.fingerprint)

    def text(self, lang: str) -> str:
        """The message in `lang` (English when there is none), cut when plan text makes it over-long."""
        return shorten(self.message.get(lang) or self.message["en"])

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule, "severity": self.severity, "category": self.category, "family": self.family,
            "plan": self.plan, "target": self.target, "indicator": self.indicator, "region": self.region,
            "message": self.text(lang), "evidence": self.evidence,
            "location": {"file": self.file, "line": self.line, "column": self.column},
            "related": [r.as_dict() for r in self.related],
            "fingerprint": self.fingerprint,
        }
        for key in ("role", "project"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.rank is not None:
            out["rank"] = self.rank
        if self.waived is not None:
            out["waived"] = self.waived
        if self.baselined:
            out["baselined"] = True
        return out


def reading_key(finding: Finding, by_plan: bool = False) -> tuple:
    """The order a reader meets findings in: counting ones first, the most severe first; within a severity,
    findings a rule ranked (how far off they are) come first, worst first; then by (plan,) file, line and rule.
    Machine formats keep the engine's order (file, line, rule), which stays stable under edits."""
    ranked = finding.rank is not None
    return (finding.suppressed, -SEVERITY_RANK[finding.severity], not ranked, -(finding.rank or 0.0),
            finding.plan if by_plan else "", finding.file, finding.line, finding.rule, finding.fingerprint)


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether a severity reaches the --fail-on threshold ('none' never fails)."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold] and threshold != "none"


def summarize(findings: list[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for finding in findings:
        if not finding.suppressed:
            counts[finding.severity] += 1
    return counts
