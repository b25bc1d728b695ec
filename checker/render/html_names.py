"""File names and link targets made from plan, target and finding ids.

Ids are meant to be [a-z0-9-], but a name that becomes a path must not be trusted: an id such as
"../../etc" or "a/b" must still give a file inside the report folder, and two different ids must never
share a file. Clean ids are used as they are (readable links); anything else gets a cleaned prefix and a
hash of the real id, with "_" (which clean ids cannot contain) in between so the two kinds never collide.
"""

from __future__ import annotations

import hashlib
import re

_CLEAN = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
_UNSAFE = re.compile(r"[^a-z0-9-]+")


def safe_slug(text: str) -> str:
    if _CLEAN.fullmatch(text):
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    prefix = _UNSAFE.sub("-", text.lower()).strip("-")[:40]
    return f"{prefix}_{digest}" if prefix else f"_{digest}"


def page_name(plan_id: str) -> str:
    """The file of a plan's page: 'plan-<id>.html', always a plain name with no folder part."""
    return f"plan-{safe_slug(plan_id)}.html"


def target_anchor(target_id: str) -> str:
    return f"t-{safe_slug(target_id)}"


def finding_anchor(finding) -> str:
    return f"f-{finding.fingerprint}"
