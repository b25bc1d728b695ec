"""structure_ratio: a stated share (结构比例, 占比) must match the values it is a ratio of.

When a plan states the tertiary sector's share of GDP and also both values for the same year, the share
must equal tertiary / GDP × 100 within rounding. Indicators declare what they are a ratio of in the
catalogue (`ratio_of: {numerator: gdp_tertiary, denominator: gdp}`).

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL: 270 / 500 = 54%, not 60%::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 500}}
          - {id: tertiary, indicator: gdp_tertiary, unit: 亿元, target: {year: 2025, value: 270}}
          - {id: tertiary-share, indicator: gdp_tertiary_share, unit: "%", target: {year: 2025, value: 60}}

PASS::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 500}}
          - {id: tertiary, indicator: gdp_tertiary, unit: 亿元, target: {year: 2025, value: 270}}
          - {id: tertiary-share, indicator: gdp_tertiary_share, unit: "%", target: {year: 2025, value: 54}}
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..evidence import Advice, Bar, IntervalChart, Label, Shows, Text, bounds
from ..numbers import written
from ..model import Plan, Quantity, Target
from ..quantities import Interval, describe, format_number, interval_of, quantity_evidence
from .base import (Context, Hit, TOLERANCE_OPTIONS, defaults, interval_words, options_schema, target_name, tolerance,
                   words)

ID = "structure_ratio"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(**TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"computed": Text("计算值", "computed"), "numerator": Text("分子", "numerator"),
          "denominator": Text("分母", "denominator")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="把比例改为由分子、分母算出的{computed}，或修改对应的数值，使三者一致。",
    en="Set the ratio to {computed}, which its numerator and denominator give, or change those values so that all three agree.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    index: dict[tuple[str, str, Optional[int]], Target] = {}
    for target in plan.targets:
        if target.share_of is None and not target.cumulative:
            for field in ("base", "target"):
                q = getattr(target, field)
                if q is not None and q.has_number:
                    index.setdefault((target.indicator, target.scope, q.year), target)
    for ratio in plan.targets:
        indicator = ctx.indicators.get(ratio.indicator)
        if indicator is None or indicator.ratio_of is None or ratio.share_of is not None:
            continue
        numerator_id, denominator_id = indicator.ratio_of
        for field in ("base", "target"):
            stated: Optional[Quantity] = getattr(ratio, field)
            if stated is None or not stated.has_number:
                continue
            num = index.get((numerator_id, ratio.scope, stated.year))
            den = index.get((denominator_id, ratio.scope, stated.year))
            if num is None or den is None:
                continue
            num_q, den_q = _at(num, stated.year), _at(den, stated.year)
            n, d = interval_of(num_q, num.unit, tol), interval_of(den_q, den.unit, tol)
            if not (n.bounded and d.bounded) or d.low <= 0 or n.low < 0:
                continue
            computed = Interval(n.low / d.high * 100, n.high / d.low * 100)
            own = interval_of(stated, ratio.unit, tol)
            if own.intersects(computed):
                continue
            evidence = {"this": quantity_evidence(stated, ratio.unit), "computed": computed.as_dict(),
                        "numerator": quantity_evidence(num_q, num.unit),
                        "denominator": quantity_evidence(den_q, den.unit)}
            def ratio_words(lang: str) -> str:
                return interval_words(computed, "%", lang, (num_q, den_q), written(stated))

            yield Hit(
                at=ratio, related=[num, den], key=field,
                zh=f"{target_name(ratio, ctx, 'zh')}{stated.year}年为{words(ratio, stated, 'zh')}，但"
                   f"{target_name(num, ctx, 'zh')}÷{target_name(den, ctx, 'zh')} = {format_number(num_q.value or 0)}÷"
                   f"{format_number(den_q.value or 0)} = {ratio_words('zh')}",
                en=f"{target_name(ratio, ctx, 'en')} is {words(ratio, stated, 'en')} in {stated.year}, but "
                   f"{numerator_id} / {denominator_id} = {ratio_words('en')}",
                evidence=evidence, shows=Shows(
                    values=(stated,),
                    labels=LABELS,
                    chart=_chart(evidence, ratio, stated),
                    advice=ADVICE.fill(lambda lang: {"computed": ratio_words(lang)})))


def _at(target: Target, year: Optional[int]) -> Quantity:
    for q in (target.target, target.base):
        if q is not None and q.year == year and q.has_number:
            return q
    raise LookupError(year)  # pragma: no cover - the index only holds targets with that year


def _chart(evidence: dict[str, Any], ratio: Target, stated: Quantity) -> IntervalChart:
    """The ratio its numerator and denominator give, against the one the plan states."""
    own = interval_of(stated, ratio.unit, canonical=False)
    return IntervalChart((Bar(Label(LABELS["computed"]), *bounds(evidence["computed"]), "other"),
                          Bar(Label(Text.of(lambda lang: describe(stated, ratio.unit, lang)), "this"),
                              own.low, own.high, "this")), "%",
                         (evidence["numerator"], evidence["denominator"]))
