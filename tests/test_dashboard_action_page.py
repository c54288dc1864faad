"""The dashboard's first page: what needs attention, worst first, and the roll-up by unit.

Rendered in-process from the demo as of 31/12/2026 (the numbers are worked out by hand at
the top of ``test_reports_html.py``), without charts, with and without the ``reporting``
section (the contract in issue 15), which is made here by hand.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from conftest import DEMO, report_content
from kh284.reports import html
from kh284.reports.content import Content
from kh284.views import OwedItem, UnitView

AS_OF = dt.date(2026, 12, 31)


class Tables(HTMLParser):
    """Every table's rows: (the ``tr``'s attributes, its cells' text), by the table's class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[tuple[dict[str, str], list[str]]]] = {}
        self.headings: list[str] = []
        self._table: str | None = None
        self._cells: list[str] | None = None
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._table = a.get("class", "").replace("stack ", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._cells = []
            self.tables[self._table].append((a, self._cells))
        elif tag in ("td", "th") and self._cells is not None:
            self._cells.append("")
        elif tag in ("h2", "h3"):
            self._heading = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = self._cells = None
        elif tag in ("h2", "h3") and self._heading is not None:
            self.headings.append(self._heading)
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading += data
        if self._cells:
            self._cells[-1] += data


def body_rows(tables: Tables, name: str) -> list[tuple[dict[str, str], list[str]]]:
    return [(a, [c.strip() for c in cells]) for a, cells in tables.tables[name][1:]]


@pytest.fixture(scope="module")
def demo() -> Content:
    return report_content(DEMO, AS_OF, "vi")


def page(content: Content) -> tuple[str, Tables]:
    text = html.render(content, {})
    tables = Tables()
    tables.feed(text)
    return text, tables


def with_model(content: Content, **changes: Any) -> Content:
    """``content`` whose model (``View.model``, a cached property) has ``changes``."""
    view = dataclasses.replace(content.view)
    view.__dict__["model"] = dataclasses.replace(content.model, **changes)
    return dataclasses.replace(content, view=view)


def with_reporting(content: Content, reporting: dict[str, Any]) -> Content:
    """``content`` with the ``reporting`` section given, in its data and its model's units
    (their counts and the items they owe)."""
    data = copy.deepcopy(content.data)
    data["reporting"] = reporting
    counts = ("owed", "on_time", "late", "missing")
    rows = {u["unit"]: {k: u[k] for k in counts} for u in reporting["units"]}
    owed: dict[str, list[OwedItem]] = {}
    for item in reporting["missing"]:
        owed.setdefault(item["unit"], []).append(
            OwedItem(
                kind=item["kind"],
                subject=item["subject"],
                subject_name=item["subject_name"],
                year=item["year"],
                due=dt.date.fromisoformat(item["due"]),
                status="missing",
                days_late=item["days_overdue"],
            )
        )
    units = [
        dataclasses.replace(u, reports=rows.pop(u.unit, None), owed=tuple(owed.get(u.unit, ())))
        for u in content.model.units
    ]
    units += [
        UnitView(
            unit=k,
            name=content.unit_full_name(k),
            short_name=content.unit_name(k),
            reports=v,
            owed=tuple(owed.get(k, ())),
        )
        for k, v in rows.items()
    ]
    return with_model(dataclasses.replace(content, data=data), units=tuple(units))


#: A ``reporting`` section as the contract writes it, made by hand.  Days overdue to
#: 31/12/2026: from 31/01/2026, 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 334;
#: from 30/06/2025, 184 (July to December 2025) + 365 = 549.
REPORTING = {
    "as_of": "2026-12-31",
    "units": [
        {
            "unit": "so-tai-chinh",
            "name": "Sở Tài chính",
            "short_name": "Sở TC",
            "owed": 3,
            "on_time": 0,
            "late": 1,
            "missing": 2,
        },
        {
            "unit": "so-gddt",
            "name": "Sở Giáo dục và Đào tạo",
            "short_name": "Sở GD&ĐT",
            "owed": 5,
            "on_time": 4,
            "late": 0,
            "missing": 1,
        },
        {
            "unit": "so-y-te",
            "name": "Sở Y tế",
            "short_name": "Sở Y tế",
            "owed": 1,
            "on_time": 1,
            "late": 0,
            "missing": 0,
        },
    ],
    "missing": [
        {
            "unit": "so-gddt",
            "unit_name": "Sở Giáo dục và Đào tạo",
            "unit_short_name": "Sở GD&ĐT",
            "kind": "unit_plan",
            "subject": "so-gddt",
            "subject_name": "Sở GD&ĐT",
            "year": 2025,
            "due": "2025-06-30",
            "days_overdue": 549,
        },
        {
            "unit": "so-tai-chinh",
            "unit_name": "Sở Tài chính",
            "unit_short_name": "Sở TC",
            "kind": "figure",
            "subject": "ngan-sach-giao-duc",
            "subject_name": "Tỷ lệ chi ngân sách <b>",
            "year": 2025,
            "due": "2026-01-31",
            "days_overdue": 334,
        },
        {
            "unit": "so-tai-chinh",
            "unit_name": "Sở Tài chính",
            "unit_short_name": "Sở TC",
            "kind": "task_report",
            "subject": "PL-20",
            "subject_name": "PL-20",
            "year": 2025,
            "due": "2026-01-31",
            "days_overdue": 334,
        },
    ],
}


def test_failing_targets_worst_first(demo: Content) -> None:
    _, tables = page(demo)
    rows = body_rows(tables, "act failing")
    # status order missed, not maintained, stagnating, needs acceleration; within one
    # status the lowest progress ratio first (ratios at the top of test_reports_html.py)
    assert [a["data-target"] for a, _ in rows] == [
        "moc-2025-phong-hoc-kien-co",  # missed
        "ngan-sach-giao-duc",  # not maintained
        "hoan-thanh-thcs",  # stagnating, -0.75
        "hoc-2-buoi-tieu-hoc",  # stagnating, 0.05
        "truong-chuan-quoc-gia",  # needs acceleration, 0.33
        "lao-dong-co-bang-cap",  # 0.46
        "phong-hoc-kien-co",  # 0.56
        "minh-hoa-phong-hoc-moi",  # 0.74: (155 - 30) / (200 - 30), an invented sum
        "xoa-mu-chu-muc-2-huyen",  # 0.75
    ]
    status, _, latest, goal, projected = rows[3][1]
    # hoc-2-buoi-tieu-hoc: 88.2 in 2026, projected 88.6 in 2030, in Vietnamese figures
    assert status == "▼ Chững lại/đi lùi"
    assert (latest, goal, projected) == ("88,2 % (2026)", "≥ 100 % (2030)", "88,6 %")


def test_overdue_tasks_with_unit_and_days_late(demo: Content) -> None:
    _, tables = page(demo)
    rows = [cells for _, cells in body_rows(tables, "act overdue")]
    # id, lead unit now, due, days late (DAYS_OVERDUE in test_reports_html.py)
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        ("PL-15", "CĐ Bắc Kạn", "24/11/2025", "402"),
        ("PL-03", "Bộ CHQS tỉnh", "27/12/2025", "369"),
        ("PL-24", "Sở GD&ĐT", "31/12/2025", "365"),
        ("PL-25", "Sở GD&ĐT", "31/12/2025", "365"),
        ("PL-02 (Luật Giáo dục sửa đổi)", "Sở GD&ĐT", "10/06/2026", "204"),
    ]


