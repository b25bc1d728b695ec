"""The rapidyaml path to located data against the libyaml path, which stays the reference.

Whenever the rapidyaml path answers, libyaml must give the same data (types included), the same positions
of every collection, key and item, and no error; whenever libyaml refuses a document, the rapidyaml path
must not answer, so that the loader's message is libyaml's, word for word. The documents are generated:
plan-like YAML with scalars of every YAML 1.1 kind in every quoting style, CJK text, comments, duplicate
keys, flow and block collections, then mutated (a tab, a stray indicator, a line shifted) into invalid ones.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from checker import loader
from checker.loader import MAX_DEPTH, Map, Seq, load_with_libyaml, load_yaml_text
from checker.problems import InputError
from checker.speed import native_yaml

from conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not native_yaml.available(), reason="rapidyaml is not installed here")

settings.register_profile("native-ci", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("native-release", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = "native-release" if os.environ.get("PLANCHECK_FUZZ") == "release" else "native-ci"


def shape(data: Any) -> Any:
    """Data and positions as one comparable value: types kept apart (1, 1.0 and True are not equal here)."""
    if isinstance(data, Map):
        return "map", data.pos, [(key, data.key_pos[key], shape(value)) for key, value in data.items()]
    if isinstance(data, Seq):
        assert len(data.item_pos) == len(data)
        return "seq", data.pos, [(pos, shape(item)) for pos, item in zip(data.item_pos, data)]
    assert not isinstance(data, (dict, list)), "every collection is located"
    return type(data).__name__, data


def outcome(load, text: str) -> Any:
    try:
        return "data", shape(load(text, "t.yaml"))
    except InputError as err:
        return "refused", [(p.file, p.line, p.column, p.message, p.zh) for p in err.problems]


def rapidyaml_answer(text: str) -> tuple[bool, Any]:
    return native_yaml.load_located(text, Map, Seq, loader._plain_scalar, loader._Refusal, MAX_DEPTH)


def assert_same(text: str) -> bool:
    """Both paths agree on `text`; True when the rapidyaml path answered."""
    reference = outcome(load_with_libyaml, text)
    answered, data = rapidyaml_answer(text)
    if answered:
        assert reference == ("data", shape(data)), text
    assert outcome(load_yaml_text, text) == reference, text
    return answered


# --- generated plan-like YAML -------------------------------------------------------------------------

PLAIN_WORDS = [
    # numbers as plans write them, and the YAML 1.1 forms the loader refuses
    "1", "0", "-3", "+7", "2025", "12.5", "-0.5", ".5", "1.", "1e3", "1.5e+3", "6.02E-23", "0520", "012", "0o17",
    "0x1F", "0b101", "1_000", "1:20", "190:20:30", "1.5:3", "9" * 45, ".inf", "-.Inf", ".NaN", "1.2.3", "+.5",
    # yes/no, null, dates, merge, value
    "yes", "No", "on", "OFF", "y", "n", "Y", "true", "False", "TRUE", "~", "null", "Null", "NULL",
    "2021-01-01", "2001-12-14t21:59:43.10-05:00", "2002-12-14", "<<", "=",
    # text, with the characters that make YAML think twice
    "文本", "亿元", "地区生产总值（亿元）", "贵州省", "a b", "a:b", "x-y", "http://x.cn/a?b=1", "-x", "x-", "a'b",
    'a"b', "a#b", "a #b", "a, b", "a]b", "a}b", "50%", "x=1", "≥3", "①", "😀", "é", "a\\b", "A_B.c", "v1.2",
    # indicators where a value starts (mostly refused or read apart)
    "@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "?", "-", "- x", "[x", "{x", "'x", '"x', ": x", "#x", ",x",
]
KEY_WORDS = ["id", "title", "unit", "value", "targets", "source", "year", "regions", "名称", "指标", "a", "b",
             "1", "2.5", "1.", "yes", "true", "~", "null", "2021-01-01", "0520", "<<", "x y", "k-1", "ID", "a:b",
             "a#b", "-k", "k-", "文本:x", "'q'", '"d"']
TEXT = st.text(alphabet=st.sampled_from(list("ab 文本亿元,:#-'\"\\[]{}!&*?|>%@`") + ["\u3000", "😀"]),
               max_size=8)
ESCAPES = ["\\t", "\\n", "\\\\", '\\"', "\\x41", "\\u4e2d", "\\U0001F600", "\\/", "\\N", "\\_", "\\L", "\\P",
           "\\e", "\\0", "\\a", "\\ ", "\\q", "\\x4", "\\\n  "]


@st.composite
def scalar(draw, indent: int) -> str:
    """A scalar as it is written after `key: ` or `- ` at this indentation."""
    kind = draw(st.sampled_from(["plain", "plain", "plain", "squote", "dquote", "literal", "folded", "multiline",
                                 "empty"]))
    if kind == "plain":
        return draw(st.sampled_from(PLAIN_WORDS) | TEXT.filter(lambda t: t.strip() == t and t))
    if kind == "squote":
        return "'" + draw(TEXT).replace("'", "''") + "'"
    if kind == "dquote":
        parts = draw(st.lists(TEXT.map(lambda t: t.replace("\\", "").replace('"', "")) | st.sampled_from(ESCAPES),
                              max_size=4))
        return '"' + "".join(parts) + '"'
    pad = " " * (indent + 2)
    lines = draw(st.lists(st.sampled_from(["text", "文本 行", "", "  indented", "a: b", "# not a comment"]),
                          min_size=1, max_size=3))
    if kind in ("literal", "folded"):
        chomp = draw(st.sampled_from(["", "-", "+", "2", "-2"]))
        return ("|" if kind == "literal" else ">") + chomp + "".join("\n" + (pad + line if line else "")
                                                                      for line in lines)
    if kind == "multiline":
        first = draw(st.sampled_from(["one", "'one", '"one', "文本"]))
        closing = first[0] if first[0] in "'\"" else ""
        return first + "".join("\n" + pad + line for line in lines if line) + closing
    return ""


@st.composite
def flow(draw, depth: int = 0) -> str:
    if depth < 2 and draw(st.booleans()):
        items = draw(st.lists(flow(depth + 1), max_size=3))
        return "[" + ", ".join(items) + "]"
    if depth < 2 and draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(KEY_WORDS), max_size=3))
        return "{" + ", ".join(f"{k}: {draw(flow(depth + 1))}" for k in keys) + "}"
    return draw(st.sampled_from(["1", "2.5", "x", "文本", "'q'", '"d"', "yes", "~", "2021-01-01", "a b", ""]))


def comment(draw) -> str:
    return draw(st.sampled_from(["", "", "", "  # note", " #注", "  #"]))


@st.composite
def block(draw, indent: int, depth: int = 0) -> list[str]:
    """Lines of a block mapping or sequence at this indentation."""
    pad = " " * indent
    lines: list[str] = []
    if draw(st.booleans()) or depth > 2:  # a mapping
        for key in draw(st.lists(st.sampled_from(KEY_WORDS) | st.sampled_from(["'quoted key'", '"k\\x41"', "'a'"]),
                                 min_size=1, max_size=4)):
            choice = draw(st.sampled_from(["scalar", "scalar", "flow", "nested", "blank", "comment"]))
            if choice == "nested" and depth < 3:
                step = draw(st.sampled_from([2, 4, 1]))
                lines.append(f"{pad}{key}:{comment(draw)}")
                lines.extend(draw(block(indent + step, depth + 1)))
            elif choice == "flow":
                lines.append(f"{pad}{key}: {draw(flow())}{comment(draw)}")
            else:
                value = draw(scalar(indent))
                lines.append(f"{pad}{key}:" + (f" {value}" if value else "") + comment(draw))
                if choice == "blank":
                    lines.append("")
                elif choice == "comment":
                    lines.append(f"{pad}# a comment 注释")
        return lines
    for _ in range(draw(st.integers(1, 3))):  # a sequence
        choice = draw(st.sampled_from(["scalar", "scalar", "map", "seq", "below", "flow"]))
        if choice == "map" and depth < 3:
            inner = draw(block(indent + 2, depth + 1))
            first = inner[0].lstrip(" ")
            if inner[0].startswith(" " * (indent + 2)) and not first.startswith("-"):
                lines.append(f"{pad}- {first}")
                lines.extend(inner[1:])
                continue
            lines.append(f"{pad}-")
            lines.extend(inner)
        elif choice == "seq" and depth < 3:
            lines.append(f"{pad}- - {draw(scalar(indent + 4))}")
        elif choice == "below" and depth < 3:
            lines.append(f"{pad}-{comment(draw)}")
            lines.extend(draw(block(indent + 2, depth + 1)))
        elif choice == "flow":
            lines.append(f"{pad}- {draw(flow())}")
        else:
            value = draw(scalar(indent))
            lines.append(f"{pad}-" + (f" {value}" if value else "") + comment(draw))
    return lines


@st.composite
def document(draw) -> str:
    lines = draw(block(0))
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(["# plan", "---", "%YAML 1.1\n---", "", "schema: plan/1"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n...\n"]))


MUTATIONS = ["\t", " ", "  ", ":", "- ", "-", "?", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!", "!!str ", "|",
             ">", "'", '"', "%", "@", "`", "\r\n", "\r", "\u0085", "\u2028", "\ufeff", "\x00", "\x07", "\x7f",
             "\n", "\n---\n", "文", "<<: ", "\\"]


@st.composite
def mutated_document(draw) -> str:
    text = draw(document())
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "insert", "delete", "indent", "duplicate"]))
        if how == "insert":
            text = text[:at] + draw(st.sampled_from(MUTATIONS)) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 3)):]
        else:
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            if how == "indent":
                lines[index] = " " * draw(st.integers(1, 3)) + lines[index]
            else:
                lines.insert(index, lines[index])
            text = "\n".join(lines)
    return text


@settings(settings.get_profile(PROFILE))
@given(document())
def test_generated_documents_read_alike(text):
    assert_same(text)


@settings(settings.get_profile(PROFILE))
@given(mutated_document())
def test_mutated_documents_read_alike_or_are_refused_alike(text):
    assert_same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_reads_alike(text):
    assert_same(text)


# --- the files plancheck ships and tests with ---------------------------------------------------------

SHIPPED = sorted([*(ROOT / "plans").rglob("*.yaml"), *(ROOT / "rules").rglob("*.yaml"), *FIXTURES.rglob("*.yaml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_files_read_alike(path: Path):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before either path parses")
    assert_same(text)


def test_the_bundled_plans_take_the_rapidyaml_path():
    """The path pays only if it answers for real plans: every bundled plan and rule file is read by it."""
    files = [*(ROOT / "plans").rglob("*.yaml"), *(ROOT / "rules").rglob("*.yaml")]
    assert files
    missed = [str(path) for path in files if not rapidyaml_answer(path.read_text(encoding="utf-8"))[0]]
    assert missed == []


# --- what the rapidyaml path leaves to libyaml, one case each --------------------------------------------

@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",             # anchors and aliases
    "a: !!str 1\n",                 # tags
    "--- \na: 1\n",                 # document markers
    "%YAML 1.1\n---\na: 1\n",       # directives
    "? a\n: 1\n",                   # explicit keys
    "a: 1\r\nb: 2\r\n",             # line breaks other than LF
    "a: b\u2028c\n",                # a line break libyaml counts
    "a: 1\na: 2\n",                 # duplicate keys
    "a: yes\n",                     # a YAML 1.1 surprise
    "- \n- x\n",                    # an empty item (libyaml places it by the next token)
    "- |\n  text\n",                # a block scalar item (placed at its indicator)
    "id: |\n  text",                # a block scalar at the end of a text without a line break
    "id: 1\ntitle:  # note\n | - 1\n",  # a block scalar header libyaml refuses
    "a: |0\n  x\n", "a: |#c\n  x\n", "a:\n  |\n  x\n",  # headers left to libyaml
    "x\n",                          # a lone scalar
    "",                             # nothing
    "- []\n",                       # an empty collection with no key to place it by
    "a: [1, 2\nb: 3\n",             # a syntax error
    "'a''': []\n",                  # an empty collection after a key unescaped in place (its end unknown)
    "a: " + "[" * 70 + "]" * 70 + "\n",  # too deep
    "k" * 1100 + ": 1\n",           # a key whose ':' is over 1024 characters on: libyaml refuses it
    "a: {'" + "文" * 400 + "': 1}\n",  # 1,200 bytes: left to libyaml (which reads it) by a byte count
    "".join(f"{' ' * i}k{i}:\n" for i in range(MAX_DEPTH)) + " " * MAX_DEPTH + "x: 1\n",
])
def test_left_to_libyaml(text):
    assert rapidyaml_answer(text) == (False, None)
    assert_same(text)


@pytest.mark.parametrize("text", [
    "a: 1\nb:\n  - x: '520201'\n    y: 2.5\n  - 3\n",
    "period: {base_year: 2022, end: 2025}\nlist: [a, 'b', [c]]\nnone: []\nempty: {}\n",
    "名称: 贵州省\n指标:\n- 地区生产总值（亿元）: 12134  # 注\n- - 1\n  - 2\n",
    "text: |\n  line one\n  line two\nfolded: >-\n  a\n  b\nq: \"\\u4e2d\\t\"\n's k': 'it''s'\n",
    "'ab': []\nk : {}\n\"q\":   []\n",
    "source: {line: 157, quote: \"" + "综合实力" * 300 + "\", k: 1}\n",  # long lines, keys near their ':'
    "k" * 900 + ": 1\n",
    "".join(f"{' ' * i}k{i}:\n" for i in range(MAX_DEPTH - 1)) + " " * MAX_DEPTH + "x: 1\n",
])
def test_taken_by_rapidyaml(text):
    assert rapidyaml_answer(text)[0]
    assert assert_same(text)


def test_rapidyaml_says_nothing_on_stderr_when_it_refuses(capfd):
    """rapidyaml prints its own report of a syntax error before it raises; the user reads libyaml's only."""
    with pytest.raises(InputError) as info:
        load_yaml_text("a: [1, 2\nb: 3\n", "t.yaml")
    assert "YAML syntax error" in info.value.problems[0].message
    assert capfd.readouterr().err == ""
