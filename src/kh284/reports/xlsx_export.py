"""``kh284 report --format xlsx``: the status tables as a workbook.

Four sheets, every value taken from the plain data ``check --format json`` prints:
an overview (headline and targets by status), the targets with their verdict components,
the task deliverables, and every reported figure with the document it came from.  Status
cells are tinted with the dashboard's colours; header rows are frozen and filterable.

``put`` is the one way a value goes into a cell, here and in the Excel template
(``workbook``): text is written as text, never as a formula, whatever its first character
(``=HYPERLINK(…)`` in a document stays that text; OWASP's formula-injection rule), and
through ``printable``, so a control character (which a workbook cannot hold) or a
right-to-left override is shown escaped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kh284 import i18n
from kh284.diagnostics.catalogue import printable
from kh284.i18n import TARGET_LABELS, label
from kh284.render.terminal import goal_text
from kh284.reports.content import TARGET_TINTS, TASK_TINTS, Content, word

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = "DCE6F1"
#: First characters that make a spreadsheet read text as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def put(cell: Any, value: Any) -> None:
    """Write ``value`` into ``cell``: numbers and dates as they are, text always as text.

    Text goes through ``printable``; it is stored as a string cell even when it starts like
    a formula (openpyxl would make ``=…`` a formula and ``#N/A`` an error), and such text
    also gets Excel's quote prefix, so editing the cell does not turn it into a formula.
    """
    if not isinstance(value, str):
        cell.value = value
        return
    text = printable(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def append(sheet: Worksheet, values: Sequence[Any]) -> None:
    """``sheet.append`` with every value written by ``put``."""
    from openpyxl.cell.cell import WriteOnlyCell

    row = []
    for value in values:
        cell = WriteOnlyCell(sheet)
        put(cell, value)
        row.append(cell)
    sheet.append(row)


def _h(key: str, lang: str) -> str:
    """A column heading: the workbook's own (``xlsx.*``) or one the reports share."""
    if f"xlsx.{key}" in i18n.WORDS:
        return i18n.word(f"xlsx.{key}", lang)
    return word(key, lang)


def render(content: Content) -> bytes:
    """The workbook as .xlsx bytes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    lang = content.lang
    sheet.title = _sheet_name("overview", lang)
    _overview(sheet, content)
    _targets(book.create_sheet(_sheet_name("targets", lang)), content)
    _tasks(book.create_sheet(_sheet_name("tasks", lang)), content)
    _figures(book.create_sheet(_sheet_name("figures", lang)), content)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(key: str, lang: str) -> str:
    return i18n.word(f"xlsx.sheet_{key}", lang)


def _overview(sheet: Worksheet, content: Content) -> None:
    lang = content.lang
    head: dict[str, Any] = content.data.get("headline") or {}
    append(sheet, [word("report_title", lang, number=content.plan.number)])
    append(sheet, [word("as_of", lang, date=content.outcome.as_of.strftime("%d/%m/%Y"))])
    append(sheet, [])
    append(sheet, [word("headline", lang), head.get("completion_rate")])
    for key in ("due", "done", "done_on_time", "overdue"):
        append(sheet, [word(key, lang), head.get(key)])
    append(sheet, [])
    append(sheet, [word("targets_by_status", lang), _h("count", lang)])
    for status in TARGET_LABELS:
        append(sheet, [label(TARGET_LABELS, status, lang), content.target_counts.get(status, 0)])
        _tint(sheet.cell(row=sheet.max_row, column=1), TARGET_TINTS[status])
    _bold_row(sheet, 1)
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 14


def _targets(sheet: Worksheet, content: Content) -> None:
    lang = content.lang
    keys = ["id", "target", "group", "clause", "goal", "due_year", "latest", "year", "status"]
    keys += ["baseline", "projected", "ratio", "why"]
    _header(sheet, [_h(k, lang) for k in keys], [26, 44, 24, 10, 12, 9, 10, 8, 18, 10, 10, 9, 60])
    for result, data in content.targets:
        parts = data["components"]
        append(
            sheet,
            [
                data["id"],
                data["name"],
                content.outcome.index.group_name(data["group"], lang),
                data["clause"],
                goal_text(result, content.lang),
                data["due_year"],
                data["value"],
                data["year"],
                data["label"],
                parts["baseline_value"],
                parts["projected_value"],
                parts["ratio"],
                data["reason"],
            ],
        )
        _tint(sheet.cell(row=sheet.max_row, column=9), TARGET_TINTS[data["status"]])


def _tasks(sheet: Worksheet, content: Content) -> None:
    lang = content.lang
    keys = ["id", "task", "lead", "lead_now", "deadline", "status", "days_overdue"]
    keys += ["last_report", "completed_on", "evidence"]
    _header(sheet, [_h(k, lang) for k in keys], [16, 70, 22, 22, 14, 22, 10, 14, 14, 40])
    for result, data in content.tasks:
        append(
            sheet,
            [
                result.label,
                " ".join(data["text"].split()),
                ", ".join(content.unit_name(u) for u in data["lead"]),
                ", ".join(content.unit_name(u) for u in data["lead_now"]),
                data["due"] or data["deadline_text"],
                data["label"],
                data["days_overdue"],
                data["last_report"],
                data["completed_on"],
                data["evidence"],
            ],
        )
        _tint(sheet.cell(row=sheet.max_row, column=6), TASK_TINTS[data["status"]])


def _figures(sheet: Worksheet, content: Content) -> None:
    lang = content.lang
    keys = ["id", "year", "value", "reported_by", "reported_on", "document", "source"]
    keys += ["file", "line"]
    _header(sheet, [_h(k, lang) for k in keys], [26, 8, 10, 22, 14, 70, 30, 44, 8])
    for _, data in content.targets:
        for item in data["history"]:
            append(
                sheet,
                [
                    data["id"],
                    item["year"],
                    item["value"],
                    content.unit_name(item["reported_by"]),
                    item["reported_on"],
                    item["document"],
                    item["source"],
                    item["file"],
                    item["line"],
                ],
            )


def _header(sheet: Worksheet, headings: Sequence[str], widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    append(sheet, list(headings))
    _bold_row(sheet, 1)
    for i, width in enumerate(widths, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = width
        _tint(sheet[f"{letter}1"], HEADER_FILL)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}1"


def _bold_row(sheet: Worksheet, row: int) -> None:
    from openpyxl.styles import Font

    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _tint(cell: Any, colour: str) -> None:
    from openpyxl.styles import PatternFill

    cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
