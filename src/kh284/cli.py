"""The command line (typer): parse options, call the engine, pick a format, exit.

Commands stay thin: ``validate`` checks the data files, ``check`` evaluates every target
and task, ``targets`` lists targets or shows one's history, ``tasks`` and ``overdue`` list
appendix tasks.  Every command exits by the policy in ``diagnostics.exit_code_for``;
a usage problem or a missing data directory exits 2; an internal error prints a short
message (never a traceback) and exits 2.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kh284 import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from kh284.diagnostics import Diagnostic
    from kh284.engine import Outcome
    from kh284.evaluation.tasks import TaskResult

app = typer.Typer(
    name="kh284",
    help="Kiểm tra tiến độ Kế hoạch 284/KH-UBND (thực hiện Kết luận 91-KL/TW). "
    "Compliance checker for plan 284/KH-UBND.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Lang(str, Enum):
    """Message language."""

    vi = "vi"
    en = "en"


class Format(str, Enum):
    """Output format."""

    terminal = "terminal"
    json = "json"


class FailOn(str, Enum):
    """Lowest severity that makes the exit code 1."""

    error = "error"
    warning = "warning"
    never = "never"


DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        envvar="KH284_DATA_DIR",
        help="Thư mục dữ liệu / data directory.",
        show_default=True,
    ),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", envvar="KH284_LANG", help="Ngôn ngữ / language (vi, en).")
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Ngày đánh giá / evaluate as of (DD/MM/YYYY or YYYY-MM-DD); default today."
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
FailOnOpt = Annotated[
    FailOn, typer.Option("--fail-on", help="Exit 1 on findings at or above this severity.")
]
UnitOpt = Annotated[
    str | None,
    typer.Option("--unit", help="Chỉ nhiệm vụ của đơn vị / only tasks of this unit (id or name)."),
]
Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also list every target and task finding.")
]


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
    """Kiểm tra tiến độ Kế hoạch 284/KH-UBND / compliance checker for plan 284/KH-UBND."""


def _as_of(text: str | None) -> dt.date:
    from kh284.dates import DateFormatError, parse_date

    if text is None:
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormatError as exc:
        raise typer.BadParameter(f"{text!r}: {exc}", param_hint="--as-of") from exc


def _width() -> int:
    return shutil.get_terminal_size((120, 40)).columns if sys.stdout.isatty() else 120


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _run(data_dir: Path, as_of: dt.date, *, evaluate: bool, lang: str) -> Outcome:
    from kh284.dataset import DataDirError
    from kh284.engine import run

    try:
        return run(data_dir, as_of, evaluate=evaluate)
    except DataDirError:
        msg = (
            f"Không tìm thấy thư mục dữ liệu: {data_dir}"
            if lang == "vi"
            else f"Data directory not found: {data_dir}"
        )
        typer.echo(f"kh284: {msg}", err=True)
        raise typer.Exit(2) from None


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _finish(diags: Sequence[Diagnostic], fail_on: FailOn) -> NoReturn:
    from kh284.diagnostics import exit_code_for

    raise typer.Exit(int(exit_code_for(diags, fail_on.value)))


def _data_diagnostics(outcome: Outcome, verbose: bool) -> list[Diagnostic]:
    """Diagnostics to list as lines: data problems, plus verdict findings with verbose."""
    return [d for d in outcome.diagnostics if verbose or d.code[0] not in "TK"]


@app.command()
def validate(
    data_dir: DataDir = Path("data"),
    as_of: AsOf = None,
    lang: LangOpt = Lang.vi,
    output_format: FormatOpt = Format.terminal,
    fail_on: FailOnOpt = FailOn.error,
) -> None:
    """Kiểm tra các tệp dữ liệu / validate every data file (0 clean, 1 errors, 2 cannot run)."""
    outcome = _run(data_dir, _as_of(as_of), evaluate=False, lang=lang.value)
    if output_format is Format.json:
        from kh284.render import json_format, plain

        _emit(json_format.render(plain.outcome_dict(outcome, "validate", lang.value)))
    else:
        from kh284.render import terminal

        lines = [terminal.diagnostic_line(d, lang.value) for d in outcome.diagnostics]
        files = len(outcome.dataset.documents)
        lines.append(terminal.summary_line(outcome.diagnostics, files, lang.value))
        _emit(terminal.to_text(lines, color=_color(), width=_width()))
    _finish(outcome.diagnostics, fail_on)


@app.command()
def check(
    data_dir: DataDir = Path("data"),
    as_of: AsOf = None,
    lang: LangOpt = Lang.vi,
    output_format: FormatOpt = Format.terminal,
    fail_on: FailOnOpt = FailOn.error,
    verbose: Verbose = False,
) -> None:
    """Đánh giá chỉ tiêu và nhiệm vụ / evaluate every target and task as of a date."""
    outcome = _run(data_dir, _as_of(as_of), evaluate=True, lang=lang.value)
    if output_format is Format.json:
        from kh284.render import json_format, plain

        _emit(json_format.render(plain.outcome_dict(outcome, "check", lang.value)))
    else:
        from kh284.render import terminal

        width = _width()
        parts: list[object] = [
            terminal.diagnostic_line(d, lang.value) for d in _data_diagnostics(outcome, verbose)
        ]
        parts.extend(terminal.targets_tables(outcome, lang.value))
        if outcome.evaluated:
            parts.append(terminal.tasks_table(outcome.tasks, lang.value, _namer(outcome), width))
            parts.append(terminal.headline_line(outcome.headline, lang.value))
        files = len(outcome.dataset.documents)
        parts.append(terminal.summary_line(outcome.diagnostics, files, lang.value))
        _emit(terminal.to_text(parts, color=_color(), width=width))  # type: ignore[arg-type]
    _finish(outcome.diagnostics, fail_on)


def _namer(outcome: Outcome) -> Callable[[str], str]:
    units = outcome.index.units.items

    def name(unit_id: str) -> str:
        unit = units.get(unit_id)
        return unit.short_name if unit else unit_id

    return name


@app.command()
def targets(
    target_id: Annotated[str | None, typer.Argument(help="Một chỉ tiêu / one target id.")] = None,
    data_dir: DataDir = Path("data"),
    as_of: AsOf = None,
    lang: LangOpt = Lang.vi,
    output_format: FormatOpt = Format.terminal,
) -> None:
    """Liệt kê chỉ tiêu, hoặc lịch sử một chỉ tiêu / list targets, or one target's history."""
    outcome = _run(data_dir, _as_of(as_of), evaluate=True, lang=lang.value)
    from kh284.render import targets_view

    results = outcome.targets
    if target_id is not None:
        results = [r for r in results if r.target.id == target_id.strip().lower()]
        if not results:
            from kh284.textnorm import suggest

            hint = suggest(target_id, [r.target.id for r in outcome.targets])
            msg = (
                f"Không có chỉ tiêu '{target_id}'"
                if lang is Lang.vi
                else f"No target '{target_id}'"
            )
            if hint:
                msg += f" — '{hint}'?"
            typer.echo(f"kh284: {msg}", err=True)
            raise typer.Exit(2)
    if output_format is Format.json:
        from kh284.render import json_format, plain

        data = {
            "schema_version": plain.SCHEMA_VERSION,
            "as_of": outcome.as_of.isoformat(),
            "targets": [plain.target_dict(r, lang.value) for r in results],
        }
        _emit(json_format.render(data))
    elif target_id is None:
        _emit(targets_view.listing(results, lang.value, color=_color(), width=_width()))
    else:
        _emit(targets_view.detail(results[0], lang.value, color=_color(), width=_width()))
    raise typer.Exit(0)


