"""The pipeline, assembled once: configuration -> rules -> corpus -> graph -> findings.

Every command (check, validate, graph, baseline, rules, explain) and every program starts here, so all
of them read the same configuration (config.py), the same rule folders and the same corpus: with
`rules: [extra]` in plancheck.yaml, validate reads extra/indicators.yaml just as check does. A script can
run a check and get the same findings the command line prints: narrowed to some plans (--plan) or to the
plans a change touches (--changed), with waivers and a baseline applied.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from . import baseline as baselines
from . import waivers as waiver_mod
from .config import Config, load_config
from .corpus import Corpus, Validation, load_corpus, validate_paths
from .discovery import corpus_of_files, default_rules_dir, same_file
from .engine import Rule, load_rules, run
from .findings import Finding, summarize
from .speed import results
from .speed.gcpause import paused
from .graph import PlanGraph
from .incremental import check_changed_files, touched_plans
from .problems import InputError, Problem


@dataclass
class Report:
    corpus: Corpus
    rules: list[Rule]
    findings: list[Finding]
    selected: Optional[frozenset[str]] = None  # the plans findings were kept for; None: every plan
    waivers: list[waiver_mod.Waiver] = field(default_factory=list)
    baseline: Optional[baselines.Baseline] = None
    baseline_fixed: list[dict[str, Any]] = field(default_factory=list)  # baseline entries no longer found
    config: Config = field(default_factory=Config)  # the configuration the check ran with
    built_graph: Optional[PlanGraph] = field(default=None, repr=False)

    @property
    def graph(self) -> PlanGraph:
        """The corpus's graph, built when first asked for: a warm check whose findings come from the cache
        needs it only to draw the HTML report."""
        if self.built_graph is None:
            with paused():
                self.built_graph = results.graph_of(self.corpus)
        return self.built_graph

    @property
    def summary(self) -> dict[str, int]:
        """Counts by severity of the findings that count (neither waived nor baselined)."""
        return summarize(self.findings)

    @property
    def waived_count(self) -> int:
        return sum(1 for f in self.findings if f.waived is not None)

    @property
    def baselined_count(self) -> int:
        return sum(1 for f in self.findings if f.baselined)


@dataclass(frozen=True)
class Settings:
    """What every command starts from: the configuration in force and the rules it leaves."""

    config: Config
    rules_dirs: tuple[Path, ...]  # extra rule folders: the configuration's, then the command line's
    rules: list[Rule]


def configure(rules_dirs: Iterable[Path] = (), config: Optional[Config] = None) -> Settings:
    """The configuration (found from the working folder unless given) and the rules, every option value
    checked; raise InputError for a bad configuration or rule set."""
    config = config if config is not None else load_config()
    return Settings(config, _rule_folders(config, rules_dirs), load_rules([Path(r) for r in rules_dirs], config))


def _rule_folders(config: Config, rules_dirs: Iterable[Path]) -> tuple[Path, ...]:
    return (*(Path(r) for r in config.rules), *(Path(r) for r in rules_dirs))


def load(paths: list[Path], settings: Settings, focus_files: Optional[list[Path]] = None,
         progress: Optional[Callable[[int, int], None]] = None) -> Corpus:
    """The corpus under `paths`, with the indicator catalogues of the setup's rule folders."""
    return load_corpus(paths, settings.rules_dirs, focus_files=focus_files, progress=progress)


def validate(paths: list[Path], rules_dirs: Iterable[Path] = (), config: Optional[Config] = None) -> Validation:
    """Validate the configuration, the rule sets in force and every file under `paths` (see
    corpus.validate_paths for named files); the problems of all three are reported together."""
    rules_dirs = list(rules_dirs)
    problems: list[Problem] = []
    with paused():
        try:
            config = config if config is not None else load_config()
        except InputError as err:
            problems.extend(err.problems)
            config = Config()
        try:
            load_rules([Path(r) for r in rules_dirs], config)
        except InputError as err:
            problems.extend(err.problems)
        try:
            result = validate_paths(paths, _rule_folders(config, rules_dirs))
        except InputError as err:
            result = Validation(0, err.problems)
    return replace(result, problems=sorted(set(problems + result.problems)))


