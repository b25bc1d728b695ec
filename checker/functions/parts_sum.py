"""parts_sum: the parts of a total (catalogue `parts`) must add up to it, within rounding.

GDP is the sum of the primary, secondary and tertiary sectors. When a plan states all three and the total
for the same year, their sum must fit the total. Each printed number stands for an interval (its last
digit rounded), so a sum that is off by the last printed digit is not a finding.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL: 30 + 200 + 270 = 500, but the total says 600::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 600}}
          - {id: p1, indicator: gdp_primary, unit: 亿元, target: {year: 2025, value: 30}}
          - {id: p2, indicator: gdp_secondary, unit: 亿元, target: {year: 2025, value: 200}}
          - {id: p3, indicator: gdp_tertiary, unit: 亿元, target: {year: 2025, value: 270}}

PASS: 7.6 + 103.9 + 197.67 = 309.17::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 309.17}}
          - {id: p1, indicator: gdp_primary, unit: 亿元, target: {year: 2025, value: 7.6}}
          - {id: p2, indicator: gdp_secondary, unit: 亿元, target: {year: 2025, value: 103.9}}
          - {id: p3, indicator: gdp_tertiary, unit: 亿元, target: {year: 2025, value: 197.67}}
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..evidence import LABELS, Advice, Bar, IntervalChart, Label, Shows, Text
from ..model import Plan
from ..quantities import Interval, format_number, interval_of, quantity_evidence
from .base import (Context, GOAL, Hit, TOLERANCE_OPTIONS, canonical_unit, defaults, in_unit, intervals_words,
                   options_schema, target_name, tolerance)

ID = "parts_sum"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(**TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="调整其中一个分项或总量，使各分项之和等于总量；若口径不同（如统计范围、价格口径），请在表注中说明。",
    en="Change one part or the total so that the parts add up to it; if they are measured differently (scope, prices), "
       "say so in a table note.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    for whole in plan.targets:
        parts = ctx.graph.linked_from(whole, "part_of")
        indicator = ctx.indicators.get(whole.indicator)
        if not parts or indicator is None:
            continue
        by_indicator = {}
        for part in parts:
            by_indicator.setdefault(part.indicator, part)
        if set(by_indicator) != set(indicator.parts):
            continue  # a missing part leaves the sum open
        chosen = [by_indicator[i] for i in indicator.parts]
        for field in ("target", "base"):
            total_q = getattr(whole, field)
            part_qs = [getattr(p, field) for p in chosen]
            if total_q is None or not total_q.has_number or any(q is None or not q.has_number for q in part_qs):
                continue
            if any(q.year != total_q.year for q in part_qs):
                continue
            total = interval_of(total_q, whole.unit, tol)
            summed = Interval(0.0, 0.0)
            for part, q in zip(chosen, part_qs):
                summed = summed + interval_of(q, part.unit, tol)
            if summed.intersects(total):
                continue
            values = " + ".join(format_number(q.value) if q.value is not None else "?" for q in part_qs)
            unit = canonical_unit(whole.unit)
            evidence = {"this": quantity_evidence(total_q, whole.unit),
                        "parts": {p.indicator: quantity_evidence(q, p.unit) for p, q in zip(chosen, part_qs)},
                        "sum": summed.as_dict(), "total": total.as_dict(), "canonical_unit": unit}
            inputs = ((total_q, whole.unit), *((q, p.unit) for p, q in zip(chosen, part_qs)))
            (sum_zh, total_zh), (sum_en, total_en) = (intervals_words((summed, total), whole.unit, lang, inputs)
                                                      for lang in ("zh", "en"))
            yield Hit(
                at=whole, key=field, related=chosen,
                zh=f"{target_name(whole, ctx, 'zh')}{total_q.year}年{'基期值' if field == 'base' else '目标'}"
                   f"{format_number(total_q.value) if total_q.value is not None else ''}{whole.unit or ''}"
                   f"与各组成部分之和不符：{values} = {sum_zh}，总量为{total_zh}",
                en=f"{target_name(whole, ctx, 'en')} {total_q.year} {'base value' if field == 'base' else 'target'} "
                   f"does not equal the sum of its parts: {values} = {sum_en}, total {total_en}",
                evidence=evidence,
                shows=Shows(
                    values=(total_q,),
                    arithmetic=(Text(f"{values} = {sum_zh}", f"{values} = {sum_en}"),
                                Text(f"{GOAL('zh')}: {total_zh}", f"{GOAL('en')}: {total_en}")),
                    chart=IntervalChart((Bar(Label(LABELS["sum"]), *_in(summed, whole.unit), "other"),
                                         Bar(Label(LABELS["total"]), *_in(total, whole.unit), "this")),
                                        whole.unit or unit or "", inputs),
                    advice=ADVICE.fill()))


def _in(interval: Interval, unit: Optional[str]) -> tuple[float, float]:
    """A canonical interval's ends in the plan's unit, for a chart."""
    return in_unit(interval.low, unit), in_unit(interval.high, unit)
