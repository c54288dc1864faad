"""The committed JSON Schemas and kh284's schema stage give the same verdict.

Every YAML data file of the test cases (``tests/cases/``, ``tests/hostile/``), the demo
and the real data is read, then judged twice: by ``jsonschema`` (draft 2020-12, the draft
the schemas declare, as check-jsonschema and the YAML language server use them) against
``schemas/<kind>.schema.json``, and by kh284's models.  The schema may never refuse what
kh284 accepts; kh284 may refuse what the schema accepts only for a check listed in
``VALIDATE_ONLY`` — the list docs/DATA-FORMAT.md gives as "checked only by kh284 validate".
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from kh284.load.exact import load_text
from kh284.load.registry import BY_KIND, kind_of
from kh284.validate.models import model_of

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
DOCS = ROOT / "docs" / "DATA-FORMAT.md"

#: kh284's checks no JSON Schema states, as (pydantic error type, message): each is named
#: in docs/DATA-FORMAT.md ("Checked only by kh284 validate").
VALIDATE_ONLY = {
    ("kh284_range", "upper not above value"),
    ("kh284_scale", "scale min not below max"),
    ("kh284_scale", "level outside its scale"),
    ("kh284_accumulate", "accumulate needs a period of counts"),  # from_year after due_year
    ("int_from_float", ""),  # a year or a count written 2025.0: JSON has one kind of number
}


def _data_dirs() -> list[tuple[Path, Path]]:
    """(folder, data directory it stands for): each case folder, the demo, the data."""
    found = [
        (ROOT / "examples" / "demo", ROOT / "examples" / "demo"),
        (ROOT / "data", ROOT / "data"),
    ]
    for parent in (ROOT / "tests" / "cases", ROOT / "tests" / "hostile"):
        found += [(d, d) for d in sorted(parent.iterdir()) if d.is_dir() and d.name != "invalid"]
        invalid = parent / "invalid"
        if invalid.is_dir():
            found += [(d, d) for d in sorted(invalid.iterdir()) if d.is_dir()]
    return found


def _files() -> list[tuple[str, Path]]:
    files = []
    for folder, _ in _data_dirs():
        for path in sorted(p for p in folder.rglob("*.y*ml") if p.is_file()):
            kind = kind_of(path.relative_to(folder).as_posix())
            if kind is not None:
                files.append((kind.kind, path))
    return files


FILES = _files()


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / BY_KIND[kind].schema_file).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _kh284_errors(kind: str, data: Any) -> list[tuple[str, str]]:
    try:
        model_of(kind).model_validate(data)
    except ValidationError as exc:
        return [_kind_of_error(e) for e in exc.errors()]
    return []


def _kind_of_error(error: Any) -> tuple[str, str]:
    """The error's type and message; a whole number written as a float is ``int_from_float``."""
    value = error.get("input")
    if error["type"] == "int_type" and isinstance(value, float) and value.is_integer():
        return ("int_from_float", "")
    return (str(error["type"]), str(error["msg"]))


def _schema_errors(kind: str, data: Any) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message[:120]}" for e in _validator(kind).iter_errors(data)
    ]


def test_there_are_files_of_every_kind() -> None:
    assert {kind for kind, _ in FILES} == set(BY_KIND)
    assert len(FILES) > 100


@pytest.mark.parametrize(("kind", "path"), FILES, ids=[str(p.relative_to(ROOT)) for _, p in FILES])
def test_schema_and_kh284_agree(kind: str, path: Path) -> None:
    document, _ = load_text(path.read_bytes().decode("utf-8", errors="replace"), path.name)
    if document is None:
        return  # refused before the schema stage: no schema verdict to compare
    kh284 = _kh284_errors(kind, document.data)
    schema = _schema_errors(kind, document.data)
    if schema:
        assert kh284, f"the schema refuses what kh284 accepts: {schema}"
    elif kh284:
        unlisted = [error for error in kh284 if error not in VALIDATE_ONLY]
        assert not unlisted, f"kh284 refuses what the schema accepts: {unlisted}"


