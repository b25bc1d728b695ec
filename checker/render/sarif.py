"""SARIF 2.1.0, for code scanning (GitHub's upload-sarif, IDE SARIF viewers) and other static-analysis hosts.

One run. tool.driver.rules lists every rule in force (and the two about waivers), each with its short
description, the first paragraph of its documentation, the whole documentation as help, and its
severity as the default level. Each finding is a result at its plan file's line and column, with the
other plans' entries as relatedLocations, the fingerprint as partialFingerprints["plancheck/v1"], a
waived finding as an external suppression with the waiver's reason, and, when a baseline was given,
baselineState "unchanged" (in the baseline) or "new". Paths relative to the folder plancheck ran in are
written against the uriBaseId %SRCROOT%, which code scanning takes as the repository root.
Byte-identical across runs: no times, no absolute paths unless a file lies outside that folder.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Union
from urllib.parse import quote

from .. import __version__, waivers
from ..engine import Rule
from ..findings import Finding
from ..model import Location
from ..problems import Problem

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://plancheck.dev/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "plancheck/v1"
DRIVER = {"name": "plancheck", "version": __version__, "semanticVersion": __version__,
          "informationUri": INFORMATION_URI}
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def _descriptor(rule: Union[Rule, waivers.MetaRule]) -> dict[str, Any]:
    """A reportingDescriptor for an engine Rule or a waivers.MetaRule."""
    doc = (rule.doc if isinstance(rule, waivers.MetaRule) else rule.module.__doc__ or rule.description).strip()
    out: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": _first_paragraph(doc)},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "family": rule.family,
                       "tags": list(dict.fromkeys((rule.category, rule.family)))},
    }
    options = getattr(rule, "options", None)
    if options:
        out["properties"]["options"] = options
    return out


def artifact_location(file: str) -> dict[str, str]:
    """A repo-relative uri against %SRCROOT% (or a file: URI for a file outside the working folder)."""
    path = PurePosixPath(file)
    if path.is_absolute():
        return {"uri": "file://" + quote(str(path), safe="/")}
    return {"uri": quote(str(path), safe="/"), "uriBaseId": SRCROOT}


def _physical(location: Location) -> dict[str, Any]:
    return {"artifactLocation": artifact_location(location.file),
            "region": {"startLine": max(location.line, 1), "startColumn": location.column}}


def _result(report: Report, finding: Finding, rule_index: dict[str, int], lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.text(lang)},
        "locations": [{"physicalLocation": _physical(finding.location)}],
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, "physicalLocation": _physical(related.location),
             "message": {"text": f"{related.plan}/{related.subject}".rstrip("/")}}
            for number, related in enumerate(finding.related, start=1)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.waived is not None:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": finding.waived}]
    if report.baseline is not None:
        result["baselineState"] = "unchanged" if finding.baselined else "new"
    properties = {key: getattr(finding, key) for key in ("plan", "target", "indicator", "region", "category", "family")}
    result["properties"] = {**{k: v for k, v in properties.items() if v is not None}, "evidence": finding.evidence}
    return result


def _run_context(lang: str) -> dict[str, Any]:
    """What every run says about its paths and text, with results or without."""
    return {"originalUriBaseIds": {SRCROOT: {"description": {"text": "the folder plancheck ran in (in CI: the "
                                                                     "repository root)"}}},
            "language": "zh-CN" if lang == "zh" else "en-US",
            "columnKind": "unicodeCodePoints"}


def as_data(report: Report, lang: str = "zh") -> dict[str, Any]:
    rules = [*report.rules, *waivers.RULES]
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    driver = {**DRIVER, "rules": [_descriptor(rule) for rule in rules]}
    run = {
        "tool": {"driver": driver},
        **_run_context(lang),
        "results": [_result(report, finding, rule_index, lang) for finding in report.findings],
        "properties": {"plans": len(report.corpus.plans), "targets": report.corpus.target_count,
                       "summary": report.summary},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, lang: str = "zh") -> str:
    return json.dumps(as_data(report, lang), ensure_ascii=False, indent=2) + "\n"


def _notification(problem: Problem, lang: str) -> dict[str, Any]:
    """A toolExecutionNotification for an input problem, located at its file and line when it has them."""
    out: dict[str, Any] = {"level": "error", "message": {"text": problem.text(lang)}}
    if problem.is_file:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(problem.file)}
        if problem.line:
            physical["region"] = {"startLine": problem.line, "startColumn": problem.column or 1}
        out["locations"] = [{"physicalLocation": physical}]
    return out


def render_problems(problems: list[Problem], lang: str = "zh") -> str:
    """The log of a run that bad input stopped (exit 2): no results, executionSuccessful false and one
    notification per problem, so that code scanning shows why instead of closing every alert."""
    run = {
        "tool": {"driver": dict(DRIVER)},
        "invocations": [{"executionSuccessful": False, "exitCode": 2,
                         "toolExecutionNotifications": [_notification(p, lang) for p in problems]}],
        **_run_context(lang),
        "results": [],
    }
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
