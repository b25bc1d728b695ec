"""Cross-boundary projects on the bundled corpus: groupings are not projects, and a role can take one up."""

from __future__ import annotations

import pytest

from checker.api import check
from checker.config import Config
from checker.problems import InputError

from test_corpus_findings import findings
from test_rule_examples import build_corpus


def test_qingzhen_is_asked_only_about_the_projects_it_does_not_take_up():
    """黔中 line 209 (黔西—织金—清镇城镇组团) is a grouping; line 433 (清镇—播州铝产业链) is taken up by 清镇's
    铝基新材料 role (清镇 line 19); the corridor, the ring expressway and the water link are not (lines 195,
    213, 684)."""
    projects = {f.project for f in findings("horizontal-project-reciprocity", "qianzhong-cluster-2023")}
    assert projects == {"science-innovation-corridor", "guiyang-outer-ring-expressway", "hongfenghu-huaxi-water-link"}


def test_a_role_taking_up_an_unknown_project_is_refused(tmp_path):
    corpus = build_corpus(tmp_path / "c", [
        {"id": "city", "region": "520200", "level": "municipal",
         "projects": [{"id": "chain", "name": "钟山—水城产业链", "regions": ["520201", "520204"]}]},
        {"id": "county", "region": "520201",
         "roles": [{"id": "r", "text": "铝", "scope": "520201", "takes_up": ["city/chian"]}]}])
    with pytest.raises(InputError) as refused:
        check([corpus], config=Config())
    assert "takes up 'city/chian', but city has no project 'chian'" in str(refused.value.problems[0])