def test_targets_without_figures_name_who_owes_them_and_the_command(demo: Content) -> None:
    text, tables = page(demo)
    rows = body_rows(tables, "act nofig")
    # the seven targets nobody reported on, all in clause II.2, which names Sở GD&ĐT: one
    # row for the unit, not seven identical ones; in plan order: the two yes/no targets of
    # II.2-1 and the "duy trì" of PCGD tiểu học (II.2-6) have no demo figure either
    assert [a["data-unit"] for a, _ in rows] == ["so-gddt"]
    owner, count, targets, command = rows[0][1]
    assert (owner, count) == ("Sở GD&ĐT", "7")
    assert targets.split("; ") == [
        "Tỉnh duy trì đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi",
        "Tỉnh hoàn thành phổ cập giáo dục mầm non cho trẻ mẫu giáo",
        "Tỷ lệ đi học đúng độ tuổi cấp tiểu học",
        "Tỷ lệ trẻ em mầm non được học 2 buổi/ngày",
        "Số huyện, thành phố đạt chuẩn PCGD tiểu học mức độ 3",
        "Tỉnh duy trì đạt chuẩn phổ cập giáo dục tiểu học",
        "Tỷ lệ người biết chữ mức độ 1 trong độ tuổi 15-60",
    ]
    # the figures owed are those of 2025, the last year ended before 31/12/2026
    assert command.startswith("kh284 template --unit so-gddt --period 2025 --data-dir ")
    # each target keeps an anchor for the overview's tiles
    for target in ("dung-do-tuoi-tieu-hoc", "hoc-2-buoi-mam-non", "biet-chu-muc-1"):
        assert f'id="target-{target}"' in text


