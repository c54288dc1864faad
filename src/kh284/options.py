"""The options every reporting command shares, and the usage error (no heavy imports).

Kept apart from ``commands`` so that the command line can build them, and answer from
the output cache, without loading the models and the engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kh284.cache import Cache, open_cache
from kh284.render import Format


class UsageError(Exception):
    """A problem with the command line itself (exit 2), with a message per language."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en

    def message(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.vi if lang == "vi" else self.en


@dataclass
class Options:
    """Options shared by the reporting commands."""

    data_dir: Path
    as_of: dt.date
    lang: str = "vi"
    fmt: Format = Format.terminal
    fail_on: str = "error"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    quiet: bool = False
    verbose: bool = False
    show_waived: bool = False
    color: bool = False
    width: int = 120
    cache: bool = True

    def open_cache(self) -> Cache:
        """The cache for this run (disabled by ``--no-cache`` or ``KH284_NO_CACHE``)."""
        return open_cache(self.cache)
