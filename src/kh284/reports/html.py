r"""The offline HTML dashboard: one self-contained file, no request of any kind.

Everything is inline: the CSS, the SVG charts (from ``charts``), a ``data:`` icon so the
browser does not look for ``favicon.ico``.  A Content-Security-Policy of
``default-src 'none'`` makes the "no request" promise hold even if a data file smuggled a
URL into the text; every piece of user text goes through ``e``: ``printable`` (a control
character or a right-to-left override shows as ``\x1b``, ``\u202e``), then
``html.escape`` (``css_string`` for the print header, which CSS draws).

Page one is an action page: the headline, then what needs attention worst first (targets
falling short, overdue tasks with their unit and days late, units that owe reports, targets
nobody has reported with the unit that owes the figure and the command that makes its
template), and a roll-up by unit, all before any chart.  Then the targets as small
multiples (one chart each, worst first), the task table, and an appendix with every figure
and the document it came from.  Every fact shown is the model's (``content.model``): a
target's status (word, shape, colours), goal wording, latest figure, reason; a
deliverable's status, due date as written, days late and who leads it now; each unit's
roll-up.  Every status shows its shape (``Look.symbol``) beside its word, so statuses read
without colour.  ``@page`` rules print
on A4 with the as-of date on top of every page and the page number at the bottom; at phone
width everything stacks and no table is wider than the window.
"""

from __future__ import annotations

import html
import shlex
from collections.abc import Iterable
from typing import Any

