"""Deadline kinds and the deliverables they create, as of a date.

Every deadline keeps the plan's own wording (``text``); tables show it next to the due date
computed here.  The meaning of each kind (shared with ``docs/DATA-FORMAT.md``):

- ``year``: one deliverable, due by 31 December of that year (inclusive).
- ``yearly_from``: one deliverable per year from ``year`` to ``until_year`` (default: the
  plan's horizon year), each due by 31 December of its year; only years up to the as-of
  year are listed.
- ``yearly_on``: like ``yearly_from`` from ``from_year``, each due by ``day``/``month`` of
  its year ("Trước ngày 15/12 hằng năm"); 29/02 is 28/02 in a common year.
- ``date``: one deliverable, due by ``date`` ("Trước ngày 28/02/2025").
- ``quarter``: one deliverable, due by the last day of quarter ``quarter`` of ``year``
  (31/3, 30/6, 30/9, 31/12).
- ``half_year``: one deliverable, due by 30/6 (``half: 1``) or 31/12 (``half: 2``) of
  ``year``.
- ``period``: one deliverable, due by 31 December of ``to_year`` ("Giai đoạn 2025 - 2030").
- ``school_year``: one deliverable, due on the plan's ``settings.school_year_end`` in the
  year after ``year`` ("Năm học 2025 - 2026" ends on 31/05/2026 when the setting says
  31/05); without that setting (an error, R309) it has no deliverable.
- ``month``: one deliverable, due by the last day of ``month`` of ``year`` ("Tháng
  12/2025" is due by 31/12/2025).
- ``quarterly_each_year``: like ``yearly_from`` from ``from_year``, each due by the last day
  of quarter ``quarter`` of its year ("Quý I hằng năm": 31/3 of every year).
- ``yearly_from`` may give its first year as ``from_year`` instead of ``year`` ("Từ năm
  2027"): without ``until_year`` it runs to the plan's horizon year.
- ``ongoing``: one standing deliverable that is never overdue.
- ``event``: one deliverable per event; while the event has no date (or its date is after
  the as-of date) it waits; once it happened, it is due ``months_after_event`` months
  after the event (the task's own setting, else the plan's default).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from kh284.i18n import both
from kh284.validate.models.events import Event
from kh284.validate.models.plan import AppendixTask, Deadline, Settings

#: The kinds with one deliverable per year (keyed and titled by the year).
YEARLY_KINDS = ("yearly_from", "yearly_on", "quarterly_each_year")
#: The kinds with one deliverable within one year (``year``): a report on it names that year.
ONE_YEAR_KINDS = ("year", "quarter", "half_year", "month")


@dataclass(frozen=True)
class Deliverable:
    """One thing a task must deliver, with its due date when it has one."""

    task_id: str
    key: str
    year: int | None = None
    event: str | None = None
    due: dt.date | None = None
    ongoing: bool = False
    waiting: bool = False
    #: How people name it next to the task id: the year, or the event's short name
    #: ("Luật GDĐH sửa đổi"); empty when the task has one deliverable.  ``key`` is the id.
    title: str = ""

    @property
    def label(self) -> str:
        """How the deliverable is named next to its task id ("2026", a law's name, or "")."""
        return self.title or self.key


def year_end(year: int) -> dt.date:
    """31 December of ``year``."""
    return dt.date(year, 12, 31)


def day_in(year: int, month: int, day: int) -> dt.date:
    """``day``/``month`` of ``year``, the month's last day when it is shorter (29/2 → 28/2)."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last))


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` of ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def first_year(deadline: Deadline) -> int | None:
    """The first year of a yearly kind (``year`` or ``from_year``)."""
    if deadline.kind == "yearly_from" and deadline.year is not None:
        return deadline.year
    return deadline.from_year


def year_span(deadline: Deadline, horizon_year: int) -> tuple[int, int] | None:
    """The first and last year of a yearly kind, or ``None`` without a first year (R309).

    The last is ``until_year``, else the plan's horizon year, and never before the first.
    """
    first = first_year(deadline)
    if first is None:
        return None
    return first, max(first, deadline.until_year or horizon_year)


def yearly_due(deadline: Deadline, year: int) -> dt.date | None:
    """When the deliverable of ``year`` of a yearly kind is due (``None``: no day, R309)."""
    if deadline.kind == "yearly_from":
        return year_end(year)
    if deadline.kind == "quarterly_each_year":
        return None if deadline.quarter is None else month_end(year, 3 * deadline.quarter)
    if deadline.day is None or deadline.month is None:
        return None
    return day_in(year, deadline.month, deadline.day)


def single_due(deadline: Deadline, settings: Settings) -> dt.date | None:
    """The due date of a kind with one dated deliverable, else ``None``.

    ``None`` also when a field the kind needs is missing (the references check reports
    that as R309).
    """
    kind, year = deadline.kind, deadline.year
    if kind == "year" and year is not None:
        return year_end(year)
    if kind == "date":
        return deadline.date
    if kind == "quarter" and year is not None and deadline.quarter is not None:
        return month_end(year, 3 * deadline.quarter)
    if kind == "half_year" and year is not None and deadline.half is not None:
        return month_end(year, 6 * deadline.half)
    if kind == "month" and year is not None and deadline.month is not None:
        return month_end(year, deadline.month)
    if kind == "period" and deadline.to_year is not None:
        return year_end(deadline.to_year)
    end = settings.school_year_end
    if kind == "school_year" and year is not None and end is not None:
        return day_in(year + 1, end.month, end.day)
    return None


def final_due(deadline: Deadline, settings: Settings, horizon_year: int) -> dt.date | None:
    """The last due date a deadline sets, known without events: a yearly kind's last year."""
    if deadline.kind in YEARLY_KINDS:
        span = year_span(deadline, horizon_year)
        return None if span is None else yearly_due(deadline, span[1])
    return single_due(deadline, settings)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31/1 + 1 month is 28 or 29 February)."""
    from dateutil.relativedelta import relativedelta

    result: dt.date = day + relativedelta(months=months)
    return result


def deliverables(
    task: AppendixTask,
    events: dict[str, Event],
    settings: Settings,
    horizon_year: int,
    as_of: dt.date,
) -> list[Deliverable]:
    """The deliverables of ``task`` that exist on ``as_of``."""
    deadline = task.deadline
    if deadline.kind in YEARLY_KINDS:
        span = year_span(deadline, horizon_year)
        if span is None:
            return []
        first, final = span
        if yearly_due(deadline, first) is None:  # without its day or quarter (R309)
            return []
        # only the years up to the as-of year are listed: a later year's deliverable does
        # not exist yet (a task whose first year is later has none)
        if as_of.year < first:
            return []
        last = max(first, min(as_of.year, final))
        return [
            Deliverable(task.id, str(y), year=y, due=yearly_due(deadline, y), title=str(y))
            for y in range(first, last + 1)
        ]
    if deadline.kind == "ongoing":
        return [Deliverable(task.id, "", ongoing=True)]
    if deadline.kind != "event":
        due = single_due(deadline, settings)
        if due is None:
            return []
        year = deadline.year if deadline.kind in ONE_YEAR_KINDS else None
        return [Deliverable(task.id, "", year=year, due=due)]
    months = (
        deadline.months_after_event
        if deadline.months_after_event is not None
        else settings.months_after_event
    )
    found = []
    for event_id in deadline.events:
        event = events.get(event_id)
        key = event_id if len(deadline.events) > 1 else ""
        title = "" if not key or event is None else (event.short_name or event.name)
        if event is None or event.date is None or event.date > as_of:
            found.append(Deliverable(task.id, key, event=event_id, waiting=True, title=title))
        else:
            due = add_months(event.date, months)
            found.append(Deliverable(task.id, key, event=event_id, due=due, title=title))
    return found


def deliverable_key(
    task: AppendixTask, year: int | None, event: str | None
) -> tuple[str | None, tuple[str, str] | None]:
    """Which deliverable a report entry is about, or a (vi, en) problem description."""
    deadline = task.deadline
    if deadline.kind in YEARLY_KINDS:
        if year is None:
            return None, both("plan.key_needs_year")
        first = first_year(deadline)
        if first is not None and year < first:
            return None, both("plan.key_before_first", year=year, first=first)
        if deadline.until_year is not None and year > deadline.until_year:
            return None, both("plan.key_after_last", year=year, last=deadline.until_year)
        return str(year), None
    if event is not None and event not in deadline.events:
        return None, both("plan.key_not_its_event", event=event)
    if deadline.kind == "event":
        if len(deadline.events) > 1:
            if event is None:
                return None, both("plan.key_needs_event", events=", ".join(deadline.events))
            return event, None
        return "", None
    if year is not None and deadline.kind in ONE_YEAR_KINDS and year != deadline.year:
        return None, both("plan.key_other_year", year=year, due_year=deadline.year)
    return "", None
