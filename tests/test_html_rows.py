"""The target table's rows, built in Python (html_rows.py), are the markup plan.html's Jinja loop wrote, byte
for byte: the same rows rendered both ways, with text that must be escaped, markup that must not be, and
every optional piece present and absent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from checker.render.html import environment
from checker.render.html_rows import target_rows_html
from checker.render.html_text import ui
from checker.render.html_view import TargetRow

# the loop plan.html had before the rows were built in Python
JINJA_LOOP = """{% for row in targets %}
<tr id="{{ row.anchor }}" data-search>
<td><span class="dot st-{{ row.state }}"></span><span class="lbl">{{ row.label }}</span>{% if row.scope %} <span class="rule">（{{ row.scope }}）</span>{% endif %}<br><span class="ind">{{ row.indicator }}</span>
{% for href, severity in row.findings %} <a class="badge sev-{{ severity }}" href="{{ href }}">{{ t[severity] }}</a>{% endfor %}</td>
<td><ul class="vals">{% for key, value in row.values %}<li><span>{{ key }}</span>{{ value }}</li>{% endfor %}</ul></td>
<td>{{ row.attribute }}</td>
<td>{% if row.source_href %}<a href="{{ row.source_href }}">{{ row.source }}</a>{% else %}{{ row.source }}{% endif %}{% if row.quote %}<div class="q">{{ row.quote }}</div>{% endif %}</td>
<td class="links"{% if row.links %} data-links="{{ row.links }}"{% endif %}>{{ row.link_counts }}</td>
</tr>
{% endfor %}
"""

HOSTILE = ["", "plain", "含<b>粗</b>", 'a "quoted" & \'single\'', "<script>alert(1)</script>", "&amp;", "1 < 2 > 0",
           "\u2028line", "0"]

text = st.sampled_from(HOSTILE) | st.text(max_size=12)


def _rows() -> st.SearchStrategy:
    return st.builds(
        TargetRow, anchor=text, label=text, indicator=text, scope=st.none() | text,
        values=st.lists(st.tuples(text, text), max_size=3), attribute=text, source=text, source_href=text,
        quote=text, links=text, link_counts=text, state=st.sampled_from(["conflict", "consistent", "<x>"]),
        findings=st.lists(st.tuples(text, st.sampled_from(["error", "warning", "info"])), max_size=3))


def _jinja(rows, t) -> str:
    return environment().from_string(JINJA_LOOP).render(targets=rows, t=t)


@settings(max_examples=300, deadline=None)
@given(st.lists(_rows(), max_size=4), st.sampled_from(["zh", "en"]))
def test_rows_are_the_jinja_loops_markup(rows, lang):
    t = ui(lang)
    assert str(target_rows_html(rows, t)) == _jinja(rows, t)


def test_markup_is_written_as_it_is_and_text_escaped():
    t = ui("zh")
    row = TargetRow("t-a", Markup("<i>kept</i>"), "<b>", None, [("k", Markup("&lt;ok"))], "", "s", "", "", "", "",
                    "consistent", [])
    html = str(target_rows_html([row], t))
    assert '<span class="lbl"><i>kept</i></span>' in html and '<span class="ind">&lt;b&gt;</span>' in html
    assert "<li><span>k</span>&lt;ok</li>" in html
    assert html == _jinja([row], t)
