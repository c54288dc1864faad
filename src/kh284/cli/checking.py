"""The checking commands: validate, check, tasks, overdue, missing, targets, units, schema.

Each one parses its own arguments, gets the shared options from ``options.reporting``,
runs its core in ``commands`` (``run_command``: the function ``replay.core`` gives for the
command's name, or its result replayed) and writes the ``Result`` the one way
``output.deliver`` does.  Nothing heavy is imported before a command runs.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from kh284.cli.argv import DATA_DIR_DEFAULT
from kh284.cli.options import (
    AsOfOpt,
    Color,
    ColorOpt,
    CoordinatingOpt,
    DataDirOpt,
    DueWithinOpt,
    FailOn,
    Lang,
    LangOpt,
    Options,
    OwingUnitOpt,
    UnitOpt,
    YearOpt,
    build,
    reporting,
    task_statuses,
)
from kh284.cli.output import data_dir_missing, deliver, fail, refuse_subfolder
from kh284.cli.replay import Command, run_replayed
from kh284.load.registry import KINDS
from kh284.render import Format, Result

#: The kinds of data file, from the registry (``kh284 schema KIND``).
SchemaKind = Enum("SchemaKind", {k.kind: k.kind for k in KINDS}, type=str)  # type: ignore[misc]


def run_command(options: Options, command: Command, **kwargs: object) -> Result:
    """Run ``command``'s core, or replay its result from the cache (``cli/replay.py``).

    A missing data directory or a usage error becomes its message and exit code 2.
    """
    from kh284.diagnostics import UsageError
    from kh284.load.snapshot import DataDirError

    refuse_subfolder(options.data_dir, options.lang)
    try:
        return run_replayed(options, command, kwargs)
    except DataDirError:
        data_dir_missing(options.data_dir, options.lang)
    except UsageError as exc:
        fail(exc.message(options.lang))


@reporting()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILE]...", help="help.arg.files"),
    ] = None,
    *,
    options: Options,
) -> None:
    """Validate every data file: file:line:col diagnostics."""
    result = run_command(options, "validate", files=files)
    deliver(result, options.output, options.force, options.lang)


@reporting(verbose=True)
def check(due_within: DueWithinOpt = None, *, options: Options) -> None:
    """Evaluate every target and task as of a date."""
    result = run_command(options, "check", due_within=due_within)
    deliver(result, options.output, options.force, options.lang)


@reporting()
def tasks(
    status: Annotated[
        list[str] | None,
        typer.Option("--status", metavar="STATUS", help="help.opt.status"),
    ] = None,
    unit: UnitOpt = None,
    coordinating: CoordinatingOpt = False,
    due_within: DueWithinOpt = None,
    *,
    options: Options,
) -> None:
    """List appendix tasks with their status."""
    statuses = task_statuses(status, options.lang)
    result = run_command(
        options,
        "tasks",
        unit=unit,
        coordinating=coordinating,
        statuses=statuses or None,
        overdue=False,
        due_within=due_within,
    )
    deliver(result, options.output, options.force, options.lang)


@reporting()
def overdue(
    unit: UnitOpt = None,
    coordinating: CoordinatingOpt = False,
    *,
    options: Options,
) -> None:
    """List overdue tasks, most overdue first."""
    result = run_command(
        options, "overdue", unit=unit, coordinating=coordinating, statuses=None, overdue=True
    )
    deliver(result, options.output, options.force, options.lang)


@reporting()
def missing(
    unit: OwingUnitOpt = None,
    year: YearOpt = None,
    *,
    options: Options,
) -> None:
    """List what each unit owes and has not sent, most overdue first.

    Per unit: reports owed, received on time, received late, missing. Exit 1 when
    something is missing (as overdue exits 1 when something is overdue), 0 when nothing
    is, 2 when it could not run.
    """
    result = run_command(options, "missing", unit=unit, year=year)
    deliver(result, options.output, options.force, options.lang)


class TargetsFormat(str, Enum):
    """The formats of ``kh284 targets``."""

    terminal = "terminal"
    json = "json"


def targets(
    target_id: Annotated[
        str | None, typer.Argument(metavar="TARGET", help="help.arg.target")
    ] = None,
    data_dir: DataDirOpt = Path(DATA_DIR_DEFAULT),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    output_format: Annotated[
        TargetsFormat, typer.Option("--format", help="help.opt.targets_format")
    ] = TargetsFormat.terminal,
    as_json: Annotated[bool, typer.Option("--json", hidden=True)] = False,
    color: ColorOpt = Color.auto,
) -> None:
    """List the targets, or show one target's history."""
    as_json = as_json or output_format is TargetsFormat.json
    _list(data_dir, as_of, lang, as_json, color, "targets", target_id=target_id)


def units(
    data_dir: DataDirOpt = Path(DATA_DIR_DEFAULT),
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help="help.opt.units_as_of")
    ] = None,
    lang: LangOpt = Lang.vi,
    output_format: Annotated[
        TargetsFormat, typer.Option("--format", help="help.opt.units_format")
    ] = TargetsFormat.terminal,
    color: ColorOpt = Color.auto,
) -> None:
    """List the units: every one, or with --as-of those that exist on that day."""
    as_json = output_format is TargetsFormat.json
    _list(data_dir, as_of, lang, as_json, color, "units", dated=as_of is not None)


def _list(
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    as_json: bool,
    color: Color,
    command: Command,
    **arguments: object,
) -> None:
    """A list command (``targets``, ``units``): never failing on findings, json or tables."""
    fmt = Format.json if as_json else None
    options = build(data_dir, as_of, lang, fmt, None, fail_on=FailOn.never, color=color)
    result = run_command(options, command, as_json=as_json, **arguments)
    deliver(result, None, False, options.lang)


def schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", help="help.arg.kind")],
) -> None:
    """Print the JSON Schema of a data file (generated from the models)."""
    from kh284.validate.json_schema import schema_text

    deliver(Result(schema_text(kind.value), "", 0, machine=True), None, False, "en")
