"""The collector is paused for bulk work and always given back as it was."""

from __future__ import annotations

import gc

import pytest

from checker import api
from checker.speed.gcpause import paused, shared
from checker.render import html
from conftest import PLANS


def test_paused_restores_the_collector_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # a caller who turned it off keeps it off
    finally:
        gc.enable()


def test_shared_unfreezes_what_it_froze():
    with shared():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_check_and_a_report_leave_the_collector_as_they_found_it(tmp_path):
    report = api.check([PLANS])
    assert gc.isenabled() and gc.get_freeze_count() == 0
    html.write_report(report, tmp_path / "reports", "zh")
    assert gc.isenabled() and gc.get_freeze_count() == 0
