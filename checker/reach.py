"""Which plans a finding about plan P can involve: the one answer, asked at three moments.

A finding about plan P can only involve plans that P's numbers, shares, roles and projects reach: the
plans of P's region, of the regions above it and beside it, of its siblings and its uncles (totals and
shares of a common parent), of everything below it (for an upper plan), plans that set numbers or
shares for those regions, plans whose projects name P's region, and plans that hold one of P's
exclusive roles.

- Before loading, `needed` answers it from a small summary of every plan (`PlanReach`, kept in the
  cache index), so a re-check of a few changed plans reads those plans and not the country (corpus.py).
- Before checking, `Focus` answers it from the graph: which subjects can yield a finding about P
  (engine.subjects); every plan it looks at is among those `needed` loads (tests/test_reach.py).
- After checking, `concerns` says whether a finding is about one of the plans (its own plan or a
  related one; engine.run keeps those), and `involved_plans` lists every plan a finding involves,
  upper plans named in its evidence included (the report's links between plans).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .model import Plan, normalize_text
from .regions import RegionRegistry

if TYPE_CHECKING:
    from .findings import Finding
    from .graph import PlanGraph


@dataclass(frozen=True)
class PlanReach:
    """What of a plan decides which other plans a finding about it can involve; kept in the cache index."""

    plan: str
    region: str
    scopes: frozenset[str]  # regions its targets are for, and regions they are shares of
    project_regions: frozenset[str]
    role_texts: frozenset[str]

    @classmethod
    def of(cls, plan: Plan) -> "PlanReach":
        scopes = {t.scope for t in plan.targets} | {t.share_of for t in plan.targets if t.share_of}
        return cls(plan=plan.id, region=plan.region, scopes=frozenset(scopes),
                   project_regions=frozenset(r for p in plan.projects for r in p.regions),
                   role_texts=frozenset(normalize_text(r.text) for r in plan.roles))


def _below(regions: RegionRegistry, code: str) -> set[str]:
    out: set[str] = set()
    stack = [code]
    while stack:
        current = stack.pop()
        for child in regions.children(current):
            if child not in out:
                out.add(child)
                stack.append(child)
    return out | set(regions.counties_in(code))


def needed(focus: list[PlanReach], everyone: list[PlanReach], regions: RegionRegistry) -> set[str]:
    """Ids of the plans a check about the `focus` plans must load (the focus plans included)."""
    own = {s.region for s in focus}
    touch: set[str] = set()
    wanted: set[str] = set()
    for code in own:
        above = [*regions.ancestors(code), *regions.clusters_of(code), *regions.groups_of(code)]
        touch |= {code, *above}
        wanted |= {code, *above, *regions.neighbours(code), *_below(regions, code)}
        for ancestor in regions.ancestors(code):
            wanted |= set(regions.children(ancestor))
    texts = set().union(*(s.role_texts for s in focus)) if focus else set()
    keep = {s.plan for s in focus}
    for summary in everyone:
        if (summary.region in wanted or summary.scopes & touch or summary.project_regions & own
                or summary.role_texts & texts):
            keep.add(summary.plan)
    return keep


class Focus:
    """The part of the corpus a check about some plans needs to look at (see engine.subjects).

    Findings about a plan come from its own targets, roles and projects; from the plans below it (their
    targets point up to it); from the regions its numbers are for and the regions above those (totals
    and shares); and from projects that name its region.
    """

    def __init__(self, graph: "PlanGraph", ids: set[str]):
        corpus = graph.corpus
        self.ids = ids
        self.selected = [corpus.plans[i] for i in sorted(ids)]
        lower = [p for p in corpus.plans.values() if p.id not in ids and
                 any(u.id in ids for u in graph.upper_plans(p))]
        self.plans = sorted(self.selected + lower, key=lambda p: p.id)
        upper = {u.id: u for p in self.selected for u in graph.upper_plans(p) if u.id not in ids}
        self.pair_plans = sorted(self.plans + list(upper.values()), key=lambda p: p.id)
        regions: set[str] = set()
        for plan in self.selected:
            for code in {plan.region, *(t.scope for t in plan.targets), *(t.share_of for t in plan.targets if t.share_of)}:
                regions.add(code)
                regions.update(graph.upper_regions(code))
                regions.update(graph.regions.groups_of(code))
        self.regions = {r for r in regions if r in graph.regions}
        named = {p.region for p in self.selected}
        self.project_plans = [p for p in corpus.plans.values()
                              if p.id in ids or any(named & set(j.regions) for j in p.projects)]


def concerns(finding: "Finding", plans: Iterable[str]) -> bool:
    """Whether a finding is about one of `plans`: its own plan or one of its related entries' plans."""
    return finding.plan in plans or any(r.plan in plans for r in finding.related)


def involved_plans(finding: "Finding") -> set[str]:
    """Plans a finding is about: its own, its related ones, and upper plans named in its evidence."""
    plans = {finding.plan} | {r.plan for r in finding.related}
    named = finding.evidence.get("upper_plans") if isinstance(finding.evidence, dict) else None
    if isinstance(named, list):
        plans |= {p for p in named if isinstance(p, str)}
    return plans
