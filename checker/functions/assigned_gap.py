"""assigned_gap: the plan above sets a number for this region, and this region's plan does not answer it.

The city's plan gives 钟山区 a target for its urban-area population; if 钟山区's plan has no target for that
indicator, the drafter has either forgotten the city's assignment or declined it, and a reviewer should
know which. Only master plans (纲要) are expected to answer every assignment; a special plan covers its
own subject.

Before saying "no target" the rule looks where the plan may have answered under another id (the
catalogue's relations, see checker/indicators.py) and compares:

- the terms of a sum (`sum_of`: 新建 + 改造 = 建设改造): the terms the plan states give a lower bound,
  all of them the value; a derivation (`ratio_of`: urban population = urbanization rate × resident
  population) gives the value too. Met: silent. Certainly short: a shortfall finding. Undecided: info;
- a combined count (`includes`: 燃气及供热) that holds the quantity: info, it cannot be split;
- a variant counted in another unit (`variant_of`: 26 projects against 1.1519万户): info, "different unit".

A plan published before the upper plan cannot have answered it: such a gap is info, for the mid-term
review, and says so. (Both plans must carry `published`; the rule never guesses a date.)

Options (defaults)::

    about_relative: 0.03
    about_points: 0.5

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

FAIL: 新建 10 + 改造 5 cannot reach the 建设改造 20 the city sets::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: new, indicator: new_water_supply_pipes, unit: km, target: {year: 2025, value: 10}}
          - {id: renovated, indicator: renovated_water_supply_pipes, unit: km, target: {year: 2025, value: 5}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-pipes, indicator: water_supply_pipe_renovation, scope: "520201", unit: 公里,
             target: {year: 2025, value: 20}}

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

PASS: 新建 150 + 改造 40 meet 建设改造 20; 100万 × 75% meets 70万 urban residents::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: new, indicator: new_water_supply_pipes, unit: km, target: {year: 2025, value: 150, op: ">="}}
          - {id: renovated, indicator: renovated_water_supply_pipes, unit: km,
             target: {year: 2025, value: 40, op: ">="}}
          - {id: population, indicator: resident_population, unit: 万人, target: {year: 2025, value: 100, op: "~"}}
          - {id: urbanization, indicator: urbanization_rate, unit: "%", target: {year: 2025, value: 75}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-pipes, indicator: water_supply_pipe_renovation, scope: "520201", unit: 公里,
             target: {year: 2025, value: 20}}
          - {id: zhongshan-urban, indicator: urban_population, scope: "520201", unit: 万人,
             target: {year: 2025, value: 70, op: ">="}}

INFO: the county counts projects where the city counts households::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: projects, indicator: shantytown_projects, unit: 个, target: {year: 2025, value: 26}}
      - id: city
        region: "520200"
        level: municipal
        targets:
          - {id: zhongshan-shantytown, indicator: shantytown_renovation, scope: "520201", unit: 万户,
             target: {year: 2025, value: 1.15}}

INFO: the county's plan predates the city's::

    plans:
      - id: county
        region: "520201"
        published: 2021
      - id: city
        region: "520200"
        level: municipal
        published: 2022
        targets:
          - {id: zhongshan-alleys, indicator: back_alley_renovation, scope: "520201", unit: 条,
             target: {year: 2025, value: 115}}
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Optional

from ..evidence import Advice, Shows, Text
from ..model import Plan, Target
from ..numbers import derived_places, number_text, written
from ..quantities import INF, Interval, interval_of, quantity_evidence
from ..unit_names import unit_suffix
from ..units import UnitError, parse_unit
from .base import (Context, Hit, TOLERANCE_OPTIONS, defaults, in_unit, interval_words, options_schema, other_words,
                   target_name, tolerance, words)

ID = "assigned_gap"
GIVEN = ("plan",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(**TOLERANCE_OPTIONS)
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="上级规划为本地区设定了{other_name}（{other}）：在本规划中增加相应目标，或在说明中写明不纳入的理由。",
    en="The upper plan sets {other_name} ({other}) for this region: add a matching target, or state why this plan leaves it out.")


@dataclass
class Answer:
    """What the plan says for a quantity under other ids: an interval (canonical unit) and the targets used."""

    interval: Interval
    basis: list[Target] = field(default_factory=list)
    how: str = ""  # 'sum' | 'derived'
    floor: float = 0.0  # the stated numbers' lower sum in the canonical unit, as written (no rounding margin)


def _own(plan: Plan, year: int) -> dict[str, list[Target]]:
    out: dict[str, list[Target]] = {}
    for target in plan.targets:
        if target.scope == plan.region and target.target is not None and target.target.has_number \
                and target.target.year == year:
            out.setdefault(target.indicator, []).append(target)
    for targets in out.values():
        targets.sort(key=lambda t: t.id)  # which statement answers does not depend on file order
    return out


def _answer(indicator: str, own: dict[str, list[Target]], ctx: Context, options: dict, depth: int = 0
            ) -> Optional[Answer]:
    """The plan's value for `indicator`: stated, the sum of its stated terms, or derived from a rate."""
    tol = tolerance(options)
    if own.get(indicator):
        target = own[indicator][0]
        return Answer(interval_of(target.target, target.unit, tol), [target], floor=_written(target))
    if depth > 2:
        return None
    entry = ctx.indicators.get(indicator)
    if entry is not None and entry.sum_of:
        terms = [_answer(term, own, ctx, options, depth + 1) for term in entry.sum_of]
        stated = [t for t in terms if t is not None]
        if stated:
            low = sum(max(t.interval.low, 0.0) for t in stated)  # unstated terms add nothing below
            high = sum(t.interval.high for t in stated) if len(stated) == len(terms) else INF
            return Answer(Interval(low, high), [b for t in stated for b in t.basis], "sum",
                          sum(t.floor for t in stated))
    for rate in ctx.indicators.values():  # numerator = rate × denominator / 100
        if rate.ratio_of is None or rate.ratio_of[0] != indicator or not own.get(rate.id):
            continue
        whole = _answer(rate.ratio_of[1], own, ctx, options, depth + 1)
        if whole is None or whole.interval.low < 0:
            continue
        share = own[rate.id][0]
        r = interval_of(share.target, share.unit, tol, canonical=False)
        return Answer(Interval(r.low * whole.interval.low / 100, r.high * whole.interval.high / 100),
                      [share, *whole.basis], "derived")
    return None


