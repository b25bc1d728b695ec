"""Load a corpus: read its files strictly, validate them and put the model together.

A corpus is a folder holding regions.yaml, plan files at any depth and, optionally, waivers.yaml; the
indicator catalogue comes from the rule folders (the bundled rules/ plus any the user adds). Each file
says what it is with its `schema:` key. Which files there are is discovery.py's job, turning valid
data into the model build.py's; this module reads them (from the cache where a file is unchanged, on
both cores when there are many) and checks references between them. Problems from every file are
collected and raised together, so one run shows them all.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from . import references
from .build import build_indicators, build_plan, build_regions
from .discovery import (corpus_of_files, default_rules_dir, display_name, find_regions_file, find_yaml_files)
from .indicators import IndicatorCatalogue
from .loader import MAX_FILE_BYTES, load_yaml
from .model import Plan, Target
from .problems import InputError, Problem
from .reach import PlanReach, needed
from .regions import RegionRegistry
from .schema import schema_problems
from .speed import cores
from .speed.cache import PlanCache

SCHEMA_IDS = {
    "plancheck/plan/v1": "plan",
    "plancheck/regions/v1": "regions",
    "plancheck/indicators/v1": "indicators",
    "plancheck/rules/v1": "rules",
    "plancheck/waivers/v1": "waivers",
}


@dataclass
class LoadedFile:
    path: Path
    display: str
    kind: str
    data: Any  # located data; None for a plan that came from the cache (its model is in `plan`)
    plan: Optional[Plan] = None
    key: Optional[str] = None  # the cache key of the file's bytes, when the cache is on


@dataclass
class Corpus:
    regions: RegionRegistry
    indicators: IndicatorCatalogue
    plans: dict[str, Plan] = field(default_factory=dict)
    root: Optional[Path] = None
    waiver_files: list[LoadedFile] = field(default_factory=list)  # schema-valid; checker.waivers reads them
    partial: bool = False  # only the plans a focused check needs were loaded
    plan_ids: frozenset[str] = frozenset()  # every plan of the corpus, loaded or not (see `partial`)
    digest: Optional[str] = None  # of every file read (see _content_digest); None without the cache
    cache: Optional[PlanCache] = field(default=None, repr=False, compare=False)

    @property
    def targets(self) -> Iterable[Target]:
        for plan in self.plans.values():
            yield from plan.targets

    @property
    def target_count(self) -> int:
        return sum(len(p.targets) for p in self.plans.values())


_BUNDLED: dict[tuple[str, str], "LoadedFile"] = {}


def read_file(path: Path, expected: Optional[str] = None) -> LoadedFile:
    """Load one file and decide what it is from its `schema:` key (or its name).

    The rule sets and catalogue shipped with plancheck cannot change while it runs, so they are read
    once per process however often a program checks (the catalogue is met twice in every check: among
    the rule folder's files, and as the catalogue; its `schema:` key makes it one whatever is expected)."""
    display = display_name(path)
    bundled = path.parent.resolve() == default_rules_dir().resolve()
    memo_key = (str(path.resolve()), display)
    known = _BUNDLED.get(memo_key) if bundled else None
    if known is not None and (expected is None or known.kind == expected):
        return known
    loaded = _read_shipped(path, display, expected) if bundled else _read_file(path, display, expected)
    if bundled and _kind_from_schema(loaded.data) is not None:
        _BUNDLED[memo_key] = loaded
    return loaded


def _read_shipped(path: Path, display: str, expected: Optional[str]) -> LoadedFile:
    """A file of the bundled rules folder, from the user's cache (speed/cache.py) while its bytes are
    unchanged: every command reads the rule sets and the catalogue, and reading the catalogue's pickle
    takes a tenth of parsing it."""
    cache = None if os.environ.get("PLANCHECK_NO_CACHE") else PlanCache.of_user()
    key = None
    if cache is not None and cache.enabled:
        try:
            key = cache.key(f"shipped\0{expected}\0{display}", path.read_bytes())
        except OSError:
            key = None
        kept = cache.get(key) if key else None
        if isinstance(kept, LoadedFile):
            return replace(kept, path=path)
    loaded = _read_file(path, display, expected)
    if key and cache is not None:
        cache.put(key, loaded)
    return loaded


def _kind_from_schema(data: Any) -> Optional[str]:
    if isinstance(data, dict) and isinstance(data.get("schema"), str):
        return SCHEMA_IDS.get(data["schema"])
    return None


def _read_file(path: Path, display: str, expected: Optional[str]) -> LoadedFile:
    data = load_yaml(path, display)
    kind = _kind_from_schema(data) or expected
    if kind is None:
        kind = {"regions.yaml": "regions", "indicators.yaml": "indicators",
                "waivers.yaml": "waivers"}.get(path.name, "plan")
    problems = schema_problems(data, kind, display)
    if problems:
        raise InputError(problems)
    return LoadedFile(path, display, kind, data)


def _collect(paths: Iterable[Path], problems: list[Problem], expected: Optional[str] = None) -> list[LoadedFile]:
    files = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(display_name(path), 0, 0, "no such file or directory"))
            continue
        try:
            files.append(read_file(path, expected))
        except InputError as err:
            problems.extend(err.problems)
    return files