def graph(paths: list[Path], rules_dirs: Iterable[Path] = (), config: Optional[Config] = None) -> PlanGraph:
    """The dependency graph of the corpus under `paths`, read as check reads it."""
    with paused():
        return results.graph_of(load(paths, configure(rules_dirs, config)))


def check(paths: list[Path], rules_dirs: Iterable[Path] = (), config: Optional[Config] = None,
          plans: Optional[Iterable[str]] = None, changed: Optional[Iterable[Path]] = None,
          waiver_files: Iterable[Path] = (), baseline: Optional[Path] = None,
          today: Optional[date] = None, progress: Optional[Callable[[int, int], None]] = None,
          revision: Optional[str] = None) -> Report:
    """Check a corpus; raise InputError for bad input (an unknown --plan id, a bad waivers file ...).

    `plans` keeps the findings about those plans; `changed` (files) keeps those about the plans the
    change touches (a deleted plan: the plans that referred to it, from the file as git knows it at
    `revision`, in the index or at HEAD); given both, a finding must pass both. Waivers come from the corpus (waivers.yaml) and
    `waiver_files`, and hold until their expiry date as of `today` (default: the real today).
    """
    with paused():
        return _check(paths, configure(rules_dirs, config), plans, None if changed is None else list(changed),
                      waiver_files, baseline, today, progress, revision)


def _plan_of(corpus: Corpus, path: Path) -> Optional[str]:
    return next((plan.id for plan in corpus.plans.values() if same_file(plan.file, path)), None)


def _check(paths: list[Path], settings: Settings, plans: Optional[Iterable[str]],
           changed: Optional[list[Path]], waiver_files: Iterable[Path], baseline: Optional[Path],
           today: Optional[date], progress: Optional[Callable[[int, int], None]], revision: Optional[str]) -> Report:
    rules = settings.rules
    named_root = corpus_of_files(paths)
    named = paths if named_root is not None else None
    if named is not None:  # check FILE: the whole corpus the file sits in, reported for that file's plan
        paths = [named_root]
    focus = changed or named
    if changed is not None:
        check_changed_files(changed, revision)
        if not all(os.path.lexists(path) for path in changed):
            focus = None  # a deleted plan: which plans referred to it is worked out on the whole corpus
    corpus = load(paths, settings, focus_files=focus if focus and not plans else None, progress=progress)
    selected = set(plans) if plans else None
    if named is not None:
        ids = [_plan_of(corpus, path) for path in named]
        if None not in ids:  # only plans were named (a named regions.yaml or waivers file touches all)
            selected = set(ids) if selected is None else selected & set(ids)
    if selected:
        unknown = sorted(selected - set(corpus.plans))
        if unknown:
            raise InputError([Problem("--plan", 0, 0, f"unknown plan id(s): {', '.join(unknown)}; "
                                                       f"known: {', '.join(corpus.plans)}",
                                      f"未知规划 id：{'、'.join(unknown)}；已有：{'、'.join(corpus.plans)}")])
    if changed is not None:
        roots = [*paths, default_rules_dir(), *settings.rules_dirs]
        touched = touched_plans(corpus, changed, roots, revision, settings.config.path)
        if touched is not None:
            selected = touched if selected is None else selected & touched
    waivers = waiver_mod.read_waivers([*corpus.waiver_files, *waiver_mod.load_waiver_files(waiver_files)],
                                      corpus, [r.id for r in rules])
    loaded_baseline = baselines.load(baseline) if baseline is not None else None

    report = Report(corpus, rules, [], frozenset(selected) if selected is not None else None, waivers,
                    loaded_baseline, config=settings.config)
    findings = _findings(report, selected)
    findings = waiver_mod.apply(findings, waivers, today or date.today(), selected)
    if loaded_baseline is not None:
        findings = baselines.apply(findings, loaded_baseline)
        report.baseline_fixed = baselines.fixed(findings, loaded_baseline, selected)
    report.findings = findings
    return report


def _findings(report: Report, selected: Optional[set[str]]) -> list[Finding]:
    """The rules' findings (before waivers and a baseline): those a full check of the same inputs left in
    the cache, or found now (and kept for the next full check)."""
    if selected == set():
        return []
    if selected is not None:
        return run(report.corpus, report.rules, report.graph, selected)
    return results.findings_of(report.corpus, report.rules, lambda: run(report.corpus, report.rules, report.graph))
