"""The installed console script: exit codes, file:line messages, and never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

MALFORMED = sorted(p for p in (FIXTURES / "malformed").glob("[0-9]*.yaml"))


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and re.search(r"plancheck, version \d+\.\d+", result.stdout)


def test_validate_bundled_plans():
    result = run_cli("validate", "plans/")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_validate_from_another_directory_uses_packaged_catalogue(tmp_path, mini_corpus):
    result = run_cli("validate", str(mini_corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_there_are_at_least_twenty_malformed_cases():
    assert len(MALFORMED) >= 20


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.stem)
def test_malformed_file_gives_file_line_and_exit_2(path: Path):
    expect = re.match(r"# expect (\d+): (.*)", path.read_text(encoding="utf-8").splitlines()[0] if path.stat().st_size else "")
    assert expect, f"{path.name} must start with '# expect LINE: MESSAGE'"
    line, fragment = int(expect.group(1)), expect.group(2)
    result = run_cli("validate", path.name, cwd=path.parent)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path.name}:{line}:"), first
    assert fragment in first


def test_missing_path_and_usage_errors_exit_2(tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "no such file" in result.stderr
    assert run_cli("validate", "--no-such-option").returncode == 2
    assert run_cli("schema", "nonsense").returncode == 2
