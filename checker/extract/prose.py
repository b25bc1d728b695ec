"""Prose targets: clauses such as 到2025年…达到 / 突破 / 控制在…以内 / 年均增长…左右 / 累计 / 提高N个百分点,
one target per number, cited on the line that holds the number.

Paragraphs are rebuilt from lines cut by PDF extraction (a line that does not end a sentence goes on
into the next), and every character keeps its line, so a quote is always a piece of one line. A number
counts only in a forward-looking sentence (a target year in the clause, its sentence, its paragraph or
its heading); sections that look back (发展基础, 十三五 成就) and past years are left out. A year is
never invented: a target whose text gives none is written without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..references import _may_set
from ..regions import RegionRegistry
from .candidate import Candidate
from .match import Match, Matcher, normalize_label
from .numbers import DOUBLING_RE, DOUBLING_TIMES, Number, find_numbers, normalize

SENTENCE_END = "。！？；;!?"
CLAUSE_STOPS = "，,。；;！？!?：:"
HEADING_RE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|"
                        r"专栏\s*\S)")
RETROSPECTIVE_RE = re.compile(r"(?<!夯实)(?<!筑牢)(?<!奠定)(?<!打牢)(?<!高质量)发展基础|发展环境|发展成就|回顾|取得.{0,4}成就|十三五.{0,14}(成就|成效|回顾|时期|期间)|现状|"
                              r"基本情况")
RANKS = [(re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[篇部]"), 0), (re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+章"), 1),
         (re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+节"), 2), (re.compile(r"^\s*[一二三四五六七八九十]+[、．.]"), 3),
         (re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]"), 4)]


def heading_rank(heading: str) -> int:
    """0 for 第X篇 ... 4 for （一）; 5 for an unnumbered short line (a sub-heading or a cell)."""
    for pattern, rank in RANKS:
        if pattern.match(heading):
            return rank
    return 5
YEAR_PHRASE_RE = re.compile(r"(到|至|截至|截止|在|于)?\s*(20\d\d)\s*年\s*(底|末|前|左右)?")
PLAN_PERIOD_RE = re.compile(r"十四五|十五五|“十四五”|规划期")
CUE_RE = re.compile(r"达到|达|突破|超过|控制在|保持|稳定在|提高|提升|增长|增速|降低|下降|新增|累计|建成|新建|培育|引进|"
                    r"打造|创建|完成|实现|不低于|不少于|不超过|增加|减少|改造|覆盖|占|力争|确保|升至|降至|以上|以内|左右|"
                    r"以下|控制|目标|超|聚集|形成|建设|实施")
GROWTH_RE = re.compile(r"(年均增长|年均增速|年均|平均增长|增长|增速|增幅)(率)?(为|达到|达|在|保持在)?\s*$")
CITY_AND_COUNTY_SEATS = re.compile(r"城市\s*[（(]\s*县城\s*[）)]")
BRACKETED_RE = re.compile(r"[（(][^（()）]{0,8}[）)]")
CHANGE_RE = re.compile(r"(提高|提升|增加|上升|下降|降低|减少|缩小|扩大)了?\s*$")
COMPARED_RE = re.compile(r"(较|比)\s*(19|20)\d\d\s*年\s*(末|底)?|(较|比)(上年|基期|十三五末)")
POINTS = ("个百分点", "百分点")
SHARE_RE = re.compile(r"占(全国|全省|全市|全州|全区|全县)")
CUMULATIVE_RE = re.compile(r"累计|五年|十四五期间|期间|合计")
LEADING_NOISE = re.compile(r"^(到|至)?\s*(20\d\d)\s*年\s*(底|末)?|^(力争|确保|全力|努力|基本|争取|其中|全区|全市|全县|全省)|"
                           r"^(提高|提升|扩大|增加|完成)(?=[^，,。；;]{2,16}$)")
TRAILING_VERB = re.compile(r"(分别|均|将|要|力争|稳定|保持|控制|累计|年均|平均|提高|提升|增长|达到|达|突破|超过|"
                           r"不低于|不少于|不超过|为|在|至|到|约|超)+$")
STRONG_CUE_RE = re.compile(r"力争|确保|达到|突破|以上|左右|以内|控制在|新增|累计|建成|新建|培育|引进|不低于|不少于|超|"
                           r"(提高|提升|增长|下降|降低|扩大|增加)[^，,。；;]{0,16}到|年均|完成")
FORWARD_RE = re.compile(r"未来五年|今后五年|十四五|规划期|到\s*20\d\d|目标")
RATIO_RE = re.compile(r"(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)")
INDUSTRY_PARTS = ("第一产业比重", "第二产业比重", "第三产业比重")
LOOK_BACK_OPENING = re.compile(r"^\s*[“\"]?\s*十三五\s*[”\"]?\s*(时期|期间|以来)|^\s*过去五年")
FUTURE_RE = re.compile(r"十四五|未来|今后|力争|到\s*20[2-9]\d|20[3-9]\d\s*年|目标|将")
REF_UPPER_RE = re.compile(r"(控制在|完成|达到|落实|确保完成)(国家|省|市|上级|省市|省、市|国家、省)[^，,。；;]{0,10}下达的?"
                          r"[^，,。；;]{0,6}(目标|任务|指标)(以内|之内|内)?")
AREA_RE = re.compile(r"经济圈|都市圈|城市圈|城区|中心城区|主城区|园区|开发区|高新区|新区|片区|组团|城镇群|城市群|示范区|县城")
PROSE_CUTOFF = 0.88  # a prose label is noisier than a table's: similarity must be higher
SHARE_LEVEL = {"全国": None, "全省": "province", "全市": "municipal", "全州": "municipal"}


SUFFIXES = ("自治县", "特区", "新区", "区", "县", "市", "州", "省")


def region_names(regions: RegionRegistry) -> list[tuple[str, str]]:
    """(name, code) for every region: its names, aliases and, for a county or city, the short name
    without 区/县/市 when that leaves at least two characters; longest first. A short name two regions
    share (遵义 of 遵义市, and of 遵义县, the former name of 播州区) names the one whose own name gives it,
    or none: it is never left to chance."""
    out: set[tuple[str, str]] = set()
    short: dict[str, set[tuple[str, bool]]] = {}
    for code, region in regions.regions.items():
        if region.is_group:
            continue
        for name in (region.name, *region.aliases):
            out.add((name, code))
            for suffix in SUFFIXES:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    short.setdefault(name[: -len(suffix)], set()).add((code, name == region.name))
                    break
    full = {name for name, _ in out}
    for name, codes in short.items():
        if name in full:
            continue  # a full name of its own region already
        if len({code for code, _ in codes}) > 1:
            codes = {(code, own) for code, own in codes if own}
        if len({code for code, _ in codes}) == 1:
            out.add((name, next(iter(codes))[0]))
    return sorted(out, key=lambda pair: (-len(pair[0]), pair[0], pair[1]))


@dataclass(frozen=True)
class Observation:
    """A base-year level stated where the plan looks back ("到2020年，全区生产总值实现425.17亿元")."""

    indicator: str
    unit: str
    value: float
    line: int
    quote: str


@dataclass
class Paragraph:
    text: str
    starts: list[tuple[int, int, str]]  # (offset in text, line number, line text)
    heading: Optional[str]
    headings: tuple[str, ...] = ()  # every heading since the previous paragraph, in order

    def place(self, offset: int) -> tuple[int, int, str]:
        """(line number, offset in that line, line text) of a character of the paragraph."""
        chosen = self.starts[0]
        for start in self.starts:
            if start[0] <= offset:
                chosen = start
            else:
                break
        return chosen[1], offset - chosen[0], chosen[2]


def is_heading(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text) <= 40 and (bool(HEADING_RE.match(text)) or
                                              (len(text) <= 24 and text[-1] not in "，,。；;、：:" and
                                               not any(ch.isdigit() for ch in text) and text[-1] not in "）)"))


def paragraphs(lines: list[str], skip: set[int]) -> Iterable[Paragraph]:
    """Paragraphs rebuilt from lines (1-based numbers in `skip`, table lines, are left out)."""
    heading: Optional[str] = None
    current: list[tuple[int, str]] = []
    passed: list[str] = []

    def flush():
        if current:
            text, starts = "", []
            for number, line in current:
                starts.append((len(text), number, line))
                text += line
            yield Paragraph(text, starts, heading, tuple(passed))
            passed.clear()
        current.clear()

    for index, line in enumerate(lines):
        number = index + 1
        if number in skip:
            yield from flush()
            continue
        stripped = line.strip()
        if not stripped:
            continue
        if HEADING_RE.match(stripped) and len(stripped) <= 40 or is_heading(line) and not current:
            yield from flush()
            heading = stripped
            passed.append(stripped)
            continue
        current.append((number, line))
        if stripped[-1] in SENTENCE_END or len(stripped) > 60 and not _cut_mid_word(stripped):
            yield from flush()
    yield from flush()


def marked_paragraphs(lines: list[str], skip: set[int]) -> Iterable[tuple[Paragraph, bool]]:
    """Each paragraph, and whether it looks back (a 发展基础 / 十三五成就 section, up to the next heading of
    its rank, or a run of paragraphs that opens with “十三五”时期 until one looks ahead): what it says was
    done, not what the plan sets."""
    looking_back: Optional[int] = None  # the rank of the heading that opened a look-back section
    back_run = False
    for paragraph in paragraphs(lines, skip):
        for section_heading in paragraph.headings:
            rank = heading_rank(section_heading)
            if looking_back is not None and rank <= looking_back:
                looking_back = None
            if looking_back is None and RETROSPECTIVE_RE.search(section_heading):
                looking_back = rank
        if paragraph.headings:
            back_run = False
        if LOOK_BACK_OPENING.match(normalize(paragraph.text)):
            back_run = True
        elif back_run and FUTURE_RE.search(paragraph.text):
            back_run = False
        yield paragraph, looking_back is not None or back_run


def forward_paragraphs(lines: list[str], skip: set[int]) -> Iterable[Paragraph]:
    """The paragraphs that do not look back (see marked_paragraphs)."""
    return (paragraph for paragraph, looks_back in marked_paragraphs(lines, skip) if not looks_back)


def _cut_mid_word(line: str) -> bool:
    """A long line (a whole paragraph, as web pages give them) that ends on a character inside a sentence
    (…统筹山水林田湖草…打 | 造红枫湖…): cut by the page, not by the author, so the paragraph goes on."""
    return "\u4e00" <= line[-1] <= "\u9fff" and line[-2:-1] not in ("。", "；", "！", "？")


class ProseReader:
    def __init__(self, matcher: Matcher, regions: RegionRegistry, region: str, base_year: int, end_year: int,
                 vision_year: Optional[int]) -> None:
        self.matcher = matcher
        self.regions = regions
        self.region = region
        self.base_year, self.end_year, self.vision_year = base_year, end_year, vision_year
        self.names = self._region_names()
        self.short_names = dict(region_names(regions))
        self.observations: list[Observation] = []
        self._respectively: dict[int, str] = {}

    def _region_names(self) -> list[tuple[str, str]]:
        """Names, aliases and groups' names, and counties' short names (六枝 for 六枝特区), longest first."""
        out = set(region_names(self.regions))
        for code, item in self.regions.regions.items():
            for name in (item.name, *item.aliases):
                if len(name) >= 2:
                    out.add((name, code))
        return sorted(out, key=lambda pair: (-len(pair[0]), pair[0], pair[1]))

    def read(self, lines: list[str], skip: set[int]) -> list[Candidate]:
        found: list[Candidate] = []
        carried_year: Optional[int] = None
        for paragraph, looks_back in marked_paragraphs(lines, skip):
            for section_heading in paragraph.headings:
                carried_year = self._heading_year(section_heading)
            if looks_back:
                self._observe_paragraph(paragraph)
                continue
            lead = self._lead_year(paragraph.text)
            if lead is not None:
                carried_year = lead
            found += self._paragraph(paragraph, carried_year)
        return found

    def _heading_year(self, heading: Optional[str]) -> Optional[int]:
        if not heading:
            return None
        years = [int(y) for _, y, _ in YEAR_PHRASE_RE.findall(normalize(heading))]
        future = [y for y in years if y > self.base_year]
        if future:
            return future[0]
        if PLAN_PERIOD_RE.search(heading) and "目标" in heading:
            return self.end_year
        return None

    def _lead_year(self, text: str) -> Optional[int]:
        match = re.match(r"\s*(——)?\s*(到|至|在)\s*(20\d\d)\s*年", normalize(text))
        if match and int(match.group(3)) > self.base_year:
            return int(match.group(3))
        return None

    def _paragraph(self, paragraph: Paragraph, carried_year: Optional[int]) -> list[Candidate]:
        text = normalize(paragraph.text)
        out: list[Candidate] = []
        sentence_start = 0
        for end in [i + 1 for i, ch in enumerate(text) if ch in SENTENCE_END] + [len(text)]:
            if end <= sentence_start:
                continue
            out += self._sentence(paragraph, text, sentence_start, end, carried_year)
            future = [int(m.group(2)) for m in YEAR_PHRASE_RE.finditer(text[sentence_start:end])
                      if int(m.group(2)) > self.base_year]
            if future:
                carried_year = future[-1]  # "2022—2025年，…；…": the year holds for the rest of the paragraph
            sentence_start = end
        return out

    def _sentence(self, paragraph: Paragraph, text: str, start: int, end: int,
                  carried_year: Optional[int]) -> list[Candidate]:
        sentence = text[start:end]
        years = [(m.start(), int(m.group(2)), m.group(1)) for m in YEAR_PHRASE_RE.finditer(sentence)]
        if "十三五" in sentence and not any(y > self.base_year for _, y, _ in years) or years and all(
                y <= self.base_year for _, y, _ in years) and not any(
                w in sentence for w in ("到", "力争", "目标")) and carried_year is None:
            self._observe(paragraph, sentence, start)
            return []
        self._respectively = _respectively(sentence)
        out = self._ratios(paragraph, sentence, start, years, carried_year)
        for number in find_numbers(sentence):
            if any(number.start >= s and number.end <= e for s, e in self._ratio_spans):
                continue
            candidate = self._number(paragraph, sentence, start, number, years, carried_year)
            if candidate is not None:
                out.append(candidate)
        out += self._deferred(paragraph, sentence, start, years, carried_year)
        out += self._doublings(paragraph, sentence, start, years, carried_year)
        return _merge_growth(out)

    def _doublings(self, paragraph: Paragraph, sentence: str, offset: int, years, carried_year) -> list[Candidate]:
        """地区生产总值比2025年翻一番以上: a multiple of a level the text states elsewhere. The target keeps the
        relation (`doubling`); bases.resolve_doublings gives it a value only where that level is stated."""
        out = []
        for match in DOUBLING_RE.finditer(sentence):
            clause_start = max(sentence.rfind(c, 0, match.start()) for c in CLAUSE_STOPS + "、") + 1
            subject = sentence[clause_start:match.start()]
            found = self.matcher.nearest(subject, None)
            if found.indicator is None or modifies(found):
                continue
            phrase_start = max(sentence.rfind(c, 0, match.start()) for c in "，,；;：:。") + 1
            scope = self._scope(sentence[phrase_start:match.start()])
            year, _ = self._year(sentence, match.start(), years, carried_year)
            if scope is False or year is None or year <= int(match.group("year")):
                continue
            line, line_offset, line_text = paragraph.place(offset + clause_start)
            end_line, end_offset, _ = paragraph.place(offset + match.end() - 1)
            if end_line != line:
                line, line_offset, line_text = paragraph.place(offset + match.start())
                end_line, end_offset, _ = paragraph.place(offset + match.end() - 1)
                if end_line != line:
                    continue
            label = (self._label(subject, "") or found.name) + "".join(match.group().split())
            candidate = Candidate(line=line, quote=line_text[line_offset:end_offset + 1].strip(), label=label,
                                  unit=None, match=found, scope=scope or None)
            candidate.doubling = {"from": int(match.group("year")), "factor": 2 ** DOUBLING_TIMES[match.group("times")],
                                  "floor": bool(match.group("more")), "year": year}
            out.append(candidate)
        return out

    def _deferred(self, paragraph: Paragraph, sentence: str, offset: int, years, carried_year) -> list[Candidate]:
        """控制在省下达的目标以内: the number lives in the plan above (`ref: upper`)."""
        out = []
        for match in REF_UPPER_RE.finditer(sentence):
            clause_start = max(sentence.rfind(c, 0, match.start()) for c in CLAUSE_STOPS + "、") + 1
            found = self.matcher.nearest(sentence[clause_start:match.start()], None)
            if found.indicator is not None and modifies(found):
                found = self.matcher.label(self._label(sentence[clause_start:match.start()], ""), None)
            if found.indicator is None:
                continue
            line, line_offset, line_text = paragraph.place(offset + clause_start)
            end_line, end_offset, _ = paragraph.place(offset + match.end() - 1)
            if end_line != line:
                continue
            year, _ = self._year(sentence, match.start(), years, carried_year)
            label = self._label(sentence[clause_start:match.start()], "") or found.name
            candidate = Candidate(line=line, quote=line_text[line_offset:end_offset + 1].strip(), label=label,
                                  unit=None, match=found)
            candidate.values["target"] = {"year": year, "ref": "upper"} if year else {"ref": "upper"}
            candidate.review.append("the number is the upper plan's (下达的目标): which one?")
            out.append(candidate)
        return out

    def _observe_paragraph(self, paragraph: Paragraph) -> None:
        """In a look-back section, a base-year mention holds to the end of its paragraph; a sentence there
        that names no year at all ("森林覆盖率47.58%") states the level the section reports, the base year's."""
        text = normalize(paragraph.text)
        if re.search(rf"{self.base_year}\s*年", text):
            self._observe(paragraph, text, 0)
            return
        start = 0
        for end in [i + 1 for i, ch in enumerate(text) if ch in SENTENCE_END] + [len(text)]:
            sentence = text[start:end]
            if end > start and not re.search(r"(19|20)\d\d\s*年|以来|期间|累计|五年|较|比|提高|增长|下降", sentence):
                self._observe(paragraph, sentence, start, implied=True)
            start = end

    def _observe(self, paragraph: Paragraph, sentence: str, offset: int, implied: bool = False) -> None:
        """Levels the sentence gives for the base year (numbers after "2020年" in that sentence, or all of
        them where the look-back section implies the year)."""
        mention = re.match("", sentence) if implied else re.search(rf"{self.base_year}\s*年", sentence)
        if mention is None:
            return
        subjects = _respectively(sentence)
        ratios = [m for m in RATIO_RE.finditer(sentence, mention.end()) if "产业" in sentence[max(0, m.start() - 20):m.start()]]
        for match in ratios:  # 三次产业结构调整为2020年的9.3:20.4:70.3: the three shares of that year
            line, line_offset, line_text = paragraph.place(offset + match.start())
            if paragraph.place(offset + match.end() - 1)[0] == line:
                quote = line_text[line_offset:paragraph.place(offset + match.end() - 1)[1] + 1]
                for label, group in zip(INDUSTRY_PARTS, (1, 2, 3)):
                    part = self.matcher.label(label, "%")
                    if part.indicator is not None:
                        self.observations.append(Observation(part.indicator, "%", float(match.group(group)), line,
                                                             quote))
        for number in find_numbers(sentence[mention.end():]):
            at, end = mention.end() + number.start, mention.end() + number.end
            if any(m.start() <= at < m.end() for m in ratios):
                continue
            clause_start = max(sentence.rfind(c, 0, at) for c in CLAUSE_STOPS + "、") + 1
            before = subjects.get(at, sentence[clause_start:at])
            written = sentence[at:end]
            if (number.unit is None or number.value is None or number.op not in ("=", ">=")
                    or any(w in written for w in ("以上", "以下", "以内", "左右")) or GROWTH_RE.search(before)
                    or CUMULATIVE_RE.search(before) or "分别" in before and at not in subjects):
                continue
            match = self.matcher.nearest(before, number.unit)
            if match.indicator is None:
                continue
            line, line_offset, line_text = paragraph.place(offset + clause_start)
            end_line, end_offset, _ = paragraph.place(offset + end - 1)
            if end_line != line:
                continue
            quote = line_text[line_offset:end_offset + 1].strip()
            self.observations.append(Observation(match.indicator, number.unit, number.value, line, quote))

    def _ratios(self, paragraph: Paragraph, sentence: str, offset: int, years, carried_year) -> list[Candidate]:
        """三次产业结构 "7.5 : 26 : 66.5": one share target per part."""
        self._ratio_spans = []
        out = []
        for match in RATIO_RE.finditer(sentence):
            self._ratio_spans.append(match.span())
            before = sentence[:match.start()]
            if "产业" not in before[-20:]:
                continue
            year, _ = self._year(sentence, match.start(), years, carried_year)
            line, line_offset, line_text = paragraph.place(offset + match.start())
            end_line, end_offset, _ = paragraph.place(offset + match.end() - 1)
            if end_line != line:
                continue
            quote = line_text[line_offset:end_offset + 1]
            for label, group in zip(INDUSTRY_PARTS, (1, 2, 3)):
                value = {"value": _numeric(match.group(group))}
                candidate = Candidate(line=line, quote=quote, label=label, unit="%",
                                      match=self.matcher.label(label, "%"))
                candidate.values["target"] = {"year": year, **value} if year else value
                out.append(candidate)
        return out

    def _year(self, sentence: str, at: int, years, carried_year: Optional[int]) -> tuple[Optional[int], bool]:
        """The year a number at `at` is for, and whether it came from the clause or sentence itself."""
        before = [(pos, year) for pos, year, _ in years if pos < at]
        future = [year for _, year in before if year > self.base_year]  # a past year compares or qualifies
        if future:
            return future[-1], True
        if before:
            return None, True
        return carried_year, False

    def _number(self, paragraph: Paragraph, sentence: str, offset: int, number: Number, years,
                carried_year: Optional[int]) -> Optional[Candidate]:
        clause_start = max(sentence.rfind(c, 0, number.start) for c in CLAUSE_STOPS + "、") + 1
        clause_end = min([i for i in (sentence.find(c, number.end) for c in CLAUSE_STOPS + "、") if i >= 0]
                         + [len(sentence)])
        clause = sentence[clause_start:clause_end]
        before = sentence[clause_start:number.start]
        quota = self._quota(paragraph, sentence, offset, number, before, carried_year)
        if quota is not None:
            return quota
        if number.unit is None and number.op == "=" or number.unit == "年" and not before.endswith(("年限", "达到", "达")):
            return None  # a bare number: a list index, a code, a part of a name
        if _quoted(sentence, number.start) or number.unit in ("次",):
            return None
        if sentence[number.start - 1:number.start] in ("×", "*") or sentence[number.end:number.end + 1] == "×":
            return None  # 3×200MW, 2×120MW: a unit's size in a project's name, not a target
        if number.unit == "岁" and re.match(r"\s*[\u4e00-\u9fff]{2}", sentence[number.end:]):
            return None  # 5岁以下儿童, 60岁以上老年人: an age group in a name, not a target
        listed = sentence[clause_start - 1:clause_start] == "、"  # 智慧工厂1个、智能车间7个: the cue is before the list
        dated = any(pos < number.start and year > self.base_year for pos, year, _ in years)
        in_goals = carried_year is not None and "目标" in (paragraph.heading or "")
        plain = BRACKETED_RE.sub("", clause)  # 新(改扩)建中小学33所: the cue is 新建
        if not CUE_RE.search(plain) and not (listed and CUE_RE.search(sentence[:clause_start])) and not dated \
                and not in_goals:
            return None
        year, own_year = self._year(sentence, number.start, years, carried_year)
        counted = listed and before.rstrip().endswith("等")  # 建设A、B、C等3个基地: the count of a named list
        if year is None and not GROWTH_RE.search(before) and not STRONG_CUE_RE.search(plain) and not (
                listed and STRONG_CUE_RE.search(sentence[:clause_start])) and not counted:
            return None  # not forward-looking: no target year above it and no target words
        phrase_start = max(sentence.rfind(c, 0, number.start) for c in "，,；;：:。") + 1  # 、 lists share a region
        scope = self._scope(sentence[phrase_start:number.start])
        if scope is False:
            return None  # a number for a region outside the plan's
        carried_scope = None
        if scope is None and phrase_start > 0:
            # 六枝城区常住人口达30万人以上,建成区面积达28平方公里: the region of the phrase before, when that
            # phrase gives a number of its own, holds for this one
            previous_start = max(sentence.rfind(c, 0, phrase_start - 1) for c in "，,；;：:。") + 1
            previous = sentence[previous_start:phrase_start - 1]
            if find_numbers(previous) and not self._regions_named(previous[:find_numbers(previous)[0].start]) > 1:
                carried_scope = self._scope(previous[:find_numbers(previous)[0].start]) or None
                scope = carried_scope
        share = SHARE_RE.search(before)
        share_of = self._share_of(share.group(1)) if share else None
        share_subject = False
        growth = bool(GROWTH_RE.search(before)) and number.unit == "%"
        label = self._label(before, sentence[:number.start])
        unit = number.unit
        fit_unit = None if share_of or growth else unit
        subject = self._respectively.get(number.start)
        if subject is not None:
            label = self._label(subject, "")
            match = self.matcher.label(label, fit_unit, PROSE_CUTOFF)
            if match.indicator is None:
                match = self.matcher.nearest(subject, fit_unit)
        else:
            match = self.matcher.nearest(sentence[clause_start:number.start], fit_unit) if label else Match(None, "none")
            if match.indicator is not None and modifies(match):
                match = self.matcher.label(label, fit_unit, PROSE_CUTOFF)
        after = self._label(_after_unit(sentence, number.end, clause_end), "")
        if subject is not None:
            pass
        elif match.indicator is None and after and (len(normalize_label(label)) <= 4 or counted):
            label = after  # 创建1所三级医院: the noun follows the number
            match = self.matcher.label(label, fit_unit, PROSE_CUTOFF)
            if match.indicator is None:
                match = self.matcher.nearest(label, fit_unit)
        elif match.indicator is None and label.startswith("占") and not share_of:
            subject = self.matcher.nearest(sentence[:clause_start], None)  # 第三产业增加值…，占地区生产总值比重
            if subject.indicator is not None:
                combined = self.matcher.label(subject.name + label, fit_unit, PROSE_CUTOFF)
                if combined.indicator is not None:
                    label, match = subject.name + label, combined
        elif match.indicator is None and share_of and not normalize_label(SHARE_RE.sub("", label)).strip("比重的"):
            earlier = self._earlier_subject(sentence[:clause_start])  # 地区生产总值达500亿元，占全市25%以上
            if earlier.indicator is not None:
                label, match, share_subject = earlier.name + label, earlier, True
        elif match.indicator is None and label:
            match = self.matcher.label(label, fit_unit, PROSE_CUTOFF)
        change = CHANGE_RE.search(before) if unit in POINTS else None
        if change is not None:  # 较2020年提高5个百分点: a change, never the level itself
            label, match = self._change(sentence[:clause_start], before[:change.start()], change.group(1), unit)
            share_of = None
        # 城市（县城）生活污水处理率: 县城 there is a caliber (calibers.py), not an area regions.yaml should name
        area = AREA_RE.search(CITY_AND_COUNTY_SEATS.sub("", sentence[phrase_start:clause_start + match.start])) \
            if match.start >= 0 else None
        own_name = self.regions.name(self.region)
        if scope is None and not share_of and match.indicator is not None and area and area.group() not in own_name:
            # 城市经济圈地区生产总值: a number for an area regions.yaml does not name; never compared as the plan's own
            match = Match(None, "none")
            unresolved_area = area.group()
        else:
            unresolved_area = None
        carried = False
        if match.indicator is None and not normalize_label(label).strip("年均平均五年增长增速率"):
            match = self.matcher.nearest(sentence[:clause_start], fit_unit)  # the subject of an earlier clause
            carried = match.indicator is not None
            label = match.name if carried else label
        if not label:
            return None
        line, line_offset, line_text = paragraph.place(offset + number.start)
        end_line, end_offset, _ = paragraph.place(offset + number.end - 1)
        if end_line != line:
            digits = re.match(r"\[?[\d.,]+", sentence[number.start:])
            digits_line, _, _ = paragraph.place(offset + number.start + (digits.end() if digits else 1) - 1)
            if digits_line != line:
                return None  # the digits themselves are cut over two lines: no one line carries them
            end_offset = len(line_text.rstrip()) - 1  # 55%以 | 上: the quote ends with its line
        label_line, label_offset, _ = paragraph.place(offset + clause_start)
        quote_start = label_offset if label_line == line else 0
        quote = line_text[quote_start:end_offset + 1].strip()
        candidate = Candidate(line=line, quote=quote, label=label, unit=unit, match=match, scope=scope or None,
                              share_of=share_of)
        if label_line != line:
            candidate.notes.append(f"label starts on line {label_line}")
        if carried_scope:
            candidate.review.append(f"region {self.regions.name(carried_scope)} from the clause before")
        if carried or share_subject:
            candidate.review.append("indicator named in an earlier clause of the sentence")
        if change is not None:
            candidate.notes.append(f"a change in {unit} ({change.group(1)}), not a level")
        if unresolved_area:
            candidate.review.append(f"for a {unresolved_area} that regions.yaml does not name: add it as a group and scope")
        value = number.as_value()
        if growth:
            candidate.values["growth"] = value
            candidate.unit = None
        elif year is not None and self.vision_year is not None and year >= self.vision_year:
            candidate.values["vision"] = {"year": year, **value}
        elif year is not None and year <= (self.vision_year or self.end_year):
            candidate.values["target"] = {"year": year, **value}
        else:
            candidate.values["target"] = dict(value)
            candidate.notes.append("no year in the text")
        if not own_year and year is not None and "year" in next(iter(candidate.values.values())):
            candidate.notes.append(f"year {year} from the heading or paragraph above")
        if share and not share_of:
            candidate.review.append(f"share of {share.group(1)}: no such region in regions.yaml")
        if CUMULATIVE_RE.search(clause) or number.cumulative:
            candidate.cumulative = True
        if "约束性" in sentence:
            candidate.attribute = "binding"
        elif "预期性" in sentence:
            candidate.attribute = "expected"
        if number.chinese:
            candidate.review.append("number written in Chinese numerals")
        if subject is not None:
            candidate.notes.append(f"分别: the {label} of the list before it")
        elif "分别" in clause:
            candidate.review.append("分别: the number may belong to several indicators")
        return candidate

    def _earlier_subject(self, earlier: str) -> Match:
        """The indicator the clause before names as its subject ("地区生产总值达500亿元，"): the name nearest
        its end, where only verbs and numbers stand after it."""
        clause_start = max(earlier.rstrip("，,、 ").rfind(c) for c in CLAUSE_STOPS + "、") + 1
        clause = earlier[clause_start:]
        found = self.matcher.nearest(clause, None)
        if found.indicator is None:
            return found
        tail = clause[found.start + len(found.name):] if found.start >= 0 else ""
        for number in reversed(find_numbers(tail)):
            tail = tail[:number.start] + tail[number.end:]
        rest = TRAILING_VERB.sub("", re.sub(r"[，,、\s]|以上|左右|以内|以下", "", tail))
        return found if not re.search(r"[\u4e00-\u9fff]", rest) else Match(None, "none")

    def _change(self, earlier: str, subject: str, verb: str, unit: str) -> tuple[str, Match]:
        """The indicator of "常住人口城镇化率较2020年提高5个百分点": the subject and the verb (a catalogue
        name such as 常住人口城镇化率较2022年提高, else a proposed one), the subject taken from the clause
        before when this one names none (经济总量…，占全省比重较2022年提高…)."""
        label = self._label(subject, "")
        core = COMPARED_RE.sub("", label)
        if self.matcher.nearest(core, None).indicator is None:
            before = self._earlier_subject(earlier)
            if before.indicator is not None:
                label = before.name + label
        label += verb
        match = self.matcher.label(label, unit, PROSE_CUTOFF)
        if match.indicator is None or re.findall(r"\d{4}", label) != re.findall(r"\d{4}", match.name):
            return label, Match(None, "none")  # a change over another year is another indicator
        return label, match

    def _quota(self, paragraph: Paragraph, sentence: str, offset: int, number: Number, before: str,
               carried_year: Optional[int]) -> Optional[Candidate]:
        """清镇（36.2万人）under a heading such as "2025年城区常住人口目标": a number for the region named
        before its bracket, of the indicator the heading names."""
        named = re.search(r"([\u4e00-\u9fff]{2,8})[（(]\s*$", before)
        if named is None or not re.match(r"\s*[）)]", sentence[number.end:]) or number.unit is None:
            return None
        code = self.short_names.get(named.group(1))
        heading = paragraph.heading or ""
        if code is None or carried_year is None or "目标" not in heading:
            return None
        if code != self.region and not _may_set(self.regions, self.region, code):
            return None
        match = self.matcher.nearest(heading, number.unit)
        if match.indicator is None:
            return None
        line, line_offset, line_text = paragraph.place(offset + number.start)
        start_line, start_offset, _ = paragraph.place(offset + named.start(1))
        end_line, end_offset, _ = paragraph.place(offset + number.end)
        if not line == start_line == end_line:
            return None
        candidate = Candidate(line=line, quote=line_text[start_offset:end_offset + 1].strip(),
                              label=f"{named.group(1)}{match.name}", unit=number.unit, match=match,
                              scope=None if code == self.region else code)
        candidate.values["target"] = {"year": carried_year, **number.as_value()}
        candidate.review.append(f"indicator and year from the heading '{heading[:40]}'")
        return candidate

    def _label(self, before: str, sentence_before: str) -> str:
        label = before.strip()
        previous = None
        while previous != label:
            previous = label
            label = LEADING_NOISE.sub("", label).strip()
            label = TRAILING_VERB.sub("", label).strip()
        label = re.sub(r"[“”\"]", "", label)
        return label if normalize_label(label) else ""

    def _scope(self, text: str):
        """The region a number is for: the nearest region or group named before it in the sentence;
        None for the plan's own region, False for a region outside it."""
        best_at, best_code = -1, None
        for name, code in self.names:
            at = text.rfind(name)
            if at > best_at:
                best_at, best_code = at, code
        if best_code is None or best_code == self.region:
            return None
        if self.regions.covers(self.region, best_code):
            return best_code
        return False

    def _regions_named(self, text: str) -> int:
        return len({code for name, code in self.names if name in text})

    def _share_of(self, word: str) -> Optional[str]:
        level = SHARE_LEVEL.get(word)
        code = self.region
        seen = set()
        while code and code not in seen:
            seen.add(code)
            item = self.regions.get(code)
            if item is None:
                return None
            if item.level == level:
                return code if code != self.region else None
            code = item.parent
        return None


