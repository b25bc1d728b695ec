"""The HTML report: index.html plus one page per plan, written whole or not at all.

Pages need nothing outside the report folder (one shared stylesheet and script, report.css and report.js,
beside them; one data file per plan, with what its targets' link chips and graph boxes show on every page
that links to them (html_shared.py); inline SVG charts; no fonts, images or requests of any kind) so a
reviewer can open them from a USB stick or an air-gapped machine. A Content-Security-Policy that allows
only script files of the report folder, the report's stylesheet and a plan page's own style element (by
hash) backs that up: even if plan text ever reached the page as markup, the browser would neither run it
nor fetch anything.

Writing is careful because the folder may be a reviewer's only copy of the last report: pages are
rendered one at a time (on both cores for large corpora), written to a fresh folder next to the target, and swapped in with one rename, so an
interrupted run leaves the previous report whole. plancheck only ever replaces a folder that holds
nothing it did not write: regular files listed in its marker file, and a README.md (carried over, never
through a link). A report folder that is a link out of the folder holding it is refused.
"""

from __future__ import annotations

import base64
import ctypes
import hashlib
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..discovery import printable
from ..output import describe_os_error, umask
from ..speed import cores
from ..speed.gcpause import paused
from ..problems import InputError, Problem
from .html_names import page_name
from .html_print import page_css, run_date
from .html_shared import plan_script, script_name
from .svg import palette_css
from .template_cache import template_cache
from .html_view import Site
from .report_state import remember, report_key, unchanged
from .sources import Documents, corpus_documents

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

MARKER = ".plancheck-report"
MARKER_TEXT = "This folder is written by plancheck; each `plancheck check` replaces its contents.\n"
KEEP = ("README.md",)  # files of ours that a run carries over from the previous report
STALE_SECONDS = 3600  # an unfinished new folder older than this is left over from an interrupted run


