"""Inline SVG pictures for the HTML report, drawn on the server so the report needs no script to show them.

Two kinds: small charts for numeric findings (a growth path against the value it should reach; intervals
side by side on one number line), drawn here, and a plan's dependency graph (its targets between the upper
targets they answer to and the neighbour and lower targets that answer to them, coloured by state), laid
out here and drawn by report.js from the target boxes' shared data (see html_shared.py).

Every piece of text is escaped (`escape_text`, markupsafe's escaping), so plan text can never become markup. Coordinates
are rounded to one decimal and inputs arrive sorted, so the same report gives the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

from markupsafe import Markup, escape

from ..quantities import format_number
from .html_escape import escape_text

# One palette for the page and the pictures: a state name -> (fill, stroke, text).
STATE_COLOURS = {  # (fill, stroke, ink): apart for colour-blind readers too (Okabe-Ito and Tol colours)
    "conflict": ("#fbe5d6", "#d55e00", "#a33f00"),
    "gap": ("#f4e1ea", "#882255", "#882255"),
    "inconsistency": ("#fdf5cc", "#e6b800", "#6b5300"),
    "consistent": ("#e0eef8", "#0072b2", "#005a8c"),
    "missing": ("#f3f4f6", "#8a9099", "#4b5058"),
    "unlinked": ("#ffffff", "#b8bec6", "#3b4048"),
    "unchecked": ("#f6f6f4", "#a3a39a", "#55554d"),
    # the two sides of a comparison in charts: this plan, and the plan it is compared with
    "this": ("#dbe4f0", "#4a6fa5", "#2c4a75"),
    "other": ("#ece7f5", "#6b4fa0", "#46306e"),
}


def palette_css() -> str:
    """The graph's state colours as stylesheet rules (report.js draws the graph with classes only; the
    charts carry the same colours as attributes)."""
    rules = []
    for state, (fill, stroke, ink) in STATE_COLOURS.items():
        rules.append(f"svg.graph .state-{state} rect, svg.graph rect.state-{state} {{ fill: {fill}; stroke: {stroke}; }}\n"
                     f"svg.graph .state-{state} text {{ fill: {ink}; }}\n"
                     f"svg.graph path.state-{state} {{ stroke: {stroke}; }}\n")
    return "/* graph state colours (checker/render/svg.py STATE_COLOURS) */\n" + "".join(rules)


@lru_cache(maxsize=100_000)  # a page's coordinates repeat from page to page
def _n(x: float) -> str:
    """A coordinate with one decimal and no '-0.0', so output is stable and small."""
    text = f"{round(x, 1):.1f}"
    return "0" if text in ("0.0", "-0.0") else text.rstrip("0").rstrip(".")


_NAMES: dict[str, str] = {}  # keyword -> attribute name (class_ -> class, stroke_width -> stroke-width)


def _attrs(attrs: dict) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = _NAMES.get(key)
        if name is None:
            name = _NAMES[key] = key.rstrip("_").replace("_", "-")
        kind = type(value)
        shown = _n(value) if kind is float else escape_text(value) if kind is str else escape(value)
        parts.append(f' {name}="{shown}"')
    return "".join(parts)


def el(tag: str, text: Optional[str] = None, *children: str, **attrs) -> str:
    """One SVG element; text is escaped, children are already-built elements."""
    inner = ("" if text is None else escape_text(text) if type(text) is str else str(escape(text))) + "".join(children)
    if not inner:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{inner}</{tag}>"


def text_width(text: str, size: float) -> float:
    """Rough rendered width: CJK characters are square, Latin ones about 0.6 em."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


@lru_cache(maxsize=100_000)  # labels recur on every page that draws their target
def clip(text: str, size: float, width: float) -> str:
    """Shorten a label to fit `width`, ending with '…' when cut (the full text goes in a tooltip)."""
    if text_width(text, size) <= width:
        return text
    narrow, ellipsis = size * 0.6, size * 0.6  # '…' is narrow
    used, end = 0, 0  # width of text[:end], summed left to right as text_width does
    for ch in text:
        wide = size if ord(ch) > 0x2E80 else narrow
        if used + wide + ellipsis > width:
            break
        used += wide
        end += 1
    return text[:end] + "…"


def wrap(text: str, size: float, width: float, most: int = 3) -> list[str]:
    """Break a heading into lines that fit `width` (at most `most`; the last one clipped if need be)."""
    lines, line, used = [], "", 0.0
    for ch in text:
        wide = text_width(ch, size)
        if line and used + wide > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += wide
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most - 1] + [clip("".join(lines[most - 1:]), size, width)]
    return lines