TAIL_NOISE = re.compile(r"(较|比)?\d+年?(末|底)?|[的将要再进一步全面]|(五年|十四五期间)?(年均|平均)?(增长|增速|增幅)率?")


def modifies(match: Match) -> bool:
    """Whether the name found only qualifies the noun after it ("单位生产总值能耗降低率": 生产总值 is not the
    indicator): words other than verbs and dates stand between the name and the number."""
    tail = normalize_label(match.tail)
    previous = None
    while previous != tail:
        previous = tail
        tail = TRAILING_VERB.sub("", TAIL_NOISE.sub("", tail))
    return sum(1 for ch in tail if "\u4e00" <= ch <= "\u9fff") >= 2


def _merge_growth(candidates: list[Candidate]) -> list[Candidate]:
    """"第一产业增加值为52.6亿元，五年平均增长6.5%": the growth joins the level before it, with its own
    line and quote, so that one target holds level and growth."""
    out: list[Candidate] = []
    for candidate in candidates:
        previous = out[-1] if out else None
        if (previous is not None and set(candidate.values) == {"growth"} and "growth" not in previous.values
                and "target" in previous.values and previous.match.indicator == candidate.match.indicator
                and candidate.match.indicator is not None and previous.scope == candidate.scope):
            previous.values["growth"] = {**candidate.values["growth"], "line": candidate.line, "quote": candidate.quote}
            previous.review += [r for r in candidate.review if r not in previous.review]
            continue
        out.append(candidate)
    return out


