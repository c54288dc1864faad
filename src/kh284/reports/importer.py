"""``kh284 import``: a filled template read back into a progress report, and checked.

``read`` checks the file before it is opened (``xlsx_guard``), then reads the cells of the
layout ``template_layout`` names into a progress report as YAML text, keeping for every
YAML path the cell it came from and the value typed there (a ``FilledTemplate``).  A
figure is read as Excel shows it (``excel_figures``: its number format, a figure typed as
text), knowing from the data directory's targets whether it is a percentage.  A cell
that cannot be a value (a formula without a saved value, or with one that may be stale, a
text longer than Excel allows, an ambiguous figure) is a problem at its cell.
``check_import`` validates that text exactly as a file under ``progress/`` is validated
(``loader.load_text``, ``schema.validate`` against ``ProgressReport``, and every check
with the rest of the data directory, read once for the whole import) and keeps what the
findings need to be told in the spreadsheet's words (``filled_template``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location, Severity
from kh284.diagnostics.catalogue import printable
from kh284.i18n import both
from kh284.load.exact import MAX_FILE_BYTES, MAX_PROBLEMS, PathKey
from kh284.reports.excel_figures import PART, read_figure
from kh284.reports.filled_template import FilledTemplate, conflict_of, deliverable_words
from kh284.reports.template_layout import (
    FIRST_ROW,
    INFO,
    INFO_ROWS,
    MARK,
    MARKER,
    RATIO_INPUTS,
    STATUS_CHOICES,
    TARGET_COLUMNS,
    TARGET_INPUTS,
    TARGETS,
    TASK_COLUMNS,
    TASK_INPUTS,
    TASKS,
    WorkbookError,
    cell_at,
    figure_kind,
    info_cell,
)
from kh284.reports.xlsx_guard import shown
from kh284.validate.names import fold

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from kh284.load.snapshot import Snapshot
    from kh284.reports.xlsx_guard import Inspected

#: Longest text a cell may hold: Excel's own limit, so only a file not written by Excel
#: holds more (Y132, at the cell).
MAX_CELL_CHARS = 32_767
#: Largest report the import writes: the data-file limit, so ``validate`` can read it.
MAX_REPORT_BYTES = MAX_FILE_BYTES
#: Most findings about a workbook's cells listed: past them, Y119 and reading stops (as
#: for a data file, ``MAX_PROBLEMS``), so a broken workbook is never thousands of lines.
MAX_CELL_PROBLEMS = MAX_PROBLEMS


def read(file: Path, source_name: str, data_dir: Path | None = None) -> FilledTemplate:
    """Read a filled template into progress-report YAML (``WorkbookError`` if it is none).

    The file, its zip and its XML parts are checked first (``xlsx_guard``: limits,
    damaged or missing parts, each refused with its code and part); openpyxl then reads
    the cells, and anything it still cannot read is refused in the same way.  With
    ``data_dir``, its files are read once (kept for ``check_import``) and each figure is
    read as what its target measures.
    """
    import warnings

    from openpyxl import load_workbook

    from kh284.reports import xlsx_guard

    try:
        inspected = xlsx_guard.inspect(file)
    except xlsx_guard.Refused as refused:
        raise WorkbookError(refused.vi, refused.en) from None
    shown = printable(str(file))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on features it drops
            book = load_workbook(io.BytesIO(inspected.raw), data_only=True)
    except Exception as exc:  # the parts were checked: what is left is openpyxl's to say
        diagnostic = dg.make("Y127", Location(shown), part=file.name, detail=_why(exc))
        damaged = xlsx_guard.Refused(shown, diagnostic)
        raise WorkbookError(damaged.vi, damaged.en) from None
    names = set(book.sheetnames)
    if not {INFO, TARGETS, TASKS, MARKER} <= names or book[MARKER]["A1"].value != MARK:
        raise WorkbookError(*both("template.not_a_template", file=printable(str(file))))
    snapshot = None
    if data_dir is not None:
        from kh284.load.snapshot import take

        snapshot = take(data_dir)
    builder = _Builder(source_name, inspected, figure_kinds(snapshot))
    try:
        builder.info(book[INFO])
        builder.indicators(book[TARGETS])
        builder.tasks(book[TASKS])
    except _TooManyProblems:
        pass  # said at the cell where it stopped: nothing is written
    result = builder.result(source_name)
    result.snapshot = snapshot
    return result


def figure_kinds(snapshot: Snapshot | None) -> dict[str, str] | None:
    """Per target id of the data's ``targets.yaml``, what its figure is (``figure_kind``).

    ``None`` without data, or when ``targets.yaml`` cannot be read (its own findings say
    why): every figure is then read as Excel shows it, with no check of its kind.
    """
    if snapshot is None:
        return None
    from kh284.load.cache import Cache
    from kh284.load.reading import read_document
    from kh284.validate.models import TargetsFile
    from kh284.validate.schema_errors import validate

    targets = next((read for kind, read in snapshot.plan if kind.kind == "targets"), None)
    if targets is None:
        return None
    document, _ = read_document(targets, Cache(None))
    model = validate(document, TargetsFile)[0] if document is not None else None
    if not isinstance(model, TargetsFile):
        return None
    return {target.id: figure_kind(target) for target in model.targets}


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _TooManyProblems(Exception):
    """More than ``MAX_CELL_PROBLEMS`` problems at cells: reading stops."""


class _Builder:
    """Collects the report's mapping, the cell of every path and the cells' own problems.

    Every cell is read through ``value``: a formula without a saved value (Y131), one
    whose saved value may be stale (Y140) or a text longer than ``MAX_CELL_CHARS`` (Y132)
    is a problem at its cell, and reads as empty.  A figure is then read as Excel shows
    it (``excel_figures.read_figure``: Y137, Y138, Y139 at its cell).
    """

    def __init__(
        self,
        source: str = "",
        inspected: Inspected | None = None,
        kinds: dict[str, str] | None = None,
    ) -> None:
        from ruamel.yaml.comments import CommentedMap

        self.doc = CommentedMap()
        self.cells: dict[PathKey, str] = {(): info_cell("unit")}
        self.indicator_items: list[Any] = []
        self.task_items: list[Any] = []
        self.source = source
        self.formulas = inspected.formulas if inspected else {}
        self.stale = inspected.computed if inspected and inspected.stale else {}
        self.kinds = kinds
        self.problems: list[tuple[str, Diagnostic]] = []
        self.values: dict[PathKey, Any] = {}

    def value(self, sheet: Worksheet, ref: str) -> Any:
        """The value of cell ``ref``, or ``None`` with a problem when it cannot be one."""
        where = f"{sheet.title}!{ref}"
        if ref in self.formulas.get(sheet.title, ()):
            self.problem(where, dg.make("Y131", Location(self.source)))
            return None
        value = sheet[ref].value
        if ref in self.stale.get(sheet.title, ()):
            saved = shown("" if value is None else str(value))
            self.problem(where, dg.make("Y140", Location(self.source), value=saved))
            return None
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            here = Location(self.source)
            problem = dg.make("Y132", here, length=len(value), limit=MAX_CELL_CHARS)
            self.problem(where, problem)
            return None
        return value

    def problem(self, where: str, diagnostic: Diagnostic) -> None:
        """A problem at cell ``where``; past ``MAX_CELL_PROBLEMS``, Y119 there and reading stops."""
        if len(self.problems) >= MAX_CELL_PROBLEMS:
            too_many = dg.make("Y119", Location(self.source), limit=MAX_CELL_PROBLEMS)
            self.problems.append((where, too_many))
            raise _TooManyProblems
        self.problems.append((where, diagnostic))

    def figure(self, sheet: Worksheet, ref: str, kind: str | None) -> tuple[Any, Any]:
        """A figure cell as Excel shows it: (the typed value, the figure for the report)."""
        typed = self.value(sheet, ref)
        read = read_figure(typed, sheet[ref].number_format, kind)
        if read.code is not None:
            problem = dg.make_from(read.code, Location(self.source), read.args)
            self.problem(f"{sheet.title}!{ref}", problem)
        return _cell(typed), _cell(read.value)

    def put(
        self, target: Any, path: PathKey, key: str, value: Any, cell: str, typed: Any = None
    ) -> None:
        """Put ``value`` at ``key`` of ``target``; keep its cell and what was typed there.

        ``typed``: what the cell held, when it is not the value read (``34,5 %``, ``0.345``
        under a percent format).
        """
        where = (*path, key)
        self.cells[where] = cell
        self.values[where] = value if typed is None else typed
        if value is not None:
            target[key] = _yaml_value(value)

    def info(self, sheet: Worksheet) -> None:
        for key, (row, _) in INFO_ROWS.items():
            if key == "unit_name":
                continue
            raw = self.value(sheet, f"B{row}")
            value = _date_text(raw) if key == "reported_on" else _cell(raw)
            self.put(self.doc, (), key, value, info_cell(key))

    def indicators(self, sheet: Worksheet) -> None:
        from ruamel.yaml.comments import CommentedMap

        for row in _rows(sheet, TARGET_COLUMNS["target"][0], self.formulas.get(sheet.title)):
            keys = ("target", "value", "area", "numerator", "denominator", "note")  # read
            refs = {k: f"{TARGET_COLUMNS[k][0]}{row}" for k in keys}
            values = {k: _cell(self.value(sheet, refs[k])) for k in ("target", "area", "note")}
            typed = dict(values)
            target = values["target"]
            kind = self.kinds.get(target) if self.kinds and isinstance(target, str) else None
            for key in ("value", *RATIO_INPUTS):
                figure_of = kind if key == "value" else PART
                typed[key], values[key] = self.figure(sheet, refs[key], figure_of)
            if all(values[k] is None for k in TARGET_INPUTS):
                continue
            path: PathKey = ("indicators", len(self.indicator_items))
            item = CommentedMap()
            self.cells[path] = cell_at(TARGETS, "value", row)
            for key in keys:
                self.put(item, path, key, values[key], cell_at(TARGETS, key, row), typed[key])
            self.indicator_items.append(item)

    def tasks(self, sheet: Worksheet) -> None:
        from ruamel.yaml.comments import CommentedMap

        for row in _rows(sheet, TASK_COLUMNS["task"][0], self.formulas.get(sheet.title)):
            keys = ("task", "deliverable", *TASK_INPUTS)  # the columns read
            raw = {k: self.value(sheet, f"{TASK_COLUMNS[k][0]}{row}") for k in keys}
            values = {k: _cell(v) for k, v in raw.items()}
            values["completed_on"] = _date_text(raw["completed_on"])
            if all(values[k] is None for k in TASK_INPUTS):
                continue
            path: PathKey = ("tasks", len(self.task_items))
            item = CommentedMap()
            self.cells[path] = cell_at(TASKS, "status", row)
            self.put(item, path, "task", values["task"], cell_at(TASKS, "task", row))
            status = _status(values["status"])
            self.put(item, path, "status", status, cell_at(TASKS, "status", row))
            for key in ("completed_on", "evidence", "note"):
                self.put(item, path, key, values[key], cell_at(TASKS, key, row))
            deliverable = values["deliverable"]
            if deliverable is not None:
                # a year is written in the digits 0-9 ("２０２５" is not one), 4 of them
                text = str(deliverable)
                digits = text.isascii() and text.isdigit() and len(text) <= 4
                key = "year" if _whole(deliverable) or digits else "event"
                value = int(deliverable) if key == "year" else deliverable
                where = cell_at(TASKS, "deliverable", row)
                self.put(item, path, key, value, where)
            self.task_items.append(item)

    def result(self, source_name: str) -> FilledTemplate:
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedSeq

        if self.indicator_items:
            self.doc["indicators"] = CommentedSeq(self.indicator_items)
        if self.task_items:
            self.doc["tasks"] = CommentedSeq(self.task_items)
        name = printable(source_name)  # a line break in a file name would end the comment
        self.doc.yaml_set_start_comment(
            f"Nhập từ {name} bằng kh284 import. / Imported from {name} by kh284 import."
        )
        yaml = YAML()
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=4, offset=2)
        buffer = io.StringIO()
        yaml.dump(self.doc, buffer)
        unit = self.doc.get("unit")
        period = self.doc.get("period")
        return FilledTemplate(
            unit=str(unit) if unit is not None else "",
            period=period if _whole(period) and 0 < period < 10_000 else None,
            text=buffer.getvalue(),
            cells=self.cells,
            problems=self.problems,
            values=self.values,
        )


def _rows(sheet: Worksheet, id_column: str, formulas: set[str] | None = None) -> list[int]:
    """Data rows: from the first row below the header to the last with an id.

    An id that is a formula without a saved value counts (its row reports the problem).
    The sheet's rows are bounded before it is opened (``xlsx_guard.MAX_SHEET_ROWS``).
    """
    last = sheet.max_row
    pending = formulas or set()
    return [
        r
        for r in range(FIRST_ROW, last + 1)
        if sheet[f"{id_column}{r}"].value is not None or f"{id_column}{r}" in pending
    ]


def _whole(value: Any) -> bool:
    """True for a whole number a cell holds (``True`` is no number, though Python says so)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _cell(value: Any) -> Any:
    """A cell's value as report data: text trimmed (empty is nothing), numbers as they are."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _date_text(value: Any) -> Any:
    """A date cell as ISO text; text is kept for the model to parse (and report)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _cell(value)


