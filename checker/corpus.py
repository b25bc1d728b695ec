"""Load a corpus: find the files, read them strictly, validate them, and build the model.

A corpus is a folder holding regions.yaml, plan files at any depth and, optionally, waivers.yaml; the
indicator catalogue comes from the rule folders (the bundled rules/ plus any the user adds). Each file
says what it is with its `schema:` key. Problems from every file are collected and raised together, so
one run shows them all.
"""

from __future__ import annotations

import os
import pickle
import stat
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from . import references
from .indicators import Indicator, IndicatorCatalogue
from . import cores
from .cache import PlanCache
from .gcpause import paused
from .neighbourhood import PlanSummary, needed
from .loader import MAX_FILE_BYTES, load_yaml, locate, not_a_file
from .model import Location, Period, Plan, Project, Quantity, Role, Source, Target
from .problems import InputError, Problem
from .regions import Region, RegionRegistry
from .schema import schema_problems
from .units import UnitError, forget_registered, parse_unit, register

SCHEMA_IDS = {
    "plancheck/plan/v1": "plan",
    "plancheck/regions/v1": "regions",
    "plancheck/indicators/v1": "indicators",
    "plancheck/rules/v1": "rules",
    "plancheck/waivers/v1": "waivers",
}
YAML_SUFFIXES = (".yaml", ".yml")


def default_rules_dir() -> Path:
    """The rule sets and indicator catalogue shipped with plancheck (the project's rules/ folder)."""
    return Path(str(resources.files("checker.default_rules")))


def display_name(path: Path) -> str:
    """A path as messages show it: relative to the working directory when below it, and printable (see
    `printable`)."""
    absolute = Path(os.path.abspath(path))
    try:
        shown = absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = absolute.as_posix()
    return printable(shown)


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

    @property
    def targets(self) -> Iterable[Target]:
        for plan in self.plans.values():
            yield from plan.targets

    @property
    def target_count(self) -> int:
        return sum(len(p.targets) for p in self.plans.values())


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


_BUNDLED: dict[tuple[str, str, Optional[str]], "LoadedFile"] = {}


def read_file(path: Path, expected: Optional[str] = None) -> LoadedFile:
    """Load one file and decide what it is from its `schema:` key (or its name).

    The rule sets and catalogue shipped with plancheck cannot change while it runs, so they are read
    once per process however often a program checks."""
    display = display_name(path)
    bundled = path.parent.resolve() == default_rules_dir().resolve()
    memo_key = (str(path.resolve()), display, expected)
    if bundled and memo_key in _BUNDLED:
        return _BUNDLED[memo_key]
    loaded = _read_file(path, display, expected)
    if bundled:
        _BUNDLED[memo_key] = loaded
    return loaded


def _read_file(path: Path, display: str, expected: Optional[str]) -> LoadedFile:
    data = load_yaml(path, display)
    kind = expected
    if isinstance(data, dict) and isinstance(data.get("schema"), str) and data["schema"] in SCHEMA_IDS:
        kind = SCHEMA_IDS[data["schema"]]
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


PARALLEL_FROM = 64  # files to parse before a second process pays for itself


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
    if len(misses) >= PARALLEL_FROM and cores.available() > 1:
        try:
            with ProcessPoolExecutor(max_workers=2, initializer=cores.quiet_on_interrupt) as pool:
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


