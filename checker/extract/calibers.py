"""Calibers (统计口径) where the text states one, for a target's `caliber` (docs/plan-format.md).

Two numbers of different calibers may count different things, so plancheck words a disagreement between
them as a question (a warning) rather than a contradiction. A caliber is recorded only where the label,
its clause or its table header says it:
- an inclusion: （含北部五乡镇）, 不含新蒲地区生产总值, （包括…） -> 含北部五乡镇, 不含新蒲;
- an area word before the name (城镇 / 城市（县城） / 城乡 / 县城 / 城区 / 农村), where the indicator's
  catalogue names differ by such words (城市（县城）生活污水处理率, 城镇污水处理率): 城镇化率 states none;
- a way of counting the catalogue's names do not carry (户籍 against 常住, 登记 against 调查).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

AREA_WORDS = ("城市（县城）", "城乡", "城镇", "县城", "城区", "城市", "农村")
COUNTING_WORDS = ("户籍", "登记", "调查")
BRACKETED_RE = re.compile(r"[（(]\s*((?:不含|含|不包括|包括)[^（()）,，、;；]{1,16})")
LEADING_RE = re.compile(r"^(不含|含|不包括|包括)[\u4e00-\u9fff]")
NOISE_RE = re.compile(r"^\s*(其中|全区|全市|全县|全省|全州|[:：、])+")
TO_FULL = str.maketrans("()", "（）")


def _area_word(text: str) -> Optional[str]:
    squeezed = "".join(text.split()).translate(TO_FULL)
    for word in AREA_WORDS:
        if squeezed.startswith(word) and not squeezed.startswith(word + "化"):  # 城镇化率: a word, not a caliber
            return word
    return None


def caliber_of(label: str, names: Iterable[str], context: str = "") -> Optional[str]:
    """The caliber the label (or, failing that, its table header `context`) states, as written;
    `names` are the catalogue names of the indicator matched (empty for a proposed one)."""
    names = [n.translate(TO_FULL) for n in names]
    label = NOISE_RE.sub("", label)
    for text in (label, context):
        bracketed = BRACKETED_RE.search(text)
        if bracketed:
            return bracketed.group(1).strip()
    squeezed = "".join(label.split()).translate(TO_FULL)
    if LEADING_RE.match(squeezed):  # 不含新蒲地区生产总值: the words before the indicator's name
        at = min([squeezed.find(n) for n in names if n in squeezed] or [-1])
        if at < 0 and "地区" in squeezed:
            at = squeezed.find("地区")
        prefix = re.sub(r"(地区|的|在内)+$", "", squeezed[:at]) if at > 0 else ""
        if len(prefix) >= 3:
            return prefix
    word = _area_word(label)
    if word and names and len({_area_word(n) for n in names}) >= 2:
        return word
    for word in COUNTING_WORDS:
        if word in squeezed and names and not any(word in n for n in names):
            return word
    return None
