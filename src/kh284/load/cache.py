"""The cache of parsed files: keyed on the bytes read and on kh284's own code; data, never code.

Entries live under ``KH284_CACHE_DIR`` (default ``$XDG_CACHE_HOME/kh284`` or
``~/.cache/kh284``), one JSON file per key (``codec``: reading one never runs code, and an
entry that is not exactly what it should be is a miss).  A key is a hash of the bytes that
were read, the entry format, kh284's version, a digest of every ``*.py`` file of the
installed package (``code_digest``) and of the environment that shapes output
(``environment_digest``: Python's version and build, its implementation, the Unicode
database, and every installed distribution's ``RECORD``, with the size and time of each
file of the libraries kh284 runs on), so a changed file — or a changed, patched or upgraded
kh284, Python or library — is simply a miss: nothing is ever invalidated by hand.

As ssh and pip do, the cache is used only when its directory, the folders in it and its
entries belong to the user running kh284 and nobody else may write them; otherwise it is
off for the rest of the run, with one warning on stderr.  Nothing is followed: the root is
looked at with ``lstat`` (a link is refused), and so is every folder above it, up to and
including the first one the user owns — each must be a real folder owned by the user or by
root, and not writable by group or others unless it has the sticky bit (as ``/tmp``), or
someone else could swap the cache for their own.  Folders are created with mode
0700 and entries 0600; an entry is written to a temporary file and renamed into place, so
two runs at once never see half an entry, and the temporary file is removed whatever stops
the write.  ``--no-cache`` (or ``KH284_NO_CACHE=1``) turns the cache off.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import os
import secrets
import stat
import sys
import unicodedata
from pathlib import Path
from typing import Any

from kh284 import __version__

#: The installed package whose source files make ``code_digest``.
PACKAGE = Path(__file__).resolve().parent.parent
#: Larger entries are neither written nor read.
MAX_ENTRY_BYTES = 128 * 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def default_directory() -> Path:
    """Where the cache lives unless ``KH284_CACHE_DIR`` says otherwise."""
    explicit = os.environ.get("KH284_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kh284"


def source_digest(package: Path) -> str | None:
    """A hash of the names and bytes of every ``*.py`` file under ``package``.

    ``None`` when one of them cannot be read (the cache is then not used).
    """
    hasher = hashlib.blake2b(digest_size=20)
    try:
        for name, path in _python_files(os.fspath(package)):
            with open(path, "rb") as handle:
                source = handle.read()
            for part in (name.encode("utf-8", "surrogateescape"), source):
                hasher.update(len(part).to_bytes(8, "little"))
                hasher.update(part)
    except OSError:
        return None
    return hasher.hexdigest()


def _python_files(root: str) -> list[tuple[str, str]]:
    """Every ``*.py`` file below ``root``: its ``/``-separated name below it, and its path.

    In the order of those names' parts, as ``sorted(Path(root).rglob("*.py"))`` gives them.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        parts = pending.pop()
        with os.scandir(os.path.join(root, *parts)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((*parts, entry.name))
                elif entry.name.endswith(".py"):
                    found.append(((*parts, entry.name), entry.path))
    found.sort()
    return [("/".join(parts), path) for parts, path in found]


@functools.lru_cache(maxsize=1)
def code_digest() -> str | None:
    """The digest of kh284's own source (once per process)."""
    return source_digest(PACKAGE)


#: The distributions whose code shapes what kh284 prints: its dependencies and theirs
#: (normalised names).  The key covers the size and time of every file their ``RECORD``
#: lists, so one patched in place, same version and same ``RECORD``, is a miss too.
SHAPING = frozenset(
    {
        "annotated-types",
        "click",
        "markdown-it-py",
        "mdurl",
        "pydantic",
        "pydantic-core",
        "pygments",
        "python-dateutil",
        "pyyaml",
        "rich",
        "ruamel-yaml",
        "ruamel-yaml-clib",
        "shellingham",
        "six",
        "typer",
        "typing-extensions",
        "typing-inspection",
    }
)


def distributions() -> list[tuple[str, str]]:
    """Every ``*.dist-info`` and ``*.egg-info`` on ``sys.path``: (its folder, its name)."""
    found = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                found += [
                    (entry or ".", e.name)
                    for e in listing
                    if e.name.endswith((".dist-info", ".egg-info"))
                ]
        except OSError:
            continue
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def distribution_name(folder: str) -> str:
    """The normalised name of the distribution whose metadata folder is ``folder``."""
    name = folder.rsplit(".", 1)[0].split("-", 1)[0]
    return name.lower().replace("_", "-").replace(".", "-")


@functools.lru_cache(maxsize=1)
def environment_digest() -> str:
    """A hash of what, besides kh284's code and the data, shapes its output (once a process).

    Python's version and build, its implementation and the Unicode database it knows; for
    every installed distribution its metadata folder's name and its ``RECORD`` (the files'
    hashes as installed); for the ones in ``SHAPING``, the size and modification time of
    each file ``RECORD`` lists.
    """
    hasher = hashlib.blake2b(digest_size=20)

    def part(text: str | bytes) -> None:
        raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
        hasher.update(len(raw).to_bytes(8, "little"))
        hasher.update(raw)

    impl = sys.implementation
    part(f"{sys.version}\0{impl.name}\0{impl.cache_tag}\0{unicodedata.unidata_version}")
    for base, folder in distributions():
        part(folder)
        try:
            with open(os.path.join(base, folder, "RECORD"), "rb") as handle:
                record = handle.read()
        except OSError:  # an egg-info, or a RECORD not there: its name is what there is
            record = b""
        part(record)
        if record and distribution_name(folder) in SHAPING:
            lines = record.decode("utf-8", "surrogateescape").splitlines()
            stat_of = functools.partial(_size_and_time, base)
            part("\n".join(stat_of(row[0]) for row in csv.reader(lines) if row))
    return hasher.hexdigest()


def _size_and_time(base: str, name: str) -> str:
    """The size and modification time of the file ``name`` below ``base`` (``-``: none)."""
    try:
        info = os.stat(os.path.join(base, name))
    except OSError:
        return "-"
    return f"{info.st_size} {info.st_mtime_ns}"


def trusted(info: os.stat_result) -> bool:
    """True when the file belongs to the current user and nobody else may write it.

    Without user ids (Windows) there is nothing to compare, and everything is trusted.
    """
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class Cache:
    """Get and put parse payloads by key; a disabled cache never hits and never writes."""

    def __init__(self, directory: Path | None, *, quiet: bool = False) -> None:
        self.directory = directory
        #: A quiet cache refuses without saying so (the replay's look-up: the run says it).
        self.quiet = quiet
        self.hits = 0
        self.misses = 0
        self._base: Any = None
        self._safe: set[Path] = set()
        if directory is not None:
            from kh284.load.codec import FORMAT  # not at start-up: ``--version`` imports this

            code = code_digest()
            if code is None:
                self.directory = None
            else:
                self._base = hashlib.blake2b(digest_size=20)
                environment = environment_digest()
                self._base.update(f"kh284 {__version__} {FORMAT} {code} {environment}\n".encode())

    @classmethod
    def writer(cls, directory: Path | None) -> Cache:
        """A quiet cache that only stores, under keys made elsewhere (a worker process's).

        The one of this process for ``directory``, made once (its folders checked once).
        """
        found = _writers.get(directory)
        if found is None:
            found = _writers[directory] = cls(None, quiet=True)
            found.directory = directory
        return found

    @property
    def enabled(self) -> bool:
        """True when the cache reads and writes."""
        return self.directory is not None

    def key(self, raw: bytes) -> str | None:
        """The key of a file whose bytes are ``raw`` (``None`` when the cache is off)."""
        if self.directory is None:
            return None
        hasher = self._base.copy()
        hasher.update(raw)
        return str(hasher.hexdigest())

    def _path(self, kind: str, key: str) -> Path:
        assert self.directory is not None
        return self.directory / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> tuple[Any, ...] | None:
        """The payload stored under ``key``, or ``None``."""
        if self.directory is None:
            return None
        from kh284.load import codec

        path = self._path(kind, key)
        payload = None
        if self._folders(path, create=False):
            raw = self._read(path)
            payload = codec.decode(raw, key) if raw is not None else None
        if payload is None:
            self.misses += 1
        else:
            self.hits += 1
        return payload

    def put(self, kind: str, key: str, payload: tuple[Any, ...]) -> None:
        """Store ``payload`` under ``key`` atomically; failures to write are ignored."""
        if self.directory is None:
            return
        from kh284.load import codec

        self.store(kind, key, codec.encode(payload, key))

    def store(self, kind: str, key: str, data: bytes | None) -> None:
        """Store an entry already encoded (``codec.encode``) under ``key``, as ``put`` does."""
        if self.directory is None or data is None:
            return
        path = self._path(kind, key)
        if data is None or len(data) > MAX_ENTRY_BYTES or not self._folders(path, create=True):
            return
        # the name is chosen before the file exists, so an interrupt at any point (even
        # inside the call that creates it) leaves nothing behind: the handler removes it
        tmp = path.parent / f".tmp-{secrets.token_hex(8)}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(tmp, flags, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException as exc:  # an interrupt too: no temporary file is left behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(exc, Exception):
                raise

    def _folders(self, path: Path, *, create: bool) -> bool:
        """True when the folders of the entry ``path`` are there (or made) and trusted."""
        assert self.directory is not None
        root = self.directory
        return (
            self._folder(root, create=create, parents=True)
            and self._folder(path.parent.parent, create=create)
            and self._folder(path.parent, create=create)
        )

    def _folder(self, folder: Path, *, create: bool, parents: bool = False) -> bool:
        """True when ``folder`` (never followed if a link) is there, or made, and trusted.

        ``parents``: ``folder`` is the cache's root; the folders above it are checked too.
        """
        if folder in self._safe:
            return True
        if self.directory is None:
            return False
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                return False
            try:
                missing = [folder]
                while parents and not missing[-1].parent.exists():
                    missing.append(missing[-1].parent)  # each made private, not just the last
                for made in reversed(missing):
                    made.mkdir(mode=0o700, exist_ok=True)
                info = os.lstat(folder)
            except OSError:  # cannot be made (read-only, no room): no cache, quietly
                self.directory = None
                return False
        except OSError:
            return False
        if not stat.S_ISDIR(info.st_mode) or not trusted(info):
            self._refuse(folder)
            return False
        if parents:
            unsafe = unsafe_above(folder)
            if unsafe is not None:
                self._refuse(unsafe)
                return False
        self._safe.add(folder)
        return True

    def _read(self, path: Path) -> bytes | None:
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except OSError:  # absent, or a link (never followed)
            return None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                return None
            if not trusted(info):
                self._refuse(path)
                return None
            try:
                raw: bytes = handle.read(MAX_ENTRY_BYTES + 1)
            except OSError:
                return None
        return raw if len(raw) <= MAX_ENTRY_BYTES else None

    def _refuse(self, where: Path) -> None:
        """Turn the cache off for this run, saying so once, in both languages."""
        if self.directory is None:
            return
        self.directory = None
        if self.quiet:
            return
        from kh284 import i18n
        from kh284.diagnostics.catalogue import printable

        vi, en = i18n.both("common.cache_refused", path=printable(str(where)))
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"kh284: {vi} / {en}\n")
            sys.stderr.flush()


#: The writers of this process (``Cache.writer``), by directory.
_writers: dict[Path | None, Cache] = {}


def unsafe_above(root: Path) -> Path | None:
    """The first folder above ``root`` that someone else could use to swap it, or ``None``.

    Each folder, read with ``lstat`` (never followed), must be a folder (not a link) owned by
    the user or by root, and not writable by group or others unless sticky; the walk stops
    after the first one the user owns.  Without user ids (Windows) nothing is checked.
    """
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return None
    user = getuid()
    try:
        folder = Path(os.path.abspath(root)).parent
    except OSError:  # no working directory to make a relative root absolute
        return root
    while True:
        try:
            info = os.lstat(folder)
        except OSError:
            return folder
        shared = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not info.st_mode & stat.S_ISVTX
        if not stat.S_ISDIR(info.st_mode) or info.st_uid not in (user, 0) or shared:
            return folder
        if info.st_uid == user or folder.parent == folder:
            return None
        folder = folder.parent


def open_cache(enabled: bool, *, quiet: bool = False) -> Cache:
    """The cache to use for this run; a ``quiet`` one refuses without a warning."""
    if not enabled or os.environ.get("KH284_NO_CACHE"):
        return Cache(None)
    return Cache(default_directory(), quiet=quiet)
