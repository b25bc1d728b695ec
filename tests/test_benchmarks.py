"""The benchmark scripts work (they time nothing here): the ratio arithmetic, and benchmarks/run.py on the
smallest synthetic corpus, once per figure, scored against its ground truth."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_corpus import generate  # noqa: E402
from timing import Figure, Run, interleave  # noqa: E402


def run(seconds: float, cpu: float = 1.0) -> Run:
    return Run(seconds, cpu, 10.0, 0, "")


def test_each_run_is_divided_by_the_floor_just_before_it():
    figure = Figure((run(1.0), run(2.0), run(4.0)), (run(3.0, 2.0), run(2.0), run(10.0, 5.0)))
    assert figure.ratios == [3.0, 1.0, 2.5] and figure.ratio == 2.5
    assert figure.cpu_ratios == [2.0, 1.0, 5.0]
    assert figure.show() == "2.500 (1.000-3.000)" and figure.show(cpu=True) == "2.000 (1.000-5.000)"
    assert figure.seconds == 3.0 and figure.floor == 2.0


def test_interleaved_steps_alternate_with_the_floor_and_a_failed_step_stops_the_benchmark():
    order = []

    def floor() -> Run:
        order.append("floor")
        return run(1.0)

    def step(name: str, code: int = 0):
        return lambda i: order.append(f"{name}{i}") or Run(2.0, 1.0, 1.0, code, "boom")

    figures = interleave(floor, {"a": step("a"), "b": step("b")}, 2, prepare=lambda i: order.append(f"prep{i}"))
    assert order == ["prep0", "floor", "a0", "prep0", "floor", "b0", "prep1", "floor", "a1", "prep1", "floor", "b1"]
    assert figures["a"].ratios == [2.0, 2.0]
    try:
        interleave(floor, {"x": step("x", code=2)}, 1)
    except SystemExit as stop:
        assert "exit 2" in str(stop) and "boom" in str(stop)
    else:
        raise AssertionError("a failed run must stop the benchmark")


def test_run_py_measures_every_figure_and_scores_the_corpus(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "0.001", "--runs", "1",
                           "--work", str(tmp_path / "bench")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for figure in ("check + HTML, cold", "check + HTML, warm", "check, no HTML, cold", "check, no HTML, warm",
                   "--changed after editing one county, warm", "check + HTML after editing one county, warm"):
        assert re.search(rf"^{re.escape(figure)} +\d+\.\d+ \(\d+\.\d+-\d+\.\d+\); .* MB; CPU .*\)$", out, re.M), out
    truth = re.search(r"^recall \(injected found\) +(\d+)/(\d+)$", out, re.M)
    assert truth and truth.group(1) == truth.group(2) != "0", out
    assert re.search(r"^false positives .* +0$", out, re.M) and re.search(r"^HTML report +[\d.]+ MB in", out, re.M)
    generate(tmp_path / "fresh", 0.001)  # the edited county plan is put back as it was
    for path in (tmp_path / "fresh" / "plans").rglob("*.yaml"):
        assert (tmp_path / "bench" / "corpus" / path.relative_to(tmp_path / "fresh")).read_bytes() == path.read_bytes()


def test_loader_floor_times_the_three_ways_of_reading(tmp_path):
    generate(tmp_path / "corpus", 0.001)
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "loader_floor.py"), str(tmp_path / "corpus"),
                           "--runs", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^\d+ files, [\d.]+ MB; rapidyaml answers for \d+ of them", done.stdout, re.M), done.stdout
    for name in ("the floor", "libyaml alone", "rapidyaml where it answers"):
        assert re.search(rf"{re.escape(name)}\)? +CPU \d\.\d+ \(.*\), wall .* ms/MB$", done.stdout, re.M), done.stdout


def test_page_load_py_times_the_entry_pages_of_a_report(tmp_path):
    import shutil

    import pytest
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip("chromium and chromedriver not installed")
    report = tmp_path / "report"
    made = subprocess.run([sys.executable, "-m", "cli", "check", "--html", str(report), "--fail-on", "none"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "page_load.py"), str(report), "--runs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^report: [\d.]+ MB in \d+ files, \d+ HTML pages", done.stdout, re.M), done.stdout
    assert re.search(r"^\| index\.html \| \d+ KB \| \d+ ms \(\d+–\d+\) \| \d+ ms", done.stdout, re.M), done.stdout
    missing = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "page_load.py"), str(tmp_path)],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no index.html" in missing.stderr
