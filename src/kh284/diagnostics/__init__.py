"""Diagnostics: what kh284 says about the data, and the one exit-code policy.

A ``Diagnostic`` is frozen plain data: a stable code, a severity, the arguments of its
message template, where it points (file, 1-based line and column, the path inside the
document) and, for findings about a target or a task, its ``Subject``.  Its text is
rendered from the ``catalogue`` in the language asked for, so the same finding reads the
same in every output format.  (Waivers and ``--select``/``--ignore`` are applied above the
loader, in ``validate.waivers``.)
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kh284.diagnostics import catalogue


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """Lower-case name used in every output format."""
        return self.name.lower()


class UsageError(Exception):
    """A run that cannot go ahead (exit 2): a bad option, an unknown unit, a missing extra.

    It carries its message in both languages; the command line prints the one asked for.
    """

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en

    def message(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.vi if lang == "vi" else self.en


class ExitCode(enum.IntEnum):
    """Exit codes shared by every command."""

    OK = 0
    FINDINGS = 1
    CANNOT_RUN = 2


FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}


def exit_code_for(diagnostics: Iterable[Diagnostic], fail_on: str) -> ExitCode:
    """Return 1 when any diagnostic reaches ``fail_on`` (error, warning or never), else 0."""
    threshold = FAIL_ON[fail_on]
    if threshold is None:
        return ExitCode.OK
    if any(d.severity >= threshold for d in diagnostics):
        return ExitCode.FINDINGS
    return ExitCode.OK


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding points: a file relative to the data directory, line and column."""

    file: str
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, order=True)
class Subject:
    """What a finding is about: a ``kind`` (target, task, unit), its id, and the part.

    ``part`` names a task's deliverable (a year, an event id) and is "" otherwise.
    """

    kind: str
    id: str
    part: str = ""


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a code from the catalogue, the template's arguments and a location."""

    code: str
    location: Location
    args: tuple[tuple[str, str], ...] = ()
    related: tuple[Location, ...] = ()
    severity: Severity = field(default=Severity.ERROR)
    subject: Subject | None = None

    @property
    def about(self) -> str:
        """The kind of thing the finding is about (file, target, task, waiver, run)."""
        return catalogue.family(self.code).about

    def message(self, lang: str, quote: Callable[[str], str] | None = None) -> str:
        """The message text in ``lang`` (``vi`` or ``en``); ``quote`` sets its data apart."""
        return catalogue.render(self.code, lang, dict(self.args), quote)

    @property
    def title(self) -> str:
        """A short English name of the code, for rule lists (SARIF, JUnit)."""
        return catalogue.CATALOGUE[self.code].title

    def sort_key(self) -> tuple[Any, ...]:
        """Order by file, line, column, code, then every other field: a total order.

        Findings that tie on (file, line, column, code) are ordered by their message's
        arguments, severity, subject, related locations and path, so the order never
        depends on the order they were found in (nor on the hash order of a set).
        """
        loc = self.location
        subject = self.subject
        return (
            loc.file,
            loc.line or 0,
            loc.column or 0,
            self.code,
            self.args,
            int(self.severity),
            () if subject is None else (subject.kind, subject.id, subject.part),
            tuple(_location_key(r) for r in self.related),
            _location_key(loc),
        )


def _location_key(loc: Location) -> tuple[Any, ...]:
    """A location as a key that compares whatever its path holds (text and numbers)."""
    path = tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in loc.path)
    return (loc.file, loc.line is None, loc.line or 0, loc.column is None, loc.column or 0, path)


def make(
    code: str,
    location: Location,
    related: Iterable[Location] = (),
    severity: Severity | None = None,
    regarding: Subject | None = None,
    **args: object,
) -> Diagnostic:
    """Build a diagnostic with the catalogue's default severity unless one is given.

    ``regarding`` is the finding's structured subject; ``args`` fill the message template.
    """
    return _build(code, location, related, severity, args, regarding)


def make_from(code: str, location: Location, args: Mapping[str, object]) -> Diagnostic:
    """Like ``make``, with the template's arguments as a mapping."""
    return _build(code, location, (), None, args, None)


def _build(
    code: str,
    location: Location,
    related: Iterable[Location],
    severity: Severity | None,
    args: Mapping[str, object],
    subject: Subject | None,
) -> Diagnostic:
    entry = catalogue.CATALOGUE[code]
    return Diagnostic(
        code=code,
        location=location,
        args=tuple((k, _text(v)) for k, v in sorted(args.items())),
        related=tuple(related),
        severity=severity if severity is not None else Severity[entry.severity.upper()],
        subject=subject,
    )


def _text(value: object) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> Mapping[str, int]:
    """Counts of errors, warnings and infos."""
    counts = {s.label: 0 for s in Severity}
    for diag in diagnostics:
        counts[diag.severity.label] += 1
    return counts
