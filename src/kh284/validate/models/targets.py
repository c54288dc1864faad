"""Model of ``targets.yaml``: the plan's numeric targets and how each is judged.

A target compares the figures reported for its *measure* (by default its own id) with a
value, using a comparator that mirrors the plan's wording: ``at_least`` ("đạt", "từ ... trở
lên", "tối thiểu"), ``above`` ("trên"), ``approximately`` ("khoảng", with a tolerance),
``equal``, ``at_most`` and ``below``.  ``every_year`` marks "duy trì" targets that must hold
in each reported year.  A ``count_of_areas`` scope counts the areas of a level whose own
figure meets ``area_comparator``/``area_value`` ("5/8 huyện đạt mức độ 2").
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from kh284.validate.models.common import Id, Model, NonNegative, Number, SectionId, Text, Year

Comparator = Literal["at_least", "above", "approximately", "equal", "at_most", "below"]
Direction = Literal["increase", "decrease"]
MeasureUnit = Literal["percent", "level", "count", "number"]


class Scope(Model):
    """Which area the target is about, or which areas it counts."""

    kind: Literal["area", "count_of_areas"]
    area: Id = Field(description="The area, or for a count the area whose parts are counted.")
    level: Literal["district", "commune"] | None = Field(
        default=None, description="For a count: the level of the areas counted."
    )
    area_comparator: Comparator | None = None
    area_value: Number | None = None

    @model_validator(mode="after")
    def _count_fields(self) -> Scope:
        needed = (self.level, self.area_comparator, self.area_value)
        if self.kind == "count_of_areas" and None in needed:
            raise PydanticCustomError("kh284_count_scope", "incomplete count_of_areas scope")
        if self.kind == "area" and any(v is not None for v in needed):
            raise PydanticCustomError("kh284_count_scope", "count fields on an area scope")
        return self


class Target(Model):
    """One numeric target."""

    id: Id
    name: Text = Field(description="Short Vietnamese name of the indicator.")
    name_en: Text
    group: Text = Field(description="Heading the target is listed under.")
    clause: SectionId = Field(description="The plan section it comes from.")
    text: Text = Field(description="The plan's words for this target, verbatim.")
    measure: Id | None = Field(
        default=None, description="Series the figures are reported under; default: the id."
    )
    unit: MeasureUnit
    comparator: Comparator
    value: Number
    tolerance: NonNegative | None = None
    due_year: Year
    every_year: bool = Field(default=False, description="'duy trì': must hold every year.")
    from_year: Year | None = Field(default=None, description="First year an every_year applies.")
    direction: Direction
    aspirational: bool = Field(default=False, description="'phấn đấu' in the plan's words.")
    scope: Scope
    interpretation: Text | None = None
    reporting_unit: Id | list[Id] | None = Field(
        default=None, description="The unit (or units) that reports this target's figures."
    )

    @model_validator(mode="after")
    def _tolerance(self) -> Target:
        if (self.comparator == "approximately") != (self.tolerance is not None):
            raise PydanticCustomError("kh284_tolerance", "tolerance goes with approximately")
        if self.unit == "percent" and not 0 <= self.value <= 100:
            raise PydanticCustomError("kh284_percent_range", "percentage outside 0-100")
        return self

    @property
    def measure_id(self) -> str:
        """The series this target reads figures from."""
        return self.measure or self.id

    @property
    def reporting_units(self) -> list[str]:
        """The units that report this target's figures (none when the data names none)."""
        if self.reporting_unit is None:
            return []
        if isinstance(self.reporting_unit, str):
            return [self.reporting_unit]
        return list(self.reporting_unit)


class TargetGroup(Model):
    """The English name of a heading targets are listed under (their ``group``)."""

    name: Text = Field(description="The heading as the targets' `group` writes it.")
    name_en: Text


class TargetsFile(Model):
    """The whole ``targets.yaml`` document."""

    targets: list[Target]
    groups: list[TargetGroup] = Field(
        default_factory=list, description="English names of the targets' groups."
    )
