"""The plan cache: used when bytes are unchanged, ignored when they change, never trusted blindly."""

from __future__ import annotations

import os
import pickle

import pytest

from checker.speed import cores
from checker.speed.cache import FOLDER, PlanCache
from checker.corpus import load_corpus


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv("PLANCHECK_NO_CACHE", raising=False)
    return tmp_path


def entries(corpus):
    return sorted((corpus / FOLDER).rglob("*.pickle"))


def test_second_load_comes_from_the_cache(mini_corpus, cache_home, monkeypatch):
    first = load_corpus([mini_corpus])
    # regions.yaml, the plan, the corpus index, the note of its digest and the note that its references were
    # checked (not the catalogue)
    assert len(entries(mini_corpus)) == 5
    import checker.corpus as corpus_module
    monkeypatch.setattr(corpus_module, "_read_model", lambda path: pytest.fail(f"parsed {path} again"))
    second = load_corpus([mini_corpus])
    assert second.plans == first.plans


def test_the_index_of_an_unchanged_corpus_is_not_written_again(mini_corpus, cache_home, monkeypatch):
    import checker.corpus as corpus_module
    load_corpus([mini_corpus])
    real = corpus_module.PlanReach.of
    monkeypatch.setattr(corpus_module.PlanReach, "of", lambda plan: pytest.fail("the index was written again"))
    load_corpus([mini_corpus])
    plan = mini_corpus / "plans" / "county.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("value: 500", "value: 600"), encoding="utf-8")
    summarized = []
    monkeypatch.setattr(corpus_module.PlanReach, "of", lambda plan: summarized.append(plan.id) or real(plan))
    load_corpus([mini_corpus])
    assert summarized == ["county-plan"]


def test_a_changed_file_is_parsed_again(mini_corpus, cache_home):
    load_corpus([mini_corpus])
    plan = mini_corpus / "plans" / "county.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("value: 500", "value: 600"), encoding="utf-8")
    assert load_corpus([mini_corpus]).plans["county-plan"].targets[0].target.value == 600


def test_reference_problems_still_found_for_cached_plans(mini_corpus, cache_home):
    from checker.problems import InputError
    load_corpus([mini_corpus])
    regions = mini_corpus / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("钟山区, level: county", "钟山区, level: municipal"),
                       encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_corpus([mini_corpus])
    assert any(p.file.endswith("county.yaml") and p.line == 5 for p in info.value.problems)


def test_a_planted_entry_is_never_unpickled(mini_corpus, cache_home):
    load_corpus([mini_corpus])
    for entry in entries(mini_corpus):
        entry.write_bytes(b"\0" * 32 + pickle.dumps(Exploding()))
    corpus = load_corpus([mini_corpus])  # parses again instead
    assert "county-plan" in corpus.plans


class Exploding:
    def __reduce__(self):
        return (pytest.fail, ("a forged cache entry was unpickled",))


def test_disabled_cache_writes_nothing(mini_corpus, cache_home, monkeypatch):
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")
    load_corpus([mini_corpus])
    assert not (mini_corpus / FOLDER).exists()


def test_key_depends_on_bytes_and_name(cache_home, tmp_path):
    cache = PlanCache(tmp_path)
    assert cache.key("a.yaml", b"x") != cache.key("a.yaml", b"y") != cache.key("b.yaml", b"y")


