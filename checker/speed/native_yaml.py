"""The loader's located plain data built from rapidyaml's tree, for the documents it can prove it reads alike.

checker/loader.py walks libyaml's events in Python, one object per event; rapidyaml (`ryml`) parses a
whole file in C++ into one array of nodes at a fortieth of that cost, and reading that array in one copy
is the cheaper way to the same `Map`s and `Seq`s. libyaml stays the judge: this path answers only for
documents made of what it reads exactly as libyaml does (block and flow mappings and sequences of plain,
quoted and block scalars) and declines anything else -- a tag, an anchor or alias, a directive or
document marker, an explicit key, a tab, a line break other than LF, a character libyaml refuses, a plain
scalar libyaml might read apart, an item whose position libyaml takes from the next token, or anything
rapidyaml refuses. It also declines where the strict loader refuses (a duplicate key, a YAML 1.1
surprise, too deep a nesting): the loader then runs the libyaml path, which words the refusal as
always. tests/test_native_yaml.py runs both paths on generated valid and invalid YAML and requires the
same data, positions and errors. PLANCHECK_YAML=libyaml switches this path off.

Positions come from where each scalar lies in the buffer rapidyaml parsed in place: a key or item is
where its scalar starts (a quoted one at its quote), a block mapping where its first key is, and a
sequence or flow mapping at the '-', '[' or '{' just before its first entry (an empty one just after its
key's ':').
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
from bisect import bisect_left
from itertools import accumulate, count
from functools import reduce
from operator import add, or_
from typing import Any, Callable, Iterator, Optional

ryml: Any = None  # imported on first use (checks need it, `plancheck --help` does not)
_ryml: Any = None

# rapidyaml's node type bits (ryml.KEY, ryml.VAL, ...), spelled out so that the walk needs no attribute look-ups
_KEY, _VAL, _MAP, _SEQ = 0x1, 0x2, 0x4, 0x8
_NOT_PLAIN_DATA = 0x10 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800  # DOC, STREAM, refs, anchors, tags
_KEY_NIL, _VAL_NIL = 0x1000, 0x2000
_FLOW_SL, _FLOW_ML = 0x10000, 0x20000
_VAL_LITERAL, _VAL_FOLDED = 0x400000, 0x1000000
_KEY_QUOTED, _VAL_QUOTED = 0x2000000 | 0x8000000, 0x4000000 | 0x10000000  # single or double quotes
_KEY_PLAIN, _VAL_PLAIN = 0x20000000, 0x40000000

# Text libyaml reads differently or refuses, which this path leaves to it: characters outside YAML's
# printable set, and tab, CR, NEL, U+2028, U+2029 and BOM, which libyaml counts or treats apart ...
_UNPRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# ... directives and document markers at a line start, and '?' as an explicit-key indicator
_MARKERS = ("%", "---", "...")
_LINE_MARKERS = tuple("\n" + marker for marker in _MARKERS)
_EXPLICIT_KEY = re.compile(r"(?:^|[\s\[{,])\?(?:\s|$)")


def _leave_to_libyaml(text: str) -> bool:
    if text.startswith(_MARKERS) or any(marker in text for marker in _LINE_MARKERS):
        return True
    if "?" in text and _EXPLICIT_KEY.search(text):
        return True
    return _UNPRINTABLE.search(text) is not None


# rapidyaml keeps a tree as one array of node records, which the binding reaches one call per field; the
# walk below reads the whole array in one copy instead. The record layout (18 machine words in 0.15:
# type, key tag/scalar/anchor, value tag/scalar/anchor as pointer and length, then the parent and the
# first, last, next and previous sibling ids) is the binding's own and is checked against the binding's
# calls on a sample document on first use (and read only from rapidyaml 0.15); where it differs, this
# path stays off.
_WORDS = 18
_TYPE, _KEY_PTR, _KEY_LEN, _VAL_PTR, _VAL_LEN, _PARENT, _PREV = 0, 3, 4, 9, 10, 13, 17
_FIELDS = (_TYPE, _KEY_PTR, _KEY_LEN, _VAL_PTR, _VAL_LEN, _PARENT, _PREV)
_NONE = 2 ** 64 - 1
_SAMPLE = b"a: 1\nb:\n  - x\n  - 'q''s'\n  - {c: \"d\", e: [f]}\ng: |\n  text\n"


def _node_columns(tree: Any, size: int) -> Optional[dict[int, list[int]]]:
    """The fields this module reads of the tree's node records, each as a column of integers (by the
    field's word in the record), or None if the tree is not as expected."""
    header = (ctypes.c_uint64 * 3).from_address(int(tree.this))
    if header[2] != size or header[1] < size:
        return None
    words = memoryview(ctypes.string_at(header[0], size * _WORDS * 8)).cast("Q")
    return {field: words[field::_WORDS].tolist() for field in _FIELDS}


