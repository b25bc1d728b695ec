"""One finding as a reader needs it: both values in words, both sources, the arithmetic, a picture, the
rule's explanation and what the drafter could change.

Everything here is looked up or reworded from the finding, what its rule says it shows (Shows: the
compared values, the arithmetic, a chart spec, advice) and the targets it names; no rule is re-run,
nothing is decided again and no rule is named. A finding whose rule shows nothing (a waiver's) gets
its evidence listed as it is and the general advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional, Union

from markupsafe import Markup

from ..evidence import Names, listed, plan_title
from ..findings import Finding, SubjectRef
from ..model import Plan, Project, Quantity, Role, Source, Target
from ..quantities import describe
from .advice import advice
from .html_charts import finding_chart
from .html_english import indicator_name, table_name
from .html_links import CATEGORY_STATE
from .html_names import finding_anchor, page_name, target_anchor
from .html_text import bilingual, ui
from .sources import Documents

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

Subject = Union[Target, Role, Project]  # what a finding or related entry can be about, below a plan


@dataclass
class SourceView:
    document: str
    place: list[str]  # table, row, line, page, as words
    quote: str
    yaml: str
    href: str = ""  # the cited line in the report's source view, '' when the document is not in it


@dataclass
class Side:
    role: str  # this plan / upper / neighbour / ...
    plan_title: str
    plan_href: str
    subject: str  # the target label, role text or project name
    subject_href: Optional[str]
    value: str  # the compared number in words, or "" for roles and projects
    details: list[tuple[str, str]] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)


@dataclass
class FindingView:
    anchor: str
    href: str  # from another page
    severity: str
    category: str
    family: str
    state: str
    rule: str
    plan: str
    plan_title: str
    plan_href: str
    plan_short: str
    title: str
    message: str
    location: str
    waived: Optional[str]
    baselined: bool
    sides: list[Side]
    arithmetic: list[str]
    chart: Optional[Markup]
    description: str
    explanation: str
    more: str
    advice: str


class FindingViews:
    """Builds FindingView objects for one report and language."""

    def __init__(self, report: Report, lang: str, documents: Optional[Documents] = None):
        self.report = report
        self.lang = lang
        self.documents = documents  # sources.Documents: where a cited line is shown, if anywhere
        self.t = ui(lang)
        self.rules = {r.id: r for r in report.rules}
        self.graph = report.graph
        self.plans: dict[str, Plan] = report.corpus.plans
        self.names = Names(self.graph.regions, self.plans, self.graph.indicators)

    # ------------------------------------------------------------------ lookups
    def relation_word(self, plan_id: str, other_id: str) -> str:
        t = self.t
        if plan_id == other_id:
            return t["same_plan"]
        plan, other = self.plans.get(plan_id), self.plans.get(other_id)
        if plan is None or other is None:
            return t["related_plan"]
        if other.id in {p.id for p in self.graph.upper_plans(plan)}:
            return t["upper"]
        if plan.id in {p.id for p in self.graph.upper_plans(other)}:
            return t["lower"]
        if other.region in self.graph.regions.neighbours(plan.region):
            return t["neighbour"]
        return t["related_plan"]

    def subject_of(self, ref: SubjectRef) -> Optional[Subject]:
        """The target, role or project a reference names (None for a plan, or an id not in the corpus)."""
        plan = self.plans.get(ref.plan)
        if plan is None or ref.kind == "plan":
            return None
        if ref.kind == "target":
            return self.graph.targets.get(ref.key)
        items = plan.roles if ref.kind == "role" else plan.projects
        return next((item for item in items if item.id == ref.id), None)

    def target_label(self, target: Target) -> str:
        return self.names.target(target, self.lang)

    def short_name(self, plan_id: str) -> str:
        """'钟山区 · 纲要': enough to tell plans apart in a table; the full title is a tooltip away."""
        plan = self.plans[plan_id]
        kind = self.t.get(f"kind_short_{plan.kind}", plan.kind)
        return f"{self.graph.regions.name(plan.region)} · {kind}"

    # ------------------------------------------------------------------ sides
    def source_view(self, source: Source, location) -> SourceView:
        t = self.t
        place = []
        if source.table:
            place.append(table_name(source.table, self.lang))
        if source.row is not None:
            place.append(t["source_row"].format(row=source.row))
        if source.page is not None:
            place.append(t["source_page"].format(page=source.page))
        if source.line:
            place.append(t["source_line"].format(line=source.line))
        href = self.documents.href(source.document, source.line) if self.documents is not None else ""
        return SourceView(source.document, place, source.quote or "",
                          t["yaml_at"].format(file=location.file, line=location.line), href)

    def side(self, page_plan: str, subject: Optional[Subject], plan_id: str, compared: Optional[Quantity],
             role_word: str) -> Side:
        """One side of a finding: its plan, subject, sources and the compared number (`compared`, as the
        rule says; else the subject's own target value)."""
        t = self.t
        plan = self.plans.get(plan_id)
        title = plan_title(plan, self.graph.regions, self.lang) if plan else plan_id
        shown_title = "" if plan_id == page_plan else title
        plan_href = page_name(plan_id)
        prefix = "" if plan_id == page_plan else page_name(plan_id)
        if isinstance(subject, Target):
            quantity = compared or subject.target or subject.vision
            details = self.target_details(subject)
            sources = [self.source_view(subject.source, subject.location)]
            for q in (subject.base, subject.target, subject.growth, subject.vision):
                if q is not None and q.source is not None:
                    extra = self.source_view(q.source, subject.location)
                    if extra not in sources:
                        sources.append(extra)
            value = describe(quantity, subject.unit, self.lang)
            details = [(k, v) for k, v in details if v != value]  # the compared value is shown large already
            return Side(role_word, shown_title, plan_href, self.target_label(subject),
                        f"{prefix}#{target_anchor(subject.id)}", value, details, sources)
        if isinstance(subject, (Role, Project)):
            text = subject.text if isinstance(subject, Role) else subject.name
            regions = [subject.scope] if isinstance(subject, Role) else list(subject.regions)
            details = [(t["region"], "、".join(self.graph.regions.name(r) for r in regions))]
            return Side(role_word, shown_title, plan_href, text, None, "", details,
                        [self.source_view(subject.source, subject.location)])
        if plan is not None:
            href = self.documents.href(plan.document, None) if self.documents is not None else ""
            doc = SourceView(plan.document, [], "", t["yaml_at"].format(file=plan.file, line=plan.location.line), href)
            return Side(role_word, shown_title, plan_href, title, None, "", [], [doc])
        return Side(role_word, shown_title, plan_href, plan_id, None, "", [], [])

    def target_details(self, target: Target) -> list[tuple[str, str]]:
        t, lang = self.t, self.lang
        out = []
        if target.base is not None:
            out.append((t["base"], describe(target.base, target.unit, lang)))
        if target.target is not None:
            out.append((t["target"], describe(target.target, target.unit, lang)))
        if target.growth is not None:
            out.append((t["growth"], describe(target.growth, "%", lang)))
        if target.vision is not None:
            out.append((t["vision"], describe(target.vision, target.unit, lang)))
        flags = []
        if target.attribute:
            flags.append(t.get(target.attribute, target.attribute))
        if target.cumulative:
            flags.append(t["cumulative"])
        if target.share_of:
            flags.append(t["share_of"].format(region=self.graph.regions.name(target.share_of)))
        if flags:
            out.append((t["attribute"], "，".join(flags) if lang == "zh" else ", ".join(flags)))
        if target.caliber:
            out.append((t["caliber"], target.caliber))
        if target.note:
            out.append((t["encoder_note"], target.note))
        return out

    # ------------------------------------------------------------------ the view
    def view(self, finding: Finding) -> FindingView:
        t = self.t
        rule = self.rules.get(finding.rule)
        evidence = finding.evidence if isinstance(finding.evidence, dict) else {}
        own = self.subject_of(finding.ref)
        values = finding.shows.values if finding.shows is not None else ()
        sides = []
        if own is not None:
            sides.append(self.side(finding.plan, own, finding.plan, values[0] if values else None, t["this_plan"]))
        elif finding.category == "gap" and finding.related:
            sides.append(Side(t["this_plan"], "", page_name(finding.plan), t["absent"], None, ""))
        else:
            sides.append(self.side(finding.plan, None, finding.plan, None, t["this_plan"]))
        for index, related in enumerate(finding.related, start=1):
            sides.append(self.side(finding.plan, self.subject_of(related.ref), related.plan,
                                   values[index] if index < len(values) else None,
                                   self.relation_word(finding.plan, related.plan)))
        explanation, more = self.explanation(rule)
        title = self.title(finding, own, sides)
        return FindingView(
            anchor=finding_anchor(finding), href=f"{page_name(finding.plan)}#{finding_anchor(finding)}",
            severity=finding.severity, category=finding.category, family=finding.family,
            state=CATEGORY_STATE.get(finding.category, "unlinked"), rule=finding.rule, plan=finding.plan,
            plan_title=plan_title(self.plans[finding.plan], self.graph.regions, self.lang),
            plan_href=page_name(finding.plan),
            plan_short=self.short_name(finding.plan), title=title, message=finding.text(self.lang),
            location=f"{finding.file}:{finding.line}", waived=finding.waived,
            baselined=bool(getattr(finding, "baselined", False)), sides=sides,
            arithmetic=self.arithmetic(finding, evidence, own),
            chart=finding_chart(self, finding),
            description=bilingual(rule.description, self.lang) if rule else "",
            explanation=explanation, more=more,
            advice=advice(finding, self.lang))

    def title(self, finding: Finding, own: Optional[Subject], sides: list[Side]) -> str:
        """What the finding is about, in a few words: the target or role, else the indicator or region."""
        if own is not None:
            return sides[0].subject
        if finding.indicator:
            return indicator_name(self.graph.indicators, finding.indicator, self.lang)
        plan = self.plans[finding.plan]
        if finding.region and finding.region != plan.region:
            return self.names(finding.region, self.lang)
        return plan_title(plan, self.graph.regions, self.lang)

    def explanation(self, rule) -> tuple[str, str]:
        """The first paragraph of the rule function's docstring, and the prose after it (before Options/examples)."""
        doc = (rule.module.__doc__ or "") if rule else ""
        paragraphs = [p.strip() for p in doc.strip().split("\n\n") if p.strip()]
        if not paragraphs:
            return "", ""
        prose = []
        for paragraph in paragraphs[1:]:
            if paragraph.startswith(("Options", "FAIL", "PASS", "plans:")) or paragraph.startswith(" "):
                break
            prose.append(" ".join(paragraph.split()))
        return " ".join(paragraphs[0].split()), "\n\n".join(prose)

    # ------------------------------------------------------------------ evidence in words
    def unit_of(self, evidence: dict, own: Optional[Subject]) -> str:
        """The unit evidence reads in: the finding's own target's, else the one it was compared in."""
        return own.unit if isinstance(own, Target) and own.unit else evidence.get("canonical_unit") or ""

    def arithmetic(self, finding: Finding, evidence: dict, own: Optional[Subject]) -> list[str]:
        """The rule's own lines of arithmetic, else the evidence listed as it is."""
        if finding.shows is not None and finding.shows.arithmetic is not None:
            return [step(self.lang) for step in finding.shows.arithmetic]
        labels = finding.shows.labels if finding.shows is not None else {}
        return [line(self.lang) for line in listed(evidence, self.unit_of(evidence, own), labels, self.names)]
