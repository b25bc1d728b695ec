"""What a plan page needs to print as a review memo: the date of the run and the running header.

The date is today's, or the one SOURCE_DATE_EPOCH names (the reproducible-builds convention), so a rerun
on the same day, or any rerun with that variable set, gives the same bytes. The running header is an
@page margin box whose text is plan text: it is written as a CSS string in which every character but
letters and digits is a hex escape, so no title can end the string, the rule or the style element.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def run_date() -> str:
    """The date of this run as YYYY-MM-DD (SOURCE_DATE_EPOCH when set and valid)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            pass
    return date.today().isoformat()


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that nothing in it can break out of."""
    out = []
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(" ")  # control characters and lone surrogates are not printed
        else:
            out.append(f"\\{ord(ch):06x}")
    return '"' + "".join(out) + '"'


def page_css(header: str) -> str:
    """@page rules of a printed plan page: its name in the running header, page numbers below, no header
    on the cover."""
    return ("@media print { @page { @top-left { content: " + css_string(header) + "; } "
            "@bottom-right { content: counter(page) \" / \" counter(pages); } } "
            "@page :first { @top-left { content: none; } } }\n")
