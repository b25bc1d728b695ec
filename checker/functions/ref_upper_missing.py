"""ref_upper_missing: "控制在上级下达目标以内" with no upper number in the corpus.

A target written as `target: {ref: upper}` defers to the plan above. If no plan above states a number for
that indicator and region, the target is empty: nobody can tell whether the county meets it. (When no
plan above is in the corpus at all, coverage-upper-plan-missing reports that instead.)

Options: none.

FAIL: the city's plan is in the corpus but states no energy number::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%", target: {year: 2025, ref: upper}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-gdp, indicator: gdp, scope: "520201", unit: 亿元, target: {year: 2025, value: 500}}

PASS::

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
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..model import Target
from .base import Context, Hit, evidence_lines, target_name

ID = "ref_upper_missing"
GIVEN = ("target",)
OPTIONS: dict[str, Any] = {}

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"upper_plans": Text("上级规划", "upper plans")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="写明具体数值（上级下达后的数字），或把下达该指标的上级规划或文件加入语料，使其可以核对。",
    en="State the number (the one the upper level set), or add the upper plan or document that sets it to the corpus so it can be checked.")


def check(target: Target, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    if target.target is None or not target.target.ref_upper:
        return
    uppers = ctx.graph.linked(target, "assigned") + ctx.graph.linked(target, "refines")
    if any(u.target is not None and u.target.has_number for u in uppers):
        return
    plans = [p.id for p in ctx.graph.upper_plans(ctx.plan(target.plan))]
    if not plans:
        return  # no plan above is in the corpus at all: coverage-upper-plan-missing says so
    evidence = {"upper_plans": plans}
    yield Hit(at=target,
              zh=f"{target_name(target, ctx, 'zh')}写作“控制在上级下达目标以内”，但语料中的上级规划"
                 f"（{', '.join(plans) or '无'}）没有给出该数值",
              en=f"{target_name(target, ctx, 'en')} defers to the upper plan's number, but no upper plan in the "
                 f"corpus ({', '.join(plans) or 'none'}) states one",
              evidence=evidence, shows=Shows(
                  arithmetic=evidence_lines(evidence, target, ctx, LABELS),
                  advice=ADVICE.fill()))
