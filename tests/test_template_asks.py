"""The template asks only what it should, in the words of the data.

A former area (a district after 1/7/2025) is named as one: by the data's own name for it
when an alias says so, else with "(cũ)"; a numerator and a denominator are open (yellow,
unlocked, validated) only on the rows of a rate; the workbook's structure is locked, so
no sheet can be added, removed, renamed or shown.  The demo's template of Sở GD&ĐT.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, demo_template

openpyxl = pytest.importorskip("openpyxl")

from openpyxl.utils import get_column_letter, range_boundaries  # noqa: E402

from kh284.pipeline import run  # noqa: E402
from kh284.reports.template import area_label  # noqa: E402
from kh284.reports.template_layout import RATIO_INPUTS, TARGET_COLUMNS  # noqa: E402

RATE_COLUMNS = tuple(TARGET_COLUMNS[key][0] for key in RATIO_INPUTS)  # K, L


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import io

    _, template = demo_template(tmp_path_factory.mktemp("template-asks"), "2027")
    return openpyxl.load_workbook(io.BytesIO(template))


def _index(data: Path) -> Any:
    return run(data, dt.date(2027, 12, 31), evaluate=False).index


def test_a_district_that_ceased_is_a_former_area() -> None:
    # examples/demo/units.yaml: ba-be valid_until 2025-06-30, bac-kan (the province as an
    # area) has no end
    index = _index(DEMO)
    assert area_label(index, "ba-be", 2024) == "huyện Ba Bể"
    assert area_label(index, "ba-be", 2025) == "huyện Ba Bể (cũ)"  # gone by the year's end
    assert area_label(index, "ba-be", 2027) == "huyện Ba Bể (cũ)"
    assert area_label(index, "bac-kan", 2027) == "Bắc Kạn"


def test_the_data_s_own_name_for_a_former_area_is_used(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    units = data / "units.yaml"
    text = units.read_text(encoding="utf-8")
    old = 'aliases: ["huyện Ba Bể", "Huyện Ba Bể"]'
    assert old in text
    new = 'aliases: ["huyện Ba Bể", "Huyện Ba Bể", "địa bàn huyện Ba Bể cũ"]'
    units.write_text(text.replace(old, new), encoding="utf-8")
    assert area_label(_index(data), "ba-be", 2027) == "địa bàn huyện Ba Bể cũ"


def test_the_template_names_former_areas(book: Any) -> None:
    sheet = book["Chỉ tiêu"]
    names = {sheet[f"J{r}"].value: sheet[f"I{r}"].value for r in range(5, sheet.max_row + 1)}
    assert names["ba-be"] == "huyện Ba Bể (cũ)"
    assert names["tp-bac-kan"] == "thành phố Bắc Kạn (cũ)"
    assert names["bac-kan"] == "Bắc Kạn"


def _is_input(cell: Any) -> bool:
    return not cell.protection.locked and cell.fill.fgColor.rgb == "00FFF6CC"


def test_numerator_and_denominator_are_open_only_on_rates(book: Any) -> None:
    sheet = book["Chỉ tiêu"]
    rows = range(5, sheet.max_row + 1)
    rates = [r for r in rows if sheet[f"E{r}"].value == "%"]
    others = [r for r in rows if sheet[f"E{r}"].value != "%"]
    assert rates and others  # levels (mức độ), counts of areas, a count of classrooms
    assert all(_is_input(sheet[f"{c}{r}"]) for r in rates for c in RATE_COLUMNS)
    assert not any(_is_input(sheet[f"{c}{r}"]) for r in others for c in RATE_COLUMNS)
    assert all(_is_input(sheet[f"{c}{r}"]) for r in rows for c in ("D", "M"))  # value, note
    validated: set[str] = set()
    for check in sheet.data_validations.dataValidation:
        for cells in check.sqref.ranges:
            low, top, high, bottom = range_boundaries(cells.coord)
            validated |= {
                f"{get_column_letter(c)}{r}"
                for c in range(low, high + 1)
                for r in range(top, bottom + 1)
                if get_column_letter(c) in RATE_COLUMNS
            }
    assert validated == {f"{c}{r}" for r in rates for c in RATE_COLUMNS}


def test_the_workbook_structure_is_locked(book: Any) -> None:
    assert book.security is not None and book.security.lockStructure
    assert book["kh284"].sheet_state == "hidden"
    assert all(book[name].protection.sheet for name in ("Thông tin", "Chỉ tiêu", "Nhiệm vụ"))