from kh284 import __version__, i18n
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.series import Point
from kh284.i18n.statuses import (
    TARGET_STATUSES,
    TASK_STATUSES,
    Look,
    TargetStatus,
    TaskStatus,
    by_attention,
)
from kh284.reports.content import Content, word
from kh284.views import TargetView, TaskView, UnitView
from kh284.views.model import by_lead_unit

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
#: Task text longer than this is shortened in the table (the full text is its tooltip).
TASK_TEXT_LIMIT = 220
#: ... and in the action page's list of overdue tasks.
SHORT_TEXT_LIMIT = 110
#: How many of a unit's missing reports the action page names (the rest are counted).
MISSING_NAMED = 4
STYLE = """
:root { --ink: #1f2328; --muted: #595f66; --line: #d0d4d9; --head: #1a4d8f; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f6f7f9;
  font: 14px/1.45 "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; overflow-wrap: break-word; }
header.page { border-bottom: 3px solid var(--head); margin-bottom: 14px; padding-bottom: 8px; }
header.page h1 { font-size: 22px; margin: 0 0 4px; color: var(--head); }
header.page p { margin: 2px 0; color: var(--muted); }
h2 { font-size: 18px; margin: 24px 0 8px; color: var(--head); }
h3 { font-size: 15px; margin: 16px 0 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
  min-width: 120px; flex: 1 1 120px; }
.card .big { font-size: 30px; font-weight: 700; color: var(--head); }
.card .num { font-size: 22px; font-weight: 700; }
.card .cap { color: var(--muted); font-size: 12px; }
.chips, .legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.chip, .badge { display: inline-block; border-radius: 10px; padding: 1px 9px;
  color: var(--on); background: var(--c); border: 1px solid #6b6f75; font-size: 12px; }
.badge { white-space: nowrap; }
.chip.zero { background: #fff; color: var(--muted); border-style: dashed; }
.sym { font-family: "DejaVu Sans", "Segoe UI Symbol", sans-serif; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
table.act td.st { white-space: nowrap; border-left: 5px solid var(--c); }
table.act, table.units { font-size: 13px; }
code { font-size: 12px; background: #f0f2f5; padding: 0 3px; overflow-wrap: anywhere; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 6px;
  margin-top: 12px; }
a.tile { display: flex; flex-direction: column; gap: 2px; padding: 6px 9px; color: var(--ink);
  text-decoration: none; background: var(--bg); border-left: 5px solid var(--c); border-radius: 5px;
  font-size: 12px; }
a.tile .name { font-weight: 600; line-height: 1.25; }
a.tile .value { color: var(--muted); }
a.tile .stale { font-size: 0.85em; font-style: italic; }
a.tile .badge { align-self: flex-start; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
  grid-auto-flow: row dense; gap: 10px; }
article.target { background: #fff; border: 1px solid var(--line); border-top: 5px solid var(--c);
  border-radius: 6px; padding: 8px 10px; min-width: 0; }
article.target.wide { grid-column: span 2; }
article.target h4 { margin: 0 0 4px; font-size: 13px; line-height: 1.3; }
article.target h4 small { color: var(--muted); font-weight: 400; }
figure.chart { margin: 4px 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
dl.components { margin: 0; display: flex; flex-wrap: wrap; gap: 0 10px; font-size: 12px; }
dl.components dt { white-space: nowrap; }
dl.components dt { display: inline; color: var(--muted); }
dl.components dt::after { content: ":"; }
dl.components dd { display: inline; margin: 0 0 0 3px; }
table.tasks { font-size: 13px; table-layout: fixed; }
table.tasks col.id { width: 10%; } table.tasks col.text { width: 36%; }
table.tasks col.lead { width: 11%; } table.tasks col.due { width: 10%; }
table.tasks col.st { width: 12%; } table.tasks col.ev { width: 21%; }
table.tasks tr.task td { background: var(--bg); }
table.tasks td.status { border-left: 5px solid var(--c); }
table.sources, table.documents { font-size: 11px; table-layout: fixed; }
table.sources col.t { width: 30%; } table.sources col.f { width: 70%; }
table.documents col.n { width: 5%; } table.documents col.doc { width: 50%; }
table.documents col.by { width: 17%; } table.documents col.file { width: 28%; }
.fig { white-space: nowrap; }
table.nofig { table-layout: fixed; }
table.nofig col.u { width: 14%; } table.nofig col.c { width: 9%; }
table.nofig col.t { width: 47%; } table.nofig col.cmd { width: 30%; }
.file { color: var(--muted); }
.note { color: var(--muted); font-size: 12px; margin: 2px 0 6px; }
.lines .key { display: inline-flex; align-items: center; gap: 5px; font-size: 12px; }
.ln { display: inline-block; width: 26px; height: 0; border-top: 2px solid #595f66; }
.ln-rep { border-top: 2.5px solid #1f2328; } .ln-trend { border-top: 2px dotted #1f2328; }
.ln-goal { border-top: 1.5px dashed #424242; } .ln-path { border-top: 1.5px dashed #7a7f87; }
.ln-due { border-top: 0; width: 0; height: 14px; border-left: 1.5px dashed #9e9e9e; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 20px; color: var(--muted); font-size: 12px; }
@media (max-width: 640px) {
  main { padding: 10px 10px 24px; }
  header.page h1 { font-size: 18px; }
  .multiples { grid-template-columns: minmax(0, 1fr); }
  article.target.wide { grid-column: auto; }
  .tiles { grid-template-columns: minmax(0, 1fr); }
  table.sources, table.documents, table.tasks, table.nofig { table-layout: auto; min-width: 0; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
  table.stack thead { display: none; }
  table.stack tr { border: 1px solid var(--line); margin: 0 0 6px; background: var(--bg, #fff); }
  table.stack td { border: 0; border-bottom: 1px solid #eef0f2; text-align: left; }
  table.stack td.n { white-space: normal; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted);
    font-size: 12px; }
  .fig { white-space: normal; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 9pt; line-height: 1.3; }
  main { max-width: none; padding: 0; }
  header.page h1 { font-size: 14pt; }
  h2 { font-size: 12pt; margin: 10px 0 4px; break-after: avoid; }
  h3 { font-size: 10pt; margin: 8px 0 4px; break-after: avoid; }
  .card { padding: 4px 8px; }
  .card .big { font-size: 18pt; } .card .num { font-size: 14pt; }
  #overview { display: none; }
  .multiples { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; }
  article.target { padding: 4px 6px; break-inside: avoid; }
  article.target h4 { font-size: 8pt; }
  dl.components { font-size: 7.5pt; }
  table.act, table.units, table.tasks { font-size: 8pt; }
  th, td { padding: 1px 4px; }
  .chip, .badge { padding: 0 5px; }
  table.sources, table.documents { font-size: 7pt; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  #targets, #tasks { break-before: page; }
  a { color: inherit; text-decoration: none; }
  footer { margin-top: 6px; font-size: 7pt; }
}
"""


def _w(key: str, lang: str, **args: object) -> str:
    return i18n.word(f"html.{key}", lang, **args)


def _d(key: str, lang: str, **args: object) -> str:
    return i18n.word(f"dashboard.{key}", lang, **args)


def e(value: object) -> str:
    """Escape any value for HTML text and attributes (unprintable characters first)."""
    return html.escape(printable("" if value is None else str(value)), quote=True)


def css_string(value: object) -> str:
    """A CSS string literal of any value, safe inside ``<style>``.

    Every character but ASCII letters, digits and spaces is written as a six-digit
    escape, so no quote, backslash, newline or ``</style>`` can end it.
    """
    text = printable("" if value is None else str(value))
    body = "".join(
        c if (c.isascii() and c.isalnum()) or c == " " else f"\\{ord(c):06x}" for c in text
    )
    return f'"{body}"'


