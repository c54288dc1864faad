"""Shared test helpers: a CLI runner with fixed width and no colour, and data paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kh284.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DEMO = ROOT / "examples" / "demo"

#: The invented demo as of 31/12/2026, worked out by hand (the arithmetic is in
#: tests/test_reports_docx.py and tests/test_reports_excel.py): targets and task rows by
#: their Vietnamese status word.
DEMO_TARGET_LABELS = {
    "Đã đạt": 10,
    "Đúng tiến độ": 7,
    "Cần đẩy nhanh": 5,
    "Chững lại/đi lùi": 2,
    "Không duy trì": 1,
    "Không đạt": 1,
    "Chưa có số liệu": 7,
    "Chưa đủ số liệu": 2,
}
DEMO_TASK_LABELS = {
    "Hoàn thành đúng hạn": 6,
    "Hoàn thành quá hạn": 1,
    "Quá hạn": 5,
    "Đang thực hiện trong hạn": 4,
    "Chờ sự kiện": 1,
    "Thường xuyên": 1,
    "Chưa đến hạn": 18,
}


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kh284-cache")


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    # the tests run through the cache (shared by the session), never the user's own
    monkeypatch.setenv("KH284_CACHE_DIR", str(_cache_dir))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("KH284_DATA_DIR", raising=False)
    monkeypatch.delenv("KH284_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run_both(*args: str, code: int | None = 0) -> tuple[str, str]:
    """Run ``kh284 args``; assert the exit code; return (stdout, stderr)."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    if code is not None:
        assert result.exit_code == code, f"exit {result.exit_code}, output:\n{result.output}"
    assert "Traceback" not in result.output
    return result.stdout, result.stderr


def run_cli(*args: str, code: int | None = 0) -> str:
    """Run ``kh284 args``; assert the exit code (showing the output when it differs)."""
    return run_both(*args, code=code)[0]


def run_json(*args: str, code: int | None = 0) -> Any:
    """Run ``kh284 args --format json`` and parse the output."""
    return json.loads(run_cli(*args, "--format", "json", code=code))


def report_content(data_dir: Path, as_of: Any, lang: str, fail_on: str = "error") -> Any:
    """The reports' ``Content`` of ``data_dir``, made as ``kh284 report`` makes it."""
    from kh284.cli.commands import check_view
    from kh284.cli.options import Options
    from kh284.reports.content import build

    options = Options(data_dir=data_dir, as_of=as_of, lang=lang, fail_on=fail_on, quiet=True)
    return build(check_view(options))


def demo_template(root: Path, period: str = "2027") -> tuple[Path, bytes]:
    """A copy of the demo under ``root`` and the bytes of Sở GD&ĐT's template for ``period``."""
    data = root / "data"
    shutil.copytree(DEMO, data)
    out = root / "t.xlsx"
    run_both(
        "template", "--unit", "so-gddt", "--period", period, "--data-dir", str(data), "-o", str(out)
    )
    return data, out.read_bytes()


def dated_book(template: bytes) -> Any:
    """A template's bytes opened with openpyxl, the report's date and document filled in.

    The date is 15/12/2027, for the 2027 templates of ``demo_template``.
    """
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(template))
    book["Thông tin"]["B7"] = "15/12/2027"
    book["Thông tin"]["B8"] = "Báo cáo số 1/BC-SGDĐT"
    return book


def children_of(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid`` (read from ``/proc``)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found
