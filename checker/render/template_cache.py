"""The report's templates, compiled once per version of them, not on every run.

Jinja turns each template into Python source and compiles it: about a tenth of a second per run for
our six templates, paid again by every `plancheck check --html`. Jinja can keep the compiled code (a
bytecode cache), but code read from disk runs, so it is kept in plancheck's own signed cache in the
user's cache folder (speed/cache.py: every entry carries an HMAC with the user's key, bound to its key),
keyed by the template's name and source, Jinja's version and plancheck's code. A planted or damaged
entry is ignored (the template is compiled as before); PLANCHECK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import os
from typing import Optional

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from ..speed.cache import PlanCache


class SignedBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache over plancheck's signed cache."""

    def __init__(self, cache: PlanCache):
        self.cache = cache

    def _key(self, bucket: Bucket) -> str:
        return self.cache.key(f"jinja-template:{bucket.key}", f"{jinja2.__version__}\0{bucket.checksum}".encode())

    def load_bytecode(self, bucket: Bucket) -> None:
        blob = self.cache.get(self._key(bucket))
        if isinstance(blob, bytes):
            bucket.bytecode_from_string(blob)  # Jinja checks the magic (Python's version) and the checksum

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.put(self._key(bucket), bucket.bytecode_to_string())


def template_cache() -> Optional[SignedBytecodeCache]:
    """The cache for compiled templates; None when the cache is off or cannot be used."""
    if os.environ.get("PLANCHECK_NO_CACHE"):
        return None
    cache = PlanCache.of_user()
    return SignedBytecodeCache(cache) if cache.enabled else None
