"""soft_vertical: a large part growing far more slowly than the whole it belongs to (for the record).

A county that makes up a large share of its city's GDP and plans to grow it at 5% a year, while the city
plans 10% for the whole, leaves the rest of the city to grow much faster than 10%. Nothing forbids that,
so the finding is info; it states the county's share, which is what makes the gap matter. Growth rates are
compared as stated (both real, both annual averages over the period); the share is the county's level over
the whole's in the same year, and a county below `min_share` is left alone.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5
    min_share: 0.1      # the county's level is at least this share of the whole's
    gap_points: 3.0     # the county's rate is this many points or more below the whole's

FAIL (info, the rule's severity): 钟山区 is half of the city's GDP and grows 5%, the city 10%::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, growth: {value: 5}, target: {year: 2025, value: 500}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, growth: {value: 10}, target: {year: 2025, value: 1000}}

PASS: a county of 3% of the city, or a rate within the gap::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, growth: {value: 5}, target: {year: 2025, value: 30}}
          - {id: retail, indicator: retail_sales, unit: 亿元, growth: {value: 8}, target: {year: 2025, value: 300}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, growth: {value: 10}, target: {year: 2025, value: 1000}}
          - {id: retail, indicator: retail_sales, unit: 亿元, growth: {value: 10}, target: {year: 2025, value: 600}}
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..model import Plan, Target
from ..numbers import derived_places, number_text
from ..quantities import describe, interval_of, quantity_evidence
from ..evidence import Advice, Shows, Text
from .base import (TOLERANCE_OPTIONS, Context, defaults, describe_growth, Hit, options_schema, target_name,
                   tolerance)

ID = "soft_vertical"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS,
    min_share={"type": "number", "minimum": 0, "maximum": 1, "default": 0.1,
               "description": "a county whose level is below this share of the whole's is left alone"},
    gap_points={"type": "number", "minimum": 0, "default": 3.0,
                "description": "report when the county's rate is this many points or more below the whole's"})
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="核对{region}的增速与{whole}的全域增速是否衔接（{region}约占{share}）。",
                en="Check that {region}'s growth fits the rate set for {whole} ({region} is about {share} of it).")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    min_share = float(options.get("min_share", OPTIONS["min_share"]))
    gap = float(options.get("gap_points", OPTIONS["gap_points"]))
    own = [t for t in plan.targets if t.scope == plan.region and t.growth is not None and t.growth.has_number
           and not t.cumulative and t.share_of is None and _additive(t, ctx)]
    if not own:
        return
    for upper in ctx.graph.upper_plans(plan):
        for whole in upper.targets:
            if whole.scope != upper.region or whole.growth is None or not whole.growth.has_number \
                    or whole.cumulative or whole.share_of is not None:
                continue
            for part in own:
                if part.indicator != whole.indicator:
                    continue
                share = _share(part, whole, tol)
                if share is None or share < min_share:
                    continue
                mine, theirs = interval_of(part.growth, "%", tol), interval_of(whole.growth, "%", tol)
                if theirs.low - mine.high < gap:
                    continue
                yield _hit(ctx, plan, part, upper, whole, share)


def _additive(target: Target, ctx: Context) -> bool:
    indicator = ctx.indicators.get(target.indicator)
    return indicator is not None and indicator.aggregation == "additive"


def _share(part: Target, whole: Target, tol) -> Optional[float]:
    """The part's level over the whole's, in the first year both state."""
    for field in ("target", "base"):
        mine, theirs = getattr(part, field), getattr(whole, field)
        if mine is None or theirs is None or mine.year != theirs.year or mine.value is None or theirs.value is None:
            continue
        a, b = interval_of(mine, part.unit, tol), interval_of(theirs, whole.unit, tol)
        middle_a, middle_b = (a.low + a.high) / 2, (b.low + b.high) / 2
        if middle_b > 0 and a.bounded and b.bounded:
            return middle_a / middle_b
    return None


def _hit(ctx: Context, plan: Plan, part: Target, upper: Plan, whole: Target, share: float) -> Hit:
    region, whole_region = ctx.region_name(plan.region), ctx.region_name(upper.region)
    percent = number_text(share * 100, derived_places((share * 100,), (part.target or part.base, whole.target or whole.base)))
    mine_zh, theirs_zh = describe_growth(quantity_evidence(part.growth, "%"), "zh"), \
        describe_growth(quantity_evidence(whole.growth, "%"), "zh")
    mine_en, theirs_en = describe_growth(quantity_evidence(part.growth, "%"), "en"), \
        describe_growth(quantity_evidence(whole.growth, "%"), "en")
    return Hit(
        at=part, related=[whole], key=whole.key, severity="info", region=plan.region, indicator=part.indicator,
        zh=f"{region}{target_name(part, ctx, 'zh')}约占{whole_region}的{percent}%，本规划年均增长{mine_zh}，远低于"
           f"{ctx.plan_name(upper.id)}对{whole_region}的{theirs_zh}："
           f"全域目标要靠其余地区更快增长",
        en=f"{region} is about {percent}% of {whole_region}'s {target_name(part, ctx, 'en')} and plans {mine_en} "
           f"a year, far below the {theirs_en} {ctx.plan_name(upper.id, 'en')} sets for {whole_region}: the rest must "
           "grow much faster",
        evidence={"share": round(share, 4), "this_growth": quantity_evidence(part.growth, "%"),
                  "whole_growth": quantity_evidence(whole.growth, "%"),
                  "this_level": describe(part.target or part.base, part.unit, "en"),
                  "whole_level": describe(whole.target or whole.base, whole.unit, "en")},
        shows=Shows(values=(part.growth, whole.growth),
                    arithmetic=(Text(f"{region} {mine_zh} < {whole_region} {theirs_zh}（占{percent}%）",
                                     f"{region} {mine_en} < {whole_region} {theirs_en} ({percent}% of it)"),),
                    advice=ADVICE.fill(lambda lang: {"region": region, "whole": whole_region, "share": f"{percent}%"})))
