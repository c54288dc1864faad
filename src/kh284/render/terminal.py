r"""The ``terminal`` format: rich tables for people, diagnostics as ``file:line:col`` lines.

Functions return text (ANSI colours included only when asked); the CLI prints it.  Text
from data goes through ``data_text`` (or a ``layout.Para``): ``rich.text.Text`` (never
markup, so brackets in data files cannot inject styles) of ``printable`` (so control
characters, such as an escape sequence, and a right-to-left override show as ``\x1b``,
``\u202e``, never act).  Tables are fitted to the width by ``layout``: no word is broken,
what must happen next keeps its column, the rest folds under the first column.  A
diagnostic is one line whatever the width (``WholeLine``); every other line wraps in words.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.text import Text

from kh284.diagnostics import Diagnostic, Severity
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.targets import TargetResult
from kh284.evaluate.tasks import Headline, TaskResult
from kh284.i18n import (
    REPORT_STATES,
    TARGET_LABELS,
    TASK_LABELS,
    day,
    label,
    number,
    percent,
    pick,
    target_goal,
    word,
)
from kh284.i18n.statuses import TARGET_STATUSES, TASK_STATUSES
from kh284.pipeline import Outcome
from kh284.render import layout
from kh284.render.layout import Cell, Column, Fitted, Para
from kh284.render.view import View

#: A task's text is clipped to this many lines (a target's name to ``NAME_LINES``), so a
#: row stays a few lines however narrow the table; ``kh284 tasks --format json`` has it all.
TASK_LINES = 3
NAME_LINES = 3
#: A column of running text is never narrower than this (else it reads a word a line);
#: a target's reason, short figures and words, a little narrower, so that at 120 columns
#: the progress bar keeps its column beside it.
LEAST_TEXT = 24
LEAST_REASON = 20

#: The terminal style of each status (the one table of status records, ``i18n.statuses``).
TARGET_STYLES = {str(s): r.style for s, r in TARGET_STATUSES.items()}
TASK_STYLES = {str(s): r.style for s, r in TASK_STATUSES.items()}
SEVERITY_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def data_text(text: str, style: str = "") -> Text:
    """Text from data, shown: unprintable characters escaped, no markup."""
    return Text(printable(text), style=style)


class WholeLine(Text):
    """A line never wrapped, whatever the width: ``file:line:col`` parsers see it whole."""


def to_text(renderables: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """Render rich objects to a string ``width`` wide (a ``WholeLine`` may be wider)."""
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
        console.print(item, soft_wrap=isinstance(item, WholeLine))
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
        parts.extend(targets_tables(view.outcome, view.lang, view.width))
    if view.show_tasks and view.outcome.evaluated:
        namer = unit_namer(view.outcome)
        parts.append(headline_line(view.shown_headline, view.lang, view.width))
        table = overdue_table if view.command == "overdue" else tasks_table
        fitted = table(view.tasks, view.lang, namer, view.width)
        parts.append(fitted.table)
        if fitted.dropped:
            parts.append(dropped_note(fitted.dropped, view.width, view.lang))
    if about_plan:
        parts.append(Text(word("table.plan_text", view.lang, count=len(about_plan)), style="dim"))
    return to_text(parts, color=view.color, width=view.width)


def unit_namer(outcome: Outcome) -> Callable[[str], str]:
    """A function giving a unit's short name from its id."""
    return outcome.index.short_name


def diagnostic_line(view: View, diag: Diagnostic, *, waived: bool = False) -> Text:
    """``file:line:col: severity CODE message``, one line."""
    line = WholeLine()
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


def _bar(result: TargetResult, width: int = 12) -> str:
    share = progress_share(result)
    if share is None:
        return ""
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def targets_tables(outcome: Outcome, lang: str, width: int) -> list[RenderableType]:
    """One table per group of targets, fitted to ``width`` (``layout.table``).

    What a verdict is comes first: the target, its goal, the latest figure and the status
    keep their columns; the reason (``Why``) folds under the target's name when the width
    is short, and the progress bar, which only repeats the status, is left out (said once,
    after the tables) before any of them.  The groups' tables share their column widths.
    """
    groups: dict[str, list[int]] = {}
    for i, result in enumerate(outcome.targets):
        groups.setdefault(result.target.group, []).append(i)
    if not groups:
        return []
    fitted = layout.table(
        target_columns(outcome.targets, lang),
        width,
        groups=[
            (data_text(outcome.index.group_name(group, lang), style="bold"), rows)
            for group, rows in groups.items()
        ],
    )
    tables: list[RenderableType] = list(fitted.tables)
    if fitted.dropped:
        tables.append(dropped_note(fitted.dropped, width, lang))
    return tables


def target_column(results: list[TargetResult], lang: str) -> Column:
    """Each target's id and, under it, its name: the column that hosts what folds."""
    return Column(
        word("table.target", lang),
        [
            [
                Para(r.target.id, "bold", whole=True),
                Para(pick((r.target.name, r.target.name_en), lang), "dim", lines=NAME_LINES),
            ]
            for r in results
        ],
        flex=True,
        least=LEAST_TEXT,
    )


def goal_column(results: list[TargetResult], lang: str) -> Column:
    """Each target's goal, kept whole at every width."""
    return Column(
        word("table.goal", lang),
        [[Para(goal_text(r, lang), whole=True)] for r in results],
        keep=True,
        priority=4,
    )


