"""Neighbours from polygons: the length of the border two units share, and which pairs that makes adjacent.

A pair is adjacent when their shared border is longer than a threshold (default 2 km), so that two
counties meeting at a point, or along a few hundred metres of a river bend, are not neighbours. Where
several polygon layers hold both units, every one of them must say so. Pairs are unordered (a < b), so
the neighbour lists built from them are symmetric by construction.

The shared border is the common part of the two boundaries (the layers draw a border once, with the
same vertices on both sides). Its length is measured in metres: each segment in an equirectangular
projection centred on its own latitude, on a sphere of the mean Earth radius, which for the short
segments of a border is within 1% of the length on the ellipsoid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

import numpy as np
import shapely
from shapely import STRtree

EARTH_RADIUS_M = 6_371_008.8
DEFAULT_THRESHOLD_M = 2000.0
Pair = tuple[str, str]


def metres(geometry) -> float:
    """Length in metres of the line parts of a lon/lat geometry (points and areas count nothing)."""
    parts = shapely.get_parts(geometry)
    while True:  # a GeometryCollection may hold multi-parts
        nested = shapely.get_parts(parts)
        if len(nested) == len(parts):
            break
        parts = nested
    lines = parts[np.isin(shapely.get_type_id(parts), (1, 2))]  # LineString, LinearRing
    if not len(lines):
        return 0.0
    xy, index = shapely.get_coordinates(lines, return_index=True)
    same = index[1:] == index[:-1]
    lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
    mid = (lat[1:] + lat[:-1]) / 2
    dx = np.diff(lon) * np.cos(mid)
    dy = np.diff(lat)
    return float(np.sum(np.hypot(dx, dy)[same]) * EARTH_RADIUS_M)


def shared_borders(polygons: Mapping[str, object]) -> dict[Pair, float]:
    """Shared-border length in metres of every pair of units in one layer whose outlines meet."""
    codes = sorted(polygons)
    boundaries = shapely.boundary(np.array([polygons[c] for c in codes], dtype=object))
    tree = STRtree(boundaries)
    left, right = tree.query(boundaries, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    common = shapely.intersection(boundaries[left], boundaries[right])
    return {(codes[i], codes[j]): metres(shape) for i, j, shape in zip(left.tolist(), right.tolist(), common)}


@dataclass(frozen=True)
class Border:
    """A pair's shared-border length in each layer that holds both units (0 where they do not meet)."""
    pair: Pair
    lengths: tuple[tuple[str, float], ...]  # (layer, metres), by layer name

    def adjacent(self, threshold_m: float) -> bool:
        return bool(self.lengths) and all(length > threshold_m for _, length in self.lengths)

    def describe(self) -> str:
        return ", ".join(f"{layer} {length / 1000:.2f} km" for layer, length in self.lengths)


def borders(layers: Mapping[str, Mapping[str, object]], codes: Optional[set[str]] = None) -> dict[Pair, Border]:
    """Every pair that meets in at least one layer, with its length in every layer holding both units.
    `codes` limits the work to those units (a province's build need not measure the whole country)."""
    measured: dict[str, dict[Pair, float]] = {}
    for name, polygons in layers.items():
        wanted = {c: g for c, g in polygons.items() if codes is None or c in codes}
        measured[name] = shared_borders(wanted) if wanted else {}
    pairs = sorted(set().union(*measured.values())) if measured else []
    out: dict[Pair, Border] = {}
    for pair in pairs:
        lengths = tuple((name, measured[name].get(pair, 0.0)) for name in sorted(layers)
                        if pair[0] in layers[name] and pair[1] in layers[name])
        out[pair] = Border(pair, lengths)
    return out


def adjacent_pairs(found: Mapping[Pair, Border], threshold_m: float = DEFAULT_THRESHOLD_M) -> set[Pair]:
    return {pair for pair, border in found.items() if border.adjacent(threshold_m)}
