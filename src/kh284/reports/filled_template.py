"""A filled template read back, and its findings told in the spreadsheet's words.

``FilledTemplate`` is what ``importer.read`` makes of a filled template: the progress
report as YAML text, the cell every YAML path came from and the value typed there.  It
names the cell in each finding of the report's validation, ``Chỉ tiêu!D7: error S207 …``,
and tells the finding in the spreadsheet's words, not the YAML's (``FilledTemplate.line``):
the column's heading, the value typed, the drop-down's choices, what a deliverable's cell
may hold (``deliverable_words``), and for a report that contradicts an earlier one, which
field differs, on which deliverable, and the file and line of the earlier report
(``Conflict``, found by ``conflict_of``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kh284.diagnostics import Diagnostic, Location
from kh284.diagnostics.catalogue import printable
from kh284.i18n import both, pick, word
from kh284.i18n import day as i18n_day
from kh284.i18n import number as i18n_number
from kh284.load.exact import PathKey
from kh284.pipeline import Outcome
from kh284.reports.template_layout import (
    COLUMNS,
    INFO,
    INFO_ROWS,
    STATUS_CHOICES,
    STATUS_WORDS,
    TASK_COLUMNS,
    TASKS,
    cell_at,
    column_heading,
    info_cell,
)
from kh284.validate.deadlines import YEARLY_KINDS, first_year
from kh284.validate.index import Index
from kh284.validate.models.plan import AppendixTask
from kh284.validate.models.progress import ProgressReport, TaskReport

if TYPE_CHECKING:
    from kh284.load.snapshot import Snapshot


@dataclass
class FilledTemplate:
    """A filled template read back: the YAML text and the cell of every YAML path.

    ``problems`` are the findings about cells themselves (a formula without a saved value,
    a text too long, an ambiguous figure), each with its cell; any error among them keeps
    the report from being written.  ``snapshot``: the data directory's files as read for
    the import, so that it is checked against the very bytes its figures were read with.
    """

    unit: str
    period: int | None
    text: str
    cells: dict[PathKey, str] = field(default_factory=dict)
    problems: list[tuple[str, Diagnostic]] = field(default_factory=list)
    values: dict[PathKey, Any] = field(default_factory=dict)
    conflicts: dict[Diagnostic, Conflict] = field(default_factory=dict)
    deliverables: dict[Diagnostic, tuple[str, str]] = field(default_factory=dict)
    snapshot: Snapshot | None = None

    def cell(self, diag: Diagnostic, file: str) -> str:
        """The cell a diagnostic points at (its nearest mapped parent for a missing key)."""
        locations = [diag.location, *diag.related]
        location = next((loc for loc in locations if loc.file == file), diag.location)
        path = tuple(location.path)
        missing = dict(diag.args).get("key") if diag.code == "S202" else None
        missing = CELL_OF.get(diag.code, missing)
        if missing is not None:
            wanted = (*path, missing)
            if wanted in self.cells:
                return self.cells[wanted]
        while path not in self.cells and path:
            path = path[:-1]
        return self.cells.get(path, f"{INFO}!A1")

    def line(self, diag: Diagnostic, file: str, lang: str) -> str:
        """``cell: severity code message``, the message in the spreadsheet's words.

        A conflict points at the cell that differs: the status, or the completion date.
        """
        cell = self.cell(diag, file)
        conflict = self.conflicts.get(diag)
        if conflict is not None:
            cell = self.cells.get((*conflict.here_at.path[:2], conflict.field), cell)
        if diag.code == "D512" and cell.startswith(f"{TASKS}!"):
            row = cell.partition("!")[2].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            cell = cell_at(TASKS, "deliverable", row)
        message = self.explain(diag, cell, lang, file)
        return f"{cell}: {diag.severity.label} {diag.code} {message}"

    def explain(self, diag: Diagnostic, cell: str, lang: str, file: str) -> str:
        """A finding about the import told by cell: its heading, the value, the choices.

        Codes about a value a person typed get the template's words; any other finding
        keeps its catalogue message.
        """
        args = dict(diag.args)
        heading = self.heading(cell)
        path = tuple(diag.location.path)
        typed = args.get("value", self.values.get(path))
        shown = "" if typed is None else printable(str(typed))
        if diag.code == "D511" and diag in self.conflicts:
            return self.conflicts[diag].explain(lang)
        if diag.code == "D512" and diag in self.deliverables:
            problem: str | None = self._deliverable(diag, path[:2], lang)
        elif diag.code == "D503":
            problem = _other_figure(diag, file, lang)
        else:
            problem = _problem(diag.code, args, shown, lang)
        if problem is None:
            return diag.message(lang)
        return _w("at", lang, heading=heading, problem=problem)

    def _deliverable(self, diag: Diagnostic, row: PathKey, lang: str) -> str:
        """D512: what column C holds, and what it may hold for this task."""
        typed = self.values.get((*row, "year"), self.values.get((*row, "event")))
        what = pick(self.deliverables[diag], lang)
        task = dict(diag.args).get("task", "")
        if typed is None:
            return _w("deliverable_empty", lang, task=task, what=what)
        return _w("deliverable", lang, value=printable(str(typed)), task=task, what=what)

    def heading(self, cell: str) -> str:
        """The heading of a template cell: its column's (its row's on sheet Thông tin)."""
        sheet, _, ref = cell.partition("!")
        letter = ref.rstrip("0123456789")
        if sheet == INFO:
            row = ref[len(letter) :]
            captions = {str(r): caption for r, caption in INFO_ROWS.values()}
            return captions.get(row, cell)
        for column, text, _ in COLUMNS.get(sheet, {}).values():
            if column == letter:
                return column_heading(text, self.period or "")
        return cell


#: Findings about a missing cell value: the cell to point at (as S202's missing key).
CELL_OF = {"D507": "completed_on", "D508": "evidence"}


def _w(key: str, lang: str, **args: object) -> str:
    return word(f"import.{key}", lang, **args)


def _problem(code: str, args: dict[str, str], shown: str, lang: str) -> str | None:
    """What is wrong with a typed value, in the template's words (``None``: not a cell's)."""
    choices = ", ".join(STATUS_CHOICES)
    if code == "S202":
        return _w("empty", lang)
    if code == "S203":
        example = i18n_number(97.4, lang)
        return _w("not_number", lang, value=shown, example=example) if shown else None
    if code == "S204":
        return _w("not_choice", lang, value=shown, choices=choices)
    if code == "S205":
        return _w("not_date", lang, value=shown)
    if code == "S206":
        return _w("out_of_range", lang, value=shown, bound=_bound(args.get("bound", ""), lang))
    if code == "S207":
        number = _figure(args.get("suggestion", ""), lang)
        return _w("text_number", lang, value=shown, number=number)
    if code == "D506":
        return _w("percent_range", lang, value=shown)
    if code == "D515":
        low, high = args.get("low", ""), args.get("high", "")
        return _w("level_range", lang, value=shown, low=low, high=high)
    if code in ("D507", "D508"):  # done without a date, without evidence: the cell says which
        return _w("done_without", lang, done=STATUS_WORDS["done"])
    if code == "D509":
        return _w(
            "after_report",
            lang,
            date=_ddmmyyyy(args.get("completed_on")),
            reported=_ddmmyyyy(args.get("reported_on")),
            cell=info_cell("reported_on"),
        )
    if code == "D513":
        state = STATUS_WORDS.get(args.get("status", ""), args.get("status", ""))
        return _w("date_not_done", lang, heading=TASK_COLUMNS["status"][1], status=state)
    return None


def _other_figure(diag: Diagnostic, file: str, lang: str) -> str:
    """D503 from the import's side: its figure, the other report's, and where that is."""
    args = dict(diag.args)
    here, there = args.get("value", ""), args.get("other_value", "")
    other = diag.related[0] if diag.related else diag.location
    if diag.location.file != file:  # the import is the earlier report
        here, there, other = there, here, diag.location
    where = _report_at(other, lang)
    return _w(
        "other_figure", lang, here=_figure(here, lang), there=_figure(there, lang), where=where
    )


def _report_at(location: Location, lang: str) -> str:
    """Where another report says it: its file and line."""
    return _w("report_at", lang, file=printable(location.file), line=location.line or 1)


def _figure(text: str, lang: str) -> str:
    try:
        return i18n_number(float(text), lang)
    except ValueError:
        return printable(text)


def _bound(bound: str, lang: str) -> str:
    """A model's bound (``≥ 0.0``) with the figure the ``lang`` way (``≥ 0``)."""
    sign, _, figure = bound.rpartition(" ")
    try:
        return f"{sign} {i18n_number(float(figure), lang)}".strip()
    except ValueError:
        return bound


