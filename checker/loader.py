"""Strict YAML loading that remembers where every value came from.

Plans are edited by hand and checked in CI, so the loader refuses what YAML allows but a plan never
needs, and what silently changes meaning: duplicate keys, anchors and aliases (the "billion laughs"
vector), custom tags, several documents in one file, tabs for indentation, and YAML 1.1 surprises (an
unquoted 0520 read as octal, `no` read as false, 2025-01-01 read as a date). Every refusal names
file:line:col and says what to write instead.

The result is plain data (dict, list, str, int, float, bool, None) in which every dict is a `Map` and
every list a `Seq`, which carry the 1-based (line, column) of their keys and items; `locate()` turns a
path such as ("targets", 3, "unit") into a position.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from .problems import InputError, Problem
from .speed import native_yaml

try:  # libyaml's parser in C where available; the pure-Python one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 40

Position = tuple[int, int]


class Map(dict):
    """A YAML mapping: a dict that knows where it starts and where each of its keys stands."""

    __slots__ = ("pos", "key_pos")

    def __init__(self, pos: Position = (0, 0)):
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Position] = {}


class Seq(list):
    """A YAML sequence: a list that knows where it starts and where each of its items stands."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Position = (0, 0)):
        super().__init__()
        self.pos = pos
        self.item_pos: list[Position] = []


def locate(data: Any, path: Iterable[Any]) -> Position:
    """Position of the node at `path` (keys and indexes), or of its nearest located ancestor."""
    pos: Position = getattr(data, "pos", (1, 1))
    node = data
    for step in path:
        if isinstance(node, Map) and step in node:
            pos = node.key_pos.get(step, pos)
            node = node[step]
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node):
            pos = node.item_pos[step]
            node = node[step]
        else:
            break
    return pos


_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?")
_TRUE, _FALSE = {"true", "True", "TRUE"}, {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}

_resolver = yaml.resolver.Resolver()


class _Refusal(Exception):
    def __init__(self, mark: Any, message: str, zh: str = ""):
        self.line = mark.line + 1
        self.column = mark.column + 1
        self.message = message
        self.zh = zh


# Characters a plain scalar other than a string can start with (YAML resolves by the first character):
# any other first character means text, with no need to ask the resolver. Most plan values are Chinese.
_RESOLVED_FIRST = frozenset(_resolver.yaml_implicit_resolvers) if None not in _resolver.yaml_implicit_resolvers \
    else None


def _plain_scalar(text: str, mark: Any) -> Any:
    """Resolve an unquoted scalar the way a drafter means it, refusing YAML 1.1 surprises."""
    if text and _RESOLVED_FIRST is not None and text[0] not in _RESOLVED_FIRST:
        return text
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    kind = tag.rsplit(":", 1)[-1]
    if kind == "str":
        return text
    if kind == "null":
        return None
    if kind == "bool":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise _Refusal(mark, f"'{text}' is read as a yes/no value by YAML 1.1; write true or false, "
                             f"or quote it (\"{text}\") if it is text",
                       f"YAML 1.1 把 '{text}' 读作是/否值；请写 true 或 false，若是文字请加引号（\"{text}\"）")
    if kind == "timestamp":
        raise _Refusal(mark, f"'{text}' is read as a date; write a year as a number (2025) "
                             f"or quote the text (\"{text}\")",
                       f"'{text}' 会被读作日期；年份请写成数字（2025），文字请加引号（\"{text}\"）")
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refusal(mark, f"number with {len(text)} characters is too long to be a plan value")
    if kind == "int":
        if _DECIMAL_INT.fullmatch(text):
            return int(text)
        if re.fullmatch(r"[-+]?0[0-7_]+", text):
            raise _Refusal(mark, f"'{text}' is read as an octal number by YAML 1.1; quote it "
                                 f"(\"{text}\") if it is a code, or drop the leading zero",
                           f"YAML 1.1 把 '{text}' 读作八进制数；若是代码请加引号（\"{text}\"），否则去掉开头的 0")
        raise _Refusal(mark, f"'{text}' is an unusual integer form (hex, binary, base 60 or with '_'); "
                             f"write a plain decimal number or quote it")
    if kind == "float":
        if _DECIMAL_FLOAT.fullmatch(text):
            return float(text)
        raise _Refusal(mark, f"'{text}' is not a finite decimal number; write digits such as 12.5",
                       f"'{text}' 不是有限的十进制数；请写数字，如 12.5")
    raise _Refusal(mark, f"unsupported value type {tag}")  # pragma: no cover - resolver has no others


