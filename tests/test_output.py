"""Output paths (-o, baselines, new plans): regular files replaced atomically, anything else written into
or refused, never swapped for a plain file."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from checker import output
from checker.output import write_atomic
from checker.problems import InputError
from conftest import PLANS, run_cli


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def read_fifo_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as stream:
            got.append(stream.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, got


def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask_022):
    write_atomic(tmp_path / "out.json", "{}\n")
    assert stat.S_IMODE(os.stat(tmp_path / "out.json").st_mode) == 0o644
    os.umask(0o002)
    write_atomic(tmp_path / "group.json", "{}\n")
    assert stat.S_IMODE(os.stat(tmp_path / "group.json").st_mode) == 0o664


def test_a_regular_file_is_replaced_atomically_and_keeps_its_mode(tmp_path, umask_022):
    target = tmp_path / "out.sarif"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    before = os.stat(target).st_ino
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert os.stat(target).st_ino != before  # a new file renamed over the old one, not rewritten in place
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert os.listdir(tmp_path) == ["out.sarif"]


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = read_fifo_in_background(fifo)
    write_atomic(fifo, "through the pipe\n")
    thread.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_character_device_is_written_into_never_replaced(tmp_path):
    node = tmp_path / "null"
    try:  # a device node of our own, in tmp_path (never the machine's /dev/null)
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.close(os.open(node, os.O_WRONLY))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    write_atomic(node, "discarded")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert os.listdir(tmp_path) == ["null"]


def test_a_link_to_a_file_in_its_folder_is_written_through(tmp_path):
    real = tmp_path / "results" / "plancheck.sarif"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.sarif"
    link.symlink_to("results/plancheck.sarif")
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_links_elsewhere_to_nothing_or_to_a_folder_are_refused(tmp_path):
    outside = tmp_path / "home" / ".bashrc"
    outside.parent.mkdir()
    outside.write_text("keep me", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "plancheck.sarif").symlink_to(outside)
    with pytest.raises(InputError, match="outside its own folder"):
        write_atomic(repo / "plancheck.sarif", "x")
    assert outside.read_text(encoding="utf-8") == "keep me" and (repo / "plancheck.sarif").is_symlink()
    (repo / "dangling").symlink_to(repo / "missing")
    with pytest.raises(InputError, match="missing file"):
        write_atomic(repo / "dangling", "x")
    assert not (repo / "missing").exists()
    (repo / "folder").symlink_to(tmp_path / "home")
    with pytest.raises(InputError, match="to a folder"):
        write_atomic(repo / "folder", "x")
    with pytest.raises(InputError, match="is a folder"):
        write_atomic(tmp_path / "home", "x")


def test_a_full_disk_is_named_with_the_path_and_leaves_no_temp_file(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    with pytest.raises(InputError) as caught:
        write_atomic(tmp_path / "out.json", "{}")
    assert str(caught.value) == f"{tmp_path / 'out.json'}: cannot write: the disk is full"
    assert os.listdir(tmp_path) == []


def own_stdout_link(tmp_path: Path) -> Path:
    """A link of our own made as /dev/stdout is made: a test never names the machine's /dev/stdout,
    which a broken writer would replace with a plain file."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return link


def test_check_to_a_stdout_link_writes_the_pipe_it_is_given(tmp_path):
    link = own_stdout_link(tmp_path)
    to_stdout = run_cli("check", "--no-html", "--format", "json", "--fail-on", "warning", "-o", str(link), str(PLANS))
    plain = run_cli("check", "--no-html", "--format", "json", "--fail-on", "warning", str(PLANS))
    assert to_stdout.returncode == plain.returncode == 1, to_stdout.stderr
    assert to_stdout.stdout == plain.stdout and '"findings"' in plain.stdout
    assert link.is_symlink()


def test_a_stdout_link_to_a_file_adds_to_it_as_the_shell_would(tmp_path):
    import subprocess
    from conftest import plancheck_executable
    link = own_stdout_link(tmp_path)
    log = tmp_path / "log.txt"
    with open(log, "w", encoding="utf-8") as stream:
        stream.write("before\n")
        stream.flush()
        subprocess.run([*plancheck_executable(), "schema", "waivers"], stdout=stream, check=True)
        subprocess.run([*plancheck_executable(), "check", "--no-html", "--format", "json", "-o", str(link),
                        str(PLANS)], stdout=stream, stderr=subprocess.PIPE)
    text = log.read_text(encoding="utf-8")
    assert text.startswith("before\n") and '"plancheck/waivers/v1"' in text and '"findings"' in text
    assert link.is_symlink()


def test_check_graph_and_baseline_write_into_a_fifo(tmp_path):
    for args, expect in ((["check", "--no-html", "--format", "json", "-o"], b'"fingerprint"'),
                         (["baseline"], b'"fingerprint"'), (["graph", "-o"], b'"nodes"')):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        thread, got = read_fifo_in_background(fifo)
        result = run_cli(*args, str(fifo), *([str(PLANS)]))
        thread.join(30)
        assert result.returncode in (0, 1), result.stderr
        assert got and expect in got[0]
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        fifo.unlink()


def test_new_writes_into_a_fifo_without_force(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = read_fifo_in_background(fifo)
    result = run_cli("new", "--region", "520201", "--corpus", str(PLANS), "-o", str(fifo))
    thread.join(30)
    assert result.returncode == 0, result.stderr
    assert got and b"schema: plancheck/plan/v1" in got[0]
    existing = tmp_path / "plan.yaml"
    existing.write_text("mine", encoding="utf-8")
    refused = run_cli("new", "--region", "520201", "--corpus", str(PLANS), "-o", str(existing))
    assert refused.returncode == 2 and existing.read_text(encoding="utf-8") == "mine"
