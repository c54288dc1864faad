"""``kh284 changes``' outputs: terminal tables, JSON and Markdown of ``views.changes``.

The terminal shows the headline of both sides side by side, then the deliverables whose
status changed, one table per kind of change in the layout of ``kh284 tasks`` (the task
and its text, the status before and after, who leads now, the due date as written), the
targets whose verdict changed or that received figures, the units that reported and the
units still owing.  The JSON (``plain_dict``) has the same content as data; the Markdown
is tables for a pull-request comment, with every piece of data in a code span
(``markdown.code``).  Every status word, date and figure is the models'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from kh284 import __version__
from kh284.evaluate.reporting import Item
from kh284.i18n import day, number, percent, quantity, word
from kh284.render import layout
from kh284.render.layout import Column, Para
from kh284.render.markdown import cell, code
from kh284.render.plain import SCHEMA_VERSION, dumps, task_dict
from kh284.render.terminal import (
    LEAST_TEXT,
    NAME_LINES,
    due_cell,
    lead_cell,
    task_cell,
    to_text,
)
from kh284.validate.index import Index
from kh284.views.build import subject_name
from kh284.views.changes import TASK_CHANGES, Changes, Side, TargetChange, TaskChange
from kh284.views.model import Model, TargetView, TaskView


def side_name(side: Side, lang: str) -> str:
    """How a side is named: ``ngày 30/06/2026``, ``bản HEAD~1 (ngày …)``."""
    date = day(side.model.as_of)
    if side.rev is not None:
        return word("changes.side_rev", lang, rev=side.rev, date=date)
    return word("changes.side_date", lang, date=date)


def later_name(changes: Changes, lang: str) -> str:
    """The later side's name: its date, or ``hiện nay (ngày …)`` against a revision."""
    after = changes.after
    if changes.before.rev is not None and after.rev is None:
        return word("changes.side_now", lang, date=day(after.model.as_of))
    return side_name(after, lang)


def title(changes: Changes, lang: str) -> str:
    """``Thay đổi từ ngày 30/06/2026 đến ngày 31/12/2026``."""
    before = side_name(changes.before, lang)
    return word("changes.title", lang, before=before, after=later_name(changes, lang))


def summary(changes: Changes, lang: str) -> str:
    """The one line for stderr."""
    targets = sum(1 for t in changes.targets if t.status_changed or t.new_points)
    return word(
        "changes.summary",
        lang,
        tasks=len(changes.tasks),
        targets=targets,
        units=len(changes.reported),
    )


def headline_rows(changes: Changes, lang: str) -> list[tuple[str, str, str]]:
    """The headline of both sides: (measure, before, after)."""
    (t0, t1), (h0, h1) = changes.target_headlines, changes.task_headlines
    rows = [
        (
            word("changes.rate", lang),
            percent(h0.rate if h0 else None, lang, 0),
            percent(h1.rate if h1 else None, lang, 0),
        ),
        (
            word("changes.done", lang),
            f"{h0.done if h0 else 0}/{h0.due if h0 else 0}",
            f"{h1.done if h1 else 0}/{h1.due if h1 else 0}",
        ),
        (
            word("changes.overdue_count", lang),
            number(h0.overdue if h0 else 0, lang),
            number(h1.overdue if h1 else 0, lang),
        ),
        (word("changes.unknown", lang), f"{t0.unknown}/{t0.total}", f"{t1.unknown}/{t1.total}"),
        (word("changes.failing", lang), number(t0.failing, lang), number(t1.failing, lang)),
        (word("changes.good", lang), number(t0.good, lang), number(t1.good, lang)),
    ]
    r0, r1 = changes.before.reporting, changes.after.reporting
    if r0 is not None or r1 is not None:
        rows.append(
            (
                word("changes.missing_count", lang),
                number(len(r0.missing) if r0 else 0, lang),
                number(len(r1.missing) if r1 else 0, lang),
            )
        )
    return rows


def status_word(task: TaskView | TargetView | None, lang: str) -> str:
    """A side's status word, ``—`` when the side has no such deliverable or target."""
    return task.word if task is not None else word("changes.none_status", lang)


