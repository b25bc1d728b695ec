"""share_implied: a share claim ("占全市25%以上") and the values it implies must agree.

A county that claims a share of its city's total also states, somewhere, its own value; with the city's
total for the same year, the claim implies a range for that value. 钟山区 claiming "占全市GDP 40%以上"
with a city total of 1,500亿元 implies at least 600亿元; if 钟山区's own target is 500亿元, the claim and
the target cannot both hold.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 500}}
          - {id: gdp-share, indicator: gdp, unit: "%", share_of: "520200", target: {year: 2025, value: 40, op: ">="}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 1500}}

PASS::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 650}}
          - {id: gdp-share, indicator: gdp, unit: "%", share_of: "520200", target: {year: 2025, value: 40, op: ">="}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 1500}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import LABELS as SHARED
from ..evidence import Advice, Bar, IntervalChart, Label, Shows, Text
from ..model import Target
from ..numbers import written
from ..quantities import Interval, interval_of, quantity_evidence
from .base import (Context, Hit, TOLERANCE_OPTIONS, defaults, in_unit, interval_words, options_schema,
                   same_dimension, target_name, tolerance, words)

ID = "share_implied"
GIVEN = ("shares",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(**TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"implied": Text("按份额推算", "implied by the share"), "own": Text("本地区数值", "the region's own value")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="份额表述与数值不一致：按份额推算应为{implied}，修改份额或数值其中之一。",
    en="The share and the value disagree: the share implies {implied}; change either the share or the value.")


def check(pair: tuple[Target, Target], ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    claim, whole = pair
    if claim.target is None or whole.target is None or claim.target.year != whole.target.year:
        return
    if claim.cumulative != whole.cumulative or not claim.target.has_number or not whole.target.has_number:
        return
    tol = tolerance(options)
    share = interval_of(claim.target, "%", tol, canonical=False)
    total = interval_of(whole.target, whole.unit, tol)
    if not total.bounded or total.low < 0:
        return
    implied = Interval(max(share.low, 0.0) / 100 * total.low, min(share.high, 100.0) / 100 * total.high)
    for own in ctx.graph.targets_for(claim.indicator, claim.scope):
        if own.share_of is not None or own.cumulative != claim.cumulative or not same_dimension(own, whole):
            continue
        if own.target is None or not own.target.has_number or own.target.year != claim.target.year:
            continue
        stated = interval_of(own.target, own.unit, tol)
        if stated.intersects(implied):
            continue
        evidence = {"this": quantity_evidence(claim.target, claim.unit),
                    "other": quantity_evidence(whole.target, whole.unit),
                    "own": quantity_evidence(own.target, own.unit), "implied": implied.as_dict(),
                    "stated": stated.as_dict()}
        def implied_words(lang: str) -> str:
            return interval_words(implied, own.unit, lang, ((claim.target, claim.unit), (whole.target, whole.unit)),
                                  written(own.target))

        def in_own(interval: Interval) -> tuple[float, float]:
            return in_unit(interval.low, own.unit), in_unit(interval.high, own.unit)

        yield Hit(
            at=claim, related=[whole, own], key=own.key,
            zh=f"{target_name(claim, ctx, 'zh')}：占{ctx.region_name(whole.scope)}{words(claim, claim.target, 'zh')}，"
               f"按{whole.plan}的总量{words(whole, whole.target, 'zh')}应为{implied_words('zh')}，"
               f"而{own.plan}为{ctx.region_name(claim.scope)}定的是{words(own, own.target, 'zh')}",
            en=f"{target_name(claim, ctx, 'en')}: a share of {words(claim, claim.target, 'en')} of "
               f"{ctx.region_name(whole.scope)}'s total {words(whole, whole.target, 'en')} ({whole.plan}) implies "
               f"{implied_words('en')}, but {own.plan} states {words(own, own.target, 'en')}",
            evidence=evidence, shows=Shows(
                values=(claim.target, whole.target, own.target),
                labels=LABELS,
                chart=IntervalChart((Bar(Label(LABELS["implied"]), *in_own(implied), "other"),
                                     Bar(Label(SHARED["stated"]), *in_own(stated), "this")),
                                    own.unit or "", (claim.target, whole.target, own.target)),
                advice=ADVICE.fill(lambda lang: {"implied": implied_words(lang)})))
