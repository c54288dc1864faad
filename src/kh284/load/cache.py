"""A cache of read and validated results, keyed on file content, safe under concurrency.

Entries live under ``KH284_CACHE_DIR`` (default ``$XDG_CACHE_HOME/kh284`` or
``~/.cache/kh284``), one file per key.  A key is a hash of kh284's version and the
content of what the entry depends on, so a changed file is simply a miss: nothing is
ever invalidated by hand.  Entries are written to a temporary file and renamed into
place, so two runs at once never see half an entry; an unreadable or corrupt entry is a
miss.  ``--no-cache`` (or ``KH284_NO_CACHE=1``) turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from kh284 import __version__

#: Bumped when the layout of cached values changes.
FORMAT = 1


def default_directory() -> Path:
    """Where the cache lives unless ``KH284_CACHE_DIR`` says otherwise."""
    explicit = os.environ.get("KH284_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kh284"


def digest(*parts: bytes | str) -> str:
    """A hex key over ``parts`` and kh284's version."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"kh284 {__version__} cache {FORMAT}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class Cache:
    """Get and put pickled values by key; a disabled cache never hits and never writes."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        """True when the cache reads and writes."""
        return self.directory is not None

    def _path(self, kind: str, key: str) -> Path:
        assert self.directory is not None
        return self.directory / kind / key[:2] / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under ``key``, or ``None``."""
        if self.directory is None:
            return None
        try:
            with open(self._path(kind, key), "rb") as handle:
                value = pickle.load(handle)  # our own cache directory
        except Exception:  # a miss: absent, unreadable, truncated or from another layout
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` atomically; failures to write are ignored."""
        if self.directory is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except Exception:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def open_cache(enabled: bool) -> Cache:
    """The cache to use for this run."""
    if not enabled or os.environ.get("KH284_NO_CACHE"):
        return Cache(None)
    return Cache(default_directory())
