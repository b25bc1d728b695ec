"""Incremental runs: which plans a change touches, so that a hook or a CI job reports only on those.

A changed county plan is still checked against its uppers, neighbours and peers: the findings are those
of a full check narrowed to those whose plan or related plans changed (the `plans` selection of
engine.run). When the cache knows that nothing else changed since the last full run, only the plans
such findings can involve are loaded (reach.needed); otherwise every plan is. A deleted plan narrows to
the plans that referred to it (its uppers, lowers, neighbours and peers, from the file as git last knew
it). A changed YAML file that is not a plan but shapes every check (regions.yaml, a waivers file, a rule
set, the indicator catalogue, a deleted file git cannot show) or a change to the configuration in force
means that everything is checked. Other changed files (documents, code) are ignored.

Git is only ever given a revision it has verified (`rev-parse --verify --end-of-options REF^{commit}`):
`--since=--output=FILE` is refused, never passed to git as an option.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from .build import build_plan
from .corpus import Corpus, LoadedFile
from .discovery import YAML_SUFFIXES, display_name
from .loader import load_yaml_text
from .problems import InputError, Problem
from .reach import PlanReach, needed
from .schema import schema_problems

CONFIG_FILES = ("pyproject.toml", "plancheck.yaml")


def verified_revision(ref: str, cwd: Optional[Path] = None) -> str:
    """The commit REF names, as a full hash; InputError when it names none (or looks like an option)."""
    what = f"--since {ref}"
    _git(["rev-parse", "--show-toplevel"], cwd, what)  # not a repository: say so first
    try:
        return _git(["rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"], cwd, what).strip()
    except InputError:
        raise InputError([Problem(what, 0, 0, "not a commit in this git repository (a branch, tag or "
                                              "commit hash was expected)")]) from None


def changed_since(ref: str, cwd: Optional[Path] = None) -> tuple[list[Path], str]:
    """Files changed between git REF and the working tree, staged or not, plus untracked ones; and the
    commit REF names."""
    commit = verified_revision(ref, cwd)
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, f"--since {ref}").strip())
    listed = _git(["diff", "--name-only", "-z", commit, "--"], cwd, f"--since {ref}")
    listed += _git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"], cwd, f"--since {ref}")
    return sorted({top / name for name in listed.split("\0") if name}), commit


def last_known_text(path: Path, revision: Optional[str] = None) -> Optional[str]:
    """A deleted file as git last knew it: at `revision` (a verified commit), else in the index, else
    at HEAD; None when git knows no such file (or there is no git)."""
    import subprocess  # here, not at the top: only a deleted file or --since runs git

    near = Path(os.path.abspath(path)).parent
    while not near.is_dir() and near != near.parent:
        near = near.parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=near, capture_output=True, text=True,
                             timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    if not top:
        return None
    relative = os.path.relpath(os.path.abspath(path), top)
    if relative.startswith(".."):
        return None
    for spec in ([revision] if revision else []) + ["", "HEAD"]:  # "" is the index (":path")
        try:
            shown = subprocess.run(["git", "show", f"{spec}:{Path(relative).as_posix()}"], cwd=top,
                                   capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if shown.returncode == 0:
            return shown.stdout.decode("utf-8", "replace")
    return None


def check_changed_files(paths: Iterable[Path], revision: Optional[str] = None) -> None:
    """--changed PATH must exist, or be a file git knows as deleted; InputError naming the others."""
    unknown = [path for path in paths if not os.path.lexists(path) and last_known_text(path, revision) is None]
    if unknown:
        raise InputError([Problem(display_name(path), 0, 0, "--changed: no such file, and git does not know it "
                                                            "as a deleted file") for path in unknown])


def _git(args: list[str], cwd: Optional[Path], what: str) -> str:
    import subprocess

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
                  revision: Optional[str] = None, config_file: Optional[Path] = None) -> Optional[set[str]]:
    """Ids of the plans whose files changed; None when a change touches every plan; empty when none did.

    `roots` are the folders and files the check reads (the corpus paths and rule folders): a changed YAML
    file below them that is not a plan touches everything, and so does the configuration in force
    (`config_file`, see config.py); a deleted one that was a plan (as git shows it at `revision`, in the
    index or at HEAD) touches the plans that referred to it.
    """
    by_file = {Path(plan.file).resolve(): plan.id for plan in corpus.plans.values()}
    region_files = {region.location.file for region in corpus.regions.regions.values()}  # one or two, not thousands
    shared = {Path(name).resolve() for name in region_files}
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
            referring = None if os.path.lexists(where) else _referring_to_deleted(corpus, path, revision)
            if referring is None:
                return None
            touched |= referring
    return touched


def _referring_to_deleted(corpus: Corpus, path: Path, revision: Optional[str]) -> Optional[set[str]]:
    """The plans a deleted plan file's findings could have involved; None when it was no plan git can show."""
    text = last_known_text(path, revision)
    if text is None:
        return None
    display = display_name(path)
    try:
        data = load_yaml_text(text, display)
        if schema_problems(data, "plan", display):
            return None
        gone = PlanReach.of(build_plan(LoadedFile(path, display, "plan", data)))
    except InputError:
        return None
    everyone = [PlanReach.of(plan) for plan in corpus.plans.values()]
    return needed([gone], everyone, corpus.regions) & set(corpus.plans)
