"""English unit words: every unit the catalogue and the bundled plans use has them; numbers never change."""

from __future__ import annotations

import re

import yaml

from checker.model import Quantity
from checker.quantities import describe
from checker.unit_names import english_unit
from conftest import PLANS, ROOT

HAN = re.compile(r"[\u4e00-\u9fff]")


def _units() -> set[str]:
    found = set()
    for path in [ROOT / "rules" / "indicators.yaml", *PLANS.rglob("*.yaml")]:
        found |= set(re.findall(r"\bunit: \"?([^\"\n,}]+)", path.read_text(encoding="utf-8")))
    return {u.strip().strip("'") for u in found}


def test_every_unit_in_use_has_english_words():
    units = _units()
    assert len(units) > 30
    untranslated = sorted(u for u in units if HAN.search(english_unit(u) or ""))
    assert untranslated == []


def test_the_number_is_never_rescaled():
    q = Quantity(year=2025, value=309.17, op="~")
    assert describe(q, "亿元", "en") == "2025: about 309.17 × 10⁸ yuan"
    assert describe(q, "亿元", "zh") == "2025年 309.17亿元左右"
    assert describe(Quantity(year=None, value=75, op=">="), "%", "en") == "at least 75%"
    assert english_unit("元/人") == "yuan per person" and english_unit("未知单位") == "未知单位"
