"""The project configuration: where it is, what it says, and whether rule options have the right types.

A project configures plancheck in `plancheck.yaml` or in the `[tool.plancheck]` table of pyproject.toml
(docs/configuration.md lists every key). As ruff finds its configuration, plancheck looks in the working
folder and then in each folder above it; in one folder plancheck.yaml comes before pyproject.toml, and a
pyproject.toml without a `[tool.plancheck]` table does not count. The search stops at the first folder
holding a configuration, at a folder holding `.git` (the top of the repository, searched itself) or at
the filesystem root; no configuration at all is fine. Every command (check, validate, graph, baseline,
rules, explain) reads the configuration through `load_config`.

Every value is checked before a rule runs: the keys and their types here, the rule ids and option names
in engine.load_rules, and option values against the JSON Schema each rule function declares
(`OPTIONS_SCHEMA`, see functions/base.py). A problem names the configuration file and line; exit code 2.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .discovery import display_name
from .loader import load_yaml, locate
from .problems import InputError, Problem

YAML_NAME, PYPROJECT_NAME = "plancheck.yaml", "pyproject.toml"
KEYS = ("disable", "severity", "options", "rules", "documents")


@dataclass
class Config:
    """Project settings: rules switched off, severities and options changed, extra rule folders."""

    disable: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: tuple[str, ...] = ()  # extra rule folders, relative to the configuration file's folder
    documents: Optional[str] = None  # the folder of the plans' source documents, for the report's source view
    source: Optional[str] = None  # the configuration file as messages name it; None: no configuration
    path: Optional[Path] = None  # the configuration file
    positions: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def problem(self, keys: tuple[str, ...], message: str, zh: str = "") -> Problem:
        """A problem at the line of `keys` (e.g. ("options", rule id, option)) in the configuration file."""
        for end in range(len(keys), 0, -1):  # the key itself, else the nearest enclosing one
            if keys[:end] in self.positions:
                return Problem(self.source or "config", *self.positions[keys[:end]], message, zh)
        return Problem(self.source or "config", 1, 1, message, zh)


def find_config(start: Optional[Path] = None) -> Optional[Path]:
    """The configuration file in force for a run started in `start` (default: the working folder)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / YAML_NAME).is_file():
            return candidate / YAML_NAME
        pyproject = candidate / PYPROJECT_NAME
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def load_config(start: Optional[Path] = None) -> Config:
    """The configuration found from `start` upward (see find_config), checked; an empty one when none."""
    path = find_config(start)
    if path is None:
        return Config()
    source = display_name(path)
    if path.name == YAML_NAME:
        data = load_yaml(path, source)
        if data is None:
            data = {}
        positions = _yaml_positions(data)
    else:
        text = path.read_text(encoding="utf-8")
        data = _toml(text, source).get("tool", {}).get("plancheck", {})
        positions = _toml_positions(text, data)
    config = Config(source=source, path=path, positions=positions)
    if not isinstance(data, dict):
        raise InputError([config.problem((), "configuration must be a mapping")])
    problems = _shape_problems(data, config)
    if problems:
        raise InputError(problems)
    config.disable = tuple(data.get("disable", ()))
    config.severity = dict(data.get("severity", {}))
    config.options = {rule: dict(options) for rule, options in data.get("options", {}).items()}
    config.rules = tuple(str(path.parent / folder) for folder in data.get("rules", ()))
    config.documents = str(path.parent / data["documents"]) if "documents" in data else None
    return config


def _shape_problems(data: dict[str, Any], config: Config) -> list[Problem]:
    """Unknown keys and values of the wrong type; rule ids and option values are checked with the rules."""
    problems = []
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        problems.append(config.problem((unknown[0],), f"unknown configuration key(s): {', '.join(unknown)}; "
                                                      f"allowed: {', '.join(sorted(KEYS))}"))
    for key in ("disable", "rules"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            problems.append(config.problem((key,), f"{key}: expected a list of strings, got {_shown(value)}"))
    if "documents" in data and not isinstance(data["documents"], str):
        problems.append(config.problem(("documents",), f"documents: expected a folder name, got {_shown(data['documents'])}"))
    for key in ("severity", "options"):
        value = data.get(key, {})
        if not isinstance(value, dict):
            problems.append(config.problem((key,), f"{key}: expected a mapping of rule ids, got {_shown(value)}"))
    options = data.get("options", {})
    for rule_id, value in (options.items() if isinstance(options, dict) else ()):
        if not isinstance(value, dict):
            problems.append(config.problem(("options", rule_id),
                                           f"options of '{rule_id}': expected a mapping of option names, "
                                           f"got {_shown(value)}"))
    return problems


def _surely_valid(schema: dict[str, Any], value: Any) -> bool:
    from .speed.fast_schema import Unsupported, compile_schema
    try:
        return compile_schema(schema)(value)
    except Unsupported:
        return False


def option_problems(module: Any, options: dict[str, Any], where: Any, rule_id: str) -> list[Problem]:
    """Options that the rule function does not declare or whose value does not fit its OPTIONS_SCHEMA.

    `where(name, message, zh)` gives the Problem for the option `name` (file and line of the rule set or
    the configuration that set it), with its message in English and Chinese."""
    declared = module.OPTIONS_SCHEMA["properties"]
    problems = []
    for name, value in options.items():
        if name not in declared:
            known = ', '.join(sorted(declared))
            problems.append(where(name, f"unknown option '{name}' for function '{module.ID}'; known: {known or 'none'}",
                                  f"函数 '{module.ID}' 没有选项 '{name}'；可用：{known or '无'}"))
            continue
        if _surely_valid(declared[name], value):
            continue  # jsonschema (slow to import) is asked only for the message of a value that does not fit
        import jsonschema
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(declared[name]).iter_errors(value))
        if error is not None:
            problems.append(where(name, f"option '{name}' of rule '{rule_id}' (function '{module.ID}'): "
                                        f"{_shown(value)} is not valid: {_expected(declared[name], error)}",
                                  f"规则 '{rule_id}'（函数 '{module.ID}'）的选项 '{name}' 取值 {_shown(value)} 无效："
                                  f"{_expected_zh(declared[name], error)}"))
    return problems


