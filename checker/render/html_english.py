"""Names on English pages: the catalogue's English indicator name where it has one, table names in English
(专栏2 -> Box 2). Quotes and the plan's own labels stay as written; Chinese pages are unchanged."""

from __future__ import annotations

from typing import Any

from ..evidence import table_name  # messages name tables too: one rule for both

__all__ = ["indicator_name", "table_name"]


def indicator_name(catalogue: Any, indicator_id: str, lang: str) -> str:
    indicator = catalogue.get(indicator_id)
    if lang == "en" and indicator is not None and getattr(indicator, "en", None):
        return indicator.en
    return catalogue.name(indicator_id)

