"""Reading a plan page's link chips and graph boxes as report.js draws them, for the tests without a browser.

A page refers to targets by (plan index, anchor) and each plan's data file says what its targets' chips
and boxes show (checker/render/html_shared.py); this module follows those references the way report.js
does, so a test can ask which chips a target row has, where they lead and what the graph's boxes say.
test_browser.py checks that the browser draws the same.
"""

from __future__ import annotations

import json
import re
from html import unescape

TOKEN = re.compile(r"^([A-Za-z])(\d+)(?::(\d+))?(?:!([a-z]+))?$")
DATA_FILE = re.compile(r"^\(window\.plancheck=window\.plancheck\|\|\{\}\)\[(\"(?:[^\"\\]|\\.)*\")\]=(.*);\n$", re.S)


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def plan_data(script: str) -> tuple[str, dict]:
    """A data file's plan id and data; it must be exactly the one assignment html_shared writes."""
    found = DATA_FILE.match(script)
    assert found, script[:200]
    return json.loads(found.group(1)), json.loads(found.group(2))


def store(pages: dict[str, str]) -> dict[str, dict]:
    """Every plan's data, from the report's files by name."""
    return dict(plan_data(text) for name, text in pages.items() if name.endswith(".js") and name.startswith("plan-"))


def joined(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _target(data: dict, plans: dict[str, dict], index: int, at: int | None, anchor: str = "") -> dict:
    """A target by its plan's index on the page and its position in the plan (or, `at` None, its anchor)."""
    plan = plans[data["plans"][index]]
    record = plan["t"][at] if at is not None else next(r for r in plan["t"] if r[0] == anchor)
    return {"label": record[1], "value": record[2], "state": record[3],
            "box": record[4] if len(record) > 4 else record[1], "title": plan["title"],
            "href": ("" if index == 0 else plan["page"]) + "#t-" + record[0]}


def chips(page: str, plans: dict[str, dict]) -> dict[str, list[dict]]:
    """Row anchor -> its chips (relation words, label, tooltip, href, state), in the order drawn."""
    data = page_data(page)
    out: dict[str, list[dict]] = {}
    for row in re.finditer(r'<tr id="([^"]+)" data-search[^>]*>(.*?)</tr>', page, re.S):
        cell = re.search(r'<td class="links"(?: data-links="([^"]*)")?>', row.group(2))
        if cell is None:  # a role's or a project's row
            continue
        out[row.group(1)] = []
        for token in unescape(cell.group(1) or "").split():
            code, index, at, state = TOKEN.match(token).groups()
            other = _target(data, plans, int(index), None if at is None else int(at), row.group(1)[len("t-"):])
            out[row.group(1)].append({"rel": data["rel"][code], "label": other["label"], "href": other["href"],
                                      "title": joined(other["title"], other["label"], other["value"]),
                                      "state": state or "consistent"})
    return out


def boxes(page: str, plans: dict[str, dict]) -> list[dict]:
    """The graph's boxes (label, value, state, href, tooltip) in drawing order; [] without a graph."""
    graph = page_data(page)["graph"]
    out = []
    for row in [row for column in graph["columns"] for row in column[4]] if graph else ():
        if len(row) == 3:  # a line of a group heading
            continue
        box = row[1]
        if isinstance(box, str):
            index, at = box.split(":", 1)
            other = _target(page_data(page), plans, int(index), int(at))
            box = {"label": other["box"], "value": other["value"], "state": other["state"], "href": other["href"],
                   "tooltip": joined(other["title"], other["box"], other["value"])}
        out.append({"value": "", **box})
    return out


UP = ("assigned", "refines", "shares", "part_of")


def assert_every_link_has_its_chip(report, files: dict[str, str], lang: str = "zh") -> int:
    """Each target row's chips lead to every target it is linked to, up, across and down in that order,
    with the linked plan's title (in the report's language) first in the tooltip; the graph is asked, not
    the renderer. Returns the number of chips."""
    from checker.evidence import plan_title
    from checker.render.html_names import page_name, target_anchor
    plans, graph, seen = store(files), report.graph, 0
    for plan in report.corpus.plans.values():
        drawn = chips(files[page_name(plan.id)], plans)
        for target in plan.targets:
            linked = [o for rel in UP for o in graph.linked(target, rel)] + \
                graph.linked(target, "peer") + graph.linked_from(target, "peer") + \
                [o for rel in UP for o in graph.linked_from(target, rel)]
            row = drawn[target_anchor(target.id)]
            assert [c["href"] for c in row] == [("" if o.plan == plan.id else page_name(o.plan)) + "#" +
                                                target_anchor(o.id) for o in linked], target.key
            for chip, other in zip(row, linked):
                title = plan_title(report.corpus.plans[other.plan], graph.regions, lang)
                assert chip["title"].startswith(title) and chip["label"], chip
            seen += len(row)
    return seen
