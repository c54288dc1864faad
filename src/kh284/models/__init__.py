"""Pydantic models, one module per kind of data file.

Every model forbids unknown keys and is frozen: a data file either matches the schema
exactly or produces diagnostics.  The ``FILE_MODELS`` registry maps each kind of data file
to the model of its whole document.
"""

from kh284.models.events import EventsFile
from kh284.models.plan import PlanFile
from kh284.models.progress import ProgressReport
from kh284.models.targets import TargetsFile
from kh284.models.units import UnitsFile

__all__ = ["EventsFile", "PlanFile", "ProgressReport", "TargetsFile", "UnitsFile"]
