"""``kh284 missing``'s terminal view: each unit's reporting rate, then what is missing.

Two tables, Vietnamese first: per unit, the reports owed, received on time, received late
and missing (most missing first); then every missing item, most overdue first, with the
unit, the kind, what it is about, the year, the due date (DD/MM/YYYY) and the days overdue.
Data findings (a broken file) come first as ``file:line:col`` lines, as in ``overdue``.
Names come from the data and are shown through ``data_text`` (escaped, never markup).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from kh284.evaluate.reporting import Item, Reporting
from kh284.i18n import day, number, word
from kh284.render import layout
from kh284.render.layout import Column, Para
from kh284.render.terminal import LEAST_TEXT, diagnostic_line, to_text
from kh284.render.view import View
from kh284.views import subject_name


def render(view: View) -> str:
    """The report of ``kh284 missing`` (the summary line goes to stderr, not here)."""
    lang = view.lang
    parts: list[RenderableType] = [
        diagnostic_line(view, d)
        for d in view.diagnostics
        if d.about not in ("target", "task", "plan")
    ]
    reporting = view.outcome.reporting
    if not view.outcome.evaluated:
        return to_text(parts, color=view.color, width=view.width)
    if reporting is None:
        parts.append(Text(word("reporting.no_calendar", lang)))
        return to_text(parts, color=view.color, width=view.width)
    parts.append(Text(word("reporting.as_of", lang, date=day(reporting.as_of)), style="bold"))
    parts.append(units_table(view, reporting))
    if reporting.missing:
        parts.append(missing_table(view, reporting))
    else:
        parts.append(Text(word("reporting.nothing_missing", lang), style="green"))
    return to_text(parts, color=view.color, width=view.width)


def units_table(view: View, reporting: Reporting) -> RenderableType:
    """One row per unit: owed, on time, late, missing; fitted to the width."""
    lang, name = view.lang, view.model.unit_name
    rows = reporting.units
    styles = {"owed": "", "on_time": "green", "late": "dark_orange", "missing": "bold red"}
    columns = [
        Column(
            word("reporting.unit", lang),
            [[Para(name(r.unit), whole=True)] for r in rows],
            flex=True,
            keep=True,
        )
    ]
    for key, style in styles.items():
        cells = []
        for r in rows:
            count = getattr(r, key)
            cells.append([Para(number(count, lang), style if count else "", whole=True)])
        columns.append(Column(word(f"reporting.{key}", lang), cells, keep=True, justify="right"))
    title = Text(word("reporting.title", lang), style="bold")
    return layout.table(columns, view.width, title=title).table


def missing_table(view: View, reporting: Reporting) -> RenderableType:
    """Every missing item, most overdue first: what, whose, how late, when it was due.

    What an item is about says its kind and year ("Số liệu 2025: <the target's name>");
    the unit, the days overdue and the due date keep their columns at every width.
    """
    lang, name = view.lang, view.model.unit_name
    items = reporting.missing
    columns = [
        Column(
            word("reporting.subject", lang),
            [[Para(i.subject, "bold", whole=True), Para(_about(view, i), lines=3)] for i in items],
            flex=True,
            least=LEAST_TEXT,
        ),
        Column(
            word("reporting.unit", lang),
            [[Para(name(i.unit), whole=True)] for i in items],
            keep=True,
            priority=3,
        ),
        Column(
            word("reporting.days_overdue", lang),
            [
                [Para(number(i.days_overdue(reporting.as_of), lang), "bold red", whole=True)]
                for i in items
            ],
            keep=True,
            priority=2,
            justify="right",
        ),
        Column(
            word("reporting.due", lang),
            [[Para(day(i.due), whole=True)] for i in items],
            keep=True,
            priority=1,
        ),
    ]
    title = Text(word("reporting.missing_title", lang), style="bold")
    return layout.table(columns, view.width, title=title).table


def _about(view: View, item: Item) -> str:
    """What a missing item is, in words: "Số liệu 2025: <a target's name>", and so on."""
    lang = view.lang
    what = subject_name(view.outcome.index, item.kind, item.subject, lang)
    if item.kind == "unit_plan":
        return what
    head = f"{word(f'reporting.kind.{item.kind}', lang)} {item.year}"
    return f"{head}: {what}" if what != item.subject else head
