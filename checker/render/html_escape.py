"""Escaping plain text for HTML and SVG, exactly as markupsafe (and so Jinja's autoescaping) does it.

markupsafe.escape returns a Markup object, and making one costs more than the escaping itself; pages of a
national report escape about a million short strings, so the parts built in Python (graph pictures and
link chips) use this instead. Same five characters, same entities: output is unchanged. (Chained
str.replace runs in C; str.translate with a table looks every character up in Python, which for Chinese
text is eight times slower.)
"""

from __future__ import annotations


def escape_text(text: str) -> str:
    """`str(markupsafe.escape(text))` for a plain str."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
            .replace("'", "&#39;"))
