"""project_stage: one project stated at different stages in one plan (力争开工 here, 建成 there).

A plan that says "力争开工建设中心城区至北部五乡镇的城市快速通道" in its goals and "建成中心城区至北部五乡镇的
城市快速通道" in its infrastructure chapter promises two different things for the same period. Each mention is
encoded as a project with its `stage` (prepare, start, build, complete, operate); mentions with the same name
(ignoring blanks and punctuation) are one project, and two different stages are a finding that lists where
each stands. Mentions without a stage say nothing about it and are left out.

Options (defaults): none.

FAIL: 开工 in one place, 建成 in another::

    plans:
      - id: county
        region: "520201"
        projects:
          - {id: road-goal, name: 城市快速通道, kind: road, regions: ["520201"], stage: start}
          - {id: road-chapter, name: 城市快速通道, kind: road, regions: ["520201"], stage: complete}

PASS: the same stage twice, and a mention without a stage::

    plans:
      - id: county
        region: "520201"
        projects:
          - {id: road-goal, name: 城市快速通道, kind: road, regions: ["520201"], stage: complete}
          - {id: road-chapter, name: 城市快速通道, kind: road, regions: ["520201"], stage: complete}
          - {id: road-box, name: 城市快速通道, kind: road, regions: ["520201"]}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..model import Plan, normalize_text
from ..evidence import Advice, Shows, Text
from .base import Context, defaults, Hit, options_schema

ID = "project_stage"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="统一“{project}”在规划期内的阶段（开工还是建成），各处写法一致。",
                en="Say one stage for '{project}' within the period (started or completed), the same everywhere.")

STAGE_WORDS = {"prepare": ("前期工作", "preparation"), "start": ("开工", "start of works"),
               "build": ("建设", "construction"), "complete": ("建成", "completion"),
               "operate": ("运营", "operation")}


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    mentions: dict[str, list] = {}
    for project in sorted(plan.projects, key=lambda p: p.id):
        if project.stage is not None:
            mentions.setdefault(normalize_text(project.name), []).append(project)
    for _, same in sorted(mentions.items()):
        stages = sorted({p.stage for p in same}, key=list(STAGE_WORDS).index)
        if len(stages) < 2:
            continue
        first = same[0]
        where_zh = "；".join(f"第{p.source.line}行为{STAGE_WORDS[p.stage][0]}" for p in same)
        where_en = "; ".join(f"{STAGE_WORDS[p.stage][1]} at line {p.source.line}" for p in same)
        yield Hit(
            at=first, related=same[1:], key=first.id, region=plan.region,
            zh=f"项目“{first.name}”在本规划中阶段不一：{where_zh}；规划期内是开工还是建成，须统一",
            en=f"the project '{first.name}' is stated at different stages in this plan: {where_en}; "
               "which one the period promises should be one",
            evidence={"project": first.name, "stages": {p.key: p.stage for p in same},
                      "lines": {p.key: p.source.line for p in same}},
            shows=Shows(arithmetic=tuple(Text(f"第{p.source.line}行：{STAGE_WORDS[p.stage][0]}",
                                              f"line {p.source.line}: {STAGE_WORDS[p.stage][1]}") for p in same),
                        advice=ADVICE.fill(lambda lang: {"project": first.name})))
