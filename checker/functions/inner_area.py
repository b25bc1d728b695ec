"""inner_area: derived quantities against stated levels, inside one plan.

Two derivations a careful reader makes:

- A rate times its base (catalogue `ratio_of`: urbanization rate × resident population = urban
  population) gives the region's urban residents; an area inside the region (a group in regions.yaml
  whose counties all lie in it, such as the district's own 中心城区) cannot have more residents of the
  kind the catalogue bounds (`bounded_by`: 城区常住人口 ≤ 城镇人口) than that. "城镇化率75%" of "100万人左右"
  is about 75万 urban residents, fewer than the 80万 its 中心城区 is to hold.
- A stated increase (catalogue `increase_of`: 新增城镇人口 of 城镇人口) added to the base the plan gives
  must reach the level it states: 62万 + "20万人以上" is more than the 80万 of the same table.

A floor (以上) on either side leaves the derived number open upward and is never a finding on that side.
One finding per area and year.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL: 75% of 100万人左右 is at most 77.3万 urban residents; the central city inside is to hold 80万::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: rate, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 75}}
          - {id: pop, indicator: resident_population, unit: 万人, target: {year: 2025, value: 100, op: "~"}}
          - {id: core, indicator: urban_area_population, unit: 万人, scope: zhongshan-central-city,
             target: {year: 2025, value: 80}}

FAIL: 62万 in 2020 and 20万 or more new residents is not the 80万 stated for 2025::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: core, indicator: urban_area_population, unit: 万人, scope: zhongshan-central-city,
             base: {year: 2020, value: 62}, target: {year: 2025, value: 80}}
          - {id: new, indicator: central_area_new_urban_population, unit: 万人, scope: zhongshan-central-city,
             target: {year: 2025, value: 20, op: ">="}}

PASS: 85% or more of 88.5万 leaves room for the urban area's 70万::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: rate, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 85, op: ">="}}
          - {id: pop, indicator: resident_population, unit: 万人, target: {year: 2025, value: 88.5}}
          - {id: core, indicator: urban_area_population, unit: 万人, scope: zhongshan-central-city,
             target: {year: 2025, value: 70}}

PASS: an area that overlaps the region without lying inside it (the city's central city spans two districts)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: rate, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 75}}
          - {id: pop, indicator: resident_population, unit: 万人, target: {year: 2025, value: 100}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: core, indicator: urban_area_population, unit: 万人, scope: liupanshui-central-city,
             target: {year: 2025, value: 100}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..model import Plan, Quantity, Target
from ..quantities import Interval, describe, interval_of, quantity_evidence
from ..numbers import written
from ..evidence import Advice, Shows, Text
from .base import (TOLERANCE_OPTIONS, Context, dated_numbers, defaults, Hit, in_own_unit, interval_words,
                   options_schema, target_name, tolerance)

ID = "inner_area"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="推得的数值与所写数值至少改一项：{derived}；或核对各数的口径。",
                en="Change one of the numbers: {derived}; or check their calibers.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    kinds = {t.indicator for t in plan.targets}
    if any(ctx.indicators[i].bounded_by for i in kinds if i in ctx.indicators):
        numbers = {key: in_own_unit(stated, ctx) for key, stated in dated_numbers(plan.targets).items()}
        yield from _urban_residents_inside(numbers, ctx, tol)
    if any(ctx.indicators[i].increase_of for i in kinds if i in ctx.indicators):
        yield from _base_plus_increase(plan, ctx, tol)


def _urban_residents_inside(numbers, ctx: Context, tol) -> Iterator[Hit]:
    for (indicator_id, area, year), stated in numbers.items():
        indicator = ctx.indicators.get(indicator_id)
        if indicator is None or indicator.bounded_by is None or not stated:
            continue
        for region in _regions_around(area, ctx, {scope for (_, scope, _) in numbers}):
            inner, inner_q, inner_i = max(((t, q, interval_of(q, t.unit, tol)) for t, q in stated),
                                          key=lambda item: item[2].low)
            short = [d for d in _derived(indicator.bounded_by, region, year, numbers, ctx, tol)
                     if d[2].high < inner_i.low]
            if not short:
                continue
            # the most generous reading that still falls short: the finding holds for every reading
            (rate, rate_q), (base, base_q), product = max(short, key=lambda d: d[2].high)

            def product_words(lang: str) -> str:
                return interval_words(product, inner.unit, lang, ((rate_q, rate.unit), (base_q, base.unit)),
                                      written(inner_q))

            yield Hit(
                at=inner, related=[rate, base], key=f"derived/{region}/{year}", indicator=indicator_id, region=area,
                zh=f"{ctx.region_name(area)}位于{ctx.region_name(region)}之内，其{target_name(inner, ctx, 'zh')}"
                   f"{describe(inner_q, inner.unit, 'zh')}，而本规划{target_name(rate, ctx, 'zh')}"
                   f"{describe(rate_q, rate.unit, 'zh')}乘{target_name(base, ctx, 'zh')}{describe(base_q, base.unit, 'zh')}"
                   f"只得{product_words('zh')}：区域内一片地区的人数不能超过全区",
                en=f"{ctx.region_name(area)} lies within {ctx.region_name(region)}, and its {target_name(inner, ctx, 'en')} "
                   f"is {describe(inner_q, inner.unit, 'en')}, but the plan's {target_name(rate, ctx, 'en')} "
                   f"({describe(rate_q, rate.unit, 'en')}) times {target_name(base, ctx, 'en')} "
                   f"({describe(base_q, base.unit, 'en')}) gives only {product_words('en')}: "
                   "an area inside a region cannot hold more than the region",
                evidence={"inner": quantity_evidence(inner_q, inner.unit), "rate": quantity_evidence(rate_q, rate.unit),
                          "base": quantity_evidence(base_q, base.unit), "derived": product.as_dict(),
                          "derived_indicator": indicator.bounded_by, "region": region, "area": area},
                shows=Shows(values=(inner_q, rate_q, base_q),
                            arithmetic=(Text.of(lambda lang: f"{describe(rate_q, rate.unit, lang)} × "
                                                             f"{describe(base_q, base.unit, lang)} = "
                                                             f"{product_words(lang)} < "
                                                             f"{describe(inner_q, inner.unit, lang)}"),),
                            advice=ADVICE.fill(lambda lang: {"derived": f"{target_name(rate, ctx, lang)} × "
                                                                        f"{target_name(base, ctx, lang)} = "
                                                                        f"{product_words(lang)}"})))
            break


def _regions_around(area: str, ctx: Context, scopes: set[str]) -> list[str]:
    """Scopes of this plan that an area lies inside (all its counties in theirs, and it is not the region)."""
    counties = ctx.regions.counties_in(area)
    group = ctx.regions.get(area)
    if not counties or group is None or not group.is_group:
        return []
    return sorted(s for s in scopes if s != area and counties <= ctx.regions.counties_in(s)
                  and not (ctx.regions.get(s) and ctx.regions[s].is_group))


def _derived(indicator_id: str, region: str, year: int, numbers, ctx: Context, tol
             ) -> list[tuple[tuple[Target, Quantity], tuple[Target, Quantity], Interval]]:
    """Every rate × base for `indicator_id` (the numerator of a catalogue ratio_of) the plan states."""
    found = []
    for rate_indicator in ctx.indicators.rates_of(indicator_id):
        base_id = rate_indicator.ratio_of[1]
        for rate, rate_q in numbers.get((rate_indicator.id, region, year), []):
            for base, base_q in numbers.get((base_id, region, year), []):
                r, b = interval_of(rate_q, rate.unit, tol, canonical=False), interval_of(base_q, base.unit, tol)
                if r is None or b is None or r.low < 0 or b.low < 0:
                    continue
                found.append(((rate, rate_q), (base, base_q), Interval(r.low * b.low / 100, r.high * b.high / 100)))
    return found


def _base_plus_increase(plan: Plan, ctx: Context, tol) -> Iterator[Hit]:
    by_id = sorted(plan.targets, key=lambda t: t.id)
    for increase in by_id:
        indicator = ctx.indicators.get(increase.indicator)
        q = increase.target
        if indicator is None or indicator.increase_of is None or q is None or not q.has_number or q.year is None:
            continue
        for level in by_id:
            if level.indicator != indicator.increase_of or level.scope != increase.scope or level.cumulative:
                continue
            if level.base is None or level.target is None or level.target.year != q.year or not level.base.has_number:
                continue
            base_i, target_i = interval_of(level.base, level.unit, tol), interval_of(level.target, level.unit, tol)
            added = interval_of(q, increase.unit, tol)
            if base_i is None or target_i is None or added is None:
                continue
            reached = base_i + added
            if reached.intersects(target_i):
                continue

            def reached_words(lang: str) -> str:
                return interval_words(reached, level.unit, lang, ((level.base, level.unit), (q, increase.unit)),
                                      written(level.target))

            yield Hit(
                at=increase, related=[level], key=f"increase/{level.id}", indicator=increase.indicator,
                region=increase.scope,
                zh=f"{target_name(level, ctx, 'zh')}基期{describe(level.base, level.unit, 'zh')}加上"
                   f"{target_name(increase, ctx, 'zh')}{describe(q, increase.unit, 'zh')}为"
                   f"{reached_words('zh')}，与同一规划的{describe(level.target, level.unit, 'zh')}不符",
                en=f"{target_name(level, ctx, 'en')}: the base {describe(level.base, level.unit, 'en')} plus "
                   f"{target_name(increase, ctx, 'en')} ({describe(q, increase.unit, 'en')}) is "
                   f"{reached_words('en')}, not the {describe(level.target, level.unit, 'en')} the plan states",
                evidence={"base": quantity_evidence(level.base, level.unit),
                          "increase": quantity_evidence(q, increase.unit),
                          "target": quantity_evidence(level.target, level.unit), "reached": reached.as_dict()},
                shows=Shows(values=(q, level.target),
                            arithmetic=(Text.of(lambda lang: f"{describe(level.base, level.unit, lang)} + "
                                                             f"{describe(q, increase.unit, lang)} = "
                                                             f"{reached_words(lang)}"),),
                            advice=ADVICE.fill(lambda lang: {"derived": f"{describe(level.base, level.unit, lang)} + "
                                                                        f"{describe(q, increase.unit, lang)} = "
                                                                        f"{reached_words(lang)}"})))
            break
