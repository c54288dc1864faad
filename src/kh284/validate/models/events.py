"""Model of ``events.yaml``: dated events (laws passed, approvals) that start deadlines.

An event with no ``date`` has not happened yet; tasks waiting for it are
``waiting_for_event``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kh284.validate.models.common import Date, Id, Model, Text

#: What happened: a law passed (by the National Assembly), a resolution adopted (of the
#: National Assembly, the Government, a People's Council), a decree issued (by the
#: Government), a decision issued (by the Prime Minister, a minister, a People's Committee),
#: an approval (of a scheme, a programme), or something else.
EventKind = Literal[
    "law_passed", "resolution_adopted", "decree_issued", "decision_issued", "approval", "other"
]


class Event(Model):
    """One event that can start a deadline."""

    id: Id
    name: Text
    short_name: Text | None = Field(
        default=None,
        description='A short name for tables ("Luật GDĐH sửa đổi"); the name when absent.',
    )
    kind: EventKind
    number: Text | None = Field(
        default=None, description="Document number, if any; without one, `name` names it."
    )
    date: Date | None = Field(default=None, description="When it happened; empty if pending.")
    effective: Date | None = None
    source: Text
    note: Text | None = None


class EventsFile(Model):
    """The whole ``events.yaml`` document."""

    events: list[Event]
