"""English pages speak English where plancheck does the speaking: units in finding messages, card arithmetic,
advice and chart text, and plan titles (`title_en`, else one made from the region catalogue). What a plan
wrote (quotes, its labels, encoder notes) and region names (the catalogue has no English ones) stay as
written; Chinese pages keep Chinese units and titles.
"""

from __future__ import annotations

import re

import pytest

from checker import api
from checker.api import check
from checker.config import Config
from checker.render import html
from checker.render.html_names import page_name
from checker.unit_names import WORDS

from conftest import PLANS, build_corpus

HAN = re.compile(r"[\u4e00-\u9fff]")
# a Chinese unit right after a number or an interval: what an English reader must never see
CHINESE_UNITS = sorted((u for u in WORDS if HAN.search(u)), key=len, reverse=True)
UNIT_AFTER_NUMBER = re.compile(r"(?:\d|\]|∞)\s?(?:" + "|".join(map(re.escape, CHINESE_UNITS)) + r")")


@pytest.fixture(scope="module")
def bundled():
    return api.check([PLANS])


@pytest.fixture(scope="module")
def english_pages(bundled):
    return html.render_pages(bundled, "en")


def _reader_words(finding, lang):
    words = [finding.text(lang)]
    if finding.shows is not None:
        words += [step(lang) for step in finding.shows.arithmetic or ()]
        words += [finding.shows.advice(lang)] if finding.shows.advice is not None else []
    return words


def test_english_messages_name_units_in_english(bundled):
    numeric = [f for f in bundled.findings if f.family in ("internal", "vertical", "horizontal")]
    assert len(numeric) > 20
    for finding in numeric:
        for words in _reader_words(finding, "en"):
            assert not UNIT_AFTER_NUMBER.search(words), (finding.rule, words)
            assert "专栏" not in words, (finding.rule, words)  # tables by their English names: Box 2
    chinese = " ".join(w for f in numeric for w in _reader_words(f, "zh"))
    assert "亿元" in chinese and "万人" in chinese and "× 10⁸ yuan" not in chinese


def test_english_messages_name_indicators_in_english(bundled):
    """The catalogue's English names, never the plan's Chinese label, nor a bare snake_case id."""
    [drift] = [f for f in bundled.findings if f.rule == "internal-restatement-drift" and f.plan == "zhongshan-fyp14"]
    assert drift.message["en"].startswith("Social insurance coverage 2025 reads") and "in Box 2 (line 1371)" in \
        drift.message["en"]
    deferred = [f for f in bundled.findings if f.rule == "coverage-deferred-number"]
    assert deferred and all("energy_intensity_reduction" not in f.message["en"] for f in deferred)
    assert any("Energy intensity reduction" in f.message["en"] for f in deferred)


def test_english_chart_text_has_no_chinese_of_its_own(english_pages):
    """Axis units, ticks and bar notes of every chart: English (the bars' own words are the plan's numbers)."""
    charts = [c for page in english_pages.values() for c in re.findall(r'<svg[^>]*class="chart".*?</svg>', page, re.S)]
    assert len(charts) >= 9
    texts = [re.sub(r"<[^>]+>", "", t) for chart in charts for t in re.findall(r"<text[^>]*>.*?</text>", chart, re.S)]
    assert "× 10⁸ yuan" in texts and "%" in texts
    assert [t for t in texts if HAN.search(t)] == []


def test_derived_numbers_read_at_the_plans_precision(bundled, english_pages):
    """The 钟山区 growth card: no five-digit ranges, and the message and the card give one needed rate."""
    [growth] = [f for f in bundled.findings if f.rule == "internal-growth-path" and f.plan == "zhongshan-fyp14"
                and f.indicator == "gdp_primary"]
    assert "[10.1, 10.7] × 10⁸ yuan" in growth.message["en"] and "[10.1, 10.7] 亿元" in growth.message["zh"]
    page = english_pages[page_name("zhongshan-fyp14")]
    card = page[page.index(f'id="f-{growth.fingerprint}"'):]
    card = card[:card.index("</article>")]
    assert "10.1036" not in card and "needs 32% a year" in card and "needs about 32% a year" in card
    assert growth.evidence["projected"]["low"] == pytest.approx(10.1036, abs=1e-4)  # JSON keeps the machine value


TITLED = [
    {"id": "county", "region": "520201", "title": "钟山区规划", "title_en": "Zhongshan District Plan",
     "targets": [{"id": "gdp", "indicator": "gdp", "unit": "亿元", "base": {"year": 2020, "value": 100},
                  "target": {"year": 2025, "value": 200}, "growth": {"value": 5}}]},
    {"id": "city", "region": "520200", "level": "municipal", "kind": "special", "title": "六盘水市专项规划"},
]


def test_title_en_is_used_on_english_pages_and_a_made_title_otherwise(tmp_path):
    report = check([build_corpus(tmp_path / "corpus", TITLED)], config=Config())
    en, zh = html.render_pages(report, "en"), html.render_pages(report, "zh")
    assert "<h1>Zhongshan District Plan</h1>" in en[page_name("county")]
    assert '<p class="original" lang="zh">钟山区规划</p>' in en[page_name("county")]
    assert "<h1>钟山区规划</h1>" in zh[page_name("county")] and 'class="original"' not in zh[page_name("county")]
    # no title_en: the region catalogue's name, the kind and period; a special plan adds its id
    assert "<h1>六盘水市 special plan 2020–2025 (city)</h1>" in en[page_name("city")]
    assert "Zhongshan District Plan" in en["index.html"] and "Zhongshan District Plan" not in zh["index.html"]


def test_title_en_is_checked_by_the_schema(tmp_path):
    """An empty `title_en` is refused with the file and line, like any schema violation."""
    corpus = build_corpus(tmp_path / "corpus", [{**TITLED[0], "title_en": ""}])
    problems = api.validate([corpus], config=Config()).problems
    assert any("title_en" in p.message and p.file.endswith("county.yaml") and p.line for p in problems), problems
    assert api.validate([build_corpus(tmp_path / "ok", TITLED)], config=Config()).problems == []
