"""The HTML report of a small synthetic country stays within a byte budget per plan page, and losing bytes
lost no link: every target's chips still lead to every target it is linked to.

The budget is set from measurement (docs/performance.md: an average plan page is 37.1 KB at the --scale 0.05
used here, 35.3 KB at 0.1 and 34.7 KB at 0.3, down from about 160 KB when each page carried its own link
chips and graph boxes), with a tenth of headroom; a page that grows past it has started repeating what its
plans' data files hold.
"""

from __future__ import annotations

import sys

import pytest

from checker import api
from checker.render import html
from conftest import ROOT
from report_data import assert_every_link_has_its_chip

sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_corpus import generate  # noqa: E402
from report_size import measure  # noqa: E402

PLAN_PAGE_BUDGET = 42_000  # bytes, an average plan page (measured: 38,000)
DATA_FILE_BUDGET = 5_000  # bytes, an average plan's data file (measured: 4,380)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("synthetic") / "corpus"
    generate(corpus, scale=0.05)
    report = api.check([corpus])
    folder = corpus.parent / "reports"
    html.write_report(report, folder, "zh")
    return report, folder


def test_an_average_plan_page_stays_within_its_budget(synthetic):
    report, folder = synthetic
    sizes = measure(folder)
    pages, data = sizes["kinds"]["plan pages"], sizes["kinds"]["plan data files"]
    assert len(pages) == len(data) == len(report.corpus.plans) > 30
    assert sum(pages) / len(pages) <= PLAN_PAGE_BUDGET, sum(pages) / len(pages)
    assert sum(data) / len(data) <= DATA_FILE_BUDGET, sum(data) / len(data)
    # the chips' references and the graph's layout are what a page still carries of its links
    assert sizes["parts"]["link chips (in the target table)"] / sum(pages) < 0.2


def test_no_link_is_lost(synthetic):
    report, folder = synthetic
    files = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.suffix in (".html", ".js")}
    assert assert_every_link_has_its_chip(report, files) > 1000
