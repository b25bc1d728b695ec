"""The dependency graph: regions, plans, targets, roles and projects, and the relations between them.

Target relations (edge attribute `relation`), always pointing from the lower or claiming target:
- `assigned`: an upper plan's target whose scope is this target's scope (a number set for this region);
- `refines`: the upper plan's own target of the same indicator for the region above;
- `part_of`: a part (catalogue `parts`) to its whole in the same plan, scope and year;
- `peer`: the same indicator in a neighbour's plan;
(only between comparable targets: both levels or both period totals, in a common year or with a growth
rate to bridge the years;)
- `shares`: a share claim (`share_of`) to the targets of the region it is a share of.
Structural edges: `within` (region -> parent), `member_of` (region -> group), `neighbour`, `plan_for`
(plan -> region), `upper_plan` (plan -> each plan above it), `states` (plan -> target/role/project).

Built in time linear in the number of targets: targets are indexed by (indicator, scope), and every
lookup goes through the index; no pair of targets is compared unless an index puts them together.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union

from .corpus import Corpus
from .model import Plan, Project, Role, Target, normalize_text

if TYPE_CHECKING:  # networkx is imported when the graph is first asked for: a re-check never needs it
    import networkx as nx

TARGET_RELATIONS = ("assigned", "refines", "part_of", "peer", "shares")
Subject = Union[Target, Role, Project]


_NUMBER = "I" if array("I").itemsize >= 4 else "L"  # an unsigned number of at least 4 bytes


@dataclass(frozen=True)
class Links:
    """A graph's target links by number (PlanGraph.links): small to keep, quick to read back."""

    lower: array
    upper: array
    relations: bytes


def node_id(obj: Any) -> str:
    if isinstance(obj, Target):
        return f"target:{obj.key}"
    if isinstance(obj, Role):
        return f"role:{obj.key}"
    if isinstance(obj, Project):
        return f"project:{obj.key}"
    if isinstance(obj, Plan):
        return f"plan:{obj.id}"
    return f"region:{obj}"


