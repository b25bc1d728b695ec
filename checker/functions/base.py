"""What every rule function shares: the Hit it yields, the context it reads, and number comparison.

A rule function module has a docstring (its documentation, with PASS and FAIL examples that the test
suite runs), `ID`, `GIVEN` (the subject kinds it accepts), `OPTIONS_SCHEMA` (a JSON Schema of its options,
with their types and defaults, against which rule sets and the project configuration are checked),
`OPTIONS` (the defaults, derived from the schema), `ADVICE` (what a drafter could change, in zh and en),
`LABELS` when its evidence has keys of its own, and `check(subject, ctx, options)`, a generator of Hits.
A Hit carries the messages, the JSON evidence and `shows`: what the finding shows a reader
(checker/evidence.py: compared values, arithmetic, chart spec, filled advice), so renderers never need
to know the rule. It never reads files or prints, and it keeps nothing from one subject to the next: on
large corpora the engine checks every second subject in another process.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Optional, Sequence, Union

from ..evidence import (Bar, ChartSpec, IntervalChart, Label, Names, PathChart, Shows, Text, bounds, in_display_unit,
                        interval_text, intervals_text, plan_title, stated)
from ..evidence import target_name as named
from ..graph import PlanGraph
from ..model import Plan, Project, Quantity, Role, Target
from ..quantities import Interval, Tolerance, describe, format_number, interval_of, project, quantity_evidence
from ..units import UnitError, dimension_or_none, parse_unit

Located = Union[Target, Role, Project, Plan]

# The options every function comparing qualified numbers takes (see quantities.Tolerance).
TOLERANCE_OPTIONS: dict[str, Any] = {
    "about_relative": {"type": "number", "minimum": 0, "default": Tolerance.about_relative,
                       "description": "half-width of 左右/约 on a level, relative (0.03: ±3 %)"},
    "about_points": {"type": "number", "minimum": 0, "default": Tolerance.about_points,
                     "description": "half-width of 左右/约 on a percentage or growth rate, in points"},
}
PROJECT_YEARS_OPTION: dict[str, Any] = {
    "type": "boolean", "default": True,
    "description": "carry a number to another year along a stated growth rate before comparing"}


def aggregations_option(default: list[str]) -> dict[str, Any]:
    """The `aggregations` option: which indicator aggregations (indicators.yaml) a function compares."""
    return {"type": "array", "items": {"enum": ["additive", "ratio", "each"]}, "uniqueItems": True,
            "default": default, "description": "the indicator aggregations compared (additive, ratio, each)"}


def options_schema(**properties: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a function's options: an object of exactly these properties, each with a default."""
    return {"type": "object", "properties": properties, "additionalProperties": False}


def defaults(schema: dict[str, Any]) -> dict[str, Any]:
    """The default of every option of an OPTIONS_SCHEMA (copied, so no rule shares a mutable default)."""
    return {key: copy.deepcopy(prop["default"]) for key, prop in schema["properties"].items()}


@dataclass
class Hit:
    """One thing a rule found, before the engine gives it a rule id, severity and fingerprint."""

    at: Located  # where a reader should look first; its plan is the finding's plan
    zh: str
    en: str
    evidence: dict[str, Any] = field(default_factory=dict)
    related: Sequence[Located] = ()
    indicator: Optional[str] = None
    region: Optional[str] = None
    key: str = ""  # extra identity for the fingerprint when one subject yields several hits
    shows: Optional[Shows] = None  # what the finding shows a reader (see checker/evidence.py)
    # at most this serious (info, warning): the rule's severity is the ceiling a hit can lower but not raise,
    # for findings a reviewer should see but need not act on (a gap an ordinary price change explains)
    severity: Optional[str] = None
    # how far off, comparable among one rule's hits (larger is worse): reading order puts the worst first
    rank: Optional[float] = None


@dataclass
class Context:
    graph: PlanGraph

    @property
    def corpus(self):
        return self.graph.corpus

    @property
    def regions(self):
        return self.graph.regions

    @property
    def indicators(self):
        return self.graph.indicators

    def plan(self, plan_id: str) -> Plan:
        return self.graph.corpus.plans[plan_id]

    def plan_name(self, plan_id: str, lang: str = "zh") -> str:
        return plan_title(self.graph.corpus.plans[plan_id], self.graph.regions, lang)

    def region_name(self, code: str) -> str:
        return self.graph.regions.name(code)

    @cached_property
    def names(self) -> Names:
        """How regions, plans and targets read in a finding's advice and arithmetic."""
        return Names(self.graph.regions, self.graph.corpus.plans, self.graph.indicators)


