"""The one way a command writes its result: stdout or ``--output``, then stderr, then exit.

Only the report goes to stdout (or to ``--output``, written atomically, only to a regular
file or a new path, and never over an existing file without ``--force``); a stdout that
cannot be written is a clear error (exit 2), never a lost report.  The summary line goes to
stderr; the exit code follows the one policy in ``diagnostics.exit_code_for``.
``fail`` is the one way a run that cannot go ahead stops (``kh284: …``, exit 2).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import NoReturn

from kh284.diagnostics.catalogue import printable
from kh284.i18n import os_error, word
from kh284.render import Result


def fail(message: str) -> NoReturn:
    """Print ``kh284: message`` to stderr and exit 2 (the run could not go ahead)."""
    import typer

    sys.stderr.write(f"kh284: {message}\n")
    raise typer.Exit(2)


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


def write_stdout(text: str, lang: str) -> None:
    """Write ``text`` to stdout and flush it; stop the run (exit 2) when that fails.

    A closed stdout (``>&-``), a full disk or a closed pipe is said in words, never with a
    traceback, so a lost report cannot pass for a delivered one.
    """
    problem = stdout_problem(text, lang)
    if problem is not None:
        fail(problem)


def stdout_problem(text: str, lang: str) -> str | None:
    """Write ``text`` to stdout and flush it; what went wrong, in words, or ``None``."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed
        return word("cli.stdout_closed", lang)
    try:
        stream.write(text)
        stream.flush()
    except ValueError:  # the stream object was closed
        return word("cli.stdout_closed", lang)
    except OSError as exc:
        if exc.errno == errno.EBADF:
            return word("cli.stdout_closed", lang)
        return word("cli.stdout_failed", lang, detail=os_error(exc, lang))
    return None


def deliver(result: Result, output: Path | None, force: bool, lang: str) -> NoReturn:
    """Write the result to stdout or ``output``, the summary to stderr, and exit.

    A file written is said on stderr (``đã ghi PATH``), after the summary.
    """
    wrote = ""
    if output is not None:
        write_file(output, result.output, force, lang)
        wrote = word("common.wrote", lang, path=printable(str(output))) + "\n"
    elif result.output:
        text = result.output
        write_stdout(text.decode("utf-8") if isinstance(text, bytes) else text, lang)
    import typer

    sys.stderr.write(result.summary + wrote)
    raise typer.Exit(result.exit_code)


def deliver_early(output: str, summary: str, exit_code: int, lang: str) -> NoReturn:
    """Write a result as ``deliver`` does, before any parsing; exit as ``cli.app`` does.

    For a replayed result (``cli/replay.py``) and ``kh284 --version``: without typer, the
    report to stdout (a failure to write it said in words, exit 2), the summary to stderr,
    and the exit code.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    status = exit_code
    try:
        problem = stdout_problem(output, lang) if output else None
        if problem is not None:
            sys.stderr.write(f"kh284: {problem}\n")
            summary, status = "", 2
        sys.stderr.write(summary)
    except KeyboardInterrupt:
        sys.stderr.write(f"kh284: {word('cli.interrupted', lang)}\n")
        status = 130
    exit_now(status)


def exit_now(status: int) -> NoReturn:
    """Flush the streams and exit without tearing down every object one by one.

    A stream that cannot be flushed (closed, or on a full disk) makes a status 0 into 2.
    """
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
