"""Derived numbers are shown as precisely as the plan's own numbers justify, and in the plan's unit.

Property tests for checker/numbers.py (no more decimals than the inputs have, except to keep different
numbers apart or to show an end that falls on a tie; rounding stays within half a printed step), and
fixtures: a region total in 亿元 whose parts add up past it reads in 亿元, never in yuan labelled 亿元.
"""

from __future__ import annotations

import math
import re

from hypothesis import assume, given, strategies as st

from checker.api import check
from checker.config import Config
from checker.model import Quantity
from checker.numbers import MAX_PLACES, decimals, derived_places, least_decimals, number_text, range_text
from checker.render import html
from checker.render.html_names import page_name

from conftest import build_corpus

# numbers as plans write them: up to four decimals, no more than twelve digits
written = st.builds(lambda digits, places: digits / 10 ** places, st.integers(-10 ** 8, 10 ** 8),
                    st.integers(0, 4))
finite = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)


@given(written, st.integers(0, 4))
def test_decimals_are_those_written(value, places):
    assert decimals(float(f"{value:.{places}f}")) <= places
    assert decimals(value) <= 4


@given(finite, st.integers(0, MAX_PLACES))
def test_rounding_stays_within_half_a_printed_step(value, places):
    text = number_text(value, places)
    assert abs(float(text) - value) <= 0.5 * 10 ** -places + 1e-9 * max(1.0, abs(value))
    assert decimals(float(text)) <= places
    assert not re.match(r"^-0(\.0*)?$", text)
    assert ("." in text) == (places > 0)


def _tie(value: float, places: int) -> bool:
    scaled = abs(value) * 10 ** places
    return abs(scaled - math.floor(scaled) - 0.5) < 1e-9 + scaled * 1e-12  # float error of a computed end


@given(st.lists(finite, min_size=1, max_size=4), st.lists(written, min_size=1, max_size=3),
       st.lists(finite, max_size=2))
def test_never_more_decimals_than_the_inputs_justify(values, inputs, against):
    """As many decimals as the least precise input; each one more only where one fewer would print two
    different numbers alike or leave a value on a tie."""
    places = derived_places(values, inputs, against)
    least = least_decimals(inputs)
    assert least <= places <= MAX_PLACES
    if places > least:
        fewer = places - 1
        group = values + against
        clash = any(a != b and number_text(a, fewer) == number_text(b, fewer) for a in group for b in group)
        assert clash or any(_tie(v, fewer) for v in values)


@given(st.lists(st.integers(-10 ** 9, 10 ** 9), min_size=2, max_size=5, unique=True), st.integers(0, 3),
       st.lists(written, max_size=2))
def test_different_compared_values_never_print_alike(steps, scale, inputs):
    """Values that differ (here by at least 10⁻⁶) print differently: a finding saying they differ shows it."""
    values = [s / 10 ** MAX_PLACES * 10 ** scale for s in steps]
    assume(len(set(values)) == len(values))
    places = derived_places(values[:1], inputs, values[1:])
    printed = [number_text(v, places) for v in values]
    assert len(set(printed)) == len(printed)


def test_a_range_is_no_more_precise_than_its_inputs():
    """7.6亿元 carried at 6.5% a year: [10.1036, 10.7295] reads [10.1, 10.7]; a band of '75' keeps its half."""
    low, high = 10.1036, 10.7295
    places = derived_places((low, high), (Quantity(year=2020, value=7.6), Quantity(year=None, value=6.5)))
    assert range_text(low, high, places, "亿元", "zh") == "[10.1, 10.7] 亿元"
    assert range_text(low, high, places, "亿元", "en") == "[10.1, 10.7] × 10⁸ yuan"
    assert range_text(74.5, 75.5, derived_places((74.5, 75.5), (75.0,)), "%", "en") == "[74.5, 75.5]%"
    # an interval end beside the value it misses: 8.15 against [8.44, 8.97] from 16800 ÷ 1930
    assert derived_places((8.44109, 8.96839), (16800.0, 1930.0), (8.15,)) == 1
    assert range_text(-math.inf, 3.0, 0, "万人", "zh") == "[−∞, 3] 万人"


