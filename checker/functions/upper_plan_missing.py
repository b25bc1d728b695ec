"""upper_plan_missing: a plan above this one (its city's, province's or city cluster's) is not in the corpus.

Without the upper plan, the vertical rules cannot check this plan at all; the report must say so rather
than look clean. A region that has only special plans (专项规划) in the corpus is reported too, since
its master plan (纲要) usually sets the numbers counties are held to. A city cluster has no master plan
of its own: any plan for it counts.

Options: none.

FAIL: no plan of 六盘水市 or 贵州省::

    plans:
      - id: county
        region: "520201"

PASS: the city's and the province's master plans are present::

    plans:
      - id: county
        region: "520201"
      - id: city
        region: "520200"
        level: municipal
      - id: province
        region: "520000"
        level: province
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..model import Plan
from .base import Context, Hit, defaults, options_schema

ID = "upper_plan_missing"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"missing": Text("缺少规划的地区", "region without a plan"), "present": Text("语料中已有", "plans present")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="这不是规划文本的问题：把{region}的规划加入语料后重新检查，即可核对与之的衔接。",
    en="Not a problem in the plan text: add {region}'s plan to the corpus and run the check again to compare against it.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    for region in ctx.graph.upper_regions(plan.region):
        present = ctx.graph.plans_by_region.get(region, [])
        cluster = ctx.regions[region].level == "city_cluster"  # a cluster's plan is its only plan
        if any(p.kind == "master" or cluster for p in present):
            continue
        name = ctx.region_name(region)
        if present:
            special = ", ".join(p.id for p in present)
            zh = f"语料中没有{name}的总体规划（纲要），只有专项规划（{special}）；与其总体规划的一致性无法检查"
            en = f"no master plan of {name} in the corpus, only special plans ({special}); consistency with it is unchecked"
        else:
            zh = f"语料中没有{name}的规划，本规划与其上级规划的一致性无法检查"
            en = f"no plan of {name} in the corpus, so this plan cannot be checked against it"
        evidence = {"missing": region, "present": [p.id for p in present]}
        yield Hit(at=plan, related=present, key=region, region=region, zh=zh, en=en,
                  evidence=evidence,
                  shows=Shows(
                      labels=LABELS,
                      advice=ADVICE.fill(lambda lang: {"region": name})))
