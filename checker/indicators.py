"""The indicator catalogue: what each indicator is called, in which unit, and how it aggregates.

Aggregation decides which comparisons make sense: `additive` children sum to their parent (GDP,
population), `ratio` is an intensive rate that a county need not share with its city (urbanization,
forest cover), and `each` is a floor every region must meet.
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

    @property
    def name(self) -> str:
        return self.names[0]


class IndicatorCatalogue(dict[str, Indicator]):
    """Indicators by id."""

    def name(self, indicator_id: str) -> str:
        indicator = self.get(indicator_id)
        return indicator.name if indicator else indicator_id
