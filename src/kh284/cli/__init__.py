"""The command line: the typer app, its error boundary, its options and its commands.

- ``app``: the typer app, its declarations made from ``declarations``, and ``main``.
- ``quick``: the common command lines read and run without typer (else the app reads them).
- ``boundary``: the error boundary (no traceback, exit 2) and the fast exit.
- ``usage``: the library's usage errors, said by kh284 in the language asked for.
- ``declarations``: every option and argument of every command, declared once, as data.
- ``options``: the ``Options`` record of a run and the checks of option values.
- ``checking``: validate, check, tasks, overdue, missing, targets, units, schema.
- ``reports``: report, template, import (the ``reports`` extra).
- ``commands``: the commands' core, options in, a ``Result`` out (no typer).
- ``output``: the one way a command writes its result.
- ``argv``: what the raw command line says before it is parsed (language, data directory).
- ``replay``: a command's whole result, stored and replayed under everything that made it.
"""

from __future__ import annotations


def main() -> None:
    """Console entry point (``kh284``): a stored result replayed, else the command run.

    Run without typer when ``quick`` is sure how to read the command line, else by the app.
    """
    import gc
    import os
    import sys

    # A run builds millions of objects that form no cycles and ends with ``os._exit``
    # (``cli.output``): the cyclic collector would walk them all again and again (a third
    # of a cold run on the national set) to find nothing, so this process does without it.
    gc.disable()
    # kh284 uses no pydantic plugins; not looking for any saves scanning installed packages
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    streams = sys.stdout is not None and sys.stderr is not None  # else the app says why
    if sys.argv[1:] == ["--version"] and streams:  # nothing to parse: no command line
        from kh284 import __version__
        from kh284.cli.argv import argv_language
        from kh284.cli.output import deliver_early
        from kh284.render import Result

        deliver_early(Result(f"kh284 {__version__}\n", "", 0), argv_language())
    try:
        from kh284.cli.replay import lookup, read_ahead

        stored = lookup(sys.argv[1:])
        if stored is not None and stored.to_stdout:  # a result for stdout, stored before
            from kh284.cli.output import deliver_early

            deliver_early(stored.result(), stored.lang)
        if stored is None:
            read_ahead()  # workers parse the reports while the command line and models load
        from kh284.cli.quick import run as run_quick

        run_quick(sys.argv[1:])  # the common command lines, without typer; returns if it gives up
        from kh284.cli.app import main as run
    except KeyboardInterrupt:  # before the app's own boundary: said, workers stopped
        from kh284.cli.argv import argv_language
        from kh284.cli.output import interrupted

        interrupted(argv_language())
    run()
