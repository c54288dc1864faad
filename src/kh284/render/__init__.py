"""Rendering a ``View``: one module per output format, one registry, one ``Result``.

Formatters return text and never print; the CLI decides whether it goes to stdout or to
``--output``.  The formats are named in ``formats``; ``plain`` builds the single plain-data
form the machine formats share.  Every command, the report commands included, ends in a
``Result``: what to write, the summary line for stderr, and the exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from kh284.render.formats import Format as Format

if TYPE_CHECKING:
    from kh284.render.view import View


#: The module that renders each format (imported only when used).
MODULES = {
    Format.terminal: "kh284.render.screen",
    Format.json: "kh284.render.json_format",
    Format.junit: "kh284.render.junit",
    Format.github: "kh284.render.github",
    Format.sarif: "kh284.render.sarif",
    Format.markdown: "kh284.render.markdown",
}


def formatter(fmt: Format) -> Callable[[View], str]:
    """The ``render`` function of ``fmt``."""
    render: Callable[[View], str] = import_module(MODULES[fmt]).render
    return render


@dataclass(frozen=True)
class Result:
    """What a command writes (text or, for the reports, bytes), its summary and exit code.

    ``machine`` marks text a program reads (``Format.machine``): stdout gets it as UTF-8
    bytes, like bytes, whatever the locale; other text is written in the locale's encoding,
    what it cannot show spelled in letters it can (``cli.output``).
    """

    output: str | bytes
    summary: str
    exit_code: int
    machine: bool = False
