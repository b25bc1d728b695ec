"""Near-misses of the careful reader's rules that must stay silent on the bundled corpus and in fixtures,
and property tests of the arithmetic behind them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import check
from checker.engine import Config
from checker.functions import listed_parts
from checker.quantities import Interval

from conftest import PLANS


def _findings(rule: str):
    return [f for f in check([PLANS], config=Config()).findings if f.rule == rule]


def test_parts_listed_under_qizhong_fit_their_totals_on_the_bundled_corpus():
    # 农业园区10个以上，其中高标准4个以上 (000:3057); 新建加油站5个以上，其中油气混合站2个、氢能站1个 (000:5203-5205)
    assert _findings("internal-listed-parts") == []


class _Q:
    def __init__(self, value):
        self.value, self.op = value, "="


class _T:
    def __init__(self, value, complete=False):
        self.target, self.unit, self.parts_complete = _Q(value), "亿元", complete


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99999), min_size=1, max_size=6))
def test_parts_that_add_up_at_the_printed_precision_always_fit(cents):
    parts = [_T(c / 100) for c in cents]
    whole = _T(round(sum(cents) / 100, 2), complete=True)
    assert listed_parts._fits(whole, parts, Interval(0, 0), Interval(0, 0))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=999), min_size=2, max_size=6), st.integers(min_value=1, max_value=50))
def test_whole_numbers_that_miss_the_total_never_fit(counts, off):
    parts = [_T(float(c)) for c in counts]
    whole = _T(float(sum(counts) + off), complete=True)
    assert not listed_parts._fits(whole, parts, Interval(0, 0), Interval(0, 0))


def _problems(corpus):
    from checker.corpus import validate_paths
    return [f"{p.file.rsplit('/', 1)[-1]}:{p.line}: {p.message}" for p in validate_paths([corpus]).problems]


def test_part_of_naming_no_target_is_refused_at_its_line(mini_corpus):
    path = mini_corpus / "plans" / "county.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    indicator: urbanization_rate\n", "    indicator: urbanization_rate\n"
                                 "    part_of: no-such-target\n", 1), encoding="utf-8")
    messages = _problems(mini_corpus)
    assert any("part_of names 'no-such-target', which is no other target of this plan" in m for m in messages), messages


def test_within_an_area_that_does_not_hold_its_members_is_refused(mini_corpus):
    regions = mini_corpus / "regions.yaml"
    text = regions.read_text(encoding="utf-8")
    regions.write_text(text.replace("within: liupanshui-central-city", "within: qianzhong"), encoding="utf-8")
    messages = _problems(mini_corpus)
    assert any(m.startswith("regions.yaml:") and "is said to lie within 黔中城市群 (qianzhong)" in m
               for m in messages), messages


def test_containment_with_the_worst_case_band_stays_silent_on_the_bundled_corpus(tmp_path):
    """钟山's 20万人以上 against 86万左右 -> 100万左右: a finding only when the two 左右 ends are read as
    independent errors; with the full width of both bands the increase could reach 19.6万."""
    from checker.functions import area_containment
    from checker.functions.base import Context
    from checker.graph import PlanGraph
    from checker.corpus import load_corpus
    graph = PlanGraph(load_corpus([PLANS]))
    ctx = Context(graph)
    assert list(area_containment.check(graph.corpus, ctx, {"combine": "worst"})) == []
    assert len(list(area_containment.check(graph.corpus, ctx, {}))) == 1
