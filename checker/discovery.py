"""Finding a corpus's files: which YAML files a run reads, where regions.yaml is, how paths are shown.

A corpus is a folder holding regions.yaml and plan files at any depth; the bundled rule sets and the
indicator catalogue are shipped in the package. Nothing here reads a file's content.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from .problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")


def default_rules_dir() -> Path:
    """The rule sets and indicator catalogue shipped with plancheck (the project's rules/ folder)."""
    return Path(str(resources.files("checker.default_rules")))


def display_name(path: Path) -> str:
    """A path as messages show it: relative to the working directory when below it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def find_yaml_files(paths: Iterable[Path], problems: Optional[list[Problem]] = None) -> list[Path]:
    """YAML files named directly, and those below named folders (hidden ones skipped), sorted.

    Below a folder, a symbolic link is followed only when it points inside that folder: a corpus
    cannot pull in (or be made to read) files from elsewhere on the machine. A file named on the
    command line is read wherever it is.
    """
    found: set[Path] = set()
    for path in paths:
        if not path.is_dir():
            found.add(path)
            continue
        root = path.resolve()
        for dirpath, dirnames, filenames in os.walk(path):
            folder = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (folder / d).is_symlink())
            for name in filenames:
                if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                    continue
                candidate = folder / name
                if candidate.is_symlink() and not _inside(candidate.resolve(), root):
                    if problems is not None:
                        problems.append(Problem(display_name(candidate), 0, 0,
                                                "symbolic link to a file outside the corpus folder: not followed"))
                    continue
                found.add(candidate)
    return sorted(found, key=lambda p: p.as_posix())


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
