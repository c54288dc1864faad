"""Every command says what it did and why it stopped (issue 22).

A file written is said on stderr (``đã ghi PATH``) by every command that writes one; a
summary that exits 1 without findings says why; a data directory that is a sub-folder of
one is a usage error naming the folder to use; ``template`` refuses years outside the plan;
an operating system's refusal is said in the vocabulary's words, not the system's English.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import DATA, DEMO, run_both

AS_OF = "2026-12-31"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json"],
        ["overdue"],
        ["validate", "--format", "sarif"],
        ["missing", "--format", "markdown"],
        ["report"],
    ],
)
def test_every_file_written_is_said(args: list[str], tmp_path: Path) -> None:
    if args[0] == "report":
        pytest.importorskip("openpyxl")
    target = tmp_path / "kết quả.out"
    out, err = run_both(
        *args, "--data-dir", str(DEMO), "--as-of", AS_OF, "-o", str(target), code=None
    )
    assert out == "" and target.stat().st_size > 0
    assert f"đã ghi {target}" in err.splitlines()[-1]
    _, err = run_both(
        *args, "--data-dir", str(DEMO), "--as-of", AS_OF, "-o", str(target), "--force",
        "--lang", "en", code=None,
    )  # fmt: skip
    assert f"wrote {target}" in err


def test_template_says_what_it_wrote_once(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    target = tmp_path / "mau.xlsx"
    args = ("template", "--data-dir", str(DEMO), "--unit", "Sở GD&ĐT", "--period", "2026")
    _, err = run_both(*args, "-o", str(target))
    assert err == f"đã ghi {target}\n"


@pytest.mark.parametrize("period", ["1999", "2024", "2031", "2100"])
def test_template_refuses_years_outside_the_plan(period: str, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    plan = yaml.safe_load((DEMO / "plan.yaml").read_text(encoding="utf-8"))
    first, last = plan["settings"]["report_from_year"], plan["horizon_year"]
    target = tmp_path / "mau.xlsx"
    args = ("template", "--data-dir", str(DEMO), "--unit", "Sở GD&ĐT", "-o", str(target))
    _, err = run_both(*args, "--period", period, code=2)
    assert f"chỉ nhận các năm {first}–{last}" in err and not target.exists()
    _, err = run_both(*args, "--period", period, "--lang", "en", code=2)
    assert f"only the years {first}–{last}" in err
    run_both(*args, "--period", str(last))  # the last year of the plan is accepted
    assert target.exists()


def test_missing_says_why_it_exits_1() -> None:
    out, err = run_both("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    summary = err.splitlines()[-1]
    assert summary.startswith("0 lỗi")  # no finding: the exit code is what is missing
    owing = {row.split("│")[1].strip() for row in out.splitlines() if row.startswith("│")}
    assert "đơn vị còn nợ báo cáo" in summary and "mục)" in summary
    count = int(summary.split("; ")[-1].split(" ")[0])
    assert 0 < count <= len(owing)
    _, err = run_both("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, "--lang", "en", code=1)
    assert "units owe reports" in err
    # nothing missing: nothing to say, exit 0
    _, err = run_both("missing", "--data-dir", str(DEMO), "--as-of", "2025-06-30", code=0)
    assert "còn nợ" not in err


@pytest.mark.parametrize("command", ["check", "overdue", "tasks", "validate", "targets", "units"])
def test_a_sub_folder_of_a_data_directory_names_the_one_to_use(command: str) -> None:
    sub = DEMO / "progress"
    _, err = run_both(command, "--data-dir", str(sub), code=2)
    assert f"dùng --data-dir {DEMO}" in err, err
    assert "Y114" not in err


def test_a_sub_folder_typed_relative_names_the_parent_as_typed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(DEMO.parent.parent)  # the repository: examples/demo/progress
    _, err = run_both("check", "--data-dir", "examples/demo/progress/2025", code=2)
    assert "dùng --data-dir examples/demo\n" in err
    monkeypatch.chdir(DEMO / "progress")
    _, err = run_both("overdue", "--data-dir", ".", "--lang", "en", code=2)
    assert "use --data-dir ..\n" in err


def test_an_empty_folder_is_still_a_data_directory_with_files_missing(tmp_path: Path) -> None:
    # not inside a data directory: the findings say what is missing (as before)
    out, _ = run_both("validate", "--data-dir", str(tmp_path), code=1)
    assert "Y114" in out


def test_operating_system_errors_in_the_vocabulary(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    monkey = tmp_path / "khong-co.xlsx"
    _, err = run_both("import", str(monkey), "--data-dir", str(DEMO), code=None)
    assert "không có tệp hoặc thư mục này" in err
    assert os.strerror(2) not in err  # "No such file or directory"
    _, err = run_both("check", "--data-dir", str(DEMO), "-o", str(tmp_path / "no" / "x"), code=2)
    assert "không có tệp hoặc thư mục này" in err and os.strerror(2) not in err


def test_an_unreadable_data_file_is_said_in_words(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "events.yaml").chmod(0)
    out, _ = run_both("validate", "--data-dir", str(data), code=None)
    assert "Không đọc được tệp: không có quyền truy cập" in out