def _layout_holds() -> bool:
    """Whether _node_columns reads what the binding's own calls report, on a sample with every kind of node."""
    if ctypes.sizeof(ctypes.c_void_p) != 8 or tuple(ryml.version_tuple[:2]) != (0, 15):
        return False  # a record layout not checked here: reading it blindly could read out of bounds
    buffer = bytearray(_SAMPLE)
    base = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    tree = ryml.Tree()
    _ryml.parse_substr(buffer, tree)
    size = _ryml.Tree_size(tree)
    header = (ctypes.c_uint64 * 3).from_address(int(tree.this))
    if (header[1], header[2]) != (_ryml.Tree_capacity(tree), size):
        return False  # the tree does not start with its node array, capacity and size
    columns = _node_columns(tree, size)
    if columns is None:
        return False

    def text(pointer: int, length: int) -> bytes:
        return bytes(buffer[pointer - base:pointer - base + length]) if pointer else b""

    for node in range(size):
        bits = _ryml.Tree_type(tree, node)
        parent, prev = _ryml.Tree_parent(tree, node), _ryml.Tree_prev_sibling(tree, node)
        if (columns[_TYPE][node], columns[_PARENT][node], columns[_PREV][node]) != (bits, parent, prev):
            return False
        if bits & _KEY and bytes(_ryml.Tree_key(tree, node)) != text(columns[_KEY_PTR][node], columns[_KEY_LEN][node]):
            return False
        if bits & _VAL and bytes(_ryml.Tree_val(tree, node)) != text(columns[_VAL_PTR][node], columns[_VAL_LEN][node]):
            return False
    return size == 10


_AVAILABLE: Optional[bool] = None


def available() -> bool:
    """Whether rapidyaml is installed and its node records read as this module expects (decided once)."""
    global _AVAILABLE, ryml, _ryml
    if _AVAILABLE is None:
        if os.environ.get("PLANCHECK_YAML") == "libyaml":
            _AVAILABLE = False
            return False
        try:
            import ryml
            from ryml import _ryml
        except ImportError:  # pragma: no cover - rapidyaml has no wheel for this platform: libyaml serves
            _AVAILABLE = False
            return False
        try:
            _AVAILABLE = _layout_holds()
        except Exception:  # pragma: no cover - a binding unlike 0.15's: the libyaml path serves
            _AVAILABLE = False
    return _AVAILABLE


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """rapidyaml prints its own error report on the process's stderr before it raises, and the binding
    offers no way to stop it; the user is to read libyaml's message alone, so stderr points at the null
    device while rapidyaml parses (plancheck parses in one thread per process)."""
    try:
        saved = os.dup(2)
    except OSError:  # pragma: no cover - no stderr at all: nothing to silence
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


class _NotHere(Exception):
    """The document holds something this path does not read; the libyaml path will."""


