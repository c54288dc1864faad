"""Writing files so that a reader never sees half a file and nothing is lost by accident.

Text (``write_text``) and bytes (``write_bytes``: spreadsheets, Word files) go to a
temporary file in the target's directory, is flushed to disk, and is then
renamed over the target in one step.  An existing file is replaced only when asked.

Only a regular file is ever replaced: a symbolic link, a device node, a FIFO, a socket or a
directory at the target is refused (``NotRegularError``), ``overwrite`` or not.  The
target is looked at with ``os.lstat``, so a link is never followed, and the rename
replaces the directory entry itself, never what a link there points to.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class ExistsError(FileExistsError):
    """The target exists and overwriting was not asked for."""


class NotRegularError(OSError):
    """The target exists and is not a regular file (``kind`` says what it is)."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: {kind}")
        self.path = path
        self.kind = kind


def kind_of(path: Path) -> str | None:
    """What is at ``path``, the last component not followed: ``None`` when nothing is.

    ``file`` (a regular file), ``symlink``, ``directory``, ``device``, ``fifo``,
    ``socket`` or ``other``.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:  # a parent is a file: there is nothing at the path
        return None
    for test, kind in (
        (stat.S_ISREG, "file"),
        (stat.S_ISLNK, "symlink"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return kind
    return "other"


def write_text(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; refuse to replace a file unless asked."""
    write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def write_bytes(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace a file unless asked.

    Raises ``NotRegularError`` when something other than a regular file is at ``path``.
    """
    target = Path(path)
    kind = kind_of(target)
    if kind is not None and kind != "file":
        raise NotRegularError(target, kind)
    if kind is not None and not overwrite:
        raise ExistsError(str(target))
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _mode(target))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite:
            # link() fails if the target appeared meanwhile: never clobber a new file
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise ExistsError(str(target)) from None
            except OSError:  # a file system without hard links
                os.replace(tmp, target)
            else:
                os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode(target: Path) -> int:
    """The permissions the written file gets: the replaced file's, else 0666 less umask.

    (``mkstemp`` creates its file readable by its owner only.)
    """
    try:
        return os.lstat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
