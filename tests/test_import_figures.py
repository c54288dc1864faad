"""``kh284 import`` reads each figure as the clerk saw it in Excel.

A number under a percent format is the percentage shown (0.345 shown as 34,5 % is 34.5);
a percentage without one that is below 1 is a warning naming the cell; text that writes a
figure (``34,5``, ``34,5 %``, ``34.5%``, ``1.234,5``) is that figure, an ambiguous one
(``1.234``) an error at its cell; a percentage where the target counts something else is
an error.  Which rows are percentages comes from ``targets.yaml`` (the demo's, through a
copy of the real template of Sở GD&ĐT); the reading rules themselves are tested on their
own (``excel_figures``), with hypothesis for the text forms.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import dated_book, demo_template, run_both
from test_fuzz import fuzz_settings

openpyxl = pytest.importorskip("openpyxl")

from kh284.reports.excel_figures import (  # noqa: E402  (needs the reports extra)
    MAX_FIGURE_CHARS,
    PART,
    TEXT_FIGURES,
    percent_shown,
    read_figure,
    text_figure,
)
from kh284.reports.template_layout import FIGURE, LEVEL, PERCENT  # noqa: E402


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    return demo_template(tmp_path_factory.mktemp("import-figures"), "2027")


def _rows(book: Any, unit: str) -> list[int]:
    """Rows of sheet Chỉ tiêu whose unit of measure (column E) starts with ``unit``."""
    sheet = book["Chỉ tiêu"]
    return [
        r for r in range(5, sheet.max_row + 1) if str(sheet[f"E{r}"].value or "").startswith(unit)
    ]


def _import(
    pristine: tuple[Path, bytes], tmp_path: Path, change: Any, code: int, lang: str = "en"
) -> tuple[str, str, str | None]:
    """Fill the template with ``change(book)`` and import it: stdout, stderr, the YAML."""
    data, template = pristine
    book = dated_book(template)
    change(book)
    xlsx = tmp_path / "so-gddt.xlsx"
    book.save(xlsx)
    output = tmp_path / f"out-{lang}" / "report.yaml"
    args = ("import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31")
    out, err = run_both(*args, "--lang", lang, "-o", str(output), code=code)
    written = output.read_text(encoding="utf-8") if output.exists() else None
    assert (written is not None) == (code == 0)
    return out, err, written


def _values(text: str) -> list[str]:
    return re.findall(r"^    value: (.+)$", text, re.M)


# -- the cases -----------------------------------------------------------------------


def test_a_percent_formatted_fraction_is_the_percentage_shown(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    def change(book: Any) -> None:
        row = _rows(book, "%")[0]
        book["Chỉ tiêu"][f"D{row}"] = 0.345  # Excel stores "34,5%" so
        book["Chỉ tiêu"][f"D{row}"].number_format = "0.0%"

    out, err, written = _import(pristine, tmp_path, change, code=0)
    assert written is not None and _values(written) == ["34.5"]
    assert out == "" and "0 errors, 0 warnings" in err


def test_a_fraction_without_a_percent_format_is_a_warning_at_its_cell(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    rows: list[int] = []

    def change(book: Any) -> None:
        rows.append(_rows(book, "%")[0])
        book["Chỉ tiêu"][f"D{rows[0]}"] = 0.345

    out, err, written = _import(pristine, tmp_path, change, code=0)
    assert out.splitlines() == [
        f"Chỉ tiêu!D{rows[0]}: warning Y137 The percentage 0.345 % is below 1 and the cell has"
        " no percent format: if 34.5 % was meant, type 34.5; if 0.345 % is right, keep it"
    ]
    assert written is not None and _values(written) == ["0.345"] and "1 warning" in err
    out, _, _ = _import(pristine, tmp_path, change, code=0, lang="vi")
    assert f"Chỉ tiêu!D{rows[0]}: warning Y137 Tỷ lệ 0,345 % nhỏ hơn 1" in out
    assert "nếu muốn ghi 34,5 % thì gõ 34,5" in out


@pytest.mark.parametrize("typed", ["34,5", "34,5 %", "34.5%", " 34.5 ", "34,5\u00a0%"])
def test_a_figure_typed_as_text_is_the_figure_it_writes(
    pristine: tuple[Path, bytes], tmp_path: Path, typed: str
) -> None:
    def change(book: Any) -> None:
        book["Chỉ tiêu"][f"D{_rows(book, '%')[0]}"] = typed

    _, _, written = _import(pristine, tmp_path, change, code=0)
    assert written is not None and _values(written) == ["34.5"]


def test_a_rate_s_parts_typed_with_grouping_are_read(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """97,4 % of 1.039: the parts as a Vietnamese clerk writes them, checked against it."""

    def change(book: Any) -> None:
        row, sheet = _rows(book, "%")[0], book["Chỉ tiêu"]
        sheet[f"D{row}"], sheet[f"K{row}"], sheet[f"L{row}"] = "97,4 %", "1 012", "1.039,0"

    _, _, written = _import(pristine, tmp_path, change, code=0)
    assert written is not None
    assert "value: 97.4" in written and "numerator: 1012" in written
    assert "denominator: 1039" in written


def test_ambiguous_and_misplaced_percentages_name_their_cells(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """All in one round: '1.234' (a thousand, or a fraction?), 100 % for a yes/no level,
    '5 %' typed as a level, a numerator shown as a percentage."""
    cells: dict[str, str] = {}

    def change(book: Any) -> None:
        sheet = book["Chỉ tiêu"]
        rate, other = _rows(book, "%")[:2]
        first, second = _rows(book, "mức độ")[:2]
        cells.update(ambiguous=f"D{rate}", level=f"D{first}", text=f"D{second}")
        cells["part"] = f"K{other}"
        sheet[f"D{rate}"] = "1.234"
        sheet[f"D{first}"] = 1
        sheet[f"D{first}"].number_format = "0%"
        sheet[f"D{second}"] = "5 %"
        sheet[f"D{other}"] = 50
        sheet[f"K{other}"], sheet[f"L{other}"] = 0.5, 2
        sheet[f"K{other}"].number_format = "0.00%"

    out, err, _ = _import(pristine, tmp_path, change, code=1)
    lines = out.splitlines()
    assert (
        f"Chỉ tiêu!{cells['ambiguous']}: error Y138 '1.234' could be 1234 or 1.234; type the"
        " figure again as a number, without a thousands separator"
    ) in lines
    level = f"Chỉ tiêu!{cells['level']}: error Y139 The cell shows 100%, a percentage, but a"
    assert any(line.startswith(level) and "level of the target's scale" in line for line in lines)
    typed = f"Chỉ tiêu!{cells['text']}: error Y139 The cell shows 5 %, a percentage"
    assert any(line.startswith(typed) for line in lines)
    part = f"Chỉ tiêu!{cells['part']}: error Y139 The cell shows 50%, a percentage, but a count"
    assert any(line.startswith(part) for line in lines)
    assert "4 errors" in err and "nothing written" in err


def test_which_rows_are_percentages_comes_from_the_data(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """The same cell, once the data's target is a plain figure: 34,5 % is no longer one."""
    data = tmp_path / "data"
    shutil.copytree(pristine[0], data)
    targets = data / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    start = text.index("  - id: nha-tre-huy-dong")
    end = text.index("\n  - id:", start + 1)
    changed = text[start:end].replace("unit: percent", "unit: number")
    targets.write_text(text[:start] + changed + text[end:], encoding="utf-8")
    rows: list[int] = []

    def change(book: Any) -> None:
        sheet = book["Chỉ tiêu"]
        rows.append(next(r for r in range(5, 60) if sheet[f"B{r}"].value == "nha-tre-huy-dong"))
        sheet[f"D{rows[0]}"] = "34,5 %"

    out, _, _ = _import((data, pristine[1]), tmp_path, change, code=1)
    assert f"Chỉ tiêu!D{rows[0]}: error Y139 The cell shows 34,5 %, a percentage" in out


