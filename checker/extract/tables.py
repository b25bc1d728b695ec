"""Indicator tables (主要指标, 专栏): find the header, cut the lines into cells, group cells into rows and
give each value cell its column (基期, 目标年, 年均增长, 远景年).

PDF extraction leaves tables in three shapes, all handled by one cell stream: whole rows on one line
with blanks between cells, one cell per line (a long label or cell split over several lines), and cells
separated by tabs or `|`. A row starts at its 序号 when the header has one, else at a label after values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .numbers import Number, normalize, parse_cell

ATTRIBUTES = {"预期性": "expected", "约束性": "binding"}
HEADING_RE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+[章节篇部分]|[一二三四五六七八九十]+[、.．]|专栏\s*\S|注[:：]|"
                        r"资料来源|备注)")
CAPTION_RE = re.compile(r"专栏\s*([0-9０-９]+|[一二三四五六七八九十]+)")
YEAR_RE = re.compile(r"(20\d\d)\s*年?")
OPEN, CLOSE = "（(", "）)"
EMPTY_CELLS = {"—", "－", "-", "--", "——", "/", "…", "——"}
REF_WORDS = ("下达", "上级", "省平均", "全省平均", "全国平均")  # the number is the upper plan's
VALUE_PREFIXES = ("年均增长", "年均增速", "年增速", "年均增", "增长", "增速", "下降", "降低", "累计", "提高", "年均")


@dataclass
class Cell:
    text: str
    line: int  # 1-based
    start: int  # offsets in the line, so the cell's text is quoted exactly as written
    end: int
    suffix: str = ""  # the end of a bound cut onto the next line ("0.04以" + "下")
    first: bool = True  # the first cell of its line


@dataclass
class Row:
    serial: Optional[str]
    label: list[Cell] = field(default_factory=list)
    values: list[Cell] = field(default_factory=list)
    attribute: Optional[str] = None
    label_closed: bool = False
    pending: Optional[Cell] = None  # a value's first words ("年均增") waiting for its number

    @property
    def label_text(self) -> str:
        return "".join(c.text for c in self.label).replace(" ", "")


@dataclass
class Table:
    name: Optional[str]  # 专栏2
    header_line: int
    columns: list[str]  # base | target | growth | vision, in cell order
    years: dict[str, int]  # column -> year
    rows: list[Row]
    lines: range  # the lines the table takes (header to last row), left out of prose


def _balance(text: str) -> int:
    return sum(text.count(c) for c in OPEN) - sum(text.count(c) for c in CLOSE)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def cells_of(line: str, number: int) -> list[Cell]:
    """A line's cells: split at tabs or `|`; a line without them at blanks, with bracketed parts and
    a number's trailing words (8.6 左右) kept together."""
    if "\t" in line or "|" in line:
        out, pos = [], 0
        for part in re.split(r"[\t|]", line):
            start = line.index(part, pos) if part else pos
            pos = start + len(part)
            if part.strip():
                lead = len(part) - len(part.lstrip())
                out.append(Cell(part.strip(), number, start + lead, start + lead + len(part.strip())))
        return out
    tokens = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    merged: list[list] = []
    for text, start, end in tokens:
        if merged and (_balance(merged[-1][0]) > 0 or text in ("左右", "以上", "以下", "以内", "年", "%")
                       or text.startswith(("左右", "以上", "以内"))):
            prev = merged[-1]
            merged[-1] = [prev[0] + " " + text, prev[1], end]
        else:
            merged.append([text, start, end])
    return [Cell(line[s:e], number, s, e) for _, s, e in merged]


def _columns(header: str) -> tuple[list[str], dict[str, int]]:
    years = sorted({int(y) for y in YEAR_RE.findall(normalize(header)) if 2000 <= int(y) <= 2100})
    columns: list[str] = []
    found: dict[str, int] = {}
    if len(years) >= 2:
        found["base"], found["target"] = years[0], years[1]
        if len(years) >= 3:
            found["vision"] = years[-1]
    elif len(years) == 1:
        found["target"] = years[0]
    for column in ("base", "target"):
        if column in found:
            columns.append(column)
    if re.search(r"年均|增长|增速", header):
        columns.append("growth")
    if "vision" in found:
        columns.append("vision")
    return columns, found


def _is_serial(cell: Cell, expected: int) -> bool:
    return cell.text in (str(expected), f"{expected}.", f"{expected}、")


def _is_value(text: str) -> bool:
    """A value cell: a dash, a number with at most a few words around it (年均增长 6%左右), or a
    reference to the plan above (下达目标). A label that holds a number (3岁以下婴幼儿) is not one."""
    squeezed = text.replace(" ", "")
    if squeezed in EMPTY_CELLS or any(w in squeezed for w in REF_WORDS) and len(squeezed) <= 20:
        return True
    number = parse_cell(squeezed)
    return number is not None and len(squeezed) - (number.end - number.start) <= 6


