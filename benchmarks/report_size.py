"""How big an HTML report is, and where its bytes go: the figures docs/performance.md quotes.

    python benchmarks/report_size.py REPORT_DIR

Prints the folder's total (as `du -sb` counts files), the files by kind (plan pages, plan data files,
index pages, source pages, shared assets) and, for an average plan page, the share of its parts: the
target table (with the link chips' references on their own), the graph, the finding cards (with their
charts on their own), the page's data block and the rest (header, cover, relations, filters).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

PARTS = {  # name -> pattern of what it measures on a plan page (first match; chips: every match)
    "target table": r'<section class="block" id="targets">.*?</section>',
    "link chips (in the target table)": r'<td class="links"[^>]*>.*?</td>',
    "graph": r'<div class="graph-box".*?</div>|<svg[^>]*class="graph".*?</svg>',
    "page data block (graph layout, plans referred to)": r'<script type="application/json" id="page-data">.*?</script>',
    "finding cards": r'<article.*?</article>',
    "charts (in the cards)": r'<svg[^>]*class="chart".*?</svg>',
}
EVERY = {"link chips (in the target table)", "finding cards", "charts (in the cards)"}


def kind(name: str) -> str:
    if name.startswith("plan-"):
        return "plan pages" if name.endswith(".html") else "plan data files"
    if name.startswith("index"):
        return "index pages"
    if name.startswith("source-"):
        return "source pages"
    return "shared assets and marker"


def measure(folder: Path) -> dict:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    kinds: dict[str, list[int]] = {}
    for path in files:
        kinds.setdefault(kind(path.name), []).append(path.stat().st_size)
    parts = dict.fromkeys(PARTS, 0)
    pages = [p for p in files if kind(p.name) == "plan pages"]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for name, pattern in PARTS.items():
            found = re.findall(pattern, text, re.S) if name in EVERY else re.findall(pattern, text, re.S)[:1]
            parts[name] += sum(len(m.encode("utf-8")) for m in found)
    return {"total": sum(sum(v) for v in kinds.values()), "kinds": kinds, "parts": parts, "pages": len(pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    result = measure(args.folder)
    print(f"{args.folder}: {result['total']:,} bytes in {sum(len(v) for v in result['kinds'].values())} files")
    for name, sizes in sorted(result["kinds"].items()):
        print(f"  {name}: {len(sizes)} files, {sum(sizes):,} bytes, {sum(sizes) / len(sizes) / 1024:.1f} KB on average")
    pages = result["pages"]
    if pages:
        whole = sum(result["kinds"]["plan pages"])
        print(f"an average plan page: {whole / pages / 1024:.1f} KB, of which")
        for name, size in result["parts"].items():
            print(f"  {name}: {size / pages / 1024:.1f} KB ({size / whole:.0%})")


if __name__ == "__main__":
    main()
