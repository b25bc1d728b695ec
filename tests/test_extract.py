"""plancheck extract / review / indicators / validate --sources: small fixtures in each input format
(the .pdf and .docx are generated here, not committed), bad input, property tests of number parsing,
and the seed documents' drafts (skipped without ../shared/seeds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import cn2an
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from checker.corpus import load_corpus, validate_paths
from checker.extract import extract
from checker.extract.citations import check_sources
from checker.extract.numbers import carries, find_numbers, parse_cell

from conftest import PLANS, SEEDS, run_cli

PLAN_TEXT = """六盘水市钟山区测试规划纲要
第一章 发展基础
“十三五”时期，地区生产总值达到309亿元，建成学校12所。
第二章 “十四五”发展目标
到2025年，地区生产总值达到500亿元以上，年均增长8.6%左右，常住人口城镇化率达到75%以上。
专栏1 主要指标
序号\t指标名称\t2020年\t2025年\t属性
1\t森林覆盖率（%）\t54\t55\t约束性
2\t社会消费品零售总额（亿元）\t120\t[200]以上\t预期性
"""


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([PLANS])


def _id_of(corpus, name: str) -> str:
    """The catalogue's id for a name (ids may be renamed; names are what the text says)."""
    return next(i.id for i in corpus.indicators.values() if name in i.names)