def _ddmmyyyy(value: dt.date | str | None) -> str:
    """A date from a report as DD/MM/YYYY (``—`` for none); text that is no date, escaped."""
    if not value:
        return "—"
    try:
        return i18n_day(value)
    except ValueError:
        return printable(str(value))


@dataclass(frozen=True)
class Conflict:
    """A task report of the import that contradicts another report of the data directory.

    ``here`` is the import's entry, ``there`` the other report's, ``there_at`` where that
    one says it (file and line); the deliverable is a ``year`` or an event's name.
    """

    task: str
    year: str
    event: str
    here: TaskReport
    there: TaskReport
    here_at: Location
    there_at: Location

    @property
    def field(self) -> str:
        """The field that differs: the completion date when both say done, else the status."""
        return "completed_on" if self.here.status == self.there.status else "status"

    def explain(self, lang: str) -> str:
        """Which field differs, on which deliverable, and where the other report is."""
        where = _report_at(self.there_at, lang)
        part = _w("year", lang, year=self.year) if self.year else self.event
        task = self.task + (f" ({part})" if part else "")
        if self.field == "completed_on":
            heading = TASK_COLUMNS["completed_on"][1]
            here = _ddmmyyyy(self.here.completed_on)
            there = _ddmmyyyy(self.there.completed_on)
        else:
            heading = TASK_COLUMNS["status"][1]
            here, there = STATUS_WORDS[self.here.status], STATUS_WORDS[self.there.status]
        return _w("conflict", lang, task=task, heading=heading, here=here, there=there, where=where)


