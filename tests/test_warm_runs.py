"""Warm runs: findings kept from the last full check are reused only while every input they were found
from is unchanged. After an edit to a plan, regions.yaml, the configuration or the catalogue, a run with
the cache of the run before writes exactly what a run without any cache writes (JSON and HTML)."""

from __future__ import annotations

import shutil
from array import array
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker.api as api_module
from checker.corpus import load_corpus
from checker.graph import TARGET_RELATIONS, Links, PlanGraph
from checker.speed.cache import FOLDER
from cli import cli
from conftest import PLANS

OWN_INDICATOR = """schema: plancheck/indicators/v1
indicators:
  - id: own_disposal_rate
    names: [本地固体废物处置率]
    en: Own disposal rate
    unit: '%'
    aggregation: ratio
    direction: higher
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the bundled plans, checked from a folder of its own (where plancheck.yaml is looked for),
    with a catalogue of the corpus's own that one target uses."""
    monkeypatch.delenv("PLANCHECK_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    shutil.copytree(PLANS, tmp_path / "plans", ignore=shutil.ignore_patterns(FOLDER))
    (tmp_path / "plans" / "indicators.yaml").write_text(OWN_INDICATOR, encoding="utf-8")
    plan = next((tmp_path / "plans").rglob("*honghuagang*.yaml"))
    text = plan.read_text(encoding="utf-8")
    assert 'indicator: "solid_waste_disposal_rate"' in text
    plan.write_text(text.replace('indicator: "solid_waste_disposal_rate"', 'indicator: "own_disposal_rate"', 1),
                    encoding="utf-8")
    return tmp_path


def outputs(project: Path, name: str, env: dict[str, str] | None = None) -> dict[str, bytes]:
    """The JSON findings and every HTML page of one check, by their paths in the output folder."""
    out = project / "out" / name
    result = CliRunner().invoke(cli, ["check", "plans", "--format", "json", "--output", str(out / "findings.json"),
                                      "--html", str(out / "html"), "--fail-on", "none"], env=env)
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_plan(project: Path) -> None:
    replace_in(next((project / "plans").rglob("*honghuagang*.yaml")), "target: {year: 2025, value: 90,",
               "target: {year: 2025, value: 80,")


def edit_regions(project: Path) -> None:
    replace_in(project / "plans" / "regions.yaml", "name: 钟山区, level: county", "name: 钟山城区, level: county")


def edit_config(project: Path) -> None:
    (project / "plancheck.yaml").write_text("severity:\n  internal-direction-slack: info\n", encoding="utf-8")


def edit_catalogue(project: Path) -> None:
    replace_in(project / "plans" / "indicators.yaml", "direction: higher", "direction: lower")


@pytest.mark.parametrize("edit", [edit_plan, edit_regions, edit_config, edit_catalogue])
def test_a_warm_run_after_an_edit_equals_a_run_without_the_cache(project, edit):
    before = outputs(project, "before")
    edit(project)
    warm = outputs(project, "warm")
    cold = outputs(project, "cold", env={"PLANCHECK_NO_CACHE": "1"})
    assert warm == cold
    assert warm["findings.json"] != before["findings.json"]  # the edit changed the findings: a kept one would show


def test_an_unchanged_corpus_reads_its_findings_and_links_from_the_cache(project, monkeypatch):
    first = outputs(project, "first")
    monkeypatch.setattr(api_module, "run", lambda *args, **kwargs: pytest.fail("the rules ran again"))
    monkeypatch.setattr(PlanGraph, "_link_targets", lambda *args: pytest.fail("targets were compared again"))
    assert outputs(project, "second") == first


def test_a_graph_from_kept_links_equals_one_worked_out(project):
    corpus = load_corpus([project / "plans"])
    built = PlanGraph(corpus)
    again = PlanGraph(corpus, built.links())
    assert built._links and again._links == built._links
    assert again._out == built._out and again._in == built._in
    for relation in TARGET_RELATIONS:
        assert list(again.pairs(relation)) == list(built.pairs(relation))


def test_links_that_cannot_be_this_corpus_are_worked_out_again(project):
    corpus = load_corpus([project / "plans"])
    built = PlanGraph(corpus)
    links = built.links()
    for wrong in (Links(links.lower, links.upper, links.relations[:-1]),
                  Links(links.lower, array("I", [10 ** 9] * len(links.upper)), links.relations),
                  Links(links.lower, links.upper, bytes([9]) * len(links.relations))):
        assert PlanGraph(corpus, wrong)._links == built._links


def test_a_focused_check_neither_reads_nor_keeps_full_findings(project, monkeypatch):
    outputs(project, "full")
    kept = sorted((project / "plans" / FOLDER).rglob("*.pickle"))
    result = CliRunner().invoke(cli, ["check", "plans", "--plan", "zhongshan-fyp14", "--no-html", "--format", "json",
                                      "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    assert '"plan": "zhongshan-fyp14"' in result.output
    assert sorted((project / "plans" / FOLDER).rglob("*.pickle")) == kept


def test_findings_and_links_are_kept_for_the_last_inputs_only(project):
    """An edit adds the edited plan's model and the note that the new corpus's references were checked;
    the findings and the graph's links of the inputs before are replaced, not kept beside the new ones."""
    outputs(project, "first")
    before = len(list((project / "plans" / FOLDER).rglob("*.pickle")))
    edit_plan(project)
    outputs(project, "second")
    assert len(list((project / "plans" / FOLDER).rglob("*.pickle"))) == before + 2
