"""The HTML report: index.html plus one page per plan, written whole or not at all.

Pages are self-contained (inline CSS, a small inline script, inline SVG; no fonts, images or requests of
any kind) so a reviewer can open them from a USB stick or an air-gapped machine. A Content-Security-Policy
that allows only the report's own script (by hash) backs that up: even if plan text ever reached the page
as markup, the browser would neither run it nor fetch anything.

Writing is careful because the folder may be a reviewer's only copy of the last report: pages are
rendered one at a time (on both cores for large corpora), written to a fresh folder next to the target, and swapped in with one rename, so an
interrupted run leaves the previous report whole. plancheck only ever replaces a folder it made itself
(it leaves a marker file in it), an empty one, or one that holds nothing but a README.md (kept).
"""

from __future__ import annotations

import base64
import ctypes
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import cores
from ..gcpause import paused
from ..problems import InputError, Problem
from .html_names import page_name
from .html_view import Site

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

MARKER = ".plancheck-report"
MARKER_TEXT = "This folder is written by plancheck; each `plancheck check` replaces its contents.\n"
KEEP = ("README.md",)  # files of ours that a run carries over from the previous report
STALE_SECONDS = 3600  # an unfinished new folder older than this is left over from an interrupted run


def environment() -> Environment:
    """Jinja with autoescaping on for every template: plan text is data, never markup."""
    return Environment(loader=PackageLoader("checker.render", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def _asset(env: Environment, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)
    return source


def content_policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def render_pages(report: Report, lang: str = "zh") -> dict[str, str]:
    """Every page of the report, by file name, rendered in memory."""
    return dict(iter_pages(report, lang))


class _Pages:
    """What rendering a page needs, made once (and shared with worker processes on large corpora)."""

    def __init__(self, report: Report, lang: str):
        self.env = environment()
        script, css = _asset(self.env, "report.js"), _asset(self.env, "report.css")
        if "</" in script or "</" in css:
            raise ValueError("report.js and report.css must not contain '</'")  # they are inlined
        self.common = {"script": Markup(script), "css": Markup(css), "csp": content_policy(script)}
        self.site = Site(report, lang)
        self.plan_template = self.env.get_template("plan.html")
        self.names: dict[str, str] = {}  # plan id -> page name
        for plan_id in self.site.plans:
            name = page_name(plan_id)
            if name == "index.html" or name in self.names.values():  # pragma: no cover - page_name is injective
                raise ValueError(f"two pages named {name}")
            self.names[plan_id] = name

    def index(self) -> str:
        return self.env.get_template("index.html").render(**self.site.index(), **self.common)

    def plan(self, plan_id: str) -> str:
        return self.plan_template.render(**self.site.plan_page(self.site.plans[plan_id]), **self.common)


def iter_pages(report: Report, lang: str = "zh") -> Iterator[tuple[str, str]]:
    """(file name, page) for every page, one at a time, so a national report never sits in memory whole."""
    pages = _Pages(report, lang)
    yield "index.html", pages.index()
    for plan_id, name in pages.names.items():
        yield name, pages.plan(plan_id)


PARALLEL_PAGES = 200  # plan pages from which a second process pays for itself


def _write_page(folder: Path, name: str, page: str) -> None:
    path = folder / name
    if path.parent != folder:  # pragma: no cover - page_name never has a folder part
        raise ValueError(f"page name {name!r} leaves the report folder")
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(page)


def _write_chunk(plan_ids: list[str]) -> int:
    """Write some plan pages; an empty chunk stands for the index."""
    pages, folder = cores.shared_state()
    if not plan_ids:
        _write_page(folder, "index.html", pages.index())
    for plan_id in plan_ids:
        _write_page(folder, pages.names[plan_id], pages.plan(plan_id))
    return len(plan_ids)


def _write_pages(report: Report, lang: str, folder: Path, parallel_from: int = PARALLEL_PAGES,
                 progress: Optional[Callable[[int, int], None]] = None) -> None:
    """Every page into `folder`; on large corpora the plan pages are rendered on both cores (forked
    workers share the report; each page is the same whichever process renders it)."""
    total = len(report.corpus.plans) + 1
    if len(report.corpus.plans) < parallel_from or not cores.can_fork():
        _write_here(report, lang, folder, progress)
        return
    pages = _Pages(report, lang)
    ids = list(pages.names)
    chunks = [ids[i:i + 32] for i in range(0, len(ids), 32)]
    chunks.insert(len(chunks) // 2, [])  # the index, rendered by a worker while the other one writes pages
    try:
        with cores.forked(2, (pages, folder)) as pool:
            written = done = 0
            for count in pool.map(_write_chunk, chunks):
                written += count
                done += count or 1  # the index is the chunk of no plan pages
                if progress is not None:
                    progress(done, total)
    except cores.POOL_ERRORS:
        _write_here(report, lang, folder, progress)
        return
    if written != len(ids):  # pragma: no cover - a worker either writes its chunk or raises
        raise RuntimeError(f"wrote {written} of {len(ids)} plan pages")


def _write_here(report: Report, lang: str, folder: Path, progress: Optional[Callable[[int, int], None]]) -> None:
    total = len(report.corpus.plans) + 1
    for done, (name, page) in enumerate(iter_pages(report, lang), start=1):
        _write_page(folder, name, page)
        if progress is not None:
            progress(done, total)


def write_report(report: Report, folder: Path, lang: str = "zh",
                 progress: Optional[Callable[[int, int], None]] = None) -> None:
    """Render the report and put it in `folder`, replacing the previous report in one step: pages are
    written into a fresh folder beside it, so a failure or an interruption leaves the old report whole.
    `progress(done, total)` is called as pages are written."""
    target = Path(os.path.realpath(folder))
    check_folder(target, folder)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    _sweep(parent, target.name)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.plancheck-new-", dir=parent))
    try:
        (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        with paused():
            _write_pages(report, lang, fresh, progress=progress)
        for name in KEEP:
            if (target / name).is_file():
                shutil.copyfile(target / name, fresh / name)
        os.chmod(fresh, 0o777 & ~_umask())
        _swap_into_place(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def is_ours(folder: Path) -> bool:
    """Whether plancheck may replace this folder: it made it, or it is empty, or it holds only a README."""
    try:
        entries = set(os.listdir(folder))
    except FileNotFoundError:
        return True
    return MARKER in entries or entries <= set(KEEP)


def check_folder(target: Path, shown: Path) -> None:
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise InputError([Problem(str(shown), 0, 0, "exists and is not a folder; choose another --html DIR")])
    if not is_ours(target):
        raise InputError([Problem(str(shown), 0, 0,
                                  f"exists, is not empty and was not written by plancheck (it has no {MARKER} "
                                  "file); plancheck will not replace it. Choose another --html DIR or empty it")])


def _swap_into_place(fresh: Path, target: Path) -> None:
    if not os.path.lexists(target):
        try:
            os.rename(fresh, target)
            return
        except OSError:
            # another run put its report there since we looked: replace it as we would any report of ours
            if not os.path.isdir(target) or os.path.islink(target):
                raise
            check_folder(target, target)
    if _exchange(fresh, target):  # atomic: the target is never missing, not even for a moment
        shutil.rmtree(fresh, ignore_errors=True)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.plancheck-old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one system call (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _sweep(parent: Path, name: str) -> None:
    """Remove what interrupted runs left next to the target: only folders we made (they hold the marker)."""
    now = time.time()
    for entry in sorted(parent.glob(f".{name}.plancheck-*")):
        if not entry.is_dir() or entry.is_symlink() or not (entry / MARKER).is_file():
            continue
        old = ".plancheck-old-" in entry.name
        if old or now - entry.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(entry, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
