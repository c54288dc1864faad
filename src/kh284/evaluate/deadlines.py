"""Deadline kinds and the deliverables they create, as of a date.

The meaning of each kind (shared with the README):

- ``year``: one deliverable, due by 31 December of that year (inclusive).
- ``yearly_from``: one deliverable per year from that year to the plan's horizon year,
  each due by 31 December of its year; only years up to the as-of year are listed.
- ``ongoing``: one standing deliverable that is never overdue.
- ``event``: one deliverable per event; while the event has no date (or its date is after
  the as-of date) it waits; once it happened, it is due ``months_after_event`` months
  after the event (the task's own setting, else the plan's default).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kh284.validate.models.events import Event
from kh284.validate.models.plan import AppendixTask, Settings


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
    if deadline.kind == "year" and deadline.year is not None:
        return [Deliverable(task.id, "", year=deadline.year, due=year_end(deadline.year))]
    if deadline.kind == "yearly_from" and deadline.year is not None:
        last = max(deadline.year, min(as_of.year, horizon_year))
        return [
            Deliverable(task.id, str(y), year=y, due=year_end(y))
            for y in range(deadline.year, last + 1)
        ]
    if deadline.kind == "ongoing":
        return [Deliverable(task.id, "", ongoing=True)]
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
    if deadline.kind == "yearly_from":
        if year is None:
            return None, ("cần 'year': nhiệm vụ hằng năm", "needs 'year': it is due every year")
        if deadline.year is not None and year < deadline.year:
            return None, (
                f"năm {year} trước năm bắt đầu {deadline.year}",
                f"year {year} is before its first year {deadline.year}",
            )
        return str(year), None
    if event is not None and event not in deadline.events:
        return None, (
            f"sự kiện '{event}' không phải của nhiệm vụ này",
            f"event '{event}' is not one of this task's events",
        )
    if deadline.kind == "event":
        if len(deadline.events) > 1:
            if event is None:
                return None, (
                    f"cần 'event': nhiệm vụ gắn với nhiều sự kiện ({', '.join(deadline.events)})",
                    f"needs 'event': the task has one deliverable per event "
                    f"({', '.join(deadline.events)})",
                )
            return event, None
        return "", None
    if year is not None and deadline.kind == "year" and year != deadline.year:
        return None, (
            f"'year: {year}' khác năm hạn {deadline.year}",
            f"'year: {year}' differs from its deadline year {deadline.year}",
        )
    return "", None
