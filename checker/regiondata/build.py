"""One regions file from the division table and the polygon layers, merged with an existing file.

What the data says wins for codes, names, levels, parents and neighbours; what only a person can say
is kept from the existing file: groups (copied as written, comments included), notes, aliases and
former codes. A region of the existing file outside the provinces built is kept (with the units above
it), so that the plans naming it still resolve. Nothing is dropped silently: a region or group member
whose code the table does not hold is an error, and every change to a neighbour pair, a name, a level
or a parent is listed with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from ..loader import locate
from ..problems import InputError, Problem
from .borders import DEFAULT_THRESHOLD_M, Border, Pair, adjacent_pairs, borders
from .dataset import Source
from .divisions import LEVELS, Division, DivisionTable
from .renames import former_codes

Layers = Mapping[str, Mapping[str, Mapping[str, object]]]  # {level: {layer: {code: geometry}}}


@dataclass(frozen=True)
class Existing:
    """An existing regions file: its parsed data (with positions), its text and its name."""
    data: Mapping[str, Any]
    text: str
    display: str

    def regions(self) -> list[Mapping[str, Any]]:
        return list(self.data.get("regions", []))

    def groups_text(self) -> Optional[str]:
        """The `groups:` block exactly as written (up to the next top-level key)."""
        lines = self.text.splitlines(keepends=True)
        start = next((i for i, line in enumerate(lines) if line.startswith("groups:")), None)
        if start is None:
            return None
        end = next((i for i in range(start + 1, len(lines)) if re.match(r"[A-Za-z_]", lines[i])), len(lines))
        return "".join(lines[start:end]).rstrip("\n") + "\n"


@dataclass
class Built:
    regions: list[dict[str, Any]]
    groups_text: Optional[str]
    sources: tuple[Source, ...]
    threshold_m: float
    provinces: tuple[str, ...]  # () for the whole country
    kept: list[str] = field(default_factory=list)  # codes kept from the existing file outside the provinces
    changes: list[str] = field(default_factory=list)
    no_polygon: list[str] = field(default_factory=list)  # units no layer draws (so: no neighbours)
    disputed: int = 0  # pairs one layer makes neighbours and another does not (left out)

    def counts(self) -> dict[str, int]:
        return {level: sum(1 for r in self.regions if r["level"] == level) for level in LEVELS}

    def neighbour_pairs(self) -> set[Pair]:
        return {(r["code"], n) for r in self.regions for n in r.get("neighbours", ()) if r["code"] < n}


def _selection(table: DivisionTable, provinces: tuple[str, ...]) -> list[str]:
    if not provinces:
        return sorted(table.units)
    known = ", ".join(table.provinces()[:6])
    problems = [Problem("--province", 0, 0, f"{code} is not a province code in the division table "
                        f"(province codes end in 0000: {known} ...)",
                        zh=f"{code} 不是区划表中的省级代码（省级代码以 0000 结尾：{known} ……）")
                for code in provinces if code not in table or table[code].level != "province"]
    if problems:
        raise InputError(problems)
    return sorted({c for p in provinces for c in table.within(p)})


def _existing_problems(table: DivisionTable, existing: Existing, source: str) -> list[Problem]:
    problems = []
    for index, item in enumerate(existing.regions()):
        if item["code"] not in table:
            line, column = locate(existing.data, ["regions", index])
            problems.append(Problem(existing.display, line, column,
                                    f"{item['name']} ({item['code']}) is not in {source}: a retired or unknown code; "
                                    "replace it by the current unit (keep the old code under `former:`)",
                                    zh=f"{item['name']}（{item['code']}）不在 {source} 中：已撤销或未知的代码；"
                                       "请改为现行单位（旧代码写在 `former:` 下）"))
    for index, group in enumerate(existing.data.get("groups", [])):
        for m, member in enumerate(group.get("members", [])):
            if member not in table:
                line, column = locate(existing.data, ["groups", index, "members", m])
                problems.append(Problem(existing.display, line, column,
                                        f"group {group['id']}: member {member} is no longer a valid code "
                                        f"(not in {source})",
                                        zh=f"分组 {group['id']}：成员 {member} 已不是有效代码（不在 {source} 中）"))
        parent = group.get("parent")
        if parent is not None and parent not in table:
            line, column = locate(existing.data, ["groups", index, "parent"])
            problems.append(Problem(existing.display, line, column,
                                    f"group {group['id']}: parent {parent} is not in {source}",
                                    zh=f"分组 {group['id']}：所属区域 {parent} 不在 {source} 中"))
    return problems


def measure(codes: Iterable[str], table: DivisionTable, layers: Layers) -> dict[Pair, Border]:
    """The borders between same-level units among `codes`, each level measured on its own layers."""
    found: dict[Pair, Border] = {}
    for level in LEVELS:
        wanted = {c for c in codes if c in table and table[c].level == level}
        if wanted and level in layers:
            found.update(borders(layers[level], wanted))
    return found


def drawn(layers: Layers) -> set[str]:
    """Every code some layer draws."""
    return {c for level in layers.values() for layer in level.values() for c in layer}


def _neighbours(codes: list[str], table: DivisionTable, layers: Layers,
                threshold_m: float) -> tuple[dict[str, list[str]], dict[Pair, Border]]:
    found = measure(codes, table, layers)
    lists: dict[str, list[str]] = {c: [] for c in codes}
    for a, b in sorted(adjacent_pairs(found, threshold_m)):
        lists[a].append(b)
        lists[b].append(a)
    return {c: sorted(n) for c, n in lists.items()}, found


def _why(pair: Pair, found: Mapping[Pair, Border], layers: Layers,
         level: str) -> str:
    border = found.get(pair)
    if border is not None and border.lengths:
        return "shared border " + border.describe()
    missing = [c for c in pair if not any(c in layer for layer in layers.get(level, {}).values())]
    if missing:
        return f"no polygon for {', '.join(missing)}"
    return "no shared border in any layer"


def build(table: DivisionTable, layers: Layers, sources: tuple[Source, ...],
          provinces: tuple[str, ...] = (), existing: Optional[Existing] = None,
          threshold_m: float = DEFAULT_THRESHOLD_M) -> Built:
    label = f"{sources[0].package} {sources[0].version}" if sources else "the division table"
    selected = set(_selection(table, provinces))
    previous: dict[str, Mapping[str, Any]] = {}
    kept: list[str] = []
    if existing is not None:
        problems = _existing_problems(table, existing, label)
        if problems:
            raise InputError(problems)
        previous = {item["code"]: item for item in existing.regions()}
        named = set(previous) | {m for g in existing.data.get("groups", []) for m in g.get("members", [])}
        named |= {g["parent"] for g in existing.data.get("groups", []) if g.get("parent")}
        kept = sorted(named - selected)
        for code in kept:
            selected |= {code, *table.ancestors(code)}
    codes = sorted(selected)
    neighbours, found = _neighbours(codes, table, layers, threshold_m)
    shown_former = former_codes(table, layers, selected)
    changes: list[str] = []
    regions = [_entry(table[code], previous.get(code, {}), neighbours[code], shown_former.get(code, ()), label,
                      changes) for code in codes]
    if existing is not None:
        changes += _pair_changes(previous, neighbours, found, table, layers, threshold_m)
    everywhere = drawn(layers)
    return Built(regions=regions, groups_text=existing.groups_text() if existing else None, sources=sources,
                 threshold_m=threshold_m, provinces=tuple(sorted(provinces)), kept=kept, changes=changes,
                 no_polygon=[c for c in codes if c not in everywhere],
                 disputed=sum(1 for b in found.values()
                              if not b.adjacent(threshold_m) and any(m > threshold_m for _, m in b.lengths)))


def _entry(unit: Division, old: Mapping[str, Any], neighbours: list[str], shown_former: Iterable[str],
           label: str, changes: list[str]) -> dict[str, Any]:
    """One region as the data gives it, with what the previous file adds; its changes go to `changes`."""
    code = unit.code
    entry: dict[str, Any] = {"code": code, "name": unit.name, "level": unit.level}
    if unit.parent:
        entry["parent"] = unit.parent
    aliases = list(old.get("aliases", ()))
    if old and old["name"] != unit.name:
        changes.append(f"{code}: renamed {old['name']} -> {unit.name} (the old name is kept as an alias)")
        aliases.insert(0, old["name"])
    for key, now in (("level", unit.level), ("parent", unit.parent)):
        if old and old.get(key) != now:
            changes.append(f"{code} {unit.name}: {key} {old.get(key)} -> {now} ({label})")
    if aliases:
        entry["aliases"] = list(dict.fromkeys(a for a in aliases if a != unit.name))
    former = [dict(f) for f in old.get("former", ())]
    for code_before in shown_former:
        if all(f["code"] != code_before for f in former):
            former.append({"code": code_before})
            changes.append(f"{code} {unit.name}: former code {code_before} (a polygon layer still draws the unit "
                           "under it)")
    if former:
        entry["former"] = former
    if neighbours:
        entry["neighbours"] = neighbours
    if old.get("note"):
        entry["note"] = old["note"]
    return entry


def _pair_changes(previous: Mapping[str, Mapping[str, Any]], neighbours: Mapping[str, list[str]],
                  found: Mapping[Pair, Border], table: DivisionTable, layers, threshold_m: float) -> list[str]:
    """Each neighbour pair added or dropped between units both files hold, with the measured reason;
    pairs that only exist because a unit is new to the file are counted, not listed."""
    before = {tuple(sorted((code, n))) for code, item in previous.items() for n in item.get("neighbours", ())}
    after = {(a, b) for a, listed in neighbours.items() for b in listed if a < b}
    out = []
    for verb, pairs in (("added", after - before), ("dropped", before - after)):
        for a, b in sorted(pairs):
            if a not in previous or b not in previous:
                continue
            level = table[a].level if a in table else "county"
            reason = _why((a, b), found, layers, level)
            if verb == "dropped" and a in table and b in table and table[a].level != table[b].level:
                reason = f"levels differ ({table[a].level}, {table[b].level}); neighbours are of one level"
            elif verb == "dropped":
                reason += f", not more than {threshold_m / 1000:g} km in every layer"
            else:
                reason += f", more than {threshold_m / 1000:g} km in every layer"
            out.append(f"neighbours {verb}: {table[a].name} ({a}) – {table[b].name} ({b}): {reason}")
    new_units = sum(1 for a, b in after if a not in previous or b not in previous)
    if new_units:
        out.append(f"{new_units} more neighbour pair(s) involve units new to the file")
    return out


def read_existing(path: Path) -> Existing:
    """An existing regions file, read and schema-checked as `plancheck validate` does (a damaged one: exit 2).
    Its references (neighbours, members) are not required to hold: the build replaces or checks them."""
    from ..corpus import read_file

    loaded = read_file(path, "regions")
    return Existing(loaded.data, path.read_text(encoding="utf-8"), loaded.display)
