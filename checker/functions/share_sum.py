"""share_sum: shares of one total claimed by different regions add up past 100%.

Two districts each claiming "占全市GDP 60%以上" cannot both be right. The rule adds the smallest share each
region claims of the same region's total, indicator and year, and reports a sum above 100%.

Options (defaults)::

    limit: 100.0    # percent

FAIL::

    plans:
      - id: zhongshan
        region: "520201"
        targets:
          - {id: gdp-share, indicator: gdp, unit: "%", share_of: "520200", target: {year: 2025, value: 60, op: ">="}}
      - id: shuicheng
        region: "520204"
        targets:
          - {id: gdp-share, indicator: gdp, unit: "%", share_of: "520200", target: {year: 2025, value: 45, op: ">="}}

PASS::

    plans:
      - id: zhongshan
        region: "520201"
        targets:
          - {id: gdp-share, indicator: gdp, unit: "%", share_of: "520200", target: {year: 2025, value: 40, op: ">="}}
      - id: shuicheng
        region: "520204"
        targets:
          - {id: gdp-share, indicator: gdp, unit: "%", share_of: "520200", target: {year: 2025, value: 45, op: ">="}}
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..model import Target
from ..numbers import derived_places, number_text
from ..quantities import interval_of
from .base import Context, Hit, defaults, options_schema, target_name

ID = "share_sum"
GIVEN = ("region",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema(
    limit={"type": "number", "exclusiveMinimum": 0, "default": 100.0,
           "description": "the most the shares of one total may add up to, in percent"})
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"claims": Text("各地区份额", "shares claimed")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="各地区对同一总量所占份额之和超过100%：与相关地区及上级协调份额。",
    en="The shares claimed of one total add up past 100%: agree the shares with the other regions and the upper plan.")


def check(code: str, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    claims: dict[tuple[str, int, bool], dict[str, tuple[Target, float]]] = defaultdict(dict)
    for indicator in sorted(ctx.graph.shared_indicators.get(code, ())):
        for target in ctx.graph.shares_of[(indicator, code)]:
            if target.target is None or not target.target.has_number or target.target.year is None:
                continue
            low = interval_of(target.target, "%", canonical=False).low
            key = (indicator, target.target.year, target.cumulative)
            if target.scope == code:
                continue
            current = claims[key].get(target.scope)
            if current is None or low < current[1]:
                claims[key][target.scope] = (target, low)
    for (indicator, year, _), by_region in sorted(claims.items()):
        if len(by_region) < 2:
            continue
        total = sum(low for _, low in by_region.values())
        if total <= float(options["limit"]):
            continue
        ordered = [by_region[r] for r in sorted(by_region)]
        first = ordered[-1][0]
        places = derived_places([low for _, low in ordered] + [total], [t.target for t, _ in ordered])
        listing = "、".join(f"{ctx.region_name(t.scope)} {number_text(low, places)}%" for t, low in ordered)
        listing_en = ", ".join(f"{ctx.region_name(t.scope)} {number_text(low, places)}%" for t, low in ordered)
        evidence = {"sum": round(total, 6), "claims": {t.scope: low for t, low in ordered}}
        yield Hit(
            at=first, related=[t for t, _ in ordered[:-1]], key=f"{indicator}/{year}", region=code,
            zh=f"{target_name(first, ctx, 'zh')}：各区域对{ctx.region_name(code)}{year}年总量所占份额合计至少"
               f"{number_text(total, places)}%（{listing}），超过100%",
            en=f"{target_name(first, ctx, 'en')}: the shares of {ctx.region_name(code)}'s {year} total claimed by "
               f"different regions add up to at least {number_text(total, places)}% ({listing_en}), more than 100%",
            evidence=evidence,
            shows=Shows(labels=LABELS, advice=ADVICE.fill()))
