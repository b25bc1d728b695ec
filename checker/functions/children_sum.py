"""children_sum: the numbers set for the parts of a region add up to more than its total.

For an additive indicator (GDP, population, investment), the counties' values cannot sum past the city's
total for the same year; a city cluster's members against the cluster's total. Groups that cover parts
of counties (a 中心城区, a 高新区) are not checked: their members may well add up to more. Each county's number is taken from its own plan or from what a plan above
assigns to it (the smallest lower bound when there are several), so the sum is the least the parts can
add up to; a finding means no reading of the numbers fits.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL: 60 + 50 万人 in two districts, but 100 万人 in the whole city::

    plans:
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: population, indicator: resident_population, unit: 万人, target: {year: 2025, value: 100}}
          - {id: zhongshan-population, indicator: resident_population, scope: "520201", unit: 万人,
             target: {year: 2025, value: 60}}
          - {id: shuicheng-population, indicator: resident_population, scope: "520204", unit: 万人,
             target: {year: 2025, value: 50}}

PASS::

    plans:
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: population, indicator: resident_population, unit: 万人, target: {year: 2025, value: 120}}
          - {id: zhongshan-population, indicator: resident_population, scope: "520201", unit: 万人,
             target: {year: 2025, value: 60}}
          - {id: shuicheng-population, indicator: resident_population, scope: "520204", unit: 万人,
             target: {year: 2025, value: 50}}
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..evidence import Advice, Shows, Text
from ..model import Target
from ..numbers import derived_places, number_text
from ..quantities import Interval, interval_of
from ..unit_names import unit_suffix
from .base import (Context, Hit, TOLERANCE_OPTIONS, canonical_unit, defaults, in_unit, interval_words, options_schema,
                   same_dimension, target_name, tolerance)

ID = "children_sum"
GIVEN = ("region",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(**TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"least_sum": Text("下级合计（至少）", "sum of the parts (at least)")}
TOTAL = Text("总量", "total")

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="下级地区之和超过了总量：与相关地区协调压减，或核对总量与各地区数值的口径。",
    en="The regions below add up to more than the total: agree reductions with them, or check that total and parts are measured alike.")


def check(code: str, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    region = ctx.regions[code]
    if region.level in ("county", "group"):
        return  # a group (中心城区, 高新区) covers parts of its members, so they may sum past it
    children = region.members if region.is_group else ctx.regions.children(code)
    if not children:
        return
    tol = tolerance(options)
    indicators = {t.indicator for t in ctx.graph.by_scope.get(code, ())}
    for indicator_id in sorted(indicators):
        indicator = ctx.indicators.get(indicator_id)
        if indicator is None or indicator.aggregation != "additive":
            continue
        for total in ctx.graph.targets_for(indicator_id, code):
            if total.share_of is not None or total.target is None or not total.target.has_number:
                continue
            year = total.target.year
            total_interval = interval_of(total.target, total.unit, tol)
            parts: list[tuple[Target, Interval]] = []
            for child in children:
                best = _least(ctx, indicator_id, child, year, total, tol)
                if best is not None:
                    parts.append(best)
            if not parts:
                continue
            least_sum = sum(interval.low for _, interval in parts)
            if least_sum <= total_interval.high:
                continue
            unit = total.unit
            inputs = [(total.target, unit), *((t.target, t.unit) for t, _ in parts)]
            shown = [in_unit(i.low, unit) for _, i in parts] + [in_unit(least_sum, unit)]
            places = derived_places(shown, inputs, [in_unit(v, unit) for v in (total_interval.low, total_interval.high)],
                                    unit=unit)

            def listing(lang: str) -> str:
                sep = "、" if lang == "zh" else ", "
                return sep.join(f"{ctx.region_name(t.scope)} {number_text(in_unit(i.low, unit), places)}"
                                f"{unit_suffix(unit, lang)}" for t, i in parts)

            def least(lang: str) -> str:
                return number_text(in_unit(least_sum, unit), places) + unit_suffix(unit, lang)

            def whole(lang: str) -> str:
                return interval_words(total_interval, unit, lang, inputs)

            evidence = {"total": total_interval.as_dict(), "least_sum": least_sum,
                        "parts": {t.scope: i.as_dict() for t, i in parts}, "canonical_unit": canonical_unit(unit)}
            yield Hit(
                at=total, related=[t for t, _ in parts], key=str(year),
                zh=f"{target_name(total, ctx, 'zh')}：下级区域{year}年合计至少{least('zh')}（{listing('zh')}），"
                   f"超过{ctx.region_name(code)}总量{whole('zh')}",
                en=f"{target_name(total, ctx, 'en')}: the parts of {ctx.region_name(code)} add up to at least "
                   f"{least('en')} in {year} ({listing('en')}), more than the total {whole('en')}",
                evidence=evidence,
                shows=Shows(labels=LABELS, advice=ADVICE.fill(), arithmetic=(
                    Text.of(lambda lang: f"{listing(lang)}; {LABELS['least_sum'](lang)}: {least(lang)}"),
                    Text.of(lambda lang: f"{TOTAL(lang)}: {whole(lang)}"))))


def _least(ctx: Context, indicator: str, child: str, year: int, total: Target, tol) -> Optional[tuple[Target, Interval]]:
    best: Optional[tuple[Target, Interval]] = None
    for target in ctx.graph.targets_for(indicator, child):
        if target.share_of is not None or target.cumulative != total.cumulative or not same_dimension(target, total):
            continue
        if target.target is None or not target.target.has_number or target.target.year != year:
            continue
        interval = interval_of(target.target, target.unit, tol)
        if best is None or interval.low < best[1].low:
            best = (target, interval)
    return best