def _load_one(path: Path, key: Optional[str] = None, cache: Optional[PlanCache] = None) -> "LoadedFile | list[Problem]":
    """Read one file and, for a plan, build its model and drop the located data. Stores the result in
    the cache."""
    loaded = _read_model(path)
    if key and cache is not None and isinstance(loaded, LoadedFile):
        cache.put(key, loaded)
    return loaded


def _load_one_pickled(path: Path, key: Optional[str], cache: PlanCache) -> "bytes | list[Problem]":
    """_load_one in a worker process: the model is pickled once, for the cache and for the way back."""
    loaded = _read_model(path)
    if not isinstance(loaded, LoadedFile):
        return loaded
    payload = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
    if key:
        cache.put_pickled(key, payload)
    return payload


def _read_model(path: Path) -> "LoadedFile | list[Problem]":
    try:
        loaded = read_file(path)
    except InputError as err:
        return err.problems
    if loaded.kind == "plan":
        loaded = replace(loaded, data=None, plan=build_plan(loaded))
    return loaded


def _load_all(paths: list[Path], problems: list[Problem], cache: PlanCache,
              progress: Optional[Callable[[int, int], None]] = None) -> list[LoadedFile]:
    """Every file under `paths`: from the cache where its bytes are unchanged, else parsed (on all
    cores when there are many); results in the order of `paths`."""
    results: dict[Path, LoadedFile] = {}
    misses: list[tuple[Path, Optional[str]]] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(display_name(path), 0, 0, "no such file or directory"))
            continue
        key = None
        if cache.enabled and path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
            try:
                key = cache.key(display_name(path), path.read_bytes())
            except OSError:
                key = None
            hit = cache.get(key) if key else None
            if isinstance(hit, LoadedFile):
                results[path] = replace(hit, path=path, key=key)
                continue
        misses.append((path, key))
    outcomes: list["LoadedFile | list[Problem]"] = []
    if cores.worth_a_worker("parse", len(misses)):
        try:
            with cores.forked(2, None) as pool:
                for outcome in pool.map(_load_one_pickled, [p for p, _ in misses], [k for _, k in misses],
                                        [cache] * len(misses), chunksize=16):
                    outcomes.append(pickle.loads(outcome) if isinstance(outcome, bytes) else outcome)
                    if progress is not None:
                        progress(len(outcomes), len(misses))
        except cores.POOL_ERRORS:
            outcomes = []  # no worker here: parse them all in this process
    if len(outcomes) < len(misses):
        for path, key in misses:
            outcomes.append(_load_one(path, key, cache))
            if progress is not None:
                progress(len(outcomes), len(misses))
    for (path, key), outcome in zip(misses, outcomes):
        if isinstance(outcome, list):
            problems.extend(outcome)
        else:
            results[path] = replace(outcome, key=key)
    return [results[p] for p in paths if p in results]


