"""Who answers for what: the one rule for who reports a target, and whom a unit stands for.

Every output that names a responsible unit asks here — ``kh284 missing`` (what each unit
owes), ``kh284 template`` (which rows a unit's workbook holds), the dashboard and the Word
draft (who owes a figure nobody has sent) — so they cannot name different units.

- **Who reports target T** (``reporters``): the units its data names (``reporting_unit``);
  a target whose data names none is reported by those of the targets that read the same
  measure (one series, one reporter), else by the units its plan clause names, or the
  nearest enclosing item that names units.  Nothing is guessed beyond that: a target with
  none of these has no reporter.  A target whose reporters come from its clause alone is
  R311 (the data should say who reports), as is one with none.
- **Who owes it on a day** (``owners_on``): a unit that still exists, else the units that
  carry on its work on that day (``Index.successors_on``); a group marked ``each_owes``
  stands for its members, each owing its own (``each_owes``).
- **Whose report counts for a unit** (``answering_for``): the unit, the members of a group
  (transitively), and the units that succeeded it.  A group named as a reporter owes as
  one unit; a report by any of its members counts for it — unless it is marked
  ``each_owes``: then each member owes, and only its own report (or its successors')
  counts for it.
- **Which rows a unit's template holds** (``reports_target``): a unit reports a target when
  it answers for one of the target's reporters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kh284.validate.index import Index
from kh284.validate.models.targets import Target


def reporters(index: Index, target: Target) -> list[str]:
    """The units that report ``target``'s figures, as the data names them.

    Its ``reporting_unit``; else those of the targets that read the same measure (in file
    order); else the units named for its plan clause (its own, else the nearest enclosing
    item's); else none.
    """
    return declared_reporters(index, target) or clause_units(index, target.clause)


def declared_reporters(index: Index, target: Target) -> list[str]:
    """The reporters the data names; empty when none names one.

    The target's ``reporting_unit``, else those of the targets that read the same measure
    (in file order).
    """
    if target.reporting_units:
        return list(target.reporting_units)
    same_measure = [
        unit
        for other in index.targets.items.values()
        if other.measure_id == target.measure_id
        for unit in other.reporting_units
    ]
    return list(dict.fromkeys(same_measure))


def clause_units(index: Index, clause: str) -> list[str]:
    """Units named for ``clause``: its own, else those of the nearest enclosing item."""
    current: str | None = clause
    while current:
        section = index.sections.items.get(current)
        if section is not None and section.responsible:
            return list(section.responsible)
        current = parent_clause(current)
    return []


def parent_clause(clause: str) -> str | None:
    """The item that encloses ``clause`` (``III.7.2-1`` → ``III.7.2`` → ``III.7`` → ``III``)."""
    if "-" in clause:
        return clause.rsplit("-", 1)[0]
    if "." in clause:
        return clause.rsplit(".", 1)[0]
    return None


def owners_on(index: Index, unit_id: str, day: dt.date) -> list[str]:
    """Who answers for ``unit_id`` on ``day``: the unit, or its successors on that day.

    A group whose members each owe (``each_owes``) answers through its members, each as
    this rule gives it (members of members, successors).
    """
    if each_owes(index, unit_id):
        return list(dict.fromkeys(_each_member_on(index, unit_id, day, {unit_id})))
    if index.unit_exists_on(unit_id, day):
        return [unit_id]
    return index.successors_on(unit_id, day) or [unit_id]


def each_owes(index: Index, unit_id: str) -> bool:
    """True when ``unit_id`` is a group with members marked so that each member owes."""
    unit = index.units.items.get(unit_id)
    return unit is not None and unit.kind == "group" and unit.each_owes and bool(unit.members)


def _each_member_on(index: Index, group: str, day: dt.date, seen: set[str]) -> list[str]:
    found: list[str] = []
    for member in index.units.items[group].members:
        if member in seen:
            continue
        seen.add(member)
        if each_owes(index, member):
            found.extend(_each_member_on(index, member, day, seen))
        else:
            found.extend(owners_on(index, member, day))
    return found


def responsible_on(index: Index, target: Target, day: dt.date) -> list[str]:
    """The units that owe ``target``'s figures on ``day``, in ``units.yaml`` order."""
    found = {owner for unit in reporters(index, target) for owner in owners_on(index, unit, day)}
    return in_unit_order(index, found)


def answering_for(index: Index, unit_ids: Iterable[str]) -> set[str]:
    """``unit_ids`` with, transitively, the members of groups and the successors.

    The units whose report counts for one of ``unit_ids``.
    """
    return index.with_members_and_successors(unit_ids)


def with_members(index: Index, unit_ids: Iterable[str]) -> set[str]:
    """``unit_ids`` with, transitively, the members of groups (not successors).

    What ``--unit`` narrows to: a group's list holds its members' items; what passed to a
    successor is the successor's own.
    """
    return index.with_members_and_successors(unit_ids, successors=False)


def reports_target(index: Index, target: Target, unit_id: str) -> bool:
    """True when ``unit_id`` answers for one of ``target``'s reporters."""
    return unit_id in answering_for(index, reporters(index, target))


def in_unit_order(index: Index, unit_ids: Iterable[str]) -> list[str]:
    """``unit_ids`` in the order of ``units.yaml`` (unknown ids last, by id)."""
    order = {u: i for i, u in enumerate(index.units.items)}
    return sorted(set(unit_ids), key=lambda u: (order.get(u, len(order)), u))
