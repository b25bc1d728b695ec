"""The fast schema check never calls an invalid document valid (jsonschema is the judge)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from checker.schema import NAMES, fast_validator, validator

from conftest import PLANS, mutated


@settings(max_examples=400, deadline=None)
@given(mutated())
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


_OPTION_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.floats(-2, 2) | st.text(max_size=8),
                              lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                                            max_size=3), max_leaves=8)


@settings(max_examples=300)
@given(st.data())
def test_a_rule_option_the_fast_check_calls_valid_is_valid(data):
    """Rule options are checked on every run without importing jsonschema when the fast check calls them
    valid (checker/config.py): that must never let through a value jsonschema refuses."""
    import jsonschema
    from checker.config import _option_error
    from checker.functions import REGISTRY
    declared = sorted((module.ID, name, schema) for module in REGISTRY.values()
                      for name, schema in module.OPTIONS_SCHEMA["properties"].items())
    _, _, schema = data.draw(st.sampled_from(declared))
    value = data.draw(_OPTION_VALUES | st.just(schema.get("default")))
    if _option_error(schema, value) is None:  # valid by the fast check, or by jsonschema itself
        assert not list(jsonschema.Draft202012Validator(schema).iter_errors(value))
