"""A warm run whose inputs are those of the report already in the folder leaves the folder alone; any
change to what the report shows, or to the folder, writes it anew."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker import api
from checker.render import html

from conftest import PLANS, ROOT


def _times(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "plans"
    shutil.copytree(PLANS, corpus, ignore=shutil.ignore_patterns(".plancheck-cache"))
    return corpus


def test_the_same_inputs_leave_the_report_untouched_and_it_equals_a_fresh_one(tmp_path):
    corpus, target = _corpus(tmp_path), tmp_path / "reports"
    html.write_report(api.check([corpus]), target, "zh")
    before = _times(target)
    html.write_report(api.check([corpus]), target, "zh")  # warm: findings from the cache, same date
    assert _times(target) == before
    fresh = tmp_path / "fresh"
    html.write_report(api.check([corpus]), fresh, "zh", documents=None)
    assert _tree(fresh) == _tree(target)


def test_an_edited_plan_another_language_or_date_write_the_report_again(tmp_path, monkeypatch):
    corpus, target = _corpus(tmp_path), tmp_path / "reports"
    html.write_report(api.check([corpus]), target, "zh")
    written = _times(target)
    html.write_report(api.check([corpus]), target, "en")
    assert _times(target) != written and 'lang="en"' in (target / "index.html").read_text(encoding="utf-8")
    written = _times(target)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # another day on the memo's cover
    html.write_report(api.check([corpus]), target, "en")
    assert _times(target) != written and "2023-11-14" in (target / "plan-zhongshan-fyp14.html").read_text("utf-8")
    written = _times(target)
    plan = corpus / "guizhou" / "qingzhen-goals.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("清镇", "清镇", 1) + "\n", encoding="utf-8")
    html.write_report(api.check([corpus]), target, "en")
    assert _times(target) != written


def test_a_page_changed_or_removed_by_hand_is_written_again(tmp_path):
    corpus, target = _corpus(tmp_path), tmp_path / "reports"
    html.write_report(api.check([corpus]), target, "zh")
    good = (target / "index.html").read_bytes()
    (target / "index.html").write_bytes(b"<p>edited")
    html.write_report(api.check([corpus]), target, "zh")
    assert (target / "index.html").read_bytes() == good
    (target / "plan-qingzhen-goals.html").unlink()
    html.write_report(api.check([corpus]), target, "zh")
    assert (target / "plan-qingzhen-goals.html").is_file()


def test_a_changed_source_document_writes_the_report_again(tmp_path):
    corpus, target, documents = _corpus(tmp_path), tmp_path / "reports", tmp_path / "seeds"
    shutil.copytree(ROOT.parent / "shared" / "seeds", documents)
    html.write_report(api.check([corpus]), target, "zh", documents=documents)
    written = _times(target)
    html.write_report(api.check([corpus]), target, "zh", documents=documents)
    assert _times(target) == written
    seed = documents / "004_759eae79e307df44.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n附：新增一行\n", encoding="utf-8")
    html.write_report(api.check([corpus]), target, "zh", documents=documents)
    assert _times(target) != written
    assert "附：新增一行" in "".join(p.read_text("utf-8") for p in target.glob("source-*.html"))


def test_without_the_cache_every_run_writes_the_report(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANCHECK_NO_CACHE", "1")
    corpus, target = _corpus(tmp_path), tmp_path / "reports"
    html.write_report(api.check([corpus]), target, "zh")
    written = _times(target)
    html.write_report(api.check([corpus]), target, "zh")
    again = _times(target)
    assert set(again) == set(written) and all(again[name] != written[name] for name in written)


def test_deleting_the_corpus_cache_makes_the_next_run_write_the_report(tmp_path):
    corpus, target = _corpus(tmp_path), tmp_path / "reports"
    html.write_report(api.check([corpus]), target, "zh")
    written = _times(target)
    shutil.rmtree(corpus / ".plancheck-cache")
    html.write_report(api.check([corpus]), target, "zh")
    again = _times(target)
    assert set(again) == set(written) and all(again[name] != written[name] for name in written)
