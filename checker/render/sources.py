"""The source view: each source document of the corpus rendered once as a page of the report, one anchor
per line, so that every quote and line reference on a card opens the text around it.

Documents are found by name (a plan's `source.document`) in one documents folder (`--documents DIR` or
`documents` in the configuration). The name comes from plan text, so it is trusted no further than a
plain file name directly inside that folder: no folder part, no '..', no symbolic link out of it. A
document that cannot be found or read is listed as missing; the report still builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..discovery import document_in
from .html_names import safe_slug

MAX_BYTES = 20_000_000  # a longer "document" is not a plan text; it is listed as missing, not rendered


@dataclass
class Document:
    name: str  # as the plans cite it
    page: str  # file name of its page in the report
    lines: list[str]
    plans: list[str] = field(default_factory=list)  # ids of the plans that cite it, in corpus order


@dataclass
class Missing:
    name: str
    reason: str  # a key of the interface words: doc_not_found, doc_unreadable, doc_too_large, doc_bad_name


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def source_page(name: str) -> str:
    """The report file of a document: 'source-<name>.html' for a plain name, else 'source~<slug>.html'
    ('~' never occurs in a plain name, so the two kinds cannot collide); never a folder part."""
    return f"source-{name}.html" if _PLAIN.fullmatch(name) else f"source~{safe_slug(name)}.html"


def line_anchor(line: int) -> str:
    return f"L{line}"


class Documents:
    """The documents a report shows, read once: by name, with what could not be found."""

    def __init__(self, folder: Optional[Path], cited: Iterable[tuple[str, str]]):
        """`cited`: (document name, plan id) pairs in corpus order."""
        self.folder = folder
        self.found: dict[str, Document] = {}
        self.missing: dict[str, Missing] = {}
        pages: set[str] = set()
        for name, plan_id in cited:
            if not name:
                continue
            if name in self.found:
                if plan_id not in self.found[name].plans:
                    self.found[name].plans.append(plan_id)
                continue
            if name in self.missing:
                continue
            lines, reason = self._read(name)
            page = source_page(name)
            if lines is None or page in pages:
                self.missing[name] = Missing(name, reason if lines is None else "doc_bad_name")
                continue
            pages.add(page)
            self.found[name] = Document(name, page, lines, [plan_id])

    def _read(self, name: str) -> tuple[Optional[list[str]], str]:
        if self.folder is None:
            return None, "doc_not_found"
        path = document_in(self.folder, name)
        if path is None:
            return None, "doc_bad_name"
        try:
            if not path.is_file():
                return None, "doc_not_found"
            if path.stat().st_size > MAX_BYTES:
                return None, "doc_too_large"
            with open(path, "rb") as stream:
                data = stream.read(MAX_BYTES + 1)
        except OSError:
            return None, "doc_unreadable"
        # numbered as the encoders (and tests/test_fidelity.py) number them: str.splitlines
        return data.decode("utf-8-sig", errors="replace").splitlines(), ""

    def href(self, document: str, line: Optional[int]) -> str:
        """The link to a line of a document, '' when the document is not in the report or the line not in it."""
        found = self.found.get(document)
        if found is None:
            return ""
        if line and 1 <= line <= len(found.lines):
            return f"{found.page}#{line_anchor(line)}"
        return found.page


def corpus_documents(corpus, folder: Optional[Path]) -> Documents:
    """The documents the plans of a corpus cite (their `source.document`), looked up in `folder`."""
    return Documents(folder, ((plan.document, plan.id) for plan in corpus.plans.values()))
