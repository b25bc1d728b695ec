"""reach.py: the plans a finding about P can involve, answered before loading (needed), before checking
(Focus) and after checking (involved_plans), answer consistently."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.api import check
from checker.config import Config
from checker.reach import Focus, PlanReach, concerns, involved_plans, needed

from conftest import PLANS, ROOT


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import generate
    folder = tmp_path_factory.mktemp("reach") / "corpus"
    generate(folder, scale=0.1, seed=5)
    return folder


@pytest.mark.parametrize("corpus", ["bundled", "synthetic"])
def test_what_the_loader_loads_covers_what_the_check_looks_at_and_finds(corpus, synthetic):
    report = check([PLANS if corpus == "bundled" else synthetic], config=Config())
    plans = report.corpus.plans
    reaches = [PlanReach.of(plan) for plan in plans.values()]
    by_id = {r.plan: r for r in reaches}
    ids = sorted(plans) if corpus == "bundled" else sorted(plans)[::12]
    assert len(ids) >= 5 and report.findings
    for plan_id in ids:
        loaded = needed([by_id[plan_id]], reaches, report.corpus.regions)
        focus = Focus(report.graph, {plan_id})
        looked_at = {p.id for group in (focus.selected, focus.plans, focus.pair_plans, focus.project_plans)
                     for p in group}
        assert looked_at <= loaded, (plan_id, sorted(looked_at - loaded))
        for finding in report.findings:
            if concerns(finding, {plan_id}):
                assert involved_plans(finding) <= loaded, (plan_id, finding.rule, sorted(involved_plans(finding) - loaded))
