"""Model of ``plan.yaml``: the plan's identity, legal bases, sections and appendix tasks.

Sections nest (``III`` → ``III.2`` → ``III.2.2`` → bullet ``III.2.2-1``); each carries its
verbatim Vietnamese text and the units responsible.  Appendix tasks carry their deadline
as typed data next to the original wording (the kinds: ``kh284.evaluate.deadlines``), may
be grouped under headings with numbering restarting in each group, and may name the body
items they repeat (``body``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

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
]


class LegalBasis(Model):
    """A document the plan is based on ("Căn cứ ...")."""

    id: Id
    kind: Text = Field(description="Kết luận, Nghị quyết, Kế hoạch, ...")
    number: Text = Field(description="Document number as written, e.g. 91-KL/TW.")
    date: Date | None = None
    issuer: Text
    text: Text = Field(description="The preamble paragraph, verbatim.")


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
        description="year, yearly_from (first year), quarter, half_year: the year; "
        "school_year: the year it starts.",
    )
    events: list[Id] = Field(default_factory=list)
    months_after_event: int | None = Field(
        default=None, ge=0, le=120, description="Overrides settings.months_after_event."
    )
    date: Date | None = Field(default=None, description="date: the day it is due by.")
    quarter: int | None = Field(default=None, ge=1, le=4, description="quarter: 1 to 4.")
    half: int | None = Field(default=None, ge=1, le=2, description="half_year: 1 or 2.")
    day: int | None = Field(default=None, ge=1, le=31, description="yearly_on: day of month.")
    month: int | None = Field(default=None, ge=1, le=12, description="yearly_on: month.")
    from_year: Year | None = Field(default=None, description="yearly_on, period: the first year.")
    to_year: Year | None = Field(default=None, description="period: the last year.")
    until_year: Year | None = Field(
        default=None,
        description="yearly_from, yearly_on: the last year (default: the plan's horizon).",
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


class SchoolYearEnd(Model):
    """The day a school year ends, in the calendar year after it starts, with the reason."""

    day: int = Field(ge=1, le=31)
    month: int = Field(ge=1, le=12)
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
        "province-level area in units.yaml.",
    )
    school_year_end: SchoolYearEnd | None = Field(
        default=None, description="When a school year ends; needed by school_year deadlines."
    )


class PlanFile(Model):
    """The whole ``plan.yaml`` document."""

    number: Text
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
