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
    assert "个文件均有效" in result.stdout
    assert "file(s) valid" in run_cli("validate", "--lang", "en", "plans/").stdout


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
    result = run_cli("validate", "--lang", "en", path.name, cwd=path.parent)
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


# the common kinds of input problem, in Chinese by default (as findings are) and in English with --lang en
PROBLEMS_IN_TWO_LANGUAGES = {
    "01-duplicate-key": ("键 'id' 重复（第 3 行已有）", "duplicate key 'id' (first defined at line 3)"),
    "08-syntax": ("YAML 语法错误：", "YAML syntax error: "),
    "09-unknown-key": ("顶层中有未知的键 'colour'", "unknown key 'colour' in top level"),
    "18-wrong-type": ("“targets[0].target.value”应为数字，而不是文字", "targets[0].target.value should be a number, not text"),
    "12-unknown-indicator": ("未知指标 'gpd'", "unknown indicator 'gpd'"),
    "13-unknown-region": ("未知区域 '520299'", "unknown region '520299'"),
}


@pytest.mark.parametrize("name", sorted(PROBLEMS_IN_TWO_LANGUAGES))
def test_input_problems_speak_the_language_of_lang(name):
    zh, en = PROBLEMS_IN_TWO_LANGUAGES[name]
    folder = FIXTURES / "malformed"
    chinese = run_cli("validate", f"{name}.yaml", cwd=folder)
    english = run_cli("validate", "--lang", "en", f"{name}.yaml", cwd=folder)
    assert chinese.returncode == english.returncode == 2
    assert zh in chinese.stderr.splitlines()[0] and en in english.stderr.splitlines()[0]
    assert chinese.stderr.split(": ")[0] == english.stderr.split(": ")[0]  # the same file:line:col


def test_check_reports_input_problems_in_its_lang(mini_corpus):
    (mini_corpus / "plans" / "dup.yaml").write_text("schema: plancheck/plan/v1\nid: a\nid: b\n", encoding="utf-8")
    assert "键 'id' 重复" in run_cli("check", str(mini_corpus), "--no-html").stderr
    assert "duplicate key 'id'" in run_cli("check", str(mini_corpus), "--no-html", "--lang", "en").stderr
