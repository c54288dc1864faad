"""Whole-run caching: a key over a data directory's content, and cached command output.

``fingerprint`` hashes every file name and every YAML file's bytes in a data directory;
any change, anywhere, gives another key.  A folder that is not plain (links, special
files, beyond the bounds below) gets no key and is always read in full.  ``output_key``
adds everything else a command's output depends on (the command, every option, the
working directory that paths are shown relative to), so a repeated command on unchanged
files prints its cached output without loading kh284's models at all.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kh284.load.cache import digest
from kh284.load.exact import MAX_FILE_BYTES, read_bytes

#: Folders with more files or bytes than this are not fingerprinted (always read).
MAX_FILES = 20_000
MAX_BYTES = 64 * 1024 * 1024


def fingerprint(data_dir: Path, as_of: object) -> str | None:
    """A key over every file's name and content, or ``None`` if the folder is not plain.

    Only a folder of regular files and directories (no links, no special files, within
    the limits) gets a key; anything else is always read in full.
    """
    parts: list[bytes | str] = ["run", str(as_of)]
    count = 0
    total = 0
    failed: list[OSError] = []
    for current, dirs, names in os.walk(data_dir, onerror=failed.append, followlinks=False):
        dirs.sort()
        base = Path(current)
        for name in [*dirs, *sorted(names)]:
            path = base / name
            try:
                info = os.lstat(path)
            except OSError:
                return None
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None
            count += 1
            total += info.st_size
            if count > MAX_FILES or total > MAX_BYTES:
                return None
            parts.append(path.relative_to(data_dir).as_posix())
            if name.lower().endswith((".yaml", ".yml")):
                raw, _ = read_bytes(path, name)  # the same reading as the real run
                if raw is None:
                    return None
                parts.append(raw)
    if failed:
        return None
    return digest(*parts)


def output_key(data_dir: Path, *parts: object) -> str | None:
    """A key for a command's whole output, or ``None`` when the folder is not plain."""
    content = fingerprint(data_dir, "output")
    if content is None:
        return None
    cwd = os.getcwd()
    return digest(content, cwd, os.path.abspath(data_dir), *(repr(p) for p in parts))
