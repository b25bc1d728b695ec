"""GitHub Actions workflow commands: each finding becomes an annotation on its plan file's line.

    ::error file=plans/guizhou/zhongshan-fyp14.yaml,line=151,col=5,title=vertical-assigned-value::城镇化率…

error -> ::error, warning -> ::warning, info -> ::notice. Waived and baselined findings are left out:
an annotation asks for action. Messages are escaped as the Actions toolkit does (% CR LF in the
message; also : and , in properties); other control characters from plan text are shown escaped
(checker.inert), so that a plan's text cannot start a workflow command of its own. GitHub shows a limited number of annotations of each kind per step,
so errors come first; upload the SARIF output for the complete list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..inert import escape_controls

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = {"error": 0, "warning": 1, "info": 2}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: Any) -> str:
    """A workflow command. Line breaks in `message` are kept (as %0A); control characters in properties
    are shown escaped: the callers escape those of the message's lines (message_lines())."""
    props = ",".join(f"{key}={escape_property(escape_controls(str(value)))}" for key, value in properties.items()
                     if value is not None)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def message_lines(*texts: str) -> str:
    """One annotation message of several lines, each with its control characters shown escaped."""
    return "\n".join(escape_controls(text) for text in texts)


def render(report: Report, lang: str = "zh") -> str:
    shown = sorted((f for f in report.findings if not f.suppressed), key=lambda f: ORDER[f.severity])
    lines = []
    for finding in shown:
        message = message_lines(finding.text(lang), *(f"{r.file}:{r.line}: {r.plan}/{r.subject}".rstrip("/")
                                                      for r in finding.related))
        lines.append(command(COMMANDS[finding.severity], message, file=finding.file, line=finding.line,
                             col=finding.column, title=f"plancheck {finding.rule}"))
    summary = report.summary
    lines.append(f"plancheck: {summary['error']} error(s), {summary['warning']} warning(s), {summary['info']} info; "
                 f"{report.waived_count} waived, {report.baselined_count} baselined")
    return "\n".join(lines) + "\n"


def render_problems(problems: list[Any], lang: str = "zh") -> str:
    """A run that bad input stopped (exit 2): one ::error per problem at its file, line and column."""
    lines = []
    for problem in problems:
        where = {"file": problem.file, "line": problem.line or None,
                 "col": (problem.column or 1) if problem.line else None} if problem.is_file else {}
        message = message_lines(problem.text(lang) if problem.is_file else f"{problem.file}: {problem.text(lang)}")
        lines.append(command("error", message, **where, title="plancheck input"))
    lines.append(f"plancheck: {len(problems)} input problem(s); nothing was checked")
    return "\n".join(lines) + "\n"
