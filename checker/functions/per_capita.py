"""per_capita: a per-capita value must be what the plan's own total and population give (catalogue `per_capita_of`).

人均地区生产总值 is GDP divided by the resident population. Where a plan states all three for one region
and year, the quotient of its own numbers must fit the per-capita number it states: "人均生产总值突破6万元"
beside "地区生产总值500亿元" and "常住人口100万人左右" (5万元 a head) cannot all hold. Per-capita figures
are computed on the year's average population, not the year-end one, so the quotient is widened by
`population_slack` before it is compared; a total or population stated only as a floor (以上) leaves the
quotient open and is never a finding on that side. One finding per region and year.

Options (defaults)::

    about_relative: 0.03    # 左右 on a level: ±3 %
    about_points: 0.5
    population_slack: 0.03  # average vs year-end population: the quotient is widened by ±3 %

FAIL: 500亿元 / 100万人 is 5万元 a head, not 6万元 or more::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 500}}
          - {id: pop, indicator: resident_population, unit: 万人, target: {year: 2025, value: 100, op: "~"}}
          - {id: pc, indicator: gdp_per_capita, unit: 万元/人, target: {year: 2025, value: 6, op: ">="}}

PASS: 12134亿元 / 1885万人 = 6.437万元, printed 6.44 (and a prose 6.48 within the slack)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, base: {year: 2022, value: 12134}}
          - {id: pop, indicator: resident_population, unit: 万人, base: {year: 2022, value: 1885}}
          - {id: pc, indicator: gdp_per_capita, unit: 万元/人, base: {year: 2022, value: 6.44}}
          - {id: pc-prose, indicator: gdp_per_capita, unit: 万元/人, base: {year: 2022, value: 6.48}}

PASS: a total stated as a floor (700亿元以上 / 88.5万人 is 7.9万元 or more) can reach 8万元::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 700, op: ">="}}
          - {id: pop, indicator: resident_population, unit: 万人, target: {year: 2025, value: 88.5}}
          - {id: pc, indicator: gdp_per_capita, unit: 万元/人, target: {year: 2025, value: 8, op: ">="}}

PASS: totals of another caliber (scope 含新蒲) are not divided by the district's population::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, scope: liupanshui-central-city, target: {year: 2025, value: 900}}
          - {id: pop, indicator: resident_population, unit: 万人, target: {year: 2025, value: 100}}
          - {id: pc, indicator: gdp_per_capita, unit: 万元/人, target: {year: 2025, value: 6, op: ">="}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..model import Plan
from ..quantities import describe, format_number, interval_of, quantity_evidence
from ..evidence import Advice, Shows, Text
from ..numbers import written
from .base import (TOLERANCE_OPTIONS, Context, dated_numbers, defaults, divide, Hit, in_own_unit, in_unit,
                   interval_words, options_schema, target_name, tolerance, widen)

ID = "per_capita"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS,
    population_slack={"type": "number", "minimum": 0, "default": 0.03,
                      "description": "average vs year-end population: the quotient is widened by ±this share"})
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="人均值、总量和人口三者至少改一项：人均值按本规划总量和人口应约为{implied}；或核对总量与人口（人均值按年均人口计）。",
                en="Change one of the three: by the plan's own total and population the per-capita value is about "
                   "{implied}; or check the total and the population (per-capita values use the average population).")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    slack = float(options.get("population_slack", OPTIONS["population_slack"]))
    numbers = dated_numbers(plan.targets)
    for (indicator_id, scope, year), stated in numbers.items():
        indicator = ctx.indicators.get(indicator_id)
        if indicator is None or indicator.per_capita_of is None:
            continue
        total_id, population_id = indicator.per_capita_of
        hit = _first_disagreement(stated, in_own_unit(numbers.get((total_id, scope, year), []), ctx),
                                  in_own_unit(numbers.get((population_id, scope, year), []), ctx), tol, slack)
        if hit is None:
            continue
        (pc, pc_q), (total, total_q), (population, population_q), quotient = hit
        unit = pc.unit
        def implied(lang: str) -> str:
            return interval_words(quotient, unit, lang, (total_q, population_q), written(pc_q))

        involved = [t for t, _ in stated if t is not pc]
        yield Hit(
            at=pc, key=f"{scope}/{year}", related=[total, population, *involved], indicator=indicator_id, region=scope,
            zh=f"{target_name(pc, ctx, 'zh')}为{describe(pc_q, unit, 'zh')}，但本规划同年{target_name(total, ctx, 'zh')}"
               f"{describe(total_q, total.unit, 'zh')}、{target_name(population, ctx, 'zh')}"
               f"{describe(population_q, population.unit, 'zh')}，相除只得{implied('zh')}"
               f"（已按年均人口放宽±{format_number(slack * 100)}%），三者不能同时成立",
            en=f"{target_name(pc, ctx, 'en')} is {describe(pc_q, unit, 'en')}, but the plan's own "
               f"{target_name(total, ctx, 'en')} ({describe(total_q, total.unit, 'en')}) divided by "
               f"{target_name(population, ctx, 'en')} ({describe(population_q, population.unit, 'en')}) gives "
               f"{implied('en')} (widened by ±{format_number(slack * 100)}% for the average population): all three cannot hold",
            evidence={"per_capita": quantity_evidence(pc_q, unit), "total": quantity_evidence(total_q, total.unit),
                      "population": quantity_evidence(population_q, population.unit),
                      "quotient": quotient.as_dict(), "quotient_in_unit": [in_unit(quotient.low, unit),
                                                                           in_unit(quotient.high, unit)],
                      "population_slack": slack},
            shows=Shows(values=(pc_q, total_q, population_q),
                        arithmetic=(Text.of(lambda lang: f"{describe(total_q, total.unit, lang)} ÷ "
                                                         f"{describe(population_q, population.unit, lang)} = {implied(lang)}"),),
                        advice=ADVICE.fill(lambda lang: {"implied": implied(lang)})))


def _first_disagreement(stated, totals, populations, tol, slack):
    for pc, pc_q in stated:
        own = interval_of(pc_q, pc.unit, tol)
        for total, total_q in totals:
            for population, population_q in populations:
                quotient = divide(interval_of(total_q, total.unit, tol), interval_of(population_q, population.unit, tol))
                if quotient is None:
                    continue
                quotient = widen(quotient, slack)
                if not quotient.intersects(own):
                    return (pc, pc_q), (total, total_q), (population, population_q), quotient
    return None

