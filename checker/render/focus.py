"""What a narrowed run (--plan, --changed, --since) looked at, in words, so that no report passes off a
plan it did not check as a plan without problems.

A narrowed run keeps the findings that involve the plans in focus (report.selected); every plan is still
loaded, but findings among the other plans are not reported. Those plans are "not checked in this run".
"""

from __future__ import annotations

from typing import Any, Optional

SHOWN = 10  # plan ids named in a sentence; the rest are counted

TEXTS = {
    "zh": {"focus": "本次只检查了涉及 {n} 个规划的发现：{plans}；其余 {rest} 个规划本次未检查",
           "nothing": "本次没有要检查的规划：改动不涉及任何规划，各规划本次均未检查",
           "more": "等 {n} 个", "sep": "、", "unchecked": "本次未检查"},
    "en": {"focus": "narrowed to findings involving {n} plan(s): {plans}; the other {rest} plan(s) were not checked "
                    "in this run",
           "nothing": "nothing to check: the change involves no plan, so no plan was checked in this run",
           "more": " and {n} more", "sep": ", ", "unchecked": "not checked in this run"},
}


def checked(report: Any, plan_id: str) -> bool:
    """Whether this run checked the plan (every plan, unless the run was narrowed)."""
    return report.selected is None or plan_id in report.selected


def focus_text(report: Any, lang: str) -> Optional[str]:
    """The sentence naming the focus of a narrowed run; None when every plan was checked."""
    if report.selected is None:
        return None
    texts = TEXTS["en" if lang == "en" else "zh"]
    ids = [plan_id for plan_id in report.corpus.plans if plan_id in report.selected]
    rest = len(report.corpus.plans) - len(ids)
    if not ids:
        return texts["nothing"]
    named = texts["sep"].join(ids[:SHOWN])
    if len(ids) > SHOWN:
        named += texts["more"].format(n=len(ids) - SHOWN)
    return texts["focus"].format(n=len(ids), plans=named, rest=rest)


def unchecked_label(lang: str) -> str:
    return TEXTS["en" if lang == "en" else "zh"]["unchecked"]
