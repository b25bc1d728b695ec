"""A regions file against the division table and the polygon layers: what is out of date or wrong.

Reports unknown or retired codes, renamed units, wrong levels or parents, neighbours the borders do
not support (or that they add), asymmetric neighbours, counties with no neighbour, and group members
that are not valid codes. Each problem names the file, line and column of the region it is about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..loader import locate
from ..problems import Problem
from .borders import DEFAULT_THRESHOLD_M, adjacent_pairs
from .build import Existing, Layers, drawn, measure
from .divisions import DivisionTable
from .renames import former_codes

LEVEL_ZH = {"province": "省级", "municipal": "地级", "county": "县级"}


def _loaded(existing: Existing):
    from ..corpus import LoadedFile

    return LoadedFile(Path(existing.display), existing.display, "regions", existing.data)


def check(existing: Existing, table: DivisionTable, layers: Layers,
          source: str, threshold_m: float = DEFAULT_THRESHOLD_M) -> list[Problem]:
    from ..build import build_regions

    problems: list[Problem] = []
    build_regions([_loaded(existing)], problems)
    items = existing.regions()
    by_code = {item["code"]: item for item in items}
    former = {f["code"]: item["code"] for item in items for f in item.get("former", ())}
    shown = former_codes(table, layers)
    former.update({old: code for code, olds in shown.items() for old in olds if old not in former})

    def at(index: int, message: str, zh: str, *path: Any) -> None:
        line, column = locate(existing.data, ["regions", index, *path])
        problems.append(Problem(existing.display, line, column, message, zh=zh))

    for index, item in enumerate(items):
        code, name = item["code"], item["name"]
        unit = table.get(code)
        if unit is None:
            now = former.get(code)
            if now:
                now_name = by_code[now]["name"] if now in by_code else table[now].name
                at(index, f"{name} ({code}) is a retired code, now {now} {now_name}",
                   f"{name}（{code}）是已撤销的代码，现为 {now} {now_name}")
            else:
                at(index, f"{name} ({code}) is not in {source}: an unknown or retired code",
                   f"{name}（{code}）不在 {source} 中：未知或已撤销的代码")
            continue
        if unit.name != name:
            at(index, f"{code} is named {unit.name} in {source}, not {name} (renamed? keep {name} as an alias)",
               f"{code} 在 {source} 中名为{unit.name}，不是{name}（已更名？可把{name}留作别名）", "name")
        if unit.level != item["level"]:
            at(index, f"{name} ({code}) is {unit.level} in {source}, not {item['level']}",
               f"{name}（{code}）在 {source} 中是{LEVEL_ZH[unit.level]}，不是{LEVEL_ZH.get(item['level'], item['level'])}",
               "level")
        if unit.parent != item.get("parent"):
            at(index, f"{name} ({code}): parent is {unit.parent} in {source}, not {item.get('parent')}",
               f"{name}（{code}）：在 {source} 中的上级是 {unit.parent}，不是 {item.get('parent')}", "parent")
        if item["level"] == "county" and not item.get("neighbours"):
            at(index, f"{name} ({code}) is a county with no neighbour", f"县级单位{name}（{code}）没有相邻区域")
        for f, before in enumerate(item.get("former", ())):
            if before["code"] in table:
                current = table[before["code"]].name
                at(index, f"{name} ({code}): former code {before['code']} is a current code in {source} ({current})",
                   f"{name}（{code}）：旧代码 {before['code']} 在 {source} 中仍是现行代码（{current}）", "former", f)
    for g, group in enumerate(existing.data.get("groups", [])):
        for m, member in enumerate(group.get("members", [])):
            if member not in table:
                line, column = locate(existing.data, ["groups", g, "members", m])
                problems.append(Problem(existing.display, line, column,
                                        f"group {group['id']}: member {member} is not a valid code in {source}",
                                        zh=f"分组 {group['id']}：成员 {member} 不是 {source} 中的有效代码"))
    problems += _neighbour_problems(existing, table, layers, threshold_m)
    return sorted(set(problems))


def _neighbour_problems(existing: Existing, table: DivisionTable, layers, threshold_m: float) -> list[Problem]:
    items = existing.regions()
    index_of = {item["code"]: i for i, item in enumerate(items)}
    found = measure(index_of, table, layers)
    should = adjacent_pairs(found, threshold_m)
    everywhere = drawn(layers)
    listed = {tuple(sorted((item["code"], n))) for item in items for n in item.get("neighbours", ())
              if item["code"] in everywhere and n in everywhere and item["code"] in table and n in table}
    out = []
    for (a, b), verb in [(p, "missing") for p in sorted(should - listed)] + [(p, "extra") for p in sorted(listed - should)]:
        border = found.get((a, b))
        measured = f"shared border {border.describe()}" if border and border.lengths else "no shared border in the data"
        measured_zh = f"共同边界 {border.describe()}" if border and border.lengths else "数据中没有共同边界"
        line, column = locate(existing.data, ["regions", index_of[a]])
        first, second = f"{items[index_of[a]]['name']}", f"{items[index_of[b]]['name']}"
        km = f"{threshold_m / 1000:g}"
        if verb == "missing":
            message = f"{first} ({a}) and {second} ({b}) are neighbours ({measured})"
            zh = f"{first}（{a}）与{second}（{b}）相邻（{measured_zh}）"
        else:
            message = (f"{first} ({a}) lists {second} ({b}) as a neighbour, "
                       f"but the data does not ({measured}; the threshold is {km} km in every layer)")
            zh = f"{first}（{a}）把{second}（{b}）列为相邻，但数据不支持（{measured_zh}；每个图层都须超过 {km} 公里）"
        out.append(Problem(existing.display, line, column, message, zh=zh))
    return out
