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
from kh284.cli import checking, reports

app = typer.Typer(
    name="kh284",
    help="Kiểm tra tiến độ kế hoạch thực hiện Kết luận 91-KL/TW mô tả trong thư mục dữ "
    "liệu. Compliance checker for a plan implementing KL 91-KL/TW, described by the data "
    "directory.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kh284 {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Kiểm tra tiến độ kế hoạch / compliance checker for a plan described by data files."""


for _command in (
    checking.validate,
    checking.check,
    checking.tasks,
    checking.overdue,
    checking.targets,
    checking.schema,
    reports.report,
    reports.template,
):
    app.command()(_command)
app.command("import")(reports.import_)


def _fast_exit(code: object) -> NoReturn:
    """Exit without tearing down every object of a large run one by one (as mypy does).

    The streams are flushed first; nothing else is pending at this point.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        status = status or 2
    os._exit(status)


def main() -> None:
    """Console entry point: ``run_app``, then a fast exit with its status."""
    try:
        run_app()
    except SystemExit as done:
        _fast_exit(done.code)


def run_app() -> None:
    """Run the app; turn an unexpected exception into exit 2 (raises ``SystemExit``)."""
    # kh284 uses no pydantic plugins; not looking for any saves scanning installed packages
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    for stream in (sys.stdout, sys.stderr):
        # a terminal or pipe that cannot show Vietnamese gets escapes, not a crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("kh284: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the boundary: never show a traceback
        from kh284.diagnostics import catalogue

        lang = os.environ.get("KH284_LANG", "vi")
        detail = f"{type(exc).__name__}: {exc}"
        sys.stderr.write(f"kh284: X901 {catalogue.render('X901', lang, {'detail': detail})}\n")
        sys.exit(2)
