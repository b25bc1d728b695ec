"""Base values from where the plan looks back: a target without a base gets the base-year level the
plan states for the same indicator in the same unit, when it states exactly one."""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

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
        if candidate.caliber and candidate.caliber.startswith(("不含", "不包括")):
            continue  # a look-back level is the whole region's: not the measure that leaves an area out
        seen = first[key]
        candidate.values = {"base": {"year": base_year, "value": _plain(seen.value), "line": seen.line,
                                     "quote": seen.quote}, **candidate.values}
        candidate.review.append(f"base from line {seen.line}, where the plan looks back: is it the same measure?")


def resolve_doublings(candidates: list[Candidate], observations: list[Observation], base_year: int,
                      vision_year: Optional[int]) -> None:
    """比2025年翻一番: where the draft holds exactly one stated level (a plain value, not a bound) of the
    indicator for the year compared with, the target is that level times 2^n, with the level as its base;
    else the target keeps no value and says why. Either way a person confirms it."""
    levels: dict[tuple[str, int], set[float]] = defaultdict(set)
    cited: dict[tuple[str, int], tuple[float, int, str]] = {}
    for candidate in candidates:
        if (candidate.doubling or candidate.scope or candidate.share_of or candidate.cumulative
                or candidate.match.indicator is None):
            continue
        for key in ("base", "target", "vision"):
            value = candidate.values.get(key)
            if value and value.get("year") is not None and value.get("value") is not None and value.get("op", "=") == "=":
                at = (candidate.match.indicator, value["year"])
                levels[at].add(float(value["value"]))
                cited.setdefault(at, (value["value"], value.get("line", candidate.line),
                                      value.get("quote", candidate.quote)))
    for seen in observations:
        levels[(seen.indicator, base_year)].add(float(seen.value))
        cited.setdefault((seen.indicator, base_year), (seen.value, seen.line, seen.quote))
    for candidate in candidates:
        relation = candidate.doubling
        if relation is None or candidate.values:
            continue
        slot = "vision" if vision_year is not None and relation["year"] >= vision_year else "target"
        at = (candidate.match.indicator, relation["from"])
        words = f"{relation['factor']} × the {relation['from']} level by {relation['year']}" + (
            " or more" if relation["floor"] else "")
        if len(levels.get(at, ())) != 1:
            candidate.review.append(f"翻番: {words}; the text states no one {relation['from']} level of this "
                                    "indicator, so no value is written")
            continue
        value, line, quote = cited[at]
        target = {"year": relation["year"], "value": _plain(float(value) * relation["factor"])}
        if relation["floor"]:
            target["op"] = ">="
        candidate.values = {"base": {"year": relation["from"], "value": value, "line": line, "quote": quote},
                            slot: target}
        candidate.review.append(f"翻番: {words}, from the level on line {line}; the text writes no number")
