"""Schema violations and reference problems land on the offending node, all of them at once."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.corpus import load_corpus, validate_paths
from checker.problems import InputError
from checker.schema import NAMES, load_schema

from conftest import run_cli



@pytest.mark.parametrize("name", NAMES)
def test_schemas_are_valid_draft_2020_12_with_id_and_bilingual_descriptions(name):
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f"{name}.schema.json")
    assert " / " in schema["description"]  # zh / en


def problems_of(folder: Path) -> list:
    return validate_paths([folder]).problems


def write_plan(corpus: Path, text: str) -> Path:
    path = corpus / "plans" / "county.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_mini_corpus_is_valid(mini_corpus):
    corpus = load_corpus([mini_corpus])
    assert list(corpus.plans) == ["county-plan"]
    plan = corpus.plans["county-plan"]
    gdp = plan.targets[0]
    assert gdp.location.line == 10 and gdp.scope == "520201"
    assert gdp.target.value == 500 and gdp.target.op == "~" and gdp.growth.value == 8.6
    assert plan.roles[0].exclusive and plan.projects[0].regions == ("520201", "520204")


def test_all_violations_of_a_file_at_once(mini_corpus):
    path = mini_corpus / "plans" / "county.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("attribute: expected", "attribute: likely").replace("kind: master", "kind: big")
    text = text.replace("op: \"~\"", "op: about")
    path.write_text(text, encoding="utf-8")
    problems = problems_of(mini_corpus)
    found = {(p.line, p.message.split(":")[0]) for p in problems}
    assert (6, "kind") in found
    assert (14, "targets[0].attribute") in found
    assert (16, "targets[0].target.op") in found
    assert all(p.file.endswith("county.yaml") for p in problems)


def test_reference_problems(mini_corpus):
    path = mini_corpus / "plans" / "county.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("indicator: urbanization_rate", "indicator: urbanisation")
    text = text.replace("regions: [\"520201\", \"520204\"]", "regions: [\"520201\", \"529999\"]")
    path.write_text(text, encoding="utf-8")
    messages = {p.line: p.message for p in problems_of(mini_corpus)}
    assert "unknown indicator 'urbanisation'" in messages[20]
    assert "unknown region '529999'" in messages[27]


def test_duplicate_plan_ids_across_files(mini_corpus):
    original = mini_corpus / "plans" / "county.yaml"
    (mini_corpus / "plans" / "copy.yaml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    problems = problems_of(mini_corpus)
    assert any("plan id 'county-plan' is also used by" in p.message for p in problems)


def test_asymmetric_neighbours_reported(mini_corpus):
    regions = mini_corpus / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8").replace('neighbours: ["520201", "520281"]',
                                                                   'neighbours: ["520281"]'), encoding="utf-8")
    problems = problems_of(mini_corpus)
    assert any("not the other way round" in p.message and p.line == 6 for p in problems)


def test_upper_plan_may_set_numbers_below_it(mini_corpus):
    plan = """schema: plancheck/plan/v1
id: city-plan
title: 六盘水市规划
region: "520200"
level: municipal
kind: special
period: {base_year: 2020, end: 2025}
source: {document: city.txt}
targets:
  - id: zhongshan-urbanization
    indicator: urbanization_rate
    scope: "520201"
    unit: "%"
    target: {year: 2025, value: 90, op: "~"}
    source: {line: 248, quote: 90%左右}
  - id: central-city-population
    indicator: urban_area_population
    scope: liupanshui-central-city
    unit: 万人
    target: {year: 2025, value: 100}
    source: {line: 250, quote: "100"}
