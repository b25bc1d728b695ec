"""The rule engine: load rule sets, select each rule's subjects from the graph, collect findings.

Rule sets are data (rules/*.yaml, validated by the rules schema): which subjects (`given`), which
function with which `options`, what `severity` and `category`. Functions are the only code. The project
configuration (checker/config.py) can disable rules and change severities and options without touching
either; every option value is checked against the function's OPTIONS_SCHEMA, wherever it was set.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from . import functions
from .config import Config, option_problems
from .corpus import Corpus, read_file
from .discovery import default_rules_dir, display_name, find_yaml_files
from .findings import FAMILIES, SEVERITIES, SEVERITY_RANK, Finding, Related, SubjectRef
from .functions.base import Context, Hit, Located
from .graph import PlanGraph, TARGET_RELATIONS
from .loader import locate
from .model import Plan, Target
from .problems import InputError, Problem
from .reach import Focus, concerns
from .speed import cores

@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    given: str
    function: str
    severity: str
    category: str
    family: str
    file: str
    line: int
    options: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True

    @property
    def module(self):
        return functions.REGISTRY[self.function]


def load_rules(rules_dirs: Iterable[Path] = (), config: Config = Config()) -> list[Rule]:
    """The bundled rule sets, then those in `rules_dirs`; later definitions of an id replace earlier ones."""
    problems: list[Problem] = []
    rules: dict[str, Rule] = {}
    folders = [default_rules_dir(), *(Path(p) for p in config.rules), *rules_dirs]
    for folder in folders:
        if not folder.is_dir():
            problems.append(Problem(display_name(folder), 0, 0, "rules folder not found"))
            continue
        for path in find_yaml_files([folder]):
            try:
                loaded = read_file(path)
            except InputError as err:
                problems.extend(err.problems)
                continue
            if loaded.kind != "rules":
                continue
            for index, item in enumerate(loaded.data["rules"]):
                rule = _rule(item, loaded, index, problems)
                if rule is not None:
                    rules[rule.id] = rule
    problems.extend(_apply_config(rules, config))
    if problems:
        raise InputError(problems)
    return [r for r in sorted(rules.values(), key=lambda r: r.id) if r.enabled]


def _rule(item: dict[str, Any], loaded: Any, index: int, problems: list[Problem]) -> Optional[Rule]:
    line, column = locate(loaded.data, ["rules", index])
    module = functions.REGISTRY.get(item["function"])
    if module is None:
        problems.append(Problem(loaded.display, *locate(loaded.data, ["rules", index, "function"]),
                                f"unknown function '{item['function']}'; known: {', '.join(sorted(functions.REGISTRY))}"))
        return None
    if item["given"] not in module.GIVEN:
        problems.append(Problem(loaded.display, *locate(loaded.data, ["rules", index, "given"]),
                                f"function '{item['function']}' takes given: {' or '.join(module.GIVEN)}, "
                                f"not '{item['given']}'"))
        return None
    given_options = item.get("options") or {}
    problems.extend(option_problems(module, given_options, lambda name, message, zh: Problem(
        loaded.display, *locate(loaded.data, ["rules", index, "options", name]), message, zh), item["id"]))
    options = {**module.OPTIONS, **given_options}
    family = item.get("family") or item["id"].split("-", 1)[0]
    return Rule(id=item["id"], description=item["description"], given=item["given"], function=item["function"],
                severity=item["severity"], category=item["category"],
                family=family if family in FAMILIES else "internal", file=loaded.display, line=line,
                options=options, enabled=item.get("enabled", True))


def _apply_config(rules: dict[str, Rule], config: Config) -> list[Problem]:
    problems = []
    for rule_id in config.disable:
        if rule_id not in rules:
            problems.append(config.problem(("disable",), f"disable: unknown rule '{rule_id}'"))
        else:
            rules[rule_id] = replace(rules[rule_id], enabled=False)
    for rule_id, severity in config.severity.items():
        if rule_id not in rules:
            problems.append(config.problem(("severity", rule_id), f"severity: unknown rule '{rule_id}'"))
        elif severity not in SEVERITIES:
            problems.append(config.problem(("severity", rule_id),
                                           f"severity of '{rule_id}': '{severity}' is not error, warning or info"))
        else:
            rules[rule_id] = replace(rules[rule_id], severity=severity)
    for rule_id, options in config.options.items():
        if rule_id not in rules:
            problems.append(config.problem(("options", rule_id), f"options: unknown rule '{rule_id}'"))
            continue
        rule = rules[rule_id]
        problems.extend(option_problems(rule.module, options, lambda name, message, zh, rule_id=rule_id: config.problem(
            ("options", rule_id, name), message, zh), rule_id))
        rules[rule_id] = replace(rule, options={**rule.options, **options})
    return problems


def subjects(rule: Rule, graph: PlanGraph, focus: Optional[Focus] = None) -> Iterator[Any]:
    """What a rule's `given` selects, in a stable order; with a focus, only subjects that can yield a
    finding about the focused plans."""
    corpus = graph.corpus
    given = rule.given
    plans = corpus.plans.values() if focus is None else focus.plans
    if given == "target":
        for plan in (corpus.plans.values() if focus is None else focus.selected):
            yield from plan.targets
    elif given == "plan":
        yield from plans
    elif given in TARGET_RELATIONS:
        yield from graph.pairs(given, None if focus is None else focus.pair_plans)
    elif given == "region":
        yield from (graph.regions.codes() if focus is None else sorted(focus.regions))
    elif given == "role":
        for plan in plans:
            yield from plan.roles
    elif given == "project":
        for plan in (corpus.plans.values() if focus is None else focus.project_plans):
            yield from plan.projects
    elif given == "corpus":
        yield corpus


def run(corpus: Corpus, rules: list[Rule], graph: Optional[PlanGraph] = None,
        plans: Optional[set[str]] = None) -> list[Finding]:
    """Every finding of every rule, sorted; `plans` keeps only findings about those plans (and looks
    only at the subjects that can yield them)."""
    graph = graph or PlanGraph(corpus)
    focus = Focus(graph, plans) if plans is not None else None
    if focus is None and cores.worth_a_worker("check", len(corpus.plans)):
        found = _on_two_cores(rules, graph)
    else:
        found = _findings(rules, graph, focus)
    findings: dict[str, Finding] = {}
    for _, _, finding in found:
        if plans is None or concerns(finding, plans):
            findings.setdefault(finding.fingerprint, finding)
    return sorted(findings.values(), key=Finding.sort_key)


def _findings(rules: list[Rule], graph: PlanGraph, focus: Optional[Focus], share: int = 0,
              shares: int = 1) -> list[tuple[int, int, Finding]]:
    """(rule number, subject number, finding) for every subject whose number is `share` modulo `shares`,
    in the order a single process finds them."""
    context = Context(graph)
    out = []
    for number, rule in enumerate(rules):
        check = rule.module.check
        for index, subject in enumerate(subjects(rule, graph, focus)):
            if index % shares == share:
                out.extend((number, index, to_finding(rule, hit)) for hit in check(subject, context, rule.options))
    return out


def _share(share: int) -> list[tuple[int, int, Finding]]:
    rules, graph = cores.shared_state()
    return _findings(rules, graph, None, share, 2)


def _on_two_cores(rules: list[Rule], graph: PlanGraph) -> list[tuple[int, int, Finding]]:
    """Every second subject of every rule in a forked worker, the others here; merged back into the
    single-process order, so which of two equal findings is kept does not depend on the split."""
    try:
        with cores.forked(1, (rules, graph)) as pool:
            theirs = pool.submit(_share, 1)
            found = _findings(rules, graph, None, 0, 2) + theirs.result()
    except cores.POOL_ERRORS:
        return _findings(rules, graph, None)
    return sorted(found, key=lambda item: (item[0], item[1]))


def subject_ref(item: Located) -> SubjectRef:
    """The typed reference to a plan, target, role or project."""
    if isinstance(item, Plan):
        return SubjectRef(item.id)
    return SubjectRef(item.plan, type(item).__name__.lower(), item.id)


def _related(item: Located) -> Related:
    return Related(subject_ref(item), item.location)


def _subject_key(at: Located, key: str) -> str:
    """What makes a finding unique beyond its plan and target: the role or project it is about (a plan
    and target are in the fingerprint already) and the hit's own key (e.g. the region it names)."""
    own = "" if isinstance(at, (Target, Plan)) else f"{type(at).__name__}:{at.id}"
    return "/".join(part for part in (own, key) if part)


