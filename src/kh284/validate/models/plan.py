"""Model of ``plan.yaml``: the plan's identity, legal bases, sections and appendix tasks.

Sections nest (``III`` → ``III.2`` → ``III.2.2`` → bullet ``III.2.2-1``); each carries its
verbatim Vietnamese text and the units responsible.  Appendix tasks carry their deadline
as typed data next to the original wording.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kh284.validate.models.common import Date, Id, Model, SectionId, TaskId, Text, Year

DeadlineKind = Literal["year", "yearly_from", "ongoing", "event"]


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
    items: list[Section] = Field(default_factory=list)


class Deadline(Model):
    """When an appendix task is due, typed, with the wording it was read from."""

    text: Text = Field(description="The 'Thời gian' cell, verbatim.")
    kind: DeadlineKind
    year: Year | None = None
    events: list[Id] = Field(default_factory=list)
    months_after_event: int | None = Field(
        default=None, ge=0, le=120, description="Overrides settings.months_after_event."
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
    place: Text | None = Field(
        default=None,
        description="Place name of the place-and-date line of its documents, e.g. the "
        "province of a provincial body; a body without one takes its superior's.",
    )
    code: Text | None = Field(
        default=None, description="Abbreviation of its name in document numbers (SGDĐT)."
    )
    source: Text | None = None


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
    issuing_bodies: list[IssuingBody] = Field(
        default_factory=list,
        description="Place and abbreviation of the bodies that issue the reports (the Word "
        "draft's heading); without an entry the place is the plan's own.",
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
