"""The machine formats, each accepted by its real consumer: SARIF by the official 2.1.0 schema and by
Microsoft's sarif-multitool, JUnit by junitparser, GitHub annotations by the workflow-command syntax."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker import api, baseline
from checker.findings import SubjectRef
from checker.render import FORMATS, github, json_format, junit, sarif
from conftest import URBANIZATION, ROOT, run_cli

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
MULTITOOL = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "sarif-multitool"  # installed by .ci/run


pytestmark = pytest.mark.usefixtures("at_root")


@pytest.fixture(scope="module")
def report():
    return api.check([Path("plans")])


@pytest.fixture(scope="module")
def suppressed_report(tmp_path_factory):
    """The bundled corpus with the urbanization conflict waived and everything else baselined."""
    folder = tmp_path_factory.mktemp("suppressed")
    full = api.check([Path("plans")])
    baseline_file = folder / "baseline.json"
    baseline_file.write_text(baseline.render([f for f in full.findings if (f.rule, f.plan, f.target) != URBANIZATION]),
                             encoding="utf-8")
    waivers = folder / "waivers.yaml"
    waivers.write_text('schema: plancheck/waivers/v1\nwaivers:\n'
                       '  - {rule: vertical-assigned-value, plan: zhongshan-fyp14, target: urbanization-rate,\n'
                       '     reason: "市级规划修编中, 目标待统一: 100%", expires: "2999-12-31"}\n', encoding="utf-8")
    return api.check([Path("plans")], waiver_files=[waivers], baseline=baseline_file)


def urbanization(findings):
    found = [f for f in findings if (f.rule, f.plan, f.target) == URBANIZATION]
    assert len(found) == 1, "the bundled corpus's urbanization conflict (75% vs 90%) should be found"
    return found[0]


def test_formats_are_registered():
    assert {"text", "json", "sarif", "junit", "github"} <= set(FORMATS)


# --- SARIF -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"official SARIF schema not found at {SARIF_SCHEMA}")
    import jsonschema
    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("which", ["plain", "waived and baselined"])
def test_sarif_is_valid_against_the_official_schema(which, report, suppressed_report, sarif_validator):
    data = json.loads(sarif.render(report if which == "plain" else suppressed_report))
    errors = sorted(sarif_validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_driver_lists_the_rules_in_force_with_their_documentation(report):
    driver = json.loads(sarif.render(report))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "plancheck" and driver["version"] and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == [r.id for r in report.rules] + ["waiver-expired", "waiver-unused"]
    for descriptor, rule in zip(driver["rules"], report.rules):
        assert descriptor["shortDescription"]["text"] == rule.description
        first_paragraph = " ".join(rule.module.__doc__.strip().split("\n\n")[0].split())
        assert descriptor["fullDescription"]["text"] == first_paragraph
        assert descriptor["help"]["text"] == rule.module.__doc__.strip()
        assert descriptor["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning",
                                                               "info": "note"}[rule.severity]


def test_sarif_results_carry_location_related_locations_and_fingerprint(report):
    run = json.loads(sarif.render(report, "en"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(report.findings)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert (ROOT / location["artifactLocation"]["uri"]).is_file()  # repo-relative
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    finding = urbanization(report.findings)
    result = run["results"][report.findings.index(finding)]
    assert result["ruleId"] == "vertical-assigned-value" and result["level"] == "warning"
    assert any(n.get("caliber") for n in result["properties"]["evidence"]["notes"])  # the encoder's notes travel
    assert result["partialFingerprints"] == {"plancheck/v1": finding.fingerprint}
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == finding.line
    line = (ROOT / finding.file).read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert re.match(r"id: \W?urbanization-rate", line[region["startColumn"] - 1:])  # the column of the entry
    related = result["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "plans/guizhou/liupanshui-urbanization-fyp14.yaml"
    assert related["physicalLocation"]["region"]["startLine"] == finding.related[0].line
    assert "suppressions" not in result and "baselineState" not in result


def test_sarif_waived_is_suppressed_and_baseline_state_is_set(suppressed_report):
    run = json.loads(sarif.render(suppressed_report))["runs"][0]
    finding = urbanization(suppressed_report.findings)
    result = run["results"][suppressed_report.findings.index(finding)]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted",
                                       "justification": "市级规划修编中, 目标待统一: 100%"}]
    states = {r["baselineState"] for r in run["results"] if "suppressions" not in r}
    assert states == {"unchanged"}


def test_sarif_outside_the_working_folder_uses_file_uris(tmp_path, mini_corpus):
    data = json.loads(sarif.render(api.check([mini_corpus])))
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"].startswith("file:///") and "uriBaseId" not in uri


def test_sarif_output_is_byte_identical_across_runs(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.sarif"
        result = run_cli("check", "--no-html", "--format", "sarif", "--output", str(out),
                         env={"PYTHONHASHSEED": seed})
        assert result.returncode in (0, 1), result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def _multitool() -> list[str]:
    if MULTITOOL.exists():
        return [str(MULTITOOL)]
    if shutil.which("npx") is None:
        pytest.skip("sarif-multitool is not installed (.ci/run installs it) and npx is not available")
    command = ["npx", "--yes", "@microsoft/sarif-multitool"]
    probe = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=300)
    if probe.returncode != 0:
        pytest.skip(f"npx could not run @microsoft/sarif-multitool: {probe.stderr.strip()[-300:]}")
    return command


def test_sarif_multitool_validates_the_bundled_corpus_output(tmp_path, suppressed_report):
    command = _multitool()
    for name, text in (("plain", None), ("suppressed", sarif.render(suppressed_report))):
        log = tmp_path / f"{name}.sarif"
        if text is None:
            result = run_cli("check", "--no-html", "--format", "sarif", "--output", str(log))
            assert result.returncode in (0, 1), result.stderr
        else:
            log.write_text(text, encoding="utf-8")
        out = tmp_path / f"{name}-validation.sarif"
        done = subprocess.run([*command, "validate", str(log), "--output", str(out), "--log", "ForceOverwrite"],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0 and out.is_file(), done.stdout + done.stderr
        # validate exits 0 even when it reports errors: read its own SARIF log instead
        results = json.loads(out.read_text(encoding="utf-8"))["runs"][0].get("results", [])
        problems = [r for r in results if r.get("level", "warning") in ("error", "warning")]
        assert not problems, done.stdout


# --- JUnit -------------------------------------------------------------------------------------------

def test_junit_parses_with_junitparser_as_a_suite_per_plan(report):
    """Errors and warnings are failures; info findings ask for nothing and pass."""
    from junitparser import Failure, JUnitXml, Skipped
    xml = JUnitXml.fromstring(junit.render(report).encode("utf-8"))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == set(report.corpus.plans)
    failures = 0
    for plan_id, suite in suites.items():
        cases = list(suite)
        assert suite.tests == len(cases)
        names = [case.name for case in cases]
        assert len(names) == len(set(names))
        for rule in report.rules:  # every rule in force is a test case of every plan
            assert any(name == rule.id or name.startswith(rule.id + "[") for name in names)
        for case in cases:
            results = case.result
            assert all(isinstance(r, Failure) for r in results) and not any(isinstance(r, Skipped) for r in results)
            failures += len(results)
    assert failures == sum(1 for f in report.findings if not f.suppressed and f.severity != "info")
    assert xml.failures == failures
    finding = urbanization(report.findings)
    case = next(c for c in suites["zhongshan-fyp14"] if c.name == "vertical-assigned-value[urbanization-rate]")
    assert case.result[0].type == "warning" and finding.fingerprint in case.result[0].text
    assert case.classname == "plancheck.zhongshan-fyp14"


def test_junit_info_findings_pass_with_the_finding_as_output(report):
    from junitparser import JUnitXml
    xml = JUnitXml.fromstring(junit.render(report).encode("utf-8"))
    cases = {(suite.name, case.name): case for suite in xml for case in suite}
    infos = [f for f in report.findings if f.severity == "info" and not f.suppressed]
    assert infos, "the bundled corpus has info findings (coverage)"
    for finding in infos:
        case = next(c for (plan, name), c in cases.items()
                    if plan == finding.plan and finding.fingerprint in (c.system_out or ""))
        assert case.is_passed and not case.result


def test_junit_waived_and_baselined_are_skipped(suppressed_report):
    from junitparser import JUnitXml, Skipped
    xml = JUnitXml.fromstring(junit.render(suppressed_report).encode("utf-8"))
    zhongshan = next(s for s in xml if s.name == "zhongshan-fyp14")
    case = next(c for c in zhongshan if c.name == "vertical-assigned-value[urbanization-rate]")
    assert isinstance(case.result[0], Skipped) and case.result[0].message.startswith("waived: ")
    assert xml.failures == 0 and xml.skipped == len(suppressed_report.findings)


def test_junit_narrowed_to_a_plan_has_that_plans_suite(report):
    narrowed = api.check([Path("plans")], plans=["qingzhen-goals"])
    from junitparser import JUnitXml
    names = {s.name for s in JUnitXml.fromstring(junit.render(narrowed).encode("utf-8"))}
    assert "qingzhen-goals" in names and "honghuagang-fyp14" not in names


# --- GitHub workflow commands -----------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def test_github_escaping_follows_the_actions_toolkit():
    assert github.escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github.command("warning", "x,y: z", file="a,b.yaml", line=3) == "::warning file=a%2Cb.yaml,line=3::x,y: z"


def test_github_annotations_one_per_counting_finding_errors_first(report):
    lines = github.render(report, "en").splitlines()
    commands = [COMMAND.match(line) for line in lines if line.startswith("::")]
    assert all(commands) and len(commands) == sum(1 for f in report.findings if not f.suppressed)
    kinds = [m.group(1) for m in commands]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    finding = urbanization(report.findings)
    first = next(m for m in commands if "vertical-assigned-value" in m.group(2))
    props = dict(p.split("=", 1) for p in first.group(2).split(","))
    assert first.group(1) == "warning" and props["file"] == finding.file and props["line"] == str(finding.line)
    assert props["title"] == "plancheck vertical-assigned-value" and int(props["col"]) >= 1
    assert "\n" not in first.group(3) and "%0A" in first.group(3)  # related location on its own line
    assert lines[-1].startswith("plancheck: ")


def test_github_leaves_out_waived_and_baselined(suppressed_report):
    assert not [line for line in github.render(suppressed_report).splitlines() if line.startswith("::")]


# --- the command line --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_check_formats_exit_codes(fmt, report):
    failing = any(f.severity == "error" for f in report.findings if not f.suppressed)
    result = run_cli("check", "--no-html", "--format", fmt)
    assert result.returncode == (1 if failing else 0), result.stderr
    assert result.stdout and "Traceback" not in result.stderr
    assert run_cli("check", "--no-html", "--format", fmt, "--fail-on", "none").returncode == 0


def test_findings_carry_their_column_and_typed_subject(report):
    """A finding knows the column of its entry and which target it is about, as do its related entries;
    the JSON location shows the column."""
    finding = urbanization(report.findings)
    assert finding.ref == SubjectRef("zhongshan-fyp14", "target", "urbanization-rate")
    line = (ROOT / finding.file).read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert re.match(r"id: \W?urbanization-rate", line[finding.column - 1:])
    upper = finding.related[0]
    assert upper.ref.kind == "target" and upper.ref.plan == "liupanshui-urbanization-fyp14"
    upper_line = (ROOT / upper.file).read_text(encoding="utf-8").splitlines()[upper.line - 1]
    assert re.match(rf"id: \W?{re.escape(upper.ref.id)}", upper_line[upper.column - 1:])
    data = json.loads(json_format.render(report, "en"))["findings"][report.findings.index(finding)]
    assert data["location"] == {"file": finding.file, "line": finding.line, "column": finding.column}
    assert data["target"] == "urbanization-rate" and data["plan"] == "zhongshan-fyp14"
    assert [r for r in report.findings if r.ref.kind == "plan"]  # coverage findings are about a plan
    assert all(r.target is None and r.ref.id is None for r in report.findings if r.ref.kind == "plan")


# --- a run stopped by bad input (exit 2) -------------------------------------------------------------

BAD_INPUT = ("duplicate.yaml", "unknown-key.yaml")  # a duplicate key at line 3, a misspelt key at line 9


@pytest.fixture
def bad_corpus(mini_corpus):
    county = mini_corpus / "plans" / "county.yaml"
    lines = county.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(8, "colour: red\n")
    (mini_corpus / "plans" / "unknown-key.yaml").write_text("".join(lines).replace("id: county-plan", "id: other"),
                                                            encoding="utf-8")
    (mini_corpus / "plans" / "duplicate.yaml").write_text("schema: plancheck/plan/v1\nid: a\nid: b\n", encoding="utf-8")
    return mini_corpus


def _stopped(fmt, corpus, tmp_path, *extra):
    out = tmp_path / f"stopped.{fmt}"
    result = run_cli("check", "corpus", "--no-html", "--format", fmt, "--output", str(out), *extra,
                     cwd=corpus.parent)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "corpus/plans/duplicate.yaml:3:" in result.stderr  # and still on stderr for the log
    return out.read_text(encoding="utf-8")


def test_sarif_on_bad_input_is_a_failed_run_with_a_notification_per_problem(bad_corpus, tmp_path, sarif_validator):
    data = json.loads(_stopped("sarif", bad_corpus, tmp_path, "--lang", "en"))
    errors = list(sarif_validator.iter_errors(data))
    assert not errors, errors[0].message
    run = data["runs"][0]
    assert run["results"] == []
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    where = {}
    for note in invocation["toolExecutionNotifications"]:
        physical = note["locations"][0]["physicalLocation"]
        where[physical["artifactLocation"]["uri"]] = (physical["region"]["startLine"], note["message"]["text"])
        assert note["level"] == "error" and physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert set(where) == {f"corpus/plans/{name}" for name in BAD_INPUT}
    assert where["corpus/plans/duplicate.yaml"][0] == 3 and "duplicate key 'id'" in where["corpus/plans/duplicate.yaml"][1]
    assert where["corpus/plans/unknown-key.yaml"][0] == 9 and "colour" in where["corpus/plans/unknown-key.yaml"][1]


def test_sarif_multitool_accepts_the_failed_run(bad_corpus, tmp_path):
    command = _multitool()
    log = tmp_path / "stopped.sarif"
    _stopped("sarif", bad_corpus, tmp_path)
    out = tmp_path / "validation.sarif"
    done = subprocess.run([*command, "validate", str(log), "--output", str(out), "--log", "ForceOverwrite"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and out.is_file(), done.stdout + done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0].get("results", [])
    assert not [r for r in results if r.get("level", "warning") in ("error", "warning")], done.stdout


def test_junit_on_bad_input_has_an_error_case_per_problem(bad_corpus, tmp_path):
    from junitparser import Error, JUnitXml
    xml = JUnitXml.fromstring(_stopped("junit", bad_corpus, tmp_path, "--lang", "en").encode("utf-8"))
    cases = [case for suite in xml for case in suite]
    assert xml.errors == len(cases) == len(BAD_INPUT) and xml.failures == 0
    assert all(isinstance(case.result[0], Error) for case in cases)
    by_name = {case.name: case.result[0] for case in cases}
    assert "duplicate key 'id'" in by_name["corpus/plans/duplicate.yaml:3"].message
    assert "colour" in by_name["corpus/plans/unknown-key.yaml:9"].message


def test_github_on_bad_input_has_an_error_annotation_per_problem(bad_corpus, tmp_path):
    lines = _stopped("github", bad_corpus, tmp_path, "--lang", "en").splitlines()
    commands = [COMMAND.match(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(BAD_INPUT) and all(commands) and {m.group(1) for m in commands} == {"error"}
    located = {}
    for match in commands:
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        located[props["file"]] = (props["line"], props["col"], match.group(3))
    assert located["corpus/plans/duplicate.yaml"][:2] == ("3", "1")
    assert located["corpus/plans/unknown-key.yaml"][0] == "9" and "colour" in located["corpus/plans/unknown-key.yaml"][2]
    assert lines[-1].startswith("plancheck: ")


def test_github_on_a_problem_with_an_option_names_the_option(tmp_path):
    result = run_cli("check", "--no-html", "--format", "github", "--plan", "no-such-plan", "--lang", "en")
    assert result.returncode == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error title=plancheck input::--plan: unknown plan id(s): no-such-plan")


# --- plan text is inert ------------------------------------------------------------------------------

HOSTILE = "\x1b[31m红\x1b]0;title\x07\x01\x7f\u202e"  # colour, a terminal title, a bell, controls, a bidi override
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")


def _yaml_escaped(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


@pytest.fixture
def hostile_corpus(mini_corpus):
    """The mini corpus with control characters in the title, note, label and quote of its plan, and a
    label long enough to make a message over-long."""
    county = mini_corpus / "plans" / "county.yaml"
    text = county.read_text(encoding="utf-8")
    text = text.replace("title: 钟山区规划", f"title: {_yaml_escaped('钟山区规划' + HOSTILE)}\nnote: {_yaml_escaped(HOSTILE)}")
    text = text.replace("label: 地区生产总值", f"label: {_yaml_escaped('地区生产总值' + HOSTILE + '长' * 1900)}")
    text = text.replace('quote: "地区生产总值 309.17 500 8.6左右"', f"quote: {_yaml_escaped('地区生产总值 309.17 500 8.6左右' + HOSTILE)}")
    county.write_text(text, encoding="utf-8")
    return mini_corpus


def test_control_characters_are_escaped_in_text_and_github_output(hostile_corpus):
    for fmt in ("text", "github"):
        result = run_cli("check", str(hostile_corpus), "--no-html", "--format", fmt, "--fail-on", "none")
        assert result.returncode == 0, result.stderr
        assert not RAW_CONTROLS.search(result.stdout), fmt
        assert "\\x1b[31m红\\x1b]0;title\\x07\\x01\\x7f\\u202e" in result.stdout  # shown, as escapes
        if fmt == "github":
            assert all(line.startswith(("::", "plancheck: ")) for line in result.stdout.splitlines())


def test_junit_with_control_characters_is_well_formed_xml(hostile_corpus):
    from xml.dom import minidom
    text = junit.render(api.check([hostile_corpus]))
    minidom.parseString(text.encode("utf-8"))  # expat refuses any character XML 1.0 does not allow
    assert not RAW_CONTROLS.search(text) and "\\x1b[31m" in text


def test_over_long_plan_text_is_cut_in_messages(hostile_corpus):
    from checker.inert import MESSAGE_LIMIT
    report = api.check([hostile_corpus])
    growth = next(f for f in report.findings if f.rule == "internal-growth-path")
    assert "长" * 1900 in growth.message["zh"]  # the rule says it all ...
    shown = growth.text("zh")  # ... what is shown is cut, and says by how much
    assert len(shown) <= MESSAGE_LIMIT + 12 and re.search(r"… \[\+\d+\]$", shown)
    assert "长" not in growth.message["en"]  # English names the indicator by the catalogue's English name
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    assert len(next(r for r in results if r["ruleId"] == "internal-growth-path")["message"]["text"]) <= MESSAGE_LIMIT + 12


def test_problems_show_control_characters_escaped(mini_corpus):
    county = mini_corpus / "plans" / "county.yaml"
    county.write_text(county.read_text(encoding="utf-8") + '"\\e[2Jcolour\\a": red\n', encoding="utf-8")
    result = run_cli("validate", str(mini_corpus))
    assert result.returncode == 2 and not RAW_CONTROLS.search(result.stderr)
    assert "\\x1b[2Jcolour\\x07" in result.stderr


def test_escaping_leaves_no_control_character_and_keeps_plain_text():
    from hypothesis import given, strategies as st
    from xml.dom import minidom
    from xml.sax.saxutils import escape, quoteattr
    from checker.inert import escape_controls, xml_safe

    @given(st.text())
    def check(text):
        shown = escape_controls(text)
        assert not RAW_CONTROLS.search(shown) and not re.search("[\ud800-\udfff]", shown)
        if not re.search("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]", text):
            assert shown == text  # plain text (Chinese included) is untouched
        minidom.parseString(f"<a b={quoteattr(xml_safe(text))}>{escape(xml_safe(text))}</a>".encode("utf-8"))
    check()



# --- text: linter conventions ------------------------------------------------------------------------

FINDING_LINE = re.compile(r"^(?P<file>[^:\s]+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<state>\S+) \[(?P<rule>[a-z-]+)\] ")


def _text(*args, **kwargs):
    result = run_cli("check", "--no-html", "--lang", "en", *args, **kwargs)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


def test_text_is_file_line_col_sorted_by_severity_then_rank_then_file_then_line(report):
    lines = _text()
    found = [FINDING_LINE.match(line) for line in lines if not line.startswith("    ")][:-1]
    assert all(found) and len(found) == len(report.findings)
    rank = {"error": 0, "warning": 1, "info": 2}
    gap = {(f.file, f.line, f.rule): f.rank for f in report.findings}  # a rule's measure of how far off
    keys = []
    for m in found:
        measured = gap[(m["file"], int(m["line"]), m["rule"])]
        keys.append((rank[m["state"]], measured is None, -(measured or 0), m["file"], int(m["line"])))
    assert keys == sorted(keys)
    assert any(k[1] is False for k in keys) and any(k[1] is True for k in keys)  # both kinds are shown
    worst = min(report.findings, key=lambda f: (rank[f.severity], f.rank is None, -(f.rank or 0), f.file, f.line))
    first = found[0]  # the most serious finding is the first line, not somewhere in the middle
    assert (first["state"], first["file"], int(first["line"])) == (worst.severity, worst.file, worst.line)
    finding = urbanization(report.findings)
    line = next(m for m in found if m["rule"] == finding.rule and m["file"] == finding.file
                and int(m["line"]) == finding.line)
    source = (ROOT / finding.file).read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert re.match(r"id: \W?urbanization-rate", source[int(line["col"]) - 1:])
    counts = report.summary
    assert lines[-1].endswith(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info")


def test_text_quiet_keeps_the_findings_at_or_above_fail_on_and_the_summary(report):
    def states(lines):
        return [FINDING_LINE.match(line)["state"] for line in lines if FINDING_LINE.match(line)]

    quiet = _text("--quiet")
    assert states(quiet) == ["error"] * report.summary["error"]
    assert quiet[-1] == _text()[-1]
    warnings = states(_text("-q", "--fail-on", "warning"))
    assert set(warnings) == {"warning"} | ({"error"} if report.summary["error"] else set())
    assert len(warnings) == report.summary["error"] + report.summary["warning"]
    assert states(_text("-q", "--fail-on", "none")) == []


def test_text_colour_always_never_and_no_color(monkeypatch):
    coloured = "\n".join(_text("--color", "always"))
    assert "\x1b[1;33mwarning\x1b[0m" in coloured and "\x1b[1m" in coloured
    assert "\x1b[" not in "\n".join(_text("--color", "never"))
    assert "\x1b[" not in "\n".join(_text())  # auto: stdout is a pipe here, not a terminal
    import cli
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert cli._colour("auto", None) is True
    assert cli._colour("auto", "out.txt") is False  # writing a file: no colour
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._colour("auto", None) is False and cli._colour("always", None) is True
    monkeypatch.setenv("NO_COLOR", "")  # set but empty does not count (no-color.org)
    assert cli._colour("auto", None) is True


def test_json_and_sarif_give_the_same_column(report):
    findings = json.loads(FORMATS["json"](report))["findings"]
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    for finding, result in zip(findings, results):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert finding["location"]["column"] == region["startColumn"] >= 1
        assert finding["location"]["line"] == region["startLine"]
    assert any(f["location"]["column"] > 1 for f in findings)
