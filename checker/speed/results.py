"""What a full check works out, kept between runs: a warm run on unchanged inputs reads the findings and
the graph's target links back instead of comparing targets and running every rule again.

Both are kept for the corpus's content digest (corpus.py: every plan, regions.yaml and catalogue by its
bytes and name, with plancheck's code and schemas in the cache's salt); the findings also by the rules in
force as the configuration leaves them (function, severity, category, options, where each is defined).
A change to any of them is a miss, and that part runs in full. Findings are kept before waivers and a
baseline are applied (those change from run to run, and their files are not in the digest). Only full
checks keep or read findings: a focused check (--plan, --changed, a named file) looks at other subjects.
Entries live in the plan cache (speed/cache.py), signed and bound to their key like every other entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..engine import Rule
    from ..findings import Finding
    from ..graph import PlanGraph


def _kept(corpus: "Corpus", what: str, extra: str, wanted: type,
          work_out: Callable[[Optional[Any]], tuple[Any, Any]]) -> Any:
    """`work_out(kept)` gives (result, what to keep) from what was kept for these inputs (None if nothing
    was, or it is not a `wanted`); what it gives to keep replaces what was kept.

    One entry per kind, for the last inputs seen (the entry holds the digest it is for, signed with it),
    so the cache does not grow by a graph's links with every edit; a partial corpus (--changed) neither
    reads nor replaces it."""
    cache = corpus.cache
    if cache is None or corpus.digest is None or corpus.partial:
        return work_out(None)[0]
    slot, stamp = cache.key(what, b""), f"{corpus.digest}\0{extra}"
    entry = cache.get(slot)
    kept = entry[1] if (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp
                        and isinstance(entry[1], wanted)) else None
    result, keep = work_out(kept)
    if kept is None:
        cache.put(slot, (stamp, keep))
    return result


def findings_of(corpus: "Corpus", rules: list["Rule"], find: Callable[[], list["Finding"]]) -> list["Finding"]:
    """The findings of a full check with `rules`: those kept for the same inputs, else `find()`'s."""
    def work_out(kept: Optional[list]) -> tuple[list["Finding"], list["Finding"]]:
        found = kept if kept is not None else find()
        return found, found
    return _kept(corpus, "findings", repr(rules), list, work_out)


def graph_of(corpus: "Corpus") -> "PlanGraph":
    """The corpus's graph, its target links read back from the last run of the same inputs when kept
    (the graph reads nothing but the corpus)."""
    from ..graph import Links, PlanGraph

    def work_out(kept: Optional[Links]) -> tuple["PlanGraph", Links]:
        graph = PlanGraph(corpus, kept)
        return graph, graph.links() if kept is None else kept
    return _kept(corpus, "graph-links", "", Links, work_out)
