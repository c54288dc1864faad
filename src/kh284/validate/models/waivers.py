"""Model of ``waivers.yaml``: findings accepted for now, each with reason and expiry.

Each waiver also says who accepted it.
A waiver matches a diagnostic by ``code`` and, when given, ``file`` (relative to the data
directory), ``line`` and ``id`` (the task, target, unit or other id the finding is about).
"""

from __future__ import annotations

from pydantic import Field

from kh284.validate.models.common import Date, Model, Text


class Waiver(Model):
    """One accepted finding."""

    code: Text = Field(pattern=r"^[A-Z][0-9]{3}$", description="The diagnostic code.")
    file: Text | None = Field(default=None, description="File relative to the data directory.")
    line: int | None = Field(default=None, ge=1)
    id: Text | None = Field(default=None, description="The id the finding is about.")
    reason: Text = Field(min_length=1)
    accepted_by: Text = Field(min_length=1)
    expires: Date


class WaiversFile(Model):
    """The whole ``waivers.yaml`` document."""

    waivers: list[Waiver]
