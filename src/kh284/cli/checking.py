"""The checking commands: validate, check, tasks, overdue, missing, targets, units, schema.

Each one is a plain function: it receives its parameters (``declarations.COMMAND_LINES``)
as keywords, the reporting commands the shared block as one ``Options`` record, whether
typer parsed the command line (``app.declare``) or ``cli/quick.py`` did.  It runs its
core in ``commands`` (``run_command``: the function ``replay.core`` gives for the
command's name, or its result replayed) and writes the ``Result`` the one way
``output.deliver`` does.  No typer here, and nothing heavy is imported before a command
runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kh284.cli.declarations import Color, FailOn, Lang, SchemaKind, TargetsFormat
from kh284.cli.options import Options, build, task_statuses
from kh284.cli.output import data_dir_missing, deliver, fail, refuse_subfolder
from kh284.cli.replay import Command, run_replayed
from kh284.render import Format, Result


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


def validate(*, files: list[Path] | None, options: Options) -> None:
    """Validate every data file: file:line:col diagnostics."""
    result = run_command(options, "validate", files=files)
    deliver(result, options.output, options.force, options.lang)


def check(*, due_within: int | None, options: Options) -> None:
    """Evaluate every target and task as of a date."""
    result = run_command(options, "check", due_within=due_within)
    deliver(result, options.output, options.force, options.lang)


def tasks(
    *,
    status: list[str] | None,
    unit: str | None,
    coordinating: bool,
    due_within: int | None,
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


def overdue(*, unit: str | None, coordinating: bool, options: Options) -> None:
    """List overdue tasks, most overdue first."""
    result = run_command(
        options, "overdue", unit=unit, coordinating=coordinating, statuses=None, overdue=True
    )
    deliver(result, options.output, options.force, options.lang)


def missing(*, unit: str | None, year: int | None, options: Options) -> None:
    """List what each unit owes and has not sent, most overdue first.

    Per unit: reports owed, received on time, received late, missing. Exit 1 when
    something is missing (as overdue exits 1 when something is overdue), 0 when nothing
    is, 2 when it could not run.
    """
    result = run_command(options, "missing", unit=unit, year=year)
    deliver(result, options.output, options.force, options.lang)


def targets(
    *,
    target_id: str | None,
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    output_format: TargetsFormat,
    as_json: bool,
    color: Color,
) -> None:
    """List the targets, or show one target's history."""
    as_json = as_json or output_format is TargetsFormat.json
    _list(data_dir, as_of, lang, as_json, color, "targets", target_id=target_id)


def units(
    *,
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    output_format: TargetsFormat,
    color: Color,
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


def schema(*, kind: SchemaKind) -> None:
    """Print the JSON Schema of a data file (generated from the models)."""
    from kh284.validate.json_schema import schema_text

    deliver(Result(schema_text(kind.value), "", 0, machine=True), None, False, "en")


#: The commands of this module by name (``declarations.COMMAND_LINES``), in ``--help`` order.
COMMANDS: dict[str, Callable[..., None]] = {
    "validate": validate,
    "check": check,
    "tasks": tasks,
    "overdue": overdue,
    "missing": missing,
    "targets": targets,
    "units": units,
    "schema": schema,
}