def _respectively(sentence: str) -> dict[int, str]:
    """A、B、C分别达到X、Y、Z: the subject of each number, by the number's position in the sentence."""
    out: dict[int, str] = {}
    for match in re.finditer("分别", sentence):
        start = max(sentence.rfind(c, 0, match.start()) for c in "，,。；;：:") + 1
        subjects = [s for s in re.split(r"、|和|及|与", sentence[start:match.start()]) if s.strip()]
        three = re.search(r"一二三(次)?产(业)?(?P<rest>[^，,。；;]*)$", subjects[-1]) if len(subjects) == 1 else None
        if three:  # 一二三产增加值分别达A、B、C
            subjects = [f"{n}产业{three.group('rest')}" for n in ("第一", "第二", "第三")]
        ends = [i for i in (sentence.find(c, match.end()) for c in "，,。；;") if i >= 0]
        numbers = find_numbers(sentence[match.end():min(ends + [len(sentence)])])
        if len(subjects) >= 2 and len(numbers) == len(subjects):
            for subject, number in zip(subjects, numbers):
                out[match.end() + number.start] = subject
    return out


def _numeric(text: str):
    value = float(text)
    return int(value) if value.is_integer() else value


def _after_unit(sentence: str, end: int, clause_end: int) -> str:
    """The words after a number up to the end of its clause (the noun of 建成3所学校)."""
    return sentence[end:clause_end]


def _quoted(sentence: str, at: int) -> bool:
    """Inside “...”: a name (“三个500”), not a target."""
    return sentence.count("“", 0, at) > sentence.count("”", 0, at)
