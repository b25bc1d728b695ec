"""neighbour_plan_missing: a neighbouring region has no plan in the corpus.

Horizontal rules (shared projects, shares of one total) need the neighbour's plan. The rule lists each
neighbour without one, so that a clean horizontal result is not mistaken for a checked one.

Options (defaults)::

    levels: [county]   # plans of these levels are checked

FAIL: 水城区 borders 钟山区 and has no plan::

    plans:
      - id: county
        region: "520201"

PASS: every county's neighbours have plans::

    plans:
      - id: county
        region: "520201"
      - id: shuicheng
        region: "520204"
      - id: panzhou
        region: "520281"
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..model import Plan
from .base import Context, Hit, defaults, options_schema

ID = "neighbour_plan_missing"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    levels={"type": "array", "items": {"enum": ["province", "city_cluster", "municipal", "county"]},
            "uniqueItems": True, "default": ["county"], "description": "plans of these levels are checked"})
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"missing": Text("缺少规划的地区", "region without a plan")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="这不是规划文本的问题：把{region}的规划加入语料后重新检查，即可核对横向衔接。",
    en="Not a problem in the plan text: add {region}'s plan to the corpus and run the check again to compare with it.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    if plan.level not in options["levels"]:
        return
    for neighbour in ctx.regions.neighbours(plan.region):
        if ctx.graph.plans_by_region.get(neighbour):
            continue
        name = ctx.region_name(neighbour)
        evidence = {"missing": neighbour}
        yield Hit(at=plan, key=neighbour, region=neighbour,
                  zh=f"相邻的{name}（{neighbour}）没有规划在语料中，横向一致性无法检查",
                  en=f"the neighbouring {name} ({neighbour}) has no plan in the corpus; horizontal checks against it "
                     "are not possible",
                  evidence=evidence, shows=Shows(
                      labels=LABELS,
                      advice=ADVICE.fill(lambda lang: {"region": name})))
