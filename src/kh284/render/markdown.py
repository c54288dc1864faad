"""The ``markdown`` format: tables fit for a pull-request comment.

A heading with the counts, the findings as a table (severity, code, location, message),
and for ``check`` the targets by status and the overdue tasks.  Pipes and HTML-special
characters in user text are escaped.
"""

from __future__ import annotations

from kh284.diagnostics import Severity, count_by_severity
from kh284.i18n import TARGET_LABELS, TASK_LABELS, label, word
from kh284.render.view import View

ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
#: The words of the comment, in the order ``render`` uses them (from the vocabulary).
_HEAD_KEYS = (
    "errors",
    "warnings",
    "waived",
    "code",
    "location",
    "message",
    "target",
    "status",
    "latest",
    "task",
    "due",
    "days",
    "none",
)


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("\n", " ")):
        text = text.replace(old, new)
    return text


def render(view: View) -> str:
    """The view as Markdown."""
    h = [word(f"markdown.{key}", view.lang) for key in _HEAD_KEYS]
    counts = count_by_severity(view.diagnostics)
    lines = [
        f"### kh284 {view.command} — {counts['error']} {h[0]}, {counts['warning']} {h[1]}"
        + (f", {len(view.waived)} {h[2]}" if view.waived else ""),
        "",
    ]
    if view.diagnostics:
        lines += [f"| | {h[3]} | {h[4]} | {h[5]} |", "|---|---|---|---|"]
        for d in view.diagnostics:
            loc = d.location
            where = view.path(loc.file) + (f":{loc.line}:{loc.column or 1}" if loc.line else "")
            message = cell(d.message(view.lang))
            lines.append(f"| {ICONS[d.severity]} | `{d.code}` | `{cell(where)}` | {message} |")
    else:
        lines.append(h[12])
    if view.show_targets and view.outcome.targets:
        lines += ["", f"| {h[6]} | {h[7]} | {h[8]} |", "|---|---|---|"]
        for r in view.outcome.targets:
            latest = "—" if r.latest_value is None else f"{r.latest_value:g} ({r.latest_year})"
            status = label(TARGET_LABELS, r.status, view.lang)
            lines.append(f"| `{r.target.id}` | {cell(status)} | {latest} |")
    overdue = [r for r in view.tasks if r.status == "overdue"] if view.show_tasks else []
    if overdue:
        lines += ["", f"| {h[9]} | {h[7]} | {h[10]} | {h[11]} |", "|---|---|---|---|"]
        for row in overdue:
            due = row.deliverable.due.isoformat() if row.deliverable.due else ""
            status = label(TASK_LABELS, row.status, view.lang)
            lines.append(f"| `{cell(row.label)}` | {cell(status)} | {due} | {row.days_overdue} |")
    return "\n".join(lines) + "\n"
