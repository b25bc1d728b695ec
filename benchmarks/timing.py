"""Timing for the benchmarks: whole processes, each against a floor measured just before it.

A shared machine's speed drifts by a tenth or more over minutes, so a figure is never a run divided by a
floor taken at another time: the floor and the run alternate, each run is divided by the floor just
before it, and a figure is the median of those ratios with their range.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence


def environment(work: Path) -> dict[str, str]:
    """The environment of the measured processes: this one, with Python's bytecode cache on (kept under
    `work`, not in the repository), as an installed plancheck has it. Without it (PYTHONDONTWRITEBYTECODE)
    every start compiles every module again, a cost no installed copy pays."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


@dataclass(frozen=True)
class Run:
    """One process: wall-clock seconds, CPU seconds (user + system), peak resident memory, exit code and
    the end of its stderr."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    exit_code: int
    stderr: str


def run_process(args: Sequence[str], cwd: Path, env: Optional[dict[str, str]] = None) -> Run:
    """Run `args` in a fresh process (stdout discarded) and measure it with wait4's resource usage."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(list(args), cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        err.seek(0)
        message = err.read().decode("utf-8", "replace")[-2000:]
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
               message)


@dataclass(frozen=True)
class Figure:
    """Alternating runs of a floor and a measured step: the runs of each and the ratio run by run."""

    floors: tuple[Run, ...]
    runs: tuple[Run, ...]

    @property
    def ratios(self) -> list[float]:
        return [run.seconds / floor.seconds for floor, run in zip(self.floors, self.runs)]

    @property
    def cpu_ratios(self) -> list[float]:
        """The same in CPU time: steadier on a loaded machine, but blind to waiting and to a second core."""
        return [run.cpu_seconds / floor.cpu_seconds for floor, run in zip(self.floors, self.runs)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def floor(self) -> float:
        return statistics.median(floor.seconds for floor in self.floors)

    @property
    def peak_rss_mb(self) -> float:
        return max(run.peak_rss_mb for run in self.runs)

    def show(self, cpu: bool = False) -> str:
        """'1.23 (1.10-1.40)': the median ratio and its range."""
        ratios = self.cpu_ratios if cpu else self.ratios
        return f"{statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f})"


def alternate(floor: Callable[[], Run], step: Callable[[int], Run], runs: int,
              prepare: Callable[[int], None] = lambda i: None) -> Figure:
    """`runs` times: prepare(i) (untimed), the floor, then step(i)."""
    return interleave(floor, {"": step}, runs, prepare)[""]


def interleave(floor: Callable[[], Run], steps: dict[str, Callable[[int], Run]], runs: int,
               prepare: Callable[[int], None] = lambda i: None) -> dict[str, Figure]:
    """`runs` rounds of, for each step in turn: prepare(i) (untimed), the floor, then the step: steps to be
    compared (two versions of one command) see the same drift of the machine. A step that fails stops the
    benchmark with its stderr: a figure of a failed run would be a lie."""
    floors: dict[str, list[Run]] = {name: [] for name in steps}
    results: dict[str, list[Run]] = {name: [] for name in steps}
    for i in range(runs):
        for name, step in steps.items():
            prepare(i)
            floors[name].append(floor())
            result = step(i)
            if result.exit_code not in (0, 1):
                raise SystemExit(f"a measured run failed (exit {result.exit_code}):\n{result.stderr}")
            results[name].append(result)
    return {name: Figure(tuple(floors[name]), tuple(results[name])) for name in steps}