def _svg(width: float, height: float, label: str, body: Sequence[str], css_class: str, role: str = "img") -> Markup:
    """An SVG picture; one with links in it (the graph) is a "group", since an "img" must not hold links."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {_n(width)} {_n(height)}" '
            f'width="{_n(width)}" height="{_n(height)}" role="{role}" aria-label="{escape(label)}">')
    return Markup(head + el("title", label) + "".join(body) + "</svg>")


# ---------------------------------------------------------------------------------------- graph


@dataclass
class Node:
    key: str  # unique in the picture
    label: str
    state: str
    tooltip: str = ""
    href: Optional[str] = None
    dashed: bool = False
    rank: Optional[float] = None  # side nodes: the centre row of their partners, to sit level with them
    ref: Optional[str] = None  # a target's box: "plan index:anchor slug" in the page's data (html_shared)


@dataclass
class Column:
    title: str
    # groups of nodes under a small heading (the plan they belong to)
    groups: list[tuple[str, list[Node]]] = field(default_factory=list)


@dataclass
class Edge:
    source: str
    target: str
    state: str
    relation: str


ROW, NODE_H, HEAD_H, HEAD_LINE, GAP = 26.0, 20.0, 22.0, 14.0, 10.0
COL_W = {"side": 250.0, "centre": 280.0}
LANE = 120.0


def _num(x: float) -> float | int:
    """A coordinate as a JSON number, rounded as `_n` rounds it."""
    text = _n(x)
    return float(text) if "." in text else int(text)


EDGE_CODES = {"assigned": "a", "refines": "r", "shares": "s", "peer": "p", "gap": "g"}


def dependency_graph(left: Column, centre: Column, right: Column, edges: Sequence[Edge], label: str,
                     legend: Sequence[tuple[str, str]]) -> dict:
    """Three columns (upper | this plan | neighbours and lower) with edges between them, laid out here and
    drawn by report.js. The layout is kept small, since every plan page carries one: its size, its legend
    ([state, text, x]), its columns ([x, width, title, title's y, rows], a row being a box [y, "plan
    index:anchor"] or [y, {label, state, tooltip, href, dashed}], or a line of a group heading [y, text,
    whole title on its first line]) and its edges ("from to relation[!state]" between boxes by their order,
    the state left out when consistent, comma-separated)."""
    xs = {"left": 10.0, "centre": 10.0 + COL_W["side"] + LANE}
    xs["right"] = xs["centre"] + COL_W["centre"] + LANE
    width = xs["right"] + COL_W["side"] + 10.0
    top = 56.0
    boxes: dict[str, int] = {}  # key -> position among the boxes
    columns: list[list] = []
    bottom = top
    for name, column in (("left", left), ("centre", centre), ("right", right)):
        w = COL_W["centre" if name == "centre" else "side"]
        x = xs[name]
        rows: list[list] = []
        columns.append([_num(x), _num(w), column.title, _num(top - 10.0), rows])
        y = top
        for heading, nodes in column.groups:
            ranked = [n.rank for n in nodes[:1] if n.rank is not None and name != "centre"]
            if ranked:  # start the group level with its first node's partner, heading included
                y = max(y, top + ranked[0] * ROW - (HEAD_H if heading else 0.0))
            if heading:  # the whole title, on as many lines as it needs (three at most)
                lines = wrap(heading, 11.0, w)
                for i, line in enumerate(lines):
                    rows.append([_num(y + 13.0 + i * HEAD_LINE), line, heading if i == 0 else ""])
                y += HEAD_H + (len(lines) - 1) * HEAD_LINE
            for node in nodes:
                if node.rank is not None and name != "centre":
                    y = max(y, top + node.rank * ROW)
                boxes[node.key] = len(boxes)
                shown = node.ref if node.ref is not None else \
                    {"label": node.label, "state": node.state, "tooltip": node.tooltip or node.label,
                     "href": node.href or "", "dashed": node.dashed}
                rows.append([_num(y), shown])
                y += ROW
            y += GAP
        bottom = max(bottom, y)
    lines = ",".join(f"{boxes[e.source]} {boxes[e.target]} {EDGE_CODES[e.relation]}" +
                     ("" if e.state == "consistent" else f"!{e.state}")
                     for e in edges if e.source in boxes and e.target in boxes)
    x, keys = 10.0, []
    for state, text in legend:
        keys.append([state, text, _num(x)])
        x += 19.0 + text_width(text, 12.0) + 18.0
    return {"w": _num(width), "h": _num(bottom + 4.0), "label": label, "legend": keys, "columns": columns,
            "edges": lines}


# ---------------------------------------------------------------------------------------- charts


@dataclass
class Bar:
    """One interval on a number line; an open end (infinite) is drawn as an arrow to the edge."""

    label: str
    low: float
    high: float
    state: str
    note: str = ""


def interval_chart(bars: Sequence[Bar], unit: str, label: str) -> Optional[Markup]:
    """Intervals side by side on one axis: where they do not overlap is the conflict."""
    finite = [v for b in bars for v in (b.low, b.high) if math.isfinite(v)]
    if not finite:
        return None
    lo, hi = _padded(min(finite), max(finite))
    left, right, width = 150.0, 24.0, 560.0
    span = width - left - right

    def x(v: float) -> float:
        v = min(max(v, lo), hi)
        return left + (v - lo) / (hi - lo) * span

    body = []
    y = 12.0
    for bar in bars:
        fill, stroke, ink = STATE_COLOURS[bar.state]
        body.append(el("text", clip(bar.label, 12.0, left - 12.0), el("title", bar.label), x=left - 8.0,
                       y=y + 13.0, text_anchor="end", class_="bar-label"))
        x1, x2 = x(bar.low), x(bar.high)
        if x2 - x1 < 3.0:  # a point value: a visible tick
            centre = (x1 + x2) / 2
            x1, x2 = centre - 1.5, centre + 1.5
        body.append(el("rect", x=x1, y=y + 2.0, width=x2 - x1, height=14.0, fill=fill, stroke=stroke,
                       stroke_width=1.5, rx=2.0))
        if not math.isfinite(bar.high):
            body.append(el("path", d=f"M{_n(x2 - 6)} {_n(y + 3)} L{_n(x2 + 4)} {_n(y + 9)} L{_n(x2 - 6)} {_n(y + 15)}",
                           fill=stroke))
        if not math.isfinite(bar.low):
            body.append(el("path", d=f"M{_n(x1 + 6)} {_n(y + 3)} L{_n(x1 - 4)} {_n(y + 9)} L{_n(x1 + 6)} {_n(y + 15)}",
                           fill=stroke))
        note = bar.note or _range_text(bar.low, bar.high, unit)
        body.append(el("text", note, x=min(x2 + 8.0, width - 4.0), y=y + 13.0, fill=ink, class_="bar-note",
                       text_anchor="end" if x2 + 8.0 + text_width(note, 11.0) > width else None))
        y += 26.0
    body += _axis(lo, hi, x, y + 4.0, left, width - right, unit)
    return _svg(width, y + 34.0, label, body, "chart")


def path_chart(start: tuple[int, float], reach: tuple[int, float, float], goal: Bar, goal_year: int,
               unit: str, label: str, path_label: str, needed: Optional[float] = None,
               needed_label: str = "") -> Optional[Markup]:
    """A value carried from its base year along its growth (a widening band) against where it should be.

    `reach` is (year, low, high) after growth; `goal` is the value it is measured against at `goal_year`.
    """
    (y0, v0), (y1, r_low, r_high) = start, reach
    if y1 <= y0 or not all(math.isfinite(v) for v in (v0, r_low, r_high)):
        return None
    values = [v0, r_low, r_high] + [v for v in (goal.low, goal.high) if math.isfinite(v)]
    lo, hi = _padded(min(values), max(values))
    left, right, top, height, width = 64.0, 150.0, 14.0, 170.0, 560.0
    plot_w = width - left - right
    span_years = max(y1, goal_year) - y0

    def px(year: float) -> float:
        return left + (year - y0) / span_years * plot_w

    def py(v: float) -> float:
        v = min(max(v, lo), hi)
        return top + height - (v - lo) / (hi - lo) * height

    body = []
    steps = 20
    upper = [(y0 + (y1 - y0) * i / steps, v0 * (r_high / v0) ** (i / steps) if v0 > 0 and r_high > 0 else
              v0 + (r_high - v0) * i / steps) for i in range(steps + 1)]
    lower = [(y0 + (y1 - y0) * i / steps, v0 * (r_low / v0) ** (i / steps) if v0 > 0 and r_low > 0 else
              v0 + (r_low - v0) * i / steps) for i in range(steps + 1)]
    band = " ".join(f"{_n(px(t))},{_n(py(v))}" for t, v in upper + lower[::-1])
    body.append(el("polygon", points=band, fill="#dbe4f0", stroke="#4a6fa5", stroke_width=1.0))
    body.append(el("text", path_label, x=px(y1) + 8.0, y=py((r_low + r_high) / 2) + 4.0, fill="#2c4a75",
                   class_="bar-note"))
    gfill, gstroke, gink = STATE_COLOURS[goal.state]
    gx = px(goal_year)
    g_top, g_bottom = py(goal.high), py(goal.low)
    if g_bottom - g_top < 3.0:
        g_top, g_bottom = (g_top + g_bottom) / 2 - 1.5, (g_top + g_bottom) / 2 + 1.5
    body.append(el("rect", x=gx - 7.0, y=g_top, width=14.0, height=g_bottom - g_top, fill=gfill, stroke=gstroke,
                   stroke_width=1.5, rx=2.0))
    body.append(el("text", goal.label, x=gx + 12.0, y=(g_top + g_bottom) / 2 + 4.0, fill=gink, class_="bar-note"))
    if needed is not None and math.isfinite(goal.low):
        target = goal.low if math.isfinite(goal.low) and not math.isfinite(goal.high) else (
            (goal.low + goal.high) / 2 if math.isfinite(goal.high) else goal.low)
        body.append(el("line", x1=px(y0), y1=py(v0), x2=gx, y2=py(target), stroke=gstroke, stroke_width=1.2,
                       stroke_dasharray="5 4"))
        if needed_label:
            body.append(el("text", needed_label, x=px((y0 + goal_year) / 2), y=py(target) - 8.0, fill=gink,
                           class_="bar-note", text_anchor="middle"))
    body.append(el("circle", cx=px(y0), cy=py(v0), r=3.5, fill="#4a6fa5"))
    body.append(el("text", f"{format_number(round(v0, 4))}", x=px(y0) + 6.0, y=py(v0) + 16.0, class_="tick"))
    # axes: years below, values left
    base = top + height
    body.append(el("line", x1=left, y1=base, x2=left + plot_w, y2=base, stroke="#8a9099"))
    body.append(el("line", x1=left, y1=top, x2=left, y2=base, stroke="#8a9099"))
    for year in sorted({y0, y1, goal_year}):
        body.append(el("text", str(year), x=px(year), y=base + 16.0, text_anchor="middle", class_="tick"))
    for v in _ticks(lo, hi):
        body.append(el("line", x1=left - 4.0, y1=py(v), x2=left + plot_w, y2=py(v), stroke="#e5e7eb"))
        body.append(el("text", format_number(v), x=left - 7.0, y=py(v) + 4.0, text_anchor="end", class_="tick"))
    body.append(el("text", unit, x=left - 7.0, y=top - 2.0, text_anchor="end", class_="tick"))
    return _svg(width, top + height + 26.0, label, body, "chart")


def _padded(lo: float, hi: float) -> tuple[float, float]:
    if hi == lo:
        pad = abs(hi) * 0.1 or 1.0
    else:
        pad = (hi - lo) * 0.12
    return lo - pad, hi + pad


def _ticks(lo: float, hi: float) -> list[float]:
    """About five round numbers between lo and hi."""
    raw = (hi - lo) / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step) * step
    out, v = [], first
    while v <= hi + 1e-9 and len(out) < 12:
        out.append(round(v, 10))
        v += step
    return out


def _axis(lo, hi, x, y, left, right, unit) -> list[str]:
    out = [el("line", x1=left, y1=y, x2=right, y2=y, stroke="#8a9099")]
    for v in _ticks(lo, hi):
        out.append(el("line", x1=x(v), y1=y, x2=x(v), y2=y + 4.0, stroke="#8a9099"))
        out.append(el("text", format_number(v), x=x(v), y=y + 16.0, text_anchor="middle", class_="tick"))
    if unit:
        out.append(el("text", unit, x=right, y=y + 28.0, text_anchor="end", class_="tick"))
    return out


def _range_text(low: float, high: float, unit: str) -> str:
    lo = "−∞" if not math.isfinite(low) else format_number(round(low, 4))
    hi = "+∞" if not math.isfinite(high) else format_number(round(high, 4))
    if lo == hi:
        return f"{lo} {unit}".strip()
    return f"[{lo}, {hi}] {unit}".strip()