def cache_root(paths: list[Path]) -> Optional[Path]:
    """The corpus folder (the one holding regions.yaml), where .plancheck-cache/ lives."""
    found = find_regions_file(paths)
    return found.parent if found is not None else None


def _index_key(cache: PlanCache) -> str:
    return cache.key("corpus-index", b"")


def _keep_index(cache: PlanCache, files: list[LoadedFile], digest: Optional[str]) -> None:
    """Keep the index a focused check reads (each file's key and plan summary), unless it is already that
    of this digest (a warm run on unchanged files): the note of which digest it holds is cleared while it
    is written, so an index cut short is never taken for the one of its digest."""
    noted = cache.key("corpus-index-digest", b"")
    if digest is not None and cache.get(noted) == digest:
        return
    cache.put(noted, None)
    cache.put(_index_key(cache), {f.display: (f.key, PlanReach.of(f.plan) if f.plan is not None else None)
                                  for f in files if f.key})
    cache.put(noted, digest)


@dataclass
class _Subset:
    """What a focused check loads (see _focused_subset), with what working it out already read."""

    paths: list[Path]  # the files to load
    plan_ids: frozenset[str]  # every plan of the corpus
    loaded: dict[Path, LoadedFile]  # the changed plans and the files that are no plans, already read
    regions_files: list[LoadedFile]
    regions: RegionRegistry


def _focused_subset(paths: list[Path], files: list[Path], focus_files: list[Path],
                    cache: PlanCache) -> Optional[_Subset]:
    """The files a check about the plans in `focus_files` needs (see reach.py) and the ids of
    every plan in the corpus; None when a full load is needed: no cache index yet, or a file other than
    the focus changed since it was made."""
    index = cache.get(_index_key(cache)) if cache.enabled else None
    if not isinstance(index, dict):
        return None
    focus = {os.path.abspath(p) for p in focus_files}
    focus_paths, others, summaries = [], [], []
    for path in files:
        if os.path.abspath(path) in focus:
            focus_paths.append(path)
            continue
        display = display_name(path)
        entry = index.get(display)
        try:
            unchanged = entry is not None and cache.key(display, path.read_bytes()) == entry[0]
        except OSError:
            unchanged = False
        if not unchanged:
            return None
        if entry[1] is None:
            others.append(path)
        else:
            summaries.append((path, entry[1]))
    scratch: list[Problem] = []
    loaded = _load_all(focus_paths + others, scratch, cache)
    focused = [f.plan for f in loaded if f.path in focus_paths and f.plan is not None]
    if scratch or len(focused) != len(focus_paths):
        return None  # a changed file is not a plan, or is broken: the full load reports it
    regions_files = [f for f in loaded if f.kind == "regions"]
    if not regions_files:  # regions.yaml above the named folder, as load_corpus finds it
        found = find_regions_file(paths)
        regions_files = _collect([found], scratch, "regions") if found is not None else []
    registry = build_regions(regions_files, scratch)
    if scratch:
        return None
    keep = needed([PlanReach.of(plan) for plan in focused], [s for _, s in summaries], registry)
    chosen = sorted(focus_paths + others + [p for p, s in summaries if s.plan in keep], key=lambda p: p.as_posix())
    return _Subset(chosen, frozenset(s.plan for _, s in summaries) | {plan.id for plan in focused},
                   {f.path: f for f in loaded}, regions_files, registry)


