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


def test_the_caliber_and_the_encoders_note_are_on_the_html_card():
    """The caliber question's card shows 钟山's caliber and the encoder's note citing its 不含北部 figure."""
    from checker.render import html
    from checker.render.html_names import page_name
    from test_corpus_findings import report
    page = html.render_pages(report(), "zh")[page_name("zhongshan-fyp14")]
    cards = [c for c in page.split("<article")[1:] if "vertical-assigned-value" in c]
    assert any("口径" in c and "含北部五乡镇" in c and "编码说明" in c and "不含北部" in c for c in cards)
