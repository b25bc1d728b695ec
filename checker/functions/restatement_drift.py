"""restatement_drift: one number restated with another bound, or the same number under two deadlines.

A plan often states a target twice, in its table and again in the prose. Where both are floors (以上) or
both ceilings (以内) for the same indicator, region and year but with different bounds — the table's
"基本社会保险覆盖率 96以上" and the prose's "社会保险覆盖率达98%以上" for 2025 — they do not contradict each
other, yet one of them is not what the plan means; the finding says which is looser. Bounds are compared as
printed, allowing the last digit of the finer one. Period totals are compared only with period totals,
so an annual 2.5万 never meets a five-year 13万.

The same period total under two deadlines ("3.93万户" in the table's 2025 column and "2023年底前" in the
prose) is reported for the record (info); a level held at one value for several years is not.

Options (defaults): none.

FAIL: 96% or more in the table, 98% or more in the prose, both for 2025::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: table, indicator: social_insurance_coverage, unit: "%", target: {year: 2025, value: 96, op: ">="},
             source: {table: 专栏2, line: 10, quote: "96以上"}}
          - {id: prose, indicator: social_insurance_coverage, unit: "%", target: {year: 2025, value: 98, op: ">="}}

INFO: the same 3.93万户 due by 2025 in the table and by 2023 in the prose::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: table, indicator: shantytown_renovation, unit: 万户, cumulative: true, target: {year: 2025, value: 3.93}}
          - {id: prose, indicator: shantytown_renovation, unit: 万户, cumulative: true, target: {year: 2023, value: 3.93}}

PASS: an annual figure beside a period total, a plain value and a floor, a level held at one value::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: total, indicator: urban_new_jobs, unit: 万人, cumulative: true, target: {year: 2025, value: 13}}
          - {id: annual, indicator: urban_new_jobs, unit: 万人, target: {year: 2025, value: 2.5, op: ">="}}
          - {id: table, indicator: forest_coverage, unit: "%", target: {year: 2025, value: 55}}
          - {id: prose, indicator: forest_coverage, unit: "%", target: {year: 2025, value: 55, op: ">="}}
          - {id: held, indicator: forest_coverage, unit: "%", target: {year: 2023, value: 55}}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..model import Plan, Target
from ..quantities import describe, printed_half_step
from ..units import dimension_or_none
from ..evidence import Advice, Shows, Text, table_name
from .base import Context, defaults, Hit, options_schema, target_name, unit_factor

ID = "restatement_drift"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)
ADVICE = Advice(zh="同一目标只写一个数：{looser}与{stricter}取其一，另一处改为一致。",
                en="State one number for one target: keep {looser} or {stricter} and make the other place agree.")

_SENSE = {">=": "floor", ">": "floor", "<=": "cap", "<": "cap"}


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    bounds: dict[tuple, list[Target]] = {}
    values: dict[tuple, list[Target]] = {}
    for target in sorted(plan.targets, key=lambda t: t.id):
        q = target.target
        if q is None or q.value is None or q.year is None:
            continue
        kind = (target.indicator, target.scope, target.cumulative, target.share_of, dimension_or_none(target.unit))
        sense = _SENSE.get(q.op)
        if sense is not None:
            bounds.setdefault((*kind, q.year, sense), []).append(target)
        if target.cumulative:  # a level may well be held at one value for years; a period total is due once
            values.setdefault((*kind, q.op, _canonical(target)), []).append(target)
    for (indicator, scope, _, _, _, year, sense), stated in bounds.items():
        found = _drift(stated, sense)
        if found is None:
            continue
        loose, strict = found
        same_as_strict = [t for t in stated if _canonical(t) == _canonical(strict)]
        yield Hit(
            at=loose, related=same_as_strict, key=f"drift/{strict.id}", indicator=indicator, region=scope,
            zh=f"{target_name(loose, ctx, 'zh')}{year}年在{_where(loose, 'zh')}写作{describe(loose.target, loose.unit, 'zh')}，"
               f"在{_where(strict, 'zh')}写作{describe(strict.target, strict.unit, 'zh')}：同一目标两种{'下限' if sense == 'floor' else '上限'}，"
               f"前者较宽松",
            en=f"{target_name(loose, ctx, 'en')} {year} reads {describe(loose.target, loose.unit, 'en')} in "
               f"{_where(loose, 'en')} and {describe(strict.target, strict.unit, 'en')} in {_where(strict, 'en')}: "
               f"one target with two {'floors' if sense == 'floor' else 'ceilings'}, the first the looser",
            evidence={"looser": {"target": loose.key, "line": loose.source.line, "table": loose.source.table},
                      "stricter": [{"target": t.key, "line": t.source.line, "table": t.source.table}
                                   for t in same_as_strict],
                      "sense": sense},
            shows=Shows(values=(loose.target, *(t.target for t in same_as_strict)),
                        arithmetic=(Text.of(lambda lang: f"{_where(loose, lang)}: {describe(loose.target, loose.unit, lang)}"),
                                    *(Text.of(lambda lang, t=t: f"{_where(t, lang)}: {describe(t.target, t.unit, lang)}")
                                      for t in same_as_strict)),
                        advice=ADVICE.fill(lambda lang: {"looser": describe(loose.target, loose.unit, lang),
                                                         "stricter": describe(strict.target, strict.unit, lang)})))
    for (indicator, scope, *_), stated in values.items():
        if len(stated) < 2:
            continue
        years = sorted({t.target.year for t in stated})
        if len(years) < 2:
            continue
        first = min(stated, key=lambda t: (t.target.year, t.id))
        others = [t for t in stated if t.target.year != first.target.year]
        yield Hit(
            at=first, related=others, key=f"deadline/{first.id}", indicator=indicator, region=scope, severity="info",
            zh=f"{target_name(first, ctx, 'zh')}同一数值{describe(first.target, first.unit, 'zh').split(' ', 1)[-1]}"
               f"有{'、'.join(str(y) for y in years)}年两个期限（{_where(first, 'zh')}与{_where(others[0], 'zh')}），请核对",
            en=f"{target_name(first, ctx, 'en')}: the same value is due by {' and by '.join(str(y) for y in years)} "
               f"({_where(first, 'en')} and {_where(others[0], 'en')}); check which deadline is meant",
            evidence={"years": years, "targets": [t.key for t in stated]},
            shows=Shows(values=(first.target, *(t.target for t in others)),
                        arithmetic=tuple(Text.of(lambda lang, t=t: f"{_where(t, lang)}: {describe(t.target, t.unit, lang)}")
                                         for t in [first, *others]),
                        advice=ADVICE.fill(lambda lang: {"looser": describe(first.target, first.unit, lang),
                                                         "stricter": describe(others[0].target, others[0].unit, lang)})))


def _canonical(target: Target) -> float:
    """The value in the unit of its dimension (3.93万户 and 39300户 are one value)."""
    return round(target.target.value * unit_factor(target.unit), 6)


def _drift(stated: list[Target], sense: str):
    """(looser, stricter) for the first pair whose printed bounds differ, or None."""
    for i, a in enumerate(stated):
        for b in stated[i + 1:]:
            step = min(printed_half_step(a.target.value), printed_half_step(b.target.value))
            va, vb = _canonical(a), _canonical(b)
            if abs(va - vb) <= step * unit_factor(a.unit):
                continue
            lower, higher = (a, b) if va < vb else (b, a)
            return (lower, higher) if sense == "floor" else (higher, lower)
    return None


def _where(target: Target, lang: str) -> str:
    source = target.source
    if source.table:
        return f"{source.table}（第{source.line}行）" if lang == "zh" else f"{table_name(source.table, lang)} (line {source.line})"
    return f"正文第{source.line}行" if lang == "zh" else f"the text at line {source.line}"
