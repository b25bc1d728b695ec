"""binding_strictness: a binding (约束性) upper target must be met at least as strictly below.

When the plan above makes a number binding, the county's own target must lie inside it: if the city binds
energy intensity reduction to "13.5%以上" and the county plans "10%以上", the county's target allows
values the city forbids. Incompatible numbers are reported by interval_conflict; this rule reports the
looser-but-overlapping case.

Where the calibers differ (see interval_conflict) the finding is a warning at most and cites both.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5
    aggregations: [each, ratio, additive]
    project_years: true

FAIL::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%", target: {year: 2025, value: 10, op: ">="}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-energy, indicator: energy_intensity_reduction, scope: "520201", unit: "%",
             attribute: binding, target: {year: 2025, value: 13.5, op: ">="}}

PASS::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%", target: {year: 2025, value: 14, op: ">="}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-energy, indicator: energy_intensity_reduction, scope: "520201", unit: "%",
             attribute: binding, target: {year: 2025, value: 13.5, op: ">="}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows
from ..model import Target
from .base import (Context, Hit, PROJECT_YEARS_OPTION, TOLERANCE_OPTIONS, aggregations_option, caliber_differs,
                   caliber_words, compare, comparison_chart, comparison_steps, defaults, options_schema, other_words,
                   projected_words, target_name, words)

ID = "binding_strictness"
GIVEN = ("assigned", "refines")
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS, aggregations=aggregations_option(["each", "ratio", "additive"]), project_years=PROJECT_YEARS_OPTION)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="约束性指标不得宽于上级要求：把本规划数值收紧到{other}或更严。",
    en="A binding target may not be looser than the upper plan's: tighten this plan's number to {other} or stricter.")


def check(pair: tuple[Target, Target], ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    this, other = pair
    indicator = ctx.indicators.get(this.indicator)
    if other.attribute != "binding" or indicator is None or indicator.aggregation not in options["aggregations"]:
        return
    found = compare(this, other, options)
    if found is None or not found.this_interval.intersects(found.other_interval):
        return  # no comparison, or a plain conflict that interval_conflict reports
    if found.this_interval.within(found.other_interval):
        return
    across = caliber_differs(this, other)  # different calibers: a question, never an error
    evidence = found.evidence(this, other)
    if across:
        evidence["caliber"] = {"this": this.caliber, "other": other.caliber}
    (mine_zh, theirs_zh), (mine_en, theirs_en) = found.words(this, other, "zh"), found.words(this, other, "en")
    yield Hit(
        at=this, related=[other], severity="warning" if across else None,
        zh=f"{target_name(this, ctx, 'zh')}：上级约束性指标为{words(other, found.other, 'zh')}{projected_words(found, 'zh')}，"
           f"本规划{words(this, found.this, 'zh')}更宽松（{mine_zh} 未落在 {theirs_zh} 之内）" + (f"；{caliber_words(this, other, 'zh')}" if across else ""),
        en=f"{target_name(this, ctx, 'en')}: the upper plan binds it to {words(other, found.other, 'en')}"
           f"{projected_words(found, 'en')}, and this plan's {words(this, found.this, 'en')} is looser "
           f"({mine_en} is not inside {theirs_en})"
           + (f"; {caliber_words(this, other, 'en')}" if across else ""),
        evidence=evidence, shows=Shows(
            values=(found.this, found.other),
            chart=comparison_chart(evidence, this),
            arithmetic=comparison_steps(evidence, this.unit, within=True),
            advice=ADVICE.fill(lambda lang: {"other": other_words(evidence, lang)})))
