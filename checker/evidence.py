"""What a finding shows a reader, as typed values the rule function builds and renderers draw.

A rule knows what its finding means: which numbers were compared, the arithmetic that shows the
conflict, the picture that makes it plain and what a drafter could change. Its module says so with
these values, in both report languages, so that a renderer draws generic parts (the compared numbers,
lines of arithmetic, bars on a number line, a path against a goal, advice) and never needs to know which
rule found what. The JSON evidence of a finding stays the machine record; this is the reader's view of it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from .indicators import IndicatorCatalogue
from .model import Plan, Quantity, Target
from .numbers import derived_places, evidence_inputs, least_decimals, number_text, range_text
from .quantities import Interval, describe
from .regions import RegionRegistry
from .units import UnitError, parse_unit

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Text:
    """Words in both report languages."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    @staticmethod
    def of(words: Callable[[str], str]) -> "Text":
        """The same sentence built once per language."""
        return Text(words("zh"), words("en"))


@dataclass(frozen=True)
class Advice:
    """What a drafter could change, as a template per language. `fill` puts the finding's own words in
    the {placeholders}; one the finding has no words for shows as '—'."""

    zh: str
    en: str

    def fill(self, fields: Callable[[str], Mapping[str, Optional[str]]] = lambda lang: {}) -> Text:
        return Text.of(lambda lang: getattr(self, lang).format_map(
            _Blanks({k: v for k, v in fields(lang).items() if v not in (None, "")})))


class _Blanks(dict):
    def __missing__(self, key: str) -> str:
        return "—"


@dataclass(frozen=True)
class Label:
    """A chart label; `who` puts a plan's part before the words: "this" (this plan) or "related" (how the
    finding's first related plan stands to this one: upper, neighbour ...), which only the report knows."""

    text: Text
    who: Optional[str] = None


@dataclass(frozen=True)
class Bar:
    """One interval on a number line (an infinite end is open); `tone` is this | other | conflict."""

    label: Label
    low: float
    high: float
    tone: str


@dataclass(frozen=True)
class IntervalChart:
    """Intervals side by side on one axis, in the plan's `unit`: where they do not overlap is the conflict.
    `inputs`: the stated numbers the bars come from, which set the decimals of their notes."""

    bars: tuple[Bar, ...]
    unit: str
    inputs: tuple[Any, ...] = ()


@dataclass(frozen=True)
class PathChart:
    """A value carried from its start year to (reach_year, reach_low..reach_high), against `goal`."""

    start: tuple[int, float]
    reach: tuple[int, float, float]
    goal: Bar
    goal_year: int
    unit: str
    path_label: Label
    needed: Optional[float] = None  # the growth rate that would reach the goal, when the rule knows it
    needed_label: Text = Text("", "")

    @property
    def drawable(self) -> bool:
        """A path needs a later end year and finite numbers; a rule falls back to bars without them."""
        (y0, v0), (y1, low, high) = self.start, self.reach
        return y1 > y0 and all(math.isfinite(v) for v in (v0, low, high))


ChartSpec = Union[IntervalChart, PathChart]


@dataclass(frozen=True)
class Shows:
    """A finding for a reader. `values`: the number compared on each side (the finding's own subject,
    then each related entry in order; None or missing: that entry's own target value). `arithmetic`:
    one line per step; None lists the finding's evidence as 'label: value' lines, with `labels` for the
    rule's own keys (over the shared LABELS). `chart` and `advice` as the rule draws and words them."""

    values: tuple[Optional[Quantity], ...] = ()
    arithmetic: Optional[tuple[Text, ...]] = None
    labels: Mapping[str, Text] = field(default_factory=dict)
    chart: Optional[ChartSpec] = None
    advice: Optional[Text] = None


