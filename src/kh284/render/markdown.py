"""The ``markdown`` format: tables fit for a pull-request comment.

A heading with the counts, the findings as a table (severity, code, location, message),
and for ``check`` the targets by status and the overdue tasks.  Text from data shows as
the literal text, whatever it holds: it goes in a code span (``code``), so a backtick,
``@someone``, ``[text](url)`` or ``<b>`` in a file name or a value can neither close the
span nor mention, link, show an image or format; a message keeps a plain argument as it is
and puts any other in a code span (``quote``).  Pipes are escaped in every cell.  Statuses,
figures and dates are the model's (``View.model``), written as every output writes them
(``34,5``, ``31/12/2025``).
"""

from __future__ import annotations

import re

from kh284.diagnostics import Diagnostic, Severity, count_by_severity
from kh284.diagnostics.catalogue import printable
from kh284.i18n import number, word
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


#: A message argument shown as it is: letters, digits, spaces and punctuation that means
#: nothing in the middle of a Markdown line.  Anything else goes in a code span.
_PLAIN = re.compile(r"(?:[^\W_]|[ .,;'()/+=%–—-])*")
#: Plain text GitHub would still turn into a link: ``www.`` addresses, ``GH-12`` issue
#: references and commit hashes.
_AUTOLINKED = re.compile(r"(?i)www\.|\bgh-\d|\b[0-9a-f]{7,40}\b")


def cell(text: str) -> str:
    """kh284's own words, safe inside a Markdown table cell."""
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("\n", " ")):
        text = text.replace(old, new)
    return text


def code(text: str) -> str:
    r"""Text from data as a code span in a table cell: shown literally, whatever it holds.

    Unprintable characters are escaped (``printable``; a line break becomes ``\x0a``), a
    pipe is escaped for the table (GitHub unescapes it inside the span), and the span is
    fenced by one backtick more than the longest run of backticks inside, with a space
    on each side when the text starts or ends with a backtick or a space (CommonMark
    removes exactly one).
    """
    text = printable(text).replace("|", "\\|")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    if text[0] in "` " or text[-1] in "` ":
        text = f" {text} "
    return f"{fence}{text}{fence}"


def quote(text: str) -> str:
    """A message argument: as it is when plain (so ``tot-nghiep`` stays so), else ``code``."""
    if _PLAIN.fullmatch(text) and not _AUTOLINKED.search(text):
        return text
    return code(text)


def message(view: View, diag: Diagnostic) -> str:
    """A finding's message, every argument set apart by ``quote``.

    The templates' own words hold nothing Markdown acts on in a table cell (no pipe,
    backtick, bracket, angle bracket, ampersand or line break), so they stay as written.
    """
    return diag.message(view.lang, quote)


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
            lines.append(
                f"| {ICONS[d.severity]} | {code(d.code)} | {code(where)} | {message(view, d)} |"
            )
    else:
        lines.append(h[12])
    model = view.model
    if view.show_targets and model.targets:
        lines += ["", f"| {h[6]} | {h[7]} | {h[8]} |", "|---|---|---|"]
        for t in model.targets:
            latest = "—"
            if t.latest_value is not None:
                latest = f"{number(t.latest_value, view.lang)} ({t.latest_year})"
            lines.append(f"| {code(t.id)} | {cell(t.word)} | {cell(latest)} |")
    overdue = [t for t in model.tasks if t.status == "overdue"] if view.show_tasks else []
    if overdue:
        lines += ["", f"| {h[9]} | {h[7]} | {h[10]} | {h[11]} |", "|---|---|---|---|"]
        for task in overdue:
            # a date as written; with none, the plan's own words (data: a code span)
            due = cell(task.due_text) if task.due else code(task.due_text)
            days = number(task.days_late, view.lang)
            lines.append(f"| {code(task.label)} | {cell(task.word)} | {due} | {days} |")
    return "\n".join(lines) + "\n"
