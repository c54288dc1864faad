"""``kh284 units`` lists the units; ``--unit`` hints names; ``--status`` takes words (issue 22).

There was no way to list units, ``--unit "Sở Giáo dục"`` gave no hint and ``"Sở GD"`` the
id ``so-gddt``; ``--status`` took only English ids and ``-h`` did not list them.
"""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import DATA, DEMO, run_both, run_cli, run_json
from kh284.i18n import TASK_LABELS

AS_OF = "2026-12-31"


def _units(data=DATA) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    found: list[dict[str, object]] = yaml.safe_load(
        (data / "units.yaml").read_text(encoding="utf-8")
    )["units"]
    return found


def test_units_lists_every_unit_with_its_names_kind_dates_and_successors() -> None:
    out = run_cli("units", "--data-dir", str(DATA))
    assert "Sở Tài chính" in out  # the example
    units = _units()
    assert f": {len(units)}" in out.splitlines()[0]  # "Mọi đơn vị trong dữ liệu: 28"
    for unit in units:
        assert str(unit["short_name"]) in out, unit["id"]
    # ubnd-tinh ended on 30/06/2025; UBND tỉnh Thái Nguyên carries on from 01/07/2025
    ended = next(u for u in units if u.get("valid_until") and u.get("successors"))
    assert f"{ended['valid_until']:%d/%m/%Y}" in out
    successor = next(u for u in units if u["id"] == ended["successors"][0])  # type: ignore[index]
    assert str(successor["short_name"]) in out
    assert "cơ quan" in out and "agency" not in out  # the kind in Vietnamese


def test_units_as_of_lists_only_those_that_exist_then() -> None:
    every = run_json("units", "--data-dir", str(DATA))["units"]
    before = run_json("units", "--data-dir", str(DATA), "--as-of", "2025-01-01")
    after = run_json("units", "--data-dir", str(DATA), "--as-of", "2026-01-01")
    assert before["as_of"] == "2025-01-01"
    ids = {u["id"] for u in every}
    old = {u["id"] for u in every if u["valid_until"] and u["valid_until"] < "2026-01-01"}
    new = {u["id"] for u in every if u["valid_from"] and u["valid_from"] > "2025-01-01"}
    assert old and new
    assert {u["id"] for u in after["units"]} == ids - old
    assert {u["id"] for u in before["units"]} == ids - new
    text = run_cli("units", "--data-dir", str(DATA), "--as-of", "01/01/2026")
    assert text.splitlines()[0].startswith("Các đơn vị tồn tại ngày 01/01/2026:")


def test_units_in_english() -> None:
    out = run_cli("units", "--data-dir", str(DATA), "--lang", "en")
    assert out.startswith("Every unit in the data:") and "agency" in out


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("Sở Giáo dục", "'Sở GD&ĐT'"),  # a part of the full name
        ("Sở GD", "'Sở GD&ĐT'"),  # a part of the short name: the name, not so-gddt
        ("so tai chin", "'Sở Tài chính'"),  # a slip, without diacritics
    ],
)
def test_every_unit_error_suggests_names(typed: str, hint: str) -> None:
    for command in ("tasks", "overdue", "missing"):
        _, err = run_both(command, "--data-dir", str(DATA), "--unit", typed, code=2)
        assert f"có phải là {hint}" in err, err
        assert "kh284 units" in err  # where to see them all
        ids = {str(u["id"]) for u in _units()}
        quoted = {w.strip("'?,") for w in err.split("'")}
        assert not ids & quoted, err  # a name, never an id


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("quá hạn", "overdue"),  # the example
        ("qua han", "overdue"),
        ("Overdue", "overdue"),
        ("overdue", "overdue"),
        ("chờ sự kiện", "waiting_for_event"),
        ("đang thực hiện", "in_progress"),  # the start of "Đang thực hiện trong hạn"
        ("Hoàn thành đúng hạn", "done_on_time"),
        ("not yet due", "not_due"),
    ],
)
def test_status_takes_words_with_or_without_diacritics(typed: str, status: str) -> None:
    args = ("tasks", "--data-dir", str(DEMO), "--as-of", AS_OF, "--status")
    wanted = run_json(*args, status, code=None)
    got = run_json(*args, typed, code=None)
    assert got["tasks"] == wanted["tasks"]
    assert {t["status"] for t in got["tasks"]} <= {status}


def test_status_words_combine_with_commas() -> None:
    args = ("tasks", "--data-dir", str(DEMO), "--as-of", AS_OF)
    got = run_json(*args, "--status", "quá hạn,chờ sự kiện", code=None)
    statuses = {t["status"] for t in got["tasks"]}
    assert statuses == {"overdue", "waiting_for_event"}


def test_an_unknown_or_ambiguous_status_lists_the_words() -> None:
    _, err = run_both("tasks", "--data-dir", str(DEMO), "--status", "xong", code=2)
    for status, (vi, _) in TASK_LABELS.items():
        assert f"{vi} ({status})" in err
    _, err = run_both("tasks", "--data-dir", str(DEMO), "--status", "hoàn thành", code=2)
    assert "Hoàn thành đúng hạn (done_on_time)" in err and "Quá hạn" not in err
    _, err = run_both("tasks", "--status", "xong", "--lang", "en", code=2)
    assert "Done on time (done_on_time)" in err


def test_status_help_lists_every_status() -> None:
    for lang in ("vi", "en"):
        out = " ".join(run_cli("tasks", "-h", "--lang", lang).split())
        for status, words in TASK_LABELS.items():
            said = words[0] if lang == "vi" else words[1]
            assert f"{said} ({status})" in out, (lang, status)


def test_units_json_parses_and_holds_every_unit() -> None:
    data = json.loads(run_cli("units", "--data-dir", str(DEMO), "--format", "json"))
    assert [u["id"] for u in data["units"]] == [u["id"] for u in _units(DEMO)]
