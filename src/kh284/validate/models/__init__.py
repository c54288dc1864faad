"""Pydantic models, one module per kind of data file.

Every model forbids unknown keys and is frozen: a data file either matches the schema
exactly or produces diagnostics.  ``model_of`` gives the model the registry
(``kh284.load.registry``) names for each kind of data file.
"""

from pydantic import BaseModel

from kh284.load.registry import BY_KIND
from kh284.validate.models.events import EventsFile
from kh284.validate.models.plan import PlanFile
from kh284.validate.models.progress import ProgressReport
from kh284.validate.models.targets import TargetsFile
from kh284.validate.models.units import UnitsFile
from kh284.validate.models.waivers import WaiversFile

__all__ = [
    "EventsFile",
    "PlanFile",
    "ProgressReport",
    "TargetsFile",
    "UnitsFile",
    "WaiversFile",
    "model_of",
]


def model_of(kind: str) -> type[BaseModel]:
    """The model of the whole document of a kind of data file."""
    model: type[BaseModel] = globals()[BY_KIND[kind].model]
    return model
