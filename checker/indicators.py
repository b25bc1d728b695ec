"""The indicator catalogue: what each indicator is called, in which unit, and how it aggregates.

Aggregation decides which comparisons make sense: `additive` children sum to their parent (GDP,
population), `ratio` is an intensive rate that a county need not share with its city (urbanization,
forest cover), and `each` is a floor every region must meet.

Relations let a gap look beyond one id: `sum_of` (新建 + 改造 = 建设改造), `includes` (燃气及供热 counts
燃气 and 供热 together) and `variant_of` (the same thing counted in a unit that does not convert: 亿美元
and 亿元, projects and households).

Definitions let a careful reader's checks run: `per_capita_of` (人均GDP = GDP / 常住人口), `at_least` (under-5
mortality is never below infant mortality), `increase_of` (新增城镇人口 is the increase of 城镇人口) and
`bounded_by` (a 中心城区's residents are at most the urban population of the region around it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .model import Location


@dataclass(frozen=True)
class Indicator:
    id: str
    names: tuple[str, ...]
    unit: str
    dimension: str
    aggregation: str  # additive | ratio | each
    location: Location
    direction: str = "none"  # higher | lower | none
    parts: tuple[str, ...] = ()
    ratio_of: Optional[tuple[str, str]] = None  # (numerator, denominator): value = numerator / denominator × 100
    description: Optional[str] = None
    en: Optional[str] = None  # English name
    sum_of: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    variant_of: Optional[str] = None
    # judgements by definition (see per_capita, definitional_order and inner_area):
    per_capita_of: Optional[tuple[str, str]] = None  # (total, population): value = total / population
    at_least: tuple[str, ...] = ()  # never below these in one region and year (under-5 >= infant mortality)
    increase_of: Optional[str] = None  # the increase over the plan period of this level indicator
    bounded_by: Optional[str] = None  # an area's value never exceeds this indicator of a region containing it

    @property
    def name(self) -> str:
        return self.names[0]


class IndicatorCatalogue(dict[str, Indicator]):
    """Indicators by id."""

    def name(self, indicator_id: str) -> str:
        indicator = self.get(indicator_id)
        return indicator.name if indicator else indicator_id

    def sums_containing(self, indicator_id: str) -> list[Indicator]:
        """Indicators that are a sum with `indicator_id` among their terms."""
        return [ind for ind in self.values() if indicator_id in ind.sum_of]

    def including(self, indicator_id: str) -> list[Indicator]:
        """Indicators that count `indicator_id` together with something else."""
        return [ind for ind in self.values() if indicator_id in ind.includes]

    def variants(self, indicator_id: str) -> set[str]:
        """Ids of the same thing counted another way (either side of `variant_of`)."""
        own = self.get(indicator_id)
        out = {own.variant_of} if own is not None and own.variant_of else set()
        out |= {ind.id for ind in self.values() if ind.variant_of == indicator_id}
        return out

    def orderings_from(self, indicator_id: str) -> tuple[tuple[str, str], ...]:
        """(smaller, why) for each indicator this one is never below by definition: its `at_least` and its
        `parts`."""
        return self._index("orderings", lambda: _group(
            (ind.id, (other, why)) for ind in self.values()
            for why, others in (("at_least", ind.at_least), ("part", ind.parts)) for other in others)
        ).get(indicator_id, ())

    def rates_of(self, numerator_id: str) -> tuple[Indicator, ...]:
        """Rates whose `ratio_of` numerator is this indicator (城镇化率 for 城镇人口)."""
        return self._index("rates", lambda: _group(
            (ind.ratio_of[0], ind) for ind in self.values() if ind.ratio_of)).get(numerator_id, ())

    def wholes_of(self, part_id: str) -> tuple[Indicator, ...]:
        """Indicators that list this one among their `parts`."""
        return self._index("wholes", lambda: _group(
            (part, ind) for ind in self.values() for part in ind.parts)).get(part_id, ())

    def _index(self, name: str, build):
        """A lookup built once per catalogue (the catalogue is not changed after loading)."""
        cache = self.__dict__.setdefault("_indexes", {})
        if name not in cache:
            cache[name] = build()
        return cache[name]



def _group(pairs) -> dict:
    out: dict = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in out.items()}
