"""Hostile and odd files through the installed command: always exit 0, 1 or 2 with a message, never a
traceback, never a hang (how long they take is measured in benchmarks/limits.py); byte-identical output
whatever the hash seed or file order; two runs at once leave one whole report."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, PLANS, plancheck_executable, run_cli

VALID = (FIXTURES / "mini" / "plans" / "county.yaml").read_bytes()
ALIAS_BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"] +
                       [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 12)]).encode()
CASES = {
    "binary": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), 2),
    "bom": (b"\xef\xbb\xbf" + VALID, 0),
    "crlf": (VALID.replace(b"\n", b"\r\n"), 0),
    "tabs": (VALID.replace(b"  - id: gdp", b"\t- id: gdp"), 2),
    "alias-bomb": (ALIAS_BOMB, 2),
    "json": (b'{"schema": "plancheck/plan/v1", "id": "json-plan", "title": "t", "region": "520201", '
             b'"level": "county", "kind": "master", "period": {"base_year": 2020, "end": 2025}, '
             b'"source": {"document": "x.txt"}}', 0),
    "empty": (b"", 2),
    "utf16": ("id: x\n".encode("utf-16"), 2),
    "nul-in-text": (VALID[:40] + b"\x00" + VALID[40:], 2),
    "deep": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", 2),
    "long-line": (b"title: " + b"x" * 3_000_000 + b"\n", 2),
}


def corpus_with(tmp_path: Path, name: str, content: bytes) -> Path:
    root = tmp_path / "corpus"
    (root / "plans").mkdir(parents=True)
    shutil.copy(FIXTURES / "mini" / "regions.yaml", root / "regions.yaml")
    (root / "plans" / f"{name}.yaml").write_bytes(content)
    return root


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(tmp_path, name):
    content, expected = CASES[name]
    root = corpus_with(tmp_path, name, content)
    result = run_cli("check", str(root), "--no-html", "--fail-on", "none", cwd=tmp_path, timeout=60)  # a hang fails
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == expected, result.stderr
    if expected == 2:
        assert result.stderr.startswith(f"corpus/plans/{name}.yaml"), result.stderr


def test_hundred_megabyte_file_refused_at_once(tmp_path):
    root = corpus_with(tmp_path, "huge", b"")
    with open(root / "plans" / "huge.yaml", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    result = run_cli("validate", str(root), cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "over the limit" in result.stderr


def test_a_directory_named_like_a_plan_is_a_folder(tmp_path):
    root = corpus_with(tmp_path, "county", VALID)
    (root / "plans" / "odd.yaml").mkdir()
    result = run_cli("validate", str(root / "plans" / "odd.yaml"), cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr


def copy_in_order(source: Path, target: Path, reverse: bool) -> None:
    """The same corpus, its files created in the opposite order (directory order differs)."""
    files = sorted(p for p in source.rglob("*") if p.is_file() and ".plancheck-cache" not in p.parts)
    for path in (reversed(files) if reverse else files):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, destination)


def test_output_is_byte_identical_across_hash_seeds_and_file_order(tmp_path):
    outputs = []
    for index, (seed, reverse) in enumerate((("1", False), ("777", True))):
        root = tmp_path / f"run{index}"
        copy_in_order(PLANS, root / "plans", reverse)
        for fmt in ("json", "sarif", "junit", "github"):
            result = run_cli("check", "plans", "--format", fmt, "--output", f"out.{fmt}", "--html", "html",
                             "--fail-on", "none", cwd=root, env={"PYTHONHASHSEED": seed})
            assert result.returncode == 0, result.stderr
        outputs.append(root)
    first, second = outputs
    for fmt in ("json", "sarif", "junit", "github"):
        assert (first / f"out.{fmt}").read_bytes() == (second / f"out.{fmt}").read_bytes(), fmt
    comparison = filecmp.dircmp(first / "html", second / "html")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    assert len(comparison.same_files) >= 6


def test_two_concurrent_checks_leave_one_whole_report(tmp_path):
    reports = tmp_path / "reports"
    command = [*plancheck_executable(), "check", str(PLANS), "--html", str(reports), "--format", "json",
               "--fail-on", "none"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0 and b"Traceback" not in err, err
    pages = sorted(p.name for p in reports.iterdir())
    assert "index.html" in pages and len([p for p in pages if p.endswith(".html")]) == 6
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reports")], "temporary folders left behind"
