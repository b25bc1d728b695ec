"""interval_conflict: a county's own number and the number the plan above sets for it cannot both hold.

The city's plan says 钟山区's urbanization rate will be "稳定在90%左右"; 钟山区's own plan says 75%. Each
statement is an interval (左右 a band, 以上 a floor, 以内 a ceiling, a plain number its rounding); when the
intervals do not meet, the plans conflict. Units are converted first; % is never compared with 个百分点,
and a five-year total is never compared with a level. When the years differ, the number is carried along
its stated growth rate and the evidence says so.

Along `refines` (the upper plan's own number for the whole region), only indicators whose `aggregation`
is listed in the `aggregations` option are compared: by default `each` (a floor every region must meet).
A county's urbanization rate (`ratio`) need not equal its city's, so that is not a conflict.

Where the two targets' calibers differ (`caliber`: 含北部五乡镇 against an unstated one, 城镇 against 县城,
登记 against 调查) the numbers may count different things: the finding is a warning at most, cites both
calibers and asks for them to be confirmed instead of saying both cannot hold.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5
    aggregations: [additive, ratio, each]   # for `assigned`; the default rule set uses [each] for `refines`
    project_years: true

FAIL: the city sets 90% for 钟山区, which plans 75%::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: urbanization, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 75}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-urbanization, indicator: urbanization_rate, scope: "520201", unit: "%",
             target: {year: 2025, value: 90, op: "~"}}

WARNING: the county's 75% includes its northern townships; the city's caliber is not stated::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: urbanization, indicator: urbanization_rate, unit: "%", caliber: 含北部五乡镇,
             target: {year: 2025, value: 75}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-urbanization, indicator: urbanization_rate, scope: "520201", unit: "%",
             target: {year: 2025, value: 90, op: "~"}}

PASS: 89.8% is within "90%左右"::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: urbanization, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 89.8}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-urbanization, indicator: urbanization_rate, scope: "520201", unit: "%",
             target: {year: 2025, value: 90, op: "~"}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows
from ..model import Target
from .base import (Context, Hit, PROJECT_YEARS_OPTION, TOLERANCE_OPTIONS, aggregations_option, caliber_differs,
                   caliber_words, compare, comparison_chart, comparison_steps, defaults, options_schema, other_words,
                   projected_words, target_name, words)

ID = "interval_conflict"
GIVEN = ("assigned", "refines", "peer")
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS, aggregations=aggregations_option(["additive", "ratio", "each"]), project_years=PROJECT_YEARS_OPTION)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="与上级规划衔接：把本规划的{name}调整到上级设定的{other}范围内；若本地情况确需不同，应在报批说明中写明依据，并商请上级规划同步调整。",
    en="Align with the upper plan: bring this plan's {name} within {other}, as the upper plan sets it; if local "
       "conditions really differ, give the reasons in the submission and ask for the upper plan to be revised too.")


def check(pair: tuple[Target, Target], ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    this, other = pair
    indicator = ctx.indicators.get(this.indicator)
    if indicator is None or indicator.aggregation not in options["aggregations"]:
        return
    found = compare(this, other, options)
    if found is None or found.this_interval.intersects(found.other_interval):
        return
    upper = ctx.plan(other.plan)
    region_zh = ctx.region_name(this.scope)
    evidence = found.evidence(this, other)
    across = caliber_differs(this, other)
    if across:
        evidence["caliber"] = {"this": this.caliber, "other": other.caliber}
    verdict_zh = caliber_words(this, other, "zh") if across else "两者不能同时成立"
    verdict_en = caliber_words(this, other, "en") if across else "so both cannot hold"
    (mine_zh, theirs_zh), (mine_en, theirs_en) = found.words(this, other, "zh"), found.words(this, other, "en")
    yield Hit(
        at=this, related=[other], severity="warning" if across else None,
        zh=f"{target_name(this, ctx, 'zh')}：本规划为{words(this, found.this, 'zh')}，{upper.title}为{region_zh}设定"
           f"{words(other, found.other, 'zh')}{projected_words(found, 'zh')}；"
           f"{mine_zh} 与 {theirs_zh} 不相交，{verdict_zh}",
        en=f"{target_name(this, ctx, 'en')}: this plan says {words(this, found.this, 'en')}, {ctx.plan_name(upper.id, 'en')} sets "
           f"{words(other, found.other, 'en')} for {region_zh}{projected_words(found, 'en')}; "
           f"{mine_en} and {theirs_en} do not meet; {verdict_en}",
        evidence=evidence, shows=Shows(
            values=(found.this, found.other),
            chart=comparison_chart(evidence, this),
            arithmetic=comparison_steps(evidence, this.unit),
            advice=ADVICE.fill(lambda lang: {"name": ctx.names.target(this, lang), "other": other_words(evidence, lang)})))
