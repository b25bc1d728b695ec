"""The bundled indicator catalogue: one quantity, one id; related quantities related, not merged."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "rules" / "indicators.yaml"
SPELLING = (("labour", "labor"), ("colour", "color"), ("centre", "center"), ("ise_", "ize_"), ("isation", "ization"))


def indicators() -> list[dict]:
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["indicators"]


def spelling_key(indicator_id: str) -> str:
    """An id with British/American spellings, plurals and underscores folded: ids equal here differ only in spelling."""
    key = indicator_id + "_"
    for british, american in SPELLING:
        key = key.replace(british, american)
    return re.sub(r"s_", "_", key).replace("_", "")


def test_no_name_is_registered_under_two_ids():
    ids_by_name = defaultdict(list)
    for item in indicators():
        for name in item["names"]:
            ids_by_name[name].append(item["id"])
    assert not {name: ids for name, ids in ids_by_name.items() if len(ids) > 1}


def test_no_two_ids_differ_only_in_spelling():
    by_key = defaultdict(list)
    for item in indicators():
        by_key[spelling_key(item["id"])].append(item["id"])
    assert not [ids for ids in by_key.values() if len(ids) > 1]
    assert spelling_key("rural_labour_transfer") == spelling_key("rural_labor_transfer")  # the fold itself works


def test_every_indicator_has_an_english_name():
    assert not [item["id"] for item in indicators() if not item.get("en")]


def test_quantities_split_by_unit_are_kept_apart_but_related():
    """进出口总额 in 亿美元 (钟山) and in 亿元 (红花岗, 黔中) do not convert: two ids, one variant of the other."""
    by_id = {item["id"]: item for item in indicators()}
    assert by_id["imports_exports_usd"]["variant_of"] == "imports_exports"
    assert by_id["imports_exports_usd"]["unit"] == "亿美元" and by_id["imports_exports"]["unit"] == "亿元"
    assert set(by_id["gas_heating_pipes_renovated"]["includes"]) == {"renovated_gas_pipes", "renovated_heating_pipes"}
    assert by_id["water_supply_pipe_renovation"]["sum_of"] == ["new_water_supply_pipes", "renovated_water_supply_pipes"]
