"""The error boundary every command runs inside, and the fast exit that ends a run.

Whether typer read the command line (``cli/app.py``) or ``cli/quick.py`` did, a command
runs inside ``guarded``: an unexpected exception prints a short message (X901, in the
language asked for), never a traceback, and exits 2; Ctrl-C is said in words (exit 130);
a closed pipe ends the run with exit 1, as the command-line library ends it.  ``exit_with``
then flushes the streams and leaves without tearing down every object one by one.  No
typer here.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from typing import NoReturn


def guarded(run: Callable[[], object]) -> None:
    """Run ``run``; turn an unexpected exception into exit 2 (raises ``SystemExit``)."""
    try:
        run()
    except SystemExit as done:
        if not _interrupted(done):
            raise
        _say_interrupted()  # typer turns Ctrl-C in a command into a silent exit 130
    except KeyboardInterrupt:
        _say_interrupted()
    except EOFError:
        # what the command-line library does with it under typer: a blank line, then its
        # ``Abort``, which reaches the boundary below
        sys.stderr.write("\n")
        _internal_error("Abort: ")
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # as the command-line library ends a run on a closed pipe
            sys.exit(1)
        _internal_error(f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # the boundary: never show a traceback
        _internal_error(f"{type(exc).__name__}: {exc}")


def _internal_error(detail: str) -> NoReturn:
    from kh284.diagnostics import catalogue

    message = catalogue.render("X901", _argv_lang(), {"detail": detail})
    sys.stderr.write(f"kh284: X901 {message}\n")
    sys.exit(2)


def _interrupted(done: SystemExit) -> bool:
    """True when ``done`` is exit 130 because of Ctrl-C (a ``KeyboardInterrupt`` led to it)."""
    cause: BaseException | None = done
    for _ in range(8):
        if cause is None:
            break
        if isinstance(cause, KeyboardInterrupt):
            return done.code == 130
        cause = cause.__cause__ or cause.__context__
    return False


def _say_interrupted() -> NoReturn:
    from kh284.i18n import word

    sys.stderr.write(f"kh284: {word('cli.interrupted', _argv_lang())}\n")
    sys.exit(130)


def _argv_lang() -> str:
    """The message language before the command line is parsed (``cli.argv_language``)."""
    from kh284.cli.argv import argv_language

    return argv_language()


def exit_with(code: object) -> NoReturn:
    """Exit with ``SystemExit``'s ``code`` without tearing down every object of a large run.

    As mypy does.  The streams are flushed first; nothing else is pending at this point.
    A stream that cannot be flushed (closed, or on a full disk) makes the exit status 2 if
    it was 0.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        if sys.stderr is not None:
            sys.stderr.write(f"{code}\n")
        status = 1
    from kh284.cli.output import exit_now

    exit_now(status)