def _resolve_unit(outcome: Outcome, query: str | None, lang: str) -> list[str] | None:
    if query is None:
        return None
    found = outcome.index.find_units(query)
    if not found:
        from kh284.textnorm import suggest

        hint = suggest(query, outcome.index.units)
        msg = f"Không có đơn vị '{query}'" if lang == "vi" else f"No unit '{query}'"
        if hint:
            msg += f" — '{hint}'?"
        typer.echo(f"kh284: {msg}", err=True)
        raise typer.Exit(2)
    return found


@app.command()
def tasks(
    data_dir: DataDir = Path("data"),
    as_of: AsOf = None,
    lang: LangOpt = Lang.vi,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", help="Chỉ các trạng thái này / only these statuses (repeatable)."),
    ] = None,
    unit: UnitOpt = None,
    coordinating: Annotated[
        bool, typer.Option("--coordinating", help="Include tasks the unit coordinates.")
    ] = False,
    output_format: FormatOpt = Format.terminal,
    fail_on: FailOnOpt = FailOn.error,
) -> None:
    """Liệt kê nhiệm vụ phụ lục và trạng thái / list appendix tasks with their status."""
    from kh284.evaluation.vocabulary import TASK_LABELS

    for value in status or []:
        if value not in TASK_LABELS:
            raise typer.BadParameter(
                f"{value!r}: one of {', '.join(TASK_LABELS)}", param_hint="--status"
            )
    outcome = _run(data_dir, _as_of(as_of), evaluate=True, lang=lang.value)
    units = _resolve_unit(outcome, unit, lang.value)
    from kh284.engine import select_tasks

    rows = select_tasks(outcome, units, coordinating=coordinating, statuses=status)
    _task_output(outcome, rows, "tasks", lang, output_format, overdue=False)
    _finish(_task_diagnostics(outcome, rows), fail_on)


