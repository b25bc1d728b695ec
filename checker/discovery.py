"""Finding a corpus's files: which YAML files a run reads, where regions.yaml is, how paths are shown.

A corpus is a folder holding regions.yaml and plan files at any depth; the bundled rule sets and the
indicator catalogue are shipped in the package. Nothing here reads a file's content: FIFOs, sockets
and devices are never opened, links out of a corpus folder are not followed, and odd file names are
shown escaped.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, Optional

from .loader import not_a_file
from .problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")


def default_rules_dir() -> Path:
    """The rule sets and indicator catalogue shipped with plancheck (the project's rules/ folder): the
    folder of the package `checker.default_rules`, found by importing it (importlib.resources, which
    answers the same for a package in a folder, costs a few milliseconds of every start)."""
    import checker.default_rules as shipped

    return Path(next(iter(shipped.__path__)))


def display_name(path: Path) -> str:
    """A path as messages show it: relative to the working directory when below it, and printable (see
    `printable`)."""
    if os.name != "posix":
        absolute = Path(os.path.abspath(path))
        try:
            return printable(absolute.relative_to(Path.cwd()).as_posix())
        except ValueError:
            return printable(absolute.as_posix())
    # the same answer in string operations: every file of a corpus is named once or twice a run
    absolute, here = os.path.abspath(path), os.getcwd()
    if absolute == here:
        return "."
    below = here.rstrip("/") + "/"
    return printable(absolute[len(below):] if absolute.startswith(below) else absolute)


def printable(name: str) -> str:
    """A file name that is safe to print: bytes that are not UTF-8 as \\xNN, control, format and
    separator characters (ESC, newlines, bidirectional overrides) as Python escapes; the rest as it is."""
    if name.isprintable():
        return name
    out = []
    for char in name:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp"):
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def find_yaml_files(paths: Iterable[Path], problems: Optional[list[Problem]] = None) -> list[Path]:
    """YAML files named directly, and those below named folders (hidden ones skipped), sorted.

    Below a folder, a symbolic link is followed only when it points inside that folder: a corpus
    cannot pull in (or be made to read) files from elsewhere on the machine. A file named on the
    command line is read wherever it is. FIFOs, sockets and devices are never opened, and a folder that
    cannot be listed is not skipped in silence: each is a problem (exit 2) naming the path.
    """
    found: set[Path] = set()
    report = problems.append if problems is not None else (lambda problem: None)
    for path in paths:
        if not path.is_dir():
            if _is_readable_file(path, report):
                found.add(path)
            continue
        root = path.resolve()

        def unreadable(error: OSError) -> None:
            where = Path(error.filename) if error.filename else path
            report(Problem(display_name(where), 0, 0, f"cannot read folder: {error.strerror or error}"))

        for dirpath, dirnames, filenames in os.walk(path, onerror=unreadable):
            folder = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (folder / d).is_symlink())
            for name in filenames:
                if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                    continue
                candidate = folder / name
                if candidate.is_symlink() and not _inside(candidate.resolve(), root):
                    report(Problem(display_name(candidate), 0, 0,
                                   "symbolic link to a file outside the corpus folder: not followed"))
                    continue
                if _is_readable_file(candidate, report):
                    found.add(candidate)
    return sorted(found, key=lambda p: p.as_posix())


def _is_readable_file(path: Path, report: Callable[[Problem], None]) -> bool:
    """True for a regular file (or a missing one, which the loader reports); a FIFO, socket or device
    is reported, never opened."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return True
    except OSError as exc:
        report(Problem(display_name(path), 0, 0, f"cannot read file: {exc.strerror or exc}"))
        return False
    refusal = not_a_file(mode)
    if refusal and not stat.S_ISDIR(mode):
        report(Problem(display_name(path), 0, 0, refusal))
        return False
    return True


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def find_regions_file(paths: list[Path]) -> Optional[Path]:
    """regions.yaml in the first named folder or in the nearest folder above the first named path."""
    for path in paths[:1]:
        start = path if path.is_dir() else path.parent
        for folder in [start.resolve(), *start.resolve().parents]:
            candidate = folder / "regions.yaml"
            if candidate.is_file():
                return candidate
    return None


def corpus_of_files(paths: list[Path]) -> Optional[Path]:
    """The corpus folder that the named files sit in (the nearest folder upward holding regions.yaml),
    when only files are named and they share one; None when a folder is named or there is no such
    corpus. `check FILE` and `validate FILE` load that whole corpus, so that a plan is checked against
    the plans beside and above it, and report on the named files."""
    if not paths or any(path.is_dir() or not os.path.lexists(path) for path in paths):
        return None  # a missing file is reported as such by the load
    found = {find_regions_file([path]) for path in paths}
    if len(found) != 1 or None in found:
        return None
    return found.pop().parent  # type: ignore[union-attr]


def same_file(display: str, path: Path) -> bool:
    """Whether a displayed file name (a plan's location) is the file at `path`."""
    return display == display_name(path) or os.path.realpath(display) == os.path.realpath(path)


def document_in(folder: Path, name: str) -> Optional[Path]:
    """The source document `name` of a plan, if it is a plain file name directly inside `folder` (no
    folder part, no '..', no link out of it); None otherwise. A plan file cannot make plancheck read
    /etc/passwd by citing '../../etc/passwd'."""
    if name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name or os.sep in name:
        return None
    real_folder = Path(os.path.realpath(folder))
    path = Path(os.path.realpath(real_folder / name))
    return path if path.parent == real_folder else None
