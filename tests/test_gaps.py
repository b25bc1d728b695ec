"""Gaps on the bundled corpus look under related indicators and derivations before saying "no target"."""

from __future__ import annotations

from test_corpus_findings import findings


def gaps():
    return {f.related[0].target: f for f in findings("vertical-assigned-gap", "zhongshan-fyp14")}


def test_pipe_quotas_met_under_new_and_renovated_ids_are_silent():
    """六盘水 line 295: 建设改造 供水 20, 污水 80, 雨水 23 公里; 钟山 lines 5079-5082: 新建供水150Km以上 + 改造40,
    新建排污80 + 改造污水74, 改造雨水25Km以上."""
    assert not {"zhongshan-water-supply-pipeline", "zhongshan-sewage-pipeline", "zhongshan-stormwater-pipeline"} & set(gaps())


def test_urban_population_derived_from_rate_and_population_is_silent():
    """六盘水 line 248: 城镇人口达70万人以上; 钟山 lines 906-908: 城镇化率75%, 常住人口100万人左右 -> about 75万."""
    assert "zhongshan-urban-population" not in gaps()


def test_quantities_counted_together_or_in_another_unit_are_info():
    """燃气 60 and 供热 30 against 新增燃气50 + 改造燃气及城市集中供热32 (lines 5187-5191); 1.1519万户 and 2.8万户
    against 26 and 248 projects (lines 1798, 1808)."""
    found = gaps()
    for key in ("zhongshan-gas-pipeline", "zhongshan-heating-pipeline", "zhongshan-shantytown-renovation",
                "zhongshan-old-residential-renovation"):
        assert found[key].severity == "info", key
    assert "不同单位" in found["zhongshan-shantytown-renovation"].message["zh"]
    assert {r.target for r in found["zhongshan-gas-pipeline"].related} >= {"gas-pipes", "gas-heating-pipes-renovated"}


def test_what_the_county_never_answers_stays_a_warning():
    """六盘水 lines 295, 343-344: 背街小巷 115条 and the three migrant quotas; 钟山 states no number for them."""
    found = gaps()
    for key in ("zhongshan-back-street-renovation", "zhongshan-agri-migrants", "zhongshan-town-transfer",
                "zhongshan-settled-migrants"):
        assert found[key].severity == "warning", key
