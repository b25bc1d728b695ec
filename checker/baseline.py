"""Baselines: the findings a corpus already had, so that CI fails only on the ones an edit adds.

`plancheck baseline FILE` writes the fingerprints of the current findings (waived ones excluded: a
waiver that expires must bring its finding back) as sorted JSON, with rule, plan and target beside each
fingerprint so that a reviewer can read the file in a diff:

    {"version": 1, "tool": "plancheck",
     "findings": [{"fingerprint": "2d22210c3be60532", "rule": "vertical-assigned-value",
                   "plan": "zhongshan-fyp14", "target": "urbanization-rate"}, ...]}

`plancheck check --baseline FILE` reports the findings listed there as baselined: shown, neither
counted nor failing. A fingerprint hashes what a finding is about, never its line or wording, so moving
or reordering targets keeps a finding baselined; changing what it is about makes it new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Optional

from .discovery import display_name
from .findings import Finding
from .problems import InputError, Problem

VERSION = 1


@dataclass(frozen=True)
class Baseline:
    file: str
    entries: dict[str, dict[str, Any]]  # fingerprint -> {fingerprint, rule, plan, target}


def entry(finding: Finding) -> dict[str, Any]:
    out = {"fingerprint": finding.fingerprint, "rule": finding.rule, "plan": finding.plan}
    if finding.target:
        out["target"] = finding.target
    return out


def render(findings: Iterable[Finding]) -> str:
    """The baseline file for these findings: sorted, byte-identical across runs."""
    entries = sorted((entry(f) for f in findings if f.waived is None),
                     key=lambda e: (e["plan"], e["rule"], e.get("target", ""), e["fingerprint"]))
    return json.dumps({"version": VERSION, "tool": "plancheck", "findings": entries}, ensure_ascii=False,
                      indent=2) + "\n"


def load(path: Path) -> Baseline:
    """Read a baseline file; InputError with file:line for anything that is not one."""
    shown = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(shown, 0, 0, "baseline file not found; write one with "
                                               "`plancheck baseline FILE`")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(shown, 0, 0, f"cannot read baseline file: {exc}")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(shown, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")]) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError([Problem(shown, 1, 1, f"not a plancheck baseline: expected an object with "
                                               f"\"version\": {VERSION} and a \"findings\" list, as "
                                               "`plancheck baseline FILE` writes")])
    entries = {}
    for index, item in enumerate(data["findings"]):
        fingerprint = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise InputError([Problem(shown, 0, 0, f"findings[{index}] has no \"fingerprint\" string")])
        entries[fingerprint] = item
    return Baseline(shown, entries)


def apply(findings: list[Finding], baseline: Baseline) -> list[Finding]:
    """Mark the findings the baseline lists (waived ones stay waived)."""
    return [replace(f, baselined=True) if f.waived is None and f.fingerprint in baseline.entries else f
            for f in findings]


def fixed(findings: list[Finding], baseline: Baseline, plans: Optional[set[str]] = None) -> list[dict[str, Any]]:
    """Baseline entries no current finding matches (within the selected plans): they can be dropped."""
    current = {f.fingerprint for f in findings}
    return [e for fp, e in sorted(baseline.entries.items())
            if fp not in current and (plans is None or e.get("plan") in plans)]