def tolerance(options: dict[str, Any]) -> Tolerance:
    return Tolerance(about_relative=float(options.get("about_relative", Tolerance.about_relative)),
                     about_points=float(options.get("about_points", Tolerance.about_points)))


def statements(target: Target) -> list[Quantity]:
    """The dated numbers a target states (its target-year value and its vision value)."""
    return [q for q in (target.target, target.vision) if q is not None and q.has_number and q.year is not None]


def same_dimension(a: Target, b: Target) -> bool:
    try:
        return a.unit is not None and b.unit is not None and parse_unit(a.unit).dimension == parse_unit(b.unit).dimension
    except UnitError:
        return False


@dataclass
class Comparison:
    """Two targets' numbers brought to one year and one unit."""

    year: int
    this: Quantity
    other: Quantity
    this_interval: Interval
    other_interval: Interval
    projected: Optional[dict[str, Any]] = None  # how a value was carried to another year, if it was

    def words(self, this: Target, other: Target, lang: str) -> tuple[str, str]:
        """The two compared intervals in this target's unit and the page's language, with one precision."""
        mine, theirs = intervals_text((self.this_interval, self.other_interval), this.unit, lang,
                                      ((self.this, this.unit), (self.other, other.unit)),
                                      canonical=canonical_unit(this.unit))
        return mine, theirs

    def evidence(self, this: Target, other: Target) -> dict[str, Any]:
        out: dict[str, Any] = {"this": quantity_evidence(self.this, this.unit),
                               "other": quantity_evidence(self.other, other.unit),
                               "this_interval": self.this_interval.as_dict(),
                               "other_interval": self.other_interval.as_dict(),
                               "canonical_unit": canonical_unit(this.unit)}
        if self.projected:
            out["projected"] = self.projected
        return out


def canonical_unit(unit: Optional[str]) -> Optional[str]:
    from ..units import CANONICAL
    try:
        return CANONICAL[parse_unit(unit).dimension] if unit else None
    except UnitError:
        return None


def compare(this: Target, other: Target, options: dict[str, Any]) -> Optional[Comparison]:
    """Bring two targets to a common year (projecting along a stated growth rate) and unit.

    Returns None where they cannot be compared honestly: different dimensions (% against 个百分点), a
    period total against a level, no number, or different years and no growth rate to bridge them.
    """
    if this.cumulative != other.cumulative or not same_dimension(this, other):
        return None
    tol = tolerance(options)
    these, others = statements(this), statements(other)
    for mine in these:
        for theirs in others:
            if mine.year == theirs.year:
                return Comparison(mine.year, mine, theirs, interval_of(mine, this.unit, tol),
                                  interval_of(theirs, other.unit, tol))
    if not options.get("project_years", True):
        return None
    for mine in these:
        for theirs in others:
            other_growth = interval_of(other.growth, "%", tol)
            if other_growth is not None:  # carry the other number to this target's year
                moved = project(interval_of(theirs, other.unit, tol), other_growth, mine.year - theirs.year)
                return Comparison(mine.year, mine, theirs, interval_of(mine, this.unit, tol), moved,
                                  _projection("other", theirs.year, mine.year, other))
            this_growth = interval_of(this.growth, "%", tol)
            if this_growth is not None:  # or carry this number to the other's year
                moved = project(interval_of(mine, this.unit, tol), this_growth, theirs.year - mine.year)
                return Comparison(theirs.year, mine, theirs, moved, interval_of(theirs, other.unit, tol),
                                  _projection("this", mine.year, theirs.year, this))
    return None


def _projection(which: str, start: int, end: int, carrier: Target) -> dict[str, Any]:
    return {"which": which, "from": start, "to": end, "growth": quantity_evidence(carrier.growth, "%")}


def words(target: Target, quantity: Optional[Quantity], lang: str) -> str:
    """'2025年 500亿元左右' / '2025: about 500亿元'."""
    return describe(quantity, target.unit, lang)


def projected_words(comparison: Comparison, lang: str) -> str:
    if not comparison.projected:
        return ""
    p = comparison.projected
    rate = describe_growth(p["growth"], lang)
    if lang == "zh":
        return f"（按年均增长{rate}由{p['from']}年推算至{p['to']}年）"
    return f" (carried from {p['from']} to {p['to']} at {rate} a year)"


