"""The typer app: its commands, the error boundary and the console entry point.

Exit codes follow one policy (``diagnostics.exit_code_for``): 0 clean, 1 findings at or
above ``--fail-on``, 2 could not run (usage error, missing data directory, refused
``--output``, internal error).  An unexpected exception prints a short message, never a
traceback, and exits 2.  The commands live in ``checking`` and ``reports``; this module
only registers them.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from kh284 import __version__
from kh284.cli import checking, followup, migrating, reports
from kh284.cli.helptext import KH284Command
from kh284.cli.usage import KH284Group

app = typer.Typer(
    name="kh284",
    help="help.app",  # every help text is a key of the vocabulary (cli/helptext.py)
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=KH284Group,
)


def _version(value: bool) -> None:
    if value:
        from kh284.cli.output import write_stdout

        write_stdout(f"kh284 {__version__}\n", _argv_lang())
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="help.opt.version"),
    ] = False,
) -> None:
    """Kiểm tra tiến độ kế hoạch / compliance checker for a plan described by data files."""


for _command in (
    checking.validate,
    checking.check,
    checking.tasks,
    checking.overdue,
    checking.missing,
    checking.targets,
    checking.schema,
    reports.report,
    reports.template,
    followup.remind,
    followup.changes,
    migrating.migrate,
):
    app.command(cls=KH284Command)(_command)
app.command("import", cls=KH284Command)(reports.import_)


def _fast_exit(code: object) -> NoReturn:
    """Exit without tearing down every object of a large run one by one (as mypy does).

    The streams are flushed first; nothing else is pending at this point.  A stream that
    cannot be flushed (closed, or on a full disk) makes the exit status 2 if it was 0.
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


def main() -> None:
    """Console entry point: ``run_app``, then a fast exit with its status."""
    try:
        run_app()
    except SystemExit as done:
        _fast_exit(done.code)


def _argv_lang() -> str:
    """The message language before the command line is parsed (``cli.argv_language``)."""
    from kh284.cli.argv import argv_language

    return argv_language()


def _hold_closed_streams() -> None:
    """Started with stdout or stderr closed (``>&-``): keep fds 0-2 from going to files.

    Each closed descriptor is pointed at the null device, so no file kh284 opens later can
    take its number.  ``sys.stdout`` stays ``None``: writing the report then says stdout is
    closed (exit 2) instead of losing it.  A closed stderr becomes the null device: nothing
    can be shown, and the exit code still tells.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            held = os.open(os.devnull, os.O_RDWR)
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


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


def _require_cwd() -> None:
    """A working directory that was deleted is a usage error (exit 2), not X901.

    Paths on the command line and in output are relative to it, so nothing can run
    without one; help and ``--version`` need none.
    """
    if not sys.argv[1:] or {"-h", "--help", "--version"}.intersection(sys.argv[1:]):
        return
    try:
        os.getcwd()
    except OSError:
        from kh284.cli.output import fail
        from kh284.i18n import word

        try:
            fail(word("cli.no_cwd", _argv_lang()))
        except typer.Exit as done:
            sys.exit(done.exit_code)


def run_app() -> None:
    """Run the app; turn an unexpected exception into exit 2 (raises ``SystemExit``)."""
    # kh284 uses no pydantic plugins; not looking for any saves scanning installed packages
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None or sys.stderr is None:
        _hold_closed_streams()
    from kh284.cli.output import readable_streams

    readable_streams()  # a terminal or pipe that cannot show Vietnamese: Van ban, not a crash
    _require_cwd()
    try:
        app()
    except SystemExit as done:
        if not _interrupted(done):
            raise
        _say_interrupted()  # typer turns Ctrl-C in a command into a silent exit 130
    except KeyboardInterrupt:
        _say_interrupted()
    except Exception as exc:  # the boundary: never show a traceback
        from kh284.diagnostics import catalogue

        detail = f"{type(exc).__name__}: {exc}"
        message = catalogue.render("X901", _argv_lang(), {"detail": detail})
        sys.stderr.write(f"kh284: X901 {message}\n")
        sys.exit(2)