def _notes(hit: Hit) -> list[dict[str, str]]:
    """The encoders' notes and stated calibers of the targets a finding involves: part of its evidence, since
    a reviewer judges a number with what the encoder wrote beside it."""
    out = []
    for item in (hit.at, *hit.related):
        if isinstance(item, Target) and (item.note or item.caliber):
            entry = {"plan": item.plan, "target": item.id}
            if item.caliber:
                entry["caliber"] = item.caliber
            if item.note:
                entry["note"] = item.note
            out.append(entry)
    return out


def _evidence(hit: Hit) -> dict[str, Any]:
    notes = _notes(hit)
    return {**hit.evidence, "notes": notes} if notes else hit.evidence


def to_finding(rule: Rule, hit: Hit) -> Finding:
    at = hit.at
    indicator = hit.indicator or (at.indicator if isinstance(at, Target) else None)
    region = hit.region or (at.scope if isinstance(at, Target) else at.region if isinstance(at, Plan) else None)
    severity = rule.severity
    if hit.severity is not None and SEVERITY_RANK[hit.severity] < SEVERITY_RANK[severity]:
        severity = hit.severity
    return Finding(rule=rule.id, severity=severity, category=rule.category, family=rule.family,
                   ref=subject_ref(at), message={"zh": hit.zh, "en": hit.en}, location=at.location,
                   indicator=indicator, region=region, evidence=_evidence(hit),
                   related=tuple(_related(r) for r in hit.related), subject_key=_subject_key(at, hit.key),
                   rank=hit.rank, shows=hit.shows)
