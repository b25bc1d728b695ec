"""How plans and targets stand towards each other, for the matrix, the relations row and the graph picture.

The engine reports findings; the report also has to say where nothing was found, and whether that is
because the plans agree (linked targets, no finding) or because nothing could be compared (no link, or no
plan at all). This module answers those questions from the graph and the findings, without running or
re-deciding any rule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ..evidence import plan_title, target_name
from ..findings import Finding
from ..model import Plan, Target
from ..reach import involved_plans
from . import svg
from .html_names import finding_anchor, page_name
from .html_shared import PageRefs
from .focus import checked
from .html_text import ui

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

# Worst first: the state a cell or node shows when several findings touch it. "unchecked": a narrowed run
# (--plan, --changed, --since) did not look at it, which must never read as "consistent".
STATE_ORDER = ("conflict", "gap", "inconsistency", "consistent", "unchecked", "unlinked")
CATEGORY_STATE = {"conflict": "conflict", "gap": "gap", "inconsistency": "inconsistency", "coverage": "missing"}
UP_RELATIONS = ("assigned", "refines", "shares")
SLOTS = ("municipal", "city_cluster", "province", "group", "neighbour", "lower")
GRAPH_LIMIT = 40  # centre nodes drawn; the rest are in the target table
SIDE_LIMIT = 40  # nodes drawn in each side column, the most troubled first


def suppressed(finding: Finding) -> bool:
    """Waived or already in the baseline: shown in the report, but not counted and not colouring states."""
    return finding.waived is not None or bool(getattr(finding, "baselined", False))


def worst(states) -> str:
    present = [s for s in states if s in STATE_ORDER]
    return min(present, key=STATE_ORDER.index) if present else "unlinked"


@dataclass
class Cell:
    slot: str
    region: str
    label: str
    state: str
    href: Optional[str]
    note: str
    tooltip: str
    plan: Optional[str] = None


@dataclass
class Links:
    """Indexes over a report: findings by plan pair and by target, links counted by plan pair."""

    report: Report
    lang: str
    pair_findings: dict[tuple[str, str], list[Finding]] = field(default_factory=lambda: defaultdict(list))
    link_counts: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    by_target: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))
    coverage: dict[str, dict[str, Finding]] = field(default_factory=lambda: defaultdict(dict))  # plan, region
    by_plan: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))  # a plan's own
    foreign: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))  # others' about it
    lower_plans: dict[str, list[Plan]] = field(default_factory=lambda: defaultdict(list))
    linked: set[str] = field(default_factory=set)  # keys of targets with any up, down or peer link
    _states: dict[str, str] = field(default_factory=dict)
    _order: dict[str, dict[str, int]] = field(default_factory=dict)  # plan id -> target key -> position
    _node_labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """One pass over findings, links and plans, so that each page is drawn from indexes: a page must
        not scan the whole report, or a national report costs plans x findings."""
        graph = self.report.graph
        for finding in self.report.findings:
            others = sorted(involved_plans(finding) - {finding.plan})
            self.by_plan[finding.plan].append(finding)
            for other in others:
                self.foreign[other].append(finding)
            if finding.ref.kind == "target":
                self.by_target[finding.ref.key].append(finding)
            for related in finding.related:
                if related.ref.kind == "target":
                    self.by_target[related.ref.key].append(finding)
            if finding.family == "coverage" and isinstance(finding.evidence.get("missing"), str):
                self.coverage[finding.plan].setdefault(finding.evidence["missing"], finding)
            if finding.family in ("vertical", "horizontal") and not suppressed(finding):
                for other in others:
                    self.pair_findings[(finding.plan, other)].append(finding)
                    self.pair_findings[(other, finding.plan)].append(finding)
        for relation in (*UP_RELATIONS, "peer"):
            for lower, upper in graph.pairs(relation):
                self.linked.add(lower.key)
                self.linked.add(upper.key)
                if lower.plan != upper.plan:
                    self.link_counts[(lower.plan, upper.plan)] += 1
                    self.link_counts[(upper.plan, lower.plan)] += 1
        for plan in self.report.corpus.plans.values():
            for upper in graph.upper_plans(plan):
                self.lower_plans[upper.id].append(plan)

    # ------------------------------------------------------------------ states
    def target_state(self, target: Target) -> str:
        state = self._states.get(target.key)
        if state is None:
            findings = [f for f in self.by_target.get(target.key, ()) if not suppressed(f)]
            if findings:
                state = worst(CATEGORY_STATE[f.category] for f in findings)
            elif not checked(self.report, target.plan):
                state = "unchecked"
            else:
                state = "consistent" if self.is_linked(target) else "unlinked"
            self._states[target.key] = state
        return state

    def is_linked(self, target: Target) -> bool:
        return target.key in self.linked

    def pair_state(self, plan: str, other: str) -> tuple[str, list[Finding]]:
        findings = self.pair_findings.get((plan, other), [])
        if findings:
            return worst(CATEGORY_STATE[f.category] for f in findings), findings
        if not (checked(self.report, plan) or checked(self.report, other)):
            return "unchecked", []
        return ("consistent" if self.link_counts.get((plan, other)) else "unlinked"), []

    # ------------------------------------------------------------------ relations of one plan
    def slot_of(self, region: str) -> str:
        level = self.report.graph.regions[region].level
        return level if level in ("municipal", "city_cluster", "province") else "group"

    def relations(self, plan: Plan, lower: bool = True) -> dict[str, list[Cell]]:
        """Cells by slot: the plans above this one, its neighbours' plans, and (optionally) plans below."""
        graph = self.report.graph
        out: dict[str, list[Cell]] = defaultdict(list)
        for region in graph.upper_regions(plan.region):
            slot = self.slot_of(region)
            out[slot] += self._region_cells(plan, region, slot)
        for region in graph.regions.neighbours(plan.region):
            out["neighbour"] += self._region_cells(plan, region, "neighbour")
        if lower:
            for other in self.lower_plans.get(plan.id, ()):
                out["lower"].append(self._plan_cell(plan, other, "lower"))
        return {slot: out[slot] for slot in SLOTS if out.get(slot)}

    def _region_cells(self, plan: Plan, region: str, slot: str) -> list[Cell]:
        t = ui(self.lang)
        graph = self.report.graph
        name = graph.regions.name(region)
        others = sorted(graph.plans_by_region.get(region, ()), key=lambda p: p.id)
        cells = [self._plan_cell(plan, other, slot) for other in others if other.id != plan.id]
        missing = self.coverage.get(plan.id, {}).get(region)
        if missing is not None or not others:
            label = t["master_missing_for"].format(region=name) if others else t["plan_missing_for"].format(region=name)
            href = f"{page_name(plan.id)}#{finding_anchor(missing)}" if missing is not None else None
            cells.append(Cell(slot, region, label, "missing", href, t["missing"],
                              missing.text(self.lang) if missing is not None else label))
        return cells

    def _plan_cell(self, plan: Plan, other: Plan, slot: str) -> Cell:
        t = ui(self.lang)
        state, findings = self.pair_state(plan.id, other.id)
        if findings:
            first = findings[0]
            href = f"{page_name(first.plan)}#{finding_anchor(first)}"
            note = t["open_findings"].format(n=len(findings))
        else:
            href = page_name(other.id)
            note = t["checked_links"].format(n=self.link_counts.get((plan.id, other.id), 0))
        region = self.report.graph.regions.name(other.region)
        return Cell(slot, other.region, region, state, href, f"{t[state]} · {note}",
                    f"{self.title(other)} ({other.id})", other.id)

    # ------------------------------------------------------------------ the picture
    def graph_layout(self, plan: Plan, refs: PageRefs) -> tuple[Optional[dict], int]:
        """The plan's dependency graph (laid out; report.js draws it), and how many linked targets did not
        fit in it. Target boxes are references (`refs`) to their plans' data files."""
        t = ui(self.lang)
        graph = self.report.graph
        centre_targets = [x for x in plan.targets if self.by_target.get(x.key) or self.is_linked(x)]
        hidden = max(0, len(centre_targets) - GRAPH_LIMIT)
        if hidden:
            keep = sorted(centre_targets, key=lambda x: STATE_ORDER.index(self.target_state(x)))[:GRAPH_LIMIT]
            kept = {x.key for x in keep}
            centre_targets = [x for x in centre_targets if x.key in kept]
        left: dict[str, list[Target]] = defaultdict(list)
        right: dict[str, list[Target]] = defaultdict(list)
        edges: list[svg.Edge] = []
        for target in centre_targets:
            for relation in UP_RELATIONS:
                for other in graph.linked(target, relation):
                    if other.plan != plan.id:
                        left[other.plan].append(other)
                        edges.append(svg.Edge(target.key, other.key, self.edge_state(target, other), relation))
                for other in graph.linked_from(target, relation):
                    if other.plan != plan.id:
                        right[other.plan].append(other)
                        edges.append(svg.Edge(other.key, target.key, self.edge_state(other, target), relation))
            for other in graph.linked(target, "peer") + graph.linked_from(target, "peer"):
                right[other.plan].append(other)
                edges.append(svg.Edge(other.key, target.key, self.edge_state(target, other), "peer"))
        dropped = self._trim(left) | self._trim(right)
        if dropped:
            edges = [e for e in edges if e.source not in dropped and e.target not in dropped]
        centre_nodes = [self._node(x, refs) for x in centre_targets]
        centre_nodes += self._gap_nodes(plan, left, edges)
        if not centre_nodes:
            return None, 0
        position = {node.key: i for i, node in enumerate(centre_nodes)}
        left_groups = self._groups(left, refs, edges, position)
        right_groups = self._groups(right, refs, edges, position)
        for region, finding in sorted(self.coverage.get(plan.id, {}).items()):
            name = graph.regions.name(region)
            label = t["master_missing_node"].format(region=name) if graph.plans_by_region.get(region) else \
                t["plan_missing_for"].format(region=name)
            node = svg.Node(f"missing:{region}", label, "missing", finding.text(self.lang),
                            f"#{finding_anchor(finding)}", dashed=True)
            side = right_groups if region in graph.regions.neighbours(plan.region) else left_groups
            side.append(("", [node]))
        legend = [(s, t[s]) for s in ("conflict", "gap", "inconsistency", "consistent", "unlinked", "missing")]
        if self.report.selected is not None:
            legend.append(("unchecked", t["unchecked"]))
        picture = svg.dependency_graph(
            svg.Column(t["graph_upper"], left_groups), svg.Column(t["graph_this"], [("", centre_nodes)]),
            svg.Column(t["graph_right"], right_groups), edges, f"{t['graph']}: {self.title(plan)}", legend)
        return picture, hidden

    def _trim(self, side: dict[str, list[Target]]) -> set[str]:
        """Keep at most SIDE_LIMIT targets in a side column (conflicts and gaps first); the keys dropped.

        A national corpus links a county's targets to hundreds of neighbours' and uppers' targets; the
        picture shows the ones that matter and the target table lists every link."""
        unique = {x.key: x for targets in side.values() for x in targets}
        if len(unique) <= SIDE_LIMIT:
            return set()
        ranked = sorted(unique.values(), key=lambda x: (STATE_ORDER.index(self.target_state(x)), x.key))
        keep = {x.key for x in ranked[:SIDE_LIMIT]}
        for plan_id in list(side):
            side[plan_id] = [x for x in side[plan_id] if x.key in keep]
            if not side[plan_id]:
                del side[plan_id]
        return set(unique) - keep

    def _gap_nodes(self, plan: Plan, left: dict[str, list[Target]], edges: list[svg.Edge]) -> list[svg.Node]:
        """A dashed placeholder for each upper target this plan does not answer (an assignment gap)."""
        t = ui(self.lang)
        graph = self.report.graph
        nodes = []
        for finding in self.by_plan.get(plan.id, ()):
            if finding.category != "gap" or finding.target is not None:
                continue
            for related in finding.related:
                upper = graph.targets.get(related.ref.key) if related.ref.kind == "target" else None
                if upper is None:
                    continue
                left[upper.plan].append(upper)
                key = f"gap:{finding.fingerprint}:{upper.key}"
                label = t["absent_short"].format(label=upper.label or graph.indicators.name(upper.indicator))
                nodes.append(svg.Node(key, label, "gap", finding.text(self.lang), f"#{finding_anchor(finding)}",
                                      dashed=True))
                edges.append(svg.Edge(key, upper.key, "gap", "gap"))
        return nodes

    def edge_state(self, a: Target, b: Target) -> str:
        quiet = "consistent" if checked(self.report, a.plan) or checked(self.report, b.plan) else "unchecked"
        if a.key not in self.by_target or b.key not in self.by_target:
            return quiet
        other = {f.fingerprint for f in self.by_target[b.key]}
        shared = [f for f in self.by_target.get(a.key, ()) if not suppressed(f) and f.fingerprint in other]
        return worst(CATEGORY_STATE[f.category] for f in shared) if shared else quiet

    def _groups(self, by_plan: dict[str, list[Target]], refs: PageRefs, edges: list[svg.Edge],
                position: dict[str, int]) -> list[tuple[str, list[svg.Node]]]:
        """Side nodes grouped by plan, each group ordered by where its partners sit in the centre column,
        so that edges run roughly level and cross as little as a simple layout allows."""
        partners: dict[str, list[int]] = defaultdict(list)
        for edge in edges:
            for mine, theirs in ((edge.source, edge.target), (edge.target, edge.source)):
                if mine in position:
                    partners[theirs].append(position[mine])
        groups = []
        for plan_id in sorted(by_plan):
            unique = {x.key: x for x in by_plan[plan_id]}
            order = self.order(plan_id)
            ranked = sorted(unique.values(), key=lambda x: (sum(partners[x.key]) / max(len(partners[x.key]), 1),
                                                            order.get(x.key, 0)))
            nodes = []
            for target in ranked:
                node = self._node(target, refs)
                if partners[target.key]:
                    node.rank = min(partners[target.key])
                nodes.append(node)
            groups.append((self.title(self.report.corpus.plans[plan_id]), nodes))
        return groups

    def order(self, plan_id: str) -> dict[str, int]:
        """Target key -> its position in its plan (what a page's references name a target by)."""
        found = self._order.get(plan_id)
        if found is None:
            found = self._order[plan_id] = {x.key: i for i, x in enumerate(self.report.corpus.plans[plan_id].targets)}
        return found

    def title(self, plan: Plan) -> str:
        return plan_title(plan, self.report.graph.regions, self.lang)

    def _node(self, target: Target, refs: PageRefs) -> svg.Node:
        """A target's box: what it shows is in its plan's data file (see `node_label`)."""
        return svg.Node(target.key, "", self.target_state(target), ref=refs.ref(target))

    def node_label(self, target: Target) -> str:
        """A target's label in pictures (its scope named when it is not its plan's region)."""
        made = self._node_labels.get(target.key)
        if made is None:
            graph = self.report.graph
            label = target_name(target, graph.indicators, self.lang)
            owner = self.report.corpus.plans[target.plan]
            if target.scope != owner.region:
                name = graph.regions.name(target.scope)
                label = f"{label}（{name}）" if name not in label else label
            made = self._node_labels[target.key] = label
        return made
