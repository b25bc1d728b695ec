"""Numbers as plans write them: digits (full-width too), Chinese numerals, 万/亿 inside units, ranges,
`[ ]` period totals, and the words around a number that make it a bound (以上, 左右, 控制在 ... 以内).

One parse for tables and prose, so a cell "8.6左右" and a clause "年均增长8.6%左右" give the same value.
A number only counts with what the text says: nothing is rounded, scaled or guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from ..units import UNITS

FULL_WIDTH = str.maketrans("０１２３４５６７８９．％，：－～＋", "0123456789.%,:-~+")
DASHES = "—–―－-~～至到"
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"

# words after a number, longest first; the op they give
AFTER_OPS = [("及以上", ">="), ("以上", ">="), ("左右", "~"), ("以内", "<="), ("以下", "<="), ("之内", "<="),
             ("内", "<=")]
# words before a number (nearest the number wins)
BEFORE_OPS = [("不低于", ">="), ("不少于", ">="), ("不超过", "<="), ("不高于", "<="), ("控制在", "<="), ("突破", ">="),
              ("超过", ">="), ("下降到", "<="), ("下降至", "<="), ("降低到", "<="), ("降至", "<="), ("减少到", "<="),
              ("大于", ">"), ("小于", "<"), ("低于", "<"), ("高于", ">"), ("≥", ">="), (">=", ">="),
              ("≤", "<="), ("<=", "<="), (">", ">"), ("<", "<"), ("约", "~"), ("达到", ">="), ("达", ">="), ("超", ">=")]
CLAUSE_STOPS = "，,。；;、：:（）()"

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_VALUE_RE = re.compile(
    rf"(?P<open>\[)?\s*(?P<a>{_NUMBER})\s*(?:%|％)?\s*(?:(?P<dash>[{re.escape(DASHES)}])\s*(?P<b>{_NUMBER}))?\s*(?P<close>\])?")
_CN_RE = re.compile(rf"[{CN_DIGITS}]+")
_UNIT_NAMES: list[str] = []
# other spellings of units in the table of checker.units: the unit is written in its table form
SPELLINGS = {"Km": "km", "KM": "km", "Km2": "km²", "km2": "km²", "KM2": "km²", "平方千米": "平方公里", "m2": "平方米",
             "㎡": "平方米", "m²": "平方米", "万m2": "万平方米", "万㎡": "万平方米", "m3": "立方米", "万m3": "万立方米",
             "亿m3": "亿立方米", "万千米": "万公里", "万kw": "万千瓦", "万KW": "万千瓦", "MW": "兆瓦",
             "/10万": "1/10万"}


def unit_names() -> list[str]:
    """Known units, longest first (the table of checker.units plus units users add in a catalogue)."""
    if len(_UNIT_NAMES) != len(UNITS) + len(SPELLINGS) or not UNITS.keys() | SPELLINGS.keys() >= set(_UNIT_NAMES):
        _UNIT_NAMES[:] = sorted([*UNITS, *(s for s in SPELLINGS if s not in UNITS)], key=len, reverse=True)
    return _UNIT_NAMES


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII; other characters kept (positions do not move)."""
    return text.translate(FULL_WIDTH)


@dataclass(frozen=True)
class Number:
    """One number found in a text: a value or a range, its op, its unit as written, and where it stands."""

    start: int
    end: int
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    op: str = "="
    unit: Optional[str] = None
    cumulative: bool = False  # written in [ ]: a period total
    chinese: bool = False  # written in Chinese numerals (cn2an), so a person should confirm it

    def as_value(self) -> dict:
        """The plan format's value: {value, op} or {min, max}."""
        if self.low is not None:
            return {"min": _plain(self.low), "max": _plain(self.high)}
        out: dict = {"value": _plain(self.value)}
        if self.op != "=":
            out["op"] = self.op
        return out

    @property
    def numbers(self) -> tuple[float, ...]:
        return (self.value,) if self.low is None else (self.low, self.high)