# -- the reading rules on their own ----------------------------------------------------------


@pytest.mark.parametrize(
    ("number_format", "value", "shown"),
    [
        ("General", 0.345, False),
        ("0%", 0.345, True),
        ("0.00%", 0.345, True),
        ("[Red]0.0%", 0.345, True),
        ('0.0" %"', 34.5, False),  # the status workbook's: the number with a sign after it
        ("#,##0.0#\\%", 34.5, False),
        ("0.0_%", 34.5, False),  # a space as wide as %
        ("0*%", 34.5, False),  # % repeated to fill the cell
        ('"%"0', 34.5, False),
        ("[$%-409]0", 34.5, False),
        ("0;0%", 1, False),  # the positive section has no %
        ("0;0%", -1, True),
        ("0;0;0%", 0, True),
        ('0.0%;-0.0%;"-"', 0, False),
        ('0.0%;"x;%"', -1, False),  # the ; inside quotes splits nothing
    ],
)
def test_percent_shown_follows_excel_s_format_rules(
    number_format: str, value: float, shown: bool
) -> None:
    assert percent_shown(number_format, value) is shown


@pytest.mark.parametrize(
    ("text", "figure", "percent"),
    [
        ("34", "34", False),
        ("34,5", "34.5", False),
        ("34.5", "34.5", False),
        ("0,345", "0.345", False),  # a leading 0 groups nothing
        ("1234,567", "1234.567", False),  # four digits before: no grouping
        ("1.234,5", "1234.5", False),
        ("1,234.5", "1234.5", False),
        ("1 234,5", "1234.5", False),
        ("1\u202f234", "1234", False),
        ("1.234.567", "1234567", False),
        ("1,234,567.25", "1234567.25", False),
        ("34,5 %", "34.5", True),
        ("34.5%", "34.5", True),
        ("-5", "-5", False),
    ],
)
def test_text_figures(text: str, figure: str, percent: bool) -> None:
    read = text_figure(text)
    assert read is not None and read.number == Decimal(figure) and read.percent is percent


