"""Model of ``plan.yaml``: the plan's identity, legal bases, sections and appendix tasks.

Sections nest (``III`` → ``III.2`` → ``III.2.2`` → bullet ``III.2.2-1``); each carries its
verbatim Vietnamese text and the units responsible.  Appendix tasks carry their deadline
as typed data next to the original wording (the kinds: ``kh284.validate.deadlines``), may
be grouped under headings with numbering restarting in each group, and may name the body
items they repeat (``body``).
"""

from __future__ import annotations

import calendar
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, Strict, model_validator
from pydantic_core import PydanticCustomError

from kh284.validate.models.common import Date, Id, Model, SectionId, TaskId, Text, Year

DeadlineKind = Literal[
    "year",
    "yearly_from",
    "ongoing",
    "event",
    "date",
    "quarter",
    "half_year",
    "yearly_on",
    "period",
    "school_year",
    "month",
    "quarterly_each_year",
]


class LegalBasis(Model):
    """A document the plan is based on ("Căn cứ ...")."""

    model_config = ConfigDict(
        json_schema_extra={  # the schema's form of ``_named``
            "anyOf": [
                {"required": ["number"], "properties": {"number": {"type": "string"}}},
                {"required": ["name"], "properties": {"name": {"type": "string"}}},
            ]
        }
    )

    id: Id
    kind: Text = Field(description="Kết luận, Nghị quyết, Kế hoạch, ...")
    number: Text | None = Field(
        default=None,
        description="Document number as written, e.g. 91-KL/TW; absent for a document "
        "cited by name and date only (a law): then `name` names it.",
    )
    name: Text | None = Field(
        default=None, description='Its name when it has no number ("Luật Nhà giáo").'
    )
    date: Date | None = None
    issuer: Text
    text: Text = Field(description="The preamble paragraph, verbatim.")

    @model_validator(mode="after")
    def _named(self) -> LegalBasis:
        if not self.number and not self.name:
            raise PydanticCustomError("kh284_unnamed_document", "neither number nor name")
        return self


class RelatedDocument(Model):
    """A document listed alongside the plan text (the 'related documents' list)."""

    number: int
    title: Text
    document_number: Text | None = None


class Section(Model):
    """A section, numbered item or bullet of the plan body."""

    id: SectionId
    title: Text | None = Field(default=None, description="Heading as published.")
    text: Text | None = Field(default=None, description="Body text as published.")
    responsible: list[Id] = Field(default_factory=list)
    lead: list[Id] = Field(
        default_factory=list,
        description="Units the text puts in the lead when they are not the responsible "
        "units ('Phối hợp với Sở X ...': Sở X leads); default: the responsible units.",
    )
    items: list[Section] = Field(default_factory=list)


class Deadline(Model):
    """When an appendix task is due, typed, with the wording it was read from."""

    text: Text = Field(description="The 'Thời gian' cell, verbatim.")
    kind: DeadlineKind
    year: Year | None = Field(
        default=None,
        description="year, yearly_from (first year), quarter, half_year, month: the year; "
        "school_year: the year it starts.",
    )
    events: list[Id] = Field(default_factory=list)
    months_after_event: int | None = Field(
        default=None, ge=0, le=120, description="Overrides settings.months_after_event."
    )
    date: Date | None = Field(default=None, description="date: the day it is due by.")
    quarter: int | None = Field(
        default=None, ge=1, le=4, description="quarter, quarterly_each_year: 1 to 4."
    )
    half: int | None = Field(default=None, ge=1, le=2, description="half_year: 1 or 2.")
    day: int | None = Field(default=None, ge=1, le=31, description="yearly_on: day of month.")
    month: int | None = Field(
        default=None, ge=1, le=12, description="yearly_on, month: the month (1 to 12)."
    )
    from_year: Year | None = Field(
        default=None,
        description="yearly_on, quarterly_each_year, period: the first year; yearly_from: "
        "the first year, in place of `year` ('Từ năm 2027').",
    )
    to_year: Year | None = Field(default=None, description="period: the last year.")
    until_year: Year | None = Field(
        default=None,
        description="yearly_from, yearly_on, quarterly_each_year: the last year (default: "
        "the plan's horizon).",
    )


class AppendixTask(Model):
    """One row of the appendix."""

    id: TaskId
    number: int = Field(ge=1)
    text: Text
    lead: list[Id]
    lead_text: Text
    coordinating: list[Id] = Field(default_factory=list)
    coordinating_text: Text
    deadline: Deadline
    group: Text | None = Field(
        default=None,
        description="The heading the row is listed under; numbering restarts at 1 in each group.",
    )
    body: list[SectionId] = Field(
        default_factory=list,
        description="The body items (sections or bullets) this row repeats.",
    )


class Appendix(Model):
    """The appendix table of tasks."""

    title: Text
    subtitle: Text | None = None
    tasks: list[AppendixTask]


class Erratum(Model):
    """A slip in the published text, kept as published and flagged by a check."""

    where: Text = Field(description="A section or task id.")
    text: Text = Field(description="The text as published.")
    should_be: Text
    note: Text | None = None


