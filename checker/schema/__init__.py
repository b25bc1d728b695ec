"""JSON Schemas (Draft 2020-12) for plan files, regions.yaml, indicators.yaml, rule files and waivers.

Validators are compiled once per process. Every violation becomes a Problem at the file:line:col of
the offending node, with a message a drafter can act on; all violations of a file are reported at once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, Optional

from ..speed.fast_schema import Unsupported, compile_schema
from ..loader import Map, locate
from ..problems import Problem

if TYPE_CHECKING:  # jsonschema is imported only when a file needs its messages (see speed/fast_schema.py)
    import jsonschema

NAMES = ("plan", "regions", "indicators", "rules", "waivers")


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    if name not in NAMES:
        raise KeyError(name)
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def schema_text(name: str) -> str:
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def validator(name: str) -> "jsonschema.Draft202012Validator":
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema(name))


@lru_cache(maxsize=None)
def fast_validator(name: str) -> Optional[Callable[[Any], bool]]:
    """The compiled yes/no check of a schema (None when the schema is beyond the fast compiler)."""
    try:
        return compile_schema(load_schema(name))
    except Unsupported:
        return None


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "object": "a mapping (key: value)", "array": "a list", "null": "nothing"}


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else type(value).__name__


def _where(path: list[Any]) -> str:
    """A readable path such as targets[3].target.value."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "top level"


def _messages(error: "jsonschema.ValidationError", data: Any) -> list[tuple[list[Any], str]]:
    """Turn one jsonschema error into (path, message) pairs that point at the right node."""
    path = list(error.absolute_path)
    where = _where(path)
    kind, value, expected = error.validator, error.instance, error.validator_value
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        return [(path + [k], f"unknown key '{k}' in {where}; allowed keys: {', '.join(allowed)}") for k in extra]
    if kind == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        return [(path, f"{where} is missing the required key '{k}'") for k in missing]
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
        hint = ""
        if "string" in types and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint = f'; quote it: "{value}"'
        return [(path, f"{where} should be {wanted}, not {_type_of(value)}{hint}")]
    if kind == "enum":
        return [(path, f"{where}: {value!r} is not allowed; use one of: {', '.join(map(str, expected))}")]
    if kind == "const":
        return [(path, f"{where} must be {expected!r}, not {value!r}")]
    if kind == "pattern":
        return [(path, f"{where}: {value!r} is not of the required form ({_pattern_hint(expected)})")]
    if kind in ("minimum", "maximum"):
        return [(path, f"{where}: {value} is out of range ({kind} {expected})")]
    if kind in ("minLength", "maxLength", "minItems", "maxItems"):
        return [(path, f"{where}: {error.message}")]
    if kind == "dependentRequired":
        return [(path, f"{where}: {error.message.replace('is a dependency of', 'is needed with')}")]
    if kind == "not":
        return [(path, f"{where}: give one form of a number: value (with op), or min and max, or ref")]
    if kind == "uniqueItems":
        return [(path, f"{where} lists the same item twice")]
    return [(path, f"{where}: {error.message}")]


def _pattern_hint(pattern: str) -> str:
    if "[0-9]{4}-[0-9]{2}-[0-9]{2}" in pattern:
        return 'a date in quotes, "YYYY-MM-DD"'
    if "[0-9a-f]{16}" in pattern:
        return "16 hexadecimal digits, as in the fingerprint of the JSON output"
    if "[0-9]{6}" in pattern:
        return 'a six-digit region code as a quoted string such as "520201", or a group id'
    if pattern.startswith("^[a-z][a-z0-9_]*$"):
        return "lower-case letters, digits and '_'"
    return "lower-case letters, digits and '-'"


def schema_problems(data: Any, name: str, display: str) -> list[Problem]:
    """All schema violations of one file, each at the position of the offending node."""
    fast = fast_validator(name)
    if fast is not None and fast(data):
        return []
    problems = []
    for error in validator(name).iter_errors(data):
        for path, message in _messages(error, data):
            line, column = locate(data, path) if isinstance(data, (Map, list)) else (1, 1)
            problems.append(Problem(display, line, column, message))
    return sorted(set(problems))
