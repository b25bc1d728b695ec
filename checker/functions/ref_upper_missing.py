"""ref_upper_missing: a number deferred to an upper plan that is in the corpus but does not state it.

A target written as `target: {ref: upper}` ("控制在上级下达目标以内") or `ref: {level: province}`
("完成省下达目标") defers to a plan above. Only an upper plan of the level and kind the text names can
supply the number (see checker/deferral.py): a municipal urbanization plan does not hand down the
province's energy quota, and a land-use bound or a provincial average comes from no development plan.
If such a plan is in the corpus and states no number for that indicator and region, the target is empty:
nobody can tell whether the county meets it. If no such plan is in the corpus, coverage-deferred-number
lists the deferral instead, once per plan.

Options: none.

FAIL: the city's master plan is in the corpus but states no energy number::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%",
             target: {year: 2025, ref: {level: municipal}}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-gdp, indicator: gdp, scope: "520201", unit: 亿元, target: {year: 2025, value: 500}}

PASS: the city's master plan states it::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%", target: {year: 2025, ref: upper}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-energy, indicator: energy_intensity_reduction, scope: "520201", unit: "%",
             target: {year: 2025, value: 13.5, op: ">="}}

PASS: a special plan of the city is no place for the province's quota (coverage reports it)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%",
             target: {year: 2025, ref: {level: province}}}
      - id: city
        region: "520200"
        level: municipal
        kind: special
        targets:
          - {id: zhongshan-gdp, indicator: gdp, scope: "520201", unit: 亿元, target: {year: 2025, value: 500}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..deferral import describe_deferral, suppliers
from ..evidence import Advice, Shows, Text
from ..model import Target
from .base import Context, Hit, defaults, options_schema, target_name

ID = "ref_upper_missing"
GIVEN = ("target",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"upper_plans": Text("上级规划", "upper plans")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="写明具体数值（上级下达后的数字），或把下达该指标的上级规划或文件加入语料，使其可以核对。",
    en="State the number (the one the upper level set), or add the upper plan or document that sets it to the corpus so it can be checked.")


def check(target: Target, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    if target.target is None or not target.target.ref_upper:
        return
    plans = suppliers(ctx.graph.upper_plans(ctx.plan(target.plan)), target.target)
    if not plans:
        return  # nothing in the corpus could supply it: coverage-deferred-number lists it
    able = {plan.id for plan in plans}
    uppers = ctx.graph.linked(target, "assigned") + ctx.graph.linked(target, "refines")
    if any(u.plan in able and u.target is not None and u.target.has_number for u in uppers):
        return
    ids = ", ".join(plan.id for plan in plans)
    yield Hit(at=target, related=plans,
              zh=f"{target_name(target, ctx, 'zh')}写作“{describe_deferral(target.target, 'zh')}”，但语料中可给出"
                 f"该数值的上级规划（{ids}）没有给出",
              en=f"{target_name(target, ctx, 'en')} is {describe_deferral(target.target, 'en')}, but the upper "
                 f"plan in the corpus that would set it ({ids}) states no number",
              evidence={"upper_plans": [plan.id for plan in plans], "ref_level": list(target.target.ref_levels),
                        "ref_kind": target.target.ref_kind},
              shows=Shows(labels=LABELS, advice=ADVICE.fill()))
