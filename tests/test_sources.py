"""The report's source view: each cited document rendered once, an anchor per line, every quote and line
reference on a card linking to its line; documents that cannot be shown are listed and the report builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import api
from checker.render import html
from checker.render.html_names import page_name
from checker.render.sources import Documents, source_page
from conftest import FIXTURES, PLANS, SEEDS

HOSTILE = FIXTURES / "hostile"
HREF = re.compile(r'href="(source[-~][^"#]*\.html)#L(\d+)"')
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents (../shared/seeds) not present")


@pytest.fixture(scope="module")
def bundled():
    return api.check([PLANS])


@needs_seeds
def test_each_cited_document_is_one_page_with_an_anchor_per_line(bundled):
    pages = html.render_pages(bundled, "zh", SEEDS)
    documents = sorted({p.document for p in bundled.corpus.plans.values()})
    assert sorted(n for n in pages if n.startswith("source")) == sorted(source_page(d) for d in documents)
    for name in documents:
        page = pages[source_page(name)]
        lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
        anchors = re.findall(r'<li id="L(\d+)"', page)
        assert anchors == [str(n) for n in range(1, len(lines) + 1)], name


@needs_seeds
def test_every_quote_and_line_reference_links_to_its_cited_line(bundled):
    pages = html.render_pages(bundled, "zh", SEEDS)
    zhongshan = pages[page_name("zhongshan-fyp14")]
    links = HREF.findall(zhongshan)
    assert len(links) > 400  # the targets table alone cites 446 lines
    for page, line in set(links):
        assert f'<li id="L{line}"' in pages[page], (page, line)
    # the GDP row of 专栏2: its quote stands on line 1016 of the 钟山区 document, which the card links to
    gdp = next(t for t in bundled.corpus.plans["zhongshan-fyp14"].targets if t.id == "gdp")
    href = f'{source_page(gdp.source.document)}#L{gdp.source.line}'
    assert f'<a href="{href}">专栏2 · 表第1行 · 原文第1016行</a>' in zhongshan
    line = re.search(r'<li id="L1016" class="cited">(.*?)</li>', pages[source_page(gdp.source.document)]).group(1)
    assert "309.17" in line and "地区生产总值" in line


def test_without_documents_the_report_says_so_and_builds(bundled, tmp_path):
    html.write_report(bundled, tmp_path / "reports", "zh", documents=tmp_path / "nowhere")
    written = sorted(p.name for p in (tmp_path / "reports").glob("*.html"))
    assert written == sorted(["index.html", *(page_name(p) for p in bundled.corpus.plans)])
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "报告中没有收录原文" in index and str(tmp_path / "nowhere") in index
    plan = (tmp_path / "reports" / page_name("zhongshan-fyp14")).read_text(encoding="utf-8")
    assert "原文未收入报告" in plan and 'href="source' not in plan
    assert "专栏2 · 表第1行 · 原文第1016行" in plan  # the label is still there, as text


def test_document_names_from_plan_text_stay_inside_the_documents_folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    (docs / "plain.txt").write_text("一\n二\n", encoding="utf-8")
    (docs / "link.txt").symlink_to(tmp_path / "secret.txt")
    found = Documents(docs, [("plain.txt", "a"), ("../secret.txt", "a"), ("link.txt", "b"), ("plain.txt", "b"),
                             ("absent.txt", "c"), ("..", "c")])
    assert list(found.found) == ["plain.txt"] and found.found["plain.txt"].plans == ["a", "b"]
    assert {m.name: m.reason for m in found.missing.values()} == {
        "../secret.txt": "doc_bad_name", "link.txt": "doc_bad_name", "absent.txt": "doc_not_found",
        "..": "doc_bad_name"}
    assert found.href("plain.txt", 2) == "source-plain.txt.html#L2"
    assert found.href("plain.txt", 3) == "source-plain.txt.html"  # a line past the end links to the document
    assert found.href("absent.txt", 1) == ""


def test_hostile_document_names_and_text_are_inert(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    name = "city<svg onload=alert('citydoc')>.txt"
    (docs / name).write_text("<script>alert('line')</script>\n第二行\n", encoding="utf-8")
    pages = html.render_pages(api.check([HOSTILE]), "zh", docs)
    page_file = source_page(name)
    assert page_file.startswith("source~") and "/" not in page_file and "<" not in page_file
    page = pages[page_file]
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;line&#39;)&lt;/script&gt;" in page
    assert "&lt;svg onload=alert(&#39;citydoc&#39;)&gt;" in page
    index = pages["index.html"]
    assert "&#34;&gt;&lt;script&gt;alert(&#39;doc&#39;)&lt;/script&gt;.txt" in index  # listed as not included
