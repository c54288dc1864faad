"""Model of a progress report under ``progress/``: one unit's figures and task statuses.

``period`` is the year the figures describe; a school year written ``2024-2025`` counts as
its second year.  ``target`` names a target (any target sharing a measure feeds the same
series).  Task entries say ``not_started``, ``in_progress`` or ``done``; ``done`` needs a
completion date and evidence.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kh284.validate.dates import SCHOOL_YEAR_SEPARATOR, school_year_pattern
from kh284.validate.models.common import (
    Date,
    Id,
    Model,
    NonNegative,
    Number,
    Positive,
    TaskId,
    Text,
    Year,
)

TaskState = Literal["not_started", "in_progress", "done"]
_SCHOOL_YEAR = re.compile(rf"^\s*([0-9]{{4}}){SCHOOL_YEAR_SEPARATOR}([0-9]{{4}})\s*$")  # ASCII
#: What ``period`` may be written as: a year, or a school year such as ``2024-2025``.
PeriodInput = (
    Year | Annotated[str, WithJsonSchema({"type": "string", "pattern": school_year_pattern()})]
)


class IndicatorFigure(Model):
    """One reported figure."""

    target: Id
    value: Number
    area: Id | None = Field(default=None, description="Default: the plan's province area.")
    numerator: NonNegative | None = None
    denominator: Positive | None = None
    note: Text | None = None


class TaskReport(Model):
    """The state of one appendix task (one deliverable of it)."""

    task: TaskId
    status: TaskState
    completed_on: Date | None = None
    evidence: Text | None = None
    year: Year | None = Field(default=None, description="Which year's deliverable.")
    event: Id | None = Field(default=None, description="Which event's deliverable.")
    note: Text | None = None


class UnitPlanEvidence(Model):
    """The unit's own implementation plan (IV.1): the document's number and date."""

    number: Text = Field(description="Document number as written, e.g. 45/KH-SGDĐT.")
    date: Date = Field(description="The date the document was issued.")
    note: Text | None = None


class ProgressReport(Model):
    """The whole document of one progress report file."""

    model_config = ConfigDict(
        json_schema_extra={  # the schema's form of ``_needs_something``
            "anyOf": [
                {"required": ["indicators"], "properties": {"indicators": {"minItems": 1}}},
                {"required": ["tasks"], "properties": {"tasks": {"minItems": 1}}},
                {"required": ["unit_plan"], "properties": {"unit_plan": {"type": "object"}}},
            ]
        }
    )

    unit: Id
    period: Year
    reported_on: Date
    document: Text | None = None
    source: Text | None = Field(default=None, description="Where the figures were published.")
    indicators: list[IndicatorFigure] = Field(default_factory=list)
    tasks: list[TaskReport] = Field(default_factory=list)
    note: Text | None = None
    unit_plan: UnitPlanEvidence | None = Field(
        default=None, description="The unit's own implementation plan, once issued."
    )

    @field_validator("period", mode="before", json_schema_input_type=PeriodInput)
    @classmethod
    def _school_year(cls, value: object) -> object:
        if isinstance(value, str):
            match = _SCHOOL_YEAR.match(value)
            if not match:
                raise PydanticCustomError(
                    "kh284_bad_period", "period '{value}' is not a year", {"value": value}
                )
            first, second = int(match.group(1)), int(match.group(2))
            if second != first + 1:
                raise PydanticCustomError(
                    "kh284_bad_period",
                    "school year '{value}' must span two consecutive years",
                    {"value": value},
                )
            return second
        return value

    @model_validator(mode="after")
    def _needs_something(self) -> ProgressReport:
        if not self.indicators and not self.tasks and self.unit_plan is None:
            raise PydanticCustomError("kh284_empty_report", "no indicators and no tasks")
        return self
