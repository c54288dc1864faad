"""Every rule of ``kh284.validate.deadlines``, pinned at its boundaries with hand-worked tables.

The tasks, events and settings are built directly (``model_validate``) in the shapes of
``data/plan.yaml`` and ``data/events.yaml``: PL-04 "Năm 2025" (``year``), PL-06 "Năm 2026,
hàng năm" (``yearly_from``), PL-01 "Thường xuyên" (``ongoing``), PL-15 waiting for one
approval and PL-02 for three laws (``event``); the kinds that keep other wordings
("Trước ngày 28/02/2025", "Quý I/2025", "6 tháng đầu năm 2025", "Trước ngày 15/12 hằng
năm", "Giai đoạn 2025 - 2030", "Năm học 2025 - 2026") each at the day before, on and after
its due date.  Every expected value below was worked out
by hand from the rules in the module docstring and the README, not copied from a run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from kh284.evaluate.tasks import _judge
from kh284.validate.deadlines import Deliverable, deliverable_key, deliverables, final_due
from kh284.validate.models.events import Event
from kh284.validate.models.plan import AppendixTask, Settings

D = dt.date
HORIZON = 2030
SETTINGS = Settings.model_validate({"months_after_event": 6, "report_from_year": 2025})

QD = "qd-1002-ttg"
LAW_A = "luat-hoc-tap-suot-doi"
LAW_B = "luat-giao-duc-sua-doi"
LAW_C = "luat-giao-duc-dai-hoc-sua-doi"
NHA_GIAO = "luat-nha-giao"


def task(
    kind: str,
    *,
    year: int | None = None,
    events: tuple[str, ...] = (),
    months: int | None = None,
    text: str = "Năm 2025",
) -> AppendixTask:
    deadline: dict[str, Any] = {"text": text, "kind": kind, "events": list(events)}
    if year is not None:
        deadline["year"] = year
    if months is not None:
        deadline["months_after_event"] = months
    return AppendixTask.model_validate(
        {
            "id": "PL-99",
            "number": 99,
            "text": "Nhiệm vụ thử",
            "lead": ["so-gddt"],
            "lead_text": "Sở Giáo dục và Đào tạo",
            "coordinating": ["cac-so-ban-nganh-dia-phuong"],
            "coordinating_text": "Các sở, ban ngành, địa phương",
            "deadline": deadline,
        }
    )


def event(event_id: str, date: str | None) -> Event:
    return Event.model_validate(
        {
            "id": event_id,
            "name": "Sự kiện thử",
            "kind": "law_passed",
            "date": date,
            "source": "test",
        }
    )


def events_of(*pairs: tuple[str, str | None]) -> dict[str, Event]:
    return {event_id: event(event_id, date) for event_id, date in pairs}


# A row is (key, year, event, due, ongoing, waiting): every field of a Deliverable but the
# task id, spelt out so that a changed default is seen too.
Row = tuple[str, int | None, str | None, dt.date | None, bool, bool]


def rows(found: list[Deliverable]) -> list[Row]:
    assert all(d.task_id == "PL-99" for d in found)
    return [(d.key, d.year, d.event, d.due, d.ongoing, d.waiting) for d in found]


def yearly_rows(*years: int) -> list[Row]:
    return [(str(y), y, None, D(y, 12, 31), False, False) for y in years]


# --- the Deliverable record ---------------------------------------------------------------


def test_deliverable_defaults_and_label() -> None:
    d = Deliverable("PL-01", "")
    assert (d.year, d.event, d.due, d.ongoing, d.waiting) == (None, None, None, False, False)
    assert Deliverable("PL-06", "2027", year=2027).label == "2027"
    assert Deliverable("PL-02", LAW_A, event=LAW_A).label == LAW_A


def test_deliverable_is_frozen_and_hashable() -> None:
    d = Deliverable("PL-04", "", year=2025, due=D(2025, 12, 31))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.key = "2025"  # type: ignore[misc]
    assert {d, Deliverable("PL-04", "", year=2025, due=D(2025, 12, 31))} == {d}


# --- year ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "as_of", "expected"),
    [
        # one deliverable whatever the as-of date, due 31/12 of that year
        (2025, D(2024, 1, 1), [("", 2025, None, D(2025, 12, 31), False, False)]),
        (2025, D(2025, 6, 1), [("", 2025, None, D(2025, 12, 31), False, False)]),
        (2025, D(2025, 12, 31), [("", 2025, None, D(2025, 12, 31), False, False)]),
        (2025, D(2031, 3, 1), [("", 2025, None, D(2025, 12, 31), False, False)]),
        (2028, D(2026, 1, 1), [("", 2028, None, D(2028, 12, 31), False, False)]),
    ],
)
def test_year_is_one_deliverable_due_31_december(
    year: int, as_of: dt.date, expected: list[Row]
) -> None:
    found = deliverables(task("year", year=year), {}, SETTINGS, HORIZON, as_of)
    assert rows(found) == expected


# --- yearly_from --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "horizon", "as_of", "years"),
    [
        # before the first year: nothing yet (only the years up to the as-of year)
        (2026, 2030, D(2024, 12, 31), []),
        (2026, 2030, D(2025, 6, 1), []),
        (2026, 2030, D(2026, 1, 1), [2026]),
        (2026, 2030, D(2026, 12, 31), [2026]),
        # one more each new year, up to the as-of year
        (2026, 2030, D(2027, 1, 1), [2026, 2027]),
        (2026, 2030, D(2028, 7, 15), [2026, 2027, 2028]),
        (2026, 2030, D(2030, 12, 31), [2026, 2027, 2028, 2029, 2030]),
        # the horizon cuts it
        (2026, 2030, D(2031, 1, 1), [2026, 2027, 2028, 2029, 2030]),
        (2026, 2030, D(2040, 6, 1), [2026, 2027, 2028, 2029, 2030]),
        (2026, 2027, D(2029, 6, 1), [2026, 2027]),
        (2026, 2026, D(2029, 6, 1), [2026]),
        # a horizon before the first year still leaves the first year
        (2026, 2025, D(2029, 6, 1), [2026]),
        (2025, 2030, D(2025, 3, 1), [2025]),
    ],
)
def test_yearly_from_one_per_year_up_to_as_of_and_horizon(
    first: int, horizon: int, as_of: dt.date, years: list[int]
) -> None:
    found = deliverables(task("yearly_from", year=first), {}, SETTINGS, horizon, as_of)
    assert rows(found) == yearly_rows(*years)


def test_yearly_from_keys_are_the_year_strings() -> None:
    found = deliverables(task("yearly_from", year=2026), {}, SETTINGS, 2030, D(2028, 2, 1))
    assert [d.key for d in found] == ["2026", "2027", "2028"]
    assert [d.label for d in found] == ["2026", "2027", "2028"]
    assert [d.due for d in found] == [D(2026, 12, 31), D(2027, 12, 31), D(2028, 12, 31)]


# --- ongoing ------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [D(2024, 1, 1), D(2025, 4, 22), D(2035, 12, 31)])
def test_ongoing_is_one_standing_deliverable_without_due(as_of: dt.date) -> None:
    found = deliverables(task("ongoing", text="Thường xuyên"), {}, SETTINGS, HORIZON, as_of)
    assert rows(found) == [("", None, None, None, True, False)]


# --- event --------------------------------------------------------------------------------


def waiting(key: str, event_id: str) -> Row:
    return (key, None, event_id, None, False, True)


def due(key: str, event_id: str, day: dt.date) -> Row:
    return (key, None, event_id, day, False, False)


@pytest.mark.parametrize(
    ("known", "as_of", "expected"),
    [
        # unknown event, event without date: waiting, whatever the as-of date
        ({}, D(2030, 1, 1), [waiting("", QD)]),
        ({NHA_GIAO: "2025-06-16"}, D(2030, 1, 1), [waiting("", QD)]),
        ({QD: None}, D(2030, 1, 1), [waiting("", QD)]),
        # dated after the as-of date: has not happened yet on that date
        ({QD: "2025-05-24"}, D(2025, 1, 1), [waiting("", QD)]),
        ({QD: "2025-05-24"}, D(2025, 5, 23), [waiting("", QD)]),
        # dated on the as-of date: it happened; due six months later (the default setting)
        ({QD: "2025-05-24"}, D(2025, 5, 24), [due("", QD, D(2025, 11, 24))]),
        ({QD: "2025-05-24"}, D(2025, 5, 25), [due("", QD, D(2025, 11, 24))]),
        ({QD: "2025-05-24"}, D(2027, 1, 1), [due("", QD, D(2025, 11, 24))]),
    ],
)
def test_one_event_waits_until_it_is_dated_on_or_before_as_of(
    known: dict[str, str | None], as_of: dt.date, expected: list[Row]
) -> None:
    t = task("event", events=(QD,), text="Sau khi được Thủ tướng Chính phủ phê duyệt")
    found = deliverables(t, events_of(*known.items()), SETTINGS, HORIZON, as_of)
    assert rows(found) == expected


@pytest.mark.parametrize(
    ("task_months", "default_months", "expected_due"),
    [
        (None, 6, D(2025, 11, 24)),
        (None, 0, D(2025, 5, 24)),
        (None, 1, D(2025, 6, 24)),
        # the task's own setting wins over the plan's default, an explicit 0 included
        (3, 6, D(2025, 8, 24)),
        (0, 6, D(2025, 5, 24)),
        (12, 6, D(2026, 5, 24)),
        (6, 0, D(2025, 11, 24)),
        (7, 7, D(2025, 12, 24)),
        (8, 7, D(2026, 1, 24)),
    ],
)
def test_months_after_event_task_overrides_default(
    task_months: int | None, default_months: int, expected_due: dt.date
) -> None:
    settings = Settings.model_validate(
        {"months_after_event": default_months, "report_from_year": 2025}
    )
    t = task("event", events=(QD,), months=task_months)
    found = deliverables(t, events_of((QD, "2025-05-24")), settings, HORIZON, D(2030, 1, 1))
    assert rows(found) == [due("", QD, expected_due)]


@pytest.mark.parametrize(
    ("happened", "months", "expected_due"),
    [
        ("2025-01-31", 1, D(2025, 2, 28)),
        ("2024-01-31", 1, D(2024, 2, 29)),
        ("2028-01-30", 1, D(2028, 2, 29)),
        ("2025-03-31", 1, D(2025, 4, 30)),
        ("2023-08-31", 6, D(2024, 2, 29)),
        ("2024-02-29", 12, D(2025, 2, 28)),
        ("2024-02-29", 48, D(2028, 2, 29)),
        ("2025-12-31", 2, D(2026, 2, 28)),
        ("2025-11-15", 3, D(2026, 2, 15)),
        ("2025-08-31", 120, D(2035, 8, 31)),
    ],
)
def test_due_date_month_arithmetic(happened: str, months: int, expected_due: dt.date) -> None:
    t = task("event", events=(QD,), months=months)
    found = deliverables(t, events_of((QD, happened)), SETTINGS, HORIZON, D(2040, 1, 1))
    assert rows(found) == [due("", QD, expected_due)]


def test_two_events_one_deliverable_each_keyed_by_event() -> None:
    t = task("event", events=(LAW_A, LAW_B), text="Khi Luật được ban hành")
    known = events_of((LAW_A, "2025-06-16"), (LAW_B, None))
    found = deliverables(t, known, SETTINGS, HORIZON, D(2025, 7, 1))
    assert rows(found) == [due(LAW_A, LAW_A, D(2025, 12, 16)), waiting(LAW_B, LAW_B)]
    # people see the event's name; the key stays its id
    assert [d.label for d in found] == ["Sự kiện thử", "Sự kiện thử"]
    assert [d.title for d in found] == ["Sự kiện thử", "Sự kiện thử"]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # LAW_A dated 16/6/2025, LAW_B dated 1/7/2025 (on the as-of date), LAW_C unknown
        (
            D(2025, 7, 1),
            [
                due(LAW_A, LAW_A, D(2025, 12, 16)),
                due(LAW_B, LAW_B, D(2026, 1, 1)),
                waiting(LAW_C, LAW_C),
            ],
        ),
        (
            D(2025, 6, 30),
            [due(LAW_A, LAW_A, D(2025, 12, 16)), waiting(LAW_B, LAW_B), waiting(LAW_C, LAW_C)],
        ),
        (D(2025, 6, 15), [waiting(LAW_A, LAW_A), waiting(LAW_B, LAW_B), waiting(LAW_C, LAW_C)]),
    ],
)
def test_three_laws_in_the_task_order(as_of: dt.date, expected: list[Row]) -> None:
    t = task("event", events=(LAW_A, LAW_B, LAW_C), text="Khi Luật được ban hành")
    known = events_of((LAW_B, "2025-07-01"), (LAW_A, "2025-06-16"), (NHA_GIAO, "2025-06-16"))
    assert rows(deliverables(t, known, SETTINGS, HORIZON, as_of)) == expected


# --- shapes R309 rejects: evaluation still runs on them, the kind decides -----------------


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        # a stray year on an ongoing or event deadline is not read
        (task("ongoing", year=2025), [("", None, None, None, True, False)]),
        (task("event", year=2025, events=(QD,)), [due("", QD, D(2025, 11, 24))]),
        # year / yearly_from without their year: no deliverable (and no crash)
        (task("yearly_from"), []),
        (task("year"), []),
    ],
)
def test_malformed_deadlines_follow_their_kind(t: AppendixTask, expected: list[Row]) -> None:
    found = deliverables(t, events_of((QD, "2025-05-24")), SETTINGS, HORIZON, D(2027, 6, 1))
    assert rows(found) == expected


# --- deliverable_key ----------------------------------------------------------------------

YEAR_2025 = task("year", year=2025)
YEARLY_2026 = task("yearly_from", year=2026, text="Năm 2026, hàng năm")
ONGOING = task("ongoing", text="Thường xuyên")
ONE_EVENT = task("event", events=(QD,))
TWO_EVENTS = task("event", events=(LAW_A, LAW_B))
THREE_LAWS = task("event", events=(LAW_A, LAW_B, LAW_C))

NEEDS_YEAR = ("cần 'year': nhiệm vụ hằng năm", "needs 'year': it is due every year")


def not_its_event(event_id: str) -> tuple[str, str]:
    return (
        f"sự kiện '{event_id}' không phải của nhiệm vụ này",
        f"event '{event_id}' is not one of this task's events",
    )


@pytest.mark.parametrize(
    ("t", "year", "event_id", "expected"),
    [
        # yearly_from: needs a year, not before the first one; an event is not looked at
        (YEARLY_2026, None, None, (None, NEEDS_YEAR)),
        (YEARLY_2026, None, LAW_A, (None, NEEDS_YEAR)),
        (
            YEARLY_2026,
            2025,
            None,
            (
                None,
                (
                    "năm 2025 trước năm bắt đầu 2026",
                    "year 2025 is before its first year 2026",
                ),
            ),
        ),
        (
            YEARLY_2026,
            2001,
            None,
            (
                None,
                (
                    "năm 2001 trước năm bắt đầu 2026",
                    "year 2001 is before its first year 2026",
                ),
            ),
        ),
        (YEARLY_2026, 2026, None, ("2026", None)),
        (YEARLY_2026, 2027, None, ("2027", None)),
        (YEARLY_2026, 2031, None, ("2031", None)),
        (YEARLY_2026, 2026, LAW_A, ("2026", None)),
        # year: a year other than the deadline's is a problem, the same year or none is not
        (YEAR_2025, None, None, ("", None)),
        (YEAR_2025, 2025, None, ("", None)),
        (
            YEAR_2025,
            2024,
            None,
            (
                None,
                (
                    "'year: 2024' khác năm hạn 2025",
                    "'year: 2024' differs from its deadline year 2025",
                ),
            ),
        ),
        (
            YEAR_2025,
            2026,
            None,
            (
                None,
                (
                    "'year: 2026' khác năm hạn 2025",
                    "'year: 2026' differs from its deadline year 2025",
                ),
            ),
        ),
        (YEAR_2025, None, QD, (None, not_its_event(QD))),
        (YEAR_2025, 2024, QD, (None, not_its_event(QD))),
        # ongoing: a year is accepted (a report per year), an event is not its own
        (ONGOING, None, None, ("", None)),
        (ONGOING, 2025, None, ("", None)),
        (ONGOING, 2031, None, ("", None)),
        (ONGOING, None, LAW_A, (None, not_its_event(LAW_A))),
        # one event: key "", with or without naming it; a year is not looked at
        (ONE_EVENT, None, None, ("", None)),
        (ONE_EVENT, None, QD, ("", None)),
        (ONE_EVENT, 2024, None, ("", None)),
        (ONE_EVENT, 2024, QD, ("", None)),
        (ONE_EVENT, None, NHA_GIAO, (None, not_its_event(NHA_GIAO))),
        # several events: the event is needed, and is the key
        (
            TWO_EVENTS,
            None,
            None,
            (
                None,
                (
                    f"cần 'event': nhiệm vụ gắn với nhiều sự kiện ({LAW_A}, {LAW_B})",
                    f"needs 'event': the task has one deliverable per event ({LAW_A}, {LAW_B})",
                ),
            ),
        ),
        (TWO_EVENTS, None, LAW_A, (LAW_A, None)),
        (TWO_EVENTS, None, LAW_B, (LAW_B, None)),
        (TWO_EVENTS, 2025, LAW_B, (LAW_B, None)),
        (TWO_EVENTS, None, LAW_C, (None, not_its_event(LAW_C))),
        (
            THREE_LAWS,
            None,
            None,
            (
                None,
                (
                    f"cần 'event': nhiệm vụ gắn với nhiều sự kiện ({LAW_A}, {LAW_B}, {LAW_C})",
                    "needs 'event': the task has one deliverable per event "
                    f"({LAW_A}, {LAW_B}, {LAW_C})",
                ),
            ),
        ),
        (THREE_LAWS, None, LAW_C, (LAW_C, None)),
        (THREE_LAWS, None, QD, (None, not_its_event(QD))),
    ],
)
def test_deliverable_key(
    t: AppendixTask,
    year: int | None,
    event_id: str | None,
    expected: tuple[str | None, tuple[str, str] | None],
) -> None:
    assert deliverable_key(t, year, event_id) == expected


@pytest.mark.parametrize(
    ("t", "year", "event_id", "as_of"),
    [
        (YEARLY_2026, 2027, None, D(2027, 6, 1)),
        (YEAR_2025, 2025, None, D(2025, 6, 1)),
        (ONGOING, None, None, D(2025, 6, 1)),
        (ONE_EVENT, None, QD, D(2025, 6, 1)),
        (THREE_LAWS, None, LAW_B, D(2025, 8, 1)),
    ],
)
def test_a_good_key_names_one_of_the_deliverables(
    t: AppendixTask, year: int | None, event_id: str | None, as_of: dt.date
) -> None:
    key, problem = deliverable_key(t, year, event_id)
    assert problem is None
    known = events_of((QD, "2025-05-24"), (LAW_B, "2025-07-01"))
    assert key in [d.key for d in deliverables(t, known, SETTINGS, HORIZON, as_of)]


# --- the kinds that keep the plan's own wording: date, quarter, half_year, yearly_on,
# --- period, school_year (issue 16) -------------------------------------------------------

#: The school year ends on 31/05 of the year after it starts (as in examples/demo/plan.yaml).
SCHOOL_SETTINGS = Settings.model_validate(
    {
        "months_after_event": 6,
        "report_from_year": 2025,
        "school_year_end": {"day": 31, "month": 5, "reason": "test"},
    }
)


def kinded(kind: str, text: str, **fields: object) -> AppendixTask:
    """A task whose deadline is ``kind`` with exactly ``fields`` (no ``events``)."""
    return AppendixTask.model_validate(
        {
            "id": "PL-99",
            "number": 99,
            "text": "Nhiệm vụ thử",
            "lead": ["so-gddt"],
            "lead_text": "Sở Giáo dục và Đào tạo",
            "coordinating": [],
            "coordinating_text": "",
            "deadline": {"text": text, "kind": kind, **fields},
        }
    )


DATE_28_02 = kinded("date", "Trước ngày 28/02/2025", date="28/02/2025")
QUARTER_I = kinded("quarter", "Quý I/2025", year=2025, quarter=1)
HALF_1 = kinded("half_year", "6 tháng đầu năm 2025", year=2025, half=1)
ON_15_12 = kinded("yearly_on", "Trước ngày 15/12 hằng năm", day=15, month=12, from_year=2025)
PERIOD = kinded("period", "Giai đoạn 2025 - 2030", from_year=2025, to_year=2030)
SCHOOL = kinded("school_year", "Năm học 2025 - 2026", year=2025)


def status_on(t: AppendixTask, as_of: dt.date, settings: Settings = SCHOOL_SETTINGS) -> list[str]:
    """The status of each deliverable of ``t`` on ``as_of`` when nothing was reported."""
    found = deliverables(t, {}, settings, HORIZON, as_of)
    return [_judge(t, d, [], as_of, list(t.lead)).status for d in found]


@pytest.mark.parametrize(
    ("t", "due_day"),
    [
        # "Trước ngày 28/02/2025": due on that day, which still counts as in time
        (DATE_28_02, D(2025, 2, 28)),
        # Quý I/2025: the last day of March
        (QUARTER_I, D(2025, 3, 31)),
        # 6 tháng đầu năm 2025: the last day of June
        (HALF_1, D(2025, 6, 30)),
        # Giai đoạn 2025 - 2030: the end of its last year
        (PERIOD, D(2030, 12, 31)),
        # Năm học 2025 - 2026: 31/05 (the setting) of 2025 + 1
        (SCHOOL, D(2026, 5, 31)),
        # the first deliverable of "Trước ngày 15/12 hằng năm" from 2025: 15/12/2025
        (ON_15_12, D(2025, 12, 15)),
    ],
)
def test_each_kind_is_not_due_until_its_day_and_overdue_the_day_after(
    t: AppendixTask, due_day: dt.date
) -> None:
    day_before, day_after = due_day - dt.timedelta(days=1), due_day + dt.timedelta(days=1)
    found = deliverables(t, {}, SCHOOL_SETTINGS, HORIZON, due_day)
    assert found[0].due == due_day
    assert status_on(t, day_before)[0] == "not_due"
    assert status_on(t, due_day)[0] == "not_due"
    assert status_on(t, day_after)[0] == "overdue"
    judged = _judge(t, found[0], [], day_after, list(t.lead))
    assert judged.days_overdue == 1


def test_the_issue_example_is_four_months_late_on_30_june() -> None:
    # "Trước ngày 28/02/2025" as of 30/6/2025: March 31 + April 30 + May 31 + June 30 = 122 days
    d = deliverables(DATE_28_02, {}, SETTINGS, HORIZON, D(2025, 6, 30))[0]
    judged = _judge(DATE_28_02, d, [], D(2025, 6, 30), ["so-gddt"])
    assert (judged.status, judged.days_overdue) == ("overdue", 122)


@pytest.mark.parametrize(
    ("quarter", "due_day"),
    [(1, D(2025, 3, 31)), (2, D(2025, 6, 30)), (3, D(2025, 9, 30)), (4, D(2025, 12, 31))],
)
def test_a_quarter_is_due_on_its_last_day(quarter: int, due_day: dt.date) -> None:
    t = kinded("quarter", f"Quý {quarter}/2025", year=2025, quarter=quarter)
    found = deliverables(t, {}, SETTINGS, HORIZON, D(2024, 1, 1))
    assert rows(found) == [("", 2025, None, due_day, False, False)]


@pytest.mark.parametrize(("half", "due_day"), [(1, D(2026, 6, 30)), (2, D(2026, 12, 31))])
def test_a_half_year_is_due_on_its_last_day(half: int, due_day: dt.date) -> None:
    t = kinded("half_year", "6 tháng năm 2026", year=2026, half=half)
    found = deliverables(t, {}, SETTINGS, HORIZON, D(2030, 1, 1))
    assert rows(found) == [("", 2026, None, due_day, False, False)]


@pytest.mark.parametrize(
    ("t", "as_of", "expected"),
    [
        # one deliverable whatever the as-of date; no year (it is not keyed by one)
        (DATE_28_02, D(2024, 1, 1), [("", None, None, D(2025, 2, 28), False, False)]),
        (DATE_28_02, D(2031, 1, 1), [("", None, None, D(2025, 2, 28), False, False)]),
        (PERIOD, D(2025, 1, 1), [("", None, None, D(2030, 12, 31), False, False)]),
        (SCHOOL, D(2025, 9, 5), [("", None, None, D(2026, 5, 31), False, False)]),
    ],
)
def test_single_kinds_are_one_deliverable(
    t: AppendixTask, as_of: dt.date, expected: list[Row]
) -> None:
    assert rows(deliverables(t, {}, SCHOOL_SETTINGS, HORIZON, as_of)) == expected


def test_school_year_follows_the_setting() -> None:
    # the same "Năm học 2025 - 2026" ends on 15/06/2026 when the plan says school years do
    settings = Settings.model_validate(
        {
            "months_after_event": 6,
            "report_from_year": 2025,
            "school_year_end": {"day": 15, "month": 6, "reason": "test"},
        }
    )
    assert [d.due for d in deliverables(SCHOOL, {}, settings, HORIZON, D(2026, 1, 1))] == [
        D(2026, 6, 15)
    ]
    # without the setting (R309) there is nothing to judge, and no crash
    assert deliverables(SCHOOL, {}, SETTINGS, HORIZON, D(2026, 1, 1)) == []


def on_rows(month: int, day: int, *years: int) -> list[Row]:
    return [(str(y), y, None, D(y, month, day), False, False) for y in years]


@pytest.mark.parametrize(
    ("t", "horizon", "as_of", "expected"),
    [
        # before the first year: nothing yet (only the years up to the as-of year)
        (ON_15_12, 2030, D(2024, 6, 1), []),
        # one per year up to the as-of year: 15/12/2026 exists from 1/1/2026
        (ON_15_12, 2030, D(2025, 12, 31), on_rows(12, 15, 2025)),
        (ON_15_12, 2030, D(2026, 1, 1), on_rows(12, 15, 2025, 2026)),
        # the horizon ends it when until_year is not given
        (ON_15_12, 2027, D(2035, 1, 1), on_rows(12, 15, 2025, 2026, 2027)),
        # until_year ends it before the horizon (2025, 2026: two deliverables)
        (
            kinded("yearly_on", "x", day=15, month=12, from_year=2025, until_year=2026),
            2030,
            D(2035, 1, 1),
            on_rows(12, 15, 2025, 2026),
        ),
        # until_year also ends yearly_from (2026 … 2028)
        (
            kinded("yearly_from", "x", year=2026, until_year=2028),
            2030,
            D(2035, 1, 1),
            yearly_rows(2026, 2027, 2028),
        ),
    ],
)
def test_yearly_kinds_one_per_year_until_their_last_year(
    t: AppendixTask, horizon: int, as_of: dt.date, expected: list[Row]
) -> None:
    found = deliverables(t, {}, SETTINGS, horizon, as_of)
    assert rows(found) == expected
    assert [d.title for d in found] == [str(r[1]) for r in expected]


def test_yearly_on_29_february_is_28_february_in_a_common_year() -> None:
    t = kinded("yearly_on", "Trước ngày 29/02 hằng năm", day=29, month=2, from_year=2027)
    found = deliverables(t, {}, SETTINGS, HORIZON, D(2029, 1, 1))
    # 2027 common, 2028 leap, 2029 common
    assert [d.due for d in found] == [D(2027, 2, 28), D(2028, 2, 29), D(2029, 2, 28)]


@pytest.mark.parametrize(
    ("as_of", "statuses"),
    [
        # 14/12/2026: 2025's is overdue, 2026's not yet due; 16/12/2026: both overdue
        (D(2026, 12, 14), ["overdue", "not_due"]),
        (D(2026, 12, 15), ["overdue", "not_due"]),
        (D(2026, 12, 16), ["overdue", "overdue"]),
    ],
)
def test_yearly_on_each_year_at_its_own_boundary(as_of: dt.date, statuses: list[str]) -> None:
    assert status_on(ON_15_12, as_of) == statuses


UNTIL_2027 = kinded("yearly_on", "x", day=15, month=12, from_year=2025, until_year=2027)


@pytest.mark.parametrize(
    ("t", "year", "expected"),
    [
        (ON_15_12, None, (None, NEEDS_YEAR)),
        (
            ON_15_12,
            2024,
            (None, ("năm 2024 trước năm bắt đầu 2025", "year 2024 is before its first year 2025")),
        ),
        (ON_15_12, 2025, ("2025", None)),
        (UNTIL_2027, 2027, ("2027", None)),
        (
            UNTIL_2027,
            2028,
            (None, ("năm 2028 sau năm cuối 2027", "year 2028 is after its last year 2027")),
        ),
        # quarter and half_year name their year: another one is a problem
        (QUARTER_I, 2025, ("", None)),
        (
            QUARTER_I,
            2026,
            (
                None,
                (
                    "'year: 2026' khác năm hạn 2025",
                    "'year: 2026' differs from its deadline year 2025",
                ),
            ),
        ),
        (
            HALF_1,
            2024,
            (
                None,
                (
                    "'year: 2024' khác năm hạn 2025",
                    "'year: 2024' differs from its deadline year 2025",
                ),
            ),
        ),
        # date, period and school_year have one deliverable: any year names it
        (DATE_28_02, 2025, ("", None)),
        (PERIOD, 2027, ("", None)),
        (SCHOOL, 2026, ("", None)),
    ],
)
def test_deliverable_key_of_the_new_kinds(
    t: AppendixTask, year: int | None, expected: tuple[str | None, tuple[str, str] | None]
) -> None:
    assert deliverable_key(t, year, None) == expected


@pytest.mark.parametrize(
    ("t", "settings", "expected"),
    [
        (DATE_28_02, SETTINGS, D(2025, 2, 28)),
        (QUARTER_I, SETTINGS, D(2025, 3, 31)),
        (HALF_1, SETTINGS, D(2025, 6, 30)),
        (PERIOD, SETTINGS, D(2030, 12, 31)),
        (SCHOOL, SCHOOL_SETTINGS, D(2026, 5, 31)),
        (SCHOOL, SETTINGS, None),
        # yearly kinds: the last year's deliverable (the horizon 2030, or until_year)
        (ON_15_12, SETTINGS, D(2030, 12, 15)),
        (UNTIL_2027, SETTINGS, D(2027, 12, 15)),
        (task("yearly_from", year=2026), SETTINGS, D(2030, 12, 31)),
        (task("year", year=2029), SETTINGS, D(2029, 12, 31)),
        # no date without an event
        (task("ongoing"), SETTINGS, None),
        (task("event", events=(QD,)), SETTINGS, None),
    ],
)
def test_final_due_is_the_last_due_date(
    t: AppendixTask, settings: Settings, expected: dt.date | None
) -> None:
    assert final_due(t.deadline, settings, HORIZON) == expected


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        # a stray day/month on yearly_from is not read: 31/12 of each year
        (
            kinded("yearly_from", "x", year=2026, day=15, month=6),
            yearly_rows(2026, 2027),
        ),
        # yearly_on without its day or month, period without to_year, quarter without its
        # quarter, half_year without its half: no deliverable (and no crash)
        (kinded("yearly_on", "x", from_year=2026, month=6), []),
        (kinded("yearly_on", "x", from_year=2026, day=15), []),
        (kinded("yearly_on", "x", day=15, month=6), []),
        (kinded("period", "x", from_year=2025), []),
        (kinded("quarter", "x", year=2025), []),
        (kinded("half_year", "x", year=2025), []),
        (kinded("date", "x", year=2025), []),
        # a stray to_year on school_year is not read: the setting decides (31/05/2026)
        (
            kinded("school_year", "x", year=2025, to_year=2030),
            [("", None, None, D(2026, 5, 31), False, False)],
        ),
    ],
)
def test_malformed_new_kinds_follow_their_kind(t: AppendixTask, expected: list[Row]) -> None:
    assert rows(deliverables(t, {}, SCHOOL_SETTINGS, HORIZON, D(2027, 6, 1))) == expected


# -- issue 25: "Tháng 12/2025", "Quý I hằng năm", "Từ năm 2027" -----------------------------

MONTH_12 = kinded("month", "Tháng 12/2025", year=2025, month=12)
MONTH_2 = kinded("month", "Tháng 02/2028", year=2028, month=2)
QUARTER_I_EACH = kinded("quarterly_each_year", "Quý I hằng năm", quarter=1, from_year=2026)
FROM_2027 = kinded("yearly_from", "Từ năm 2027", from_year=2027)


def test_a_month_is_due_on_its_last_day_and_one_day_late_the_next() -> None:
    # the issue's example: "Tháng 12/2025" is due 31/12/2025, 1 day late on 01/01/2026
    found = deliverables(MONTH_12, {}, SETTINGS, HORIZON, D(2026, 1, 1))
    assert rows(found) == [("", 2025, None, D(2025, 12, 31), False, False)]
    assert status_on(MONTH_12, D(2025, 12, 31)) == ["not_due"]
    judged = _judge(MONTH_12, found[0], [], D(2026, 1, 1), ["so-gddt"])
    assert (judged.status, judged.days_overdue) == ("overdue", 1)
    # February of a leap year ends on the 29th
    assert deliverables(MONTH_2, {}, SETTINGS, HORIZON, D(2028, 1, 1))[0].due == D(2028, 2, 29)


def test_a_month_keys_a_report_by_its_year() -> None:
    assert deliverable_key(MONTH_12, 2025, None) == ("", None)
    assert deliverable_key(MONTH_12, 2026, None)[0] is None


def test_quarter_i_each_year_is_due_31_march_of_every_year() -> None:
    found = deliverables(QUARTER_I_EACH, {}, SETTINGS, 2028, D(2035, 1, 1))
    assert rows(found) == on_rows(3, 31, 2026, 2027, 2028)
    # the year's deliverable exists from 1 January and is overdue on 1 April
    assert status_on(QUARTER_I_EACH, D(2026, 3, 31), SETTINGS) == ["not_due"]
    assert status_on(QUARTER_I_EACH, D(2026, 4, 1), SETTINGS) == ["overdue"]
    assert final_due(QUARTER_I_EACH.deadline, SETTINGS, 2028) == D(2028, 3, 31)
    fourth = kinded("quarterly_each_year", "Quý IV hằng năm", quarter=4, from_year=2026)
    assert deliverables(fourth, {}, SETTINGS, HORIZON, D(2026, 6, 1))[0].due == D(2026, 12, 31)


def test_from_year_alone_runs_a_yearly_from_to_the_horizon() -> None:
    assert deliverables(FROM_2027, {}, SETTINGS, HORIZON, D(2026, 12, 31)) == []
    found = deliverables(FROM_2027, {}, SETTINGS, 2029, D(2035, 1, 1))
    assert rows(found) == yearly_rows(2027, 2028, 2029)
    assert deliverable_key(FROM_2027, 2026, None)[0] is None
    assert deliverable_key(FROM_2027, 2027, None) == ("2027", None)


@pytest.mark.parametrize(
    ("t", "problems"),
    [
        (MONTH_12, []),
        (QUARTER_I_EACH, []),
        (FROM_2027, []),
        (kinded("month", "x", year=2025), ["needs 'month'"]),
        (kinded("month", "x", month=5), ["needs 'year'"]),
        (kinded("month", "x", year=2025, month=5, day=3), ["must not have 'day'"]),
        (kinded("quarterly_each_year", "x", quarter=1), ["needs 'from_year'"]),
        (kinded("quarterly_each_year", "x", from_year=2026), ["needs 'quarter'"]),
        (
            kinded("yearly_from", "x", from_year=2027, until_year=2026),
            ["ends in 2026, before it starts in 2027"],
        ),
        (kinded("yearly_from", "x", year=2026, from_year=2027), ["must not have 'from_year'"]),
    ],
)
def test_the_new_kinds_shapes(t: AppendixTask, problems: list[str]) -> None:
    from kh284.validate.checks.references import deadline_problems

    assert [en for _, en in deadline_problems(t.deadline, SETTINGS)] == problems
