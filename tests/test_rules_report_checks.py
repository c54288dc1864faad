"""Every reviewer rule of ``kh284.validate.checks.reports`` at its boundaries, as tables.

Each row is a small data directory: the test-case base (tests/cases/base) without its
progress report, extended with a few invented units, targets and tasks (below), and the
reports of the row.  The expected findings of every row were worked out by hand from the
rules (codes, the path inside the report each points at, and the message arguments that
matter); a row lists *all* findings of ``reports.check``, so a finding too many fails too.

Facts of the base used here: tot-nghiep-thpt is a percentage of area tinh-a (the province
area); pcgd-thcs-muc-2-huyen counts areas (so its figures are levels) and reads the series
pcgd-thcs-muc-do; PL-01 is led by so-gd alone (due "Năm 2025"); PL-02 is yearly from 2026;
PL-03 is led by so-tc and coordinated by the open group cac-so (any agency); PL-04 waits for
event luat-a; huyen-x ceased on 2025-06-30 with successor ubnd-xa (from 2025-07-01).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from casekit import BASE_DIR
from kh284.diagnostics import Diagnostic
from kh284.validate.checks import references
from kh284.validate.checks import reports as report_checks
from kh284.validate.dataset import load_dataset
from kh284.validate.index import build_index

AS_OF = dt.date(2026, 1, 1)

#: Invented units added to the base: chains of successors, a unit with none, a group with
#: members (not open to every agency).
EXTRA_UNITS = """\
  - id: huyen-z
    name: "Ủy ban nhân dân huyện Z"
    short_name: "UBND huyện Z"
    kind: agency
    valid_until: 2024-12-31
    successors: [huyen-w]
  - id: huyen-w
    name: "Ủy ban nhân dân huyện W"
    short_name: "UBND huyện W"
    kind: agency
    valid_from: 2025-01-01
    valid_until: 2025-06-30
    successors: [ubnd-xa]
  - id: huyen-v
    name: "Ủy ban nhân dân huyện V"
    short_name: "UBND huyện V"
    kind: agency
    valid_until: 2025-03-31
    successors: [xa-moi]
  - id: xa-moi
    name: "Ủy ban nhân dân xã Mới"
    short_name: "UBND xã Mới"
    kind: agency
    valid_from: 2025-07-01
  - id: so-cu
    name: "Sở Cũ"
    short_name: "Sở Cũ"
    kind: agency
    valid_until: 2025-01-31
  - id: cac-phong
    name: "Các phòng"
    short_name: "Các phòng"
    kind: group
    members: [phong-a, phong-b]
  - id: phong-a
    name: "Phòng A"
    short_name: "Phòng A"
    kind: agency
  - id: phong-b
    name: "Phòng B"
    short_name: "Phòng B"
    kind: agency
"""

#: Invented targets added to the base: a level of an area, and a plain count.
EXTRA_TARGETS = """\
  - id: muc-do-chuan
    name: "Mức độ chuẩn (thử nghiệm)"
    name_en: "Standard level (test)"
    group: "Thử nghiệm"
    clause: "I.2-2"
    text: "Đạt mức độ 2"
    unit: level
    comparator: at_least
    value: 2
    due_year: 2030
    direction: increase
    scope: {kind: area, area: tinh-a}
    scale: {min: 1, max: 2}
  - id: so-truong
    name: "Số trường (thử nghiệm)"
    name_en: "Schools (test)"
    group: "Thử nghiệm"
    clause: "I.2-2"
    text: "Có 100 trường"
    unit: count
    comparator: at_least
    value: 100
    due_year: 2030
    direction: increase
    scope: {kind: area, area: tinh-a}