def new_figures(change: TargetChange, lang: str) -> str:
    """``2026: 97,9 %`` for each year's figure received in between (a count by area)."""
    unit = change.target.goal.unit
    years: dict[int, list[float]] = {}
    for point in change.new_points:
        years.setdefault(point.year, []).append(point.value)
    return "; ".join(
        f"{year}: {quantity(values[0], unit, lang)}"
        if len(values) == 1
        else word("changes.area_figures", lang, year=year, count=len(values))
        for year, values in years.items()
    )


def item_words(index: Index, item: Item, lang: str) -> str:
    """A reporting item in words, as ``kh284 missing`` says it."""
    what = subject_name(index, item.kind, item.subject, lang)
    if item.kind == "unit_plan":
        return what
    return f"{word(f'reporting.kind.{item.kind}', lang)} {item.year}: {what}"


# -- terminal ------------------------------------------------------------------------------


def terminal(changes: Changes, index: Index, *, color: bool, width: int) -> str:
    """The terminal view of ``changes``."""
    after = changes.after.model
    lang = after.lang
    parts: list[RenderableType] = [Text(title(changes, lang), style="bold")]
    parts.append(_headline_table(changes, lang, width))
    if changes.empty:
        parts.append(Text(word("changes.nothing", lang), style="green"))
    for kind in TASK_CHANGES:
        rows = [c for c in changes.tasks if c.change == kind]
        if rows:
            heading = word(f"changes.kind.{kind}", lang, count=len(rows))
            parts.append(Text(heading, style="bold"))
            parts.append(_tasks_table(rows, after, width))
    if changes.targets:
        heading = word("changes.targets", lang, count=len(changes.targets))
        parts.append(Text(heading, style="bold"))
        parts.append(_targets_table(list(changes.targets), lang, width))
    for key, groups in (("reported", changes.reported), ("owing", changes.owing)):
        if groups:
            parts.append(Text(word(f"changes.{key}", lang, count=len(groups)), style="bold"))
            columns = [
                Column(
                    word("reporting.unit", lang),
                    [[Para(after.unit_name(g.unit), whole=True)] for g in groups],
                    keep=True,
                ),
                Column(
                    word("changes.items", lang),
                    [[Para(item_words(index, i, lang), lines=2) for i in g.items] for g in groups],
                    flex=True,
                    least=LEAST_TEXT,
                ),
            ]
            parts.append(layout.table(columns, width).table)
    return to_text(parts, color=color, width=width)


def _headline_table(changes: Changes, lang: str, width: int) -> RenderableType:
    rows = headline_rows(changes, lang)
    columns = [
        Column(
            word("changes.measure", lang),
            [[Para(r[0])] for r in rows],
            flex=True,
            least=LEAST_TEXT,
        ),
        Column(
            side_name(changes.before, lang),
            [[Para(r[1], whole=True)] for r in rows],
            keep=True,
            justify="right",
        ),
        Column(
            later_name(changes, lang),
            [[Para(r[2], whole=True)] for r in rows],
            keep=True,
            justify="right",
        ),
    ]
    title_text = Text(word("changes.headline", lang), style="bold")
    return layout.table(columns, width, title=title_text).table


def _tasks_table(rows: list[TaskChange], model: Model, width: int) -> RenderableType:
    lang = model.lang
    columns = [
        Column(
            word("table.task", lang),
            [task_cell(c.task) for c in rows],
            flex=True,
            least=LEAST_TEXT,
        ),
        *_status_columns(rows, lang, want_lines=2),
        Column(
            word("table.lead", lang),
            [lead_cell(c.task, model.unit_name) for c in rows],
            keep=True,
            priority=2,
        ),
        Column(
            word("table.due", lang),
            [due_cell(c.task) for c in rows],
            keep=True,
            priority=1,
            lines=4,
            want_lines=4,
        ),
    ]
    return layout.table(columns, width).table


def _status_columns(
    rows: Sequence[TaskChange] | Sequence[TargetChange], lang: str, want_lines: int = 1
) -> list[Column]:
    """The status before and after, each in its own word and style."""
    return [
        Column(
            word(key, lang),
            [[Para(status_word(getattr(c, side), lang), _style(getattr(c, side)))] for c in rows],
            keep=True,
            priority=priority,
            want_lines=want_lines,
        )
        for key, side, priority in (("changes.before", "before", 3), ("changes.after", "after", 4))
    ]


