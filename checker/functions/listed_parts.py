"""listed_parts: the parts a plan lists for a stated total (targets linked by `part_of`) must fit that total.

"建成产业基地10个，分别为：煤电铝基地3个、新材料基地4个、大数据基地2个" states a total and then counts
per kind. Linked by `part_of` (each part under its own indicator where the catalogue has one), the counts
must add up to the total when the text lists all of them (the total says `parts_complete: true`), and
must not exceed it when it lists only some ("其中"). As in XBRL
Calculations 1.1, plain numbers are compared at the coarsest precision printed among them: the sum is
rounded to the fewest decimals any of the numbers has (1.2 + 3.4 + 5.3 = 9.9 is 10 against a total of 10;
3 + 4 + 2 = 9 is not). Qualified numbers (左右, 以上, ranges) are compared as the intervals they allow; a
floor (以上) among the parts leaves the sum open upward.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL: nine new stations, listed as 3 + 4 + 1::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: stations, indicator: new_fuel_stations, unit: 个, target: {year: 2025, value: 9},
             parts_complete: true}
          - {id: mixed, indicator: new_oil_gas_mixed_stations, unit: 个, target: {year: 2025, value: 3},
             part_of: stations}
          - {id: hydrogen, indicator: new_hydrogen_stations, unit: 个, target: {year: 2025, value: 4},
             part_of: stations}
          - {id: gas, indicator: new_gas_filling_stations, unit: 个, target: {year: 2025, value: 1},
             part_of: stations}

FAIL: 4 or more of one kind and 3 or more of another cannot be among 5 new stations::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: stations, indicator: new_fuel_stations, unit: 个, target: {year: 2025, value: 5}}
          - {id: mixed, indicator: new_oil_gas_mixed_stations, unit: 个, target: {year: 2025, value: 4, op: ">="},
             part_of: stations}
          - {id: hydrogen, indicator: new_hydrogen_stations, unit: 个, target: {year: 2025, value: 3, op: ">="},
             part_of: stations}

PASS: "新建加油站5个以上，其中含油气混合站2个以上，氢能站1个以上" (some of the parts, 3 or more of 5 or more)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: stations, indicator: new_fuel_stations, unit: 个, target: {year: 2025, value: 5, op: ">="}}
          - {id: mixed, indicator: new_oil_gas_mixed_stations, unit: 个, target: {year: 2025, value: 2, op: ">="},
             part_of: stations}
          - {id: hydrogen, indicator: new_hydrogen_stations, unit: 个, target: {year: 2025, value: 1, op: ">="},
             part_of: stations}

PASS: 1.2 + 3.4 + 5.3 = 9.9, printed as a total of 10 (within the last digits)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: total, indicator: gdp, unit: 亿元, target: {year: 2025, value: 10}, parts_complete: true}
          - {id: a, indicator: gdp_primary, unit: 亿元, target: {year: 2025, value: 1.2}, part_of: total}
          - {id: b, indicator: gdp_secondary, unit: 亿元, target: {year: 2025, value: 3.4}, part_of: total}
          - {id: c, indicator: gdp_tertiary, unit: 亿元, target: {year: 2025, value: 5.3}, part_of: total}
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterator

from ..model import Plan
from ..numbers import least_decimals
from ..quantities import INF, Interval, describe, interval_of, quantity_evidence
from ..evidence import Advice, Shows, Text
from .base import (TOLERANCE_OPTIONS, Context, defaults, Hit, intervals_words, options_schema, target_name,
                   tolerance, unit_factor)

ID = "listed_parts"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="总量与所列各部分至少改一项，使各部分之和{relation}总量。",
                en="Change the total or one of the parts, so that the parts {relation} the total.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    parts_of: dict[str, list] = {}
    for target in plan.targets:
        if target.part_of is not None:
            parts_of.setdefault(target.part_of, []).append(target)
    wholes = {t.id: t for t in plan.targets}
    for whole_id, parts in parts_of.items():
        whole = wholes.get(whole_id)
        if whole is None or whole.target is None or not whole.target.has_number:
            continue
        year = whole.target.year
        stated = [p for p in parts if p.target is not None and p.target.has_number and p.target.year == year]
        if not stated or (whole.parts_complete and len(stated) != len(parts)):
            continue  # a listed part without a number for that year leaves a complete sum open
        total = interval_of(whole.target, whole.unit, tol)
        summed = Interval(0.0, 0.0)
        for part in stated:
            summed = summed + interval_of(part.target, part.unit, tol)
        if _fits(whole, stated, total, summed):
            continue
        values = " + ".join(describe(p.target, p.unit, "zh").split(" ", 1)[-1] for p in stated)
        values_en = " + ".join(describe(p.target, p.unit, "en").split(" ", 1)[-1] for p in stated)
        inputs = ((whole.target, whole.unit), *((p.target, p.unit) for p in stated))
        (sum_zh, total_zh), (sum_en, total_en) = (intervals_words((summed, total), whole.unit, lang, inputs)
                                                  for lang in ("zh", "en"))
        relation_zh, relation_en = ("之和应等于", "must add up to") if whole.parts_complete else ("之和不能超过", "cannot exceed")
        yield Hit(
            at=whole, related=stated, key=whole.id,
            zh=f"{target_name(whole, ctx, 'zh')}{describe(whole.target, whole.unit, 'zh')}，文中所列各部分"
               f"{values} = {sum_zh}，各部分{relation_zh}总量{total_zh}",
            en=f"{target_name(whole, ctx, 'en')} {describe(whole.target, whole.unit, 'en')}: the parts the text lists, "
               f"{values_en} = {sum_en}, {relation_en} the total {total_en}",
            evidence={"total": quantity_evidence(whole.target, whole.unit),
                      "parts": {p.key: quantity_evidence(p.target, p.unit) for p in stated},
                      "sum": summed.as_dict(), "total_interval": total.as_dict(),
                      "complete": whole.parts_complete, "open": summed.high == INF},
            shows=Shows(values=(whole.target, *(p.target for p in stated)),
                        arithmetic=(Text(f"{values} = {sum_zh}", f"{values_en} = {sum_en}"),),
                        advice=ADVICE.fill(lambda lang: {"relation": {"zh": "等于" if whole.parts_complete else "不超过",
                                                                      "en": "add up to" if whole.parts_complete
                                                                      else "do not exceed"}[lang]})))


def _fits(whole, parts, total: Interval, summed: Interval) -> bool:
    numbers = [whole.target, *(p.target for p in parts)]
    if all(q.op == "=" and q.value is not None for q in numbers):  # XBRL Calculations 1.1: round the sum
        step = Decimal(1).scaleb(-least_decimals(numbers))
        total_in = Decimal(repr(unit_factor(whole.unit)))
        computed = sum(Decimal(repr(p.target.value)) * Decimal(repr(unit_factor(p.unit))) for p in parts) / total_in
        computed = computed.quantize(step, rounding=ROUND_HALF_UP)
        stated = Decimal(repr(whole.target.value)).quantize(step, rounding=ROUND_HALF_UP)
        return computed == stated if whole.parts_complete else computed <= stated
    if whole.parts_complete:
        return summed.intersects(total)
    return summed.low <= total.high  # some of the parts: together no more than the total

