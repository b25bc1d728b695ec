"""How fast the report's entry pages open in headless Chromium, and how big the report is.

    python benchmarks/page_load.py REPORT_DIR [--runs 5] [--pages index.html ...]

For each page (by default index.html, and the largest province index and city-cluster index of a large
corpus's report) it opens file://… in a fresh tab `--runs` times and prints the median and range of the time
to DOMContentLoaded and to the load event (Navigation Timing), with the page's size. It also prints the
report folder's total size and its number of pages. Needs chromium and chromedriver (Debian's packages)
and selenium (the test extra). A reading of one machine: quote it beside the sizes, as docs/performance.md
does.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path


def _driver(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", f"--user-data-dir={profile}",
                 "--window-size=1300,900"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)


def _entry_pages(folder: Path) -> list[Path]:
    pages = [folder / "index.html"]
    for kind in ("index-province-", "index-cluster-"):  # the largest of each kind: the slowest to open
        found = sorted(folder.glob(f"{kind}*.html"), key=lambda p: (-p.stat().st_size, p.name))
        pages += found[:1]
    return [p for p in pages if p.is_file()]


def measure(browser, page: Path, runs: int) -> tuple[list[float], list[float]]:
    ready, loaded = [], []
    for _ in range(runs):
        browser.get("about:blank")
        browser.get(page.resolve().as_uri())
        timing = browser.execute_script(
            "const t = performance.getEntriesByType('navigation')[0];"
            "return [t.domContentLoadedEventEnd, t.loadEventEnd];")
        ready.append(timing[0])
        loaded.append(timing[1])
    return ready, loaded


def _figure(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="*", help="page names inside the report folder")
    args = parser.parse_args(argv)
    folder = args.report
    if not (folder / "index.html").is_file():
        print(f"{folder}: no index.html here", file=sys.stderr)
        return 2
    files = [p for p in folder.rglob("*") if p.is_file()]
    html_pages = [p for p in files if p.suffix == ".html"]
    total = sum(p.stat().st_size for p in files)
    print(f"report: {total / 1e6:.1f} MB in {len(files)} files, {len(html_pages)} HTML pages, "
          f"{total / max(len(html_pages), 1) / 1e3:.1f} KB a page on average")
    pages = [folder / name for name in args.pages] if args.pages else _entry_pages(folder)
    with tempfile.TemporaryDirectory(prefix="plancheck-page-load-") as profile:
        browser = _driver(Path(profile))
        try:
            print("| page | size | DOMContentLoaded | load |")
            print("|---|---|---|---|")
            for page in pages:
                ready, loaded = measure(browser, page, args.runs)
                print(f"| {page.name} | {page.stat().st_size / 1e3:.0f} KB | {_figure(ready)} | {_figure(loaded)} |")
        finally:
            browser.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
