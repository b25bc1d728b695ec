"""derived_base: a part's growth path checked from a base the plan implies (its total minus the other parts).

A plan often states a part's target and growth rate without its base-year value, while it does state the
total and the other parts for that year: 第三产业 2020 is then 地区生产总值 − 第一产业 − 第二产业. The
derived base (an interval, from the printed digits of every number used) is carried along the stated growth
rate exactly as `growth_path` does, with the same deflator band for money values; the evidence marks the
base as derived and names the numbers it came from.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5
    deflator_band: 3.0

FAIL: 三产 2020 = 300 − 30 − 120 = 150; at 1% a year it cannot reach 250 by 2025::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, base: {year: 2020, value: 300}}
          - {id: p1, indicator: gdp_primary, unit: 亿元, base: {year: 2020, value: 30}}
          - {id: p2, indicator: gdp_secondary, unit: 亿元, base: {year: 2020, value: 120}}
          - {id: p3, indicator: gdp_tertiary, unit: 亿元, growth: {value: 1}, target: {year: 2025, value: 250}}

PASS: 150 at 8% a year is 220 in 2025::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, base: {year: 2020, value: 300}}
          - {id: p1, indicator: gdp_primary, unit: 亿元, base: {year: 2020, value: 30}}
          - {id: p2, indicator: gdp_secondary, unit: 亿元, base: {year: 2020, value: 120}}
          - {id: p3, indicator: gdp_tertiary, unit: 亿元, growth: {value: 8}, target: {year: 2025, value: 220}}

PASS: one other part without its base leaves the derived base open (nothing is guessed)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, base: {year: 2020, value: 300}}
          - {id: p1, indicator: gdp_primary, unit: 亿元, base: {year: 2020, value: 30}}
          - {id: p3, indicator: gdp_tertiary, unit: 亿元, growth: {value: 1}, target: {year: 2025, value: 250}}
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterator, Optional

from ..model import Quantity, Target
from ..quantities import Interval, format_number, interval_of
from . import growth_path
from .base import TOLERANCE_OPTIONS, Context, defaults, Hit, in_unit, options_schema, target_name, tolerance

ID = "derived_base"
GIVEN = ("target",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS,
    deflator_band={"type": "number", "minimum": 0, "default": 3.0,
                   "description": "an implied yearly price change within ±this % explains a money gap (info)"})
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = growth_path.ADVICE  # the same three numbers to reconcile, one of them derived


def check(target: Target, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    if (target.base is not None and target.base.has_number) or target.growth is None or target.target is None:
        return
    if target.cumulative or target.share_of is not None or target.part_of is not None:
        return
    derived = _derived_base(target, ctx, tolerance(options))
    if derived is None:
        return
    base, whole, others = derived
    for hit in growth_path.check(replace(target, base=base), ctx, options):
        used = [whole, *others]
        terms = " − ".join(f"{target_name(t, ctx, 'zh')}{format_number(t.base.value)}" for t in used
                           if t.base.value is not None)
        terms_en = " − ".join(f"{target_name(t, ctx, 'en')} {format_number(t.base.value)}" for t in used
                              if t.base.value is not None)
        hit.zh = f"（基期值由本规划{base.year}年{terms}推得）{hit.zh}"
        hit.en = f"(base derived from the plan's {base.year} {terms_en}) {hit.en}"
        hit.related = used
        hit.evidence["base_derived"] = {"derived": True, "year": base.year, "from": [t.key for t in used],
                                        "interval": {"low": base.low, "high": base.high}}
        yield hit


def _derived_base(target: Target, ctx: Context, tol) -> Optional[tuple[Quantity, Target, list[Target]]]:
    """(the derived base in the target's unit, the total, the other parts), or None when any is missing."""
    plan = ctx.plan(target.plan)
    for whole_indicator in ctx.indicators.wholes_of(target.indicator):
        for whole in sorted(plan.targets, key=lambda t: t.id):
            if whole.indicator != whole_indicator.id or whole.scope != target.scope or whole.share_of is not None:
                continue
            if whole.base is None or not whole.base.has_number or whole.base.year is None or whole.cumulative:
                continue
            year = whole.base.year
            others = [_base_of(plan, part, target.scope, year) for part in whole_indicator.parts
                      if part != target.indicator]
            if any(other is None for other in others):
                continue
            left = interval_of(whole.base, whole.unit, tol)
            for other in others:
                part = interval_of(other.base, other.unit, tol)
                left = Interval(left.low - part.high, left.high - part.low)
            if left.low <= 0:
                continue
            low, high = in_unit(left.low, target.unit), in_unit(left.high, target.unit)
            return Quantity(year=year, low=low, high=high), whole, others
    return None


def _base_of(plan, indicator: str, scope: str, year: int) -> Optional[Target]:
    return next((t for t in sorted(plan.targets, key=lambda t: t.id) if t.indicator == indicator and t.scope == scope and t.share_of is None
                 and not t.cumulative and t.base is not None and t.base.has_number and t.base.year == year), None)
