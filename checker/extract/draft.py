"""Write the draft plan file (plancheck/plan/v1) and the catalogue entries it needs.

Every value keeps the line and quote it was read from. A label the catalogue does not know gets a
proposed indicator (and, for a unit plancheck does not know, a proposed unit) in a catalogue file
beside the draft, so the draft validates as written. Whatever a person should confirm carries a
`# REVIEW:` comment above it and the same words in its `note`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

from ..indicators import IndicatorCatalogue
from ..units import UnitError, parse_unit
from .candidate import Candidate

RATIO_DIMENSIONS = {"percent", "permille", "percentage_point", "per_100k", "multiple", "index", "composite_index"}
REVIEW_MARK = "REVIEW:"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Draft:
    text: str  # the plan file
    catalogue: Optional[str]  # the proposed catalogue file, or None when nothing is proposed
    targets: int
    review: int
    proposed_indicators: int
    proposed_units: int
    dropped: list[str] = field(default_factory=list)  # candidates left out, and why
    written: list[Candidate] = field(default_factory=list)  # candidates that became targets


def _flow(value: Any) -> str:
    """One value as inline YAML (quoted where YAML would misread it: '~', '520201', 'yes')."""
    text = yaml.dump([value], Dumper=DUMPER, default_flow_style=True, allow_unicode=True, width=10 ** 6, sort_keys=False)
    return text.strip()[1:-1]


def _proposed_id(label: str, dimension: str) -> str:
    return "draft_" + hashlib.sha1(f"{label}|{dimension}".encode("utf-8")).hexdigest()[:10]


class DraftWriter:
    def __init__(self, catalogue: IndicatorCatalogue) -> None:
        self.catalogue = catalogue
        self.proposed: dict[str, dict[str, Any]] = {}
        self.units: dict[str, dict[str, Any]] = {}
        self.ids: set[str] = set()
        self.dropped: list[str] = []

    def _unit(self, candidate: Candidate, indicator: Optional[str]) -> Optional[str]:
        """The unit to write: as written when it fits the indicator; 万元 of a per-person indicator as
        万元/人; otherwise the indicator's own unit, marked for review."""
        written = candidate.unit
        if candidate.share_of:
            return "%"
        if indicator is None:
            return written
        own = self.catalogue[indicator].unit if indicator in self.catalogue else self.proposed[indicator]["unit"]
        if written is None:
            return own
        dimension = self._dimension(own)
        if self._dimension(written) == dimension:
            return written
        if self._dimension(written + "/人") == dimension:
            candidate.notes.append(f"written {written}; per person, so {written}/人")
            return written + "/人"
        if "target" not in candidate.values and "base" not in candidate.values and "vision" not in candidate.values:
            return own  # growth only: the unit describes levels the row does not give
        candidate.review.append(f"unit {written} written, the indicator is in {own}")
        return None

    def _dimension(self, unit: str) -> Optional[str]:
        if unit in self.units:
            return self.units[unit]["dimension"]
        try:
            return parse_unit(unit).dimension
        except UnitError:
            return None

    def _propose(self, candidate: Candidate) -> Optional[str]:
        unit = candidate.unit
        if unit is None:
            return None
        if self._dimension(unit) is None:
            self.units.setdefault(unit, {"name": unit, "dimension": "unit_" + hashlib.sha1(
                unit.encode("utf-8")).hexdigest()[:8], "factor": 1})
        dimension = self._dimension(unit)
        from .match import normalize_label
        name = normalize_label(candidate.label) or candidate.label
        # one proposed indicator per statement: two vague labels ("新增变电容量") on different lines may be
        # different things, and plancheck must not compare them until a person says they are one
        indicator = _proposed_id(f"{name}|{candidate.line}|{candidate.quote}", dimension)
        self.proposed.setdefault(indicator, {
            "id": indicator, "names": [name], "unit": unit,
            "aggregation": "ratio" if dimension in RATIO_DIMENSIONS or "/" in unit else "additive"})
        return indicator

    def target(self, candidate: Candidate) -> Optional[str]:
        """The YAML lines of one target, or None when it cannot be written without guessing."""
        indicator = candidate.match.indicator
        if indicator is None:
            indicator = self._propose(candidate)
            if indicator is None:
                self.dropped.append(f"line {candidate.line}: '{candidate.label}' matches no indicator and "
                                    "gives no unit")
                return None
            candidate.review.append("new indicator proposed in the catalogue beside this draft")
            if candidate.scope:
                # no other plan can hold a proposed indicator: scoped, it would always read as a gap there
                candidate.review.append(f"for {candidate.scope}: map it to a catalogue indicator, then scope it")
                candidate.scope = None
        elif not candidate.match.certain:
            candidate.review.append(f"indicator matched by similarity ('{candidate.match.name}')")
        unit = self._unit(candidate, indicator)
        if unit is None:
            self.dropped.append(f"line {candidate.line}: '{candidate.label}' unit {candidate.unit} does not fit "
                                f"{indicator}")
            return None
        base = indicator.replace("_", "-")[:60]
        target_id, n = base, 2
        while target_id in self.ids:
            target_id, n = f"{base}-{n}", n + 1
        self.ids.add(target_id)
        lines = []
        if candidate.review:
            lines.append(f"  # {REVIEW_MARK} " + "; ".join(candidate.review))
        lines.append(f"  - id: {_flow(target_id)}")
        lines.append(f"    indicator: {_flow(indicator)}")
        lines.append(f"    label: {_flow(candidate.label)}")
        lines.append(f"    unit: {_flow(unit)}")
        for key in ("attribute", "scope", "share_of", "caliber"):
            if getattr(candidate, key):
                lines.append(f"    {key}: {_flow(getattr(candidate, key))}")
        if candidate.cumulative:
            lines.append("    cumulative: true")
        for key in ("base", "target", "growth", "vision"):
            if key in candidate.values:
                lines.append(f"    {key}: {_flow(candidate.values[key])}")
        source = {"line": candidate.line, "quote": candidate.quote}
        if candidate.table:
            source = {"table": candidate.table, "row": int(candidate.row) if candidate.row and candidate.row.isdigit()
                      else candidate.row, **source}
            source = {k: v for k, v in source.items() if v is not None}
        lines.append(f"    source: {_flow(source)}")
        notes = ([f"{REVIEW_MARK} " + "; ".join(candidate.review)] if candidate.review else []) + candidate.notes
        if notes:
            lines.append(f"    note: {_flow('; '.join(notes))}")
        return "\n".join(lines)

    def catalogue_text(self, draft_name: str) -> Optional[str]:
        if not self.proposed and not self.units:
            return None
        out = ["# Indicators and units proposed by plancheck extract for " + draft_name + ".",
               "# Give each a real id (and rename it in the draft), or map the label to an existing indicator.",
               "schema: plancheck/indicators/v1"]
        if self.units:
            out.append("units:")
            out += [f"  - {_flow(unit)}" for unit in self.units.values()]
        out.append("indicators:" if self.proposed else "indicators: []")
        out += [f"  - {_flow(item)}" for item in self.proposed.values()]
        return "\n".join(out) + "\n"


