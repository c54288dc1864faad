"""The core of ``kh284 report``, ``template`` and ``import``: options in, bytes and words out.

No typer here and no file writing: the CLI writes what these return atomically and
prints.  A problem that stops a command (a missing library of the extra, data that cannot
be evaluated, a file that is not a template, an unknown unit) is raised as
``MissingExtra`` or ``diagnostics.UsageError``; both say what to do in either language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location, UsageError, count_by_severity
from kh284.i18n import both, word
from kh284.render import Result
from kh284.render.view import View
from kh284.reports import require
from kh284.views.changes import Changes


@dataclass
class Imported:
    """An imported template: the YAML text, where it goes, and what validation found."""

    text: str
    output: Path
    lines: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no finding is an error (the file may be written)."""
        from kh284.reports.importer import has_errors

        return not has_errors(self.diagnostics)


def report(view: View, fmt: str, unit: str | None, changes: Changes | None = None) -> Result:
    """The report in ``fmt`` (html, xlsx or docx) of ``kh284 check``'s ``view``.

    ``changes``: what changed since an earlier date (``--since``; html and docx).
    """
    require(fmt)
    from kh284.reports import charts
    from kh284.reports.content import build, lead_unit

    content = build(view, changes)
    lang = view.lang
    if not content.outcome.evaluated:
        raise UsageError(*both("run.not_evaluated"))
    if fmt == "xlsx":
        from kh284.reports import xlsx_export

        data = xlsx_export.render(content)
    elif fmt == "html":
        from kh284.reports import html

        drawn = charts.render_all(charts.specs(content), "svg", lang)
        data = html.render(content, {k: v.decode("utf-8") for k, v in drawn.items()}).encode()
    else:
        from kh284.reports import docx_report

        index = content.outcome.index
        unit_id = index.resolve_units(unit)[0] if unit else lead_unit(content.outcome)
        if unit_id is None:
            raise UsageError(*both("run.no_unit"))
        drawn = charts.render_all(charts.specs(content), "png", lang)
        data = docx_report.render(content, drawn, unit_id)
    return Result(data, content.summary, content.exit_code)


def template(data_dir: Path, unit: str, period: int) -> tuple[str, bytes]:
    """The Excel template of ``unit`` for ``period``: (the unit's id, .xlsx bytes)."""
    require("template")
    from kh284.reports import template as excel_template

    return excel_template.make(data_dir, unit, period)


def import_template(
    file: Path, data_dir: Path, as_of: dt.date, lang: str, output: Path | None
) -> Imported:
    """Read a filled template and validate it as a progress report of ``data_dir``."""
    require("import")
    from kh284.reports import importer
    from kh284.reports.template_layout import WorkbookError
    from kh284.validate.dataset import DataDirError

    if not data_dir.is_dir():
        raise DataDirError(str(data_dir))
    read = importer.read(file, file.name, data_dir)
    folder = data_dir / "progress" / (str(read.period) if read.period else "")
    target = output if output is not None else folder / f"{file.stem}.yaml"
    size = len(read.text.encode("utf-8", "surrogatepass"))
    if size > importer.MAX_REPORT_BYTES:  # validate could not read it (Y107): not written
        limit = importer.MAX_REPORT_BYTES
        from kh284.diagnostics.catalogue import printable

        too_large = dg.make("Y107", Location(printable(str(target))), size=size, limit=limit)
        shown = f"{printable(str(target))}: Y107 "
        raise WorkbookError(shown + too_large.message("vi"), shown + too_large.message("en"))
    confine_output(data_dir, target)
    rel = _relative(data_dir, target)
    found = importer.check_import(data_dir, read, rel, as_of)
    lines = [f"{cell}: {d.severity.label} {d.code} {d.message(lang)}" for cell, d in read.problems]
    lines += [read.line(d, rel, lang) for d in found]
    return Imported(read.text, target, lines, [d for _, d in read.problems] + found)


def confine_output(data_dir: Path, target: Path) -> None:
    """Refuse to write ``target`` in ``data_dir`` through a link (``WorkbookError``).

    Every folder on the way from the data directory to the report (``progress``, its
    year) is looked at without following it: a link leading out
    of the data directory is Y113, a link within it Y121 (``validate`` would not read what
    is written through it).  A path given with ``-o`` outside the data directory is the
    user's choice and is not looked at here; a link at the report's own path is refused
    by the atomic write.
    """
    from kh284.diagnostics.catalogue import printable
    from kh284.reports.template_layout import WorkbookError

    root = Path(data_dir).absolute()
    try:
        inside = Path(target).absolute().relative_to(root)
    except ValueError:
        return
    resolved_root = root.resolve()
    step = root
    for name in inside.parts[:-1]:  # the file itself: ``write_file`` writes no link
        step = step / name
        if not step.is_symlink():
            continue
        leads = step.resolve()
        shown = printable(str(step))
        if leads == resolved_root or resolved_root in leads.parents:
            problem = dg.make("Y121", Location(shown), name=shown)
        else:
            problem = dg.make("Y113", Location(shown), target=printable(str(leads)))
        head = f"{shown}: {problem.code} "
        raise WorkbookError(head + problem.message("vi"), head + problem.message("en"))


def _relative(data_dir: Path, target: Path) -> str:
    """The report's name in findings: its path in the data directory, if it goes there.

    Elsewhere it gets a name no file of the data directory can have, so it never replaces
    one of them while it is checked.
    """
    try:
        return target.resolve().relative_to(data_dir.resolve()).as_posix()
    except ValueError:
        return f"(import)/{target.name}"


def import_summary(imported: Imported, file: Path, lang: str, written: bool) -> str:
    """One line: findings, and whether the report was written (names escaped)."""
    from kh284.diagnostics.catalogue import printable

    counts = count_by_severity(imported.diagnostics)
    head = word(
        "common.import_summary",
        lang,
        errors=counts["error"],
        warnings=counts["warning"],
        file=printable(file.name),
    )
    tail = (
        word("common.import_wrote", lang, path=printable(str(imported.output)))
        if written
        else word("common.import_not_written", lang)
    )
    return head + tail + "\n"
