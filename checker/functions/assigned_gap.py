"""assigned_gap: the plan above sets a number for this region, and this region's plan is silent on it.

The city's plan gives 钟山区 a target for its urban-area population; if 钟山区's plan has no target for that
indicator, the drafter has either forgotten the city's assignment or declined it, and a reviewer should
know which. Only master plans (纲要) are expected to answer every assignment; a special plan covers its
own subject.

Options: none.

FAIL::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 500}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-urbanization, indicator: urbanization_rate, scope: "520201", unit: "%",
             target: {year: 2025, value: 90}}

PASS::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: urbanization, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 90}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-urbanization, indicator: urbanization_rate, scope: "520201", unit: "%",
             target: {year: 2025, value: 90}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows
from ..model import Plan
from ..quantities import quantity_evidence
from .base import Context, Hit, other_words, target_name, words

ID = "assigned_gap"
GIVEN = ("plan",)
OPTIONS: dict[str, Any] = {}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="上级规划为本地区设定了{other_name}（{other}）：在本规划中增加相应目标，或在说明中写明不纳入的理由。",
    en="The upper plan sets {other_name} ({other}) for this region: add a matching target, or state why this plan leaves it out.")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    if plan.kind != "master":
        return  # a special plan (专项规划) covers its own subject, not everything assigned to its region
    stated = {t.indicator for t in plan.targets if t.scope == plan.region}
    for upper in ctx.graph.upper_plans(plan):
        for other in upper.targets:
            if other.scope != plan.region or other.indicator in stated or other.share_of is not None:
                continue
            evidence = {"other": quantity_evidence(other.target, other.unit)}
            yield Hit(
                at=plan, related=[other], indicator=other.indicator, region=plan.region, key=other.key,
                zh=f"{upper.title}为{ctx.region_name(plan.region)}设定了{target_name(other, ctx, 'zh')}"
                   f"（{words(other, other.target, 'zh')}），本规划没有相应目标",
                en=f"{upper.id} sets {target_name(other, ctx, 'en')} for {ctx.region_name(plan.region)} "
                   f"({words(other, other.target, 'en')}), and this plan states no target for it",
                evidence=evidence, shows=Shows(
                    values=(None, other.target),
                    arithmetic=(),
                    advice=ADVICE.fill(lambda lang: {
                        "other_name": ctx.names.target(other, lang), "other": other_words(evidence, lang)})))
