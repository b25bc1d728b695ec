"""The HTML report without a browser: structure, links, escaping, offline-ness, determinism and safe writing.

What a person sees in Chromium is tested in test_browser.py; here we check the files themselves, so a
broken link, a hostile string that became markup or a half-written folder fails fast everywhere.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from checker import api
from checker.speed import cores
from checker.problems import InputError
from checker.render import html
from checker.render.html_names import page_name, safe_slug
from checker.render.html_text import UI
from conftest import FIXTURES, PLANS, run_cli
from report_data import assert_every_link_has_its_chip, boxes, chips, store

HOSTILE = FIXTURES / "hostile"
PAYLOADS = [
    "<script>alert('title')</script>", "<img src=x onerror=alert('label')>", "<svg onload=alert('county-name')>",
    "</script><script>alert('quote')</script>", "<iframe src=\"https://example.com/\"></iframe>",
    "<style>*{display:none}</style>", "<object data=\"https://example.com/x\"></object>",
    "<svg/onload=alert('upper-quote')>", "<a href=\"javascript:alert('link')\">", "<base href=\"https://example.com/\">",
    "<link rel=stylesheet href=https://example.com/x.css>", "<img src=//example.com/p.png>",
]


class Page(HTMLParser):
    """Collects what the tests look at: tags, ids, hrefs, attributes, data-finding items, text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        data = dict(attrs)
        self.tags.append((tag, data))
        if "id" in data:
            self.ids.add(data["id"])
        if tag == "a" and "href" in data:
            self.hrefs.append(data["href"])

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def count(self, tag: str, attribute: str | None = None) -> int:
        return sum(1 for t, a in self.tags if t == tag and (attribute is None or attribute in a))

    def findings(self) -> list[dict]:
        return [a for _, a in self.tags if "data-finding" in a]

    @property
    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def bundled():
    return api.check([PLANS])


@pytest.fixture(scope="module")
def hostile():
    return api.check([HOSTILE])


@pytest.fixture(scope="module")
def pages(bundled):
    return html.render_pages(bundled, "zh")


# ---------------------------------------------------------------------------------------------- structure


def test_one_page_per_plan_and_an_index(bundled, pages):
    assert set(pages) == {"index.html"} | {page_name(p) for p in bundled.corpus.plans} | \
        {page_name(p)[:-5] + ".js" for p in bundled.corpus.plans}  # each plan's data file beside its page


def test_index_lists_every_finding_once(bundled, pages):
    index = Page(pages["index.html"])
    rows = index.findings()
    assert len(rows) == len(bundled.findings)
    assert sorted(r["data-plan"] for r in rows) == sorted(f.plan for f in bundled.findings)
    for severity in ("error", "warning", "info"):
        assert sum(r["data-severity"] == severity for r in rows) == sum(f.severity == severity for f in bundled.findings)


def test_plan_pages_together_show_every_finding_card(bundled, pages):
    seen = []
    for plan_id in bundled.corpus.plans:
        page = Page(pages[page_name(plan_id)])
        cards = page.findings()
        assert all(c["data-plan"] == plan_id for c in cards)
        assert len(cards) == sum(f.plan == plan_id for f in bundled.findings)
        seen += [c["id"] for c in cards]
    assert sorted(seen) == sorted(f"f-{f.fingerprint}" for f in bundled.findings)


def test_every_link_resolves_inside_the_report(pages):
    parsed = {name: Page(text) for name, text in pages.items() if name.endswith(".html")}
    plans = store(pages)
    for name, page in parsed.items():
        drawn = [c["href"] for row in chips(pages[name], plans).values() for c in row] if name.startswith("plan-") else []
        drawn += [b["href"] for b in boxes(pages[name], plans) if b["href"]] if name.startswith("plan-") else []
        for href in page.hrefs + drawn:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I), f"{name}: external link {href}"
            file, _, fragment = href.partition("#")
            target = parsed.get(file or name)
            assert target is not None, f"{name}: link to missing page {href}"
            if fragment:
                assert fragment in target.ids, f"{name}: link to missing anchor {href}"


