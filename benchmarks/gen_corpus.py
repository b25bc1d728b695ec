"""Generate a synthetic national corpus in the real plan format, with known injected conflicts.

Deterministic for a seed. At scale 1.0: 31 provinces, ~330 cities, ~2,850 counties and 20 city clusters,
each with a master plan, plus special plans: ~3,300 plans and ~160,000 targets. Clean plans agree with
each other by construction (growth paths reach their targets, parts sum to totals, cities assign what
counties plan, shares fit, roles and projects are reciprocated); then a known set of conflicts and gaps is
injected and written to ground-truth.json, so a run can be scored for recall and false positives.

Above 1 the country grows by provinces (scale 2: 62 provinces of 11 cities) and, once the two digits of a
province code are used up (89 provinces), by cities per province (scale 4: 89 provinces of 15 cities), so
that every region code and plan id stays distinct. Below 0.001 the corpus is the smallest one the injections
fit in (one province, one city of nine counties), the same as at 0.001.

    python benchmarks/gen_corpus.py OUT_DIR [--scale 1.0] [--seed 14]     # --scale above 0, up to 8
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FILLER = [  # additive count indicators from the catalogue, to reach realistic plan sizes
    ("fiveg_base_stations", "个"), ("urban_new_jobs", "万人"), ("back_alley_renovation", "条"),
    ("old_residential_renovation", "万户"), ("shantytown_renovation", "万户"), ("gas_pipe_renovation", "公里"),
    ("sewer_pipe_renovation", "公里"), ("water_supply_pipe_renovation", "公里"), ("heating_pipe_renovation", "公里"),
    ("rainwater_pipe_renovation", "公里"),
]


@dataclass
class Region:
    code: str
    name: str
    level: str
    parent: str | None = None
    neighbours: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    within: str | None = None


@dataclass
class Plan:
    id: str
    region: str
    level: str
    kind: str = "master"
    targets: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)


def filler(i: int) -> tuple[str, str, int]:
    """The i-th filler target: each (indicator, year) once per plan."""
    indicator, unit = FILLER[i % len(FILLER)]
    return indicator, unit, 2021 + (i // len(FILLER)) % 5


def r2(x: float) -> float:
    return round(x, 2)


def tgt(id: str, indicator: str, unit: str, value: float, op: str = "=", year: int = 2025, **extra) -> dict[str, Any]:
    item: dict[str, Any] = {"id": id, "indicator": indicator, "unit": unit}
    item.update({k: v for k, v in extra.items() if k in ("scope", "share_of", "attribute")})
    if "base" in extra:
        item["base"] = {"year": 2020, "value": extra["base"]}
    item["target"] = {"year": year, "value": value} if op == "=" else {"year": year, "value": value, "op": op}
    if "growth" in extra:
        item["growth"] = {"value": extra["growth"]}
    return item


PROVINCE_CODES = 89  # 11..99: the two leading digits of a region code
CITY_CODES = 99  # 01..99: the two middle digits


def layout(scale: float) -> tuple[int, int]:
    """(provinces, cities per province) of a corpus `scale` times the country's 31 provinces of 11 cities."""
    if scale < 1:
        return max(1, round(31 * scale)), max(2, round(11 * min(1.0, scale * 4)))
    provinces = min(PROVINCE_CODES, round(31 * scale))
    return provinces, min(CITY_CODES, round(11 * 31 * scale / provinces))


