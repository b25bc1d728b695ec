"""The graph picture: target boxes show value and year, group titles are whole, state colours stay apart
for colour-blind readers."""

from __future__ import annotations

import itertools
import math
import re

from hypothesis import given, strategies as st

from checker import api
from checker.render import html
from checker.render.html_names import page_name
from checker.render.svg import STATE_COLOURS, text_width, wrap
from conftest import PLANS
from report_data import boxes, page_data, store

# Machado et al. (2009) simulation matrices at full severity, applied to linear RGB
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _lab(colour: str, matrix=None) -> tuple[float, float, float]:
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    rgb = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    if matrix:
        rgb = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix]
    r, g, b = rgb
    x, y, z = 0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        0.0193 * r + 0.1192 * g + 0.9505 * b
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116  # noqa: E731
    fx, fy, fz = f(x / 0.9505), f(y), f(z / 1.089)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_state_colours_stay_apart_for_colour_blind_readers():
    states = ("conflict", "gap", "inconsistency", "consistent", "missing")
    for name, matrix in [("normal", None), *CVD.items()]:
        for a, b in itertools.combinations(states, 2):
            distance = math.dist(_lab(STATE_COLOURS[a][1], matrix), _lab(STATE_COLOURS[b][1], matrix))
            assert distance > 20, f"{a} and {b} look alike with {name} vision (ΔE {distance:.1f})"


@given(st.text(alphabet=st.sampled_from("六盘水市“十四五”新型城镇化发展规划 abcXYZ0123"), max_size=60))
def test_wrapped_heading_lines_fit_and_lose_nothing_when_three_lines_suffice(text):
    lines = wrap(text, 11.0, 250.0)
    assert len(lines) <= 3
    assert all(text_width(line, 11.0) <= 250.0 or len(line) == 1 for line in lines)
    if text_width(text, 11.0) <= 3 * 250.0 - 11.0 * 3:
        assert "".join(lines) == text


def test_target_boxes_show_value_and_year_and_group_titles_are_whole():
    report = api.check([PLANS])
    pages = html.render_pages(report, "zh")
    values = [b["value"] for b in boxes(pages[page_name("zhongshan-fyp14")], store(pages)) if b["value"]]
    # a year where the plan gives one (never made up: a target without a year shows its value alone)
    assert len(values) > 20 and all(values) and sum(bool(re.match(r"20\d\d年", v)) for v in values) > 0.8 * len(values)
    yearless = {t.target.value for p in report.corpus.plans.values() for t in p.targets
                if t.target is not None and t.target.year is None and t.target.value is not None}
    for value in values:
        if not re.match(r"20\d\d年", value):
            assert float(re.match(r"[\d.]+", value).group()) in yearless, value
    assert "2025年 75%" in values and "2025年 90%左右" in values  # the urbanization conflict, both ends
    # on the municipal plan's page, the county plan's 36-character title heads its group on two lines
    graph = page_data(pages[page_name("liupanshui-urbanization-fyp14")])["graph"]
    lines = [row[1] for column in graph["columns"] for row in column[4] if len(row) == 3]
    title = report.corpus.plans["zhongshan-fyp14"].title
    assert title in "".join(lines) and title not in lines and not any(line.endswith("…") for line in lines)
