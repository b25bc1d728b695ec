"""Waivers: findings a reviewer has accepted for now, each with a reason and an expiry date.

A waivers file (`schema: plancheck/waivers/v1`; by convention waivers.yaml beside regions.yaml, or any
file named with `--waivers`) lists them:

    # yaml-language-server: $schema=../checker/schema/waivers.schema.json
    schema: plancheck/waivers/v1
    waivers:
      - rule: vertical-assigned-value
        plan: zhongshan-fyp14
        target: urbanization-rate       # optional: without it, every finding of the rule on the plan
        fingerprint: 2d22210c3be60532   # optional: that one finding only (from the JSON output)
        reason: 市级城镇化规划修编中，钟山区城镇化率目标待统一
        expires: "2026-12-31"           # quoted: the strict loader refuses a bare date
        approved_by: 省发展改革委规划处    # optional

A waiver covers the findings that match every key it gives. Until `expires` (that day included) a
covered finding is reported as waived: shown with the reason, neither counted nor failing. After it the
finding counts again, and an info finding `waiver-expired` at the waiver's line says why. A waiver that
covers nothing is reported as `waiver-unused` (a warning), so that stale waivers get removed. Waivers
live in their own file, not in the plan they excuse: accepting a finding is the reviewer's decision.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from .corpus import Corpus, LoadedFile, read_file
from .discovery import display_name
from .findings import Finding, Related, SubjectRef
from .loader import locate
from .model import Location
from .problems import InputError, Problem
from .references import _suggest

SCHEMA_ID = "plancheck/waivers/v1"


@dataclass(frozen=True)
class Waiver:
    rule: str
    plan: str
    reason: str
    expires: date  # the last day the waiver holds
    file: str
    line: int
    column: int = 1
    target: Optional[str] = None
    fingerprint: Optional[str] = None
    approved_by: Optional[str] = None

    def covers(self, finding: Finding) -> bool:
        return (finding.rule == self.rule and finding.plan == self.plan
                and self.target in (None, finding.target) and self.fingerprint in (None, finding.fingerprint))

    def expired(self, today: date) -> bool:
        return today > self.expires

    @property
    def subject(self) -> str:
        """What the waiver names, as messages show it: plan/target#fingerprint."""
        target = f"/{self.target}" if self.target else ""
        return self.plan + target + (f"#{self.fingerprint}" if self.fingerprint else "")


@dataclass(frozen=True)
class MetaRule:
    """A rule about the waivers themselves; listed beside the rule sets' rules in SARIF and JUnit."""

    id: str
    severity: str
    category: str
    family: str
    description: str
    doc: str


# Category and family stay within the findings contract (DESIGN.md): a waivers file that disagrees with
# the findings is an inconsistency of the checked material itself, not a relation between plans.
EXPIRED = MetaRule(
    "waiver-expired", "info", "inconsistency", "internal",
    "a waiver has passed its expiry date; its findings count again",
    """A waiver in a waivers file has passed its `expires` date.

The findings it covered are reported again, as they are, and fail the check as any other finding. This
info finding stands at the waiver's line and lists them. Renew the waiver (a new `expires`, and a reason
that still holds) or fix the plan and delete the waiver.
""")
UNUSED = MetaRule(
    "waiver-unused", "warning", "inconsistency", "internal", "a waiver covers no finding",
    """A waiver in a waivers file covers no finding of the current check.

The plan was fixed, the rule changed, or the waiver names the wrong rule, plan, target or fingerprint.
Delete the waiver, or correct it, so that the file lists only what is really accepted.
""")
RULES = (EXPIRED, UNUSED)


def read_waivers(files: Iterable[LoadedFile], corpus: Corpus, rule_ids: Iterable[str]) -> list[Waiver]:
    """The waivers of schema-valid waivers files, checked against the corpus and the rules in force."""
    problems: list[Problem] = []
    known_rules = sorted(rule_ids)
    waivers = []
    for loaded in files:
        for index, item in enumerate(loaded.data["waivers"]):
            def at(*path: str) -> tuple[int, int]:
                return locate(loaded.data, ["waivers", index, *path])

            def problem(key: str, message: str) -> None:
                problems.append(Problem(loaded.display, *at(key), message))

            try:
                expires = date.fromisoformat(item["expires"])
            except ValueError:
                problem("expires", f"expires: '{item['expires']}' is not a calendar date; write \"YYYY-MM-DD\"")
                continue
            if item["rule"] not in known_rules:
                problem("rule", f"unknown or disabled rule '{item['rule']}'{_suggest(item['rule'], known_rules)}; "
                                "see `plancheck rules`")
            plan = corpus.plans.get(item["plan"])  # None also when a focused check did not load it
            if item["plan"] not in corpus.plan_ids:
                problem("plan", f"no plan '{item['plan']}' in the corpus{_suggest(item['plan'], sorted(corpus.plan_ids))}")
            elif plan is not None and "target" in item and item["target"] not in {t.id for t in plan.targets}:
                targets = [t.id for t in plan.targets]
                problem("target", f"plan '{plan.id}' has no target '{item['target']}'"
                                  f"{_suggest(item['target'], targets)}; waive a finding about a role, project "
                                  "or the whole plan by its fingerprint")
            waivers.append(Waiver(rule=item["rule"], plan=item["plan"], reason=item["reason"], expires=expires,
                                  file=loaded.display, line=at()[0], column=at()[1], target=item.get("target"),
                                  fingerprint=item.get("fingerprint"), approved_by=item.get("approved_by")))
    if problems:
        raise InputError(problems)
    return waivers


