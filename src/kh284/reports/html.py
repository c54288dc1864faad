r"""The offline HTML dashboard: one self-contained file, no request of any kind.

Everything is inline: the CSS, the SVG charts (from ``charts``), a ``data:`` icon so the
browser does not look for ``favicon.ico``.  A Content-Security-Policy of
``default-src 'none'`` makes the "no request" promise hold even if a data file smuggled a
URL into the text; every piece of user text goes through ``e``: ``printable`` (a control
character or a right-to-left override shows as ``\x1b``, ``\u202e``), then
``html.escape``.  The page shows the headline, the targets by status, one card per target
(chart, the verdict's components beside it, every figure with the document it came from)
and the task table coloured by status.  ``@page`` rules make it print on A4.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from kh284 import __version__, i18n
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.series import Point
from kh284.evaluate.targets import TargetResult
from kh284.i18n import TARGET_LABELS, TASK_LABELS, label
from kh284.render.terminal import goal_text
from kh284.reports.content import (
    TARGET_COLOURS,
    TARGET_TINTS,
    TASK_COLOURS,
    TASK_TINTS,
    Content,
    day,
    number,
    word,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
#: Task text longer than this is shortened in the table (the full text is its tooltip).
TASK_TEXT_LIMIT = 220
STYLE = """
:root { --ink: #1f2328; --muted: #5f6368; --line: #dadce0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f6f7f9;
  font: 14px/1.45 "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
header.page { border-bottom: 3px solid #1a4d8f; margin-bottom: 16px; padding-bottom: 10px; }
header.page h1 { font-size: 22px; margin: 0 0 4px; color: #1a4d8f; }
header.page p { margin: 2px 0; color: var(--muted); }
h2 { font-size: 18px; margin: 26px 0 10px; color: #1a4d8f; }
h3 { font-size: 15px; margin: 18px 0 8px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px;
  min-width: 150px; }
.card .big { font-size: 34px; font-weight: 700; color: #1a4d8f; }
.card .num { font-size: 24px; font-weight: 700; }
.card .cap { color: var(--muted); font-size: 12px; }
.chips { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
.chip { border-radius: 14px; padding: 3px 12px; color: #fff; background: var(--c);
  font-size: 13px; }
.chip.zero { opacity: .45; }
.badge { display: inline-block; border-radius: 10px; padding: 1px 10px; color: #fff;
  background: var(--c); font-size: 12px; white-space: nowrap; }
article.target { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--c);
  border-radius: 6px; padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
article.target h4 { margin: 0 0 6px; font-size: 14px; }
article.target h4 small { color: var(--muted); font-weight: 400; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 14px; }
.row.wide { grid-template-columns: minmax(0, 1fr); }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
dl.components { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px;
  font-size: 13px; align-content: start; }
dl.components dt { color: var(--muted); }
dl.components dd { margin: 0; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
table.sources { margin-top: 8px; font-size: 12px; }
table.sources .file { color: var(--muted); }
table.tasks { font-size: 13px; }
table.tasks tr.task td { background: var(--bg); }
table.tasks td.status { border-left: 5px solid var(--c); white-space: nowrap; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 8px;
  margin-top: 14px; }
a.tile { display: flex; flex-direction: column; gap: 3px; padding: 7px 10px; color: var(--ink);
  text-decoration: none; background: var(--bg); border-left: 5px solid var(--c); border-radius: 5px;
  font-size: 12px; break-inside: avoid; }
a.tile .name { font-weight: 600; line-height: 1.25; }
a.tile .value { color: var(--muted); }
a.tile .badge { align-self: flex-start; }
.legend { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0 10px; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .row { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
  article.target, .card, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _w(key: str, lang: str, **args: object) -> str:
    return i18n.word(f"html.{key}", lang, **args)


def e(value: object) -> str:
    """Escape any value for HTML text and attributes (unprintable characters first)."""
    return html.escape(printable("" if value is None else str(value)), quote=True)


def render(content: Content, charts: dict[str, str]) -> str:
    """The whole dashboard; ``charts`` holds inline SVG by target id."""
    lang = content.lang
    title = word("report_title", lang, number=content.plan.number)
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
        f"<style>{STYLE}{_status_css()}</style>",
        "</head>",
        "<body><main>",
        _header(content, title),
        _headline(content),
        _overview(content),
        _targets(content, charts),
        _tasks(content),
        _footer(content),
        "</main></body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _status_css() -> str:
    rules = [f".t-{k} {{ --c: {c}; --bg: {TARGET_TINTS[k]}; }}" for k, c in TARGET_COLOURS.items()]
    rules += [f".k-{k} {{ --c: {c}; --bg: {TASK_TINTS[k]}; }}" for k, c in TASK_COLOURS.items()]
    return "\n".join(rules)


def _header(content: Content, title: str) -> str:
    plan, lang = content.plan, content.lang
    issuer = content.unit_full_name(plan.issuer)
    first_line = plan.title.splitlines()[-1] if plan.title else ""
    return (
        '<header class="page">'
        f"<h1>{e(title)}</h1>"
        f"<p>{e(first_line)}</p>"
        f"<p>{e(_w('plan_of', lang, issuer=issuer, date=day(plan.date)))}</p>"
        f'<p id="as-of" data-as-of="{e(content.data["as_of"])}"><strong>'
        f"{e(word('as_of', lang, date=day(content.outcome.as_of)))}</strong></p>"
        "</header>"
    )


def _headline(content: Content) -> str:
    lang = content.lang
    head: dict[str, Any] = content.data.get("headline") or {}
    rate = head.get("completion_rate")
    shown = word("no_rate", lang) if rate is None else f"{rate:.0f}%"
    cards = [
        '<div class="card">'
        f'<div class="big" data-key="completion_rate" data-value="{e(_json(rate))}">'
        f"{e(shown)}</div>"
        f'<div class="cap">{e(word("headline", lang))}</div></div>'
    ]
    for key in ("due", "done", "done_on_time", "overdue"):
        cards.append(
            '<div class="card">'
            f'<div class="num" data-key="{key}" data-value="{e(_json(head.get(key)))}">'
            f"{e(head.get(key, '—'))}</div>"
            f'<div class="cap">{e(word(key, lang))}</div></div>'
        )
    counts = content.target_counts
    chips = [
        f'<span class="chip t-{s}{"" if counts.get(s) else " zero"}" data-status="{s}" '
        f'data-count="{counts.get(s, 0)}">{e(label(TARGET_LABELS, s, lang))}: '
        f"{counts.get(s, 0)}</span>"
        for s in TARGET_LABELS
    ]
    return (
        '<section id="headline">'
        f'<div class="cards">{"".join(cards)}</div>'
        f"<h3>{e(word('targets_by_status', lang))}</h3>"
        f'<div class="chips" id="target-status">{"".join(chips)}</div>'
        "</section>"
    )


def _overview(content: Content) -> str:
    """One small tile per target, in its status colour, linking to its card."""
    tiles = []
    for result, data in content.targets:
        latest = _valued(data["value"], data["year"], data["unit"])
        tiles.append(
            f'<a class="tile t-{result.status}" href="#target-{e(data["id"])}">'
            f'<span class="name">{e(data["name"])}</span>'
            f'<span class="value">{e(latest)} · {e(goal_text(result, content.lang))}</span>'
            f'<span class="badge t-{result.status}">{e(data["label"])}</span></a>'
        )
    return f'<section id="overview"><div class="tiles">{"".join(tiles)}</div></section>'


def _json(value: object) -> str:
    """A headline number as the JSON writes it (``null`` for none)."""
    return "null" if value is None else str(value)


def _targets(content: Content, charts: dict[str, str]) -> str:
    lang = content.lang
    groups: dict[str, list[str]] = {}
    for result, data in content.targets:
        groups.setdefault(result.target.group, []).append(
            _target_card(content, result, data, charts.get(result.target.id))
        )
    index = content.outcome.index
    body = "".join(
        f"<h3>{e(index.group_name(group, lang))}</h3>{''.join(cards)}"
        for group, cards in groups.items()
    )
    return f'<section id="targets"><h2>{e(word("targets", lang))}</h2>{body}</section>'


def _target_card(
    content: Content, result: TargetResult, data: dict[str, Any], svg: str | None
) -> str:
    lang, status = content.lang, result.status
    head = (
        f"<h4>{e(data['name'])} <small>({e(data['id'])}, {e(data['clause'])})</small> "
        f'<span class="badge t-{status}">{e(data["label"])}</span></h4>'
    )
    components = _components(content, result, data)
    opening = (
        f'<article class="target t-{status}" id="target-{e(data["id"])}" '
        f'data-target="{e(data["id"])}">{head}'
    )
    if svg is None:
        return (
            opening
            + f'<div class="row"><p class="empty">{e(_w("no_chart", lang))}</p>'
            + f"{components}</div></article>"
        )
    wide = " wide" if data["components"]["areas"] else ""
    return (
        opening + f'<div class="row{wide}"><figure class="chart" data-target="{e(data["id"])}">'
        f"{svg}</figure>{components}</div>{_sources(content, result, data)}</article>"
    )


def _components(content: Content, result: TargetResult, data: dict[str, Any]) -> str:
    lang, parts = content.lang, data["components"]
    unit = data["unit"]
    rows: list[tuple[str, str]] = [
        (word("goal", lang), f"{goal_text(result, lang)} ({data['due_year']})"),
        (word("latest", lang), _valued(parts["latest_value"], parts["latest_year"], unit)),
    ]
    if parts["baseline_year"] is not None and parts["baseline_year"] != parts["latest_year"]:
        rows.append(
            (word("baseline", lang), _valued(parts["baseline_value"], parts["baseline_year"], unit))
        )
    if parts["projected_value"] is not None:
        rows.append(
            (word("projected", lang, year=data["due_year"]), number(parts["projected_value"], unit))
        )
    if parts["ratio"] is not None:
        rows.append((word("ratio", lang), f"{parts['ratio']:.2f}"))
    if parts["failing_years"]:
        rows.append((word("failing_years", lang), ", ".join(map(str, parts["failing_years"]))))
    if parts["areas"]:
        yes = [content.area_name(a["area"]) for a in parts["areas"] if a["counts"]]
        no = [content.area_name(a["area"]) for a in parts["areas"] if not a["counts"]]
        rows.append((word("areas", lang), f"{len(yes)} / {len(no)}"))
    if parts["missing_areas"]:
        names = ", ".join(content.area_name(a) for a in parts["missing_areas"])
        rows.append((word("missing_areas", lang), names))
    rows.append((_w("reason", lang), data["reason"]))
    body = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    return f'<dl class="components">{body}</dl>'


def _valued(value: float | None, year: int | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{number(value, unit)} ({year})"


def _sources(content: Content, result: TargetResult, data: dict[str, Any]) -> str:
    """Every figure behind the verdict with the document it came from."""
    lang = content.lang
    with_area = bool(data["components"]["areas"])
    heads = [word("year", lang), word("value", lang)]
    if with_area:
        heads.append(_w("area", lang))
    heads += [word("reported_by", lang), word("reported_on", lang), word("document", lang)]
    rows = []
    for point, item in zip(result.points, data["history"], strict=True):
        cells = [str(item["year"]), f"{item['value']:g}"]
        if with_area:
            cells.append(content.area_name(_area_of(content, point)))
        cells += [content.unit_name(item["reported_by"]), day(item["reported_on"])]
        rows.append(
            "<tr>"
            + "".join(f"<td>{e(c)}</td>" for c in cells)
            + f"<td>{_document(content, item)}</td></tr>"
        )
    head = "".join(f"<th>{e(h)}</th>" for h in heads)
    body = "".join(rows)
    return f'<table class="sources"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _document(content: Content, item: dict[str, Any]) -> str:
    parts = []
    if item["document"]:
        parts.append(e(item["document"]))
    if item["source"]:
        parts.append(f"<br>{e(item['source'])}")
    where = f"{item['file']}:{item['line']}" if item["line"] else item["file"]
    parts.append(f'<br><span class="file">{e(_w("file", content.lang))}: {e(where)}</span>')
    return "".join(parts)


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


def _tasks(content: Content) -> str:
    lang = content.lang
    heads = [
        "ID",
        word("task", lang),
        word("lead", lang),
        word("deadline", lang),
        word("status", lang),
        word("evidence", lang),
    ]
    rows = []
    for result, data in content.tasks:
        text = " ".join(data["text"].split())
        short = text if len(text) <= TASK_TEXT_LIMIT else text[: TASK_TEXT_LIMIT - 1] + "…"
        due = day(data["due"]) if data["due"] else data["deadline_text"]
        lead = ", ".join(content.unit_name(u) for u in data["lead"])
        if data["lead_now"] != data["lead"]:
            lead += " → " + ", ".join(content.unit_name(u) for u in data["lead_now"])
        evidence = _evidence(data, lang)
        rows.append(
            f'<tr class="task k-{data["status"]}" data-status="{e(data["status"])}">'
            f'<td>{e(result.label)}</td><td title="{e(text)}">{e(short)}</td>'
            f"<td>{e(lead)}</td><td>{e(due)}</td>"
            f'<td class="status">{e(data["label"])}</td><td>{e(evidence)}</td></tr>'
        )
    head = "".join(f"<th>{e(h)}</th>" for h in heads)
    return (
        f'<section id="tasks"><h2>{e(word("tasks", lang))}</h2>{_legend(lang)}'
        f'<table class="tasks"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _evidence(data: dict[str, Any], lang: str) -> str:
    parts = []
    if data["completed_on"]:
        parts.append(_w("completed_on", lang, date=day(data["completed_on"])))
    if data["evidence"]:
        parts.append(data["evidence"])
    if data["days_overdue"]:
        parts.append(_w("days_overdue", lang, days=data["days_overdue"]))
    return "; ".join(parts)


def _legend(lang: str) -> str:
    chips = "".join(
        f'<span class="chip k-{k}">{e(label(TASK_LABELS, k, lang))}</span>' for k in TASK_COLOURS
    )
    return f'<div class="legend" aria-label="{e(_w("legend", lang))}">{chips}</div>'


def _footer(content: Content) -> str:
    lang = content.lang
    lines: Iterable[str] = (_w("method", lang), _w("generated", lang, version=__version__))
    return "<footer>" + "".join(f"<p>{e(line)}</p>" for line in lines) + "</footer>"