"""
    (mini_corpus / "plans" / "city.yaml").write_text(plan, encoding="utf-8")
    corpus = load_corpus([mini_corpus])
    assert corpus.plans["city-plan"].targets[0].scope == "520201"
    assert corpus.target_count == 4


def test_load_corpus_raises_every_problem(mini_corpus):
    (mini_corpus / "plans" / "a.yaml").write_text("id: [\n", encoding="utf-8")
    (mini_corpus / "plans" / "b.yaml").write_text("schema: plancheck/plan/v1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_corpus([mini_corpus])
    files = {Path(p.file).name for p in info.value.problems}
    assert files == {"a.yaml", "b.yaml"}


def test_schema_command_output_is_the_schema():
    from conftest import run_cli
    result = run_cli("schema", "plan")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$id"].endswith("plan.schema.json")


def test_links_outside_the_corpus_are_not_followed(mini_corpus, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("schema: plancheck/plan/v1\n", encoding="utf-8")
    (mini_corpus / "plans" / "link.yaml").symlink_to(outside)
    (mini_corpus / "plans" / "inside.yaml").symlink_to(mini_corpus / "plans" / "county.yaml")
    problems = problems_of(mini_corpus)
    assert [p.message for p in problems if p.file.endswith("link.yaml")] == [
        "symbolic link to a file outside the corpus folder: not followed"]
    assert not any("secret" in p.file for p in problems)


def edit_regions(corpus: Path, old: str, new: str) -> None:
    regions = corpus / "regions.yaml"
    text = regions.read_text(encoding="utf-8")
    assert old in text
    regions.write_text(text.replace(old, new), encoding="utf-8")


def region_messages(corpus: Path) -> list[str]:
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems_of(corpus)]


def test_a_parent_cycle_is_refused_at_its_line(mini_corpus):
    """六盘水市 under its own 钟山区: accepted before, and it changed the findings."""
    edit_regions(mini_corpus, '{code: "520200", name: 六盘水市, level: municipal, parent: "520000"}',
                 '{code: "520200", name: 六盘水市, level: municipal, parent: "520201"}')
    messages = region_messages(mini_corpus)
    assert "regions.yaml:5: parents form a cycle: 六盘水市 (520200) -> 钟山区 (520201) -> 六盘水市 (520200); " \
           "each region's parent must be above it" in messages
    assert any(m.startswith("regions.yaml:5: 六盘水市 (520200) is municipal, but its parent 钟山区 (520201) is county")
               for m in messages)
    result = run_cli("check", "--no-html", str(mini_corpus))
    assert result.returncode == 2 and "parents form a cycle" in result.stderr


def test_a_longer_cycle_among_same_level_regions(mini_corpus):
    edit_regions(mini_corpus, '{code: "520201", name: 钟山区, level: county, parent: "520200"',
                 '{code: "520201", name: 钟山区, level: county, parent: "520204"')
    edit_regions(mini_corpus, '{code: "520204", name: 水城区, level: county, parent: "520200"',
                 '{code: "520204", name: 水城区, level: county, parent: "520201"')
    messages = region_messages(mini_corpus)
    assert "regions.yaml:6: parents form a cycle: 钟山区 (520201) -> 水城区 (520204) -> 钟山区 (520201); " \
           "each region's parent must be above it" in messages
    assert sum("parents form a cycle" in m for m in messages) == 1


def test_a_self_parent_and_a_parent_below_its_child(mini_corpus):
    edit_regions(mini_corpus, '{code: "520302", name: 红花岗区, level: county, parent: "520300"}',
                 '{code: "520302", name: 红花岗区, level: county, parent: "520302"}')
    edit_regions(mini_corpus, '{code: "520300", name: 遵义市, level: municipal, parent: "520000"}',
                 '{code: "520300", name: 遵义市, level: province}')
    edit_regions(mini_corpus, '{code: "520000", name: 贵州省, level: province}',
                 '{code: "520000", name: 贵州省, level: province, parent: "520200"}')
    messages = region_messages(mini_corpus)
    assert "regions.yaml:10: 红花岗区 (520302) is its own parent" in messages
    assert any(m.startswith("regions.yaml:4: 贵州省 (520000) is province, but its parent 六盘水市 (520200) is "
                            "municipal: a parent must be at a higher level") for m in messages)
    assert not any("cycle" in m and "红花岗区" in m for m in messages)


def test_the_bundled_registries_have_no_cycles():
    from conftest import PLANS
    assert problems_of(PLANS) == []


def test_a_role_outside_the_plans_region_is_refused_like_a_target(mini_corpus):
    path = mini_corpus / "plans" / "county.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('{id: core, text: 中心城区核心区, scope: "520201"',
                                 '{id: core, text: 中心城区核心区, scope: "520302"'), encoding="utf-8")
    messages = {p.line: p.message for p in problems_of(mini_corpus)}
    assert messages[25] == ("county-plan is for 钟山区 (520201) and cannot give a role to 红花岗区 (520302), "
                            "which is not within it")
    path.write_text(text.replace('{id: core, text: 中心城区核心区, scope: "520201"',
                                 '{id: core, text: 中心城区核心区, scope: "liupanshui-central-city"'), encoding="utf-8")
    assert problems_of(mini_corpus) == []  # a group the county belongs to, as for targets
