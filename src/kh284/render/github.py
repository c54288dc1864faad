"""The ``github`` format: GitHub Actions workflow commands, one per finding.

``::error file=data/plan.yaml,line=12,col=5,title=R301::message`` — always with a line
(1 when a finding has none), paths relative to the repository (the ``GITHUB_WORKSPACE``
or the working directory), properties and message escaped as the runner requires (a line
break would end the command early), and every other unprintable character escaped by
``printable`` (an escape sequence would colour or rewrite the log).
"""

from __future__ import annotations

from kh284.diagnostics import Severity
from kh284.diagnostics.catalogue import printable
from kh284.render.view import View

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message; any other unprintable character by ``printable``."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(view: View) -> str:
    """One workflow command per diagnostic."""
    lines = []
    for diag in view.diagnostics:
        loc = diag.location
        props = ",".join(
            [
                f"file={escape_property(view.path(loc.file))}",
                f"line={loc.line or 1}",
                f"col={loc.column or 1}",
                f"title={escape_property(diag.code)}",
            ]
        )
        lines.append(f"::{COMMANDS[diag.severity]} {props}::{escape_data(diag.message(view.lang))}")
    return "".join(line + "\n" for line in lines)
