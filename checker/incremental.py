"""Incremental runs: which plans a change touches, so that a hook or a CI job reports only on those.

A changed county plan is still checked against its uppers, neighbours and peers: the findings are those
of a full check narrowed to those whose plan or related plans changed (the `plans` selection of
engine.run). When the cache knows that nothing else changed since the last full run, only the plans
such findings can involve are loaded (reach.needed); otherwise every plan is. A changed YAML file that is not a plan but shapes every check (regions.yaml,
a waivers file, a rule set, the indicator catalogue, a deleted file) or a changed project configuration
means that everything is checked. Other changed files (documents, code) are ignored.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterable, Optional

from .corpus import Corpus
from .discovery import YAML_SUFFIXES
from .problems import InputError, Problem

CONFIG_FILES = ("pyproject.toml", "plancheck.yaml")


def changed_since(ref: str, cwd: Optional[Path] = None) -> list[Path]:
    """Files changed between git REF and the working tree, staged or not, plus untracked ones."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, f"--since {ref}").strip())
    listed = _git(["diff", "--name-only", "-z", ref, "--"], cwd, f"--since {ref}")
    listed += _git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"], cwd, f"--since {ref}")
    return sorted({top / name for name in listed.split("\0") if name})


def _git(args: list[str], cwd: Optional[Path], what: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                                timeout=120)
    except FileNotFoundError:
        raise InputError([Problem(what, 0, 0, "git is not installed (needed to list the changed files)")]) from None
    except subprocess.TimeoutExpired:
        raise InputError([Problem(what, 0, 0, f"git {args[0]} took longer than 120 s")]) from None
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        if "not a git repository" in result.stderr:
            message = "not inside a git repository; use --changed FILE instead"
        raise InputError([Problem(what, 0, 0, f"git {args[0]} failed: {message}")])
    return result.stdout


def touched_plans(corpus: Corpus, changed: Iterable[Path], roots: Iterable[Path],
                  config_file: Optional[Path] = None) -> Optional[set[str]]:
    """Ids of the plans whose files changed; None when a change touches every plan; empty when none did.

    `roots` are the folders and files the check reads (the corpus paths and rule folders): a changed YAML
    file below them that is not a plan touches everything, and so does the configuration in force
    (`config_file`, see config.py).
    """
    by_file = {Path(plan.file).resolve(): plan.id for plan in corpus.plans.values()}
    shared = {Path(region.location.file).resolve() for region in corpus.regions.regions.values()}
    shared |= {loaded.path.resolve() for loaded in corpus.waiver_files}
    folders = [Path(root).resolve() for root in roots]
    touched: set[str] = set()
    for path in changed:
        where = path.resolve()
        if where in by_file:
            touched.add(by_file[where])
        elif where in shared or (config_file is not None and where == config_file.resolve()) or (
                where.name in CONFIG_FILES and where.parent == Path.cwd().resolve()):
            return None
        elif where.suffix in YAML_SUFFIXES and any(where == f or f in where.parents for f in folders):
            return None
    return touched