def _status(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    folded = fold(value)
    for caption, state in STATUS_CHOICES.items():
        if folded in (fold(caption), fold(state)):
            return state
    return value


def _yaml_value(value: Any) -> Any:
    """Text double-quoted (so it is never read back as a number); numbers plain.

    Anything else a cell may hold (a time of day, a duration) becomes text, which the
    model then refuses where a number or a date is meant.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, (dt.datetime, dt.date)):
        return DoubleQuotedScalarString(value.isoformat())
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return DoubleQuotedScalarString(str(value))


# -- validating the import ---------------------------------------------------------------


def check_import(
    data_dir: Path, imported: FilledTemplate, rel: str, as_of: dt.date
) -> list[Diagnostic]:
    """Check the imported text exactly as the report ``rel`` of ``data_dir`` would be.

    The document goes through the pipeline beside the files on disk (replacing a file of
    the same name); the findings about it are returned.  So that one import reports every
    finding it can, rows that fail the form checks (S2xx) are then left out and the rest
    of the report is checked again across the data (D5xx and the others), its findings
    pointing at the rows they came from.
    """
    from kh284.load.exact import load_text

    document, found = load_text(imported.text, rel)
    if document is None:
        return found
    found += _findings(data_dir, imported, rel, as_of, document)
    failing = _failing_rows(found, rel)
    if failing:
        pruned, kept = _without_rows(imported.text, failing)
        document, _ = load_text(pruned, rel)
        if document is not None:
            more = _findings(data_dir, imported, rel, as_of, document, kept)
            found += [d for d in more if not _form_finding(d, rel)]
    return sorted(set(found), key=Diagnostic.sort_key)


#: The rows of a report: a list of the report whose items a template's rows make.
_ROWS = ("indicators", "tasks")


def _form_finding(diag: Diagnostic, rel: str) -> bool:
    """A finding of the form checks (S2xx) about the import."""
    return diag.code.startswith("S") and diag.location.file == rel


def _failing_rows(found: list[Diagnostic], rel: str) -> set[tuple[str, int]] | None:
    """The rows (``("tasks", 3)``) that fail the form checks, to be left out.

    ``None`` when none can be: no finding of the form, or one about the report itself,
    outside every row.
    """
    rows: set[tuple[str, int]] = set()
    for diag in found:
        if not _form_finding(diag, rel) or diag.severity < Severity.ERROR:
            continue
        path = diag.location.path
        if len(path) < 2 or path[0] not in _ROWS or not isinstance(path[1], int):
            return None
        rows.add((str(path[0]), path[1]))
    return rows or None


def _without_rows(text: str, failing: set[tuple[str, int]]) -> tuple[str, dict[str, list[int]]]:
    """The report's text without the ``failing`` rows, and each list's kept rows in order."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    doc = yaml.load(text)
    kept: dict[str, list[int]] = {}
    for key in _ROWS:
        items = doc.get(key)
        if items is None:
            continue
        kept[key] = [i for i in range(len(items)) if (key, i) not in failing]
        for i in reversed(range(len(items))):
            if (key, i) in failing:
                del items[i]
        if not items:
            del doc[key]
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    return buffer.getvalue(), kept


def _findings(
    data_dir: Path,
    imported: FilledTemplate,
    rel: str,
    as_of: dt.date,
    document: Any,
    kept: dict[str, list[int]] | None = None,
) -> list[Diagnostic]:
    """The pipeline's findings about ``document`` (``rel``), and what telling them needs.

    ``kept``: the rows the document kept of the import, by list, so that each finding's
    path is put back on the row it came from.
    """
    from kh284.pipeline import run

    def back(location: Location) -> Location:
        path = location.path
        if kept is None or location.file != rel or len(path) < 2 or path[0] not in kept:
            return location
        rows = kept[str(path[0])]
        if not isinstance(path[1], int) or path[1] >= len(rows):
            return location
        return replace(location, path=(path[0], rows[path[1]], *path[2:]))

    found: list[Diagnostic] = []
    outcome = run(data_dir, as_of, evaluate=False, extra=[document], snapshot=imported.snapshot)
    for diag in outcome.diagnostics:
        if rel not in (diag.location.file, *(r.file for r in diag.related)):
            continue
        moved = replace(
            diag, location=back(diag.location), related=tuple(back(r) for r in diag.related)
        )
        found.append(moved)
        if diag.code == "D511":
            conflict = conflict_of(outcome, diag, rel)
            if conflict is not None:
                imported.conflicts[moved] = replace(conflict, here_at=back(conflict.here_at))
        if diag.code == "D512" and diag.location.file == rel:
            task = outcome.index.tasks.items.get(dict(diag.args).get("task", ""))
            if task is not None:
                imported.deliverables[moved] = deliverable_words(outcome.index, task)
    return found


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity >= Severity.ERROR for d in diagnostics)
