"""What table and prose recognition hand to the draft writer: one target as read, with its citation
and the reasons a person should look at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .match import Match


@dataclass
class Candidate:
    line: int  # the line source.line cites
    quote: str  # exact text of that line that carries the values without their own line
    label: str
    unit: Optional[str]
    match: Match
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # base/target/growth/vision -> value
    scope: Optional[str] = None
    share_of: Optional[str] = None
    cumulative: bool = False
    attribute: Optional[str] = None
    caliber: Optional[str] = None  # 统计口径 the label, clause or table header states (calibers.py)
    doubling: Optional[dict[str, Any]] = None  # 比2025年翻一番以上: {from, factor, floor, year} (bases.py resolves it)
    context: str = ""  # the table's caption and header, where a caliber may be stated for every row
    table: Optional[str] = None
    row: Optional[str] = None
    review: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def numbers(self) -> list[tuple[float, int]]:
        """(number, line) of every value, for comparing with another encoding."""
        out = []
        for value in self.values.values():
            line = value.get("line", self.line)
            inner = value.get("growth", value)
            for key in ("value", "min", "max"):
                if inner.get(key) is not None:
                    out.append((float(inner[key]), line))
        return out