def _written(target: Target) -> float:
    """The number as written (the lower end of a range), in the canonical unit."""
    quantity = target.target
    number = quantity.value if quantity.value is not None else quantity.low
    try:
        return number * parse_unit(target.unit).factor if target.unit else number
    except UnitError:
        return number


def _counted_with(indicator: str, own: dict[str, list[Target]], ctx: Context) -> list[Target]:
    """Own targets of an indicator that counts this one (or a term of it) together with something else."""
    entry = ctx.indicators.get(indicator)
    terms = [indicator, *(entry.sum_of if entry else ())]
    return [t for term in terms for combined in ctx.indicators.including(term) for t in own.get(combined.id, ())]


def _variants(indicator: str, plan: Plan, ctx: Context) -> list[Target]:
    ids = ctx.indicators.variants(indicator)
    return [t for t in plan.targets if t.scope == plan.region and t.indicator in ids]


def _chronology(plan: Plan, upper: Plan) -> tuple[str, str]:
    if plan.published is None or upper.published is None or plan.published >= upper.published:
        return "", ""
    return (f"（本规划{plan.published}年发布，早于上级规划（{upper.published}年），无从回应，留待中期评估）",
            f" (this plan was published in {plan.published}, before the upper plan ({upper.published}); a matter for "
            f"the mid-term review, not a drafting error)")


