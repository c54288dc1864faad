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
from collections.abc import Callable, Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.text import Text

from kh284.diagnostics import Diagnostic
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.targets import TargetResult
from kh284.evaluate.tasks import Headline
from kh284.i18n import REPORT_STATES, number, percent, pick, word
from kh284.i18n.statuses import TaskStatus
from kh284.pipeline import Outcome
from kh284.render import findings, layout
from kh284.render.layout import Cell, Column, Fitted, Para
from kh284.render.view import View
from kh284.views import Model, TargetView, TaskView

#: A task's text is clipped to this many lines (a target's name to ``NAME_LINES``), so a
#: row stays a few lines however narrow the table; ``kh284 tasks --format json`` has it all.
TASK_LINES = 3
NAME_LINES = 3
#: A column of running text is never narrower than this (else it reads a word a line);
#: a target's reason, short figures and words, a little narrower, so that at 120 columns
#: the progress bar keeps its column beside it.
LEAST_TEXT = 24
LEAST_REASON = 20


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
    lines, last = findings.shown(view)
    parts: list[RenderableType] = [WholeLine.assemble(*segments) for segments in lines]
    first = view.show_targets and view.show_tasks and view.outcome.evaluated
    if first:  # check: the headline and what must happen next, before the tables
        parts.extend(actions(view))
    if view.show_targets:
        parts.extend(targets_tables(view.outcome, view.model, view.width))
    if view.show_tasks and view.outcome.evaluated:
        model = view.model
        if not first:
            parts.append(headline_line(model.headline, view.lang, view.width))
        table = overdue_table if view.command == "overdue" else tasks_table
        fitted = table(list(model.tasks), view.lang, model.unit_name, view.width)
        parts.append(fitted.table)
        if fitted.dropped:
            parts.append(dropped_note(fitted.dropped, view.width, view.lang))
    if last is not None:
        parts.append(Text.assemble(*last))
    return to_text(parts, color=view.color, width=view.width)


def actions(view: View) -> list[RenderableType]:
    """``check``'s first page: the headline (what cannot be judged first), then what next.

    What must happen next: the overdue deliverables, what falls due soon, who owes reports.
    """
    model, lang, width = view.model, view.lang, view.width
    parts: list[RenderableType] = [
        targets_headline_line(model, lang),
        headline_line(model.headline, lang, width),
    ]
    overdue = sorted(
        (t for t in model.tasks if t.status == TaskStatus.OVERDUE),
        key=lambda t: (-(t.days_late or 0), t.result.task.number),
    )
    if overdue:
        parts.append(Text(word("table.overdue_now", lang, count=len(overdue)), style="bold"))
        parts.append(overdue_table(overdue, lang, model.unit_name, width).table)
    if model.due_within is not None and model.due_soon:
        heading = word("table.due_soon", lang, days=model.due_within, count=len(model.due_soon))
        parts.append(Text(heading, style="bold"))
        parts.append(tasks_table(list(model.due_soon), lang, model.unit_name, width).table)
    owing = [u for u in model.units if u.reports and u.reports.get("missing")]
    if owing:
        owing.sort(key=lambda u: -(u.reports or {}).get("missing", 0))
        units = ", ".join(
            f"{printable(u.short_name)} ({(u.reports or {})['missing']})" for u in owing
        )
        parts.append(Text(word("table.owing", lang, units=units)))
    return parts


def targets_headline_line(model: Model, lang: str) -> Text:
    """How many targets cannot be judged (and who owes them), failed, went well, are stale."""
    unit_name = model.unit_name
    text = model.target_headline.sentence(
        "common.targets_headline", lang, lambda u: printable(unit_name(u))
    )
    return Text(text, style="bold")


def diagnostic_line(view: View, diag: Diagnostic, *, waived: bool = False) -> Text:
    """``file:line:col: severity CODE message``, one line (worded by ``render.findings``)."""
    return WholeLine.assemble(*findings.diagnostic_segments(view, diag, waived=waived))


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