def describe_growth(growth: Optional[dict], lang: str) -> str:
    if not growth:
        return "—"
    if "value" in growth:
        value = format_number(growth["value"]) + "%"
        op = growth.get("op", "=")
        return {"zh": {"~": f"{value}左右", ">=": f"{value}以上", "<=": f"{value}以内"},
                "en": {"~": f"about {value}", ">=": f"at least {value}", "<=": f"at most {value}"}}[lang].get(op, value)
    return f"{format_number(growth['min'])}—{format_number(growth['max'])}%"


def unit_factor(unit: Optional[str]) -> float:
    """What a value in `unit` is multiplied by to reach its dimension's canonical unit (1 when unknown)."""
    try:
        return parse_unit(unit).factor if unit else 1.0
    except UnitError:
        return 1.0


def in_unit(value: float, unit: Optional[str]) -> float:
    """A canonical value expressed in `unit` again (1.5e8 元 -> 1.5 亿元)."""
    try:
        return value / parse_unit(unit).factor if unit else value
    except UnitError:
        return value


def interval_words(interval: Interval, unit: Optional[str], lang: str = "zh", inputs: Sequence[Any] = (),
                   against: Sequence[float] = (), canonical: bool = True) -> str:
    """A compared interval (canonical unless `canonical` is False) in the plan's own unit and the page's
    language, for a message: as precise as its `inputs` justify, its ends distinct from the numbers it is
    `against` (checker/numbers.py)."""
    return interval_text(interval, unit, lang, inputs, against, canonical_unit(unit) if canonical else None)


def intervals_words(intervals: Sequence[Interval], unit: Optional[str], lang: str = "zh", inputs: Sequence[Any] = (),
                    against: Sequence[float] = ()) -> list[str]:
    """Canonical intervals compared in one message, as `interval_words` words them, with one precision."""
    return intervals_text(intervals, unit, lang, inputs, against, canonical_unit(unit))


GOAL = Text("规划目标", "target")
THIS_INTERVAL = Text("本规划", "this plan")
OTHER_INTERVAL = Text("对照", "compared with")
DISJOINT = Text("{a} 与 {b} 不相交", "{a} and {b} do not meet")
NOT_WITHIN = Text("{a} 不在 {b} 之内", "{a} is not within {b}")
CARRIED = Text("按年均增长{rate}由{start}年推算至{end}年", "carried from {start} to {end} at {rate} a year")


def comparison_steps(evidence: dict[str, Any], unit: Optional[str], within: bool = False) -> tuple[Text, ...]:
    """Two compared intervals that do not meet (or, `within`, where this one is not inside the other), in
    the plan's `unit`, and how a number was carried to the other's year, if it was."""
    relation = NOT_WITHIN if within else DISJOINT
    inputs = (evidence.get("this"), evidence.get("other"))

    def compared(lang: str) -> str:
        mine, theirs = intervals_text((evidence["this_interval"], evidence["other_interval"]), unit, lang, inputs,
                                      canonical=evidence.get("canonical_unit"))
        return relation(lang).format(a=f"{THIS_INTERVAL(lang)} {mine}", b=f"{OTHER_INTERVAL(lang)} {theirs}")

    steps = [Text.of(compared)]
    projected = evidence.get("projected")
    if isinstance(projected, dict):
        steps.append(Text.of(lambda lang: CARRIED(lang).format(
            rate=describe(stated(projected.get("growth")), "%", lang), start=projected.get("from"),
            end=projected.get("to"))))
    return tuple(steps)


def comparison_chart(evidence: dict[str, Any], this: Target) -> ChartSpec:
    """This target's own path (base -> its number) against the band the other plan sets, when it has a
    base to start from; else the two compared intervals side by side, in this target's unit."""
    path = _path_against(evidence, this)
    if path is not None and path.drawable:
        return path
    bars = []
    canonical = evidence.get("canonical_unit")
    for key, who in (("this", "this"), ("other", "related")):
        data = evidence.get(key) or {}
        low, high = (in_display_unit(v, this.unit, canonical) for v in bounds(evidence[f"{key}_interval"]))
        bars.append(Bar(Label(Text.of(lambda lang: describe(stated(data), data.get("unit"), lang)), who),
                        low, high, key))
    return IntervalChart(tuple(bars), this.unit or canonical or "", (evidence.get("this"), evidence.get("other")))


