"""Look-ups over a loaded dataset: units, areas, sections, tasks, targets and events by id.

Each entry remembers the path of its definition, so a finding about it can point at the
file, line and column where it is declared.  Unit look-up by name ignores case, spaces,
punctuation and Vietnamese diacritics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from kh284.diagnostics import Location, UsageError
from kh284.load.exact import PathKey
from kh284.validate.dataset import Dataset, LoadedReport
from kh284.validate.models.events import Event
from kh284.validate.models.plan import AppendixTask, Section
from kh284.validate.models.targets import Target
from kh284.validate.models.units import AREA_LEVELS, Unit
from kh284.validate.names import fold

T = TypeVar("T")


@dataclass
class Table(Generic[T]):
    """Items of one kind by id, with where each was declared (first declaration wins)."""

    file: str
    items: dict[str, T] = field(default_factory=dict)
    paths: dict[str, PathKey] = field(default_factory=dict)
    duplicates: list[tuple[str, PathKey]] = field(default_factory=list)

    def add(self, key: str, item: T, path: PathKey) -> None:
        """Register ``item``; a repeated key is remembered as a duplicate."""
        if key in self.items:
            self.duplicates.append((key, path))
            return
        self.items[key] = item
        self.paths[key] = path

    def __contains__(self, key: object) -> bool:
        return key in self.items

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)


#: Fields that name a unit (or an area, which is a unit).
_UNIT_FIELDS = frozenset(
    {"unit", "area", "lead", "coordinating", "successors", "members", "parent", "issuer"}
    | {"reporting_unit", "units"}
)


@dataclass
class Index:
    """All look-ups of a dataset, and how to locate a declaration."""

    dataset: Dataset
    units: Table[Unit] = field(default_factory=lambda: Table("units.yaml"))
    sections: Table[Section] = field(default_factory=lambda: Table("plan.yaml"))
    tasks: Table[AppendixTask] = field(default_factory=lambda: Table("plan.yaml"))
    targets: Table[Target] = field(default_factory=lambda: Table("targets.yaml"))
    events: Table[Event] = field(default_factory=lambda: Table("events.yaml"))
    #: Derived look-ups computed once per run by the checks that need them.
    memo: dict[str, Any] = field(default_factory=dict)

    def locate(self, file: str, path: PathKey, *, key: bool = False) -> Location:
        """The location of ``path`` inside ``file``."""
        document = self.dataset.documents.get(file)
        if document is None:
            return Location(file)
        return document.location(path, key=key)

    def where(self, table: Table[T], item_id: str) -> Location:
        """Where ``item_id`` is declared."""
        return self.locate(table.file, table.paths.get(item_id, ()))

    @property
    def areas(self) -> dict[str, Unit]:
        """Units that stand for a statistical area (computed once)."""
        areas: dict[str, Unit] | None = self.memo.get("areas")
        if areas is None:
            areas = {k: u for k, u in self.units.items.items() if u.area_level or u.kind == "area"}
            self.memo["areas"] = areas
        return areas

    @property
    def province_area(self) -> str | None:
        """The area a figure describes when it names none."""
        plan = self.dataset.plan
        if plan is not None and plan.settings.province_area:
            return plan.settings.province_area
        if "province_area" not in self.memo:
            # a national plan's figures describe the country, a province's the province
            countries = [k for k, u in self.areas.items() if u.area_level == "country"]
            provinces = [k for k, u in self.areas.items() if u.area_level == "province"]
            tops = countries or provinces
            self.memo["province_area"] = tops[0] if len(tops) == 1 else None
        found: str | None = self.memo["province_area"]
        return found

    def areas_in(self, parent: str, level: str) -> list[str]:
        """Ids of the areas of ``level`` inside ``parent``, at any depth, in file order.

        The provinces of the country, the districts of a province, its communes (directly
        or through a former district).  An area that names no ``parent_area`` (nor does any
        area above it) lies in the one area of the highest level the data has, when
        ``parent`` is that area: the provinces of a national plan need not each name the
        country.
        """
        return [
            k for k, u in self.areas.items() if u.area_level == level and self._inside(k, parent)
        ]

    def _inside(self, area: str, parent: str) -> bool:
        """True when ``parent`` is one of the areas ``area`` lies in (a cycle ends the walk)."""
        seen = {area}
        current = self.areas.get(area)
        while current is not None and current.parent_area is not None:
            if current.parent_area == parent:
                return True
            if current.parent_area in seen:
                return False
            seen.add(current.parent_area)
            current = self.areas.get(current.parent_area)
        return current is not None and current.id != parent and parent == self._root

    @property
    def _root(self) -> str | None:
        """The one area of the highest level the data has (the country, else the province)."""
        if "root_area" not in self.memo:
            levels = [u.area_level for u in self.areas.values() if u.area_level]
            top = min(levels, key=AREA_LEVELS.index) if levels else None
            roots = [k for k, u in self.areas.items() if top and u.area_level == top]
            self.memo["root_area"] = roots[0] if len(roots) == 1 else None
        root: str | None = self.memo["root_area"]
        return root

    def find_units(self, query: str) -> list[str]:
        """Unit ids whose id, short name, name or alias matches ``query`` loosely."""
        key = fold(query)
        found = []
        for unit_id, unit in self.units.items.items():
            names = [unit_id, unit.short_name, unit.name, *unit.aliases]
            if unit.name_en:
                names.append(unit.name_en)
            if any(fold(name) == key for name in names):
                found.append(unit_id)
        return found

    def short_name(self, unit_id: str) -> str:
        """A unit's short name, as tables show it ("Sở GD&ĐT"); its id when unknown."""
        unit = self.units.items.get(unit_id)
        return unit.short_name if unit else unit_id

    def area_name(self, unit_id: str) -> str:
        """An area's name: for an agency that also stands for an area, its first alias.

        A former district's short name is its People's Committee ("UBND huyện Ba Bể"); its
        first alias names the place ("huyện Ba Bể").
        """
        unit = self.units.items.get(unit_id)
        if unit is None:
            return unit_id
        if unit.kind == "agency" and unit.aliases:
            return unit.aliases[0]
        return unit.short_name

    def group_name(self, group: str, lang: str) -> str:
        """A target group's heading in ``lang`` (its English name when the data gives one)."""
        if lang == "en" and self.dataset.targets is not None:
            for named in self.dataset.targets.groups:
                if named.name == group:
                    return named.name_en
        return group

    def find_targets(self, query: str) -> list[str]:
        """Target ids whose id, name or English name matches ``query`` loosely."""
        key = fold(query)
        return [
            target_id
            for target_id, target in self.targets.items.items()
            if key in (fold(target_id), fold(target.name), fold(target.name_en))
        ]

    def resolve(self, field: str, query: str) -> str | None:
        """The one id a person most likely meant by ``query`` in a field of that kind.

        Units and areas go through ``find_units`` (as ``--unit`` does), targets through
        their names, tasks and events through their ids; then the closest known id.
        """
        from kh284.validate.names import suggest

        key = fold(query)
        if field in _UNIT_FIELDS:
            found = self.find_units(query)
            if field == "area":
                found = [u for u in found if u in self.areas] or found
            known: Iterable[str] = self.areas if field == "area" else self.units
        elif field == "target":
            found, known = self.find_targets(query), self.targets
        elif field == "task":
            found, known = [t for t in self.tasks if fold(t) == key], self.tasks
        elif field == "event":
            found, known = [e for e in self.events if fold(e) == key], self.events
        else:
            return None
        return found[0] if found else suggest(query, known)

    def resolve_units(self, query: str) -> list[str]:
        """The unit ids ``query`` names, or a usage error with a did-you-mean.

        The one resolver for a unit typed by a person: ``--unit``, the Excel template.
        """
        found = self.find_units(query)
        if found:
            return found
        from kh284.i18n import with_hint

        raise UsageError(*with_hint("common.no_unit", self.resolve("unit", query), query=query))

    def unit_exists_on(self, unit_id: str, day: dt.date) -> bool:
        """True when the unit existed as an agency on ``day``."""
        unit = self.units.items.get(unit_id)
        if unit is None:
            return False
        if unit.valid_from and day < unit.valid_from:
            return False
        return not (unit.valid_until and day > unit.valid_until)

    def lead_side(self, task_id: str) -> set[str]:
        """Units whose reports decide a task's status: its leads, their members and successors.

        Reports by coordinating units are checked but do not mark a lead's task done.
        """
        cache: dict[str, set[str]] = self.memo.setdefault("lead_side", {})
        if task_id not in cache:
            cache[task_id] = self.with_members_and_successors(self.tasks.items[task_id].lead)
        return cache[task_id]

    def with_members_and_successors(
        self, unit_ids: Iterable[str], *, successors: bool = True
    ) -> set[str]:
        """``unit_ids`` with, transitively, the members of groups and their successors.

        Without ``successors``, members only.  The one walk of the unit graph
        (``validate.responsibility`` says who answers for whom with it).
        """
        found: set[str] = set()
        frontier = list(unit_ids)
        while frontier:
            unit_id = frontier.pop()
            if unit_id in found:
                continue
            found.add(unit_id)
            unit = self.units.items.get(unit_id)
            if unit is not None:
                frontier.extend(unit.members)
                if successors:
                    frontier.extend(unit.successors)
        return found

    def reports_as_of(self, as_of: dt.date) -> list[LoadedReport]:
        """Reports dated on or before ``as_of``, oldest first (then by file)."""
        ordered = sorted(
            self.dataset.reports, key=lambda r: (r.report.reported_on, r.document.file)
        )
        return [r for r in ordered if r.report.reported_on <= as_of]

    def successors_on(self, unit_id: str, day: dt.date) -> list[str]:
        """The units that carry on ``unit_id``'s work on ``day`` (following chains)."""
        result: list[str] = []
        frontier = [unit_id]
        seen = {unit_id}
        while frontier:
            current = frontier.pop(0)
            unit = self.units.items.get(current)
            if unit is None:
                continue
            if current != unit_id and self.unit_exists_on(current, day):
                result.append(current)
                continue
            for nxt in unit.successors:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        return result


def build_index(dataset: Dataset) -> Index:
    """Index every declaration of ``dataset`` (files that failed to load are skipped)."""
    index = Index(dataset)
    if dataset.units:
        for i, unit in enumerate(dataset.units.units):
            index.units.add(unit.id, unit, ("units", i))
    if dataset.plan:
        _index_sections(index, dataset.plan.sections, ("sections",))
        for i, task in enumerate(dataset.plan.appendix.tasks):
            index.tasks.add(task.id, task, ("appendix", "tasks", i))
    if dataset.targets:
        for i, target in enumerate(dataset.targets.targets):
            index.targets.add(target.id, target, ("targets", i))
    if dataset.events:
        for i, event in enumerate(dataset.events.events):
            index.events.add(event.id, event, ("events", i))
    return index


def _index_sections(index: Index, sections: list[Section], path: PathKey) -> None:
    for i, section in enumerate(sections):
        here = (*path, i)
        index.sections.add(section.id, section, here)
        _index_sections(index, section.items, (*here, "items"))


def walk_sections(sections: list[Section]) -> Iterator[Section]:
    """Every section, depth first, in document order."""
    for section in sections:
        yield section
        yield from walk_sections(section.items)
