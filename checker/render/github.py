"""GitHub Actions workflow commands: each finding becomes an annotation on its plan file's line.

    ::error file=plans/guizhou/zhongshan-fyp14.yaml,line=151,col=5,title=vertical-assigned-value::城镇化率…

error -> ::error, warning -> ::warning, info -> ::notice. Waived and baselined findings are left out:
an annotation asks for action. Messages are escaped as the Actions toolkit does (% CR LF in the
message; also : and , in properties). GitHub shows a limited number of annotations of each kind per step,
so errors come first; upload the SARIF output for the complete list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = {"error": 0, "warning": 1, "info": 2}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: Any) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def render(report: Report, lang: str = "zh") -> str:
    shown = sorted((f for f in report.findings if not f.suppressed), key=lambda f: ORDER[f.severity])
    lines = []
    for finding in shown:
        message = finding.text(lang)
        for related in finding.related:
            message += f"\n{related.file}:{related.line}: {related.plan}/{related.subject}".rstrip("/")
        lines.append(command(COMMANDS[finding.severity], message, file=finding.file, line=finding.line,
                             col=finding.column, title=f"plancheck {finding.rule}"))
    summary = report.summary
    lines.append(f"plancheck: {summary['error']} error(s), {summary['warning']} warning(s), {summary['info']} info; "
                 f"{report.waived_count} waived, {report.baselined_count} baselined")
    return "\n".join(lines) + "\n"
