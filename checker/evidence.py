"""What a finding shows a reader, as typed values the rule function builds and renderers draw.

A rule knows what its finding means: which numbers were compared, the arithmetic that shows the
conflict, the picture that makes it plain and what a drafter could change. Its module says so with
these values, in both report languages, so that a renderer draws generic parts (the compared numbers,
lines of arithmetic, bars on a number line, a path against a goal, advice) and never needs to know which
rule found what. The JSON evidence of a finding stays the machine record; this is the reader's view of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional, Union

from .indicators import IndicatorCatalogue
from .model import Plan, Quantity, Target
from .quantities import Interval, describe, format_number
from .regions import RegionRegistry

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
    """Intervals side by side on one axis: where they do not overlap is the conflict."""

    bars: tuple[Bar, ...]
    unit: str


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


def interval_text(data: Any, unit: Optional[str]) -> str:
    """An evidence interval as '[low, high] unit' (rounded for reading; ±∞ for an open end)."""
    if isinstance(data, Interval):
        data = data.as_dict()
    if not isinstance(data, dict) or "low" not in data:
        return str(data)
    low = "−∞" if data["low"] is None else format_number(round(data["low"], 4))
    high = "+∞" if data["high"] is None else format_number(round(data["high"], 4))
    return f"[{low}, {high}] {unit or ''}".strip()


# ---------------------------------------------------------------- evidence listed as labelled lines
# the labels of evidence keys many rules use; a rule adds its own (see `listed`)
LABELS: dict[str, Text] = {
    "base": Text("基期", "base"), "growth": Text("年均增速", "growth a year"), "years": Text("年数", "years"),
    "projected": Text("推算值", "carried forward"), "stated": Text("规划值", "as planned"),
    "sum": Text("合计", "sum"), "total": Text("总量", "total"), "parts": Text("分项", "parts"),
    "regions": Text("地区", "regions"), "role": Text("定位", "role"), "project": Text("项目", "project"),
    "year": Text("年份", "year"),
}
HIDDEN = ("canonical_unit", "this", "other")  # the two compared values are already shown side by side
NONE = Text("无", "none")


def target_name(target: Target, catalogue: IndicatorCatalogue, lang: str) -> str:
    """What a target is called: its label as the plan writes it; on English pages the catalogue's English
    name of its indicator, when there is one."""
    if lang == "en":
        indicator = catalogue.get(target.indicator)
        if indicator is not None and indicator.en:
            return indicator.en
    return target.label or catalogue.name(target.indicator)


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
            return self.plans[code].title
        return code


def listed(evidence: Mapping[str, Any], unit: str, labels: Mapping[str, Text], names: Names) -> tuple[Text, ...]:
    """Every evidence key but the compared values as 'label: value', in key order (`labels` over LABELS;
    a key neither names reads as itself)."""
    labels = {**LABELS, **labels}
    def line(key: str, lang: str) -> str:
        return f"{labels[key](lang) if key in labels else key}: {value_words(evidence[key], unit, names, lang)}"

    return tuple(Text(line(key, "zh"), line(key, "en")) for key in sorted(evidence) if key not in HIDDEN)


def value_words(value: Any, unit: str, names: Names, lang: str) -> str:
    quantity = stated(value)
    if quantity is not None:
        return describe(quantity, value.get("unit"), lang)
    if isinstance(value, dict) and "low" in value:
        return interval_text(value, unit)
    if isinstance(value, dict):
        sep = "；" if lang == "zh" else "; "
        return sep.join(f"{names(k, lang)}: {value_words(v, unit, names, lang)}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return "、".join(names(str(v), lang) for v in value) if value else NONE(lang)
    if isinstance(value, str) and value in names.regions:
        return names(value, lang)
    if isinstance(value, float):
        return format_number(round(value, 4))
    return str(value)