def _expected(schema: dict[str, Any], error: Any) -> str:
    """What the option takes, in words: 'a number >= 0', 'a list of: additive, ratio, each' ..."""
    kind = schema.get("type")
    if kind == "number":
        bounds = [f">= {schema['minimum']}" if "minimum" in schema else "",
                  f"> {schema['exclusiveMinimum']}" if "exclusiveMinimum" in schema else ""]
        return " ".join(["expected a number", *filter(None, bounds)])
    if kind == "boolean":
        return "expected true or false"
    if kind == "array" and "enum" in schema.get("items", {}):
        return f"expected a list of: {', '.join(schema['items']['enum'])} (each at most once)"
    return error.message


def _expected_zh(schema: dict[str, Any], error: Any) -> str:
    kind = schema.get("type")
    if kind == "number":
        bounds = [f"≥ {schema['minimum']}" if "minimum" in schema else "",
                  f"> {schema['exclusiveMinimum']}" if "exclusiveMinimum" in schema else ""]
        return "应为数值" + "".join(f"，且{b}" for b in bounds if b)
    if kind == "boolean":
        return "应为 true 或 false"
    if kind == "array" and "enum" in schema.get("items", {}):
        return f"应为以下取值的列表（各至多一次）：{'、'.join(schema['items']['enum'])}"
    return error.message


def _shown(value: Any) -> str:
    return repr(value) if not isinstance(value, str) else f"'{value}'"


def _yaml_positions(data: Any) -> dict[tuple[str, ...], tuple[int, int]]:
    """(line, column) of every key down to the option names, from the located YAML data."""
    positions: dict[tuple[str, ...], tuple[int, int]] = {}

    def walk(node: Any, keys: tuple[str, ...]) -> None:
        if isinstance(node, dict) and len(keys) < 3:
            for key, value in node.items():
                positions[(*keys, str(key))] = locate(data, [*keys, key])
                walk(value, (*keys, str(key)))

    walk(data, ())
    return positions


def _toml(text: str, source: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(source, 0, 0, f"cannot read [tool.plancheck]: {exc}")]) from None


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "plancheck" not in text:
        return False
    try:
        data = _toml(text, pyproject.as_posix())
    except InputError:
        return True  # a broken pyproject.toml that mentions plancheck: load_config reports it
    return isinstance(data.get("tool"), dict) and "plancheck" in data["tool"]


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def _toml_positions(text: str, data: dict[str, Any]) -> dict[tuple[str, ...], tuple[int, int]]:
    """The line of each configuration key in pyproject.toml (the TOML reader keeps no positions).

    A key is found as `name =` on a line of the table that holds it (`[tool.plancheck]`,
    `[tool.plancheck.options]`, `[tool.plancheck.options.RULE]` ...), in a dotted key, or inside an
    inline table on such a line; a key not found this way is placed at its nearest enclosing key."""
    lines = text.splitlines()
    tables: list[tuple[int, tuple[str, ...]]] = []  # (line number, keys below tool.plancheck)
    for number, line in enumerate(lines, 1):
        match = _HEADER.match(line)
        if match:
            keys = tuple(part.strip().strip("\"'") for part in match.group(1).split("."))
            if keys[:2] == ("tool", "plancheck"):
                tables.append((number, keys[2:]))
            else:
                tables.append((number, ("",)))  # another table: nothing of ours below it
    positions: dict[tuple[str, ...], tuple[int, int]] = {}
    for index, (number, table) in enumerate(tables):
        if table == ("",):
            continue
        if table:
            positions.setdefault(table, (number, 1))
        end = tables[index + 1][0] - 1 if index + 1 < len(tables) else len(lines)
        for line_number in range(number + 1, end + 1):
            _place(lines[line_number - 1], line_number, table, data, positions)
    return positions


def _place(line: str, number: int, table: tuple[str, ...], data: dict[str, Any],
           positions: dict[tuple[str, ...], tuple[int, int]]) -> None:
    """Record the keys that `line` (inside `table`) sets, down to option names."""
    node: Any = data
    for key in table:
        node = node.get(key) if isinstance(node, dict) else None

    def visit(node: Any, keys: tuple[str, ...]) -> None:
        if not isinstance(node, dict) or len(keys) >= 3:
            return
        for key, value in node.items():
            column = _key_column(line, str(key))
            if column:
                positions.setdefault((*keys, str(key)), (number, column))
                visit(value, (*keys, str(key)))

    visit(node, table)


def _key_column(line: str, key: str) -> int:
    """1-based column where `key` (bare or quoted) stands as a key on `line` (followed by = or .), else 0."""
    pattern = re.compile(r"(^|[\s{,.])(" + re.escape(key) + r"|\"" + re.escape(key) + r"\"|'" + re.escape(key)
                         + r"')\s*[=.]")
    match = pattern.search(line.split("#", 1)[0])
    return match.start(2) + 1 if match else 0
