"""Plan text made inert where it is shown: a plan (or a file name) must not drive the terminal, forge an
output line, break an XML parser or flood a log.

YAML double-quoted strings can hold any character ("\\e[31m", "\\a", "\\x00", "\\u202e"), and those reach
messages through titles, labels, quotes and waiver reasons. Every such character is shown as a visible
escape (`\\x1b`, `\\u202e`), and a message longer than MESSAGE_LIMIT characters is cut with a note of
how much was left out.
"""

from __future__ import annotations

import re

MESSAGE_LIMIT = 1000

# C0 controls (tab and newlines included: an output line is one line), DEL, C1 controls, the bidirectional
# overrides and isolates (they reorder what a reader sees), non-characters and lone surrogates (from a file
# name that is not UTF-8).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
# What XML 1.0 cannot hold (controls but tab, LF and CR; non-characters; surrogates), and C1 controls
# and bidi overrides, which it discourages.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                      "\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Every control character as a visible escape: safe on one line of a terminal or a CI log."""
    return _CONTROLS.sub(_escape, text)


def xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot hold (or discourages) as visible escapes; tab and newlines kept."""
    return _NOT_XML.sub(_escape, text)


def shorten(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """The text, or its first `limit` characters and how many more there were."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [+{len(text) - limit}]"
