"""A plan page's target table rows, built as one string rather than by a Jinja loop.

The target table is most of a plan page's markup: a national report draws about 160,000 rows, and Jinja
spends more time looking up each row's attributes and wrapping each escaped piece in a Markup object than
writing them. The markup is the same as the loop in plan.html had it, byte for byte, and every piece of
text goes through `esc`, which escapes exactly as Jinja's autoescaping (markupsafe) does
(tests/test_html_rows.py renders the same rows both ways, hostile text included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .html_escape import escape_text

if TYPE_CHECKING:
    from .html_view import TargetRow


def esc(value: Any) -> str:
    """What `{{ value }}` writes with autoescaping on: markup as it is, anything else as escaped text."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return escape_text(value)


def target_row_html(row: TargetRow, t: dict[str, str]) -> str:
    """One row of the target table (see plan.html)."""
    scope = f' <span class="rule">（{esc(row.scope)}）</span>' if row.scope else ""
    badges = "".join(f' <a class="badge sev-{esc(severity)}" href="{esc(href)}">{esc(t[severity])}</a>'
                     for href, severity in row.findings)
    values = "".join(f"<li><span>{esc(key)}</span>{esc(value)}</li>" for key, value in row.values)
    source = f'<a href="{esc(row.source_href)}">{esc(row.source)}</a>' if row.source_href else esc(row.source)
    quote = f'<div class="q">{esc(row.quote)}</div>' if row.quote else ""
    links = f' data-links="{esc(row.links)}"' if row.links else ""
    return (f'<tr id="{esc(row.anchor)}" data-search>\n'
            f'<td><span class="dot st-{esc(row.state)}"></span><span class="lbl">{esc(row.label)}</span>{scope}'
            f'<br><span class="ind">{esc(row.indicator)}</span>\n'
            f"{badges}</td>\n"
            f'<td><ul class="vals">{values}</ul></td>\n'
            f"<td>{esc(row.attribute)}</td>\n"
            f"<td>{source}{quote}</td>\n"
            f'<td class="links"{links}>{esc(row.link_counts)}</td>\n'
            "</tr>\n")


def target_rows_html(rows: list[TargetRow], t: dict[str, str]) -> Markup:
    """The target table's body rows, ready for the page."""
    return Markup("".join(target_row_html(row, t) for row in rows))
