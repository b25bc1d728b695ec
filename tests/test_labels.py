"""The labelled findings of the bundled corpus (tests/labels/bundled-findings.yaml): every warning and error
is one a provincial reviewer would act on, and no finding the labels call true is lost."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from checker.api import check
from checker.config import Config

from conftest import PLANS

LABELS = Path(__file__).resolve().parent / "labels" / "bundled-findings.yaml"
TRUE = {"true-conflict", "true-gap"}
KINDS = TRUE | {"coverage", "noise", "false-alarm"}


def finding_key(finding) -> str:
    """rule, plan, subject, related targets (and for a project, the region named): stable across rewording."""
    subject = finding.target or finding.project or finding.role or "-"
    related = sorted(f"{r.plan}/{r.target}" for r in finding.related if r.target)
    parts = [finding.rule, finding.plan, subject, *related]
    if finding.project:
        parts.append(finding.region or "")
    return " ".join(parts)


@lru_cache(maxsize=None)
def labels() -> dict[str, dict]:
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    out = {}
    for item in data["labels"]:
        assert item["key"] not in out, f"labelled twice: {item['key']}"
        assert item["label"] in KINDS, item
        assert item["seeds"] and item["reason"], item
        out[item["key"]] = item
    return out


@lru_cache(maxsize=None)
def found() -> dict[str, object]:
    return {finding_key(f): f for f in check([PLANS], config=Config()).findings}


def serious() -> dict[str, object]:
    return {key: f for key, f in found().items() if f.severity in ("warning", "error")}


def test_labels_cite_seed_lines_that_exist():
    from conftest import SEEDS
    documents = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
    for item in labels().values():
        for document, lines in item["seeds"].items():
            count = len(documents[str(document)].read_text(encoding="utf-8").splitlines())
            assert all(1 <= line <= count for line in lines), item["key"]


def test_every_warning_and_error_is_labelled():
    unlabelled = sorted(set(serious()) - set(labels()))
    assert not unlabelled, "label these findings in tests/labels/bundled-findings.yaml:\n" + "\n".join(unlabelled)


def test_no_true_finding_is_lost():
    lost = sorted(key for key, item in labels().items() if item["label"] in TRUE and key not in found())
    assert not lost, "\n".join(lost)


def test_nothing_labelled_noise_false_alarm_or_coverage_is_a_warning():
    loud = sorted(f"{key} ({serious()[key].severity}, {labels()[key]['label']})" for key in serious()
                  if key in labels() and labels()[key]["label"] not in TRUE)
    assert not loud, "\n".join(loud)


def test_at_least_nine_in_ten_warnings_are_true():
    keys = [key for key in serious() if key in labels()]
    true = [key for key in keys if labels()[key]["label"] in TRUE]
    assert keys and len(true) >= 0.9 * len(keys), f"{len(true)} of {len(keys)} warnings and errors are true"
