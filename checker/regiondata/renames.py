"""Former codes the data itself shows: a code one polygon layer still draws, which the division table no
longer holds, over the same ground as a current unit.

The two layers were drawn at different times, so a unit whose code changed (撤县设市 米林县 540422 ->
米林市 540481) can sit under its old code in one layer and its new one in the other. When a code the
table lacks and a current unit of the same level cover each other (each at least 90% of the other's
area), and the layer drawing the old code does not draw the current one, the old code is that unit's
former code. A unit split or merged covers no other this way, and
is left to the person who knows.
"""

from __future__ import annotations

from typing import Mapping, Optional

import numpy as np
import shapely
from shapely import STRtree

from .divisions import DivisionTable

SAME_GROUND = 0.9


def former_codes(table: DivisionTable, layers: Mapping[str, Mapping[str, Mapping[str, object]]],
                 codes: Optional[set[str]] = None) -> dict[str, list[str]]:
    """{current code: [former codes]} found across the layers of each level (for `codes` only, if given)."""
    out: dict[str, set[str]] = {}
    for level, by_layer in layers.items():
        current = {c: g for layer in by_layer.values() for c, g in layer.items()
                   if c in table and table[c].level == level and (codes is None or c in codes)}
        if not current:
            continue
        order = sorted(current)
        shapes = np.array([current[c] for c in order], dtype=object)
        tree = STRtree(shapes)
        for layer in sorted(by_layer):
            for old, shape in sorted(by_layer[layer].items()):
                if old in table:
                    continue
                for i in tree.query(shape, predicate="intersects").tolist():
                    if order[i] in by_layer[layer]:
                        continue  # both drawn in one layer: two units, not one under two codes
                    common = shapely.area(shapely.intersection(shape, shapes[i]))
                    if common >= SAME_GROUND * shape.area and common >= SAME_GROUND * shapes[i].area:
                        out.setdefault(order[i], set()).add(old)
    return {code: sorted(olds) for code, olds in sorted(out.items())}
