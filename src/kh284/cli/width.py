"""The width terminal tables are drawn at, and where it came from.

In order: ``COLUMNS`` when it is set to a number; else the size of the terminal the output
goes to (stdout); else, when stdout is a pipe (``kh284 overdue | less``), the size of the
terminal the person is looking at — stderr's, then the controlling terminal's
(``/dev/tty``); else 120.  Output written to a file (``-o``, ``> FILE``) is 120 wide
unless ``COLUMNS`` says otherwise: a file is read later, elsewhere.  Never more than
``MAX_WIDTH``.  Light (``os`` and ``sys`` only): the replay (``cli/replay.py``) keys a
stored result on ``source()`` before anything is parsed, so a replayed run prints at the
width a fresh one would.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping

#: The widest tables are drawn (docs/LIMITS.md): a wider terminal or ``COLUMNS`` is clamped
#: to it, so a huge ``COLUMNS`` cannot make a table take minutes and gigabytes.
MAX_WIDTH = 1000
#: The width when nothing says otherwise (no terminal anywhere, no ``COLUMNS``).
DEFAULT_WIDTH = 120
#: A terminal narrower than this is taken as not knowing its size.
LEAST_WIDTH = 20


def _columns(environ: Mapping[str, str]) -> int | None:
    """``COLUMNS`` as a width (clamped), or ``None`` when it is unset or says nothing."""
    columns = environ.get("COLUMNS", "")
    if not (columns.isascii() and columns.isdigit()):
        return None
    if len(columns) > 9:
        return MAX_WIDTH
    return min(int(columns), MAX_WIDTH) if int(columns) >= LEAST_WIDTH else None


def _fd_columns(fd: int) -> int | None:
    """The width of the terminal on ``fd``; ``None`` when it is not one or will not say."""
    try:
        if not os.isatty(fd):
            return None
        columns = os.get_terminal_size(fd).columns
    except (OSError, ValueError):
        return None
    return columns if columns >= LEAST_WIDTH else None


def _stream_fd(stream: object) -> int | None:
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
    return fd if isinstance(fd, int) else None


def _is_file(fd: int) -> bool:
    """True when ``fd`` is a regular file (``> FILE``), not a pipe or a terminal."""
    import stat

    try:
        return stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        return False


def _tty_columns() -> int | None:
    """The width of the controlling terminal (``/dev/tty``), if there is one."""
    if not hasattr(os, "O_NOCTTY") or not os.path.exists("/dev/tty"):
        return None
    try:
        fd = os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY)
    except OSError:
        return None
    try:
        return _fd_columns(fd)
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def source(to_file: bool = False, environ: Mapping[str, str] | None = None) -> tuple[str, int]:
    """Where the width comes from, and the width: ``("COLUMNS", 80)``, ``("stderr", 100)``.

    ``to_file``: the output goes to ``--output``, not to stdout (so stdout's terminal, if
    any, is not where it is read).
    """
    env = os.environ if environ is None else environ
    columns = _columns(env)
    if columns is not None:
        return "COLUMNS", columns
    if env.get("COLUMNS", "").isascii() and env.get("COLUMNS", "").isdigit():
        return "COLUMNS", DEFAULT_WIDTH  # a number too small to be a width
    if to_file:
        return "default", DEFAULT_WIDTH
    out = _stream_fd(sys.stdout) if sys.stdout is not None else None
    if out is not None and _is_file(out):
        return "default", DEFAULT_WIDTH
    places = [("stdout", out), ("stderr", _stream_fd(sys.stderr) if sys.stderr else None)]
    for name, fd in places:
        found = None if fd is None else _fd_columns(fd)
        if found is not None:
            return name, min(found, MAX_WIDTH)
    found = _tty_columns()
    if found is not None:
        return "tty", min(found, MAX_WIDTH)
    return "default", DEFAULT_WIDTH


def width(to_file: bool = False) -> int:
    """The width tables are drawn at (``source``)."""
    return source(to_file)[1]