class PlanGraph:
    """The networkx graph plus the indexes rules need to select their subjects."""

    def __init__(self, corpus: Corpus, links: Optional["Links"] = None):
        """`links`: the target links this corpus's graph had (see `links`), kept from an earlier run of
        the same inputs; without them every link is worked out again."""
        self.corpus = corpus
        self.regions = corpus.regions
        self.indicators = corpus.indicators
        self.targets: dict[str, Target] = {}
        self.by_indicator_scope: dict[tuple[str, str], list[Target]] = defaultdict(list)
        self.plans_by_region: dict[str, list[Plan]] = defaultdict(list)
        self.by_scope: dict[str, list[Target]] = defaultdict(list)
        self.shares_of: dict[tuple[str, str], list[Target]] = defaultdict(list)  # (indicator, whole region)
        self.shared_indicators: dict[str, set[str]] = defaultdict(set)  # whole region -> indicators shared
        self.roles_by_text: dict[str, list[Role]] = defaultdict(list)
        self._upper_plans: dict[str, list[Plan]] = {}
        self._out: dict[tuple[str, str], list[Target]] = defaultdict(list)
        self._in: dict[tuple[str, str], list[Target]] = defaultdict(list)
        self._links: list[tuple[Target, Target, str]] = []
        # plan id -> (indicator, scope) -> the targets a link may point to (see _index_statements)
        self._stated: dict[str, dict[tuple[str, str], list[Target]]] = {}
        self._graph: Optional["nx.MultiDiGraph"] = None
        self._build(links)

    # ------------------------------------------------------------------ building
    def _build(self, links: Optional["Links"]) -> None:
        for plan in self.corpus.plans.values():
            self.plans_by_region[plan.region].append(plan)
            for target in plan.targets:
                self.targets[target.key] = target
                self.by_indicator_scope[(target.indicator, target.scope)].append(target)
                self.by_scope[target.scope].append(target)
                if target.share_of is not None:
                    self.shares_of[(target.indicator, target.share_of)].append(target)
                    self.shared_indicators[target.share_of].add(target.indicator)
            for role in plan.roles:
                self.roles_by_text[normalize_text(role.text)].append(role)
        if links is not None and self._relink(links):
            return
        self._index_statements()
        for plan in self.corpus.plans.values():
            self._link_targets(plan)

    def _in_order(self) -> list[Target]:
        return [target for plan in self.corpus.plans.values() for target in plan.targets]

    def links(self) -> "Links":
        """The target links as numbers (each target's place in the corpus's order, each relation's in
        TARGET_RELATIONS), in the order they were made: what a graph of the same corpus needs to be
        rebuilt without comparing a single pair of targets again."""
        place = {id(target): number for number, target in enumerate(self._in_order())}
        code = {relation: number for number, relation in enumerate(TARGET_RELATIONS)}
        return Links(array(_NUMBER, (place[id(lower)] for lower, _, _ in self._links)),
                     array(_NUMBER, (place[id(upper)] for _, upper, _ in self._links)),
                     bytes(code[relation] for _, _, relation in self._links))

    def _relink(self, links: "Links") -> bool:
        """Make the links `links` lists; False (and nothing linked) when they cannot be this corpus's."""
        ordered = self._in_order()
        count = len(ordered)
        if not len(links.lower) == len(links.upper) == len(links.relations):
            return False
        if links.relations and (min(min(links.lower), min(links.upper)) < 0 or
                                max(max(links.lower), max(links.upper)) >= count or
                                max(links.relations) >= len(TARGET_RELATIONS)):
            return False
        for lower, upper, code in zip(links.lower, links.upper, links.relations):
            self._link(ordered[lower], ordered[upper], TARGET_RELATIONS[code])
        return True

    @property
    def graph(self) -> "nx.MultiDiGraph":
        """The networkx graph of everything (built on first use: rules read the indexes, export and
        pictures read this)."""
        if self._graph is None:
            self._graph = self._networkx()
        return self._graph

    def _networkx(self) -> "nx.MultiDiGraph":
        import networkx as nx

        g = nx.MultiDiGraph()
        for code in self.regions.codes():
            region = self.regions[code]
            g.add_node(node_id(code), kind="region", label=region.name, level=region.level)
        for code in self.regions.codes():
            region = self.regions[code]
            if region.parent and region.parent in self.regions:
                g.add_edge(node_id(code), node_id(region.parent), relation="within")
            for member in region.members:
                g.add_edge(node_id(member), node_id(code), relation="member_of")
            for other in region.neighbours:
                if code < other:
                    g.add_edge(node_id(code), node_id(other), relation="neighbour")
        for plan in self.corpus.plans.values():
            g.add_node(node_id(plan), kind="plan", label=plan.title, level=plan.level, region=plan.region)
            g.add_edge(node_id(plan), node_id(plan.region), relation="plan_for")
            for item in (*plan.targets, *plan.roles, *plan.projects):
                kind = type(item).__name__.lower()
                g.add_node(node_id(item), kind=kind, plan=plan.id, label=_label(item))
                g.add_edge(node_id(plan), node_id(item), relation="states")
            for upper in self.upper_plans(plan):
                g.add_edge(node_id(plan), node_id(upper), relation="upper_plan")
        for lower, upper, relation in self._links:
            g.add_edge(node_id(lower), node_id(upper), relation=relation)
        return g

    def _link(self, lower: Target, upper: Target, relation: str) -> None:
        self._links.append((lower, upper, relation))
        self._out[(lower.key, relation)].append(upper)
        self._in[(upper.key, relation)].append(lower)

    def _index_statements(self) -> None:
        """(plan, indicator, scope) -> one target per distinct set of years, the first stated.

        Linking to one representative per year keeps the graph linear even when a plan repeats an
        indicator thousands of times; the repetitions themselves are internal-duplicate-statement's job.
        """
        for plan in self.corpus.plans.values():
            first: dict[tuple[str, str], dict[tuple[frozenset[int], bool], Target]] = defaultdict(dict)
            for target in plan.targets:
                if target.share_of is None:
                    kind = (frozenset(years(target)), target.cumulative)
                    first[(target.indicator, target.scope)].setdefault(kind, target)
            self._stated[plan.id] = {where: list(kinds.values()) for where, kinds in first.items()}

    def _link_targets(self, plan: Plan) -> None:
        """Link each target of a plan to the comparable targets above and beside it. Runs once per plan
        over a whole country, so each upper and neighbouring plan's statements are looked up as one
        dictionary per plan, not per target."""
        nothing: list[Target] = []
        uppers = [(upper.region, self._stated.get(upper.id, {})) for upper in self.upper_plans(plan)]
        beside = [(neighbour, self._stated.get(other.id, {})) for neighbour in self.regions.neighbours(plan.region)
                  for other in self.plans_by_region.get(neighbour, ())]
        for target in plan.targets:
            indicator, scope = target.indicator, target.scope
            if target.share_of is not None:
                for whole_plan in self.plans_stating(indicator, target.share_of):
                    for other in self._stated.get(whole_plan, {}).get((indicator, target.share_of), nothing):
                        if comparable(target, other, projectable=False):
                            self._link(target, other, "shares")
                continue
            for region, stated in uppers:
                if scope != region:
                    for other in stated.get((indicator, scope), nothing):
                        if comparable(target, other):
                            self._link(target, other, "assigned")
            if scope != plan.region:
                continue
            for region, stated in uppers:
                for other in stated.get((indicator, region), nothing):
                    if comparable(target, other):
                        self._link(target, other, "refines")
            for neighbour, stated in beside:
                for other in stated.get((indicator, neighbour), nothing):
                    if target.key < other.key and comparable(target, other):
                        self._link(target, other, "peer")
        self._link_parts(plan)

    def plans_stating(self, indicator: str, scope: str) -> list[str]:
        """Ids of the plans that state a value (not a share) of an indicator for a region."""
        return sorted({t.plan for t in self.by_indicator_scope.get((indicator, scope), ()) if t.share_of is None})

    def _link_parts(self, plan: Plan) -> None:
        first: dict[tuple[str, str, Optional[int], bool], Target] = {}
        for target in plan.targets:
            if target.share_of is None:
                first.setdefault((target.indicator, target.scope, _year(target), target.cumulative), target)
        for (indicator_id, scope, year, cumulative), whole in sorted(first.items(), key=lambda kv: str(kv[0])):
            indicator = self.indicators.get(indicator_id)
            if indicator is None or not indicator.parts:
                continue
            for part_id in indicator.parts:
                part = first.get((part_id, scope, year, cumulative))
                if part is not None:
                    self._link(part, whole, "part_of")

    # ------------------------------------------------------------------ queries
    def upper_regions(self, code: str) -> list[str]:
        """Regions whose plans are above a region's plan: its city, its province, its city clusters."""
        ups = list(self.regions.ancestors(code))
        ups += [c for c in self.regions.clusters_of(code) if c not in ups]
        return ups

    def upper_plans(self, plan: Plan) -> list[Plan]:
        cached = self._upper_plans.get(plan.id)
        if cached is None:
            cached = [p for region in self.upper_regions(plan.region) for p in self.plans_by_region.get(region, ())
                      if p.id != plan.id]
            self._upper_plans[plan.id] = cached
        return cached

    def linked(self, target: Target, relation: str) -> list[Target]:
        """Targets this one points to along a relation (e.g. the upper targets it is assigned by)."""
        return self._out.get((target.key, relation), [])

    def linked_from(self, target: Target, relation: str) -> list[Target]:
        """Targets that point to this one along a relation."""
        return self._in.get((target.key, relation), [])

    def pairs(self, relation: str, plans: Optional[Iterable[Plan]] = None) -> Iterator[tuple[Target, Target]]:
        """Every (lower, upper) pair of a relation, in a stable order; with `plans`, the pairs whose
        lower side is in those plans or whose upper side is in them."""
        if plans is None:
            for plan in self.corpus.plans.values():
                for target in plan.targets:
                    for other in self._out.get((target.key, relation), ()):
                        yield target, other
            return
        seen: set[tuple[str, str]] = set()
        found = []
        for plan in plans:
            for target in plan.targets:
                for other in self._out.get((target.key, relation), ()):
                    found.append((target, other))
                for other in self._in.get((target.key, relation), ()):
                    found.append((other, target))
        for lower, upper in sorted(found, key=lambda pair: (pair[0].key, pair[1].key)):
            if (lower.key, upper.key) not in seen:
                seen.add((lower.key, upper.key))
                yield lower, upper

    def targets_for(self, indicator: str, scope: str) -> list[Target]:
        return self.by_indicator_scope.get((indicator, scope), [])

    def export(self) -> "nx.MultiDiGraph":
        """A copy with plain string attributes, for JSON, DOT and GraphML."""
        import networkx as nx

        out = nx.MultiDiGraph()
        for node in sorted(self.graph.nodes):
            out.add_node(node, **{k: str(v) for k, v in sorted(self.graph.nodes[node].items())})
        edges = sorted(self.graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))
        for u, v, data in edges:
            out.add_edge(u, v, **{k: str(val) for k, val in data.items()})
        return out


