"""Shared test helpers: paths to the bundled corpus, fixtures and the seed documents, a runner for the
installed console script, a corpus builder for example plans and the fuzz suite's mutations of a valid
plan. Test modules import helpers from here, never from each other."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLANS = ROOT / "plans"
SEEDS = ROOT.parent / "shared" / "seeds"
# the bundled corpus's best-known conflict: 钟山区 plans 75% urbanization, 六盘水 sets 90%左右 for it
URBANIZATION = ("vertical-assigned-value", "zhongshan-fyp14", "urbanization-rate")


@pytest.fixture(autouse=True, scope="session")
def _cache_key_in_a_temporary_home(tmp_path_factory):
    """The cache signs its entries with a key kept in $XDG_CACHE_HOME (else ~/.cache): the tests keep it in a
    folder of their own, never in the home folder of whoever runs them (CI runs as root)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


def plancheck_executable() -> list[str]:
    """The installed console script next to this interpreter (falls back to `python -m cli`)."""
    candidate = Path(sys.executable).with_name("plancheck")
    if candidate.exists():
        return [str(candidate)]
    found = shutil.which("plancheck")
    return [found] if found else [sys.executable, "-m", "cli"]


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120):
    full_env = {**os.environ, **(env or {})}
    full_env.pop("PLANCHECK_DEBUG", None)
    return subprocess.run([*plancheck_executable(), *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          timeout=timeout, env=full_env)


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus (regions + one county plan)."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", target, ignore=shutil.ignore_patterns(".plancheck-cache"))
    return target


@pytest.fixture(scope="module")
def at_root():
    """Paths in findings are relative to the working folder: work from the project root, as CI does."""
    before = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(before)


LEVEL_DEFAULTS = {"schema": "plancheck/plan/v1", "kind": "master",
                  "period": {"base_year": 2020, "end": 2025, "vision": 2035}, "source": {"document": "example.txt"}}


def build_corpus(root: Path, plans: list[dict]) -> Path:
    """A corpus from example plans: the test registry plus each plan with defaults filled in."""
    root.mkdir(parents=True)
    shutil.copy(FIXTURES / "mini" / "regions.yaml", root / "regions.yaml")
    for plan in plans:
        full = {**LEVEL_DEFAULTS, "title": plan["id"], "level": "county", **plan}
        for kind in ("targets", "roles", "projects"):
            for item in full.get(kind, []):
                item.setdefault("source", {"line": 1, "quote": "example"})
        (root / f"{plan['id']}.yaml").write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=False),
                                                 encoding="utf-8")
    return root


# The fuzz suite's mutations of the mini corpus's valid plan (test_fuzz.py, test_fast_schema.py).
BASE = yaml.safe_load((FIXTURES / "mini" / "plans" / "county.yaml").read_text(encoding="utf-8"))

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
