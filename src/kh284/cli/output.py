"""The one way a command writes its result: stdout or ``--output``, then stderr, then exit.

Only the report goes to stdout (or to ``--output``, written atomically, only to a regular
file or a new path, and never over an existing file without ``--force``); a stdout that
cannot be written is a clear error (exit 2), never a lost report.  The summary line goes to
stderr; the exit code follows the one policy in ``diagnostics.exit_code_for``.
``fail`` is the one way a run that cannot go ahead stops (``kh284: …``, exit 2).  Both end
the run with ``SystemExit`` (no typer: a command line read by ``cli/quick.py`` runs
without it), which the command-line library lets through to the error boundary.

Whatever the locale: a program's format (``Result.machine``: JSON, SARIF, JUnit, GitHub
commands) and bytes go to stdout as they are, UTF-8, never through the locale's encoding;
text for people goes through it, and what that encoding cannot show is spelled with letters
it can (``readable``: ``Văn bản`` → ``Van ban``, ``≥`` → ``>=``, box lines → ``+-|``), else
``?``; never as Python escapes.  ``--output`` files are always UTF-8.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import functools
import itertools
import os
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TextIO

from kh284.diagnostics.catalogue import printable
from kh284.i18n import os_error, word
from kh284.render import Result


def fail(message: str) -> NoReturn:
    """Print ``kh284: message`` to stderr and exit 2 (the run could not go ahead)."""
    sys.stderr.write(f"kh284: {message}\n")
    raise SystemExit(2)


def refuse_existing(path: Path | None, force: bool, lang: str) -> None:
    """Stop before any work when ``--output`` cannot be written.

    That is when it is not a regular file (a symbolic link, a device, a FIFO, a socket, a
    directory: looked at with ``lstat``, never followed), or when it exists and ``--force``
    was not given.
    """
    if path is None:
        return
    from kh284.cli.atomic import kind_of

    kind = kind_of(path)
    if kind is not None and kind != "file":
        fail(word("cli.not_regular", lang, path=path, kind=word(f"cli.kind.{kind}", lang)))
    if kind is not None and not force:
        fail(word("common.exists", lang, path=path))


def write_file(path: Path, data: str | bytes, force: bool, lang: str) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace a file without ``force``.

    Only a regular file or a new path is written; anything else stops the run (exit 2).
    """
    from kh284.cli.atomic import ExistsError, NotRegularError, write_bytes

    try:
        write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data, overwrite=force)
    except NotRegularError as exc:
        fail(word("cli.not_regular", lang, path=path, kind=word(f"cli.kind.{exc.kind}", lang)))
    except ExistsError:
        fail(word("common.exists", lang, path=path))
    except OSError as exc:
        fail(f"{printable(str(path))}: {os_error(exc, lang)}")


def write_stdout(text: str | bytes, lang: str, *, machine: bool = False) -> None:
    """Write ``text`` to stdout and flush it; stop the run (exit 2) when that fails.

    Bytes, and text with ``machine``, are written as UTF-8 bytes; other text in the
    locale's encoding, made ``readable``.  A closed stdout (``>&-``), a full disk or a
    closed pipe is said in words, never with a traceback, so a lost report cannot pass
    for a delivered one.
    """
    problem = stdout_problem(text, lang, machine=machine)
    if problem is not None:
        fail(problem)


def stdout_problem(text: str | bytes, lang: str, *, machine: bool = False) -> str | None:
    """Write ``text`` to stdout (as ``write_stdout``); what went wrong, in words, or ``None``."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed
        return word("cli.stdout_closed", lang)
    try:
        if isinstance(text, bytes) or machine:
            _write_bytes(stream, text.encode("utf-8") if isinstance(text, str) else text)
        else:
            stream.write(text)
        stream.flush()
    except ValueError:  # the stream object was closed
        return word("cli.stdout_closed", lang)
    except OSError as exc:
        if exc.errno == errno.EBADF:
            return word("cli.stdout_closed", lang)
        return word("cli.stdout_failed", lang, detail=os_error(exc, lang))
    return None


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """``data`` to the bytes under ``stream``, after what its text layer holds."""
    stream.flush()
    raw = getattr(stream, "buffer", None)
    if raw is None:  # a stream with no bytes under it (one a test put there): text
        stream.write(data.decode("utf-8", "replace"))
        return
    raw.write(data)
    raw.flush()


def deliver(result: Result, output: Path | None, force: bool, lang: str) -> NoReturn:
    """Write the result to stdout or ``output``, the summary to stderr, and exit.

    A file written is said on stderr (``đã ghi PATH``), after the summary.
    """
    wrote = ""
    if output is not None:
        write_file(output, result.output, force, lang)
        wrote = word("common.wrote", lang, path=printable(str(output))) + "\n"
    elif result.output:
        write_stdout(result.output, lang, machine=result.machine)
    sys.stderr.write(result.summary + wrote)
    raise SystemExit(result.exit_code)


def deliver_early(result: Result, lang: str) -> NoReturn:
    """Write a result to stdout as ``deliver`` does, before any parsing; exit as ``cli.app``.

    For a replayed result (``cli/replay.py``) and ``kh284 --version``: without typer, the
    report to stdout (a failure to write it said in words, exit 2), the summary to stderr,
    and the exit code.
    """
    readable_streams()
    output, summary, status = result.output, result.summary, result.exit_code
    try:
        problem = stdout_problem(output, lang, machine=result.machine) if output else None
        if problem is not None:
            sys.stderr.write(f"kh284: {problem}\n")
            summary, status = "", 2
        sys.stderr.write(summary)
    except KeyboardInterrupt:
        interrupted(lang)
    exit_now(status)


#: What is stopped before the process exits (``at_exit``): workers begun ahead of the run.
_stops: list[Callable[[], None]] = []


def at_exit(stop: Callable[[], None]) -> None:
    """Have ``exit_now`` call ``stop`` before the process ends."""
    _stops.append(stop)


def interrupted(lang: str) -> NoReturn:
    """Ctrl-C before the app's boundary: say so and exit 130, as the boundary does."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"kh284: {word('cli.interrupted', lang)}\n")
    exit_now(130)