def load_located(text: str, map_type: type, seq_type: type, plain_scalar: Callable[[str, Any], Any],
                 refusal: type, max_depth: int) -> tuple[bool, Any]:
    """(True, located data) for a document this path reads exactly as the libyaml path would, else (False, None).

    `plain_scalar(text, mark)` is the loader's own resolution of an unquoted scalar; where it raises
    `refusal`, this path answers False and the libyaml path gives the message."""
    if not available() or _leave_to_libyaml(text):
        return False, None
    raw = text.encode("utf-8")
    buffer = bytearray(raw)
    tree = ryml.Tree()
    try:
        with _stderr_silenced():
            _ryml.parse_substr(buffer, tree)
    except Exception:  # rapidyaml refuses (its exceptions share no base class): the libyaml path words it
        return False, None
    try:
        return True, _build(tree, raw, buffer, map_type, seq_type, plain_scalar, max_depth)
    except (_NotHere, refusal):
        return False, None


class _Mark:
    """What the loader's refusals read from a libyaml mark; never shown, since a refusal sends the
    document to the libyaml path."""

    __slots__ = ("line", "column")

    def __init__(self) -> None:
        self.line = self.column = 0


_MARK = _Mark()
# Plain scalars resolved so far (text -> value): the loader's resolution depends on the text alone, and
# plan files repeat their keys and many values. Bounded, so that a long-lived process does not grow.
_RESOLVED: dict[str, Any] = {}
_RESOLVED_MAX = 100_000


