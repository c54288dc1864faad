r"""Which files of a data directory may be read: confinement, limits, listing.

Paths are confined to the data directory: a symlink that leads outside is a diagnostic
(Y113), not a read.  Only regular files are read (a FIFO or device named ``*.yaml`` is
refused, never opened for a blocking read); a link to a directory under a folder of reports
is not followed but reported; a folder that cannot be listed is reported, not skipped
silently.  Every admitted file counts against ``MAX_TOTAL_BYTES``.

File names are shown as they are, except that characters which are not printable (control
characters, bytes that are not UTF-8) are written as escapes (ESC as ``\\x1b``), so a file
name can neither break the output nor send codes to the terminal.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location
from kh284.diagnostics.catalogue import printable
from kh284.i18n.commandline import os_reason
from kh284.load.exact import MAX_FILE_BYTES
from kh284.load.registry import YAML_SUFFIXES

#: At most this many progress files are read (see README, "Limits").
MAX_PROGRESS_FILES = 20_000
#: At most this many entries (files of any name, folders) under progress/ are listed.
MAX_PROGRESS_ENTRIES = 10 * MAX_PROGRESS_FILES
#: At most this many bytes are read from all files of one data directory together.
MAX_TOTAL_BYTES = 64 * 1024 * 1024


class Admissions(Protocol):
    """Where admission records its findings and the bytes admitted so far."""

    diagnostics: list[Diagnostic]
    bytes_read: int
    over_budget: bool


def admit_file(state: Admissions, root: Path, name: str, *, required: bool) -> Path | None:
    """The data file ``name`` to read, once confined and counted; or ``None`` with why not.

    A required file that is missing is Y114; an optional one is simply absent.
    """
    path = root / name
    if not path.exists() and not path.is_symlink():
        if required:
            state.diagnostics.append(dg.make("Y114", Location(name), name=name))
        return None
    return admit(state, root, path, display_name(name))


def display_name(rel: str) -> str:
    """``rel`` with unprintable characters (and bytes that are not UTF-8) escaped."""
    return printable(rel)


def admit(
    state: Admissions, root: Path, path: Path, shown: str, *, resolved: Path | None = None
) -> Path | None:
    """``path`` once confined and counted against the budget; or ``None`` with why not.

    ``resolved``: ``path`` with every link resolved, when the caller knows it (a file that
    is no link, found by a walk that follows no link, in a folder already confined).
    """
    if resolved is None:
        resolved, problem = confine(root, path, shown)
        if problem is not None:
            state.diagnostics.append(problem)
            return None
    if resolved is None or not within_budget(state, resolved, shown):
        return None
    return resolved


def within_budget(state: Admissions, path: Path, shown: str) -> bool:
    """Count ``path``'s size against ``MAX_TOTAL_BYTES``; False (once Y122) when over."""
    if state.over_budget:
        return False
    try:
        info = os.stat(path)
        size = info.st_size if stat.S_ISREG(info.st_mode) else 0
    except OSError:
        size = 0  # the read reports why
    if size > MAX_FILE_BYTES:
        size = 0  # refused from its size (Y107), never read
    if size <= MAX_TOTAL_BYTES - state.bytes_read:
        state.bytes_read += size
        return True
    state.over_budget = True
    state.diagnostics.append(dg.make("Y122", Location(shown), limit=MAX_TOTAL_BYTES))
    return False


def confine(root: Path, path: Path, shown: str) -> tuple[Path | None, Diagnostic | None]:
    """``path`` with every link resolved, or why it may not be read (Y113, Y112)."""
    try:
        resolved = path.resolve()
    except RuntimeError:  # Python < 3.13: a symbolic link loop
        return None, dg.make("Y112", Location(shown), detail="os.ELOOP")
    except OSError as exc:
        return None, dg.make("Y112", Location(shown), detail=os_reason(exc))
    if resolved == root or root in resolved.parents:
        return resolved, None
    return None, dg.make("Y113", Location(shown), target=display_name(str(resolved)))