def environment(compiled: bool = False) -> Environment:
    """Jinja with autoescaping on for every template: plan text is data, never markup. `compiled`: keep
    the compiled templates in the signed cache (template_cache.py) for the next run."""
    return Environment(loader=PackageLoader("checker.render", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, bytecode_cache=template_cache() if compiled else None)


def _asset(env: Environment, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)
    return source


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_policy(style: str = "") -> str:
    """The page may run the report's script files and use its stylesheet (files beside it) and its own
    style element (by hash); no inline script, nothing else, and nothing from anywhere."""
    styles = f"'self' {_digest(style)}" if style else "'self'"
    return (f"default-src 'none'; script-src 'self'; style-src {styles}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def render_pages(report: Report, lang: str = "zh", documents: Optional[Path] = None) -> dict[str, str]:
    """Every page of the report, by file name, rendered in memory."""
    return dict(iter_pages(report, lang, documents))


class _Pages:
    """What rendering a page needs, made once (and shared with worker processes on large corpora)."""

    def __init__(self, report: Report, lang: str, documents: Optional[Path] = None):
        self.env = environment(compiled=True)
        self.common = {"csp": content_policy(), "run_date": run_date(), "version": __version__,
                       "page_css": "", "data_scripts": []}
        self.documents: Documents = corpus_documents(report.corpus, documents)
        self.site = Site(report, lang, self.documents)
        self.plan_template = self.env.get_template("plan.html")
        self.names: dict[str, str] = {}  # plan id -> page name
        for plan_id in self.site.plans:
            name = page_name(plan_id)
            if name == "index.html" or name in self.names.values():  # pragma: no cover - page_name is injective
                raise ValueError(f"two pages named {name}")
            self.names[plan_id] = name

    def index(self) -> str:
        """index.html: every finding; for a large corpus, the national summary (see `parts`)."""
        parts = self.site.parts()
        if parts:
            return self.env.get_template("summary.html").render(**self.common, **self.site.summary(parts))
        return self.env.get_template("index.html").render(**self.common, **self.site.index())

    def parts(self) -> Iterator[tuple[str, str]]:
        """A large corpus's index pages, one per province and city cluster (each kept well under 1 MB)."""
        template = self.env.get_template("index.html")
        for part in self.site.parts():
            yield part["page"], template.render(**self.common, **self.site.index(part["plans"], part))

    def plan(self, plan_id: str) -> str:
        plan = self.site.plans[plan_id]
        style = page_css(f"{self.site.title(plan)} · {self.site.t['memo']}")
        return self.plan_template.render(**{**self.common, **self.site.plan_page(plan), "page_css": Markup(style),
                                            "csp": content_policy(style)})

    def data(self, plan_id: str) -> tuple[str, str]:
        """A plan's data file (name, text): what its targets' chips and graph boxes show on any page."""
        plan = self.site.plans[plan_id]
        return script_name(plan_id), plan_script(plan, self.site.title(plan), self.site.plan_records(plan))
    def sources(self) -> Iterator[tuple[str, str]]:
        """One page per source document found, each rendered once however many plans cite it."""
        template = self.env.get_template("source.html")
        for document in self.documents.found.values():
            yield document.page, template.render(**self.common, **self.site.source_page(document))


def iter_pages(report: Report, lang: str = "zh", documents: Optional[Path] = None) -> Iterator[tuple[str, str]]:
    """(file name, page) for every page, one at a time, so a national report never sits in memory whole."""
    pages = _Pages(report, lang, documents)
    yield "index.html", pages.index()
    for plan_id, name in pages.names.items():
        yield name, pages.plan(plan_id)
        yield pages.data(plan_id)
    yield from pages.parts()
    yield from pages.sources()


def assets() -> list[tuple[str, str]]:
    """The files every page shares, written once into the report folder: the stylesheet and the script."""
    env = environment()
    return [("report.css", _asset(env, "report.css") + palette_css()), ("report.js", _asset(env, "report.js"))]


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
        _write_page(folder, *pages.data(plan_id))
    return len(plan_ids)


def _write_pages(report: Report, lang: str, folder: Path, progress: Optional[Callable[[int, int], None]] = None,
                 documents: Optional[Path] = None) -> None:
    """Every page into `folder`; on large corpora the plan pages are rendered on both cores (forked
    workers share the report; each page is the same whichever process renders it)."""
    total = len(report.corpus.plans) + 1
    if not cores.worth_a_worker("render", len(report.corpus.plans)):
        _write_here(report, lang, folder, progress, documents)
        return
    pages = _Pages(report, lang, documents)
    for name, page in (*assets(), *pages.parts(), *pages.sources()):
        _write_page(folder, name, page)
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
        _write_here(report, lang, folder, progress, documents)
        return
    if written != len(ids):  # pragma: no cover - a worker either writes its chunk or raises
        raise RuntimeError(f"wrote {written} of {len(ids)} plan pages")


def _write_here(report: Report, lang: str, folder: Path, progress: Optional[Callable[[int, int], None]],
                documents: Optional[Path] = None) -> None:
    total = len(report.corpus.plans) + 1
    for name, text in assets():
        _write_page(folder, name, text)
    done = 0
    for name, page in iter_pages(report, lang, documents):
        _write_page(folder, name, page)
        if name.endswith(".html"):  # a plan's data file goes with its page
            done += 1
            if progress is not None:
                progress(min(done, total), total)


def write_report(report: Report, folder: Path, lang: str = "zh",
                 progress: Optional[Callable[[int, int], None]] = None, documents: Optional[Path] = None) -> None:
    """Render the report and put it in `folder`, replacing the previous report in one step: pages are
    written into a fresh folder beside it, so a failure or an interruption leaves the old report whole.
    `progress(done, total)` is called as pages are written. The source documents the plans cite are
    looked up in `documents` and rendered as pages of their own (see sources.py). A full disk, a read-only
    or forbidden folder is an InputError naming the folder (exit 2), with the previous report whole."""
    try:
        _write_report(report, folder, lang, progress, documents)
    except OSError as exc:
        about = f" ({printable(os.fsdecode(exc.filename))})" if exc.filename else ""
        raise InputError([Problem(str(folder), 0, 0, f"cannot write the report: {describe_os_error(exc)}{about}")]) \
            from None


def _write_report(report: Report, folder: Path, lang: str, progress: Optional[Callable[[int, int], None]],
                  documents: Optional[Path]) -> None:
    target = report_target(folder)
    check_folder(target, folder)
    key = report_key(report, lang, documents)
    listed = _written_by_us(target) if os.path.isdir(target) else None
    pages_listed = None if listed is None else listed - {MARKER, *KEEP}
    if unchanged(report.corpus.cache, target, key, pages_listed):
        return  # a warm run on the same inputs: the folder already holds these very bytes
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    _sweep(parent, target.name)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.plancheck-new-", dir=parent))
    try:
        (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        with paused():
            _write_pages(report, lang, fresh, progress=progress, documents=documents)
        pages = sorted(os.listdir(fresh))
        for name in KEEP:
            _carry_over(target / name, fresh / name)
        (fresh / MARKER).write_text(MARKER_TEXT + "".join(f"{name}\n" for name in pages if name != MARKER),
                                    encoding="utf-8")
        os.chmod(fresh, 0o777 & ~umask())
        _swap_into_place(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    remember(report.corpus.cache, target, key, [name for name in pages if name != MARKER])


def report_target(folder: Path) -> Path:
    """The real folder the report goes to. A symbolic link on the way (a planted `reports -> /etc`) is
    followed only when it leads inside the folder holding it; below the working folder every link on the
    path is checked, the report folder itself always."""
    absolute = Path(os.path.abspath(folder))
    here = Path.cwd()
    steps = [absolute, *(p for p in absolute.parents if here in p.parents)]
    for step in steps:
        if os.path.islink(step):
            resolved, home = Path(os.path.realpath(step)), Path(os.path.realpath(step.parent))
            if home not in resolved.parents:
                raise InputError([Problem(str(folder), 0, 0, f"{step} is a symbolic link to {resolved}, outside "
                                                             f"{home}; plancheck does not write a report there")])
    return Path(os.path.realpath(folder))


def _carry_over(old: Path, new: Path) -> None:
    """Copy a file of ours (README.md) from the previous report; never through a link."""
    try:
        handle = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # pragma: no cover - check_folder refused it
            return
        new.write_bytes(stream.read())


def _written_by_us(folder: Path) -> Optional[set[str]]:
    """The names plancheck wrote into `folder` (from its marker), or None when it has no marker. A marker
    of an older version lists no names: its pages (*.html) count as ours."""
    try:
        handle = os.open(folder / MARKER, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        listed = stream.read(1 << 20).decode("utf-8", "replace")
    names = {line for line in listed.splitlines()[1:] if line}
    if not names:
        names = {name for name in os.listdir(folder) if name.endswith(".html")}
    return names | {MARKER}


def foreign_entries(folder: Path) -> list[str]:
    """What in `folder` plancheck did not write: anything but regular files it listed in its marker (or
    a README.md); links, folders and devices always. Empty when plancheck may replace the folder."""
    try:
        entries = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    ours = (_written_by_us(folder) or set()) | set(KEEP)
    return [name for name in entries
            if name not in ours or not stat.S_ISREG(os.lstat(folder / name).st_mode)]


def is_ours(folder: Path) -> bool:
    """Whether plancheck may replace this folder: it holds nothing plancheck did not write."""
    return not foreign_entries(folder)


def check_folder(target: Path, shown: Path) -> None:
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise InputError([Problem(str(shown), 0, 0, "exists and is not a folder; choose another --html DIR")])
    foreign = foreign_entries(target)
    if foreign:
        listed = ", ".join(_shown_name(target / name) for name in foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise InputError([Problem(str(shown), 0, 0,
                                  f"holds {listed}, which was not written by plancheck (not a regular file "
                                  f"listed in its {MARKER} file); plancheck will not replace or copy it. "
                                  "Choose another --html DIR or move it away")])


def _shown_name(path: Path) -> str:
    kind = " (a symbolic link)" if os.path.islink(path) else " (a folder)" if path.is_dir() else ""
    return repr(path.name)[1:-1] + kind


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
        _remove_ours(fresh)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.plancheck-old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    os.rename(fresh, target)
    _remove_ours(old)


def _remove_ours(folder: Path) -> None:
    """Delete a previous report: the files plancheck wrote, then the folder if that emptied it. Whatever
    else appeared in it meanwhile stays."""
    for name in sorted((_written_by_us(folder) or set()) | set(KEEP)):
        path = folder / name
        if os.path.lexists(path) and stat.S_ISREG(os.lstat(path).st_mode):
            os.unlink(path)
    try:
        os.rmdir(folder)
    except OSError:
        pass


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
        if entry.is_symlink() or not entry.is_dir() or _written_by_us(entry) is None or not is_ours(entry):
            continue
        old = ".plancheck-old-" in entry.name
        if old or now - entry.stat().st_mtime > STALE_SECONDS:
            _remove_ours(entry)

