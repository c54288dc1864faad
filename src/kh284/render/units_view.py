"""``kh284 units``: every unit of the data, or those that exist on a day, as a table or JSON.

One row per unit: its short name and, under it, its full name (both are what ``--unit``
takes); its kind; its id (what the data files write); the days it existed from and until
(DD/MM/YYYY); who carries on for it.  Names come from the data and go through
``layout.Para`` (escaped by ``printable``, never markup).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from kh284.i18n import day, word
from kh284.render import layout
from kh284.render.layout import Column, Para
from kh284.render.terminal import LEAST_TEXT, dropped_note, to_text
from kh284.validate.index import Index
from kh284.validate.models.units import Unit


def shown(index: Index, as_of: dt.date | None) -> list[Unit]:
    """The units listed: all of them, or those that exist on ``as_of``, in the data's order."""
    units = list(index.units.items.values())
    if as_of is None:
        return units
    return [u for u in units if index.unit_exists_on(u.id, as_of)]


def listing(index: Index, as_of: dt.date | None, lang: str, *, color: bool, width: int) -> str:
    """The table of units, fitted to ``width``, under a line that says how many and when."""
    units = shown(index, as_of)
    if as_of is None:
        heading = word("units.all", lang, count=len(units))
    else:
        heading = word("units.as_of", lang, date=day(as_of), count=len(units))
    parts: list[RenderableType] = [Text(heading, style="bold")]
    if not units:
        parts.append(Text(word("units.none", lang)))
        return to_text(parts, color=color, width=width)
    columns = [
        Column(
            word("units.unit", lang),
            [
                [Para(u.short_name, "bold", whole=True)]
                + ([Para(u.name, "dim")] if u.name != u.short_name else [])
                for u in units
            ],
            flex=True,
            least=LEAST_TEXT,
        ),
        Column(word("units.id", lang), [[Para(u.id, whole=True)] for u in units], priority=1),
        Column(
            word("units.kind", lang),
            [[Para(word(f"units.kind.{u.kind}", lang), whole=True, words=True)] for u in units],
            priority=4,
        ),
        Column(
            word("units.from", lang),
            [[Para(day(u.valid_from) if u.valid_from else "", whole=True)] for u in units],
            keep=True,
            priority=3,
        ),
        Column(
            word("units.until", lang),
            [[Para(day(u.valid_until) if u.valid_until else "", whole=True)] for u in units],
            keep=True,
            priority=3,
        ),
        Column(
            word("units.successors", lang),
            [[Para(index.short_name(s), whole=True) for s in u.successors] for u in units],
            priority=2,
        ),
    ]
    fitted = layout.table(columns, width)
    parts.append(fitted.table)
    if fitted.dropped:
        parts.append(dropped_note(fitted.dropped, width, lang))
    return to_text(parts, color=color, width=width)


def as_json(index: Index, as_of: dt.date | None, lang: str) -> str:
    """The units listed, as JSON: ids, names, kind, dates (ISO), successors, members."""
    from kh284.render.plain import SCHEMA_VERSION, dumps

    def unit_dict(unit: Unit) -> dict[str, Any]:
        return {
            "id": unit.id,
            "name": unit.name,
            "short_name": unit.short_name,
            "name_en": unit.name_en,
            "kind": unit.kind,
            "kind_label": word(f"units.kind.{unit.kind}", lang),
            "aliases": list(unit.aliases),
            "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
            "valid_until": unit.valid_until.isoformat() if unit.valid_until else None,
            "successors": list(unit.successors),
            "members": list(unit.members),
        }

    data = {
        "schema_version": SCHEMA_VERSION,
        "as_of": None if as_of is None else as_of.isoformat(),
        "units": [unit_dict(u) for u in shown(index, as_of)],
    }
    return dumps(data) + "\n"
