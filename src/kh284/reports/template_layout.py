"""What the Excel template and its import must agree on: the layout of the workbook.

The sheets' names, the hidden marker sheet and its mark, the rows of sheet ``Thông tin``
and the columns of sheets ``Chỉ tiêu`` and ``Nhiệm vụ`` (letter, heading, width, which
of them a unit fills in), what a row's figure is (``figure_kind``: a percentage, a level
or another figure, from its target's data; only a rate has a numerator and a
denominator), the drop-down choices of a task's status and the report states they stand
for, and the error a file that is not a template raises.  ``template`` writes this
layout, ``importer`` reads it back; neither spells a sheet, a row or a column itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kh284.diagnostics import UsageError
from kh284.i18n import REPORT_STATES, word

if TYPE_CHECKING:
    from kh284.validate.models.targets import Target


def template_word(key: str, **args: object) -> str:
    """A word of the template (``template.*``): the template is in Vietnamese."""
    return word(f"template.{key}", "vi", **args)


INFO, TARGETS, TASKS, MARKER = "Thông tin", "Chỉ tiêu", "Nhiệm vụ", "kh284"
MARK = "kh284-template"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
#: Sheet ``Thông tin``: field → (row, label); the value is in column B.
INFO_ROWS: dict[str, tuple[int, str]] = {
    "unit": (4, template_word("info_unit")),
    "unit_name": (5, template_word("info_unit_name")),
    "period": (6, template_word("info_period")),
    "reported_on": (7, template_word("info_reported_on")),
    "document": (8, template_word("info_document")),
    "source": (9, template_word("info_source")),
    "note": (10, template_word("info_note")),
}
INFO_INPUTS = ("reported_on", "document", "source", "note")
#: Columns of sheet ``Chỉ tiêu``: key → (letter, heading, width).
TARGET_COLUMNS: dict[str, tuple[str, str, int]] = {
    "no": ("A", word("report.stt", "vi"), 5),
    "target": ("B", template_word("col_target"), 24),
    "name": ("C", template_word("col_name"), 46),
    "value": ("D", template_word("col_value"), 14),
    "unit": ("E", template_word("col_unit"), 12),
    "previous": ("F", template_word("col_previous"), 12),
    "previous_year": ("G", template_word("col_previous_year"), 10),
    "goal": ("H", template_word("col_goal"), 16),
    "area_name": ("I", template_word("col_area_name"), 22),
    "area": ("J", template_word("col_area"), 14),
    "numerator": ("K", template_word("col_numerator"), 12),
    "denominator": ("L", template_word("col_denominator"), 12),
    "note": ("M", template_word("col_note"), 30),
}
TARGET_INPUTS = ("value", "numerator", "denominator", "note")
#: The columns of a rate's parts, open only on the rows of a target that has them.
RATIO_INPUTS = ("numerator", "denominator")
#: What a row's figure is, from its target's data (``figure_kind``): a percentage (0–100),
#: a level of the target's scale, or another figure (≥ 0).
PERCENT, LEVEL, FIGURE = "percent", "level", "figure"
#: Columns of sheet ``Nhiệm vụ``.
TASK_COLUMNS: dict[str, tuple[str, str, int]] = {
    "no": ("A", word("report.stt", "vi"), 5),
    "task": ("B", template_word("col_task"), 10),
    "deliverable": ("C", template_word("col_deliverable"), 16),
    "text": ("D", template_word("col_text"), 60),
    "role": ("E", template_word("col_role"), 10),
    "due": ("F", template_word("col_due"), 14),
    "last": ("G", template_word("col_last"), 16),
    "status": ("H", template_word("col_status"), 16),
    "completed_on": ("I", template_word("col_completed_on"), 16),
    "evidence": ("J", template_word("col_evidence"), 40),
    "note": ("K", template_word("col_task_note"), 30),
}
TASK_INPUTS = ("status", "completed_on", "evidence", "note")
#: The columns of each sheet of rows.
COLUMNS = {TARGETS: TARGET_COLUMNS, TASKS: TASK_COLUMNS}
#: The drop-down choices of the status column and the report states they stand for.
STATUS_CHOICES = {vi: state for state, (vi, _) in REPORT_STATES.items()}
STATUS_WORDS = {state: vi for vi, state in STATUS_CHOICES.items()}


class WorkbookError(UsageError):
    """A file that cannot be read as a template (exit code 2), with both languages."""


def column_heading(text: str, period: int | str) -> str:
    """A column's heading as the template shows it: ``Giá trị năm 2025`` for the year's."""
    return text.format(period=period) if "{" in text else text


def info_cell(key: str) -> str:
    """The cell of field ``key`` on sheet ``Thông tin``: ``Thông tin!B7``."""
    return f"{INFO}!B{INFO_ROWS[key][0]}"


def cell_at(sheet: str, key: str, row: int | str) -> str:
    """The cell of column ``key`` in ``row`` of sheet ``sheet``: ``Chỉ tiêu!D7``."""
    return f"{sheet}!{COLUMNS[sheet][key][0]}{row}"


def figure_kind(target: Target) -> str:
    """What a row of ``target`` holds: a level, a percentage or another figure.

    ``LEVEL`` for a level of its scale (a yes/no target, each area of a count),
    ``PERCENT`` for a percentage, else ``FIGURE``.
    """
    if target.levels is not None:
        return LEVEL
    return PERCENT if target.unit == "percent" else FIGURE


def has_ratio(kind: str) -> bool:
    """True when a figure of this kind is a rate, with a numerator and a denominator."""
    return kind == PERCENT
