"""One finding as a reader needs it: both values in words, both sources, the arithmetic, a picture, the
rule's explanation and what the drafter could change.

Everything here is looked up or reworded from the finding, its evidence and the targets it names; no rule
is re-run and nothing is decided again. Evidence shapes differ by rule function, so known keys get
sentences and charts, and any other key is still shown, labelled, as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..findings import Finding
from ..model import Plan, Project, Quantity, Role, Source, Target
from ..quantities import describe, format_number
from .advice import advice
from .html_charts import finding_chart
from .html_links import CATEGORY_STATE
from .html_names import finding_anchor, page_name, target_anchor
from .html_text import bilingual, ui


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
    chart: Any
    description: str
    explanation: str
    more: str
    advice: str


def quantity_from(data: Any) -> Optional[Quantity]:
    """Evidence stores numbers as {value, op, year} / {min, max} / {ref: upper}; make them Quantities again."""
    if not isinstance(data, dict) or not ({"value", "min", "ref"} & set(data)):
        return None
    return Quantity(year=data.get("year"), value=data.get("value"), op=data.get("op", "="), low=data.get("min"),
                    high=data.get("max"), ref_upper=data.get("ref") == "upper")


def interval_text(data: Any, unit: Optional[str]) -> str:
    if not isinstance(data, dict) or "low" not in data:
        return str(data)
    low = "−∞" if data["low"] is None else format_number(round(data["low"], 4))
    high = "+∞" if data["high"] is None else format_number(round(data["high"], 4))
    return f"[{low}, {high}] {unit or ''}".strip()


class FindingViews:
    """Builds FindingView objects for one report and language."""

    def __init__(self, report: Any, lang: str, documents: Any = None):
        self.report = report
        self.lang = lang
        self.documents = documents  # sources.Documents: where a cited line is shown, if anywhere
        self.t = ui(lang)
        self.rules = {r.id: r for r in report.rules}
        self.graph = report.graph
        self.plans: dict[str, Plan] = report.corpus.plans

    @staticmethod
    def quantity(data: Any) -> Optional[Quantity]:
        return quantity_from(data)

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

    def subject_of(self, plan_id: str, target: Optional[str], role: Optional[str], project: Optional[str]):
        plan = self.plans.get(plan_id)
        if plan is None:
            return None
        if target:
            return self.graph.targets.get(f"{plan_id}/{target}")
        if role:
            return next((r for r in plan.roles if r.id == role), None)
        if project:
            return next((p for p in plan.projects if p.id == project), None)
        return None

    def own_subject(self, finding: Finding):
        if finding.target:
            return self.subject_of(finding.plan, finding.target, None, None)
        if finding.role or finding.project:
            return self.subject_of(finding.plan, None, finding.role, finding.project)
        return None

    def target_label(self, target: Target) -> str:
        label = target.label or self.graph.indicators.name(target.indicator)
        owner = self.plans[target.plan]
        if target.scope != owner.region:
            name = self.graph.regions.name(target.scope)
            if name not in label:
                label = f"{label}（{name}）" if self.lang == "zh" else f"{label} ({name})"
        return label

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
            place.append(source.table)
        if source.row is not None:
            place.append(t["source_row"].format(row=source.row))
        if source.page is not None:
            place.append(t["source_page"].format(page=source.page))
        if source.line:
            place.append(t["source_line"].format(line=source.line))
        href = self.documents.href(source.document, source.line) if self.documents is not None else ""
        return SourceView(source.document, place, source.quote or "",
                          t["yaml_at"].format(file=location.file, line=location.line), href)

    def side(self, page_plan: str, subject: Any, plan_id: str, evidence_value: Any, role_word: str) -> Side:
        t = self.t
        plan = self.plans.get(plan_id)
        plan_title = "" if plan_id == page_plan else (plan.title if plan else plan_id)
        plan_href = page_name(plan_id)
        prefix = "" if plan_id == page_plan else page_name(plan_id)
        if isinstance(subject, Target):
            quantity = quantity_from(evidence_value) or subject.target or subject.vision
            details = self.target_details(subject)
            sources = [self.source_view(subject.source, subject.location)]
            for q in (subject.base, subject.target, subject.growth, subject.vision):
                if q is not None and q.source is not None:
                    extra = self.source_view(q.source, subject.location)
                    if extra not in sources:
                        sources.append(extra)
            value = describe(quantity, subject.unit, self.lang)
            details = [(k, v) for k, v in details if v != value]  # the compared value is shown large already
            return Side(role_word, plan_title, plan_href, self.target_label(subject),
                        f"{prefix}#{target_anchor(subject.id)}", value, details, sources)
        if isinstance(subject, (Role, Project)):
            text = subject.text if isinstance(subject, Role) else subject.name
            regions = [subject.scope] if isinstance(subject, Role) else list(subject.regions)
            details = [(t["region"], "、".join(self.graph.regions.name(r) for r in regions))]
            return Side(role_word, plan_title, plan_href, text, None, "", details,
                        [self.source_view(subject.source, subject.location)])
        if plan is not None:
            href = self.documents.href(plan.document, None) if self.documents is not None else ""
            doc = SourceView(plan.document, [], "", t["yaml_at"].format(file=plan.file, line=plan.location.line), href)
            return Side(role_word, plan_title, plan_href, plan.title, None, "", [], [doc])
        return Side(role_word, plan_title, plan_href, plan_id, None, "", [], [])

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
        function = rule.function if rule else ""
        evidence = finding.evidence if isinstance(finding.evidence, dict) else {}
        own = self.own_subject(finding)
        sides = []
        if own is not None:
            sides.append(self.side(finding.plan, own, finding.plan, evidence.get("this"), t["this_plan"]))
        elif finding.category == "gap" and finding.related:
            sides.append(Side(t["this_plan"], "", page_name(finding.plan), t["absent"], None, ""))
        else:
            sides.append(self.side(finding.plan, None, finding.plan, None, t["this_plan"]))
        evidence_keys = ["other", "own"]
        for index, related in enumerate(finding.related):
            subject = self.subject_of(related.plan, related.target, related.role, related.project)
            value = evidence.get(evidence_keys[index]) if index < len(evidence_keys) else None
            sides.append(self.side(finding.plan, subject, related.plan, value,
                                   self.relation_word(finding.plan, related.plan)))
        explanation, more = self.explanation(rule)
        title = self.title(finding, own, sides)
        return FindingView(
            anchor=finding_anchor(finding), href=f"{page_name(finding.plan)}#{finding_anchor(finding)}",
            severity=finding.severity, category=finding.category, family=finding.family,
            state=CATEGORY_STATE.get(finding.category, "unlinked"), rule=finding.rule, plan=finding.plan,
            plan_title=self.plans[finding.plan].title, plan_href=page_name(finding.plan),
            plan_short=self.short_name(finding.plan), title=title, message=finding.text(self.lang),
            location=f"{finding.file}:{finding.line}", waived=finding.waived,
            baselined=bool(getattr(finding, "baselined", False)), sides=sides,
            arithmetic=self.arithmetic(function, evidence, own),
            chart=finding_chart(self, function, evidence, own, finding),
            description=bilingual(rule.description, self.lang) if rule else "",
            explanation=explanation, more=more,
            advice=advice(function, self.lang, self.advice_fields(finding, evidence, own)))

    def title(self, finding: Finding, own: Any, sides: list[Side]) -> str:
        """What the finding is about, in a few words: the target or role, else the indicator or region."""
        if own is not None:
            return sides[0].subject
        if finding.indicator:
            return self.graph.indicators.name(finding.indicator)
        plan = self.plans[finding.plan]
        if finding.region and finding.region != plan.region:
            return self._name(finding.region)
        return plan.title

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
    def unit_of(self, evidence: dict, own: Any) -> str:
        unit = evidence.get("canonical_unit")
        if unit:
            return unit
        return own.unit if isinstance(own, Target) and own.unit else ""

    def arithmetic(self, function: str, evidence: dict, own: Any) -> list[str]:
        t, lang = self.t, self.lang
        unit = self.unit_of(evidence, own)
        lines: list[str] = []
        if function == "growth_path" and isinstance(own, Target):
            base, growth = own.base, own.growth
            rate = growth.value if growth is not None and growth.value is not None else None
            if base is not None and base.value is not None and rate is not None and evidence.get("years"):
                result = base.value * (1 + rate / 100) ** evidence["years"]
                lines.append(t["compounding"].format(base=format_number(base.value), rate=format_number(rate),
                                                     years=evidence["years"], result=format_number(round(result, 2))))
            lines.append(f"{t['reached']}: {interval_text(evidence.get('projected'), own.unit)}; "
                         f"{t['goal']}: {describe(own.target, own.unit, lang)}")
            if evidence.get("implied_growth") is not None:
                lines.append(t["needed_growth"].format(g=format_number(evidence["implied_growth"])))
            return lines
        if "this_interval" in evidence and "other_interval" in evidence:
            a = f"{t['this_interval']} {interval_text(evidence['this_interval'], unit)}"
            b = f"{t['other_interval']} {interval_text(evidence['other_interval'], unit)}"
            key = "interval_not_within" if function == "binding_strictness" else "intervals_disjoint"
            lines.append(t[key].format(a=a, b=b))
            projected = evidence.get("projected")
            if isinstance(projected, dict):
                rate = describe(quantity_from(projected.get("growth")), "%", lang)
                lines.append(t["projected_note"].format(rate=rate, start=projected.get("from"),
                                                        end=projected.get("to")).strip(" ()（）"))
            return lines
        if function == "parts_sum" and isinstance(evidence.get("parts"), dict):
            parts = [format_number(q["value"]) if isinstance(q, dict) and q.get("value") is not None else "?"
                     for q in evidence["parts"].values()]
            lines.append(" + ".join(parts) + f" = {interval_text(evidence.get('sum'), unit)}")
            lines.append(f"{t['goal']}: {interval_text(evidence.get('total'), unit)}")
            return lines
        return self.generic(evidence, unit)

    def generic(self, evidence: dict, unit: str) -> list[str]:
        from .html_text import EVIDENCE_LABELS
        labels = EVIDENCE_LABELS["en" if self.lang == "en" else "zh"]
        lines = []
        for key in sorted(evidence):
            if key in ("canonical_unit", "this", "other"):
                continue  # the two compared values are already shown side by side
            lines.append(f"{labels.get(key, key)}: {self.value_words(key, evidence[key], unit)}")
        return lines

    def value_words(self, key: str, value: Any, unit: str) -> str:
        regions = self.graph.regions
        quantity = quantity_from(value)
        if quantity is not None:
            return describe(quantity, value.get("unit"), self.lang)
        if isinstance(value, dict) and "low" in value:
            return interval_text(value, unit)
        if isinstance(value, dict):
            sep = "；" if self.lang == "zh" else "; "
            return sep.join(f"{self._name(k)}: {self.value_words(k, v, unit)}" for k, v in sorted(value.items()))
        if isinstance(value, list):
            return "、".join(self._name(str(v)) for v in value) if value else self.t["none"]
        if isinstance(value, str) and value in regions:
            return self._name(value)
        if isinstance(value, float):
            return format_number(round(value, 4))
        return str(value)

    def _name(self, code: str) -> str:
        """A region code as '钟山区（520201）', a plan id as its title, anything else as it is."""
        if code in self.graph.regions:
            return f"{self.graph.regions.name(code)}（{code}）" if self.lang == "zh" else \
                f"{self.graph.regions.name(code)} ({code})"
        if code in self.plans:
            return self.plans[code].title
        return code

    def advice_fields(self, finding: Finding, evidence: dict, own: Any) -> dict[str, str]:
        regions = self.graph.regions
        fields: dict[str, str] = {}
        if isinstance(own, Target):
            fields["name"] = self.target_label(own)
            if own.target is not None and own.target.year is not None:
                fields["year"] = str(own.target.year)
            plan = self.plans[own.plan]
            fields["period"] = self.t["period_text"].format(base=plan.period.base_year, end=plan.period.end)
        other = quantity_from(evidence.get("other"))
        if other is not None:
            fields["other"] = describe(other, evidence["other"].get("unit"), self.lang)
        if evidence.get("implied_growth") is not None:
            fields["needed"] = format_number(evidence["implied_growth"])
        unit = self.unit_of(evidence, own)
        if isinstance(own, Target) and evidence.get("projected") and "low" in evidence["projected"]:
            fields["reached"] = interval_text(evidence["projected"], own.unit)
        for key in ("computed", "implied"):
            if isinstance(evidence.get(key), dict):
                fields[key] = interval_text(evidence[key], "%" if key == "computed" else unit)
        for key in ("given_to", "missing_in", "missing"):
            if isinstance(evidence.get(key), str):
                fields["region" if key == "missing" else key] = regions.name(evidence[key])
        if finding.related and finding.related[0].target:
            related = self.graph.targets.get(f"{finding.related[0].plan}/{finding.related[0].target}")
            if related is not None:
                fields["other_name"] = self.target_label(related)
        return fields
