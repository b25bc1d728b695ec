"""Citations against their documents (`plancheck validate --sources DIR`).

Every `source.line` / `quote` of a target, role or project (and of a value with its own line) must
stand on that line of the plan's source document, blanks ignored, and a quote must write the numbers
it cites. A mismatch is a problem at the entry's file:line, showing the quote and the line's text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from ..corpus import Corpus
from ..discovery import document_in
from ..model import Quantity, Source
from ..problems import InputError, Problem
from .numbers import carries, doubling
from .read import read_document

SHOWN = 120  # characters of a document line shown in a message


def squeeze(text: str) -> str:
    return "".join(text.split())


def check_sources(corpus: Corpus, folder: Path, missing_is_a_problem: bool = True) -> list[Problem]:
    """The citation problems of every plan whose document is in `folder`. `check` passes
    missing_is_a_problem=False: a plan whose document is not there is simply not checked against it."""
    problems: list[Problem] = []
    documents: dict[str, Optional[list[str]]] = {}
    for plan in corpus.plans.values():
        if plan.document not in documents:
            path = document_in(folder, plan.document)  # a plain file name in the folder, never '../x'
            documents[plan.document] = _lines(path) if path is not None else None
        lines = documents[plan.document]
        if lines is None:
            if not missing_is_a_problem:
                continue
            problems.append(Problem(plan.location.file, plan.location.line, plan.location.column,
                                    f"source document {plan.document} not found in {folder}"))
            continue
        for item in (*plan.targets, *plan.roles, *plan.projects):
            for source, numbers, what in _citations(item):
                problem = _check(source, numbers, lines, plan.document)
                if problem:
                    where = item.location
                    problems.append(Problem(where.file, where.line, where.column, f"{item.id}{what}: {problem}"))
    return problems


def _lines(path: Path) -> Optional[list[str]]:
    if not path.is_file():
        return None
    try:
        return read_document(path).lines
    except InputError:
        return None


def _citations(item) -> Iterable[tuple[Source, list[float], str]]:
    """(source, the numbers its quote must write, which part of the entry) for each citation. A quote
    that says 比2025年翻一番 writes twice the entry's base (the level of the year it compares with)."""
    own_numbers: list[float] = []
    base: Optional[Quantity] = getattr(item, "base", None)
    for key in ("base", "target", "growth", "vision"):
        quantity: Optional[Quantity] = getattr(item, key, None)
        if quantity is None:
            continue
        numbers = [n for q in (quantity, quantity.growth) if q is not None
                   for n in (q.value, q.low, q.high) if n is not None]
        source = quantity.source or item.source
        relation = doubling(source.quote) if key in ("target", "vision") and base is not None else None
        if relation is not None and base.value is not None and base.year == relation[0]:
            numbers = [n for n in numbers if abs(n - base.value * relation[1]) > 1e-9 * max(1.0, abs(n))]
        if quantity.source is not None:
            yield quantity.source, numbers, f" ({key})"
        else:
            own_numbers += numbers
    yield item.source, own_numbers, ""


def _check(source: Source, numbers: list[float], lines: list[str], document: str) -> Optional[str]:
    if not 1 <= source.line <= len(lines):
        return f"line {source.line} is outside {document} ({len(lines)} lines)"
    text = lines[source.line - 1]
    shown = text.strip()[:SHOWN]
    if not squeeze(source.quote) or squeeze(source.quote) not in squeeze(text):
        return f"quote {source.quote!r} is not on line {source.line} of {document}, which reads {shown!r}"
    missing = [n for n in numbers if not carries(source.quote, n)]
    if missing:
        written = ", ".join(f"{n:g}" for n in missing)
        return f"quote {source.quote!r} (line {source.line} of {document}) does not write {written}"
    return None