def load_corpus(paths: list[Path], rules_dirs: Iterable[Path] = (), use_cache: bool = True,
                focus_files: Optional[list[Path]] = None,
                progress: Optional[Callable[[int, int], None]] = None) -> Corpus:
    """Read, validate and model a corpus; raise InputError with every problem found.

    With `focus_files` (changed plan files), only the plans a check about them needs are loaded, when
    the cache knows the rest of the corpus; the result is then `partial`."""
    problems: list[Problem] = []
    cache = PlanCache(cache_root(paths), enabled=use_cache and not os.environ.get("PLANCHECK_NO_CACHE"))
    all_files = find_yaml_files(paths, problems)
    subset = _focused_subset(paths, all_files, focus_files, cache) if focus_files and not problems else None
    if subset is not None:
        rest = _load_all([p for p in subset.paths if p not in subset.loaded], problems, cache, progress)
        read = {**subset.loaded, **{f.path: f for f in rest}}
        files = [read[p] for p in subset.paths if p in read]
    else:
        files = _load_all(all_files, problems, cache, progress)
    regions_files = subset.regions_files if subset is not None else [f for f in files if f.kind == "regions"]
    has_plans = any(f.kind == "plan" for f in files)
    if not regions_files and has_plans:
        found = find_regions_file(paths)
        if found is None:
            shown = display_name(paths[0]) if paths else "."
            raise InputError(problems + [Problem(shown, 0, 0, "no regions.yaml found here or in a folder above")])
        regions_files = _collect([found], problems, "regions")
    catalogue_files = [f for f in files if f.kind == "indicators"]
    named_catalogues = {f.path.resolve() for f in catalogue_files}
    for regions_file in regions_files:  # the corpus's own catalogue beside regions.yaml counts too
        beside = regions_file.path.parent / "indicators.yaml"
        if beside.is_file() and beside.resolve() not in named_catalogues:
            catalogue_files += _collect([beside], problems, "indicators")
    catalogue_files += _collect(_catalogue_paths(rules_dirs), problems, "indicators")
    waiver_files = [f for f in files if f.kind == "waivers"]
    named = {f.path.resolve() for f in waiver_files}
    for regions_file in regions_files:  # waivers.yaml beside regions.yaml counts even when only plans were named
        beside = regions_file.path.parent / "waivers.yaml"
        if beside.is_file() and beside.resolve() not in named:
            waiver_files += _collect([beside], problems, "waivers")
    if problems:
        raise InputError(problems)

    regions = subset.regions if subset is not None else build_regions(regions_files, problems)
    indicators = build_indicators(catalogue_files, problems)
    digest = _content_digest(cache, files, regions_files, catalogue_files) if cache.enabled else None
    verified = digest is not None and cache.get(_verified_key(cache, digest)) is True
    plans: dict[str, Plan] = {}
    seen: dict[str, str] = {}
    for loaded in files:
        if loaded.kind != "plan" or loaded.plan is None:
            continue
        plan = loaded.plan
        if plan.id in seen:
            problems.append(Problem(loaded.display, plan.location.line, plan.location.column,
                                    f"plan id '{plan.id}' is also used by {seen[plan.id]}"))
            continue
        seen[plan.id] = loaded.display
        found = [] if verified else references.plan_problems(plan, loaded.data, regions, indicators)
        if found and loaded.data is None:  # from the cache: read the file again to place each problem
            found = references.plan_problems(plan, load_yaml(loaded.path, loaded.display), regions, indicators)
        problems.extend(found)
        plans[plan.id] = plan
    problems.extend(_taken_up_problems(plans))
    if problems:
        raise InputError(problems)
    root = paths[0].resolve() if paths and paths[0].is_dir() else None
    if digest is not None and not verified:
        cache.put(_verified_key(cache, digest), True)
    if subset is None and cache.enabled:
        _keep_index(cache, files, digest)
    plan_ids = subset.plan_ids if subset is not None else frozenset(plans)
    return Corpus(regions, indicators, dict(sorted(plans.items())), root, waiver_files, partial=subset is not None,
                  plan_ids=plan_ids, digest=digest, cache=cache if cache.enabled else None)


