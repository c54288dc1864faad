"""The terminal format's lines of findings, built without rich.

A finding is one ``file:line:col: severity CODE message`` line, never wrapped, so CI logs
and editors parse it whole.  Its parts are styled segments, written here with the SGR
sequences rich writes for the same styles: a run that draws no table (``validate``, or a
command whose data could not be evaluated) is rendered by this module alone and never
loads rich ("Cold runs"; ``render.screen`` chooses); ``render.terminal`` draws the very
same segments through rich, beside its tables.  This module owns which findings the
terminal shows and how each is worded.
"""

from __future__ import annotations

from collections.abc import Sequence
from textwrap import wrap

from kh284.diagnostics import Diagnostic, Severity
from kh284.diagnostics.catalogue import printable
from kh284.i18n import word
from kh284.render.view import View

#: One styled run of text: (text, style) — the style a rich style name, or "".
Segment = tuple[str, str]

SEVERITY_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
#: The SGR parameters rich's standard colour system writes for each style used here.
SGR = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "cyan": "36"}


def diagnostic_segments(view: View, diag: Diagnostic, *, waived: bool = False) -> list[Segment]:
    """``file:line:col: severity CODE message``, as styled segments."""
    loc = diag.location
    where = view.path(loc.file)
    if loc.line is not None:
        where += f":{loc.line}:{loc.column or 1}"
    parts: list[Segment] = [
        (printable(where), "bold"),
        (": ", ""),
        (diag.severity.label, SEVERITY_STYLES[diag.severity]),
        (f" {diag.code} ", "bold"),
        (printable(diag.message(view.lang)), ""),
    ]
    if waived:
        parts.append((f" ({word('common.waived', view.lang)})", "dim"))
    return parts


def shown(view: View) -> tuple[list[list[Segment]], list[Segment] | None]:
    """The finding lines the terminal shows first, and the line counting plan findings last.

    Findings about the published plan text are fixed by no user, so outside ``validate``
    (and ``--verbose``) one line counts them, after what was asked for.
    """
    full = view.verbose or view.command == "validate"
    lines = [
        diagnostic_segments(view, d)
        for d in view.diagnostics
        if full or d.about not in ("target", "task", "plan")
    ]
    if view.show_waived:
        lines.extend(diagnostic_segments(view, d, waived=True) for d, _ in view.waived)
    about_plan = 0 if full else sum(1 for d in view.diagnostics if d.about == "plan")
    last = [(word("table.plan_text", view.lang, count=about_plan), "dim")] if about_plan else None
    return lines, last


def draws_tables(view: View) -> bool:
    """Whether the terminal report of ``view`` has anything but finding lines."""
    return view.show_targets or (view.show_tasks and view.outcome.evaluated)


def line(segments: Sequence[Segment], *, color: bool) -> str:
    """One line of segments, with the styles as SGR sequences when ``color``."""
    if not color:
        return "".join(text for text, _ in segments) + "\n"
    out = []
    for text, style in segments:
        out.append(f"\x1b[{SGR[style]}m{text}\x1b[0m" if style and text else text)
    return "".join(out) + "\n"


def render_lines(view: View) -> str:
    """The terminal report of a run that draws no table: its finding lines alone."""
    lines, last = shown(view)
    out = [line(segments, color=view.color) for segments in lines]
    if last is not None:  # running text: wrapped in words, as rich wraps it
        [(text, style)] = last
        out.extend(line([(part, style)], color=view.color) for part in wrap(text, view.width))
    return "".join(out)
