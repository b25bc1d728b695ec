"""The synthetic corpus generator (benchmarks/gen_corpus.py) at every scale it accepts: small scales make a
small, valid corpus whose injected conflicts are all found, and out-of-range scales are refused."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checker import api
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_corpus import MIN_SCALE, generate  # noqa: E402
from run import score  # noqa: E402


@pytest.mark.parametrize("scale", [MIN_SCALE, 0.01, 0.02, 0.05])
def test_small_scales_make_a_valid_corpus_whose_injections_are_found(tmp_path, scale):
    counts = generate(tmp_path / "corpus", scale=scale)
    assert counts["plans"] > 0 and counts["injected"] > 0
    report = api.check([tmp_path / "corpus"])  # raises InputError on a corpus that does not validate
    truth = json.loads((tmp_path / "corpus" / "ground-truth.json").read_text(encoding="utf-8"))
    found, false, missed = score([f.as_dict() for f in report.findings], truth)
    assert (found, false, missed) == (len(truth), 0, [])


@pytest.mark.parametrize("scale", ["0", "-1", "1.5", "0.0001"])
def test_scales_outside_the_advertised_range_are_refused(tmp_path, scale):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(tmp_path / "c"),
                           "--scale", scale], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--scale must be between" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "c").exists()


def test_the_help_advertises_the_range():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), "--help"],
                          capture_output=True, text=True, timeout=60)
    assert f"from {MIN_SCALE} to 1.0" in done.stdout
