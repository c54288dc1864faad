"""Data-file test cases: assemble a case's data directory and read its expectations.

A case is a folder under ``tests/cases/invalid/`` holding only the files that differ from
``tests/cases/base/`` (same relative paths, sub-folders such as ``progress/2025/`` kept),
plus ``expect.yaml``.  A file named ``<name>.delete`` removes ``<name>`` from the copy of
the base instead of adding anything.  ``expect.yaml`` reads::

    description: "what is wrong"
    as_of: 2026-01-01             # optional, default DEFAULT_AS_OF
    expect:                       # each must appear among the diagnostics
      - {code: S201, file: units.yaml, line: 12, column: 5}   # line/column optional
    absent:                       # optional: none of these may appear (same fields)
      - {code: D510, file: progress/2025/so-gd.yaml}
    exit: 1                       # exit code of `kh284 validate`: 1 when there is an error
    xfail_reason: "..."           # optional: a known bug of kh284, the case fails strictly

``line: null`` expects a diagnostic without a line (a whole-file finding).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import EllipsisType
from typing import Any

from ruamel.yaml import YAML

CASES_DIR = Path(__file__).resolve().parent / "cases"
BASE_DIR = CASES_DIR / "base"
INVALID_DIR = CASES_DIR / "invalid"
EXPECT_FILE = "expect.yaml"
DELETE_SUFFIX = ".delete"
DEFAULT_AS_OF = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class Expected:
    """One diagnostic a case must produce; ``line``/``column`` of ``...`` are not checked."""

    code: str
    file: str
    line: int | EllipsisType | None = ...
    column: int | EllipsisType | None = ...
    message: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not ...:
            where += f":{self.line}"
        if self.column is not ...:
            where += f":{self.column}"
        return f"{self.code} at {where}"


@dataclass(frozen=True)
class Case:
    """A test case: its folder and what it expects."""

    name: str
    folder: Path
    description: str
    as_of: dt.date
    expect: tuple[Expected, ...]
    absent: tuple[Expected, ...]
    exit: int
    xfail_reason: str | None


def assemble_case(case_dir: Path, dest: Path) -> Path:
    """Build the data directory of ``case_dir`` in ``dest``: the base, then the case's files.

    Returns ``dest``.  ``expect.yaml`` is not copied; ``<name>.delete`` deletes ``<name>``.
    """
    shutil.copytree(BASE_DIR, dest, dirs_exist_ok=True)
    for source in sorted(case_dir.rglob("*")):
        rel = source.relative_to(case_dir)
        if source.is_dir() or rel.as_posix() == EXPECT_FILE:
            continue
        target = dest / rel
        if source.name.endswith(DELETE_SUFFIX):
            doomed = target.with_name(source.name[: -len(DELETE_SUFFIX)])
            if doomed.is_dir():
                shutil.rmtree(doomed)
            else:
                doomed.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return dest


def load_case(case_dir: Path) -> Case:
    """Read ``expect.yaml`` of ``case_dir``."""
    raw: dict[str, Any] = YAML(typ="safe").load((case_dir / EXPECT_FILE).read_text("utf-8"))
    as_of = raw.get("as_of", DEFAULT_AS_OF)
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    return Case(
        name=case_dir.name,
        folder=case_dir,
        description=str(raw["description"]),
        as_of=as_of,
        expect=parse_expected(raw.get("expect")),
        absent=parse_expected(raw.get("absent")),
        exit=int(raw["exit"]),
        xfail_reason=raw.get("xfail_reason"),
    )


def parse_expected(items: list[dict[str, Any]] | None) -> tuple[Expected, ...]:
    return tuple(
        Expected(
            code=str(item["code"]),
            file=str(item["file"]),
            line=item.get("line", ...),
            column=item.get("column", ...),
            message=item.get("message"),
        )
        for item in items or []
    )


def invalid_cases() -> list[Case]:
    """Every case under ``tests/cases/invalid/``, by name."""
    return [load_case(folder) for folder in sorted(INVALID_DIR.iterdir()) if folder.is_dir()]
