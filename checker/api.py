"""The one call the command line (and other programs) make: load, build the graph, run the rules.

Keeping the pipeline here, not in cli.py, means a script can run a check and get the same findings the
command line prints: narrowed to some plans (--plan) or to the plans a change touches (--changed), with
waivers and a baseline applied.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from . import baseline as baselines
from . import waivers as waiver_mod
from .corpus import Corpus, corpus_of_files, default_rules_dir, load_corpus, same_file
from .engine import Config, Rule, load_config, load_rules, run
from .findings import Finding, summarize
from .gcpause import paused
from .graph import PlanGraph
from .incremental import check_changed_files, touched_plans
from .problems import InputError, Problem


@dataclass
class Report:
    corpus: Corpus
    graph: PlanGraph
    rules: list[Rule]
    findings: list[Finding]
    selected: Optional[frozenset[str]] = None  # the plans findings were kept for; None: every plan
    waivers: list[waiver_mod.Waiver] = field(default_factory=list)
    baseline: Optional[baselines.Baseline] = None
    baseline_fixed: list[dict[str, Any]] = field(default_factory=list)  # baseline entries no longer found

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
        return _check(paths, list(rules_dirs), config if config is not None else load_config(Path.cwd()), plans,
                      None if changed is None else list(changed), waiver_files, baseline, today, progress, revision)


def _plan_of(corpus: Corpus, path: Path) -> Optional[str]:
    return next((plan.id for plan in corpus.plans.values() if same_file(plan.file, path)), None)


def _check(paths: list[Path], rules_dirs: list[Path], config: Config, plans: Optional[Iterable[str]],
           changed: Optional[list[Path]], waiver_files: Iterable[Path], baseline: Optional[Path],
           today: Optional[date], progress: Optional[Callable[[int, int], None]], revision: Optional[str]) -> Report:
    rules = load_rules(rules_dirs, config)
    named_root = corpus_of_files(paths)
    named = paths if named_root is not None else None
    if named is not None:  # check FILE: the whole corpus the file sits in, reported for that file's plan
        paths = [named_root]
    focus = changed or named
    if changed is not None:
        check_changed_files(changed, revision)
        if not all(os.path.lexists(path) for path in changed):
            focus = None  # a deleted plan: which plans referred to it is worked out on the whole corpus
    corpus = load_corpus(paths, [*config.rules, *rules_dirs], focus_files=focus if focus and not plans else None,
                         progress=progress)
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
        roots = [*paths, default_rules_dir(), *(Path(r) for r in config.rules), *rules_dirs]
        touched = touched_plans(corpus, changed, roots, revision)
        if touched is not None:
            selected = touched if selected is None else selected & touched
    waivers = waiver_mod.read_waivers([*corpus.waiver_files, *waiver_mod.load_waiver_files(waiver_files)],
                                      corpus, [r.id for r in rules])
    loaded_baseline = baselines.load(baseline) if baseline is not None else None

    graph = PlanGraph(corpus)
    findings = run(corpus, rules, graph, selected) if selected != set() else []
    findings = waiver_mod.apply(findings, waivers, today or date.today(), selected)
    fixed: list[dict[str, Any]] = []
    if loaded_baseline is not None:
        findings = baselines.apply(findings, loaded_baseline)
        fixed = baselines.fixed(findings, loaded_baseline, selected)
    return Report(corpus, graph, rules, findings, frozenset(selected) if selected is not None else None,
                  waivers, loaded_baseline, fixed)
