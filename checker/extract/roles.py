"""Roles (定位) where the text gives them: a phrase ending in a role word (示范区, 中心城市, 核心区, 增长极,
枢纽 ...) after a role verb (打造, 建设成为, 定位为, 是 ...). Scope is the plan's region unless the clause
names a region or group inside it first. Every role is marked for review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..regions import RegionRegistry
from .numbers import normalize
from .prose import Paragraph

ROLE_WORDS = (r"示范县|示范园区|示范基地|重要基地|实验区|首位城市|首府城市|中心城市|区域性中心城市|节点城市|示范区|示范城市|先行区|先导区|核心区|核心圈|增长极|增长核|火车头|"
              r"引领区|引领者|试验区|集聚区|枢纽|新高地|高地|排头兵|桥头堡|门户|集散地|副中心|主中心|中心")
ROLE_RE = re.compile(rf"(打造成为|打造成|建设成为|建成|建设|打造|成为|定位为|定位是|作为|争创|创建|是)"
                     rf"(?P<text>[^，,。；;、：:（）()]{{2,30}}?(?:{ROLE_WORDS}))(?![\u4e00-\u9fff]{{0,1}}(?:建设|功能|作用|城区))")
# a facility or a site built in the region, not a role of the region (社区服务中心, 数据中心, 水利枢纽)
FACILITY_RE = re.compile(r"(数据|技术|创新|服务|研发|研究|销售|冷链|物流|救治|健身|照料|交易|展示|联检|政务|诉讼|医疗|卫生|检测|"
                         r"培训|指挥|调度|孵化|商业|货运|会展|体育|活动|文化馆|就业|运营|监管|评估)中心$|(水利|航电|电站|水电|站|货运|公交|客运)(综合)?枢纽$")
# words that show the phrase runs over a verb or lists many things (一批…中心, 支持…中心, 以…为中心)
NOT_ONE_ROLE_RE = re.compile(r"一批|若干|支持|加大|推动|推进|引导|鼓励|以[^，,。；;]*为中心$")
# the further roles of a list after one role verb (打造成为A示范区、B基地和C先行区): a list item may also end in 基地
LISTED_RE = re.compile(rf"\s*[、和及]\s*(?P<text>[^，,。；;、：:（）()]{{2,30}}?(?:{ROLE_WORDS}|基地|内陆港))(?=\s*[、和及，,。；;]|$)")


def _listed(text: str, end: int) -> list[tuple[int, int]]:
    out = []
    while True:
        match = LISTED_RE.match(text, end)
        if match is None:
            return out
        out.append((match.start("text"), match.end("text")))
        end = match.end("text")


LEAD_VERBS_RE = re.compile(r"打造|建设|建成|创建|成为|设置|选址|坚持|推进|推动|成功|协同|实现|发展中心")
LEAD_ROLE_RE = re.compile(rf"\s*(?:——|[一二三四五六七八九十]是)?\s*(?P<text>[^，,。；;、：:（）()0-9]{{2,24}}?(?:{ROLE_WORDS}))\s*。")
LEAD_REGION_RE = re.compile(r"\s*([\u4e00-\u9fff]{2,8})\s*[。：:]")
PAST_RE = re.compile(r"成功|已经|已|获批|荣获|被评为")
STANDING_VERBS = ("是", "作为", "定位为", "定位是")
EXCLUSIVE_RE = re.compile(r"核心|中心|首位|首府|唯一|龙头|火车头|增长极|增长核|排头兵")


@dataclass
class RoleCandidate:
    text: str
    scope: str
    exclusive: bool
    line: int
    quote: str
    review: list[str] = field(default_factory=lambda: ["role read from the text: confirm its wording and scope"])


class RoleReader:
    def __init__(self, regions: RegionRegistry, region: str, names: list[tuple[str, str]]) -> None:
        self.regions = regions
        self.region = region
        self.names = names

    def read(self, paragraphs: Iterable[tuple[Paragraph, bool]]) -> list[RoleCandidate]:
        """Roles of (paragraph, whether it looks back) pairs: where the plan looks back, only a role the region
        holds (红花岗区是…核心区, 作为…), never one it reports having won (成功创建…示范区)."""
        found: list[RoleCandidate] = []
        seen: set[str] = set()
        for paragraph, looks_back in paragraphs:
            text = normalize(paragraph.text)
            lead = LEAD_REGION_RE.match(text)  # 安顺。着力发展…，打造贵州航空产业城: the paragraph is 安顺's
            default = (self._scope(lead.group(1)) or self.region) if lead else self.region
            if not looks_back:
                starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in "。！？"]
                for start in starts:  # a sentence that is a role phrase alone: a title run into the text
                    found += [r for r in self._lead_phrase(paragraph, text, start) if r.text + r.scope not in seen]
                    seen |= {r.text + r.scope for r in found}
            for match in ROLE_RE.finditer(text):
                if looks_back and match.group(1) not in STANDING_VERBS or PAST_RE.search(text, max(0, match.start() - 4),
                                                                                       match.start()):
                    continue  # 成功创建…, 获批…: an award the text reports, not a role it sets
                clause_start = max(text.rfind(c, 0, match.start()) for c in "，,。；;") + 1
                scope = self._scope(text[clause_start:match.start()]) or default
                spans = [(match.start("text"), match.end("text"))] + _listed(text, match.end("text"))
                for start, end in spans:
                    role = " ".join(text[start:end].split()).strip("“”\" ")
                    if len(role) < 4 or role in seen or any(ch.isdigit() for ch in role) or FACILITY_RE.search(role) \
                            or NOT_ONE_ROLE_RE.search(role):
                        continue
                    line, offset, line_text = paragraph.place(start)
                    end_line, end_offset, _ = paragraph.place(end - 1)
                    # a role cut over two lines is cited on the line it starts, quoted to that line's end
                    quote = line_text[offset:end_offset + 1] if end_line == line else line_text[offset:]
                    if len("".join(quote.split())) < 2:
                        continue
                    seen.add(role)
                    found.append(RoleCandidate(role, scope, bool(EXCLUSIVE_RE.search(role)), line, quote.strip()))
        return found

    def _lead_phrase(self, paragraph: Paragraph, text: str, start: int = 0) -> list[RoleCandidate]:
        """A paragraph that opens with a role phrase as its title ("西部地区高质量发展增长极。抢抓…"): the
        plan's own role; followed by a list of regions ("大城市周边县城。清镇（36.2万人）、修文（13.8万人）"):
        the role of each region listed."""
        match = LEAD_ROLE_RE.match(text, start)
        if match is None or NOT_ONE_ROLE_RE.search(match.group("text")) or FACILITY_RE.search(match.group("text")):
            return []
        role = " ".join(match.group("text").split()).strip("“”\" ")
        if LEAD_VERBS_RE.search(role):
            return []  # a sentence with a verb in it (成功创建…, 协同打造…, 设置…中心) is no title
        line, offset, line_text = paragraph.place(match.start("text"))
        end_line, end_offset, _ = paragraph.place(match.end("text") - 1)
        if end_line != line or len(role) < 4:
            return []
        quote = line_text[offset:end_offset + 1].strip()
        rest = text[match.end():]
        listed = [self._code(item) for item in re.split(r"[、，,]", re.split(r"[。；;]", rest)[0])]
        if len(listed) >= 2 and all(code is not None for code in listed):
            return [RoleCandidate(role, code, False, line, quote) for code in dict.fromkeys(listed)
                    if code != self.region and self.regions.covers(self.region, code)]
        return [RoleCandidate(role, self._scope(role) or self.region, bool(EXCLUSIVE_RE.search(role)), line, quote)]

    def _code(self, item: str) -> Optional[str]:
        """The region a list item names first ("清镇（36.2万人）"), or None."""
        name = re.match(r"\s*([\u4e00-\u9fff]{2,10}?)\s*(?:[（(]|$)", item)
        if name is None:
            return None
        return next((code for known, code in self.names if known == name.group(1)), None)

    def _scope(self, text: str) -> Optional[str]:
        best_at, best = -1, None
        for name, code in self.names:
            at = text.rfind(name)
            if at > best_at:
                best_at, best = at, code
        if best is not None and best != self.region and self.regions.covers(self.region, best):
            return best
        return None