def _project_block(project, ids: set[str]) -> str:
    base = f"{project.kind}-" + "-".join(code for code in project.regions[1:3])
    project_id, n = base[:70], 2
    while project_id in ids:
        project_id, n = f"{base[:70]}-{n}", n + 1
    ids.add(project_id)
    return "\n".join([f"  # {REVIEW_MARK} " + "; ".join(project.review),
                      f"  - id: {_flow(project_id)}", f"    name: {_flow(project.name)}",
                      f"    kind: {_flow(project.kind)}", f"    regions: {_flow(project.regions)}",
                      f"    source: {_flow({'line': project.line, 'quote': project.quote})}",
                      f"    note: {_flow(REVIEW_MARK + ' ' + '; '.join(project.review))}"])


def _role_block(role, ids: set[str]) -> str:
    project_id, n = "role", 2
    while project_id in ids:
        project_id, n = f"role-{n}", n + 1
    ids.add(project_id)
    lines = [f"  # {REVIEW_MARK} " + "; ".join(role.review), f"  - id: {_flow(project_id)}",
             f"    text: {_flow(role.text)}", f"    scope: {_flow(role.scope)}"]
    if role.exclusive:
        lines.append("    exclusive: true")
    lines += [f"    source: {_flow({'line': role.line, 'quote': role.quote})}",
              f"    note: {_flow(REVIEW_MARK + ' ' + '; '.join(role.review))}"]
    return "\n".join(lines)


def write_draft(candidates: list[Candidate], catalogue: IndicatorCatalogue, header: dict[str, Any],
                draft_name: str, schema_ref: str, projects: tuple = (), roles: tuple = ()) -> Draft:
    writer = DraftWriter(catalogue)
    blocks, written = [], []
    for candidate in candidates:
        block = writer.target(candidate)
        if block is not None:
            blocks.append(block)
            written.append(candidate)
    review = sum(1 for b in blocks if b.lstrip().startswith("# " + REVIEW_MARK))
    lines = [f"# yaml-language-server: $schema={schema_ref}",
             f"# Draft made by plancheck extract: {len(blocks)} targets, {review} marked {REVIEW_MARK}.",
             "# Every value cites its line and quote; confirm each against the document before use."]
    for key, value in header.items():
        lines.append(f"{key}: {_flow(value)}")
    lines.append("targets:" if blocks else "targets: []")
    lines += blocks
    if roles:
        role_ids: set[str] = set()
        lines.append("roles:")
        lines += [_role_block(role, role_ids) for role in roles]
        review += len(roles)
    if projects:
        ids: set[str] = set()
        lines.append("projects:")
        lines += [_project_block(project, ids) for project in projects]
        review += len(projects)
    return Draft("\n".join(lines) + "\n", writer.catalogue_text(draft_name), len(blocks), review,
                 len(writer.proposed), len(writer.units), writer.dropped, written)