class IssuingBody(Model):
    """How a unit heads the documents it issues (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""

    unit: Id
    superior: Id | None = Field(
        default=None,
        description="The unit named on the line above the body's own name in its documents' "
        "heading; null for none (a ministry, a provincial People's Committee). Absent: the "
        "plan's issuer, or its successor, for any body but the issuer itself.",
    )
    place: Text | None = Field(
        default=None,
        description="Place name of the place-and-date line of its documents, e.g. the "
        "province of a provincial body; a body without one takes its superior's.",
    )
    code: Text | None = Field(
        default=None, description="Abbreviation of its name in document numbers (SGDĐT)."
    )
    source: Text | None = None


class DayOfYear(Model):
    """A day and month that recurs every year (``{day: 31, month: 1}`` is 31 January)."""

    model_config = ConfigDict(
        json_schema_extra={  # the schema's form of ``_exists``
            "allOf": [
                {
                    "if": {"properties": {"month": {"const": 2}}, "required": ["month"]},
                    "then": {"properties": {"day": {"maximum": 28}}},
                },
                {
                    "if": {"properties": {"month": {"enum": [4, 6, 9, 11]}}, "required": ["month"]},
                    "then": {"properties": {"day": {"maximum": 30}}},
                },
            ]
        }
    )

    day: int = Field(ge=1, le=31)
    month: int = Field(ge=1, le=12)

    @model_validator(mode="after")
    def _exists(self) -> DayOfYear:
        # 29 February does not come every year, so it cannot be a yearly due day
        if self.day > calendar.monthrange(2025, self.month)[1]:
            raise PydanticCustomError(
                "kh284_bad_date",
                "not a valid date: {reason_en}",
                {
                    "value": f"{self.day:02d}/{self.month:02d}",
                    "reason_vi": f"tháng {self.month} không phải năm nào cũng có ngày {self.day}",
                    "reason_en": f"month {self.month} does not have a day {self.day} every year",
                },
            )
        return self


class ReportingCalendar(Model):
    """When each year's figures and task reports are due (an assumption the data states)."""

    figures_due: DayOfYear = Field(
        description="The figures of year Y are due on this day of year Y + years_later."
    )
    task_reports_due: DayOfYear = Field(
        description="The report on a yearly or ongoing task for year Y is due on this day of "
        "year Y + years_later."
    )
    years_later: int = Field(default=1, ge=0, le=2)
    reason: Text = Field(description="Why these days: the plan's words, or the assumption.")


class UnitPlans(Model):
    """Units that must issue their own implementation plan (IV.1), and by when."""

    clause: SectionId = Field(description="The plan section that asks for them.")
    units: list[Id]
    due: Date
    reason: Text = Field(description="Why this due date: the plan's words, or the assumption.")


class SchoolYearEnd(DayOfYear):
    """The day a school year ends, in the calendar year after it starts, with the reason."""

    reason: Text = Field(description="Where the date comes from.")


class Settings(Model):
    """Settings of the plan that are not written in it but that evaluation needs."""

    months_after_event: int = Field(
        ge=0, le=120, description="Default months between an event and the task's due date."
    )
    report_from_year: Year = Field(description="First year progress is expected.")
    province_area: Id | None = Field(
        default=None,
        description="Area a figure describes when it names none; default: the only "
        "country-level area in units.yaml (a national plan), else the only province-level one.",
    )
    issuing_bodies: list[IssuingBody] = Field(
        default_factory=list,
        description="Place and abbreviation of the bodies that issue the reports (the Word "
        "draft's heading); without an entry the place is the plan's own.",
    )
    reporting: ReportingCalendar | None = Field(
        default=None, description="When the yearly figures and task reports are due."
    )
    unit_plans: UnitPlans | None = Field(
        default=None, description="The units' own implementation plans (a one-off each)."
    )
    school_year_end: SchoolYearEnd | None = Field(
        default=None, description="When a school year ends; needed by school_year deadlines."
    )


class PlanFile(Model):
    """The whole ``plan.yaml`` document."""

    format: Annotated[int, Strict(), Field(ge=1)] | None = Field(
        default=None,
        description="The data format the directory is written in (1 without it); "
        "`kh284 migrate` rewrites an older one.",
    )
    number: Text
    kind: Text = Field(
        description="The plan's type as written, spelled as legal bases spell theirs: \"Kế "
        'hoạch", "Nghị quyết", "Chương trình hành động", "Quyết định" …; its name is '
        '"<kind> số <number>".'
    )
    kind_en: Text | None = Field(
        default=None, description="The type in English; default: the vocabulary's word for it."
    )
    issuer: Id
    place: Text
    date: Date
    title: Text
    horizon_year: Year
    implements: Text = Field(description="The central document the plan implements.")
    legal_bases: list[LegalBasis]
    preamble: Text
    related_documents: list[RelatedDocument] = Field(default_factory=list)
    sections: list[Section]
    closing: Text | None = None
    signature: Text | None = None
    appendix: Appendix
    errata: list[Erratum] = Field(default_factory=list)
    settings: Settings