def find_tables(lines: list[str]) -> list[Table]:
    tables, index = [], 0
    while index < len(lines):
        if "指标名称" in lines[index].replace(" ", "") or _split_header(lines, index):
            table = _read_table(lines, index)
            if table is not None and table.rows:
                tables.append(table)
                index = table.lines.stop
                continue
        index += 1
    return tables


def _split_header(lines: list[str], index: int) -> bool:
    """'指标' alone on a line with a year and 属性 or 单位 among the next lines (a header cut into cells)."""
    if lines[index].strip() not in ("指标", "指 标", "主要指标"):
        return False
    window = "".join(lines[index:index + 12])
    return bool(YEAR_RE.search(window)) and ("属性" in window or "单位" in window)


def _read_table(lines: list[str], header_index: int) -> Optional[Table]:
    caption = None
    for back in range(header_index, max(-1, header_index - 12), -1):
        match = CAPTION_RE.search(normalize(lines[back]))
        if match:
            caption = "专栏" + match.group(1)
            break
    start = header_index
    for back in range(header_index - 1, max(-1, header_index - 8), -1):  # 类别 / 序号 cells above 指标名称
        text = lines[back].strip(" |\t")
        if text and len(text) <= 6 and not CAPTION_RE.search(text):
            start = back
        elif text:
            break
    cells: list[Cell] = []
    header_parts: list[str] = []
    has_serial = False
    index = start
    in_header = True
    rows: list[Row] = []
    row: Optional[Row] = None
    expected = 1
    last_row_line = header_index
    blank_run = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if not line.strip():
            blank_run += 1
            if blank_run > 6 and not in_header:
                break
            index += 1
            continue
        blank_run = 0
        if not in_header and (HEADING_RE.match(line) or _is_prose(line)):
            break
        line_cells = cells_of(line, number)
        for position, cell in enumerate(line_cells):
            cell.first = position == 0 or (_has_cjk(line_cells[position - 1].text)
                                           and not _is_value(line_cells[position - 1].text))
            if in_header:
                if cell.first and _is_serial(cell, 1):
                    in_header = False
                    has_serial = True
                elif _starts_row_without_serial(cell, header_parts, line):
                    in_header = False
                else:
                    header_parts.append(cell.text)
                    if "序号" in cell.text.replace(" ", ""):
                        has_serial = True
                    continue
            if has_serial and cell.first and _is_serial(cell, expected):
                row = Row(serial=str(expected))
                rows.append(row)
                expected += 1
                last_row_line = number
                continue
            if row is None or (not has_serial and row.values and not _is_value(cell.text)
                               and cell.text not in ATTRIBUTES and not _is_prefix(cell.text)):
                row = Row(serial=None)
                rows.append(row)
            last_row_line = number
            _add_cell(row, cell)
        if in_header and index - header_index > 40:
            return None
        index += 1
    columns, years = _columns(" ".join(header_parts))
    if not columns:
        return None
    rows = [r for r in rows if r.label and r.values]
    return Table(caption, header_index + 1, columns, years, rows, range(start, last_row_line))


def _starts_row_without_serial(cell: Cell, header: list[str], line: str) -> bool:
    """Without 序号, the header ends at the first line that has a label and a value that is not a year."""
    if not header or not any("属性" in h or "年" in h for h in header):
        return False
    cells = cells_of(line, 0)
    return len(cells) >= 2 and _has_cjk(cells[0].text) and any(
        _is_value(c.text) and not YEAR_RE.fullmatch(c.text.strip()) for c in cells[1:])


def _is_prefix(text: str) -> bool:
    squeezed = text.replace(" ", "")
    return squeezed.startswith(VALUE_PREFIXES) and not any(ch.isdigit() for ch in squeezed)


def _is_prose(line: str) -> bool:
    """A line of running text: long, no cell separators, and a comma or full stop outside brackets."""
    text = line.strip()
    if len(text) < 18 or "\t" in text or "|" in text:
        return False
    outside = re.sub(r"[（(][^）)]*[）)]?", "", text)
    return "。" in outside or "，" in outside or "；" in outside


