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
from typing import Any, Iterator, Optional

from ..evidence import Advice, Shows
from ..model import Plan, Quantity, Target
from ..quantities import Interval, interval_of
from .base import (TOLERANCE_OPTIONS, Comparison, Context, Hit, comparison_chart, comparison_steps, defaults,
                   options_schema, same_dimension, statements, target_name, tolerance, words)

ID = "duplicate_statement"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(**TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="同一指标只保留一个数值：改正其中一处；若两处口径确实不同（分期、范围不同），请在标签中写明区别。",
    en="Keep one number for the indicator: correct one of the two statements; if they really measure different things "
       "(a phase, a narrower area), say so in the label.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    """Each statement is held against the earlier ones of its group: it conflicts with some earlier one
    exactly when it lies wholly above the lowest earlier ceiling or below the highest earlier floor, so
    one pass per group finds every conflicting statement (linear even for a plan that repeats a number
    thousands of times)."""
    groups = defaultdict(list)
    for target in plan.targets:
        for quantity in statements(target):
            groups[(target.indicator, target.scope, target.share_of, target.cumulative, quantity.year)].append(
                (target, quantity))
    tol = tolerance(options)
    for group in groups.values():
        # the earlier statements with the highest floor and the lowest ceiling: (interval, target, quantity)
        highest_floor: Optional[tuple[Interval, Target, Quantity]] = None
        lowest_ceiling: Optional[tuple[Interval, Target, Quantity]] = None
        for target, quantity in group:
            if not same_dimension(target, group[0][0]):
                continue
            here = interval_of(quantity, target.unit, tol)
            for earlier, conflicts in ((highest_floor, lambda b: b.low > here.high),
                                       (lowest_ceiling, lambda b: b.high < here.low)):
                if earlier is not None and conflicts(earlier[0]) and earlier[1] is not target:
                    yield _hit(ctx, target, quantity, here, *earlier)
                    break
            if highest_floor is None or here.low > highest_floor[0].low:
                highest_floor = (here, target, quantity)
            if lowest_ceiling is None or here.high < lowest_ceiling[0].high:
                lowest_ceiling = (here, target, quantity)


def _hit(ctx: Context, second: Target, this: Quantity, this_interval: Interval, other_interval: Interval,
         first: Target, other: Quantity) -> Hit:
    comparison = Comparison(this.year, this, other, this_interval, other_interval)
    mine, theirs = comparison.words(second, first, "zh")
    zh = (f"{target_name(second, ctx, 'zh')}在本规划中出现两次且数值矛盾：第{second.source.line}行为"
          f"{words(second, this, 'zh')}，第{first.source.line}行为{words(first, other, 'zh')}"
          f"（{mine} 与 {theirs} 不相交）")
    en = (f"{target_name(second, ctx, 'en')} is stated twice with incompatible numbers: line "
          f"{second.source.line} says {words(second, this, 'en')}, line {first.source.line} says "
          f"{words(first, other, 'en')}")
    evidence = comparison.evidence(second, first)
    return Hit(
        at=second, related=[first], key=first.id, zh=zh, en=en, evidence=evidence,
        shows=Shows(values=(this, other), arithmetic=comparison_steps(evidence, second.unit),
                    chart=comparison_chart(evidence, second), advice=ADVICE.fill()))
