"""Cross-boundary projects where the text names them: a clause that names another region (by its
name, alias or short name: 汇川 for 汇川区) together with a project word (高速, 铁路, 水库, 园区, 旅游 ...).

Each becomes a project of the plan's region and the regions named, marked for review: the text names
the regions, a person decides whether it is one shared project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..regions import RegionRegistry
from .numbers import normalize
from .prose import CLAUSE_STOPS, SENTENCE_END, Paragraph, region_names

KINDS = [("rail", r"铁路|高铁|城际|轨道交通|动车"), ("road", r"高速|公路|快速通道|快速路|通道|大道|国道|省道|桥"),
         ("water", r"水库|引水|输水|供水|调水|连通工程|水利"), ("energy", r"电网|输电|变电|管道|燃气|油气|能源"),
         ("park", r"园区|产业园|开发区|合作区|飞地|产业链|协作区"), ("tourism", r"旅游|景区|景群|线路"),
         ("ecology", r"生态|流域|治理|保护区"), ("digital", r"数据中心|算力|信息|数字"),
         ("other", r"同城化|(?<!城乡)(?<!处理)一体化")]
COOPERATION = r"共建|合作|联建|联动|协同|互联互通|对接|连接|连通|共同|同城化|(?<!城乡)(?<!处理)一体化|联办|贯通|串联|—|－"


FIGURES_RE = re.compile(r"图\s*\d|示意图")


def _one_item(clause: str, names: re.Pattern) -> bool:
    """Whether two regions are named within one item of the clause's 、 list (贵阳—安顺半小时黄金工业走廊),
    not each in an item of its own (花溪区南部水厂、清镇市…供水工程: two local projects)."""
    return any(len({m.group() for m in names.finditer(item)}) >= 2 for item in clause.split("、"))


@dataclass
class ProjectCandidate:
    name: str
    kind: str
    regions: list[str]
    line: int
    quote: str
    review: list[str] = field(default_factory=list)


class ProjectReader:
    def __init__(self, regions: RegionRegistry, region: str) -> None:
        self.regions = regions
        self.region = region
        self.names = region_names(regions)
        own = {region, *regions.counties_in(region)}
        self.own = own
        self.above_county = regions.get(region) is not None and regions.get(region).level != "county"
        pattern = "|".join(re.escape(n) for n, _ in self.names)
        self.pattern = re.compile(pattern) if pattern else None
        self.kinds = [(kind, re.compile(words)) for kind, words in KINDS]
        self.cooperation = re.compile(COOPERATION)

    def read(self, paragraphs: Iterable[Paragraph]) -> list[ProjectCandidate]:
        found: list[ProjectCandidate] = []
        seen: set[tuple[frozenset, str]] = set()
        for paragraph in paragraphs:
            text = normalize(paragraph.text)
            start = 0
            for end in [i + 1 for i, ch in enumerate(text) if ch in SENTENCE_END] + [len(text)]:
                if end > start:
                    for project in self._sentence(paragraph, text, start, end):
                        key = (frozenset(project.regions), project.kind)
                        if key not in seen:
                            seen.add(key)
                            found.append(project)
                start = end
        return found

    def _sentence(self, paragraph: Paragraph, text: str, start: int, end: int) -> list[ProjectCandidate]:
        if self.pattern is None:
            return []
        out = []
        clause_start = start
        for stop in [i for i in range(start, end) if text[i] in CLAUSE_STOPS] + [end]:
            clause = text[clause_start:stop]
            project = self._clause(paragraph, clause, clause_start)
            if project is not None:
                out.append(project)
            clause_start = stop + 1
        return out

    def _clause(self, paragraph: Paragraph, clause: str, offset: int) -> Optional[ProjectCandidate]:
        mentions = [(m.start(), self._code(m.group())) for m in self.pattern.finditer(clause)]
        others, inside = [], []
        for _, code in mentions:
            if code and code not in self.own and code not in others and not self.regions.covers(code, self.region):
                others.append(code)
            elif code and code != self.region and code not in inside and self.regions.covers(self.region, code):
                inside.append(code)
        # a city's or a cluster's plan: a project between two of its own parts (七星关—大方同城化) is theirs
        parts = not others and self.above_county and len(inside) >= 2 and not any(
            self.regions.covers(a, b) for a in inside for b in inside if a != b) and _one_item(clause, self.pattern)
        if not others and not parts:
            return None
        if FIGURES_RE.search(clause):
            return None  # a list of maps (图1 …规划范围图), not a project
        kind = next((k for k, pattern in self.kinds if pattern.search(clause)), None)
        if kind is None or not self.cooperation.search(clause):
            return None
        first = mentions[0][0]
        line, line_offset, line_text = paragraph.place(offset + first)
        stop_line, stop_offset, _ = paragraph.place(offset + len(clause) - 1)
        quote_end = stop_offset + 1 if stop_line == line else len(line_text)
        quote = line_text[line_offset:quote_end].strip()
        name = " ".join(clause.split())[:80]
        return ProjectCandidate(name, kind, inside if parts else [self.region, *others], line, quote,
                                ["project read from the text: is it one project shared with these regions?"])

    def _code(self, name: str) -> Optional[str]:
        for known, code in self.names:
            if known == name:
                return code
        return None
