"""Compiled report templates are kept in the signed user cache: a later run reads them instead of compiling,
and a damaged entry is ignored (the template is compiled again). Pages rendered from cached templates equal
freshly compiled ones byte for byte in test_warm_runs.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from checker.render.html import environment
from checker.speed.cache import PlanCache

NAMES = ("plan.html", "index.html", "summary.html", "source.html")


def _entries() -> list[Path]:
    folder = PlanCache.of_user().folder
    return sorted(folder.rglob("*.pickle")) if folder is not None and folder.exists() else []


def _compiled_sources(monkeypatch) -> list[str]:
    """The templates a fresh environment compiles (rather than reads from the cache) while loading NAMES."""
    compiled: list[str] = []
    real = Environment.compile

    def spy(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", spy)
    env = environment(compiled=True)
    for name in NAMES:
        env.get_template(name)
    monkeypatch.setattr(Environment, "compile", real)
    return compiled


def test_a_second_environment_reads_the_compiled_templates(monkeypatch):
    monkeypatch.delenv("PLANCHECK_NO_CACHE", raising=False)
    _compiled_sources(monkeypatch)  # fills the cache, whatever an earlier test left
    assert _compiled_sources(monkeypatch) == []
    assert _entries()


def test_a_tampered_entry_is_compiled_again(monkeypatch):
    monkeypatch.delenv("PLANCHECK_NO_CACHE", raising=False)
    _compiled_sources(monkeypatch)
    for entry in _entries():
        blob = bytearray(entry.read_bytes())
        blob[-1] ^= 0xFF  # the code changed, the signature did not
        entry.write_bytes(bytes(blob))
    assert set(NAMES) <= set(_compiled_sources(monkeypatch))


def test_no_cache_compiles_every_time(monkeypatch):
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")
    assert environment(compiled=True).bytecode_cache is None
    assert set(NAMES) <= set(_compiled_sources(monkeypatch))


@pytest.mark.parametrize("name", NAMES)
def test_cached_and_compiled_templates_render_alike(monkeypatch, name):
    monkeypatch.delenv("PLANCHECK_NO_CACHE", raising=False)
    _compiled_sources(monkeypatch)
    cached = environment(compiled=True).get_template(name)
    fresh = environment().get_template(name)
    assert cached.blocks.keys() == fresh.blocks.keys()
    for block in cached.blocks:
        assert cached.blocks[block].__code__.co_code == fresh.blocks[block].__code__.co_code
    assert cached.root_render_func.__code__.co_code == fresh.root_render_func.__code__.co_code
