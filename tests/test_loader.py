"""The strict loader: positions of every node, and refusal of what a plan never needs."""

from __future__ import annotations


import pytest

from checker.loader import MAX_DEPTH, Map, Seq, load_yaml, load_yaml_text, locate
from checker.problems import InputError


def refusal(text: str) -> tuple[int, int, str]:
    with pytest.raises(InputError) as info:
        load_yaml_text(text, "t.yaml")
    problem = info.value.problems[0]
    assert problem.file == "t.yaml"
    return problem.line, problem.column, problem.message


def test_positions_of_keys_and_items():
    data = load_yaml_text("a: 1\nb:\n  - x: '520201'\n    y: 2.5\n  - 3\n", "t.yaml")
    assert isinstance(data, Map) and isinstance(data["b"], Seq)
    assert data == {"a": 1, "b": [{"x": "520201", "y": 2.5}, 3]}
    assert locate(data, ["a"]) == (1, 1)
    assert locate(data, ["b", 0, "y"]) == (4, 5)
    assert locate(data, ["b", 1]) == (5, 5)
    # a path that leaves the data stops at the last node found
    assert locate(data, ["b", 7, "z"]) == (2, 1)


def test_duplicate_key_names_both_lines():
    line, _, message = refusal("id: a\ntitle: t\nid: b\n")
    assert line == 3 and "duplicate key 'id'" in message and "line 1" in message


def test_duplicate_key_in_nested_mapping():
    line, _, message = refusal("targets:\n  - id: x\n    unit: 亿元\n    unit: 万元\n")
    assert line == 4 and "first defined at line 3" in message


@pytest.mark.parametrize("text, line, fragment", [
    ("a: &x 1\nb: *x\n", 1, "anchor '&x' refused"),
    ("a: no\n", 1, "yes/no"),
    ("a: On\n", 1, "yes/no"),
    ("published: 2021-03-01\n", 1, "read as a date"),
    ("region: 0520\n", 1, "octal"),
    ("n: 0x1F\n", 1, "unusual integer"),
    ("n: 1_000\n", 1, "unusual integer"),
    ("n: 1:20\n", 1, "unusual integer"),
    ("n: .nan\n", 1, "not a finite"),
    ("n: -.inf\n", 1, "not a finite"),
    ("a: !!python/object/apply:os.system [ls]\n", 1, "tag"),
    ("a: 1\n---\nb: 2\n", 2, "one YAML document"),
    ("a:\n\t- 1\n", 2, "tab used for indentation"),
    ("? [a]\n: 1\n", 1, "plain text"),
    ("a: [1, 2\nb: 3\n", 2, "YAML syntax error"),
    ("n: " + "9" * 50 + "\n", 1, "too long"),
])
def test_refusals(text, line, fragment):
    got_line, _, message = refusal(text)
    assert fragment in message
    assert got_line == line


def test_plain_values_resolve_as_a_drafter_means():
    data = load_yaml_text("a: 12\nb: -3.5\nc: true\nd: ~\ne: '0520'\nf: 1.5e+3\ng: 文本\nh: yes please\n", "t.yaml")
    assert data == {"a": 12, "b": -3.5, "c": True, "d": None, "e": "0520", "f": 1500.0, "g": "文本",
                    "h": "yes please"}
    assert type(data["a"]) is int


def test_quoted_scalars_stay_text():
    data = load_yaml_text("a: 'no'\nb: \"2021-01-01\"\nc: \"520201\"\n", "t.yaml")
    assert data == {"a": "no", "b": "2021-01-01", "c": "520201"}


def test_alias_bomb_refused_fast():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 12)]
    line, _, message = refusal("\n".join(lines) + "\n")  # refused at the first anchor, never expanded
    assert line == 1 and "anchor" in message


def test_deep_nesting_refused():
    depth = MAX_DEPTH + 5
    line, _, message = refusal("a: " + "[" * depth + "]" * depth + "\n")
    assert "nesting deeper" in message and line == 1


def test_oversize_file_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(InputError) as info:
        load_yaml(big, "big.yaml")
    assert "over the limit" in info.value.problems[0].message


def test_encodings(tmp_path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_yaml(bom) == {"a": 1}
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes("a: 1\r\nb: 文本\r\n".encode())
    assert load_yaml(crlf) == {"a": 1, "b": "文本"}
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        load_yaml(utf16)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("a: 1\nb: 钟山区\n".encode("gbk"))
    with pytest.raises(InputError) as info:
        load_yaml(gbk, "gbk.yaml")
    assert info.value.problems[0].line == 2 and "UTF-8" in info.value.problems[0].message
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"a: 1\n\x00\x01\x02")
    with pytest.raises(InputError, match="binary"):
        load_yaml(binary)


def test_directory_and_empty_file(tmp_path):
    folder = tmp_path / "plan.yaml"
    folder.mkdir()
    with pytest.raises(InputError, match="directory"):
        load_yaml(folder)
    empty = tmp_path / "empty.yaml"
    empty.write_text("# only a comment\n")
    with pytest.raises(InputError, match="empty"):
        load_yaml(empty)
