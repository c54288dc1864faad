"""The statuses of a target and of a task: one typed enumeration each, one table of records.

Each record is everything an output shows of a status, in one place: the diagnostic code
it produces (``None``: no finding), its word in Vietnamese and in English, its shape (so it
reads printed in grey), its colour and the text colour on it, a light tint for table rows,
the terminal's style, and where it stands in the order of attention (``rank``: 0 first).
A target's record also says what kind of verdict it is: ``failing`` (it falls short),
``unknown`` (it cannot be judged yet) or ``good``.

The table's order is the order outputs list the statuses in (legends, counts); ``rank``
is the order of attention (the action page, "worst first").  ``tests/test_statuses.py``
pins every field, so swapping the code, word or order of two statuses fails a test.

Colours are the Okabe–Ito palette, safe for the common colour blindnesses: every pair of
target colours stays apart under deuteranopia (CIELAB ΔE ≥ 15, Machado 2009), the shapes
tell them apart in grey, and the ink on each colour has a contrast of at least 4.5:1
(WCAG 2).  A target's ``line`` is the colour of its chart lines: the colour itself where it
stands out on white (contrast ≥ 3:1), else a darker shade of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

#: The kinds of target verdict, in the order the headline gives them: what cannot be
#: judged yet, what falls short, what went well.
KINDS = ("unknown", "failing", "good")


class _Status(str, Enum):
    """A status: compares, hashes and prints as its plain name (``"achieved"``)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class TargetStatus(_Status):
    """The verdict on a target (``evaluate.targets``)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    STAGNATING = "stagnating"
    NOT_MAINTAINED = "not_maintained"
    MISSED = "missed"
    NO_DATA = "no_data"
    INSUFFICIENT_DATA = "insufficient_data"


class TaskStatus(_Status):
    """The status of one deliverable of a task (``evaluate.tasks``)."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    NOT_DUE = "not_due"
    WAITING_FOR_EVENT = "waiting_for_event"
    ONGOING = "ongoing"


@dataclass(frozen=True)
class Look:
    """How one status is shown, and the finding it makes."""

    code: str | None
    vi: str
    en: str
    symbol: str
    colour: str
    ink: str
    tint: str
    style: str
    rank: int
    #: ``failing``, ``unknown`` or ``good`` (targets); ``late``, ``open`` or ``done`` (tasks)
    kind: str
    #: The colour of a chart's lines and points (targets only; the colour elsewhere).
    line: str = ""

    def word(self, lang: str) -> str:
        """The status's word in ``lang``."""
        return self.vi if lang == "vi" else self.en

    @property
    def core_symbol(self) -> str:
        """Its shape as a glyph every core font has (Times New Roman: the WGL4 set).

        A formal document is set in one font (the Word draft: Times New Roman), which has
        no ``◔``, ``✕``, ``◆``, ``◇`` or ``↻``; the nearest shape it has stands in, still
        one shape per status of a table.
        """
        return CORE_SYMBOLS.get(self.symbol, self.symbol)


#: issue 22 (h22a): each shape with no glyph in Times New Roman → the nearest one it has.
CORE_SYMBOLS = {"◆": "♦", "✕": "×", "◔": "□", "◐": "◙", "◇": "◊", "↻": "∞"}


T = TargetStatus
# fmt: off
TARGET_STATUSES: dict[TargetStatus, Look] = {
    # status: code, Vietnamese, English, shape, colour, ink, tint, terminal style, rank,
    # kind, chart line
    T.ACHIEVED: Look(
        None, "Đã đạt", "Achieved", "●",
        "#009e73", "#000000", "#e0f3ed", "green", 7, "good", "#009e73",
    ),
    T.ON_TRACK: Look(
        None, "Đúng tiến độ", "On track", "▲",
        "#56b4e9", "#000000", "#e8f4fc", "green", 6, "good", "#0072b2",
    ),
    T.NEEDS_ACCELERATION: Look(
        "T604", "Cần đẩy nhanh", "Needs acceleration", "◆",
        "#e69f00", "#000000", "#fcf1dc", "yellow", 3, "failing", "#a86500",
    ),
    T.STAGNATING: Look(
        "T603", "Chững lại/đi lùi", "Stagnating", "▼",
        "#d55e00", "#000000", "#f9e5d9", "red", 2, "failing", "#d55e00",
    ),
    T.NOT_MAINTAINED: Look(
        "T602", "Không duy trì", "Not maintained", "■",
        "#cc79a7", "#000000", "#f8ecf3", "red", 1, "failing", "#cc79a7",
    ),
    T.MISSED: Look(
        "T601", "Không đạt", "Missed", "✕",
        "#7a1e00", "#ffffff", "#f5e1dc", "bold red", 0, "failing", "#7a1e00",
    ),
    T.NO_DATA: Look(
        "T605", "Chưa có số liệu", "No data", "○",
        "#dddddd", "#000000", "#f5f5f5", "dim", 5, "unknown", "#6b6f75",
    ),
    T.INSUFFICIENT_DATA: Look(
        "T606", "Chưa đủ số liệu", "Not enough data", "◔",
        "#f0e442", "#000000", "#fcfae0", "dim yellow", 4, "unknown", "#8a7d00",
    ),
}
# fmt: on
K = TaskStatus
# fmt: off
TASK_STATUSES: dict[TaskStatus, Look] = {
    # status: code, Vietnamese, English, shape, colour, ink, tint, terminal style, rank,
    # kind
    K.DONE_ON_TIME: Look(
        None, "Hoàn thành đúng hạn", "Done on time", "●",
        "#009e73", "#000000", "#e0f3ed", "green", 5, "done",
    ),
    K.DONE_LATE: Look(
        "K702", "Hoàn thành quá hạn", "Done late", "◐",
        "#e69f00", "#000000", "#fcf1dc", "dark_orange", 4, "done",
    ),
    K.IN_PROGRESS: Look(
        None, "Đang thực hiện trong hạn", "In progress, within deadline", "▲",
        "#56b4e9", "#000000", "#e8f4fc", "blue", 1, "open",
    ),
    K.OVERDUE: Look(
        "K701", "Quá hạn", "Overdue", "✕",
        "#7a1e00", "#ffffff", "#f5e1dc", "bold red", 0, "late",
    ),
    K.NOT_DUE: Look(
        None, "Chưa đến hạn", "Not yet due", "○",
        "#e8e8e8", "#000000", "#f5f5f5", "dim", 3, "open",
    ),
    K.WAITING_FOR_EVENT: Look(
        None, "Chờ sự kiện", "Waiting for event", "◇",
        "#bbbbbb", "#000000", "#f0f0f0", "dim", 6, "open",
    ),
    K.ONGOING: Look(
        None, "Thường xuyên", "Ongoing", "↻",
        "#0072b2", "#ffffff", "#dcebf5", "cyan", 2, "open",
    ),
}
# fmt: on
del T, K


def target_look(status: str) -> Look:
    """The record of a target status (given as the enumeration or its plain name)."""
    return TARGET_STATUSES[TargetStatus(status)]


def task_look(status: str) -> Look:
    """The record of a task status (given as the enumeration or its plain name)."""
    return TASK_STATUSES[TaskStatus(status)]


def by_attention(statuses: dict[TargetStatus, Look] | dict[TaskStatus, Look]) -> list[str]:
    """The statuses of a table, the one most in need of attention first."""
    return [str(s) for s, _ in sorted(statuses.items(), key=lambda item: item[1].rank)]
