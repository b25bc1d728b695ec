"""Benchmark plancheck on a synthetic corpus and print the figures docs/performance.md quotes.

    python benchmarks/run.py [--scale 1.0] [--corpus DIR] [--seed 14] [--runs 3]

Figures, each measured in a fresh process with the installed `plancheck` command:
- parse floor: reading every plan file with PyYAML's CSafeLoader and nothing else (best of three, files
  already in the OS cache);
- validate (cold and warm cache), full check + HTML (cold and warm cache), HTML alone; each check is the
  best of three runs, as the floor is, since a shared machine's speed drifts by a tenth or more;
- peak RSS of the full check + HTML;
- the ratio of full check + HTML to the parse floor, and the same ratio run by run against a floor taken
  just before each run (the median of those is what a drift of the machine's speed cannot skew);
- re-check after editing one county plan (warm cache, `--changed FILE`);
- recall and false positives against the generator's injected ground truth.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import generate  # noqa: E402


def plancheck() -> list[str]:
    candidate = Path(sys.executable).with_name("plancheck")
    return [str(candidate)] if candidate.exists() else [sys.executable, "-m", "cli"]


def timed(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, stderr) of one command in its own process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        err.seek(0)
        message = err.read().decode("utf-8", "replace")[-2000:]
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), message


def parse_floor(corpus: Path, runs: int = 3) -> float:
    """The best of `runs` passes, after one untimed pass that puts the files in the OS cache: the floor is
    what parsing costs, not what the disk costs, and the smallest floor is the strictest ratio."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(p for p in (corpus / "plans").rglob("*.yaml"))
    for path in files:
        path.read_bytes()
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for path in files:
            with open(path, encoding="utf-8") as handle:
                yaml.load(handle, Loader=loader)
        best = min(best, time.perf_counter() - started)
    return best


def score(findings: list[dict], truth: list[dict]) -> tuple[int, int, list[dict]]:
    """(injections found, false positives, the missed injections)."""
    def covers(finding: dict, injected: dict) -> bool:
        plans = {finding["plan"], *(r["plan"] for r in finding["related"])}
        return finding["rule"] == injected["rule"] and injected["plan"] in plans
    found = [t for t in truth if any(covers(f, t) for f in findings)]
    false = [f for f in findings if f["category"] != "coverage" and not any(covers(f, t) for t in truth)]
    missed = [t for t in truth if t not in found]
    return len(found), len(false), missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--corpus", type=Path, help="where the corpus is (generated there if missing)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each check; the fastest counts, as for the floor")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plancheck-bench-"))
    corpus = args.corpus or work / "corpus"
    if not (corpus / "regions.yaml").exists():
        print("generating:", json.dumps(generate(corpus, args.scale, args.seed)), flush=True)
    cache = corpus / ".plancheck-cache"
    cmd = plancheck()
    files = sorted((corpus / "plans").rglob("*.yaml"))
    rows: list[tuple[str, str]] = [("plan files", f"{len(files):,}"),
                                   ("bytes", f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB")]

    floor = parse_floor(corpus, args.runs)
    rows.append((f"parse floor (CSafeLoader, 1 process, best of {args.runs})", f"{floor:.2f} s"))

    shutil.rmtree(cache, ignore_errors=True)
    validate_cold = timed(cmd + ["validate", str(corpus)], corpus)
    validate_warm = timed(cmd + ["validate", str(corpus)], corpus)
    rows.append(("validate, cold cache", f"{validate_cold[0]:.2f} s"))
    rows.append(("validate, warm cache", f"{validate_warm[0]:.2f} s"))

    report = work / "report.json"
    html = work / "html"
    check = cmd + ["check", str(corpus), "--format", "json", "--output", str(report), "--fail-on", "none"]
    runs = args.runs
    ratios: dict[bool, list[float]] = {True: [], False: []}

    def best(arguments: list[str], cold: bool, paired: bool = False) -> tuple[float, float, int, str]:
        """The fastest of `runs` runs (as the floor is), with the largest peak RSS of them. With `paired`,
        each run also gets a floor measured just before it, for a ratio that a drift in the machine's
        speed between the two measurements cannot skew."""
        results = []
        for _ in range(runs):
            if cold:
                shutil.rmtree(cache, ignore_errors=True)
            floor_now = parse_floor(corpus, 1) if paired else 0.0
            results.append(timed(arguments, corpus))
            if paired:
                ratios[cold].append(results[-1][0] / floor_now)
        fastest = min(results, key=lambda r: r[0])
        return fastest[0], max(r[1] for r in results), max(r[2] for r in results), fastest[3]

    no_html_cold = best(check + ["--no-html"], cold=True)
    full_cold = best(check + ["--html", str(html)], cold=True, paired=True)
    full_warm = best(check + ["--html", str(html)], cold=False, paired=True)
    no_html_warm = best(check + ["--no-html"], cold=False)
    for name, result in (("check, cold cache, no HTML", no_html_cold), ("check + HTML, cold cache", full_cold),
                         ("check + HTML, warm cache", full_warm), ("check, warm cache, no HTML", no_html_warm)):
        if result[2] not in (0, 1):
            raise SystemExit(f"{name} failed ({result[2]}):\n{result[3]}")
        rows.append((f"{name} (best of {runs})", f"{result[0]:.2f} s"))
    rows.append(("HTML alone (warm: with - without)", f"{full_warm[0] - no_html_warm[0]:.2f} s"))
    rows.append(("peak RSS, check + HTML (cold)", f"{full_cold[1]:.0f} MB"))
    rows.append(("ratio check + HTML / parse floor, cold", f"{full_cold[0] / floor:.2f}"))
    rows.append(("ratio check + HTML / parse floor, warm", f"{full_warm[0] / floor:.2f}"))
    for cold in (True, False):
        paired = sorted(ratios[cold])
        rows.append((f"  each run / a floor taken just before it, {'cold' if cold else 'warm'}: median (all)",
                     f"{paired[len(paired) // 2]:.2f} ({', '.join(f'{r:.2f}' for r in ratios[cold])})"))

    county = next(p for p in files if p.name.startswith("county-"))
    text = county.read_text(encoding="utf-8")
    county.write_text(text.replace("value: 14\n", "value: 14.5\n", 1), encoding="utf-8")
    recheck = timed(cmd + ["check", str(corpus), "--changed", str(county), "--no-html", "--format", "json",
                           "--fail-on", "none"], corpus)
    county.write_text(text, encoding="utf-8")
    if recheck[2] not in (0, 1):
        raise SystemExit(f"re-check failed ({recheck[2]}):\n{recheck[3]}")
    rows.append(("re-check after editing one county plan (warm)", f"{recheck[0]:.2f} s"))

    data = json.loads(report.read_text(encoding="utf-8"))
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    found, false, missed = score(data["findings"], truth)
    rows.append(("targets", f"{data['targets']:,}"))
    rows.append(("findings", f"{len(data['findings']):,}"))
    rows.append(("recall (injected found)", f"{found}/{len(truth)}"))
    rows.append(("false positives (non-coverage findings not injected)", str(false)))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if missed:
        print("missed:", json.dumps(missed[:10], ensure_ascii=False))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
