"""The checker on the bundled seed plans: the disagreements the real documents contain are found, with
both sources, and what the corpus cannot check is reported as coverage."""

from __future__ import annotations

from functools import lru_cache

import pytest

from checker.api import check
from checker.config import Config
from checker.evidence import bounds

from conftest import PLANS


@lru_cache(maxsize=None)
def report():
    return check([PLANS], config=Config())


def findings(rule, plan=None):
    return [f for f in report().findings if f.rule == rule and (plan is None or f.plan == plan)]


def test_zhongshan_urbanization_conflicts_with_the_city_assignment():
    """钟山区 plans 75% (专栏2 row 15) 含北部五乡镇 (lines 906, 1120-1122); 六盘水's urbanization plan sets 90%左右
    for 钟山区 (line 248) without a caliber, and 钟山's own 不含北部 figure was 90 (lines 268-271): a question
    of caliber, so a warning citing both calibers and the encoder's note, not an error."""
    [finding] = [f for f in findings("vertical-assigned-value", "zhongshan-fyp14") if f.indicator == "urbanization_rate"]
    assert finding.severity == "warning" and finding.region == "520201"
    assert finding.evidence["caliber"] == {"this": "含北部五乡镇", "other": None}
    assert "口径" in finding.message["zh"] and "不能同时成立" not in finding.message["zh"]
    [note] = [n for n in finding.evidence["notes"] if n["target"] == "urbanization-rate"]
    assert "不含北部" in note["note"] and note["caliber"] == "含北部五乡镇"
    assert finding.evidence["this"]["value"] == 75 and finding.evidence["other"]["value"] == 90
    assert finding.evidence["other"]["op"] == "~"
    [related] = finding.related
    assert related.plan == "liupanshui-urbanization-fyp14"
    upper = report().graph.targets[f"{related.plan}/{related.target}"]
    assert upper.source.line == 248 and "90%" in upper.source.quote
    this = report().graph.targets[f"{finding.plan}/{finding.target}"]
    assert this.source.table == "专栏2" and str(this.source.row) == "15"


def test_zhongshan_gdp_growth_path_does_not_reach_the_target():
    """309.17亿元 × 1.086^5 ≈ 467, not 500: the plan needs about 10% a year."""
    [finding] = [f for f in findings("internal-growth-path", "zhongshan-fyp14") if f.indicator == "gdp"]
    assert finding.evidence["implied_growth"] == pytest.approx(10.1, abs=0.05)
    assert finding.evidence["projected"]["high"] < 500
    compounding, reached, needed = (step("en") for step in finding.shows.arithmetic)
    assert compounding.startswith("309.17 × (1 + 8.6%)^5 ≈ 467.")
    assert reached.startswith("reached by the stated growth: [") and "; target: 2025: 500" in reached
    # 500 is written without decimals, so the needed rate is too; the message and the card say it alike
    assert needed == "needs 10% a year" and "达到目标需年均增长约10%" in finding.message["zh"]
    assert "[456.4, 477.9]" in reached and "[456.4, 477.9] 亿元" in finding.message["zh"]


def test_growth_path_arithmetic_agrees_with_the_rules_intervals():
    """The compounding a card shows lies in the interval the rule carried forward, and outside the target's."""
    checked = 0
    for finding in findings("internal-growth-path"):
        first = finding.shows.arithmetic[0]("zh")
        if "×" not in first:
            continue  # a base or growth stated as a range: no single compounding to show
        result = float(first.rsplit("≈ ", 1)[1])
        (low, high), (goal_low, goal_high) = (bounds(finding.evidence[key]) for key in ("projected", "stated"))
        assert low - 0.01 <= result <= high + 0.01
        assert not goal_low <= result <= goal_high  # an open end ('以上') is infinite
        checked += 1
    assert checked >= 5


def test_missing_upper_plans_are_coverage_not_silence():
    missing = {(f.plan, f.region) for f in findings("coverage-upper-plan-missing")}
    assert ("honghuagang-fyp14", "520300") in missing  # no 遵义市 plan
    assert ("qingzhen-goals", "520100") in missing  # no 贵阳市 plan
    assert all((p, "520000") in missing for p in report().corpus.plans)  # no provincial plan
    assert ("zhongshan-fyp14", "520200") in missing  # 六盘水 has only its special plan
    assert ("honghuagang-fyp14", "qianzhong") not in missing  # the cluster plan is present


def test_a_county_is_linked_to_every_plan_above_it():
    graph = report().graph
    assert [p.id for p in graph.upper_plans(report().corpus.plans["honghuagang-fyp14"])] == ["qianzhong-cluster-2023"]
    assert [p.id for p in graph.upper_plans(report().corpus.plans["zhongshan-fyp14"])] == ["liupanshui-urbanization-fyp14"]


def test_groups_are_never_summed_as_parts_of_their_parent():
    for finding in findings("vertical-children-exceed-total"):
        region = report().corpus.regions[finding.region]
        assert region.level != "group"


def test_each_unreciprocated_project_is_its_own_finding():
    """黔中's plan names several projects with 清镇市 that 清镇's goals do not mention: one finding each."""
    found = [f for f in findings("horizontal-project-reciprocity", "qianzhong-cluster-2023") if f.region == "520181"]
    assert len(found) >= 2 and len({f.fingerprint for f in found}) == len(found)


def test_findings_about_roles_and_projects_name_them():
    found = findings("horizontal-project-reciprocity", "qianzhong-cluster-2023")
    projects = {p.id for p in report().corpus.plans["qianzhong-cluster-2023"].projects}
    assert found and all(f.project in projects and f.target is None and f.role is None for f in found)
    assert all(f.as_dict()["project"] == f.project for f in found)


def test_charts_picture_the_conflict_the_rule_found():
    """A growth path's chart starts at the base and its reached band misses the goal's; an assigned value's
    bars (or path) set this plan's number against the related plan's band, which it does not meet."""
    from checker.evidence import IntervalChart, PathChart
    [growth] = [f for f in findings("internal-growth-path", "zhongshan-fyp14") if f.indicator == "gdp"]
    chart = growth.shows.chart
    assert isinstance(chart, PathChart) and chart.start == (2020, 309.17) and chart.goal_year == 2025
    assert chart.reach[2] < chart.goal.low and chart.needed == growth.evidence["implied_growth"]
    [value] = [f for f in findings("vertical-assigned-value", "zhongshan-fyp14") if f.indicator == "urbanization_rate"]
    chart = value.shows.chart
    if isinstance(chart, PathChart):
        assert chart.goal.label.who == "related" and chart.reach[2] < chart.goal.low
    else:
        assert isinstance(chart, IntervalChart)
        this, other = chart.bars
        assert (this.label.who, other.label.who) == ("this", "related")
        assert this.high < other.low and "90%" in other.label.text("zh")
