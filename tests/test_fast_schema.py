"""The fast schema check never calls an invalid document valid (jsonschema is the judge)."""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from checker.schema import NAMES, fast_validator, load_schema, validator

from conftest import FIXTURES, PLANS

VALID_PLAN = yaml.safe_load((FIXTURES / "mini" / "plans" / "county.yaml").read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8) | st.sampled_from(["520201", "~", ">=", "gdp", "expected", "county", "plancheck/plan/v1"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "value", "op", "year", "min", "max", "ref", "line", "quote", "unit", "x"]),
        children, max_size=3),
    max_leaves=6)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, prefix + (index,))


ALL_PATHS = [p for p in paths(VALID_PLAN) if p]


@st.composite
def mutated_plans(draw):
    plan = copy.deepcopy(VALID_PLAN)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = plan
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(json_values)
            elif action == "delete" and isinstance(parent, dict):
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.sampled_from(["extra", "min", "max", "op", "ref", "value", "year"]))] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            pass
    return plan


@settings(max_examples=400, deadline=None)
@given(mutated_plans())
def test_fast_valid_implies_schema_valid(plan):
    if fast_validator("plan")(plan):
        assert not list(validator("plan").iter_errors(plan))


@pytest.mark.parametrize("name", NAMES)
def test_every_bundled_schema_compiles(name):
    assert fast_validator(name) is not None


def test_agrees_on_the_bundled_corpus():
    for path in sorted(PLANS.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = "regions" if path.name == "regions.yaml" else "plan"
        assert fast_validator(name)(data) == (not list(validator(name).iter_errors(data))), path
