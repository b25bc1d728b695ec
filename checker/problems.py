"""Problems with the input (a file that cannot be read, parsed, or trusted), as opposed to findings.

Every problem names a file, a line and a column, so that a drafter can jump straight to it. Input
problems stop a check (exit code 2); findings are what a check is for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem is about the file as a whole
    column: int  # 1-based; 0 when unknown
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}: {self.message}"
        return f"{self.file}: {self.message}"


class InputError(Exception):
    """Raised with every problem found, so that one run reports all of them at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
