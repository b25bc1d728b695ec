"""Every rule function's documented examples run: each FAIL example fires, each PASS example stays silent,
each INFO (WARNING) example fires at info (warning) only: a rule lowering its own severity for that case.

The examples in the function docstrings are what `plancheck explain` shows users, so they are checked
here; every function has at least one of each.
"""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from checker.api import check
from checker.config import Config
from checker.functions import REGISTRY

from conftest import build_corpus

def examples(doc: str) -> list[tuple[str, str, str]]:
    """(kind, title, yaml) for every 'PASS ...::' / 'FAIL ...::' / 'INFO ...::' / 'WARNING ...::' block."""
    found = []
    lines = doc.splitlines()
    for index, line in enumerate(lines):
        match = re.match(r"^(PASS|FAIL|INFO|WARNING)\b(.*)::\s*$", line.strip())
        if not match:
            continue
        block = []
        for following in lines[index + 1:]:
            if following.strip() and not following.startswith("    "):
                break
            block.append(following)
        found.append((match.group(1), match.group(2).strip(" :"), textwrap.dedent("\n".join(block))))
    return found


CASES = [(name, kind, title, text) for name, module in sorted(REGISTRY.items())
         for kind, title, text in examples(module.__doc__ or "")]


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_function_documents_itself(name):
    module = REGISTRY[name]
    kinds = [kind for kind, _, _ in examples(module.__doc__ or "")]
    assert "PASS" in kinds and "FAIL" in kinds, f"{name} needs a PASS and a FAIL example"
    assert module.__doc__.startswith(f"{name}:"), "the docstring starts with the function's id"
    assert "Options" in module.__doc__


@pytest.mark.parametrize("name, kind, title, text", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_documented_example(tmp_path, name, kind, title, text):
    plans = yaml.safe_load(text)["plans"]
    corpus = build_corpus(tmp_path / "corpus", plans)
    report = check([corpus], config=Config())
    rules = {r.id for r in report.rules if r.function == name}
    assert rules, f"no rule in the default set uses {name}"
    hits = [f for f in report.findings if f.rule in rules]
    if kind == "FAIL":
        assert hits, f"{name}: FAIL example did not fire"
        severity = {r.id: r.severity for r in report.rules}
        assert any(h.severity == severity[h.rule] for h in hits), f"{name}: FAIL example fired below its rule's severity"
        for hit in hits:
            shown(hit, REGISTRY[name])
    elif kind in ("INFO", "WARNING"):
        assert hits, f"{name}: {kind} example did not fire"
        assert all(h.severity == kind.lower() for h in hits), f"{name}: {kind} example fired at another severity"
    else:
        assert not hits, f"{name}: PASS example fired: {[h.message['en'] for h in hits]}"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_function_words_its_advice_in_both_languages(name):
    """The advice a finding's card shows comes from its rule's module (one without its own gets the
    report's general advice); both languages name the same placeholders, one with no words reads '—'."""
    advice = getattr(REGISTRY[name], "ADVICE", None)
    if advice is None:
        pytest.skip(f"{name} has no advice of its own")
    placeholders = {lang: set(re.findall(r"\{(\w+)\}", getattr(advice, lang))) for lang in ("zh", "en")}
    assert placeholders["zh"] == placeholders["en"]
    filled = advice.fill()
    assert "{" not in filled.zh + filled.en
    assert filled("en") == advice.en.format(**{key: "—" for key in placeholders["en"]})


def shown(finding, module):
    """What a firing rule shows a reader: its own advice when it has one (no '{placeholder}' left), and
    lines of arithmetic or labels for its evidence in both languages; at most one compared value per side."""
    shows = finding.shows
    if shows is None:
        assert not hasattr(module, "ADVICE"), "a rule with its own advice attaches it to its findings"
        return
    assert (shows.advice is not None) == hasattr(module, "ADVICE")
    for lang in ("zh", "en"):
        if shows.advice is not None:
            assert shows.advice(lang) and "{" not in shows.advice(lang)
        assert all(line(lang) for line in shows.arithmetic or ())
        assert all(label(lang) for label in shows.labels.values())
    assert len(shows.values) <= 1 + len(finding.related)
