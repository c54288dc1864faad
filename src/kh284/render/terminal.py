r"""The ``terminal`` format: rich tables for people, diagnostics as ``file:line:col`` lines.

Functions return text (ANSI colours included only when asked); the CLI prints it.  Text
from data goes through ``data_text``: ``rich.text.Text`` (never markup, so brackets in data
files cannot inject styles) of ``printable`` (so control characters, such as an escape
sequence, and a right-to-left override show as ``\x1b``, ``\u202e``, never act).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from kh284.diagnostics import Diagnostic, Severity
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.targets import TargetResult
from kh284.evaluate.tasks import Headline, TaskResult
from kh284.i18n import REPORT_STATES, TARGET_LABELS, TASK_LABELS, label, pick, target_goal, word
from kh284.pipeline import Outcome
from kh284.render.view import View

TARGET_STYLES = {
    "achieved": "green",
    "on_track": "green",
    "needs_acceleration": "yellow",
    "stagnating": "red",
    "not_maintained": "red",
    "missed": "bold red",
    "no_data": "dim",
    "insufficient_data": "dim yellow",
}
TASK_STYLES = {
    "done_on_time": "green",
    "done_late": "dark_orange",
    "in_progress": "blue",
    "overdue": "bold red",
    "not_due": "dim",
    "waiting_for_event": "dim",
    "ongoing": "cyan",
}
SEVERITY_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def data_text(text: str, style: str = "") -> Text:
    """Text from data, shown: unprintable characters escaped, no markup."""
    return Text(printable(text), style=style)


def to_text(renderables: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """Render rich objects to a string."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for item in renderables:
        # a line of text is never wrapped, so ``file:line:col`` parsers see whole lines
        console.print(item, soft_wrap=isinstance(item, Text))
    return buffer.getvalue()


def render(view: View) -> str:
    """The terminal report of a command (the summary line goes to stderr, not here)."""
    full = view.verbose or view.command == "validate"
    # findings about the published plan text: no user can fix them, so outside validate
    # one line counts them, after what was asked for
    about_plan = [d for d in view.diagnostics if d.about == "plan" and not full]
    parts: list[RenderableType] = [
        diagnostic_line(view, d)
        for d in view.diagnostics
        if full or d.about not in ("target", "task", "plan")
    ]
    if view.show_waived:
        parts.extend(diagnostic_line(view, d, waived=True) for d, _ in view.waived)
    if view.show_targets:
        parts.extend(targets_tables(view.outcome, view.lang))
    if view.show_tasks and view.outcome.evaluated:
        namer = unit_namer(view.outcome)
        parts.append(headline_line(view.shown_headline, view.lang))
        if view.command == "overdue":
            parts.append(overdue_table(view.tasks, view.lang, namer, view.width))
        else:
            parts.append(tasks_table(view.tasks, view.lang, namer, view.width))
    if about_plan:
        parts.append(Text(word("table.plan_text", view.lang, count=len(about_plan)), style="dim"))
    return to_text(parts, color=view.color, width=view.width)


def unit_namer(outcome: Outcome) -> Callable[[str], str]:
    """A function giving a unit's short name from its id."""
    units = outcome.index.units.items

    def name(unit_id: str) -> str:
        unit = units.get(unit_id)
        return unit.short_name if unit else unit_id

    return name


def diagnostic_line(view: View, diag: Diagnostic, *, waived: bool = False) -> Text:
    """``file:line:col: severity CODE message``."""
    line = Text()
    loc = diag.location
    where = view.path(loc.file)
    if loc.line is not None:
        where += f":{loc.line}:{loc.column or 1}"
    line.append(printable(where), style="bold")
    line.append(": ")
    line.append(diag.severity.label, style=SEVERITY_STYLES[diag.severity])
    line.append(f" {diag.code} ", style="bold")
    line.append(printable(diag.message(view.lang)))
    if waived:
        line.append(f" ({word('common.waived', view.lang)})", style="dim")
    return line


def goal_text(result: TargetResult, lang: str) -> str:
    """``≥ 90%``, ``≈ 35% (±2.5)``, ``≥ 20% /năm`` (``/year`` in English)."""
    return target_goal(result.target, lang)


def progress_share(result: TargetResult) -> float | None:
    """How far along the way to the target a verdict says it is, 0 to 1 (None: unknown).

    Achieved is all the way; a trend verdict is its progress ratio (projected progress
    over the distance to the target), clamped to 0–1, so a stagnating or falling target
    draws an empty bar; a target with no trend (no data, one point, missed, not
    maintained) draws none.
    """
    if result.status == "achieved":
        return 1.0
    if result.status in ("on_track", "needs_acceleration", "stagnating"):
        return 0.0 if result.ratio is None else max(0.0, min(1.0, result.ratio))
    return None


