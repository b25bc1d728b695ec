"""direction_slack: a bound that gives ground the catalogue's `direction` says it should gain.

The catalogue says which way is better (`direction: higher | lower`). Two things then read as slack:

- a cap (以下, 以内) that loosens from the target year to the vision year, or a floor (以上) that drops:
  万人火灾事故死亡率 "0.02以下" in 2025 and 0.15 in 2035 lets the rate rise seven-fold;
- a floor set below the value the plan gives for its base year (已达100%, "保持在90%以上").

Binding targets (约束性) are held to their bound, so for them this is a warning; for the others it is
shown for the record (info): a floor below a base near its ceiling is often deliberate ("稳定在95%以上").
Plain values, which are forecasts rather than bounds, are left alone; bounds are compared as printed,
allowing the last digit of the finer number.

Options (defaults): none.

FAIL: a binding cap of 0.02 in 2025 becomes 0.15 in 2035::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: fire, indicator: fire_deaths_per_10k, unit: 人/万人, attribute: binding,
             target: {year: 2025, value: 0.02, op: "<="}, vision: {year: 2035, value: 0.15}}

INFO: an expected floor of 58% for a forest cover that stood at 60% in 2020::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", base: {year: 2020, value: 60},
             target: {year: 2025, value: 58, op: ">="}}

PASS: a binding cap that tightens, and a forecast that slows::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: fire, indicator: fire_deaths_per_10k, unit: 人/万人, attribute: binding,
             target: {year: 2025, value: 0.02, op: "<="}, vision: {year: 2035, value: 0.01, op: "<="}}
          - {id: growth, indicator: industrial_value_added_growth, unit: "%",
             target: {year: 2025, value: 10}, vision: {year: 2035, value: 9}}
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..model import Quantity, Target
from ..quantities import describe, printed_half_step
from ..evidence import Advice, Shows, Text
from .base import Context, defaults, Hit, options_schema, target_name

ID = "direction_slack"
GIVEN = ("target",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="核对{later}：该指标越{better}越好，后一个数不应比{earlier}宽松。",
                en="Check {later}: {better} is better for this indicator, so it should not be looser than {earlier}.")

_CAP, _FLOOR = ("<=", "<"), (">=", ">")


def check(target: Target, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    indicator = ctx.indicators.get(target.indicator)
    if indicator is None or indicator.direction not in ("higher", "lower") or target.cumulative:
        return
    severity = None if target.attribute == "binding" else "info"
    goal, vision, base = target.target, target.vision, target.base
    bound_ops = _CAP if indicator.direction == "lower" else _FLOOR
    if _dated_value(goal) and goal.op in bound_ops and _dated_value(vision) and vision.year > goal.year \
            and vision.op in (*bound_ops, "=", "~") and _worse(vision.value, goal.value, indicator.direction):
        kind_zh, kind_en = ("上限", "cap") if indicator.direction == "lower" else ("下限", "floor")
        yield Hit(
            at=target, key="vision", severity=severity,
            zh=f"{target_name(target, ctx, 'zh')}{describe(goal, target.unit, 'zh')}为{kind_zh}，远景"
               f"{describe(vision, target.unit, 'zh')}反而放宽（该指标越{'低' if indicator.direction == 'lower' else '高'}越好）",
            en=f"{target_name(target, ctx, 'en')}: the {kind_en} {describe(goal, target.unit, 'en')} loosens to "
               f"{describe(vision, target.unit, 'en')} by the vision year ({indicator.direction} is better)",
            evidence={"target": describe(goal, target.unit, "en"), "vision": describe(vision, target.unit, "en"),
                      "direction": indicator.direction, "attribute": target.attribute},
            shows=_shows(target, vision, goal, indicator.direction))
    if indicator.direction == "higher" and _dated_value(goal) and goal.op in _FLOOR and _dated_value(base) \
            and base.year < goal.year and _worse(goal.value, base.value, "higher"):
        yield Hit(
            at=target, key="base", severity=severity,
            zh=f"{target_name(target, ctx, 'zh')}下限{describe(goal, target.unit, 'zh')}低于基期已达到的"
               f"{describe(base, target.unit, 'zh')}",
            en=f"{target_name(target, ctx, 'en')}: the floor {describe(goal, target.unit, 'en')} is below the "
               f"{describe(base, target.unit, 'en')} already reached",
            evidence={"target": describe(goal, target.unit, "en"), "base": describe(base, target.unit, "en"),
                      "direction": "higher", "attribute": target.attribute},
            shows=_shows(target, goal, base, "higher"))


def _shows(target: Target, later: Quantity, earlier: Quantity, direction: str) -> Shows:
    better = {"zh": "低" if direction == "lower" else "高", "en": direction}
    return Shows(values=(later,),
                 arithmetic=(Text.of(lambda lang: f"{describe(earlier, target.unit, lang)} → "
                                                  f"{describe(later, target.unit, lang)}"),),
                 advice=ADVICE.fill(lambda lang: {"later": describe(later, target.unit, lang), "better": better[lang],
                                                  "earlier": describe(earlier, target.unit, lang)}))


def _dated_value(q: Optional[Quantity]) -> bool:
    return q is not None and q.value is not None and q.year is not None


def _worse(later: float, earlier: float, direction: str) -> bool:
    """`later` is worse than `earlier` beyond the last printed digit of the finer of the two."""
    step = min(printed_half_step(later), printed_half_step(earlier))
    return later > earlier + step if direction == "lower" else later < earlier - step
