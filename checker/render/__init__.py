"""Renderers: a finished Report in, text out. None of them computes a finding.

One module per format; FORMATS maps the --format name to its render(report, lang) function, and
PROBLEM_FORMATS the machine formats that also report a run stopped by bad input (exit 2) to their
render_problems(problems, lang), so that CI shows why nothing was checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from . import github, json_format, junit, sarif, text_format

if TYPE_CHECKING:
    from ..api import Report

FORMATS: dict[str, Callable[["Report", str], str]] = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}

PROBLEM_FORMATS: dict[str, Callable[..., str]] = {
    "sarif": sarif.render_problems,
    "junit": junit.render_problems,
    "github": github.render_problems,
}