def _bar(result: TargetResult, width: int = 12) -> Text:
    share = progress_share(result)
    if share is None:
        return Text("")
    filled = round(share * width)
    return Text("█" * filled + "░" * (width - filled), style=TARGET_STYLES[result.status])


def targets_tables(outcome: Outcome, lang: str) -> list[RenderableType]:
    """One table per group of targets."""
    groups: dict[str, list[TargetResult]] = {}
    for result in outcome.targets:
        groups.setdefault(result.target.group, []).append(result)
    tables: list[RenderableType] = []
    for group, results in groups.items():
        title = data_text(outcome.index.group_name(group, lang), style="bold")
        table = Table(title=title, title_justify="left", expand=True)
        table.add_column(word("table.target", lang), ratio=3)
        table.add_column(word("table.goal", lang), no_wrap=True)
        table.add_column(word("table.latest", lang), no_wrap=True)
        table.add_column(word("table.progress", lang), no_wrap=True)
        table.add_column(word("table.status", lang), no_wrap=True)
        table.add_column(word("table.why", lang), ratio=3)
        for r in results:
            latest = "—" if r.latest_value is None else f"{r.latest_value:g} ({r.latest_year})"
            name = r.target.name if lang == "vi" else r.target.name_en
            cell = data_text(r.target.id, style="bold")
            cell.append("\n" + printable(name), style="dim")
            table.add_row(
                cell,
                Text(goal_text(r, lang)),
                Text(latest),
                _bar(r),
                Text(label(TARGET_LABELS, r.status, lang), style=TARGET_STYLES[r.status]),
                data_text(r.reason_vi if lang == "vi" else r.reason_en),
            )
        tables.append(table)
    return tables


def headline_line(head: Headline | None, lang: str) -> Text:
    """The completion rate of deliverables already due."""
    if head is None:
        return Text("")
    rate = "—" if head.rate is None else f"{head.rate:.0f}%"
    text = word(
        "common.headline",
        lang,
        rate=rate,
        done=head.done,
        due=head.due,
        on_time=head.done_on_time,
        overdue=head.overdue,
    )
    return Text(text, style="bold")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tasks_table(
    rows: list[TaskResult], lang: str, unit_name: Callable[[str], str], width: int
) -> Table:
    """All task deliverables with their status."""
    table = Table(expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column(word("table.task", lang), ratio=3)
    table.add_column(word("table.lead", lang), ratio=1)
    table.add_column(word("table.due", lang), no_wrap=True)
    table.add_column(word("table.status", lang), no_wrap=True)
    for r in rows:
        due = r.deliverable.due.strftime("%d/%m/%Y") if r.deliverable.due else r.task.deadline.text
        table.add_row(
            data_text(r.label),
            data_text(_short(r.task.text, max(30, width // 2))),
            data_text(_lead(r, unit_name)),
            data_text(due),
            Text(label(TASK_LABELS, r.status, lang), style=TASK_STYLES[r.status]),
        )
    return table


def _lead(row: TaskResult, unit_name: Callable[[str], str]) -> str:
    lead = ", ".join(unit_name(u) for u in row.lead)
    if row.lead_now != row.lead:
        lead += " → " + ", ".join(unit_name(u) for u in row.lead_now)
    return lead


def overdue_table(
    rows: list[TaskResult], lang: str, unit_name: Callable[[str], str], width: int
) -> Table:
    """Overdue deliverables, most overdue first."""
    table = Table(expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column(word("table.task", lang), ratio=3)
    table.add_column(word("table.lead", lang), ratio=1)
    table.add_column(word("table.due", lang), no_wrap=True)
    table.add_column(word("table.days", lang), justify="right", no_wrap=True)
    table.add_column(word("table.last", lang), no_wrap=True)
    for r in rows:
        due = r.deliverable.due.strftime("%d/%m/%Y") if r.deliverable.due else ""
        # what the last report said (the unit's words), not a verdict on the deliverable
        last = (
            pick(REPORT_STATES[r.last_report], lang)
            if r.last_report in REPORT_STATES
            else (r.last_report or word("table.none", lang))
        )
        table.add_row(
            data_text(r.label),
            data_text(_short(r.task.text, max(30, width // 2))),
            data_text(_lead(r, unit_name)),
            data_text(due),
            Text(str(r.days_overdue), style="bold red"),
            data_text(last),
        )
    return table
