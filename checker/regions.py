"""The region registry: administrative hierarchy, neighbours, city clusters and other named groups.

Answers the questions the graph needs: which regions are above a county (its city, its province, the
clusters it belongs to), which are beside it, and whether a plan may set a number for a region.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from .model import Location


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | municipal | county | city_cluster | group
    location: Location
    parent: Optional[str] = None
    neighbours: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # for groups: the county-level (or municipal) codes they span
    aliases: tuple[str, ...] = ()
    within: Optional[str] = None  # for groups: a larger area this one lies inside (钟山's 中心城区 in the city's)

    @property
    def is_group(self) -> bool:
        return self.level in ("city_cluster", "group")


@dataclass
class RegionRegistry:
    regions: dict[str, Region] = field(default_factory=dict)
    _groups_of: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _counties: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def add(self, region: Region) -> None:
        self.regions[region.code] = region
        self._counties.clear()
        for member in region.members:
            self._groups_of.setdefault(member, []).append(region.code)
        if region.parent and not region.is_group:  # a group's parent says where it lies, not that it is a part
            self._children.setdefault(region.parent, []).append(region.code)

    def __contains__(self, code: str) -> bool:
        return code in self.regions

    def __getitem__(self, code: str) -> Region:
        return self.regions[code]

    def get(self, code: str) -> Optional[Region]:
        return self.regions.get(code)

    def name(self, code: str) -> str:
        region = self.regions.get(code)
        return region.name if region else code

    def ancestors(self, code: str) -> list[str]:
        """Administrative parents, nearest first (county -> city -> province)."""
        chain: list[str] = []
        seen = {code}
        region = self.regions.get(code)
        while region is not None and region.parent and region.parent not in seen:
            chain.append(region.parent)
            seen.add(region.parent)
            region = self.regions.get(region.parent)
        return chain

    def groups_of(self, code: str) -> list[str]:
        """Groups (clusters, central cities, parks) that list this region as a member."""
        return sorted(self._groups_of.get(code, ()))

    def clusters_of(self, code: str) -> list[str]:
        return [g for g in self.groups_of(code) if self.regions[g].level == "city_cluster"]

    def counties_in(self, code: str) -> frozenset[str]:
        """Every county-level code covered by a region or group (itself for a county)."""
        cached = self._counties.get(code)
        if cached is not None:
            return cached
        region = self.regions.get(code)
        out: set[str] = set()
        if region is not None and region.level == "county":
            out.add(code)
        elif region is not None:
            self._counties[code] = frozenset()  # guards against cycles in hand-written data
            below = region.members if region.is_group else self._children.get(code, ())
            for member in below:
                out |= self.counties_in(member)
        result = frozenset(out)
        self._counties[code] = result
        return result

    def covers(self, upper: str, lower: str) -> bool:
        """Whether `upper` may set numbers for `lower`: lower lies within upper (or is upper)."""
        if upper == lower:
            return True
        if upper in self.ancestors(lower):
            return True
        inside = self.counties_in(upper)
        below = self.counties_in(lower)
        return bool(below) and below <= inside

    def children(self, code: str) -> list[str]:
        return sorted(self._children.get(code, ()))

    def neighbours(self, code: str) -> tuple[str, ...]:
        region = self.regions.get(code)
        return region.neighbours if region else ()

    def codes(self, level: Optional[str] = None) -> Iterable[str]:
        return sorted(c for c, r in self.regions.items() if level is None or r.level == level)
