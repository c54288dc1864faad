"""The per-unit Excel template (``kh284 template``): its rows, sheets, validations, protection.

A template lists what one unit should report for one year: sheet ``Chỉ tiêu`` has one row
per series and area (the target, its unit of measure, the previous value, the goal) and
sheet ``Nhiệm vụ`` one row per task deliverable still open (status as a drop-down).  Sheet
``Thông tin`` holds the unit, the year and the report's date and document.  Only the
yellow cells are unlocked (a numerator and a denominator only on the rows of a rate), the
sheets cannot be added, removed, renamed or shown (the workbook's structure is locked);
headings are Vietnamese; a hidden sheet ``kh284`` marks the file as a template.  Where
each thing stands is ``template_layout``'s, shared with the import (``importer``).

An area whose unit ceased before the end of the year asked (a district after 1/7/2025)
is named as a former one: by the data's own name for it when an alias says so, else its
name followed by "(cũ)" (``area_label``).

Which targets a unit reports is the one rule of ``validate.responsibility`` (the same as
``kh284 missing`` and the dashboard): the unit answers for one of the target's reporters
(a group's member, a ceased unit's successor); a unit that stands for an area (a former
district) gets only the rows of its own area, as in targets that count districts.  A level's cell
offers the levels of the target's own scale (``0, 1`` for a yes/no target).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kh284.evaluate.tasks import TaskResult
from kh284.i18n import COMPARATORS, UNITS, both, level_scale, target_goal
from kh284.i18n import day as i18n_day
from kh284.i18n import number as i18n_number
from kh284.pipeline import Outcome
from kh284.reports.template_layout import (
    FIGURE,
    FIRST_ROW,
    HEADER_ROW,
    INFO,
    INFO_INPUTS,
    INFO_ROWS,
    LEVEL,
    MARK,
    MARKER,
    PERCENT,
    RATIO_INPUTS,
    STATUS_CHOICES,
    STATUS_WORDS,
    TARGET_COLUMNS,
    TARGET_INPUTS,
    TARGETS,
    TASK_COLUMNS,
    TASK_INPUTS,
    TASKS,
    WorkbookError,
    column_heading,
    figure_kind,
    has_ratio,
)
from kh284.reports.template_layout import template_word as _t
from kh284.reports.xlsx_export import (
    DATE_FORMAT,
    WHOLE,
    append,
    figure_format,
    fit_rows,
    print_setup,
    put,
)
from kh284.validate.deadlines import year_end
from kh284.validate.index import Index
from kh284.validate.models.targets import Target
from kh284.validate.responsibility import reports_target
from kh284.views.build import document_of

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: The template is for the units, in Vietnamese: units of measure from the vocabulary (a
#: level's unit names the target's own scale, ``level_scale``).
UNIT_OF_MEASURE = {unit: vi for unit, (vi, _) in UNITS.items()}
INPUT_FILL, HEADER_FILL = "FFF6CC", "DCE6F1"


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
            rows.append(TargetRow(target, area, area_label(index, area, period), previous))
    return rows


def area_label(index: Index, area: str, period: int) -> str:
    """An area's name as the template asks for its figures of ``period``.

    An area whose unit ceased before the end of ``period`` is a former one: named by the
    data's alias that says so ("huyện Ba Bể cũ") if it has one, else "huyện Ba Bể (cũ)".
    """
    name = index.area_name(area)
    unit = index.units.items.get(area)
    if unit is None or unit.valid_until is None or unit.valid_until >= year_end(period):
        return name
    former = _t("former")
    says_so = re.compile(rf"(?<!\w){re.escape(former)}(?!\w)", re.IGNORECASE)
    own = next((alias for alias in unit.aliases if says_so.search(alias)), None)
    return own or f"{name} ({former})"


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
    return STATUS_WORDS.get(state or "", "")


# -- writing the template ----------------------------------------------------------------


def make(data_dir: Path, unit_query: str, period: int) -> tuple[str, bytes]:
    """The template of one unit for one year: (the unit's id, the .xlsx bytes).

    Every cell is written by ``xlsx_export.put``: text from data (a target's name that
    starts with ``=``) stays text, never a formula.
    """
    from openpyxl import Workbook

    from kh284.pipeline import run

    outcome = run(data_dir, year_end(period), evaluate=True)
    if not outcome.evaluated or outcome.dataset.plan is None:
        raise WorkbookError(*both("template.plan_errors"))
    first, last = outcome.dataset.plan.settings.report_from_year, outcome.dataset.plan.horizon_year
    if not first <= period <= last:  # a workbook for a year the plan asks nothing of
        from kh284.diagnostics import UsageError

        raise UsageError(*both("cli.period_outside", period=period, first=first, last=last))
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
    _lock_structure(book)
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
    put(sheet["A1"], _t("info_title", document=document_of(plan, "vi").upper()))
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
    _heads(sheet, _t("targets_title", period=period), _t("targets_help"), TARGET_COLUMNS, period)
    kinds: dict[str, list[int]] = {PERCENT: [], FIGURE: []}
    levels: dict[tuple[int, int], list[int]] = {}
    for i, row in enumerate(rows):
        r = FIRST_ROW + i
        target = row.target
        count = target.scope.kind == "count_of_areas"
        # a level target's figure is a level of its scale; so is each area's of a count
        scale = level_scale(target, "vi")
        kind = figure_kind(target)
        if kind == LEVEL and target.levels is not None:
            levels.setdefault(target.levels, []).append(r)
        else:
            kinds[kind].append(r)
        inputs = TARGET_INPUTS if has_ratio(kind) else _without(TARGET_INPUTS, RATIO_INPUTS)
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
        _fill_row(sheet, TARGET_COLUMNS, r, values, inputs)
        unit = LEVEL if count else target.unit
        sheet[f"{TARGET_COLUMNS['previous'][0]}{r}"].number_format = figure_format(unit, "vi")
        sheet[f"{TARGET_COLUMNS['previous_year'][0]}{r}"].number_format = WHOLE
    _validate_numbers(sheet, kinds, levels)
    _foot(sheet, frozen="D")


def _without(keys: tuple[str, ...], left_out: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key for key in keys if key not in left_out)


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
    _heads(sheet, _t("tasks_title"), _t("tasks_help"), TASK_COLUMNS)
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
    _foot(sheet, frozen="E")


def _heads(
    sheet: Worksheet,
    title: str,
    explanation: str,
    columns: dict[str, tuple[str, str, int]],
    period: int = 0,
) -> None:
    """The top of a sheet of rows: its title (bold), what to do, the columns' headings."""
    from openpyxl.styles import Alignment, PatternFill

    put(sheet["A1"], title)
    put(sheet["A2"], explanation)
    _bold(sheet["A1"])
    for letter, text, width in columns.values():
        cell = sheet[f"{letter}{HEADER_ROW}"]
        put(cell, column_heading(text, period))
        _bold(cell)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[letter].width = width


def _foot(sheet: Worksheet, frozen: str) -> None:
    """The end of a sheet of rows: fitted, printed, locked, frozen at ``frozen`` of the first row.

    Rows are as tall as their text; pages are landscape with the headings on each.
    """
    fit_rows(sheet, FIRST_ROW)
    print_setup(sheet, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    _protect(sheet, freeze=f"{frozen}{FIRST_ROW}")


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
    """The value column by kind of measure; a rate's numerator and denominator ≥ 0.

    Level rows offer the levels of their target's scale, one list per scale (``levels``:
    (lowest, highest) → rows): ``0,1`` for a yes/no target, ``0,1,2`` for a scale of 0–2.
    """
    value = TARGET_COLUMNS["value"][0]
    title = _t("value_title")
    checks = {
        PERCENT: _stop(
            "decimal", title, _t("percent_error"), operator="between", formula1="0", formula2="100"
        ),
        FIGURE: _at_least_zero(title),
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
    parts = _at_least_zero(title)
    rates = [r for kind, numbers in rows.items() if has_ratio(kind) for r in numbers]
    for key in RATIO_INPUTS:
        for span in _spans(TARGET_COLUMNS[key][0], rates):
            parts.add(span)
    for check in (*checks.values(), *lists, parts):
        if check.sqref:
            sheet.add_data_validation(check)


def _spans(letter: str, rows: list[int]) -> list[str]:
    """The cells of ``rows`` in column ``letter`` as ranges of consecutive rows: ``K5:K9``."""
    spans: list[tuple[int, int]] = []
    for r in sorted(rows):
        if spans and spans[-1][1] == r - 1:
            spans[-1] = (spans[-1][0], r)
        else:
            spans.append((r, r))
    return [f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in spans]


def _at_least_zero(title: str) -> Any:
    """A figure of any size ≥ 0 (a count, a numerator, a denominator)."""
    return _stop("decimal", title, _t("number_error"), operator="greaterThanOrEqual", formula1="0")


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


def _lock_structure(book: Any) -> None:
    """No sheet may be added, removed, renamed, moved or shown (the marker stays hidden)."""
    from openpyxl.workbook.protection import WorkbookProtection

    book.security = WorkbookProtection(lockStructure=True)


def _protect(sheet: Worksheet, freeze: str | None = None) -> None:
    """Lock every cell but the inputs; columns and rows may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    if freeze:
        sheet.freeze_panes = freeze
