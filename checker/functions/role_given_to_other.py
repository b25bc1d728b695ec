"""role_given_to_other: a plan claims a role for its own region that the plan above gives to another.

If the city's plan names 水城区 as "全市物流枢纽" and 钟山区's plan claims "全市物流枢纽" for itself, the
county plan contradicts the city's division of roles. Roles match on their text, ignoring blanks and
punctuation; a role the upper plan gives to a group the county belongs to is not "another" region.

Options: none.

FAIL::

    plans:
      - id: county
        region: "520201"
        roles:
          - {id: hub, text: 全市物流枢纽, scope: "520201"}
      - id: city
        region: "520200"
        level: municipal
        roles:
          - {id: hub, text: 全市物流枢纽, scope: "520204"}

PASS::

    plans:
      - id: county
        region: "520201"
        roles:
          - {id: hub, text: 全市物流枢纽, scope: "520201"}
      - id: city
        region: "520200"
        level: municipal
        roles:
          - {id: hub, text: 全市物流枢纽, scope: "liupanshui-central-city"}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows, Text
from ..graph import normalize_text
from ..model import Role
from .base import Context, Hit, defaults, options_schema

ID = "role_given_to_other"
GIVEN = ("role",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what this rule's evidence keys read as (besides the shared ones in checker/evidence.py)
LABELS = {"claimed_by": Text("自称地区", "claimed by"), "given_to": Text("上级赋予", "given to")}

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="上级规划把这一定位赋予了{given_to}：改用上级规划对本地区的定位表述，或说明分工。",
    en="The upper plan gives this role to {given_to}: use the role the upper plan gives this region, or explain the division of work.")


def check(role: Role, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    plan = ctx.plan(role.plan)
    if role.scope != plan.region:
        return
    upper_ids = {p.id for p in ctx.graph.upper_plans(plan)}
    mine = ctx.regions.counties_in(role.scope)
    for other in ctx.graph.roles_by_text.get(normalize_text(role.text), ()):
        if other.plan not in upper_ids or other.scope == role.scope:
            continue
        if mine and mine <= ctx.regions.counties_in(other.scope):
            continue  # given to a group this region belongs to
        evidence = {"role": role.text, "claimed_by": role.scope, "given_to": other.scope}
        yield Hit(
            at=role, related=[other], key=other.key,
            zh=f"本规划自称“{role.text}”，而{ctx.plan(other.plan).title}把这一定位给了{ctx.region_name(other.scope)}",
            en=f"this plan claims '{role.text}' for {ctx.region_name(role.scope)}, but {other.plan} gives that role "
               f"to {ctx.region_name(other.scope)}",
            evidence=evidence,
            shows=Shows(
                labels=LABELS,
                advice=ADVICE.fill(lambda lang: {"given_to": ctx.region_name(other.scope)})))
