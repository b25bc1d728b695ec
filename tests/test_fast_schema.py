"""The fast schema check never calls an invalid document valid (jsonschema is the judge)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings

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
