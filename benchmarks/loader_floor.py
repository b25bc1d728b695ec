"""The loader against the parse floor, in one process: what reading a corpus into located data costs.

    python benchmarks/loader_floor.py CORPUS [--runs 5]

Three ways of reading every YAML file of CORPUS (regions.yaml and the plans; the texts are read once,
beforehand) alternate `--runs` times: `yaml.load(CSafeLoader)` (the floor of benchmarks/parse_floor.py,
without its process start), the strict loader by libyaml's events alone, and the strict loader as it runs
(rapidyaml where it answers, checker/speed/native_yaml.py). Each figure is the median of the run-by-run
ratios to the floor just before it, with their range, in CPU time (steadier than wall-clock time on a
shared machine; all three use one core) and in wall-clock time, and milliseconds of CPU per MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from checker import loader  # noqa: E402
from checker.speed import native_yaml  # noqa: E402
from parse_floor import corpus_files  # noqa: E402


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall-clock seconds) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in corpus_files(args.corpus)]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    steps = {
        "yaml.load(CSafeLoader) (the floor)": lambda: [yaml.load(text, Loader=safe_loader) for text in texts],
        "strict loader, libyaml alone": lambda: [loader.load_with_libyaml(text, "f.yaml") for text in texts],
        "strict loader (rapidyaml where it answers)": lambda: [loader.load_yaml_text(text, "f.yaml") for text in texts],
    }
    answered = sum(native_yaml.load_located(text, loader.Map, loader.Seq, loader._plain_scalar, loader._Refusal,
                                            loader.MAX_DEPTH)[0] for text in texts)
    for step in steps.values():  # once untimed: every path's imports and first-use work done
        step()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in steps}
    for _ in range(args.runs):
        for name, step in steps.items():
            times[name].append(timed(step))
    floor = times[next(iter(steps))]
    print(f"{len(texts):,} files, {megabytes:.2f} MB; rapidyaml answers for {answered:,} of them "
          f"({'available' if native_yaml.available() else 'not available'}); {args.runs} alternating runs")
    for name, runs in times.items():
        cpu = [run[0] / base[0] for run, base in zip(runs, floor)]
        wall = [run[1] / base[1] for run, base in zip(runs, floor)]
        per_mb = statistics.median(run[0] for run in runs) / megabytes * 1000
        print(f"{name:44s} CPU {statistics.median(cpu):.3f} ({min(cpu):.3f}-{max(cpu):.3f}), "
              f"wall {statistics.median(wall):.3f} ({min(wall):.3f}-{max(wall):.3f}), {per_mb:.0f} ms/MB")


if __name__ == "__main__":
    main()