@app.command()
def overdue(
    data_dir: DataDir = Path("data"),
    as_of: AsOf = None,
    lang: LangOpt = Lang.vi,
    unit: UnitOpt = None,
    coordinating: Annotated[
        bool, typer.Option("--coordinating", help="Include tasks the unit coordinates.")
    ] = False,
    output_format: FormatOpt = Format.terminal,
    fail_on: FailOnOpt = FailOn.error,
) -> None:
    """Nhiệm vụ quá hạn, quá hạn lâu nhất trước / overdue tasks, most overdue first."""
    outcome = _run(data_dir, _as_of(as_of), evaluate=True, lang=lang.value)
    units = _resolve_unit(outcome, unit, lang.value)
    from kh284.engine import select_tasks

    rows = select_tasks(outcome, units, coordinating=coordinating, statuses=["overdue"])
    rows.sort(key=lambda r: (-(r.days_overdue or 0), r.task.number))
    _task_output(outcome, rows, "overdue", lang, output_format, overdue=True)
    _finish(_task_diagnostics(outcome, rows), fail_on)


def _task_diagnostics(outcome: Outcome, rows: Sequence[TaskResult]) -> list[Diagnostic]:
    """Data problems, plus the task findings of the rows shown."""
    shown = {r.task.id for r in rows}
    return [
        d
        for d in outcome.diagnostics
        if d.code[0] not in "TK" or (d.code[0] == "K" and dict(d.args).get("task") in shown)
    ]


def _task_output(
    outcome: Outcome,
    rows: list[TaskResult],
    command: str,
    lang: Lang,
    output_format: Format,
    *,
    overdue: bool,
) -> None:
    diags = _task_diagnostics(outcome, rows)
    if output_format is Format.json:
        from kh284.render import json_format, plain

        data = plain.outcome_dict(outcome, command, lang.value, tasks=rows, diagnostics=diags)
        data.pop("targets")
        _emit(json_format.render(data))
        return
    from kh284.render import terminal

    width = _width()
    parts: list[object] = [
        terminal.diagnostic_line(d, lang.value) for d in diags if d.code[0] != "K"
    ]
    parts.append(terminal.headline_line(outcome.headline, lang.value))
    table = terminal.overdue_table if overdue else terminal.tasks_table
    parts.append(table(rows, lang.value, _namer(outcome), width))
    _emit(terminal.to_text(parts, color=_color(), width=width))  # type: ignore[arg-type]


def main() -> None:
    """Console entry point: run the app; turn an unexpected exception into exit 2."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("kh284: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the boundary: never show a traceback
        from kh284 import messages

        lang = os.environ.get("KH284_LANG", "vi")
        detail = f"{type(exc).__name__}: {exc}"
        sys.stderr.write(f"kh284: X901 {messages.render('X901', lang, {'detail': detail})}\n")
        sys.exit(2)
