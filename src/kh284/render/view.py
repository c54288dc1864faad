"""What a formatter is given: the outcome plus everything the command decided to show.

``View`` is the single input of every formatter; ``View.model`` is the one model of what
people are shown (``views``), built once, that every output renders.  ``path`` turns a
data-directory-relative file into the path a user (or a CI system, relative to the
repository) can open, shown through ``printable`` like every file name (a control
character in it is escaped).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kh284.diagnostics import Diagnostic
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.tasks import Headline, TaskResult
from kh284.pipeline import Outcome
from kh284.render.formats import Format
from kh284.validate.models.waivers import Waiver
from kh284.views import Model, build


@dataclass(frozen=True)
class View:
    """One command's result, ready to render."""

    command: str
    lang: str
    outcome: Outcome
    diagnostics: list[Diagnostic]
    waived: list[tuple[Diagnostic, Waiver]] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)
    show_targets: bool = False
    show_tasks: bool = False
    show_waived: bool = False
    verbose: bool = False
    fail_on: str = "error"
    color: bool = False
    width: int = 120
    base_dir: Path | None = None
    quiet: bool = False
    #: The completion rate of the tasks this view is about (a unit's, with --unit);
    #: ``None`` means the province's, ``outcome.headline``.
    headline: Headline | None = None
    fmt: Format = Format.terminal
    #: With ``check``: list what falls due within this many days after the as-of date.
    due_within: int | None = None

    @cached_property
    def model(self) -> Model:
        """The one model of what this view shows (``views``), built on first use."""
        return build(
            self.outcome, self.lang, self.tasks, self.shown_headline, due_within=self.due_within
        )

    @property
    def shown_headline(self) -> Headline | None:
        """The headline this view shows: its own, else the province's."""
        return self.headline if self.headline is not None else self.outcome.headline

    def path(self, file: str) -> str:
        """``file`` (relative to the data directory) as seen from ``base_dir`` (or the cwd)."""
        return printable(self._path(file))

    def unescaped_path(self, file: str) -> str:
        """``path`` before ``printable``: for a format that escapes it its own way (a URI)."""
        return self._path(file)

    def _path(self, file: str) -> str:
        # abspath, not resolve(): a link is named as the user sees it, and a link loop
        # cannot make naming a file fail
        full = Path(os.path.abspath(self.outcome.dataset.data_dir / file))
        base = Path(os.path.abspath(self.base_dir or Path.cwd()))
        try:
            return full.relative_to(base).as_posix()
        except ValueError:
            return os.path.relpath(full, base) if full.anchor == base.anchor else str(full)
