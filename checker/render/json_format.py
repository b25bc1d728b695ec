"""JSON, the machine contract of docs/DESIGN: stable keys, sorted findings, byte-identical across runs.

A finding's location is its file, line and column (of the target, role or project entry; 1 when the
finding is about a line that starts none), as linters report them."""

from __future__ import annotations

import json
from typing import Any


def as_data(report: Any, lang: str = "zh") -> dict[str, Any]:
    return {
        "version": 1,
        "plans": len(report.corpus.plans),
        "targets": report.corpus.target_count,
        "summary": report.summary,
        "findings": [_located(f.as_dict(lang), report) for f in report.findings],
    }


def _located(finding: dict[str, Any], report: Any) -> dict[str, Any]:
    location = finding["location"]
    location["column"] = report.column(location["file"], location["line"])
    return finding


def render(report: Any, lang: str = "zh") -> str:
    return json.dumps(as_data(report, lang), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
