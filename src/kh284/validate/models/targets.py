"""Model of ``targets.yaml``: the plan's numeric targets and how each is judged.

A target compares the figures reported for its *measure* (by default its own id) with a
value, using a comparator that mirrors the plan's wording: ``at_least`` ("đạt", "từ ... trở
lên", "tối thiểu"), ``above`` ("trên"), ``approximately`` ("khoảng", with a tolerance),
``equal``, ``at_most`` and ``below``.  ``every_year`` marks "duy trì" targets that must hold
in each reported year.  A ``count_of_areas`` scope counts the areas of a level whose own
figure meets ``area_comparator``/``area_value`` ("5/8 huyện đạt mức độ 2").

The other forms: ``between`` with ``upper`` for a range ("30 – 35 %": value 30, upper 35);
``scale`` for the levels a figure may take (required for ``unit: level`` and for a count of
areas, whose own figures are levels; a yes/no target is a level on a scale of 0–1);
``accumulate`` for counts summed over a period ("xây mới 200 phòng học giai đoạn
2025–2030": each year's figure is what was added that year, judged on the sum from
``from_year``); ``breakdown`` for the same indicator for part of the population, a school
level or an area, linked to its ``parent`` target and judged on its own goal.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, Strict, model_validator
from pydantic_core import PydanticCustomError

from kh284.validate.models.common import Id, Model, NonNegative, Number, SectionId, Text, Year
from kh284.validate.models.units import CountedLevel

AreaComparator = Literal["at_least", "above", "approximately", "equal", "at_most", "below"]
Comparator = Literal[AreaComparator, "between"]
Direction = Literal["increase", "decrease"]
MeasureUnit = Literal["percent", "level", "count", "number"]
Level = Annotated[int, Strict(), Field(ge=0)]


def _if(condition: dict[str, Any], then: dict[str, Any], otherwise: dict[str, Any]) -> Any:
    """A JSON Schema rule between fields: ``then`` when ``condition`` holds, else ``otherwise``."""
    return {"if": condition, "then": then, "else": otherwise}


def _is(field: str, value: Any) -> dict[str, Any]:
    """The JSON Schema condition "``field`` is there and equals ``value``"."""
    return {"required": [field], "properties": {field: {"const": value}}}


def _present(*fields: str) -> dict[str, Any]:
    """The JSON Schema condition "each of ``fields`` is there and not null"."""
    return {"required": list(fields), "properties": {f: {"not": {"type": "null"}} for f in fields}}


def _absent(*fields: str) -> dict[str, Any]:
    """The JSON Schema condition "none of ``fields`` is there, or each is null"."""
    return {"properties": {f: {"type": "null"} for f in fields}}


_COUNT_FIELDS = ("level", "area_comparator", "area_value")
_SCOPE_RULE = _if(_is("kind", "count_of_areas"), _present(*_COUNT_FIELDS), _absent(*_COUNT_FIELDS))


class Scope(Model):
    """Which area the target is about, or which areas it counts."""

    #: The schema's form of ``_count_fields``.
    model_config = ConfigDict(json_schema_extra={"allOf": [_SCOPE_RULE]})

    kind: Literal["area", "count_of_areas"]
    area: Id = Field(description="The area, or for a count the area whose parts are counted.")
    level: CountedLevel | None = Field(
        default=None,
        description="For a count: the level of the areas counted, any below the area's own "
        "(province under the country, district or commune under a province).",
    )
    area_comparator: AreaComparator | None = None
    area_value: Number | None = None

    @model_validator(mode="after")
    def _count_fields(self) -> Scope:
        needed = (self.level, self.area_comparator, self.area_value)
        if self.kind == "count_of_areas" and None in needed:
            raise PydanticCustomError("kh284_count_scope", "incomplete count_of_areas scope")
        if self.kind == "area" and any(v is not None for v in needed):
            raise PydanticCustomError("kh284_count_scope", "count fields on an area scope")
        return self


class Scale(Model):
    """The levels a figure may take: the whole numbers from ``min`` to ``max``."""

    min: Level = Field(description="The lowest level (often 0: not recognised).")
    max: Level = Field(description="The highest level.")

    @model_validator(mode="after")
    def _order(self) -> Scale:
        if self.min >= self.max:
            raise PydanticCustomError("kh284_scale", "scale min not below max")
        return self

    def holds(self, value: float) -> bool:
        """True when ``value`` is one of the scale's levels."""
        return value == int(value) and self.min <= value <= self.max


class Breakdown(Model):
    """The part of the parent target's indicator a breakdown is about."""

    parent: Id = Field(description="The target this one breaks down.")
    by: Literal["population", "school_level", "area"] = Field(
        description="What the indicator is broken down by."
    )
    group: Text = Field(description="The part, in Vietnamese (e.g. học sinh dân tộc thiểu số).")
    group_en: Text