def _bar(target: TargetView, width: int = 12) -> str:
    share = progress_share(target.result)
    if share is None:
        return ""
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def targets_tables(outcome: Outcome, model: Model, width: int) -> list[RenderableType]:
    """One table per group of targets, fitted to ``width`` (``layout.table``).

    What a verdict is comes first: the target, its goal, the latest figure and the status
    keep their columns; the reason (``Why``) folds under the target's name when the width
    is short, and the progress bar, which only repeats the status, is left out (said once,
    after the tables) before any of them.  The groups' tables share their column widths.
    Every fact is the model's (``views``): the goal's wording, the status's word and style.
    """
    lang = model.lang
    groups: dict[str, list[int]] = {}
    for i, target in enumerate(model.targets):
        groups.setdefault(target.result.target.group, []).append(i)
    if not groups:
        return []
    fitted = layout.table(
        target_columns(list(model.targets), lang),
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


def target_column(targets: Sequence[tuple[str, str]], lang: str) -> Column:
    """Each target's id and, under it, its name: the column that hosts what folds."""
    return Column(
        word("table.target", lang),
        [
            [Para(id_, "bold", whole=True), Para(name, "dim", lines=NAME_LINES)]
            for id_, name in targets
        ],
        flex=True,
        least=LEAST_TEXT,
    )


def goal_column(goals: Sequence[str], lang: str) -> Column:
    """Each target's goal (the model's wording, ``Goal.text``), kept whole at every width."""
    return Column(
        word("table.goal", lang),
        [[Para(goal, whole=True)] for goal in goals],
        keep=True,
        priority=4,
    )


def target_columns(targets: list[TargetView], lang: str) -> list[Column]:
    """The columns of a group of targets (the first, the target, hosts what folds)."""
    return [
        target_column([(t.id, t.name) for t in targets], lang),
        goal_column([t.goal.text for t in targets], lang),
        Column(
            word("table.latest", lang),
            [[Para(latest_text(t, lang), whole=True)] for t in targets],
            keep=True,
            priority=3,
        ),
        Column(
            word("table.progress", lang),
            [[Para(_bar(t), t.look.style, whole=True)] for t in targets],
            fold=False,
        ),
        Column(
            word("table.status", lang),
            # the verdict is one phrase: never split ("Needs / acceleration")
            [[Para(t.word, t.look.style, whole=True)] for t in targets],
            keep=True,
            priority=5,
        ),
        Column(
            word("table.why", lang),
            [[Para(t.reason)] for t in targets],
            flex=True,
            least=LEAST_REASON,
            priority=1,
        ),
    ]


def latest_text(target: TargetView, lang: str) -> str:
    """The latest figure and its year, ``32,4 (2025)``; ``—`` when there is none."""
    if target.latest_value is None:
        return "—"
    return f"{number(target.latest_value, lang)} ({target.latest_year})"


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


def task_cell(row: TaskView) -> Cell:
    """The first cell of a task row: its label, and what it is, in at most three lines."""
    return [Para(row.label, "bold"), Para(row.text, lines=TASK_LINES)]


def due_cell(row: TaskView) -> Cell:
    """The due date, and under it the plan's own wording of the deadline it was read from.

    Every due date is worked out (the end of a year, an event plus some months), so the
    wording (``Năm 2025``, ``Khi Luật được ban hành``) stays beside it; with no date (ongoing,
    waiting for an event) the wording is all there is.
    """
    if row.due is None:
        return [Para(row.due_text)]
    return [Para(row.due_text, whole=True), Para(row.deadline_text, "dim")]


def lead_cell(row: TaskView, unit_name: Callable[[str], str]) -> Cell:
    """The lead units, one short name a line; their successors after an arrow."""
    names = [unit_name(u) for u in row.lead]
    if row.lead_now != row.lead:
        names[-1] += " →"
        names += [unit_name(u) for u in row.lead_now]
    return [Para(name, whole=True) for name in names]


def _due_column(rows: list[TaskView], lang: str, priority: int) -> Column:
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
    rows: list[TaskView], lang: str, unit_name: Callable[[str], str], width: int
) -> Fitted:
    """All task deliverables with their status, fitted to ``width``."""
    columns = [
        _task_column(rows, lang),
        Column(
            word("table.status", lang),
            [[Para(r.word, r.look.style)] for r in rows],
            keep=True,
            priority=3,
            want_lines=2,  # the task's text has the room before it takes one line
        ),
        _lead_column(rows, unit_name, lang, priority=2),
        _due_column(rows, lang, priority=1),
    ]
    return layout.table(columns, width)


def _task_column(rows: list[TaskView], lang: str) -> Column:
    """Each deliverable's label and the task's text: the column that hosts what folds."""
    return Column(
        word("table.task", lang), [task_cell(r) for r in rows], flex=True, least=LEAST_TEXT
    )


def _lead_column(
    rows: list[TaskView], unit_name: Callable[[str], str], lang: str, *, priority: int
) -> Column:
    """The lead units (and who carries on for a former one), whole, at every width."""
    return Column(
        word("table.lead", lang),
        [lead_cell(r, unit_name) for r in rows],
        keep=True,
        priority=priority,
    )


def overdue_table(
    rows: list[TaskView], lang: str, unit_name: Callable[[str], str], width: int
) -> Fitted:
    """Overdue deliverables, most overdue first: how late, who leads, when it was due.

    What the last report said is the first to fold under the task when the width is short.
    """

    def last(r: TaskView) -> str:
        # what the last report said (the unit's words), not a verdict on the deliverable
        if r.last_report in REPORT_STATES:
            return pick(REPORT_STATES[r.last_report], lang)
        return r.last_report or word("table.none", lang)

    columns = [
        _task_column(rows, lang),
        Column(
            word("table.days", lang),
            [[Para(number(r.days_late, lang), r.look.style, whole=True)] for r in rows],
            keep=True,
            priority=4,
            justify="right",
        ),
        _lead_column(rows, unit_name, lang, priority=3),
        _due_column(rows, lang, priority=2),
        Column(word("table.last", lang), [[Para(last(r), whole=True)] for r in rows], priority=1),
    ]
    return layout.table(columns, width)
