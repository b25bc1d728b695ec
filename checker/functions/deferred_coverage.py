"""deferred_coverage: the numbers a plan defers to documents the corpus does not hold, listed once per plan.

"完成省下达目标", "控制在国家、省、市下达的指标范围内", "控制在土地总规修编目标内", "好于全省平均水平": each
defers the number to a document of a named level and kind (see checker/deferral.py). Where no plan of
that level and kind is in the corpus (and a benchmark statistic never is), nobody can tell whether the
plan meets it. That is a limit of the corpus, not a fault of the plan: one coverage finding per plan
lists the deferred indicators and what would supply them, however often the text repeats a quota.

Options: none.

FAIL: a provincial quota and a land-use bound, with no provincial or land-use plan in the corpus::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%",
             target: {year: 2025, ref: {level: province}}}
          - {id: farmland, indicator: cultivated_land, unit: 万亩,
             target: {year: 2025, ref: {level: upper, kind: land_use}}}

PASS: the city's master plan, which the text names, is in the corpus (ref_upper_missing checks it)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: energy, indicator: energy_intensity_reduction, unit: "%",
             target: {year: 2025, ref: {level: municipal}}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-energy, indicator: energy_intensity_reduction, scope: "520201", unit: "%",
             target: {year: 2025, value: 13.5, op: ">="}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..deferral import kind_words, suppliers
from ..model import Plan, Target
from .base import Context, Hit, defaults, options_schema, target_name

ID = "deferred_coverage"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    uppers = ctx.graph.upper_plans(plan)
    unanswered: dict[str, list[Target]] = {}  # by what would answer them, in the order the plan states them
    for target in plan.targets:
        quantity = target.target
        if quantity is None or not quantity.ref_upper or suppliers(uppers, quantity):
            continue
        unanswered.setdefault(kind_words(quantity, "zh"), []).append(target)
    if not unanswered:
        return
    targets = [t for items in unanswered.values() for t in items]
    parts_zh, parts_en, groups = [], [], []
    for words_zh, items in unanswered.items():
        names = list(dict.fromkeys(ctx.indicators.name(t.indicator) for t in items))
        indicators = list(dict.fromkeys(t.indicator for t in items))
        parts_zh.append(f"{words_zh}：{'、'.join(names)}")
        names_en = list(dict.fromkeys(target_name(t, ctx, "en") for t in items))
        parts_en.append(f"{kind_words(items[0].target, 'en')}: {', '.join(names_en)}")
        groups.append({"supplied_by": kind_words(items[0].target, "en"), "ref_level": list(items[0].target.ref_levels),
                       "ref_kind": items[0].target.ref_kind, "indicators": indicators, "targets": [t.id for t in items]})
    count = len({t.indicator for t in targets})
    yield Hit(at=plan, related=targets,
              zh=f"本规划有{count}项指标的数值以语料之外的文件为准，无法核对（{'；'.join(parts_zh)}）",
              en=f"{count} indicators of this plan defer their number to documents outside the corpus and cannot "
                 f"be checked ({'; '.join(parts_en)})",
              evidence={"deferred": groups})