def _bundled_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus (without its cache)."""
    corpus = tmp_path / "plans"
    shutil.copytree(PLANS, corpus, ignore=shutil.ignore_patterns(".plancheck-cache"))
    return corpus


def _edited(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def _targets(text: str) -> list[dict]:
    return yaml.safe_load(text)["targets"]


# --- numbers ---

@given(st.decimals(min_value=0, max_value=10 ** 6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from([("以上", ">="), ("左右", "~"), ("以内", "<="), ("", ">=")]),
       st.sampled_from(["亿元", "%", "万人", "公里"]))
def test_a_written_number_is_read_back_with_its_op_and_unit(value, word, unit):
    text = f"地区生产总值达到{value}{unit}{word[0]}，"
    numbers = find_numbers(text)
    assert len(numbers) == 1
    assert numbers[0].value == float(value) and numbers[0].op == word[1] and numbers[0].unit == unit
    assert carries(text, float(value))


@given(st.integers(min_value=2, max_value=99999))
def test_chinese_numerals_before_a_unit_are_read_and_marked(value):
    numeral = cn2an.an2cn(value)
    numbers = [n for n in find_numbers(f"建成{numeral}所学校") if n.chinese]
    assert [n.value for n in numbers] == [value]
    assert carries(f"建成{numeral}所", value)


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=999))
def test_a_range_is_min_and_max(low, step):
    number = parse_cell(f"{low}—{low + step}个百分点")
    assert number is not None and (number.low, number.high) == (low, low + step)
    assert number.unit == "个百分点"


@settings(max_examples=50)
@given(st.integers(min_value=1990, max_value=2060))
def test_years_and_names_are_not_quantities(year):
    assert find_numbers(f"到{year}年，建设5G网络，创建4A级景区") == []


def test_a_quote_does_not_carry_a_different_number():
    assert carries("75 — 80 预期性", 75) and not carries("75 — 80 预期性", 77)
    assert carries("0.70 约束性", 0.7) and not carries("10.5", 0.5)


# --- extract from each input format ---

def test_text_plan_gives_table_and_prose_targets_at_their_lines(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text(PLAN_TEXT, encoding="utf-8")
    result = extract(document, corpus, "520201")
    targets = _targets(result.draft.text)
    by_line = {(t["source"]["line"], t["indicator"]) for t in targets}
    assert (5, "gdp") in by_line and (5, "urbanization_rate") in by_line
    assert (8, "forest_coverage") in by_line
    forest = next(t for t in targets if t["indicator"] == "forest_coverage")
    assert forest["base"] == {"year": 2020, "value": 54} and forest["target"] == {"year": 2025, "value": 55}
    assert forest["attribute"] == "binding" and forest["source"]["table"] == "专栏1"
    retail = next(t for t in targets if t["indicator"] == "retail_sales")
    assert retail["cumulative"] is True and retail["target"]["op"] == ">="
    # the look-back section (发展基础, 十三五) gives no target
    assert not any(t["source"]["line"] == 3 for t in targets)
    lines = PLAN_TEXT.splitlines()
    assert all(t["source"]["quote"] in lines[t["source"]["line"] - 1] for t in targets)


def _validates(tmp_path: Path, result, documents: Path) -> list:
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PLANS / "regions.yaml", folder / "regions.yaml")
    (folder / "draft.yaml").write_text(result.draft.text, encoding="utf-8")
    if result.draft.catalogue:
        (folder / "draft.indicators.yaml").write_text(result.draft.catalogue, encoding="utf-8")
    problems = validate_paths([folder]).problems
    return problems or check_sources(load_corpus([folder], use_cache=False), documents)


def _pdf(path: Path, lines: list[str], **canvas_options) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), **canvas_options)
    page.setFont("STSong-Light", 11)
    for index, line in enumerate(lines):
        page.drawString(40, 800 - 20 * index, line)
    page.save()


def test_pdf_with_a_text_layer_is_read_and_its_text_written_for_citation(tmp_path, corpus):
    document = tmp_path / "plan.pdf"
    _pdf(document, ["第二章 发展目标", "到2025年，地区生产总值达到500亿元以上。"])
    result = extract(document, corpus, "520201")
    assert result.document.converted and result.document.name == "plan.txt"
    gdp = [t for t in _targets(result.draft.text) if t["indicator"] == "gdp"]
    assert gdp and gdp[0]["target"] == {"year": 2025, "value": 500, "op": ">="}
    (tmp_path / "plan.txt").write_text("\n".join(result.document.lines) + "\n", encoding="utf-8")
    assert _validates(tmp_path, result, tmp_path) == []


def test_docx_paragraphs_and_tables(tmp_path, corpus):
    import docx
    document = docx.Document()
    document.add_paragraph("第二章 发展目标")
    document.add_paragraph("到2025年，常住人口城镇化率达到75%以上。")
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(table.rows, [["指标名称", "2020年", "2025年", "属性"],
                                      ["森林覆盖率（%）", "54", "55", "约束性"],
                                      ["常住人口（万人）", "70", "80左右", "预期性"]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    result = extract(path, corpus, "520201")
    targets = {t["indicator"]: t for t in _targets(result.draft.text)}
    assert targets["urbanization_rate"]["target"]["value"] == 75
    assert targets["forest_coverage"]["target"] == {"year": 2025, "value": 55}
    assert targets["resident_population"]["target"] == {"year": 2025, "value": 80, "op": "~"}
    assert result.document.lines[3] == "森林覆盖率（%） | 54 | 55 | 约束性"


def test_html_blocks_and_table_cells(tmp_path, corpus):
    path = tmp_path / "plan.html"
    path.write_text("<html><head><script>var x = 2025;</script></head><body><h2>第二章 发展目标</h2>"
                    "<p>到2025年，地区生产总值达到500亿元。</p><table><tr><th>指标名称</th><th>2020年</th>"
                    "<th>2025年</th></tr><tr><td>森林覆盖率（%）</td><td>54</td><td>55</td></tr></table>"
                    "</body></html>", encoding="utf-8")
    result = extract(path, corpus, "520201")
    assert "森林覆盖率（%） | 54 | 55" in result.document.lines
    assert not any("var x" in line for line in result.document.lines)
    assert {t["indicator"] for t in _targets(result.draft.text)} >= {"gdp", "forest_coverage"}


def test_a_label_the_catalogue_lacks_gets_a_proposed_indicator_and_unit(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text("序号\t指标名称\t2020年\t2025年\n1\t星空观测站覆盖度（观星点）\t3\t9\n", encoding="utf-8")
    result = extract(document, corpus, "520201")
    catalogue = yaml.safe_load(result.draft.catalogue)
    assert catalogue["units"][0]["name"] == "观星点"
    assert catalogue["indicators"][0]["names"] == ["星空观测站覆盖度"]
    assert "# REVIEW:" in result.draft.text
    assert _validates(tmp_path, result, tmp_path) == []


# --- commands and bad input ---

def test_extract_command_writes_draft_and_companions(tmp_path):
    document = tmp_path / "plan.txt"
    document.write_text(PLAN_TEXT, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    done = run_cli("extract", str(document), "--region", "520201", "--id", "test-draft", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "marked REVIEW" in done.stderr and out.is_file()
    again = run_cli("extract", str(document), "--region", "520201", "--id", "test-draft", "-o", str(out))
    assert again.returncode == 2 and "file exists" in again.stderr


@pytest.mark.parametrize("make, message", [
    (lambda p: _pdf(p, []), "no text found"),
    (lambda p: _pdf(p, ["到2025年，地区生产总值达到500亿元。"], encrypt="secret"), "encrypted PDF"),
    (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage"), "damaged or unreadable PDF"),
])
def test_unreadable_pdfs_exit_2_and_write_nothing(tmp_path, make, message):
    document = tmp_path / "plan.pdf"
    make(document)
    out = tmp_path / "draft.yaml"
    done = run_cli("extract", str(document), "--region", "520201", "-o", str(out), timeout=30)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and sorted(tmp_path.iterdir()) == [document]


def test_damaged_docx_huge_text_and_unknown_region_exit_2(tmp_path):
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    text = tmp_path / "plan.txt"
    text.write_text(PLAN_TEXT, encoding="utf-8")
    for args, message in [((str(broken), "--region", "520201"), "damaged or unreadable .docx"),
                          ((str(huge), "--region", "520201"), "100 MB"),
                          ((str(text), "--region", "999999"), "unknown region code '999999'")]:
        done = run_cli("extract", *args, "-o", str(tmp_path / "out.yaml"), timeout=30)
        assert done.returncode == 2 and message in done.stderr, done.stderr
        assert not (tmp_path / "out.yaml").exists()


def test_indicators_search_by_name_and_id():
    done = run_cli("indicators", "城镇化率")
    assert done.returncode == 0 and "urbanization_rate" in done.stdout
    assert "forest_coverage" not in done.stdout
    assert "forest_coverage" in run_cli("indicators", "forest").stdout


def test_user_catalogue_beside_regions_adds_an_indicator_and_a_unit(tmp_path, mini_corpus):
    (mini_corpus / "indicators.yaml").write_text(
        "schema: plancheck/indicators/v1\nunits:\n  - {name: 观星点, dimension: stargazing_sites}\n"
        "indicators:\n  - {id: stargazing_sites, names: [观星点数量], unit: 观星点, aggregation: additive}\n",
        encoding="utf-8")
    assert validate_paths([mini_corpus]).problems == []
    done = run_cli("indicators", "观星", "--corpus", str(mini_corpus))
    assert "stargazing_sites" in done.stdout


def test_validate_sources_reports_a_moved_quote_and_a_changed_value(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("seed documents not present")
    corpus = _bundled_copy(tmp_path)
    plan = corpus / "guizhou" / "zhongshan-fyp14.yaml"
    _edited(plan, 'quote: "到2025年，力争地区生产总值达500亿元，"', 'quote: "x"')
    _edited(plan, "base: {year: 2020, value: 309.17}", "base: {year: 2020, value: 309.18}")
    done = run_cli("validate", str(corpus), "--sources", str(SEEDS))
    assert done.returncode == 2
    assert "does not write 309.18" in done.stderr and "quote 'x' is not on line 871" in done.stderr
    assert "zhongshan-fyp14.yaml:" in done.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents (../shared/seeds) not present")
def test_bundled_corpus_citations_match_the_seeds():
    done = run_cli("validate", str(PLANS), "--sources", str(SEEDS))
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents (../shared/seeds) not present")
def test_every_seed_draft_validates_as_written(tmp_path, corpus):
    for plan in corpus.plans.values():
        result = extract(SEEDS / plan.document, corpus, plan.region, plan.level, plan.kind, plan.id + "-x")
        assert result.draft.targets > 0
        assert _validates(tmp_path / plan.id, result, SEEDS) == [], plan.id


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents (../shared/seeds) not present")
def test_review_of_a_seed_whose_plan_is_removed_from_the_corpus(tmp_path):
    corpus = _bundled_copy(tmp_path)
    (corpus / "guizhou" / "honghuagang-fyp14.yaml").unlink()
    done = run_cli("review", str(SEEDS / "003_4d0f47b0dcd5d6fa.txt"), "--region", "520302", "--id", "hhg-draft",
                   "--corpus", str(corpus), "--lang", "en")
    assert done.returncode in (0, 1), done.stderr
    assert "coverage-upper-plan-missing" in done.stdout and "not yet confirmed by a person" in done.stdout


LOOK_BACK_TEXT = """第一章 发展基础
一、“十三五”期间取得新成就
—— 经济发展稳中有进
到2020年，全区地区生产总值实现425.17亿元；森林覆盖率达到54%。
第二章 夯实高质量发展基础
到2025年，地区生产总值达到700亿元以上，森林覆盖率达到60%。
城镇污水处理率、城乡生活垃圾无害化处理率分别达到95%、98%以上。
"""


def test_base_year_levels_where_the_plan_looks_back_become_bases(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text(LOOK_BACK_TEXT, encoding="utf-8")
    targets = {t["indicator"]: t for t in _targets(extract(document, corpus, "520201").draft.text)}
    # the look-back section (under an unnumbered sub-heading too) gives bases, not targets
    assert targets["gdp"]["base"] == {"year": 2020, "value": 425.17, "line": 4, "quote": "全区地区生产总值实现425.17亿元"}
    assert targets["gdp"]["target"] == {"year": 2025, "value": 700, "op": ">="}
    assert targets["forest_coverage"]["base"]["value"] == 54 and targets["forest_coverage"]["source"]["line"] == 6
    # 夯实…发展基础 is not a look-back heading; 分别 gives each number its own subject
    assert targets[_id_of(corpus, "城镇污水处理率")]["target"]["value"] == 95
    assert targets[_id_of(corpus, "城乡生活垃圾无害化处理率")]["target"]["value"] == 98
    assert not any(t["source"]["line"] == 4 for t in targets.values())


def test_a_draft_with_companions_needs_an_output_and_nothing_goes_beside_the_document(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    document = source / "plan.txt"
    document.write_text("序号\t指标名称\t2020年\t2025年\n1\t星空观测站覆盖度（观星点）\t3\t9\n", encoding="utf-8")
    done = run_cli("extract", str(document), "--region", "520201")
    assert done.returncode == 2 and "give --output FILE" in done.stderr
    assert sorted(p.name for p in source.iterdir()) == ["plan.txt"]


def test_a_clause_naming_a_neighbour_and_a_project_word_gives_a_project(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text("第三章 开放合作\n加快推进钟山至水城快速通道共建，完善城市功能。\n"
                        "加强与水城区的交流。\n", encoding="utf-8")
    plan = yaml.safe_load(extract(document, corpus, "520201").draft.text)
    assert [(p["kind"], p["regions"], p["source"]["line"]) for p in plan["projects"]] == [
        ("road", ["520201", "520204"], 2)]


def test_check_with_the_documents_refuses_a_quote_that_is_not_on_its_line(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("seed documents not present")
    corpus = _bundled_copy(tmp_path)
    _edited(corpus / "guizhou" / "qingzhen-goals.yaml", "line: 11\n", "line: 12\n")
    done = run_cli("check", str(corpus), "--no-html", "--documents", str(SEEDS))
    assert done.returncode == 2 and "qingzhen-goals.yaml:" in done.stderr and "is not on line 12" in done.stderr


def test_role_phrases_after_a_role_verb_become_roles(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text("第三章 发展定位\n把钟山区建成贵州西部区域性中心城市，加强城市管理。\n"
                        "完善道路交通设施。\n", encoding="utf-8")
    plan = yaml.safe_load(extract(document, corpus, "520201").draft.text)
    assert [(r["text"], r["scope"], r.get("exclusive"), r["source"]["line"]) for r in plan["roles"]] == [
        ("贵州西部区域性中心城市", "520201", True, 2)]


def test_the_same_document_gives_the_same_draft(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text(PLAN_TEXT + LOOK_BACK_TEXT, encoding="utf-8")
    first, second = (extract(document, corpus, "520201") for _ in range(2))
    assert first.draft.text == second.draft.text and first.draft.catalogue == second.draft.catalogue


def test_check_skips_plans_whose_document_is_not_in_the_documents_folder(tmp_path, mini_corpus):
    documents = tmp_path / "documents"
    documents.mkdir()
    done = run_cli("check", str(mini_corpus), "--no-html", "--documents", str(documents))
    assert done.returncode in (0, 1) and "not found" not in done.stderr