def _content_digest(cache: PlanCache, files: list[LoadedFile], regions_files: list[LoadedFile],
                    catalogue_files: list[LoadedFile]) -> Optional[str]:
    """One hash of every file a check reads (each by its displayed name and bytes; waivers excepted: they
    apply after the rules), with the cache's salt (plancheck's code and schemas): equal digests, equal
    corpus. None when a file cannot be read again."""
    entries = set()
    for loaded in [*files, *regions_files, *catalogue_files]:
        if loaded.kind == "waivers":
            continue
        key = loaded.key
        if key is None:
            try:
                key = cache.key(loaded.display, loaded.path.read_bytes())
            except OSError:
                return None
        entries.add(f"{loaded.kind}\0{loaded.display}\0{key}")
    return cache.key("corpus-digest", "\n".join(sorted(entries)).encode("utf-8"))


def _verified_key(cache: PlanCache, digest: str) -> str:
    """The entry saying that the corpus of this digest passed the reference checks (regions, indicators):
    a warm run on unchanged files does not check every target's references again."""
    return cache.key("references-checked", digest.encode("ascii"))


def _catalogue_paths(rules_dirs: Iterable[Path]) -> list[Path]:
    out = [default_rules_dir() / "indicators.yaml"]
    for folder in rules_dirs:
        candidate = Path(folder) / "indicators.yaml"
        if candidate.is_file():
            out.append(candidate)
    return out


def _taken_up_problems(plans: dict[str, Plan]) -> list[Problem]:
    """A role's `takes_up` must name a project of a loaded plan (a plan outside this run is not checked)."""
    out = []
    for plan in plans.values():
        for role in plan.roles:
            for key in role.takes_up:
                other, _, project = key.partition("/")
                if other in plans and project not in {p.id for p in plans[other].projects}:
                    out.append(Problem(role.location.file, role.location.line, role.location.column,
                                       f"role '{role.id}' takes up '{key}', but {other} has no project '{project}'"))
    return out


@dataclass
class Validation:
    count: int  # files validated
    problems: list[Problem]  # the problems to report (exit 2 when there are any)
    elsewhere: int = 0  # problems in other plan files of the corpus, not reported (validate FILE)
    corpus: Optional[Path] = None  # the corpus folder a named file sits in


def validate_paths(paths: list[Path], rules_dirs: Iterable[Path] = ()) -> Validation:
    """Validate every file under `paths` (plans, regions, catalogues, rule sets).

    Named files that sit in a corpus are validated in it (a plan id used twice, a region of another
    file ...): reported are their problems and those of the files every plan depends on (regions.yaml,
    waivers, catalogues); problems of the other plan files are only counted."""
    root = corpus_of_files(paths)
    if root is None:
        try:
            load_corpus(paths, rules_dirs)
        except InputError as err:
            return Validation(len(find_yaml_files(paths)), err.problems)
        return Validation(len(find_yaml_files(paths)), [])
    everything = find_yaml_files([root])
    others = {display_name(path) for path in everything if path.name not in SHARED_NAMES
              and not any(os.path.realpath(path) == os.path.realpath(named) for named in paths)}
    problems = _problems(lambda: load_corpus([root], rules_dirs))
    hidden = [p for p in problems if p.file in others]
    if hidden and len(hidden) == len(problems):  # the others stopped the load early: load without them
        broken = {p.file for p in hidden}
        rest = [path for path in everything if display_name(path) not in broken]
        problems = _problems(lambda: load_corpus(rest, rules_dirs)) + hidden
    shown = [p for p in problems if p.file not in others]
    return Validation(len(paths), shown, len(problems) - len(shown), root)


SHARED_NAMES = ("regions.yaml", "waivers.yaml", "indicators.yaml")


def _problems(load: Callable[[], Any]) -> list[Problem]:
    try:
        load()
    except InputError as err:
        return err.problems
    return []