def _progress(**changes: Any) -> dict[str, Any]:
    report: dict[str, Any] = {
        "unit": "so-gd",
        "period": 2025,
        "reported_on": "2026-01-15",
        "indicators": [{"target": "ti-le", "value": 97.4}],
    }
    report.update(changes)
    return report


@pytest.mark.parametrize(
    ("changes", "valid"),
    [
        ({"period": "2024-2025"}, True),
        ({"period": "2024 – 2025"}, True),
        ({"period": "2025"}, False),
        ({"period": "2024-2026"}, False),
        ({"period": "2100-2101"}, False),
        ({"period": 1900}, False),
        ({"reported_on": "15/01/2026"}, True),
        ({"reported_on": "29/02/2028"}, True),
        ({"reported_on": "2025-13-45"}, False),
        ({"reported_on": "31/02/2026"}, False),
        ({"reported_on": "29/02/2026"}, False),
        ({"reported_on": "2026-04-31"}, False),
        ({"indicators": [{"target": "ti-le", "value": float("nan")}]}, False),
        ({"indicators": [{"target": "ti-le", "value": float("inf")}]}, False),
        ({"indicators": [{"target": "ti-le", "value": -1e300}]}, True),
        ({"indicators": [{"target": "Tỉ lệ", "value": 1}]}, False),
        ({"indicators": []}, False),
        ({"tasks": [{"task": "PL-01", "status": "in_progress", "year": "2025"}]}, False),
        ({"tasks": [{"task": "PL-01", "status": "in_progress", "year": 2025}]}, True),
    ],
)
def test_the_progress_schema_says_what_kh284_says(changes: dict[str, Any], valid: bool) -> None:
    data = _progress(**changes)
    assert (not _schema_errors("progress", data)) is valid
    assert (not _kh284_errors("progress", data)) is valid


def _target(**changes: Any) -> dict[str, Any]:
    target: dict[str, Any] = {
        "id": "ti-le", "name": "Tỉ lệ", "name_en": "Rate", "group": "G", "clause": "II.1",
        "text": "t", "unit": "percent", "comparator": "at_least", "value": 90,
        "due_year": 2030, "direction": "increase", "scope": {"kind": "area", "area": "tinh"},
    }  # fmt: skip
    target.update(changes)
    return {"targets": [target]}


@pytest.mark.parametrize(
    ("changes", "valid"),
    [
        ({}, True),
        ({"value": 120}, False),
        ({"comparator": "between", "upper": 95}, True),
        ({"comparator": "between"}, False),
        ({"upper": 95}, False),
        ({"upper": None}, True),
        ({"comparator": "approximately"}, False),
        ({"comparator": "approximately", "tolerance": 1}, True),
        ({"unit": "level", "value": 2}, False),
        ({"unit": "level", "value": 2, "scale": {"min": 0, "max": 3}}, True),
        ({"scale": {"min": 0, "max": 3}}, False),
        ({"accumulate": True, "unit": "count", "from_year": 2025}, True),
        ({"accumulate": True, "unit": "count"}, False),
        ({"accumulate": True, "from_year": 2025}, False),
        ({"no_decrease": True}, False),
        ({"no_decrease": True, "every_year": True}, True),
        ({"scope": {"kind": "count_of_areas", "area": "tinh"}}, False),
        ({"scope": {"kind": "area", "area": "tinh", "level": "district"}}, False),
        ({"every_year": "yes"}, False),  # `yes` stays text (YAML 1.2), never a boolean
        ({"aspirational": 1}, False),
        ({"every_year": True}, True),
    ],
)
def test_the_targets_schema_says_what_kh284_says(changes: dict[str, Any], valid: bool) -> None:
    data = _target(**changes)
    assert (not _schema_errors("targets", data)) is valid, _schema_errors("targets", data)
    assert (not _kh284_errors("targets", data)) is valid


def test_the_docs_name_every_check_only_kh284_makes() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("Checked only by `kh284 validate`", 1)[1].split("\n#", 1)[0]
    for phrase in ("upper", "scale", "from_year", "2025.0"):
        assert phrase in section, phrase
