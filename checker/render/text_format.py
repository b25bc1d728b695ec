"""Plain text for terminals: one finding per line as file:line: severity [rule] message, then a summary."""

from __future__ import annotations

from typing import Any

LABELS = {"zh": {"error": "错误", "warning": "警告", "info": "提示", "waived": "已豁免",
                 "summary": "{plans} 个规划，{targets} 个目标：{error} 个错误，{warning} 个警告，{info} 个提示"},
          "en": {"error": "error", "warning": "warning", "info": "info", "waived": "waived",
                 "summary": "{plans} plans, {targets} targets: {error} errors, {warning} warnings, {info} info"}}


def render(report: Any, lang: str = "zh") -> str:
    labels = LABELS[lang]
    lines = []
    for finding in report.findings:
        severity = labels["waived"] if finding.waived is not None else labels[finding.severity]
        lines.append(f"{finding.file}:{finding.line}: {severity} [{finding.rule}] {finding.text(lang)}")
        for related in finding.related:
            lines.append(f"    {related.file}:{related.line}: {related.plan}/{related.subject}".rstrip("/"))
    lines.append(labels["summary"].format(plans=len(report.corpus.plans), targets=report.corpus.target_count,
                                          **report.summary))
    return "\n".join(lines) + "\n"
