"""The printed memo's pieces that are not layout: the date of the run and the running header's CSS string."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from checker import api
from checker.render import html
from checker.render.html_names import page_name
from checker.render.html_print import css_string, page_css, run_date
from conftest import FIXTURES

CSS_STRING = re.compile(r'"(?:[A-Za-z0-9 ]|\\[0-9a-f]{6})*"')


@given(st.text())
def test_any_title_stays_one_css_string(text):
    quoted = css_string(text)
    assert CSS_STRING.fullmatch(quoted)
    assert "</" not in page_css(text) and "\n" not in page_css(text)[:-1]


def test_css_string_round_trips_what_it_prints():
    quoted = css_string('钟山区"}</style><script>')
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), quoted[1:-1])
    assert decoded == '钟山区"}</style><script>'


def test_run_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_date() == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", run_date())


def test_hostile_title_in_the_running_header_is_escaped(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = html.render_pages(api.check([FIXTURES / "hostile"]), "zh")
    page = pages[page_name("hostile-county")]
    style = page[page.index("<style>") + len("<style>"):page.index("</style>")]
    header = re.search(r"@top-left \{ content: (\"[^\"]*\");", style).group(1)
    assert CSS_STRING.fullmatch(header) and "<" not in style and "\\00003cscript\\00003e" in header
    assert page.count("<style>") == 1 and "2023-11-14" in page
    assert pages == html.render_pages(api.check([FIXTURES / "hostile"]), "zh")  # same bytes again
