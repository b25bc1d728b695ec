"""Fuzzing: no input makes plancheck crash. Mutated plans and random text either check or fail with a
file:line message (InputError); nothing else may escape. How long the worst inputs take is measured in
benchmarks/limits.py, not here.

The number of cases is set by the hypothesis profile: `fuzz-ci` (the default here, a few thousand cases
in about a minute) or `fuzz-release` (PLANCHECK_FUZZ=release: ten times more, for release checks).
"""

from __future__ import annotations

import copy
import math
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from checker.api import check
from checker.config import Config
from checker.loader import load_yaml_text
from checker.problems import InputError

from conftest import BASE, FIXTURES, mutated

settings.register_profile("fuzz-ci", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz-release", max_examples=15000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROFILE = "fuzz-release" if os.environ.get("PLANCHECK_FUZZ") == "release" else "fuzz-ci"

def to_yaml(plan) -> str:
    try:
        return yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, RecursionError, ValueError):
        return "id: [unclosed\n"


def run_case(folder: Path, text: str) -> None:
    plans = folder / "plans"
    shutil.rmtree(plans, ignore_errors=True)
    plans.mkdir(parents=True)
    (plans / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        report = check([folder], config=Config())
        assert report.corpus.plans
    except InputError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file and problem.message
            assert str(problem).startswith(problem.file)


@pytest.fixture(scope="module")
def fuzz_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(FIXTURES / "mini" / "regions.yaml", folder / "regions.yaml")
    return folder


@settings(settings.get_profile(PROFILE))
@given(mutated())
def test_mutated_plans_never_crash(fuzz_corpus, plan):
    run_case(fuzz_corpus, to_yaml(plan))


@settings(settings.get_profile(PROFILE))
@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_random_text_never_crashes_the_loader(text):
    try:
        load_yaml_text(text, "fuzz.yaml")
    except InputError as err:
        assert all(p.file == "fuzz.yaml" for p in err.problems)


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False) | st.integers(-10**20, 10**20), st.sampled_from(["=", "~", ">=", "<=", ">", "<"]))
def test_extreme_numbers_check_or_fail_cleanly(tmp_path_factory, number, op):
    folder = tmp_path_factory.mktemp("n")
    shutil.copy(FIXTURES / "mini" / "regions.yaml", folder / "regions.yaml")
    plan = copy.deepcopy(BASE)
    plan["targets"][0]["target"] = {"year": 2025, "value": number, "op": op}
    plan["targets"][0]["base"] = {"year": 2020, "value": -number if math.isfinite(number) else 0}
    run_case(folder, to_yaml(plan))


def test_ten_thousand_targets_in_one_file(tmp_path):
    shutil.copy(FIXTURES / "mini" / "regions.yaml", tmp_path / "regions.yaml")
    plan = copy.deepcopy(BASE)
    template = plan["targets"][0]
    plan["targets"] = [{**copy.deepcopy(template), "id": f"t{i}"} for i in range(10_000)]
    run_case(tmp_path, to_yaml(plan))
