"""The bundled corpus follows the encoding conventions: each number's op is what its quote says."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from checker.functions.quote_op import expected_op

from test_corpus_findings import findings


@pytest.mark.parametrize("quote, number, unit, expected", [
    ("森林覆盖率达到62%以上", "62", "%", (">=", "以上")),
    ("城镇化率（含北部五乡镇）达到75%以上", "75", "%", (">=", "以上")),
    ("新建供水管网150Km以上", "150", "km", (">=", "以上")),
    ("中心城区人口达65万左右", "65", "万人", ("~", "左右")),
    ("空气质量优良率达 99.2%", "99.2", "%", (">=", "达")),
    ("单位生产总值能耗控制在 13.5%", "13.5", "%", ("<=", "控制在")),
    ("建成 2 个万人以上重点小城镇", "2", "个", None),              # 以上 belongs to 万人, not to 2
    ("1 地区生产总值（亿元） 309.17 500 8.6左右", "500", "亿元", None),  # 左右 belongs to the growth rate
    ("饮用水源地水质达标率为 100%", "100", "%", None),             # 达标 is not 达到
    ("第一产业增加值为 52.6 亿元", "52.6", "亿元", None),
    ("人均受教育年限达13.6 年", "3.6", "年", None),                 # part of a longer number
])
def test_the_qualifier_beside_a_number(quote, number, unit, expected):
    assert expected_op(quote, number, unit) == expected


def test_bundled_ops_match_their_quotes():
    """达/达到 is `>=` (docs/plan-format.md), 以上 `>=`, 左右 `~`: no target of the bundled corpus says otherwise."""
    assert not findings("internal-quote-op")


@given(st.text(alphabet="0123456789.%以上左右约达 ", max_size=30), st.text(alphabet="0123456789.", max_size=4))
def test_the_places_of_a_number_are_where_a_regular_expression_finds_it(quote, number):
    import re
    from checker.functions.quote_op import places
    assert list(places(quote, number)) == [m.start() for m in re.finditer(re.escape(number), quote)]
