"""'Không giảm' (``no_decrease``): no figure may fall from one reported year to the next.

On the invented demo as of 31/12/2026: pcgd-thcs-duy-tri (≥ level 1 every year from 2025,
no level may fall, neither the province's nor a district's: ``no_decrease_in: district``)
reads pcgd-thcs-muc-do, where the province is at level 2 in 2025 and 2026 and Ba Bể, one
of its districts, at level 2 in 2025 and in 2026.  Each test gives Ba Bể other figures.
A fall counts when its later year is ``from_year`` or after, and the as-of year's figure
counts too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import DEMO
from kh284.evaluate.series import Series, collect
from kh284.evaluate.targets import TargetResult, evaluate_target
from kh284.validate.dataset import load_dataset
from kh284.validate.index import Index, build_index

AS_OF = dt.date(2026, 12, 31)
TARGET = "pcgd-thcs-duy-tri"


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(load_dataset(DEMO))


def _judge(index: Index, ba_be: dict[int, float], from_year: int | None = 2025) -> TargetResult:
    series: Series = collect(index, AS_OF)
    points = series["pcgd-thcs-muc-do", "ba-be"]
    assert {y: p.value for y, p in points.items()} == {2025: 2.0, 2026: 2.0}
    model = points[2025]
    series["pcgd-thcs-muc-do", "ba-be"] = {
        year: dataclasses.replace(model, year=year, value=value) for year, value in ba_be.items()
    }
    target = index.targets.items[TARGET]
    assert target.from_year == 2025 and target.no_decrease_in == "district"
    target = target.model_copy(update={"from_year": from_year})
    return evaluate_target(index, series, target, AS_OF)


def test_the_demo_keeps_every_level(index: Index) -> None:
    result = _judge(index, {2025: 2.0, 2026: 2.0})
    assert (result.status, result.failing_years) == ("achieved", [])


def test_a_district_that_falls_in_the_as_of_year(index: Index) -> None:
    # the province stays at level 2 (≥ 1): only Ba Bể's fall fails it
    result = _judge(index, {2025: 2.0, 2026: 1.0})
    assert (result.status, result.failing_years) == ("not_maintained", [2026])
    assert "Ba Bể" in result.reason_vi


def test_a_fall_into_from_year_counts(index: Index) -> None:
    result = _judge(index, {2024: 3.0, 2025: 2.0, 2026: 2.0})
    assert (result.status, result.failing_years) == ("not_maintained", [2025])


def test_a_fall_before_from_year_does_not_count(index: Index) -> None:
    result = _judge(index, {2023: 3.0, 2024: 2.0, 2025: 2.0, 2026: 2.0})
    assert (result.status, result.failing_years) == ("achieved", [])


def test_without_from_year_every_fall_counts(index: Index) -> None:
    result = _judge(index, {2023: 3.0, 2024: 2.0, 2025: 2.0, 2026: 2.0}, from_year=None)
    assert (result.status, result.failing_years) == ("not_maintained", [2024])


def test_a_fall_within_the_tolerance_is_no_fall(index: Index) -> None:
    # a figure lower by exactly 1e-9 (the comparison's tolerance) has not fallen
    result = _judge(index, {2025: 2.0, 2026: 2.0 - 1e-9})
    assert (result.status, result.failing_years) == ("achieved", [])