def _label(item: Subject) -> str:
    if isinstance(item, Target):
        return item.label or item.indicator
    if isinstance(item, Role):
        return item.text
    return item.name


def years(target: Target) -> set[int]:
    """The years a target speaks of (its target year and its vision year)."""
    return {q.year for q in (target.target, target.vision) if q is not None and q.year is not None}


def _year_pair(target: Target) -> tuple[Optional[int], Optional[int]]:
    stated, vision = target.target, target.vision
    return (stated.year if stated is not None else None), (vision.year if vision is not None else None)


def comparable(a: Target, b: Target, projectable: bool = True) -> bool:
    """Whether two targets can be held against each other: both levels or both period totals, and a
    common year, or (when projectable) a growth rate to carry one to the other's year. Linking only
    these keeps the graph to the relations a rule can use.

    Called for every candidate pair of a national corpus, so it compares the (at most two) years
    directly instead of building the sets `years` returns."""
    if a.cumulative != b.cumulative:
        return False
    a1, a2 = _year_pair(a)
    b1, b2 = _year_pair(b)
    if (a1 is None and a2 is None) or (b1 is None and b2 is None):
        return False  # a growth rate alone, or an undated number, is never compared
    if (a1 is not None and a1 in (b1, b2)) or (a2 is not None and a2 in (b1, b2)):
        return True
    return projectable and (a.growth is not None or b.growth is not None)


def _year(target: Target) -> Optional[int]:
    return target.target.year if target.target is not None else None
