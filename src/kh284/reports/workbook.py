"""The per-unit Excel template (``kh284 template``) and its import (``kh284 import``).

A template lists what one unit should report for one year: sheet ``Chỉ tiêu`` has one row
per series and area (the target, its unit of measure, the previous value, the goal) and
sheet ``Nhiệm vụ`` one row per task deliverable still open (status as a drop-down).  Sheet
``Thông tin`` holds the unit, the year and the report's date and document.  Only the
yellow cells are unlocked; headings are Vietnamese; a hidden sheet ``kh284`` marks the
file as a template.

Which targets a unit reports is the one rule of ``validate.responsibility`` (the same as
``kh284 missing`` and the dashboard): the unit answers for one of the target's reporters
(a group's member, a ceased unit's successor); a unit that stands for an area (a former
district) gets only the rows of its own area, as in targets that count districts.  A level's cell
offers the levels of the target's own scale (``0, 1`` for a yes/no target).

Import reads the cells back into a progress report as YAML text, keeping for every YAML
path the cell it came from, then validates that text exactly as a file under
``progress/`` is validated (``loader.load_text``, ``schema.validate`` against
``ProgressReport``, and every check with the rest of the data directory), and names the
cell in each finding: ``Chỉ tiêu!D7: error S207 …``.  The finding's words are the
spreadsheet's, not the YAML's (``FilledTemplate.line``): the column's heading, the value
typed, the drop-down's choices, and for a report that contradicts an earlier one, which
field differs, on which deliverable, and the file and line of the earlier report.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location, Severity, UsageError
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.tasks import TaskResult
from kh284.i18n import (
    COMPARATORS,
    REPORT_STATES,
    UNITS,
    both,
    level_scale,
    pick,
    target_goal,
    word,
)
from kh284.i18n import day as i18n_day
from kh284.i18n import number as i18n_number
from kh284.load.exact import MAX_FILE_BYTES, PathKey
from kh284.pipeline import Outcome
from kh284.reports.xlsx_export import (
    DATE_FORMAT,
    WHOLE,
    append,
    figure_format,
    fit_rows,
    print_setup,
    put,
)
from kh284.validate.deadlines import YEARLY_KINDS, first_year, year_end
from kh284.validate.index import Index
from kh284.validate.models.plan import AppendixTask
from kh284.validate.models.progress import ProgressReport, TaskReport
from kh284.validate.models.targets import Target
from kh284.validate.names import fold
from kh284.validate.responsibility import reports_target

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def _t(key: str, **args: object) -> str:
    """A word of the template (``template.*``): the template is in Vietnamese."""
    return word(f"template.{key}", "vi", **args)


INFO, TARGETS, TASKS, MARKER = "Thông tin", "Chỉ tiêu", "Nhiệm vụ", "kh284"
MARK = "kh284-template"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
#: Sheet ``Thông tin``: field → (row, label); the value is in column B.
INFO_ROWS: dict[str, tuple[int, str]] = {
    "unit": (4, _t("info_unit")),
    "unit_name": (5, _t("info_unit_name")),
    "period": (6, _t("info_period")),
    "reported_on": (7, _t("info_reported_on")),
    "document": (8, _t("info_document")),
    "source": (9, _t("info_source")),
    "note": (10, _t("info_note")),
}
INFO_INPUTS = ("reported_on", "document", "source", "note")
#: Columns of sheet ``Chỉ tiêu``: key → (letter, heading, width).
TARGET_COLUMNS: dict[str, tuple[str, str, int]] = {
    "no": ("A", word("report.stt", "vi"), 5),
    "target": ("B", _t("col_target"), 24),
    "name": ("C", _t("col_name"), 46),
    "value": ("D", _t("col_value"), 14),
    "unit": ("E", _t("col_unit"), 12),
    "previous": ("F", _t("col_previous"), 12),
    "previous_year": ("G", _t("col_previous_year"), 10),
    "goal": ("H", _t("col_goal"), 16),
    "area_name": ("I", _t("col_area_name"), 22),
    "area": ("J", _t("col_area"), 14),
    "numerator": ("K", _t("col_numerator"), 12),
    "denominator": ("L", _t("col_denominator"), 12),
    "note": ("M", _t("col_note"), 30),
}
TARGET_INPUTS = ("value", "numerator", "denominator", "note")
#: Columns of sheet ``Nhiệm vụ``.
TASK_COLUMNS: dict[str, tuple[str, str, int]] = {
    "no": ("A", word("report.stt", "vi"), 5),
    "task": ("B", _t("col_task"), 10),
    "deliverable": ("C", _t("col_deliverable"), 16),
    "text": ("D", _t("col_text"), 60),
    "role": ("E", _t("col_role"), 10),
    "due": ("F", _t("col_due"), 14),
    "last": ("G", _t("col_last"), 16),
    "status": ("H", _t("col_status"), 16),
    "completed_on": ("I", _t("col_completed_on"), 16),
    "evidence": ("J", _t("col_evidence"), 40),
    "note": ("K", _t("col_task_note"), 30),
}
TASK_INPUTS = ("status", "completed_on", "evidence", "note")
#: The drop-down choices of the status column and the report states they stand for.
STATUS_CHOICES = {vi: state for state, (vi, _) in REPORT_STATES.items()}
STATUS_WORDS = {state: vi for vi, state in STATUS_CHOICES.items()}
#: The template is for the units, in Vietnamese: units of measure from the vocabulary (a
#: level's unit names the target's own scale, ``level_scale``).
UNIT_OF_MEASURE = {unit: vi for unit, (vi, _) in UNITS.items()}
INPUT_FILL, HEADER_FILL = "FFF6CC", "DCE6F1"
#: What a unit types in a figure cell, by the measure's kind: the data validation that
#: stops anything else in Excel (percentages 0–100, levels from a list of the target's
#: scale, other figures ≥ 0).
PERCENT, LEVEL, FIGURE = "percent", "level", "figure"


class WorkbookError(UsageError):
    """A file that cannot be read as a template (exit code 2), with both languages."""


# -- what a unit reports -----------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    """One series and area the unit reports."""

    target: Target
    area: str
    area_name: str
    previous: tuple[int, float] | None


@dataclass(frozen=True)
class TaskRow:
    """One open deliverable of a task the unit leads or coordinates."""

    task_id: str
    deliverable: str
    text: str
    role: str
    due: dt.date | str
    last: str


def target_rows(outcome: Outcome, unit_id: str, period: int) -> list[TargetRow]:
    """The series and areas ``unit_id`` reports, one row per measure and area."""
    from kh284.evaluate.series import collect

    index = outcome.index
    series = collect(index, outcome.as_of)
    rows: list[TargetRow] = []
    seen: set[tuple[str, str]] = set()
    for target in index.targets.items.values():
        for area in _areas_for(index, target, unit_id):
            key = (target.measure_id, area)
            if key in seen:
                continue
            seen.add(key)
            earlier = {y: p.value for y, p in series.get(key, {}).items() if y < period}
            previous = (max(earlier), earlier[max(earlier)]) if earlier else None
            rows.append(TargetRow(target, area, index.area_name(area), previous))
    return rows


def _areas_for(index: Index, target: Target, unit_id: str) -> list[str]:
    mine = reports_target(index, target, unit_id)
    scope = target.scope
    if scope.kind == "count_of_areas" and scope.level is not None:
        areas = index.areas_in(scope.area, scope.level)
        if mine:
            return areas
        return [unit_id] if unit_id in areas else []
    if unit_id in index.areas:  # an area's own unit reports its own area only
        return [scope.area] if scope.area == unit_id else []
    return [scope.area] if mine else []


def task_rows(outcome: Outcome, unit_id: str) -> list[TaskRow]:
    """Deliverables still open on the evaluation date of tasks the unit leads or coordinates."""
    from kh284.i18n import TASK_LABELS, label

    rows = []
    for result in outcome.tasks:
        leads = unit_id in result.lead or unit_id in result.lead_now
        if not leads and unit_id not in result.task.coordinating:
            continue
        if result.status in ("done_on_time", "done_late", "waiting_for_event"):
            continue
        due = result.deliverable.due
        last = result.last_report
        rows.append(
            TaskRow(
                task_id=result.task.id,
                deliverable=result.deliverable.key,
                text=_task_text(result),
                role=_t("role_lead") if leads else _t("role_coordinate"),
                due=due if due else result.task.deadline.text,
                last=label(TASK_LABELS, last, "vi") if last in TASK_LABELS else _state(last),
            )
        )
    return rows


def _task_text(result: TaskResult) -> str:
    """The task's text, after the name of its deliverable's event when it has one.

    Column C keeps the event's id (the import reads it back); a person reads the name:
    ``Luật Giáo dục sửa đổi: Tham mưu triển khai thi hành …``.
    """
    text = " ".join(result.task.text.split())
    title = result.deliverable.title
    return f"{title}: {text}" if title else text


def _state(state: str | None) -> str:
    names = {v: k for k, v in STATUS_CHOICES.items()}
    return names.get(state or "", "")


# -- writing the template ----------------------------------------------------------------


def template(data_dir: Path, unit_query: str, period: int) -> tuple[str, bytes]:
    """The template of one unit for one year: (the unit's id, the .xlsx bytes).

    Every cell is written by ``xlsx_export.put``: text from data (a target's name that
    starts with ``=``) stays text, never a formula.
    """
    from openpyxl import Workbook

    from kh284.pipeline import run

    outcome = run(data_dir, year_end(period), evaluate=True)
    if not outcome.evaluated or outcome.dataset.plan is None:
        raise WorkbookError(*both("template.plan_errors"))
    unit_id = outcome.index.resolve_units(unit_query)[0]
    book = Workbook()
    info = book.active
    assert info is not None
    dates = _date_range(outcome, period)
    _info_sheet(info, outcome, unit_id, period, dates)
    _targets_sheet(book.create_sheet(TARGETS), target_rows(outcome, unit_id, period), period)
    _tasks_sheet(book.create_sheet(TASKS), task_rows(outcome, unit_id), dates)
    marker = book.create_sheet(MARKER)
    append(marker, [MARK, 1, unit_id, period, outcome.dataset.plan.number])
    marker.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return unit_id, buffer.getvalue()


def _date_range(outcome: Outcome, period: int) -> tuple[dt.date, dt.date]:
    """Dates a unit may type: from 1 January of the plan's year to the end of the next year.

    A completion can predate the report's year, never the plan; a report on ``period`` is
    written in that year or the next.
    """
    plan = outcome.dataset.plan
    assert plan is not None
    return dt.date(plan.date.year, 1, 1), dt.date(period + 1, 12, 31)


def _info_sheet(
    sheet: Worksheet, outcome: Outcome, unit_id: str, period: int, dates: tuple[dt.date, dt.date]
) -> None:
    plan = outcome.dataset.plan
    assert plan is not None
    unit = outcome.index.units.items[unit_id]
    sheet.title = INFO
    put(sheet["A1"], _t("info_title", number=plan.number))
    put(sheet["A2"], _t("info_help"))
    values: dict[str, Any] = {"unit": unit_id, "unit_name": unit.name, "period": period}
    for key, (row, caption) in INFO_ROWS.items():
        put(sheet.cell(row=row, column=1), caption)
        cell = sheet.cell(row=row, column=2)
        put(cell, values.get(key))
        if key in INFO_INPUTS:
            _input(cell)
        if key == "reported_on":
            cell.number_format = DATE_FORMAT
            _validate_dates(sheet, cell.coordinate, dates)
    _bold(sheet["A1"])
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 60
    print_setup(sheet, landscape=False, title_rows=None)
    _protect(sheet)


def _targets_sheet(sheet: Worksheet, rows: list[TargetRow], period: int) -> None:
    put(sheet["A1"], _t("targets_title", period=period))
    put(sheet["A2"], _t("targets_help"))
    _bold(sheet["A1"])
    _headers(sheet, TARGET_COLUMNS, period=period)
    kinds: dict[str, list[int]] = {PERCENT: [], FIGURE: []}
    levels: dict[tuple[int, int], list[int]] = {}
    for i, row in enumerate(rows):
        r = FIRST_ROW + i
        target = row.target
        count = target.scope.kind == "count_of_areas"
        # a level target's figure is a level of its scale; so is each area's of a count
        scale = level_scale(target, "vi")
        if target.levels is not None:
            levels.setdefault(target.levels, []).append(r)
        else:
            kinds[PERCENT if target.unit == PERCENT else FIGURE].append(r)
        values: dict[str, Any] = {
            "no": i + 1,
            "target": target.id,
            "name": target.name,
            "unit": scale or UNIT_OF_MEASURE[target.unit],
            "previous": row.previous[1] if row.previous else None,
            "previous_year": row.previous[0] if row.previous else None,
            "goal": f"{_goal(target, count)} ({target.due_year})",
            "area_name": row.area_name,
            "area": row.area,
        }
        _fill_row(sheet, TARGET_COLUMNS, r, values, TARGET_INPUTS)
        unit = LEVEL if count else target.unit
        sheet[f"{TARGET_COLUMNS['previous'][0]}{r}"].number_format = figure_format(unit, "vi")
        sheet[f"{TARGET_COLUMNS['previous_year'][0]}{r}"].number_format = WHOLE
    _validate_numbers(sheet, kinds, levels)
    fit_rows(sheet, FIRST_ROW)
    print_setup(sheet, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    _protect(sheet, freeze=f"D{FIRST_ROW}")


def _goal(target: Target, count: bool) -> str:
    """The goal as the unit reads it: ``≥ 38 %``, ``≥ 20 % /năm``, ``30–35 %``, ``Σ ≥ 200``.

    The one form of a goal (``i18n.target_goal``); for a count of areas, whose rows are
    the areas, the level each area must reach (``≥ 2``).
    """
    scope = target.scope
    if count and scope.area_comparator and scope.area_value is not None:
        return f"{COMPARATORS[scope.area_comparator]} {i18n_number(scope.area_value, 'vi')}"
    return target_goal(target, "vi")


def _tasks_sheet(sheet: Worksheet, rows: list[TaskRow], dates: tuple[dt.date, dt.date]) -> None:
    put(sheet["A1"], _t("tasks_title"))
    put(sheet["A2"], _t("tasks_help"))
    _bold(sheet["A1"])
    _headers(sheet, TASK_COLUMNS)
    for i, row in enumerate(rows):
        values: dict[str, Any] = {
            "no": i + 1,
            "task": row.task_id,
            "deliverable": row.deliverable or None,
            "text": row.text,
            "role": row.role,
            "due": row.due,
            "last": row.last,
        }
        _fill_row(sheet, TASK_COLUMNS, FIRST_ROW + i, values, TASK_INPUTS)
        sheet[f"{TASK_COLUMNS['completed_on'][0]}{FIRST_ROW + i}"].number_format = DATE_FORMAT
        if isinstance(row.due, dt.date):
            sheet[f"{TASK_COLUMNS['due'][0]}{FIRST_ROW + i}"].number_format = DATE_FORMAT
    if rows:
        last = FIRST_ROW + len(rows) - 1
        column = TASK_COLUMNS["status"][0]
        choices = ",".join(STATUS_CHOICES)
        check = _stop(
            "list",
            TASK_COLUMNS["status"][1],
            _t("status_error", choices=", ".join(STATUS_CHOICES)),
            formula1=f'"{choices}"',
        )
        check.add(f"{column}{FIRST_ROW}:{column}{last}")
        sheet.add_data_validation(check)
        column = TASK_COLUMNS["completed_on"][0]
        _validate_dates(sheet, f"{column}{FIRST_ROW}:{column}{last}", dates)
    fit_rows(sheet, FIRST_ROW)
    print_setup(sheet, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    _protect(sheet, freeze=f"E{FIRST_ROW}")


def _headers(sheet: Worksheet, columns: dict[str, tuple[str, str, int]], **fmt: object) -> None:
    from openpyxl.styles import Alignment, PatternFill

    for letter, heading, width in columns.values():
        cell = sheet[f"{letter}{HEADER_ROW}"]
        put(cell, heading.format(**fmt) if fmt else heading)
        _bold(cell)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[letter].width = width


def _fill_row(
    sheet: Worksheet,
    columns: dict[str, tuple[str, str, int]],
    row: int,
    values: dict[str, Any],
    inputs: tuple[str, ...],
) -> None:
    from openpyxl.styles import Alignment

    for key, (letter, _, _) in columns.items():
        cell = sheet[f"{letter}{row}"]
        put(cell, values.get(key))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if key in inputs:
            _input(cell)


def _stop(kind: str, title: str, error: str, **formulas: str) -> Any:
    """A data validation that refuses a wrong entry (Excel's "Stop" alert) and says why.

    Excel and LibreOffice show the error only when ``showErrorMessage`` is set; without it
    any entry is accepted silently.  The prompt shows the same words when the cell is
    selected.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(allow_blank=True)
    for name, formula in {"type": kind, **formulas}.items():  # operator, formula1, formula2
        setattr(check, name, formula)
    check.showErrorMessage = True
    check.errorStyle = "stop"
    check.errorTitle = title[:32]  # Excel's limit for the title
    check.error = error
    check.showInputMessage = True
    check.promptTitle = title[:32]
    check.prompt = error
    return check


def _validate_numbers(
    sheet: Worksheet, rows: dict[str, list[int]], levels: dict[tuple[int, int], list[int]]
) -> None:
    """The value column by kind of measure; numerator and denominator any number ≥ 0.

    Level rows offer the levels of their target's scale, one list per scale (``levels``:
    (lowest, highest) → rows): ``0,1`` for a yes/no target, ``0,1,2`` for a scale of 0–2.
    """
    value = TARGET_COLUMNS["value"][0]
    title = _t("value_title")
    checks = {
        PERCENT: _stop(
            "decimal", title, _t("percent_error"), operator="between", formula1="0", formula2="100"
        ),
        FIGURE: _stop(
            "decimal", title, _t("number_error"), operator="greaterThanOrEqual", formula1="0"
        ),
    }
    for kind, numbers in rows.items():
        for r in numbers:
            checks[kind].add(f"{value}{r}")
    lists = []
    for (low, high), numbers in levels.items():
        choices = [str(n) for n in range(low, high + 1)]
        check = _stop(
            "list",
            title,
            _t("level_error", levels=", ".join(choices)),
            formula1='"' + ",".join(choices) + '"',
        )
        for r in numbers:
            check.add(f"{value}{r}")
        lists.append(check)
    parts = _stop("decimal", title, _t("number_error"), operator="greaterThanOrEqual", formula1="0")
    everything = [r for numbers in (*rows.values(), *levels.values()) for r in numbers]
    if everything:
        first, last = min(everything), max(everything)
        for key in ("numerator", "denominator"):
            letter = TARGET_COLUMNS[key][0]
            parts.add(f"{letter}{first}:{letter}{last}")
    for check in (*checks.values(), *lists, parts):
        if check.sqref:
            sheet.add_data_validation(check)


def _serial(day: dt.date) -> int:
    """Excel's serial number of a date (days since 30/12/1899, the 1900 date system)."""
    return (day - dt.date(1899, 12, 30)).days


def _validate_dates(sheet: Worksheet, ref: str, dates: tuple[dt.date, dt.date]) -> None:
    """A date between ``dates`` (inclusive), as Excel's date serial numbers."""
    first, last = dates
    error = _t("date_error", first=i18n_day(first), last=i18n_day(last))
    check = _stop(
        "date",
        _t("date_title"),
        error,
        operator="between",
        formula1=str(_serial(first)),
        formula2=str(_serial(last)),
    )
    check.add(ref)
    sheet.add_data_validation(check)


def _input(cell: Any) -> None:
    from openpyxl.styles import PatternFill, Protection

    cell.protection = Protection(locked=False)
    cell.fill = PatternFill("solid", fgColor=INPUT_FILL)


def _bold(cell: Any) -> None:
    from openpyxl.styles import Font

    cell.font = Font(bold=True)


def _protect(sheet: Worksheet, freeze: str | None = None) -> None:
    """Lock every cell but the inputs; columns and rows may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    if freeze:
        sheet.freeze_panes = freeze


# -- importing a filled template ---------------------------------------------------------

#: Longest text a cell may hold: Excel's own limit, so only a file not written by Excel
#: holds more (Y132, at the cell).
MAX_CELL_CHARS = 32_767
#: Largest report the import writes: the data-file limit, so ``validate`` can read it.
MAX_REPORT_BYTES = MAX_FILE_BYTES


@dataclass
class FilledTemplate:
    """A filled template read back: the YAML text and the cell of every YAML path.

    ``problems`` are the findings about cells themselves (a formula without a saved value,
    a text too long), each with its cell; any of them keeps the report from being written.
    """

    unit: str
    period: int | None
    text: str
    cells: dict[PathKey, str] = field(default_factory=dict)
    problems: list[tuple[str, Diagnostic]] = field(default_factory=list)
    values: dict[PathKey, Any] = field(default_factory=dict)
    conflicts: dict[Diagnostic, Conflict] = field(default_factory=dict)
    deliverables: dict[Diagnostic, tuple[str, str]] = field(default_factory=dict)

    def cell(self, diag: Diagnostic, file: str) -> str:
        """The cell a diagnostic points at (its nearest mapped parent for a missing key)."""
        locations = [diag.location, *diag.related]
        location = next((loc for loc in locations if loc.file == file), diag.location)
        path = tuple(location.path)
        missing = dict(diag.args).get("key") if diag.code == "S202" else None
        missing = CELL_OF.get(diag.code, missing)
        if missing is not None:
            wanted = (*path, missing)
            if wanted in self.cells:
                return self.cells[wanted]
        while path not in self.cells and path:
            path = path[:-1]
        return self.cells.get(path, f"{INFO}!A1")

    def line(self, diag: Diagnostic, file: str, lang: str) -> str:
        """``cell: severity code message``, the message in the spreadsheet's words.

        A conflict points at the cell that differs: the status, or the completion date.
        """
        cell = self.cell(diag, file)
        conflict = self.conflicts.get(diag)
        if conflict is not None:
            cell = self.cells.get((*conflict.here_at.path[:2], conflict.field), cell)
        if diag.code == "D512" and cell.startswith(f"{TASKS}!"):
            row = cell.partition("!")[2].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            cell = f"{TASKS}!{TASK_COLUMNS['deliverable'][0]}{row}"
        message = self.explain(diag, cell, lang, file)
        return f"{cell}: {diag.severity.label} {diag.code} {message}"

    def explain(self, diag: Diagnostic, cell: str, lang: str, file: str) -> str:
        """A finding about the import told by cell: its heading, the value, the choices.

        Codes about a value a person typed get the template's words; any other finding
        keeps its catalogue message.
        """
        args = dict(diag.args)
        heading = self.heading(cell)
        path = tuple(diag.location.path)
        typed = args.get("value", self.values.get(path))
        shown = "" if typed is None else printable(str(typed))
        if diag.code == "D511" and diag in self.conflicts:
            return self.conflicts[diag].explain(lang)
        if diag.code == "D512" and diag in self.deliverables:
            problem: str | None = self._deliverable(diag, path[:2], lang)
        elif diag.code == "D503":
            problem = _other_figure(diag, file, lang)
        else:
            problem = _problem(diag.code, args, shown, lang)
        if problem is None:
            return diag.message(lang)
        return _w("at", lang, heading=heading, problem=problem)

    def _deliverable(self, diag: Diagnostic, row: PathKey, lang: str) -> str:
        """D512: what column C holds, and what it may hold for this task."""
        typed = self.values.get((*row, "year"), self.values.get((*row, "event")))
        what = pick(self.deliverables[diag], lang)
        task = dict(diag.args).get("task", "")
        if typed is None:
            return _w("deliverable_empty", lang, task=task, what=what)
        return _w("deliverable", lang, value=printable(str(typed)), task=task, what=what)

    def heading(self, cell: str) -> str:
        """The heading of a template cell: its column's (its row's on sheet Thông tin)."""
        sheet, _, ref = cell.partition("!")
        letter = ref.rstrip("0123456789")
        if sheet == INFO:
            row = ref[len(letter) :]
            captions = {str(r): caption for r, caption in INFO_ROWS.values()}
            return captions.get(row, cell)
        columns = {TARGETS: TARGET_COLUMNS, TASKS: TASK_COLUMNS}.get(sheet, {})
        for column, text, _ in columns.values():
            if column == letter:
                return text.format(period=self.period or "") if "{" in text else text
        return cell


#: Findings about a missing cell value: the cell to point at (as S202's missing key).
CELL_OF = {"D507": "completed_on", "D508": "evidence"}


def _w(key: str, lang: str, **args: object) -> str:
    return word(f"import.{key}", lang, **args)


def _problem(code: str, args: dict[str, str], shown: str, lang: str) -> str | None:
    """What is wrong with a typed value, in the template's words (``None``: not a cell's)."""
    choices = ", ".join(STATUS_CHOICES)
    if code == "S202":
        return _w("empty", lang)
    if code == "S203":
        example = i18n_number(97.4, lang)
        return _w("not_number", lang, value=shown, example=example) if shown else None
    if code == "S204":
        return _w("not_choice", lang, value=shown, choices=choices)
    if code == "S205":
        return _w("not_date", lang, value=shown)
    if code == "S206":
        return _w("out_of_range", lang, value=shown, bound=_bound(args.get("bound", ""), lang))
    if code == "S207":
        suggestion = args.get("suggestion", "")
        try:
            number = i18n_number(float(suggestion), lang)
        except ValueError:
            number = suggestion
        return _w("text_number", lang, value=shown, number=number)
    if code == "D506":
        return _w("percent_range", lang, value=shown)
    if code == "D515":
        low, high = args.get("low", ""), args.get("high", "")
        return _w("level_range", lang, value=shown, low=low, high=high)
    if code == "D507":
        return _w("done_without", lang, done=STATUS_WORDS["done"])
    if code == "D508":
        return _w("done_without", lang, done=STATUS_WORDS["done"])
    if code == "D509":
        return _w(
            "after_report",
            lang,
            date=_ddmmyyyy(args.get("completed_on")),
            reported=_ddmmyyyy(args.get("reported_on")),
            cell=f"{INFO}!B{INFO_ROWS['reported_on'][0]}",
        )
    if code == "D513":
        state = STATUS_WORDS.get(args.get("status", ""), args.get("status", ""))
        return _w("date_not_done", lang, heading=TASK_COLUMNS["status"][1], status=state)
    return None


def _other_figure(diag: Diagnostic, file: str, lang: str) -> str:
    """D503 from the import's side: its figure, the other report's, and where that is."""
    args = dict(diag.args)
    here, there = args.get("value", ""), args.get("other_value", "")
    other = diag.related[0] if diag.related else diag.location
    if diag.location.file != file:  # the import is the earlier report
        here, there, other = there, here, diag.location
    where = _w("report_at", lang, file=printable(other.file), line=other.line or 1)
    return _w(
        "other_figure", lang, here=_figure(here, lang), there=_figure(there, lang), where=where
    )


def _figure(text: str, lang: str) -> str:
    try:
        return i18n_number(float(text), lang)
    except ValueError:
        return printable(text)


def _bound(bound: str, lang: str) -> str:
    """A model's bound (``≥ 0.0``) with the figure the ``lang`` way (``≥ 0``)."""
    sign, _, figure = bound.rpartition(" ")
    try:
        return f"{sign} {i18n_number(float(figure), lang)}".strip()
    except ValueError:
        return bound


