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


_TYPE_NAMES = {"string": ("text", "文字"), "integer": ("a whole number", "整数"), "number": ("a number", "数字"),
               "boolean": ("true or false", "true 或 false"), "object": ("a mapping (key: value)", "映射（键: 值）"),
               "array": ("a list", "列表"), "null": ("nothing", "空值")}


def _type_of(value: Any) -> tuple[str, str]:
    """What a value is, in English and Chinese."""
    if isinstance(value, bool):
        return "true/false", "true/false"
    if isinstance(value, int):
        return _TYPE_NAMES["integer"]
    if isinstance(value, float):
        return _TYPE_NAMES["number"]
    if isinstance(value, str):
        return _TYPE_NAMES["string"]
    if isinstance(value, dict):
        return "a mapping", "映射"
    if isinstance(value, list):
        return _TYPE_NAMES["array"]
    return _TYPE_NAMES["null"] if value is None else (type(value).__name__,) * 2


def _where(path: list[Any]) -> tuple[str, str]:
    """A readable path such as targets[3].target.value (顶层 / top level for the file itself)."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return (out, f"“{out}”") if out else ("top level", "顶层")


def _messages(error: "jsonschema.ValidationError", data: Any) -> list[tuple[list[Any], str, str]]:
    """Turn one jsonschema error into (path, message, Chinese message) triples that point at the right node."""
    path = list(error.absolute_path)
    where, where_zh = _where(path)
    kind, value, expected = error.validator, error.instance, error.validator_value
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        return [(path + [k], f"unknown key '{k}' in {where}; allowed keys: {', '.join(allowed)}",
                 f"{where_zh}中有未知的键 '{k}'；可用的键：{', '.join(allowed)}") for k in extra]
    if kind == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        return [(path, f"{where} is missing the required key '{k}'", f"{where_zh}缺少必需的键 '{k}'") for k in missing]
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(t, (t, t))[0] for t in types)
        wanted_zh = "或".join(_TYPE_NAMES.get(t, (t, t))[1] for t in types)
        hint = hint_zh = ""
        if "string" in types and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint, hint_zh = f'; quote it: "{value}"', f'；请加引号："{value}"'
        actual, actual_zh = _type_of(value)
        return [(path, f"{where} should be {wanted}, not {actual}{hint}",
                 f"{where_zh}应为{wanted_zh}，而不是{actual_zh}{hint_zh}")]
    if kind == "enum":
        return [(path, f"{where}: {value!r} is not allowed; use one of: {', '.join(map(str, expected))}",
                 f"{where_zh}：不能取 {value!r}；可取：{', '.join(map(str, expected))}")]
    if kind == "const":
        return [(path, f"{where} must be {expected!r}, not {value!r}", f"{where_zh}应为 {expected!r}，而不是 {value!r}")]
    if kind == "pattern":
        hint, hint_zh = _pattern_hint(expected)
        return [(path, f"{where}: {value!r} is not of the required form ({hint})",
                 f"{where_zh}：{value!r} 的格式不对（应为{hint_zh}）")]
    if kind in ("minimum", "maximum"):
        return [(path, f"{where}: {value} is out of range ({kind} {expected})",
                 f"{where_zh}：{value} 超出范围（{'最小' if kind == 'minimum' else '最大'} {expected}）")]
    if kind in ("minLength", "maxLength", "minItems", "maxItems"):
        return [(path, f"{where}: {error.message}", f"{where_zh}：长度或个数超出允许范围（{kind} {expected}）")]
    if kind == "dependentRequired":
        return [(path, f"{where}: {error.message.replace('is a dependency of', 'is needed with')}",
                 f"{where_zh}：缺少与之配套的键（{error.message.replace('is a dependency of', 'is needed with')}）")]
    if kind == "not":
        return [(path, f"{where}: give one form of a number: value (with op), or min and max, or ref",
                 f"{where_zh}：数值只能用一种写法：value（可加 op），或 min 和 max，或 ref")]
    if kind == "uniqueItems":
        return [(path, f"{where} lists the same item twice", f"{where_zh}中同一项列了两次")]
    return [(path, f"{where}: {error.message}", f"{where_zh}：不符合格式要求（{error.message}）")]


def _pattern_hint(pattern: str) -> tuple[str, str]:
    if "[0-9]{4}-[0-9]{2}-[0-9]{2}" in pattern:
        return 'a date in quotes, "YYYY-MM-DD"', '加引号的日期，"YYYY-MM-DD"'
    if "[0-9a-f]{16}" in pattern:
        return ("16 hexadecimal digits, as in the fingerprint of the JSON output",
                "16 位十六进制数字，即 JSON 输出中的 fingerprint")
    if "[0-9]{6}" in pattern:
        return ('a six-digit region code as a quoted string such as "520201", or a group id',
                '加引号的六位区域代码（如 "520201"），或区域组 id')
    if pattern.startswith("^[a-z][a-z0-9_]*$"):
        return "lower-case letters, digits and '_'", "小写字母、数字和 '_'"
    return "lower-case letters, digits and '-'", "小写字母、数字和 '-'"


def schema_problems(data: Any, name: str, display: str) -> list[Problem]:
    """All schema violations of one file, each at the position of the offending node."""
    fast = fast_validator(name)
    if fast is not None and fast(data):
        return []
    problems = []
    for error in validator(name).iter_errors(data):
        for path, message, zh in _messages(error, data):
            line, column = locate(data, path) if isinstance(data, (Map, list)) else (1, 1)
            problems.append(Problem(display, line, column, message, zh))
    return sorted(set(problems))
