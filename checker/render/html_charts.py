"""A finding's small chart, drawn from the chart spec its rule built (checker/evidence.py; svg.py draws).

A rule says what to picture: bars on one number line (the compared intervals, a sum against its total)
or a value carried along its years against a goal. Here the spec becomes SVG in the report's language;
a label's `who` becomes "this plan" or how the related plan stands to this one. Findings whose rule
draws nothing (roles, projects, coverage) get no chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from markupsafe import Markup

from ..evidence import Bar, Label, PathChart
from ..findings import Finding
from ..numbers import derived_places, range_text
from ..unit_names import english_unit
from . import svg

if TYPE_CHECKING:
    from .html_findings import FindingViews


def finding_chart(views: "FindingViews", finding: Finding) -> Optional[Markup]:
    chart = finding.shows.chart if finding.shows is not None else None
    if chart is None:
        return None
    title = f"{views.t['chart']}: {finding.text(views.lang)}"
    unit = english_unit(chart.unit) if views.lang == "en" else chart.unit  # the axis names the unit in the page's language
    if isinstance(chart, PathChart):
        return svg.path_chart(chart.start, chart.reach, _bar(views, finding, chart.goal), chart.goal_year,
                              unit or "", title, _label(views, finding, chart.path_label), chart.needed,
                              chart.needed_label(views.lang))
    # each bar's note: its interval as the rule's messages word it (checker/numbers.py)
    places = derived_places([v for bar in chart.bars for v in (bar.low, bar.high)], chart.inputs)
    return svg.interval_chart([_bar(views, finding, bar, range_text(bar.low, bar.high, places, chart.unit, views.lang))
                               for bar in chart.bars], unit or "", title)


def _bar(views: "FindingViews", finding: Finding, bar: Bar, note: str = "") -> svg.Bar:
    return svg.Bar(_label(views, finding, bar.label), bar.low, bar.high, bar.tone, note)


def _label(views: "FindingViews", finding: Finding, label: Label) -> str:
    text = label.text(views.lang)
    if label.who is None:
        return text
    if label.who == "this":
        who = views.t["this_plan"]
    else:
        who = views.relation_word(finding.plan, finding.related[0].plan if finding.related else finding.plan)
    return f"{who} {text}".strip()
