"""JUnit XML, for CI dashboards (GitLab, Jenkins, Azure DevOps) that show test results.

A testsuite per plan (those the check was narrowed to, or all). In it, each rule in force is a testcase
named after the rule that passes when the rule found nothing about the plan; otherwise each finding is
a testcase named "rule[subject]" (subject: the target, role, project or region it is about) with a
<failure> whose type is the severity, or <skipped> when it is waived or baselined. An info finding
asks for no action: its testcase passes, with the finding as <system-out>. Byte-identical across runs:
no times or host names.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from .. import waivers
from ..findings import Finding
from ..inert import xml_safe
from ..problems import Problem

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report


def _subject(finding: Finding) -> str:
    if finding.target:
        return finding.target
    if finding.role or finding.project:
        return finding.role or finding.project
    return finding.region or finding.plan


def _details(finding: Finding, lang: str) -> str:
    lines = [f"{finding.file}:{finding.line}: {finding.text(lang)}"]
    lines += [f"  {r.file}:{r.line}: {r.plan}/{r.subject}".rstrip("/") for r in finding.related]
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _case(suite: ET.Element, plan: str, name: str, file: str, line: int) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": f"plancheck.{plan}", "name": name, "file": file,
                                             "line": str(line), "time": "0"})


def _document(root: ET.Element) -> str:
    """The XML text; characters XML 1.0 cannot hold (plan text can: "\\e", "\\a") shown escaped."""
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render_problems(problems: list[Problem], lang: str = "zh") -> str:
    """A run that bad input stopped (exit 2): one suite "input" with an <error> test case per problem,
    named after its file and line, so that a dashboard shows what to fix instead of an empty report."""
    root = ET.Element("testsuites", {"name": "plancheck"})
    suite = ET.SubElement(root, "testsuite", {"name": "input"})
    names: set[str] = set()
    for problem in problems:
        name = f"{problem.file}:{problem.line}" if problem.line else problem.file
        while name in names:  # two problems on one line: keep names unique
            name += "'"
        names.add(name)
        case = ET.SubElement(suite, "testcase", {"classname": "plancheck.input", "name": name, "file": problem.file,
                                                 "line": str(problem.line), "time": "0"})
        ET.SubElement(case, "error", {"type": "input", "message": problem.text(lang)}).text = problem.show(lang)
    counts = {"tests": str(len(problems)), "failures": "0", "errors": str(len(problems)), "skipped": "0", "time": "0"}
    suite.attrib.update(counts)
    root.attrib.update(counts)
    return _document(root)


def render(report: Report, lang: str = "zh") -> str:
    by_plan: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in report.findings:
        by_plan[finding.plan][finding.rule].append(finding)
    plan_ids = sorted(set(report.selected if report.selected is not None else report.corpus.plans) | set(by_plan))
    rule_ids = [rule.id for rule in report.rules]
    rule_ids += [rule.id for rule in waivers.RULES if any(rule.id in by_plan[p] for p in by_plan)]

    root = ET.Element("testsuites", {"name": "plancheck"})
    totals = defaultdict(int)
    for plan_id in plan_ids:
        plan = report.corpus.plans.get(plan_id)
        file = plan.file if plan else ""
        suite = ET.SubElement(root, "testsuite", {"name": plan_id, "file": file})
        counts = defaultdict(int)
        for rule_id in rule_ids:
            findings = by_plan[plan_id].get(rule_id, [])
            if not findings:
                _case(suite, plan_id, rule_id, file, plan.location.line if plan else 0)
                counts["tests"] += 1
                continue
            names: set[str] = set()
            for finding in findings:
                name = f"{rule_id}[{_subject(finding)}]"
                if name in names:  # two findings about one subject (e.g. two years): keep names unique
                    name = f"{name}#{finding.fingerprint}"
                names.add(name)
                case = _case(suite, plan_id, name, finding.file, finding.line)
                counts["tests"] += 1
                if finding.suppressed:
                    why = f"waived: {finding.waived}" if finding.waived is not None else "baselined"
                    ET.SubElement(case, "skipped", {"message": why}).text = _details(finding, lang)
                    counts["skipped"] += 1
                elif finding.severity == "info":
                    ET.SubElement(case, "system-out").text = _details(finding, lang)
                else:
                    ET.SubElement(case, "failure", {"type": finding.severity, "message": finding.text(lang)}).text = \
                        _details(finding, lang)
                    counts["failures"] += 1
        suite.attrib.update({key: str(counts[key]) for key in ("tests", "failures", "errors", "skipped")})
        suite.set("time", "0")
        for key, value in counts.items():
            totals[key] += value
    root.attrib.update({key: str(totals[key]) for key in ("tests", "failures", "errors", "skipped")})
    root.set("time", "0")
    return _document(root)