def target_columns(results: list[TargetResult], lang: str) -> list[Column]:
    """The columns of a group of targets (the first, the target, hosts what folds)."""
    return [
        target_column(results, lang),
        goal_column(results, lang),
        Column(
            word("table.latest", lang),
            [[Para(latest_text(r, lang), whole=True)] for r in results],
            keep=True,
            priority=3,
        ),
        Column(
            word("table.progress", lang),
            [[Para(_bar(r), TARGET_STYLES[r.status], whole=True)] for r in results],
            fold=False,
        ),
        Column(
            word("table.status", lang),
            [
                # the verdict is one phrase: never split ("Needs / acceleration")
                [Para(label(TARGET_LABELS, r.status, lang), TARGET_STYLES[r.status], whole=True)]
                for r in results
            ],
            keep=True,
            priority=5,
        ),
        Column(
            word("table.why", lang),
            [[Para(pick((r.reason_vi, r.reason_en), lang))] for r in results],
            flex=True,
            least=LEAST_REASON,
            priority=1,
        ),
    ]


def latest_text(result: TargetResult, lang: str) -> str:
    """The latest figure and its year, ``32,4 (2025)``; ``—`` when there is none."""
    if result.latest_value is None:
        return "—"
    return f"{number(result.latest_value, lang)} ({result.latest_year})"


def dropped_note(headers: list[str], width: int, lang: str) -> Text:
    """Which columns were left out to fit ``width``, and how to see them."""
    names = ", ".join(headers)
    return Text(word("layout.dropped", lang, columns=names, width=width), style="dim")


def headline_line(head: Headline | None, lang: str, width: int | None = None) -> Text:
    """The completion rate of deliverables already due.

    Wider than ``width``, it breaks before its parenthesis (the counts), not at whichever
    word comes last: the rate on one line, how it was counted on the next.
    """
    if head is None:
        return Text("")
    rate = percent(head.rate, lang, 0)
    text = word(
        "common.headline",
        lang,
        rate=rate,
        done=head.done,
        due=head.due,
        on_time=head.done_on_time,
        overdue=head.overdue,
    )
    if width is not None and cell_len(text) > width:
        text = text.replace(" (", "\n(", 1)
    return Text(text, style="bold")


def task_cell(row: TaskResult) -> Cell:
    """The first cell of a task row: its label, and what it is, in at most three lines."""
    return [Para(row.label, "bold"), Para(row.task.text, lines=TASK_LINES)]


def due_cell(row: TaskResult) -> Cell:
    """The due date, and under it the plan's own wording of the deadline it was read from.

    Every due date is worked out (the end of a year, an event plus some months), so the
    wording (``Năm 2025``, ``Khi Luật được ban hành``) stays beside it; with no date (ongoing,
    waiting for an event) the wording is all there is.
    """
    wording = row.task.deadline.text
    if row.deliverable.due is None:
        return [Para(wording)]
    return [Para(day(row.deliverable.due), whole=True), Para(wording, "dim")]


def lead_cell(row: TaskResult, unit_name: Callable[[str], str]) -> Cell:
    """The lead units, one short name a line; their successors after an arrow."""
    names = [unit_name(u) for u in row.lead]
    if row.lead_now != row.lead:
        names[-1] += " →"
        names += [unit_name(u) for u in row.lead_now]
    return [Para(name, whole=True) for name in names]


def _due_column(rows: list[TaskResult], lang: str, priority: int) -> Column:
    # the date on one line, the wording beneath it in at most three more; the task's text
    # has the room first, the wording what is left
    return Column(
        word("table.due", lang),
        [due_cell(r) for r in rows],
        keep=True,
        priority=priority,
        lines=4,
        want_lines=4,
    )


def tasks_table(
    rows: list[TaskResult], lang: str, unit_name: Callable[[str], str], width: int
) -> Fitted:
    """All task deliverables with their status, fitted to ``width``."""
    columns = [
        _task_column(rows, lang),
        Column(
            word("table.status", lang),
            [[Para(label(TASK_LABELS, r.status, lang), TASK_STYLES[r.status])] for r in rows],
            keep=True,
            priority=3,
            want_lines=2,  # the task's text has the room before it takes one line
        ),
        _lead_column(rows, unit_name, lang, priority=2),
        _due_column(rows, lang, priority=1),
    ]
    return layout.table(columns, width)


def _task_column(rows: list[TaskResult], lang: str) -> Column:
    """Each deliverable's label and the task's text: the column that hosts what folds."""
    return Column(
        word("table.task", lang), [task_cell(r) for r in rows], flex=True, least=LEAST_TEXT
    )


def _lead_column(
    rows: list[TaskResult], unit_name: Callable[[str], str], lang: str, *, priority: int
) -> Column:
    """The lead units (and who carries on for a former one), whole, at every width."""
    return Column(
        word("table.lead", lang),
        [lead_cell(r, unit_name) for r in rows],
        keep=True,
        priority=priority,
    )


def overdue_table(
    rows: list[TaskResult], lang: str, unit_name: Callable[[str], str], width: int
) -> Fitted:
    """Overdue deliverables, most overdue first: how late, who leads, when it was due.

    What the last report said is the first to fold under the task when the width is short.
    """

    def last(r: TaskResult) -> str:
        # what the last report said (the unit's words), not a verdict on the deliverable
        if r.last_report in REPORT_STATES:
            return pick(REPORT_STATES[r.last_report], lang)
        return r.last_report or word("table.none", lang)

    columns = [
        _task_column(rows, lang),
        Column(
            word("table.days", lang),
            [[Para(number(r.days_overdue, lang), "bold red", whole=True)] for r in rows],
            keep=True,
            priority=4,
            justify="right",
        ),
        _lead_column(rows, unit_name, lang, priority=3),
        _due_column(rows, lang, priority=2),
        Column(word("table.last", lang), [[Para(last(r), whole=True)] for r in rows], priority=1),
    ]
    return layout.table(columns, width)
