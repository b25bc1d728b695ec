"""Waivers and baselines on the bundled corpus: each silences a real finding (the 75% vs 90% urbanization
conflict of 钟山区), an expired waiver brings it back, and bad files stop the check with file:line."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from checker import api, baseline
from checker.loader import load_yaml
from checker.problems import InputError
from checker.render import json_format
from conftest import URBANIZATION, PLANS, run_cli

TODAY = date(2026, 6, 30)


pytestmark = pytest.mark.usefixtures("at_root")


@pytest.fixture(scope="module")
def plain():
    return api.check([Path("plans")])


def find(findings, key=URBANIZATION):
    found = [f for f in findings if (f.rule, f.plan, f.target) == key]
    assert len(found) == 1, f"expected one finding {key}"
    return found[0]


def waivers_file(folder: Path, *entries: str, name: str = "waivers.yaml") -> Path:
    path = folder / name
    body = "waivers:\n" + "".join(entries) if entries else "waivers: []\n"
    path.write_text("schema: plancheck/waivers/v1\n" + body, encoding="utf-8")
    return path


def waiver(rule="vertical-assigned-value", plan="zhongshan-fyp14", target="urbanization-rate",
           expires="2026-12-31", reason="市级城镇化规划修编中，钟山区城镇化率目标待统一", extra="") -> str:
    lines = [f"  - rule: {rule}\n", f"    plan: {plan}\n"]
    if target:
        lines.append(f"    target: {target}\n")
    lines += [f"    reason: {reason}\n", f'    expires: "{expires}"\n' if expires else "", extra]
    return "".join(lines)


def errors_waived_except(folder: Path, report, keep=None) -> Path:
    """A waivers file covering every counting warning and error of `report` except `keep` (by fingerprint)."""
    entries = [waiver(f.rule, f.plan, None, extra=f"    fingerprint: {f.fingerprint}\n", expires="2999-12-31")
               for f in report.findings if f.severity in ("error", "warning") and not f.suppressed and f is not keep]
    return waivers_file(folder, *entries, name="other-errors.yaml")


# --- waivers -----------------------------------------------------------------------------------------

def test_a_waiver_silences_the_urbanization_conflict(tmp_path, plain):
    before = find(plain.findings)
    assert before.severity == "warning" and before.waived is None
    report = api.check([Path("plans")], waiver_files=[waivers_file(tmp_path, waiver())], today=TODAY)
    after = find(report.findings)
    assert after.waived == "市级城镇化规划修编中，钟山区城镇化率目标待统一"
    assert after.fingerprint == before.fingerprint
    assert report.summary["warning"] == plain.summary["warning"] - 1
    assert report.waived_count == 1
    assert json.loads(json_format.render(report))["findings"][report.findings.index(after)]["waived"] == after.waived


def test_waiver_exit_codes_and_text(tmp_path, plain):
    others = errors_waived_except(tmp_path, plain, keep=find(plain.findings))
    mine = waivers_file(tmp_path, waiver(expires="2999-12-31"))
    without = run_cli("check", "--no-html", "--lang", "en", "--fail-on", "warning", "--waivers", str(others))
    assert without.returncode == 1, without.stdout + without.stderr
    assert "warning [vertical-assigned-value]" in without.stdout
    with_waiver = run_cli("check", "--no-html", "--lang", "en", "--fail-on", "warning", "--waivers", str(others),
                          "--waivers", str(mine))
    assert with_waiver.returncode == 0, with_waiver.stdout + with_waiver.stderr
    line = next(l for l in with_waiver.stdout.splitlines() if "[vertical-assigned-value]" in l)
    assert line.startswith("plans/guizhou/zhongshan-fyp14.yaml:") and ": waived [" in line
    assert "钟山区城镇化率目标待统一" in line


def test_an_expired_waiver_brings_the_finding_back_and_says_so(tmp_path, plain):
    path = waivers_file(tmp_path, waiver(expires="2026-06-30"))
    still = api.check([Path("plans")], waiver_files=[path], today=date(2026, 6, 30))  # the last day holds
    assert find(still.findings).waived is not None
    report = api.check([Path("plans")], waiver_files=[path], today=date(2026, 7, 1))
    back = find(report.findings)
    assert back.waived is None and report.summary["warning"] == plain.summary["warning"]
    note = find(report.findings, ("waiver-expired", "zhongshan-fyp14", "urbanization-rate"))
    assert note.severity == "info" and note.file == path.as_posix() and note.line == 3
    assert "2026-06-30" in note.text("en") and "count again" in note.text("en")
    assert [(r.plan, r.target) for r in note.related] == [("zhongshan-fyp14", "urbanization-rate")]


def test_expired_waiver_on_the_command_line_fails_again(tmp_path, plain):
    others = errors_waived_except(tmp_path, plain, keep=find(plain.findings))
    expired = waivers_file(tmp_path, waiver(expires="2000-01-01"))
    result = run_cli("check", "--no-html", "--lang", "en", "--fail-on", "warning", "--waivers", str(others),
                     "--waivers", str(expired))
    assert result.returncode == 1
    assert "info [waiver-expired] waiver expired on 2000-01-01" in result.stdout
    assert "warning [vertical-assigned-value]" in result.stdout


def test_a_waiver_that_covers_nothing_is_reported_at_its_line(tmp_path):
    path = waivers_file(tmp_path, waiver(), waiver(rule="internal-growth-path", plan="qingzhen-goals", target=None,
                                                   expires="2999-01-01", reason="不存在的发现"))
    report = api.check([Path("plans")], waiver_files=[path], today=TODAY)
    unused = [f for f in report.findings if f.rule == "waiver-unused"]
    assert len(unused) == 1 and unused[0].severity == "warning"
    assert (unused[0].file, unused[0].line, unused[0].plan) == (path.as_posix(), 8, "qingzhen-goals")
    assert unused[0].column == 5


def test_unused_waivers_of_plans_left_out_are_not_reported(tmp_path):
    path = waivers_file(tmp_path, waiver())
    report = api.check([Path("plans")], plans=["qingzhen-goals"], waiver_files=[path], today=TODAY)
    assert not [f for f in report.findings if f.rule.startswith("waiver-")]


def test_a_fingerprint_waiver_covers_that_finding_only(tmp_path, plain):
    gaps = [f for f in plain.findings if f.rule == "vertical-assigned-gap" and f.plan == "zhongshan-fyp14"]
    assert len(gaps) > 1
    path = waivers_file(tmp_path, waiver("vertical-assigned-gap", target=None,
                                         extra=f"    fingerprint: {gaps[0].fingerprint}\n"))
    report = api.check([Path("plans")], waiver_files=[path], today=TODAY)
    waived = [f for f in report.findings if f.waived is not None]
    assert [f.fingerprint for f in waived] == [gaps[0].fingerprint]


def test_waivers_yaml_beside_regions_is_used_and_validated(tmp_path):
    corpus = tmp_path / "plans"
    shutil.copytree(PLANS, corpus)
    waivers_file(corpus, waiver())
    assert run_cli("validate", str(corpus)).returncode == 0
    report = api.check([corpus], today=TODAY)
    assert find(report.findings).waived is not None
    # naming only a plan file still finds regions.yaml above it, and the waivers beside it
    single = api.check([corpus / "guizhou" / "zhongshan-fyp14.yaml", corpus / "guizhou"], today=TODAY)
    assert find(single.findings).waived is not None


BAD = [
    (waiver(reason=None).replace("    reason: None\n", ""), 3, "missing the required key 'reason'"),
    (waiver().replace('"2026-12-31"', "2026-12-31"), 7, "is read as a date"),
    (waiver(expires="2026-02-30"), 7, "is not a calendar date"),
    (waiver(expires="31/12/2026"), 7, 'a date in quotes, "YYYY-MM-DD"'),
    (waiver(rule="vertical-assigned-valu"), 3, "unknown or disabled rule 'vertical-assigned-valu' (did you mean "
                                               "vertical-assigned-value"),
    (waiver(plan="zhongshan"), 4, "no plan 'zhongshan' in the corpus"),
    (waiver(target="urbanisation-rate"), 5, "plan 'zhongshan-fyp14' has no target 'urbanisation-rate'"),
    (waiver(extra="    fingerprint: XYZ\n"), 8, "16 hexadecimal digits"),
    (waiver(extra="    owner: me\n"), 8, "unknown key 'owner'"),
]


@pytest.mark.parametrize("entry,line,message", BAD, ids=[b[2][:30] for b in BAD])
def test_bad_waivers_files_give_file_line_and_exit_2(tmp_path, entry, line, message):
    path = waivers_file(tmp_path, entry)
    result = run_cli("check", "--no-html", "--waivers", str(path), "--lang", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path.as_posix()}:{line}:"), first
    assert message in first, first


def test_waivers_option_refuses_missing_and_non_waiver_files(tmp_path):
    missing = run_cli("check", "--no-html", "--waivers", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "waivers file not found" in missing.stderr
    plan = run_cli("check", "--no-html", "--waivers", "plans/guizhou/qingzhen-goals.yaml")
    assert plan.returncode == 2 and "not a waivers file" in plan.stderr


def test_waivers_schema_is_printed(tmp_path):
    result = run_cli("schema", "waivers")
    assert result.returncode == 0 and json.loads(result.stdout)["title"].startswith("plancheck waivers")


# --- baselines ---------------------------------------------------------------------------------------

def test_baseline_file_is_sorted_readable_and_byte_identical(tmp_path, plain):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        result = run_cli("baseline", str(out))
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    entries = data["findings"]
    assert data["version"] == 1 and len(entries) == len(plain.findings)
    keys = [(e["plan"], e["rule"], e.get("target", ""), e["fingerprint"]) for e in entries]
    assert keys == sorted(keys)
    target = find(plain.findings)
    assert {"fingerprint": target.fingerprint, "rule": target.rule, "plan": target.plan,
            "target": target.target} in entries


def test_a_baseline_silences_known_findings_and_fails_on_new_ones(tmp_path, plain):
    full = tmp_path / "baseline.json"
    assert run_cli("baseline", str(full)).returncode == 0
    everything = run_cli("check", "--no-html", "--lang", "en", "--baseline", str(full), "--fail-on", "info")
    assert everything.returncode == 0, everything.stdout
    assert ": baselined [vertical-assigned-value]" in everything.stdout
    assert f"(and 0 waived, {len(plain.findings)} baselined)" in everything.stdout
    # drop the urbanization conflict from the baseline: it is new again, and the only failure
    data = json.loads(full.read_text(encoding="utf-8"))
    target = find(plain.findings)
    data["findings"] = [e for e in data["findings"] if e["fingerprint"] != target.fingerprint]
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("check", "--no-html", "--format", "json", "--fail-on", "warning", "--baseline", str(partial))
    assert result.returncode == 1
    counting = [f for f in json.loads(result.stdout)["findings"] if not f.get("baselined")]
    assert [(f["rule"], f["plan"], f["target"]) for f in counting] == [URBANIZATION]


def test_a_baseline_says_which_known_findings_are_gone(tmp_path, plain):
    data = json.loads(baseline.render(plain.findings))
    data["findings"].append({"fingerprint": "0123456789abcdef", "rule": "internal-growth-path",
                             "plan": "zhongshan-fyp14"})
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = api.check([Path("plans")], baseline=path)
    assert [e["fingerprint"] for e in report.baseline_fixed] == ["0123456789abcdef"]
    result = run_cli("check", "--no-html", "--lang", "en", "--baseline", str(path))
    assert "1 baselined finding(s) no longer occur" in result.stdout


def test_waived_findings_stay_out_of_the_baseline(tmp_path):
    path = waivers_file(tmp_path, waiver(expires="2999-12-31"))
    out = tmp_path / "baseline.json"
    assert run_cli("baseline", str(out), "--waivers", str(path)).returncode == 0
    assert "urbanization-rate" not in {e.get("target") for e in json.loads(out.read_text())["findings"]}


@pytest.mark.parametrize("text,message", [
    ("{not json", "plancheck-baseline.json:1:2: not valid JSON"),
    ('{"version": 2, "findings": []}', "not a plancheck baseline"),
    ('{"version": 1, "findings": [{"rule": "x"}]}', 'findings[0] has no "fingerprint"'),
])
def test_bad_baseline_files_exit_2(tmp_path, text, message):
    path = tmp_path / "plancheck-baseline.json"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--no-html", "--baseline", str(path))
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert run_cli("check", "--no-html", "--baseline", str(tmp_path / "none.json")).returncode == 2


def test_fingerprints_survive_reordering_and_line_moves(tmp_path, plain):
    corpus = tmp_path / "plans"
    shutil.copytree(PLANS, corpus)
    plan_file = corpus / "guizhou" / "zhongshan-fyp14.yaml"
    data = json.loads(json.dumps(load_yaml(plan_file)))  # plain dicts and lists
    data["targets"].reverse()
    order = ["schema", "id", "roles", "projects", "targets"]
    data = {**{k: data[k] for k in order if k in data}, **{k: v for k, v in data.items() if k not in order}}
    plan_file.write_text("# moved around\n\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200),
                         encoding="utf-8")
    moved = api.check([corpus])
    before, after = find(plain.findings), find(moved.findings)
    assert after.line != before.line and after.fingerprint == before.fingerprint
    assert {f.fingerprint for f in moved.findings} == {f.fingerprint for f in plain.findings}
    path = tmp_path / "baseline.json"
    path.write_text(baseline.render(plain.findings), encoding="utf-8")
    assert not [f for f in api.check([corpus], baseline=path).findings if not f.suppressed]


def test_bad_input_in_api_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        api.check([Path("plans")], baseline=tmp_path / "missing.json")


def test_explain_documents_the_waiver_rules():
    result = run_cli("explain", "waiver-expired")
    assert result.returncode == 0 and "expires" in result.stdout
    assert "covers no finding" in run_cli("explain", "waiver-unused").stdout


def test_validate_checks_a_corpus_waivers_file(tmp_path):
    corpus = tmp_path / "plans"
    shutil.copytree(PLANS, corpus)
    waivers_file(corpus, waiver(reason=None).replace("    reason: None\n", ""))
    result = run_cli("validate", str(corpus))
    assert result.returncode == 2 and "waivers.yaml:3:" in result.stderr and "'reason'" in result.stderr


def test_the_html_report_takes_waived_baselined_and_waiver_findings(tmp_path, plain):
    path = waivers_file(tmp_path, waiver(expires="2000-01-01"),
                        waiver(rule="internal-growth-path", plan="qingzhen-goals", target=None, expires="2999-01-01"),
                        waiver(rule="vertical-assigned-gap", target=None, expires="2999-01-01"))
    base = tmp_path / "baseline.json"
    base.write_text(baseline.render(plain.findings[:5]), encoding="utf-8")
    result = run_cli("check", "--html", str(tmp_path / "reports"), "--waivers", str(path), "--baseline", str(base))
    assert result.returncode in (0, 1), result.stderr
    assert "internal error" not in result.stderr and (tmp_path / "reports" / "index.html").is_file()


def test_focused_check_still_knows_every_plan_of_the_corpus(tmp_path, monkeypatch):
    """A re-check of one changed plan loads only its neighbourhood, yet a waiver for a plan that exists
    elsewhere in the corpus is accepted and one for a plan that exists nowhere is refused."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PLANCHECK_NO_CACHE", raising=False)
    corpus = tmp_path / "plans"
    shutil.copytree(PLANS, corpus, ignore=shutil.ignore_patterns(".plancheck-cache"))
    api.check([corpus])  # writes the cache index
    changed = [corpus / "guizhou" / "zhongshan-fyp14.yaml"]
    far = waivers_file(tmp_path, waiver(plan="qingzhen-goals", target=None, rule="coverage-upper-plan-missing"))
    report = api.check([corpus], changed=changed, waiver_files=[far])
    assert report.corpus.partial and "qingzhen-goals" not in report.corpus.plans
    missing = waivers_file(tmp_path, waiver(plan="no-such-plan", target=None), name="missing.yaml")
    with pytest.raises(InputError, match="no plan 'no-such-plan' in the corpus"):
        api.check([corpus], changed=changed, waiver_files=[missing])
