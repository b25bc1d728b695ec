"""Exit codes that are not about findings: Ctrl-C is 130 in one line with the previous report whole; the
machine refusing (a full disk, a read-only folder, a permission) says what and where, exit 2."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cli
from checker import api, output
from checker.render import html
from conftest import PLANS, plancheck_executable


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")
    monkeypatch.setattr(sys, "argv", ["plancheck", *args])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    return ended.value.code, capsys.readouterr().err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_ctrl_c_is_130_in_one_line(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "check", interrupted)
    code, err = run_main(monkeypatch, capsys, "check", "--no-html", str(PLANS))
    assert code == 130
    assert len(err.splitlines()) == 1 and err.startswith("plancheck: interrupted")
    assert "Traceback" not in err and "Aborted" not in err


def test_ctrl_c_while_writing_the_report_leaves_the_previous_one_whole(monkeypatch, capsys, tmp_path):
    reports = tmp_path / "reports"
    code, _ = run_main(monkeypatch, capsys, "check", "--html", str(reports), str(PLANS))
    assert code in (0, 1) and (reports / "index.html").is_file()
    before = tree(reports)
    real = html._write_page

    def cut_short(folder, name, page):
        if name != "index.html":
            raise KeyboardInterrupt
        real(folder, name, page)

    monkeypatch.setattr(html, "_write_page", cut_short)
    code, err = run_main(monkeypatch, capsys, "check", "--html", str(reports), str(PLANS))
    assert code == 130 and len(err.splitlines()) == 1
    assert tree(reports) == before
    assert sorted(os.listdir(tmp_path)) == ["reports"]


def test_a_real_sigint_is_130_without_a_traceback(tmp_path):
    """The run is stopped where it waits for a reader of its -o FIFO, then interrupted as a terminal would."""
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    process = subprocess.Popen([*plancheck_executable(), "check", "--no-html", "-o", str(fifo), str(PLANS)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wchan = Path(f"/proc/{process.pid}/wchan")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wchan.exists() and wchan.read_text() == "wait_for_partner":
            break
        time.sleep(0.05)
    else:
        process.kill()
        process.wait()
        pytest.skip("cannot see the process wait for the FIFO here")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.splitlines() == [line for line in err.splitlines() if line.startswith("plancheck: interrupted")]
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert stat_is_fifo(fifo)


def stat_is_fifo(path: Path) -> bool:
    import stat
    return stat.S_ISFIFO(os.lstat(path).st_mode)


def test_a_full_disk_names_the_output_file(monkeypatch, capsys, tmp_path):
    target = tmp_path / "out.json"
    real = os.replace

    def full(source, destination):
        if Path(destination) == target:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, destination)

    monkeypatch.setattr(output.os, "replace", full)
    code, err = run_main(monkeypatch, capsys, "check", "--no-html", "--format", "json", "-o", str(target), str(PLANS))
    assert (code, err) == (2, f"{target}: cannot write: the disk is full\n")


def test_a_read_only_report_folder_is_named(monkeypatch, capsys, tmp_path):
    def read_only(*args, dir=None, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(dir))

    monkeypatch.setattr(html.tempfile, "mkdtemp", read_only)
    reports = tmp_path / "reports"
    code, err = run_main(monkeypatch, capsys, "check", "--html", str(reports), str(PLANS))
    assert code == 2
    assert err == f"{reports}: cannot write the report: the file system is read-only ({tmp_path})\n"


def test_a_permission_error_anywhere_is_exit_2_with_its_path(monkeypatch, capsys):
    def forbidden(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "plans/secret.yaml")

    monkeypatch.setattr(api, "check", forbidden)
    code, err = run_main(monkeypatch, capsys, "check", "--no-html", str(PLANS))
    assert (code, err) == (2, "plancheck: plans/secret.yaml: permission denied\n")
    assert "internal error" not in err


def _sigint_handler() -> object:
    return signal.getsignal(signal.SIGINT)


def test_workers_leave_ctrl_c_to_the_parent():
    """A terminal's Ctrl-C reaches every worker too; a worker that took it would print its own traceback."""
    from concurrent.futures import ProcessPoolExecutor
    from checker.speed import cores
    with ProcessPoolExecutor(max_workers=1, initializer=cores.quiet_on_interrupt) as pool:
        assert pool.submit(_sigint_handler).result(timeout=60) == signal.SIG_IGN
