"""Fuzzing: no input makes plancheck crash. Mutated plans and random text either check or fail with a
file:line message (InputError); nothing else may escape, within bounded time.

The number of cases is set by the hypothesis profile: `fuzz-ci` (the default here, a few thousand cases
in about a minute) or `fuzz-release` (PLANCHECK_FUZZ=release: ten times more, for release checks).
"""

from __future__ import annotations

import copy
import math
import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from checker.api import check
from checker.config import Config
from checker.loader import load_yaml_text
from checker.problems import InputError

from conftest import FIXTURES

settings.register_profile("fuzz-ci", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz-release", max_examples=15000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROFILE = "fuzz-release" if os.environ.get("PLANCHECK_FUZZ") == "release" else "fuzz-ci"

BASE = yaml.safe_load((FIXTURES / "mini" / "plans" / "county.yaml").read_text(encoding="utf-8"))
SLOWEST = {"seconds": 0.0}

odd_text = st.sampled_from(["", " ", "\u200b", "\ufeff", "𠮷", "\u202e", "<script>alert(1)</script>", "NaN",
                            "-.inf", "520201", "２０２５", "a" * 3000, "\x85", "~", "null", "no", "2025-01-01"])
scalars = (st.none() | st.booleans() | st.integers(-10**30, 10**30)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20) | odd_text)
values = st.recursive(scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=6) | odd_text, c,
                                                                                    max_size=4), max_leaves=12)
KEYS = ["id", "indicator", "unit", "scope", "share_of", "target", "base", "growth", "vision", "year", "value", "op",
        "min", "max", "ref", "source", "line", "quote", "region", "level", "kind", "period", "base_year", "end",
        "targets", "roles", "projects", "regions", "exclusive", "cumulative", "attribute", "schema"]


def all_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from all_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from all_paths(value, prefix + (index,))


PATHS = [p for p in all_paths(BASE) if p]


@st.composite
def mutated(draw):
    plan = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent = plan
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = draw(st.sampled_from(["replace", "delete", "rename", "add", "deepen", "duplicate"]))
            key = path[-1]
            if action == "replace":
                parent[key] = draw(values)
            elif action == "delete":
                del parent[key]
            elif action == "rename" and isinstance(parent, dict):
                parent[draw(st.sampled_from(KEYS) | st.text(max_size=5))] = parent.pop(key)
            elif action == "add" and isinstance(parent, dict):
                parent[draw(st.sampled_from(KEYS))] = draw(values)
            elif action == "deepen":
                deep = draw(values)
                for _ in range(draw(st.integers(1, 80))):
                    deep = [deep]
                parent[key] = deep
            elif action == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
        except (KeyError, IndexError, TypeError):
            pass
    return plan


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
    started = time.perf_counter()
    try:
        report = check([folder], config=Config())
        assert report.corpus.plans
    except InputError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file and problem.message
            assert str(problem).startswith(problem.file)
    finally:
        SLOWEST["seconds"] = max(SLOWEST["seconds"], time.perf_counter() - started)


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
    started = time.perf_counter()
    run_case(tmp_path, to_yaml(plan))
    assert time.perf_counter() - started < 60


def test_zz_slowest_case_is_bounded():
    """Runs last in this module: no single fuzz case took long."""
    assert SLOWEST["seconds"] < 30, SLOWEST
