"""The ``terminal`` format's entry point: rich tables only where a table is drawn.

A run that shows only findings (``validate``; a command whose data could not be
evaluated) is written by ``render.findings`` without loading rich, which is most of what
a cold CI run would otherwise import; every other run is drawn by ``render.terminal``.
"""

from __future__ import annotations

from kh284.render import findings
from kh284.render.view import View


def render(view: View) -> str:
    """The terminal report of ``view``."""
    if not findings.draws_tables(view):
        return findings.render_lines(view)
    from kh284.render import terminal

    return terminal.render(view)