def test_decimals_count_in_the_unit_shown():
    """5000万元 is written to the 万元, which is 0.0001亿元; 10000米 to the metre, 0.001公里; units of another
    dimension (a rate of a level) shift nothing."""
    assert least_decimals([(5000.0, "万元")], "亿元") == 4 and least_decimals([{"value": 10000, "unit": "米"}], "公里") == 3
    assert least_decimals([(5000.0, "万元"), (1.5, "亿元")], "亿元") == 1
    assert least_decimals([(6.5, "%"), (500.0, "亿元")], "%") == 0 and least_decimals([(309.17, "亿元")], "万元") == 0


CITY_IN_YI = [{
    "id": "city", "region": "520200", "level": "municipal",
    "targets": [
        {"id": "gdp", "indicator": "gdp", "unit": "亿元", "target": {"year": 2025, "value": 1500}},
        {"id": "zhongshan-gdp", "indicator": "gdp", "scope": "520201", "unit": "亿元",
         "target": {"year": 2025, "value": 900.5}},
        {"id": "shuicheng-gdp", "indicator": "gdp", "scope": "520204", "unit": "亿元",
         "target": {"year": 2025, "value": 700}},
    ]}]


def test_children_sum_reads_in_the_plans_unit(tmp_path):
    """The parts' sum and the total are shown in 亿元 as the plan writes them, never yuan labelled 亿元;
    the JSON evidence keeps the canonical yuan with its unit named."""
    report = check([build_corpus(tmp_path / "corpus", CITY_IN_YI)], config=Config())
    [finding] = [f for f in report.findings if f.rule == "vertical-children-exceed-total"]
    assert finding.evidence["canonical_unit"] == "元" and finding.evidence["least_sum"] > 1e10
    for lang in ("zh", "en"):
        words = finding.message[lang] + " ".join(step(lang) for step in finding.shows.arithmetic)
        assert not re.search(r"\d{9,}", words), words
    # the least each part can be (900.5 and 700 less half their last digit), added: 1599.95 > 1500.5
    assert "至少1599.95亿元（钟山区 900.45亿元、水城区 699.50亿元）" in finding.message["zh"]
    assert "[1499.5, 1500.5] 亿元" in finding.message["zh"] and "1599.95 × 10⁸ yuan" in finding.message["en"]
    for lang in ("zh", "en"):
        page = html.render_pages(report, lang)[page_name("city")]
        card = page[page.index(f'id="f-{finding.fingerprint}"'):]
        card = card[:card.index("</article>")]
        assert not re.search(r"\d{9,}", card)


PIPES = [
    {"id": "county", "region": "520201", "targets": [
        {"id": "new", "indicator": "new_water_supply_pipes", "unit": "km", "target": {"year": 2025, "value": 10}},
        {"id": "renovated", "indicator": "renovated_water_supply_pipes", "unit": "km",
         "target": {"year": 2025, "value": 5}}]},
    {"id": "city", "region": "520200", "level": "municipal", "targets": [
        {"id": "zhongshan-pipes", "indicator": "water_supply_pipe_renovation", "scope": "520201", "unit": "公里",
         "target": {"year": 2025, "value": 20}}]},
]


def test_a_gap_card_adds_up_the_plans_own_numbers_in_the_upper_plans_unit(tmp_path):
    """10 + 5 km against the 20 公里 asked: the card says the sum, in the unit asked, in each language."""
    report = check([build_corpus(tmp_path / "corpus", PIPES)], config=Config())
    [gap] = [f for f in report.findings if f.rule == "vertical-assigned-gap" and "answer" in f.evidence]
    (added, asked) = gap.shows.arithmetic
    assert added("zh").endswith("= [14, 16] 公里") and added("en").endswith("= [14, 16] km")
    assert asked("en").endswith("2025: 20 km") and "2025年 20公里" in asked("zh")


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, MAX_PLACES))
def test_any_float_prints_at_any_precision_without_raising(value, places):
    # a fuzzed growth of 797820% a year carries a base to about 10³⁰: beyond Decimal's default 28 digits
    text = number_text(value, places)
    assert abs(float(text) - value) <= 0.5 * 10 ** -places + abs(value) * 1e-15
