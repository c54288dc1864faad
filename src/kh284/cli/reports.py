"""The report commands: ``report``, ``template`` and ``import``.

They share the options of the other commands (``options``) and write their ``Result``
the one way (``output``: only to a regular file or a new path, checked before any work);
their libraries (the ``reports`` extra) load only when one of them runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from kh284.cli.argv import DATA_DIR_DEFAULT
from kh284.cli.options import (
    AsOfOpt,
    DataDirOpt,
    FailOn,
    FailOnOpt,
    ForceOpt,
    Lang,
    LangOpt,
    OutputOpt,
    parse_as_of,
)
from kh284.cli.output import (
    data_dir_missing,
    deliver,
    fail,
    refuse_existing,
    write_file,
    write_stdout,
)
from kh284.i18n import word
from kh284.render import Result

T = TypeVar("T")


class ReportFormat(str, Enum):
    """The formats of ``kh284 report``."""

    html = "html"
    xlsx = "xlsx"
    docx = "docx"


def _run_report_command(lang: str, data_dir: Path, action: Callable[[], T]) -> T:
    """Run a report command's core; turn what stops it into a message and exit 2."""
    from kh284.diagnostics import UsageError
    from kh284.reports import MissingExtra
    from kh284.validate.dataset import DataDirError

    try:
        return action()
    except MissingExtra as exc:
        fail(exc.message(lang))
    except DataDirError:
        data_dir_missing(data_dir, lang)
    except UsageError as exc:
        fail(exc.message(lang))


def report(
    data_dir: DataDirOpt = Path(DATA_DIR_DEFAULT),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="help.opt.report_format",
        ),
    ] = ReportFormat.html,
    output: OutputOpt = None,
    force: ForceOpt = False,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
            help="help.opt.report_unit",
        ),
    ] = None,
    fail_on: FailOnOpt = FailOn.error,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="help.opt.since")
    ] = None,
) -> None:
    """Write the dashboard (html), status workbook (xlsx) or report draft (docx)."""
    from kh284.cli.commands import check_view
    from kh284.cli.comparing import compared, parse_day
    from kh284.cli.options import Options
    from kh284.reports import run

    day = parse_as_of(as_of, lang.value)
    earlier = parse_day(since, "--since", lang.value)
    fmt = report_format.value
    if output is None and fmt != "html":
        fail(word("common.needs_output", lang.value, fmt=fmt))
    refuse_existing(output, force, lang.value)
    options = Options(
        data_dir=data_dir, as_of=day, lang=lang.value, fail_on=fail_on.value, quiet=True
    )
    produced = _run_report_command(
        lang.value,
        data_dir,
        lambda: run.report(
            check_view(options),
            fmt,
            unit,
            None if earlier is None else compared(options, earlier, day, None)[0],
        ),
    )
    deliver(produced, output, force, lang.value)


def template(
    unit: Annotated[
        str,
        typer.Option("--unit", metavar="UNIT", help="help.opt.template_unit"),
    ],
    period: Annotated[
        int,
        typer.Option("--period", metavar="YEAR", min=1945, max=2100, help="help.opt.period"),
    ],
    data_dir: DataDirOpt = Path(DATA_DIR_DEFAULT),
    lang: LangOpt = Lang.vi,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="help.opt.template_output"),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Write an Excel template of what one unit should report for one year."""
    from kh284.reports import run

    refuse_existing(output, force, lang.value)
    unit_id, data = _run_report_command(
        lang.value, data_dir, lambda: run.template(data_dir, unit, period)
    )
    path = output if output is not None else Path(f"{unit_id}-{period}.xlsx")
    wrote = word("common.wrote", lang.value, path=path) + "\n"
    deliver(Result(data, wrote, 0), path, force, lang.value)


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="help.arg.workbook")],
    data_dir: DataDirOpt = Path(DATA_DIR_DEFAULT),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="help.opt.import_output",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Turn a filled template into a progress report (YAML), validated like any report."""
    from kh284.reports import run

    refuse_existing(output, force, lang.value)
    day = parse_as_of(as_of, lang.value)
    imported = _run_report_command(
        lang.value,
        data_dir,
        lambda: run.import_template(file, data_dir, day, lang.value, output),
    )
    if imported.lines:
        write_stdout("".join(line + "\n" for line in imported.lines), lang.value)
    if imported.ok:
        from kh284.diagnostics.catalogue import printable

        # looked at again just before writing: a link made meanwhile is refused too
        _run_report_command(
            lang.value, data_dir, lambda: run.confine_output(data_dir, imported.output)
        )
        try:
            imported.output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(f"{printable(str(imported.output.parent))}: {exc.strerror or exc}")
        write_file(imported.output, imported.text.encode("utf-8"), force, lang.value)
    sys.stderr.write(run.import_summary(imported, file, lang.value, imported.ok))
    raise typer.Exit(0 if imported.ok else 1)