def test_roll_up_by_unit_without_reporting(demo: Content) -> None:
    # a plan with no reporting calendar has no `reporting` section (the demo's has one)
    without = {k: v for k, v in demo.data.items() if k != "reporting"}
    units = tuple(dataclasses.replace(u, reports=None) for u in demo.model.units)
    text, tables = page(with_model(dataclasses.replace(demo, data=without), units=units))
    assert "Đơn vị còn nợ báo cáo" not in text
    heads = tables.tables["units"][0][1]
    assert heads == [
        "Đơn vị",
        "Nhiệm vụ chủ trì",
        "Đã hoàn thành",
        "Quá hạn",
        "Đang thực hiện trong hạn",
    ]
    rows = {cells[0]: cells[1:] for _, cells in body_rows(tables, "units")}
    # overdue by lead unit now: PL-02/luat-giao-duc-sua-doi, PL-24, PL-25 (Sở GD&ĐT),
    # PL-03 (Bộ CHQS tỉnh), PL-15 (CĐ Bắc Kạn): most overdue first
    assert list(rows)[:3] == ["Sở GD&ĐT", "Bộ CHQS tỉnh", "CĐ Bắc Kạn"]
    assert [rows[u][2] for u in ("Sở GD&ĐT", "Bộ CHQS tỉnh", "CĐ Bắc Kạn")] == ["3", "1", "1"]
    # done: 6 on time + 1 late = 7, PL-31 by Sở Y tế, the other six by Sở GD&ĐT
    assert (rows["Sở GD&ĐT"][1], rows["Sở Y tế"][1]) == ("6", "1")
    assert sum(int(r[1]) for r in rows.values()) == 7
    assert sum(int(r[2]) for r in rows.values()) == 5
    # in progress 4: PL-09, PL-13, PL-19 (Sở GD&ĐT) and PL-22 (Sở Tài chính)
    assert sum(int(r[3]) for r in rows.values()) == 4


def test_units_that_owe_reports_from_the_reporting_section(demo: Content) -> None:
    text, tables = page(with_reporting(demo, REPORTING))
    assert "Đơn vị còn nợ báo cáo (2)" in text
    rows = body_rows(tables, "act owing")
    # most missing first; Sở Y tế owes nothing and is not listed
    assert [a["data-unit"] for a, _ in rows] == ["so-tai-chinh", "so-gddt"]
    name, missing, worst, what = rows[0][1]
    assert (name, missing, worst) == ("Sở Tài chính", "2", "334")
    # one line per kind of item owed
    assert what == (
        "Số liệu năm 2025 (1 chỉ tiêu, hạn 31/01/2026): Tỷ lệ chi ngân sách <b>"
        "Báo cáo nhiệm vụ năm 2025 (1 nhiệm vụ, hạn 31/01/2026): PL-20"
    )
    assert text.count('<li data-kind="figure" data-year="2025">') == 1
    assert "Kế hoạch triển khai của đơn vị năm 2025 (hạn" in text
    assert rows[1][1][1:3] == ["1", "549"]
    assert "Tỷ lệ chi ngân sách &lt;b&gt;" in text  # data is escaped


def test_roll_up_by_unit_with_reporting(demo: Content) -> None:
    _, tables = page(with_reporting(demo, REPORTING))
    heads = tables.tables["units"][0][1]
    assert heads[5:] == ["Báo cáo phải nộp", "Nộp đúng hạn", "Nộp muộn", "Chưa nộp"]
    rows = {a["data-unit"]: cells for a, cells in body_rows(tables, "units")}
    # Sở Tài chính leads PL-20 and PL-22 (in progress), nothing overdue; reports 3/0/1/2
    assert rows["so-tai-chinh"] == ["Sở Tài chính", "2", "0", "0", "1", "3", "0", "1", "2"]
    assert rows["so-gddt"][5:] == ["5", "4", "0", "1"]
    # a unit that leads no task but owes reports still has its row; a unit that leads
    # tasks but is not in the section shows no report figures
    assert rows["bo-chqs-tinh"][5:] == ["—", "—", "—", "—"]
    # no overdue task: those with missing reports come first
    order = list(rows)
    assert order.index("so-tai-chinh") < order.index("so-y-te")


def test_names_not_slugs_and_vietnamese_decimals(demo: Content) -> None:
    text, _ = page(demo)
    shown = re.sub(r"<[^>]*>", " ", text.split('<section id="sources">')[0])
    # ids stay in attributes and the appendix, not in what a reader sees before it
    for slug in ("nha-tre-huy-dong", "ngan-sach-giao-duc", "II.2-1)"):
        assert slug not in shown.replace("mục II.2-1)", ""), slug
    assert "34,5 % (2026)" in shown  # nha-tre-huy-dong's latest figure
    assert "34.5" not in shown


def test_english_page(demo: Content) -> None:
    content = report_content(DEMO, AS_OF, "en")
    text, tables = page(content)
    assert "Needs attention" in text and "Overdue tasks (5)" in text
    assert tables.tables["units"][0][1][0] == "Unit"
    assert "34.5% (2026)" in text


def test_print_header_is_a_safe_css_string(demo: Content) -> None:
    hostile = 'KH" } body { display: none } </style><script>\\'
    text = html.css_string(hostile)
    # only the two delimiting quotes; no backslash but those that start a 6-digit escape
    assert text.count('"') == 2 and text.startswith('"') and text.endswith('"')
    assert "<" not in text and "}" not in text
    assert re.fullmatch(r'"(?:[A-Za-z0-9 ]|\\[0-9a-f]{6})*"', text)
    # \00003c is "<", \000022 the quote: the header still says what the data says
    assert "\\00003c" in text and "\\000022" in text
    # the running header is built from the report title, which holds the plan's number
    header = html._page_css(demo, hostile)
    assert "</style>" not in header and hostile not in header
    assert header.startswith("@page { size: A4") and "counter(page)" in header