def _style(status: Any) -> str:
    return str(status.look.style) if status else ""


def _targets_table(rows: list[TargetChange], lang: str, width: int) -> RenderableType:
    columns = [
        Column(
            word("table.target", lang),
            [
                [
                    Para(c.target.id, "bold", whole=True),
                    Para(c.target.name, "dim", lines=NAME_LINES),
                ]
                for c in rows
            ],
            flex=True,
            least=LEAST_TEXT,
        ),
        *_status_columns(rows, lang),
        Column(
            word("changes.new_figures", lang),
            [[Para(new_figures(c, lang))] for c in rows],
            priority=1,
        ),
    ]
    return layout.table(columns, width).table


# -- JSON ----------------------------------------------------------------------------------


def _side_dict(side: Side) -> dict[str, Any]:
    return {"as_of": side.model.as_of.isoformat(), "rev": side.rev}


def _task_side(task: TaskView | None) -> dict[str, Any] | None:
    return None if task is None else task_dict(task)


def plain_dict(changes: Changes, index: Index, data_dir: str) -> dict[str, Any]:
    """``changes`` as plain data (the JSON layout)."""
    after = changes.after.model
    lang = after.lang
    (t0, t1), (h0, h1) = changes.target_headlines, changes.task_headlines

    def head(h: Any) -> dict[str, Any] | None:
        if h is None:
            return None
        rate = None if h.rate is None else round(h.rate, 4)
        return {
            "due": h.due,
            "done": h.done,
            "done_on_time": h.done_on_time,
            "overdue": h.overdue,
            "completion_rate": rate,
        }

    def items(group: Any) -> dict[str, Any]:
        return {
            "unit": group.unit,
            "name": after.unit_full_name(group.unit),
            "short_name": after.unit_name(group.unit),
            "items": [
                {
                    "kind": i.kind,
                    "subject": i.subject,
                    "subject_name": subject_name(index, i.kind, i.subject, lang),
                    "year": i.year,
                    "due": i.due.isoformat(),
                    "received_on": i.received_on.isoformat() if i.received_on else None,
                }
                for i in group.items
            ],
        }

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "kh284",
        "version": __version__,
        "command": "changes",
        "lang": lang,
        "data_dir": data_dir,
        "from": _side_dict(changes.before),
        "to": _side_dict(changes.after),
        "headline": {
            "from": {**(head(h0) or {}), "targets": _target_head(t0)},
            "to": {**(head(h1) or {}), "targets": _target_head(t1)},
        },
        "tasks": [
            {
                "id": c.task.id,
                "deliverable": c.task.result.deliverable.key or None,
                "label": c.task.label,
                "change": c.change,
                "from": str(c.before.status) if c.before else None,
                "to": str(c.after.status) if c.after else None,
                "before": _task_side(c.before),
                "after": _task_side(c.after),
            }
            for c in changes.tasks
        ],
        "targets": [
            {
                "id": c.target.id,
                "name": c.target.name,
                "from": str(c.before.status) if c.before else None,
                "to": str(c.after.status) if c.after else None,
                "from_label": c.before.word if c.before else None,
                "to_label": c.after.word if c.after else None,
                "new_figures": [
                    {
                        "year": p.year,
                        "value": p.value,
                        "reported_by": p.unit,
                        "reported_on": p.reported_on.isoformat(),
                    }
                    for p in c.new_points
                ],
            }
            for c in changes.targets
        ],
        "reported": [items(g) for g in changes.reported],
        "owing": [items(g) for g in changes.owing],
    }


def _target_head(head: Any) -> dict[str, Any]:
    import dataclasses

    found: dict[str, Any] = dataclasses.asdict(head)
    return found


def as_json(changes: Changes, index: Index, data_dir: str) -> str:
    """The JSON text of ``changes``."""
    return dumps(plain_dict(changes, index, data_dir)) + "\n"


# -- Markdown ------------------------------------------------------------------------------


