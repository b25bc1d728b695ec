"""How well `plancheck extract` recovers the hand encoding of the bundled plans from their seed texts.

For each bundled plan: extract a draft from its seed document, then
- recall: the share of encoded values (base/target/growth/vision numbers) that the draft has, with the
  same number, within 3 lines of the encoded line;
- precision: the share of the draft's values that match an encoded value the same way;
- time: the extraction, best of 3;
- projects and roles: encoded ones found (a drafted one within 3 lines: f/e), and drafted ones near an
  encoded one (r/d);
- valid: the draft, with its proposed catalogue, passes `plancheck validate` and `validate --sources`.

Run from the repository root: python benchmarks/extract_eval.py [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.corpus import load_corpus, validate_paths  # noqa: E402
from checker.extract import extract  # noqa: E402
from checker.extract.citations import check_sources  # noqa: E402

WINDOW = 3


def encoded_numbers(plan) -> list[tuple[float, int]]:
    out = []
    for target in plan.targets:
        for quantity in (target.base, target.target, target.growth, target.vision):
            if quantity is None:
                continue
            line = quantity.source.line if quantity.source else target.source.line
            for inner in (quantity, quantity.growth):
                if inner is None:
                    continue
                for number in (inner.value, inner.low, inner.high):
                    if number is not None:
                        out.append((float(number), line))
    return out


def matched(number: tuple[float, int], others: list[tuple[float, int]]) -> bool:
    value, line = number
    return any(abs(value - v) < 1e-9 and abs(line - l) <= WINDOW for v, l in others)


def evaluate(plan, corpus, seeds: Path) -> dict:
    document = seeds / plan.document
    times = []
    for _ in range(3):
        start = time.perf_counter()
        result = extract(document, corpus, plan.region, plan.level, plan.kind, plan_id=plan.id + "-extracted")
        times.append(time.perf_counter() - start)
    drafted = [n for c in result.draft.written for n in c.numbers()]
    encoded = encoded_numbers(plan)
    recall = sum(matched(n, drafted) for n in encoded) / max(1, len(encoded))
    precision = sum(matched(n, encoded) for n in drafted) / max(1, len(drafted))
    near = lambda line, lines: any(abs(line - other) <= WINDOW for other in lines)  # noqa: E731
    encoded_projects = [p.source.line for p in plan.projects]
    drafted_projects = [p.line for p in result.projects]
    encoded_roles = [r.source.line for r in plan.roles]
    drafted_roles = [r.line for r in result.roles]
    roles = (sum(near(l, drafted_roles) for l in encoded_roles), len(encoded_roles),
             sum(near(l, encoded_roles) for l in drafted_roles), len(drafted_roles))
    projects = (sum(near(l, drafted_projects) for l in encoded_projects), len(encoded_projects),
                sum(near(l, encoded_projects) for l in drafted_projects), len(drafted_projects))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "plans" / "regions.yaml", folder / "regions.yaml")
        (folder / "draft.yaml").write_text(result.draft.text, encoding="utf-8")
        if result.draft.catalogue:
            (folder / "draft.indicators.yaml").write_text(result.draft.catalogue, encoding="utf-8")
        problems = validate_paths([folder]).problems
        if not problems:
            problems = check_sources(load_corpus([folder], use_cache=False), seeds)
    return {"plan": plan.id, "encoded": len(encoded), "drafted": len(drafted), "recall": recall,
            "precision": precision, "seconds": min(times), "targets": result.draft.targets,
            "review": result.draft.review, "problems": problems, "projects": projects, "roles": roles}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    corpus = load_corpus([ROOT / "plans"])
    rows = [evaluate(plan, corpus, args.seeds) for plan in corpus.plans.values()]
    print(f"{'plan':32} {'encoded':>7} {'drafted':>7} {'recall':>7} {'precis.':>7} {'time s':>7} "
          f"{'targets':>7} {'review':>6}  projects f/e r/d  roles f/e r/d  valid")
    for row in rows:
        print(f"{row['plan']:32} {row['encoded']:7} {row['drafted']:7} {row['recall']:7.1%} {row['precision']:7.1%} "
              f"{row['seconds']:7.2f} {row['targets']:7} {row['review']:6}  "
              f"{row['projects'][0]:3}/{row['projects'][1]:<3} {row['projects'][2]:3}/{row['projects'][3]:<3}   "
              f"{row['roles'][0]:3}/{row['roles'][1]:<3} {row['roles'][2]:3}/{row['roles'][3]:<3}  "
              f"{'yes' if not row['problems'] else str(len(row['problems'])) + ' problem(s)'}")
    encoded = sum(r["encoded"] for r in rows)
    drafted = sum(r["drafted"] for r in rows)
    recall = sum(r["recall"] * r["encoded"] for r in rows) / max(1, encoded)
    precision = sum(r["precision"] * r["drafted"] for r in rows) / max(1, drafted)
    print(f"{'all five':32} {encoded:7} {drafted:7} {recall:7.1%} {precision:7.1%}")
    for row in rows:
        for problem in row["problems"][:5]:
            print(f"  {row['plan']}: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