# ---------------------------------------------------------------- typed values from JSON evidence
def bounds(data: Any) -> tuple[float, float]:
    """An evidence interval {low, high} (None for an open end) as floats with infinities."""
    low = data.get("low") if isinstance(data, dict) else None
    high = data.get("high") if isinstance(data, dict) else None
    return (-math.inf if low is None else float(low), math.inf if high is None else float(high))


def stated(data: Any) -> Optional[Quantity]:
    """An evidence number ({value, op, year} / {min, max} / {ref: upper}) as the Quantity a reader sees."""
    if not isinstance(data, dict) or not ({"value", "min", "ref"} & set(data)):
        return None
    return Quantity(year=data.get("year"), value=data.get("value"), op=data.get("op", "="), low=data.get("min"),
                    high=data.get("max"), ref_upper=data.get("ref") == "upper")


def in_display_unit(value: float, unit: Optional[str], canonical: Optional[str]) -> float:
    """A value in the `canonical` unit it was compared in (元), expressed in `unit`, the plan's (亿元)."""
    if not canonical or not unit or canonical == unit:
        return value
    try:
        return value * parse_unit(canonical).factor / parse_unit(unit).factor
    except UnitError:
        return value


def intervals_text(intervals: Iterable[Any], unit: Optional[str], lang: str = "zh", inputs: Iterable[Any] = (),
                   against: Iterable[float] = (), canonical: Optional[str] = None) -> list[str]:
    """Intervals ({low, high} or Interval; None or ±inf for an open end) as '[low, high] unit' in `unit`, the
    unit the plan wrote: values in the `canonical` unit they were compared in are converted first, the unit
    is named in the page's language, and all share the decimals their `inputs` justify (checker/numbers.py),
    with no two different ends, nor an end and a number they are `against` (in `unit`), printed alike."""
    ends = []
    for data in intervals:
        if isinstance(data, Interval):
            data = data.as_dict()
        ends.append(tuple(in_display_unit(v, unit, canonical) for v in bounds(data)))
    places = derived_places([v for pair in ends for v in pair], inputs, against, unit=unit)
    return [range_text(low, high, places, unit, lang) for low, high in ends]


def interval_text(data: Any, unit: Optional[str], lang: str = "zh", inputs: Iterable[Any] = (),
                  against: Iterable[float] = (), canonical: Optional[str] = None) -> str:
    """One interval as `intervals_text` words it."""
    if isinstance(data, Interval):
        data = data.as_dict()
    if not isinstance(data, dict) or "low" not in data:
        return str(data)
    return intervals_text([data], unit, lang, inputs, against, canonical)[0]


# ---------------------------------------------------------------- evidence listed as labelled lines
# the labels of evidence keys many rules use; a rule adds its own (see `listed`)
LABELS: dict[str, Text] = {
    "base": Text("基期", "base"), "growth": Text("年均增速", "growth a year"), "years": Text("年数", "years"),
    "projected": Text("推算值", "carried forward"), "stated": Text("规划值", "as planned"),
    "sum": Text("合计", "sum"), "total": Text("总量", "total"), "parts": Text("分项", "parts"),
    "regions": Text("地区", "regions"), "role": Text("定位", "role"), "project": Text("项目", "project"),
    "year": Text("年份", "year"),
}
# the two compared values are already shown side by side, and the encoders' notes with the targets they are on
HIDDEN = ("canonical_unit", "this", "other", "notes")
NONE = Text("无", "none")


def target_name(target: Target, catalogue: IndicatorCatalogue, lang: str) -> str:
    """What a target is called: its label as the plan writes it; on English pages the catalogue's English
    name of its indicator, when there is one."""
    if lang == "en":
        indicator = catalogue.get(target.indicator)
        if indicator is not None and indicator.en:
            return indicator.en
    return target.label or catalogue.name(target.indicator)


_TABLES = (re.compile(r"^专栏\s*(\d+)$"), "Box {n}"), (re.compile(r"^表\s*(\d+)$"), "Table {n}"), \
    (re.compile(r"^附表\s*(\d+)$"), "Annex table {n}")


