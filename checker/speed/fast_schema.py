"""A fast yes/no check of our own schemas, so that valid files skip jsonschema's slower walk.

jsonschema produces the messages users read, and it stays the judge: this module only answers "surely
valid" for the common case. It compiles the subset of Draft 2020-12 our schemas use into nested Python
closures; a schema with any other keyword refuses to compile, and callers then always use jsonschema.
Being wrong in the safe direction (calling a valid file invalid) only costs time, since jsonschema then
runs and finds nothing; the tests check that it never calls an invalid file valid.
"""

from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]

ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default"}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know."""


def _is_type(name: str) -> Check:
    if name == "object":
        return lambda v: isinstance(v, dict)
    if name == "array":
        return lambda v: isinstance(v, list)
    if name == "string":
        return lambda v: isinstance(v, str)
    if name == "boolean":
        return lambda v: isinstance(v, bool)
    if name == "null":
        return lambda v: v is None
    if name == "integer":
        return lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    if name == "number":
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    raise Unsupported(f"type {name}")


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


class Compiler:
    def __init__(self, root: dict[str, Any]):
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if not pointer.startswith("#/"):
            raise Unsupported(pointer)
        if pointer not in self.refs:
            self.refs[pointer] = lambda v: False  # placeholder while compiling a recursive reference
            node: Any = self.root
            for part in pointer[2:].split("/"):
                node = node[part]
            compiled = self.compile(node)
            self.refs[pointer] = compiled
        return lambda v, p=pointer: self.refs[p](v)

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        checks: list[Check] = []
        for key, value in schema.items():
            if key in ANNOTATIONS or key == "$defs":
                continue
            checks.append(self.keyword(key, value, schema))
        return _all_of(checks)

    def keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check:  # noqa: C901 - a dispatch table
        if key == "type":
            return _any_of([_is_type(t) for t in (value if isinstance(value, list) else [value])])
        if key == "enum":
            if all(isinstance(option, str) for option in value):
                names = frozenset(value)
                return lambda v: isinstance(v, str) and v in names
            return lambda v: any(_equal(v, option) for option in value)
        if key == "const":
            return lambda v: _equal(v, value)
        if key == "pattern":
            regex = re.compile(value)
            return lambda v: not isinstance(v, str) or regex.search(v) is not None
        if key == "minimum":
            return lambda v: not _number(v) or v >= value
        if key == "maximum":
            return lambda v: not _number(v) or v <= value
        if key == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if key == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= value
        if key == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if key == "maxItems":
            return lambda v: not isinstance(v, list) or len(v) <= value
        if key == "uniqueItems":
            return (lambda v: not isinstance(v, list) or _unique(v)) if value else (lambda v: True)
        if key == "required":
            return lambda v: not isinstance(v, dict) or all(k in v for k in value)
        if key == "properties":
            props = {name: self.compile(sub) for name, sub in value.items()}

            def properties(v: Any) -> bool:
                if isinstance(v, dict):
                    for name, item in v.items():
                        check = props.get(name)
                        if check is not None and not check(item):
                            return False
                return True
            return properties
        if key == "additionalProperties":
            known = set(schema.get("properties", {}))
            if schema.get("patternProperties"):
                raise Unsupported("patternProperties")
            if value is False:
                return lambda v: not isinstance(v, dict) or v.keys() <= known
            extra = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(extra(v[k]) for k in v.keys() - known)
        if key == "items":
            item = self.compile(value)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for x in v:
                        if not item(x):
                            return False
                return True
            return items
        if key == "$ref":
            return self.ref(value)
        if key == "dependentRequired":
            return lambda v: not isinstance(v, dict) or all(
                all(dep in v for dep in deps) for name, deps in value.items() if name in v)
        if key == "not":
            inner = self.compile(value)
            return lambda v: not inner(v)
        if key == "anyOf":
            return _any_of([self.compile(sub) for sub in value])
        raise Unsupported(key)


def _all_of(checks: list[Check]) -> Check:
    """True when every check is (a loop, not all() over a generator: this runs for every value of a
    national corpus)."""
    if len(checks) == 1:
        return checks[0]

    def every(v: Any) -> bool:
        for check in checks:
            if not check(v):
                return False
        return True
    return every


def _any_of(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def some(v: Any) -> bool:
        for check in checks:
            if check(v):
                return True
        return False
    return some


def _unique(items: list[Any]) -> bool:
    seen: list[Any] = []
    for item in items:
        if isinstance(item, (dict, list)):
            return False  # not needed by our schemas; let jsonschema decide
        if any(_equal(item, other) for other in seen):
            return False
        seen.append(item)
    return True


def compile_schema(schema: dict[str, Any]) -> Check:
    """A predicate that is True only for instances the schema accepts (raises Unsupported if unsure)."""
    return Compiler(schema).compile(schema)
