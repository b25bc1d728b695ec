"""What a deferred number ("控制在省下达目标以内", "控制在土地总规修编目标内", "好于全省平均水平") defers to,
and which plan of the corpus could supply it.

A deferral names a level (national, province, municipal, or just upper) and a kind: `master`, a quota a
development plan hands down; `land_use`, a bound of a land-use (国土空间) plan; `statistic`, a benchmark
such as the provincial average. Only an upper plan of a named level and of that kind can supply the
number: a special plan (an urbanization plan, a city-cluster plan) never stands in for a master plan, and
a statistic comes from no plan at all.
"""

from __future__ import annotations

from typing import Iterable

from .model import Plan, Quantity

LEVELS = ("national", "province", "municipal", "upper")
KINDS = ("master", "land_use", "statistic")
_LEVEL_WORDS = {"national": ("国家", "national"), "province": ("省", "provincial"),
                "municipal": ("市", "municipal"), "upper": ("上级", "upper")}
_PLAN_LEVEL = {"province": "province", "municipal": "municipal"}  # plan levels a deferral level names


def can_supply(plan: Plan, quantity: Quantity) -> bool:
    """Whether `plan` (one of the plans above) is of a level and kind the deferral names."""
    if not quantity.ref_upper or quantity.ref_kind == "statistic" or plan.kind != (quantity.ref_kind or "master"):
        return False
    return any(level == "upper" or _PLAN_LEVEL.get(level) == plan.level for level in quantity.ref_levels or ("upper",))


def suppliers(plans: Iterable[Plan], quantity: Quantity) -> list[Plan]:
    return [plan for plan in plans if can_supply(plan, quantity)]


def whose(quantity: Quantity, lang: str) -> str:
    """'国家和省' / 'national and provincial'."""
    names = [_LEVEL_WORDS[level][0 if lang == "zh" else 1] for level in quantity.ref_levels or ("upper",)]
    if len(names) < 2:
        return "".join(names)
    return "、".join(names[:-1]) + "和" + names[-1] if lang == "zh" else ", ".join(names[:-1]) + " and " + names[-1]


def describe_deferral(quantity: Quantity, lang: str) -> str:
    """The deferral in words: '控制在省下达目标以内', 'per the land-use plan', 'better than the provincial average'."""
    who = whose(quantity, lang)
    if quantity.ref_kind == "land_use":
        return f"以{who}土地利用规划为准" if lang == "zh" else f"within the {who} land-use plan's bound"
    if quantity.ref_kind == "statistic":
        return f"对标{who.rstrip('级')}平均水平" if lang == "zh" else f"benchmarked against the {who} average"
    return f"控制在{who}下达目标以内" if lang == "zh" else f"within the target set by the {who} plan"


def kind_words(quantity: Quantity, lang: str) -> str:
    """What would have to be in the corpus to supply it: '省级发展规划' / 'a provincial development plan'."""
    who = whose(quantity, lang)
    if quantity.ref_kind == "land_use":
        return f"{who}土地利用规划" if lang == "zh" else f"a {who} land-use plan"
    if quantity.ref_kind == "statistic":
        return f"{who}统计数据" if lang == "zh" else f"{who} statistics"
    return f"{who}发展规划（纲要）" if lang == "zh" else f"a {who} development master plan"