def test_plan_page_has_graph_targets_and_families(bundled, pages):
    page = pages[page_name("zhongshan-fyp14")]
    assert 'class="graph-box" data-graph' in page and len(boxes(page, store(pages))) > 10
    parsed = Page(page)
    plan = bundled.corpus.plans["zhongshan-fyp14"]
    assert parsed.count("tr", "data-search") >= len(plan.targets)
    families = {f.family for f in bundled.findings if f.plan == plan.id}
    for family in families:
        assert f'id="family-{family}"' in page


def test_every_link_of_every_target_has_its_chip(bundled, pages):
    """Each target row's chips (drawn by report.js from the plans' data files) lead to every target it is
    linked to, up, across and down, in that order."""
    assert assert_every_link_has_its_chip(bundled, pages) > 50
    assert assert_every_link_has_its_chip(bundled, html.render_pages(bundled, "en"), "en") > 50


def test_conflict_shows_both_values_sources_explanation_and_advice(hostile):
    page = html.render_pages(hostile, "zh")[page_name("hostile-county")]
    finding = next(f for f in hostile.findings if f.rule == "vertical-assigned-value")
    card = page[page.index(f'id="f-{finding.fingerprint}"'):]
    card = card[:card.index("</article>")]
    text = Page(card).all_text
    assert "2025年 75%" in text and "2025年 90%左右" in text  # both values in words, with years and qualifiers
    assert "城镇化率75%" in text and "稳定在90%左右" in text  # both quotes
    assert "第12行" in text and "第248行" in text and "专栏1" in text and "第3行" in text  # lines, table, row
    assert "[74.5, 75.5] %" in text  # the arithmetic
    # the rule function's docstring is English prose: on the English page only
    assert "interval_conflict:" not in text and "上级下达本区的数值" in text
    english = html.render_pages(hostile, "en")[page_name("hostile-county")]
    assert "interval_conflict:" in english[english.index(f'id="f-{finding.fingerprint}"'):]
    assert "修改建议" in text and "2025年 90%左右范围内" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in card


def test_growth_path_finding_has_the_compounding_and_a_chart(hostile):
    page = html.render_pages(hostile, "zh")[page_name("hostile-county")]
    finding = next(f for f in hostile.findings if f.rule == "internal-growth-path")
    card = page[page.index(f'id="f-{finding.fingerprint}"'):]
    card = card[:card.index("</article>")]
    assert "100 × (1 + 5%)^5 ≈ 128" in card  # 100 and 5% are written without decimals: so is the result
    assert 'class="chart"' in card


def test_matrix_has_a_row_per_county_plan_and_states(bundled, pages):
    index = Page(pages["index.html"])
    rows = [a["data-matrix-row"] for _, a in index.tags if "data-matrix-row" in a]
    assert rows == [p.id for p in bundled.corpus.plans.values() if p.level == "county"]
    states = {a["data-state"] for _, a in index.tags if "data-state" in a}
    assert states <= {"conflict", "gap", "inconsistency", "consistent", "unlinked", "missing"}
    assert "missing" in states


# ---------------------------------------------------------------------------------------------- offline, safe


def scripts(page: Page) -> list[str]:
    """The script files a page runs; its only inline script element is its data block, which is not run."""
    inline = [a for t, a in page.tags if t == "script" and "src" not in a]
    assert inline in ([], [{"type": "application/json", "id": "page-data"}]), inline
    return [a["src"] for t, a in page.tags if t == "script" and "src" in a]


