"""Prose clauses and calibers of `plancheck extract`, each on a small fixture with a case where it must
stay silent: 翻一番, 提高N个百分点, 占全市N%以上, and the 统计口径 a label or table header states."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from checker.corpus import load_corpus, validate_paths
from checker.extract import extract
from checker.extract.calibers import caliber_of
from checker.extract.citations import check_sources

from conftest import PLANS


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([PLANS])


def _draft(tmp_path: Path, corpus, text: str, region: str = "520201") -> list[dict]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    document = tmp_path / "plan.txt"
    document.write_text(text, encoding="utf-8")
    result = extract(document, corpus, region)
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(PLANS / "regions.yaml", folder / "regions.yaml")
    (folder / "draft.yaml").write_text(result.draft.text, encoding="utf-8")
    if result.draft.catalogue:
        (folder / "draft.indicators.yaml").write_text(result.draft.catalogue, encoding="utf-8")
    assert validate_paths([folder]).problems == []
    assert check_sources(load_corpus([folder], use_cache=False), tmp_path) == []  # every quote carries its values
    return yaml.safe_load(result.draft.text)["targets"]


def _at(targets: list[dict], line: int) -> list[dict]:
    return [t for t in targets if t["source"]["line"] == line]


DOUBLING_TEXT = """第二章 发展目标
专栏1 主要指标
序号\t指标名称\t2020年\t2025年\t属性
1\t城镇居民人均可支配收入（元）\t30000\t42000\t预期性
到2025年，地区生产总值达到500亿元以上。
到2035年，地区生产总值比2025年翻一番以上。
到2035年，城镇居民人均可支配收入比2020年翻一番。
"""


def test_a_doubling_is_twice_a_stated_level_and_never_a_guessed_one(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, DOUBLING_TEXT)
    income = [t for t in _at(targets, 7)]
    assert len(income) == 1
    # the table states the 2020 level: 2 × 30000, with that level as the base and its citation
    assert income[0]["base"] == {"year": 2020, "value": 30000, "line": 4,
                                 "quote": "1\t城镇居民人均可支配收入（元）\t30000\t42000\t预期性"}
    assert income[0]["vision"] == {"year": 2035, "value": 60000}
    assert "翻番" in income[0]["note"]
    # the 2025 GDP is a floor (500亿元以上), not a level: the doubling keeps the relation and no number
    gdp = _at(targets, 6)
    assert [t["indicator"] for t in gdp] == ["gdp"]
    assert not {"base", "target", "vision"} & set(gdp[0]) and "no value" in gdp[0]["note"]


def test_a_doubling_without_a_later_year_or_a_known_subject_gives_nothing(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, "第二章 发展目标\n到2025年，地区生产总值达到500亿元以上。\n"
                                       "实现星空观测人数比2020年翻一番。\n")
    assert _at(targets, 3) == []


CHANGE_TEXT = """第二章 发展目标
到2025年，常住人口城镇化率较2020年提高4个百分点以上、达69%左右。
到2025年，森林覆盖率达到60%。
"""


def test_a_rise_in_percentage_points_is_a_change_not_the_level(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, CHANGE_TEXT)
    level, change = sorted(_at(targets, 2), key=lambda t: t["unit"])  # % before 个百分点
    assert change["unit"] == "个百分点" and change["target"] == {"year": 2025, "value": 4, "op": ">="}
    assert change["label"] == "常住人口城镇化率较2020年提高" and change["indicator"] != "urbanization_rate"
    # the catalogue's change over 2022 is another indicator than a change over 2020
    assert change["indicator"].startswith("draft_")
    assert level["indicator"] == "urbanization_rate" and level["target"] == {"year": 2025, "value": 69, "op": "~"}
    assert [t["indicator"] for t in _at(targets, 3)] == ["forest_coverage"]


def test_a_share_of_the_city_takes_the_subject_of_the_clause_before(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, "第二章 发展目标\n到2025年，地区生产总值达到500亿元，占全市25%以上。\n"
                                       "到2025年，建成学校12所，占全市30%。\n")
    share = [t for t in _at(targets, 2) if t.get("share_of")]
    assert [(t["indicator"], t["share_of"], t["unit"], t["target"]) for t in share] == [
        ("gdp", "520200", "%", {"year": 2025, "value": 25, "op": ">="})]
    # 学校 is no catalogue indicator of its own clause: the share is not pinned on an indicator
    assert all(t["indicator"].startswith("draft_") for t in _at(targets, 3) if t.get("share_of"))


CALIBER_TEXT = """第二章 发展目标
到2025年，城镇化率（含北部五乡镇）达到75%以上。
到2025年，全区常住人口城镇化率达到70%。
到2025年，含新蒲地区生产总值达到700亿元以上，不含新蒲地区生产总值达到500亿元以上。
到2025年，城镇污水处理率达到95%以上，城镇常住人口达到60万人。
到2025年，城市（县城）生活垃圾无害化处理率达到97%以上。
"""


def test_a_caliber_the_label_states_is_recorded_as_written(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, CALIBER_TEXT)
    by_value = {t["target"]["value"]: t.get("caliber") for t in targets}
    assert by_value[75] == "含北部五乡镇" and by_value[70] is None  # 城镇化率: 城镇 is part of the word
    assert by_value[700] == "含新蒲" and by_value[500] == "不含新蒲"
    assert by_value[95] == "城镇"  # the catalogue's names differ by 城市（县城） / 城镇
    assert by_value[60] is None  # every name of 城镇人口 says 城镇: no other caliber to tell apart
    # （县城） there is a caliber, not an area regions.yaml lacks: the target keeps its catalogue indicator
    garbage = next(t for t in targets if t["target"]["value"] == 97)
    assert garbage["caliber"] == "城市（县城）" and not garbage["indicator"].startswith("draft_")


def test_calibers_from_a_table_header_and_counting_words():
    assert caliber_of("地区生产总值", ["地区生产总值"], "指标名称 2020年（含新蒲） 2025年") == "含新蒲"
    assert caliber_of("城市(县城)生活污水处理率", ["城市（县城）生活污水处理率", "城镇污水处理率", "生活污水处理率"]) \
        == "城市（县城）"
    assert caliber_of("户籍人口城镇化率", ["常住人口城镇化率", "城镇化率"]) == "户籍"
    assert caliber_of("常住人口城镇化率", ["常住人口城镇化率", "城镇化率"]) is None
    assert caliber_of("森林覆盖率", ["森林覆盖率"], "指标名称 2020年 2025年 属性") is None


def test_a_bare_central_city_is_the_plans_own_group_where_regions_yaml_names_it(tmp_path, corpus):
    text = "第二章 发展目标\n到2025年，中心城区常住人口达到80万人以上。\n到2025年，城区绿化覆盖率达到40%。\n"
    targets = _draft(tmp_path / "zhongshan", corpus, text)
    assert [t.get("scope") for t in _at(targets, 2)] == ["zhongshan-central-city"]
    assert "钟山区中心城区" in _at(targets, 2)[0]["note"]
    assert all("scope" not in t for t in _at(targets, 3))  # no group 钟山区城区: the plan's own number
    # a county whose 中心城区 regions.yaml does not name keeps the number unscoped
    assert all("scope" not in t for t in _draft(tmp_path / "qingzhen", corpus, text, "520181"))


def test_a_short_name_two_regions_share_names_the_one_whose_own_name_gives_it(corpus):
    from checker.extract.prose import region_names
    names = region_names(corpus.regions)
    # 遵义 is 遵义市 (its own name less 市), never 播州区 through its former name 遵义县
    assert [code for name, code in names if name == "遵义"] == ["520300"]
    assert ("遵义县", "520304") in names


ROLES_TEXT = """第一章 发展基础
一、“十三五”发展成就
成功创建国家全域旅游示范区，钟山区是六盘水市中心城区核心区。
第二章 发展定位
大河经济开发区着力打造成为贵州西部承接产业转移的重要基地、六盘水市工业循环经济先行区、热电联产示范区。
加快建设社区服务中心、大数据中心和一批乡村旅游集聚区。
"""


def test_roles_in_a_list_after_one_verb_and_never_a_facility_or_a_past_award(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text(ROLES_TEXT, encoding="utf-8")
    roles = yaml.safe_load(extract(document, corpus, "520201").draft.text)["roles"]
    assert [(r["text"], r["scope"], r["source"]["line"]) for r in roles] == [
        ("六盘水市中心城区核心区", "520201", 3),  # a role the county holds, said where it looks back
        ("贵州西部承接产业转移的重要基地", "dahe-econ-dev-zone", 5),
        ("六盘水市工业循环经济先行区", "dahe-econ-dev-zone", 5),
        ("热电联产示范区", "dahe-econ-dev-zone", 5)]


def test_a_city_plans_project_between_two_of_its_parts_names_those_parts(tmp_path, corpus):
    document = tmp_path / "plan.txt"
    document.write_text("第三章 区域协调\n加快推进六枝—盘州同城化发展，完善城市功能。\n"
                        "建设六枝特区南部水厂、盘州市城乡一体化供水改造工程。\n"
                        "图1 六枝—盘州空间布局示意图\n", encoding="utf-8")
    plan = yaml.safe_load(extract(document, corpus, "520200").draft.text)
    # two local projects in one list, a map caption: not shared projects
    assert [(p["kind"], p["regions"], p["source"]["line"]) for p in plan["projects"]] == [
        ("other", ["520203", "520281"], 2)]


TASK_TEXT = """第五章 重点任务
加快城区管网建设。完成中压管线100公里。
“十四五”期间，新(改扩)建中小学33所。
提高农业担保风险补偿基金池到2000万元。
改建完成野马寨电厂3×200MW热电联产项目。
推进中压管线建设，中压管线100公里。
"""


def test_task_clauses_without_a_year_and_a_units_size_in_a_name(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, TASK_TEXT)
    by_line = {t["source"]["line"]: t for t in targets}
    assert by_line[2]["target"] == {"value": 100} and "no year in the text" in by_line[2]["note"]
    assert by_line[3]["target"] == {"value": 33}  # 新(改扩)建: the cue is 新建
    assert by_line[4]["target"] == {"value": 2000} and by_line[4]["label"] == "农业担保风险补偿基金池"
    assert 5 not in by_line  # 3×200MW sizes the project's units
    assert 6 not in by_line  # no year and no target word: not a target


def test_the_region_of_a_clause_holds_for_the_clause_after_it(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, "第二章 发展目标\n到2025年，六枝城区常住人口达30万人以上，建成区面积达28平方公里左右。\n"
                                       "到2025年，建成区面积达95平方公里。\n", "520200")
    area = {t["target"]["value"]: t for t in targets if t["unit"] == "平方公里"}
    assert area[28].get("scope") == "520203" and "from the clause before" in area[28]["note"]
    assert "scope" not in area[95]


def test_two_calibers_of_one_number_are_two_areas_never_a_contradiction(tmp_path, corpus):
    text = "第二章 发展目标\n到2025年，含新蒲地区生产总值达到700亿元以上，不含新蒲地区生产总值达到500亿元以上。\n"
    # 红花岗区: regions.yaml names the group 红花岗区(含新蒲), which takes the 含新蒲 number
    hhg = {t["target"]["value"]: t for t in _draft(tmp_path / "hhg", corpus, text, "520302")}
    assert hhg[700]["scope"] == "honghuagang-incl-xinpu" and hhg[700]["indicator"] == "gdp"
    assert hhg[500]["indicator"] == "gdp" and "scope" not in hhg[500]
    # 钟山区: no group for 含北部; the second number is kept apart for a person to scope
    text = "第二章 发展目标\n到2025年，含北部地区生产总值达到600亿元以上，不含北部地区生产总值达到400亿元以上。\n"
    zs = {t["target"]["value"]: t for t in _draft(tmp_path / "zs", corpus, text, "520201")}
    assert zs[600]["indicator"] == "gdp" and "scope" not in zs[600]
    assert zs[400]["indicator"].startswith("draft_") and "caliber 不含北部 against 含北部" in zs[400]["note"]


def test_a_look_back_sentence_without_a_year_states_the_base_years_level(tmp_path, corpus):
    text = ("第一章 发展基础\n一、“十三五”发展成就\n成功创建国家生态文明建设示范区，森林覆盖率47.58%。\n"
            "常住人口城镇化率65%，较2015年提高8个百分点。\n"
            "第二章 发展目标\n到2025年，森林覆盖率达到60%，常住人口城镇化率达到75%。\n")
    targets = {t["indicator"]: t for t in _draft(tmp_path, corpus, text)}
    assert targets["forest_coverage"]["base"] == {"year": 2020, "value": 47.58, "line": 3, "quote": "森林覆盖率47.58%"}
    assert "base" not in targets["urbanization_rate"]  # a sentence comparing with 2015 gives no base


def test_a_look_back_industry_ratio_gives_the_three_shares_bases(tmp_path, corpus):
    text = ("第一章 发展基础\n一、“十三五”发展成就\n三次产业结构调整为2020年的9.3:20.4:70.3，一产增加值39亿元。\n"
            "第二章 发展目标\n到2025年，三次产业结构调整为7:25:68。\n")
    targets = {t["indicator"]: t for t in _draft(tmp_path, corpus, text)}
    shares = [targets[_id] for _id in ("primary_share_of_gdp", "secondary_share_of_gdp", "tertiary_share_of_gdp")]
    assert [(t["base"]["value"], t["base"]["line"], t["target"]["value"]) for t in shares] == [
        (9.3, 3, 7), (20.4, 3, 25), (70.3, 3, 68)]


def test_the_count_of_a_named_list_after_a_task_verb_is_a_target(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, "第五章 重点任务\n建设大河镇、南开乡、青林乡等3个茶叶种植基地。\n"
                                       "涉及大河镇、南开乡等2个乡镇。\n")
    assert [(t["label"], t["target"]) for t in _at(targets, 2)] == [("茶叶种植基地", {"value": 3})]
    assert _at(targets, 3) == []  # no task verb before the list


def test_a_bound_word_cut_by_a_stray_space_still_bounds():
    from checker.extract.numbers import find_numbers
    assert [(n.value, n.op) for n in find_numbers("参保率95%以 上；覆盖率达到90%左 右")] == [(95, ">="), (90, "~")]
    assert [(n.value, n.op) for n in find_numbers("建成3所 学校")] == [(3, "=")]


def test_a_role_phrase_that_titles_its_paragraph_and_a_region_that_opens_one(tmp_path, corpus):
    text = ("第二章 战略定位\n西部地区高质量发展增长极。抢抓重大政策机遇，全面激发发展活力。\n"
            "——坚持以人民为中心。增进民生福祉。\n"
            "成功创建国家全域旅游示范区。旅游业加快发展。\n"
            "贵阳。着力发展大数据产业，打造贵州数字经济示范区。\n")
    roles = yaml.safe_load(extract(_write(tmp_path, text), corpus, "qianzhong").draft.text)["roles"]
    assert [(r["text"], r["scope"], r["source"]["line"]) for r in roles] == [
        ("西部地区高质量发展增长极", "qianzhong", 2), ("贵州数字经济示范区", "520100", 5)]


def _write(tmp_path: Path, text: str) -> Path:
    document = tmp_path / "plan.txt"
    document.write_text(text, encoding="utf-8")
    return document


def test_a_long_line_cut_inside_a_sentence_goes_on_into_the_next(tmp_path, corpus):
    first = "到2025年，全市坚持生态优先、绿色发展，统筹山水林田湖草沙系统治理，持续推进国土绿化行动和山体生态修复工程，全市森林覆盖率达"
    assert len(first) > 60
    targets = _draft(tmp_path, corpus, f"第二章 发展目标\n{first}\n\n到60%，打造红枫湖生态功能示范区。\n")
    forest = [t for t in targets if t["indicator"] == "forest_coverage"]
    assert [(t["source"]["line"], t["target"]) for t in forest] == [(4, {"year": 2025, "value": 60, "op": ">="})]


def test_a_rate_per_100k_and_a_fall_to_a_level():
    from checker.extract.numbers import find_numbers
    assert [(n.value, n.unit, n.op) for n in find_numbers("孕产妇死亡率下降到 15/10 万、 6.5‰ 、 6‰")] == [
        (15, "1/10万", "<="), (6.5, "‰", "="), (6, "‰", "=")]
    assert [(n.value, n.op) for n in find_numbers("能耗降至0.5吨标准煤")] == [(0.5, "<=")]


def test_a_proposed_indicator_is_never_scoped_to_a_lower_region(tmp_path, corpus):
    targets = _draft(tmp_path, corpus, "第二章 发展目标\n到2025年，钟山区建成星空观测站3个以上，钟山区常住人口城镇化率达到90%。\n",
                     "520200")
    star = next(t for t in targets if t["indicator"].startswith("draft_"))
    assert "scope" not in star and "for 520201: map it to a catalogue indicator" in star["note"]
    assert [t.get("scope") for t in targets if t["indicator"] == "urbanization_rate"] == ["520201"]