def _build(tree: Any, raw: bytes, buffer: bytearray, map_type: type, seq_type: type,
           plain_scalar: Callable[[str, Any], Any], max_depth: int) -> Any:
    """The located data of a parsed tree; _NotHere where an entry's position or value is not certain."""
    size = _ryml.Tree_size(tree)
    columns = _node_columns(tree, size)
    if columns is None:
        raise _NotHere
    types, parents, previous = columns[_TYPE], columns[_PARENT], columns[_PREV]
    key_ptrs, key_lens, val_ptrs, val_lens = columns[_KEY_PTR], columns[_KEY_LEN], columns[_VAL_PTR], columns[_VAL_LEN]
    root_bits = types[0]
    if not root_bits & (_MAP | _SEQ) or size < 2 or reduce(or_, types) & (_NOT_PLAIN_DATA | _KEY_NIL):
        raise _NotHere  # a lone scalar, an empty or marked document, an empty root, a tag, anchor or alias
    base = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    length = len(raw)
    resolved = _RESOLVED
    if len(resolved) > _RESOLVED_MAX:
        resolved.clear()
    lines = raw.split(b"\n")
    ends = list(map(add, accumulate(map(len, lines)), count()))  # where each line's LF is (or the end)
    ascii_lines = list(map(bytes.isascii, lines))

    def position(offset: int) -> tuple[int, int]:
        """libyaml's 1-based (line, column) of a byte offset; the column counts characters."""
        line = bisect_left(ends, offset)
        start = ends[line - 1] + 1 if line else 0
        if ascii_lines[line]:
            return line + 1, offset - start + 1
        return line + 1, len(raw[start:offset].decode("utf-8")) + 1

    containers: list[Any] = [None] * size
    last_child = [_NONE] * size
    depth = [0] * size
    starts = [-1] * size  # byte offset where each node's event starts (a key's, for a mapping's entries)
    containers[0] = root = map_type() if root_bits & _MAP else seq_type()
    collections = [0]  # the collection nodes, in document order
    key_ends: dict[int, int] = {}
    # nodes come in document order, each after its parent and its elder siblings (checked)
    for node in range(1, size):
        bits = types[node]
        parent = parents[node]
        if parent >= node or previous[node] != last_child[parent]:
            raise _NotHere
        last_child[parent] = node
        into = containers[parent]
        if bits & (_MAP | _SEQ):
            depth[node] = depth[parent] + 1
            if depth[node] >= max_depth:
                raise _NotHere
            value = containers[node] = map_type() if bits & _MAP else seq_type()
            collections.append(node)
        elif bits & _VAL_NIL and not val_ptrs[node]:
            if not bits & _KEY:
                raise _NotHere  # an empty item: libyaml places it by the next token
            value = None
        else:
            offset = val_ptrs[node] - base
            end = offset + val_lens[node]
            if offset < 0 or end > length:
                raise _NotHere  # unescaping moved it out of the buffer
            text = buffer[offset:end].decode("utf-8")
            if bits & (_VAL_LITERAL | _VAL_FOLDED) and not raw.endswith(b"\n"):
                raise _NotHere  # libyaml ends a block scalar at the end of the text without a line break
            if bits & _VAL_PLAIN:
                value = resolved.get(text, _MISSING)
                if value is _MISSING:
                    value = _resolve(text, types[parent], plain_scalar)
            else:
                value = text
            if not bits & _KEY:
                if bits & _VAL_QUOTED:
                    offset -= 1
                    if offset < 0 or raw[offset] not in b"'\"":
                        raise _NotHere
                elif not bits & _VAL_PLAIN or offset == end:
                    raise _NotHere  # a block scalar item (placed at its indicator) or an empty plain item
                starts[node] = offset
                into.append(value)
                line = bisect_left(ends, offset)
                start = ends[line - 1] + 1 if line else 0
                into.item_pos.append((line + 1, offset - start + 1) if ascii_lines[line] else position(offset))
                continue
        if not bits & _KEY:
            into.append(value)
            into.item_pos.append(None)  # a collection: placed below, once its first entry is
            continue
        offset = key_ptrs[node] - base
        end = offset + key_lens[node]
        if offset < 0 or end > length:
            raise _NotHere
        text = buffer[offset:end].decode("utf-8")
        if bits & _KEY_PLAIN:
            if offset == end:
                raise _NotHere
            key = resolved.get(text, _MISSING)
            if key is _MISSING:
                key = _resolve(text, types[parent], plain_scalar)
            if key.__class__ is not str:
                key = "" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
        elif bits & _KEY_QUOTED:
            key = text
            offset -= 1
            if offset < 0 or raw[offset] not in b"'\"":
                raise _NotHere
        else:
            raise _NotHere
        if key in into:
            raise _NotHere  # a duplicate key: the libyaml path refuses it in its words
        into[key] = value
        line = bisect_left(ends, offset)
        start = ends[line - 1] + 1 if line else 0
        into.key_pos[key] = (line + 1, offset - start + 1) if ascii_lines[line] else position(offset)
        starts[node] = offset
        if ends[line] - offset >= _SIMPLE_KEY_REACH:  # a long line: is the key's ':' near enough for libyaml?
            colon = _after_key(raw, buffer, bits, key_ptrs[node] - base, end, offset)
            if colon < 0 or colon - offset >= _SIMPLE_KEY_REACH:
                raise _NotHere
        if bits & (_VAL_LITERAL | _VAL_FOLDED):  # a block scalar: its header as libyaml takes it, right after ':'
            colon = _after_key(raw, buffer, bits, key_ptrs[node] - base, end, offset)
            if colon < 0 or not _BLOCK_HEADER.match(raw, colon + 1):
                raise _NotHere
        elif bits & (_MAP | _SEQ):  # where the key ends, if certain: an empty collection is placed after it
            key_ends[node] = _after_key(raw, buffer, bits, key_ptrs[node] - base, end, offset)

    # a collection starts where its first entry does, or at the indicator just before it; innermost first
    for node in reversed(collections):
        container = containers[node]
        bits = types[node]
        if not container:  # an empty collection ([] or {}): placed after its key's ':', where it has one
            at = _empty_collection_start(raw, key_ends.get(node, -1), bits)
        elif parents[node + 1] != node:
            raise _NotHere
        elif bits & _MAP and not bits & (_FLOW_SL | _FLOW_ML):
            at = starts[node + 1]  # its first key (each node's first child comes right after it)
        else:
            at = _opener(raw, starts[node + 1], 0x2D if not bits & (_FLOW_SL | _FLOW_ML) else 0x5B if bits & _SEQ
                         else 0x7B)  # - [ {
        container.pos = position(at)
        if not bits & _KEY:  # an item: its parent sequence places it here (a mapping's entry is at its key)
            starts[node] = at
    for node in collections:
        container = containers[node]
        if types[node] & _SEQ and None in container.item_pos:
            child = node + 1
            item_pos = container.item_pos
            for index in range(len(item_pos)):
                if item_pos[index] is None:
                    item_pos[index] = containers[child].pos
                child = _next_sibling(child, parents, node, size)
    return root