class Generator:
    def __init__(self, seed: int, scale: float):
        self.rng = random.Random(seed)
        self.scale = scale
        self.regions: dict[str, Region] = {}
        self.groups: list[Region] = []
        self.plans: dict[str, Plan] = {}
        self.truth: list[dict[str, Any]] = []
        self.county_values: dict[str, dict[str, float]] = {}
        self.fillers: dict[tuple[str, str, int], float] = {}

    # -------------------------------------------------------------- geography
    def build_regions(self) -> None:
        provinces, cities_per = layout(self.scale)
        for p in range(provinces):
            pcode = f"{11 + p:02d}0000"
            self.regions[pcode] = Region(pcode, f"省{p + 1}", "province")
            n_cities = cities_per - (1 if p % 3 == 0 else 0)
            first_counties = []
            for c in range(1, n_cities + 1):
                ccode = f"{11 + p:02d}{c:02d}00"
                self.regions[ccode] = Region(ccode, f"省{p + 1}市{c}", "municipal", parent=pcode)
                n_counties = 9 if c % 2 else 8
                codes = [f"{11 + p:02d}{c:02d}{k:02d}" for k in range(1, n_counties + 1)]
                for k, code in enumerate(codes):
                    self.regions[code] = Region(code, f"省{p + 1}市{c}县{k + 1}", "county", parent=ccode)
                for k, code in enumerate(codes):  # a ring with chords: every county has 2-4 neighbours
                    for other in (codes[(k + 1) % len(codes)], codes[(k + 3) % len(codes)]):
                        self.link(code, other)
                first_counties.append(codes)
                self.groups.append(Region(f"central-{ccode}", f"省{p + 1}市{c}中心城区", "group", parent=ccode,
                                          members=codes[:2]))
                self.groups.append(Region(f"core-{codes[0]}", f"省{p + 1}市{c}县1中心城区", "group", parent=codes[0],
                                          members=codes[:1], within=f"central-{ccode}"))
            for a, b in zip(first_counties, first_counties[1:]):
                self.link(a[-1], b[0])
        clusters = max(1, round(20 * self.scale))
        counties = sorted(c for c, r in self.regions.items() if r.level == "county")
        for i in range(clusters):
            start = (i * len(counties)) // clusters
            members = counties[start:start + 15]
            self.groups.append(Region(f"cluster-{i + 1:02d}", f"城市群{i + 1}", "city_cluster", members=members))

    def link(self, a: str, b: str) -> None:
        if a != b and b not in self.regions[a].neighbours:
            self.regions[a].neighbours.append(b)
            self.regions[b].neighbours.append(a)

    # -------------------------------------------------------------- clean plans
    def county_plan(self, code: str) -> Plan:
        rng = self.rng
        plan = Plan(f"county-{code}", code, "county")
        base = r2(rng.uniform(50, 800))
        growth = round(rng.uniform(5, 9), 1)
        gdp = r2(base * (1 + growth / 100) ** 5)
        shares = (0.1, 0.4)
        primary, secondary = r2(gdp * shares[0]), r2(gdp * shares[1])
        tertiary = r2(gdp - primary - secondary)
        population = round(rng.uniform(20, 120), 1)
        urbanization = round(rng.uniform(40, 85), 1)
        self.county_values[code] = {"gdp": gdp, "population": population, "urbanization": urbanization}
        t = plan.targets
        t.append(tgt("gdp", "gdp", "亿元", gdp, base=base, growth=growth, attribute="expected"))
        t.append(tgt("gdp-primary", "gdp_primary", "亿元", primary))
        t.append(tgt("gdp-secondary", "gdp_secondary", "亿元", secondary))
        t.append(tgt("gdp-tertiary", "gdp_tertiary", "亿元", tertiary))
        t.append(tgt("population", "resident_population", "万人", population))
        t.append(tgt("urbanization", "urbanization_rate", "%", urbanization, base=round(urbanization - 5, 1)))
        t.append(tgt("investment", "fixed_asset_investment", "亿元", r2(gdp * 0.6), growth=6.0))
        t.append(tgt("income-urban", "disposable_income_urban", "元", round(rng.uniform(30000, 50000))))
        t.append(tgt("income-rural", "disposable_income_rural", "元", round(rng.uniform(12000, 20000))))
        t.append(tgt("energy", "energy_intensity_reduction", "%", 14, ">=", attribute="binding"))
        t.append(tgt("forest", "forest_coverage", "%", round(rng.uniform(40, 70), 1)))
        t.append(tgt("budget", "general_budget_revenue", "亿元", r2(gdp * 0.07)))
        t.append(tgt("industry", "industrial_value_added", "亿元", r2(secondary * 0.7)))
        t.append(tgt("built-up", "built_up_area", "平方公里", round(rng.uniform(10, 60), 1)))
        t.append(tgt("gdp-per-capita", "gdp_per_capita", "万元/人", r2(gdp / population)))
        t.append({**tgt("stations", "new_fuel_stations", "个", 9), "parts_complete": True})
        for indicator, count in (("new_oil_gas_mixed_stations", 3), ("new_hydrogen_stations", 4),
                                 ("new_gas_filling_stations", 2)):  # 新建加油站9个，分别为…
            t.append({**tgt(indicator.replace("_", "-"), indicator, "个", count), "part_of": "stations"})
        t.append(tgt("infant-mortality", "infant_mortality_rate", "‰", 5, "<="))
        t.append(tgt("under5-mortality", "under5_mortality_rate", "‰", 7, "<="))
        if any(g.code == f"core-{code}" for g in self.groups):  # its central area: a tenth of the urban residents
            core = round(population * urbanization / 1000, 1)
            self.county_values[code]["core"] = core
            t.append({**tgt("core-population", "urban_area_population", "万人", r2(core + 0.5), scope=f"core-{code}"),
                      "base": {"year": 2020, "value": core}})
        for i in range(33):  # sector and project targets of a real outline's tables
            indicator, unit, year = filler(i)
            value = round(rng.uniform(1, 500), 1)
            self.fillers[(code, indicator, year)] = value
            t.append(tgt(f"{indicator.replace('_', '-')}-{i}", indicator, unit, value, year=year))
        region = self.regions[code]
        plan.roles.append({"id": "role", "text": f"{region.name}特色产业基地", "scope": code})
        for other in region.neighbours:
            pair = sorted([code, other])
            plan.projects.append({"id": f"road-{pair[0]}-{pair[1]}", "name": f"{pair[0]}—{pair[1]}快速通道",
                                  "kind": "road", "regions": pair})
        return plan

    def city_plan(self, code: str) -> Plan:
        plan = Plan(f"city-{code}", code, "municipal")
        counties = sorted(c for c, r in self.regions.items() if r.parent == code)
        total = r2(sum(self.county_values[c]["gdp"] for c in counties) * 1.08)
        t = plan.targets
        t.append(tgt("gdp", "gdp", "亿元", total))
        t.append(tgt("retail", "retail_sales", "亿元", r2(total * 0.4)))
        t.append(tgt("energy", "energy_intensity_reduction", "%", 13.5, ">=", attribute="binding"))
        t.append(tgt("urbanization", "urbanization_rate", "%", 60.0))
        for c in counties:
            v = self.county_values[c]
            t.append(tgt(f"{c}-gdp", "gdp", "亿元", v["gdp"], "~", scope=c))
            t.append(tgt(f"{c}-population", "resident_population", "万人", v["population"], scope=c))
            t.append(tgt(f"{c}-urbanization", "urbanization_rate", "%", v["urbanization"], "~", scope=c))
            t.append(tgt(f"{c}-retail-share", "retail_sales", "%", 5, ">=", scope=c, share_of=code))
            self.plans[f"county-{c}"].targets.append(
                tgt("retail-share", "retail_sales", "%", 5, ">=", share_of=code))
            plan.roles.append({"id": f"role-{c}", "text": f"{self.regions[c].name}特色产业基地", "scope": c})
        inner = self.county_values[counties[0]].get("core", 0.0)
        t.append({**tgt("central-population", "urban_area_population", "万人", r2(inner * 3 + 20),
                        scope=f"central-{code}"), "base": {"year": 2020, "value": r2(inner * 3 + 10)}})
        core = counties[0]
        plan.roles.append({"id": "core", "text": f"{self.regions[code].name}中心城区核心区", "scope": core,
                           "exclusive": True})
        self.plans[f"county-{core}"].roles.append(
            {"id": "core", "text": f"{self.regions[code].name}中心城区核心区", "scope": core, "exclusive": True})
        for i in range(20):
            indicator, unit, year = filler(i)
            value = self.sum_fillers(counties, indicator, year, code)
            t.append(tgt(f"city-{indicator.replace('_', '-')}-{i}", indicator, unit, value, year=year))
        return plan

    def province_plan(self, code: str) -> Plan:
        plan = Plan(f"province-{code}", code, "province")
        cities = sorted(c for c, r in self.regions.items() if r.parent == code)
        plan.targets.append(tgt("energy", "energy_intensity_reduction", "%", 13.5, ">=", attribute="binding"))
        plan.targets.append(tgt("urbanization", "urbanization_rate", "%", 62.0))
        plan.targets.append(tgt("forest", "forest_coverage", "%", 62.0))
        for c in cities:
            plan.targets.append(tgt(f"{c}-energy", "energy_intensity_reduction", "%", 13.5, ">=", scope=c,
                                    attribute="binding"))
        for i in range(20):
            indicator, unit, year = filler(i)
            value = self.sum_fillers(cities, indicator, year, code)
            plan.targets.append(tgt(f"province-{indicator.replace('_', '-')}-{i}", indicator, unit, value, year=year))
        return plan

    def cluster_plan(self, group: Region) -> Plan:
        plan = Plan(f"plan-{group.code}", group.code, "city_cluster", kind="special")
        for c in group.members:
            plan.targets.append(tgt(f"{c}-urbanization", "urbanization_rate", "%",
                                    self.county_values[c]["urbanization"], "~", scope=c))
        for i in range(25):
            indicator, unit, year = filler(i)
            value = self.sum_fillers(group.members, indicator, year, None)
            plan.targets.append(tgt(f"cluster-{indicator.replace('_', '-')}-{i}", indicator, unit, value, year=year))
        return plan

    def special_plan(self, code: str) -> Plan:
        plan = Plan(f"city-{code}-urbanization", code, "municipal", kind="special")
        for c in sorted(c for c, r in self.regions.items() if r.parent == code):
            plan.targets.append(tgt(f"{c}-urbanization", "urbanization_rate", "%",
                                    self.county_values[c]["urbanization"], "~", scope=c))
            plan.targets.append(tgt(f"{c}-population", "resident_population", "万人",
                                    self.county_values[c]["population"], scope=c))
        return plan

    def sum_fillers(self, parts, indicator: str, year: int, whole) -> float:
        """An upper total 20% above what its parts state (upper plans keep a margin)."""
        value = round(sum(self.fillers.get((p, indicator, year), 0.0) for p in parts) * 1.2 + 1, 1)
        if whole is not None:
            self.fillers[(whole, indicator, year)] = value
        return value

    def build_plans(self) -> None:
        levels = {lvl: sorted(c for c, r in self.regions.items() if r.level == lvl)
                  for lvl in ("province", "municipal", "county")}
        for code in levels["county"]:
            self.plans[f"county-{code}"] = self.county_plan(code)
        for code in levels["municipal"]:
            self.plans[f"city-{code}"] = self.city_plan(code)
            if int(code[2:4]) % 4 == 1:
                self.plans[f"city-{code}-urbanization"] = self.special_plan(code)
        for code in levels["province"]:
            self.plans[f"province-{code}"] = self.province_plan(code)
        for group in self.groups:
            if group.level == "city_cluster":
                self.plans[f"plan-{group.code}"] = self.cluster_plan(group)

    # -------------------------------------------------------------- injections
    def inject(self, per_kind: int) -> None:
        """`per_kind` conflicts of each kind, fewer when a small corpus has too few counties for them (each
        county gets one injection, so that the ground truth stays exact)."""
        counties = sorted(c for c, r in self.regions.items() if r.level == "county")
        cities = sorted(c for c, r in self.regions.items() if r.level == "municipal")
        rng = random.Random(99)
        per_kind = max(1, min(per_kind, len(counties) // 8))
        picked_counties = rng.sample(counties, per_kind * 8)
        picked_cities = rng.sample(cities, min(len(cities), per_kind * 2))
        kinds = iter(range(len(picked_counties)))
        gaps: set[str] = set()

        def county(kind: str):
            return picked_counties[next(kinds)]

        for _ in range(per_kind):
            c = county("assigned")  # the city assigns 95% urbanization; the county plans its own value
            city = self.plans[f"city-{self.regions[c].parent}"]
            for item in city.targets:
                if item["id"] == f"{c}-urbanization":
                    item["target"]["value"] = 95.0 if self.county_values[c]["urbanization"] < 80 else 20.0
            self.truth.append({"rule": "vertical-assigned-value", "plan": f"county-{c}", "target": "urbanization"})

            c = county("growth")  # the growth rate no longer reaches the target
            gdp = self.plans[f"county-{c}"].targets[0]
            gdp["growth"]["value"] = 1.0
            self.truth.append({"rule": "internal-growth-path", "plan": f"county-{c}", "target": "gdp"})

            c = county("parts")
            parts = self.plans[f"county-{c}"].targets[1]
            parts["target"]["value"] = r2(parts["target"]["value"] * 1.5)
            self.truth.append({"rule": "internal-parts-sum", "plan": f"county-{c}", "target": "gdp"})

            c = county("duplicate")
            forest = next(t for t in self.plans[f"county-{c}"].targets if t["id"] == "forest")
            self.plans[f"county-{c}"].targets.append(
                tgt("forest-again", "forest_coverage", "%", round(forest["target"]["value"] - 10, 1)))
            self.truth.append({"rule": "internal-duplicate-statement", "plan": f"county-{c}", "target": "forest-again"})

            c = county("floor")
            energy = next(t for t in self.plans[f"county-{c}"].targets if t["id"] == "energy")
            energy["target"] = {"year": 2025, "value": 10, "op": "<="}
            self.truth.append({"rule": "vertical-floor", "plan": f"county-{c}", "target": "energy"})

            c = county("gap")  # the county drops a number its city assigned
            gaps.add(c)
            plan = self.plans[f"county-{c}"]
            plan.targets = [t for t in plan.targets if t["id"] != "population"]
            self.truth.append({"rule": "vertical-assigned-gap", "plan": f"county-{c}", "target": None})

            c = county("project")  # a tunnel to a far county whose plan does not mention it
            self.plans[f"county-{c}"].projects.append({"id": "tunnel", "name": f"{c}隧道", "kind": "road",
                                                       "regions": [c, self.far_county(c)]})
            self.truth.append({"rule": "horizontal-project-reciprocity", "plan": f"county-{c}", "target": None})

            c = county("role")  # a county claims the core role its city gave to another county
            city_code = self.regions[c].parent
            core = next(r for r in self.plans[f"city-{city_code}"].roles if r["id"] == "core")
            if core["scope"] != c:
                self.plans[f"county-{c}"].roles.append({"id": "core-claim", "text": core["text"], "scope": c,
                                                        "exclusive": True})
                self.truth.append({"rule": "horizontal-role-given-to-other", "plan": f"county-{c}", "target": None})
                self.truth.append({"rule": "horizontal-exclusive-role", "plan": f"county-{c}", "target": None})

        for i, code in enumerate(picked_cities):
            plan = self.plans[f"city-{code}"]
            if i % 2 == 0:  # the city's GDP total is smaller than its counties' sum
                gdp = plan.targets[0]
                gdp["target"]["value"] = r2(gdp["target"]["value"] * 0.5)
                self.truth.append({"rule": "vertical-children-exceed-total", "plan": plan.id, "target": "gdp"})
            else:  # two counties claim most of the city's retail sales
                for k, item in enumerate([t for t in plan.targets if t["id"].endswith("-retail-share")][:2]):
                    item["target"]["value"] = 60
                    county_plan = self.plans[f"county-{item['scope']}"]
                    for own in county_plan.targets:
                        if own["id"] == "retail-share":
                            own["target"]["value"] = 60
                self.truth.append({"rule": "horizontal-share-sum", "plan": plan.id, "target": None})
        self.inject_judgement(per_kind, rng, set(picked_counties), gaps)

    def inject_judgement(self, per_kind: int, rng: random.Random, used: set[str], spared: set[str]) -> None:
        """The inconsistencies a careful reader finds, each in a county no other injection touched where the
        corpus has enough (a small corpus may hold two in one county: they touch different targets), never
        one whose population the gap injection dropped: per-capita, orderings, an area inside the county,
        restatement drift, a loosening binding cap, parts listed for a total, a part's growth from a derived
        base, a project at two stages; then containment in a city's central city, a city growing far faster
        than its large counties, and a special plan without its master plan."""
        counties = sorted(c for c, r in self.regions.items() if r.level == "county" and c not in spared)
        firsts = {g.code[len("core-"):] for g in self.groups if g.code.startswith("core-")}
        free = [c for c in counties if c not in used and c not in firsts]
        per_kind = max(1, min(per_kind, len(free) // 8 or len(counties) // 8))
        if len(free) >= per_kind * 8:
            chosen = rng.sample(free, per_kind * 8)
        else:  # a small corpus: reuse counties, never the central ones the containment kind needs
            pool = [c for c in counties if c not in firsts]
            chosen = rng.sample(pool, min(len(pool), per_kind * 8))
        taken = used | set(chosen)
        picked = itertools.cycle(chosen)
        for _ in range(per_kind):
            plan = self.plans[f"county-{next(picked)}"]  # 人均 twice what GDP / population gives
            next(t for t in plan.targets if t["id"] == "gdp-per-capita")["target"]["value"] *= 2
            self.truth.append({"rule": "internal-per-capita", "plan": plan.id, "target": "gdp-per-capita"})

            plan = self.plans[f"county-{next(picked)}"]  # under-5 mortality capped below infant mortality
            next(t for t in plan.targets if t["id"] == "infant-mortality")["target"]["value"] = 6.5
            next(t for t in plan.targets if t["id"] == "under5-mortality")["target"]["value"] = 6
            self.truth.append({"rule": "internal-definitional-order", "plan": plan.id, "target": "under5-mortality"})

            c = next(picked)  # an area inside the county with more residents than the county's urban population
            plan, v = self.plans[f"county-{c}"], self.county_values[c]
            self.groups.append(Region(f"area-{c}", f"{self.regions[c].name}新区", "group", parent=c, members=[c]))
            plan.targets.append(tgt("area-population", "urban_area_population", "万人",
                                    r2(v["population"] * v["urbanization"] / 100 * 1.5), scope=f"area-{c}"))
            self.truth.append({"rule": "internal-inner-area", "plan": plan.id, "target": "area-population"})

            plan = self.plans[f"county-{next(picked)}"]  # one target, two floors, in the table and the text
            plan.targets.append(tgt("insurance", "social_insurance_coverage", "%", 96, ">="))
            plan.targets.append(tgt("insurance-prose", "social_insurance_coverage", "%", 98, ">="))
            self.truth.append({"rule": "internal-restatement-drift", "plan": plan.id, "target": "insurance"})

            plan = self.plans[f"county-{next(picked)}"]  # a binding cap that loosens by the vision year
            fire = tgt("fire", "fire_deaths_per_10k", "人/万人", 0.02, "<=", attribute="binding")
            fire["vision"] = {"year": 2035, "value": 0.15}
            plan.targets.append(fire)
            self.truth.append({"rule": "internal-direction-slack", "plan": plan.id, "target": "fire"})

            plan = self.plans[f"county-{next(picked)}"]  # ten stations listed as 3 + 4 + 2
            next(t for t in plan.targets if t["id"] == "stations")["target"]["value"] = 10
            self.truth.append({"rule": "internal-listed-parts", "plan": plan.id, "target": "stations"})

            plan = self.plans[f"county-{next(picked)}"]  # 三产's base is GDP minus the other two; 1%/yr cannot do
            gdp, primary, secondary, tertiary = plan.targets[:4]
            primary["base"] = {"year": 2020, "value": r2(gdp["base"]["value"] * 0.1)}
            secondary["base"] = {"year": 2020, "value": r2(gdp["base"]["value"] * 0.4)}
            tertiary["growth"] = {"value": 1.0}
            self.truth.append({"rule": "internal-derived-base-growth", "plan": plan.id, "target": "gdp-tertiary"})

            c = next(picked)  # one road, started in the goals and completed in the chapter
            for stage in ("start", "complete"):
                self.plans[f"county-{c}"].projects.append({"id": f"ring-road-{stage}", "name": f"{c}环城快速路",
                                                           "kind": "road", "regions": [c], "stage": stage})
            self.truth.append({"rule": "internal-project-stage", "plan": f"county-{c}", "target": None})
        cores = sorted(firsts & set(counties))
        cores = [c for c in cores if c not in taken] or cores
        for c in cores[:per_kind]:  # the core grows more than the central city around it
            taken.add(c)
            core = next(t for t in self.plans[f"county-{c}"].targets if t["id"] == "core-population")
            core["target"]["value"] = r2(core["base"]["value"] + 4)
            central = next(t for t in self.plans[f"city-{self.regions[c].parent}"].targets
                           if t["id"] == "central-population")
            central["target"]["value"] = r2(central["base"]["value"] + 1)
            self.truth.append({"rule": "vertical-area-containment", "plan": f"county-{c}", "target": "core-population"})
        cities = sorted(c for c, r in self.regions.items() if r.level == "municipal" and f"city-{c}" in self.plans)
        slow = {code: self.large_counties(code) for code in cities}
        apart = [code for code in cities if slow[code] and not set(slow[code]) & taken] or cities[:1]
        for code in apart[:per_kind]:  # the city grows 15%; its large counties plan 5-9%
            next(t for t in self.plans[f"city-{code}"].targets if t["id"] == "gdp")["growth"] = {"value": 15.0}
            for c in slow[code]:
                taken.add(c)
                self.truth.append({"rule": "vertical-soft-growth", "plan": f"county-{c}", "target": "gdp"})
        provinces = sorted(c for c, r in self.regions.items() if r.level == "province")
        for province in provinces[:per_kind]:  # a special plan of a city whose master plan is not in the corpus
            code = f"{province[:2]}9900"
            self.regions[code] = Region(code, f"{self.regions[province].name}新设市", "municipal", parent=province)
            self.plans[f"special-{code}"] = Plan(f"special-{code}", code, "municipal", kind="special")
            self.truth.append({"rule": "coverage-own-master-missing", "plan": f"special-{code}", "target": None})

    def large_counties(self, city: str) -> list[str]:
        """Counties of a city with a tenth or more of its GDP and a growth rate 3 points or more below 15%."""
        total = next(t for t in self.plans[f"city-{city}"].targets if t["id"] == "gdp")["target"]["value"]
        out = []
        for c in sorted(c for c, r in self.regions.items() if r.parent == city):
            gdp = self.plans[f"county-{c}"].targets[0]
            if gdp["target"]["value"] / total >= 0.1 and gdp["growth"]["value"] <= 15.0 - 3.0:
                out.append(c)
        return out

    def far_county(self, code: str) -> str:
        """A county in another province (in a one-province corpus: in another city, else in the same one)
        whose plan shares no project with `code`, so that a project between the two is not reciprocated."""
        counties = [c for c, r in self.regions.items() if r.level == "county" and c != code and not any(
            code in p["regions"] for p in self.plans[f"county-{c}"].projects)]
        for shared in (2, 4, 0):  # leading digits it must not share: the province's, the city's, none
            far = sorted(c for c in counties if not shared or c[:shared] != code[:shared])
            if far:
                return far[int(code) % len(far)]
        raise ValueError(f"no county is far from {code}")

    # -------------------------------------------------------------- output
    def write(self, out: Path) -> dict[str, int]:
        if out.exists():
            shutil.rmtree(out)
        (out / "plans").mkdir(parents=True)
        regions = [{"code": r.code, "name": r.name, "level": r.level,
                    **({"parent": r.parent} if r.parent else {}),
                    **({"neighbours": sorted(r.neighbours)} if r.neighbours else {})}
                   for r in sorted(self.regions.values(), key=lambda r: r.code)]
        groups = [{"id": g.code, "name": g.name, "level": g.level, **({"parent": g.parent} if g.parent else {}),
                   "members": g.members, **({"within": g.within} if g.within else {})} for g in self.groups]
        dump(out / "regions.yaml", {"schema": "plancheck/regions/v1", "regions": regions, "groups": groups})
        targets = 0
        for plan in sorted(self.plans.values(), key=lambda p: p.id):
            folder = out / "plans" / (plan.region[:2] if plan.region[:2].isdigit() else "clusters")
            folder.mkdir(exist_ok=True)
            body = {"schema": "plancheck/plan/v1", "id": plan.id, "title": f"{plan.id} 规划", "region": plan.region,
                    "level": plan.level, "kind": plan.kind, "period": {"base_year": 2020, "end": 2025, "vision": 2035},
                    "source": {"document": f"{plan.id}.txt"}}
            for index, item in enumerate(plan.targets):
                item["source"] = {"line": index + 1, "quote": str(item["target"]["value"])}
            for kind in ("roles", "projects"):
                for index, item in enumerate(getattr(plan, kind)):
                    item["source"] = {"line": index + 1, "quote": item.get("text") or item.get("name")}
            body.update({"targets": plan.targets, "roles": plan.roles, "projects": plan.projects})
            dump(folder / f"{plan.id}.yaml", body)
            targets += len(plan.targets)
        (out / "ground-truth.json").write_text(json.dumps(self.truth, ensure_ascii=False, indent=1) + "\n")
        return {"plans": len(self.plans), "targets": targets, "regions": len(self.regions),
                "injected": len(self.truth)}


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper, value):  # quote codes so the strict loader reads them as text
    style = '"' if value.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(path: Path, data: Any) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


MIN_SCALE = 0.001  # one province with one city of nine counties: the smallest corpus the injections fit in
MAX_SCALE = 8.0  # 89 provinces of 31 cities (~27,000 plans): beyond any real country, codes still distinct


def generate(out: Path, scale: float = 1.0, seed: int = 14, per_kind: int | None = None) -> dict[str, int]:
    if not 0 < scale <= MAX_SCALE:
        raise ValueError(f"scale {scale} is outside 0..{MAX_SCALE:g}")
    gen = Generator(seed, scale)
    gen.build_regions()
    gen.build_plans()
    gen.inject(per_kind or max(2, round(20 * scale)))
    return gen.write(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0,
                        help=f"the share of the country, above 0 and up to {MAX_SCALE:g}: 1 is the whole country "
                             f"(~3,300 plans), 2 twice it, 0.05 about 35 plans, {MIN_SCALE} and below the "
                             "smallest corpus (13 plans)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not 0 < args.scale <= MAX_SCALE:
        parser.error(f"--scale must be above 0 and at most {MAX_SCALE:g}, not {args.scale}")
    print(json.dumps(generate(args.out, args.scale, args.seed)))


if __name__ == "__main__":
    main()
