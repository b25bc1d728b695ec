"""Units as an English reader writes them: 亿元 -> '× 10⁸ yuan', 公里 -> 'km', 元/人 -> 'yuan per person'.

Only the words change, never the number or its scale: '500亿元' reads '500 × 10⁸ yuan' rather than a
converted '50 billion yuan', so a reader can hold the English figure against the Chinese quote.
A unit this table does not know is shown as written. Compound units (元/人, 万吨/年) are named part by
part.
"""

from __future__ import annotations

from typing import Optional

# 万 and 亿 stay factors of the number (× 10⁴, × 10⁸): the figure reads as the quote does
WORDS = {
    "%": "%", "‰": "‰", "个百分点": "percentage points", "倍": "times", "指数": "index points",
    "元": "yuan", "万元": "× 10⁴ yuan", "亿元": "× 10⁸ yuan", "万亿元": "× 10¹² yuan",
    "亿美元": "× 10⁸ US dollars",
    "人": "people", "万人": "× 10⁴ people", "万人次": "× 10⁴ visits", "名": "people",
    "户": "households", "万户": "× 10⁴ households", "家": "enterprises", "所": "institutions",
    "个": "", "万个": "× 10⁴", "件": "items", "项": "items", "座": "facilities", "处": "sites", "场": "venues",
    "台": "units", "辆": "vehicles", "张": "beds", "套": "sets", "万套": "× 10⁴ sets", "条": "lines",
    "回": "circuits", "万棒": "× 10⁴ logs",
    "公里": "km", "万公里": "× 10⁴ km", "km": "km", "平方公里": "km²", "平方米": "m²", "万平方米": "× 10⁴ m²",
    "亩": "mu", "万亩": "× 10⁴ mu",
    "吨": "t", "万吨": "× 10⁴ t", "亿吨": "× 10⁸ t", "t/h": "t/h",
    "立方米": "m³", "万立方米": "× 10⁴ m³", "亿立方米": "× 10⁸ m³",
    "千瓦": "kW", "万千瓦": "× 10⁴ kW", "亿千瓦时": "× 10⁸ kWh", "kVA": "kVA", "万kVA": "× 10⁴ kVA",
    "万kVar": "× 10⁴ kvar", "Gbps": "Gbps", "万Gbps": "× 10⁴ Gbps",
    "年": "years", "岁": "years", "小时": "hours", "日": "day",
    "万人_per": "× 10⁴ people", "万车": "× 10⁴ vehicles", "百万吨": "× 10⁶ t", "1/10万": "per 100,000",
}
PER = {"人": "person", "年": "year", "日": "day", "亩": "mu", "万元": "10,000 yuan", "亿元": "100 million yuan",
       "平方公里": "km²", "万人": "10,000 people", "万车": "10,000 vehicles", "百万吨": "million t"}


def english_unit(unit: Optional[str]) -> Optional[str]:
    """The English words for a unit ('' for a plain count), or the unit as written when unknown."""
    if not unit:
        return unit
    if unit in WORDS:
        return WORDS[unit]
    if "/" in unit:
        head, _, tail = unit.partition("/")
        if head in WORDS and tail in PER:
            return f"{WORDS[head] or 'number'} per {PER[tail]}"
    return unit


def unit_suffix(unit: Optional[str], lang: str) -> str:
    """What follows a number: '亿元' in Chinese; ' × 10⁸ yuan' (spaced, '%' not) in English."""
    if lang != "en":
        return unit or ""
    words = english_unit(unit) or ""
    if not words or words in ("%", "‰"):
        return words
    return f" {words}"