def _next_sibling(child: int, parents: list[int], parent: int, size: int) -> int:
    """The node after `child`'s subtree that is a child of `parent` (its next sibling)."""
    child += 1
    while child < size and parents[child] != parent:
        child += 1
    return child


def _opener(raw: bytes, first: int, indicator: int) -> int:
    """Where a sequence or flow mapping starts: its indicator, just before its first entry."""
    at = first - 1
    while at >= 0 and raw[at] == 0x20:
        at -= 1
    if at < 0 or raw[at] != indicator:
        raise _NotHere
    return at


_MISSING = object()
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}:?#")


def _resolve(text: str, parent_bits: int, plain_scalar: Callable[[str, Any], Any]) -> Any:
    """The loader's value of a plain scalar, for text that libyaml reads as one plain scalar too.

    rapidyaml is more lenient with plain scalars than libyaml: it takes `- ]` or `a: b: c`, which libyaml
    refuses. Text that starts with an indicator, holds ': ' or ' #', or ends in ':' is left to libyaml,
    and so is, in a flow collection, text with a flow indicator in it. Text fit in every context is kept."""
    if not text:
        raise _NotHere
    first = text[0]
    if first in _INDICATORS and (first not in "-?:" or len(text) < 2 or text[1] == " "):
        raise _NotHere
    if ": " in text or " #" in text or text[-1] == ":":
        raise _NotHere
    value = plain_scalar(text, _MARK)
    if _FLOW_INDICATORS.isdisjoint(text):
        _RESOLVED[text] = value  # fit in a flow collection as well: no need to look at it again
    elif parent_bits & (_FLOW_SL | _FLOW_ML):
        raise _NotHere
    return value


# libyaml reads a key without '?' only if its ':' comes within 1024 characters of its start; rapidyaml has
# no such limit. A key whose ':' is 1000 bytes away or more is left to libyaml.
_SIMPLE_KEY_REACH = 1000


# A block scalar's header as libyaml reads it: '|' or '>', a chomping and an indentation indicator in
# either order, then a comment or nothing up to the line break (rapidyaml takes more, such as `| - 1`)
_BLOCK_HEADER = re.compile(rb" +[|>](?:[+-][1-9]?|[1-9][+-]?)?(?: +#[^\n]*| *)\n")


def _after_key(raw: bytes, buffer: bytearray, bits: int, content: int, end: int, start: int) -> int:
    """Where the ':' after a key is, or -1 where that is not certain (the key was unescaped or folded in
    place, so its length in the text is not known)."""
    if raw[content:end] != buffer[content:end]:
        return -1
    if bits & _KEY_QUOTED:
        if end >= len(raw) or raw[end] != raw[start]:
            return -1
        end += 1
    while end < len(raw) and raw[end] == 0x20:
        end += 1
    return end if end < len(raw) and raw[end] == 0x3A else -1  # :


def _empty_collection_start(raw: bytes, colon: int, bits: int) -> int:
    """Where an empty flow collection that is a mapping value starts: the '[' or '{' after `key: `."""
    if colon < 0 or not bits & (_FLOW_SL | _FLOW_ML):
        raise _NotHere
    at = colon + 1
    while at < len(raw) and raw[at] == 0x20:
        at += 1
    if at >= len(raw) or raw[at] != (0x7B if bits & _MAP else 0x5B):
        raise _NotHere
    return at