@pytest.mark.parametrize(
    "text",
    ["1.234", "1,234", "12.345 %", "khoảng 35", "30-35", "1.234.5", "1,234,5", "%", "",
     "３４", "1e3", "34,5%%", "1  234", "1\n234", "9" * (MAX_FIGURE_CHARS + 1)],
)  # fmt: skip
def test_texts_that_are_no_figure(text: str) -> None:
    assert text_figure(text) is None


def test_every_documented_text_form_is_read() -> None:
    assert all(text_figure(text) is not None for text in TEXT_FIGURES)


@pytest.mark.parametrize(
    ("value", "number_format", "kind", "read", "code"),
    [
        (0.345, "0.0%", PERCENT, 34.5, None),
        (0.345, "0.0%", None, 34.5, None),  # an unknown target: read as shown
        (0.345, "General", PERCENT, 0.345, "Y137"),
        (0.345, "General", FIGURE, 0.345, None),
        (0, "General", PERCENT, 0, None),
        (1, "0%", LEVEL, None, "Y139"),
        (1, "0%", PART, None, "Y139"),
        ("0,5", "General", PERCENT, 0.5, "Y137"),
        ("0,5 %", "@", PERCENT, 0.5, None),
        ("1,234", "General", FIGURE, None, "Y138"),
        ("khoảng 35", "General", PERCENT, "khoảng 35", None),  # for the report's checks
        (True, "0%", PERCENT, True, None),
        (float("inf"), "0%", PERCENT, float("inf"), None),  # S208, from the report's checks
        (None, "0%", PERCENT, None, None),
    ],
)
def test_read_figure(value: Any, number_format: str, kind: str | None, read: Any, code: Any):
    figure = read_figure(value, number_format, kind)
    assert (figure.value, figure.code) == (read, code)


@st.composite
def written_figures(draw: st.DrawFn) -> tuple[str, Decimal, bool]:
    """A figure written the Vietnamese or the English way, grouped or not, maybe with %."""
    whole = draw(st.integers(0, 10**9))
    decimals = draw(st.integers(0, 4))
    frac = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    vietnamese = draw(st.booleans())
    group, mark = (".", ",") if vietnamese else (",", ".")
    group = draw(st.sampled_from([group, " ", "\u00a0", ""]))
    digits = str(whole)
    if group:
        digits = f"{whole:,}".replace(",", group)
    text = digits + (f"{mark}{frac:0{decimals}d}" if decimals else "")
    percent = draw(st.booleans())
    if percent:
        text += draw(st.sampled_from(["%", " %", "\u00a0%"]))
    value = Decimal(f"{whole}.{frac:0{decimals}d}" if decimals else str(whole))
    return text, value, percent


@fuzz_settings(300)
@given(written_figures())
def test_a_written_figure_reads_back_or_is_ambiguous(case: tuple[str, Decimal, bool]) -> None:
    text, value, percent = case
    read = text_figure(text)
    if read is None:  # only "1.234": one mark, three digits after, a short group before
        body = text.rstrip("% \u00a0")
        assert re.fullmatch(r"[1-9][0-9]{0,2}[.,][0-9]{3}", body), text
        assert read_figure(text, "General", PERCENT).code == "Y138"
        return
    assert (read.number, read.percent) == (value, percent), text


@fuzz_settings(300)
@given(
    st.text(max_size=40),
    st.text(max_size=20),
    st.sampled_from([PERCENT, LEVEL, FIGURE, PART, None]),
)
def test_read_figure_never_raises(text: str, number_format: str, kind: str | None) -> None:
    read_figure(text, number_format, kind)
    figure = read_figure(1.5, number_format, kind)
    assert figure.value in (1.5, 150, None)
