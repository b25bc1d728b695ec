"""Which small chart a numeric finding gets, built from its evidence (svg.py draws it).

- a growth path (growth_path): the base carried along the stated growth, against the target;
- the county's own path against the value the other plan sets (interval_conflict and kin, when the county
  target has a base value): the picture the drafter needs to see how far apart the two plans are;
- otherwise the compared intervals side by side on one number line.
Findings without numbers (roles, projects, coverage) get no chart.
"""

from __future__ import annotations

import math
from typing import Any, Optional

from ..findings import Finding
from ..model import Target
from ..quantities import describe, format_number, interval_of
from ..units import UnitError, parse_unit
from . import svg
from .html_text import EVIDENCE_LABELS

# evidence keys compared by functions whose evidence has no this/other intervals: (first, second)
PAIRS = {"share_implied": ("implied", "stated"), "parts_sum": ("sum", "total"), "structure_ratio": ("computed", None)}


def bounds(data: Any) -> tuple[float, float]:
    """An evidence interval {low, high} (None for an open end) as floats with infinities."""
    low = data.get("low") if isinstance(data, dict) else None
    high = data.get("high") if isinstance(data, dict) else None
    return (-math.inf if low is None else float(low), math.inf if high is None else float(high))


def finding_chart(views: Any, function: str, evidence: dict, own: Any, finding: Finding):
    t, lang = views.t, views.lang
    label = f"{t['chart']}: {finding.text(lang)}"
    if function == "growth_path" and isinstance(own, Target) and own.base and own.base.value is not None:
        return growth_chart(views, evidence, own, label)
    if "this_interval" in evidence and "other_interval" in evidence:
        return path_against(views, own, finding, evidence, label) or compared_intervals(
            views, own, finding, evidence, label)
    if function in PAIRS:
        return pair_chart(views, function, evidence, own, label)
    return None


def growth_chart(views: Any, evidence: dict, own: Target, label: str):
    t = views.t
    low, high = bounds(evidence.get("stated"))
    reach_low, reach_high = bounds(evidence.get("projected"))
    goal = svg.Bar(f"{t['goal']} {describe(own.target, own.unit, views.lang)}", low, high, "conflict")
    needed = evidence.get("implied_growth")
    start_year = own.base.year or views.plans[own.plan].period.base_year
    return svg.path_chart((start_year, own.base.value), (own.target.year, reach_low, reach_high), goal,
                          own.target.year, own.unit or "", label, t["reached"], needed,
                          t["needed_growth"].format(g=format_number(needed)) if needed is not None else "")


def path_against(views: Any, own: Any, finding: Finding, evidence: dict, label: str):
    """The county's own path (base -> its target) against the band the other plan sets for that year."""
    if not isinstance(own, Target) or own.base is None or own.base.value is None or own.base.year is None:
        return None
    this_q = views.quantity(evidence.get("this"))
    if this_q is None or this_q.year is None or this_q.year <= own.base.year:
        return None
    mine = interval_of(this_q, own.unit, canonical=False)
    try:
        factor = parse_unit(own.unit).factor if own.unit else 1.0
    except UnitError:
        return None
    low, high = bounds(evidence["other_interval"])  # canonical unit: back to the county's unit
    other_q = views.quantity(evidence.get("other"))
    year = this_q.year
    if isinstance(evidence.get("projected"), dict):
        year = evidence["projected"].get("to", year)
    who = views.relation_word(finding.plan, finding.related[0].plan) if finding.related else ""
    words = describe(other_q, (evidence.get("other") or {}).get("unit"), views.lang) if other_q else ""
    goal = svg.Bar(f"{who} {words}".strip(), low / factor, high / factor, "conflict")
    return svg.path_chart((own.base.year, own.base.value), (this_q.year, mine.low, mine.high), goal, year,
                          own.unit or "", label, f"{views.t['this_plan']} {describe(this_q, own.unit, views.lang)}")


def compared_intervals(views: Any, own: Any, finding: Finding, evidence: dict, label: str):
    bars = []
    for key in ("this", "other"):
        low, high = bounds(evidence[f"{key}_interval"])
        words = describe(views.quantity(evidence.get(key)), (evidence.get(key) or {}).get("unit"), views.lang)
        who = views.t["this_plan"] if key == "this" else views.relation_word(
            finding.plan, finding.related[0].plan if finding.related else finding.plan)
        bars.append(svg.Bar(f"{who} {words}", low, high, key))
    return svg.interval_chart(bars, views.unit_of(evidence, own), label)


def pair_chart(views: Any, function: str, evidence: dict, own: Any, label: str) -> Optional[Any]:
    labels = EVIDENCE_LABELS["en" if views.lang == "en" else "zh"]
    first, second = PAIRS[function]
    unit = "%" if function == "structure_ratio" else views.unit_of(evidence, own)
    bars = [svg.Bar(labels.get(first, first), *bounds(evidence.get(first)), "other")]
    if second:
        bars.append(svg.Bar(labels.get(second, second), *bounds(evidence.get(second)), "this"))
    elif isinstance(own, Target):
        stated = views.quantity(evidence.get("this"))
        interval = interval_of(stated, own.unit, canonical=False) if stated else None
        if interval is not None:
            bars.append(svg.Bar(f"{views.t['this_plan']} {describe(stated, own.unit, views.lang)}",
                                interval.low, interval.high, "this"))
    return svg.interval_chart(bars, unit, label)
