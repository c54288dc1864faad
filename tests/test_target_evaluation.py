"""Target verdicts: each status from a small series, and properties of the progress rule."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DEMO, run_cli, run_json
from kh284.evaluate.targets import _judge, classify, meets, progress_ratio, project
from kh284.validate.models.targets import Target

AS_OF = dt.date(2026, 12, 31)


def target(**overrides: Any) -> Target:
    fields: dict[str, Any] = {
        "id": "t",
        "name": "t",
        "name_en": "t",
        "group": "g",
        "clause": "II.2-2",
        "text": "t",
        "unit": "percent",
        "comparator": "at_least",
        "value": 90,
        "due_year": 2030,
        "direction": "increase",
        "scope": {"kind": "area", "area": "bac-kan"},
    }
    fields.update(overrides)
    return Target.model_validate(fields)


BOUNDS = (0.0, 100.0)


@pytest.mark.parametrize(
    ("values", "overrides", "as_of", "expected"),
    [
        ({2025: 91}, {}, AS_OF, "achieved"),
        # slope 5/year: 80 + 5 * 4 = 100 in 2030, ratio (100 - 70) / (90 - 70) = 1.5
        ({2024: 70, 2026: 80}, {}, AS_OF, "on_track"),
        # slope 1: 72 + 4 = 76, ratio 6 / 20 = 0.3
        ({2024: 70, 2026: 72}, {}, AS_OF, "needs_acceleration"),
        # slope 0.1: 70.2 + 0.4 = 70.6, ratio 0.6 / 20 = 0.03
        ({2024: 70, 2026: 70.2}, {}, AS_OF, "stagnating"),
        # going backwards: 75 - 10 = 65, ratio -15 / 10 = -1.5
        ({2024: 80, 2026: 75}, {}, AS_OF, "stagnating"),
        # baseline met, then fell: 85 - 20 = 65; (65 - 95) / (90 - 95) = 6, but no ratio
        ({2024: 95, 2026: 85}, {}, AS_OF, "stagnating"),
        ({2029: 85, 2030: 89}, {}, dt.date(2031, 1, 1), "missed"),
        (
            {2025: 21, 2026: 19.5},
            {"every_year": True, "from_year": 2025, "value": 20},
            AS_OF,
            "not_maintained",
        ),
        (
            {2024: 15, 2025: 21},
            {"every_year": True, "from_year": 2025, "value": 20},
            AS_OF,
            "achieved",
        ),
        ({}, {}, AS_OF, "no_data"),
        ({2026: 80}, {}, AS_OF, "insufficient_data"),
    ],
)
def test_each_status(
    values: dict[int, float], overrides: dict[str, Any], as_of: dt.date, expected: str
) -> None:
    assert _judge(target(**overrides), values, as_of, BOUNDS).status == expected


def test_components_let_a_reader_recompute_the_verdict() -> None:
    result = _judge(target(), {2024: 70, 2026: 72}, AS_OF, BOUNDS)
    assert (result.baseline_year, result.baseline_value) == (2024, 70)
    assert (result.latest_year, result.latest_value) == (2026, 72)
    assert result.projected_value == pytest.approx(76.0)
    assert result.ratio == pytest.approx((76 - 70) / (90 - 70))
    assert result.status == "needs_acceleration"
    # every component is in the text, so the reader can redo the sum
    assert result.reason_en == "2024: 70 → 2026: 72; projected 2030: 76.0 (target 90); ratio 0.30"
    assert result.reason_vi == ("2024: 70 → 2026: 72; dự báo 2030: 76,0 (mục tiêu 90); tỷ số 0,30")


def test_not_maintained_names_the_years() -> None:
    t = target(every_year=True, from_year=2025, value=20)
    result = _judge(t, {2025: 19, 2026: 21, 2027: 18}, dt.date(2028, 1, 1), BOUNDS)
    assert result.status == "not_maintained"
    assert result.failing_years == [2025, 2027]
    assert result.reason_en == "below 20 in 2025 (19), 2027 (18)"
    assert result.reason_vi == "không đạt 20 trong năm 2025 (19), 2027 (18)"


def test_only_one_point_says_a_trend_needs_two() -> None:
    result = _judge(target(), {2026: 80}, AS_OF, BOUNDS)
    assert result.status == "insufficient_data"
    assert result.reason_en == "only one point (2026: 80); a trend needs two"
    assert result.projected_value is None and result.ratio is None


@pytest.mark.parametrize(
    ("comparator", "value", "tolerance", "meets_it"),
    [
        ("above", 80, None, False),  # "trên 80%": 80 itself is not enough
        ("above", 80.01, None, True),
        ("at_least", 90, None, True),
        ("at_least", 89.99, None, False),
        ("approximately", 32.5, 2.5, True),
        ("approximately", 37.5, 2.5, True),
        ("approximately", 37.51, 2.5, False),
        ("at_most", 5, None, True),
        ("below", 5, None, False),
        ("equal", 100, None, True),
    ],
)
def test_comparator_boundaries(
    comparator: str, value: float, tolerance: float | None, meets_it: bool
) -> None:
    goal = {
        "above": 80,
        "at_least": 90,
        "approximately": 35,
        "at_most": 5,
        "below": 5,
        "equal": 100,
    }[comparator]
    assert meets(comparator, goal, value, tolerance) is meets_it


percent = st.floats(min_value=0, max_value=100, allow_nan=False)
years = st.lists(st.integers(min_value=2020, max_value=2030), min_size=1, max_size=6, unique=True)


@given(
    goal=percent,
    latest=percent,
    history=st.lists(percent, max_size=5),
    ys=years,
    comparator=st.sampled_from(["at_least", "above"]),
)
def test_a_value_meeting_the_comparator_is_never_failing(
    goal: float, latest: float, history: list[float], ys: list[int], comparator: str
) -> None:
    ys = sorted(ys)
    values = dict(zip(ys[:-1], history, strict=False))
    values[ys[-1]] = latest
    t = target(value=goal, comparator=comparator)
    status = _judge(t, values, dt.date(2031, 6, 1), BOUNDS).status
    if meets(comparator, goal, latest):
        assert status == "achieved"
    else:
        assert status != "achieved"


@given(base=percent, last=percent, goal=percent)
def test_direction_is_respected(base: float, last: float, goal: float) -> None:
    """Moving towards the goal never scores worse than standing still."""
    projected = project(2024, base, 2026, last, 2030, BOUNDS)
    ratio = progress_ratio(base, projected, goal)
    if ratio is None:
        return
    towards = (goal - base) * (last - base) > 0
    if towards:
        assert ratio >= 0  # (a denormal step can round to no progress at all)
    elif last != base:
        assert ratio <= 0
        assert classify(ratio) == "stagnating"


@given(goal=st.floats(min_value=1, max_value=99, allow_nan=False))
def test_strict_and_non_strict_at_the_boundary(goal: float) -> None:
    assert meets("at_least", goal, goal)
    assert not meets("above", goal, goal)


def test_demo_shows_every_status_and_json_agrees_with_the_table() -> None:
    args = ("check", "--data-dir", str(DEMO), "--as-of", "2026-12-31")
    data = run_json(*args, "--lang", "en", code=1)
    statuses = {t["status"] for t in data["targets"]}
    assert statuses == {
        "achieved",
        "on_track",
        "needs_acceleration",
        "stagnating",
        "not_maintained",
        "missed",
        "no_data",
        "insufficient_data",
    }
    task_statuses = {t["status"] for t in data["tasks"]}
    assert task_statuses == {
        "done_on_time",
        "done_late",
        "in_progress",
        "overdue",
        "not_due",
        "waiting_for_event",
        "ongoing",
    }
    table = run_cli(*args, "--lang", "en", code=1)
    for item in data["targets"]:
        row = next(line for line in table.splitlines() if re.match(rf"│ {item['id']} ", line))
        assert item["label"] in row
        if item["value"] is not None:
            assert f"{item['value']:g} ({item['year']})" in row


def test_district_unit_after_reorganisation_warns_but_area_report_is_accepted(
    tmp_path: Any,
) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    report = data / "progress" / "2026" / "ba-be-late.yaml"
    report.write_text(
        "unit: ba-be\nperiod: 2026\nreported_on: 2026-05-01\n"
        "indicators:\n  - target: xoa-mu-chu-muc-2-huyen\n    area: ba-be\n    value: 2\n",
        encoding="utf-8",
    )
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", "--as-of", "2026-12-31")
    assert re.search(r"ba-be-late\.yaml:1:7: warning D505 Unit 'ba-be' did not exist", out)
    assert "ubnd-cap-xa" in out
    report.write_text(report.read_text().replace("unit: ba-be", "unit: so-gddt"))
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", "--as-of", "2026-12-31")
    assert "D505" not in out


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("terminal", "Chưa đủ số liệu"),
        ("markdown", "| `mau-giao-huy-dong` | Chưa đủ số liệu | 98,2 (2026) |"),
        ("junit", "warning T606 Chỉ tiêu 'mau-giao-huy-dong' chưa đủ số liệu"),
        ("github", "title=T606::Chỉ tiêu 'mau-giao-huy-dong' chưa đủ số liệu"),
        ("sarif", '"ruleId": "T606"'),
    ],
)
def test_one_figure_is_not_enough_data_in_every_format(fmt: str, shown: str) -> None:
    # mau-giao-huy-dong: only 2026, 98.2 against >= 99 by 2030: one figure, not "no data"
    out = run_cli(
        "check", "--data-dir", str(DEMO), "--as-of", "2026-12-31", "--format", fmt, code=1
    )
    assert shown in out


def test_one_figure_is_not_enough_data_in_json() -> None:
    data = run_json("check", "--data-dir", str(DEMO), "--as-of", "2026-12-31", code=1)
    row = next(t for t in data["targets"] if t["id"] == "mau-giao-huy-dong")
    assert (row["status"], row["label"], row["value"], row["year"]) == (
        "insufficient_data",
        "Chưa đủ số liệu",
        98.2,
        2026,
    )
    assert data["summary"]["targets"]["insufficient_data"] == 2
    codes = [d["code"] for d in data["diagnostics"] if "mau-giao-huy-dong" in d["message"]]
    assert codes == ["T606"]


def test_the_words_of_each_form_of_goal() -> None:
    from kh284.i18n import breakdown_words, level_scale, target_goal

    ranged = target(comparator="between", value=30, upper=35)
    assert target_goal(ranged, "vi") == "30–35 %"  # Vietnamese: a space before the sign
    assert target_goal(ranged, "en") == "30–35%"
    halves = target(comparator="between", value=30.5, upper=35.5)
    assert (target_goal(halves, "vi"), target_goal(halves, "en")) == ("30,5–35,5 %", "30.5–35.5%")
    built = target(unit="count", value=200, accumulate=True, from_year=2025)
    assert target_goal(built, "vi") == "Σ ≥ 200"
    literacy = target(unit="level", value=2, scale={"min": 0, "max": 2})
    assert level_scale(literacy, "vi") == "mức độ (0-2)"
    assert level_scale(literacy, "en") == "level (0-2)"
    assert level_scale(target(), "vi") is None  # a percentage has no levels
    part = target(
        breakdown={"parent": "p", "by": "school_level", "group": "cấp THCS", "group_en": "THCS"}
    )
    assert breakdown_words(part, "vi") == "chi tiết của 'p': cấp THCS"
    assert breakdown_words(part, "en") == "breakdown of 'p': THCS"
    assert breakdown_words(target(), "en") is None


def test_kh284_targets_shows_a_breakdown_and_its_parent() -> None:
    out = run_cli("targets", "minh-hoa-tieu-hoc-dtts", "--data-dir", str(DEMO), "--lang", "en")
    assert "breakdown of 'hoan-thanh-tieu-hoc': ethnic-minority pupils" in out