def _add_cell(row: Row, cell: Cell) -> None:
    text = cell.text.replace(" ", "")
    if text in ATTRIBUTES:
        row.attribute = ATTRIBUTES[text]
        return
    if text.endswith(tuple(ATTRIBUTES)) and _has_cjk(text[:-3]) is False and text[:-3]:
        row.attribute = ATTRIBUTES[text[-3:]]
        cell = Cell(cell.text[:-3].rstrip(), cell.line, cell.start, cell.end - 3)
        text = text[:-3]
    if not row.label_closed:
        if row.label and _balance(row.label_text) == 0 and (_is_value(text) or _is_prefix(text)):
            row.label_closed = True
        elif not row.label and _is_value(text):
            return  # a value before any label: a category or stray cell
        else:
            row.label.append(cell)
            label = row.label_text
            if _balance(label) == 0 and label.endswith(tuple(CLOSE)):
                row.label_closed = True
            return
    if row.values and row.values[-1].text.endswith("以") and text[:1] in "上下内":
        row.values[-1].suffix = text[0]
        return
    if _is_prefix(text) and row.pending is None:
        row.pending = cell
        return
    if not _is_value(text):
        if row.pending is not None and not any(ch.isdigit() for ch in text):
            row.pending = Cell(row.pending.text + text, row.pending.line, row.pending.start, row.pending.end)
            return  # "年均增" + "长": the prefix goes on
        if text[:1] in OPEN and not row.values[-1:] == []:
            row.label.append(cell)  # a unit cut from the label: （人/万车）
            return
        if not any(ch.isdigit() for ch in text):
            return  # a category (经, 济, 空间布局) or a comment between rows
    if row.pending is not None:
        pending = row.pending
        row.pending = None
        if pending.line == cell.line:
            cell = Cell(pending.text + " " + cell.text, cell.line, pending.start, cell.end)
        else:
            cell = Cell(pending.text + cell.text, cell.line, cell.start, cell.end)
            cell.prefix = pending.text  # type: ignore[attr-defined]
    row.values.append(cell)


def cell_number(cell: Cell) -> Optional[Number]:
    return parse_cell(cell.text.replace(" ", "") + cell.suffix)


def _unit_of(label: str) -> Optional[str]:
    """The unit in a label's brackets: （亿元） → 亿元, （%，常住人口） → %, （亿元，500万元口径） → 亿元."""
    from ..units import UNITS
    for inner in re.findall(r"[（(]([^）)]*)[）)]", label):
        for part in re.split(r"[，,、；;]", inner.replace(" ", "")):
            if part in UNITS:
                return part
    return None


def _bare_unit(label: str) -> Optional[str]:
    """An unknown unit written alone in brackets (（立方）, （千兆）): a unit the catalogue may add."""
    for inner in re.findall(r"[（(]([^）)]*)[）)]", label):
        part = inner.replace(" ", "")
        if 0 < len(part) <= 6 and not any(w in part for w in ("同比", "累计", "口径", "含", "上年")):
            return part
    return None


def table_candidates(table: Table, matcher, lines: list[str]) -> list:
    """One candidate target per row, each value cell in its column, cited on its own line."""
    from .candidate import Candidate
    out = []
    context = " ".join(lines[max(0, table.lines.start - 1):table.header_line])
    for row in table.rows:
        label = row.label_text
        plain = re.sub(r"[（(][^）)]*[）)]?", "", label).strip()
        plain = re.sub(r"^其中[:：]?", "", plain)
        unit = _unit_of(label)
        first = row.label[0]
        source_line = first.line
        quote = lines[source_line - 1].strip()
        match = matcher.label(plain, unit)
        if match.indicator is None and unit is None and all(any(w in c.text for w in REF_WORDS) or
                                                            c.text.replace(" ", "").strip("降低增长—-") == ""
                                                            for c in row.values):
            match = matcher.label(plain, None, 0.7)  # only the upper plan's number: no unit to tell by
        candidate = Candidate(line=source_line, quote=quote, label=label, unit=unit, match=match,
                              table=table.name, row=row.serial, attribute=row.attribute, context=context)
        if unit is None:
            candidate.notes.append("unit not written in the label")
            bare = _bare_unit(label)
            if bare:
                candidate.unit = bare
        if "累计" in label:
            candidate.cumulative = True
        cells = [c for c in row.values]
        if len(cells) != len(table.columns):
            candidate.review.append(f"{len(cells)} value cells for {len(table.columns)} columns "
                                    f"({', '.join(table.columns)}): check which column each belongs to")
        columns = table.columns
        if len(cells) < len(columns) and "growth" in columns:
            columns = [c for c in columns if c != "growth"]  # a row that leaves the growth cell out
        for column, cell in zip(columns, cells):
            value = _cell_value(cell, column, table.years)
            if value is None:
                continue
            if cell.line != source_line or cell.text not in quote:
                value["line"] = cell.line
                value["quote"] = lines[cell.line - 1][cell.start:cell.end]
            candidate.values[column] = value
            number = cell_number(cell)
            if number is not None and number.cumulative:
                candidate.cumulative = True
        if candidate.values:
            out.append(candidate)
    return out


def _cell_value(cell: Cell, column: str, years: dict[str, int]) -> Optional[dict]:
    text = cell.text.replace(" ", "") + cell.suffix
    if text in EMPTY_CELLS:
        return None
    if any(w in text for w in REF_WORDS):
        return {"year": years[column], "ref": "upper"} if column in ("target", "vision") and column in years else None
    number = cell_number(cell)
    if number is None:
        return None
    value = number.as_value()
    if column == "growth":
        return value
    if column == "vision" and re.search(r"增速|增长", text):
        return {"year": years[column], "growth": value}
    if re.search(r"增长|增速", text) and column == "base":
        return None  # a past growth rate where the base level would be: not a level
    return {"year": years[column], **value} if column in years else None
