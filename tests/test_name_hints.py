"""A name typed by a person gets the hint the --unit resolver gives, in one round."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, run_cli


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _report(data: Path, unit: str, target: str) -> Path:
    path = data / "progress" / "2024" / "hint.yaml"
    path.write_text(
        f"unit: {unit}\nperiod: 2024\nreported_on: 2024-12-01\n"
        f"indicators:\n  - target: {target}\n    value: 30\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("unit", "hint"),
    [
        ("Sở GD&ĐT", "so-gddt"),  # the short name, as --unit "Sở GD&ĐT" resolves it
        ("so gd dt", "so-gddt"),
        ("Sở Giáo dục và Đào tạo", "so-gddt"),  # the full name
        ("so-gd-dt", "so-gddt"),  # well formed but unknown: R301, same resolver
    ],
)
def test_a_unit_written_by_name_gets_its_id_at_once(data: Path, unit: str, hint: str) -> None:
    _report(data, unit, "nha-tre-huy-dong")
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", code=1)
    line = next(x for x in out.splitlines() if "hint.yaml:1:" in x)
    assert f"did you mean '{hint}'?" in line
    # and the hint is right: using it leaves no finding about the unit
    _report(data, hint, "nha-tre-huy-dong")
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", code=None)
    assert "hint.yaml:1:" not in out


@pytest.mark.parametrize(
    "target",
    [
        "Tỷ lệ huy động trẻ độ tuổi nhà trẻ đến trường",
        "ty le huy dong tre do tuoi nha tre den truong",
        "nha tre huy dong",
    ],
)
def test_a_target_written_by_its_name_gets_its_id(data: Path, target: str) -> None:
    _report(data, "so-gddt", target)
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", code=1)
    line = next(x for x in out.splitlines() if "hint.yaml:5:" in x)
    assert "did you mean 'nha-tre-huy-dong'?" in line


def test_the_command_line_resolves_the_same_name(data: Path) -> None:
    out = run_cli(
        "tasks", "--data-dir", str(data), "--unit", "Sở GD&ĐT", "--as-of", "2026-01-01", code=None
    )
    assert "PL-" in out
