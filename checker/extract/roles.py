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

ROLE_WORDS = (r"中心城市|区域性中心城市|首位城市|首府城市|节点城市|示范区|示范城市|先行区|先导区|核心区|核心圈|增长极|增长核|火车头|"
              r"引领区|引领者|试验区|集聚区|枢纽|新高地|高地|排头兵|桥头堡|门户|集散地|副中心|主中心|中心")
ROLE_RE = re.compile(rf"(打造成为|打造成|建设成为|建成|建设|打造|成为|定位为|定位是|作为|争创|创建|是)"
                     rf"(?P<text>[^，,。；;、：:（）()]{{2,30}}?(?:{ROLE_WORDS}))(?![\u4e00-\u9fff]{{0,1}}(?:建设|功能|作用|城区))")
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

    def read(self, paragraphs: Iterable[Paragraph]) -> list[RoleCandidate]:
        found: list[RoleCandidate] = []
        seen: set[str] = set()
        for paragraph in paragraphs:
            text = normalize(paragraph.text)
            for match in ROLE_RE.finditer(text):
                role = " ".join(match.group("text").split()).strip("“”\" ")
                if len(role) < 4 or role in seen or any(ch.isdigit() for ch in role):
                    continue
                line, offset, line_text = paragraph.place(match.start("text"))
                end_line, end_offset, _ = paragraph.place(match.end("text") - 1)
                if end_line != line:
                    continue
                seen.add(role)
                clause_start = max(text.rfind(c, 0, match.start()) for c in "，,。；;") + 1
                scope = self._scope(text[clause_start:match.start()]) or self.region
                found.append(RoleCandidate(role, scope, bool(EXCLUSIVE_RE.search(role)), line,
                                           line_text[offset:end_offset + 1].strip()))
        return found

    def _scope(self, text: str) -> Optional[str]:
        best_at, best = -1, None
        for name, code in self.names:
            at = text.rfind(name)
            if at > best_at:
                best_at, best = at, code
        if best is not None and best != self.region and self.regions.covers(self.region, best):
            return best
        return None