_PERCENT = {"minimum": 0, "maximum": 100}  # on numbers only: null stays allowed
_LEVELS = {
    "anyOf": [
        _is("unit", "level"),
        {"required": ["scope"], "properties": {"scope": _is("kind", "count_of_areas")}},
    ]
}
_ACCUMULATED = {
    "required": ["from_year"],
    "properties": {
        "from_year": {"not": {"type": "null"}},
        "every_year": {"const": False},
        "unit": {"enum": ["count", "number"]},
        "scope": {"properties": {"kind": {"const": "area"}}},
    },
}
_TARGET_RULES = [
    _if(_is("comparator", "approximately"), _present("tolerance"), _absent("tolerance")),
    _if(_is("comparator", "between"), _present("upper"), _absent("upper")),
    _if(_is("unit", "percent"), {"properties": {"value": _PERCENT, "upper": _PERCENT}}, {}),
    _if(_LEVELS, _present("scale"), _absent("scale")),
    _if(_is("accumulate", True), _ACCUMULATED, {}),
    _if(_is("no_decrease", True), _is("every_year", True), {}),
    _if(_present("no_decrease_in"), _is("no_decrease", True), {}),
]


class Target(Model):
    """One numeric target."""

    #: The schema's form of the rules below, as far as JSON Schema goes.
    model_config = ConfigDict(json_schema_extra={"allOf": _TARGET_RULES})

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
    upper: Number | None = Field(
        default=None, description="For between: the upper end of the range (value is the lower)."
    )
    scale: Scale | None = Field(
        default=None,
        description="The levels figures may take: for unit level and for a count of areas.",
    )
    accumulate: bool = Field(
        default=False,
        description="Yearly figures are added from from_year; the sum is judged.",
    )
    breakdown: Breakdown | None = Field(
        default=None, description="The part of another target's indicator this one is about."
    )
    no_decrease: bool = Field(
        default=False,
        description="'duy trì vững chắc': with every_year, the figure may not fall from one "
        "year to the next.",
    )
    no_decrease_in: CountedLevel | None = Field(
        default=None,
        description="With no_decrease: the figure of each area of this level within the scope "
        "may not fall either.",
    )

    @model_validator(mode="after")
    def _tolerance(self) -> Target:
        if (self.comparator == "approximately") != (self.tolerance is not None):
            raise PydanticCustomError("kh284_tolerance", "tolerance goes with approximately")
        ends = [self.value] if self.upper is None else [self.value, self.upper]
        if self.unit == "percent" and not all(0 <= v <= 100 for v in ends):
            raise PydanticCustomError("kh284_percent_range", "percentage outside 0-100")
        return self

    @model_validator(mode="after")
    def _range(self) -> Target:
        if (self.comparator == "between") != (self.upper is not None):
            raise PydanticCustomError("kh284_range", "upper goes with between")
        if self.upper is not None and self.upper <= self.value:
            raise PydanticCustomError("kh284_range", "upper not above value")
        return self

    @model_validator(mode="after")
    def _scale(self) -> Target:
        levels = self.unit == "level" or self.scope.kind == "count_of_areas"
        if levels != (self.scale is not None):
            raise PydanticCustomError("kh284_scale", "scale goes with levels")
        if self.scale is not None:
            if self.unit == "level":
                ends = [self.value] if self.upper is None else [self.value, self.upper]
            else:
                ends = [self.scope.area_value or 0.0]
            if not all(self.scale.holds(v) for v in ends):
                raise PydanticCustomError("kh284_scale", "level outside its scale")
        return self

    @model_validator(mode="after")
    def _accumulate(self) -> Target:
        if self.accumulate and (
            self.from_year is None
            or self.every_year
            or self.unit not in ("count", "number")
            or self.scope.kind != "area"
            or self.from_year > self.due_year
        ):
            raise PydanticCustomError("kh284_accumulate", "accumulate needs a period of counts")
        return self

    @model_validator(mode="after")
    def _no_decrease(self) -> Target:
        if (self.no_decrease and not self.every_year) or (
            self.no_decrease_in is not None and not self.no_decrease
        ):
            raise PydanticCustomError("kh284_no_decrease", "no_decrease needs every_year")
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

    @property
    def goal(self) -> float:
        """The value progress is measured towards: for a range, its end nearest the start."""
        if self.upper is not None and self.direction == "decrease":
            return self.upper
        return self.value

    @property
    def levels(self) -> tuple[int, int] | None:
        """The lowest and highest level a reported figure may take, for level figures."""
        return None if self.scale is None else (self.scale.min, self.scale.max)


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
