"""project_reciprocity: a cross-boundary project that the other region's plan does not take up.

A road from 钟山区 to 水城区 in 钟山区's plan needs 水城区 to build its half. When 水城区's plan is in the
corpus and takes the project up nowhere, the project is not reciprocated. A plan takes a project up with a
project shared with any of the other regions, or with a role: one that names the project in `takes_up`
(the encoder's reading, e.g. an industry chain the county answers with its 铝基新材料 role) or whose text
contains a distinctive part of the project's name (region names left out, three characters or more). A
spatial grouping (`kind: grouping`, a 城镇组团) is a layout, not a project: it is never reported. Regions
without a plan in the corpus are left to coverage-neighbour-plan-missing.

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

PASS: a grouping is no project to reciprocate::

    plans:
      - id: zhongshan
        region: "520201"
        projects:
          - {id: cluster, name: 钟山—水城城镇组团, kind: grouping, regions: ["520201", "520204"]}
      - id: shuicheng
        region: "520204"

PASS: the other plan answers it with a role::

    plans:
      - id: zhongshan
        region: "520201"
        projects:
          - {id: chain, name: 钟山—水城煤电铝产业链, kind: park, regions: ["520201", "520204"]}
      - id: shuicheng
        region: "520204"
        roles:
          - {id: aluminium, text: 以铝精深加工为主导的产业体系, scope: "520204", takes_up: [zhongshan/chain]}
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..model import Plan, Project, normalize_text
from .base import Context, Hit, defaults, options_schema

ID = "project_reciprocity"
GIVEN = ("project",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"missing_in": Text("未对应的地区", "missing in")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="在{missing_in}的规划中补列该项目，或在本规划中注明对方尚未纳入，使跨区项目两端一致。",
    en="List the project in {missing_in}'s plan too, or note here that it is not yet there, so both ends of the project agree.")

_SEPARATORS = re.compile(r"[\s—\-–、，,（）()“”\"'「」《》·/:：;；]+")
_ADMIN_SUFFIX = re.compile(r"(自治县|特区|新区|市|区|县)$")


def _name_parts(project: Project, ctx: Context) -> list[str]:
    """The distinctive parts of a project's name: split at dashes and punctuation, region names removed."""
    parts = []
    for part in _SEPARATORS.split(project.name):
        for code in project.regions:
            if code in ctx.regions:
                name = ctx.region_name(code)
                for word in {name, _ADMIN_SUFFIX.sub("", name)}:
                    if len(word) >= 2:
                        part = part.replace(word, "")
        if len(part) >= 3:
            parts.append(part)
    return parts


def _takes_up(plan: Plan, project: Project, partners: set[str], parts: list[str]) -> bool:
    if any(partners & set(p.regions) for p in plan.projects):
        return True
    for role in plan.roles:
        text = normalize_text(role.text)
        if project.key in role.takes_up or any(part in text for part in parts):
            return True
    return False


def check(project: Project, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    if project.kind == "grouping":
        return
    plan = ctx.plan(project.plan)
    parts = _name_parts(project, ctx)
    for region in project.regions:
        if region == plan.region:
            continue
        plans = ctx.graph.plans_by_region.get(region, [])
        if not plans:
            continue
        partners = set(project.regions) - {region}
        if any(_takes_up(other, project, partners, parts) for other in plans):
            continue
        yield Hit(
            at=project, related=plans, key=region, region=region,
            zh=f"跨区域项目“{project.name}”涉及{ctx.region_name(region)}，但{ctx.region_name(region)}的规划"
               f"（{', '.join(p.id for p in plans)}）没有与之对应的项目或定位",
            en=f"the cross-boundary project '{project.name}' involves {ctx.region_name(region)}, whose plan "
               f"({', '.join(p.id for p in plans)}) takes it up in no project shared with these regions and no role",
            evidence={"project": project.name, "regions": list(project.regions), "missing_in": region},
            shows=Shows(labels=LABELS, advice=ADVICE.fill(lambda lang: {"missing_in": ctx.region_name(region)})))
