"""Derived numbers as a reader sees them: no more decimals than the plan's own numbers justify.

A range carried from "7.6亿元" at "6.5%" a year is not [10.1036, 10.7295]: its inputs were written to one
decimal, so it reads [10.1, 10.7] (the XBRL rule: a result is no more precise than its least precise
input). Two exceptions add digits, never take them away: numbers a finding says differ must not print
alike (an interval end beside the value it misses), and an end that falls exactly between two printed
steps (74.5, the band of "75") keeps the digit that says so. Values a plan wrote stay as written
(quantities.describe); the JSON evidence keeps the machine values unrounded. Every derived number of a
message, a card or a chart goes through `derived_places` and `number_text`.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any, Iterable, Optional

from .unit_names import unit_suffix
from .units import UnitError, parse_unit

MAX_PLACES = 6  # no plan writes more decimals than this; nor do we


def decimals(value: float) -> int:
    """Digits after the decimal point as the number is written: 309.17 -> 2, 500.0 -> 0, 1.5e-05 -> 6."""
    if not math.isfinite(value):
        return 0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return min(MAX_PLACES, max(0, -int(exponent)))


def _stated_numbers(item: Any) -> Iterable[float]:
    """The numbers a stated value carries: a float, a Quantity, or an evidence dict ({value} or {min, max}),
    alone or as (value, unit)."""
    if isinstance(item, tuple):
        item = item[0]
    if item is None or isinstance(item, bool):
        return
    if isinstance(item, (int, float)):
        yield float(item)
    elif isinstance(item, dict):
        for key in ("value", "min", "max"):
            if isinstance(item.get(key), (int, float)) and not isinstance(item.get(key), bool):
                yield float(item[key])
    else:  # a Quantity
        for key in ("value", "low", "high"):
            number = getattr(item, key, None)
            if isinstance(number, (int, float)):
                yield float(number)


def written(item: Any) -> tuple[float, ...]:
    """The numbers a stated value writes (its value, or its range's ends), to keep derived ones apart from."""
    return tuple(_stated_numbers(item))


def least_decimals(inputs: Iterable[Any], unit: Optional[str] = None) -> int:
    """The decimals of the least precise input (0 when there are none), in `unit`: an input given with its
    own unit of the same dimension counts in `unit`'s terms (5000万元 is written to 0.0001亿元)."""
    found = []
    for item in inputs:
        own = item[1] if isinstance(item, tuple) else item.get("unit") if isinstance(item, dict) else None
        shift = _shift(own, unit)
        found += [decimals(v) + shift for v in _stated_numbers(item) if math.isfinite(v)]
    return min(MAX_PLACES, max(0, min(found))) if found else 0


def _shift(written_in: Optional[str], shown_in: Optional[str]) -> int:
    """Decimals gained going from one unit to a larger one of its dimension (万元 -> 亿元: 4)."""
    if not written_in or not shown_in or written_in == shown_in:
        return 0
    try:
        source, target = parse_unit(written_in), parse_unit(shown_in)
    except UnitError:
        return 0
    if source.dimension != target.dimension or source.factor <= 0 or target.factor <= 0:
        return 0
    return round(math.log10(target.factor / source.factor))


def evidence_inputs(evidence: Any) -> list[dict]:
    """Every stated number in a finding's evidence ({value, op} / {min, max} dicts, nested), for
    `least_decimals` where a card draws from the evidence alone."""
    found: list[dict] = []
    if isinstance(evidence, dict):
        if {"value", "min"} & set(evidence) and "op" in evidence or {"min", "max"} <= set(evidence):
            found.append(evidence)
        else:
            for value in evidence.values():
                found += evidence_inputs(value)
    elif isinstance(evidence, list):
        for value in evidence:
            found += evidence_inputs(value)
    return found


def _rounded(value: float, places: int) -> Decimal:
    exact = Decimal(repr(float(value)))
    with localcontext() as context:  # enough digits for any float's integer part (a fuzzed 10³⁰⁰ too)
        context.prec = max(28, exact.adjusted() + places + 2)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _on_a_tie(value: float, places: int) -> bool:
    scaled = abs(value) * 10 ** places
    return abs(scaled - math.floor(scaled) - 0.5) < 1e-9 + scaled * 1e-12  # float error of a computed end


def derived_places(values: Iterable[float], inputs: Iterable[Any] = (), against: Iterable[float] = (),
                   least: Optional[int] = None, unit: Optional[str] = None) -> int:
    """How many decimals derived `values` (in `unit`) are shown with: the least precise input's (or
    `least`), more while one of them falls on a tie or two different numbers of `values` and `against` (the
    numbers the finding compares them with) would print alike."""
    values = [v for v in values if math.isfinite(v)]
    group = values + [v for v in against if math.isfinite(v)]
    places = least_decimals(inputs, unit) if least is None else least
    while places < MAX_PLACES:
        ties = any(_on_a_tie(v, places) for v in values)
        printed = {}
        clash = False
        for v in group:
            key = _rounded(v, places)
            if key in printed and printed[key] != v:
                clash = True
                break
            printed[key] = v
        if not ties and not clash:
            break
        places += 1
    return places


def number_text(value: float, places: int) -> str:
    """A derived number to `places` decimals (±∞ for an open end; never '-0')."""
    if not math.isfinite(value):
        return "+∞" if value > 0 else "−∞"
    text = f"{_rounded(value, places):f}"
    return text[1:] if text.startswith("-") and not any(ch not in "-0." for ch in text) else text


def range_text(low: float, high: float, places: int, unit: Optional[str], lang: str) -> str:
    """'[10.1, 10.7] 亿元' / '[10.1, 10.7] × 10⁸ yuan' (a point when both ends print alike)."""
    ends = f"[{number_text(low, places)}, {number_text(high, places)}]"
    if number_text(low, places) == number_text(high, places):
        ends = number_text(low, places)
    if lang == "en":
        return f"{ends}{unit_suffix(unit, lang)}"
    return f"{ends} {unit or ''}".rstrip()
