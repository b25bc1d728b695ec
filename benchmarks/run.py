"""Benchmark plancheck on a synthetic corpus and print the figures docs/performance.md quotes.

    python benchmarks/run.py [--scale 1.0] [--corpus DIR] [--seed 14] [--runs 5] [--work DIR]

Every figure is a ratio to the parse floor (benchmarks/parse_floor.py: a process reading every YAML file
of the corpus with PyYAML's CSafeLoader) taken just before it: the floor and the measured step alternate,
`--runs` times each, and a figure is the median of the run-by-run ratios with their range. Each step is a
fresh process of the installed `plancheck`, so start-up and imports count (at `--scale 0.1`, one
province's worth of plans, they are a good part of it). The steps:

- check + HTML report, cold (no cache) and warm (the cache of the run before);
- check without HTML, cold and warm;
- `check --changed FILE` after editing one county plan (a different edit each run, warm cache);
- check + HTML of the whole corpus after editing one county plan (the rules run again and every page is
  written; "check + HTML, warm" is a run on unchanged inputs, which finds its report already written);

then the peak RSS of each step (its largest process), the same ratios in CPU time (steadier on a loaded
machine; a check's workers count, the floor has one core), the share of the HTML report in a run, its size
and that of the JSON findings, and recall and false positives against the generator's injected ground truth. The corpus and the reports are written
under a new folder in the system's temporary folder (or `--work`), never in the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import MAX_SCALE, generate  # noqa: E402
from parse_floor import corpus_files  # noqa: E402
from timing import Figure, Run, alternate, environment, run_process  # noqa: E402


def plancheck() -> list[str]:
    candidate = Path(sys.executable).with_name("plancheck")
    return [str(candidate)] if candidate.exists() else [sys.executable, "-m", "cli"]


def score(findings: list[dict], truth: list[dict]) -> tuple[int, int, list[dict]]:
    """(injections found, false positives, the missed injections)."""
    def covers(finding: dict, injected: dict) -> bool:
        plans = {finding["plan"], *(r["plan"] for r in finding["related"])}
        return finding["rule"] == injected["rule"] and injected["plan"] in plans
    found = [t for t in truth if any(covers(f, t) for f in findings)]
    false = [f for f in findings if f["category"] != "coverage" and not any(covers(f, t) for t in truth)]
    missed = [t for t in truth if t not in found]
    return len(found), len(false), missed


def folder_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def edited(text: str, i: int) -> str:
    """A county plan with its energy-intensity floor changed, differently for each run `i`, so that no run
    finds the edited file in the cache."""
    return text.replace("value: 14\n", f"value: 14.{i + 1}\n", 1)


class Bench:
    def __init__(self, corpus: Path, work: Path, runs: int):
        self.corpus, self.work, self.runs = corpus, work, runs
        self.cache = corpus / ".plancheck-cache"
        self.json = work / "findings.json"
        self.html = work / "html"
        self.check = plancheck() + ["check", str(corpus), "--format", "json", "--output", str(self.json),
                                    "--fail-on", "none"]
        self.floor_command = [sys.executable, str(HERE / "parse_floor.py"), str(corpus)]
        self.env = environment(work)

    def floor(self) -> Run:
        result = run_process(self.floor_command, self.corpus, self.env)
        if result.exit_code != 0:
            raise SystemExit(f"the parse floor failed:\n{result.stderr}")
        return result

    def forget_cache(self, _: int = 0) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def step(self, arguments: list[str]):
        return lambda _: run_process(arguments, self.corpus, self.env)

    def measure(self) -> dict[str, Figure]:
        self.floor()  # once untimed: the files are in the OS cache, the bytecode in its own, for every run after
        with_html = self.check + ["--html", str(self.html)]
        without = self.check + ["--no-html"]
        figures = {
            "check + HTML, cold": alternate(self.floor, self.step(with_html), self.runs, self.forget_cache),
            "check + HTML, warm": alternate(self.floor, self.step(with_html), self.runs),
        }
        figures["check, no HTML, warm"] = alternate(self.floor, self.step(without), self.runs)
        figures["check, no HTML, cold"] = alternate(self.floor, self.step(without), self.runs, self.forget_cache)
        figures["--changed after editing one county, warm"] = self.changed()
        figures["check + HTML after editing one county, warm"] = self.after_edit(
            lambda county: ["--format", "json", "--output", str(self.json), "--html", str(self.html)])
        return figures

    def changed(self) -> Figure:
        """`--changed` on the edited county, no HTML."""
        return self.after_edit(lambda county: ["--changed", str(county), "--no-html", "--format", "json",
                                               "--output", str(self.work / "changed.json")])

    def after_edit(self, arguments) -> Figure:
        """A check of the corpus after one county plan is edited (differently before each run)."""
        county = next(p for p in corpus_files(self.corpus) if p.name.startswith("county-")
                      and "value: 14\n" in p.read_text(encoding="utf-8"))
        text = county.read_text(encoding="utf-8")
        command = plancheck() + ["check", str(self.corpus), *arguments(county), "--fail-on", "none"]
        try:
            return alternate(self.floor, self.step(command), self.runs,
                             prepare=lambda i: county.write_text(edited(text, i), encoding="utf-8"))
        finally:
            county.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help=f"share of the country, above 0 and up to {MAX_SCALE:g} (0.1: 115 plans, 1: ~3,300)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--corpus", type=Path, help="where the corpus is (generated there if missing)")
    parser.add_argument("--runs", type=int, default=5, help="alternating floor/run pairs per figure (default 5)")
    parser.add_argument("--work", type=Path, help="folder for the corpus and the reports (default: a new "
                                                  "temporary folder, removed at the end)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not 0 < args.scale <= MAX_SCALE:
        parser.error(f"--scale must be above 0 and at most {MAX_SCALE:g}, not {args.scale}")
    work = args.work or Path(tempfile.mkdtemp(prefix="plancheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus or work / "corpus"
    if not (corpus / "regions.yaml").exists():
        print("generating:", json.dumps(generate(corpus, args.scale, args.seed)), flush=True)
    files = corpus_files(corpus)
    load = os.getloadavg()
    bench = Bench(corpus, work, args.runs)
    figures = bench.measure()

    rows = [("YAML files", f"{len(files):,}, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB"),
            ("load average before / after", f"{load[0]:.2f} / {os.getloadavg()[0]:.2f}"),
            (f"figure (ratio to the parse floor just before it: median (range) of {args.runs} runs)",
             "ratio (range); run, floor in s (medians); peak RSS; ratio in CPU time (range)")]
    for name, figure in figures.items():
        rows.append((name, f"{figure.show()}; {figure.seconds:.2f} s, {figure.floor:.2f} s; "
                           f"{figure.peak_rss_mb:.0f} MB; CPU {figure.show(cpu=True)}"))
    for state in ("cold", "warm"):
        whole, alone = figures[f"check + HTML, {state}"].seconds, figures[f"check, no HTML, {state}"].seconds
        rows.append((f"HTML's share of a {state} check + HTML (from the medians)", f"{(whole - alone) / whole:.0%}"))
    pages, html_bytes = folder_size(bench.html)
    rows.append(("HTML report", f"{html_bytes / 1e6:.1f} MB in {pages:,} files "
                                f"({html_bytes / max(pages, 1) / 1e3:.0f} KB a file)"))
    rows.append(("JSON findings", f"{bench.json.stat().st_size / 1e6:.2f} MB"))
    data = json.loads(bench.json.read_text(encoding="utf-8"))
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    found, false, missed = score(data["findings"], truth)
    rows.append(("targets, findings", f"{data['targets']:,}, {len(data['findings']):,}"))
    rows.append(("recall (injected found)", f"{found}/{len(truth)}"))
    rows.append(("false positives (non-coverage findings not injected)", str(false)))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if missed:
        print("missed:", json.dumps(missed[:10], ensure_ascii=False))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
