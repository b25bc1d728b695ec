"""A content-hash cache of parsed, schema-valid plans, so that a re-check reads only what changed.

Entries live in `.plancheck-cache/` beside regions.yaml, keyed by the file's bytes, its displayed name,
plancheck's version, its modules' sizes and times and the schemas' text: a changed file, other code or a
new schema is a miss. Besides the models, it keeps the findings of the last full check of each set of
inputs (speed/results.py). The folder is safe to delete at any time.

Entries are pickles, and a pickle from an untrusted source can run code; since plan repositories are
edited by many people, every entry carries an HMAC made with a key that lives outside the repository
(in the user's cache folder) over the entry's key and its bytes, and an entry whose HMAC does not verify
is ignored. A planted, damaged, copied or replayed cache file therefore costs a re-parse, never trust.
A cache that cannot be written (read-only checkout, a file in its place) means one notice and a run
without the cache.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from .. import __version__
from ..model import layout
from ..output import describe_os_error
from ..problems import InputError, Problem
from ..schema import schema_text

FOLDER = ".plancheck-cache"
_MAC_SIZE = 32


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plancheck" / "cache-key"


@lru_cache(maxsize=1)
def _secret() -> Optional[bytes]:
    """The per-user key (made on first use); None if it cannot be had, which disables the cache."""
    path = _key_file()
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_beside(path, secrets.token_bytes(32), mode=0o600)
        return path.read_bytes()
    except OSError as exc:
        notice(f"cannot keep the cache key in {path.parent} ({describe_os_error(exc)}); running without the cache")
        return None


def _write_beside(path: Path, blob: bytes, mode: Optional[int] = None) -> None:
    """Write a temporary file beside `path` and rename it over `path`; the temporary file never stays."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            if mode is not None:
                os.fchmod(stream.fileno(), mode)
            stream.write(blob)
        os.replace(temp, path)
    except BaseException:
        if os.path.lexists(temp):
            os.unlink(temp)
        raise


_NOTICED: set[str] = set()


def notice(message: str) -> None:
    """Say once per process, on stderr, why the cache is not used: a run without it is slower, not wrong."""
    if message not in _NOTICED:
        _NOTICED.add(message)
        sys.stderr.write(f"plancheck: note: {message}\n")


def _source_stamp() -> bytes:
    """The size and modification time of every module of plancheck: an entry written by other code (an
    edited checkout, another install of the same version) is never read. A few hundred microseconds of
    stat calls, against findings kept from code that has since changed."""
    root = Path(__file__).resolve().parent.parent
    stamp = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                found = os.stat(os.path.join(folder, name))
                stamp.append(f"{os.path.relpath(os.path.join(folder, name), root)}:{found.st_size}:{found.st_mtime_ns}")
    return "\n".join(stamp).encode("utf-8")


@lru_cache(maxsize=1)
def _salt() -> bytes:
    digest = hashlib.sha256(__version__.encode())
    digest.update(_source_stamp())
    digest.update(layout().encode("utf-8"))
    for name in ("plan", "regions", "indicators", "rules"):
        digest.update(schema_text(name).encode("utf-8"))
    return digest.digest()


def _refuse_a_link_out(folder: Path) -> None:
    """A cache folder that is a link leading out of the corpus (a planted `.plancheck-cache -> ~`) would
    make plancheck write where nobody asked: refused."""
    if os.path.islink(folder):
        resolved, home = Path(os.path.realpath(folder)), Path(os.path.realpath(folder.parent))
        if home not in resolved.parents:
            raise InputError([Problem(str(folder), 0, 0, f"is a symbolic link to {resolved}, outside the corpus "
                                                         f"folder; remove it (plancheck keeps its cache there), "
                                                         "or set PLANCHECK_NO_CACHE=1")])


class PlanCache:
    """get/put of a model by (displayed name, file bytes); does nothing when disabled."""

    def __init__(self, root: Optional[Path], enabled: bool = True):
        self.folder = root / FOLDER if root is not None else None
        if enabled and self.folder is not None:
            _refuse_a_link_out(self.folder)
        self.secret = _secret() if enabled and self.folder is not None else None
        if self.secret is not None and not self._writable():
            self.secret = None
        self.salt = _salt()
        self.hits = self.misses = 0

    @staticmethod
    def of_user() -> "PlanCache":
        """The cache in the user's cache folder, beside the key: for the files shipped with plancheck,
        which belong to no corpus."""
        return _user_cache(_key_file().parent)

    @property
    def enabled(self) -> bool:
        return self.secret is not None

    def _writable(self) -> bool:
        """Whether entries can be stored; if not, one notice and the run goes on without the cache."""
        assert self.folder is not None
        try:
            self.folder.mkdir(exist_ok=True)
            os.close(os.open(self.folder, os.O_RDONLY))  # a file in its place fails here, not later
            probe = self.folder / f".probe-{os.getpid()}"
            _write_beside(probe, b"")
            os.unlink(probe)
            return True
        except OSError as exc:
            notice(f"the cache folder {self.folder} cannot be written ({describe_os_error(exc)}); "
                   "running without the cache")
            return False

    def _mac(self, key: str, payload: bytes) -> bytes:
        """The HMAC binds the entry to its key (file bytes, displayed name, version and model salt): an
        entry copied or replayed under another key does not verify."""
        assert self.secret is not None
        return hmac.new(self.secret, b"plancheck-cache\0" + key.encode("ascii") + b"\0" + payload,
                        hashlib.sha256).digest()

    def key(self, display: str, content: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(display.encode("utf-8") + b"\0")
        digest.update(content)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any:
        if not self.enabled:
            return None
        try:
            blob = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        mac, payload = blob[:_MAC_SIZE], blob[_MAC_SIZE:]
        if not hmac.compare_digest(mac, self._mac(key, payload)):
            self.misses += 1
            return None
        try:
            value = pickle.loads(payload)
        except Exception:  # a damaged entry is a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        if self.enabled:
            self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, payload: bytes) -> None:
        """Store a value already pickled (a worker pickles a model once, for the cache and for the parent)."""
        if not self.enabled:
            return
        blob = self._mac(key, payload) + payload
        path = self._path(key)
        if os.path.islink(path.parent):  # a planted link in the cache: never written through
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_beside(path, blob)
        except OSError:  # the disk filled up while checking: this entry is simply not kept
            pass


@lru_cache(maxsize=4)
def _user_cache(folder: Path) -> PlanCache:
    return PlanCache(folder)
