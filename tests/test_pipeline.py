"""The pipeline's promises: every file through one registry, waivers before narrowing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, DEMO, run_both, run_cli
from kh284.load.registry import KINDS, kind_of


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def test_validate_one_file_applies_the_waivers_of_the_whole_data_set(data: Path) -> None:
    # the pre-commit hook's run: one file named; the three waivers match findings in
    # plan.yaml, which was not named, and are not "unused" for that
    report = next((data / "progress").rglob("*.yaml"))
    out, err = run_both("validate", str(report), "--data-dir", str(data), "--fail-on", "warning")
    assert "V802" not in out + err
    whole = run_cli("validate", "--data-dir", str(data), "--format", "json", code=None)
    one = run_cli("validate", str(report), "--data-dir", str(data), "--format", "json", code=None)
    named = report.relative_to(data).as_posix()
    expected = [d for d in json.loads(whole)["diagnostics"] if d["file"].endswith(named)]
    assert json.loads(one)["diagnostics"] == expected


def test_validate_one_file_reports_exactly_what_validate_reports_for_it(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    shutil.copytree(DEMO, data)
    args = ("--data-dir", str(data), "--as-of", "2026-12-31", "--format", "json")
    whole = json.loads(run_cli("validate", *args, code=None))
    for name in ("waivers.yaml", "plan.yaml", "progress/2025/so-gddt-nhiem-vu-2025.yaml"):
        one = json.loads(run_cli("validate", str(data / name), *args, code=None))
        expected = [d for d in whole["diagnostics"] if d["file"].endswith(name)]
        assert one["diagnostics"] == expected, name
        assert all(w["file"].endswith(name) for w in one["waived"])


def test_a_waivers_file_linking_outside_is_refused_like_any_data_file(
    data: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(data / "waivers.yaml", outside)
    (data / "waivers.yaml").symlink_to(outside)
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", code=1)
    assert "waivers.yaml: error Y113" in out
    # not obeyed: the duplicates it would waive are reported
    assert out.count("P401") == 3


def test_a_waivers_file_is_read_within_the_limits(data: Path) -> None:
    (data / "waivers.yaml").write_bytes(b"waivers: []\n" + b"#" * (5 * 1024 * 1024))
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", code=1)
    assert "waivers.yaml: error Y107" in out


def test_a_broken_waivers_file_points_at_its_line(data: Path) -> None:
    (data / "waivers.yaml").write_text("waivers:\n  - code: P401\n    reason: x\n", "utf-8")
    out = run_cli("validate", "--data-dir", str(data), "--lang", "en", code=1)
    assert "waivers.yaml:2:5: error S202" in out


def test_the_registry_names_every_kind_once() -> None:
    names = [k.name for k in KINDS]
    assert len(names) == len(set(names)) == len({k.kind for k in KINDS})
    assert kind_of("plan.yaml") is not None and kind_of("plan.yaml").kind == "plan"
    assert kind_of("progress/2025/a.yml").kind == "progress"  # type: ignore[union-attr]
    assert kind_of("progress.yaml") is None
    assert kind_of("notes.yaml") is None


def test_schema_command_offers_exactly_the_registry_kinds() -> None:
    for kind in KINDS:
        assert run_cli("schema", kind.kind).startswith("{")
    run_cli("schema", "nonsense", code=2)
