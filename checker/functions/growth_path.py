"""growth_path: the base value carried along the stated growth rate must reach the target.

A plan that says GDP goes from 309.17亿元 (2020) to 500亿元 (2025) at 8.6% a year contradicts itself:
309.17 × 1.086^5 ≈ 467. The rule carries the base interval along the growth interval to the target year
and reports when the result cannot meet the target's interval. The evidence gives the growth rate the
target really needs and how far the stated rate is from it.

Growth rates of money values are at constant prices while levels are at current prices, so for a money
value the gap is a price index: (1 + needed) / (1 + stated) − 1 is the deflator the plan implies. Within
`deflator_band` (an ordinary price change, ±3%/yr by default) the finding is info and says so; beyond it
the finding keeps the rule's severity and the message states the deflator it would take.

Options (defaults)::

    about_relative: 0.03   # width of '~' (左右) on a level, relative
    about_points: 0.5      # width of '~' on a percentage or growth rate, in points
    deflator_band: 3.0     # an implied price change within ±this %/yr explains a money gap (info)

FAIL: 100 growing 5% a year for 5 years is about 127.6, not 200 (a 9.5%/yr deflator)::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, base: {year: 2020, value: 100},
             growth: {value: 5}, target: {year: 2025, value: 200}}

INFO: 100 at 5% is 127.6; 135 needs 6.2%/yr, a 1.1%/yr deflator, an ordinary price change::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, base: {year: 2020, value: 100},
             growth: {value: 5}, target: {year: 2025, value: 135}}

PASS: 100 × 1.05^5 = 127.6 ≈ 128::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: gdp, indicator: gdp, unit: 亿元, base: {year: 2020, value: 100},
             growth: {value: 5, op: "~"}, target: {year: 2025, value: 128}}
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from ..evidence import Advice, Bar, Label, PathChart, Shows, Text, bounds
from ..model import Quantity, Target
from ..numbers import derived_places, number_text, written
from ..quantities import describe, format_number, implied_growth, interval_of, project, quantity_evidence
from .base import (Context, GOAL, Hit, TOLERANCE_OPTIONS, defaults, describe_growth, interval_words, options_schema,
                   target_name, tolerance, words)

ID = "growth_path"
GIVEN = ("target",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    **TOLERANCE_OPTIONS,
    deflator_band={"type": "number", "minimum": 0, "default": 3.0,
                   "description": "an implied yearly price change within ±this % explains a money gap (info)"})
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

REACHED = Text("按增速推算可达", "reached by the stated growth")
NEEDED = Text("需年均增长 {g}%", "needs {g}% a year")

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="基期值、年均增速和目标值三者不能同时成立，至少改一项：把年均增速改为约{needed}%；或把{year}年目标改到按现有增速推算的{reached}之内；或核对基期值。"
       "若增速按可比价、目标按现价计算，请在表注中写明口径，以免误读。",
    en="Base, growth rate and target cannot all hold; change one: set the growth to about {needed}% a year; or move the "
       "{year} target into {reached}, which the stated growth reaches; or check the base value. If growth is at "
       "constant prices and the target at current prices, say so in a table note.")


def implied_deflator(stated: float, needed: float) -> float:
    """The yearly price change (%) that turns a real growth of `stated` % into a nominal one of `needed` %."""
    return ((1 + needed / 100) / (1 + stated / 100) - 1) * 100


def _middle(quantity: Quantity) -> Optional[float]:
    if quantity.value is not None:
        return quantity.value
    return None if quantity.low is None else (quantity.low + quantity.high) / 2


def check(target: Target, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    base, goal, growth = target.base, target.target, target.growth
    if target.cumulative or target.share_of or not (base and goal and growth):
        return
    if not (base.has_number and goal.has_number and growth.has_number) or goal.year is None:
        return
    start = base.year or ctx.plan(target.plan).period.base_year
    years = goal.year - start
    if years <= 0:
        return
    tol = tolerance(options)
    rate = interval_of(growth, "%", tol)
    reached = project(interval_of(base, target.unit, tol, canonical=False), rate, years)
    stated = interval_of(goal, target.unit, tol, canonical=False)
    if reached.intersects(stated):
        return
    base_value, goal_value, stated_rate = _middle(base), _middle(goal), _middle(growth)
    needed = implied_growth(base_value, goal_value, years) if base_value and goal_value else None
    growth_ev = quantity_evidence(growth, "%")
    name_zh, name_en = target_name(target, ctx, "zh"), target_name(target, ctx, "en")
    # the needed rate is no more precise than base and target, yet never prints as the stated rate does
    needed_text = None if needed is None else number_text(needed, derived_places(
        (needed,), (base, goal), () if stated_rate is None else (stated_rate,)))
    need_zh = f"，达到目标需年均增长约{needed_text}%" if needed is not None else ""
    need_en = f"; reaching the target needs about {needed_text}% a year" if needed is not None else ""
    money = bool(ctx.indicators.get(target.indicator)) and ctx.indicators[target.indicator].dimension == "currency"
    deflator = implied_deflator(stated_rate, needed) if money and needed is not None and stated_rate is not None \
        else None
    band = float(options.get("deflator_band", OPTIONS["deflator_band"]))
    ordinary = deflator is not None and abs(deflator) <= band
    price_zh = price_en = ""
    if deflator is not None:
        deflator_text = number_text(deflator, derived_places((deflator,), (base, goal, growth), (band, -band)))
        judged_zh = f"在常见价格变动（±{band:g}%/年）以内" if ordinary else f"超出常见价格变动（±{band:g}%/年）"
        judged_en = (f"within an ordinary price change (±{band:g}%/yr)" if ordinary
                     else f"beyond an ordinary price change (±{band:g}%/yr)")
        price_zh = f"（增速按可比价、总量按现价计，隐含价格年均变动约{deflator_text}%，{judged_zh}）"
        price_en = f" (growth at constant prices, levels at current ones: an implied price change of about " \
                   f"{deflator_text}% a year, {judged_en})"
    over = reached.low > stated.high  # the path overshoots the target rather than falling short
    verdict_zh = "超过规划目标" if over else "达不到规划目标"
    verdict_en = "which overshoots the target" if over else "which cannot meet the target"
    evidence = {"this": quantity_evidence(goal, target.unit), "base": quantity_evidence(base, target.unit),
                "growth": growth_ev, "years": years, "projected": reached.as_dict(), "stated": stated.as_dict(),
                "implied_growth": None if needed is None else round(needed, 2)}
    if needed is not None and stated_rate is not None:
        evidence["rate_gap"] = round(abs(needed - stated_rate), 2)  # points between stated and needed: the rank
    if deflator is not None:
        evidence["implied_deflator"] = round(deflator, 2)
        evidence["deflator_band"] = band

    def reached_words(lang: str) -> str:
        return interval_words(reached, target.unit, lang, (base, growth), written(goal), canonical=False)

    yield Hit(
        at=target, severity="info" if ordinary else None, rank=evidence.get("rate_gap"),
        zh=f"{name_zh}：{words(target, base, 'zh')}按年均增长{describe_growth(growth_ev, 'zh')}推算{years}年，"
           f"{goal.year}年为{reached_words('zh')}，{verdict_zh}"
           f"{words(target, goal, 'zh')}{need_zh}{price_zh}",
        en=f"{name_en}: {words(target, base, 'en')} growing {describe_growth(growth_ev, 'en')} a year for {years} "
           f"years reaches {reached_words('en')} in {goal.year}, {verdict_en} "
           f"{words(target, goal, 'en')}{need_en}{price_en}",
        evidence=evidence, shows=Shows(
            values=(goal,),
            arithmetic=_steps(target, evidence, reached_words, needed_text),
            chart=_chart(target, evidence, start, needed_text),
            advice=ADVICE.fill(lambda lang: {"needed": needed_text, "year": str(goal.year),
                                             "reached": reached_words(lang)})))


def _steps(target: Target, evidence: dict[str, Any], reached_words: Callable[[str], str],
           needed_text: Optional[str]) -> tuple[Text, ...]:
    """The base compounded at the stated rate (when both are single numbers), what the stated growth
    reaches against the goal, and the growth the goal needs."""
    base, rate, years = target.base.value, target.growth.value, evidence["years"]
    steps = []
    if base is not None and rate is not None:
        compounded = base * (1 + rate / 100) ** years
        result = number_text(compounded, derived_places((compounded,), (target.base, target.growth)))
        compounding = f"{format_number(base)} × (1 + {format_number(rate)}%)^{years} ≈ {result}"
        steps.append(Text(compounding, compounding))
    steps.append(Text.of(lambda lang: f"{REACHED(lang)}: {reached_words(lang)}; "
                                      f"{GOAL(lang)}: {describe(target.target, target.unit, lang)}"))
    if needed_text is not None:
        steps.append(Text.of(lambda lang: NEEDED(lang).format(g=needed_text)))
    return tuple(steps)


def _chart(target: Target, evidence: dict[str, Any], start: int, needed_text: Optional[str]) -> Optional[PathChart]:
    """The base carried along the stated growth (a widening band) against the target."""
    if target.base.value is None:
        return None  # a base stated as a range has no single start point
    goal = Bar(Label(Text.of(lambda lang: f"{GOAL(lang)} {describe(target.target, target.unit, lang)}")),
               *bounds(evidence["stated"]), "conflict")
    needed = evidence["implied_growth"]
    return PathChart((start, target.base.value), (target.target.year, *bounds(evidence["projected"])), goal,
                     target.target.year, target.unit or "", Label(REACHED), needed,
                     Text.of(lambda lang: NEEDED(lang).format(g=needed_text)) if needed is not None
                     else Text("", ""))