def render(content: Content, charts: dict[str, str]) -> str:
    """The whole dashboard; ``charts`` holds inline SVG by target id."""
    lang = content.lang
    title = word("report_title", lang, document=content.model.document)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="kh284 {e(__version__)}">',
        f"<title>{e(title)}</title>",
        '<link rel="icon" href="data:,">',
        f"<style>{STYLE}{_page_css(content, title)}{_status_css()}</style>",
        "</head>",
        "<body><main>",
        _header(content, title),
        _headline(content),
        _attention(content),
        _since(content),
        _units(content),
        _overview(content),
        _targets(content, charts),
        _tasks(content),
        _appendix(content),
        _footer(content),
        "</main></body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _page_css(content: Content, title: str) -> str:
    """A4, the title and as-of date on top of every printed page, its number at the bottom."""
    lang = content.lang
    head = f"{title} — {word('as_of', lang, date=i18n.day(content.outcome.as_of))}"
    page = _d("page", lang)
    return (
        "@page { size: A4; margin: 14mm 11mm 13mm;"
        f" @top-left {{ content: {css_string(head)}; font-size: 7.5pt; color: #595f66; }}"
        f" @bottom-right {{ content: {css_string(page + ' ')} counter(page) "
        f'" / " counter(pages); font-size: 8pt; color: #595f66; }} }}\n'
    )


def _status_css() -> str:
    rules = [
        f".t-{k} {{ --c: {r.colour}; --on: {r.ink}; --bg: {r.tint}; }}"
        for k, r in TARGET_STATUSES.items()
    ]
    rules += [
        f".k-{k} {{ --c: {r.colour}; --on: {r.ink}; --bg: {r.tint}; }}"
        for k, r in TASK_STATUSES.items()
    ]
    return "\n".join(rules)


def target_badge(status: str, look: Look, lang: str) -> str:
    """A target status: its shape and its word on its colour."""
    return (
        f'<span class="badge t-{e(status)}" data-status="{e(status)}">'
        f'<span class="sym" aria-hidden="true">{look.symbol}</span> {e(look.word(lang))}</span>'
    )


def task_badge(look: Look, lang: str) -> str:
    """A task status: its shape and its word."""
    return f'<span class="sym" aria-hidden="true">{look.symbol}</span> {e(look.word(lang))}'


def _header(content: Content, title: str) -> str:
    plan, lang = content.plan, content.lang
    issuer = content.unit_full_name(plan.issuer)
    first_line = plan.title.splitlines()[-1] if plan.title else ""
    return (
        '<header class="page">'
        f"<h1>{e(title)}</h1>"
        f"<p>{e(first_line)}</p>"
        f"<p>{e(_w('plan_of', lang, issuer=issuer, date=i18n.day(plan.date)))}</p>"
        f'<p id="as-of" data-as-of="{e(content.data["as_of"])}"><strong>'
        f"{e(word('as_of', lang, date=i18n.day(content.outcome.as_of)))}</strong></p>"
        "</header>"
    )


def _headline(content: Content) -> str:
    lang, found = content.lang, content.model.headline
    head: dict[str, int | None] = {
        "due": found.due if found else None,
        "done": found.done if found else None,
        "done_on_time": found.done_on_time if found else None,
        "overdue": found.overdue if found else None,
    }
    rate = None if found is None or found.rate is None else round(found.rate, 4)
    shown = word("no_rate", lang) if rate is None else i18n.percent(rate, lang, 0)
    cards = [
        '<div class="card">'
        f'<div class="big" data-key="completion_rate" data-value="{e(_json(rate))}">'
        f"{e(shown)}</div>"
        f'<div class="cap">{e(word("headline", lang))}</div></div>'
    ]
    for key in ("due", "done", "done_on_time", "overdue"):
        value = head.get(key)
        cards.append(
            '<div class="card">'
            f'<div class="num" data-key="{key}" data-value="{e(_json(value))}">'
            f"{e(i18n.number(value, lang))}</div>"
            f'<div class="cap">{e(word(key, lang))}</div></div>'
        )
    counts = content.model.target_counts
    chips = []
    for status in _target_statuses():
        count, look = counts.get(status, 0), TARGET_STATUSES[status]
        chips.append(
            f'<span class="chip t-{status}{"" if count else " zero"}" data-status="{status}" '
            f'data-count="{count}"><span class="sym" aria-hidden="true">'
            f"{look.symbol}</span> {e(look.word(lang))}: {count}</span>"
        )
    targets = content.model.target_headline
    unknown = word("unknown_first", lang, unknown=targets.unknown, total=targets.total)
    rest = targets.sentence("report.targets_rest", lang, content.unit_name)
    first = (
        f'<p id="targets-headline" data-unknown="{targets.unknown}" '
        f'data-total="{targets.total}" data-failing="{targets.failing}" '
        f'data-good="{targets.good}" data-stale="{targets.stale}">'
        f"<strong>{e(unknown)}</strong>{e(rest)}</p>"
    )
    return (
        '<section id="headline">'
        f"{first}"
        f'<div class="cards">{"".join(cards)}</div>'
        f"<h3>{e(word('targets_by_status', lang))}</h3>"
        f'<div class="chips" id="target-status">{"".join(chips)}</div>'
        "</section>"
    )


def _target_statuses() -> list[TargetStatus]:
    """Every target status, worst first (``Look.rank``)."""
    return [TargetStatus(s) for s in by_attention(TARGET_STATUSES)]


