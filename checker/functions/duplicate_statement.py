"""duplicate_statement: one plan states the same indicator twice, with numbers that cannot both hold.

Long plans repeat their key figures in the indicator table and again in the chapters. When the two
statements for the same region, year and indicator give incompatible numbers (80万 in the table, 92万 in
the text), a reader cannot tell which one the plan means.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: urbanization, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 75}}
          - {id: urbanization-again, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 80}}

PASS: "75%左右" and "75%" agree::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: urbanization, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 75}}
          - {id: urbanization-again, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 75, op: "~"}}
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from ..model import Plan
from .base import Context, Hit, compare, interval_words, target_name, words

ID = "duplicate_statement"
GIVEN = ("plan",)
OPTIONS: dict[str, Any] = {"about_relative": 0.03, "about_points": 0.5}


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    groups = defaultdict(list)
    for target in plan.targets:
        groups[(target.indicator, target.scope, target.share_of, target.cumulative)].append(target)
    same_year_only = {**options, "project_years": False}
    for group in groups.values():
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                found = compare(second, first, same_year_only)
                if found is None or found.this_interval.intersects(found.other_interval):
                    continue
                yield Hit(
                    at=second, related=[first], key=first.id,
                    zh=f"{target_name(second, ctx, 'zh')}在本规划中出现两次且数值矛盾：第{second.source.line}行为"
                       f"{words(second, found.this, 'zh')}，第{first.source.line}行为{words(first, found.other, 'zh')}"
                       f"（{interval_words(found.this_interval, second.unit)} 与 {interval_words(found.other_interval, first.unit)} 不相交）",
                    en=f"{target_name(second, ctx, 'en')} is stated twice with incompatible numbers: line "
                       f"{second.source.line} says {words(second, found.this, 'en')}, line {first.source.line} says "
                       f"{words(first, found.other, 'en')}",
                    evidence=found.evidence(second, first))
