"""project_reciprocity: a cross-boundary project that the other region's plan does not mention.

A road from 钟山区 to 水城区 in 钟山区's plan needs 水城区 to build its half. When 水城区's plan is in the
corpus and names no project shared with any of the other regions, the project is not reciprocated.
Regions without a plan in the corpus are left to coverage-neighbour-plan-missing.

Options: none.

FAIL::

    plans:
      - id: zhongshan
        region: "520201"
        projects:
          - {id: road, name: 钟山—水城快速通道, kind: road, regions: ["520201", "520204"]}
      - id: shuicheng
        region: "520204"

PASS::

    plans:
      - id: zhongshan
        region: "520201"
        projects:
          - {id: road, name: 钟山—水城快速通道, kind: road, regions: ["520201", "520204"]}
      - id: shuicheng
        region: "520204"
        projects:
          - {id: road, name: 水城—钟山快速通道, kind: road, regions: ["520204", "520201"]}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..model import Project
from .base import Context, Hit, evidence_lines

ID = "project_reciprocity"
GIVEN = ("project",)
OPTIONS: dict[str, Any] = {}

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"missing_in": Text("未对应的地区", "missing in")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="在{missing_in}的规划中补列该项目，或在本规划中注明对方尚未纳入，使跨区项目两端一致。",
    en="List the project in {missing_in}'s plan too, or note here that it is not yet there, so both ends of the project agree.")


def check(project: Project, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    plan = ctx.plan(project.plan)
    for region in project.regions:
        if region == plan.region:
            continue
        plans = ctx.graph.plans_by_region.get(region, [])
        if not plans:
            continue
        partners = set(project.regions) - {region}
        if any(partners & set(p.regions) for other in plans for p in other.projects):
            continue
        evidence = {"project": project.name, "regions": list(project.regions), "missing_in": region}
        yield Hit(
            at=project, related=plans, key=region, region=region,
            zh=f"跨区域项目“{project.name}”涉及{ctx.region_name(region)}，但{ctx.region_name(region)}的规划"
               f"（{', '.join(p.id for p in plans)}）没有与之对应的项目",
            en=f"the cross-boundary project '{project.name}' involves {ctx.region_name(region)}, whose plan "
               f"({', '.join(p.id for p in plans)}) names no project shared with these regions",
            evidence=evidence,
            shows=Shows(
                arithmetic=evidence_lines(evidence, project, ctx, LABELS),
                advice=ADVICE.fill(lambda lang: {"missing_in": ctx.region_name(region)})))
