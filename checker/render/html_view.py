"""The data each page shows, as plain objects for the templates: the index (corpus at a glance, matrix,
every finding) and one page per plan (relations, graph, findings by family, targets).

Templates only lay things out; all lookups and sorting happen here, so pages come out in the same order
every time and the templates stay readable. A target's link chips are not markup here but references
(see html_shared.py): report.js draws them from the linked plans' data files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from ..evidence import plan_title, target_name
from ..findings import CATEGORIES, FAMILIES, SEVERITIES, Finding, reading_key
from ..model import Plan, Target
from ..quantities import describe
from .html_english import indicator_name, table_name
from .html_findings import FindingView, FindingViews
from .focus import checked, focus_text
from .html_links import SLOTS, Links, suppressed
from .html_names import finding_anchor, page_name, safe_slug, target_anchor
from .html_shared import ARROWS, PEER_CODE, RELATION_CODES, PageRefs, page_data, relation_words
from .html_text import ui
from .sources import Document, Documents

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

UP = ("assigned", "refines", "shares", "part_of")
PLAN_FILTER_LIMIT = 300  # plans up to which the index offers a plan filter
SPLIT_FROM = 100  # plans from which the index is a summary with one index page per province and city cluster
SUMMARY_ERRORS = 500  # errors listed on the summary itself; every one is on its province's page


@dataclass
class TargetRow:
    anchor: str
    label: str
    indicator: str
    scope: Optional[str]
    values: list[tuple[str, str]]
    attribute: str
    source: str
    source_href: str  # the line in the source view, '' when the document is not in the report
    quote: str
    links: str  # data-links: the chips as tokens, up, then across, then down (html_shared.PageRefs.token)
    link_counts: str  # '↑2 ↔5 ↓1', shown until report.js draws the chips
    state: str
    findings: list[tuple[str, str]]  # (href, severity)


@dataclass
class PlanSummary:
    id: str
    title: str
    href: str
    level: str
    kind: str
    region: str
    period: str
    targets: int
    counts: dict[str, int] = field(default_factory=dict)
    checked: bool = True  # False: a narrowed run did not check this plan (its counts mean nothing)


def reading_order(findings: list[Finding]) -> list[Finding]:
    """Most serious first; within a severity, the worst of what a rule ranked first, then file, line and rule."""
    return sorted(findings, key=reading_key)


class Site:
    """Everything the templates need, computed once per report and language."""

    def __init__(self, report: Report, lang: str, documents: Optional[Documents] = None):
        self.report = report
        self.lang = "en" if lang == "en" else "zh"
        self.t = ui(self.lang)
        self.documents = documents if documents is not None else Documents(None, ())
        self.links = Links(report, self.lang)
        self.views = FindingViews(report, self.lang, self.documents)
        self.graph = report.graph
        self.plans: dict[str, Plan] = report.corpus.plans
        self._views: dict[str, FindingView] = {}
        self._relation_words = relation_words(self.t)

    def view(self, finding: Finding) -> FindingView:
        cached = self._views.get(finding.fingerprint)
        if cached is None:
            cached = self._views[finding.fingerprint] = self.views.view(finding)
        return cached

    # ------------------------------------------------------------------ shared pieces
    def counts(self, findings: list[Finding]) -> dict[str, int]:
        out = Counter(f.severity for f in findings if not suppressed(f))
        result = {s: out.get(s, 0) for s in SEVERITIES}
        result["waived"] = sum(1 for f in findings if f.waived is not None)
        result["baselined"] = sum(1 for f in findings if f.waived is None and suppressed(f))
        return result

    def title(self, plan: Plan) -> str:
        """The plan's title in the page's language (checker/evidence.plan_title)."""
        return plan_title(plan, self.graph.regions, self.lang)

    def plan_summary(self, plan: Plan) -> PlanSummary:
        t = self.t
        period = t["period_text"].format(base=plan.period.base_year, end=plan.period.end)
        if plan.period.vision:
            period += t["vision_text"].format(vision=plan.period.vision)
        own = self.links.by_plan.get(plan.id, [])
        return PlanSummary(plan.id, self.title(plan), page_name(plan.id), t.get(f"level_{plan.level}", plan.level),
                           t.get(f"kind_{plan.kind}", plan.kind), self._region(plan.region), period,
                           len(plan.targets), self.counts(own), checked(self.report, plan.id))

    def _region(self, code: str) -> str:
        return f"{self.graph.regions.name(code)}（{code}）" if self.lang == "zh" else \
            f"{self.graph.regions.name(code)} ({code})"

    def filter_options(self, findings: list[Finding], with_plans: bool,
                       plans: Optional[dict[str, Plan]] = None) -> dict[str, Any]:
        plans = self.plans if plans is None else plans
        present = Counter(f.severity for f in findings)
        categories = Counter(f.category for f in findings)
        return {"severities": [(s, present.get(s, 0)) for s in SEVERITIES],
                "categories": [(c, categories.get(c, 0)) for c in CATEGORIES if categories.get(c)],
                # a list of thousands of plans helps nobody: the search box finds a plan by name there
                "plans": [(p.id, self.views.short_name(p.id)) for p in plans.values()]
                if with_plans and len(plans) <= PLAN_FILTER_LIMIT else [],
                "total": len(findings)}

    # ------------------------------------------------------------------ index
    def index(self, plans: Optional[dict[str, Plan]] = None, part: Optional[dict[str, str]] = None) -> dict[str, Any]:
        """The index of every plan, or (`plans`, `part`) of one province or city cluster of a large corpus."""
        plans = self.plans if plans is None else plans
        findings = self.report.findings if part is None else [f for f in self.report.findings if f.plan in plans]
        active = [f for f in findings if not suppressed(f)]
        by_category = Counter(f.category for f in active)
        counties = [p for p in plans.values() if p.level == "county"]
        rows = [(self.plan_summary(p), self.links.relations(p, lower=False)) for p in counties]
        slots = [s for s in SLOTS if any(s in cells for _, cells in rows)]
        ordered = sorted(findings, key=lambda f: reading_key(f, by_plan=True))
        regions = sorted({p.region for p in plans.values()})
        return {
            "t": self.t, "lang": self.lang, "page": "index", "focus": focus_text(self.report, self.lang),
            "part": part,
            "stats": {"plans": len(plans),
                      "targets": self.report.corpus.target_count if part is None else
                      sum(len(p.targets) for p in plans.values()),
                      "regions": len(regions), "findings": len(findings)},
            "counts": self.counts(findings),
            "categories": [(c, by_category.get(c, 0)) for c in CATEGORIES],
            "plans": [self.plan_summary(p) for p in plans.values()],
            "regions": [(code, self.graph.regions.name(code),
                         self.t.get(f"level_{self.graph.regions[code].level}", self.graph.regions[code].level),
                         [(p.id, self.title(p), page_name(p.id)) for p in self.graph.plans_by_region.get(code, ())])
                        for code in regions],
            "matrix": {"slots": slots, "rows": rows},
            "sources": self.sources_summary(),
            "since_baseline": self.since_baseline(ordered) if part is None else None,
            "findings": [self.view(f) for f in ordered],
            "filter_options": self.filter_options(findings, with_plans=True, plans=plans),
        }

    # ------------------------------------------------------------------ a large corpus: summary and parts
    def parts(self) -> list[dict[str, Any]]:
        """A large corpus's index pages: one per province and one per city cluster, each with its plans
        (a plan of a cluster is on its page and on its province's); none for a corpus small enough for one."""
        if len(self.plans) < SPLIT_FROM:
            return []
        regions = self.graph.regions
        provinces: dict[str, dict[str, Plan]] = {}
        clusters: dict[str, dict[str, Plan]] = {}
        for plan in self.plans.values():
            provinces.setdefault(self._province(plan.region), {})[plan.id] = plan
            region = regions.get(plan.region)
            for cluster in ([plan.region] if region is not None and region.level == "city_cluster"
                            else regions.clusters_of(plan.region)):
                clusters.setdefault(cluster, {})[plan.id] = plan
        out = []
        for kind, groups in (("province", provinces), ("cluster", clusters)):
            for code in sorted(groups):
                name = regions.name(code) if code else self.t["no_province"]
                out.append({"kind": kind, "code": code, "name": name,
                            "page": f"index-{kind}-{safe_slug(code or 'none')}.html", "plans": groups[code]})
        return out

    def _province(self, code: str) -> str:
        """The province a region lies in ('' when the registry does not say); a group's, through its members."""
        regions = self.graph.regions
        chain = [code, *regions.ancestors(code)]
        region = regions.get(code)
        if region is not None and region.is_group:
            chain += [a for county in sorted(regions.counties_in(code))[:1] for a in regions.ancestors(county)]
        return next((c for c in chain if c in regions and regions[c].level == "province"), "")

    def summary(self, parts: list[dict[str, Any]]) -> dict[str, Any]:
        """The national summary of a large corpus: counts, every error, and a line per province and cluster."""
        page = self.index(plans={})  # the shared pieces (counts are redone below)
        findings = self.report.findings
        ordered = sorted(findings, key=lambda f: reading_key(f, by_plan=True))
        errors = [f for f in ordered if f.severity == "error" and not suppressed(f)]
        by_plan: dict[str, list[Finding]] = {}
        for f in findings:
            by_plan.setdefault(f.plan, []).append(f)
        rows = []
        for part in parts:
            mine = [f for plan_id in part["plans"] for f in by_plan.get(plan_id, ())]
            rows.append({**part, "counts": self.counts(mine), "plans_n": len(part["plans"])})
        active = [f for f in findings if not suppressed(f)]
        by_category = Counter(f.category for f in active)
        regions = {p.region for p in self.plans.values()}
        page.update({
            "page": "summary",
            "stats": {"plans": len(self.plans), "targets": self.report.corpus.target_count,
                      "regions": len(regions), "findings": len(findings)},
            "counts": self.counts(findings), "categories": [(c, by_category.get(c, 0)) for c in CATEGORIES],
            "errors": [self.view(f) for f in errors[:SUMMARY_ERRORS]], "errors_total": len(errors),
            "parts": rows, "since_baseline": self.since_baseline(ordered),
        })
        return page

    # ------------------------------------------------------------------ one plan
    def plan_page(self, plan: Plan) -> dict[str, Any]:
        own = self.links.by_plan.get(plan.id, [])
        families = []
        for family in FAMILIES:
            members = [f for f in reading_order(own) if f.family == family]
            if members:
                key = "family_coverage" if family == "coverage" else family
                families.append({"id": family, "title": self.t[key], "note": self.t[f"{family}_note"],
                                 "findings": [self.view(f) for f in members]})
        foreign = self.links.foreign.get(plan.id, [])
        refs = PageRefs(plan, self.links.order)
        targets = [self.target_row(x, refs) for x in plan.targets]
        picture, hidden = self.links.graph_layout(plan, refs)
        return {
            "t": self.t, "lang": self.lang, "page": "plan", "focus": focus_text(self.report, self.lang),
            "plan": plan, "summary": self.plan_summary(plan), "issuer": plan.issuer or "",
            "relations": self.links.relations(plan),
            "graph": picture is not None, "graph_hidden": hidden,
            "page_data": page_data(refs, self._relation_words, {s: self.t[s] for s in sorted({r.state for r in targets})},
                                   picture), "data_scripts": refs.scripts(),
            "families": families, "foreign": [self.view(f) for f in reading_order(foreign)],
            "targets": targets,
            "roles": plan.roles, "projects": plan.projects,
            "region_name": self.graph.regions.name,
            "filter_options": self.filter_options(own, with_plans=False),
            "document_href": self.documents.href(plan.document, None),
            "source_href": self.documents.href,
        }

    # ------------------------------------------------------------------ since the baseline
    def since_baseline(self, ordered: list[Finding]) -> Optional[dict[str, Any]]:
        """With --baseline: the findings the baseline does not know (new) and its entries no longer found
        (fixed); None without a baseline."""
        if getattr(self.report, "baseline", None) is None:
            return None
        new = [self.view(f) for f in ordered if f.waived is None and not suppressed(f)]
        fixed = []
        for entry in getattr(self.report, "baseline_fixed", []):
            plan = self.plans.get(entry.get("plan", ""))
            target = self.graph.targets.get(f"{entry.get('plan')}/{entry.get('target')}") if entry.get("target") else None
            fixed.append({"rule": entry.get("rule", ""), "plan": self.title(plan) if plan else entry.get("plan", ""),
                          "plan_href": page_name(plan.id) if plan else "",
                          "target": self.views.target_label(target) if target is not None else entry.get("target", ""),
                          "target_href": f"{page_name(plan.id)}#{target_anchor(target.id)}" if target is not None and plan else ""})
        return {"new": new, "fixed": fixed}

    # ------------------------------------------------------------------ source documents
    def sources_summary(self) -> dict[str, Any]:
        """The documents in the report (with the plans citing them) and those that could not be shown."""
        t = self.t
        found = [(d.name, d.page, len(d.lines), [(self.title(self.plans[p]), page_name(p)) for p in d.plans])
                 for d in self.documents.found.values()]
        missing = [(m.name, t[m.reason]) for m in self.documents.missing.values()]
        return {"found": found, "missing": missing,
                "folder": str(self.documents.folder) if self.documents.folder is not None else ""}

    def source_page(self, document: Document) -> dict[str, Any]:
        """A source document as a page: its lines, and the plans that cite it."""
        cited: dict[int, str] = {}  # line -> the first entry quoting it, on its plan's page
        for plan_id in document.plans:
            plan = self.plans[plan_id]
            entries = [(x, target_anchor(x.id)) for x in plan.targets] + \
                [(x, f"r-{x.id}") for x in plan.roles] + [(x, f"p-{x.id}") for x in plan.projects]
            for item, anchor in entries:
                if item.source.document == document.name and item.source.line:
                    cited.setdefault(item.source.line, f"{page_name(plan_id)}#{anchor}")
        return {"t": self.t, "lang": self.lang, "page": "source", "document": document,
                "plans": [(self.title(self.plans[p]), page_name(p)) for p in document.plans],
                "cited": cited}

    def target_row(self, target: Target, refs: PageRefs) -> TargetRow:
        t, lang = self.t, self.lang
        values = []
        for key, q, unit in (("base", target.base, target.unit), ("target", target.target, target.unit),
                             ("growth", target.growth, "%"), ("vision", target.vision, target.unit)):
            if q is not None:
                values.append((t[key], describe(q, unit, lang)))
        flags = [t.get(target.attribute, target.attribute)] if target.attribute else []
        if target.cumulative:
            flags.append(t["cumulative"])
        if target.share_of:
            flags.append(t["share_of"].format(region=self.graph.regions.name(target.share_of)))
        source = target.source
        place = [p for p in (table_name(source.table, lang), t["source_row"].format(row=source.row) if source.row is not None else "",
                             t["source_line"].format(line=source.line) if source.line else "") if p]
        tokens, counts = self.link_tokens(target, refs)
        findings = [(f"#{finding_anchor(f)}" if f.plan == target.plan else self.view(f).href, f.severity)
                    for f in self.links.by_target.get(target.key, ())]
        owner = self.plans[target.plan]
        indicators = self.graph.indicators
        # the second line: the indicator's name (Chinese pages), the plan's own label as written (English)
        second = target.label if lang == "en" and target.label else indicator_name(indicators, target.indicator, lang)
        return TargetRow(target_anchor(target.id), target_name(target, indicators, lang),
                         f"{second} · {target.indicator}",
                         self.graph.regions.name(target.scope) if target.scope != owner.region else None,
                         values, "，".join(flags) if lang == "zh" else ", ".join(flags),
                         " · ".join(place), self.documents.href(source.document, source.line),
                         source.quote or "", " ".join(tokens), counts,
                         self.links.target_state(target), findings)

    def link_tokens(self, target: Target, refs: PageRefs) -> tuple[list[str], str]:
        """The target's link chips as data-links tokens (up, then across, then down; report.js draws them
        from the linked plans' data files), and their count by direction for a page read without scripts."""
        graph, state, row = self.graph, self.links.edge_state, safe_slug(target.id)
        up = [refs.token(RELATION_CODES[rel], other, state(target, other), row)
              for rel in UP for other in graph.linked(target, rel)]
        across = [refs.token(PEER_CODE, other, state(target, other), row)
                  for other in graph.linked(target, "peer") + graph.linked_from(target, "peer")]
        down = [refs.token(RELATION_CODES[rel].upper(), other, state(target, other), row)
                for rel in UP for other in graph.linked_from(target, rel)]
        counts = " ".join(f"{ARROWS[direction]}{len(tokens)}"
                          for direction, tokens in (("up", up), ("across", across), ("down", down)) if tokens)
        return up + across + down, counts

    def plan_records(self, plan: Plan) -> list[list]:
        """What a chip or a graph box of each of the plan's targets shows, for its data file, in the plan's
        order: [anchor slug, chip label, value, state] and the box's label where it differs from the chip's."""
        records = []
        for target in plan.targets:
            label = self.views.target_label(target)
            value = describe(target.target, target.unit, self.lang) if target.target is not None else ""
            box = self.links.node_label(target)
            records.append([safe_slug(target.id), label, value, self.links.target_state(target)] +
                           ([box] if box != label else []))
        return records
