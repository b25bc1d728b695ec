"""Doorstop's validation against plancheck's check, on the same tree of links.

What it measures
----------------
For each size N (the number of targets, default 500, 2,000 and 8,000) the script generates one seeded,
synthetic tree of targets and writes it twice, one target = one Doorstop item, links pointing upward:

* as a plancheck corpus: a regions.yaml (one province, its cities, ten counties per city) and one master
  plan per region with a target. The province plan sets each city's numbers (`scope:` = the city's
  code); each city plan states its own total for them and sets its counties' numbers (`scope:` = the
  county's code); each county plan states its own numbers;
* as a Doorstop tree (created with Doorstop's Python API: Tree.create_document, Item.new; every item
  reviewed, every link stamped): three documents PROV <- CITY <- CNTY. A city's total and its number
  for a county link to the province's number for the city; a county's number links to the city's number
  for it and to the city's total: the `assigned` and `refines` edges plancheck draws between them.

Nine indicators (GDP, population, urbanization, investment, retail sales, urban and rural income, forest
cover, budget revenue) per county. Every county states what its city assigns it, and every city total is
the sum (for rates: the mean) of its counties' numbers, so the tree is consistent: neither tool should
report anything. An N the chains do not divide ends with one to three county numbers that nothing
above sets (derived items in Doorstop).

It then times, each in a fresh Python process (so no cache leaks from one run to the next) and with
imports excluded:

* Doorstop: what the `doorstop --no-reformat` command does: build the tree from the files, load every
  document, `tree.validate()` with the CLI's cycle check (child links, suspect links, review stamps,
  levels on: the defaults). `--no-reformat` so that validation only reads, as plancheck does. (In
  Doorstop 3.2 the reverse-link check scans the child document for every item, so this grows as N²);
* plancheck: `checker.api.check([corpus], config=Config())`: load and schema-validate every file,
  build the graph, run the default rule set (no rendering).

Each is the best of --repeat runs (default 3). The table gives N, both times, the ratio
doorstop/plancheck (above 1: plancheck is faster) and what each tool reported (Doorstop warnings and
errors, plancheck findings: 0 and 0 on this clean tree). Every run's time goes to stderr.

How to run
----------
Doorstop is a benchmark-only dependency (the `bench` extra)::

    pip install -e '.[bench]'            # or: pip install doorstop
    python benchmarks/doorstop_compare.py [--sizes 500 2000 8000] [--repeat 3] [--seed 20251]

`--keep DIR` writes the generated corpora to DIR instead of a temporary folder that is deleted.
No network is used; Doorstop wants a version-control root, so the Doorstop tree gets a `git init`
(without git, an empty `.mockvcs` marker is used instead).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (500, 2000, 8000)
COUNTIES_PER_CITY = 10
PROVINCE = "990000"
PROVINCE_NAME = "合成省"

# id, label as plans write it, unit, aggregation (from rules/indicators.yaml), county value range
INDICATORS = (
    ("gdp", "地区生产总值", "亿元", "additive", (80.0, 900.0)),
    ("resident_population", "常住人口", "万人", "additive", (15.0, 120.0)),
    ("urbanization_rate", "常住人口城镇化率", "%", "ratio", (40.0, 85.0)),
    ("fixed_asset_investment", "全社会固定资产投资", "亿元", "additive", (50.0, 600.0)),
    ("retail_sales", "社会消费品零售总额", "亿元", "additive", (20.0, 300.0)),
    ("disposable_income_urban", "城镇常住居民人均可支配收入", "元", "ratio", (36000.0, 56000.0)),
    ("disposable_income_rural", "农村常住居民人均可支配收入", "元", "ratio", (13000.0, 22000.0)),
    ("forest_coverage", "森林覆盖率", "%", "ratio", (45.0, 70.0)),
    ("general_budget_revenue", "一般公共预算收入", "亿元", "additive", (5.0, 60.0)),
)
# numbers a county sets on its own, no upper plan states them: they fill the last 1-3 targets of an N
# that the chains above do not divide
UNLINKED_INDICATORS = (
    ("built_up_area", "建成区面积", "平方公里", "additive", (10.0, 60.0)),
    ("beautiful_villages", "美丽村庄", "个", "additive", (5.0, 40.0)),
    ("characteristic_towns", "特色小（城）镇", "个", "additive", (1.0, 8.0)),
)
UNLINKED = {ind[0]: ind[4] for ind in UNLINKED_INDICATORS}
BY_ID = {ind[0]: ind for ind in INDICATORS + UNLINKED_INDICATORS}


# --------------------------------------------------------------------------------------------------
# The tree of targets, independent of either tool
# --------------------------------------------------------------------------------------------------

@dataclass
class Node:
    """One target = one Doorstop item."""

    level: str                    # province | city | county: which plan / Doorstop document holds it
    plan_region: str              # region of the plan that states it
    scope: str                    # region the number is for
    indicator: str
    value: float = 0.0
    parents: tuple[int, ...] = ()  # indexes of the nodes above it (its Doorstop links)
    line: int = 0                 # line in the plan's (notional) source text


@dataclass
class Tree:
    nodes: list[Node] = field(default_factory=list)
    cities: dict[str, list[str]] = field(default_factory=dict)   # city code -> county codes


def _round(value: float) -> float:
    return round(value, 2)


def _slots():
    """(city, county, indicator) in the order chains are added: city by city, county by county."""
    for city_no in range(1, 100):
        for county_no in range(1, COUNTIES_PER_CITY + 1):
            for indicator in INDICATORS:
                yield f"99{city_no:02d}00", f"99{city_no:02d}{county_no:02d}", indicator
    raise ValueError("more than 99 cities needed; raise COUNTIES_PER_CITY")


def generate(n: int, seed: int) -> Tree:
    """Exactly `n` targets, added city by city, county by county, indicator by indicator.

    For each (county, indicator): the city plan's number for the county and the county's own number,
    which links to it (2 nodes). The first county of a city to use an indicator also adds the province
    plan's number for the city and the city plan's own total, both of which the city's numbers for its
    counties and the county's own number hang under (2 more nodes). When the next step no longer fits,
    the one to three nodes left become numbers of the last county that no upper plan sets (in Doorstop:
    derived items without links).
    """
    if n < 4:
        raise ValueError("N must be at least 4")
    rng = random.Random(seed)
    tree = Tree()
    tops: dict[tuple[str, str], tuple[int, int]] = {}   # (city, indicator) -> (province's, city's own)
    county = ""

    def add(node: Node) -> int:
        tree.nodes.append(node)
        return len(tree.nodes) - 1

    for city, next_county, (indicator, _label, _unit, _agg, (low, high)) in _slots():
        if n - len(tree.nodes) < (2 if (city, indicator) in tops else 4):
            break
        county = next_county
        counties = tree.cities.setdefault(city, [])
        if not counties or counties[-1] != county:
            counties.append(county)
        if (city, indicator) not in tops:
            province = add(Node("province", PROVINCE, city, indicator))
            tops[city, indicator] = (province, add(Node("city", city, city, indicator, parents=(province,))))
        province, city_total = tops[city, indicator]
        value = _round(rng.uniform(low, high))
        assigned = add(Node("city", city, county, indicator, value, (province,)))
        add(Node("county", county, county, indicator, value, (assigned, city_total)))
    for indicator, (low, high) in list(UNLINKED.items())[:n - len(tree.nodes)]:
        add(Node("county", county, county, indicator, float(round(rng.uniform(low, high)))))

    # a city's total (in the province's plan and its own): the sum of its counties' numbers, or for a
    # rate their mean
    values: dict[int, list[float]] = {}
    for node in tree.nodes:
        if node.level == "county" and node.parents:
            values.setdefault(node.parents[1], []).append(node.value)
    for city_total, counted in values.items():
        node = tree.nodes[city_total]
        additive = BY_ID[node.indicator][3] == "additive"
        node.value = _round(sum(counted) if additive else sum(counted) / len(counted))
        tree.nodes[node.parents[0]].value = node.value
    lines: dict[str, int] = {}                          # source lines, numbered in plan order
    for node in tree.nodes:
        lines[node.plan_region] = lines.get(node.plan_region, 0) + 1
        node.line = 100 + lines[node.plan_region]
    assert len(tree.nodes) == n, (len(tree.nodes), n)
    return tree


def region_name(code: str) -> str:
    if code == PROVINCE:
        return PROVINCE_NAME
    if code.endswith("00"):
        return f"第{int(code[2:4])}市"
    return f"第{int(code[2:4])}市第{int(code[4:6])}县"


def describe(node: Node) -> str:
    """The sentence a plan would carry for the number (item text in Doorstop, quote in plancheck)."""
    _id, label, unit, _agg, _range = BY_ID[node.indicator]
    return f"{region_name(node.scope)}{label}2025年达到{node.value:g}{unit}左右"


# --------------------------------------------------------------------------------------------------
# plancheck corpus
# --------------------------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Plain block YAML: no anchors/aliases (the plancheck loader refuses them)."""

    def ignore_aliases(self, data):  # noqa: D102 - yaml hook
        return True


