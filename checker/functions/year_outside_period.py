"""year_outside_period: a target dated outside the plan's five-year period and not at its vision year.

A 14th five-year plan (2021–2025) with 2035 远景 may state 2025 targets and 2035 visions. A target dated
2030 in such a plan is either a typo or a number that belongs to another plan; either way a reviewer
should look. (Years far outside the period are refused when the plan is loaded.)

Options: none.

FAIL::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", target: {year: 2030, value: 62}}

PASS::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", target: {year: 2025, value: 62},
             vision: {year: 2035, value: 65}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..model import Target
from .base import Context, Hit, evidence_lines, period_words, target_name

ID = "year_outside_period"
GIVEN = ("target",)
OPTIONS: dict[str, Any] = {}

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"period": Text("规划期", "plan period")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="把目标年份改到规划期（{period}）之内，或列为远景目标，或在文中说明为何跨期。",
    en="Move the target year into the plan period ({period}), make it a vision target, or explain why it lies beyond the period.")


def check(target: Target, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    plan = ctx.plan(target.plan)
    period = plan.period
    for field in ("target", "vision"):
        quantity = getattr(target, field)
        if quantity is None or quantity.year is None:
            continue
        year = quantity.year
        if period.base_year < year <= period.end or year == period.vision:
            continue
        span = f"{period.base_year + 1}–{period.end}" + (f", {period.vision}" if period.vision else "")
        evidence = {"year": year, "period": {"base_year": period.base_year, "end": period.end,
                                             "vision": period.vision}}
        yield Hit(at=target, key=field,
                  zh=f"{target_name(target, ctx, 'zh')}的{year}年目标不在规划期（{span}）内，也不是远景年",
                  en=f"{target_name(target, ctx, 'en')} has a {year} {field} outside the plan period ({span})",
                  evidence=evidence,
                  shows=Shows(
                      arithmetic=evidence_lines(evidence, target, ctx, LABELS),
                      advice=ADVICE.fill(lambda lang: {"period": period_words(plan, lang)})))
