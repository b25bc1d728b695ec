"""Intake: draft a plan file from a plan document, every value cited (`plancheck extract`).

read (document -> canonical lines) -> tables and prose (lines -> candidate targets) -> match (labels
-> catalogue indicators) -> draft (candidates -> plan YAML + proposed catalogue). Nothing here writes
files: the command line writes what `extract` returns, all or nothing.
"""

from __future__ import annotations

import collections
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..corpus import Corpus
from ..problems import InputError, Problem
from ..references import _may_set
from .bases import attach_bases, resolve_doublings
from .calibers import caliber_of
from .candidate import Candidate
from .draft import Draft, write_draft
from .match import Match, Matcher
from .numbers import normalize
from .projects import ProjectReader
from .roles import RoleReader
from .prose import ProseReader, forward_paragraphs, marked_paragraphs
from .read import Document, read_document
from .tables import find_tables, table_candidates

LEVELS = ("province", "city_cluster", "municipal", "county")


@dataclass
class Extraction:
    document: Document
    draft: Draft
    candidates: list[Candidate]
    period: dict
    draft_plan_id: str
    projects: tuple = ()
    roles: tuple = ()


def detect_period(lines: list[str], table_years: list[dict[str, int]]) -> dict:
    """The plan period the text gives: 十四五 is 2020→2025; otherwise the most cited target year (到20XX年)
    and five years before it, or a table's base column; a 2035 vision when the text names one."""
    head = normalize("\n".join(lines[:400]))
    whole = normalize("\n".join(lines))
    named = [int(y) for y in re.findall(r"(?:到|至)\s*(20\d\d)\s*年", whole)]
    if "十五五" in head and "十四五" not in head:
        base, end = 2025, 2030
    elif "十四五" in head or "十四个五年" in head or "十四五" in whole and "十五五" not in whole:
        base, end = 2020, 2025
    elif named:
        counts = collections.Counter(y for y in named if y < 2035) or collections.Counter(named)
        end = max(counts.items(), key=lambda item: (item[1], item[0]))[0]  # most named; the later on a tie
        base = end - 5
    else:
        base, end = 2020, 2025
    for years in table_years:
        if years.get("target") == end and years.get("base", 0) > base:
            base = years["base"]
    period = {"base_year": base, "end": end}
    if re.search(r"2035\s*年", whole) and end < 2035:
        period["vision"] = 2035
    return period


def _title(lines: list[str], fallback: str) -> str:
    for line in lines[:40]:
        text = " ".join(line.split()).strip(" |")
        if 6 <= len(text) <= 80 and re.search(r"规划|纲要|计划|方案|目标", text):
            return text
    return fallback


