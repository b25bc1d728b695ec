"""area_containment: an area inside another (regions.yaml `within`) cannot hold more, or grow more, than it.

钟山区's own 中心城区 lies inside 六盘水市中心城区, which spans 钟山区 and 水城区. For an additive quantity
(residents, output), the inner area's value in a year cannot exceed the outer area's, and its increase over
the period cannot exceed the outer area's increase unless the rest of the outer area shrinks: 钟山 adding
"20万人以上" to its 中心城区 while the city's plan grows the whole 中心城区 from 86万左右 to 100万左右 (about
14万) is a disagreement between the two plans. A stated increase (catalogue `increase_of`) counts as the
inner area's increase from the plan's base year. Two 左右 numbers rarely both err to the far end in opposite
directions, so by default the bands of an increase's two ends are combined as independent errors
(`combine: independent`, root of the sum of squares); `combine: worst` takes the full width.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5
    combine: independent   # or worst

FAIL: the inner 中心城区 adds 20万 or more; the whole one grows from 86万左右 to 100万左右::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: new, indicator: central_area_new_urban_population, unit: 万人, scope: zhongshan-central-city,
             target: {year: 2025, value: 20, op: ">="}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: core, indicator: urban_area_population, unit: 万人, scope: liupanshui-central-city,
             base: {year: 2020, value: 86, op: "~"}, target: {year: 2025, value: 100, op: "~"}}

PASS: the inner area's 62万 -> 80万 (18万) fits within the whole one's 86万左右 -> 100万左右::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: core, indicator: urban_area_population, unit: 万人, scope: zhongshan-central-city,
             base: {year: 2020, value: 62}, target: {year: 2025, value: 80}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: core, indicator: urban_area_population, unit: 万人, scope: liupanshui-central-city,
             base: {year: 2020, value: 86, op: "~"}, target: {year: 2025, value: 100, op: "~"}}

PASS: overlapping areas without `within` (a district and the central city it shares) are not compared::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 500}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: core-gdp, indicator: gdp, unit: 亿元, scope: liupanshui-central-city, target: {year: 2025, value: 400}}
"""

from __future__ import annotations

import math
from typing import Any, Iterator, Optional

from ..model import Quantity, Target
from ..quantities import Interval, describe, interval_of, quantity_evidence
from ..evidence import Advice, Shows, Text
from .base import (TOLERANCE_OPTIONS, Context, dated_numbers, defaults, Hit, in_own_unit, intervals_words,
                   options_schema, target_name, tolerance)

ID = "area_containment"
GIVEN = ("corpus",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS,
    combine={"enum": ["independent", "worst"], "default": "independent",
             "description": "how the tolerance bands of an increase's two ends combine: as independent errors (root of the sum of squares) or at full width"})
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="{inner}在{outer}之内：两份规划的数值须协调，或说明外层其余部分如何变化。",
                en="{inner} lies within {outer}: reconcile the two plans' numbers, or say how the rest of the outer "
                   "area changes.")


