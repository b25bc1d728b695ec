"""The bundled corpus is faithful to its sources: every quote stands on its cited line of the seed
document, and every encoded number appears in its quote. Needs ../shared/seeds (present in CI)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pytest

from checker.corpus import load_corpus
from checker.model import Quantity

from conftest import PLANS, SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents (../shared/seeds) not present")

PLAN_IDS = ["zhongshan-fyp14", "qianzhong-cluster-2023", "liupanshui-urbanization-fyp14", "honghuagang-fyp14",
            "qingzhen-goals"]


@lru_cache(maxsize=None)
def corpus():
    return load_corpus([PLANS])


@lru_cache(maxsize=None)
def seed_lines(document: str) -> list[str]:
    return (SEEDS / document).read_text(encoding="utf-8").splitlines()


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII, so "５００" carries 500."""
    return unicodedata.normalize("NFKC", text)


def digits_in(number: float, text: str) -> bool:
    """Whether a number is written in the text: 500.0 as '500', 8.6 as '8.6', 0.04 as '0.04'."""
    value = float(number)
    candidates = {repr(value), f"{value:g}"}
    if value == int(value):
        candidates.add(str(int(value)))
    norm = normalize(text).replace(",", "").replace("，", "")
    for candidate in candidates:
        # trailing zeros may follow ("0.70" carries 0.7, "500.0" carries 500), other digits may not
        if re.search(rf"(?<![0-9.]){re.escape(candidate.lstrip('-'))}(\.?0*)(?![.]?[0-9])", norm):
            return True
    return False


def test_all_five_seed_plans_are_bundled():
    assert sorted(corpus().plans) == sorted(PLAN_IDS)


def sourced_items():
    for plan in corpus().plans.values():
        for item in (*plan.targets, *plan.roles, *plan.projects):
            yield plan, item


def test_every_quote_is_on_its_cited_line():
    wrong = []
    for plan, item in sourced_items():
        lines = seed_lines(plan.document)
        sources = [item.source]
        if hasattr(item, "base"):
            sources += [q.source for q in (item.base, item.target, item.growth, item.vision) if q and q.source]
        for source in sources:
            line = lines[source.line - 1] if 0 < source.line <= len(lines) else ""
            if source.quote not in line:
                wrong.append(f"{plan.id}/{item.id}: line {source.line} does not contain {source.quote!r}")
    assert not wrong, "\n".join(wrong[:30])


def numbers_of(quantity: Quantity | None):
    if quantity is None:
        return
    for number in (quantity.value, quantity.low, quantity.high):
        if number is not None:
            yield number
    if quantity.growth is not None:
        yield from ((n, quantity.growth) for n in numbers_of(quantity.growth))


def test_every_value_appears_in_its_quote():
    wrong = []
    for plan, item in sourced_items():
        if not hasattr(item, "base"):
            continue
        for field in ("base", "target", "growth", "vision"):
            quantity = getattr(item, field)
            if quantity is None:
                continue
            for number in numbers_of(quantity):
                holder = quantity
                if isinstance(number, tuple):
                    number, holder = number
                quote = (holder.source or quantity.source or item.source).quote
                if not digits_in(number, quote):
                    wrong.append(f"{plan.id}/{item.id}.{field}: {number:g} not in {quote!r}")
    assert not wrong, "\n".join(wrong[:30])


@pytest.mark.parametrize("plan_id, table, rows", [
    ("zhongshan-fyp14", "专栏2", 60),  # 序号 1–60, lines 981–1400 of 000_...
    ("qianzhong-cluster-2023", "专栏1", 29),
    ("liupanshui-urbanization-fyp14", "专栏1", 35),
])
def test_every_table_row_is_encoded(plan_id, table, rows):
    """Each indicator table has as many encoded rows as the source table has rows (序号)."""
    plan = corpus().plans[plan_id]
    encoded = {str(t.source.row) for t in plan.targets if t.source.table == table and t.source.row is not None}
    assert len(encoded) == rows, sorted(encoded, key=lambda r: (len(r), r))


def test_county_quotas_of_the_cluster_plan_are_all_encoded():
    """黔中 专栏3 lists 2025 城区常住人口 for each county as "县名（N万人）": each is a scoped target."""
    plan = corpus().plans["qianzhong-cluster-2023"]
    lines = seed_lines(plan.document)
    start = next(i for i, line in enumerate(lines) if line.startswith("专栏3"))
    end = next(i for i, line in enumerate(lines) if line.startswith("专栏4"))
    stated = sum(len(re.findall(r"（[0-9.]+万人）", line)) for line in lines[start:end])
    encoded = {t.scope for t in plan.targets if t.source.table == "专栏3" and t.indicator == "urban_area_population"}
    assert stated == 19 and len(encoded) == stated


def test_source_rows_match_the_seed_table():
    """The row numbers cited for 钟山区 专栏2 are the 序号 that stand at the start of the cited lines."""
    plan = corpus().plans["zhongshan-fyp14"]
    lines = seed_lines(plan.document)
    for target in plan.targets:
        if target.source.table == "专栏2" and target.source.row is not None:
            window = "\n".join(lines[max(0, target.source.line - 4):target.source.line])
            assert re.search(rf"(^|\n)\s*{re.escape(str(target.source.row))}(\s|$)", window), target.id