def deliverable_words(index: Index, task: AppendixTask) -> tuple[str, str]:
    """What column C of a task's row may hold, in both languages (the ids it reads back).

    A yearly task (``yearly_from``, ``yearly_on``): a year from its first; a task with one
    deliverable per event: one of its events' ids (with their names); any other task:
    nothing, or its own year.
    """
    deadline = task.deadline
    if deadline.kind in YEARLY_KINDS:
        return both("import.a_year", first=first_year(deadline) or "")
    if deadline.kind == "event" and deadline.events:
        names = []
        for event_id in deadline.events:
            name = _event_name(index, event_id)
            names.append(f"{event_id} ({name})" if name else event_id)
        return both("import.one_of", choices=", ".join(names))
    if deadline.kind == "year" and deadline.year is not None:
        return both("import.empty_or", year=deadline.year)
    return both("import.nothing")


def _event_name(index: Index, event_id: str) -> str:
    """An event's name as a person reads it (its short name if it has one); ``""`` if unknown."""
    event = index.events.items.get(event_id)
    return (event.short_name or event.name) if event is not None else ""


def conflict_of(outcome: Outcome, diag: Diagnostic, rel: str) -> Conflict | None:
    """The two task reports of a D511 about the import: the import's and the other's."""
    entries = {r.document.file: r.report for r in outcome.dataset.reports}
    locations = [diag.location, *diag.related]
    mine = [loc for loc in locations if loc.file == rel]
    others = [loc for loc in locations if loc.file != rel]
    if not mine or not others:
        return None
    here, there = _entry(entries, mine[0]), _entry(entries, others[0])
    if here is None or there is None:
        return None
    args = dict(diag.args)
    key = args.get("deliverable", "-")
    name = _event_name(outcome.index, key)
    year = key if key.isdigit() else ""
    task = args.get("task", here.task)
    return Conflict(task, year, name, here, there, mine[0], others[0])


def _entry(entries: dict[str, ProgressReport], location: Location) -> TaskReport | None:
    report = entries.get(location.file)
    path = location.path
    if report is None or len(path) < 2 or path[0] != "tasks" or not isinstance(path[1], int):
        return None
    return report.tasks[path[1]] if path[1] < len(report.tasks) else None
