"""A built regions file as YAML text: one line per region, in code order, a comment before each city.

The same build gives byte-identical text. Strings that YAML would read as something else are written
in double quotes (JSON's escaping, which YAML reads the same way); codes are always quoted.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .build import Built

_PLAIN = re.compile(r"[\u3400-\u9fffA-Za-z][\u3400-\u9fffA-Za-z0-9·（）—\-]*")
KEYS = ("code", "name", "level", "parent", "aliases", "former", "neighbours", "note")


def scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"unexpected value {value!r}")
    if isinstance(value, (int, float)):
        return f"{value:g}"
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in ("yes", "no", "on", "off", "true", "false", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)


CODE_KEYS = ("code", "parent", "neighbours", "provinces")  # values that are codes: always quoted


def flow(value: Any, codes: bool = False) -> str:
    """A value in YAML flow style; `codes` quotes every scalar in it (codes look like numbers)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v, k in CODE_KEYS)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, codes) for v in value) + "]"
    return json.dumps(str(value)) if codes else scalar(value)


def region_line(entry: dict[str, Any]) -> str:
    return "  - " + flow({key: entry[key] for key in KEYS if key in entry})


def command_line(built: Built) -> str:
    provinces = " ".join(f"--province {p}" for p in built.provinces)
    return "plancheck regions build" + (f" {provinces}" if provinces else "")


def render(built: Built, modeline: str | None = None) -> str:
    lines = []
    if modeline:
        lines.append(modeline)
    lines += [
        f"# Region registry written by `{command_line(built)}`. Codes, names, levels, parents and",
        "# neighbours come from the data packages named under `data:` and are replaced on the next build;",
        "# groups, notes, aliases and former codes are kept. Neighbours: units of one level whose shared",
        f"# border is longer than {built.threshold_m / 1000:g} km in every polygon layer that draws both (symmetric).",
    ]
    lines.append("schema: plancheck/regions/v1")
    lines.append("data:")
    if built.provinces:
        lines.append(f"  provinces: {flow(list(built.provinces), codes=True)}")
    lines.append(f"  threshold_m: {built.threshold_m:g}")
    lines.append("  sources:")
    for source in built.sources:
        lines.append("    - " + flow(source.as_dict()))
    lines.append("regions:")
    outside = []
    for entry in built.regions:
        if built.provinces and entry["code"][:2] + "0000" not in built.provinces:
            outside.append(entry)
            continue
        if entry["level"] == "municipal":
            lines.append(f"  # {entry['name']}")
        lines.append(region_line(entry))
    if outside:
        lines.append("  # kept from the previous file (outside the provinces built), with the units above them")
        lines += [region_line(entry) for entry in outside]
    text = "\n".join(lines) + "\n"
    if built.groups_text:
        text += built.groups_text
    return text