"""

#: Invented tasks added to the appendix: one led by a group with members, one led by a
#: former unit (huyen-v, successor xa-moi) and coordinated by so-tc.
EXTRA_TASKS = """\
    - id: PL-05
      number: 5
      text: "Nhiệm vụ thử nghiệm do các phòng chủ trì"
      lead: [cac-phong]
      lead_text: "Các phòng"
      coordinating: []
      coordinating_text: ""
      deadline:
        text: "Thường xuyên"
        kind: ongoing
    - id: PL-06
      number: 6
      text: "Nhiệm vụ thử nghiệm do huyện V chủ trì"
      lead: [huyen-v]
      lead_text: "UBND huyện V"
      coordinating: [so-tc]
      coordinating_text: "Sở Tài chính"
      deadline:
        text: "Thường xuyên"
        kind: ongoing
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extended base, without any progress report (built once for the module)."""
    root = tmp_path_factory.mktemp("rules-base") / "data"
    shutil.copytree(BASE_DIR, root, ignore=shutil.ignore_patterns("progress"))
    with (root / "units.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA_UNITS)
    with (root / "targets.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA_TARGETS)
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    assert plan.count("\nsettings:") == 1
    plan = plan.replace("\nsettings:", "\n" + EXTRA_TASKS + "settings:")
    (root / "plan.yaml").write_text(plan, encoding="utf-8")
    return root


def review(
    base: Path, dest: Path, files: dict[str, str], as_of: dt.date = AS_OF
) -> list[Diagnostic]:
    """The findings of ``reports.check`` over the extended base with ``files`` under progress/."""
    data = dest / "data"
    shutil.copytree(base, data)
    (data / "progress").mkdir()
    for name, text in files.items():
        (data / "progress" / name).write_text(text, encoding="utf-8")
    dataset = load_dataset(data)
    assert not dataset.diagnostics, [f"{d.code} {d.location}" for d in dataset.diagnostics]
    return list(report_checks.check(build_index(dataset), as_of))


def _scalar(value: object) -> str:
    if isinstance(value, str) and not value[:1].isdigit():
        return f'"{value}"' if " " in value or not value else value
    return str(value)


def report(
    unit: str = "so-gd",
    reported_on: str = "2025-12-15",
    period: int = 2025,
    *,
    indicators: Iterable[dict[str, Any]] = (),
    tasks: Iterable[dict[str, Any]] = (),
) -> str:
    """A progress report in block style: one key a line, in the order given.

    Line 1 ``unit``, 2 ``period``, 3 ``reported_on``, 4 ``indicators:`` or ``tasks:``, then
    each entry's keys one a line (``  - `` before the first key, four spaces before the rest).
    """
    lines = [f"unit: {unit}", f"period: {period}", f"reported_on: {reported_on}"]
    for name, entries in (("indicators", indicators), ("tasks", tasks)):
        entries = list(entries)
        if not entries:
            continue
        lines.append(f"{name}:")
        for entry in entries:
            for k, (key, value) in enumerate(entry.items()):
                lines.append(("  - " if k == 0 else "    ") + f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


#: One expected finding: code, file under progress/, path inside it, message arguments; the
#: argument "related" is (file, path) of the earlier entry a conflict points at as well.
Expected = tuple[str, str, tuple[str | int, ...], dict[str, Any]]


def assert_findings(found: list[Diagnostic], expected: list[Expected]) -> None:
    """``found`` are exactly ``expected`` (code, file, path), with those message arguments."""
    got = sorted(((d.code, d.location.file, d.location.path) for d in found), key=repr)
    want = sorted(((c, f"progress/{f}", p) for c, f, p, _ in expected), key=repr)
    assert got == want
    for code, file, path, args in expected:
        (diag,) = [
            d
            for d in found
            if (d.code, d.location.file, d.location.path) == (code, f"progress/{file}", path)
        ]
        plain = {k: v for k, v in args.items() if k != "related"}
        assert {k: dict(diag.args).get(k) for k in plain} == plain, diag
        if "related" in args:
            other_file, other_path = args["related"]
            (related,) = diag.related
            assert (related.file, related.path) == (f"progress/{other_file}", other_path)
            assert dict(diag.args)["other"] == str(related)
        else:
            assert not diag.related


def test_extended_base_is_consistent(base: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(base, data)
    dataset = load_dataset(data)
    assert not dataset.diagnostics
    assert not list(references.check(build_index(dataset)))


# -- figures: ranges, levels, numerator/denominator ------------------------------------------

PCT = "tot-nghiep-thpt"
COUNT_OF_AREAS = "pcgd-thcs-muc-2-huyen"
LEVEL = "muc-do-chuan"
COUNT = "so-truong"
VALUE = ("indicators", 0, "value")
FIGURE = ("indicators", 0)


def d506(value: str) -> Expected:
    return ("D506", "r.yaml", VALUE, {"value": value})


def d515(value: str, low: int = 0, high: int = 3) -> Expected:
    return ("D515", "r.yaml", VALUE, {"value": value, "low": str(low), "high": str(high)})


def d502(value: str, computed: str) -> Expected:
    return ("D502", "r.yaml", VALUE, {"value": value, "computed": computed})


def d501(numerator: str, denominator: str) -> Expected:
    return ("D501", "r.yaml", FIGURE, {"numerator": numerator, "denominator": denominator})


FIGURE_ROWS: list[tuple[str, dict[str, Any], list[Expected]]] = [
    # percentages lie in 0..100, both ends included; no level rule for them
    ("percent-0", {"target": PCT, "value": 0}, []),
    ("percent-100", {"target": PCT, "value": 100}, []),
    ("percent-50", {"target": PCT, "value": 50}, []),
    ("percent-below-0", {"target": PCT, "value": -0.1}, [d506("-0.1")]),
    ("percent-above-100", {"target": PCT, "value": 100.1}, [d506("100.1")]),
    ("percent-150", {"target": PCT, "value": 150}, [d506("150")]),
    # count_of_areas targets take levels 0, 1, 2, 3; no percentage rule for them
    ("areas-level-0", {"target": COUNT_OF_AREAS, "value": 0, "area": "huyen-x"}, []),
    ("areas-level-1", {"target": COUNT_OF_AREAS, "value": 1, "area": "huyen-x"}, []),
    ("areas-level-2", {"target": COUNT_OF_AREAS, "value": 2, "area": "huyen-x"}, []),
    ("areas-level-3", {"target": COUNT_OF_AREAS, "value": 3, "area": "huyen-x"}, []),
    ("areas-level-4", {"target": COUNT_OF_AREAS, "value": 4, "area": "huyen-x"}, [d515("4")]),
    ("areas-level-1.5", {"target": COUNT_OF_AREAS, "value": 1.5}, [d515("1.5")]),
    ("areas-level-minus-1", {"target": COUNT_OF_AREAS, "value": -1}, [d515("-1")]),
    ("areas-level-101", {"target": COUNT_OF_AREAS, "value": 101}, [d515("101")]),
    # unit: level is a level too, whatever its scope, on its own scale (here 1-2, not 0-3)
    ("level-1", {"target": LEVEL, "value": 1}, []),
    ("level-2", {"target": LEVEL, "value": 2}, []),
    ("level-0", {"target": LEVEL, "value": 0}, [d515("0", 1, 2)]),
    ("level-3", {"target": LEVEL, "value": 3}, [d515("3", 1, 2)]),
    ("level-1.5", {"target": LEVEL, "value": 1.5}, [d515("1.5", 1, 2)]),
    ("level-4", {"target": LEVEL, "value": 4}, [d515("4", 1, 2)]),
    # a plain count is neither a percentage nor a level
    ("count-150", {"target": COUNT, "value": 150}, []),
    ("count-minus-1", {"target": COUNT, "value": -1}, []),
    # numerator/denominator*100 (1/4 = 25.00): within 0.051 is rounding, beyond is D502
    ("ratio-exact", {"target": PCT, "value": 25, "numerator": 1, "denominator": 4}, []),
    ("ratio-plus-0.045", {"target": PCT, "value": 25.045, "numerator": 1, "denominator": 4}, []),
    ("ratio-plus-0.05", {"target": PCT, "value": 25.05, "numerator": 1, "denominator": 4}, []),
    ("ratio-minus-0.05", {"target": PCT, "value": 24.95, "numerator": 1, "denominator": 4}, []),
    (
        "ratio-plus-0.055",
        {"target": PCT, "value": 25.055, "numerator": 1, "denominator": 4},
        [d502("25.055", "25.00")],
    ),
    (
        "ratio-plus-0.06",
        {"target": PCT, "value": 25.06, "numerator": 1, "denominator": 4},
        [d502("25.06", "25.00")],
    ),
    (
        "ratio-minus-0.06",
        {"target": PCT, "value": 24.94, "numerator": 1, "denominator": 4},
        [d502("24.94", "25.00")],
    ),
    ("ratio-zero", {"target": PCT, "value": 0, "numerator": 0, "denominator": 4}, []),
    # 0.051 - 0 is exactly RATIO_TOLERANCE as a float: the tolerance is inclusive
    (
        "ratio-off-by-tolerance",
        {"target": PCT, "value": 0.051, "numerator": 0, "denominator": 4},
        [],
    ),
    (
        "ratio-zero-value-one-percent",
        {"target": PCT, "value": 0, "numerator": 1, "denominator": 100},
        [d502("0", "1.00")],
    ),
    (
        "ratio-negative-value",
        {"target": PCT, "value": -0.5, "numerator": 1, "denominator": 200},
        [d506("-0.5"), d502("-0.5", "0.50")],
    ),
    # numerator == denominator is 100 %; numerator above it is D501 (and nothing else)
    ("ratio-equal", {"target": PCT, "value": 100, "numerator": 5, "denominator": 5}, []),
    (
        "ratio-equal-wrong-value",
        {"target": PCT, "value": 90, "numerator": 5, "denominator": 5},
        [d502("90", "100.00")],
    ),
    (
        "numerator-above",
        {"target": PCT, "value": 100, "numerator": 6, "denominator": 5},
        [d501("6", "5")],
    ),
    (
        "numerator-above-matching",
        {"target": PCT, "value": 120, "numerator": 6, "denominator": 5},
        [d506("120"), d501("6", "5")],
    ),
    # only one of the two: nothing to compare
    ("numerator-only", {"target": PCT, "value": 25, "numerator": 3}, []),
    ("denominator-only", {"target": PCT, "value": 25, "denominator": 4}, []),
    # not a percentage: the ratio itself (scale 1.0)
    (
        "level-ratio-one",
        {"target": COUNT_OF_AREAS, "value": 1, "numerator": 1, "denominator": 1},
        [],
    ),
    (
        "level-ratio-half",
        {"target": COUNT_OF_AREAS, "value": 2, "numerator": 1, "denominator": 2},
        [d502("2", "0.50")],
    ),
    # unknown target: R302 with a suggestion, and the figure is not checked further
    (
        "unknown-target-close",
        {"target": "tot-nghiep-thp", "value": 150},
        [
            (
                "R302",
                "r.yaml",
                ("indicators", 0, "target"),
                {"id": "tot-nghiep-thp", "suggestion": "tot-nghiep-thpt"},
            )
        ],
    ),
    (
        "unknown-target-far",
        {"target": "khong-co-gi", "value": 150},
        [("R302", "r.yaml", ("indicators", 0, "target"), {"id": "khong-co-gi", "suggestion": ""})],
    ),
    # unknown area: R301 (no such unit) or R305 (a unit, not an area); not checked further
    (
        "unknown-area",
        {"target": PCT, "value": 150, "area": "tinh-b"},
        [("R301", "r.yaml", ("indicators", 0, "area"), {"id": "tinh-b", "suggestion": "tinh-a"})],
    ),
    (
        "area-not-an-area",
        {"target": PCT, "value": 150, "area": "so-gd"},
        [("R305", "r.yaml", ("indicators", 0, "area"), {"id": "so-gd"})],
    ),
    ("area-district", {"target": PCT, "value": 90, "area": "huyen-y"}, []),
]


@pytest.mark.parametrize(
    ("figure", "expected"), [pytest.param(f, e, id=name) for name, f, e in FIGURE_ROWS]
)
def test_figure(
    base: Path, tmp_path: Path, figure: dict[str, Any], expected: list[Expected]
) -> None:
    found = review(base, tmp_path, {"r.yaml": report(indicators=[figure])})
    assert_findings(found, expected)


# -- figures across reports: one value per measure, area and year ---------------------------


def conflict(file: str, i: int, other: str, j: int, **args: str) -> Expected:
    """D503 at indicator ``i`` of ``file``, related to indicator ``j`` of ``other``."""
    return (
        "D503",
        file,
        ("indicators", i, "value"),
        {"related": (other, ("indicators", j, "value")), **args},
    )


FIG = {"target": PCT, "value": 95, "area": "tinh-a"}
OTHER = {"target": COUNT_OF_AREAS, "value": 2, "area": "huyen-y"}

CONFLICT_ROWS: list[tuple[str, dict[str, str], list[Expected]]] = [
    (
        "different-values",
        {
            "a.yaml": report(reported_on="2025-12-01", indicators=[OTHER, FIG]),
            "b.yaml": report(indicators=[{**FIG, "value": 90}]),
        },
        [
            conflict(
                "b.yaml",
                0,
                "a.yaml",
                1,
                target=PCT,
                area="tinh-a",
                period="2025",
                value="90",
                other_value="95",
            )
        ],
    ),
    (
        "same-value",
        {"a.yaml": report(indicators=[FIG]), "b.yaml": report(indicators=[FIG])},
        [],
    ),
    (
        "default-area-is-the-province",
        {
            "a.yaml": report(indicators=[{"target": PCT, "value": 95}]),
            "b.yaml": report(indicators=[{**FIG, "value": 93}]),
        },
        [conflict("b.yaml", 0, "a.yaml", 0, area="tinh-a", value="93", other_value="95")],
    ),
    (
        "default-area-same-value",
        {
            "a.yaml": report(indicators=[{"target": PCT, "value": 95}]),
            "b.yaml": report(indicators=[FIG]),
        },
        [],
    ),
    (
        "other-area-or-year",
        {
            "a.yaml": report(indicators=[FIG]),
            "b.yaml": report(indicators=[{**FIG, "value": 90, "area": "huyen-x"}]),
            "c.yaml": report(period=2024, indicators=[{**FIG, "value": 80}]),
        },
        [],
    ),
    (
        # the series is the measure, not the target id; the first figure stays the reference
        "within-one-report-by-measure",
        {
            "a.yaml": report(
                indicators=[
                    {**OTHER, "value": 2},
                    {**OTHER, "value": 3},
                    {**OTHER, "value": 2},
                    {**OTHER, "value": 1},
                ]
            )
        },
        [
            conflict(
                "a.yaml",
                1,
                "a.yaml",
                0,
                target="pcgd-thcs-muc-do",
                area="huyen-y",
                value="3",
                other_value="2",
            ),
            conflict("a.yaml", 3, "a.yaml", 0, value="1", other_value="2"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [pytest.param(f, e, id=name) for name, f, e in CONFLICT_ROWS]
)
def test_conflicting_figures(
    base: Path, tmp_path: Path, files: dict[str, str], expected: list[Expected]
) -> None:
    assert_findings(review(base, tmp_path, files), expected)


def test_conflicting_figures_location(base: Path, tmp_path: Path) -> None:
    # a.yaml: lines 5-7 the first figure (target, value, area), 8-10 the second; b.yaml:
    # line 6 the value (column 12, after "    value: ")
    found = review(
        base,
        tmp_path,
        {
            "a.yaml": report(reported_on="2025-12-01", indicators=[OTHER, FIG]),
            "b.yaml": report(indicators=[{**FIG, "value": 90}]),
        },
    )
    (diag,) = found
    assert (diag.location.line, diag.location.column) == (6, 12)
    assert str(diag.related[0]) == "progress/a.yaml:9:12"
    assert diag.message("en") == (
        "Conflicting figures for 'tot-nghiep-thpt', area tinh-a, year 2025: "
        "90 here, 95 at progress/a.yaml:9:12"
    )


# -- the report itself: date, period, unit ---------------------------------------------------

FIG_ONLY = [{"target": PCT, "value": 95, "area": "huyen-x"}]


def d505(unit: str, reported_on: str, until: str, successors: str) -> Expected:
    args = {"unit": unit, "reported_on": reported_on, "until": until, "successors": successors}
    return ("D505", "r.yaml", ("unit",), args)


REPORT_ROWS: list[tuple[str, str, dt.date, list[Expected]]] = [
    ("on-as-of", report(reported_on="2026-01-01", period=2026, indicators=FIG_ONLY), AS_OF, []),
    (
        "after-as-of",
        report(reported_on="2026-01-02", period=2026, indicators=FIG_ONLY),
        AS_OF,
        [
            (
                "D504",
                "r.yaml",
                ("reported_on",),
                {"reported_on": "2026-01-02", "as_of": "2026-01-01"},
            )
        ],
    ),
    (
        "period-same-year",
        report(reported_on="2025-01-01", period=2025, indicators=FIG_ONLY),
        AS_OF,
        [],
    ),
    (
        "period-after-year",
        report(reported_on="2025-12-31", period=2026, indicators=FIG_ONLY),
        AS_OF,
        [("D514", "r.yaml", ("period",), {"period": "2026", "reported_on": "2025-12-31"})],
    ),
    (
        "former-district-last-day",
        report("huyen-x", reported_on="2025-06-30", indicators=FIG_ONLY),
        AS_OF,
        [],
    ),
    (
        "former-district-day-after",
        report("huyen-x", reported_on="2025-07-01", indicators=FIG_ONLY),
        AS_OF,
        [d505("huyen-x", "2025-07-01", "2025-06-30", "ubnd-xa")],
    ),
    (
        # huyen-z -> huyen-w (ended too) -> ubnd-xa: the successor existing that day
        "successor-chain",
        report("huyen-z", reported_on="2025-09-01", indicators=FIG_ONLY),
        AS_OF,
        [d505("huyen-z", "2025-09-01", "2024-12-31", "ubnd-xa")],
    ),
    (
        # huyen-v ended 2025-03-31, xa-moi begins 2025-07-01: no successor yet, the listed one
        "successor-not-yet",
        report("huyen-v", reported_on="2025-05-01", indicators=FIG_ONLY),
        AS_OF,
        [d505("huyen-v", "2025-05-01", "2025-03-31", "xa-moi")],
    ),
    (
        "no-successor",
        report("so-cu", reported_on="2025-02-01", indicators=FIG_ONLY),
        AS_OF,
        [d505("so-cu", "2025-02-01", "2025-01-31", "-")],
    ),
    (
        "before-valid-from",
        report("xa-moi", reported_on="2025-06-30", indicators=FIG_ONLY),
        AS_OF,
        [d505("xa-moi", "2025-06-30", "", "-")],
    ),
    ("from-valid-from", report("xa-moi", reported_on="2025-07-01", indicators=FIG_ONLY), AS_OF, []),
    (
        "unknown-unit",
        report("so-khac", indicators=FIG_ONLY, tasks=[{"task": "PL-01", "status": "in_progress"}]),
        AS_OF,
        [("R301", "r.yaml", ("unit",), {"id": "so-khac"})],
    ),
]


@pytest.mark.parametrize(
    ("text", "as_of", "expected"),
    [pytest.param(t, a, e, id=name) for name, t, a, e in REPORT_ROWS],
)
def test_report(
    base: Path, tmp_path: Path, text: str, as_of: dt.date, expected: list[Expected]
) -> None:
    assert_findings(review(base, tmp_path, {"r.yaml": text}, as_of), expected)


def test_former_district_message(base: Path, tmp_path: Path) -> None:
    text = report("huyen-x", reported_on="2025-07-01", indicators=FIG_ONLY)
    (diag,) = review(base, tmp_path, {"r.yaml": text})
    assert (diag.code, diag.severity.label, diag.location.line) == ("D505", "warning", 1)
    assert "successor: ubnd-xa" in diag.message("en")


# -- task entries ----------------------------------------------------------------------------

DONE = {"task": "PL-01", "status": "done", "completed_on": "2025-11-20", "evidence": "QĐ 1"}
ENTRY = ("tasks", 0)


def d510(unit: str, task: str) -> Expected:
    return ("D510", "r.yaml", ("tasks", 0, "task"), {"unit": unit, "task": task})


def d512(task: str, problem_en: str, problem_vi: str) -> Expected:
    return (
        "D512",
        "r.yaml",
        ENTRY,
        {"task": task, "problem_en": problem_en, "problem_vi": problem_vi},
    )


TASK_ROWS: list[tuple[str, str, dict[str, Any], list[Expected]]] = [
    ("done", "so-gd", DONE, []),
    (
        "done-without-date",
        "so-gd",
        {**DONE, "completed_on": None},
        [("D507", "r.yaml", ENTRY, {"task": "PL-01"})],
    ),
    (
        "done-without-evidence",
        "so-gd",
        {**DONE, "evidence": None},
        [("D508", "r.yaml", ENTRY, {"task": "PL-01"})],
    ),
    (
        "done-empty-evidence",
        "so-gd",
        {**DONE, "evidence": ""},
        [("D508", "r.yaml", ENTRY, {"task": "PL-01"})],
    ),
    ("in-progress", "so-gd", {"task": "PL-01", "status": "in_progress"}, []),
    (
        "in-progress-with-date",
        "so-gd",
        {"task": "PL-01", "status": "in_progress", "completed_on": "2025-11-20"},
        [("D513", "r.yaml", (*ENTRY, "completed_on"), {"task": "PL-01", "status": "in_progress"})],
    ),
    (
        "not-started-with-date",
        "so-gd",
        {"task": "PL-01", "status": "not_started", "completed_on": "2025-11-20"},
        [("D513", "r.yaml", (*ENTRY, "completed_on"), {"task": "PL-01", "status": "not_started"})],
    ),
    # a completion dated on the report date is fine; a day later is D509
    ("completed-on-report-date", "so-gd", {**DONE, "completed_on": "2025-12-15"}, []),
    (
        "completed-after-report-date",
        "so-gd",
        {**DONE, "completed_on": "2025-12-16"},
        [
            (
                "D509",
                "r.yaml",
                (*ENTRY, "completed_on"),
                {"completed_on": "2025-12-16", "reported_on": "2025-12-15"},
            )
        ],
    ),
    (
        "not-done-completed-after-report-date",
        "so-gd",
        {"task": "PL-01", "status": "in_progress", "completed_on": "2025-12-16"},
        [
            ("D513", "r.yaml", (*ENTRY, "completed_on"), {"status": "in_progress"}),
            ("D509", "r.yaml", (*ENTRY, "completed_on"), {"completed_on": "2025-12-16"}),
        ],
    ),
    # assignment: leads, coordinators, group members, successors, open groups
    ("lead", "so-gd", {"task": "PL-01", "status": "in_progress"}, []),
    ("not-lead", "so-tc", {"task": "PL-01", "status": "in_progress"}, [d510("so-tc", "PL-01")]),
    (
        "not-lead-province",
        "ubnd-tinh-a",
        {"task": "PL-01", "status": "in_progress"},
        [d510("ubnd-tinh-a", "PL-01")],
    ),
    ("open-group-any-agency", "so-gd", {"task": "PL-03", "status": "in_progress"}, []),
    ("open-group-another-agency", "ubnd-tinh-a", {"task": "PL-03", "status": "in_progress"}, []),
    (
        "open-group-not-an-area",
        "tinh-a",
        {"task": "PL-03", "status": "in_progress"},
        [d510("tinh-a", "PL-03")],
    ),
    ("group-member", "phong-b", {"task": "PL-05", "status": "in_progress"}, []),
    (
        "not-a-group-member",
        "so-gd",
        {"task": "PL-05", "status": "in_progress"},
        [d510("so-gd", "PL-05")],
    ),
    ("successor-of-lead", "xa-moi", {"task": "PL-06", "status": "in_progress"}, []),
    ("coordinating", "so-tc", {"task": "PL-06", "status": "in_progress"}, []),
    (
        "not-assigned-former-lead-task",
        "so-gd",
        {"task": "PL-06", "status": "in_progress"},
        [d510("so-gd", "PL-06")],
    ),
    # unknown task: R303 with a suggestion, nothing else about the entry
    (
        "unknown-task-close",
        "so-tc",
        {"task": "PL-11", "status": "done"},
        [("R303", "r.yaml", (*ENTRY, "task"), {"id": "PL-11", "suggestion": "PL-01"})],
    ),
    (
        "unknown-task-far",
        "so-gd",
        {"task": "XYZ-99", "status": "done"},
        [("R303", "r.yaml", (*ENTRY, "task"), {"id": "XYZ-99", "suggestion": ""})],
    ),
    # events: an unknown one is R304 with a suggestion (and no D512 about it)
    (
        "event-of-the-task",
        "so-gd",
        {"task": "PL-04", "status": "in_progress", "event": "luat-a"},
        [],
    ),
    (
        "unknown-event-close",
        "so-gd",
        {"task": "PL-04", "status": "in_progress", "event": "luat-aa"},
        [("R304", "r.yaml", (*ENTRY, "event"), {"id": "luat-aa", "suggestion": "luat-a"})],
    ),
    (
        "unknown-event-far",
        "so-gd",
        {"task": "PL-04", "status": "in_progress", "event": "zzz"},
        [("R304", "r.yaml", (*ENTRY, "event"), {"id": "zzz", "suggestion": ""})],
    ),
    (
        "event-of-another-task",
        "so-gd",
        {"task": "PL-04", "status": "in_progress", "event": "de-an-b"},
        [
            d512(
                "PL-04",
                "event 'de-an-b' is not one of this task's events",
                "sự kiện 'de-an-b' không phải của nhiệm vụ này",
            )
        ],
    ),
    # deliverables: a yearly task needs a year, not before its first one
    (
        "yearly-before-first-year",
        "so-gd",
        {"task": "PL-02", "status": "in_progress", "year": 2025},
        [
            d512(
                "PL-02",
                "year 2025 is before its first year 2026",
                "năm 2025 trước năm bắt đầu 2026",
            )
        ],
    ),
    ("yearly-first-year", "so-gd", {"task": "PL-02", "status": "in_progress", "year": 2026}, []),
    (
        "yearly-without-year",
        "so-gd",
        {"task": "PL-02", "status": "in_progress"},
        [
            d512(
                "PL-02",
                "needs 'year': it is due every year",
                "cần 'year': nhiệm vụ hằng năm",
            )
        ],
    ),
    (
        "year-task-other-year",
        "so-gd",
        {"task": "PL-01", "status": "in_progress", "year": 2024},
        [
            d512(
                "PL-01",
                "'year: 2024' differs from its deadline year 2025",
                "'year: 2024' khác năm hạn 2025",
            )
        ],
    ),
    ("year-task-its-year", "so-gd", {"task": "PL-01", "status": "in_progress", "year": 2025}, []),
]


@pytest.mark.parametrize(
    ("unit", "entry", "expected"), [pytest.param(u, t, e, id=name) for name, u, t, e in TASK_ROWS]
)
def test_task_entry(
    base: Path, tmp_path: Path, unit: str, entry: dict[str, Any], expected: list[Expected]
) -> None:
    entry = {k: v for k, v in entry.items() if v is not None}
    found = review(base, tmp_path, {"r.yaml": report(unit, tasks=[entry])})
    assert_findings(found, expected)


def test_task_messages(base: Path, tmp_path: Path) -> None:
    entries = [
        {"task": "PL-04", "status": "in_progress", "event": "luat-b"},
        {"task": "PL-02", "status": "in_progress", "year": 2025},
    ]
    found = review(base, tmp_path, {"r.yaml": report(tasks=entries)})
    assert [d.message("en") for d in found] == [
        "No event 'luat-b' — did you mean 'luat-a'?",
        "Task PL-02: year 2025 is before its first year 2026",
    ]
    assert found[1].message("vi") == "Nhiệm vụ PL-02: năm 2025 trước năm bắt đầu 2026"
    # "    event: luat-b" is line 7 (after the entry's task and status lines), column 12
    assert (found[0].location.line, found[0].location.column) == (7, 12)


# -- task reports that contradict each other -------------------------------------------------


def done(completed_on: str, task: str = "PL-01", **more: Any) -> dict[str, Any]:
    return {
        "task": task,
        "status": "done",
        "completed_on": completed_on,
        "evidence": "VB 1",
        **more,
    }


def state(status: str, task: str = "PL-01", **more: Any) -> dict[str, Any]:
    return {"task": task, "status": status, **more}


#: so-gd's PL-03 entry is assigned (open group cac-so) but not the lead's: a harmless first
#: entry, so the conflicting one is entry 1 of its report.
SIDE = state("in_progress", "PL-03")


def d511(
    file: str,
    i: int,
    other: str,
    j: int,
    status: str,
    other_status: str,
    task: str = "PL-01",
    deliverable: str = "-",
) -> Expected:
    args = {
        "related": (other, ("tasks", j, "status")),
        "task": task,
        "deliverable": deliverable,
        "status": status,
        "other_status": other_status,
    }
    return ("D511", file, ("tasks", i, "status"), args)


TASK_CONFLICT_ROWS: list[tuple[str, dict[str, str], list[Expected]]] = [
    (
        "two-statuses-same-day",
        {
            "a.yaml": report(tasks=[state("in_progress")]),
            "b.yaml": report(tasks=[SIDE, state("not_started")]),
        },
        [d511("b.yaml", 1, "a.yaml", 0, "not_started", "in_progress")],
    ),
    (
        "same-status-same-day",
        {
            "a.yaml": report(tasks=[state("in_progress")]),
            "b.yaml": report(tasks=[state("in_progress")]),
        },
        [],
    ),
    (
        "not-done-later-days",
        {
            "a.yaml": report(reported_on="2025-10-01", tasks=[state("not_started")]),
            "b.yaml": report(reported_on="2025-11-01", tasks=[state("in_progress")]),
            "c.yaml": report(reported_on="2025-12-01", tasks=[state("in_progress")]),
        },
        [],
    ),
    (
        "done-after-not-done",
        {
            "a.yaml": report(reported_on="2025-10-01", tasks=[state("in_progress")]),
            "b.yaml": report(reported_on="2025-11-01", tasks=[done("2025-10-20")]),
        },
        [],
    ),
    (
        "done-twice-different-dates",
        {
            "a.yaml": report(reported_on="2025-11-01", tasks=[SIDE, done("2025-10-20")]),
            "b.yaml": report(reported_on="2025-12-01", tasks=[done("2025-10-21")]),
        },
        [d511("b.yaml", 0, "a.yaml", 1, "done", "done")],
    ),
    (
        "done-twice-same-date",
        {
            "a.yaml": report(reported_on="2025-11-01", tasks=[done("2025-10-20")]),
            "b.yaml": report(reported_on="2025-12-01", tasks=[done("2025-10-20")]),
        },
        [],
    ),
    (
        "done-same-day-different-dates",
        {
            "a.yaml": report(tasks=[done("2025-10-20")]),
            "b.yaml": report(tasks=[done("2025-10-21")]),
        },
        [d511("b.yaml", 0, "a.yaml", 0, "done", "done")],
    ),
    (
        "not-done-after-done",
        {
            "a.yaml": report(reported_on="2025-11-01", tasks=[done("2025-10-20")]),
            "b.yaml": report(reported_on="2025-12-01", tasks=[SIDE, state("in_progress")]),
        },
        [d511("b.yaml", 1, "a.yaml", 0, "in_progress", "done")],
    ),
    (
        # the earliest "done" stays the witness: c agrees with b but not with a
        "earliest-done-is-the-witness",
        {
            "a.yaml": report(reported_on="2025-11-01", tasks=[done("2025-10-20")]),
            "b.yaml": report(reported_on="2025-11-15", tasks=[done("2025-11-10")]),
            "c.yaml": report(reported_on="2025-12-01", tasks=[done("2025-11-10")]),
        },
        [
            d511("b.yaml", 0, "a.yaml", 0, "done", "done"),
            d511("c.yaml", 0, "a.yaml", 0, "done", "done"),
        ],
    ),
    (
        # same day, by file: a says in_progress, b done (contradicts a), c in_progress again:
        # c agrees with the first entry of the day, and "not done" on the day of the done
        # is not "after" it
        "same-day-done-between",
        {
            "a.yaml": report(tasks=[state("in_progress")]),
            "b.yaml": report(tasks=[done("2025-12-10")]),
            "c.yaml": report(tasks=[state("in_progress")]),
        },
        [d511("b.yaml", 0, "a.yaml", 0, "done", "in_progress")],
    ),
    (
        "same-day-done-first",
        {
            "a.yaml": report(tasks=[done("2025-12-10")]),
            "b.yaml": report(tasks=[state("in_progress")]),
        },
        [d511("b.yaml", 0, "a.yaml", 0, "in_progress", "done")],
    ),
    (
        # reports are taken by date, not by file name
        "ordered-by-date",
        {
            "a.yaml": report(reported_on="2025-12-01", tasks=[state("in_progress")]),
            "b.yaml": report(reported_on="2025-11-01", tasks=[done("2025-10-20")]),
        },
        [d511("a.yaml", 0, "b.yaml", 0, "in_progress", "done")],
    ),
    (
        # coordinating units' reports are checked but not compared with the lead's
        "coordinating-not-counted",
        {
            "a.yaml": report(
                "so-tc", reported_on="2025-11-01", tasks=[done("2025-10-20", "PL-03")]
            ),
            "b.yaml": report(reported_on="2025-12-01", tasks=[state("in_progress", "PL-03")]),
            "c.yaml": report(reported_on="2025-12-02", tasks=[done("2025-10-21", "PL-03")]),
        },
        [],
    ),
    (
        "lead-side-conflict-ongoing-task",
        {
            "a.yaml": report(
                "so-tc", reported_on="2025-11-01", tasks=[done("2025-10-20", "PL-03")]
            ),
            "b.yaml": report(
                "so-tc", reported_on="2025-12-01", tasks=[state("in_progress", "PL-03")]
            ),
        },
        [d511("b.yaml", 0, "a.yaml", 0, "in_progress", "done", task="PL-03")],
    ),
    (
        # a successor of the lead is on the lead's side
        "successor-on-the-lead-side",
        {
            "a.yaml": report(
                "huyen-v", reported_on="2025-03-01", tasks=[done("2025-02-01", "PL-06")]
            ),
            "b.yaml": report(
                "xa-moi", reported_on="2025-08-01", tasks=[state("in_progress", "PL-06")]
            ),
        },
        [d511("b.yaml", 0, "a.yaml", 0, "in_progress", "done", task="PL-06")],
    ),
    (
        # a yearly task: one deliverable per year
        "yearly-per-year",
        {
            "a.yaml": report(
                reported_on="2025-11-01", tasks=[done("2025-10-20", "PL-02", year=2026)]
            ),
            "b.yaml": report(
                reported_on="2025-12-01", tasks=[state("in_progress", "PL-02", year=2027)]
            ),
            "c.yaml": report(
                reported_on="2025-12-02", tasks=[state("in_progress", "PL-02", year=2026)]
            ),
        },
        [d511("c.yaml", 0, "a.yaml", 0, "in_progress", "done", task="PL-02", deliverable="2026")],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [pytest.param(f, e, id=name) for name, f, e in TASK_CONFLICT_ROWS]
)
def test_task_conflicts(
    base: Path, tmp_path: Path, files: dict[str, str], expected: list[Expected]
) -> None:
    assert_findings(review(base, tmp_path, files), expected)


def test_task_conflict_message_and_location(base: Path, tmp_path: Path) -> None:
    # a.yaml: entry 0 (PL-03) on lines 5-6, entry 1 (PL-01 done) from line 7: status line 8;
    # b.yaml: entry 0 on line 5, its status on line 6; "    status: " puts the value at 13
    found = review(
        base,
        tmp_path,
        {
            "a.yaml": report(reported_on="2025-11-01", tasks=[SIDE, done("2025-10-20")]),
            "b.yaml": report(reported_on="2025-12-01", tasks=[state("not_started")]),
        },
    )
    (diag,) = found
    assert (diag.location.file, diag.location.line, diag.location.column) == (
        "progress/b.yaml",
        6,
        13,
    )
    assert str(diag.related[0]) == "progress/a.yaml:8:13"
    # which field differs, in the words of the template's drop-down, and where the earlier
    # report is; no "(-)" for a task with one deliverable
    assert diag.message("en") == (
        "Conflicting reports on task PL-01: this report says 'Not started', the earlier one "
        "'Done'; the earlier report is at progress/a.yaml:8:13"
    )
    assert diag.message("vi") == (
        "Báo cáo mâu thuẫn về nhiệm vụ PL-01: báo cáo này ghi 'Chưa thực hiện', báo cáo trước "
        "ghi 'Hoàn thành'; báo cáo trước ở progress/a.yaml:8:13"
    )
