"""Whether the report folder already holds exactly what this run would write, so a warm run need not
write it again.

A report is a function of the corpus (its content digest, which also covers plancheck's code), the rules
and configuration in force, the findings with their waivers and baseline, the language, the date of the
run, the cited source documents and the report's templates. `report_key` hashes all of them; a run that
writes the report notes the key and the size and modification time of every file it wrote, in the
corpus's signed cache (never in the report folder, which stays byte-identical). The next run with the same key finds the folder as it was left (every file there, of the size and time
recorded, nothing else: check_folder refuses anything foreign) and leaves it alone. Anything else, a
narrowed run, a corpus without a digest (cache off) or a file touched since, writes the report anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..discovery import document_in
from .html_print import run_date

if TYPE_CHECKING:
    from ..api import Report

TEMPLATES = Path(__file__).resolve().parent / "templates"


def report_key(report: "Report", lang: str, documents: Optional[Path]) -> Optional[str]:
    """The hash of everything the report's bytes depend on; None when a run cannot be sure of it."""
    corpus = report.corpus
    if corpus.cache is None or corpus.digest is None or corpus.partial or report.selected is not None:
        return None
    digest = hashlib.sha256()
    for part in (corpus.digest, lang, run_date(), repr(report.rules), repr(report.config)):
        digest.update(part.encode("utf-8") + b"\0")
    findings = [{**f.as_dict(lang), "messages": f.message} for f in report.findings]
    digest.update(json.dumps([findings, report.baseline_fixed], sort_keys=True, default=str,
                             ensure_ascii=False).encode("utf-8"))
    for name in sorted(os.listdir(TEMPLATES)):
        digest.update(name.encode("utf-8") + b"\0" + (TEMPLATES / name).read_bytes())
    digest.update(repr(os.path.abspath(documents) if documents is not None else None).encode("utf-8"))
    for name in sorted({plan.document for plan in corpus.plans.values() if plan.document}):
        path = document_in(documents, name) if documents is not None else None
        try:
            found = os.stat(path) if path is not None else None
        except OSError:
            found = None
        shown = f"{found.st_size}:{found.st_mtime_ns}" if found is not None else "-"
        digest.update(f"\0{name}\0{shown}".encode("utf-8"))
    return digest.hexdigest()


def _slot(cache) -> str:
    """One entry, for the last report written (its folder is part of it), as the findings have one."""
    return cache.key("report-state", b"")


def remember(cache, target: Path, key: Optional[str], names: list[str]) -> None:
    """Note, in the user's signed cache, the key and the size and modification time of every file the run
    wrote into `target`, in the corpus's signed cache (the report folder stays byte-identical: nothing of
    this goes into it; deleting the cache makes the next run write the report)."""
    if key is None or cache is None:
        return
    files = {}
    for name in names:
        found = os.lstat(target / name)
        files[name] = (found.st_size, found.st_mtime_ns)
    cache.put(_slot(cache), (os.path.abspath(target), key, files))


def unchanged(cache, target: Path, key: Optional[str], listed: Optional[set[str]]) -> bool:
    """Whether `target` holds the report of `key` as the run that wrote it left it: the pages its marker
    lists (`listed`, without the marker and the files carried over) are the files that run wrote, each of
    the size and time it had then."""
    if key is None or listed is None or cache is None:
        return False
    noted = cache.get(_slot(cache))
    if not isinstance(noted, tuple) or len(noted) != 3 or noted[:2] != (os.path.abspath(target), key):
        return False
    files = noted[2]
    if set(files) != listed:
        return False
    for name, recorded in files.items():
        try:
            found = os.lstat(target / name)
        except OSError:
            return False
        if not stat.S_ISREG(found.st_mode) or (found.st_size, found.st_mtime_ns) != tuple(recorded):
            return False
    return True