def test_pages_need_nothing_outside_the_report(pages, bundled, tmp_path):
    for name, text in pages.items():
        if name.endswith(".js"):
            assert "<" not in text and ">" not in text and "&" not in text, name  # no plan text as markup
            continue
        page = Page(text)
        sources = scripts(page)
        assert sources[-1:] == ["report.js"], name  # the report's own script, then nothing else
        assert all(src in pages for src in sources[:-1]), name  # plan data files of this report
        assert not any("src" in a for t, a in page.tags if t != "script"), name
        assert [a for t, a in page.tags if t == "link" and a.get("rel") != "icon"] == \
            [{"rel": "stylesheet", "href": "report.css"}], name  # the shared stylesheet beside it
        assert not re.search(r"@import|url\(|@font-face", text), name
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", text))
        assert urls <= {"http://www.w3.org/2000/svg"}, (name, urls)
        assert "default-src 'none'" in policy(page)
    html.write_report(bundled, tmp_path / "reports", "zh")
    css = (tmp_path / "reports" / "report.css").read_text(encoding="utf-8")
    assert "@media print" in css and not re.search(r"@import|url\(|@font-face|https?:", css)


def policy(page: Page) -> str:
    return next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")


def test_the_policy_runs_only_the_report_s_script_files(pages):
    for name, text in pages.items():
        if name.endswith(".html"):
            assert "script-src 'self';" in policy(Page(text)) and "unsafe" not in policy(Page(text)), name
            assert "<script>" not in text, name  # no inline script it would refuse anyway


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_text_renders_as_text(hostile, lang):
    pages = html.render_pages(hostile, lang)
    shown = ""
    for name, text in pages.items():
        if name.endswith(".js"):
            assert not re.search("[<>&]", text), name  # every payload in a data file stays a JSON string
            continue
        page = Page(text)
        scripts(page)
        for tag in ("img", "iframe", "object", "embed", "base", "marquee"):
            assert page.count(tag) == 0, (name, tag)
        # a plan page's own style element (its running header in print), by hash in the policy
        assert page.count("style") == (1 if name.startswith("plan-") else 0), name
        links = [a for t, a in page.tags if t == "link"]
        assert links == [{"rel": "icon", "href": "data:,"}, {"rel": "stylesheet", "href": "report.css"}], name
        assert not any(k.startswith("on") for _, a in page.tags for k in a), name
        links = [a.get(k) or "" for _, a in page.tags for k in ("href", "src", "action", "data", "xlink:href")]
        assert not any("javascript:" in v or "//" in v for v in links), name
        for payload in PAYLOADS:
            assert payload not in text, (name, payload)
        shown += page.all_text
    for payload in PAYLOADS:
        assert payload in shown, payload  # still there for the reader, as text
    assert "{{ 7*7 }}地区生产总值" in shown


# ---------------------------------------------------------------------------------------------- languages


def test_both_languages_have_the_same_strings():
    assert set(UI["zh"]) == set(UI["en"])


def test_english_report(bundled):
    pages = html.render_pages(bundled, "en")
    assert '<html lang="en">' in pages["index.html"]
    assert "Consistency matrix" in pages["index.html"]
    for finding in bundled.findings:
        assert Page(pages["index.html"]).all_text.count(finding.text("en")) >= 1
    assert '<html lang="zh-CN">' in html.render_pages(bundled, "zh")["index.html"]


# ---------------------------------------------------------------------------------------------- names


@pytest.mark.parametrize("plan_id", ["../../etc/passwd", "a/b", "..", ".", "", "CON", "x" * 500, "钟山区",
                                     "a\\b", "a\x00b", "zhongshan-fyp14_x"])
def test_page_names_never_leave_the_folder(plan_id):
    name = page_name(plan_id)
    assert re.fullmatch(r"plan-[a-z0-9_-]{1,120}\.html", name), name
    assert Path(name).name == name and ".." not in name


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_page_names_are_safe_and_distinct(a, b):
    assert re.fullmatch(r"plan-[a-z0-9_-]{1,120}\.html", page_name(a))
    if a != b:
        assert page_name(a) != page_name(b)


def test_clean_ids_keep_their_readable_name():
    assert page_name("zhongshan-fyp14") == "plan-zhongshan-fyp14.html"
    assert safe_slug("Zhongshan") != "zhongshan"


