"""With --baseline the index says what is new since the baseline and what it lists that is now fixed."""

from __future__ import annotations

import json

from checker import api
from checker import baseline as baselines
from checker.render import html
from checker.render.html_names import page_name, target_anchor
from conftest import PLANS


def test_new_and_fixed_since_the_baseline(tmp_path):
    report = api.check([PLANS])
    data = json.loads(baselines.render(report.findings))
    dropped = data["findings"].pop(0)  # the baseline never saw this one: it is new
    gone = {"fingerprint": "f" * 16, "rule": "vertical-assigned-value", "plan": "zhongshan-fyp14", "target": "gdp"}
    data["findings"].append(gone)  # nothing matches this any more: it is fixed
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    index = html.render_pages(api.check([PLANS], baseline=path), "zh")["index.html"]
    section = index[index.index('id="since-baseline"'):]
    section = section[:section.index("</section>")]
    new = section[section.index("data-new"):section.index('id="fixed-findings"')]
    assert new.count("<li>") == 1 and f"f-{dropped['fingerprint']}" in new
    assert "新增 1 条" in section and "已解决 1 条" in section
    fixed = section[section.index("data-fixed"):]
    assert "vertical-assigned-value" in fixed and f'{page_name("zhongshan-fyp14")}#{target_anchor("gdp")}' in fixed
    assert 'href="#since-baseline"' in index


def test_no_baseline_no_section():
    index = html.render_pages(api.check([PLANS]), "zh")["index.html"]
    assert 'id="since-baseline"' not in index
