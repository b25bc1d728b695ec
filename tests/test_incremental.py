"""Incremental runs: --changed and --since keep the findings that involve the changed plans, and those are
the full check's (a county is still checked against the plans above and beside it, loaded or not)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from checker import api
from checker.incremental import changed_since, touched_plans
from conftest import URBANIZATION, PLANS, run_cli

ZHONGSHAN = "plans/guizhou/zhongshan-fyp14.yaml"
LIUPANSHUI = "plans/guizhou/liupanshui-urbanization-fyp14.yaml"


pytestmark = pytest.mark.usefixtures("at_root")


@pytest.fixture(scope="module")
def plain():
    return api.check([Path("plans")])


def involves(finding, plans) -> bool:
    return finding.plan in plans or any(r.plan in plans for r in finding.related)


def keys(findings):
    return {(f.rule, f.plan, f.target, f.fingerprint) for f in findings}


def test_changed_plan_keeps_the_findings_that_involve_it(plain):
    report = api.check([Path("plans")], changed=[Path(ZHONGSHAN)])
    assert report.selected == {"zhongshan-fyp14"}
    assert keys(report.findings) == keys(f for f in plain.findings if involves(f, {"zhongshan-fyp14"}))
    assert URBANIZATION in {(f.rule, f.plan, f.target) for f in report.findings}
    assert not [f for f in report.findings if f.plan == "honghuagang-fyp14"]
    assert "liupanshui-urbanization-fyp14" in report.corpus.plans  # its upper plan is loaded with it


def test_changing_the_upper_plan_reports_the_county_conflict_too(plain):
    report = api.check([Path("plans")], changed=[Path(LIUPANSHUI)])
    assert URBANIZATION in {(f.rule, f.plan, f.target) for f in report.findings}
    assert all(involves(f, {"liupanshui-urbanization-fyp14"}) for f in report.findings)


def test_shared_files_touch_everything_and_other_files_nothing(plain):
    corpus = plain.corpus
    roots = [Path("plans")]
    assert touched_plans(corpus, [Path("plans/regions.yaml")], roots) is None
    assert touched_plans(corpus, [Path("plans/guizhou/deleted-plan.yaml")], roots) is None
    assert touched_plans(corpus, [Path("README.md"), Path("docs/ci.md")], roots) == set()
    assert touched_plans(corpus, [Path(ZHONGSHAN).resolve(), Path(LIUPANSHUI)], roots) == {
        "zhongshan-fyp14", "liupanshui-urbanization-fyp14"}
    everything = api.check([Path("plans")], changed=[Path("plans/regions.yaml")])
    assert everything.selected is None and keys(everything.findings) == keys(plain.findings)


def test_changed_on_the_command_line(plain):
    result = run_cli("check", "--no-html", "--lang", "en", "--changed", "README.md")
    assert result.returncode == 0 and "0 errors, 0 warnings, 0 info" in result.stdout
    result = run_cli("check", "--no-html", "--lang", "en", "--changed", ZHONGSHAN, "--fail-on", "none")
    assert result.returncode == 0
    assert "plans/guizhou/zhongshan-fyp14.yaml:" in result.stdout and "honghuagang-fyp14.yaml:" not in result.stdout
    both = run_cli("check", "--no-html", "--changed", ZHONGSHAN, "--plan", "qingzhen-goals")
    assert both.returncode == 0 and "zhongshan-fyp14.yaml:" not in both.stdout  # both narrow


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repository(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(PLANS, tmp_path / "plans")
    git("init", "-q", cwd=tmp_path)
    git("add", ".", cwd=tmp_path)
    git("commit", "-q", "-m", "corpus", cwd=tmp_path)
    return tmp_path


def test_since_a_git_ref_checks_the_plans_changed_since(repository):
    plan = repository / "plans" / "guizhou" / "qingzhen-goals.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = run_cli("check", "--no-html", "--lang", "en", "--format", "json", "--since", "HEAD", cwd=repository)
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert findings and all(f["plan"] == "qingzhen-goals" or "qingzhen-goals" in {r["plan"] for r in f["related"]}
                            for f in findings)
    # from a sub-folder, and with nothing changed since HEAD after committing
    git("commit", "-qam", "edit", cwd=repository)
    quiet = run_cli("check", "--no-html", "--lang", "en", "--since", "HEAD", "..", cwd=repository / "plans")
    assert quiet.returncode == 0 and "0 errors, 0 warnings, 0 info" in quiet.stdout, quiet.stderr
    # an untracked new plan file counts as changed
    shutil.copy(plan, repository / "plans" / "guizhou" / "copy.yaml")
    text = (repository / "plans" / "guizhou" / "copy.yaml").read_text(encoding="utf-8")
    (repository / "plans" / "guizhou" / "copy.yaml").write_text(
        text.replace("id: \"qingzhen-goals\"", "id: \"qingzhen-copy\""), encoding="utf-8")
    untracked = run_cli("check", "--no-html", "--format", "json", "--since", "HEAD", cwd=repository)
    assert {f["plan"] for f in json.loads(untracked.stdout)["findings"]} >= {"qingzhen-copy"}, untracked.stderr


def test_since_outside_a_repository_or_with_a_bad_ref_exits_2(tmp_path_factory, repository):
    outside = tmp_path_factory.mktemp("outside")
    shutil.copytree(PLANS, outside / "plans")
    result = run_cli("check", "--no-html", "--since", "HEAD", cwd=outside)
    assert result.returncode == 2 and "not inside a git repository" in result.stderr, result.stderr
    bad = run_cli("check", "--no-html", "--since", "no-such-ref", cwd=repository)
    assert bad.returncode == 2 and "--since no-such-ref: not a commit in this git repository" in bad.stderr, bad.stderr


@pytest.mark.parametrize("below", ["", "plans"])
def test_focused_load_equals_the_full_check(tmp_path, monkeypatch, below):
    """A re-check of one changed plan reads only its neighbourhood, and finds what the full check finds:
    named as the corpus folder, or as its plans/ folder with regions.yaml above it."""
    import sys as _sys
    from checker.api import check as api_check
    from checker.config import Config as _Config
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PLANCHECK_NO_CACHE", raising=False)
    _sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from gen_corpus import generate
    corpus = tmp_path / "corpus"
    generate(corpus, scale=0.1, seed=5)
    full = api_check([corpus / below], config=_Config())  # also writes the cache index
    for name in ("county-110101", "city-110100", "province-110000", "plan-cluster-01", "county-120203"):
        [path] = list(corpus.rglob(f"{name}.yaml"))
        focused = api_check([corpus / below], config=_Config(), changed=[path])
        assert focused.corpus.partial and len(focused.corpus.plans) < len(full.corpus.plans)
        expected = [f.fingerprint for f in full.findings
                    if f.plan == name or any(r.plan == name for r in f.related)]
        assert [f.fingerprint for f in focused.findings] == expected, name
def test_since_is_a_revision_never_an_option(repository):
    victim = repository / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    for ref in (f"--output={victim}", "--output=victim.txt", "-p"):
        result = run_cli("check", "--no-html", f"--since={ref}", cwd=repository)
        assert result.returncode == 2 and "not a commit in this git repository" in result.stderr, result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_changed_path_that_does_not_exist_is_exit_2(repository):
    result = run_cli("check", "--no-html", "--changed", "no/such.yaml", cwd=repository)
    assert result.returncode == 2
    assert "no/such.yaml: --changed: no such file, and git does not know it as a deleted file" in result.stderr


def findings_of(result) -> list[dict]:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("how", ["rm", "git rm", "committed"])
def test_a_deleted_plan_rechecks_the_plans_that_referred_to_it(repository, how, monkeypatch):
    if how == "git rm":
        git("rm", "-q", LIUPANSHUI, cwd=repository)
    else:
        (repository / LIUPANSHUI).unlink()
    if how == "committed":
        git("commit", "-qam", "drop the city plan", cwd=repository)
    since = "HEAD~1" if how == "committed" else "HEAD"
    monkeypatch.chdir(repository)
    changed, commit = changed_since(since)
    assert (repository / LIUPANSHUI) in changed
    full = api.check([Path("plans")])
    narrowed = api.check([Path("plans")], changed=changed, revision=commit)
    assert narrowed.selected is not None and "zhongshan-fyp14" in narrowed.selected  # the county below it
    assert "honghuagang-fyp14" not in narrowed.selected  # a county of another city
    assert keys(narrowed.findings) == keys(f for f in full.findings if involves(f, narrowed.selected))
    assert any(f.rule == "coverage-upper-plan-missing" and f.plan == "zhongshan-fyp14" for f in narrowed.findings)
    by_since = findings_of(run_cli("check", "--no-html", "--format", "json", "--since", since, cwd=repository))
    assert [f["fingerprint"] for f in by_since] == [f.fingerprint for f in narrowed.findings]
    if how != "committed":
        by_changed = findings_of(run_cli("check", "--no-html", "--format", "json", "--changed", LIUPANSHUI,
                                         cwd=repository))
        assert by_changed == by_since