def check_region(corpus: Corpus, region: str, level: Optional[str]) -> str:
    """The region code (or group id) as regions.yaml knows it, and the plan level to use."""
    registry = corpus.regions
    if region not in registry:
        by_name = [code for code, r in registry.regions.items() if region in (r.name, *r.aliases)]
        if len(by_name) == 1:
            region = by_name[0]
        else:
            close = difflib.get_close_matches(region, list(registry.regions), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise InputError([Problem("--region", 0, 0, f"unknown region code '{region}' (not in regions.yaml){hint}")])
    return level or registry[region].level


def extract(path: Path, corpus: Corpus, region: str, level: Optional[str] = None, kind: str = "master",
            plan_id: Optional[str] = None, title: Optional[str] = None, draft_name: str = "draft.yaml",
            schema_ref: str = "plan.schema.json") -> Extraction:
    if level is not None and level not in LEVELS:
        raise InputError([Problem("--level", 0, 0, f"unknown level '{level}'; one of {', '.join(LEVELS)}")])
    level = check_region(corpus, region, level)
    region = region if region in corpus.regions else next(
        c for c, r in corpus.regions.regions.items() if region in (r.name, *r.aliases))
    document = read_document(path)
    lines = document.lines
    matcher = Matcher(corpus.indicators)
    tables = find_tables(lines)
    period = detect_period(lines, [t.years for t in tables])
    candidates: list[Candidate] = []
    table_lines: set[int] = set()
    for table in tables:
        table_lines |= {i + 1 for i in table.lines}
        if table.years.get("target", 0) <= period["base_year"]:
            continue  # a table of past results (十三五 完成情况), not targets
        candidates += table_candidates(table, matcher, lines)
    reader = ProseReader(matcher, corpus.regions, region, period["base_year"], period["end"], period.get("vision"))
    candidates += reader.read(lines, table_lines)
    for candidate in candidates:
        indicator = candidate.match.indicator
        names = corpus.indicators[indicator].names if indicator in corpus.indicators else ()
        candidate.caliber = caliber_of(candidate.label, names, candidate.context)
    attach_bases(candidates, reader.observations, period["base_year"])
    resolve_doublings(candidates, reader.observations, period["base_year"], period.get("vision"))
    _scope_own_areas(candidates, corpus.regions, region)
    _separate_calibers(candidates)
    if level != "county":
        _separate_sub_areas(candidates)
    candidates = _one_per_line([c for c in candidates if _fits_period(c, period) and _may_scope(corpus, region, c)])
    header = {"schema": "plancheck/plan/v1",
              "id": plan_id or _default_id(region),
              "title": title or _title(lines, path.stem),
              "region": region, "level": level, "kind": kind,
              "period": period, "source": {"document": document.name},
              "note": f"Draft from {path.name} by plancheck extract; not yet confirmed by a person."}
    # what the plan looks back on (发展基础, 十三五成就) was done before it: not its projects
    projects = ProjectReader(corpus.regions, region).read(forward_paragraphs(lines, table_lines))
    roles = RoleReader(corpus.regions, region, reader.names).read(marked_paragraphs(lines, table_lines))
    draft = write_draft(candidates, corpus.indicators, header, draft_name, schema_ref, tuple(projects),
                        tuple(roles))
    return Extraction(document, draft, candidates, period, header["id"], tuple(projects), tuple(roles))


OWN_AREAS = ("中心城区", "主城区", "城区", "县城")


def _scope_own_areas(candidates: list[Candidate], regions, region: str) -> None:
    """A plan's bare 中心城区 (主城区, 县城) is its own: where regions.yaml names that area as a group of the
    plan's region (钟山区中心城区), an unscoped number for it is scoped to the group, and says so."""
    own = regions.get(region)
    if own is None:
        return
    names = {own.name, *own.aliases}
    names |= {n[:-len(suffix)] for n in list(names) for suffix in ("自治县", "特区", "区", "县", "市")
              if n.endswith(suffix) and len(n) - len(suffix) >= 2}
    inside = {region, *regions.counties_in(region)}
    groups = {name: code for code, item in regions.regions.items()
              if item.is_group and (item.parent == region or item.members and set(item.members) <= inside)
              for name in (item.name, *item.aliases)}
    for candidate in candidates:
        if candidate.scope is not None or candidate.share_of or candidate.match.indicator is None:
            continue
        inclusion = candidate.caliber if candidate.caliber and INCLUDES_RE.match(candidate.caliber) else None
        if inclusion:  # 含新蒲: a group named 红花岗区(含新蒲) is that caliber's area
            code = next((groups[f"{n}{o}{inclusion}{c}"] for n in sorted(names) for o, c in ("()", "（）")
                         if f"{n}{o}{inclusion}{c}" in groups), None)
            if code is not None:
                candidate.scope = code
                candidate.review.append(f"{inclusion} read as {regions.name(code)} (regions.yaml)")
                continue
        label = "".join(candidate.label.split())
        word = next((w for w in OWN_AREAS if w in label and (w != "城区" or label.startswith(w))), None)
        if word is None:
            continue  # (城区 inside another word, 老城区 or 城区绿化 in a clause, names no area by itself)
        code = next((groups[n + word] for n in sorted(names) if n + word in groups), None)
        if code is not None:
            candidate.scope = code
            candidate.review.append(f"{word} read as {regions.name(code)} (regions.yaml)")


INCLUDES_RE = re.compile(r"^(含|包括)")
LEAVES_OUT_RE = re.compile(r"^(不含|不包括)")


def _separate_calibers(candidates: list[Candidate]) -> None:
    """含新蒲 700 and 不含新蒲 500 of one indicator, region and year measure two areas: the draft must not
    read them as the plan contradicting itself. Where no group of regions.yaml takes one of them, a number
    whose stated inclusion differs from the first one's is kept apart (its own proposed indicator), for a
    person to scope; a number that states none is left as it is (most often the same measure)."""
    first: dict[tuple, Optional[str]] = {}
    for candidate in candidates:
        if candidate.match.indicator is None or candidate.share_of:
            continue
        stated = candidate.caliber if candidate.caliber and (
            INCLUDES_RE.match(candidate.caliber) or LEAVES_OUT_RE.match(candidate.caliber)) else None
        for key, value in candidate.values.items():
            at = (candidate.match.indicator, candidate.scope, key, value.get("year"))
            if at not in first:
                first[at] = stated
            elif stated and first[at] and not (stated.startswith(first[at]) or first[at].startswith(stated)) \
                    and key != "base":  # 含北 (a cut cell) and 含北部五乡镇 are one caliber
                candidate.review.append(f"caliber {stated or 'unstated'} against {first[at] or 'unstated'} of "
                                        f"another {candidate.match.indicator}: scope it to a group, or confirm")
                candidate.match = Match(None, "none")
                break


def _separate_sub_areas(candidates: list[Candidate]) -> None:
    """In a city or cluster plan, prose often gives a number for a part of the region without naming
    it again (贵阳贵安's 80% under a paragraph about the 省会). An unscoped prose number of an indicator whose
    table row says otherwise for the same year is kept apart (its own proposed indicator), for a person
    to scope, rather than reported as the plan contradicting itself."""
    table: dict[tuple, set] = {}
    for c in candidates:
        if c.table and c.match.indicator and not c.scope:
            for key, value in c.values.items():
                table.setdefault((c.match.indicator, key, value.get("year")), set()).add(value.get("value"))
    for c in candidates:
        if c.table or c.scope or c.share_of or c.match.indicator is None:
            continue
        for key, value in c.values.items():
            known = table.get((c.match.indicator, key, value.get("year")))
            if known and value.get("value") not in known:
                c.review.append(f"differs from the table's {c.match.indicator}: for a part of the region? "
                                "scope it, or use the table's indicator")
                c.match = Match(None, "none")
                break


def _one_per_line(candidates: list[Candidate]) -> list[Candidate]:
    """Two numbers of one indicator, region, caliber and year on one line are two subjects the reading could not
    tell apart (六枝城区…28, 盘州城区…65): keep the first, marked for review, rather than contradict."""
    seen: dict[tuple, Candidate] = {}
    out = []
    for candidate in candidates:
        if candidate.match.indicator is None or candidate.table:
            out.append(candidate)
            continue
        years = tuple(sorted((k, v.get("year")) for k, v in candidate.values.items()))
        key = (candidate.line, candidate.match.indicator, candidate.scope, candidate.share_of, candidate.caliber, years)
        if key in seen:
            note = "another number of this indicator on the same line was left out: whose is it?"
            if note not in seen[key].review:
                seen[key].review.append(note)
            continue
        seen[key] = candidate
        out.append(candidate)
    return out


def _default_id(region: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", f"{region}-draft".lower()).strip("-")


def _fits_period(candidate: Candidate, period: dict) -> bool:
    last = period.get("vision") or period["end"]
    for key in ("target", "vision"):
        year = candidate.values.get(key, {}).get("year")
        if year is not None and not period["base_year"] <= year <= last:
            del candidate.values[key]
    if candidate.doubling is not None and not candidate.values:  # a doubling without a stated level
        return period["base_year"] < candidate.doubling["year"] <= last
    return bool(candidate.values)


def _may_scope(corpus: Corpus, region: str, candidate: Candidate) -> bool:
    return candidate.scope is None or _may_set(corpus.regions, region, candidate.scope)