def _plain(number: Optional[float]):
    if number is None:
        return None
    return int(number) if float(number).is_integer() and abs(number) < 1e15 else number


def _float(text: str) -> float:
    return float(text.replace(",", ""))


def _unit_at(text: str, pos: int) -> tuple[Optional[str], int]:
    """The longest known unit starting at pos (blanks skipped), and where it ends."""
    window, ends = [], []  # the next characters without blanks, and where each ends in the text
    for at in range(pos, min(len(text), pos + 24)):
        if text[at] != " ":
            window.append(text[at])
            ends.append(at + 1)
    joined = "".join(window)
    for name in unit_names():
        if joined.startswith(name):
            return SPELLINGS.get(name, name) if name not in UNITS else name, ends[len(name) - 1]
    return None, pos


_AFTER_RES = [(re.compile(r" *" + " *".join(word)), word, op) for word, op in AFTER_OPS]  # 以 上: PDF spaces


def _op_after(text: str, pos: int) -> tuple[str, int]:
    skip = pos
    while skip < len(text) and text[skip] == " ":
        skip += 1
    for pattern, word, op in _AFTER_RES:
        match = pattern.match(text, skip)
        if match and not (word == "内" and text.startswith("内容", skip)):
            return op, match.end()
    return "=", pos


def _op_before(text: str, start: int, window: int = 8) -> str:
    before = text[max(0, start - window):start].rstrip()
    cut = max(before.rfind(c) for c in CLAUSE_STOPS)
    before = before[cut + 1:]
    best, best_at = "=", -1
    for word, op in BEFORE_OPS:
        at = before.rfind(word)
        if at >= 0 and at + len(word) > best_at:
            best, best_at = op, at + len(word)
    return best


def find_numbers(text: str) -> list[Number]:
    """Every number in a text, in order, with its op and unit. Digits inside words (5G, 3A) and years
    (2025年) are left out; Chinese numerals count only before a unit ("三个百分点", "二十所")."""
    norm = normalize(text)
    found: list[Number] = []
    for match in _VALUE_RE.finditer(norm):
        a_start = match.start("a")
        if found and a_start < found[-1].end:
            continue  # inside the unit of the number before (15/10万: 10万 is the unit)
        if a_start > 0 and (norm[a_start - 1].isalpha() and norm[a_start - 1].isascii()):
            continue  # part of a code or a name (G75, S2)
        end = match.end()
        if _glued(norm, match.end("a"), end):
            continue  # a date, 5G, 4A: not a quantity
        if match.group("b") is None and _is_year(match.group("a"), norm, match.end("a")):
            continue
        percent = "%" in norm[match.start():match.end()]
        unit, end_unit = ("%", end) if percent else _unit_at(norm, end)
        op, end_op = _op_after(norm, end_unit)
        if op == "=":
            op = _op_before(norm, match.start())
        cumulative = bool(match.group("open") and match.group("close"))
        start = match.start("a") if not match.group("open") else match.start()
        if match.group("b") is not None:
            low, high = _float(match.group("a")), _float(match.group("b"))
            if high <= low or _is_year(match.group("a"), "年", 0) and _is_year(match.group("b"), "年", 0):
                continue  # "2020-2025", a dash between unrelated numbers
            found.append(Number(start, max(end_unit, end_op), low=low, high=high, unit=unit, cumulative=cumulative))
        else:
            found.append(Number(start, max(end_unit, end_op), value=_float(match.group("a")), op=op, unit=unit,
                                cumulative=cumulative))
    found += _chinese_numbers(norm, [(n.start, n.end) for n in found])
    return sorted(found, key=lambda n: n.start)


def _glued(text: str, digits_end: int, end: int) -> bool:
    """A number glued to a Latin letter (5G, 3A) or to 月/日/号 is a name or a date."""
    if text[digits_end:digits_end + 1] in ("月", "日", "号"):
        return True
    after = text[end:end + 1]
    if after.isascii() and after.isalpha():
        return not any(text.startswith(u, end) for u in ("km", "Km", "KM", "kVA", "kVar", "t/h", "Gbps", "m", "MW", "kw", "KW"))
    return False


