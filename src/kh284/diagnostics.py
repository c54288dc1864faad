"""Diagnostics: what kh284 says about the data, and the one exit-code policy.

A ``Diagnostic`` is frozen plain data: a stable code, a severity, the arguments of its
message template, and where it points (file, 1-based line and column, the path inside
the document).  Its text is rendered from the catalogue in ``messages`` in the language
asked for, so the same finding reads the same in every output format.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kh284 import messages


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """Lower-case name used in every output format."""
        return self.name.lower()


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


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a code from the catalogue, the template's arguments and a location."""

    code: str
    location: Location
    args: tuple[tuple[str, str], ...] = ()
    related: tuple[Location, ...] = ()
    severity: Severity = field(default=Severity.ERROR)

    def message(self, lang: str) -> str:
        """The message text in ``lang`` (``vi`` or ``en``)."""
        return messages.render(self.code, lang, dict(self.args))

    @property
    def title(self) -> str:
        """A short English name of the code, for rule lists (SARIF, JUnit)."""
        return messages.CATALOGUE[self.code].title

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, line, column, code."""
        loc = self.location
        return (loc.file, loc.line or 0, loc.column or 0, self.code)


def make(
    code: str,
    location: Location,
    related: Iterable[Location] = (),
    severity: Severity | None = None,
    **args: object,
) -> Diagnostic:
    """Build a diagnostic with the catalogue's default severity unless one is given."""
    return _build(code, location, related, severity, args)


def make_from(code: str, location: Location, args: Mapping[str, object]) -> Diagnostic:
    """Like ``make``, with the template's arguments as a mapping."""
    return _build(code, location, (), None, args)


def _build(
    code: str,
    location: Location,
    related: Iterable[Location],
    severity: Severity | None,
    args: Mapping[str, object],
) -> Diagnostic:
    entry = messages.CATALOGUE[code]
    return Diagnostic(
        code=code,
        location=location,
        args=tuple((k, _text(v)) for k, v in sorted(args.items())),
        related=tuple(related),
        severity=severity if severity is not None else Severity[entry.severity.upper()],
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
