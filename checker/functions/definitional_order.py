"""definitional_order: orderings that hold by definition (catalogue `at_least`, and a part never above its whole).

Children who die before their first birthday are among those who die before their fifth: under-5
mortality is never below infant mortality in one region and year. A plan that holds 婴儿死亡率 to 6.5‰ and
5岁以下儿童死亡率 to 6‰ has swapped the pair, even though both are ceilings and some values satisfy both
(the ceilings promise nothing the definition allows: infant mortality at its cap breaks the under-5 cap).
Numbers of the same kind (two ceilings, two floors, two plain values) are compared as printed, allowing
for the last digit of the finer one (6 against 6.5 is swapped, 6.5 against 6.5 is not); a ceiling of the
larger below a floor of the smaller is a contradiction as well.
The same holds for a part (catalogue `parts`) and its whole.

Options (defaults): none.

FAIL: infant mortality capped at 6.5‰, under-5 mortality at 6‰::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: infant, indicator: infant_mortality_rate, unit: ‰, target: {year: 2025, value: 6.5, op: "<="}}
          - {id: under5, indicator: under5_mortality_rate, unit: ‰, target: {year: 2025, value: 6, op: "<="}}

PASS: 6.79‰ under five against 4.5‰ under one::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: infant, indicator: infant_mortality_rate, unit: ‰, target: {year: 2025, value: 4.5, op: "<="}}
          - {id: under5, indicator: under5_mortality_rate, unit: ‰, target: {year: 2025, value: 6.79, op: "<="}}

PASS: a ceiling of the larger above a floor of the smaller says nothing about their order::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: infant, indicator: infant_mortality_rate, unit: ‰, target: {year: 2025, value: 7, op: ">="}}
          - {id: under5, indicator: under5_mortality_rate, unit: ‰, target: {year: 2025, value: 6, op: "<="}}

PASS: values of other years or regions are not compared::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: infant, indicator: infant_mortality_rate, unit: ‰, base: {year: 2020, value: 6.5}}
          - {id: under5, indicator: under5_mortality_rate, unit: ‰, target: {year: 2025, value: 6, op: "<="}}
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..model import Plan, Quantity
from ..quantities import describe, interval_of, printed_half_step
from ..evidence import Advice, Shows, Text
from .base import Context, dated_numbers, defaults, Hit, in_own_unit, options_schema, target_name, unit_factor

ID = "definitional_order"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="按定义{larger}不低于{smaller}：核对两个数值是否写反。",
                en="By definition {larger} is never below {smaller}: check whether the two numbers were swapped.")

_SENSE = {"<=": "cap", "<": "cap", ">=": "floor", ">": "floor", "=": "point", "~": "point"}


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    numbers = dated_numbers(plan.targets)
    for (larger_id, scope, year), larger in numbers.items():
        for smaller_id, why in ctx.indicators.orderings_from(larger_id):
            found = _swapped(in_own_unit(larger, ctx), in_own_unit(numbers.get((smaller_id, scope, year), []), ctx))
            if found is None:
                continue
            (big, big_q), (small, small_q) = found
            yield Hit(
                at=big, related=[small], key=f"{smaller_id}/{scope}/{year}", indicator=larger_id, region=scope,
                zh=f"按定义{target_name(big, ctx, 'zh')}不低于{target_name(small, ctx, 'zh')}，但本规划前者为"
                   f"{describe(big_q, big.unit, 'zh')}、后者为{describe(small_q, small.unit, 'zh')}，大小颠倒",
                en=f"by definition {target_name(big, ctx, 'en')} is never below {target_name(small, ctx, 'en')}, "
                   f"but the plan states {describe(big_q, big.unit, 'en')} for the first and "
                   f"{describe(small_q, small.unit, 'en')} for the second: the pair is swapped",
                evidence={"larger": {"indicator": larger_id, "stated": describe(big_q, big.unit, "en")},
                          "smaller": {"indicator": smaller_id, "stated": describe(small_q, small.unit, "en")},
                          "definition": why},
                shows=Shows(values=(big_q, small_q),
                            arithmetic=(Text.of(lambda lang: f"{describe(big_q, big.unit, lang)} < "
                                                             f"{describe(small_q, small.unit, lang)}"),),
                            advice=ADVICE.fill(lambda lang: {"larger": target_name(big, ctx, lang),
                                                             "smaller": target_name(small, ctx, lang)})))


def _swapped(larger, smaller):
    for big, big_q in larger:
        for small, small_q in smaller:
            if _below(big_q, big.unit, small_q, small.unit):
                return (big, big_q), (small, small_q)
    return None


def _below(big: Quantity, big_unit: Optional[str], small: Quantity, small_unit: Optional[str]) -> bool:
    big_i, small_i = interval_of(big, big_unit), interval_of(small, small_unit)
    if big_i is None or small_i is None:
        return False
    if big_i.high < small_i.low:  # every value the larger may take is below every value of the smaller
        return True
    if big.is_range or small.is_range or _SENSE.get(big.op) != _SENSE.get(small.op):
        return False
    # the same kind of number: compared as printed, allowing the last digit of the finer of the two
    step = min(printed_half_step(big.value), printed_half_step(small.value))
    return big.value * unit_factor(big_unit) < (small.value - step) * unit_factor(small_unit)

