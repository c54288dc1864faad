"""``kh284 validate FILE...``: findings for the files named, and a name that is no file.

A file that does not exist is a usage error naming it (exit 2), never "0 errors"; a file
name typed in NFC for a file stored in NFD (or the other way round) is the same file.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from casekit import BASE_DIR, DEFAULT_AS_OF
from conftest import run_both

REPORT = Path("progress") / "2025" / "so-gd.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(BASE_DIR, copy)
    return copy


def _validate(data: Path, *files: Path, code: int) -> tuple[str, str]:
    return run_both(
        "validate",
        "--data-dir",
        str(data),
        "--as-of",
        DEFAULT_AS_OF.isoformat(),
        "--lang",
        "en",
        *map(str, files),
        code=code,
    )


def test_a_file_that_does_not_exist_is_a_usage_error(data: Path) -> None:
    missing = data / "progress" / "2025" / "so-gd-typo.yaml"
    out, err = _validate(data, data / REPORT, missing, code=2)
    assert out == ""
    assert "so-gd-typo.yaml" in err and "does not exist" in err
    assert "0 errors" not in err
    _, err = run_both("validate", "--data-dir", str(data), "--lang", "vi", str(missing), code=2)
    assert "so-gd-typo.yaml" in err and "không tồn tại" in err


def test_a_file_named_is_reported_on(data: Path) -> None:
    report = data / REPORT
    report.write_text(report.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    out, _ = _validate(data, report, code=1)
    assert "S201" in out and "so-gd.yaml:17:1" in out
    out, err = _validate(data, data / "units.yaml", code=0)
    assert out == "" and err.startswith("0 errors")


@pytest.mark.parametrize(("stored", "typed"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_name_in_the_other_normal_form_is_the_same_file(
    data: Path, stored: str, typed: str
) -> None:
    name = "Sở Giáo dục.yaml"
    folder = data / "progress" / unicodedata.normalize(stored, "năm 2025")
    folder.mkdir()
    report = folder / unicodedata.normalize(stored, name)
    text = (data / REPORT).read_text(encoding="utf-8")
    report.write_text(text + "surprise: 1\n", encoding="utf-8")
    typed_path = (
        data
        / "progress"
        / unicodedata.normalize(typed, "năm 2025")
        / unicodedata.normalize(typed, name)
    )
    out, _ = _validate(data, typed_path, code=1)
    assert "S201" in out, out