def _path_against(evidence: dict[str, Any], this: Target) -> Optional[PathChart]:
    base, mine = this.base, stated(evidence.get("this"))
    if base is None or base.value is None or base.year is None or mine is None or mine.year is None \
            or mine.year <= base.year:
        return None
    reach = interval_of(mine, this.unit, canonical=False)
    try:
        factor = parse_unit(this.unit).factor if this.unit else 1.0
    except UnitError:
        return None
    low, high = bounds(evidence["other_interval"])  # canonical unit: back to this target's unit
    other = stated(evidence.get("other"))
    year = evidence["projected"].get("to", mine.year) if isinstance(evidence.get("projected"), dict) else mine.year
    words = Text.of(lambda lang: describe(other, evidence["other"].get("unit"), lang) if other else "")
    return PathChart((base.year, base.value), (mine.year, reach.low, reach.high),
                     Bar(Label(words, "related"), low / factor, high / factor, "conflict"), year, this.unit or "",
                     Label(Text.of(lambda lang: describe(mine, this.unit, lang)), "this"))


def other_words(evidence: dict[str, Any], lang: str) -> Optional[str]:
    """The compared number of the other plan ('other' in the evidence) in words, for advice."""
    other = stated(evidence.get("other"))
    return describe(other, evidence["other"].get("unit"), lang) if other is not None else None


def period_words(plan: Plan, lang: str) -> str:
    """'2020—2025年' / '2020–2025'."""
    base, end = plan.period.base_year, plan.period.end
    return f"{base}—{end}年" if lang == "zh" else f"{base}–{end}"


def caliber_differs(this: Target, other: Target) -> bool:
    """Two targets whose stated calibers differ, or where only one states a caliber: their numbers may count
    different things (含/不含 an area, 城镇 vs 城市, 登记 vs 调查), so a disagreement is a question, not an error."""
    return (this.caliber or other.caliber) is not None and this.caliber != other.caliber


def caliber_words(this: Target, other: Target, lang: str) -> str:
    unstated = "未注明" if lang == "zh" else "not stated"
    mine, theirs = this.caliber or unstated, other.caliber or unstated
    if lang == "zh":
        return f"两者口径不同（本规划：{mine}；对方：{theirs}），差异可能来自口径，应先核实口径"
    return f"the calibers differ (this plan: {mine}; the other: {theirs}), which may explain the difference; " \
           f"confirm the calibers first"


def target_name(target: Target, ctx: Context, lang: str) -> str:
    """A target in a message: its label as the plan writes it; in English the catalogue's English name."""
    return named(target, ctx.indicators, lang)


def dated_numbers(targets: Sequence[Target], fields: tuple[str, ...] = ("base", "target", "vision")
                  ) -> dict[tuple[str, str, int], list[tuple[Target, Quantity]]]:
    """Every dated number of these targets by (indicator, scope, year), ordered by target id (so that what a
    rule reports does not depend on where a target stands in its file); period totals (cumulative) are left
    out, since they are no level at their year."""
    out: dict[tuple[str, str, int], list[tuple[Target, Quantity]]] = {}
    for target in sorted(targets, key=lambda t: t.key):
        if target.cumulative:
            continue
        for name in fields:
            q = getattr(target, name)
            if q is not None and q.has_number and q.year is not None:
                out.setdefault((target.indicator, target.scope, q.year), []).append((target, q))
    return out


def divide(a: Interval, b: Interval) -> Optional[Interval]:
    """a / b for a positive divisor interval (None when b may be zero or negative)."""
    if b.low <= 0:
        return None
    low = a.low / b.high if a.low >= 0 else a.low / b.low
    high = a.high / b.low
    return Interval(low, high)


def widen(interval: Interval, relative: float) -> Interval:
    return Interval(interval.low - abs(interval.low) * relative, interval.high + abs(interval.high) * relative)


def in_own_unit(stated: list[tuple[Target, Quantity]], ctx: Context) -> list[tuple[Target, Quantity]]:
    """Levels in their indicator's own dimension: a share (占全省48.5%) of a population is no population."""
    out = []
    for target, q in stated:
        indicator = ctx.indicators.get(target.indicator)
        if indicator is not None and target.share_of is None and dimension_or_none(target.unit) == indicator.dimension:
            out.append((target, q))
    return out
