"""JSON, the machine contract of docs/DESIGN: stable keys, sorted findings, byte-identical across runs.

A finding's location is its file, line and column (of the target, role or project entry; 1 when the
finding is about a line that starts none), as linters report them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report


def as_data(report: Report, lang: str = "zh") -> dict[str, Any]:
    return {
        "version": 1,
        "plans": len(report.corpus.plans),
        "targets": report.corpus.target_count,
        "summary": report.summary,
        "findings": [f.as_dict(lang) for f in report.findings],
    }


def render(report: Report, lang: str = "zh") -> str:
    return json.dumps(as_data(report, lang), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