# -- the action page -------------------------------------------------------------------------


def _attention(content: Content) -> str:
    lang = content.lang
    parts = [
        f'<section id="attention"><h2>{e(_d("attention", lang))}</h2>',
        _failing(content),
        _overdue(content),
        _due_soon(content),
    ]
    reporting = content.data.get("reporting")
    if isinstance(reporting, dict):
        parts.append(_owing(content, reporting))
    parts.append(_no_figures(content))
    parts.append("</section>")
    return "".join(parts)


def _due_soon(content: Content) -> str:
    """What falls due soon, by the unit that leads it now (``Model.due_soon``)."""
    model, lang = content.model, content.lang
    if model.due_within is None:
        return ""
    heading = f"<h3>{e(word('due_soon', lang, count=len(model.due_soon)))}</h3>"
    if not model.due_soon:
        none = word("no_due_soon", lang, days=model.due_within)
        return heading + f'<p class="empty">{e(none)}</p>'
    rows = []
    for unit, tasks in by_lead_unit(model.due_soon):
        items = "; ".join(
            f'<span class="soon" data-task="{e(t.label)}">{e(t.label)} '
            f'<span class="due">{e(t.due_text)}</span></span>'
            for t in tasks
        )
        rows.append(
            f'<tr class="due-soon" data-unit="{e(unit)}"><td>{e(content.unit_name(unit))}</td>'
            f'<td class="n">{len(tasks)}</td><td>{items}</td></tr>'
        )
    heads = [(word("lead", lang), ""), (_d("task_count", lang), "n"), (word("task", lang), "")]
    return heading + _table("act soon", heads, rows)


