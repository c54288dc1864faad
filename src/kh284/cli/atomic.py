"""Writing files so that a reader never sees half a file and nothing is lost by accident.

Text (``write_text``) and bytes (``write_bytes``: spreadsheets, Word files) go to a
temporary file in the target's directory, is flushed to disk, and is then
renamed over the target in one step.  An existing file is replaced only when asked.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class ExistsError(FileExistsError):
    """The target exists and overwriting was not asked for."""


def write_text(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; refuse to replace a file unless asked."""
    write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def write_bytes(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace a file unless asked."""
    target = Path(path)
    if target.exists() and not overwrite:
        raise ExistsError(str(target))
    if target.is_dir():
        raise IsADirectoryError(str(target))
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
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
