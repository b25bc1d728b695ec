"""Reading order: within a severity, the findings a rule ranks come worst first, in every reader's format,
while machine formats keep the engine's stable file/line order."""

from __future__ import annotations

import json

from checker.api import check
from checker.engine import Config
from checker.findings import reading_key
from checker.render import text_format

from conftest import PLANS, build_corpus, run_cli


def _growth(target_id: str, base: float, rate: float, goal: float) -> dict:
    return {"id": target_id, "indicator": "gdp", "unit": "亿元", "base": {"year": 2020, "value": base},
            "growth": {"value": rate}, "target": {"year": 2025, "value": goal}}


def test_growth_paths_are_read_worst_gap_first_though_the_worst_is_last_in_the_file(tmp_path):
    # 100 at 5% reaches about 127.6: 200 needs about 14.9%/yr (gap ~9.9 points), 400 needs ~32% (gap ~27)
    root = build_corpus(tmp_path / "c", [{"id": "county", "region": "520201", "targets": [
        _growth("small-gap", 100, 5, 200), _growth("large-gap", 100, 5, 400)]}])
    findings = [f for f in check([root], config=Config()).findings if f.rule == "internal-growth-path"]
    assert [f.target for f in findings] == ["small-gap", "large-gap"]  # the engine's order: the file's
    read = [f.target for f in sorted(findings, key=reading_key)]
    assert read == ["large-gap", "small-gap"]
    gaps = {f.target: f.rank for f in findings}
    assert gaps["large-gap"] > gaps["small-gap"] > 5
    lines = [line for line in run_cli("check", str(root), "--no-html", "--lang", "en").stdout.splitlines()
             if "internal-growth-path" in line]
    assert len(lines) == 2 and "400" in lines[0] and "200" in lines[1]
    machine = json.loads(run_cli("check", str(root), "--no-html", "--format", "json").stdout)
    ordered = [f["target"] for f in machine["findings"] if f["rule"] == "internal-growth-path"]
    assert ordered == ["small-gap", "large-gap"]
    assert all(f["rank"] > 0 for f in machine["findings"] if f["rule"] == "internal-growth-path")


def test_on_the_bundled_corpus_zhongshan_primary_industry_leads_the_growth_path_warnings():
    # 钟山 一产 7.6亿元 (2020) to 30亿元 (2025) at 6.5% (000:...) needs about 31.6%/yr; 红花岗 三产 is a small gap
    report = check([PLANS], config=Config())
    growth = [f for f in sorted(report.findings, key=reading_key) if f.rule == "internal-growth-path"]
    warnings = [f for f in growth if f.severity == "warning"]
    assert warnings[0].plan == "zhongshan-fyp14" and warnings[0].indicator == "gdp_primary"
    assert warnings[0].rank > 20
    assert [f.rank for f in warnings] == sorted((f.rank for f in warnings), reverse=True)
    shown = text_format.render(report, lang="en")
    lines = [line for line in shown.splitlines() if "internal-growth-path" in line]
    assert "GDP primary" in lines[0] and "zhongshan" in lines[0]  # the indicator by its English name


def test_unranked_findings_keep_their_file_and_line_order_within_a_severity():
    report = check([PLANS], config=Config())
    unranked = [f for f in sorted(report.findings, key=reading_key) if f.rank is None and not f.suppressed]
    for severity in ("warning", "info"):
        same = [f for f in unranked if f.severity == severity]
        assert [(f.file, f.line, f.rule) for f in same] == sorted((f.file, f.line, f.rule) for f in same)


def test_the_plan_page_shows_the_worst_growth_path_before_a_milder_one_above_it_in_the_file():
    # 红花岗: 工业增加值 51.87 -> 123.3 at 12% needs ~18.9%/yr (yaml line 122); 第二产业 86.8 -> 182 at 10.5%
    # needs ~16.0%/yr (line 111): the larger gap is read first though it is later in the file
    from checker.render import html
    pages = html.render_pages(check([PLANS], config=Config()), "zh")
    page = pages["plan-honghuagang-fyp14.html"]
    assert page.index('class="msg">全部工业增加值') < page.index('class="msg">第二产业增加值')
