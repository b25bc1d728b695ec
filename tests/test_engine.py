"""The engine on small corpora: relations in the graph, configuration, determinism, what is never compared."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given, strategies as st

from checker.api import check
from checker.config import Config, load_config
from checker.engine import load_rules
from checker.problems import InputError

from conftest import PLANS, ROOT, build_corpus, run_cli

COUNTY = {"id": "county", "region": "520201"}
CITY = {"id": "city", "region": "520200", "level": "municipal"}


def target(id, indicator, unit, value, op="=", year=2025, **extra):
    return {"id": id, "indicator": indicator, "unit": unit, "target": {"year": year, "value": value, "op": op}, **extra}


def run(tmp_path, plans, config=Config()):
    return check([build_corpus(tmp_path / "c", plans)], config=config)


def rules_fired(report):
    return sorted({f.rule for f in report.findings if f.category != "coverage"})


def test_graph_relations(tmp_path):
    plans = [
        {**COUNTY, "targets": [target("u", "urbanization_rate", "%", 75), target("gdp", "gdp", "亿元", 500),
                               target("gdp1", "gdp_primary", "亿元", 30),
                               target("share", "gdp", "%", 25, ">=", share_of="520200")]},
        {**CITY, "targets": [target("zs-u", "urbanization_rate", "%", 90, scope="520201"),
                             target("u", "urbanization_rate", "%", 60), target("gdp", "gdp", "亿元", 1500)]},
        {"id": "shuicheng", "region": "520204", "targets": [target("u", "urbanization_rate", "%", 70)]},
    ]
    graph = run(tmp_path, plans).graph
    county_u = graph.targets["county/u"]
    assert [t.key for t in graph.linked(county_u, "assigned")] == ["city/zs-u"]
    assert [t.key for t in graph.linked(county_u, "refines")] == ["city/u"]
    assert [t.key for t in graph.linked(county_u, "peer")] == ["shuicheng/u"]
    assert [t.key for t in graph.linked(graph.targets["county/share"], "shares")] == ["city/gdp"]
    assert [t.key for t in graph.linked_from(graph.targets["county/gdp"], "part_of")] == ["county/gdp1"]
    assert graph.graph.has_edge("plan:county", "plan:city")


def test_ratio_indicators_are_not_compared_county_against_aggregate(tmp_path):
    plans = [{**COUNTY, "targets": [target("u", "urbanization_rate", "%", 85)]},
             {**CITY, "targets": [target("u", "urbanization_rate", "%", 60)]}]
    assert rules_fired(run(tmp_path, plans)) == []


def test_each_floor_is_compared_against_the_region_above(tmp_path):
    plans = [{**COUNTY, "targets": [target("e", "energy_intensity_reduction", "%", 10)]},
             {**CITY, "targets": [target("e", "energy_intensity_reduction", "%", 13.5, ">=")]}]
    assert rules_fired(run(tmp_path, plans)) == ["vertical-floor"]


def test_percent_never_compared_with_percentage_points(tmp_path):
    plans = [{**COUNTY, "targets": [target("u", "urbanization_rate", "个百分点", 2)]},
             {**CITY, "targets": [target("zs-u", "urbanization_rate", "%", 90, scope="520201")]}]
    with pytest.raises(InputError, match="does not fit indicator"):
        run(tmp_path, plans)


def test_cumulative_totals_never_compared_with_levels(tmp_path):
    plans = [{**COUNTY, "targets": [target("inv", "fixed_asset_investment", "亿元", 1000, cumulative=True)]},
             {**CITY, "targets": [target("zs-inv", "fixed_asset_investment", "亿元", 300, scope="520201")]}]
    assert rules_fired(run(tmp_path, plans)) == []


def test_different_years_are_projected_and_the_evidence_says_so(tmp_path):
    county = {**COUNTY, "targets": [{**target("gdp", "gdp", "亿元", 500, year=2025), "growth": {"value": 8}}]}
    city = {**CITY, "period": {"base_year": 2020, "end": 2030, "vision": 2035},
            "targets": [target("zs-gdp", "gdp", "亿元", 1000, scope="520201", year=2030)]}
    report = run(tmp_path, [county, city])
    [finding] = [f for f in report.findings if f.rule == "vertical-assigned-value"]
    assert finding.evidence["projected"]["from"] == 2025 and finding.evidence["projected"]["to"] == 2030
    assert "推算" in finding.message["zh"] and "carried from 2025 to 2030" in finding.message["en"]
    # 500 × 1.08^5 ≈ 734.7 cannot reach 1000
    assert finding.evidence["this_interval"]["high"] < 1000e8


def test_units_are_converted_before_comparing(tmp_path):
    plans = [{**COUNTY, "targets": [target("pop", "resident_population", "人", 620000)]},
             {**CITY, "targets": [target("zs-pop", "resident_population", "万人", 62, scope="520201")]}]
    assert rules_fired(run(tmp_path, plans)) == []


def test_config_disables_and_changes_severity_and_options(tmp_path):
    plans = [{**COUNTY, "targets": [target("u", "urbanization_rate", "%", 88)]},
             {**CITY, "targets": [target("zs-u", "urbanization_rate", "%", 90, "~", scope="520201")]}]
    assert rules_fired(run(tmp_path / "a", plans)) == ["vertical-assigned-value"]
    wide = Config(options={"vertical-assigned-value": {"about_points": 3}})
    assert rules_fired(run(tmp_path / "b", plans, wide)) == []
    softer = run(tmp_path / "c", plans, Config(severity={"vertical-assigned-value": "info"}))
    assert {f.severity for f in softer.findings if f.rule == "vertical-assigned-value"} == {"info"}
    off = run(tmp_path / "d", plans, Config(disable=("vertical-assigned-value",)))
    assert "vertical-assigned-value" not in rules_fired(off)


def test_config_from_pyproject_and_unknown_rule(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.plancheck]\ndisable = ["internal-growth-path"]\n'
                                              '[tool.plancheck.severity]\n"vertical-floor" = "warning"\n')
    config = load_config(tmp_path)
    rules = {r.id: r for r in load_rules(config=config)}
    assert "internal-growth-path" not in rules and rules["vertical-floor"].severity == "warning"
    with pytest.raises(InputError, match="unknown rule 'no-such-rule'"):
        load_rules(config=Config(disable=("no-such-rule",)))


def test_user_rule_folder_validated(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "schema: plancheck/rules/v1\nrules:\n  - id: my-rule\n    description: x\n    given: target\n"
        "    function: growth_path\n    options: {bogus: 1}\n    severity: error\n    category: conflict\n")
    with pytest.raises(InputError) as info:
        load_rules([folder])
    assert any(p.line == 7 and "unknown option 'bogus'" in p.message for p in info.value.problems)


def test_bundled_corpus_check_is_deterministic_across_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        result = run_cli("check", "--format", "json", "--no-html", env={"PYTHONHASHSEED": seed})
        assert result.returncode in (0, 1), result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert data["plans"] == 5 and data["findings"]


def test_plan_filter_and_exit_codes():
    everything = json.loads(run_cli("check", "--format", "json", "--no-html").stdout)
    only = run_cli("check", "--format", "json", "--no-html", "--plan", "qingzhen-goals")
    data = json.loads(only.stdout)
    assert data["findings"] and len(data["findings"]) < len(everything["findings"])
    assert all(f["plan"] == "qingzhen-goals" or any(r["plan"] == "qingzhen-goals" for r in f["related"])
               for f in data["findings"])
    assert run_cli("check", "--no-html", "--fail-on", "none").returncode == 0
    # the bundled corpus's findings are warnings at most (the one conflict is across calibers)
    assert run_cli("check", "--no-html", "--fail-on", "error").returncode == 0
    assert run_cli("check", "--no-html", "--fail-on", "warning").returncode == 1
    bad = run_cli("check", "--no-html", "--plan", "nope", "--lang", "en")
    assert bad.returncode == 2 and "unknown plan id" in bad.stderr


def test_rules_and_explain_commands():
    listing = run_cli("rules")
    assert listing.returncode == 0 and "vertical-assigned-value" in listing.stdout
    explained = run_cli("explain", "vertical-assigned-value")
    assert explained.returncode == 0 and "FAIL" in explained.stdout and "interval_conflict" in explained.stdout
    assert run_cli("explain", "no-such-rule").returncode == 2


@pytest.mark.parametrize("fmt, marker", [("json", '"links"'), ("dot", "digraph"), ("graphml", "<graphml")])
def test_graph_export(fmt, marker):
    result = run_cli("graph", "--format", fmt)
    assert result.returncode == 0 and marker in result.stdout
    assert "target:zhongshan-fyp14/" in result.stdout


def touches(finding, ids):
    return finding.plan in ids or any(r.plan in ids for r in finding.related)


@pytest.mark.parametrize("ids", [{"zhongshan-fyp14"}, {"liupanshui-urbanization-fyp14"}, {"qingzhen-goals"},
                                 {"qianzhong-cluster-2023", "honghuagang-fyp14"}])
def test_focused_run_equals_the_filtered_full_run(ids):
    full = check([PLANS], config=Config())
    focused = check([PLANS], config=Config(), plans=ids)
    expected = [f.fingerprint for f in full.findings if touches(f, ids)]
    assert [f.fingerprint for f in focused.findings] == expected and expected


def test_focused_run_on_a_synthetic_corpus(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import generate
    generate(tmp_path / "corpus", scale=0.1, seed=3)
    full = check([tmp_path / "corpus"], config=Config())
    for ids in ({"county-110101"}, {"city-110100"}, {"province-110000"}, {"plan-cluster-01"}):
        focused = check([tmp_path / "corpus"], config=Config(), plans=ids)
        assert [f.fingerprint for f in focused.findings] == [f.fingerprint for f in full.findings if touches(f, ids)]


def test_rules_on_two_cores_find_what_one_core_finds(tmp_path, monkeypatch):
    """The synthetic corpus is below the size that forks; lowering the bar runs the same check split."""
    import checker.engine as engine
    import checker.speed.cores as cores
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import generate
    generate(tmp_path / "corpus", scale=0.1, seed=3)
    one = check([tmp_path / "corpus"], config=Config()).findings
    split = []
    real = engine._on_two_cores
    monkeypatch.setitem(cores.WORTH_A_WORKER, "check", 1)
    monkeypatch.setattr(engine, "_on_two_cores", lambda *args: split.append(1) or real(*args))
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")  # not the findings the first check kept
    two = check([tmp_path / "corpus"], config=Config()).findings
    assert split and one and two == one


def _target(year, vision, cumulative, growth):
    from checker.model import Location, Quantity, Source, Target
    where, source = Location("p.yaml", 1), Source("doc", 1, "q")
    return Target("p", "t", "gdp", "520201", where, source,
                  target=Quantity(year=year, value=1.0) if year != "none" else None,
                  vision=Quantity(year=vision, value=1.0) if vision != "none" else None,
                  growth=Quantity(value=5.0) if growth else None, cumulative=cumulative)


_years = st.sampled_from(["none", None, 2025, 2030, 2035])


@given(_years, _years, st.booleans(), st.booleans(), _years, _years, st.booleans(), st.booleans(), st.booleans())
def test_comparable_is_the_set_definition(y1, v1, c1, g1, y2, v2, c2, g2, projectable):
    """comparable() avoids building year sets; it must answer exactly as the definition on sets does."""
    from checker.graph import comparable, years
    a, b = _target(y1, v1, c1, g1), _target(y2, v2, c2, g2)
    mine, theirs = years(a), years(b)
    expected = (a.cumulative == b.cumulative and bool(mine) and bool(theirs)
                and (bool(mine & theirs) or (projectable and (a.growth is not None or b.growth is not None))))
    assert comparable(a, b, projectable) == expected


def test_rules_are_checked_here_when_no_worker_can_start(tmp_path, monkeypatch):
    """A daemon process or a sandbox cannot fork workers: the check runs in one process instead."""
    import checker.speed.cores as cores
    import checker.engine as engine
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import generate
    generate(tmp_path / "corpus", scale=0.1, seed=3)
    one = check([tmp_path / "corpus"], config=Config()).findings

    def refuse(*args, **kwargs):
        raise AssertionError("daemonic processes are not allowed to have children")
    monkeypatch.setitem(cores.WORTH_A_WORKER, "check", 1)
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)  # what cores.forked starts
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")  # not the findings the first check kept
    assert check([tmp_path / "corpus"], config=Config()).findings == one