def _dump(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def write_plancheck(tree: Tree, folder: Path) -> None:
    regions: list[dict] = [{"code": PROVINCE, "name": PROVINCE_NAME, "level": "province"}]
    for city, counties in tree.cities.items():
        regions.append({"code": city, "name": region_name(city), "level": "municipal", "parent": PROVINCE})
        regions += [{"code": c, "name": region_name(c), "level": "county", "parent": city} for c in counties]
    _dump({"schema": "plancheck/regions/v1", "regions": regions}, folder / "regions.yaml")

    plans: dict[str, list[Node]] = {}
    for node in tree.nodes:
        plans.setdefault(node.plan_region, []).append(node)
    for region, nodes in plans.items():
        level = {"province": "province", "city": "municipal", "county": "county"}[nodes[0].level]
        plan_id = f"{level}-{region}-fyp14"
        targets = []
        for node in nodes:
            _id, label, unit, _agg, _range = BY_ID[node.indicator]
            target = {"id": node.indicator.replace("_", "-") if node.scope == region
                      else f"{node.scope}-{node.indicator.replace('_', '-')}",
                      "indicator": node.indicator, "label": label, "unit": unit, "attribute": "expected"}
            if node.scope != region:
                target["scope"] = node.scope
            target["target"] = {"year": 2025, "value": node.value, "op": "~"}
            target["source"] = {"line": node.line, "quote": describe(node)}
            targets.append(target)
        title = f"{region_name(region)}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
        _dump({"schema": "plancheck/plan/v1", "id": plan_id, "title": title, "region": region,
               "level": level, "kind": "master", "issuer": f"{region_name(region)}人民政府",
               "period": {"base_year": 2020, "end": 2025, "vision": 2035},
               "source": {"document": f"{plan_id}.txt"}, "targets": targets},
              folder / level / f"{plan_id}.yaml")


# --------------------------------------------------------------------------------------------------
# Doorstop tree
# --------------------------------------------------------------------------------------------------

DOCUMENTS = (("province", "PROV", None), ("city", "CITY", "PROV"), ("county", "CNTY", "CITY"))


def write_doorstop(tree: Tree, folder: Path) -> None:
    """Create the documents and items with Doorstop's API: texts, stamped upward links, reviewed."""
    from doorstop import settings
    from doorstop.core.builder import build
    from doorstop.core.item import Item
    from doorstop.core.types import UID, Level

    folder.mkdir(parents=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    else:
        (folder / ".mockvcs").mkdir()
    settings.ADDREMOVE_FILES = False          # no `git add` per file while writing (this process only)
    logging.getLogger("doorstop").setLevel(logging.ERROR)
    dtree = build(cwd=str(folder), root=str(folder))
    documents = {}
    for level, prefix, parent in DOCUMENTS:
        documents[level] = dtree.create_document(str(folder / prefix.lower()), prefix, sep="-", digits=5,
                                                 parent=parent)
    numbers = {level: 0 for level, _, _ in DOCUMENTS}
    items = []
    for node in tree.nodes:                             # parents always precede their children
        document = documents[node.level]
        numbers[node.level] += 1
        uid = UID(document.prefix, document.sep, numbers[node.level], document.digits)
        item = Item.new(dtree, document, document.path, dtree.root, uid,
                        level=Level((1, numbers[node.level])), auto=False)
        item.text = describe(node)
        item.links = [UID(items[p].uid, stamp=items[p].stamp()) for p in node.parents]
        if not node.parents and node.level != "province":
            item.derived = True                         # a number no upper plan sets
        item.review()
        item.save()
        items.append(item)


# --------------------------------------------------------------------------------------------------
# Timed runs, each in its own process
# --------------------------------------------------------------------------------------------------

def _time_doorstop(root: str) -> dict:
    from doorstop import settings
    from doorstop.cli.commands import CycleTracker
    from doorstop.core.builder import build

    settings.REFORMAT = False                           # `doorstop --no-reformat`
    counts = {"warning": 0, "error": 0}

    class Count(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.ERROR:
                counts["error"] += 1
            elif record.levelno >= logging.WARNING:
                counts["warning"] += 1

    logging.root.handlers[:] = [Count(level=logging.WARNING)]
    logging.root.setLevel(logging.WARNING)
    start = time.perf_counter()
    tree = build(cwd=root, root=root)
    tree.load()
    valid = tree.validate(item_hook=CycleTracker())
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "valid": bool(valid), "items": sum(len(d) for d in tree), **counts}


def _time_plancheck(corpus: str) -> dict:
    from checker.api import check
    from checker.config import Config

    start = time.perf_counter()
    report = check([Path(corpus)], config=Config())
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "targets": report.corpus.target_count, "plans": len(report.corpus.plans),
            "findings": len(report.findings)}


WORKERS = {"doorstop": _time_doorstop, "plancheck": _time_plancheck}


def measure(tool: str, path: Path, workdir: Path) -> dict:
    """Run one timed pass in a fresh interpreter; its cwd is a scratch folder emptied beforehand."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    shutil.rmtree(path / ".plancheck-cache", ignore_errors=True)   # a parse cache, should there be one
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", tool, str(path)],
                          cwd=workdir, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} run failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_of(tool: str, path: Path, workdir: Path, repeat: int) -> dict:
    runs = [measure(tool, path, workdir) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "all": [r["seconds"] for r in runs]}


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return (f"doorstop {v('doorstop')}, plancheck {v('plancheck')}, networkx {v('networkx')}, "
            f"PyYAML {v('PyYAML')} (libyaml {'yes' if getattr(yaml, '__with_libyaml__', False) else 'no'}), "
            f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), metavar="N",
                        help="numbers of targets (= Doorstop items) to compare (default: 500 2000 8000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool and size; best is kept")
    parser.add_argument("--seed", type=int, default=20251, help="seed of the generated values")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the corpora here and keep them")
    parser.add_argument("--worker", nargs=2, metavar=("TOOL", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        tool, path = args.worker
        print(json.dumps(WORKERS[tool](path)))
        return 0

    try:
        import doorstop  # noqa: F401
    except ImportError:
        parser.error("Doorstop is not installed: pip install -e '.[bench]' (or pip install doorstop)")

    base = args.keep or Path(tempfile.mkdtemp(prefix="doorstop-compare-"))
    base.mkdir(parents=True, exist_ok=True)
    print(versions())
    print(f"seed {args.seed}; {COUNTIES_PER_CITY} counties per city, {len(INDICATORS)} indicators; "
          f"best of {args.repeat} runs, each in a fresh process, imports excluded")
    print("doorstop = build + load + validate (`doorstop --no-reformat`); plancheck = checker.api.check "
          "(load + schema + graph + default rules)\n")
    print(f"{'N':>6}  {'cities':>6}  {'counties':>8}  {'doorstop s':>10}  {'plancheck s':>11}  "
          f"{'doorstop/plancheck':>18}  {'doorstop issues':>15}  {'plancheck findings':>18}", flush=True)
    try:
        for n in args.sizes:
            tree = generate(n, args.seed)
            folder = base / f"n{n}"
            shutil.rmtree(folder, ignore_errors=True)
            write_plancheck(tree, folder / "plancheck")
            write_doorstop(tree, folder / "doorstop")
            doorstop = best_of("doorstop", folder / "doorstop", folder / "scratch", args.repeat)
            plancheck = best_of("plancheck", folder / "plancheck", folder / "scratch", args.repeat)
            if not doorstop["items"] == plancheck["targets"] == n:
                raise RuntimeError(f"N={n}: Doorstop read {doorstop['items']} items, "
                                   f"plancheck {plancheck['targets']} targets")
            ratio = doorstop["seconds"] / plancheck["seconds"]
            counties = sum(len(c) for c in tree.cities.values())
            print(f"{n:>6}  {len(tree.cities):>6}  {counties:>8}  {doorstop['seconds']:>10.3f}  "
                  f"{plancheck['seconds']:>11.3f}  {ratio:>17.1f}x  "
                  f"{doorstop['warning'] + doorstop['error']:>15}  {plancheck['findings']:>18}", flush=True)
            print(f"  N={n}: doorstop runs {', '.join(f'{s:.3f}' for s in doorstop['all'])} s; plancheck runs "
                  f"{', '.join(f'{s:.3f}' for s in plancheck['all'])} s ({plancheck['plans']} plans)",
                  file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