def _table(
    cls: str,
    heads: list[tuple[str, str]],
    rows: list[str],
    cols: tuple[str, ...] = (),
    stack: bool = True,
) -> str:
    """A table that stacks into one card per row on a phone.

    Each cell is named by its column's heading; the box scrolls sideways on its own if the
    table is still too wide.
    """
    head = "".join(f'<th class="{c}">{e(h)}</th>' if c else f"<th>{e(h)}</th>" for h, c in heads)
    col = "".join(f'<col class="{c}">' for c in cols)
    group = f"<colgroup>{col}</colgroup>" if cols else ""
    labels = [h for h, _ in heads]
    body = "".join(_label_cells(row, labels) for row in rows)
    classes = f"stack {cls}" if stack else cls
    return (
        f'<div class="scroll"><table class="{classes}">{group}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _label_cells(row: str, labels: list[str]) -> str:
    """``row`` with each of its cells (made here: no user text holds ``<td``) labelled."""
    cells = row.split("<td")
    for i in range(1, min(len(cells), len(labels) + 1)):
        cells[i] = f' data-label="{e(labels[i - 1])}"' + cells[i]
    return "<td".join(cells)


def _failing(content: Content) -> str:
    """Targets falling short, worst status first, then the lowest progress ratio."""
    lang = content.lang
    found = [t for t in content.model.targets if t.look.kind == "failing"]
    found.sort(key=lambda t: (t.look.rank, _ratio_key(t), t.name))
    heading = f"<h3>{e(_d('failing', lang, count=len(found)))}</h3>"
    if not found:
        return heading + f'<p class="empty">{e(_d("no_failing", lang))}</p>'
    rows = []
    for t in found:
        rows.append(
            f'<tr class="t-{t.status}" data-target="{e(t.id)}">'
            f'<td class="st">{target_badge(t.status, t.look, lang)}</td>'
            f'<td><a href="#target-{e(t.id)}">{e(t.name)}</a></td>'
            f'<td class="n">{e(_latest(t, lang))}</td>'
            f'<td class="goal">{e(t.goal.text)} ({t.goal.due_year})</td>'
            f'<td class="n">{e(_projected(t, lang))}</td></tr>'
        )
    heads = [
        (word("status", lang), ""),
        (word("target", lang), ""),
        (word("latest", lang), "n"),
        (word("goal", lang), ""),
        (_d("projected", lang), "n"),
    ]
    return heading + _table("act failing", heads, rows)


def _ratio_key(target: TargetView) -> float:
    ratio = target.result.ratio
    return float(ratio) if ratio is not None else float("inf")


def _projected(target: TargetView, lang: str) -> str:
    value = target.result.projected_value
    return "—" if value is None else i18n.quantity(round(value, 4), target.goal.unit, lang)


def _latest(target: TargetView, lang: str) -> str:
    """The latest figure with its unit and year, ``34,5 % (2026)``; ``—`` for none."""
    return _valued(target.latest_value, target.latest_year, target.goal.unit, lang)


def _overdue(content: Content) -> str:
    """Overdue tasks, most days late first, with the unit that leads them now."""
    lang = content.lang
    found = [t for t in content.model.tasks if t.status == TaskStatus.OVERDUE]
    found.sort(key=lambda t: (-(t.days_late or 0), t.label))
    heading = f"<h3>{e(_d('overdue_tasks', lang, count=len(found)))}</h3>"
    if not found:
        return heading + f'<p class="empty">{e(_d("no_overdue", lang))}</p>'
    rows = []
    for task in found:
        text = _shorten(task.text, SHORT_TEXT_LIMIT)
        lead = ", ".join(content.unit_name(u) for u in task.lead_now)
        rows.append(
            f'<tr class="k-overdue overdue-task" data-task="{e(task.label)}">'
            f'<td class="st">{e(task.label)}</td><td title="{e(_flat(task.text))}">'
            f'{e(text)}</td><td>{e(lead)}</td><td class="due">{e(task.due_text)}</td>'
            f'<td class="n days">{e(i18n.number(task.days_late, lang))}</td></tr>'
        )
    heads = [
        ("ID", ""),
        (word("task", lang), ""),
        (word("lead", lang), ""),
        (word("deadline", lang), ""),
        (_d("days_late", lang), "n"),
    ]
    return heading + _table("act overdue", heads, rows)


def _owing(content: Content, reporting: dict[str, Any]) -> str:
    """Units that owe reports (the ``reporting`` section), the most missing first."""
    lang = content.lang
    units = [u for u in reporting.get("units", []) if u.get("missing")]
    heading = f"<h3>{e(_d('owing', lang, count=len(units)))}</h3>"
    if not units:
        return heading + f'<p class="empty">{e(_d("no_owing", lang))}</p>'
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for item in reporting.get("missing", []):
        by_unit.setdefault(str(item.get("unit")), []).append(item)
    rows = []
    for unit in units:
        items = by_unit.get(str(unit.get("unit")), [])
        named = [_missing_text(item, lang) for item in items[:MISSING_NAMED]]
        if len(items) > MISSING_NAMED:
            named.append(_d("and_more", lang, count=len(items) - MISSING_NAMED))
        worst = max((int(i.get("days_overdue") or 0) for i in items), default=None)
        rows.append(
            f'<tr class="owing" data-unit="{e(unit.get("unit"))}">'
            f"<td>{e(unit.get('name') or unit.get('unit'))}</td>"
            f'<td class="n">{e(i18n.number(unit.get("missing"), lang))}</td>'
            f'<td class="n">{e(i18n.number(worst, lang))}</td>'
            f"<td>{'; '.join(e(n) for n in named)}</td></tr>"
        )
    heads = [
        (_d("unit", lang), ""),
        (_d("missing", lang), "n"),
        (_d("most_days_late", lang), "n"),
        (_d("what", lang), ""),
    ]
    return heading + _table("act owing", heads, rows)


def _missing_text(item: dict[str, Any], lang: str) -> str:
    kind = str(item.get("kind"))
    what = _d(f"kind.{kind}", lang) if f"dashboard.kind.{kind}" in i18n.WORDS else kind
    subject = item.get("subject_name") or item.get("subject") or ""
    year = item.get("year")
    due = i18n.day(item["due"]) if item.get("due") else "—"
    return _d("missing_item", lang, what=what, subject=subject, year=year or "", due=due)


def _no_figures(content: Content) -> str:
    """Targets nobody has reported a figure for, by the unit asked for it.

    The units are the model's (``TargetView.asked``): those ``kh284 missing`` lists as
    owing the figure, else those responsible for it on the as-of date.  Each unit's row ends
    with the command that makes its Excel template for the first year it owes (the way to
    send the figures); that template holds the target's row (the one responsibility rule).
    """
    lang = content.lang
    found = [t for t in content.model.targets if not t.has_figures]
    if not found:
        return ""
    default = max(content.plan.settings.report_from_year, content.outcome.as_of.year - 1)
    owed: dict[str, list[TargetView]] = {}
    for target in found:
        for unit in target.asked or ("",):
            owed.setdefault(unit, []).append(target)
    order = {u: i for i, u in enumerate(content.outcome.index.units.items)}
    rows = []
    anchored: set[str] = set()  # a target owed by two units is the tiles' anchor once
    periods = {min(t.unsent_years) for t in found if t.unsent_years}
    for unit in sorted(owed, key=lambda u: (-len(owed[u]), order.get(u, len(order)), u)):
        names = []
        for t in owed[unit]:
            anchor = "" if t.id in anchored else f' id="target-{e(t.id)}"'
            anchored.add(t.id)
            names.append(f'<span class="nofig"{anchor} data-target="{e(t.id)}">{e(t.name)}</span>')
        targets = "; ".join(names)
        years = [min(t.unsent_years) for t in owed[unit] if t.unsent_years]
        period = min(years) if years else default
        command = f"<code>{e(_template_command(content, unit, period))}</code>" if unit else "—"
        name = content.unit_name(unit) if unit else "—"
        rows.append(
            f'<tr class="no-figure" data-unit="{e(unit)}" data-period="{period}">'
            f'<td>{e(name)}</td><td class="n">{len(owed[unit])}</td><td>{targets}</td>'
            f"<td>{command}</td></tr>"
        )
    shown = min(periods) if len(periods) == 1 else default
    heads = [
        (_d("owes_figure", lang), ""),
        (_d("count", lang), "n"),
        (word("target", lang), ""),
        (_d("template", lang, year=shown), ""),
    ]
    heading = f"<h3>{e(_d('no_figures', lang, count=len(found)))}</h3>"
    return heading + _table("act nofig", heads, rows, ("u", "c", "t", "cmd"))


def _template_command(content: Content, unit: str, period: int) -> str:
    words = ["kh284", "template", "--unit", unit, "--period", str(period)]
    data_dir = str(content.data.get("data_dir") or "data")
    if data_dir != "data":
        words += ["--data-dir", data_dir]
    return shlex.join(words)


# -- the roll-up by unit ---------------------------------------------------------------------


def _units(content: Content) -> str:
    """Per unit: the tasks it leads now by status, and (with reporting) its reports.

    The roll-up is the model's (``Model.units``); only the order is the page's: the most
    overdue first, then the most reports missing, then by name.
    """
    lang, units = content.lang, content.model.units
    with_reports = any(u.reports is not None for u in units)

    def missing(unit: UnitView) -> int:
        return (unit.reports or {}).get("missing", 0)

    ordered = sorted(units, key=lambda u: (-u.overdue, -missing(u), u.short_name))
    body = []
    for unit in ordered:
        cells: list[int | None] = [unit.led, unit.done, unit.overdue, unit.in_progress]
        if with_reports:
            rep = unit.reports or {}
            cells += [rep.get(k) for k in ("owed", "on_time", "late", "missing")]
        numbers = "".join(
            f'<td class="n" data-col="{k}">{e(i18n.number(v, lang))}</td>'
            for k, v in zip(_UNIT_KEYS, cells, strict=False)
        )
        late = " k-overdue" if unit.overdue else ""
        body.append(
            f'<tr class="unit{late}" data-unit="{e(unit.unit)}"><td>{e(unit.short_name)}</td>'
            f"{numbers}</tr>"
        )
    heads = [(_d("unit", lang), "")]
    heads += [(_d(f"col.{k}", lang), "n") for k in _UNIT_KEYS[: 8 if with_reports else 4]]
    return (
        f'<section id="units"><h2>{e(_d("by_unit", lang))}</h2>'
        f"{_table('units', heads, body, stack=False)}</section>"
    )


_UNIT_KEYS = ("led", "done", "overdue", "in_progress", "owed", "on_time", "late", "missing")


# -- targets ---------------------------------------------------------------------------------


def _overview(content: Content) -> str:
    """One small tile per target with a figure, worst first, linking to its card.

    The targets with no figure are listed once, by the unit that owes it, on page one.
    """
    lang = content.lang
    tiles = []
    reported = [t for t in content.model.targets if t.has_figures]
    for t in sorted(reported, key=lambda t: t.look.rank):
        tiles.append(
            f'<a class="tile t-{t.status}" href="#target-{e(t.id)}" data-target="{e(t.id)}">'
            f'<span class="name">{e(t.name)}</span>'
            f'<span class="value">{e(_latest(t, lang))} · {e(t.goal.text)}</span>'
            + (f'<span class="stale">{e(t.stale_note)}</span>' if t.stale_note else "")
            + f"{target_badge(t.status, t.look, lang)}</a>"
        )
    return f'<section id="overview"><div class="tiles">{"".join(tiles)}</div></section>'


def _json(value: object) -> str:
    """A headline number as the JSON writes it (``null`` for none)."""
    return "null" if value is None else str(value)


def _targets(content: Content, charts: dict[str, str]) -> str:
    """Small multiples: one card per target with a chart, worst status first."""
    lang = content.lang
    ordered = sorted(
        (t for t in content.model.targets if t.id in charts), key=lambda t: t.look.rank
    )
    cards = "".join(_target_card(content, t, charts[t.id]) for t in ordered)
    legend = "".join(target_badge(s, TARGET_STATUSES[s], lang) for s in _target_statuses())
    lines = [
        ("rep", word("reported", lang)),
        ("trend", word("trend", lang)),
        ("goal", word("target_line", lang)),
        ("path", _d("required_path", lang)),
        ("due", _d("due_line", lang, year="…")),
    ]
    keys = "".join(
        f'<span class="key"><span class="ln ln-{k}" aria-hidden="true"></span>{e(t)}</span>'
        for k, t in lines
    )
    return (
        f'<section id="targets"><h2>{e(word("targets", lang))}</h2>'
        f'<div class="legend" aria-label="{e(_w("legend", lang))}">{legend}</div>'
        f'<div class="legend lines">{keys}</div>'
        f'<div class="multiples">{cards}</div></section>'
    )


def _target_card(content: Content, target: TargetView, svg: str) -> str:
    lang, status = content.lang, target.status
    wide = " wide" if target.result.areas else ""
    clause = _d("clause", lang, clause=target.result.target.clause)
    head = (
        f"<h4>{e(target.name)} <small>({e(clause)})</small> "
        f"{target_badge(status, target.look, lang)}</h4>"
    )
    return (
        f'<article class="target t-{status}{wide}" id="target-{e(target.id)}" '
        f'data-target="{e(target.id)}">{head}'
        f'<figure class="chart" data-target="{e(target.id)}">{svg}</figure>'
        f"{_components(content, target)}</article>"
    )


def _components(content: Content, target: TargetView) -> str:
    lang, result, unit = content.lang, target.result, target.goal.unit
    rows: list[tuple[str, str, str]] = [
        ("goal", word("goal", lang), f"{target.goal.text} ({target.goal.due_year})"),
        ("latest", word("latest", lang), _latest(target, lang)),
        ("why", word("why", lang), target.reason),
    ]
    if target.stale_note:
        rows.append(("stale", word("stale", lang), target.stale_note))
    if target.missing_years:
        years = i18n.joined([str(y) for y in target.missing_years], lang)
        rows.append(("missing_years", word("missing_years", lang), years))
    if result.baseline_year is not None and result.baseline_year != target.latest_year:
        baseline = _valued(result.baseline_value, result.baseline_year, unit, lang)
        rows.append(("baseline", word("baseline", lang), baseline))
    if result.projected_value is not None:
        projected = word("projected", lang, year=target.goal.due_year)
        rows.append(("projected", projected, _projected(target, lang)))
    if result.ratio is not None:
        rows.append(("ratio", word("ratio", lang), i18n.number(round(result.ratio, 4), lang, 2)))
    if result.failing_years:
        years = ", ".join(map(str, result.failing_years))
        rows.append(("failing_years", word("failing_years", lang), years))
    if result.areas:
        yes = [content.area_name(a.area) for a in result.areas if a.counts]
        no = [content.area_name(a.area) for a in result.areas if not a.counts]
        rows.append(("areas", word("areas", lang), f"{len(yes)} / {len(no)}"))
    if result.missing_areas:
        names = ", ".join(content.area_name(a) for a in result.missing_areas)
        rows.append(("missing_areas", word("missing_areas", lang), names))
    body = "".join(f'<div data-part="{k}"><dt>{e(h)}</dt><dd>{e(v)}</dd></div>' for k, h, v in rows)
    return f'<dl class="components">{body}</dl>'


def _valued(value: float | None, year: int | None, unit: str, lang: str) -> str:
    if value is None:
        return "—"
    return f"{i18n.quantity(value, unit, lang)} ({year})"


# -- tasks -----------------------------------------------------------------------------------


def _tasks(content: Content) -> str:
    lang = content.lang
    heads = [
        ("ID", ""),
        (word("task", lang), ""),
        (word("lead", lang), ""),
        (word("deadline", lang), ""),
        (word("status", lang), ""),
        (word("evidence", lang), ""),
    ]
    rows = []
    for task in content.model.tasks:
        text = _flat(task.text)
        short = _shorten(text, TASK_TEXT_LIMIT)
        lead = ", ".join(content.unit_name(u) for u in task.lead)
        if task.lead_now != task.lead:
            lead += " → " + ", ".join(content.unit_name(u) for u in task.lead_now)
        rows.append(
            f'<tr class="task k-{task.status}" data-status="{e(task.status)}" '
            f'data-task="{e(task.label)}">'
            f'<td>{e(task.label)}</td><td title="{e(text)}">{e(short)}</td>'
            f'<td>{e(lead)}</td><td class="due">{e(task.due_text)}</td>'
            f'<td class="status">{task_badge(task.look, lang)}</td>'
            f"<td>{e(_evidence(task, lang))}</td></tr>"
        )
    table = _table("tasks", heads, rows, ("id", "text", "lead", "due", "st", "ev"))
    return f'<section id="tasks"><h2>{e(word("tasks", lang))}</h2>{_legend(lang)}{table}</section>'


def _since(content: Content) -> str:
    """The section "Thay đổi so với ngày …" (``--since``): then and now, what changed."""
    from kh284.render import changes_view as cv

    changes, lang = content.changes, content.lang
    if changes is None:
        return ""
    parts = [f'<section id="since"><h2>{e(cv.since_title(changes, lang))}</h2>']
    heads = [
        (i18n.word("changes.measure", lang), ""),
        (cv.side_name(changes.before, lang), ""),
        (cv.later_name(changes, lang), ""),
    ]
    rows = [
        f"<tr>{''.join(f'<td>{e(c)}</td>' for c in r)}</tr>"
        for r in cv.headline_rows(changes, lang)
    ]
    parts.append(_table("since-headline", heads, rows, stack=False))
    if changes.empty:
        parts.append(f"<p>{e(i18n.word('changes.nothing', lang))}</p>")
    tables = (
        (
            "changes.tasks",
            len(changes.tasks),
            cv.task_rows(changes),
            ("table.task", "changes.before", "changes.after", "table.lead", "table.due"),
        ),
        (
            "changes.targets",
            len(changes.targets),
            cv.target_rows(changes),
            ("table.target", "changes.before", "changes.after", "changes.new_figures"),
        ),
        (
            "changes.reported",
            len(changes.reported),
            cv.reported_rows(changes, content.outcome.index),
            ("reporting.unit", "changes.items"),
        ),
    )
    for key, count, found, keys in tables:
        if not count:
            continue
        parts.append(f"<h3>{e(i18n.word(key, lang, count=count))}</h3>")
        body = [f"<tr>{''.join(f'<td>{e(c)}</td>' for c in r)}</tr>" for r in found]
        parts.append(_table("since", [(i18n.word(k, lang), "") for k in keys], body))
    parts.append("</section>")
    return "".join(parts)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    text = _flat(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _evidence(task: TaskView, lang: str) -> str:
    parts = []
    if task.completed_on:
        parts.append(_w("completed_on", lang, date=i18n.day(task.completed_on)))
    if task.evidence:
        parts.append(task.evidence)
    if task.days_late:
        parts.append(_w("days_overdue", lang, days=i18n.number(task.days_late, lang)))
    return "; ".join(parts)


def _legend(lang: str) -> str:
    chips = "".join(
        f'<span class="chip k-{k}">{task_badge(look, lang)}</span>'
        for k, look in TASK_STATUSES.items()
    )
    return f'<div class="legend" aria-label="{e(_w("legend", lang))}">{chips}</div>'


# -- the appendix: every figure and its source -----------------------------------------------


def _appendix(content: Content) -> str:
    """Every figure behind the verdicts, each citing the document it came from.

    One row per target lists its figures as ``2025: 32,4 % [2:12]`` (document 2, line 12
    of its file); the documents follow once each, with who reported them, when, and the
    file.
    """
    lang = content.lang
    sources: dict[tuple[Any, ...], int] = {}
    rows = []
    for target in content.model.targets:
        if not target.has_figures:
            continue
        with_area = bool(target.result.areas)
        figures = []
        for point in target.result.points:
            file = content.view.path(point.location.file)
            key: tuple[Any, ...] = (point.document, point.source, file, point.unit)
            key += (point.reported_on,)
            n = sources.setdefault(key, len(sources) + 1)
            value = i18n.quantity(point.value, target.goal.unit, lang)
            if with_area:
                value = f"{content.area_name(_area_of(content, point))} {value}"
            line = point.location.line
            cite = f"{n}:{line}" if line else str(n)
            figures.append(f'<span class="fig">{e(point.year)}: {e(value)} [{e(cite)}]</span>')
        rows.append(
            f'<tr data-target="{e(target.id)}"><td>{e(target.name)} '
            f'<span class="file">({e(target.id)})</span></td><td>{" · ".join(figures)}</td></tr>'
        )
    documents = []
    for (document, source, file, by, on), n in sources.items():
        text = e(document or "—") + (f"<br>{e(source)}" if source else "")
        documents.append(
            f'<tr><td class="n">{n}</td><td>{text}</td>'
            f"<td>{e(content.unit_name(by))}, {e(i18n.day(on))}</td>"
            f'<td class="file">{e(file)}</td></tr>'
        )
    figures_table = _table(
        "sources", [(word("target", lang), ""), (_d("figures", lang), "")], rows, ("t", "f")
    )
    heads = [
        ("#", "n"),
        (word("document", lang), ""),
        (word("reported_by", lang), ""),
        (_w("file", lang), ""),
    ]
    return (
        f'<section id="sources"><h2>{e(_d("sources", lang))}</h2>'
        f'<p class="note">{e(_d("sources_note", lang))}</p>{figures_table}'
        f"<h3>{e(_d('documents', lang))}</h3>"
        f"{_table('documents', heads, documents, ('n', 'doc', 'by', 'file'))}</section>"
    )


def _area_of(content: Content, point: Point) -> str:
    """The area a figure was reported for, read from its own report entry."""
    path = point.location.path
    document = content.outcome.dataset.documents.get(point.location.file)
    default = content.outcome.index.province_area or ""
    if document is None or len(path) < 2:
        return default
    try:
        entry = document.data[path[0]][path[1]]
    except (KeyError, IndexError, TypeError):
        return default
    area = entry.get("area") if isinstance(entry, dict) else None
    return str(area) if area else default


def _footer(content: Content) -> str:
    lang = content.lang
    lines: Iterable[str] = (_w("method", lang), _w("generated", lang, version=__version__))
    return "<footer>" + "".join(f"<p>{e(line)}</p>" for line in lines) + "</footer>"
