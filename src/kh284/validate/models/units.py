"""Model of ``units.yaml``: agencies, statistical areas and groups the plan names.

A unit has a validity interval and successors, because units change (in 2025 the district
level was abolished and provinces merged).  A unit may also stand for a statistical area
(``area_level``): a former district keeps being an area the targets refer to after its
People's Committee has ceased to exist as an agency.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kh284.validate.models.common import Date, Id, Model, Text

UnitKind = Literal["agency", "area", "group"]
#: The levels of areas, highest first: the country (a national plan's), a province, a
#: district (abolished as a tier of government on 1/7/2025), a commune.
AreaLevel = Literal["country", "province", "district", "commune"]
#: The levels an area may be counted at: any below the country.
CountedLevel = Literal["province", "district", "commune"]
AREA_LEVELS: tuple[str, ...] = ("country", "province", "district", "commune")


class Unit(Model):
    """One unit: an agency, a statistical area, or a group of units named collectively."""

    id: Id
    name: Text = Field(description="Full Vietnamese name as the plan writes it.")
    short_name: Text
    name_en: Text | None = None
    kind: UnitKind
    aliases: list[Text] = Field(
        default_factory=list, description="Other spellings used in the plan's text."
    )
    area_level: AreaLevel | None = Field(
        default=None, description="Set when the unit also stands for a statistical area."
    )
    parent_area: Id | None = Field(default=None, description="The area this area lies in.")
    valid_from: Date | None = None
    valid_until: Date | None = Field(
        default=None, description="Last day the unit existed as an agency (inclusive)."
    )
    successors: list[Id] = Field(default_factory=list)
    members: list[Id] = Field(default_factory=list, description="For groups: member units.")
    each_owes: bool = Field(
        default=False,
        description="For a group with members: wherever it is asked for something (a unit "
        "plan, figures, a task it leads or coordinates), each member owes its own, as "
        "'các sở, ban, ngành … xây dựng kế hoạch' means; otherwise the group owes as one unit.",
    )
    note: Text | None = None
    source: Text | None = None


class UnitsFile(Model):
    """The whole ``units.yaml`` document."""

    units: list[Unit]
