"""Writing an output file (`-o`, a baseline, a new plan) the way shell redirection would, but safely.

- A regular file (or a new one) is replaced atomically: the text is written beside it and renamed over
  it, so a reader never sees half of one. A new file gets 0666 & ~umask, as `>` gives it; a replaced
  file keeps its permissions.
- A FIFO or a character device (`-o /dev/stdout`, `-o /dev/null`, a pipe) is written into, never
  replaced: renaming a plain file over /dev/null would break the machine.
- A symbolic link is written through, never swapped for a file: into the FIFO, device or open
  descriptor it leads to (/dev/stdout), or over the regular file it names when that file lies in the
  link's own folder. A link to a file elsewhere (a planted `plancheck.sarif -> ~/.bashrc`), to nothing,
  or to anything else is refused with exit 2.
- Folders, sockets and block devices are refused.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Optional

from .problems import InputError, Problem

_DESCRIPTOR_FOLDERS = ("/proc/self/fd/", f"/proc/{os.getpid()}/fd/", "/dev/fd/")


def write_atomic(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` as described in the module docstring; InputError when refused or
    when the system says no (disk full, read-only, permission), naming the path."""
    data = text.encode("utf-8")
    shown = str(path)
    try:
        _write(Path(path), data, shown)
    except OSError as exc:
        raise InputError([Problem(shown, 0, 0, f"cannot write: {describe_os_error(exc)}")]) from None


def _write(path: Path, data: bytes, shown: str) -> None:
    try:
        own = os.lstat(path)
    except FileNotFoundError:
        _replace(path, data, None)
        return
    if stat.S_ISLNK(own.st_mode):
        _write_through_link(path, data, shown)
    elif stat.S_ISREG(own.st_mode):
        _replace(path, data, stat.S_IMODE(own.st_mode))
    elif stat.S_ISFIFO(own.st_mode) or stat.S_ISCHR(own.st_mode):
        _write_into(path, data, append=False)
    else:
        raise _refused(shown, f"is {_kind(own.st_mode)}; plancheck writes only regular files, FIFOs and "
                              "character devices")


def replaces_a_file(path: Path) -> bool:
    """Whether writing to `path` would replace an existing regular file (not a device, FIFO or stdout)."""
    return os.path.isfile(path) and not (os.path.islink(path) and _leads_to_descriptor(path))


def _write_through_link(path: Path, data: bytes, shown: str) -> None:
    try:
        final = os.stat(path)
    except FileNotFoundError:
        raise _refused(shown, "is a symbolic link to a missing file; plancheck does not write through it")
    if stat.S_ISFIFO(final.st_mode) or stat.S_ISCHR(final.st_mode):
        _write_into(path, data, append=False)
        return
    if not stat.S_ISREG(final.st_mode):
        raise _refused(shown, f"is a symbolic link to {_kind(final.st_mode)}; plancheck writes only regular "
                              "files, FIFOs and character devices")
    if _leads_to_descriptor(path):  # /dev/stdout when stdout is a file: add to it, as `>>` would
        _write_into(path, data, append=True)
        return
    target = Path(os.path.realpath(path))
    home = Path(os.path.realpath(path.parent))
    if target.parent != home and home not in target.parents:
        raise _refused(shown, f"is a symbolic link to {target}, outside its own folder; plancheck does not "
                              "write through it (remove the link or name the file itself)")
    _replace(target, data, stat.S_IMODE(final.st_mode))


def _leads_to_descriptor(path: Path) -> bool:
    """Whether following the link passes through an open descriptor of this process (/dev/stdout ...)."""
    current = os.path.abspath(path)
    for _ in range(40):
        if current.startswith(_DESCRIPTOR_FOLDERS):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
        current = os.path.normpath(current)
    return False


def _write_into(path: Path, data: bytes, append: bool) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | (os.O_APPEND if append else 0)
    handle = os.open(path, flags)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def _replace(path: Path, data: bytes, mode: Optional[int]) -> None:
    """Write beside `path` and rename over it; `mode` of the file replaced, else 0666 & ~umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode if mode is not None else 0o666 & ~umask())
        os.replace(temp, path)
    except BaseException:
        if os.path.lexists(temp):
            os.unlink(temp)
        raise


def umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"  # pragma: no cover - the other kinds are handled before


def _refused(shown: str, message: str) -> InputError:
    return InputError([Problem(shown, 0, 0, message)])


_EXPLAINED = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
              errno.EACCES: "permission denied", errno.EPERM: "operation not permitted",
              errno.EDQUOT: "the disk quota is used up"}


def describe_os_error(exc: OSError) -> str:
    """What went wrong, in words: the disk is full, the file system is read-only, permission denied ..."""
    return _EXPLAINED.get(exc.errno or 0) or exc.strerror or type(exc).__name__
