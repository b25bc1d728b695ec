"""Deferred numbers: only an upper plan of the level and kind the text names can supply them; the rest is
coverage, once per plan (bundled corpus and small cases)."""

from __future__ import annotations

import pytest

from checker.deferral import can_supply, describe_deferral
from checker.model import Location, Period, Plan, Quantity

from test_corpus_findings import findings


def plan(level: str, kind: str) -> Plan:
    return Plan(id=f"{level}-{kind}", title="t", region="520000", level=level, kind=kind,
                period=Period(base_year=2020, end=2025), document="d.txt", location=Location("f.yaml", 1))


def deferral(levels, kind="master") -> Quantity:
    return Quantity(year=2025, ref_upper=True, ref_levels=tuple(levels), ref_kind=kind)


@pytest.mark.parametrize("levels, kind, level, plan_kind, supplies", [
    (["province"], "master", "province", "master", True),
    (["province"], "master", "municipal", "master", False),     # 省下达 is not the city's to set
    (["province"], "master", "province", "special", False),     # a special plan never stands in
    (["national", "province"], "master", "province", "master", True),
    (["upper"], "master", "city_cluster", "special", False),
    (["upper"], "master", "municipal", "master", True),
    (["upper"], "land_use", "municipal", "master", False),      # 土地总规 is a land-use plan
    (["upper"], "land_use", "municipal", "land_use", True),
    (["province"], "statistic", "province", "master", False),   # 全省平均 comes from statistics
])
def test_who_can_supply_a_deferred_number(levels, kind, level, plan_kind, supplies):
    assert can_supply(plan(level, plan_kind), deferral(levels, kind)) is supplies


def test_deferrals_read_as_the_text_wrote_them():
    assert describe_deferral(deferral(["national", "province", "municipal"]), "zh") == "控制在国家、省和市下达目标以内"
    assert describe_deferral(deferral(["province"], "statistic"), "zh") == "对标省平均水平"
    assert describe_deferral(deferral(["upper"], "land_use"), "en") == "within the upper land-use plan's bound"


def test_zhongshan_deferrals_are_one_coverage_finding_not_warnings_against_the_urbanization_plan():
    """钟山 defers energy, carbon, safety, pollutant, farmland and life-expectancy numbers to 省/国家/市 quotas,
    a land-use plan and provincial averages (lines 898-950, 1225-1409, 6224-6236, 7243-7247); none is in the
    corpus, and 六盘水's urbanization plan (a special plan) supplies none of them."""
    assert not findings("vertical-ref-upper-missing")
    [coverage] = findings("coverage-deferred-number", "zhongshan-fyp14")
    assert coverage.severity == "info"
    listed = {i for group in coverage.evidence["deferred"] for i in group["indicators"]}
    assert {"energy_intensity_reduction", "cultivated_land", "life_expectancy", "coal_mine_deaths_per_mt"} <= listed
    kinds = {group["ref_kind"] for group in coverage.evidence["deferred"]}
    assert kinds == {"master", "land_use", "statistic"}