def _is_year(digits: str, text: str, end: int) -> bool:
    if not re.fullmatch(r"(19|20)\d\d", digits):
        return False
    return text[end:end + 1] in ("年", "—", "-", "～", "~", "至") or text[end:end + 2] in (" 年",)


def _chinese_value(numeral: str) -> float:
    """cn2an's strict reading of a Chinese numeral. cn2an is imported on first use: it takes longer to
    import than the rest of plancheck, and most citations write their numbers in digits."""
    import cn2an
    return float(cn2an.cn2an(numeral, "strict"))


def _chinese_numbers(text: str, taken: Iterable[tuple[int, int]]) -> list[Number]:
    out = []
    spans = list(taken)
    for match in _CN_RE.finditer(text):
        start, end = match.span()
        if any(s <= start < e for s, e in spans):
            continue
        unit, end_unit = _unit_at(text, end)
        if unit is None or unit in ("年",) or match.group() in ("一", "万", "亿", "百", "千", "零", "〇", "两"):
            continue  # 一批, 万众: not a quantity unless a unit follows and the numeral says more than 一
        if text[start - 1:start] in ("第", "十") or text[end:end + 1] == "五":
            continue
        try:
            value = _chinese_value(match.group())
        except (ValueError, KeyError, IndexError):
            continue
        op, end_op = _op_after(text, end_unit)
        if op == "=":
            op = _op_before(text, start)
        out.append(Number(start, max(end_unit, end_op), value=value, op=op, unit=unit, chinese=True))
    return out


def parse_cell(text: str) -> Optional[Number]:
    """The one number of a table cell ("8.6左右", "[33]以上", "≥6", "1—2个 百分点"), or None."""
    squeezed = normalize(text.replace(" ", ""))
    negative = squeezed[:1] == "-" and squeezed[1:2].isdigit()  # a fall: "-4" in a growth column
    numbers = [n for n in find_numbers(squeezed[1:] if negative else squeezed) if not n.chinese]
    if len(numbers) != 1:
        return None
    if negative:
        return replace(numbers[0], value=-numbers[0].value) if numbers[0].value is not None else None
    return numbers[0]


def number_text(number: float) -> list[str]:
    """How a number may be written in digits: 500.0 as '500', 8.6 as '8.6'."""
    value = float(number)
    out = {f"{value:g}", repr(value)}
    if value.is_integer():
        out.add(str(int(value)))
    return sorted(out)


def carries(text: str, number: float) -> bool:
    """Whether a quote writes this number, in digits (trailing zeros allowed: '0.70' carries 0.7) or in
    Chinese numerals."""
    norm = unicodedata.normalize("NFKC", text).replace(",", "")
    for candidate in number_text(number):
        if re.search(rf"(?<![0-9.]){re.escape(candidate.lstrip('-'))}(\.?0*)(?![.]?[0-9])", norm):
            return True
    for match in _CN_RE.finditer(norm):
        try:
            if _chinese_value(match.group()) == float(number):
                return True
        except (ValueError, KeyError, IndexError):
            continue
    return False


DOUBLING_RE = re.compile(r"(?P<cmp>比|较)\s*(?P<year>(?:19|20)\d\d)\s*年\s*(?:末|底)?\s*(?:再|实现|基本|力争)*\s*"
                         r"翻\s*(?P<times>一|两|二|三|四)?\s*番(?P<more>以上|多)?")
DOUBLING_TIMES = {None: 1, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4}


def doubling(text: str) -> Optional[tuple[int, int, bool]]:
    """比2025年翻一番以上 as (the year compared with, the factor 2^n, whether 以上 makes it a floor)."""
    match = DOUBLING_RE.search(normalize(text))
    if match is None:
        return None
    return int(match.group("year")), 2 ** DOUBLING_TIMES[match.group("times")], bool(match.group("more"))