def _ddmmyyyy(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return i18n_day(value)
    except ValueError:
        return printable(value)


@dataclass(frozen=True)
class Conflict:
    """A task report of the import that contradicts another report of the data directory.

    ``here`` is the import's entry, ``there`` the other report's, ``there_at`` where that
    one says it (file and line); the deliverable is a ``year`` or an event's name.
    """

    task: str
    year: str
    event: str
    here: TaskReport
    there: TaskReport
    here_at: Location
    there_at: Location

    @property
    def field(self) -> str:
        """The field that differs: the completion date when both say done, else the status."""
        return "completed_on" if self.here.status == self.there.status else "status"

    def explain(self, lang: str) -> str:
        """Which field differs, on which deliverable, and where the other report is."""
        where = _w(
            "report_at",
            lang,
            file=printable(self.there_at.file),
            line=self.there_at.line or 1,
        )
        part = _w("year", lang, year=self.year) if self.year else self.event
        task = self.task + (f" ({part})" if part else "")
        if self.field == "completed_on":
            heading = TASK_COLUMNS["completed_on"][1]
            here, there = _day_of(self.here.completed_on), _day_of(self.there.completed_on)
        else:
            heading = TASK_COLUMNS["status"][1]
            here, there = STATUS_WORDS[self.here.status], STATUS_WORDS[self.there.status]
        return _w("conflict", lang, task=task, heading=heading, here=here, there=there, where=where)


def _day_of(value: dt.date | None) -> str:
    return i18n_day(value)


def read(file: Path, source_name: str) -> FilledTemplate:
    """Read a filled template into progress-report YAML (``WorkbookError`` if it is none).

    The file, its zip and its XML parts are checked first (``xlsx_guard``: limits,
    damaged or missing parts, each refused with its code and part); openpyxl then reads
    the cells, and anything it still cannot read is refused in the same way.
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
        raise WorkbookError(*both("template.not_a_template", file=file))
    builder = _Builder(source_name, inspected.formulas)
    builder.info(book[INFO])
    builder.indicators(book[TARGETS])
    builder.tasks(book[TASKS])
    return builder.result(source_name)


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Builder:
    """Collects the report's mapping, the cell of every path and the cells' own problems.

    Every cell is read through ``value``: a formula without a saved value (Y131) or a text
    longer than ``MAX_CELL_CHARS`` (Y132) is a problem at its cell, and reads as empty.
    """

    def __init__(self, source: str = "", formulas: dict[str, set[str]] | None = None) -> None:
        from ruamel.yaml.comments import CommentedMap

        self.doc = CommentedMap()
        self.cells: dict[PathKey, str] = {(): f"{INFO}!B{INFO_ROWS['unit'][0]}"}
        self.indicator_items: list[Any] = []
        self.task_items: list[Any] = []
        self.source = source
        self.formulas = formulas or {}
        self.problems: list[tuple[str, Diagnostic]] = []
        self.values: dict[PathKey, Any] = {}

    def value(self, sheet: Worksheet, ref: str) -> Any:
        """The value of cell ``ref``, or ``None`` with a problem when it cannot be one."""
        where = f"{sheet.title}!{ref}"
        if ref in self.formulas.get(sheet.title, ()):
            self.problems.append((where, dg.make("Y131", Location(self.source))))
            return None
        value = sheet[ref].value
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            here = Location(self.source)
            problem = dg.make("Y132", here, length=len(value), limit=MAX_CELL_CHARS)
            self.problems.append((where, problem))
            return None
        return value

    def put(self, target: Any, path: PathKey, key: str, value: Any, cell: str) -> None:
        where = (*path, key)
        self.cells[where] = cell
        self.values[where] = value
        if value is not None:
            target[key] = _yaml_value(value)

    def info(self, sheet: Worksheet) -> None:
        for key, (row, _) in INFO_ROWS.items():
            if key == "unit_name":
                continue
            raw = self.value(sheet, f"B{row}")
            value = _date_text(raw) if key == "reported_on" else _cell(raw)
            self.put(self.doc, (), key, value, f"{INFO}!B{row}")

    def indicators(self, sheet: Worksheet) -> None:
        from ruamel.yaml.comments import CommentedMap

        for row in _rows(sheet, TARGET_COLUMNS["target"][0], self.formulas.get(sheet.title)):
            keys = ("target", "value", "area", "numerator", "denominator", "note")  # read
            values = {k: _cell(self.value(sheet, f"{TARGET_COLUMNS[k][0]}{row}")) for k in keys}
            if all(values[k] is None for k in TARGET_INPUTS):
                continue
            path: PathKey = ("indicators", len(self.indicator_items))
            item = CommentedMap()
            self.cells[path] = _at(TARGETS, TARGET_COLUMNS, "value", row)
            for key in keys:
                self.put(item, path, key, values[key], _at(TARGETS, TARGET_COLUMNS, key, row))
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
            self.cells[path] = _at(TASKS, TASK_COLUMNS, "status", row)
            self.put(item, path, "task", values["task"], _at(TASKS, TASK_COLUMNS, "task", row))
            status = _status(values["status"])
            self.put(item, path, "status", status, _at(TASKS, TASK_COLUMNS, "status", row))
            for key in ("completed_on", "evidence", "note"):
                self.put(item, path, key, values[key], _at(TASKS, TASK_COLUMNS, key, row))
            deliverable = values["deliverable"]
            if deliverable is not None:
                # a year is written in the digits 0-9 ("２０２５" is not one), 4 of them
                text = str(deliverable)
                digits = text.isascii() and text.isdigit() and len(text) <= 4
                is_year = isinstance(deliverable, int) and not isinstance(deliverable, bool)
                key = "year" if is_year or digits else "event"
                value = int(deliverable) if key == "year" else deliverable
                where = _at(TASKS, TASK_COLUMNS, "deliverable", row)
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
        year = isinstance(period, int) and not isinstance(period, bool)
        return FilledTemplate(
            unit=str(unit) if unit is not None else "",
            period=period if year and 0 < period < 10_000 else None,
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


def _at(sheet: str, columns: dict[str, tuple[str, str, int]], key: str, row: int) -> str:
    return f"{sheet}!{columns[key][0]}{row}"


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
    the same name); the findings about it are returned.
    """
    from kh284.load.exact import load_text
    from kh284.pipeline import run

    document, found = load_text(imported.text, rel)
    if document is None:
        return found
    outcome = run(data_dir, as_of, evaluate=False, extra=[document])
    for diag in outcome.diagnostics:
        if rel in (diag.location.file, *(r.file for r in diag.related)):
            found.append(diag)
            if diag.code == "D511":
                conflict = _conflict(outcome, diag, rel)
                if conflict is not None:
                    imported.conflicts[diag] = conflict
            if diag.code == "D512" and diag.location.file == rel:
                task = outcome.index.tasks.items.get(dict(diag.args).get("task", ""))
                if task is not None:
                    imported.deliverables[diag] = _deliverable_words(outcome.index, task)
    return sorted(set(found), key=Diagnostic.sort_key)


def _deliverable_words(index: Index, task: AppendixTask) -> tuple[str, str]:
    """What column C of a task's row may hold, in both languages (the ids it reads back).

    A yearly task (``yearly_from``, ``yearly_on``): a year from its first; a task with one
    deliverable per event: one of its events' ids (with their names); any other task:
    nothing, or its own year.
    """
    deadline = task.deadline
    if deadline.kind in YEARLY_KINDS:
        return both("import.a_year", first=first_year(deadline) or "")
    if deadline.kind == "event" and deadline.events:
        names = []
        for event_id in deadline.events:
            event = index.events.items.get(event_id)
            name = (event.short_name or event.name) if event is not None else ""
            names.append(f"{event_id} ({name})" if name else event_id)
        return both("import.one_of", choices=", ".join(names))
    if deadline.kind == "year" and deadline.year is not None:
        return both("import.empty_or", year=deadline.year)
    return both("import.nothing")


def _conflict(outcome: Outcome, diag: Diagnostic, rel: str) -> Conflict | None:
    """The two task reports of a D511 about the import: the import's and the other's."""
    entries = {r.document.file: r.report for r in outcome.dataset.reports}
    locations = [diag.location, *diag.related]
    mine = [loc for loc in locations if loc.file == rel]
    others = [loc for loc in locations if loc.file != rel]
    if not mine or not others:
        return None
    here, there = _entry(entries, mine[0]), _entry(entries, others[0])
    if here is None or there is None:
        return None
    args = dict(diag.args)
    key = args.get("deliverable", "-")
    event = outcome.index.events.items.get(key)
    name = (event.short_name or event.name) if event is not None else ""
    year = key if key.isdigit() else ""
    task = args.get("task", here.task)
    return Conflict(task, year, name, here, there, mine[0], others[0])


def _entry(entries: dict[str, ProgressReport], location: Location) -> TaskReport | None:
    report = entries.get(location.file)
    path = location.path
    if report is None or len(path) < 2 or path[0] != "tasks" or not isinstance(path[1], int):
        return None
    return report.tasks[path[1]] if path[1] < len(report.tasks) else None


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity >= Severity.ERROR for d in diagnostics)
