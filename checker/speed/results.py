"""The findings of a full check kept between runs: a warm run on unchanged inputs reads them back instead
of building the graph and running every rule.

An entry is keyed by the corpus's content digest (corpus.py: every plan, regions.yaml and catalogue by
its bytes and name, with plancheck's code and schemas in the cache's salt) and by the rules in force as
the configuration leaves them (function, severity, category, options, where each is defined): a change to
any of them is a miss, and the check runs in full. Findings are kept before waivers and a baseline are
applied (those change from run to run, and their own files are not in the digest). Only full checks are
kept: a focused check (--plan, --changed, a named file) reads and writes nothing here. Entries live in
the plan cache (speed/cache.py), signed and bound to their key like every other entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..engine import Rule
    from ..findings import Finding


def _key(corpus: "Corpus", rules: list["Rule"]) -> Optional[str]:
    if corpus.cache is None or corpus.digest is None:
        return None
    return corpus.cache.key("findings", f"{corpus.digest}\0{rules!r}".encode("utf-8"))


def cached_findings(corpus: "Corpus", rules: list["Rule"]) -> Optional[list["Finding"]]:
    """The findings a full check of this corpus with these rules gave, or None when not kept."""
    key = _key(corpus, rules)
    value = corpus.cache.get(key) if key is not None and corpus.cache is not None else None
    return value if isinstance(value, list) else None


def keep_findings(corpus: "Corpus", rules: list["Rule"], findings: list["Finding"]) -> None:
    key = _key(corpus, rules)
    if key is not None and corpus.cache is not None:
        corpus.cache.put(key, findings)
