"""Base values from where the plan looks back: a target without a base gets the base-year level the
plan states for the same indicator in the same unit, when it states exactly one."""

from __future__ import annotations

from collections import defaultdict

from .candidate import Candidate
from .numbers import _plain
from .prose import Observation


def attach_bases(candidates: list[Candidate], observations: list[Observation], base_year: int) -> None:
    by_key: dict[tuple[str, str], set[float]] = defaultdict(set)
    first: dict[tuple[str, str], Observation] = {}
    for seen in observations:
        by_key[(seen.indicator, seen.unit)].add(seen.value)
        first.setdefault((seen.indicator, seen.unit), seen)
    for candidate in candidates:
        key = (candidate.match.indicator, candidate.unit)
        if candidate.match.indicator is None or "base" in candidate.values or len(by_key.get(key, ())) != 1:
            continue
        if "target" not in candidate.values or candidate.share_of or candidate.cumulative or candidate.scope:
            continue
        seen = first[key]
        candidate.values = {"base": {"year": base_year, "value": _plain(seen.value), "line": seen.line,
                                     "quote": seen.quote}, **candidate.values}
        candidate.review.append(f"base from line {seen.line}, where the plan looks back: is it the same measure?")