def check(corpus: Any, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    independent = options.get("combine", "independent") != "worst"
    nested = {code: r.within for code, r in sorted(ctx.regions.regions.items()) if r.is_group and r.within}
    if not nested:
        return
    scopes = set(nested) | set(nested.values())
    targets = sorted((t for plan in ctx.corpus.plans.values() for t in plan.targets if t.scope in scopes),
                     key=lambda t: t.key)
    numbers = {key: in_own_unit(stated, ctx) for key, stated in dated_numbers(targets).items()}
    for (indicator_id, inner_scope, year), inner in sorted(numbers.items()):
        outer_scope = nested.get(inner_scope)
        indicator = ctx.indicators.get(indicator_id)
        if outer_scope is None or indicator is None or indicator.aggregation != "additive":
            continue
        for mine, mine_q in inner:
            for theirs, theirs_q in numbers.get((indicator_id, outer_scope, year), []):
                a, b = interval_of(mine_q, mine.unit, tol), interval_of(theirs_q, theirs.unit, tol)
                if a.low > b.high:
                    yield _level_hit(ctx, mine, mine_q, theirs, theirs_q, a, b, outer_scope)
    for inner_target, growth, start, end in _increases(targets, nested, ctx, tol, independent):
        outer_scope = nested[inner_target.scope]
        indicator_id = _level_indicator(inner_target, ctx)
        for outer in targets:
            if outer.scope != outer_scope or outer.indicator != indicator_id:
                continue
            outer_growth = _growth(outer, start, end, tol, independent)
            if outer_growth is not None and growth.low > outer_growth.high:
                yield _increase_hit(ctx, inner_target, growth, outer, outer_growth, start, end, outer_scope)
                break


def _level_indicator(target: Target, ctx: Context) -> str:
    return ctx.indicators[target.indicator].increase_of or target.indicator


def _increases(targets, nested, ctx: Context, tol, independent):
    """(inner target, its increase interval, from year, to year) for every inner area's stated change."""
    for target in targets:
        if target.scope not in nested or target.cumulative:
            continue
        indicator = ctx.indicators.get(target.indicator)
        if indicator is None:
            continue
        if indicator.increase_of and target.target is not None and target.target.year is not None:
            added = interval_of(target.target, target.unit, tol)
            start = ctx.plan(target.plan).period.base_year
            if added is not None:
                yield target, added, start, target.target.year
        elif indicator.aggregation == "additive" and target.base is not None and target.target is not None:
            growth = _growth(target, target.base.year, target.target.year, tol, independent)
            if growth is not None:
                yield target, growth, target.base.year, target.target.year


def _growth(target: Target, start: Optional[int], end: Optional[int], tol, independent: bool) -> Optional[Interval]:
    """target − base between those years, in canonical units."""
    base, goal = target.base, target.target
    if base is None or goal is None or base.year != start or goal.year != end or start is None or start >= end:
        return None
    low_end, high_end = interval_of(base, target.unit, tol), interval_of(goal, target.unit, tol)
    if low_end is None or high_end is None or not low_end.bounded or not high_end.bounded:
        return None
    centre = _centre(high_end) - _centre(low_end)
    half = [(high_end.high - high_end.low) / 2, (low_end.high - low_end.low) / 2]
    spread = math.hypot(*half) if independent else sum(half)
    return Interval(centre - spread, centre + spread)


def _centre(interval: Interval) -> float:
    return (interval.low + interval.high) / 2


def _level_hit(ctx, mine, mine_q: Quantity, theirs, theirs_q: Quantity, a, b, outer_scope) -> Hit:
    inner_name, outer_name = ctx.region_name(mine.scope), ctx.region_name(outer_scope)
    return Hit(
        at=mine, related=[theirs], key=f"level/{theirs.key}/{mine_q.year}", indicator=mine.indicator, region=mine.scope,
        zh=f"{inner_name}位于{outer_name}之内，本规划其{target_name(mine, ctx, 'zh')}为{describe(mine_q, mine.unit, 'zh')}，"
           f"超过{ctx.plan_name(theirs.plan)}为整个{outer_name}设定的{describe(theirs_q, theirs.unit, 'zh')}",
        en=f"{inner_name} lies within {outer_name}; this plan gives it {describe(mine_q, mine.unit, 'en')} of "
           f"{target_name(mine, ctx, 'en')}, more than the {describe(theirs_q, theirs.unit, 'en')} "
           f"{ctx.plan_name(theirs.plan, 'en')} sets for the whole of {outer_name}",
        evidence={"inner": quantity_evidence(mine_q, mine.unit), "outer": quantity_evidence(theirs_q, theirs.unit),
                  "inner_interval": a.as_dict(), "outer_interval": b.as_dict(), "within": outer_scope},
        shows=Shows(values=(mine_q, theirs_q),
                    arithmetic=(Text.of(lambda lang: f"{describe(mine_q, mine.unit, lang)} > "
                                                     f"{describe(theirs_q, theirs.unit, lang)}"),),
                    advice=ADVICE.fill(lambda lang: {"inner": inner_name, "outer": outer_name})))


def _increase_hit(ctx, inner, growth: Interval, outer, outer_growth: Interval, start: int, end: int,
                  outer_scope: str) -> Hit:
    inner_name, outer_name = ctx.region_name(inner.scope), ctx.region_name(outer_scope)
    unit = outer.unit
    inputs = ((inner.base, inner.unit), (inner.target, inner.unit), (outer.base, unit), (outer.target, unit))
    (inner_zh, outer_zh), (inner_en, outer_en) = (intervals_words((growth, outer_growth), unit, lang, inputs)
                                                  for lang in ("zh", "en"))
    return Hit(
        at=inner, related=[outer], key=f"increase/{outer.key}", indicator=outer.indicator, region=inner.scope,
        zh=f"{inner_name}位于{outer_name}之内，本规划其{start}—{end}年增加{inner_zh}"
           f"（{target_name(inner, ctx, 'zh')}），而{ctx.plan_name(outer.plan)}整个{outer_name}的"
           f"{target_name(outer, ctx, 'zh')}由{describe(outer.base, unit, 'zh')}到{describe(outer.target, unit, 'zh')}，"
           f"只增加{outer_zh}：除非区内其余部分减少，两者不能同时成立",
        en=f"{inner_name} lies within {outer_name}; this plan adds {inner_en} there from {start} to {end} "
           f"({target_name(inner, ctx, 'en')}), but {ctx.plan_name(outer.plan, 'en')} grows the whole of {outer_name} "
           f"from {describe(outer.base, unit, 'en')} to {describe(outer.target, unit, 'en')}, by {outer_en}: "
           "both hold only if the rest of the outer area shrinks",
        evidence={"inner_increase": growth.as_dict(), "outer_increase": outer_growth.as_dict(),
                  "outer_base": quantity_evidence(outer.base, unit), "outer_target": quantity_evidence(outer.target, unit),
                  "from": start, "to": end, "within": outer_scope},
        shows=Shows(values=(inner.target, outer.target),
                    arithmetic=(Text(f"{inner_zh} > {outer_zh}", f"{inner_en} > {outer_en}"),),
                    advice=ADVICE.fill(lambda lang: {"inner": inner_name, "outer": outer_name})))
