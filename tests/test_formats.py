"""Every output format on one data set with errors, warnings and waivers (golden files).

Regenerate the golden files with ``KH284_REGEN_GOLDEN=1 pytest tests/test_formats.py``
and review the diff; never edit them by hand.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, DEMO, ROOT, run_both, run_cli
from kh284.render import MODULES, Format
from kh284.render.github import escape_data, escape_property

GOLDEN = ROOT / "tests" / "golden"
GOLDEN_DATA = "tests/golden/data"
#: The official SARIF 2.1.0 schema, kept with the tests (tests/data/README.md says whence).
SARIF_SCHEMA = ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"
COMMANDS = {
    "validate": ("validate",),
    "check": ("check", "--verbose"),
}


def produce(command: str, fmt: str) -> tuple[str, str, int]:
    args = [
        *COMMANDS[command],
        "--data-dir",
        GOLDEN_DATA,
        "--as-of",
        "2026-06-30",
        "--lang",
        "en",
        "--format",
        fmt,
        "--show-waived",
    ]
    from typer.testing import CliRunner

    from kh284.cli.app import app

    result = CliRunner().invoke(app, args, catch_exceptions=False)
    return result.stdout, result.stderr, result.exit_code


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("fmt", [f.value for f in Format])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_golden_output(command: str, fmt: str) -> None:
    out, err, code = produce(command, fmt)
    assert code == 1, err
    golden = GOLDEN / "expected" / f"{command}.{fmt}.txt"
    if os.environ.get("KH284_REGEN_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert err.startswith("2 errors") if command == "check" else err.startswith("1 error,")


def test_golden_headline_tells_done_on_time_and_overdue_apart() -> None:
    # worked out from tests/golden/data as of 30/6/2026: due before it are PL-01 (done
    # 20/11/2025, on time), PL-02 (2025) (done 1/12/2025, on time), PL-04 (Luật A of
    # 15/1/2025 + 6 months = 15/7/2025, nothing reported: overdue by 350 days) and PL-05
    # (done 20/1/2026 after 31/12/2025: late); PL-02 (2026) is due 31/12/2026, PL-03 is
    # ongoing and PL-06 waits for Đề án B, which has no date
    data = json.loads(produce("check", "json")[0])
    statuses = {(t["id"], t["deliverable"]): t["status"] for t in data["tasks"]}
    assert statuses == {
        ("PL-01", None): "done_on_time",
        ("PL-02", "2025"): "done_on_time",
        ("PL-02", "2026"): "in_progress",
        ("PL-03", None): "ongoing",
        ("PL-04", None): "overdue",
        ("PL-05", None): "done_late",
        ("PL-06", None): "waiting_for_event",
    }
    targets = data["headline"].pop("targets")
    assert data["headline"] == {
        "due": 4,
        "done": 3,
        "done_on_time": 2,
        "overdue": 1,
        "completion_rate": 75.0,
    }
    # the targets: 2 of 3 cannot be judged (no figure), 1 achieved, none on an old figure
    assert (targets["total"], targets["unknown"], targets["failing"], targets["good"]) == (
        3,
        2,
        0,
        1,
    )
    assert targets["stale"] == 0
    overdue = next(t for t in data["tasks"] if t["id"] == "PL-04")
    assert (overdue["due"], overdue["days_overdue"]) == ("2025-07-15", 350)


def test_every_format_has_a_formatter() -> None:
    assert set(MODULES) == set(Format)


def test_junit_parses_and_fails_where_findings_are() -> None:
    out, _, _ = produce("check", "junit")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root}
    assert set(suites) == {"kh284.files", "kh284.targets", "kh284.tasks"}
    failures = {
        c.get("name"): c.find("failure") for s in root for c in s if c.find("failure") is not None
    }
    assert "PL-04" in failures and failures["PL-04"].get("type") == "K701"
    report = "tests/golden/data/progress/2025/so-tc.yaml"
    assert failures[report].get("type") == "R302"
    assert f"{report}:7:13" in (failures[report].text or "")
    assert int(root.get("failures", "0")) == len(failures)


def test_sarif_is_valid_sarif_2_1_0() -> None:
    import jsonschema

    out, _, _ = produce("check", "sarif")
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rules
    r302 = next(r for r in results if r["ruleId"] == "R302")
    location = r302["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "tests/golden/data/progress/2025/so-tc.yaml"
    assert location["region"] == {"startLine": 7, "startColumn": 13}
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["D510"]


def test_github_annotations_always_have_a_line_and_escape_text() -> None:
    out, _, _ = produce("validate", "github")
    for line in out.splitlines():
        assert line.startswith(("::error file=", "::warning file=", "::notice file="))
        assert ",line=" in line and ",col=" in line and ",title=" in line
    assert escape_data("50% done\nnext") == "50%25 done%0Anext"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"


def test_github_is_chosen_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = run_cli("validate", "--data-dir", GOLDEN_DATA, "--as-of", "2026-06-30", code=1)
    assert out.startswith("::")


def test_markdown_escapes_pipes() -> None:
    from kh284.render.markdown import cell

    assert cell("a|b <c>") == "a\\|b &lt;c&gt;"


def test_select_ignore_quiet_and_fail_on() -> None:
    base = ("validate", "--data-dir", GOLDEN_DATA, "--as-of", "2026-06-30", "--lang", "en")
    out = run_cli(*base, "--select", "V8", code=0)
    assert "V801" in out and "R302" not in out
    out = run_cli(*base, "--ignore", "R302,V", code=0)
    assert "R302" not in out and "V80" not in out
    run_cli(*base, "--ignore", "R3", "--fail-on", "warning", code=1)
    run_cli(*base, "--fail-on", "never", code=0)
    out, err = run_both(*base, "--quiet", code=1)
    assert out == "" and err.startswith("1 error,")


def test_color_always_and_never() -> None:
    base = ("validate", "--data-dir", GOLDEN_DATA, "--as-of", "2026-06-30")
    assert "\x1b[" in run_cli(*base, "--color", "always", code=1)
    assert "\x1b[" not in run_cli(*base, "--color", "never", code=1)


def test_output_is_written_atomically_and_never_overwritten_unasked(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    base = ("validate", "--data-dir", GOLDEN_DATA, "--as-of", "2026-06-30", "--format", "json")
    assert run_cli(*base, "--output", str(target), code=1) == ""
    first = json.loads(target.read_text(encoding="utf-8"))
    assert first["summary"]["error"] == 1
    target.write_text("keep me", encoding="utf-8")
    run_cli(*base, "--output", str(target), code=2)
    assert target.read_text(encoding="utf-8") == "keep me"
    run_cli(*base, "--output", str(target), "--force", code=1)
    assert json.loads(target.read_text(encoding="utf-8")) == first
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_json_layout_is_the_documented_one() -> None:
    data = json.loads(produce("check", "json")[0])
    assert list(data) == [
        "schema_version",
        "tool",
        "version",
        "command",
        "as_of",
        "lang",
        "data_dir",
        "targets",
        "tasks",
        "headline",
        "due_soon",
        "diagnostics",
        "waived",
        "summary",
    ]
    diag = data["diagnostics"][0]
    assert list(diag) == [
        "code",
        "severity",
        "title",
        "message",
        "file",
        "line",
        "column",
        "related",
    ]
    assert data["waived"][0]["reason"]


def test_committed_schemas_match_the_models() -> None:
    from kh284.load.registry import KINDS
    from kh284.validate.json_schema import schema_text

    for kind in (k.kind for k in KINDS):
        committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"schemas/{kind}.schema.json is stale: regenerate"


def test_shipped_data_files_point_at_their_schema() -> None:
    from kh284.load.registry import kind_of

    for root in (DATA, DEMO):
        for path in sorted(root.rglob("*.yaml")):
            kind = kind_of(path.relative_to(root).as_posix())
            assert kind is not None, f"{path}: not a kind of data file the registry knows"
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith("# yaml-language-server: $schema="), path
            schema_path = (path.parent / first.split("=", 1)[1]).resolve()
            assert schema_path == (ROOT / "schemas" / kind.schema_file).resolve(), path


def test_schema_command_prints_the_committed_schema() -> None:
    out = run_cli("schema", "progress")
    assert out == (ROOT / "schemas" / "progress.schema.json").read_text(encoding="utf-8")
    run_cli("schema", "nonsense", code=2)


def test_github_paths_are_relative_to_the_workspace(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ROOT / "tests"))
    monkeypatch.chdir(tmp_path)
    data = str(ROOT / "tests" / "golden" / "data")
    out = run_cli("validate", "--data-dir", data, "--as-of", "2026-06-30", code=1)
    assert "file=golden/data/progress/2025/so-tc.yaml,line=7,col=13" in out


def test_json_targets_carry_their_forms() -> None:
    # the documented keys of a target, in order (OUTPUT.md's JSON layout)
    data = json.loads(produce("check", "json")[0])
    assert list(data["targets"][0]) == [
        "id",
        "name",
        "group",
        "clause",
        "status",
        "label",
        "value",
        "year",
        "unit",
        "comparator",
        "target_value",
        "upper",
        "tolerance",
        "due_year",
        "every_year",
        "accumulate",
        "scale",
        "breakdown",
        "reason",
        "components",
        "history",
        "goal_text",
        "responsible",
        "stale",
    ]
    # the demo's targets of each form (examples/demo/targets.yaml)
    out = run_cli(
        "check", "--data-dir", str(DEMO), "--as-of", "2026-12-31", "--format", "json", code=None
    )
    targets = {t["id"]: t for t in json.loads(out)["targets"]}
    rooms, vocational = targets["minh-hoa-phong-hoc-moi"], targets["minh-hoa-hoc-nghe"]
    assert (vocational["comparator"], vocational["target_value"], vocational["upper"]) == (
        "between",
        30,
        35,
    )
    assert (rooms["accumulate"], rooms["upper"], rooms["scale"]) == (True, None, None)
    assert targets["xoa-mu-chu-muc-2-huyen"]["scale"] == {"min": 0, "max": 2}
    assert targets["pcgd-mam-non-5-tuoi"]["scale"] == {"min": 0, "max": 1}
    assert targets["minh-hoa-tieu-hoc-dtts"]["breakdown"] == {
        "parent": "hoan-thanh-tieu-hoc",
        "by": "population",
        "group": "học sinh dân tộc thiểu số",
        "group_en": "ethnic-minority pupils",
    }
    assert targets["nha-tre-huy-dong"]["breakdown"] is None
