"""The report commands: ``report``, ``template`` and ``import``.

Their parameters are declared with the other commands' (``declarations``); they write
their ``Result`` the one way (``output``: only to a regular file or a new path, checked
before any work); their libraries (the ``reports`` extra) load only when one of them runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from kh284.cli.declarations import FailOn, Lang, ReportFormat
from kh284.cli.options import parse_as_of
from kh284.cli.output import (
    data_dir_missing,
    deliver,
    fail,
    refuse_existing,
    refuse_subfolder,
    write_file,
    write_stdout,
)
from kh284.i18n import os_error, word
from kh284.render import Result

T = TypeVar("T")


def _run_report_command(lang: str, data_dir: Path, action: Callable[[], T]) -> T:
    """Run a report command's core; turn what stops it into a message and exit 2."""
    from kh284.diagnostics import UsageError
    from kh284.reports import MissingExtra
    from kh284.validate.dataset import DataDirError

    refuse_subfolder(data_dir, lang)
    try:
        return action()
    except MissingExtra as exc:
        fail(exc.message(lang))
    except DataDirError:
        data_dir_missing(data_dir, lang)
    except UsageError as exc:
        fail(exc.message(lang))


def report(
    *,
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    report_format: ReportFormat,
    output: Path | None,
    force: bool,
    unit: str | None,
    fail_on: FailOn,
    since: str | None,
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
    *, unit: str, period: int, data_dir: Path, lang: Lang, output: Path | None, force: bool
) -> None:
    """Write an Excel template of what one unit should report for one year."""
    from kh284.reports import run

    refuse_existing(output, force, lang.value)
    unit_id, data = _run_report_command(
        lang.value, data_dir, lambda: run.template(data_dir, unit, period)
    )
    path = output if output is not None else Path(f"{unit_id}-{period}.xlsx")
    deliver(Result(data, "", 0), path, force, lang.value)  # says "đã ghi PATH"


def import_(
    *, file: Path, data_dir: Path, as_of: str | None, lang: Lang, output: Path | None, force: bool
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
            fail(f"{printable(str(imported.output.parent))}: {os_error(exc, lang.value)}")
        write_file(imported.output, imported.text.encode("utf-8"), force, lang.value)
    sys.stderr.write(run.import_summary(imported, file, lang.value, imported.ok))
    raise SystemExit(0 if imported.ok else 1)
