"""exclusive_roles: one exclusive role (核心, 唯一, 中心 ...) is claimed for two different regions.

A role marked `exclusive: true` can be held by one region only. When plans give the same role (the same
text, ignoring blanks and punctuation) to two regions, at most one of them is right.

Options: none.

FAIL::

    plans:
      - id: zhongshan
        region: "520201"
        roles:
          - {id: core, text: 六盘水市中心城区核心区, scope: "520201", exclusive: true}
      - id: shuicheng
        region: "520204"
        roles:
          - {id: core, text: 六盘水市中心城区核心区, scope: "520204", exclusive: true}

PASS: the same words for one region in two plans::

    plans:
      - id: zhongshan
        region: "520201"
        roles:
          - {id: core, text: 六盘水市中心城区核心区, scope: "520201", exclusive: true}
      - id: city
        region: "520200"
        level: municipal
        roles:
          - {id: core, text: 六盘水市中心城区核心区, scope: "520201", exclusive: true}
"""

from __future__ import annotations

from typing import Any, Iterator

from ..evidence import Advice, Shows
from .base import Context, Hit, defaults, options_schema

ID = "exclusive_roles"
GIVEN = ("corpus",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# what a drafter could change: the edits this rule would accept
ADVICE = Advice(
    zh="排他性定位只能由一个地区承担：对照上级规划核实定位，修改本规划表述（例如改为“重要组成部分”）。",
    en="An exclusive role can belong to one region only: check the role against the upper plan and reword it "
       "(for example \"an important part of\").")


def check(corpus: Any, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    for text, roles in sorted(ctx.graph.roles_by_text.items()):
        exclusive = [r for r in roles if r.exclusive]
        scopes = sorted({r.scope for r in exclusive})
        if len(scopes) < 2:
            continue
        holders = sorted(exclusive, key=lambda r: (r.scope, r.plan, r.id))
        first_scope = holders[0].scope
        for role in holders:
            if role.scope == first_scope:
                continue
            others = [r for r in holders if r.scope != role.scope]
            names = "、".join(sorted({ctx.region_name(r.scope) for r in others}))
            evidence = {"role": role.text, "regions": scopes}
            yield Hit(
                at=role, related=others, region=role.scope,
                zh=f"排他性定位“{role.text}”同时给了{ctx.region_name(role.scope)}（{role.plan}）和{names}",
                en=f"the exclusive role '{role.text}' is given to {ctx.region_name(role.scope)} ({role.plan}) and "
                   f"also to {names}",
                evidence=evidence, shows=Shows(
                    advice=ADVICE.fill()))
