"""quote_op: the qualifier written beside a number must be the `op` it is encoded with.

"以上" is a floor (`>=`), "左右" a band (`~`), "以内" a ceiling (`<=`), and 达/达到 a level to reach (`>=`,
see docs/plan-format.md). A number encoded with another op changes every verdict about it: "75%以上"
encoded as `=` conflicts with an upper "80%" it actually allows. The rule finds the number in its quote
(the quantity's own `quote`, else the target's `source.quote`) and reads the words right before and
after it; a number it cannot find, or a quote with no qualifier, is left alone.

Options: none.

FAIL: "以上" encoded as a plain number::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", target: {year: 2025, value: 62},
             source: {line: 1, quote: "森林覆盖率达到62%以上"}}

FAIL: "达到" encoded as a plain number::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", target: {year: 2025, value: 62},
             source: {line: 1, quote: "森林覆盖率达到62%"}}

PASS::

    plans:
      - id: county
        region: "520201"
        targets:
          - {id: forest, indicator: forest_coverage, unit: "%", target: {year: 2025, value: 62, op: ">="},
             source: {line: 1, quote: "森林覆盖率达到62%以上"}}
          - {id: gdp, indicator: gdp, unit: 亿元, target: {year: 2025, value: 500, op: "~"},
             source: {line: 2, quote: "地区生产总值500亿元左右"}}
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Optional

from ..model import Quantity, Target
from ..quantities import format_number
from .base import Context, Hit, defaults, options_schema, target_name

ID = "quote_op"
GIVEN = ("target",)
OPTIONS_SCHEMA: dict[str, Any] = options_schema()
OPTIONS: dict[str, Any] = defaults(OPTIONS_SCHEMA)

# (words after the number and its unit, words just before it) -> the op they mean, strongest first
_AFTER = (("左右", "~"), ("以上", ">="), ("以内", "<="), ("以下", "<="))
_BEFORE = (("约", "~"), ("不低于", ">="), ("不少于", ">="), ("突破", ">="), ("超过", ">="), ("不超过", "<="),
           ("控制在", "<="), ("达到", ">="), ("达", ">="))
ACCEPTED = {"~": {"~"}, ">=": {">=", ">"}, "<=": {"<=", "<"}}
_NUMBER_END = re.compile(r"[\d.]")
_NOUN = re.compile(r"[人户个项条所座家]")  # "2 个万人以上重点小城镇": the 以上 is the towns', not the 2's


def places(quote: str, number: str) -> Iterator[int]:
    """Where `number` stands in `quote`, left to right and not overlapping, as re.finditer(re.escape(number))
    finds them; a plain search does not fill re's pattern cache with every number of a corpus (it holds
    512, and compiling each anew cost more than the rest of this rule)."""
    start = quote.find(number)
    while start >= 0:
        yield start
        start = quote.find(number, start + max(len(number), 1))


def expected_op(quote: str, number: str, unit: Optional[str] = None) -> Optional[tuple[str, str]]:
    """(op, the words that say it) for the first place `number` stands as a whole number in `quote`: a
    qualifier right after the number and its unit ("75%以上", "150Km以上"), else right before it."""
    for start in places(quote, number):
        end = start + len(number)
        if (start and _NUMBER_END.match(quote[start - 1])) or (end < len(quote) and _NUMBER_END.match(quote[end])):
            continue  # part of a longer number
        after = quote[end:end + 12].lstrip()
        if unit and after.lower().startswith(unit.lower()):
            after = after[len(unit):].lstrip()
        after = re.split(r"[\d，,；;。、]", after, maxsplit=1)[0]  # a qualifier after the next number is its own
        reach = len(unit or "") + 1  # the unit as written may be shorter ("65万左右" for 万人) or absent
        for word, op in _AFTER:
            if word in after[:reach + len(word)] and not _NOUN.search(after[:after.find(word)]):
                return op, word
        before = quote[max(0, start - 4):start].rstrip()
        for word, op in _BEFORE:
            if before.endswith(word) and not (word == "达" and before.endswith("达标")):
                return op, word
        return None
    return None


def _quantities(target: Target) -> Iterator[tuple[str, Quantity]]:
    for field in ("target", "vision"):
        quantity = getattr(target, field)
        if quantity is not None and quantity.value is not None:
            yield field, quantity


def check(target: Target, ctx: Context, options: dict[str, Any]) -> Iterator[Hit]:
    for field, quantity in _quantities(target):
        quote = quantity.source.quote if quantity.source is not None else target.source.quote
        found = expected_op(quote, format_number(quantity.value), target.unit)
        if found is None:
            continue
        op, word = found
        if quantity.op in ACCEPTED[op] or (word in ("达", "达到") and quantity.op == "~"):
            continue  # 达到…左右 is a band; the 左右 may stand on the next line
        yield Hit(at=target, key=field,
                  zh=f"{target_name(target, ctx, 'zh')}：原文“{quote}”中{format_number(quantity.value)}写作“{word}”，"
                     f"应编码为 op: \"{op}\"，现为 \"{quantity.op}\"",
                  en=f"{target_name(target, ctx, 'en')}: the quote '{quote}' says '{word}' at "
                     f"{format_number(quantity.value)}, which is op \"{op}\", but it is encoded as \"{quantity.op}\"",
                  evidence={"field": field, "quote": quote, "word": word, "expected_op": op, "op": quantity.op})
