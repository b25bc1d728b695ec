"""year_outside_period: a target dated outside the plan's period and its vision horizon.

A 14th five-year plan (2021–2025) with 2035 远景 may state 2025 targets and 2035 visions. A target dated
at the base year 2020 in such a plan is either a typo or a number that belongs to the base column; either
way a reviewer should look. A year after the period's end but within the vision horizon (到2027年, 到2030年) is a
milestone the text states, not a defect: it is reported once per table or box (info), for the record.
(Years far outside the period are refused when the plan is loaded.)

Options: none.

FAIL: a target dated at the base year of a 2021–2025 plan::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", target: {year: 2020, value: 62}}

INFO: two 2030 milestones of one box, inside the 2035 horizon: one finding::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", target: {year: 2030, value: 62},
             source: {table: 专栏3, line: 1, quote: "到2030年森林覆盖率62%"}}
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2030, value: 900},
             source: {table: 专栏3, line: 2, quote: "到2030年地区生产总值900亿元"}}

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

from ..evidence import Advice, Shows, Text, table_name
from ..model import Plan, Target
from .base import Context, Hit, defaults, options_schema, period_words, target_name

ID = "year_outside_period"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"period": Text("规划期", "plan period")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="把目标年份改到规划期（{period}）之内，或列为远景目标，或在文中说明为何跨期。",
    en="Move the target year into the plan period ({period}), make it a vision target, or explain why it lies beyond the period.")


def _span(plan: Plan) -> str:
    period = plan.period
    return f"{period.base_year + 1}–{period.end}" + (f", {period.vision}" if period.vision else "")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    period = plan.period
    milestones: dict[str, list[tuple[Target, int]]] = {}  # by table/box (or the target itself, outside tables)
    for target in plan.targets:
        for field in ("target", "vision"):
            quantity = getattr(target, field)
            if quantity is None or quantity.year is None:
                continue
            year = quantity.year
            if period.base_year < year <= period.end or year == period.vision:
                continue
            if period.vision and period.end < year < period.vision:
                box = f"table:{target.source.table}" if target.source.table else f"target:{target.id}:{field}"
                milestones.setdefault(box, []).append((target, year))
                continue
            yield Hit(at=target, key=field,
                      zh=f"{target_name(target, ctx, 'zh')}的{year}年目标不在规划期（{_span(plan)}）内，也不是远景年",
                      en=f"{target_name(target, ctx, 'en')} has a {year} {field} outside the plan period "
                         f"({_span(plan)})",
                      evidence={"year": year, "period": {"base_year": period.base_year, "end": period.end,
                                                         "vision": period.vision}},
                      shows=Shows(labels=LABELS, advice=ADVICE.fill(lambda lang: {"period": period_words(plan, lang)})))
    for box, items in milestones.items():
        items.sort(key=lambda item: item[0].id)  # the finding's place and identity do not depend on file order
        first = items[0][0]
        years = sorted({year for _, year in items})
        where_zh = f"{first.source.table}中" if first.source.table else ""
        where_en = f" in {table_name(first.source.table, 'en')}" if first.source.table else ""
        names_zh = "、".join(target_name(t, ctx, "zh") for t, _ in items)
        names_en = ", ".join(target_name(t, ctx, "en") for t, _ in items)
        year_words = "、".join(str(y) for y in years)
        yield Hit(at=first, key=box, severity="info", related=[t for t, _ in items[1:]],
                  zh=f"{where_zh}{names_zh}为{year_words}年的阶段目标，在规划期（{_span(plan)}）之后、远景年"
                     f"{period.vision}年之前：原文所写，不是缺陷，仅供核对",
                  en=f"{names_en}{where_en}: milestones dated {', '.join(map(str, years))}, after the plan period "
                     f"({_span(plan)}) and before its {period.vision} vision; as written, not a defect",
                  evidence={"years": years, "targets": [t.id for t, _ in items], "table": first.source.table,
                            "period": {"base_year": period.base_year, "end": period.end, "vision": period.vision}},
                  shows=Shows(labels=LABELS, advice=ADVICE.fill(lambda lang: {"period": period_words(plan, lang)})))
