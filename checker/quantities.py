"""Number semantics, done once: every stated number becomes an interval in a canonical unit.

"500左右" is not 500: it is a band around it. "25%以上" is [25, +inf). "309.17" printed to two decimals
stands for [309.165, 309.175]. Two targets conflict when their intervals cannot both hold; rounding in the
source (a sum off by the last printed digit) is therefore never a finding. Years are bridged along the
stated growth rate, and the evidence says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from .unit_names import unit_suffix
from .deferral import describe_deferral
from .model import Quantity
from .units import UnitError, parse_unit

INF = math.inf


@dataclass(frozen=True)
class Tolerance:
    """How wide the bands of qualified numbers are; rules take these from their options."""

    about_relative: float = 0.03  # '~' (左右) on a level: ±3 %
    about_points: float = 0.5  # '~' on a percentage or growth rate: ±0.5 points


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def intersects(self, other: "Interval") -> bool:
        if self.high < other.low or other.high < self.low:
            return False
        if self.high == other.low:
            return not (self.high_open or other.low_open)
        if other.high == self.low:
            return not (other.high_open or self.low_open)
        return True

    def within(self, other: "Interval") -> bool:
        """Every value of self satisfies other (self is at least as strict)."""
        low_ok = self.low > other.low or (self.low == other.low and (self.low_open or not other.low_open))
        high_ok = self.high < other.high or (self.high == other.high and (self.high_open or not other.high_open))
        return low_ok and high_ok

    def scale(self, factor: float) -> "Interval":
        if factor >= 0:
            return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)
        return Interval(self.high * factor, self.low * factor, self.high_open, self.low_open)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.high + other.high, self.low_open or other.low_open,
                        self.high_open or other.high_open)

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.low) and math.isfinite(self.high)

    def as_dict(self) -> dict[str, Optional[float]]:
        return {"low": _json_number(self.low), "high": _json_number(self.high)}


def _json_number(x: float) -> Optional[float]:
    return round(x, 6) if math.isfinite(x) else None


def printed_half_step(value: float) -> float:
    """Half the last printed digit: 309.17 -> 0.005, 500 -> 0.5, 0.04 -> 0.005."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        exponent = Decimal(text).as_tuple().exponent
        return 0.5 * 10.0 ** int(exponent)
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return 0.5 * 10.0 ** (-decimals)


def is_point_scale(unit: Optional[str]) -> bool:
    """Percentages and other rates: '左右' means ± a few points rather than ± a few percent."""
    if unit is None:
        return False
    try:
        return parse_unit(unit).dimension in ("percent", "percentage_point", "permille")
    except UnitError:
        return False


def interval_of(quantity: Optional[Quantity], unit: Optional[str], tolerance: Tolerance = Tolerance(),
                canonical: bool = True) -> Optional[Interval]:
    """The interval a stated number allows, in the canonical unit of its dimension (None if no number)."""
    if quantity is None or not quantity.has_number:
        return None
    points = is_point_scale(unit)
    if quantity.is_range:
        band = Interval(quantity.low - printed_half_step(quantity.low), quantity.high + printed_half_step(quantity.high))
        return _canonical(band, unit, canonical)
    value = quantity.value
    step = printed_half_step(value)
    op = quantity.op
    if op == "=":
        band = Interval(value - step, value + step)
    elif op == "~":
        spread = tolerance.about_points if points else abs(value) * tolerance.about_relative
        spread = max(spread, step)
        band = Interval(value - spread, value + spread)
    elif op == ">=":
        band = Interval(value - step, INF)
    elif op == ">":
        band = Interval(value, INF, low_open=True)
    elif op == "<=":
        band = Interval(-INF, value + step)
    elif op == "<":
        band = Interval(-INF, value, high_open=True)
    else:  # pragma: no cover - the schema allows no other op
        raise ValueError(op)
    return _canonical(band, unit, canonical)


def _canonical(band: Interval, unit: Optional[str], canonical: bool) -> Interval:
    if not canonical or unit is None:
        return band
    try:
        factor = parse_unit(unit).factor
    except UnitError:
        return band
    return band.scale(factor)


def project(level: Interval, growth_percent: Interval, years: int) -> Interval:
    """Carry a level along a growth band for `years` (negative years carry it back)."""
    if years == 0:
        return level
    low_rate = 1 + growth_percent.low / 100
    high_rate = 1 + growth_percent.high / 100
    if low_rate <= 0 or high_rate <= 0 or not growth_percent.bounded:
        return Interval(-INF, INF)
    factors = sorted([low_rate ** years, high_rate ** years])
    candidates = [level.low * factors[0], level.low * factors[1], level.high * factors[0], level.high * factors[1]]
    finite = [c for c in candidates if not math.isnan(c)]
    return Interval(min(finite), max(finite))


def implied_growth(base: float, target: float, years: int) -> Optional[float]:
    """The average annual growth (%) that takes base to target in `years`."""
    if years <= 0 or base <= 0 or target <= 0:
        return None
    return ((target / base) ** (1 / years) - 1) * 100


OP_WORDS = {
    "zh": {"=": "{v}", "~": "{v}左右", ">=": "{v}以上", "<=": "{v}以内", ">": "大于{v}", "<": "小于{v}"},
    "en": {"=": "{v}", "~": "about {v}", ">=": "at least {v}", "<=": "at most {v}", ">": "more than {v}",
           "<": "less than {v}"},
}


def format_number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}" if abs(value) >= 1e-4 else repr(value)


def describe(quantity: Optional[Quantity], unit: Optional[str], lang: str = "zh") -> str:
    """A number in words as the plan would say it: '500亿元左右', 'at least 25%'."""
    if quantity is None:
        return "—"
    unit_text = unit_suffix(unit, lang)  # English units on English pages; the number is never rescaled
    year = ""
    if quantity.year is not None:
        year = f"{quantity.year}年 " if lang == "zh" else f"{quantity.year}: "
    if quantity.ref_upper:
        return year + describe_deferral(quantity, lang)
    if quantity.is_range:
        return f"{year}{format_number(quantity.low)}—{format_number(quantity.high)}{unit_text}"
    if quantity.value is None:
        if quantity.growth is not None:
            rate = describe(quantity.growth, "%", lang)
            return year + (f"年均增长{rate}" if lang == "zh" else f"growth {rate} a year")
        return year + "—"
    number = f"{format_number(quantity.value)}{unit_text}"
    return year + OP_WORDS[lang][quantity.op].format(v=number)


def quantity_evidence(quantity: Optional[Quantity], unit: Optional[str]) -> Optional[dict]:
    """A stated number for the JSON evidence: value, op, year, unit (or min/max, or ref)."""
    if quantity is None:
        return None
    out: dict = {}
    if quantity.value is not None:
        out["value"] = quantity.value
        out["op"] = quantity.op
    if quantity.is_range:
        out["min"], out["max"] = quantity.low, quantity.high
    if quantity.ref_upper:
        out["ref"] = "upper"
        out["ref_level"] = list(quantity.ref_levels)
        out["ref_kind"] = quantity.ref_kind
    if quantity.year is not None:
        out["year"] = quantity.year
    if unit:
        out["unit"] = unit
    return out
