"""What many pages show of one target, written once per plan and referenced from the pages.

A national report links each county's targets to its city's, its neighbours' and its province's: the
same target's label, value and link used to be repeated on every page that shows it as a link chip or a
graph box (two thirds of a plan page's bytes). Now each plan has one data file beside its page
(`plan-<id>.js`, see `plan_script`) holding, for each of its targets, what a chip or a box shows; a page
lists the plans it refers to (`PageRefs`) and refers to a target as (plan index, target's position in its
plan), and the report's script (report.js) draws the chips and the graph from them. With scripts off a page still shows its
findings (both values, both sources), its targets with their values and sources, and how many links each
target has; the relations table links the related plans' pages.

The data files and the page's own data block are JSON with every '<', '>' and '&' escaped, so no plan text
can end a script or become markup; report.js only ever sets text and attributes, never markup.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

from markupsafe import Markup

from ..model import Plan, Target
from .html_names import page_name, safe_slug

# what a link chip's relation is called in a data-links token: up (lower case), down (upper case), peer
RELATION_CODES = {"assigned": "a", "refines": "r", "shares": "s", "part_of": "o"}
PEER_CODE = "p"
ARROWS = {"up": "↑", "across": "↔", "down": "↓"}
QUIET = "consistent"  # the state a token leaves unsaid


def safe_json(data: Any) -> str:
    """Compact JSON that can sit in an HTML script element or a .js file: no '<', '>', '&' or line separators
    as themselves."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def script_name(plan_id: str) -> str:
    """A plan's data file: its page's name with .js for .html."""
    return page_name(plan_id)[:-len(".html")] + ".js"


def tooltip(*parts: str) -> str:
    """'plan title · label · value', leaving out what is empty (report.js joins the same way)."""
    return " · ".join(p for p in parts if p)


class PageRefs:
    """The plans one page refers to, in the order first referred to (the page's own plan first)."""

    def __init__(self, plan: Plan, order: Callable[[str], dict[str, int]]):
        self.plans: list[str] = [plan.id]
        self._index = {plan.id: 0}
        self._order = order  # plan id -> target key -> position in the plan

    def index(self, plan_id: str) -> int:
        found = self._index.get(plan_id)
        if found is None:
            found = self._index[plan_id] = len(self.plans)
            self.plans.append(plan_id)
        return found

    def ref(self, target: Target) -> str:
        """'plan index:position': what a graph box names its target by."""
        return f"{self.index(target.plan)}:{self._order(target.plan)[target.key]}"

    def token(self, code: str, target: Target, state: str, row: str) -> str:
        """One link chip: relation code, plan index, ':' and the target's position in its plan (left out,
        with its ':', when the target has the row's own id: a neighbour's same target), then '!state' unless
        consistent."""
        where = "" if safe_slug(target.id) == row else f":{self._order(target.plan)[target.key]}"
        return f"{code}{self.index(target.plan)}{where}" + ("" if state == QUIET else f"!{state}")

    def scripts(self) -> list[str]:
        return [script_name(p) for p in self.plans]


def page_data(refs: PageRefs, relations: dict[str, str], states: dict[str, str], graph: Optional[dict]) -> Markup:
    """The page's data block (read by report.js): the plans it refers to, the chips' relation words, the
    states' words (the target rows' dots' tooltips), the graph."""
    return Markup(safe_json({"plans": refs.plans, "rel": relations, "states": states, "graph": graph}))


def relation_words(t: dict[str, str]) -> dict[str, str]:
    """Token code -> what its chip says ('↑ 下达')."""
    out = {}
    for relation, code in RELATION_CODES.items():
        out[code] = f"{ARROWS['up']} {t['rel_' + relation]}"
        out[code.upper()] = f"{ARROWS['down']} {t['rel_' + relation]}"
    out[PEER_CODE] = f"{ARROWS['across']} {t['rel_peer']}"
    return out


def plan_script(plan: Plan, title: str, records: list[list]) -> str:
    """A plan's data file: its page, its title (in the report's language) and, for each target in order,
    [anchor slug, chip label, value, state(, box label)]."""
    data = {"page": page_name(plan.id), "title": title, "t": records}
    return f"(window.plancheck=window.plancheck||{{}})[{safe_json(plan.id)}]={safe_json(data)};\n"
