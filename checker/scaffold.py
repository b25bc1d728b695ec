"""`plancheck new`: a plan file a drafter can start from, valid as written.

It carries the yaml-language-server modeline (so an editor completes keys and explains them from the
plan schema), the region's name and code, a placeholder title and period, and one commented example
target that validates once uncommented.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path
from typing import Optional

from .build import build_regions
from .corpus import read_file
from .discovery import display_name, find_regions_file
from .problems import InputError, Problem
from .references import PLAN_LEVELS
from .regions import RegionRegistry

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# 规划草稿（plancheck new 生成）：填写后运行 plancheck validate 与 plancheck check。格式见 docs/plan-format.md。
# Draft made by `plancheck new`: fill it in, then run `plancheck validate` and `plancheck check`.
schema: plancheck/plan/v1
id: {plan_id}
title: "{name}{title_hint}"   # 规划全称（按发布稿填写） / the full title as published
region: "{region}"   # {name}
level: {level}
kind: {kind}   # master 总体规划/纲要 | special 专项规划
# issuer: 发布机关 / issuing body
period: {{base_year: 2025, end: 2030, vision: 2035}}   # 基期年、目标年、远景年 / base, end and vision year
source: {{document: {plan_id}.txt}}   # 规划文本文件名，source.line 指向其中的行 / the plan's text file
# 每个指标一条目标，数值须能在 source.quote 中找到 / one target per indicator; each number stands in its quote:
# targets:
#   - id: gdp
#     indicator: gdp
#     label: 地区生产总值
#     unit: 亿元
#     attribute: expected
#     base: {{year: 2025, value: 300}}
#     target: {{year: 2030, value: 420, op: "~"}}
#     growth: {{value: 7, op: "~"}}
#     source: {{table: 专栏1, row: 1, line: 120, quote: "地区生产总值 亿元 300 420左右 7左右"}}
"""
MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
TITLES = {"master": "国民经济和社会发展第十五个五年规划纲要（待定稿）", "special": "××专项规划（待定稿）"}


def load_regions(start: Path) -> tuple[RegionRegistry, Path]:
    """The region registry of the corpus at or above `start` (a folder or a file in it)."""
    found = find_regions_file([start])
    if found is None:
        raise InputError([Problem(display_name(start), 0, 0, "no regions.yaml found here or in a folder above; "
                                                             "name the corpus with --corpus DIR")])
    problems: list[Problem] = []
    registry = build_regions([read_file(found, "regions")], problems)
    if problems:
        raise InputError(problems)
    return registry, found


def schema_reference(output: Optional[Path], regions_file: Optional[Path] = None) -> str:
    """Where the new file's modeline points: the plan schema beside the one regions.yaml's modeline names
    (a corpus that keeps its schemas in the repository), else the installed plan schema; relative to the
    folder the new file goes to (or the working folder)."""
    folder = (output.parent if output else Path.cwd()).resolve()
    schema = Path(str(resources.files("checker.schema").joinpath("plan.schema.json")))
    if regions_file is not None:
        first = regions_file.read_text(encoding="utf-8").split("\n", 1)[0]
        match = MODELINE.match(first)
        if match and "://" not in match.group(1):
            beside = (regions_file.parent / match.group(1)).parent / "plan.schema.json"
            if beside.is_file():
                schema = beside
    return Path(os.path.relpath(schema.resolve(), folder)).as_posix()


def new_plan(regions: RegionRegistry, region: str, level: Optional[str] = None, plan_id: Optional[str] = None,
             kind: str = "master", schema: str = "") -> str:
    """The text of a new plan file for `region`; InputError when the region or level does not fit."""
    entry = regions.get(region)
    if entry is None:
        close = [code for code in regions.regions if code.startswith(region[:4])][:5]
        hint = f" (codes nearby: {', '.join(close)})" if close else ""
        raise InputError([Problem("--region", 0, 0, f"unknown region '{region}'{hint}; see regions.yaml")])
    plan_id = plan_id or f"{region}-draft"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", plan_id):
        raise InputError([Problem("--id", 0, 0, f"'{plan_id}' is not a plan id: use lower-case letters, digits "
                                                "and '-', such as zhongshan-fyp15")])
    if level is None:
        level = entry.level if entry.level in PLAN_LEVELS else None
        if level is None:
            raise InputError([Problem("--level", 0, 0, f"{entry.name} ({region}) is a {entry.level}: say which "
                                                       f"level of plan it is with --level")])
    if entry.level not in PLAN_LEVELS[level]:
        raise InputError([Problem("--level", 0, 0, f"a {level} plan cannot be for {entry.name} ({region}), "
                                                   f"which is {entry.level}")])
    return TEMPLATE.format(schema=schema, plan_id=plan_id, name=entry.name,
                           title_hint=TITLES[kind], region=region, level=level, kind=kind)
