"""The typer app: its commands and the console entry point for what typer parses.

Exit codes follow one policy (``diagnostics.exit_code_for``): 0 clean, 1 findings at or
above ``--fail-on``, 2 could not run (usage error, missing data directory, refused
``--output``, internal error).  An unexpected exception prints a short message, never a
traceback, and exits 2 (``cli/boundary.py``).  The commands live in ``checking``,
``reports``, ``followup`` and ``migrating``, their parameters in ``declarations``; this
module makes typer's declarations from those records (``declare``: ``kh284 --help`` and the
parser's checks come from them) and registers the commands.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from kh284 import __version__
from kh284.cli import argv, checking, followup, migrating, reports
from kh284.cli.boundary import exit_with, guarded
from kh284.cli.declarations import COMMAND_LINES, DATA_DIR, Argument, Parameter
from kh284.cli.helptext import KH284Command
from kh284.cli.options import arguments
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


def declare(name: str, command: Callable[..., Any]) -> Callable[..., Any]:
    """The command ``name`` as typer sees it: its parameters made from ``COMMAND_LINES``.

    ``command`` takes its own parameters (and ``options`` for the reporting commands) as
    keywords; typer sees every declared parameter, in order, and its values reach
    ``command`` through ``arguments``.
    """
    line = COMMAND_LINES[name]
    parameters = [
        inspect.Parameter(
            key,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=annotation(declared),
            default=inspect.Parameter.empty if declared.required else declared.default,
        )
        for key, declared in line.parameters
    ]

    @functools.wraps(command)
    def parsed(**values: Any) -> Any:
        return command(**arguments(line, values))  # as cli/quick.py calls it

    parsed.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    parsed.__annotations__ = {p.name: p.annotation for p in parameters}
    del parsed.__wrapped__  # typer must read the signature above, not the command's
    return parsed


#: The Python type of each kind of value (``declarations.Kind``) but ``choice``.
_TYPES: dict[str, Any] = {
    "flag": bool,
    "text": str,
    "texts": list[str],
    "int": int,
    "path": Path,
    "paths": list[Path],
}


def annotation(declared: Parameter) -> Any:
    """``Annotated[type, typer.Option(...)]`` (or ``typer.Argument``) for one record."""
    kind: Any = declared.choices if declared.kind == "choice" else _TYPES[declared.kind]
    if not declared.required and declared.default is None:
        kind = kind | None
    if isinstance(declared, Argument):
        return Annotated[kind, typer.Argument(metavar=declared.metavar, help=declared.help)]
    info = typer.Option(
        *declared.flags,
        metavar=declared.metavar,
        envvar=declared.envvar,
        callback=_data_dir if declared is DATA_DIR else None,
        help=declared.help,
        hidden=declared.hidden,
        min=declared.low,
        max=declared.high,
    )
    return Annotated[kind, info]


def _data_dir(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """``--data-dir`` found by ``argv.data_dir``, as the replay finds it before parsing.

    The parser's value when typed on the command line; else (from the environment or the
    default) found again by that one function, so the two cannot disagree.
    """
    from typer._click.core import ParameterSource

    typed = param.name is not None and (
        ctx.get_parameter_source(param.name) is ParameterSource.COMMANDLINE
    )
    return argv.data_dir(value if typed else None)


#: The commands, in the order ``kh284 --help`` lists them.
_COMMANDS: dict[str, Callable[..., Any]] = {
    **checking.COMMANDS,
    "report": reports.report,
    "template": reports.template,
    "remind": followup.remind,
    "changes": followup.changes,
    "migrate": migrating.migrate,
    "import": reports.import_,
}
for _name, _command in _COMMANDS.items():
    app.command(_name, cls=KH284Command)(declare(_name, _command))


def main() -> None:
    """Console entry point: ``run_app``, then a fast exit with its status."""
    try:
        run_app()
    except SystemExit as done:
        exit_with(done.code)


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

        fail(word("cli.no_cwd", _argv_lang()))


def run_app() -> None:
    """Run the app; turn an unexpected exception into exit 2 (raises ``SystemExit``)."""
    # kh284 uses no pydantic plugins; not looking for any saves scanning installed packages
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None or sys.stderr is None:
        _hold_closed_streams()
    from kh284.cli.output import readable_streams

    readable_streams()  # a terminal or pipe that cannot show Vietnamese: Van ban, not a crash
    _require_cwd()
    guarded(app)
