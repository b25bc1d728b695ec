"""A new rule is one module, one rule-set entry and its examples: its finding's card in the HTML report
(the compared values, arithmetic, chart, advice and explanation) comes from the module's typed Shows,
with no renderer change. The rule here (tests/rule_under5.py) is known to no renderer."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

import rule_under5
from checker import functions
from checker.api import check
from checker.config import Config
from checker.render import html
from checker.render.html_names import finding_anchor, page_name

RULES = """schema: plancheck/rules/v1
rules:
  - id: internal-under5-mortality
    description: 5岁以下儿童死亡率不应低于婴儿死亡率 / under-5 mortality cannot be below infant mortality
    given: plan
    function: under5_mortality
    severity: error
    category: inconsistency
"""
TARGETS = """  - id: infant
    indicator: infant_mortality_rate
    unit: ‰
    target: {year: 2025, value: 6}
    source: {line: 14, quote: "婴儿死亡率 6‰"}
  - id: under5
    indicator: under5_mortality_rate
    unit: ‰
    target: {year: 2025, value: %s}
    source: {line: 15, quote: "5岁以下儿童死亡率"}
"""


@pytest.fixture
def with_rule(monkeypatch, tmp_path):
    monkeypatch.setitem(functions.REGISTRY, rule_under5.ID, rule_under5)
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "under5.yaml").write_text(RULES, encoding="utf-8")
    return folder


def corpus_with(mini_corpus: Path, under5: float) -> Path:
    plan = mini_corpus / "plans" / "county.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("roles:\n", "" + TARGETS % under5 + "roles:\n", 1), encoding="utf-8")
    return mini_corpus


def test_a_new_rule_shows_its_card_with_no_renderer_change(with_rule, mini_corpus):
    report = check([corpus_with(mini_corpus, 4)], rules_dirs=[with_rule], config=Config())
    [finding] = [f for f in report.findings if f.rule == "internal-under5-mortality"]
    assert finding.ref.kind == "target" and finding.ref.id == "under5" and finding.related[0].ref.id == "infant"
    for lang, words in (("zh", ("5岁以下儿童死亡率 [3.5, 4.5] ‰ < 婴儿死亡率 [5.5, 6.5] ‰", "差距（千分点）: 1",
                                "把5岁以下儿童死亡率提高到至少2025年 6‰，或核对婴儿死亡率。", "图示",
                                "5岁以下儿童死亡率不应低于婴儿死亡率", '<div class="value">2025年 6‰</div>')),
                        ("en", ("under-5 mortality [3.5, 4.5] ‰ < infant mortality [5.5, 6.5] ‰",
                                "gap (per mille points): 1", "Raise the under-5 mortality rate to at least 2025: 6‰",
                                "Picture", "<title>This plan under-5 mortality</title>",
                                "every infant death is also a death under five",
                                '<div class="value">2025: 6‰</div>'))):
        page = html.render_pages(report, lang)[page_name(finding.plan)]
        card = page[page.index(f'id="{finding_anchor(finding)}"'):]
        card = card[:card.index("</article>")] if "</article>" in card else card
        for expected in words:  # arithmetic, labelled evidence, advice, chart, explanation, the other side's value
            assert expected in card or str(escape(expected)) in card, (lang, expected)
        assert card.count("<svg") == 1


def test_the_new_rule_is_silent_when_the_rates_agree(with_rule, mini_corpus):
    report = check([corpus_with(mini_corpus, 8)], rules_dirs=[with_rule], config=Config())
    assert not [f for f in report.findings if f.rule == "internal-under5-mortality"]


def test_no_renderer_knows_the_new_rule():
    renderers = Path(html.__file__).parent
    for source in renderers.glob("*.py"):
        assert rule_under5.ID not in source.read_text(encoding="utf-8")
