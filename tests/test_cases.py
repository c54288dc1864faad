"""Data-file cases: each folder of tests/cases/invalid/ yields its expected diagnostics.

See ``casekit`` for the layout of a case.  The base data directory itself must load and
check without any error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casekit import BASE_DIR, DEFAULT_AS_OF, Case, Expected, assemble_case, invalid_cases
from kh284.diagnostics import Diagnostic, Severity, exit_code_for
from kh284.validate.checks import run_all
from kh284.validate.dataset import load_dataset
from kh284.validate.index import build_index

CASES = invalid_cases()


def diagnose(data_dir: Path, as_of: dt.date) -> list[Diagnostic]:
    """Every diagnostic of ``data_dir``: loading and schema, then all checks."""
    dataset = load_dataset(data_dir)
    return [*dataset.diagnostics, *run_all(build_index(dataset), as_of)]


def matches(diagnostic: Diagnostic, expected: Expected) -> bool:
    """True when ``diagnostic`` is the finding ``expected`` describes."""
    loc = diagnostic.location
    return (
        diagnostic.code == expected.code
        and loc.file == expected.file
        and (expected.line is ... or loc.line == expected.line)
        and (expected.column is ... or loc.column == expected.column)
        and (expected.message is None or expected.message in diagnostic.message("en"))
    )


def describe(diagnostics: list[Diagnostic]) -> str:
    """One line per diagnostic, for assertion messages."""
    lines = [f"  {d.code} {d.severity.label} {d.location}: {d.message('en')}" for d in diagnostics]
    return "\n".join(lines) or "  (none)"


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of severity error."""
    return [d for d in diagnostics if d.severity >= Severity.ERROR]


def test_base_has_no_error() -> None:
    found = diagnose(BASE_DIR, DEFAULT_AS_OF)
    assert not errors(found), "base data directory has errors:\n" + describe(found)


def _param(case: Case) -> object:
    marks = []
    if case.xfail_reason:
        marks.append(pytest.mark.xfail(reason=case.xfail_reason, strict=True))
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    data_dir = assemble_case(case.folder, tmp_path / "data")
    found = diagnose(data_dir, case.as_of)
    report = f"{case.name}: {case.description}\ndiagnostics:\n{describe(found)}"
    missing = [e for e in case.expect if not any(matches(d, e) for d in found)]
    assert not missing, f"missing {', '.join(map(str, missing))}\n{report}"
    unwanted = [e for e in case.absent if any(matches(d, e) for d in found)]
    assert not unwanted, f"unexpected {', '.join(map(str, unwanted))}\n{report}"
    if case.exit == 0:
        assert not errors(found), f"expected no error\n{report}"
    assert exit_code_for(found, "error") == case.exit, f"exit code differs\n{report}"


def test_cases_exist() -> None:
    assert CASES, "no case folders under tests/cases/invalid/"
