"""Intake: draft a plan file from a plan document, every value cited (`plancheck extract`).

The pipeline is pipeline.py (read -> tables and prose -> match -> draft); `extract` and `Extraction` are
named here for callers and imported on first use, so that `plancheck check`, which verifies citations
through citations.py (read.py, numbers.py), never loads the extraction machinery.
"""

from __future__ import annotations

from typing import Any

_PIPELINE = ("extract", "Extraction", "LEVELS", "check_region", "detect_period")


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
