"""Reference checks: what a schema cannot see because it needs the rest of the corpus.

Unknown indicators and regions, duplicate ids, a plan setting numbers for a region outside its own, a
year outside the plan period, a unit of the wrong dimension, asymmetric neighbours. Each is an input
problem (exit 2), not a finding: the corpus cannot be checked until it is fixed.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable, Optional

from .indicators import IndicatorCatalogue
from .loader import locate
from .model import Plan, Quantity
from .problems import Problem
from .regions import RegionRegistry
from .units import UnitError, dimension_or_none, parse_unit

PLAN_LEVELS = {"province": {"province"}, "municipal": {"municipal", "group"}, "county": {"county", "group"},
               "city_cluster": {"city_cluster"}}
BASE_YEARS_BACK = 10  # a base value may be from a few years before the base year (latest census ...)


def _suggest(word: str, choices: Iterable[str], lang: str = "en") -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return f"（是否想写 {'、'.join(close)}？）" if lang == "zh" else f" (did you mean {', '.join(close)}?)"


def plan_problems(plan: Plan, data: Any, regions: RegionRegistry, indicators: IndicatorCatalogue) -> list[Problem]:
    problems: list[Problem] = []
    file = plan.file

    def at(path: list[Any], message: str, zh: str = "") -> None:
        problems.append(Problem(file, *locate(data, path), message, zh))

    region = regions.get(plan.region)
    if region is None:
        at(["region"], f"unknown region '{plan.region}'{_suggest(plan.region, regions.regions)}; "
                       "add it to regions.yaml or fix the code",
           f"未知区域 '{plan.region}'{_suggest(plan.region, regions.regions, 'zh')}；请在 regions.yaml 中添加或改正代码")
    elif region.level not in PLAN_LEVELS[plan.level]:
        at(["level"], f"a {plan.level} plan cannot be for {region.name} ({plan.region}), which is {region.level}")
    period = plan.period
    if period.end <= period.base_year:
        at(["period", "end"], f"period ends ({period.end}) before it starts ({period.base_year})")
    if period.vision is not None and period.vision < period.end:
        at(["period", "vision"], f"vision year {period.vision} is before the end of the period ({period.end})")

    for kind, items in (("targets", plan.targets), ("roles", plan.roles), ("projects", plan.projects)):
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                first = locate(data, [kind, seen[item.id]])[0]
                at([kind, index, "id"], f"duplicate id '{item.id}' in {kind} (first at line {first})",
                   f"{kind} 中 id '{item.id}' 重复（第 {first} 行已有）")
            else:
                seen[item.id] = index

    last_year = period.vision or period.end
    for index, target in enumerate(plan.targets):
        path: list[Any] = ["targets", index]
        indicator = indicators.get(target.indicator)
        if indicator is None:
            at(path + ["indicator"], f"unknown indicator '{target.indicator}'"
                                     f"{_suggest(target.indicator, indicators)}; add it to the catalogue",
               f"未知指标 '{target.indicator}'{_suggest(target.indicator, indicators, 'zh')}；请在指标目录中添加")
        for key, code in (("scope", target.scope), ("share_of", target.share_of)):
            defaulted = key == "scope" and code == plan.region  # an unknown plan region is reported once, above
            if code is not None and not defaulted and code not in regions:
                at(path + [key], f"unknown region '{code}'{_suggest(code, regions.regions)}",
                   f"未知区域 '{code}'{_suggest(code, regions.regions, 'zh')}")
        if region is not None and target.scope in regions and not _may_set(regions, plan.region, target.scope):
            at(path + ["scope"], f"{plan.id} is for {region.name} ({plan.region}) and cannot set a number for "
                                 f"{regions.name(target.scope)} ({target.scope}), which is not within it")
        years = (("base", target.base, period.base_year - BASE_YEARS_BACK, period.end),
                 ("target", target.target, period.base_year, last_year),
                 ("vision", target.vision, period.base_year, last_year))
        for key, quantity, first, last in years:
            if quantity is not None and quantity.year is not None and not first <= quantity.year <= last:
                at(path + [key, "year"], f"{key} year {quantity.year} is outside the plan period "
                                         f"({period.base_year}–{last_year})")
        _range_problems(path, target, at)
        if target.part_of is not None:
            whole = next((t for t in plan.targets if t.id == target.part_of), None)
            if whole is None or whole is target:
                at(path + ["part_of"], f"part_of names '{target.part_of}', which is no other target of this plan",
                   f"part_of 所指 '{target.part_of}' 不是本规划的另一个目标")
            elif whole.unit is not None and target.unit is not None and dimension_or_none(whole.unit) != dimension_or_none(target.unit):
                at(path + ["part_of"], f"part_of '{target.part_of}' is measured in {whole.unit}, this part in "
                                       f"{target.unit}; parts must add up in one unit",
                   f"part_of '{target.part_of}' 的单位是 {whole.unit}，本目标是 {target.unit}，无法相加")
        if target.unit is not None:
            try:
                unit = parse_unit(target.unit)
            except UnitError:
                at(path + ["unit"], f"unknown unit '{target.unit}'; see docs/plan-format.md for the units "
                                    "plancheck knows")
                continue
            if indicator is not None and target.share_of is None and unit.dimension != indicator.dimension:
                at(path + ["unit"], f"unit '{target.unit}' ({unit.dimension}) does not fit indicator "
                                    f"'{indicator.id}', measured in {indicator.unit} ({indicator.dimension})")
            if target.share_of is not None and unit.dimension != "percent":
                at(path + ["unit"], f"a share (share_of) is a percentage: write unit \"%\", not '{target.unit}'")
    for kind, items in (("roles", plan.roles), ("projects", plan.projects)):
        for index, item in enumerate(items):
            codes = [item.scope] if kind == "roles" else list(item.regions)
            for position, code in enumerate(codes):
                if code not in regions:
                    path = [kind, index, "scope"] if kind == "roles" else [kind, index, "regions", position]
                    at(path, f"unknown region '{code}'{_suggest(code, regions.regions)}",
                       f"未知区域 '{code}'{_suggest(code, regions.regions, 'zh')}")
    for index, role in enumerate(plan.roles):  # a role is given within the plan's region, as a number is set
        if region is not None and role.scope in regions and not _may_set(regions, plan.region, role.scope):
            at(["roles", index, "scope"], f"{plan.id} is for {region.name} ({plan.region}) and cannot give a role "
                                          f"to {regions.name(role.scope)} ({role.scope}), which is not within it",
               f"{plan.id} 是{region.name}（{plan.region}）的规划，不能把角色交给不在其范围内的"
               f"{regions.name(role.scope)}（{role.scope}）")
    return problems


def _may_set(regions: RegionRegistry, plan_region: str, scope: str) -> bool:
    """A plan sets numbers for regions within its own, for groups it belongs to (a county's plan may
    state a number for the central city it is part of), and a cluster for its members' cities."""
    if regions.covers(plan_region, scope):
        return True
    scoped, planned = regions.get(scope), regions.get(plan_region)
    if scoped is None or planned is None:
        return False
    if scoped.is_group and regions.counties_in(plan_region) <= regions.counties_in(scope):
        return True
    # a city cluster's plan speaks for the cities its members belong to (遵义's GDP in 黔中's plan)
    return planned.level == "city_cluster" and bool(regions.counties_in(scope) & regions.counties_in(plan_region))


