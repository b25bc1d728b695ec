"""Plain text for terminals: one finding per line as file:line: severity [rule] message, then a summary.

A waived or baselined finding shows that state in place of its severity; the summary counts only the
findings that count, and says how many were waived or baselined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import Finding

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


def state(finding: Finding, lang: str = "zh") -> str:
    """What a finding is in this run, as a word: its severity, or waived / baselined."""
    labels = LABELS[lang]
    if finding.waived is not None:
        return labels["waived"]
    return labels["baselined"] if finding.baselined else labels[finding.severity]


def render(report: Report, lang: str = "zh") -> str:
    labels = LABELS[lang]
    lines = []
    for finding in report.findings:
        reason = f" ({finding.waived})" if finding.waived else ""
        lines.append(f"{finding.file}:{finding.line}: {state(finding, lang)} [{finding.rule}] "
                     f"{finding.text(lang)}{reason}")
        for related in finding.related:
            lines.append(f"    {related.file}:{related.line}: {related.plan}/{related.subject}".rstrip("/"))
    summary = labels["summary"].format(plans=len(report.corpus.plans), targets=report.corpus.target_count,
                                       **report.summary)
    if report.waived_count or report.baselined_count:
        summary += labels["suppressed"].format(waived=report.waived_count, baselined=report.baselined_count)
    lines.append(summary)
    if report.baseline_fixed:
        lines.append(labels["fixed"].format(count=len(report.baseline_fixed), file=report.baseline.file))
    return "\n".join(lines) + "\n"
