"""Plain text for terminals, as linters print it: one finding per line as
`file:line:col: severity [rule] message`, related entries indented below, then a summary line, and after a narrowed run (--plan, --changed, --since) a line naming its focus.

Findings that count come first, by severity (errors, then warnings, then info), then file and line, so
that the error is the first line, not the 58th; waived and baselined ones (shown with that state in place
of their severity) come last. `quiet` (the --fail-on threshold) keeps only the counting findings at or
above it, and the summary. `color` adds ANSI colours (the command line decides: --color, NO_COLOR, a
terminal). Control characters from plan text are shown escaped (checker.inert), so that a plan cannot
drive the terminal or forge a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..findings import Finding, at_or_above, reading_key
from ..inert import escape_controls
from .focus import focus_text

if TYPE_CHECKING:  # the report is built by checker.api, which renderers do not import at run time
    from ..api import Report

LABELS = {"zh": {"error": "错误", "warning": "警告", "info": "提示", "waived": "已豁免", "baselined": "基线已有",
                 "summary": "{plans} 个规划，{targets} 个目标：{error} 个错误，{warning} 个警告，{info} 个提示",
                 "suppressed": "（另有 {waived} 项已豁免，{baselined} 项基线已有）",
                 "fixed": "基线中有 {count} 项发现已不再出现；可用 plancheck baseline 更新基线文件 {file}"},
          "en": {"error": "error", "warning": "warning", "info": "info", "waived": "waived", "baselined": "baselined",
                 "summary": "{plans} plans, {targets} targets: {error} errors, {warning} warnings, {info} info",
                 "suppressed": " (and {waived} waived, {baselined} baselined)",
                 "fixed": "{count} baselined finding(s) no longer occur; refresh {file} with plancheck baseline"}}

# SGR codes: bold red, bold yellow, cyan, dim; bold for the location
COLORS = {"error": "1;31", "warning": "1;33", "info": "36", "suppressed": "2", "location": "1", "rule": "2"}


def state(finding: Finding, lang: str = "zh") -> str:
    """What a finding is in this run, as a word: its severity, or waived / baselined."""
    labels = LABELS[lang]
    if finding.waived is not None:
        return labels["waived"]
    return labels["baselined"] if finding.baselined else labels[finding.severity]


def render(report: Report, lang: str = "zh", color: bool = False, quiet: Optional[str] = None) -> str:
    labels = LABELS[lang]

    def paint(text: str, kind: str) -> str:
        return f"\x1b[{COLORS[kind]}m{text}\x1b[0m" if color else text

    shown = sorted(report.findings, key=reading_key)  # counting first, most severe, worst ranked
    if quiet is not None:
        shown = [f for f in shown if not f.suppressed and at_or_above(f.severity, quiet)]
    lines = []
    for finding in shown:
        reason = f" ({finding.waived})" if finding.waived else ""
        where = f"{finding.file}:{finding.line}:{finding.column}:"
        lines.append(" ".join((paint(escape_controls(where), "location"),
                               paint(state(finding, lang), "suppressed" if finding.suppressed else finding.severity),
                               paint(f"[{finding.rule}]", "rule"),
                               escape_controls(f"{finding.text(lang)}{reason}"))))
        for related in finding.related:
            at = f"{related.file}:{related.line}:{related.column}"
            lines.append(escape_controls(f"    {at}: {related.plan}/{related.subject}".rstrip("/")))
    summary = labels["summary"].format(plans=len(report.corpus.plans), targets=report.corpus.target_count,
                                       **report.summary)
    if report.waived_count or report.baselined_count:
        summary += labels["suppressed"].format(waived=report.waived_count, baselined=report.baselined_count)
    lines.append(summary)
    focus = focus_text(report, lang)
    if focus is not None:
        lines.append(escape_controls(focus))
    if report.baseline_fixed:
        lines.append(escape_controls(labels["fixed"].format(count=len(report.baseline_fixed),
                                                            file=report.baseline.file)))
    return "\n".join(lines) + "\n"