def table_name(table: Optional[str], lang: str) -> Optional[str]:
    """A plan's table as a page names it: as written; in English 专栏2 -> Box 2, 表3 -> Table 3."""
    if lang != "en" or not table:
        return table
    for pattern, words in _TABLES:
        match = pattern.match(table.strip())
        if match:
            return words.format(n=match.group(1))
    return table


KINDS_EN = {"master": "master plan", "special": "special plan", "land_use": "land-use plan"}


def plan_title(plan: Plan, regions: RegionRegistry, lang: str) -> str:
    """A plan as a page names it: its title as written; in English its `title_en` where the source gives one,
    else its region's name from the region catalogue, its kind and period (a special plan with its id, as a
    region has many): never a translation of the title."""
    if lang != "en":
        return plan.title
    if plan.title_en:
        return plan.title_en
    made = f"{regions.name(plan.region)} {KINDS_EN.get(plan.kind, plan.kind)} {plan.period.base_year}–{plan.period.end}"
    return made if plan.kind == "master" else f"{made} ({plan.id})"


@dataclass(frozen=True)
class Names:
    """How things read for a reader: a region code as '钟山区（520201）', a plan id as its title, a target
    by its label (and its region, when that is not the plan's own)."""

    regions: RegionRegistry
    plans: Mapping[str, Plan]
    indicators: IndicatorCatalogue

    def target(self, target: Target, lang: str) -> str:
        label = target_name(target, self.indicators, lang)
        if target.scope != self.plans[target.plan].region:
            name = self.regions.name(target.scope)
            if name not in label:
                label = f"{label}（{name}）" if lang == "zh" else f"{label} ({name})"
        return label

    def __call__(self, code: str, lang: str) -> str:
        if code in self.regions:
            return f"{self.regions.name(code)}（{code}）" if lang == "zh" else f"{self.regions.name(code)} ({code})"
        if code in self.plans:
            return plan_title(self.plans[code], self.regions, lang)
        return code


def listed(evidence: Mapping[str, Any], unit: str, labels: Mapping[str, Text], names: Names,
           canonical: Optional[str] = None) -> tuple[Text, ...]:
    """Every evidence key but the compared values as 'label: value', in key order (`labels` over LABELS;
    a key neither names reads as itself). Intervals in the evidence's `canonical_unit` read in `unit`,
    the plan's, with the decimals the evidence's stated numbers justify."""
    labels = {**LABELS, **labels}
    shown = _Shown(unit, canonical or evidence.get("canonical_unit"), least_decimals(evidence_inputs(evidence), unit),
                   names)

    def line(key: str, lang: str) -> str:
        return f"{labels[key](lang) if key in labels else key}: {shown(evidence[key], lang)}"

    return tuple(Text(line(key, "zh"), line(key, "en")) for key in sorted(evidence) if key not in HIDDEN)


@dataclass(frozen=True)
class _Shown:
    """One evidence value in words: stated numbers as written, intervals converted and rounded."""

    unit: str
    canonical: Optional[str]
    places: int
    names: Names

    def __call__(self, value: Any, lang: str) -> str:
        quantity = stated(value)
        if quantity is not None:
            return describe(quantity, value.get("unit"), lang)
        if isinstance(value, dict) and "low" in value:
            low, high = (in_display_unit(v, self.unit, self.canonical) for v in bounds(value))
            return range_text(low, high, derived_places((low, high), least=self.places), self.unit, lang)
        if isinstance(value, dict):
            sep = "；" if lang == "zh" else "; "
            return sep.join(f"{self.names(k, lang)}: {self(v, lang)}" for k, v in sorted(value.items()))
        if isinstance(value, list):
            return "、".join(self.names(str(v), lang) for v in value) if value else NONE(lang)
        if isinstance(value, str) and value in self.names.regions:
            return self.names(value, lang)
        if isinstance(value, float):
            return number_text(value, derived_places((value,), least=self.places))
        return str(value)
