"""Shared test helpers: paths to the bundled corpus, fixtures and the seed documents, and a runner for
the installed console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLANS = ROOT / "plans"
SEEDS = ROOT.parent / "shared" / "seeds"
# the bundled corpus's best-known conflict: 钟山区 plans 75% urbanization, 六盘水 sets 90%左右 for it
URBANIZATION = ("vertical-assigned-value", "zhongshan-fyp14", "urbanization-rate")


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
