"""The fixed status vocabularies of targets and tasks, with labels in both languages.

Task labels follow the categories of Vietnamese government task tracking (QĐ 42/2014/QĐ-TTg
as amended): hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành trong hạn, quá hạn.
"""

from __future__ import annotations

from typing import Literal

TargetStatus = Literal[
    "achieved",
    "on_track",
    "needs_acceleration",
    "stagnating",
    "not_maintained",
    "missed",
    "no_data",
]
TaskStatus = Literal[
    "done_on_time",
    "done_late",
    "in_progress",
    "overdue",
    "not_due",
    "waiting_for_event",
    "ongoing",
]

TARGET_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("Đã đạt", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "needs_acceleration": ("Cần đẩy nhanh", "Needs acceleration"),
    "stagnating": ("Chững lại/đi lùi", "Stagnating"),
    "not_maintained": ("Không duy trì", "Not maintained"),
    "missed": ("Không đạt", "Missed"),
    "no_data": ("Chưa có số liệu", "No data"),
}
TASK_LABELS: dict[str, tuple[str, str]] = {
    "done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Hoàn thành quá hạn", "Done late"),
    "in_progress": ("Đang thực hiện trong hạn", "In progress, within deadline"),
    "overdue": ("Quá hạn", "Overdue"),
    "not_due": ("Chưa đến hạn", "Not yet due"),
    "waiting_for_event": ("Chờ sự kiện", "Waiting for event"),
    "ongoing": ("Thường xuyên", "Ongoing"),
}
#: The diagnostic code each target status produces (None: no finding).
TARGET_CODES: dict[str, str | None] = {
    "achieved": None,
    "on_track": None,
    "needs_acceleration": "T604",
    "stagnating": "T603",
    "not_maintained": "T602",
    "missed": "T601",
    "no_data": "T605",
}


def label(labels: dict[str, tuple[str, str]], status: str, lang: str) -> str:
    """The label of ``status`` in ``lang``."""
    vi, en = labels[status]
    return vi if lang == "vi" else en
