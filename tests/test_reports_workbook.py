"""The status workbook as it prints (issue 22): every page titled, dated and numbered,
headings that fit their columns, and a sheet of what each unit owes, grouped by unit."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, DEMO, run_both
from kh284 import i18n
from kh284.reports.xlsx_export import header_text, wrapped_lines

openpyxl = pytest.importorskip("openpyxl")


def workbook(data_dir: Path, lang: str, out: Path) -> Any:
    run_both(
        "report",
        "--data-dir",
        str(data_dir),
        "--as-of",
        "2026-12-31",
        "--lang",
        lang,
        "--format",
        "xlsx",
        "--output",
        str(out),
        code=None,
    )
    return openpyxl.load_workbook(out)


@pytest.fixture(scope="module", params=[(DEMO, "vi"), (DATA, "vi"), (DEMO, "en")])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    data_dir, lang = request.param
    found = workbook(data_dir, lang, tmp_path_factory.mktemp("xlsx") / "status.xlsx")
    found.lang = lang  # type: ignore[attr-defined]
    return found


def test_every_printed_page_has_title_date_and_number(book: Any) -> None:
    lang = book.lang
    document = "Kế hoạch số 284/KH-UBND" if lang == "vi" else "Plan 284/KH-UBND"
    title = i18n.word("report.report_title", lang, document=document)
    as_of = i18n.word("report.as_of", lang, date="31/12/2026")
    for sheet in book.worksheets:
        header = sheet.oddHeader.left.text
        assert header == header_text(f"{title} — {as_of}"), sheet.title
        assert sheet.oddHeader.right.text == "&A"  # the sheet's name
        assert sheet.oddFooter.right.text == f"{i18n.word('dashboard.page', lang)} &P / &N"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)


def test_headings_wrap_at_word_ends_in_columns_wide_enough(book: Any) -> None:
    from openpyxl.utils import get_column_letter

    for sheet in book.worksheets[1:]:
        height = sheet.row_dimensions[1].height
        for cell in sheet[1]:
            if not cell.value:
                continue
            width = sheet.column_dimensions[get_column_letter(cell.column)].width
            assert cell.alignment.wrap_text, (sheet.title, cell.value)
            # no word of a heading is cut ("Năm đíc", "Kết quả mớ"): the column holds the
            # longest one in bold, and the row is tall enough for every line
            longest = max(len(w) for w in str(cell.value).split())
            assert width >= longest * 1.2, (sheet.title, cell.value, width)
            lines = wrapped_lines(str(cell.value), int(width) - 2)
            assert height is not None and height >= 15 * lines, (sheet.title, cell.value)


def test_what_each_unit_owes_is_grouped_by_unit(book: Any) -> None:
    lang = book.lang
    sheet = book[i18n.word("xlsx.sheet_owed", lang)]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows
    units = [unit for unit, _ in groupby(r[0] for r in rows)]
    assert len(units) == len(set(units))  # each unit's rows together
    states = {i18n.word("xlsx.owed_missing", lang), i18n.word("xlsx.owed_late", lang)}
    assert {r[5] for r in rows} <= states
    # the unit's name is bold on the first row of its group
    first = {}
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        first.setdefault(row[0].value, number)
    assert all(sheet.cell(row=n, column=1).font.bold for n in first.values())


def test_header_text_doubles_ampersands() -> None:
    # "&" starts a code in a page header ("&P" is the page number): a unit's "Sở GD&ĐT"
    assert header_text("Sở GD&ĐT &P") == "Sở GD&&ĐT &&P"