# ---------------------------------------------------------------------------------------------- determinism


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_byte_identical_output(bundled, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    html.write_report(bundled, first, "zh")
    html.write_report(api.check([PLANS]), second, "zh")
    assert tree(first) == tree(second)
    html.write_report(bundled, first, "zh")  # replacing gives the same bytes again
    assert tree(first) == tree(second)


# ---------------------------------------------------------------------------------------------- writing


def test_writes_a_new_folder_with_a_marker(bundled, tmp_path):
    target = tmp_path / "deep" / "reports"
    html.write_report(bundled, target, "zh")
    assert (target / html.MARKER).is_file()
    assert (target / "index.html").is_file()
    assert sorted(os.listdir(tmp_path / "deep")) == ["reports"]  # no temporary folder left behind


def test_a_folder_holding_only_a_readme_is_ours_and_the_readme_stays(bundled, tmp_path):
    target = tmp_path / "reports"
    target.mkdir()
    (target / "README.md").write_text("# reports\n", encoding="utf-8")
    html.write_report(bundled, target, "zh")
    assert (target / "README.md").read_text(encoding="utf-8") == "# reports\n"
    html.write_report(bundled, target, "zh")
    assert (target / "README.md").read_text(encoding="utf-8") == "# reports\n"


def test_refuses_a_folder_it_did_not_make(bundled, tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="not written by plancheck"):
        html.write_report(bundled, target, "zh")
    assert os.listdir(target) == ["thesis.docx"]
    assert sorted(os.listdir(tmp_path)) == ["mine"]


def test_refuses_a_file(bundled, tmp_path):
    target = tmp_path / "report"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        html.write_report(bundled, target, "zh")


def test_old_pages_do_not_linger(bundled, hostile, tmp_path):
    target = tmp_path / "reports"
    html.write_report(hostile, target, "zh")
    assert (target / page_name("hostile-county")).is_file()
    html.write_report(bundled, target, "zh")
    assert not (target / page_name("hostile-county")).exists()


def test_a_report_of_an_older_version_is_replaced(bundled, tmp_path):
    """Its marker lists no pages: the pages in it count as plancheck's."""
    target = tmp_path / "reports"
    target.mkdir()
    (target / html.MARKER).write_text(html.MARKER_TEXT, encoding="utf-8")
    (target / "plan-gone.html").write_text("old", encoding="utf-8")
    html.write_report(bundled, target, "zh")
    assert not (target / "plan-gone.html").exists() and (target / "index.html").is_file()


def test_a_planted_readme_link_is_neither_copied_nor_deleted(bundled, tmp_path):
    secret = tmp_path / "environ"
    secret.write_text("TOKEN=hunter2", encoding="utf-8")
    target = tmp_path / "reports"
    html.write_report(bundled, target, "zh")
    os.unlink(target / "README.md") if (target / "README.md").exists() else None
    (target / "README.md").symlink_to(secret)
    with pytest.raises(InputError, match=r"README.md \(a symbolic link\)"):
        html.write_report(bundled, target, "zh")
    assert (target / "README.md").is_symlink() and secret.read_text(encoding="utf-8") == "TOKEN=hunter2"
    assert not any("hunter2" in p.read_text(encoding="utf-8", errors="replace")
                   for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink() and p != secret)
    assert sorted(os.listdir(tmp_path)) == ["environ", "reports"]


def test_a_readme_only_folder_with_a_linked_readme_is_refused(bundled, tmp_path):
    target = tmp_path / "reports"
    target.mkdir()
    (target / "README.md").symlink_to("/proc/self/environ")
    with pytest.raises(InputError, match="not written by plancheck"):
        html.write_report(bundled, target, "zh")
    assert os.listdir(target) == ["README.md"]


def test_what_a_user_added_to_a_report_is_never_deleted(bundled, tmp_path):
    target = tmp_path / "reports"
    html.write_report(bundled, target, "zh")
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    (target / "drafts").mkdir()
    with pytest.raises(InputError, match="holds drafts \\(a folder\\), notes.txt, which was not written"):
        html.write_report(bundled, target, "zh")
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine" and (target / "drafts").is_dir()


def test_a_report_folder_linked_out_of_its_folder_is_refused(bundled, tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "reports").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(project)
    with pytest.raises(InputError, match="is a symbolic link to .*elsewhere, outside"):
        html.write_report(bundled, Path("reports"), "zh")
    with pytest.raises(InputError, match="outside"):  # a link higher up, below the working folder
        html.write_report(bundled, Path("reports/sub"), "zh")
    assert os.listdir(outside) == [] and sorted(os.listdir(project)) == ["reports"]
    result = run_cli("check", str(PLANS), cwd=project)
    assert result.returncode == 2 and "outside" in result.stderr and "Traceback" not in result.stderr
    assert os.listdir(outside) == []


def test_failed_render_leaves_the_previous_report_whole(bundled, tmp_path, monkeypatch):
    target = tmp_path / "reports"
    html.write_report(bundled, target, "zh")
    before = tree(target)

    def broken(*args, **kwargs):  # renders a page, then fails half-way
        yield "index.html", "<p>half"
        raise RuntimeError("template bug")

    monkeypatch.setattr(html, "iter_pages", broken)
    with pytest.raises(RuntimeError):  # in English: a report of other bytes, which must be rendered
        html.write_report(bundled, target, "en")
    assert tree(target) == before


def test_interrupted_write_leaves_the_previous_report_whole(bundled, tmp_path, monkeypatch):
    target = tmp_path / "reports"
    html.write_report(bundled, target, "zh")
    before = tree(target)
    real_open = open
    calls = {"n": 0}

    def interrupting_open(path, *args, **kwargs):
        if str(path).endswith(".html"):
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", interrupting_open)
    with pytest.raises(KeyboardInterrupt):
        html.write_report(api.check([HOSTILE]), target, "zh")
    monkeypatch.undo()
    assert tree(target) == before
    assert sorted(os.listdir(tmp_path)) == ["reports"]


def test_swap_without_rename_exchange(bundled, hostile, tmp_path, monkeypatch):
    monkeypatch.setattr(html, "_exchange", lambda a, b: False)
    target = tmp_path / "reports"
    html.write_report(bundled, target, "zh")
    html.write_report(hostile, target, "zh")
    assert (target / page_name("hostile-county")).is_file()
    assert not (target / page_name("zhongshan-fyp14")).exists()
    assert sorted(os.listdir(tmp_path)) == ["reports"]


def test_a_report_that_appears_while_we_render_is_replaced(bundled, hostile, tmp_path, monkeypatch):
    """Two runs started on a missing folder: the second to finish finds the first's report in place."""
    target = tmp_path / "reports"
    html.write_report(bundled, target, "zh")  # the other run's report, which "appears" mid-render
    real = html._write_pages

    def hide_then_render(*args, **kwargs):
        monkeypatch.setattr(html.os.path, "lexists", lambda path: False if Path(path) == target else real_lexists(path))
        real(*args, **kwargs)

    real_lexists = os.path.lexists
    monkeypatch.setattr(html, "_write_pages", hide_then_render)
    html.write_report(hostile, target, "zh")
    monkeypatch.undo()
    assert (target / page_name("hostile-county")).is_file()
    assert not (target / page_name("zhongshan-fyp14")).exists()
    assert sorted(os.listdir(tmp_path)) == ["reports"]


def test_leftovers_of_interrupted_runs_are_swept_only_if_ours(bundled, tmp_path):
    ours = tmp_path / ".reports.plancheck-old-abc"
    ours.mkdir()
    (ours / html.MARKER).write_text("", encoding="utf-8")
    foreign = tmp_path / ".reports.plancheck-old-def"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("", encoding="utf-8")
    planted = tmp_path / ".reports.plancheck-old-ghi"  # a marker beside files plancheck did not write
    planted.mkdir()
    (planted / html.MARKER).write_text("", encoding="utf-8")
    (planted / "thesis.docx").write_text("precious", encoding="utf-8")
    html.write_report(bundled, tmp_path / "reports", "zh")
    assert not ours.exists()
    assert foreign.exists() and (planted / "thesis.docx").exists()


def test_a_symlinked_report_folder_is_written_through(bundled, tmp_path):
    real = tmp_path / "real"
    html.write_report(bundled, real, "zh")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    html.write_report(bundled, link, "zh")
    assert link.is_symlink() and (real / "index.html").is_file()


def test_cli_writes_html_and_refuses_a_foreign_folder(tmp_path):
    out = tmp_path / "out"
    result = run_cli("check", str(HOSTILE), "--format", "json", "--html", str(out))
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    assert len(index.findings()) == len(data["findings"])
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("check", str(HOSTILE), "--html", str(foreign))
    assert result.returncode == 2
    assert "not written by plancheck" in result.stderr and "Traceback" not in result.stderr
    assert os.listdir(foreign) == ["notes.txt"]


def test_waived_and_baselined_findings_are_shown_but_not_counted(hostile):
    import dataclasses

    findings = list(hostile.findings)
    conflict = next(i for i, f in enumerate(findings) if f.rule == "vertical-assigned-value")
    findings[conflict] = dataclasses.replace(findings[conflict], waived="<b>agreed with the city</b>")
    growth = next(i for i, f in enumerate(findings) if f.rule == "internal-growth-path")
    findings[growth] = dataclasses.replace(findings[growth], baselined=True)
    report = dataclasses.replace(hostile, findings=findings)
    pages = html.render_pages(report, "zh")
    county = pages[page_name("hostile-county")]
    assert "已豁免" in county and "基线已有" in county
    assert "&lt;b&gt;agreed with the city&lt;/b&gt;" in county
    assert len(Page(pages["index.html"]).findings()) == len(findings)
    tiles = {a["data-count"]: a for _, a in Page(pages["index.html"]).tags if "data-count" in a}
    assert "error" in tiles
    index = pages["index.html"]
    error_tile = index[index.index('data-count="error"'):]
    expected = sum(f.severity == "error" and f.waived is None for f in findings)
    assert f'<div class="n">{expected}</div>' in error_tile[:120]


def test_pages_rendered_on_two_cores_are_the_same(bundled, tmp_path, monkeypatch):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    serial.mkdir()
    parallel.mkdir()
    html._write_pages(bundled, "zh", serial)
    monkeypatch.setitem(cores.WORTH_A_WORKER, "render", 1)
    html._write_pages(bundled, "zh", parallel)
    names = sorted(p.name for p in serial.iterdir())
    assert names == sorted(p.name for p in parallel.iterdir()) and len(names) == 13
    # the index, 5 plan pages and their data files, report.css and report.js
    assert all((serial / n).read_bytes() == (parallel / n).read_bytes() for n in names)


@given(st.text())
def test_escape_text_is_markupsafe_escaping(text):
    from markupsafe import escape
    from checker.render.html_escape import escape_text
    assert escape_text(text) == str(escape(text))


@given(st.text(max_size=60), st.sampled_from([11.0, 12.0]), st.floats(min_value=0, max_value=400))
def test_clip_keeps_the_longest_prefix_that_fits(text, size, width):
    from checker.render.svg import clip, text_width
    clipped = clip(text, size, width)
    if text_width(text, size) <= width:
        assert clipped == text
        return
    kept = clipped[:-1]
    assert clipped.endswith("…") and text.startswith(kept)
    assert not kept or text_width(kept + "…", size) <= width
    assert text_width(text[:len(kept) + 1] + "…", size) > width  # one more character would not fit


@pytest.mark.parametrize("parallel_from", [10**9, 1])
def test_progress_counts_every_page(bundled, tmp_path, parallel_from, monkeypatch):
    seen = []
    monkeypatch.setitem(cores.WORTH_A_WORKER, "render", parallel_from)
    html._write_pages(bundled, "zh", tmp_path, progress=lambda done, total: seen.append((done, total)))
    pages = len(list(tmp_path.glob("*.html")))
    assert seen[-1] == (pages, pages) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_pages_are_written_here_when_no_worker_can_start(bundled, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no semaphores in this sandbox")
    serial, fallback = tmp_path / "serial", tmp_path / "fallback"
    serial.mkdir()
    fallback.mkdir()
    html._write_pages(bundled, "zh", serial)
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)  # what cores.forked starts
    monkeypatch.setitem(cores.WORTH_A_WORKER, "render", 1)
    html._write_pages(bundled, "zh", fallback)
    names = sorted(p.name for p in serial.iterdir())
    assert names == sorted(p.name for p in fallback.iterdir())
    assert all((serial / n).read_bytes() == (fallback / n).read_bytes() for n in names)


# ---------------------------------------------------------------------------------------------- a narrowed run

def _states(page: Page, text: str = "") -> list[str]:
    """The states chips (data-state) and target rows (their dot's st- class, in `text`) show."""
    return [a["data-state"] for _, a in page.tags if "data-state" in a] + \
        re.findall(r'<tr id="t-[^"]*" data-search>\n<td><span class="dot st-([a-z]+)"', text)


@pytest.mark.parametrize("lang,unchecked,no_problem", [("zh", "本次未检查", "未见问题"),
                                                       ("en", "not checked in this run", "no finding")])
def test_a_narrowed_run_says_so_and_never_calls_the_rest_consistent(lang, unchecked, no_problem):
    report = api.check([PLANS], plans=["qingzhen-goals"])
    pages = html.render_pages(report, lang)
    index = Page(pages["index.html"])
    assert any("data-focus" in a for _, a in index.tags) and "qingzhen-goals" in index.all_text
    outside = [p for p in report.corpus.plans if p != "qingzhen-goals"]
    plans = store(pages)
    rows = {a["data-plan-row"] for _, a in index.tags if "data-plan-row" in a}
    assert rows == set(report.corpus.plans)
    assert index.all_text.count(unchecked) >= len(outside)  # one per plan row outside the focus, at least
    for plan_id in outside:
        page = Page(pages[page_name(plan_id)])
        assert any("data-unchecked" in a for _, a in page.tags), plan_id
        assert "consistent" not in _states(page, pages[page_name(plan_id)]), plan_id  # no row reads "no problem"
        assert _states(page, pages[page_name(plan_id)]).count("unchecked") >= len(report.corpus.plans[plan_id].targets)
        drawn = chips(pages[page_name(plan_id)], plans)
        assert any(drawn.values()) and "consistent" not in {c["state"] for row in drawn.values() for c in row}
        assert "consistent" not in {b["state"] for b in boxes(pages[page_name(plan_id)], plans)}, plan_id
        assert page.all_text.count(no_problem) <= 2  # the legends explaining the colours, nothing else
    focused = Page(pages[page_name("qingzhen-goals")])
    assert not any("data-unchecked" in a for _, a in focused.tags)


def test_a_full_run_has_no_banner_and_no_unchecked_state(pages):
    for text in pages.values():
        assert "data-focus" not in text and "data-unchecked" not in text
        assert "state-unchecked" not in text and 'data-state="unchecked"' not in text


def test_text_summary_names_the_focus():
    narrowed = run_cli("check", "--no-html", "--plan", "qingzhen-goals", "--lang", "en").stdout.splitlines()
    assert narrowed[-1] == ("narrowed to findings involving 1 plan(s): qingzhen-goals; the other 4 plan(s) were "
                            "not checked in this run")
    changed = run_cli("check", "--no-html", "--changed", "plans/guizhou/qingzhen-goals.yaml").stdout.splitlines()
    assert changed[-1].startswith("本次只检查了涉及") and "本次未检查" in changed[-1]
    assert not run_cli("check", "--no-html", "--lang", "en").stdout.splitlines()[-1].startswith("narrowed")
