"""The query layer: the one model every output renders (``model``), built once (``build``).

Between the pipeline and every front end: the terminal and machine formats (``render``),
the dashboard, workbooks, Word draft and charts (``reports``) read what people are shown
from here, and work none of it out again.
"""

from kh284.views.build import build, goal_of, subject_name
from kh284.views.model import Goal, Model, OwedItem, TargetView, TaskView, UnitView

__all__ = [
    "Goal",
    "Model",
    "OwedItem",
    "TargetView",
    "TaskView",
    "UnitView",
    "build",
    "goal_of",
    "subject_name",
]