def test_progress_is_reported_while_parsing(mini_corpus, cache_home, monkeypatch):
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")
    seen = []
    load_corpus([mini_corpus], progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


def test_cached_plans_equal_parsed_ones_field_for_field(cache_home):
    """Models travel through pickles (cache entries, worker processes): every field, the key included,
    must come back as it was."""
    from conftest import PLANS
    parsed = load_corpus([PLANS], use_cache=False)
    for plan in parsed.plans.values():
        again = pickle.loads(pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == plan and again.targets == plan.targets
        assert [t.key for t in again.targets] == [t.key for t in plan.targets]
        assert all(t.key == f"{plan.id}/{t.id}" for t in again.targets)


def test_a_changed_model_is_a_miss(mini_corpus, cache_home, monkeypatch):
    """The model's shape is part of every key, so entries written by code with other fields are not read."""
    from checker.speed import cache as cache_module
    before = PlanCache(mini_corpus).key("a.yaml", b"x")
    cache_module._salt.cache_clear()
    monkeypatch.setattr(cache_module, "layout", lambda: "Target:plan,id,something_new")
    try:
        assert PlanCache(mini_corpus).key("a.yaml", b"x") != before
    finally:
        cache_module._salt.cache_clear()


def test_plans_parsed_in_workers_are_cached_and_equal(cache_home, tmp_path, monkeypatch):
    """A large corpus is parsed on both cores; what the workers send back and cache is the same model."""
    import sys
    from conftest import ROOT
    import checker.corpus as corpus_module
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import generate
    generate(tmp_path / "corpus", scale=0.1, seed=5)
    monkeypatch.setitem(cores.WORTH_A_WORKER, "parse", 2)
    serial = load_corpus([tmp_path / "corpus"], use_cache=False)
    cold = load_corpus([tmp_path / "corpus"])
    assert len(entries(tmp_path / "corpus")) > len(serial.plans)
    monkeypatch.setattr(corpus_module, "_read_model", lambda path: pytest.fail(f"parsed {path} again"))
    warm = load_corpus([tmp_path / "corpus"])
    assert serial.plans == cold.plans == warm.plans and len(serial.plans) > 2


def test_files_are_parsed_here_when_no_worker_can_start(cache_home, tmp_path, monkeypatch):
    import sys
    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import generate
    generate(tmp_path / "corpus", scale=0.1, seed=5)
    serial = load_corpus([tmp_path / "corpus"], use_cache=False)

    def refuse(*args, **kwargs):
        raise OSError("no semaphores in this sandbox")
    monkeypatch.setitem(cores.WORTH_A_WORKER, "parse", 2)
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)  # what cores.forked starts
    assert load_corpus([tmp_path / "corpus"]).plans == serial.plans


def test_a_cache_folder_linked_out_of_the_corpus_is_refused(mini_corpus, cache_home, tmp_path):
    from checker.problems import InputError
    from conftest import run_cli
    outside = tmp_path / "outside"
    outside.mkdir()
    (mini_corpus / FOLDER).symlink_to(outside, target_is_directory=True)
    with pytest.raises(InputError, match="outside the corpus folder"):
        load_corpus([mini_corpus])
    result = run_cli("validate", str(mini_corpus), env={"XDG_CACHE_HOME": str(cache_home / "home-cache")})
    assert result.returncode == 2 and "outside the corpus folder" in result.stderr, result.stderr
    assert os.listdir(outside) == []
    assert load_corpus([mini_corpus], use_cache=False).plans  # without the cache it still checks


def test_a_planted_link_inside_the_cache_is_not_written_through(mini_corpus, cache_home, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = PlanCache(mini_corpus)
    key = cache.key("plan.yaml", b"x")
    (mini_corpus / FOLDER / key[:2]).symlink_to(outside, target_is_directory=True)
    cache.put(key, {"a": 1})
    assert os.listdir(outside) == []


def test_an_entry_copied_under_another_key_is_a_miss(cache_home, tmp_path):
    cache = PlanCache(tmp_path)
    first, second = cache.key("a.yaml", b"a"), cache.key("b.yaml", b"b")
    cache.put(first, "model of a")
    cache.put(second, "model of b")
    assert cache.get(first) == "model of a"
    cache._path(first).write_bytes(cache._path(second).read_bytes())  # swapped in, with b's valid MAC
    assert cache.get(first) is None


def test_a_replayed_entry_of_another_file_is_not_used(mini_corpus, cache_home):
    """The county plan's entry, copied under the key of a second plan file, must not stand for it."""
    import shutil
    county = mini_corpus / "plans" / "county.yaml"
    other = mini_corpus / "plans" / "other.yaml"
    other.write_text(county.read_text(encoding="utf-8").replace("id: county-plan", "id: other-plan")
                     .replace('region: "520201"', 'region: "520204"').replace("scope: \"520201\"", "scope: \"520204\""),
                     encoding="utf-8")
    load_corpus([mini_corpus])
    cache = PlanCache(mini_corpus.resolve())
    from checker.discovery import display_name
    keys = {name: cache.key(display_name(p), p.read_bytes()) for name, p in (("county", county), ("other", other))}
    shutil.copyfile(cache._path(keys["county"]), cache._path(keys["other"]))
    corpus = load_corpus([mini_corpus])
    assert set(corpus.plans) == {"county-plan", "other-plan"}
    assert corpus.plans["other-plan"].region == "520204"


def test_temporary_files_never_stay(mini_corpus, cache_home, monkeypatch):
    import checker.speed.cache as cache_module
    real_replace = os.replace

    def failing_replace(source, target):
        if str(target).endswith(".pickle"):
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(cache_module.os, "replace", failing_replace)
    load_corpus([mini_corpus])
    assert not [p for p in (mini_corpus / FOLDER).rglob("*") if p.is_file()]


def test_an_unwritable_cache_means_one_notice_and_a_run_without_it(mini_corpus, cache_home):
    from conftest import run_cli
    (mini_corpus / FOLDER).write_text("not a folder", encoding="utf-8")  # as root, a mode would not stop us
    env = {"XDG_CACHE_HOME": str(cache_home / "home-cache")}
    plain = run_cli("check", "--no-html", "--format", "json", str(mini_corpus), env={**env, "PLANCHECK_NO_CACHE": "1"})
    result = run_cli("check", "--no-html", "--format", "json", str(mini_corpus), env=env)
    assert result.returncode == plain.returncode and result.stdout == plain.stdout
    notes = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(notes) == 1 and "cannot be written" in notes[0] and "running without the cache" in notes[0], \
        result.stderr
    assert (mini_corpus / FOLDER).read_text(encoding="utf-8") == "not a folder"


def test_a_read_only_cache_folder_is_noticed_once(mini_corpus, cache_home, monkeypatch, capsys):
    import checker.speed.cache as cache_module
    import errno

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", read_only)
    monkeypatch.setattr(cache_module, "_NOTICED", set())
    load_corpus([mini_corpus])
    load_corpus([mini_corpus])
    err = capsys.readouterr().err
    assert err.count("running without the cache") == 1 and "the file system is read-only" in err


def test_the_shipped_rules_and_catalogue_are_read_from_the_users_cache(cache_home, monkeypatch):
    import checker.corpus as corpus_module
    from checker.api import configure
    from checker.config import Config
    from checker.speed import cache as cache_module
    cache_module._secret.cache_clear()  # the key of this test's cache folder, as in a new process
    monkeypatch.setattr(corpus_module, "_BUNDLED", {})
    first = configure(config=Config()).rules
    assert list((cache_home / "home-cache" / "plancheck" / FOLDER).rglob("*.pickle"))
    monkeypatch.setattr(corpus_module, "_BUNDLED", {})
    monkeypatch.setattr(corpus_module, "_read_file", lambda *args: pytest.fail(f"parsed {args[1]} again"))
    assert configure(config=Config()).rules == first


def test_without_the_cache_the_shipped_files_are_parsed(cache_home, monkeypatch):
    import checker.corpus as corpus_module
    from checker.api import configure
    from checker.config import Config
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")
    monkeypatch.setattr(corpus_module, "_BUNDLED", {})
    parsed = []
    real = corpus_module._read_file
    monkeypatch.setattr(corpus_module, "_read_file", lambda *args: parsed.append(args[1]) or real(*args))
    configure(config=Config())
    assert any(name.endswith("default.yaml") for name in parsed)
    assert not (cache_home / "home-cache" / "plancheck" / FOLDER).exists()