def as_markdown(changes: Changes, index: Index, heading_level: int = 2) -> str:
    """``changes`` as Markdown tables (data in code spans)."""
    after = changes.after.model
    lang = after.lang
    hashes = "#" * heading_level
    lines = [f"{hashes} {cell(title(changes, lang))}", ""]
    lines += [
        f"| {cell(word('changes.measure', lang))} | {cell(side_name(changes.before, lang))} "
        f"| {cell(later_name(changes, lang))} |",
        "|---|---:|---:|",
    ]
    lines += [f"| {cell(a)} | {cell(b)} | {cell(c)} |" for a, b, c in headline_rows(changes, lang)]
    lines.append("")
    if changes.empty:
        lines += [cell(word("changes.nothing", lang)), ""]
    sub = "#" * (heading_level + 1)
    for kind in TASK_CHANGES:
        rows = [c for c in changes.tasks if c.change == kind]
        if not rows:
            continue
        lines += [f"{sub} {cell(word(f'changes.kind.{kind}', lang, count=len(rows)))}", ""]
        task_heads = ("table.task", "changes.before", "changes.after", "table.lead", "table.due")
        lines.append("| " + " | ".join(cell(word(h, lang)) for h in task_heads) + " |")
        lines.append("|---|---|---|---|---|")
        for c in rows:
            task = c.task
            lead = ", ".join(after.unit_name(u) for u in task.lead_now)
            lines.append(
                f"| {code(task.label)} | {cell(status_word(c.before, lang))} "
                f"| {cell(status_word(c.after, lang))} | {code(lead)} | {code(task.due_text)} |"
            )
        lines.append("")
    if changes.targets:
        lines += [f"{sub} {cell(word('changes.targets', lang, count=len(changes.targets)))}", ""]
        target_heads = ("table.target", "changes.before", "changes.after", "changes.new_figures")
        lines.append("| " + " | ".join(cell(word(h, lang)) for h in target_heads) + " |")
        lines.append("|---|---|---|---|")
        for t in changes.targets:
            lines.append(
                f"| {code(t.target.id)} | {cell(status_word(t.before, lang))} "
                f"| {cell(status_word(t.after, lang))} | {cell(new_figures(t, lang))} |"
            )
        lines.append("")
    for key, groups in (("reported", changes.reported), ("owing", changes.owing)):
        if not groups:
            continue
        lines += [f"{sub} {cell(word(f'changes.{key}', lang, count=len(groups)))}", ""]
        unit_head, items_head = (
            cell(word("reporting.unit", lang)),
            cell(word("changes.items", lang)),
        )
        lines.append(f"| {unit_head} | {items_head} |")
        lines.append("|---|---|")
        for g in groups:
            what = "; ".join(item_words(index, i, lang) for i in g.items)
            lines.append(f"| {code(after.unit_name(g.unit))} | {code(what)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- the reports' section "Thay đổi so với ngày …" (report --since) ------------------------


def since_title(changes: Changes, lang: str) -> str:
    """``Thay đổi so với ngày 30/06/2026``."""
    return word("changes.since", lang, date=day(changes.before.model.as_of))


def task_rows(changes: Changes) -> list[tuple[str, str, str, str, str]]:
    """Each deliverable that changed: label, status before, after, who leads now, due date."""
    after = changes.after.model
    lang = after.lang
    return [
        (
            c.task.label,
            status_word(c.before, lang),
            status_word(c.after, lang),
            ", ".join(after.unit_name(u) for u in c.task.lead_now),
            c.task.due_text,
        )
        for c in changes.tasks
    ]


def target_rows(changes: Changes) -> list[tuple[str, str, str, str]]:
    """Each target that changed: name, status before, after, the figures received."""
    lang = changes.after.model.lang
    return [
        (
            c.target.name,
            status_word(c.before, lang),
            status_word(c.after, lang),
            new_figures(c, lang),
        )
        for c in changes.targets
    ]


def reported_rows(changes: Changes, index: Index) -> list[tuple[str, str]]:
    """Each unit whose reports arrived in between, and what arrived."""
    after = changes.after.model
    return [
        (after.unit_name(g.unit), "; ".join(item_words(index, i, after.lang) for i in g.items))
        for g in changes.reported
    ]