def exit_now(status: int) -> NoReturn:
    """Flush the streams and exit without tearing down every object one by one.

    A stream that cannot be flushed (closed, or on a full disk) makes a status 0 into 2.
    Whatever ``at_exit`` registered is stopped first.
    """
    for stop in _stops:
        with contextlib.suppress(Exception):
            stop()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            status = status or 2
    os._exit(status)


def data_dir_missing(data_dir: Path, lang: str) -> NoReturn:
    """The data directory does not exist: say so (exit 2)."""
    fail(word("common.no_data_dir", lang, path=data_dir))


#: What a locale without these characters shows instead: a letter with its marks apart is
#: ``unicodedata``'s (NFD), without them ``validate.names.strip_diacritics``'s (``đ`` → ``d``
#: too), after the compatibility forms (NFKD: ``…`` → ``...``); the rest is here; each
#: status shape keeps an ASCII stand-in of its own, so that statuses stay apart.
_SPELLED = {
    "—": "-", "–": "-", "‒": "-", "―": "-", "−": "-", "‐": "-",
    "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "≥": ">=", "≤": "<=", "≠": "!=", "≈": "~", "±": "+/-", "×": "x", "÷": "/",
    "→": "->", "←": "<-", "↑": "^", "↓": "v", "↻": "@", "·": ".", "•": "*", "∙": "*",
    "●": "*", "▲": "^", "◆": "+", "▼": "v", "■": "#", "✕": "x", "○": "o", "◔": "c",
    "◐": "(", "◇": "~", "✓": "v", "✔": "v", "✗": "x", "✘": "x", "❌": "x", "⚠": "!",
    "█": "#", "▓": "#", "▒": ":", "░": ".", "Σ": "sum", "Δ": "delta", "∈": "in",
    "╱": "/", "╲": "\\", "╳": "x",
    # the word joiner that breaks a line's ``::`` (``render.findings.neutral_lines``): a
    # space where the locale has no invisible character, so that no runner reads ``::``
    "\u2060": " ",
}  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _spelled(char: str, encoding: str) -> str:
    """``char`` in letters ``encoding`` has: its marks apart, a stand-in, the bare letter, ``?``."""
    mark = unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf")
    if mark and char not in _SPELLED:
        return ""  # a mark on the letter before, a variation selector, a joiner
    name = unicodedata.name(char, "")
    # a code page that writes tone marks apart (Windows-1258) keeps every letter whole:
    # ``ệ`` as ``ê`` and a dot below, the most of the letter it has in one piece
    apart = unicodedata.normalize("NFD", char)
    base, marks = apart[0], list(apart[1:])
    candidates = [
        unicodedata.normalize("NFC", base + "".join(order[:k])) + "".join(order[k:])
        for order in itertools.permutations(marks[:3])
        for k in range(len(order), -1, -1)
    ]
    candidates.append(_SPELLED.get(char, ""))
    if name.startswith("BOX DRAWINGS"):
        words = set(name.split())
        across = bool(words & {"HORIZONTAL", "LEFT", "RIGHT"})
        down = bool(words & {"VERTICAL", "UP", "DOWN"})
        candidates.append("-" if across and not down else "|" if down and not across else "+")
    from kh284.validate.names import strip_diacritics

    candidates.append(strip_diacritics(unicodedata.normalize("NFKD", char)))
    for candidate in candidates:
        if candidate and candidate != char:
            try:
                candidate.encode(encoding)
            except (UnicodeError, LookupError):
                continue
            return candidate
    return "?"


def readable(encoding: str) -> Callable[[UnicodeError], tuple[str, int]]:
    """The codec error handler of a stream in ``encoding``: what it cannot encode, spelled.

    The handler is told the stream's encoding here: a code page's own error names only
    ``charmap``.
    """

    def spell(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeEncodeError):
            raise error
        part = error.object[error.start : error.end]
        return "".join(_spelled(c, encoding) for c in part), error.end

    return spell


def readable_streams() -> None:
    """Make stdout and stderr write what their encoding lacks as ``readable`` spells it."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=_handler(stream.encoding))
        except (LookupError, TypeError):
            continue


def _handler(encoding: str) -> str:
    """The name of the ``readable`` error handler of ``encoding``, registered once."""
    name = f"kh284-readable-{codecs.lookup(encoding).name}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        codecs.register_error(name, readable(codecs.lookup(encoding).name))
    return name


def spelled(text: str, encoding: str) -> str:
    """``text`` as a stream in ``encoding`` shows it: what the encoding lacks, spelled."""
    return text.encode(encoding, _handler(encoding)).decode(encoding)


def refuse_subfolder(data_dir: Path, lang: str) -> None:
    """A data directory that is a sub-folder of one (``…/progress``): name the one to use.

    A usage error (exit 2), before anything is read: its findings (a missing plan.yaml …)
    would only say what is not there.
    """
    from kh284.cli.argv import enclosing_data_dir

    parent = enclosing_data_dir(data_dir)
    if parent is not None:
        shown, use = printable(str(data_dir)), printable(str(parent))
        fail(word("cli.data_subfolder", lang, path=shown, parent=use))
