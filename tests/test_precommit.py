"""plancheck as a pre-commit hook of another repository, run by pre-commit itself (`pre-commit try-repo`).

Slow-ish: pre-commit builds the hook's own virtualenv (pip installs plancheck from a copy of this working
tree) once per run of this module.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

MUNICIPAL = """\
schema: plancheck/plan/v1
id: city-plan
title: 六盘水市规划
region: "520200"
level: municipal
kind: master
period: {base_year: 2020, end: 2025}
source: {document: city.txt}
targets:
  - id: zhongshan-urbanization
    indicator: urbanization_rate
    scope: "520201"
    unit: "%"
    target: {year: 2025, value: 90, op: "~"}
    source: {line: 5, quote: "钟山区常住人口城镇化率稳定在90%左右"}
"""


def test_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "plancheck")
    assert hook["entry"] == "plancheck check --no-html" and hook["language"] == "python"
    assert hook["files"] == r"\.ya?ml$" and hook["pass_filenames"] is False


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def pre_commit() -> list[str]:
    candidate = Path(sys.executable).with_name("pre-commit")
    if candidate.exists():
        return [str(candidate)]
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the test extra)")
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A git repository holding this working tree as it is now (committed or not), as pre-commit clones it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    except subprocess.CalledProcessError:
        pytest.skip("the project is not a git checkout")
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git("init", "-q", cwd=repo)
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "plancheck", cwd=repo)
    return repo


def test_pre_commit_try_repo_runs_the_hook(hook_repo, tmp_path_factory):
    command = pre_commit()
    consumer = tmp_path_factory.mktemp("consumer")
    shutil.copytree(FIXTURES / "mini", consumer / "plans")
    git("init", "-q", cwd=consumer)
    git("add", ".", cwd=consumer)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    env.pop("PLANCHECK_DEBUG", None)

    def try_repo():
        return subprocess.run([*command, "try-repo", str(hook_repo), "plancheck", "--all-files", "--verbose"],
                              cwd=consumer, capture_output=True, text=True, env=env, timeout=900)

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "plancheck (cross-plan consistency)" in clean.stdout and "Passed" in clean.stdout

    # the city now assigns 90% to 钟山区, whose own plan says 75%: the hook fails and says where
    (consumer / "plans" / "city.yaml").write_text(MUNICIPAL, encoding="utf-8")
    git("add", ".", cwd=consumer)
    conflict = try_repo()
    assert conflict.returncode == 1, conflict.stdout + conflict.stderr
    assert "Failed" in conflict.stdout
    assert "plans/county.yaml:" in conflict.stdout and "[vertical-assigned-value]" in conflict.stdout


def documented_config() -> str:
    """The .pre-commit-config.yaml snippet of docs/ci.md, exactly as a reader copies it."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", text, re.S)
    assert found, "docs/ci.md shows a .pre-commit-config.yaml"
    return found.group(1)


def test_documented_snippet_pins_nothing_that_does_not_exist():
    config = yaml.safe_load(documented_config())
    for repo in config["repos"]:
        assert repo["repo"] == "local" or re.fullmatch(r"[0-9a-f]{40}", str(repo.get("rev"))), repo


def test_documented_local_hook_works_as_written(tmp_path):
    command = pre_commit()
    consumer = tmp_path / "consumer"
    shutil.copytree(FIXTURES / "mini", consumer / "plans")
    (consumer / ".pre-commit-config.yaml").write_text(documented_config(), encoding="utf-8")
    git("init", "-q", cwd=consumer)
    git("add", ".", cwd=consumer)
    bin_dir = Path(sys.executable).parent  # where `pip install` put the plancheck command
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PLANCHECK_DEBUG", None)

    def run():
        return subprocess.run([*command, "run", "--all-files", "--verbose"], cwd=consumer, capture_output=True,
                              text=True, env=env, timeout=300)

    clean = run()
    assert clean.returncode == 0 and "Passed" in clean.stdout, clean.stdout + clean.stderr
    (consumer / "plans" / "city.yaml").write_text(MUNICIPAL, encoding="utf-8")
    git("add", ".", cwd=consumer)
    conflict = run()
    assert conflict.returncode == 1 and "Failed" in conflict.stdout, conflict.stdout + conflict.stderr
    assert "plans/county.yaml:" in conflict.stdout and "[vertical-assigned-value]" in conflict.stdout