def _focused_subset(files: list[Path], focus_files: list[Path],
                    cache: PlanCache) -> Optional[tuple[list[Path], frozenset[str]]]:
    """The files a check about the plans in `focus_files` needs (see neighbourhood.py) and the ids of
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
    registry = build_regions([f for f in loaded if f.kind == "regions"], scratch)
    keep = needed([PlanSummary.of(plan) for plan in focused], [s for _, s in summaries], registry)
    chosen = sorted(focus_paths + others + [p for p, s in summaries if s.plan in keep], key=lambda p: p.as_posix())
    return chosen, frozenset(s.plan for _, s in summaries) | {plan.id for plan in focused}


def load_corpus(paths: list[Path], rules_dirs: Iterable[Path] = (), use_cache: bool = True,
                focus_files: Optional[list[Path]] = None,
                progress: Optional[Callable[[int, int], None]] = None) -> Corpus:
    """Read, validate and model a corpus; raise InputError with every problem found.

    With `focus_files` (changed plan files), only the plans a check about them needs are loaded, when
    the cache knows the rest of the corpus; the result is then `partial`."""
    problems: list[Problem] = []
    cache = PlanCache(cache_root(paths), enabled=use_cache and not os.environ.get("PLANCHECK_NO_CACHE"))
    all_files = find_yaml_files(paths, problems)
    subset = _focused_subset(all_files, focus_files, cache) if focus_files and not problems else None
    with paused():  # unpickling or building a model of every plan: no cycles to collect
        files = _load_all(subset[0] if subset is not None else all_files, problems, cache, progress)
    regions_files = [f for f in files if f.kind == "regions"]
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

    regions = build_regions(regions_files, problems)
    indicators = build_indicators(catalogue_files, problems)
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
        found = references.plan_problems(plan, loaded.data, regions, indicators)
        if found and loaded.data is None:  # from the cache: read the file again to place each problem
            found = references.plan_problems(plan, load_yaml(loaded.path, loaded.display), regions, indicators)
        problems.extend(found)
        plans[plan.id] = plan
    problems.extend(_taken_up_problems(plans))
    if problems:
        raise InputError(problems)
    root = paths[0].resolve() if paths and paths[0].is_dir() else None
    if subset is None and cache.enabled:
        cache.put(_index_key(cache), {f.display: (f.key, PlanSummary.of(f.plan) if f.plan is not None else None)
                                      for f in files if f.key})
    plan_ids = subset[1] if subset is not None else frozenset(plans)
    return Corpus(regions, indicators, dict(sorted(plans.items())), root, waiver_files, partial=subset is not None,
                  plan_ids=plan_ids)


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


def build_regions(files: list[LoadedFile], problems: list[Problem]) -> RegionRegistry:
    registry = RegionRegistry()
    for loaded in files:
        data = loaded.data
        for index, item in enumerate(data.get("regions", [])):
            line, column = locate(data, ["regions", index])
            if item["code"] in registry:
                problems.append(Problem(loaded.display, line, column, f"region code {item['code']} is defined twice"))
                continue
            registry.add(Region(code=item["code"], name=item["name"], level=item["level"],
                                location=Location(loaded.display, line, column), parent=item.get("parent"),
                                neighbours=tuple(item.get("neighbours", ())), aliases=tuple(item.get("aliases", ()))))
        for index, item in enumerate(data.get("groups", [])):
            line, column = locate(data, ["groups", index])
            if item["id"] in registry:
                problems.append(Problem(loaded.display, line, column, f"group id {item['id']} is defined twice"))
                continue
            registry.add(Region(code=item["id"], name=item["name"], level=item["level"],
                                location=Location(loaded.display, line, column), parent=item.get("parent"),
                                members=tuple(item["members"]), aliases=tuple(item.get("aliases", ())),
                                within=item.get("within")))
    problems.extend(references.region_problems(registry))
    return registry


def build_indicators(files: list[LoadedFile], problems: list[Problem]) -> IndicatorCatalogue:
    catalogue = IndicatorCatalogue()
    forget_registered()
    for loaded in files:  # units first: an indicator of any file may be in a unit another file adds
        for index, item in enumerate(loaded.data.get("units", [])):
            try:
                register(item["name"], item["dimension"], item.get("factor", 1))
            except UnitError as err:
                problems.append(Problem(loaded.display, *locate(loaded.data, ["units", index, "name"]), str(err)))
    for loaded in files:
        for index, item in enumerate(loaded.data.get("indicators", [])):
            line, column = locate(loaded.data, ["indicators", index])
            where = Location(loaded.display, line, column)
            if item["id"] in catalogue:
                first = catalogue[item["id"]].location
                problems.append(Problem(loaded.display, line, column,
                                        f"indicator '{item['id']}' is already defined at {first.file}:{first.line}"))
                continue
            try:
                dim = parse_unit(item["unit"]).dimension
            except UnitError as err:
                problems.append(Problem(loaded.display, *locate(loaded.data, ["indicators", index, "unit"]), str(err)))
                continue
            catalogue[item["id"]] = Indicator(id=item["id"], names=tuple(item["names"]), unit=item["unit"],
                                              dimension=dim, aggregation=item["aggregation"], location=where,
                                              direction=item.get("direction", "none"),
                                              parts=tuple(item.get("parts", ())), description=item.get("description"),
                                              ratio_of=_ratio_of(item.get("ratio_of")), en=item.get("en"),
                                              sum_of=tuple(item.get("sum_of", ())),
                                              includes=tuple(item.get("includes", ())),
                                              variant_of=item.get("variant_of"),
                                              per_capita_of=_per_capita_of(item.get("per_capita_of")),
                                              at_least=tuple(item.get("at_least", ())),
                                              increase_of=item.get("increase_of"), bounded_by=item.get("bounded_by"))
    problems.extend(references.indicator_problems(catalogue))
    return catalogue


def _ratio_of(item: Optional[dict[str, str]]) -> Optional[tuple[str, str]]:
    return None if item is None else (item["numerator"], item["denominator"])


def _per_capita_of(item: Optional[dict[str, str]]) -> Optional[tuple[str, str]]:
    return None if item is None else (item["total"], item["population"])


def _source(item: dict[str, Any], document: str) -> Source:
    row = item.get("row")
    return Source(document=document, line=item["line"], quote=item["quote"], table=item.get("table"),
                  row=None if row is None else str(row), page=item.get("page"))


def _quantity(item: Optional[dict[str, Any]], document: str) -> Optional[Quantity]:
    if item is None:
        return None
    own = _source(item, document) if "line" in item else None
    value = item.get("value")
    levels, kind = _deferral(item.get("ref"))
    return Quantity(year=item.get("year"), value=None if value is None else float(value), op=item.get("op", "="),
                    low=None if "min" not in item else float(item["min"]),
                    high=None if "max" not in item else float(item["max"]),
                    ref_upper=levels != (), growth=_quantity(item.get("growth"), document), source=own,
                    ref_levels=levels, ref_kind=kind)


def _deferral(ref: Any) -> tuple[tuple[str, ...], Optional[str]]:
    """`ref: upper` (an upper development plan's quota) or `ref: {level: province, kind: land_use}`."""
    if ref is None:
        return (), None
    if ref == "upper":
        return ("upper",), "master"
    level = ref["level"]
    return (tuple(level) if isinstance(level, list) else (level,)), ref.get("kind", "master")


def build_plan(loaded: LoadedFile) -> Plan:
    """The model of one schema-valid plan file."""
    data, display = loaded.data, loaded.display
    document = data["source"]["document"]
    plan_id, region = data["id"], data["region"]

    def where(*path: Any) -> Location:
        return Location(display, *locate(data, path))

    targets = tuple(
        Target(plan=plan_id, id=t["id"], indicator=t["indicator"], scope=t.get("scope", region),
               location=where("targets", i), source=_source(t["source"], document), label=t.get("label"),
               unit=t.get("unit"), attribute=t.get("attribute"), base=_quantity(t.get("base"), document),
               target=_quantity(t.get("target"), document), growth=_quantity(t.get("growth"), document),
               vision=_quantity(t.get("vision"), document), share_of=t.get("share_of"),
               cumulative=bool(t.get("cumulative", False)), note=t.get("note"),
               caliber=t.get("caliber"), part_of=t.get("part_of"),
               parts_complete=bool(t.get("parts_complete", False)))
        for i, t in enumerate(data.get("targets", [])))
    roles = tuple(
        Role(plan=plan_id, id=r["id"], text=r["text"], scope=r["scope"], location=where("roles", i),
             source=_source(r["source"], document), exclusive=bool(r.get("exclusive", False)), note=r.get("note"),
             takes_up=tuple(r.get("takes_up", ())))
        for i, r in enumerate(data.get("roles", [])))
    projects = tuple(
        Project(plan=plan_id, id=p["id"], name=p["name"], regions=tuple(p["regions"]), location=where("projects", i),
                source=_source(p["source"], document), kind=p.get("kind"), note=p.get("note"), stage=p.get("stage"))
        for i, p in enumerate(data.get("projects", [])))
    period = data["period"]
    return Plan(id=plan_id, title=data["title"], region=region, level=data["level"], kind=data["kind"],
                period=Period(period["base_year"], period["end"], period.get("vision")), document=document,
                location=where("id"), issuer=data.get("issuer"), published=data.get("published"),
                note=data.get("note"), targets=targets, roles=roles, projects=projects)


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