def _range_problems(path: list[Any], target: Any, at: Any) -> None:
    for key in ("base", "target", "growth", "vision"):
        quantity: Optional[Quantity] = getattr(target, key)
        if quantity is not None and quantity.is_range and quantity.low > quantity.high:
            at(path + [key, "min"], f"{key}: min {quantity.low:g} is greater than max {quantity.high:g}")


def region_problems(registry: RegionRegistry) -> list[Problem]:
    problems: list[Problem] = []
    for code, region in sorted(registry.regions.items()):
        where = region.location

        def add(message: str) -> None:
            problems.append(Problem(where.file, where.line, where.column, message))

        parent = registry.get(region.parent) if region.parent is not None else None
        if region.parent is not None and parent is None:
            add(f"{region.name} ({code}): parent '{region.parent}' is not in the registry")
        elif region.parent == code:
            add(f"{region.name} ({code}) is its own parent")
        elif parent is not None and not region.is_group and parent.level in LEVEL_RANK and \
                region.level in LEVEL_RANK and LEVEL_RANK[parent.level] >= LEVEL_RANK[region.level]:
            add(f"{region.name} ({code}) is {region.level}, but its parent {parent.name} ({parent.code}) is "
                f"{parent.level}: a parent must be at a higher level (province > municipal > county)")
        for other in region.neighbours:
            if other not in registry:
                add(f"{region.name} ({code}): neighbour '{other}' is not in the registry")
            elif code not in registry[other].neighbours:
                add(f"{region.name} ({code}) lists {registry.name(other)} ({other}) as a neighbour, "
                    "but not the other way round; neighbours are symmetric")
        for member in region.members:
            if member not in registry:
                add(f"{region.name} ({code}): member '{member}' is not in the registry")
        if region.within is not None:
            outer = registry.get(region.within)
            if outer is None:
                add(f"{region.name} ({code}): within '{region.within}' is not in the registry")
            elif region.within == code or not registry.counties_in(code) <= registry.counties_in(region.within):
                add(f"{region.name} ({code}) is said to lie within {outer.name} ({outer.code}), but its members "
                    "are not all among that area's; list the larger area's counties or drop `within`")
    problems.extend(_parent_cycles(registry))
    return problems


