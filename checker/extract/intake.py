"""What the intake commands do besides extracting: write a draft and its companions all or nothing,
search the catalogue, and say which findings rest on values no person has confirmed yet."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from ..indicators import Indicator, IndicatorCatalogue
from ..output import write_atomic
from ..problems import InputError, Problem
from .pipeline import Extraction
from .read import canonical_text


def companion_files(extraction: Extraction, output: Optional[Path]) -> dict[Path, str]:
    """The files an extraction writes beside the draft: the draft itself, the proposed catalogue and,
    for a converted document, its canonical text. A draft printed to stdout has no folder to put them
    in, so it needs none (else: ask for --output, rather than write beside the document)."""
    if output is None:
        needed = (["the proposed catalogue"] if extraction.draft.catalogue else []) + (
            [f"the text {extraction.document.name}"] if extraction.document.converted else [])
        if needed:
            raise InputError([Problem(str(extraction.document.path), 0, 0,
                                      f"this draft comes with {' and '.join(needed)}; give --output FILE "
                                      "so they are written beside it")])
        return {}
    folder, stem = output.parent, output.stem
    files: dict[Path, str] = {output: extraction.draft.text}
    if extraction.draft.catalogue:
        files[folder / f"{stem}.indicators.yaml"] = extraction.draft.catalogue
    if extraction.document.converted:
        files[folder / extraction.document.name] = canonical_text(extraction.document.lines)
    return files


def write_all(files: dict[Path, str], force: bool) -> None:
    """Write every file or none: an existing file stops everything unless --force."""
    existing = [p for p in files if p.exists()]
    if existing and not force:
        raise InputError([Problem(str(p), 0, 0, "file exists; choose another --output or add --force")
                          for p in existing])
    for path, text in files.items():
        write_atomic(path, text)


def search_indicators(catalogue: IndicatorCatalogue, query: Optional[str]) -> list[Indicator]:
    """Indicators whose id, names, unit or description contain the query (any case, blanks ignored)."""
    if not query:
        return sorted(catalogue.values(), key=lambda i: i.id)
    wanted = "".join(query.split()).lower()
    found = []
    for indicator in catalogue.values():
        fields = [indicator.id, indicator.id.replace("_", " "), indicator.unit, indicator.description or "",
                  *indicator.names]
        if any(wanted in "".join(f.split()).lower() for f in fields):
            found.append(indicator)
    return sorted(found, key=lambda i: (wanted not in (i.id, *("".join(n.split()).lower() for n in i.names)), i.id))


def unconfirmed(findings: Iterable, draft_plan: str, document: str) -> list[str]:
    """One line per finding that involves the draft: every value in it came from extraction."""
    lines = []
    for finding in findings:
        targets = [finding.target] if finding.plan == draft_plan else []
        targets += [r.subject for r in finding.related if r.plan == draft_plan]
        if finding.plan != draft_plan and not targets:
            continue
        which = ", ".join(t for t in targets if t) or draft_plan
        lines.append(f"{finding.file}:{finding.line}: {finding.rule} rests on {which}, extracted from {document} "
                     "and not yet confirmed by a person")
    return lines
