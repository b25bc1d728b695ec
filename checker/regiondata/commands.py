"""What `plancheck regions build` and `plancheck regions check` do, for the command line to call."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..problems import InputError, Problem
from .borders import DEFAULT_THRESHOLD_M
from .build import Built, Existing, build, read_existing
from .check import check
from .divisions import LEVELS
from .write import render

MODELINE_PREFIX = "# yaml-language-server:"


def _threshold(km: float) -> float:
    if not 0.001 <= km <= 1000:
        raise InputError([Problem("--threshold-km", 0, 0, f"expected a length in km from 0.001 to 1000, not {km:g}",
                                  zh=f"应为 0.001 至 1000 之间的公里数，而不是 {km:g}")])
    return km * 1000


def _modeline(existing: Optional[Existing]) -> Optional[str]:
    first = existing.text.splitlines()[0] if existing and existing.text else ""
    return first if first.startswith(MODELINE_PREFIX) else None


def run_build(provinces: tuple[str, ...], merge: Optional[Path], threshold_km: float = DEFAULT_THRESHOLD_M / 1000
              ) -> tuple[str, Built]:
    """The regions file text and what was built (counts and changes for the summary)."""
    from .dataset import division_table, polygon_layers

    threshold_m = _threshold(threshold_km)
    existing = read_existing(merge) if merge is not None else None
    table, codes_source = division_table()
    layers, polygons_source = polygon_layers()
    built = build(table, layers, (codes_source, polygons_source), tuple(dict.fromkeys(provinces)), existing,
                  threshold_m)
    return render(built, _modeline(existing)), built


def summary(built: Built) -> list[str]:
    counts = built.counts()
    lines = [", ".join(f"{counts[level]} {level}" for level in LEVELS) +
             f" unit(s); {len(built.neighbour_pairs())} neighbour pair(s)"]
    if built.kept:
        lines.append(f"kept from the merged file (outside the provinces built): {', '.join(built.kept)}")
    if built.disputed:
        lines.append(f"{built.disputed} pair(s) left out: longer than the threshold in one layer, not in another")
    if built.no_polygon:
        lines.append(f"no polygon in either layer (so no neighbours): {', '.join(built.no_polygon)}")
    return lines + built.changes


def run_check(regions: Path, threshold_km: float = DEFAULT_THRESHOLD_M / 1000) -> list[Problem]:
    from .dataset import division_table, polygon_layers

    threshold_m = _threshold(threshold_km)
    existing = read_existing(regions)
    table, codes_source = division_table()
    layers, _ = polygon_layers()
    return check(existing, table, layers, f"{codes_source.package} {codes_source.version}", threshold_m)


def regions_path(argument: Optional[str]) -> Path:
    """REGIONS as given: a regions file, or a folder holding regions.yaml (default ./plans)."""
    path = Path(argument or "plans")
    if path.is_dir():
        path = path / "regions.yaml"
    if not path.is_file():
        raise InputError([Problem(str(path), 0, 0, "no such regions file", zh="没有这个区域文件")])
    return path
