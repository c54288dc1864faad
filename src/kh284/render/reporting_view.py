"""``kh284 missing``'s terminal view: each unit's reporting rate, then what is missing.

Two tables, Vietnamese first: per unit, the reports owed, received on time, received late
and missing (most missing first); then every missing item, most overdue first, with the
unit, the kind, what it is about, the year, the due date (DD/MM/YYYY) and the days overdue.
Data findings (a broken file) come first as ``file:line:col`` lines, as in ``overdue``.
Names come from the data and are shown through ``data_text`` (escaped, never markup).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kh284.diagnostics.catalogue import printable
from kh284.evaluate.reporting import Reporting
from kh284.i18n import day, number, word
from kh284.render.terminal import data_text, diagnostic_line, to_text, unit_namer
from kh284.render.view import View


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


def units_table(view: View, reporting: Reporting) -> Table:
    """One row per unit: owed, on time, late, missing."""
    lang, name = view.lang, unit_namer(view.outcome)
    table = Table(title=word("reporting.title", lang), title_justify="left", expand=True)
    table.add_column(word("reporting.unit", lang), ratio=1)
    for key in ("owed", "on_time", "late", "missing"):
        table.add_column(word(f"reporting.{key}", lang), justify="right", no_wrap=True)
    for row in reporting.units:
        table.add_row(
            data_text(name(row.unit)),
            Text(number(row.owed, lang)),
            Text(number(row.on_time, lang), style="green" if row.on_time else ""),
            Text(number(row.late, lang), style="dark_orange" if row.late else ""),
            Text(number(row.missing, lang), style="bold red" if row.missing else ""),
        )
    return table


def missing_table(view: View, reporting: Reporting) -> Table:
    """Every missing item, most overdue first."""
    lang, name = view.lang, unit_namer(view.outcome)
    table = Table(title=word("reporting.missing_title", lang), title_justify="left", expand=True)
    table.add_column(word("reporting.unit", lang), ratio=2)
    table.add_column(word("reporting.kind", lang), ratio=2)
    table.add_column(word("reporting.subject", lang), ratio=4)
    table.add_column(word("reporting.year", lang), no_wrap=True)
    table.add_column(word("reporting.due", lang), no_wrap=True)
    table.add_column(word("reporting.days_overdue", lang), justify="right", max_width=8)
    for item in reporting.missing:
        subject = data_text(item.subject, style="bold")
        about = _about(view, item.kind, item.subject)
        if about:
            subject.append("\n" + printable(about), style="dim")
        table.add_row(
            data_text(name(item.unit)),
            Text(word(f"reporting.kind.{item.kind}", lang)),
            subject,
            Text(str(item.year)),
            Text(day(item.due)),
            Text(number(item.days_overdue(reporting.as_of), lang), style="bold red"),
        )
    return table


def _about(view: View, kind: str, subject: str) -> str:
    """What a missing item is about, in a few words (a target's name, a task's text)."""
    index, lang = view.outcome.index, view.lang
    if kind == "figure":
        target = index.targets.items.get(subject)
        if target is not None:
            return target.name if lang == "vi" else target.name_en
    if kind == "task_report":
        task = index.tasks.items.get(subject)
        if task is not None:
            return _short(task.text, 60)
    return ""


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
