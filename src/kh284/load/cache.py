"""The cache of parsed files: keyed on the bytes read and on kh284's own code; data, never code.

Entries live under ``KH284_CACHE_DIR`` (default ``$XDG_CACHE_HOME/kh284`` or
``~/.cache/kh284``) as JSON (``codec``: reading one never runs code, and an entry that is
not exactly what it should be is a miss): a command's result one file per key, the parsed
files in packs, one per first two characters of the key (``file/ab/entries.jsonl``), one
entry a line, newest last, so that a cold run of thousands of files writes 256 files rather
than thousands (making a file costs the system far more than writing its bytes).  The
entries a run parsed are written at the end of its loading (``flush``), each pack once; a
pack past ``MAX_PACK_BYTES`` loses its oldest lines.  A key is a hash of the bytes that
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
0700 and entries 0600; an entry (or a pack) is written to a temporary file and renamed
into place, so two runs at once never see half of one (two runs writing one pack at once
keep the entries of the last: the others are misses later), and the temporary file is
removed whatever stops the write.  ``--no-cache`` (or ``KH284_NO_CACHE=1``) turns the cache off.
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
#: The kinds of entry kept in packs (the parsed files), and a pack's size past which its
#: oldest entries are dropped when it is written again.
PACKED = frozenset({"file"})
MAX_PACK_BYTES = 16 * 1024 * 1024
PACK_NAME = "entries.jsonl"
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
        #: Folders found absent by a look-up (a cold run's thousands of look-ups stat once).
        self._absent: set[Path] = set()
        #: The packs read in this run (their bytes; empty when absent), and the entries
        #: waiting to be written to each (``flush``).
        self._packs: dict[Path, bytes] = {}
        self._pending: dict[Path, list[bytes]] = {}
        self._pack_paths: dict[tuple[str, str], Path] = {}
        if directory is not None:
            from kh284.load.codec import FORMAT  # not at start-up: ``--version`` imports this

            code = code_digest()
            if code is None:
                self.directory = None
            else:
                self._base = hashlib.blake2b(digest_size=20)
                environment = environment_digest()
                self._base.update(f"kh284 {__version__} {FORMAT} {code} {environment}\n".encode())

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
        if kind in PACKED:  # one path per pack, made once (thousands of look-ups ask it)
            found = self._pack_paths.get((kind, key[:2]))
            if found is None:
                found = self.directory / kind / key[:2] / PACK_NAME
                self._pack_paths[kind, key[:2]] = found
            return found
        return self.directory / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> tuple[Any, ...] | None:
        """The payload stored under ``key``, or ``None``."""
        if self.directory is None:
            return None
        from kh284.load import codec

        path = self._path(kind, key)
        payload = None
        if kind in PACKED:
            raw = self._from_pack(path, key)
        else:
            raw = self._read(path) if self._folders(path, create=False) else None
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
        """Store an entry already encoded (``codec.encode``) under ``key``, as ``put`` does.

        An entry of a packed kind waits for ``flush``.
        """
        if self.directory is None or data is None or len(data) > MAX_ENTRY_BYTES:
            return
        path = self._path(kind, key)
        if kind in PACKED:
            self._pending.setdefault(path, []).append(data)
            return
        if self._folders(path, create=True):
            self._write(path, data)

    def flush(self) -> None:
        """Write the entries waiting for their packs, each pack once; failures are ignored."""
        pending, self._pending = self._pending, {}
        for path, entries in pending.items():
            if self.directory is None or not self._folders(path, create=True):
                continue
            old = self._packs.get(path)
            if old is None:
                old = self._read(path, MAX_PACK_BYTES) or b""
            if old and not old.endswith(b"\n"):
                old += b"\n"  # a pack cut short: its last line stays a line of its own
            pack = b"".join([old, *(entry + b"\n" for entry in entries)])
            if len(pack) > MAX_PACK_BYTES:  # the oldest lines go
                cut = pack.find(b"\n", len(pack) - MAX_PACK_BYTES)
                pack = pack[cut + 1 :] if cut != -1 else b""
            self._packs[path] = pack
            self._write(path, pack)

    def _from_pack(self, path: Path, key: str) -> bytes | None:
        """The newest line of the pack ``path`` that is an entry for ``key``, or ``None``."""
        from kh284.load.codec import entry_head

        head = entry_head(key)
        for waiting in reversed(self._pending.get(path, ())):
            if waiting.startswith(head):
                return waiting
        pack = self._packs.get(path)
        if pack is None:
            found = self._read(path, MAX_PACK_BYTES) if self._folders(path, create=False) else None
            pack = self._packs[path] = found or b""
        start = pack.rfind(b"\n" + head) + 1  # (a line cannot hold a line break: JSON)
        if not start and not pack.startswith(head):
            return None
        end = pack.find(b"\n", start)
        return pack[start : end if end != -1 else len(pack)]

    def _write(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` through a temporary file renamed into place."""
        # the name is chosen before the file exists, so an interrupt at any point (even
        # inside the call that creates it) leaves nothing behind: the handler removes it
        tmp = path.parent / f".tmp-{secrets.token_hex(8)}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(tmp, flags, 0o600)
            try:  # (no file object: its buffering asks the system three more things)
                left = memoryview(data)
                while left:
                    left = left[os.write(fd, left) :]
            finally:
                os.close(fd)
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
        if self.directory is None or (not create and folder in self._absent):
            return False
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                self._absent.add(folder)  # (an entry written meanwhile elsewhere: a miss)
                return False
            self._absent.discard(folder)
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

    def _read(self, path: Path, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
        """The bytes of the file ``path`` (never followed), if trusted and at most ``limit``."""
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except OSError:  # absent, or a link (never followed)
            return None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            if not trusted(info):
                self._refuse(path)
                return None
            try:
                raw: bytes = handle.read(limit + 1)
            except OSError:
                return None
        return raw if len(raw) <= limit else None

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
