"""Indicator matching through the catalogue's names: exact, normalised, contained, then fuzzy (difflib).

A written unit must have the indicator's dimension: "制造业增加值占地区生产总值比重（%）" contains the
name 地区生产总值, but a % cannot be GDP, so the match moves on. A match found only by similarity is
reported as uncertain, for a person to confirm.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Optional

from ..indicators import IndicatorCatalogue
from ..units import UnitError, parse_unit

_NOISE = re.compile(r"[（(][^）)]*[）)]|[\s，,、：:；;。“”\"'‘’《》—\-·]|^其中|^全[区市省县州]")


def normalize_label(text: str) -> str:
    """A label without blanks, punctuation, bracketed notes and a leading 其中/全区."""
    previous = None
    while previous != text:
        previous, text = text, _NOISE.sub("", text)
    return text


@dataclass(frozen=True)
class Match:
    indicator: Optional[str]
    how: str  # exact | normalised | contained | fuzzy | none
    name: str = ""  # the catalogue name that matched
    start: int = -1  # where that name stands in the searched text (contained matches)
    tail: str = ""  # the searched text after the name, blanks removed (contained matches)

    @property
    def certain(self) -> bool:
        return self.how in ("exact", "normalised", "contained")


class Matcher:
    def __init__(self, catalogue: IndicatorCatalogue) -> None:
        self.catalogue = catalogue
        self.exact: dict[str, str] = {}
        self.normalised: dict[str, str] = {}
        for indicator in catalogue.values():
            for name in indicator.names:
                self.exact.setdefault(name, indicator.id)
                self.normalised.setdefault(normalize_label(name), indicator.id)
        names = sorted((n for n in self.normalised if len(n) >= 2), key=len, reverse=True)
        self._names = names
        self._pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None

    def fits(self, indicator_id: str, unit: Optional[str]) -> bool:
        """Whether a value written in `unit` can be a value of the indicator (no unit: it can)."""
        if unit is None:
            return True
        wanted = self.catalogue[indicator_id].dimension
        for written in (unit, unit + "/人"):  # a per-person value is often written in 万元
            try:
                if parse_unit(written).dimension == wanted:
                    return True
            except UnitError:
                continue
        return False

    def label(self, label: str, unit: Optional[str], cutoff: float = 0.8) -> Match:
        """A table label or a short prose label; similarity only from `cutoff` up."""
        if label in self.exact and self.fits(self.exact[label], unit):
            return Match(self.exact[label], "exact", label)
        norm = normalize_label(label)
        if norm in self.normalised and self.fits(self.normalised[norm], unit):
            return Match(self.normalised[norm], "normalised", norm)
        close = difflib.get_close_matches(norm, self._names, n=3, cutoff=cutoff)
        for name in close:
            if self.fits(self.normalised[name], unit):
                return Match(self.normalised[name], "fuzzy", name)
        return Match(None, "none")

    def nearest(self, text: str, unit: Optional[str]) -> Match:
        """The catalogue name standing nearest the end of `text` (the words before a number), longest
        first where names overlap, with a fitting unit."""
        if self._pattern is None:
            return Match(None, "none")
        squeezed, positions = _squeeze(text)
        found: list[tuple[int, int, str]] = []
        for start in range(len(squeezed)):
            match = self._pattern.match(squeezed, start)
            if match:
                found.append((match.end(), len(match.group()), match.group()))
        for end, _, name in sorted(found, reverse=True):
            indicator = self.normalised[name]
            if self.fits(indicator, unit):
                return Match(indicator, "contained", name, positions[end - len(name)], squeezed[end:])
        return Match(None, "none")


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text without blanks, and for each kept character its position in the text."""
    kept, positions = [], []
    for at, ch in enumerate(text):
        if not ch.isspace():
            kept.append(ch)
            positions.append(at)
    positions.append(len(text))
    return "".join(kept), positions
