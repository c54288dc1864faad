"""The command line: the typer app, its error boundary, its options and its commands.

- ``app``: the typer app, the error boundary (no traceback, exit 2) and ``main``.
- ``usage``: the library's usage errors, said by kh284 in the language asked for.
- ``options``: every option declared once, and the ``Options`` record of a run.
- ``checking``: validate, check, tasks, overdue, targets, schema.
- ``reports``: report, template, import (the ``reports`` extra).
- ``commands``: the commands' core, options in, a ``Result`` out (no typer).
- ``output``: the one way a command writes its result.
"""

from __future__ import annotations


def main() -> None:
    """Console entry point (``kh284``)."""
    from kh284.cli.app import main as run

    run()
