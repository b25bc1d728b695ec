"""under5_mortality: the under-5 mortality rate cannot be below the infant mortality rate.

A test-only rule function (tests/test_new_rule.py registers it): every infant death is also a death
under five, so for one region and year 5 岁以下儿童死亡率 must be at least 婴儿死亡率. It exists to show
that a rule is one module: documentation, messages, evidence, arithmetic, chart and advice live here,
and the HTML report draws them with no renderer change.

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

FAIL: 4‰ of children die before five, but 6‰ before one::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: infant, indicator: infant_mortality_rate, unit: ‰, target: {year: 2025, value: 6}}
          - {id: under5, indicator: under5_mortality_rate, unit: ‰, target: {year: 2025, value: 4}}

PASS: 8‰ before five, 6‰ before one::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: infant, indicator: infant_mortality_rate, unit: ‰, target: {year: 2025, value: 6}}
          - {id: under5, indicator: under5_mortality_rate, unit: ‰, target: {year: 2025, value: 8}}
"""

from __future__ import annotations

from typing import Any, Iterator

from checker.evidence import Advice, Bar, IntervalChart, Label, Shows, Text, interval_text, listed
from checker.functions.base import TOLERANCE_OPTIONS, Context, Hit, defaults, options_schema, target_name, tolerance, words
from checker.model import Plan
from checker.quantities import interval_of, quantity_evidence

ID = "under5_mortality"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(**TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

LABELS = {"gap": Text("差距（千分点）", "gap (per mille points)")}
ADVICE = Advice(zh="把5岁以下儿童死亡率提高到至少{infant}，或核对婴儿死亡率。",
                en="Raise the under-5 mortality rate to at least {infant}, or check the infant mortality rate.")
UNDER5 = Text("5岁以下儿童死亡率", "under-5 mortality")
INFANT = Text("婴儿死亡率", "infant mortality")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    tol = tolerance(options)
    infants = {(t.scope, t.target.year): t for t in plan.targets
               if t.indicator == "infant_mortality_rate" and t.target is not None and t.target.has_number}
    for under5 in plan.targets:
        if under5.indicator != "under5_mortality_rate" or under5.target is None or not under5.target.has_number:
            continue
        infant = infants.get((under5.scope, under5.target.year))
        if infant is None:
            continue
        low = interval_of(under5.target, under5.unit, tol, canonical=False)
        floor = interval_of(infant.target, infant.unit, tol, canonical=False)
        if low.high >= floor.low:
            continue
        evidence = {"this": quantity_evidence(under5.target, under5.unit),
                    "other": quantity_evidence(infant.target, infant.unit), "gap": round(floor.low - low.high, 6)}
        yield Hit(
            at=under5, related=[infant],
            zh=f"{target_name(under5, ctx, 'zh')}为{words(under5, under5.target, 'zh')}，低于婴儿死亡率"
               f"{words(infant, infant.target, 'zh')}",
            en=f"{target_name(under5, ctx, 'en')} is {words(under5, under5.target, 'en')}, below the infant "
               f"mortality rate {words(infant, infant.target, 'en')}",
            evidence=evidence,
            shows=Shows(
                values=(under5.target, infant.target),
                arithmetic=(Text.of(lambda lang: f"{UNDER5(lang)} {interval_text(low, under5.unit)} < "
                                                 f"{INFANT(lang)} {interval_text(floor, infant.unit)}"),
                            *listed(evidence, under5.unit or "", LABELS, ctx.names)),
                chart=IntervalChart((Bar(Label(UNDER5, "this"), low.low, low.high, "this"),
                                     Bar(Label(INFANT), floor.low, floor.high, "other")), under5.unit or ""),
                advice=ADVICE.fill(lambda lang: {"infant": words(infant, infant.target, lang)})))
