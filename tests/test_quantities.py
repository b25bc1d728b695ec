"""Number semantics: every stated number becomes an interval; conflicts are disjoint intervals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from checker.model import Quantity
from checker.quantities import (Interval, Tolerance, describe, implied_growth, interval_of, printed_half_step,
                                project)

values = st.decimals(min_value="0.01", max_value="100000", places=2).map(float)
ops = st.sampled_from(["=", "~", ">=", "<=", ">", "<"])


@pytest.mark.parametrize("value, step", [(309.17, 0.005), (500.0, 0.5), (0.04, 0.005), (8.6, 0.05), (1e-05, 5e-06)])
def test_printed_half_step(value, step):
    assert printed_half_step(value) == pytest.approx(step)


def test_intervals_of_each_qualifier():
    assert interval_of(Quantity(2025, 500, "="), "亿元", canonical=False) == Interval(499.5, 500.5)
    about = interval_of(Quantity(2025, 500, "~"), "亿元", canonical=False)
    assert (about.low, about.high) == pytest.approx((485, 515))
    assert interval_of(Quantity(2025, 90, "~"), "%") == Interval(89.5, 90.5)  # points, not percent of 90
    assert interval_of(Quantity(2025, 25, ">="), "%").high == math.inf
    assert interval_of(Quantity(2025, 3, "<"), "%") == Interval(-math.inf, 3, high_open=True)
    assert interval_of(Quantity(2025, low=1, high=2), "个百分点") == Interval(0.5, 2.5)
    assert interval_of(Quantity(2025, ref_upper=True), "%") is None


def test_canonical_units():
    assert interval_of(Quantity(2025, 1.5, "="), "亿元").low == pytest.approx(1.45e8)
    assert interval_of(Quantity(2025, 62, "="), "万人").high == pytest.approx(625000)


def test_open_bounds_touching_do_not_meet():
    assert not Interval(0, 3, high_open=True).intersects(Interval(3, 5))
    assert Interval(0, 3).intersects(Interval(3, 5))


@given(values, ops, values, ops)
def test_intersection_is_symmetric(a, op_a, b, op_b):
    x, y = interval_of(Quantity(2025, a, op_a), "亿元"), interval_of(Quantity(2025, b, op_b), "亿元")
    assert x.intersects(y) == y.intersects(x)


@given(values, ops)
def test_a_statement_never_conflicts_with_itself(a, op):
    x = interval_of(Quantity(2025, a, op), "%")
    assert x.intersects(x) and x.within(x)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=3),
       st.integers(min_value=-5, max_value=5))
def test_rounding_in_the_last_printed_digit_is_not_a_conflict(n, places, k):
    """A number printed with one digit more (309.17 vs 309.2) never conflicts with its rounded form."""
    rounded = n / 10**places
    precise = round(rounded + k / 10 ** (places + 1), places + 1)
    assert interval_of(Quantity(2025, rounded), "亿元").intersects(interval_of(Quantity(2025, precise), "亿元"))


@given(values, st.floats(min_value=-20, max_value=30), st.integers(min_value=1, max_value=15))
def test_projection_contains_the_point_projection(level, rate, years):
    band = project(Interval(level, level), Interval(rate, rate), years)
    point = level * (1 + rate / 100) ** years
    assert band.low <= point * (1 + 1e-9) and point <= band.high * (1 + 1e-9)


@given(values, st.floats(min_value=0.5, max_value=30), st.integers(min_value=1, max_value=15))
def test_implied_growth_inverts_projection(base, rate, years):
    target = base * (1 + rate / 100) ** years
    assert implied_growth(base, target, years) == pytest.approx(rate, rel=1e-6)


def test_describe_in_words():
    assert describe(Quantity(2025, 500, "~"), "亿元", "zh") == "2025年 500亿元左右"
    assert describe(Quantity(2025, 25, ">="), "%", "en") == "2025: at least 25%"
    assert describe(Quantity(2025, 3, "<="), "%", "zh") == "2025年 3%以内"
    assert describe(Quantity(2025, ref_upper=True), None, "zh").endswith("控制在上级下达目标以内")


def test_tolerance_is_an_option():
    wide = interval_of(Quantity(2025, 100, "~"), "亿元", Tolerance(about_relative=0.1), canonical=False)
    assert (wide.low, wide.high) == pytest.approx((90, 110))
