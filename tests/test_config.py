"""The project configuration: found upward from the working folder, honoured by every command, and every
rule option type-checked against its function's OPTIONS_SCHEMA (file:line, exit 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pytest

from checker.config import Config, find_config, load_config
from checker.engine import load_rules
from checker.functions import REGISTRY
from checker.problems import InputError

from conftest import FIXTURES, run_cli

BAD_OPTION = "options:\n  vertical-assigned-value:\n    about_points: three\n"
LANG_EN = {"check": ["--no-html", "--lang", "en"], "validate": ["--lang", "en"], "graph": []}  # graph speaks English


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository (a .git folder) holding a corpus and a sub-folder to work from."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(FIXTURES / "mini", root / "corpus")
    (root / "sub" / "deeper").mkdir(parents=True)
    return root


def test_found_upward_from_the_working_folder(project):
    (project / "plancheck.yaml").write_text("disable: [internal-growth-path]\n", encoding="utf-8")
    assert find_config(project / "sub" / "deeper") == project / "plancheck.yaml"
    assert load_config(project / "sub" / "deeper").disable == ("internal-growth-path",)


def test_nearest_folder_wins_and_plancheck_yaml_before_pyproject(project):
    (project / "plancheck.yaml").write_text("disable: [internal-growth-path]\n", encoding="utf-8")
    (project / "sub" / "pyproject.toml").write_text('[tool.plancheck]\ndisable = ["vertical-floor"]\n',
                                                     encoding="utf-8")
    assert find_config(project / "sub" / "deeper") == project / "sub" / "pyproject.toml"
    (project / "sub" / "plancheck.yaml").write_text("disable: [share-sum]\n", encoding="utf-8")
    assert find_config(project / "sub") == project / "sub" / "plancheck.yaml"


def test_pyproject_without_the_table_does_not_count(project):
    (project / "plancheck.yaml").write_text("disable: [internal-growth-path]\n", encoding="utf-8")
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(project / "sub") == project / "plancheck.yaml"


def test_search_stops_at_the_repository_top(project):
    (project.parent / "plancheck.yaml").write_text("disable: [internal-growth-path]\n", encoding="utf-8")
    assert find_config(project / "sub") is None  # the folder holding .git is the last one searched
    assert load_config(project / "sub") == Config()
    shutil.rmtree(project / ".git")
    assert find_config(project / "sub") == project.parent / "plancheck.yaml"


def test_every_function_declares_typed_options_with_defaults():
    for name, module in REGISTRY.items():
        schema = module.OPTIONS_SCHEMA
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False, name
        assert module.OPTIONS == {key: prop["default"] for key, prop in schema["properties"].items()}, name
        assert not list(jsonschema.Draft202012Validator(schema).iter_errors(module.OPTIONS)), name
        assert all("description" in prop for prop in schema["properties"].values()), name


@pytest.mark.parametrize("value, accepted", [("three", False), ("true", False), ("[1]", False), ("-1", False),
                                             ("3", True), ("0.25", True)])
def test_option_values_are_type_checked(project, value, accepted):
    (project / "plancheck.yaml").write_text(BAD_OPTION.replace("three", value), encoding="utf-8")
    config = load_config(project)
    if accepted:
        rules = {r.id: r for r in load_rules(config=config)}
        assert rules["vertical-assigned-value"].options["about_points"] == float(value)
        return
    with pytest.raises(InputError) as info:
        load_rules(config=config)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (3, 5) and "about_points" in problem.message
    assert "expected a number >= 0" in problem.message


@pytest.mark.parametrize("command", ["check", "validate", "graph"])
def test_wrongly_typed_option_in_plancheck_yaml_is_exit_2_with_file_and_line(project, command):
    (project / "plancheck.yaml").write_text(BAD_OPTION, encoding="utf-8")
    result = run_cli(command, "../corpus/plans", *LANG_EN[command], cwd=project / "sub")
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{project / 'plancheck.yaml'}:3:5: option 'about_points' of rule 'vertical-assigned-value' "
        "(function 'interval_conflict'): 'three' is not valid: expected a number >= 0")


@pytest.mark.parametrize("command", ["check", "validate", "graph"])
def test_wrongly_typed_option_in_pyproject_is_exit_2_with_file_and_line(project, command):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.plancheck.options]\n"internal-growth-path" = {about_relative = true}\n'
        '\n[tool.plancheck.options.vertical-assigned-value]\nabout_points = "three"\n', encoding="utf-8")
    result = run_cli(command, "corpus/plans", *LANG_EN[command], cwd=project)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[:2] == [
        "pyproject.toml:5:27: option 'about_relative' of rule 'internal-growth-path' (function 'growth_path'): "
        "True is not valid: expected a number >= 0",
        "pyproject.toml:8:1: option 'about_points' of rule 'vertical-assigned-value' (function "
        "'interval_conflict'): 'three' is not valid: expected a number >= 0"]


@pytest.mark.parametrize("command", ["check", "validate", "graph"])
def test_wrongly_typed_option_in_a_rule_set_is_exit_2_with_file_and_line(project, command):
    (project / "extra").mkdir()
    (project / "extra" / "mine.yaml").write_text(
        "schema: plancheck/rules/v1\nrules:\n  - id: my-levels\n    description: x\n    given: plan\n"
        "    function: neighbour_plan_missing\n    options: {levels: [county, village]}\n"
        "    severity: info\n    category: coverage\n", encoding="utf-8")
    result = run_cli(command, "corpus/plans", "--rules", "extra", *LANG_EN[command],
                     cwd=project)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == (
        "extra/mine.yaml:7:15: option 'levels' of rule 'my-levels' (function 'neighbour_plan_missing'): "
        "['county', 'village'] is not valid: expected a list of: province, city_cluster, municipal, county "
        "(each at most once)")


def test_configuration_keys_and_values_are_checked_where_they_stand(project):
    (project / "plancheck.yaml").write_text("disable: internal-growth-path\nseverity:\n  vertical-floor: fatal\n"
                                            "colour: red\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rules(config=load_config(project))
    found = {(p.line, p.column, p.message.split(":")[0]) for p in info.value.problems}
    assert found == {(1, 1, "disable"), (4, 1, "unknown configuration key(s)")}
    (project / "plancheck.yaml").write_text("severity:\n  vertical-floor: fatal\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rules(config=load_config(project))
    assert [(p.line, p.column) for p in info.value.problems] == [(2, 3)]


def test_rule_folders_in_the_configuration_are_honoured_by_validate_check_and_graph(project):
    """`rules: [extra]` (relative to the configuration file) brings in a catalogue that a plan uses:
    validate, check and graph all read it (one pipeline, checker/api.py), from any folder below."""
    (project / "extra").mkdir()
    (project / "extra" / "indicators.yaml").write_text(
        "schema: plancheck/indicators/v1\nindicators:\n  - id: bike_lanes\n    names: [自行车道]\n"
        "    unit: 公里\n    aggregation: additive\n", encoding="utf-8")
    plan = project / "corpus" / "plans" / "county.yaml"
    lanes = ("  - id: lanes\n    indicator: bike_lanes\n    unit: 公里\n    target: {year: 2025, value: 40}\n"
             "    source: {line: 14, quote: 自行车道 40}\n")
    plan.write_text(plan.read_text(encoding="utf-8").replace("roles:\n", lanes + "roles:\n", 1), encoding="utf-8")
    def run_all():
        return [run_cli(c, "../corpus/plans", *(["--no-html"] if c == "check" else []), cwd=project / "sub")
                for c in ("validate", "check", "graph")]

    without = run_all()
    assert [r.returncode for r in without] == [2, 2, 2]
    assert all("'bike_lanes'" in r.stderr for r in without), [r.stderr for r in without]
    (project / "plancheck.yaml").write_text("rules: [extra]\n", encoding="utf-8")
    validate, check, graph = run_all()
    assert validate.returncode == 0, validate.stderr
    assert check.returncode in (0, 1) and '"bike_lanes"' not in check.stderr, check.stderr
    assert graph.returncode == 0 and "bike_lanes" in graph.stdout, graph.stderr


def test_configuration_page_documents_every_key_and_option_and_its_examples_load(project):
    page = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    for key in ("disable", "severity", "options", "rules", "documents"):
        assert f"| `{key}` |" in page
    for name, module in REGISTRY.items():
        assert f"`{name}`" in page, name
        for option in module.OPTIONS_SCHEMA["properties"]:
            assert f"`{option}`" in page, (name, option)
    yaml_example = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    toml_example = page.split("```toml\n", 1)[1].split("```", 1)[0]
    (project / "checks").mkdir()
    configs = []
    for name, text in (("plancheck.yaml", yaml_example), ("pyproject.toml", toml_example)):
        (project / name).write_text(text, encoding="utf-8")
        configs.append(load_config(project))
        (project / name).unlink()
    assert [c.disable for c in configs] == [("coverage-neighbour-plan-missing",)] * 2
    assert configs[0].options == configs[1].options and configs[0].severity == configs[1].severity
    assert configs[0].documents == configs[1].documents == str(project / "sources")
    rules = {r.id: r for r in load_rules(config=configs[1])}
    assert rules["vertical-assigned-value"].options["about_points"] == 1.0
    assert rules["vertical-floor"].severity == "warning" and "coverage-neighbour-plan-missing" not in rules


def test_validate_reports_configuration_and_plan_problems_together(project):
    (project / "plancheck.yaml").write_text(BAD_OPTION, encoding="utf-8")
    plan = project / "corpus" / "plans" / "county.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("level: county", "level: village"), encoding="utf-8")
    result = run_cli("validate", "corpus/plans", "--lang", "en", cwd=project)
    assert result.returncode == 2
    assert "plancheck.yaml:3:5: option 'about_points'" in result.stderr
    assert "corpus/plans/county.yaml:5:" in result.stderr


def test_rules_explain_and_baseline_read_the_configuration_found_upward(project):
    (project / "plancheck.yaml").write_text("disable: [internal-growth-path]\noptions:\n  vertical-assigned-value:\n"
                                            "    about_points: 2\n", encoding="utf-8")
    listed = run_cli("rules", cwd=project / "sub" / "deeper")
    assert listed.returncode == 0 and "vertical-assigned-value" in listed.stdout
    assert "internal-growth-path" not in listed.stdout
    explained = run_cli("explain", "vertical-assigned-value", cwd=project / "sub" / "deeper")
    assert explained.returncode == 0 and "about_points=2" in explained.stdout
    (project / "plancheck.yaml").write_text(BAD_OPTION, encoding="utf-8")
    for args in (["rules"], ["explain", "vertical-assigned-value"], ["baseline", "b.json", "../corpus/plans"]):
        result = run_cli(*args, cwd=project / "sub")
        assert result.returncode == 2 and result.stderr.startswith(f"{project / 'plancheck.yaml'}:3:5: "), args
    assert not (project / "sub" / "b.json").exists()


def test_a_wrongly_typed_option_is_told_in_chinese_by_default(project):
    (project / "plancheck.yaml").write_text(BAD_OPTION, encoding="utf-8")
    for command in ("check", "validate"):
        result = run_cli(command, "corpus/plans", *(["--no-html"] if command == "check" else []), cwd=project)
        assert result.returncode == 2
        assert result.stderr.splitlines()[0] == ("plancheck.yaml:3:5: 规则 'vertical-assigned-value'（函数 "
                                                 "'interval_conflict'）的选项 'about_points' 取值 'three' 无效：应为数值，且≥ 0")
