"""Unit parsing and conversion: the arithmetic every comparison relies on."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from checker.units import CANONICAL, UNITS, UnitError, convert, dimension, parse_unit, to_canonical

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
same_dimension_pairs = st.sampled_from(sorted(UNITS)).flatmap(
    lambda a: st.tuples(st.just(a), st.sampled_from(sorted(u for u in UNITS if UNITS[u].dimension == UNITS[a].dimension))))


@pytest.mark.parametrize("value, src, dst, expected", [
    (309.17, "亿元", "万元", 3_091_700), (1, "万人", "人", 10_000), (12.5, "公里", "米", 12_500),
    (1, "平方公里", "平方米", 1_000_000), (1500, "亩", "公顷", 100), (1, "万吨", "吨", 10_000),
    (2, "小时", "分钟", 120), (5.1, "万元/人", "元/人", 51_000),
])
def test_known_conversions(value, src, dst, expected):
    assert convert(value, src, dst) == pytest.approx(expected)


def test_percent_and_percentage_points_never_mix():
    assert dimension("%") != dimension("个百分点")
    with pytest.raises(UnitError):
        convert(1, "%", "个百分点")


def test_unknown_unit():
    with pytest.raises(UnitError, match="unknown unit"):
        parse_unit("亿英镑")


def test_every_dimension_has_its_canonical_unit():
    for dim, name in CANONICAL.items():
        assert UNITS[name].dimension == dim and UNITS[name].factor == 1


@given(finite, same_dimension_pairs)
def test_round_trip(value, pair):
    src, dst = pair
    back = convert(convert(value, src, dst), dst, src)
    assert math.isclose(back, value, rel_tol=1e-9, abs_tol=1e-9)


@given(finite, same_dimension_pairs)
def test_conversion_agrees_with_canonical(value, pair):
    src, dst = pair
    assert math.isclose(to_canonical(convert(value, src, dst), dst), to_canonical(value, src),
                        rel_tol=1e-9, abs_tol=1e-6)


@given(st.sampled_from(sorted(UNITS)), st.sampled_from(sorted(UNITS)))
def test_cross_dimension_refused(a, b):
    if UNITS[a].dimension != UNITS[b].dimension:
        with pytest.raises(UnitError):
            convert(1.0, a, b)
