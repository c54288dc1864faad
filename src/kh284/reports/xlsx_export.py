"""``kh284 report --format xlsx``: the status tables as a workbook.

Four sheets, every value taken from the one model every output renders (``content.model``):
an overview (headline and targets by status), the targets with their verdict components,
the task deliverables, and every reported figure with the document it came from.  Status
cells are tinted with the dashboard's colours and start with the status's shape, so that
they stay apart printed in grey; header rows are frozen and filterable.

Cells hold what they mean: figures are numbers with a number format (a percentage target's
``34,5 %`` is the number 34.5 shown with a literal ``%``), the completion rate is a fraction
with a percent format (0.4444 shown ``44 %``), dates are dates shown ``dd/mm/yyyy``, and a
unit's reported state is the template's drop-down word.  Each sheet prints on A4 at the
width of one page, its header row repeated; wrapped text gets row heights of its own (a
spreadsheet that does not measure rows, LibreOffice, would otherwise overlap them).

``put`` is the one way a value goes into a cell, here and in the Excel template
(``workbook``): text is written as text, never as a formula, whatever its first character
(``=HYPERLINK(…)`` in a document stays that text; OWASP's formula-injection rule), and
through ``printable``, so a control character (which a workbook cannot hold) or a
right-to-left override is shown escaped.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kh284 import i18n
from kh284.diagnostics.catalogue import printable
from kh284.i18n import REPORT_STATES, label
from kh284.i18n.statuses import TARGET_STATUSES
from kh284.reports.content import Content, word

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = "DCE6F1"
DATE_FORMAT = "dd/mm/yyyy"
#: Number formats: whole numbers, figures, progress ratios.
WHOLE, FIGURE, RATIO = "0", "#,##0.0#", "0.00"
#: Points per line of wrapped 11-point text, and the characters a column unit holds.
LINE_HEIGHT = 15.0
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


def figure_format(unit: str | None, lang: str) -> str:
    """The number format of a figure in ``unit``: a percentage shows its sign after it."""
    if unit == "percent":
        return FIGURE + f'"{_percent_sign(lang)}"'  # quoted: shown, not multiplied by 100
    if unit in ("count", "level"):
        return WHOLE
    return FIGURE


def rate_format(lang: str) -> str:
    """A fraction shown as a percentage: ``44 %`` (Vietnamese), ``44%``."""
    return "0" + _percent_sign(lang)


def _percent_sign(lang: str) -> str:
    """The percent sign as ``i18n.percent`` writes it after a figure (`` %`` in Vietnamese)."""
    return i18n.percent(0, lang).removeprefix("0")


def formats(sheet: Worksheet, row: int, by_column: Mapping[int, str | None]) -> None:
    """Set the number format of cells of ``row`` (column number → format)."""
    for column, fmt in by_column.items():
        cell = sheet.cell(row=row, column=column)
        if fmt and cell.value is not None:
            cell.number_format = fmt


def print_setup(sheet: Worksheet, *, landscape: bool, title_rows: str | None) -> None:
    """A4, every column on one page's width, the header rows repeated on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows


def wrap(sheet: Worksheet, letters: Sequence[str], first_row: int) -> None:
    """Wrap the text of columns ``letters`` from ``first_row`` down, and fit the rows."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if get_column_letter(cell.column or 1) in letters:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif cell.value is not None:
                cell.alignment = Alignment(vertical="top")
    fit_rows(sheet, first_row)


def fit_rows(sheet: Worksheet, first_row: int) -> None:
    """Row heights for wrapped text: lines = characters over the column's width."""
    from openpyxl.utils import get_column_letter

    for number, row in enumerate(sheet.iter_rows(min_row=first_row), start=first_row):
        lines = 1
        for cell in row:
            if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                continue
            width = sheet.column_dimensions[get_column_letter(cell.column or 1)].width or 10
            per_line = max(1, int(width * 1.1) - 2)
            needed = sum(-(-max(1, len(part)) // per_line) for part in cell.value.split("\n"))
            lines = max(lines, needed)
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines


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
    model = content.model
    head = model.headline
    append(sheet, [word("report_title", lang, document=model.document)])
    append(sheet, [word("as_of", lang, date=i18n.day(model.as_of))])
    append(sheet, [])
    rate = None if head is None or head.rate is None else round(head.rate, 4)
    append(sheet, [word("headline", lang), None if rate is None else rate / 100])
    formats(sheet, sheet.max_row, {2: rate_format(lang)})
    for key in ("due", "done", "done_on_time", "overdue"):
        append(sheet, [word(key, lang), None if head is None else getattr(head, key)])
    append(sheet, [])
    append(sheet, [word("targets_by_status", lang), _h("count", lang)])
    counts = model.target_counts
    for status, look in TARGET_STATUSES.items():
        append(sheet, [f"{look.symbol} {look.word(lang)}", counts.get(status, 0)])
        _tint(sheet.cell(row=sheet.max_row, column=1), look.tint)
    _bold_row(sheet, 1)
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 14
    print_setup(sheet, landscape=False, title_rows=None)


def _targets(sheet: Worksheet, content: Content) -> None:
    lang = content.lang
    keys = ["id", "target", "group", "clause", "goal", "due_year", "latest", "year", "status"]
    keys += ["baseline_value", "projected", "ratio", "why"]
    _header(sheet, [_h(k, lang) for k in keys], [18, 36, 16, 8, 12, 7, 10, 6, 20, 9, 9, 7, 40])
    for target in content.model.targets:
        result = target.result
        figure = figure_format("level" if result.areas else target.goal.unit, lang)
        append(
            sheet,
            [
                target.id,
                target.name,
                content.outcome.index.group_name(result.target.group, lang),
                result.target.clause,
                target.goal.text,
                target.goal.due_year,
                target.latest_value,
                target.latest_year,
                f"{target.look.symbol} {target.word}",
                result.baseline_value,
                _round(result.projected_value),
                _round(result.ratio),
                target.reason,
            ],
        )
        row = sheet.max_row
        formats(sheet, row, {6: WHOLE, 7: figure, 8: WHOLE, 10: figure, 11: figure, 12: RATIO})
        _tint(sheet.cell(row=row, column=9), target.look.tint)
    wrap(sheet, ("B", "C", "E", "I", "M"), 2)
    print_setup(sheet, landscape=True, title_rows="1:1")


def _tasks(sheet: Worksheet, content: Content) -> None:
    lang = content.lang
    keys = ["id", "task", "lead", "lead_now", "deadline", "status", "days_overdue"]
    keys += ["last_report", "completed_on", "evidence"]
    _header(sheet, [_h(k, lang) for k in keys], [14, 50, 16, 16, 12, 22, 9, 16, 12, 30])
    for task in content.model.tasks:
        last = task.last_report
        append(
            sheet,
            [
                task.label,
                " ".join(task.text.split()),
                ", ".join(content.unit_name(u) for u in task.lead),
                ", ".join(content.unit_name(u) for u in task.lead_now),
                task.due or task.deadline_text,
                f"{task.look.symbol} {task.word}",
                task.days_late,
                label(REPORT_STATES, last, lang) if last in REPORT_STATES else last,
                task.completed_on,
                task.evidence,
            ],
        )
        row = sheet.max_row
        formats(sheet, row, {5: DATE_FORMAT if task.due else None, 7: WHOLE, 9: DATE_FORMAT})
        _tint(sheet.cell(row=row, column=6), task.look.tint)
    wrap(sheet, ("A", "B", "C", "D", "E", "F", "H", "J"), 2)
    print_setup(sheet, landscape=True, title_rows="1:1")


def _figures(sheet: Worksheet, content: Content) -> None:
    lang = content.lang
    keys = ["id", "target", "year", "value", "reported_by", "reported_on", "document", "source"]
    keys += ["file", "line"]
    _header(sheet, [_h(k, lang) for k in keys], [20, 34, 6, 9, 16, 12, 44, 20, 30, 6])
    for target in content.model.targets:
        unit = "level" if target.result.areas else target.goal.unit
        for point in target.result.points:
            append(
                sheet,
                [
                    target.id,
                    target.name,
                    point.year,
                    point.value,
                    content.unit_name(point.unit),
                    point.reported_on,
                    point.document,
                    point.source,
                    content.view.path(point.location.file),
                    point.location.line,
                ],
            )
            fmt = {3: WHOLE, 4: figure_format(unit, lang), 6: DATE_FORMAT, 10: WHOLE}
            formats(sheet, sheet.max_row, fmt)
    wrap(sheet, ("B", "E", "G", "H", "I"), 2)
    print_setup(sheet, landscape=True, title_rows="1:1")


def _round(value: float | None) -> float | None:
    """A projection or ratio as the JSON writes it (four decimals)."""
    return None if value is None else round(value, 4)


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