def not_a_file(mode: int) -> Optional[str]:
    """Why a path of this mode is not read as a plan (a FIFO would hang the run, a device never end), or
    None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = ("a folder" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file")
    return f"is {kind}, not a regular file: plancheck reads only regular files and did not open it"


def _read_text(path: Path, display: str, max_bytes: int) -> str:
    try:
        status = path.stat()
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read file: {exc.strerror or exc}")]) from None
    refusal = not_a_file(status.st_mode)
    if refusal:
        raise InputError([Problem(display, 0, 0, refusal)])
    size = status.st_size
    if size > max_bytes:
        raise InputError([Problem(display, 0, 0, f"file is {size:,} bytes, over the limit of "
                                                  f"{max_bytes:,}; split the plan or check the file")])
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read file: {exc.strerror or exc}")]) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError([Problem(display, 1, 1, "file is UTF-16 or UTF-32; save it as UTF-8")])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise InputError([Problem(display, line, 1, "binary data (a NUL byte): this is not a YAML text file")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(display, line, column, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; "
                                                          "save the file as UTF-8")]) from None
    return text


def _check_tabs(text: str, display: str) -> None:
    if "\t" not in text:
        return
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        where = line.find("\t", 0, indent)
        if where >= 0 and line.strip():
            problems.append(Problem(display, number, where + 1, "tab used for indentation; indent with spaces",
                                    "用了制表符缩进；请用空格缩进"))
    if problems:
        raise InputError(problems)


def load_yaml_text(text: str, display: str) -> Any:
    """Parse one YAML document from text into located plain data (see module docstring).

    rapidyaml builds the data where it can prove it reads the document as libyaml does
    (checker/speed/native_yaml.py); anything else, and every refusal, is libyaml's."""
    _check_tabs(text, display)
    handled, data = native_yaml.load_located(text, Map, Seq, _plain_scalar, _Refusal, MAX_DEPTH)
    if handled:
        return data
    return load_with_libyaml(text, display)


def load_with_libyaml(text: str, display: str) -> Any:
    """load_yaml_text by libyaml's events alone: the reference the rapidyaml path is tested against."""
    _check_tabs(text, display)
    loader = _Loader(text)
    stack: list[Any] = []  # open containers; for maps, the pending key sits beside them
    keys: list[Any] = []
    root: Any = None
    documents = 0
    scalar_event = yaml.ScalarEvent
    try:
        while True:
            event = loader.get_event()
            if type(event) is scalar_event and not event.anchor and event.tag in (None, "!"):
                # a value: the common case, first; one with an anchor or a tag is refused below
                mark = event.start_mark
                if event.style in (None, "") and event.implicit[0]:
                    value = _plain_scalar(event.value, mark)
                else:
                    value = event.value
                if stack:
                    _attach(stack, keys, value, (mark.line + 1, mark.column + 1), mark)
                else:
                    root = value
                continue
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            mark = event.start_mark
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Refusal(mark, "a plan file holds one YAML document; remove the '---' separator",
                                   "一个规划文件只能有一个 YAML 文档；请删去分隔符 '---'")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.AliasEvent):
                raise _Refusal(mark, f"alias '*{event.anchor}' refused: plan files may not use anchors "
                                     "or aliases; write the value out",
                               f"不接受别名 '*{event.anchor}'：规划文件不能用锚点或别名，请把值写出来")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                keys.pop()
                if stack:
                    _attach(stack, keys, done, done.pos, mark)
                else:
                    root = done
                continue
            if getattr(event, "anchor", None):
                raise _Refusal(mark, f"anchor '&{event.anchor}' refused: plan files may not use anchors "
                                     "or aliases; write the value out",
                               f"不接受锚点 '&{event.anchor}'：规划文件不能用锚点或别名，请把值写出来")
            if event.tag not in (None, "!"):
                raise _Refusal(mark, f"tag '{event.tag}' refused: plan files use plain values only",
                               f"不接受标签 '{event.tag}'：规划文件只用普通的值")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise _Refusal(mark, f"nesting deeper than {MAX_DEPTH} levels")
                pos = (mark.line + 1, mark.column + 1)
                container = Map(pos) if isinstance(event, yaml.MappingStartEvent) else Seq(pos)
                if stack and isinstance(stack[-1], Map) and keys[-1] is _NO_KEY:
                    raise _Refusal(mark, "a mapping key must be plain text, not a list or mapping")
                stack.append(container)
                keys.append(_NO_KEY)
    except _Refusal as refusal:
        raise InputError([Problem(display, refusal.line, refusal.column, refusal.message, refusal.zh)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "YAML syntax error"
        raise InputError([Problem(display, line, column, f"YAML syntax error: {message}",
                                  f"YAML 语法错误：{message}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(display, 0, 0, f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    return root


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


def _attach(stack: list[Any], keys: list[Any], value: Any, pos: Position, mark: Any) -> None:
    """Put a finished node into the open container on top of the stack."""
    parent = stack[-1]
    if isinstance(parent, Seq):
        parent.append(value)
        parent.item_pos.append(pos)
        return
    key = keys[-1]
    if key is _NO_KEY:  # this node is a key
        if isinstance(value, (Map, Seq)):
            raise _Refusal(mark, "a mapping key must be plain text, not a list or mapping")
        key = "" if value is None else str(value) if not isinstance(value, bool) else str(value).lower()
        if key in parent:
            first = parent.key_pos[key]
            raise _Refusal(mark, f"duplicate key '{key}' (first defined at line {first[0]})",
                           f"键 '{key}' 重复（第 {first[0]} 行已有）")
        parent.key_pos[key] = pos
        keys[-1] = key
        return
    parent[key] = value
    keys[-1] = _NO_KEY


def load_yaml(path: str | os.PathLike[str], display: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read and parse a YAML file; `display` is the name used in messages (default: the path)."""
    path = Path(path)
    shown = display or str(path)
    if path.is_dir():
        raise InputError([Problem(shown, 0, 0, "is a directory, not a YAML file")])
    text = _read_text(path, shown, max_bytes)
    data = load_yaml_text(text, shown)
    if data is None:
        raise InputError([Problem(shown, 1, 1, "file is empty: a YAML mapping was expected",
                                  "文件是空的：应为一个 YAML 映射（键: 值）")])
    return data
