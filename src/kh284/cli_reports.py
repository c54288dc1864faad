"""The report commands of the command line: ``report``, ``template`` and ``import``.

They register on the same typer ``app`` as the other commands and share their options;
their libraries (the ``reports`` extra) load only when one of them runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from kh284.cli import (
    AsOfOpt,
    DataDirOpt,
    FailOn,
    FailOnOpt,
    ForceOpt,
    Lang,
    LangOpt,
    OutputOpt,
    _fail,
    _parse_as_of,
    app,
)

T = TypeVar("T")


class ReportFormat(str, Enum):
    """The formats of ``kh284 report``."""

    html = "html"
    xlsx = "xlsx"
    docx = "docx"


def _run_report_command(lang: str, data_dir: Path, action: Callable[[], T]) -> T:
    """Run a report command's core; turn what stops it into a message and exit 2."""
    from kh284.dataset import DataDirError
    from kh284.options import UsageError
    from kh284.reports import MissingExtra

    try:
        return action()
    except MissingExtra as exc:
        _fail(exc.message(lang))
    except DataDirError:
        _fail(
            f"không tìm thấy thư mục dữ liệu {data_dir}"
            if lang == "vi"
            else f"data directory not found: {data_dir}"
        )
    except UsageError as exc:
        _fail(exc.message(lang))


def _refuse_existing(path: Path | None, force: bool, lang: str) -> None:
    """Stop before any work when ``--output`` exists and ``--force`` was not given."""
    if path is not None and path.exists() and not force:
        _fail(
            f"{path} đã tồn tại; thêm --force để ghi đè"
            if lang == "vi"
            else f"{path} exists; add --force to replace it"
        )


def _write_file(path: Path, data: bytes, force: bool, lang: str) -> None:
    from kh284.atomic import ExistsError, write_bytes

    try:
        write_bytes(path, data, overwrite=force)
    except ExistsError:
        _refuse_existing(path, False, lang)
    except OSError as exc:
        _fail(f"{path}: {exc.strerror or exc}")


@app.command()
def report(
    data_dir: DataDirOpt = Path("data"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="html: offline dashboard; xlsx: status tables; docx: draft of the report.",
        ),
    ] = ReportFormat.html,
    output: OutputOpt = None,
    force: ForceOpt = False,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
            help="docx: the reporting unit that issues it [default: the unit leading most "
            "appendix tasks].",
        ),
    ] = None,
    fail_on: FailOnOpt = FailOn.error,
) -> None:
    """Write the dashboard (html), status workbook (xlsx) or report draft (docx)."""
    from kh284.reports import run

    day = _parse_as_of(as_of)
    fmt = report_format.value
    if output is None and fmt != "html":
        _fail(
            f"--format {fmt} cần --output" if lang is Lang.vi else f"--format {fmt} needs --output"
        )
    _refuse_existing(output, force, lang.value)
    produced = _run_report_command(
        lang.value,
        data_dir,
        lambda: run.report(data_dir, day, lang.value, fmt, fail_on.value, unit),
    )
    if output is None:
        sys.stdout.write(produced.data.decode("utf-8"))
        sys.stdout.flush()
    else:
        _write_file(output, produced.data, force, lang.value)
    sys.stderr.write(produced.summary)
    raise typer.Exit(produced.exit_code)


@app.command()
def template(
    unit: Annotated[
        str,
        typer.Option("--unit", metavar="UNIT", help="The reporting unit (id, short name or name)."),
    ],
    period: Annotated[
        int,
        typer.Option(
            "--period", metavar="YEAR", min=1945, max=2100, help="The year the figures describe."
        ),
    ],
    data_dir: DataDirOpt = Path("data"),
    lang: LangOpt = Lang.vi,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The .xlsx to write [default: UNIT-YEAR.xlsx]."
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Write an Excel template of what one unit should report for one year."""
    from kh284.reports import run

    _refuse_existing(output, force, lang.value)
    unit_id, data = _run_report_command(
        lang.value, data_dir, lambda: run.template(data_dir, unit, period)
    )
    path = output if output is not None else Path(f"{unit_id}-{period}.xlsx")
    _write_file(path, data, force, lang.value)
    sys.stderr.write(f"đã ghi {path}\n" if lang is Lang.vi else f"wrote {path}\n")
    raise typer.Exit(0)


@app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.xlsx", help="A template filled in by a unit.")
    ],
    data_dir: DataDirOpt = Path("data"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The progress report to write [default: DIR/progress/YEAR/FILE.yaml].",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Turn a filled template into a progress report (YAML), validated like any report."""
    from kh284.reports import run

    _refuse_existing(output, force, lang.value)
    day = _parse_as_of(as_of)
    imported = _run_report_command(
        lang.value,
        data_dir,
        lambda: run.import_template(file, data_dir, day, lang.value, output),
    )
    for line in imported.lines:
        sys.stdout.write(line + "\n")
    if imported.ok:
        imported.output.parent.mkdir(parents=True, exist_ok=True)
        _write_file(imported.output, imported.text.encode("utf-8"), force, lang.value)
    sys.stderr.write(run.import_summary(imported, file, lang.value, imported.ok))
    raise typer.Exit(0 if imported.ok else 1)