LEVEL_RANK = {"province": 0, "municipal": 1, "county": 2}


def _parent_cycles(registry: RegionRegistry) -> list[Problem]:
    """One problem per cycle of parents (六盘水市 under its own 钟山区), at its first region in code order;
    a region that is its own parent is reported on its own."""
    problems = []
    done: set[str] = set()
    for start in sorted(registry.regions):
        chain: list[str] = []
        code: Optional[str] = start
        while code is not None and code in registry and code not in done and code not in chain:
            chain.append(code)
            code = registry[code].parent
        done.update(chain)
        if code is None or code not in chain or registry[code].parent == code:
            continue
        cycle = chain[chain.index(code):]
        first = min(cycle)
        ordered = cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first]
        where = registry[first].location
        problems.append(Problem(where.file, where.line, where.column, "parents form a cycle: " + " -> ".join(
            f"{registry.name(c)} ({c})" for c in ordered) + "; each region's parent must be above it"))
    return problems


def indicator_problems(catalogue: IndicatorCatalogue) -> list[Problem]:
    problems: list[Problem] = []
    for indicator in catalogue.values():
        where = indicator.location
        for other_id in indicator.ratio_of or ():
            if other_id not in catalogue:
                problems.append(Problem(where.file, where.line, where.column,
                                        f"indicator '{indicator.id}': ratio_of names '{other_id}', which is not in the catalogue"))
        for relation in ("sum_of", "includes"):
            for other_id in getattr(indicator, relation):
                other = catalogue.get(other_id)
                if other is None:
                    problems.append(Problem(where.file, where.line, where.column, f"indicator '{indicator.id}': "
                                            f"{relation} names '{other_id}', which is not in the catalogue"))
                elif other.dimension != indicator.dimension:
                    problems.append(Problem(where.file, where.line, where.column, f"indicator '{indicator.id}': "
                                            f"{relation} '{other_id}' is measured in {other.unit}, not in {indicator.unit}"))
        named = [*(indicator.per_capita_of or ()), *indicator.at_least,
                 *(i for i in (indicator.increase_of, indicator.bounded_by) if i)]
        for other_id in named:
            if other_id not in catalogue:
                problems.append(Problem(where.file, where.line, where.column, f"indicator '{indicator.id}' names "
                                        f"'{other_id}' (per_capita_of, at_least, increase_of or bounded_by), "
                                        "which is not in the catalogue"))
        if indicator.variant_of is not None and indicator.variant_of not in catalogue:
            problems.append(Problem(where.file, where.line, where.column, f"indicator '{indicator.id}': variant_of "
                                    f"names '{indicator.variant_of}', which is not in the catalogue"))
        for part in indicator.parts:
            other = catalogue.get(part)
            if other is None:
                problems.append(Problem(where.file, where.line, where.column,
                                        f"indicator '{indicator.id}': part '{part}' is not in the catalogue"))
            elif other.dimension != indicator.dimension:
                problems.append(Problem(where.file, where.line, where.column,
                                        f"indicator '{indicator.id}': part '{part}' is measured in {other.unit}, "
                                        f"not in {indicator.unit}"))
    return problems

