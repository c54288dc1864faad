"""Which years of a target's figure are owed, and when a verdict rests on an old figure.

The invented demo's plan: figures are owed from 2025 (``report_from_year``), the figure of
year Y by 31/01/Y+1.  nha-tre-huy-dong (≥ 38 % by 2030) has 2025's figure in Sở GD&ĐT's
report of 12/12/2025.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import DEMO
from kh284.evaluate.series import collect
from kh284.evaluate.targets import evaluate_target, owed_years
from kh284.validate.dataset import load_dataset
from kh284.validate.index import Index, build_index


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(load_dataset(DEMO))


def test_owed_from_the_later_of_report_from_year_and_from_year(index: Index) -> None:
    target = index.targets.items["nha-tre-huy-dong"]
    as_of = dt.date(2028, 12, 31)  # 2027's figure fell due on 31/01/2028
    assert target.from_year is None
    assert owed_years(index, target, as_of) == range(2025, 2028)
    later = target.model_copy(update={"from_year": 2027})
    assert owed_years(index, later, as_of) == range(2027, 2028)


def test_a_figure_of_the_last_year_owed_is_not_old(index: Index) -> None:
    as_of = dt.date(2026, 3, 1)  # 2025's figure owed since 31/01/2026; 2026's not yet
    target = index.targets.items["nha-tre-huy-dong"]
    result = evaluate_target(index, collect(index, as_of), target, as_of)
    assert result.latest_year == 2025
    assert (result.due_years_missing, result.stale) == ([], False)
