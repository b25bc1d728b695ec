"""`check FILE` and `validate FILE`: the file is checked in the corpus it sits in (the nearest folder upward
holding regions.yaml), and the report is that plan's part of the full check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import URBANIZATION, run_cli

ZHONGSHAN = "plans/guizhou/zhongshan-fyp14.yaml"


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def involves(finding: dict, plan: str) -> bool:
    return finding["plan"] == plan or plan in {r["plan"] for r in finding["related"]}


def test_check_file_reports_what_the_full_check_reports_about_its_plan():
    full = run_cli("check", "--no-html", "--format", "json")
    one = run_cli("check", "--no-html", "--format", "json", ZHONGSHAN)
    by_id = run_cli("check", "--no-html", "--format", "json", "--plan", "zhongshan-fyp14")
    assert one.returncode == by_id.returncode and one.returncode in (0, 1), one.stderr
    expected = [f for f in findings(full) if involves(f, "zhongshan-fyp14")]
    assert findings(one) == expected
    # the conflict with the city's 城镇化率 is found: 六盘水's plan sits beside it
    assert URBANIZATION in {(f["rule"], f["plan"], f["target"]) for f in findings(one)}
    assert not [f for f in findings(one) if "语料中没有六盘水市的规划" in f["message"]]  # it is there


def test_check_file_from_inside_the_corpus_and_with_plan():
    inside = run_cli("check", "--no-html", "--format", "json", "guizhou/zhongshan-fyp14.yaml", cwd=Path("plans"))
    assert inside.returncode in (0, 1) and URBANIZATION in {(f["rule"], f["plan"], f["target"])
                                                        for f in findings(inside)}, inside.stderr
    both = run_cli("check", "--no-html", "--format", "json", "--plan", "zhongshan-fyp14", ZHONGSHAN)
    assert findings(both) == findings(run_cli("check", "--no-html", "--format", "json", ZHONGSHAN))


def test_a_missing_file_is_reported_not_replaced_by_the_whole_corpus():
    for command in (["check", "--no-html"], ["validate"]):
        result = run_cli(*command, "plans/guizhou/nope.yaml")
        assert result.returncode == 2 and "plans/guizhou/nope.yaml: no such file or directory" in result.stderr


def test_check_regions_file_checks_everything():
    regions = run_cli("check", "--no-html", "--format", "json", "plans/regions.yaml")
    assert findings(regions) == findings(run_cli("check", "--no-html", "--format", "json"))


@pytest.fixture
def two_plans(mini_corpus: Path) -> Path:
    plan = mini_corpus / "plans" / "county.yaml"
    (mini_corpus / "plans" / "zz-copy.yaml").write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    return mini_corpus


def test_validate_file_sees_a_plan_id_used_beside_it(two_plans):
    result = run_cli("validate", "--lang", "en", "plans/zz-copy.yaml", cwd=two_plans)
    assert result.returncode == 2
    assert "plans/zz-copy.yaml:2:1: plan id 'county-plan' is also used by plans/county.yaml" in result.stderr


def test_validate_file_reports_its_own_problems_not_its_neighbours(two_plans):
    (two_plans / "plans" / "zz-copy.yaml").write_text("schema: plancheck/plan/v1\nid: broken\n", encoding="utf-8")
    fine = run_cli("validate", "--lang", "en", "plans/county.yaml", cwd=two_plans)
    assert fine.returncode == 0, fine.stderr
    assert "1 file(s) valid (in the corpus ." in fine.stdout
    assert "problem(s) in other plan files of . are not shown" in fine.stderr
    plan = two_plans / "plans" / "county.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('region: "520201"', 'region: "520299"'),
                    encoding="utf-8")
    bad = run_cli("validate", "--lang", "en", "plans/county.yaml", cwd=two_plans)
    assert bad.returncode == 2
    assert "plans/county.yaml:4:1: unknown region '520299'" in bad.stderr, bad.stderr
    assert "zz-copy.yaml" not in bad.stderr
