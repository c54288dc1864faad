"""Every rule of ``kh284.evaluate.targets``, pinned at its boundaries with hand-worked tables.

The targets are built directly (``model_validate``) in the shapes of ``data/targets.yaml``: a
percentage "at least" target of the province, an "at most"/"below" target where lower is
better, ``every_year`` ("duy trì") targets with a ``from_year``, a universalisation level,
and ``count_of_areas`` targets that count districts of Bắc Kạn whose own level meets the
area comparator.  The series are hand-made (no files are read), so the whole module runs in
well under a second.  Every expected value below was worked out by hand from the rules in
the module docstring, the README ("Target statuses") and the UN Statistics Division
progress-chart method (ratio = (projected − baseline) / (target − baseline); ≥ 0.95 on
track, 0.10–0.95 needs acceleration, < 0.10 stagnating), not copied from a run; the
arithmetic is in the comments and parameter ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any, cast

import pytest

from kh284.evaluate.series import Point, Series
from kh284.evaluate.targets import (
    _EPSILON,
    ON_TRACK_RATIO,
    PROGRESS_RATIO,
    AreaFigure,
    TargetResult,
    _bounds,
    _count_target,
    _judge,
    _sign,
    accumulated,
    classify,
    evaluate_target,
    meets,
    progress_ratio,
    project,
)
from kh284.i18n import figure
from kh284.load.exact import Document
from kh284.validate.dataset import Dataset
from kh284.validate.index import Index, build_index
from kh284.validate.models.targets import Target, TargetsFile
from kh284.validate.models.units import UnitsFile

D = dt.date
PERCENT = (0.0, 100.0)
PROVINCE = "bac-kan"
#: The districts counted (file order of units.yaml below), as in examples/demo.
DISTRICTS = ["ba-be", "bach-thong", "cho-don"]
MEASURE = "pcgd-thcs-muc-do"


def target(**overrides: Any) -> Target:
    """A percentage target of the province, "đạt 90%" by 2030, unless overridden."""
    fields: dict[str, Any] = {
        "id": "ty-le-thu",
        "name": "Tỷ lệ thử",
        "name_en": "Test rate",
        "group": "Thử",
        "clause": "II.2-2",
        "text": "đạt 90%",
        "unit": "percent",
        "comparator": "at_least",
        "value": 90,
        "due_year": 2030,
        "direction": "increase",
        "scope": {"kind": "area", "area": PROVINCE},
    }
    fields.update(overrides)
    return Target.model_validate(fields)


def lower_is_better(**overrides: Any) -> Target:
    """ "Giảm tỷ lệ ... xuống dưới/còn tối đa 5%": an at_most target, direction decrease."""
    fields: dict[str, Any] = {"comparator": "at_most", "value": 5, "direction": "decrease"}
    fields.update(overrides)
    return target(**fields)


def count_target(**overrides: Any) -> Target:
    """ "2/3 huyện đạt mức độ 2": count the districts of bac-kan at level >= 2."""
    scope: dict[str, Any] = {
        "kind": "count_of_areas",
        "area": PROVINCE,
        "level": "district",
        "area_comparator": "at_least",
        "area_value": 2,
    }
    scope.update(overrides.pop("scope", {}))
    fields: dict[str, Any] = {
        "id": "pcgd-thcs-muc-2-huyen",
        "measure": MEASURE,
        "unit": "count",
        "value": 2,
        "scope": scope,
        "scale": {"min": 0, "max": 3},
    }
    fields.update(overrides)
    return target(**fields)


def index() -> Index:
    """bac-kan with three districts; a commune of bac-kan and a district elsewhere are not
    counted (areas_in takes only the given level directly inside the given area)."""
    units: list[dict[str, Any]] = [
        {"id": PROVINCE, "area_level": "province"},
        *({"id": d, "area_level": "district", "parent_area": PROVINCE} for d in DISTRICTS),
        {"id": "xa-thu", "area_level": "commune", "parent_area": PROVINCE},
        {"id": "huyen-khac", "area_level": "district", "parent_area": "tinh-khac"},
    ]
    for unit in units:
        unit.update(name=unit["id"], short_name=unit["id"], kind="area")
    dataset = Dataset(data_dir=Path("."), units=UnitsFile.model_validate({"units": units}))
    return build_index(dataset)


def point(year: int, value: float, unit: str = "so-gddt") -> Point:
    return Point(
        year=year,
        value=value,
        unit=unit,
        reported_on=D(year, 12, 20),
        document=None,
        source=None,
        origin=Document(f"progress/{year}/{unit}.yaml", None, cast(Any, None)),
        path=("indicators", 0, "value"),
    )


def area_series(figures: dict[str, dict[int, float]], measure: str = MEASURE) -> Series:
    """{area: {year: value}} → the series of ``measure``."""
    return {
        (measure, area): {y: point(y, v) for y, v in years.items()}
        for area, years in figures.items()
    }


def by_year(figures: dict[int, dict[str, float]]) -> Series:
    """{year: {area: value}} (how the reports come in) → the series of MEASURE."""
    areas: dict[str, dict[int, float]] = {}
    for year, row in figures.items():
        for area, value in row.items():
            areas.setdefault(area, {})[year] = value
    return area_series(areas)


def judge(t: Target, values: dict[int, float], as_of: dt.date, bounds: Any = PERCENT) -> Any:
    return _judge(t, values, as_of, bounds)


# -- meets: every comparator at and around its boundary ---------------------------------------

TINY = 1e-10  # well inside the 1e-9 allowance for float noise
SMALL = 1e-8  # well outside it


@pytest.mark.parametrize(
    ("comparator", "goal", "value", "tolerance", "expected"),
    [
        # at_least ("đạt", "tối thiểu"): value >= goal - 1e-9
        ("at_least", 90, 90, None, True),
        ("at_least", 90, 90 - TINY, None, True),  # float noise below the goal still meets
        ("at_least", 1.0, 1.0 - _EPSILON, None, True),  # exactly at the allowance
        ("at_least", 90, 90 - SMALL, None, False),
        ("at_least", 90, 89.995, None, False),  # 0.005 short is short
        ("at_least", 90, 90.5, None, True),
        # above ("trên"): value > goal + 1e-9
        ("above", 80, 80, None, False),
        ("above", 80, 80 + TINY, None, False),  # noise above the goal is not "above"
        ("above", 1.0, 1.0 + _EPSILON, None, False),  # exactly at the allowance
        ("above", 80, 80 + SMALL, None, True),
        ("above", 80, 80.005, None, True),
        ("above", 80, 79.5, None, False),
        # at_most ("tối đa", "không quá"): value <= goal + 1e-9
        ("at_most", 5, 5, None, True),
        ("at_most", 5, 5 + TINY, None, True),
        ("at_most", 1.0, 1.0 + _EPSILON, None, True),  # exactly at the allowance
        ("at_most", 5, 5 + SMALL, None, False),
        ("at_most", 5, 5.005, None, False),
        ("at_most", 5, 4.5, None, True),
        # below ("dưới"): value < goal - 1e-9
        ("below", 5, 5, None, False),
        ("below", 5, 5 - TINY, None, False),
        ("below", 1.0, 1.0 - _EPSILON, None, False),  # exactly at the allowance
        ("below", 5, 5 - SMALL, None, True),
        ("below", 5, 4.995, None, True),
        ("below", 5, 5.5, None, False),
        # equal: |value - goal| <= 1e-9
        ("equal", 100, 100, None, True),
        ("equal", 0.0, _EPSILON, None, True),  # |1e-9 - 0| is exactly the allowance
        ("equal", 100, 100 + SMALL, None, False),
        ("equal", 100, 100 - SMALL, None, False),
        ("equal", 100, 99.995, None, False),
        # approximately ("khoảng"): |value - goal| <= tolerance + 1e-9
        ("approximately", 35, 35, 2.5, True),
        ("approximately", 35, 32.5, 2.5, True),  # 35 - 2.5: the lower edge
        ("approximately", 35, 37.5, 2.5, True),  # 35 + 2.5: the upper edge
        ("approximately", 0.0, 0.5 + _EPSILON, 0.5, True),  # edge + allowance, exactly
        ("approximately", 35, 37.51, 2.5, False),
        ("approximately", 35, 32.49, 2.5, False),
        # with no tolerance, "approximately" is "equal"
        ("approximately", 35, 35, None, True),
        ("approximately", 0.0, _EPSILON, None, True),  # |1e-9| <= 0 + 1e-9
        ("approximately", 35, 35 + SMALL, None, False),
        ("approximately", 35, 35.005, None, False),
        ("approximately", 35, 34.995, None, False),
    ],
)
def test_meets_at_and_around_each_boundary(
    comparator: str, goal: float, value: float, tolerance: float | None, expected: bool
) -> None:
    assert meets(comparator, goal, value, tolerance) is expected


def test_meets_refuses_an_unknown_comparator() -> None:
    with pytest.raises(ValueError, match="roughly"):
        meets("roughly", 1, 1)


# -- classify: the UNSD thresholds --------------------------------------------------------------


def test_the_thresholds_are_the_unsd_ones() -> None:
    assert (ON_TRACK_RATIO, PROGRESS_RATIO, _EPSILON) == (0.95, 0.10, 1e-9)


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (None, "stagnating"),  # no measurable progress (baseline on the target, or went back)
        (-2.0, "stagnating"),  # going the wrong way
        (0.0, "stagnating"),
        (0.05, "stagnating"),
        (0.09, "stagnating"),
        (0.095, "stagnating"),
        (0.0999, "stagnating"),
        (0.10, "needs_acceleration"),  # 0.10 itself is progress
        (0.105, "needs_acceleration"),
        (0.5, "needs_acceleration"),
        (0.94, "needs_acceleration"),
        (0.945, "needs_acceleration"),
        (0.9499, "needs_acceleration"),
        (0.95, "on_track"),  # 0.95 itself is on track
        (0.955, "on_track"),
        (1.0, "on_track"),
        (1.5, "on_track"),
    ],
)
def test_classify(ratio: float | None, expected: str) -> None:
    assert classify(ratio) == expected


# The same thresholds through _judge: baseline 0 in 2024, latest L in 2025, due 2026, goal 100
# (at least).  The projection is L + (L - 0) / 1 * 1 = 2L, the ratio (2L - 0) / (100 - 0) =
# 2L / 100; every number below is exact in binary, so the ratio is exactly the one named.
@pytest.mark.parametrize(
    ("latest", "ratio", "expected"),
    [
        (47.75, 0.955, "on_track"),  # 2 * 47.75 = 95.5 → 0.955
        (47.5, 0.95, "on_track"),  # 95 → 0.95
        (47.25, 0.945, "needs_acceleration"),  # 94.5 → 0.945
        (5.25, 0.105, "needs_acceleration"),  # 10.5 → 0.105
        (5.0, 0.10, "needs_acceleration"),  # 10 → 0.10
        (4.75, 0.095, "stagnating"),  # 9.5 → 0.095
    ],
)
def test_thresholds_through_judge(latest: float, ratio: float, expected: str) -> None:
    result = judge(target(value=100, due_year=2026), {2024: 0.0, 2025: latest}, D(2025, 12, 31))
    assert result.projected_value == 2 * latest
    assert result.ratio == ratio
    assert result.status == expected


# -- progress_ratio and the direction ----------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "projected", "goal", "expected"),
    [
        (70, 76, 90, 0.3),  # (76 - 70) / (90 - 70) = 6 / 20
        (70, 100, 90, 1.5),  # 30 / 20
        (70, 60, 90, -0.5),  # -10 / 20: going back is negative
        (20, 8, 5, 0.8),  # lower is better: (8 - 20) / (5 - 20) = -12 / -15
        (20, 11, 5, 0.6),  # -9 / -15
        (20, 26, 5, -0.4),  # rising where lower is better: 6 / -15
        (90, 95, 90, None),  # baseline on the target: no gap to close
        (90, 95, 90 + 0.5e-9, None),  # a gap within float noise is no gap
        (0.0, 5.0, _EPSILON, None),  # a gap of exactly 1e-9 is still none
        (0.0, 1.0, 2e-9, 0.5e9),  # 2e-9 is a (tiny) gap: 1 / 2e-9
    ],
)
def test_progress_ratio(base: float, projected: float, goal: float, expected: float | None) -> None:
    ratio = progress_ratio(base, projected, goal)
    if expected is None:
        assert ratio is None
    else:
        assert ratio == pytest.approx(expected)


def test_sign_of_each_direction() -> None:
    assert _sign(target(direction="increase")) == 1
    assert _sign(lower_is_better()) == -1


# -- project and the bounds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # slope (72 - 70) / (2026 - 2024) = 1; 72 + 1 * (2030 - 2026) = 76
        ((2024, 70, 2026, 72, 2030, None), 76),
        ((2024, 70, 2026, 72, 2030, PERCENT), 76),  # inside the bounds: unchanged
        # slope (80 - 60) / 4 = 5; 80 + 5 * 3 = 95
        ((2022, 60, 2026, 80, 2029, None), 95),
        # slope (90 - 70) / 2 = 10; 90 + 10 * 4 = 130: over 100 without bounds ...
        ((2024, 70, 2026, 90, 2030, None), 130),
        ((2024, 70, 2026, 90, 2030, PERCENT), 100),  # ... clamped to 100 with them
        # a falling trend: slope (18 - 30) / 2 = -6; 18 - 6 * 4 = -6, clamped to 0
        ((2024, 30, 2026, 18, 2030, None), -6),
        ((2024, 30, 2026, 18, 2030, PERCENT), 0),
        # a level: slope (2 - 1) / 2 = 0.5; 2 + 0.5 * 6 = 5, clamped to 3
        ((2022, 1, 2024, 2, 2030, (0.0, 3.0)), 3),
        ((2022, 1, 2024, 2, 2026, (0.0, 3.0)), 3),  # 2 + 0.5 * 2 = 3 exactly
        ((2022, 1, 2024, 2, 2025, (0.0, 3.0)), 2.5),  # 2 + 0.5 * 1
        # a count of 3 areas: slope (2 - 0) / 2 = 1; 2 + 1 * 4 = 6, clamped to 3
        ((2024, 0, 2026, 2, 2030, (0.0, 3.0)), 3),
        # a lower bound that is not 0: -6 clamped up to 10, and 130 down to 120
        ((2024, 30, 2026, 18, 2030, (10.0, 120.0)), 10),
        ((2024, 70, 2026, 90, 2030, (10.0, 120.0)), 120),
        # bounds (50, 60) around 55: 50 + (60 - 50) / 2 * 1 = 55 stays
        ((2024, 50, 2026, 60, 2025, (50.0, 60.0)), 55),
    ],
)
def test_project(args: tuple[Any, ...], expected: float) -> None:
    assert project(*args) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("unit", "area_count", "expected"),
    [
        ("percent", None, (0.0, 100.0)),
        ("percent", 8, (0.0, 100.0)),
        ("level", None, (0.0, 3.0)),
        ("count", 8, (0.0, 8.0)),
        ("count", 3, (0.0, 3.0)),
        ("count", None, None),  # a count of what? no bounds without the areas
        ("number", None, None),  # a plain number has no bounds
        ("number", 8, None),  # ... even where areas are known
    ],
)
def test_bounds_of_each_unit(
    unit: str, area_count: int | None, expected: tuple[float, float] | None
) -> None:
    overrides: dict[str, Any] = {"unit": unit}
    if unit == "level":
        overrides["value"] = 2
        overrides["scale"] = {"min": 0, "max": 3}
    assert _bounds(target(**overrides), area_count) == expected


# -- figure: the vocabulary writes the figures of a reason --------------------------------


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (0, "0", "0"),
        (0.0, "0", "0"),
        (0.5, "0,5", "0.5"),
        (0.1234, "0,123", "0.123"),  # below 1: three significant digits
        (0.98765, "0,988", "0.988"),
        (-0.25, "-0,25", "-0.25"),
        (1, "1", "1"),
        (1.0, "1", "1"),
        (1.2345, "1,2345", "1.2345"),  # from 1 up: all digits (up to six), no trailing zeros
        (12.0, "12", "12"),
        (12.345, "12,345", "12.345"),  # Vietnamese: the decimal comma
        (97.5, "97,5", "97.5"),
        (-3.5, "-3,5", "-3.5"),
        (1234.5, "1.234,5", "1,234.5"),  # and the thousands point
    ],
)
def test_fmt(value: float, vi: str, en: str) -> None:
    assert figure(value, "vi") == vi
    assert figure(value, "en") == en


# -- _judge: achieved, missed, no data, one point, trend ---------------------------------------


def test_nothing_reported() -> None:
    result = judge(target(), {}, D(2026, 12, 31))
    assert result.status == "no_data"
    assert (result.reason_vi, result.reason_en) == ("chưa có số liệu", "nothing reported")
    assert (result.baseline_year, result.latest_year, result.values) == (None, None, {})


def test_achieved_when_the_latest_value_meets_even_after_the_due_year() -> None:
    # 2029: 85, 2031: 90 → 90 >= 90 meets; as of 2032 the due year is over, still achieved
    result = judge(target(), {2031: 90, 2029: 85}, D(2032, 6, 1))
    assert result.status == "achieved"
    assert result.reason_vi == "năm 2031: 90 so với mục tiêu 90"
    assert result.reason_en == "90 in 2031 against 90"
    assert (result.baseline_year, result.baseline_value) == (2029, 85)
    assert (result.latest_year, result.latest_value) == (2031, 90)
    assert result.projected_value is None and result.ratio is None


def test_achieved_goes_by_the_latest_value_not_an_earlier_one() -> None:
    # 2024: 95 met, 2026: 85 does not: the latest decides (a trend status, not achieved)
    assert judge(target(), {2024: 95, 2026: 85}, D(2026, 12, 31)).status != "achieved"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2030, 1, 1), "needs_acceleration"),  # inside the due year: judged by the trend
        (D(2030, 12, 31), "needs_acceleration"),  # its last day: not yet missed
        (D(2031, 1, 1), "missed"),  # the first day after it
        (D(2035, 6, 1), "missed"),
    ],
)
def test_missed_only_after_the_due_year(as_of: dt.date, expected: str) -> None:
    # at least 90 by 2030; 2028: 80, 2030: 89 → slope 4.5, projected 2030 = 89 + 4.5 * 0 = 89,
    # ratio (89 - 80) / (90 - 80) = 0.9
    result = judge(target(), {2028: 80, 2030: 89}, as_of)
    assert result.status == expected


def test_missed_reason_names_the_due_year_the_latest_value_and_the_goal() -> None:
    result = judge(target(), {2029: 85, 2030: 89.5}, D(2031, 1, 1))
    assert result.status == "missed"
    assert result.reason_vi == "hết năm 2030, mới đạt 89,5 (2030), cần 90"
    assert result.reason_en == "2030 is over at 89.5 (2030), needed 90"
    assert result.projected_value is None and result.ratio is None


def test_missed_with_one_point_is_still_missed() -> None:
    # a trend is not needed once the due year is over
    result = judge(target(), {2029: 85}, D(2031, 1, 1))
    assert result.status == "missed"
    assert result.reason_en == "2030 is over at 85 (2029), needed 90"


@pytest.mark.parametrize("as_of", [D(2026, 12, 31), D(2030, 12, 31)])
def test_one_point_is_insufficient_data_two_points_are_a_trend(as_of: dt.date) -> None:
    # one figure is not "no data" (issue 15): it is shown, and the status says a trend needs
    # a second one
    one = judge(target(), {2026: 80}, as_of)
    assert one.status == "insufficient_data"
    assert one.reason_vi == "chỉ có một số liệu (2026: 80); cần hai để tính xu hướng"
    assert one.reason_en == "only one point (2026: 80); a trend needs two"
    assert (one.baseline_year, one.latest_year) == (2026, 2026)
    assert one.projected_value is None and one.ratio is None
    # 2024: 70, 2026: 80 → slope 5, projected 2030 = 80 + 20 = 100, ratio 30 / 20 = 1.5
    two = judge(target(), {2024: 70, 2026: 80}, as_of)
    assert two.status == "on_track"


def test_the_components_are_the_earliest_and_latest_points() -> None:
    # years given out of order; 2022: 60, 2024: 66, 2026: 70 → baseline 2022, latest 2026;
    # slope (70 - 60) / 4 = 2.5, projected 2030 = 70 + 2.5 * 4 = 80, ratio 20 / 30
    values = {2024: 66.0, 2026: 70.0, 2022: 60.0}
    result = judge(target(), values, D(2026, 12, 31))
    assert (result.baseline_year, result.baseline_value) == (2022, 60)
    assert (result.latest_year, result.latest_value) == (2026, 70)
    assert result.projected_value == pytest.approx(80)
    assert result.ratio == pytest.approx(2 / 3)
    assert result.status == "needs_acceleration"
    assert result.values == values
    assert result.reason_vi == ("2022: 60 → 2026: 70; dự báo 2030: 80,0 (mục tiêu 90); tỷ số 0,67")
    assert result.reason_en == "2022: 60 → 2026: 70; projected 2030: 80.0 (target 90); ratio 0.67"


def test_the_reason_shows_small_numbers_with_three_digits() -> None:
    # a rate "below 0.5": 2024: 0.9, 2026: 0.7 → slope -0.1, projected 2030 = 0.3,
    # ratio (0.3 - 0.9) / (0.5 - 0.9) = 1.5
    t = lower_is_better(comparator="below", value=0.5, unit="number")
    result = judge(t, {2024: 0.9, 2026: 0.7}, D(2026, 12, 31), None)
    assert result.status == "on_track"
    assert result.ratio == pytest.approx(1.5)
    assert result.reason_en == "2024: 0.9 → 2026: 0.7; projected 2030: 0.3 (target 0.5); ratio 1.50"


@pytest.mark.parametrize(
    ("values", "projected", "ratio", "expected"),
    [
        # lower is better, at most 5 by 2030
        # 20 → 17 (2024 → 2026): slope -1.5, 17 - 6 = 11, (11 - 20) / (5 - 20) = 0.6
        ({2024: 20, 2026: 17}, 11, 0.6, "needs_acceleration"),
        # 20 → 12: slope -4, 12 - 16 = -4 → clamped 0, (0 - 20) / -15 = 4/3
        ({2024: 20, 2026: 12}, 0, 4 / 3, "on_track"),
        # 20 → 19.8: slope -0.1, 19.8 - 0.4 = 19.4, -0.6 / -15 = 0.04
        ({2024: 20, 2026: 19.8}, 19.4, 0.04, "stagnating"),
        # rising where lower is better: 20 → 22, 22 + 4 = 26, 6 / -15 = -0.4
        ({2024: 20, 2026: 22}, 26, -0.4, "stagnating"),
    ],
)
def test_lower_is_better(
    values: dict[int, float], projected: float, ratio: float, expected: str
) -> None:
    result = judge(lower_is_better(), values, D(2026, 12, 31))
    assert result.projected_value == pytest.approx(projected)
    assert result.ratio == pytest.approx(ratio)
    assert result.status == expected


@pytest.mark.parametrize(
    ("overrides", "values", "projected"),
    [
        # at least 90: 95 (met) in 2024, then 85: slope -5, 85 - 20 = 65; without the rule
        # (65 - 95) / (90 - 95) = 6 would be "on track"
        ({}, {2024: 95, 2026: 85}, 65),
        # a baseline just over the goal (gap -0.5): 90.5 → 89.8, slope -0.35, 89.8 - 1.4 = 88.4;
        # without the rule (88.4 - 90.5) / -0.5 = 4.2
        ({}, {2024: 90.5, 2026: 89.8}, 88.4),
        # lower is better, at most 5: 4 (met) in 2024, then 6: slope 1, 6 + 4 = 10;
        # without the rule (10 - 4) / (5 - 4) = 6
        ({"comparator": "at_most", "value": 5, "direction": "decrease"}, {2024: 4, 2026: 6}, 10),
    ],
)
def test_a_baseline_that_met_the_target_and_went_back_is_stagnating(
    overrides: dict[str, Any], values: dict[int, float], projected: float
) -> None:
    result = judge(target(**overrides), values, D(2026, 12, 31))
    assert result.projected_value == pytest.approx(projected)
    assert result.ratio is None
    assert result.status == "stagnating"
    assert result.reason_en.endswith("ratio —")
    assert result.reason_vi.endswith("tỷ số —")


def test_a_baseline_just_under_the_goal_keeps_its_ratio() -> None:
    # gap +0.5 (89.5 → 90) is real progress to measure, not "went back":
    # 89.5 → 89.8, slope 0.15, 89.8 + 0.6 = 90.4, ratio (90.4 - 89.5) / 0.5 = 1.8
    result = judge(target(), {2024: 89.5, 2026: 89.8}, D(2026, 12, 31))
    assert result.ratio == pytest.approx(1.8)
    assert result.status == "on_track"


def test_a_baseline_on_the_goal_has_no_ratio() -> None:
    # 90 (the goal) in 2024, 89 in 2026: gap 0 → no ratio → stagnating, shown as "—"
    result = judge(target(), {2024: 90, 2026: 89}, D(2026, 12, 31))
    assert result.ratio is None
    assert result.status == "stagnating"
    # slope -0.5, 89 - 2 = 87
    assert result.reason_en == "2024: 90 → 2026: 89; projected 2030: 87.0 (target 90); ratio —"
    assert result.reason_vi == "2024: 90 → 2026: 89; dự báo 2030: 87,0 (mục tiêu 90); tỷ số —"


def test_the_projection_is_clamped_in_the_verdict() -> None:
    # at least 95: 70 → 90 (2024 → 2026), slope 10, 90 + 40 = 130 → clamped to 100;
    # ratio (100 - 70) / (95 - 70) = 1.2
    result = judge(target(value=95), {2024: 70, 2026: 90}, D(2026, 12, 31))
    assert result.projected_value == 100
    assert result.ratio == pytest.approx(1.2)
    assert "projected 2030: 100.0" in result.reason_en
    # the same without bounds: 130 and (130 - 70) / 25 = 2.4
    free = judge(target(value=95), {2024: 70, 2026: 90}, D(2026, 12, 31), None)
    assert free.projected_value == 130
    assert free.ratio == pytest.approx(2.4)


def test_a_falling_projection_is_clamped_at_zero() -> None:
    # at most 5: 30 → 18, slope -6, 18 - 24 = -6 → 0; ratio (0 - 30) / (5 - 30) = 1.2
    result = judge(lower_is_better(), {2024: 30, 2026: 18}, D(2026, 12, 31))
    assert result.projected_value == 0
    assert result.ratio == pytest.approx(1.2)
    assert "projected 2030: 0.0" in result.reason_en


def test_the_clamp_can_decide_the_status() -> None:
    # a goal the bounds cannot reach (5 of only 3 areas): 0 → 2 (2024 → 2026), slope 1,
    # 2 + 4 = 6 → clamped to 3, ratio 3 / 5 = 0.6 (needs acceleration); unclamped 6 / 5 = 1.2
    t = count_target(value=5)
    assert judge(t, {2024: 0, 2026: 2}, D(2026, 12, 31), (0.0, 3.0)).status == (
        "needs_acceleration"
    )
    assert judge(t, {2024: 0, 2026: 2}, D(2026, 12, 31), None).status == "on_track"


# -- every_year ("duy trì") -------------------------------------------------------------------


def maintained(**overrides: Any) -> Target:
    """ "Duy trì tỷ lệ ... từ 20% trở lên" from 2025."""
    fields: dict[str, Any] = {"every_year": True, "from_year": 2025, "value": 20}
    fields.update(overrides)
    return target(**fields)


@pytest.mark.parametrize(
    ("values", "as_of", "status", "failing"),
    [
        # 2024 is before from_year 2025: its 15 is not judged
        ({2024: 15, 2025: 21}, D(2026, 12, 31), "achieved", []),
        # from_year itself is judged
        ({2024: 21, 2025: 19}, D(2026, 12, 31), "not_maintained", [2025]),
        ({2025: 19}, D(2026, 12, 31), "not_maintained", [2025]),
        # as_of's own year is judged ...
        ({2025: 21, 2026: 19}, D(2026, 1, 1), "not_maintained", [2026]),
        # ... a later year is not (a report for 2027 seen on 2026-12-31)
        ({2025: 21, 2027: 19}, D(2026, 12, 31), "achieved", []),
        ({2027: 19}, D(2026, 12, 31), "no_data", []),
        # exactly the goal is met (at least 20)
        ({2025: 20, 2026: 20}, D(2026, 12, 31), "achieved", []),
        # every failing year, in order
        ({2027: 18, 2025: 19, 2026: 21}, D(2028, 1, 1), "not_maintained", [2025, 2027]),
        # the due year does not matter: still maintained after it
        ({2025: 21, 2031: 22}, D(2032, 1, 1), "achieved", []),
    ],
)
def test_every_year(
    values: dict[int, float], as_of: dt.date, status: str, failing: list[int]
) -> None:
    result = judge(maintained(), values, as_of)
    assert result.status == status
    assert result.failing_years == failing


def test_every_year_without_from_year_starts_at_the_first_report() -> None:
    # 2024: 15 fails, 2026: 21 meets; with no from_year the first year (2024) is judged
    result = judge(maintained(from_year=None), {2026: 21, 2024: 15}, D(2026, 12, 31))
    assert result.status == "not_maintained"
    assert result.failing_years == [2024]
    ok = judge(maintained(from_year=None), {2026: 21, 2024: 25}, D(2026, 12, 31))
    assert ok.reason_en == "met in every reported year since 2024 (2 years)"


def test_every_year_reasons_and_components() -> None:
    values = {2024: 5, 2025: 19, 2026: 21.5, 2027: 18, 2028: 3}
    result = judge(maintained(), values, D(2027, 12, 31))
    # judged: 2025, 2026, 2027 (2024 before from_year, 2028 after as_of)
    assert result.failing_years == [2025, 2027]
    assert result.reason_vi == "không đạt 20 trong năm 2025 (19), 2027 (18)"
    assert result.reason_en == "below 20 in 2025 (19), 2027 (18)"
    assert (result.baseline_year, result.baseline_value) == (2025, 19)
    assert (result.latest_year, result.latest_value) == (2027, 18)
    assert result.values == values
    good = judge(maintained(), {2024: 5, 2025: 20, 2026: 21.5}, D(2026, 12, 31))
    assert good.status == "achieved"
    assert good.reason_vi == "đạt mọi năm từ 2025 (2 năm có số liệu)"
    assert good.reason_en == "met in every reported year since 2025 (2 years)"
    assert (good.baseline_year, good.latest_year) == (2025, 2026)


def test_every_year_with_nothing_to_judge() -> None:
    result = judge(maintained(), {2024: 25}, D(2026, 12, 31))
    assert result.status == "no_data"
    assert result.reason_vi == "chưa có số liệu từ năm 2025"
    assert result.reason_en == "no figure since 2025"
    assert result.baseline_year is None and result.latest_year is None
    # no from_year and nothing reported: "since" the as-of year
    empty = judge(maintained(from_year=None), {}, D(2026, 12, 31))
    assert (empty.status, empty.reason_en) == ("no_data", "no figure since 2026")


# -- evaluate_target: one area ---------------------------------------------------------------


def test_evaluate_an_area_target_reads_its_measure_and_area() -> None:
    # measure "ty-le-chung" of bac-kan: 2026: 90, 2024: 70 (out of order), plus noise for
    # another area and another measure; at least 95: projected 90 + 10 * 4 = 130 → 100
    series = {
        **area_series({PROVINCE: {2026: 90, 2024: 70}}, measure="ty-le-chung"),
        **area_series({"ba-be": {2024: 10, 2026: 99}}, measure="ty-le-chung"),
        **area_series({PROVINCE: {2024: 99, 2026: 10}}, measure="khac"),
    }
    t = target(measure="ty-le-chung", value=95)
    result = evaluate_target(index(), series, t, D(2026, 12, 31))
    assert [p.year for p in result.points] == [2024, 2026]
    assert result.values == {2024: 70, 2026: 90}
    assert result.projected_value == 100  # percent bounds
    assert result.ratio == pytest.approx(1.2)  # (100 - 70) / (95 - 70)
    assert result.status == "on_track"
    assert result.areas == [] and result.missing_areas == []


def test_evaluate_a_level_target_is_clamped_at_three() -> None:
    # level at least 3: 1 (2022) → 2 (2024), slope 0.5, 2 + 0.5 * 6 = 5 → 3, ratio 2 / 2 = 1
    series = area_series({PROVINCE: {2022: 1, 2024: 2}})
    t = target(measure=MEASURE, unit="level", value=3, scale={"min": 0, "max": 3})
    result = evaluate_target(index(), series, t, D(2024, 12, 31))
    assert result.projected_value == 3
    assert result.ratio == pytest.approx(1.0)
    assert result.status == "on_track"


def test_evaluate_an_area_target_with_no_series() -> None:
    result = evaluate_target(index(), {}, target(), D(2026, 12, 31))
    assert (result.status, result.points, result.values) == ("no_data", [], {})


# -- count of areas ---------------------------------------------------------------------------


def count(t: Target, figures: dict[int, dict[str, float]], as_of: dt.date) -> TargetResult:
    return evaluate_target(index(), by_year(figures), t, as_of)


def test_area_figure_is_immutable() -> None:
    figure = AreaFigure("ba-be", 2, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.counts = False  # type: ignore[misc]
    assert hash(figure) == hash(AreaFigure("ba-be", 2, True))


@pytest.mark.parametrize(
    ("area_comparator", "counted", "flags"),
    [
        # figures 2, 1, 3 against area value 2
        ("at_least", 2, [True, False, True]),  # 2 >= 2 counts, 1 does not
        ("above", 1, [False, False, True]),  # 2 is not above 2
        ("at_most", 2, [True, True, False]),
        ("below", 1, [False, True, False]),
        ("equal", 1, [True, False, False]),
    ],
)
def test_which_areas_count(area_comparator: str, counted: int, flags: list[bool]) -> None:
    t = count_target(scope={"area_comparator": area_comparator}, value=1)
    row = {"ba-be": 2, "bach-thong": 1, "cho-don": 3}
    result = count(t, {2026: row}, D(2026, 12, 31))
    assert result.values == {2026: counted}
    assert result.areas == [
        AreaFigure(a, row[a], flag) for a, flag in zip(DISTRICTS, flags, strict=True)
    ]
    assert result.missing_areas == []
    # at least 1 area: every comparator here counts one or more → achieved
    assert result.status == "achieved"
    assert result.reason_en == f"{counted} in 2026 against 1"


def test_a_complete_latest_year_meeting_the_count_is_achieved() -> None:
    # 2026: 2, 1, 3 → ba-be and cho-don count → 2 of 3 >= 2
    result = count(
        count_target(), {2026: {"ba-be": 2, "bach-thong": 1, "cho-don": 3}}, D(2026, 12, 31)
    )
    assert result.status == "achieved"
    assert result.values == {2026: 2}
    assert (result.latest_year, result.latest_value) == (2026, 2)
    assert result.reason_vi == "năm 2026: 2 so với mục tiêu 2"


def test_incomplete_years_are_left_out_of_the_trend() -> None:
    # all 3 districts must reach level 2 by 2030
    # 2023: only ba-be (3) reported → count 1, incomplete → left out
    # 2024: 1, 1, 1 → 0 of 3 (complete);  2026: 2, 1, 1 → 1 of 3 (complete, latest)
    # trend 2024: 0 → 2026: 1: slope 0.5, projected 2030 = 1 + 2 = 3, ratio 3 / 3 = 1.0
    figures = {
        2023: {"ba-be": 3},
        2024: {"ba-be": 1, "bach-thong": 1, "cho-don": 1},
        2026: {"ba-be": 2, "bach-thong": 1, "cho-don": 1},
    }
    result = count(count_target(value=3), figures, D(2026, 12, 31))
    assert result.values == {2024: 0, 2026: 1}
    assert (result.baseline_year, result.baseline_value) == (2024, 0)
    assert (result.latest_year, result.latest_value) == (2026, 1)
    assert result.projected_value == pytest.approx(3)
    assert result.ratio == pytest.approx(1.0)
    assert result.status == "on_track"
    assert [p.year for p in result.points] == [2023, 2024, 2024, 2024, 2026, 2026, 2026]
    assert result.areas == [
        AreaFigure("ba-be", 2, True),
        AreaFigure("bach-thong", 1, False),
        AreaFigure("cho-don", 1, False),
    ]
    assert result.missing_areas == []


def test_count_projection_is_clamped_to_the_number_of_areas() -> None:
    # all 3 by 2030: 2024: 0 of 3, 2026: 2 of 3 → slope 1, 2 + 4 = 6 → clamped to 3 areas,
    # ratio (3 - 0) / (3 - 0) = 1.0
    figures = {
        2024: {"ba-be": 1, "bach-thong": 1, "cho-don": 1},
        2026: {"ba-be": 2, "bach-thong": 2, "cho-don": 1},
    }
    result = count(count_target(value=3), figures, D(2026, 12, 31))
    assert result.projected_value == 3
    assert result.ratio == pytest.approx(1.0)
    assert result.status == "on_track"
    # a goal of 5 districts when only 3 exist: the clamp at 3 decides, 3 / 5 = 0.6
    over = count(count_target(value=5), figures, D(2026, 12, 31))
    assert over.projected_value == 3
    assert over.ratio == pytest.approx(0.6)
    assert over.status == "needs_acceleration"


def test_an_incomplete_latest_year_already_meeting_the_count_is_achieved() -> None:
    # 2 of 3 needed; 2024 complete: 1 of 3; 2026: ba-be 2, bach-thong 3, cho-don missing
    # → 2 already count, whatever cho-don reports
    figures = {
        2024: {"ba-be": 2, "bach-thong": 1, "cho-don": 1},
        2025: {"ba-be": 2},  # incomplete and not the latest: left out
        2026: {"ba-be": 2, "bach-thong": 3},
    }
    result = count(count_target(), figures, D(2026, 12, 31))
    assert result.status == "achieved"
    assert result.values == {2024: 1, 2026: 2}
    assert result.reason_en == "2 in 2026 against 2"
    assert result.areas == [
        AreaFigure("ba-be", 2, True),
        AreaFigure("bach-thong", 3, True),
        AreaFigure("cho-don", None, False),
    ]
    assert result.missing_areas == ["cho-don"]


def test_an_incomplete_latest_year_not_meeting_the_count_is_no_data() -> None:
    # 2 of 3 needed; 2026: only ba-be (2) reported → 1 counts, bach-thong and cho-don
    # missing could still make it 2 or 3
    result = count(count_target(), {2026: {"ba-be": 2}}, D(2026, 12, 31))
    assert result.status == "no_data"
    assert result.reason_vi == "năm 2026: 1/3 địa bàn đạt, thiếu số liệu của bach-thong, cho-don"
    assert result.reason_en == (
        "2026: 1 of 3 areas meet the level; no figure for bach-thong, cho-don"
    )
    assert result.values == {}
    assert result.missing_areas == ["bach-thong", "cho-don"]
    assert result.areas == [
        AreaFigure("ba-be", 2, True),
        AreaFigure("bach-thong", None, False),
        AreaFigure("cho-don", None, False),
    ]
    assert [p.year for p in result.points] == [2026]


def test_an_earlier_achievement_does_not_hide_an_incomplete_latest_year() -> None:
    # 2025 complete: 2, 2, 1 → 2 of 3 (met); 2026: ba-be 1, bach-thong 3, cho-don missing
    # → 1 counts: the complete years alone would say "achieved", but 2026 is not known
    figures = {
        2025: {"ba-be": 2, "bach-thong": 2, "cho-don": 1},
        2026: {"ba-be": 1, "bach-thong": 3},
    }
    result = count(count_target(), figures, D(2026, 12, 31))
    assert result.status == "no_data"
    assert result.reason_en == "2026: 1 of 3 areas meet the level; no figure for cho-don"
    assert result.reason_vi == "năm 2026: 1/3 địa bàn đạt, thiếu số liệu của cho-don"
    assert result.missing_areas == ["cho-don"]
    assert result.areas == [
        AreaFigure("ba-be", 1, False),
        AreaFigure("bach-thong", 3, True),
        AreaFigure("cho-don", None, False),
    ]


def test_an_incomplete_latest_year_keeps_the_trend_of_the_complete_years() -> None:
    # (pins the current rule: a trend status from the complete years is kept)
    # all 3 by 2030; 2024: 0 of 3, 2025: 1 of 3 (both complete); 2026: ba-be 2 only → 1
    # complete trend: slope 1, projected 2030 = 1 + 5 = 6 → clamped 3, ratio 3 / 3 = 1.0
    figures = {
        2024: {"ba-be": 1, "bach-thong": 1, "cho-don": 1},
        2025: {"ba-be": 2, "bach-thong": 1, "cho-don": 1},
        2026: {"ba-be": 2},
    }
    result = count(count_target(value=3), figures, D(2026, 12, 31))
    assert result.status == "on_track"
    assert result.values == {2024: 0, 2025: 1}
    assert result.projected_value == 3
    assert result.reason_en == "2024: 0 → 2025: 1; projected 2030: 3.0 (target 3); ratio 1.00"
    assert result.missing_areas == ["bach-thong", "cho-don"]


def test_a_complete_latest_year_after_the_due_year_is_missed() -> None:
    # 2 of 3 by 2030; 2030: 2, 1, 1 → 1 of 3, complete; as of 2031 → missed
    figures = {2030: {"ba-be": 2, "bach-thong": 1, "cho-don": 1}}
    result = count(count_target(), figures, D(2031, 1, 1))
    assert result.status == "missed"
    assert result.reason_en == "2030 is over at 1 (2030), needed 2"


def test_a_count_with_no_figures_at_all() -> None:
    result = count(count_target(), {}, D(2026, 12, 31))
    assert result.status == "no_data"
    assert result.reason_en == "nothing reported"
    assert (result.points, result.values, result.areas, result.missing_areas) == ([], {}, [], [])


def test_count_target_directly_matches_evaluate_target() -> None:
    figures = {2026: {"ba-be": 2, "bach-thong": 1, "cho-don": 3}}
    direct = _count_target(index(), by_year(figures), count_target(), D(2026, 12, 31))
    assert (direct.status, direct.values) == ("achieved", {2026: 2})


# -- ranges ("30 – 35 %"): between, inclusive at both ends ----------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30, True),  # the low end itself
        (30 - TINY, True),  # float noise below it
        (30 - SMALL, False),
        (29.99, False),
        (32.5, True),
        (35, True),  # the high end itself
        (35 + TINY, True),
        (35 + SMALL, False),
        (35.01, False),
    ],
)
def test_between_at_and_around_both_ends(value: float, expected: bool) -> None:
    assert meets("between", 30, value, None, 35) is expected


def test_between_exactly_at_the_allowance_of_each_end() -> None:
    # the same 1e-9 allowance as at_least/at_most, at both ends, exactly
    assert meets("between", 1.0, 1.0 - _EPSILON, None, 2.0) is True
    assert meets("between", 1.0, 2.0 + _EPSILON, None, 2.0) is True


def test_between_without_an_upper_end_is_refused() -> None:
    with pytest.raises(ValueError, match="between"):
        meets("between", 30, 31)


def ranged(**overrides: Any) -> Target:
    """ "đạt 30 – 35 %" by 2030, higher is better."""
    fields: dict[str, Any] = {"comparator": "between", "value": 30, "upper": 35}
    fields.update(overrides)
    return target(**fields)


@pytest.mark.parametrize(
    ("values", "as_of", "status"),
    [
        ({2026: 32}, D(2026, 12, 31), "achieved"),  # inside
        ({2029: 35}, D(2031, 1, 1), "achieved"),  # the high end, after the due year
        ({2029: 36}, D(2031, 1, 1), "missed"),  # above the range is outside it
        ({2029: 29.9}, D(2031, 1, 1), "missed"),
        ({2026: 20}, D(2026, 12, 31), "insufficient_data"),
    ],
)
def test_a_range_is_met_inside_its_ends(
    values: dict[int, float], as_of: dt.date, status: str
) -> None:
    assert judge(ranged(), values, as_of).status == status


def test_a_range_is_approached_towards_its_low_end_when_higher_is_better() -> None:
    # 2024: 22 -> 2026: 24, slope 1, projected 2030 = 24 + 4 = 28;
    # ratio (28 - 22) / (30 - 22) = 0.75 (towards 30, not 35: (28 - 22) / 13 = 0.46)
    result = judge(ranged(), {2024: 22, 2026: 24}, D(2026, 12, 31))
    assert result.projected_value == pytest.approx(28)
    assert result.ratio == pytest.approx(0.75)
    assert result.status == "needs_acceleration"
    assert result.reason_en == (
        "2024: 22 → 2026: 24; projected 2030: 28.0 (target 30–35); ratio 0.75"
    )


def test_a_range_is_approached_towards_its_high_end_when_lower_is_better() -> None:
    # "giảm còn 30 – 35 %": 2024: 50 -> 2026: 46, slope -2, projected 2030 = 46 - 8 = 38;
    # ratio (38 - 50) / (35 - 50) = 0.8 (towards 35; towards 30 it would be 12/20 = 0.6)
    result = judge(ranged(direction="decrease"), {2024: 50, 2026: 46}, D(2026, 12, 31))
    assert result.projected_value == pytest.approx(38)
    assert result.ratio == pytest.approx(0.8)
    assert result.status == "needs_acceleration"


def test_the_goal_of_a_range_is_its_nearer_end() -> None:
    assert (ranged().goal, ranged(direction="decrease").goal) == (30, 35)
    assert (target().goal, lower_is_better().goal) == (90, 5)


def test_a_count_of_areas_can_be_a_range() -> None:
    # "2 – 3 huyện đạt mức độ 2" of the three districts: 2026: 2, 1, 3 → 2 count: met
    t = count_target(comparator="between", value=2, upper=3)
    result = count(t, {2026: {"ba-be": 2, "bach-thong": 1, "cho-don": 3}}, D(2026, 12, 31))
    assert (result.status, result.values) == ("achieved", {2026: 2})
    # only one district at >= 2 → 1 count, below the range, and the year is complete
    result = count(t, {2030: {"ba-be": 2, "bach-thong": 1, "cho-don": 1}}, D(2031, 1, 1))
    assert result.status == "missed"


# -- scales: the levels a figure may take ------------------------------------------------------


def test_a_level_target_is_bounded_by_its_own_scale() -> None:
    # xóa mù chữ has levels 0-2: 0 (2022) -> 1 (2024), slope 0.5, 2030: 1 + 0.5 * 6 = 4,
    # clamped to the scale's top 2 (not 3); ratio (2 - 0) / (2 - 0) = 1.0
    t = target(unit="level", value=2, scale={"min": 0, "max": 2})
    assert _bounds(t, None) == (0.0, 2.0)
    result = judge(t, {2022: 0, 2024: 1}, D(2024, 12, 31), _bounds(t, None))
    assert result.projected_value == 2
    assert result.status == "on_track"
    # a count of areas has a scale for its areas' levels, but counts are bounded by the
    # number of areas: 8 districts → 0-8, not the scale's 0-3
    assert _bounds(count_target(), 8) == (0.0, 8.0)
    # a yes/no target is a level on 0-1
    yes_no = target(unit="level", value=1, scale={"min": 0, "max": 1})
    assert (_bounds(yes_no, None), yes_no.levels) == ((0.0, 1.0), (0, 1))


@pytest.mark.parametrize(
    ("overrides", "ok"),
    [
        ({"unit": "level", "value": 2, "scale": {"min": 0, "max": 3}}, True),
        ({"unit": "level", "value": 3, "scale": {"min": 0, "max": 3}}, True),  # the top
        ({"unit": "level", "value": 0, "scale": {"min": 0, "max": 3}}, True),  # the bottom
        ({"unit": "level", "value": 2}, False),  # a level needs a scale
        ({"unit": "level", "value": 3, "scale": {"min": 0, "max": 2}}, False),  # above it
        ({"unit": "level", "value": 1.5, "scale": {"min": 0, "max": 3}}, False),  # not whole
        ({"unit": "level", "value": 1, "scale": {"min": 1, "max": 1}}, False),  # min = max
        ({"unit": "level", "value": 1, "scale": {"min": 2, "max": 1}}, False),  # min > max
        ({"scale": {"min": 0, "max": 3}}, False),  # a percentage has no scale
    ],
)
def test_which_scales_a_target_may_have(overrides: dict[str, Any], ok: bool) -> None:
    if ok:
        target(**overrides)
    else:
        with pytest.raises(ValueError, match="scale"):
            target(**overrides)


def test_a_count_of_areas_needs_a_scale_holding_its_area_value() -> None:
    with pytest.raises(ValueError, match="scale"):
        count_target(scale=None)
    with pytest.raises(ValueError, match="scale"):
        count_target(scale={"min": 0, "max": 1})  # area_value 2 is off a 0-1 scale
    assert count_target(scale={"min": 0, "max": 2}).levels == (0, 2)


# -- accumulated counts ("xây mới 200 phòng học giai đoạn 2025–2030") --------------------------


def built(**overrides: Any) -> Target:
    fields: dict[str, Any] = {
        "unit": "count",
        "value": 200,
        "accumulate": True,
        "from_year": 2025,
    }
    fields.update(overrides)
    return target(**fields)


def test_accumulated_sums_from_the_first_year() -> None:
    # 2024 is before the period; 2025: 30, 2026: 25, 2028: 40 → 30, 55, 95 (2027 unreported)
    assert accumulated({2024: 99, 2025: 30, 2026: 25, 2028: 40}, 2025) == {
        2025: 30,
        2026: 55,
        2028: 95,
    }
    assert accumulated({}, 2025) == {}
    assert accumulated({2024: 5}, 2025) == {}


@pytest.mark.parametrize(
    ("figures", "as_of", "status", "latest"),
    [
        # 30 + 25 = 55 by 2026; slope 25, 2030: 55 + 100 = 155; (155 - 30) / (200 - 30) = 0.74
        ({2025: 30, 2026: 25}, D(2026, 12, 31), "needs_acceleration", 55),
        # 60 + 50 = 110; slope 50, 2030: 110 + 200 = 310; (310 - 60) / 140 = 1.79
        ({2025: 60, 2026: 50}, D(2026, 12, 31), "on_track", 110),
        # 190 + 10 = 200: the sum reaches 200 exactly
        ({2025: 190, 2026: 10}, D(2026, 12, 31), "achieved", 200),
        # 150 + 49 = 199 by 2030, one short of 200, judged after 2030
        ({2025: 150, 2030: 49}, D(2031, 1, 1), "missed", 199),
        # one year of building is one point of the sum
        ({2025: 30}, D(2026, 12, 31), "insufficient_data", 30),
        # a year before the period does not count: 2024: 500 alone is nothing
        ({2024: 500}, D(2026, 12, 31), "no_data", None),
    ],
)
def test_an_accumulated_target_is_judged_on_the_sum(
    figures: dict[int, float], as_of: dt.date, status: str, latest: float | None
) -> None:
    series = area_series({PROVINCE: figures}, measure="ty-le-thu")
    result = evaluate_target(index(), series, built(), as_of)
    assert (result.status, result.latest_value) == (status, latest)


def test_an_accumulated_target_keeps_the_reported_figures_as_its_history() -> None:
    series = area_series({PROVINCE: {2025: 30, 2026: 25}}, measure="ty-le-thu")
    result = evaluate_target(index(), series, built(), D(2026, 12, 31))
    assert [(p.year, p.value) for p in result.points] == [(2025, 30), (2026, 25)]
    assert result.values == {2025: 30, 2026: 55}
    assert result.projected_value == pytest.approx(155)
    assert result.ratio == pytest.approx(125 / 170)


@pytest.mark.parametrize(
    "overrides",
    [
        {"from_year": None},  # a sum needs its first year
        {"every_year": True},  # "each year" and "in total" contradict
        {"unit": "percent", "value": 20},  # percentages are not added up
        {"from_year": 2031},  # the period starts after the due year
    ],
)
def test_which_targets_may_accumulate(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="accumulate"):
        built(**overrides)


# -- breakdowns: a part of the parent's indicator, judged on its own series ----------------


def test_a_breakdown_is_judged_on_its_own_series() -> None:
    part = target(
        id="hoan-thanh-dtts",
        value=99,
        breakdown={
            "parent": "ty-le-thu",
            "by": "population",
            "group": "học sinh dân tộc thiểu số",
            "group_en": "ethnic-minority pupils",
        },
    )
    series = {
        **area_series({PROVINCE: {2024: 92, 2026: 95}}, measure="ty-le-thu"),
        **area_series({PROVINCE: {2024: 97, 2026: 99}}, measure="hoan-thanh-dtts"),
    }
    # the part reads its own series (97 -> 99), 99 >= 99: achieved, latest 99; the whole
    # reads "ty-le-thu" (92 -> 95), 95 >= 90: achieved, latest 95
    assert evaluate_target(index(), series, part, D(2026, 12, 31)).status == "achieved"
    assert evaluate_target(index(), series, target(), D(2026, 12, 31)).latest_value == 95
    assert evaluate_target(index(), series, part, D(2026, 12, 31)).latest_value == 99


def test_a_file_may_hold_a_breakdown_of_a_target_it_holds() -> None:
    whole = target().model_dump(exclude_none=True)
    part = {
        **whole,
        "id": "ty-le-thu-dtts",
        "breakdown": {"parent": "ty-le-thu", "by": "area", "group": "xã", "group_en": "communes"},
    }
    parsed = TargetsFile.model_validate({"targets": [whole, part]})
    assert parsed.targets[1].breakdown is not None
    assert parsed.targets[1].breakdown.parent == "ty-le-thu"
