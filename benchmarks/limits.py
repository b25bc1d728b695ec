"""How long plancheck takes on the worst inputs the test suite feeds it, as ratios to a floor.

    python benchmarks/limits.py [--runs 5] [--fuzz 200] [--seed 14]

The tests show that hostile input is refused or checked (tests/test_loader.py, test_fuzz.py,
test_hostile_inputs.py); this shows that it is quick. Each case is timed in this process, alternating
with the floor (a check of the small test corpus, tests/fixtures/mini), and reported as the median and
range of its ratio to the floor taken just before it, next to its seconds and the bound it must stay
under. Exit code 1 when a case's median time is over its bound.

Cases: an alias bomb (refused at the first anchor), a 50 MB file (refused from its size), one plan with
10,000 targets (checked), and the slowest of `--fuzz` seeded random mutations of the test plan.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.api import check  # noqa: E402
from checker.config import Config  # noqa: E402
from checker.loader import load_yaml, load_yaml_text  # noqa: E402
from checker.problems import InputError  # noqa: E402

MINI = ROOT / "tests" / "fixtures" / "mini"
BASE = yaml.safe_load((MINI / "plans" / "county.yaml").read_text(encoding="utf-8"))
ODD = [None, True, -10**30, float("nan"), float("inf"), "", "\u202e", "a" * 3000, "２０２５", [], {}, [[[[1]]]]]


def check_plan(folder: Path, plan: dict) -> None:
    """Check a corpus of the test regions and this one plan; bad input is a clean InputError."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "plans").mkdir(parents=True)
    shutil.copy(MINI / "regions.yaml", folder / "regions.yaml")
    (folder / "plans" / "p.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    try:
        check([folder], config=Config())
    except InputError:
        pass


def mutations(seed: int, count: int) -> list[dict]:
    """`count` copies of the test plan, each with one to four values replaced by odd ones."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        plan = copy.deepcopy(BASE)
        for _ in range(rng.randint(1, 4)):
            node, key = plan, rng.choice(list(plan))
            while isinstance(node[key], (dict, list)) and node[key] and rng.random() < 0.6:
                node = node[key]
                key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
            node[key] = copy.deepcopy(rng.choice(ODD))
        out.append(plan)
    return out


def cases(work: Path, fuzz: int, seed: int) -> dict[str, tuple[float, Callable[[], object]]]:
    """name -> (bound in seconds, the work; work that times itself returns its seconds)."""
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 12)]
    big = work / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    wide = copy.deepcopy(BASE)
    wide["targets"] = [{**copy.deepcopy(BASE["targets"][0]), "id": f"t{i}"} for i in range(10_000)]
    sample = mutations(seed, fuzz)

    def refuse(call: Callable[[], object]) -> None:
        try:
            call()
        except InputError:
            return
        raise AssertionError("not refused")

    def slowest_mutation() -> float:
        return max(seconds(lambda: check_plan(work / "fuzz", plan)) for plan in sample)

    return {"alias bomb refused": (1.0, lambda: refuse(lambda: load_yaml_text("\n".join(bomb) + "\n", "b.yaml"))),
            "50 MB file refused": (1.0, lambda: refuse(lambda: load_yaml(big, "big.yaml"))),
            "10,000 targets checked": (60.0, lambda: check_plan(work / "wide", wide)),
            f"slowest of {fuzz} mutations": (30.0, slowest_mutation)}


def seconds(work: Callable[[], object]) -> float:
    """How long `work` took: the seconds it returns if it times itself, else the wall time of the call."""
    started = time.perf_counter()
    own = work()
    return own if isinstance(own, float) else time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fuzz", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    os.environ["PLANCHECK_NO_CACHE"] = "1"  # never write a cache into tests/fixtures; parse every time
    over = False
    with tempfile.TemporaryDirectory(prefix="plancheck-limits-") as tmp:
        work = Path(tmp)
        floor = lambda: check([MINI], config=Config())  # noqa: E731
        floor()  # warm: imports, schemas, bundled rules
        print(f"floor: a check of tests/fixtures/mini; {args.runs} alternating runs\n")
        print(f"{'case':28} {'median ms':>10} {'bound s':>8} {'ratio median':>13} {'ratio range':>16}")
        for name, (bound, work_fn) in cases(work, args.fuzz, args.seed).items():
            times, ratios = [], []
            for _ in range(args.runs):
                base = seconds(floor)
                took = seconds(work_fn)
                times.append(took)
                ratios.append(took / base)
            median = statistics.median(times)
            over |= median > bound
            print(f"{name:28} {median * 1000:10.1f} {bound:8.1f} {statistics.median(ratios):13.2f} "
                  f"{min(ratios):7.2f}–{max(ratios):<8.2f}{'  OVER' if median > bound else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
