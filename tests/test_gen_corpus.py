"""The synthetic corpus generator (benchmarks/gen_corpus.py) at every scale it accepts: small scales make a
small, valid corpus whose injected conflicts are all found, scales above 1 grow the country with distinct
codes, and out-of-range scales are refused."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checker import api
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_corpus import MAX_SCALE, MIN_SCALE, Generator, generate, layout  # noqa: E402
from run import score  # noqa: E402


@pytest.mark.parametrize("scale", [0.0001, MIN_SCALE, 0.01, 0.02, 0.05])
def test_small_scales_make_a_valid_corpus_whose_injections_are_found(tmp_path, scale):
    counts = generate(tmp_path / "corpus", scale=scale)
    assert counts["plans"] > 0 and counts["injected"] > 0
    report = api.check([tmp_path / "corpus"])  # raises InputError on a corpus that does not validate
    truth = json.loads((tmp_path / "corpus" / "ground-truth.json").read_text(encoding="utf-8"))
    found, false, missed = score([f.as_dict() for f in report.findings], truth)
    assert (found, false, missed) == (len(truth), 0, [])


def test_below_the_smallest_scale_the_corpus_is_the_smallest_one(tmp_path):
    generate(tmp_path / "tiny", scale=0.00001)
    generate(tmp_path / "smallest", scale=MIN_SCALE)
    for path in sorted((tmp_path / "smallest").rglob("*.yaml")):
        assert (tmp_path / "tiny" / path.relative_to(tmp_path / "smallest")).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("scale, provinces, counties", [(2, 62, (5500, 5800)), (4, 89, (10900, 11400))])
def test_scales_above_one_grow_the_country_with_distinct_valid_codes(tmp_path, scale, provinces, counties):
    """Twice and four times the country: as many regions as that many countries, every code distinct and
    six digits, and the regions file they are written to validates (the plans of so big a corpus are the
    benchmark's to check: benchmarks/run.py --scale 2 scores them against the ground truth)."""
    generator = Generator(14, scale)
    generator.build_regions()
    levels = [region.level for region in generator.regions.values()]
    assert levels.count("province") == provinces and counties[0] <= levels.count("county") <= counties[1]
    assert len(set(generator.regions)) == len(generator.regions)
    assert all(len(code) == 6 and code.isdigit() for code in generator.regions)
    assert all(generator.regions[r.parent].level in ("province", "municipal")
               for r in generator.regions.values() if r.parent)
    generator.write(tmp_path / "corpus")  # regions.yaml and no plan
    result = run_cli("validate", str(tmp_path / "corpus" / "regions.yaml"), "--lang", "en")
    assert result.returncode == 0, result.stderr


def test_growth_is_monotonic_and_stays_within_the_codes():
    sizes = [layout(scale) for scale in (0.001, 0.05, 0.1, 0.5, 1, 1.5, 2, 3, 4, MAX_SCALE)]
    counts = [provinces * cities for provinces, cities in sizes]
    assert counts == sorted(counts) and sizes[4] == (31, 11)
    assert all(provinces <= 89 and cities <= 99 for provinces, cities in sizes)


def test_the_injections_of_a_corpus_twice_the_country_name_distinct_existing_plans():
    generator = Generator(14, 2)
    generator.build_regions()
    generator.build_plans()
    generator.inject(40)
    entries = [(t["rule"], t["plan"], t["target"]) for t in generator.truth]
    assert len(entries) > 400 and all(plan in generator.plans for _, plan, _ in entries)
    assert len(entries) == len(set(entries))  # each injection is scored once


@pytest.mark.parametrize("scale", ["0", "-1", "8.5", "nan", "inf"])
def test_scales_outside_the_advertised_range_are_refused(tmp_path, scale):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(tmp_path / "c"),
                           "--scale", scale], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--scale must be above 0" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "c").exists()


def test_the_help_advertises_the_range():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), "--help"],
                          capture_output=True, text=True, timeout=60)
    assert f"up to {MAX_SCALE:g}" in done.stdout
