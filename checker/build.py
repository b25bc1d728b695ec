"""Building the model from validated file data: the region registry, the indicator catalogue and plans.

Every input here has passed its JSON Schema (schema/), so the builders read fields without checking
their types; what a schema cannot say (a code defined twice, a unit that does not parse, references
between files) is reported as Problems at the file:line:col of the node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import references
from .indicators import Indicator, IndicatorCatalogue
from .loader import locate
from .model import Location, Period, Plan, Project, Quantity, Role, Source, Target
from .problems import Problem
from .regions import Region, RegionRegistry
from .units import UnitError, forget_registered, parse_unit, register

if TYPE_CHECKING:
    from .corpus import LoadedFile


def build_regions(files: list["LoadedFile"], problems: list[Problem]) -> RegionRegistry:
    registry = RegionRegistry()
    for loaded in files:
        data = loaded.data
        for index, item in enumerate(data.get("regions", [])):
            line, column = locate(data, ["regions", index])
            if item["code"] in registry:
                problems.append(Problem(loaded.display, line, column, f"region code {item['code']} is defined twice"))
                continue
            registry.add(Region(code=item["code"], name=item["name"], level=item["level"],
                                location=Location(loaded.display, line, column), parent=item.get("parent"),
                                neighbours=tuple(item.get("neighbours", ())), aliases=tuple(item.get("aliases", ()))))
        for index, item in enumerate(data.get("groups", [])):
            line, column = locate(data, ["groups", index])
            if item["id"] in registry:
                problems.append(Problem(loaded.display, line, column, f"group id {item['id']} is defined twice"))
                continue
            registry.add(Region(code=item["id"], name=item["name"], level=item["level"],
                                location=Location(loaded.display, line, column), parent=item.get("parent"),
                                members=tuple(item["members"]), aliases=tuple(item.get("aliases", ())),
                                within=item.get("within")))
    problems.extend(references.region_problems(registry))
    return registry


def build_indicators(files: list["LoadedFile"], problems: list[Problem]) -> IndicatorCatalogue:
    catalogue = IndicatorCatalogue()
    forget_registered()
    for loaded in files:  # units first: an indicator of any file may be in a unit another file adds
        for index, item in enumerate(loaded.data.get("units", [])):
            try:
                register(item["name"], item["dimension"], item.get("factor", 1))
            except UnitError as err:
                problems.append(Problem(loaded.display, *locate(loaded.data, ["units", index, "name"]), str(err)))
    for loaded in files:
        for index, item in enumerate(loaded.data.get("indicators", [])):
            line, column = locate(loaded.data, ["indicators", index])
            where = Location(loaded.display, line, column)
            if item["id"] in catalogue:
                first = catalogue[item["id"]].location
                problems.append(Problem(loaded.display, line, column,
                                        f"indicator '{item['id']}' is already defined at {first.file}:{first.line}"))
                continue
            try:
                dim = parse_unit(item["unit"]).dimension
            except UnitError as err:
                problems.append(Problem(loaded.display, *locate(loaded.data, ["indicators", index, "unit"]), str(err)))
                continue
            catalogue[item["id"]] = Indicator(id=item["id"], names=tuple(item["names"]), unit=item["unit"],
                                              dimension=dim, aggregation=item["aggregation"], location=where,
                                              direction=item.get("direction", "none"),
                                              parts=tuple(item.get("parts", ())), description=item.get("description"),
                                              ratio_of=_ratio_of(item.get("ratio_of")), en=item.get("en"),
                                              sum_of=tuple(item.get("sum_of", ())),
                                              includes=tuple(item.get("includes", ())),
                                              variant_of=item.get("variant_of"),
                                              per_capita_of=_per_capita_of(item.get("per_capita_of")),
                                              at_least=tuple(item.get("at_least", ())),
                                              increase_of=item.get("increase_of"), bounded_by=item.get("bounded_by"))
    problems.extend(references.indicator_problems(catalogue))
    return catalogue


def _per_capita_of(item: Optional[dict[str, str]]) -> Optional[tuple[str, str]]:
    return None if item is None else (item["total"], item["population"])


def _ratio_of(item: Optional[dict[str, str]]) -> Optional[tuple[str, str]]:
    return None if item is None else (item["numerator"], item["denominator"])


def _source(item: dict[str, Any], document: str) -> Source:
    row = item.get("row")
    return Source(document=document, line=item["line"], quote=item["quote"], table=item.get("table"),
                  row=None if row is None else str(row), page=item.get("page"))


def _quantity(item: Optional[dict[str, Any]], document: str) -> Optional[Quantity]:
    if item is None:
        return None
    own = _source(item, document) if "line" in item else None
    value = item.get("value")
    levels, kind = _deferral(item.get("ref"))
    return Quantity(year=item.get("year"), value=None if value is None else float(value), op=item.get("op", "="),
                    low=None if "min" not in item else float(item["min"]),
                    high=None if "max" not in item else float(item["max"]),
                    ref_upper=levels != (), growth=_quantity(item.get("growth"), document), source=own,
                    ref_levels=levels, ref_kind=kind)


def _deferral(ref: Any) -> tuple[tuple[str, ...], Optional[str]]:
    """`ref: upper` (an upper development plan's quota) or `ref: {level: province, kind: land_use}`."""
    if ref is None:
        return (), None
    if ref == "upper":
        return ("upper",), "master"
    level = ref["level"]
    return (tuple(level) if isinstance(level, list) else (level,)), ref.get("kind", "master")


def build_plan(loaded: "LoadedFile") -> Plan:
    """The model of one schema-valid plan file."""
    data, display = loaded.data, loaded.display
    document = data["source"]["document"]
    plan_id, region = data["id"], data["region"]

    def where(*path: Any) -> Location:
        return Location(display, *locate(data, path))

    targets = tuple(
        Target(plan=plan_id, id=t["id"], indicator=t["indicator"], scope=t.get("scope", region),
               location=where("targets", i), source=_source(t["source"], document), label=t.get("label"),
               unit=t.get("unit"), attribute=t.get("attribute"), base=_quantity(t.get("base"), document),
               target=_quantity(t.get("target"), document), growth=_quantity(t.get("growth"), document),
               vision=_quantity(t.get("vision"), document), share_of=t.get("share_of"),
               cumulative=bool(t.get("cumulative", False)), note=t.get("note"),
               caliber=t.get("caliber"), part_of=t.get("part_of"),
               parts_complete=bool(t.get("parts_complete", False)))
        for i, t in enumerate(data.get("targets", [])))
    roles = tuple(
        Role(plan=plan_id, id=r["id"], text=r["text"], scope=r["scope"], location=where("roles", i),
             source=_source(r["source"], document), exclusive=bool(r.get("exclusive", False)), note=r.get("note"),
             takes_up=tuple(r.get("takes_up", ())))
        for i, r in enumerate(data.get("roles", [])))
    projects = tuple(
        Project(plan=plan_id, id=p["id"], name=p["name"], regions=tuple(p["regions"]), location=where("projects", i),
                source=_source(p["source"], document), kind=p.get("kind"), note=p.get("note"), stage=p.get("stage"))
        for i, p in enumerate(data.get("projects", [])))
    period = data["period"]
    return Plan(id=plan_id, title=data["title"], region=region, level=data["level"], kind=data["kind"],
                period=Period(period["base_year"], period["end"], period.get("vision")), document=document,
                location=where("id"), issuer=data.get("issuer"), published=data.get("published"),
                note=data.get("note"), targets=targets, roles=roles, projects=projects,
                title_en=data.get("title_en"))
