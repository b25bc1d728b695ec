"""Finding the plan files: FIFOs, sockets and devices are never opened, unreadable files and folders stop
the run with their path, and odd file names are shown escaped."""

from __future__ import annotations

import errno
import json
import os
import socket
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import checker.loader as loader
from checker.corpus import validate_paths
from checker.discovery import display_name, printable
from conftest import run_cli

ODD = b"plan-\xff\x1b[31m\xe2\x80\xae.yaml"  # a byte that is not UTF-8, an ESC sequence, a right-to-left override
ODD_SHOWN = "plan-\\xff\\x1b[31m\\u202e.yaml"


def only_plan(corpus: Path) -> Path:
    [plan] = [p for p in (corpus / "plans").iterdir() if p.suffix == ".yaml"]
    return plan


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_fifo_in_the_corpus_is_named_and_never_opened(mini_corpus, command):
    os.mkfifo(mini_corpus / "plans" / "pipe.yaml")
    result = run_cli(command, "--no-html" if command == "check" else "--", str(mini_corpus), cwd=mini_corpus,
                     timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "plans/pipe.yaml: is a FIFO (named pipe), not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_socket_and_a_named_fifo_are_refused(mini_corpus):
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(mini_corpus / "plans" / "s.yaml"))
        problems = validate_paths([mini_corpus]).problems
        assert [p.message.split(",")[0] for p in problems if p.file.endswith("s.yaml")] == ["is a socket"]
    finally:
        server.close()
    os.mkfifo(mini_corpus / "named.yaml")
    result = run_cli("validate", "named.yaml", cwd=mini_corpus, timeout=60)
    assert result.returncode == 2 and "named.yaml: is a FIFO" in result.stderr


def test_an_unreadable_folder_is_exit_2_with_its_path(mini_corpus, monkeypatch):
    """Tests run as root, who can read anything: the folder's listing is made to fail as it would."""
    hidden = mini_corpus / "plans" / "county"
    hidden.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).resolve() == hidden.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(mini_corpus)
    problems = validate_paths([Path(".")]).problems
    assert [str(p) for p in problems] == ["plans/county: cannot read folder: Permission denied"]


def test_an_unreadable_file_is_exit_2_with_its_path(mini_corpus, monkeypatch):
    plan = only_plan(mini_corpus)
    real_open = open

    def refusing_open(path, *args, **kwargs):
        if Path(path).resolve() == plan.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")
    monkeypatch.setattr(loader, "open", refusing_open, raising=False)
    monkeypatch.chdir(mini_corpus)
    problems = validate_paths([Path(".")]).problems
    assert [str(p) for p in problems] == [f"plans/{plan.name}: cannot read file: Permission denied"]


def test_odd_file_names_are_shown_escaped(mini_corpus):
    plan = only_plan(mini_corpus)
    os.rename(plan, os.path.join(os.fsencode(plan.parent), ODD))
    valid = run_cli("validate", ".", cwd=mini_corpus)
    assert valid.returncode == 0, valid.stderr
    text = run_cli("check", "--no-html", ".", cwd=mini_corpus)
    assert text.returncode in (0, 1), text.stderr
    assert f"plans/{ODD_SHOWN}:" in text.stdout and "\x1b" not in text.stdout + text.stderr
    as_json = run_cli("check", "--no-html", "--format", "json", ".", cwd=mini_corpus)
    assert {f["location"]["file"] for f in json.loads(as_json.stdout)["findings"]} == {f"plans/{ODD_SHOWN}"}
    broken = mini_corpus / "plans" / os.fsdecode(b"bad-\xfe\x07.yaml")
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    problem = run_cli("validate", ".", cwd=mini_corpus)
    assert problem.returncode == 2 and "plans/bad-\\xfe\\x07.yaml:" in problem.stderr, problem.stderr
    assert "internal error" not in problem.stderr


def test_printable_keeps_ordinary_names_and_escapes_the_rest():
    assert printable("plans/贵州/钟山区 十四五.yaml") == "plans/贵州/钟山区 十四五.yaml"
    assert printable(os.fsdecode(ODD)) == ODD_SHOWN
    assert printable("a\nb\u2028c") == "a\\nb\\u2028c"


def _display_by_pathlib(path) -> str:
    """display_name as pathlib says it: relative to the working folder when below it."""
    absolute = Path(os.path.abspath(path))
    try:
        return printable(absolute.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return printable(absolute.as_posix())


@given(st.lists(st.sampled_from(["a", "b", ".", "..", "", "plans", "区", "x.yaml", "/"]), max_size=6),
       st.sampled_from(["", "/", "/tmp/", "../", "./"]))
def test_display_name_agrees_with_pathlib(parts, start):
    path = start + "/".join(parts)
    assert display_name(path or ".") == _display_by_pathlib(path or ".")
