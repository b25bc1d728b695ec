"""Findings: what a rule says about the corpus, with a stable fingerprint and a fixed order.

The fingerprint hashes what a finding is about (rule, plan, target ids, related ids, indicator), never
line numbers or message text, so it survives reordering, line moves and rewording: baselines and waivers
key on it. A finding a waiver covers (`waived`, the waiver's reason) or that a baseline already lists
(`baselined`) is still reported, but neither counted in the summary nor failing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

from .inert import shorten

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1, "none": 99}
CATEGORIES = ("conflict", "gap", "inconsistency", "coverage")


@dataclass(frozen=True)
class Related:
    plan: str
    file: str
    line: int
    target: Optional[str] = None
    role: Optional[str] = None
    project: Optional[str] = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"plan": self.plan}
        for key in ("target", "role", "project"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["file"] = self.file
        out["line"] = self.line
        return out

    @property
    def subject(self) -> str:
        return self.target or self.role or self.project or ""


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    category: str
    family: str  # internal | vertical | horizontal | coverage
    plan: str
    message: dict[str, str]  # by language: {"zh": ..., "en": ...}
    file: str
    line: int
    target: Optional[str] = None
    indicator: Optional[str] = None
    region: Optional[str] = None
    evidence: dict[str, Any] = field(default_factory=dict)
    related: tuple[Related, ...] = ()
    subject_key: str = ""  # ids that make this finding unique beyond plan and target
    role: Optional[str] = None  # the role the finding is about, when it is about a role
    project: Optional[str] = None  # the project the finding is about, when it is about a project
    waived: Optional[str] = None  # the waiver's reason, when a waiver covers this finding
    baselined: bool = False  # in the --baseline file: known before, so it does not fail the check

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
            "location": {"file": self.file, "line": self.line},
            "related": [r.as_dict() for r in self.related],
            "fingerprint": self.fingerprint,
        }
        for key in ("role", "project"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.waived is not None:
            out["waived"] = self.waived
        if self.baselined:
            out["baselined"] = True
        return out


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether a severity reaches the --fail-on threshold ('none' never fails)."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold] and threshold != "none"


def summarize(findings: list[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for finding in findings:
        if not finding.suppressed:
            counts[finding.severity] += 1
    return counts
