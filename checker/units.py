"""Units as plans write them, their dimension, and conversion to one canonical unit per dimension.

Plans mix 万人 and 人, 亿元 and 万元, % and 个百分点. Every comparison goes through `convert`, so a
rule never compares numbers in different units, and % (a level) is never confused with 个百分点 (a
difference of two levels): they are different dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: float  # multiply a value in this unit by factor to get the canonical unit of its dimension


# dimension -> canonical unit name (the unit whose factor is 1)
CANONICAL = {
    "currency": "元",
    "currency_per_person": "元/人",
    "people": "人",
    "percent": "%",
    "percentage_point": "个百分点",
    "permille": "‰",
    "length": "公里",
    "area": "平方公里",
    "mass": "吨",
    "mass_rate": "吨/年",
    "energy": "吨标准煤",
    "count": "个",
    "households": "户",
    "dwellings": "套",
    "age": "岁",
    "years": "年",
    "visits": "人次",
    "beds": "床",
    "vehicles": "辆",
    "power": "千瓦",
    "electricity": "千瓦时",
    "volume": "立方米",
    "containers": "标箱",
    "duration": "分钟",
    "days": "天",
    "per_100k": "1/10万",
    "bandwidth": "Gbps",
    "currency_per_area": "万元/亩",
    "currency_usd": "亿美元",
    "mass_per_day": "吨/日",
    "mass_per_hour": "t/h",
    "deaths_per_output": "人/百万吨",
    "deaths_per_vehicles": "人/万车",
    "composite_index": "指数",
    "apparent_power": "kVA",
    "reactive_power": "kVar",
    "length_density": "公里/平方公里",
    "volume_rate": "立方米/日",
    "people_per_currency": "人/亿元",
    "volume_per_currency": "立方米/万元",
    "multiple": "倍",
    "index": "上年=100",
}

_TABLE: list[tuple[str, str, float]] = [
    ("元", "currency", 1), ("万元", "currency", 1e4), ("亿元", "currency", 1e8), ("万亿元", "currency", 1e12),
    ("元/人", "currency_per_person", 1), ("万元/人", "currency_per_person", 1e4),
    ("人", "people", 1), ("万人", "people", 1e4), ("名", "people", 1),
    ("%", "percent", 1), ("％", "percent", 1),
    ("个百分点", "percentage_point", 1), ("百分点", "percentage_point", 1),
    ("‰", "permille", 1),
    ("公里", "length", 1), ("万公里", "length", 1e4), ("千米", "length", 1), ("km", "length", 1), ("米", "length", 1e-3),
    ("平方公里", "area", 1), ("km²", "area", 1), ("平方米", "area", 1e-6), ("万平方米", "area", 1e-2),
    ("公顷", "area", 1e-2), ("亩", "area", 1 / 1500), ("万亩", "area", 1e4 / 1500),
    ("吨", "mass", 1), ("万吨", "mass", 1e4), ("亿吨", "mass", 1e8), ("吨/年", "mass_rate", 1), ("万吨/年", "mass_rate", 1e4),
    ("吨标准煤", "energy", 1), ("万吨标准煤", "energy", 1e4),
    ("个", "count", 1), ("万个", "count", 1e4), ("家", "count", 1), ("所", "count", 1), ("座", "count", 1), ("张", "count", 1),
    ("件", "count", 1), ("场", "count", 1), ("回", "count", 1), ("台", "count", 1), ("万棒", "count", 1e4), ("项", "count", 1), ("条", "count", 1), ("处", "count", 1),
    ("户", "households", 1), ("万户", "households", 1e4),
    ("套", "dwellings", 1), ("万套", "dwellings", 1e4),
    ("岁", "age", 1), ("年", "years", 1),
    ("人次", "visits", 1), ("万人次", "visits", 1e4),
    ("床", "beds", 1), ("辆", "vehicles", 1),
    ("千瓦", "power", 1), ("万千瓦", "power", 1e4), ("兆瓦", "power", 1e3),
    ("千瓦时", "electricity", 1), ("亿千瓦时", "electricity", 1e8),
    ("立方米", "volume", 1), ("万立方米", "volume", 1e4), ("亿立方米", "volume", 1e8),
    ("标箱", "containers", 1), ("万标箱", "containers", 1e4),
    ("分钟", "duration", 1), ("小时", "duration", 60),
    ("万元/亩", "currency_per_area", 1), ("亿美元", "currency_usd", 1),
    ("吨/日", "mass_per_day", 1), ("t/h", "mass_per_hour", 1),
    ("人/百万吨", "deaths_per_output", 1), ("人/万车", "deaths_per_vehicles", 1), ("人/万人", "per_100k", 10),
    ("指数", "composite_index", 1), ("kVA", "apparent_power", 1), ("万kVA", "apparent_power", 1e4),
    ("kVar", "reactive_power", 1), ("万kVar", "reactive_power", 1e4),
    ("Gbps", "bandwidth", 1), ("万Gbps", "bandwidth", 1e4),
    ("公里/平方公里", "length_density", 1), ("万立方米/日", "volume_rate", 1e4), ("立方米/日", "volume_rate", 1),
    ("人/亿元", "people_per_currency", 1), ("立方米/万元", "volume_per_currency", 1),
    ("1/10万", "per_100k", 1), ("1/万", "per_100k", 10),
    ("天", "days", 1), ("倍", "multiple", 1), ("上年=100", "index", 1),
]

UNITS: dict[str, Unit] = {name: Unit(name, dim, factor) for name, dim, factor in _TABLE}


class UnitError(ValueError):
    """A unit that is not in the table, or a conversion across dimensions."""


_REGISTERED: set[str] = set()  # units added by catalogue files, dropped when another corpus loads


def forget_registered() -> None:
    """Drop the units catalogue files added, before a corpus registers its own."""
    for name in _REGISTERED:
        unit = UNITS.pop(name)
        if CANONICAL.get(unit.dimension) == name:
            del CANONICAL[unit.dimension]
    _REGISTERED.clear()


def register(name: str, dimension: str, factor: float = 1) -> None:
    """Add a unit a catalogue file declares (`units:`); the same name in another dimension is refused.

    A new dimension gets this unit as its canonical one when it is the first unit declared for it."""
    known = UNITS.get(name)
    if known is not None:
        if known.dimension != dimension or known.factor != factor:
            raise UnitError(f"unit '{name}' is already {known.dimension} × {known.factor:g}")
        return
    UNITS[name] = Unit(name, dimension, factor)
    _REGISTERED.add(name)
    CANONICAL.setdefault(dimension, name)


def parse_unit(text: str) -> Unit:
    """Look a unit up as written; surrounding blanks are ignored."""
    unit = UNITS.get(text) or UNITS.get(text.strip())
    if unit is None:
        raise UnitError(f"unknown unit '{text}'")
    return unit


def dimension(text: str) -> str:
    return parse_unit(text).dimension


def dimension_or_none(text: Optional[str]) -> Optional[str]:
    """The dimension of a unit, or None for no unit or one plancheck does not know."""
    try:
        return parse_unit(text).dimension if text else None
    except UnitError:
        return None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a value between two units of the same dimension."""
    src, dst = parse_unit(from_unit), parse_unit(to_unit)
    if src.dimension != dst.dimension:
        raise UnitError(f"cannot convert {src.name} ({src.dimension}) to {dst.name} ({dst.dimension})")
    if src.factor == dst.factor:
        return value
    return value * src.factor / dst.factor


def to_canonical(value: float, unit: str) -> float:
    u = parse_unit(unit)
    return value * u.factor