def admit_folder(state: Admissions, root: Path, folder: str) -> list[tuple[Path, str]]:
    """The ``*.yaml`` files below ``folder`` to read, confined and counted, in path order."""
    progress = root / folder
    if not progress.exists() and not progress.is_symlink():
        return []
    resolved, problem = confine(root, progress, folder)
    if problem is not None:
        state.diagnostics.append(problem)
        return []
    assert resolved is not None
    try:
        is_dir = stat.S_ISDIR(os.stat(resolved).st_mode)
    except OSError as exc:
        detail = os_reason(exc)
        state.diagnostics.append(dg.make("Y112", Location(folder), detail=detail))
        return []
    if not is_dir:
        state.diagnostics.append(dg.make("Y120", Location(folder), name=folder))
        return []
    files, limit = yaml_files(state, root, progress)
    if limit is not None:
        state.diagnostics.append(dg.make("Y116", Location(folder), limit=limit))
        files = files[:MAX_PROGRESS_FILES]
    admitted: list[tuple[Path, str]] = []
    shown_folder = progress.relative_to(root).as_posix()
    real_folder = os.fspath(resolved)
    for parts, linked in files:
        shown = display_name("/".join((shown_folder, *parts)))
        if linked:
            target = admit(state, root, progress.joinpath(*parts), shown)
        else:  # no link on the way from the confined folder: the file is where it was found
            known = Path(os.path.join(real_folder, *parts))
            target = admit(state, root, known, shown, resolved=known)
        if target is not None:
            admitted.append((target, shown))
    return admitted


def yaml_files(
    state: Admissions, root: Path, folder: Path
) -> tuple[list[tuple[tuple[str, ...], bool]], int | None]:
    """``*.yaml``/``*.yml`` below ``folder``, in path order, without following directory links.

    Each file is given as its names below ``folder`` and whether it is itself a link (only a
    link needs resolving to be confined).  Listing stops once more than
    ``MAX_PROGRESS_FILES`` are found, or more than ``MAX_PROGRESS_ENTRIES`` entries of any
    kind are seen, so a folder of a million files or folders costs no more than the limit;
    the limit crossed is returned (else ``None``).  A folder that cannot be listed is Y112;
    a link to a folder is Y113 when it leads outside the data directory, else Y121.
    """
    found: list[tuple[tuple[str, ...], bool]] = []
    seen = 0
    base = os.fspath(folder)
    pending: list[tuple[str, ...]] = [()]
    while pending:
        parts = pending.pop()
        current = os.path.join(base, *parts)
        subdirs: list[tuple[str, ...]] = []
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    seen += 1
                    if seen > MAX_PROGRESS_ENTRIES:
                        return _in_path_order(found), MAX_PROGRESS_ENTRIES
                    name = entry.name
                    if name.lower().endswith(YAML_SUFFIXES):
                        # files, and anything else named so: the read says what it is
                        found.append(((*parts, name), _is_link(entry)))
                        if len(found) > MAX_PROGRESS_FILES:
                            return _in_path_order(found), MAX_PROGRESS_FILES
                    elif _is_dir(entry):
                        if entry.is_symlink():
                            _directory_link(state, root, Path(entry.path))
                        else:
                            subdirs.append((*parts, name))
        except OSError as exc:
            rel = display_name(Path(current).relative_to(root).as_posix())
            detail = os_reason(exc)
            state.diagnostics.append(dg.make("Y112", Location(rel), detail=detail))
            continue
        pending.extend(sorted(subdirs, key=_path_order, reverse=True))
    return _in_path_order(found), None


def _path_order(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The order of paths as ``pathlib`` sorts them (by part; without case on Windows)."""
    return tuple(map(os.path.normcase, parts))


def _in_path_order(
    found: list[tuple[tuple[str, ...], bool]],
) -> list[tuple[tuple[str, ...], bool]]:
    return sorted(found, key=lambda item: _path_order(item[0]))


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:  # cannot tell: resolve it to be sure
        return True


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _directory_link(state: Admissions, root: Path, path: Path) -> None:
    rel = display_name(path.relative_to(root).as_posix())
    resolved, problem = confine(root, path, rel)
    if problem is not None:
        state.diagnostics.append(problem)
    elif resolved is not None:
        state.diagnostics.append(dg.make("Y121", Location(rel), name=rel))
