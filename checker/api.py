"""The one call the command line (and other programs) make: load, build the graph, run the rules.

Keeping the pipeline here, not in cli.py, means a script can run a check and get the same findings the
command line prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .corpus import Corpus, load_corpus
from .engine import Config, Rule, load_config, load_rules, run
from .findings import Finding, summarize
from .graph import PlanGraph
from .problems import InputError, Problem


@dataclass
class Report:
    corpus: Corpus
    graph: PlanGraph
    rules: list[Rule]
    findings: list[Finding]

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.findings)


def check(paths: list[Path], rules_dirs: Iterable[Path] = (), config: Optional[Config] = None,
          plans: Optional[Iterable[str]] = None) -> Report:
    """Check a corpus; raise InputError for bad input (including an unknown --plan id)."""
    config = config if config is not None else load_config(Path.cwd())
    rules = load_rules(rules_dirs, config)
    corpus = load_corpus(paths, [*config.rules, *rules_dirs])
    selected = set(plans) if plans else None
    if selected:
        unknown = sorted(selected - set(corpus.plans))
        if unknown:
            raise InputError([Problem("--plan", 0, 0, f"unknown plan id(s): {', '.join(unknown)}; "
                                                       f"known: {', '.join(corpus.plans)}")])
    graph = PlanGraph(corpus)
    findings = run(corpus, rules, graph, selected)
    return Report(corpus, graph, rules, findings)
