"""What a drafter could change: the rule's own advice (its module words it), or a general one.

A finding says what is wrong; a drafter also wants to know which edits would make it go away. Each rule
function module has an ADVICE template and fills it from its finding (see checker/evidence.py), so the
advice never promises more than the check verifies; a finding without its own (a waiver's) gets this.
"""

from __future__ import annotations

from ..findings import Finding

FALLBACK = {
    "zh": "核对本规划与相关规划的表述，修改其中一处使两者一致，或在说明中写明差异的依据。",
    "en": "Check this plan's statement against the related one and change one of them, or explain the difference.",
}


def advice(finding: Finding, lang: str) -> str:
    lang = "en" if lang == "en" else "zh"
    if finding.shows is not None and finding.shows.advice is not None:
        return finding.shows.advice(lang)
    return FALLBACK[lang]
