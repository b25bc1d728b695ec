"""Problems with the input (a file that cannot be read, parsed, or trusted), as opposed to findings.

Every problem names a file, a line and a column, so that a drafter can jump straight to it. Input
problems stop a check (exit code 2); findings are what a check is for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .inert import escape_controls, shorten


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # the file shown to the user, or the option ("--plan") the problem is about
    line: int  # 1-based; 0 when the problem is about the file as a whole
    column: int  # 1-based; 0 when unknown
    message: str  # in English
    zh: str = field(default="", compare=False)  # the message in Chinese, for the common kinds of problem

    def text(self, lang: str = "en") -> str:
        return shorten(self.zh if lang == "zh" and self.zh else self.message)

    @property
    def is_file(self) -> bool:
        """Whether `file` names a file (not a command-line option such as --plan)."""
        return bool(self.file) and not self.file.startswith("-")

    def show(self, lang: str = "en") -> str:
        """file:line:col: message, as compilers and linters print it, on one line whatever the file holds."""
        if self.line:
            return escape_controls(f"{self.file}:{self.line}:{self.column or 1}: {self.text(lang)}")
        return escape_controls(f"{self.file}: {self.text(lang)}")

    def __str__(self) -> str:
        return self.show("en")


class InputError(Exception):
    """Raised with every problem found, so that one run reports all of them at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
