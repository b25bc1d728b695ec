"""own_master_missing: a special plan (专项规划) whose own region's master plan (纲要) is not in the corpus.

A special plan carries out its region's master plan: 六盘水市's urbanization plan takes its 城镇化率 and
population numbers from 六盘水市's 十四五纲要. Without that master plan in the corpus, nothing checks the
special plan against the numbers it should follow, and the report must say so rather than look clean. A
city cluster has no master plan of its own, so a cluster's plan is never reported; a land-use plan is
reported like a special plan.

Options: none.

FAIL: 六盘水市's urbanization plan without 六盘水市's master plan::

    plans:
      - id: city-urbanization
        region: "520200"
        level: municipal
        kind: special

PASS: the master plan of the same region is present::

    plans:
      - id: city-urbanization
        region: "520200"
        level: municipal
        kind: special
      - id: city
        region: "520200"
        level: municipal
"""

from __future__ import annotations

from typing import Any, Iterator

from ..model import Plan
from ..evidence import Advice, Shows
from .base import Context, defaults, Hit, options_schema

ID = "own_master_missing"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="把{region}的总体规划（纲要）加入语料，以核对本专项规划是否落实其数值。",
                en="Add {region}'s master plan to the corpus, so that this special plan can be checked against it.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    region = ctx.regions.get(plan.region)
    if plan.kind == "master" or region is None or region.level == "city_cluster":
        return
    if any(p.kind == "master" for p in ctx.graph.plans_by_region.get(plan.region, [])):
        return
    name = ctx.region_name(plan.region)
    yield Hit(at=plan, region=plan.region,
              zh=f"本规划是{name}的专项规划，语料中没有{name}的总体规划（纲要），无法核对本规划是否落实其数值",
              en=f"this is a special plan of {name}, and {name}'s master plan is not in the corpus: whether it "
                 "carries out the master plan's numbers is unchecked",
              evidence={"region": plan.region, "kind": plan.kind},
              shows=Shows(advice=ADVICE.fill(lambda lang: {"region": name})))
