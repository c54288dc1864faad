"""Figures and dates as Vietnamese documents write them (34,5 %, 12.500, 05/02/2026)."""

from __future__ import annotations

import datetime as dt

import pytest

from kh284.i18n import day, number, percent, quantity


@pytest.mark.parametrize(
    ("value", "digits", "vi", "en"),
    [
        (34.5, None, "34,5", "34.5"),
        (0.125, None, "0,125", "0.125"),
        (5, None, "5", "5"),
        (5.0, 1, "5,0", "5.0"),
        (1234, None, "1.234", "1,234"),
        (12500, None, "12.500", "12,500"),
        (10_000_000.0, None, "10.000.000", "10,000,000"),
        (-3.25, None, "-3,25", "-3.25"),
        (-0.0, None, "0", "0"),
        (-0.04, 1, "0,0", "0.0"),
        (44.4444, 0, "44", "44"),
        (None, None, "—", "—"),
        (float("nan"), None, "—", "—"),
    ],
)
def test_number(value: float | None, digits: int | None, vi: str, en: str) -> None:
    assert number(value, "vi", digits) == vi
    assert number(value, "en", digits) == en


def test_percent_has_a_space_in_vietnamese_only() -> None:
    assert percent(34.5, "vi") == "34,5 %"
    assert percent(34.5, "en") == "34.5%"
    assert quantity(34.5, "percent", "vi", 1) == "34,5 %"
    assert quantity(6, "count", "vi") == "6"


def test_day_pads_day_and_month() -> None:
    assert day(dt.date(2026, 2, 5)) == "05/02/2026"
    assert day("2025-12-31") == "31/12/2025"
    assert day(None) == "—"