def check(plan: Plan, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    if plan.kind != "master":
        return  # a special plan (专项规划) covers its own subject, not everything assigned to its region
    stated = {t.indicator for t in plan.targets if t.scope == plan.region}
    tol = tolerance(options)
    for upper in ctx.graph.upper_plans(plan):
        late_zh, late_en = _chronology(plan, upper)
        for other in upper.targets:
            if other.scope != plan.region or other.indicator in stated or other.share_of is not None:
                continue
            name_zh, name_en = target_name(other, ctx, "zh"), target_name(other, ctx, "en")
            region, asked_zh, asked_en = ctx.region_name(plan.region), words(other, other.target, "zh"), \
                words(other, other.target, "en")
            evidence: dict[str, Any] = {"other": quantity_evidence(other.target, other.unit)}
            shows = Shows(values=(None, other.target), advice=ADVICE.fill(lambda lang: {
                "other_name": ctx.names.target(other, lang), "other": other_words(evidence, lang)}))
            hit = dict(at=plan, indicator=other.indicator, region=plan.region, key=other.key, shows=shows)
            year = other.target.year if other.target is not None else None
            own = _own(plan, year) if year is not None and other.target.has_number else {}
            answer = _answer(other.indicator, own, ctx, options) if own else None
            wanted = interval_of(other.target, other.unit, tol) if own else None
            if answer is not None and wanted is not None:
                if answer.interval.low >= wanted.low:
                    continue  # met under other ids
                basis = "、".join(target_name(t, ctx, "zh") for t in answer.basis)
                basis_en = ", ".join(target_name(t, ctx, "en") for t in answer.basis)
                inputs = [(t.target, t.unit) for t in answer.basis]
                shown, shown_en = (interval_words(answer.interval, other.unit, lang, inputs, written(other.target))
                                   for lang in ("zh", "en"))
                # the card: this plan's own numbers in the upper plan's unit, against what it asks
                hit["shows"] = replace(shows, arithmetic=(
                    Text(f"{basis} = {shown}", f"{basis_en} = {shown_en}"),
                    Text(f"{name_zh}: {asked_zh}", f"{name_en}: {asked_en}")))
                evidence.update({"answer": {"how": answer.how, "interval": answer.interval.as_dict(),
                                            "targets": [t.id for t in answer.basis]}})
                if answer.interval.high < wanted.low:
                    yield Hit(**hit, related=[other, *answer.basis], evidence=evidence,
                              severity="info" if late_zh else None,
                              zh=f"{upper.title}为{region}设定了{name_zh}（{asked_zh}），本规划相应的{basis}"
                                 f"{'合计' if answer.how == 'sum' else '推算'}为{shown}，达不到{late_zh}",
                              en=f"{ctx.plan_name(upper.id, 'en')} sets {name_en} for {region} ({asked_en}); this plan's {basis_en} "
                                 f"{'add up to' if answer.how == 'sum' else 'imply'} {shown_en}, short of it{late_en}")
                    continue
                combined = _counted_with(other.indicator, own, ctx)
                extra = [t for t in combined if t not in answer.basis]
                together = f"，另有{'、'.join(target_name(t, ctx, 'zh') for t in extra)}合并计列、无法拆分" if extra else ""
                together_en = (f", and {', '.join(target_name(t, ctx, 'en') for t in extra)} counts it together with "
                               f"something else" if extra else "")
                yield Hit(**hit, related=[other, *answer.basis, *extra], evidence=evidence, severity="info",
                          zh=f"{upper.title}为{region}设定了{name_zh}（{asked_zh}），本规划只写了{basis}（至少"
                             f"{format_low(answer.floor, other.unit, 'zh', inputs)}）{together}，是否达到无法判断",
                          en=f"{ctx.plan_name(upper.id, 'en')} sets {name_en} for {region} ({asked_en}); this plan states only {basis_en} "
                             f"(at least {format_low(answer.floor, other.unit, 'en', inputs)}){together_en}: cannot tell whether it "
                             f"is met")
                continue
            combined = _counted_with(other.indicator, own, ctx) if own else []
            if combined:
                names = "、".join(target_name(t, ctx, "zh") for t in combined)
                yield Hit(**hit, related=[other, *combined], evidence=evidence, severity="info",
                          zh=f"{upper.title}为{region}设定了{name_zh}（{asked_zh}），本规划把它与其他项合并计列"
                             f"（{names}），无法拆分核对",
                          en=f"{ctx.plan_name(upper.id, 'en')} sets {name_en} for {region} ({asked_en}); this plan counts it together with "
                             f"something else ({', '.join(target_name(t, ctx, 'en') for t in combined)}), which "
                             f"cannot be split")
                continue
            variants = _variants(other.indicator, plan, ctx)
            if variants:
                mine = "、".join(f"{target_name(t, ctx, 'zh')}（{words(t, t.target, 'zh')}）" for t in variants)
                yield Hit(**hit, related=[other, *variants], evidence=evidence, severity="info",
                          zh=f"{upper.title}为{region}设定了{name_zh}（{asked_zh}），本规划以不同单位计列：{mine}，"
                             f"二者不能换算比较",
                          en=f"{ctx.plan_name(upper.id, 'en')} sets {name_en} for {region} ({asked_en}); this plan counts the same thing in "
                             f"another unit ({', '.join(target_name(t, ctx, 'en') for t in variants)}), which does "
                             f"not convert")
                continue
            yield Hit(**hit, related=[other], evidence=evidence, severity="info" if late_zh else None,
                      zh=f"{upper.title}为{region}设定了{name_zh}（{asked_zh}），本规划没有相应目标{late_zh}",
                      en=f"{ctx.plan_name(upper.id, 'en')} sets {name_en} for {region} ({asked_en}), and this plan states no target "
                         f"for it{late_en}")


def format_low(value: float, unit: Optional[str], lang: str, inputs: list) -> str:
    """A canonical lower bound in the plan's unit, as precise as the numbers it was added from."""
    shown = in_unit(value, unit)
    return number_text(shown, derived_places((shown,), inputs, unit=unit)) + unit_suffix(unit, lang)