def load_waiver_files(paths: Iterable[Path]) -> list[LoadedFile]:
    """Waivers files named on the command line (--waivers), schema-checked."""
    problems: list[Problem] = []
    files = []
    for path in paths:
        if not path.is_file():
            problems.append(Problem(display_name(path), 0, 0, "waivers file not found"))
            continue
        try:
            loaded = read_file(path, "waivers")
        except InputError as err:
            problems.extend(err.problems)
            continue
        if loaded.kind != "waivers":
            schema = loaded.data.get("schema")
            problems.append(Problem(loaded.display, *locate(loaded.data, ["schema"]),
                                    f"not a waivers file: its schema is '{schema}', not '{SCHEMA_ID}'"))
            continue
        files.append(loaded)
    if problems:
        raise InputError(problems)
    return files


def apply(findings: list[Finding], waivers: list[Waiver], today: date,
          plans: Optional[set[str]] = None) -> list[Finding]:
    """Mark covered findings as waived and report expired and unused waivers, sorted as findings are.

    `plans` is the selection the findings were narrowed to (--plan, --changed): waivers of other plans
    are neither used nor reported, since their findings were left out on purpose.
    """
    covered: dict[Waiver, list[Finding]] = {w: [] for w in waivers}
    out = []
    for finding in findings:
        matching = [w for w in waivers if w.covers(finding)]
        for waiver in matching:
            covered[waiver].append(finding)
        active = next((w for w in matching if not w.expired(today)), None)
        out.append(replace(finding, waived=active.reason) if active else finding)
    for waiver in waivers:
        if plans is not None and waiver.plan not in plans:
            continue
        if waiver.expired(today):
            out.append(_expired(waiver, covered[waiver]))
        elif not covered[waiver]:
            out.append(_unused(waiver))
    return sorted(out, key=Finding.sort_key)


def _target_ref(plan: str, target: Optional[str]) -> SubjectRef:
    """A waiver names a plan and at most a target (a covered finding's role or project is not part of
    the waiver finding's identity: its fingerprint hashes plan/target only)."""
    return SubjectRef(plan, "target", target) if target else SubjectRef(plan)


def _about(waiver: Waiver, rule: MetaRule, message: dict[str, str], related: list[Finding]) -> Finding:
    return Finding(rule=rule.id, severity=rule.severity, category=rule.category, family=rule.family,
                   ref=_target_ref(waiver.plan, waiver.target),
                   message=message, location=Location(waiver.file, waiver.line, waiver.column),
                   evidence={"rule": waiver.rule, "reason": waiver.reason, "expires": waiver.expires.isoformat(),
                             "covers": len(related)},
                   related=tuple(Related(_target_ref(f.plan, f.target), f.location) for f in related),
                   subject_key=f"waiver:{waiver.rule}:{waiver.subject}:{waiver.expires.isoformat()}")


def _expired(waiver: Waiver, covered: list[Finding]) -> Finding:
    day, count = waiver.expires.isoformat(), len(covered)
    if covered:
        zh = (f"豁免已于{day}到期：{waiver.rule}（{waiver.subject}）的{count}项发现重新计入；"
              f"请续期（更新 expires）或修改规划后删除该豁免。原理由：{waiver.reason}")
        en = (f"waiver expired on {day}: {count} finding(s) of {waiver.rule} on {waiver.subject} count again; "
              f"renew it (a new expires) or fix the plan and delete it. Reason was: {waiver.reason}")
    else:
        zh = f"豁免已于{day}到期，且已不覆盖任何发现（{waiver.rule}，{waiver.subject}）：请删除该豁免"
        en = f"waiver expired on {day} and covers no finding any more ({waiver.rule} on {waiver.subject}): delete it"
    return _about(waiver, EXPIRED, {"zh": zh, "en": en}, covered)


def _unused(waiver: Waiver) -> Finding:
    zh = f"豁免未覆盖任何发现：{waiver.rule} 在 {waiver.subject} 上没有相应发现；请删除或更正该豁免"
    en = f"waiver covers no finding: {waiver.rule} reports nothing on {waiver.subject}; delete or correct it"
    return _about(waiver, UNUSED, {"zh": zh, "en": en}, [])
