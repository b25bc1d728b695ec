"""Names on English pages: the catalogue's English indicator name where it has one, table names in English
(专栏2 -> Box 2). Quotes and the plan's own labels stay as written; Chinese pages are unchanged."""

from __future__ import annotations

import re
from typing import Any, Optional

_TABLE = (re.compile(r"^专栏\s*(\d+)$"), "Box {n}"), (re.compile(r"^表\s*(\d+)$"), "Table {n}"), \
    (re.compile(r"^附表\s*(\d+)$"), "Annex table {n}")


def indicator_name(catalogue: Any, indicator_id: str, lang: str) -> str:
    indicator = catalogue.get(indicator_id)
    if lang == "en" and indicator is not None and getattr(indicator, "en", None):
        return indicator.en
    return catalogue.name(indicator_id)


def table_name(table: Optional[str], lang: str) -> Optional[str]:
    if lang != "en" or not table:
        return table
    for pattern, words in _TABLE:
        match = pattern.match(table.strip())
        if match:
            return words.format(n=match.group(1))
    return table
