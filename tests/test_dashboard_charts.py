"""The charts: axes that do not mislead, the required path, labelled lines, a text alternative.

Drawn from the demo as of 31/12/2026 (see the hand-worked verdicts at the top of
``test_reports_html.py``); each test reads the matplotlib figure or the SVG it becomes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import DEMO
from kh284.reports import charts
from kh284.reports.content import build

pytest.importorskip("matplotlib")

AS_OF = dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def specs() -> dict[str, charts.ChartSpec]:
    return {s.target_id: s for s in charts.specs(build(DEMO, AS_OF, "vi"))}


def texts(figure: object) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text)]  # type: ignore[attr-defined]


def test_percentages_stop_at_100(specs: dict[str, charts.ChartSpec]) -> None:
    # giao-vien-dat-chuan: 95.1 -> 96.9, projected 100.5 clamped to 100, target >= 100
    spec = specs["giao-vien-dat-chuan"]
    axes = charts.draw(spec, "vi", compact=True).axes[0]
    low, high = axes.get_ylim()
    assert high == 100 and low < 95.1
    assert axes.get_ylabel() == "%"
    # the rule itself: values 90..99.7 with a pad of 0.3 * 9.7 = 2.9 would reach 102.6
    assert charts.y_range([90.0, 99.7], "percent", (0.0, 100.0)) == pytest.approx((87.09, 100))


def test_a_count_of_areas_starts_at_zero(specs: dict[str, charts.ChartSpec]) -> None:
    # pcgd-thcs-muc-2-huyen: 5 -> 6 of the 8 former districts
    spec = specs["pcgd-thcs-muc-2-huyen"]
    trend = charts.draw(spec, "vi", compact=True).axes[0]
    low, high = trend.get_ylim()
    assert low == 0 and high >= 8
    assert trend.get_ylabel() == "số địa bàn"


def test_required_path_from_the_baseline_to_the_target(
    specs: dict[str, charts.ChartSpec],
) -> None:
    # nha-tre-huy-dong: baseline 30.5 in 2024, target >= 38 in 2030
    axes = charts.draw(specs["nha-tre-huy-dong"], "vi", compact=True).axes[0]
    paths = [
        line
        for line in axes.get_lines()
        if list(line.get_xdata()) == [2024, 2030] and list(line.get_ydata()) == [30.5, 38.0]
    ]
    assert len(paths) == 1 and paths[0].get_label() == "Lộ trình cần đạt"
    # tot-nghiep-thpt starts above its target (96.8 >= 90): no path to draw
    assert not specs["tot-nghiep-thpt"].needs_path
    # a target held every year has none either (ngan-sach-giao-duc, >= 20 % /năm)
    assert not specs["ngan-sach-giao-duc"].needs_path


def test_due_year_and_target_lines_are_labelled(specs: dict[str, charts.ChartSpec]) -> None:
    figure = charts.draw(specs["nha-tre-huy-dong"], "vi", compact=True)
    shown = texts(figure)
    assert "hạn 2030" in shown and "≥ 38 %" in shown
    # figures in Vietnamese: 34,5 (annotation) and the tick labels
    assert "34,5" in shown and "30,5" in shown
    english = texts(charts.draw(specs["nha-tre-huy-dong"], "en", compact=True))
    assert "due 2030" in english and "34.5" in english


def test_text_alternative(specs: dict[str, charts.ChartSpec]) -> None:
    spec = specs["nha-tre-huy-dong"]
    assert charts.describe(spec, "vi") == (
        "Biểu đồ Tỷ lệ huy động trẻ độ tuổi nhà trẻ đến trường: 2024: 30,5 %; 2025: 32,4 %; "
        "2026: 34,5 %. Mục tiêu ≥ 38 % vào năm 2030. Đánh giá: Đúng tiến độ. "
        "Dự báo năm 2030: 42,5 %."
    )
    svg = charts.render_all([spec], "svg", "vi")["nha-tre-huy-dong"].decode()
    found = re.search(r'<svg role="img" aria-label="([^"]*)"', svg)
    assert found and found[1].startswith("Biểu đồ Tỷ lệ huy động")


def test_text_alternative_of_an_area_chart_is_escaped() -> None:
    spec = charts.ChartSpec(
        target_id="x",
        status="achieved",
        unit="count",
        goal="≥ 1",
        target_value=1,
        band=None,
        due_year=2030,
        values={2025: 1.0},
        projected=None,
        latest_year=2025,
        bounds=(0.0, 1.0),
        areas=[charts.AreaBar('Xã "A" <b>', 2.0, True)],
        area_goal="≥ 2",
        area_value=2.0,
        name="N",
        label="Đã đạt",
    )
    svg = charts.render_all([spec], "svg", "vi")["x"].decode()
    label = re.search(r'aria-label="([^"]*)"', svg)
    assert label and "Xã &quot;A&quot; &lt;b&gt; 2" in label[1]


def test_a_level_axis_runs_on_the_targets_own_scale(
    specs: dict[str, charts.ChartSpec], tmp_path: Path
) -> None:
    # pcgd-mam-non-5-tuoi is a yes/no target (scale 0-1): given a figure (1, recognised, in
    # 2026) its chart is bounded by 0-1, not 0-3, and its axis says so
    data = tmp_path / "demo"
    shutil.copytree(DEMO, data)
    report = data / "progress" / "2026" / "so-gddt-chi-tieu-2026.yaml"
    text = report.read_text(encoding="utf-8")
    figure = "indicators:\n  - target: pcgd-mam-non-5-tuoi\n    value: 1\n    area: bac-kan\n"
    report.write_text(text.replace("indicators:\n", figure, 1), encoding="utf-8")
    yes_no = next(
        s for s in charts.specs(build(data, AS_OF, "vi")) if s.target_id == "pcgd-mam-non-5-tuoi"
    )
    assert (yes_no.bounds, yes_no.levels) == ((0.0, 1.0), (0, 1))
    assert charts.draw(yes_no, "vi", compact=True).axes[0].get_ylabel() == "mức độ (0-1)"
    # a PCGD level keeps 0-3
    assert specs["pcgd-thcs-muc-2-tinh"].bounds == (0.0, 3.0)
    trend = charts.draw(specs["pcgd-thcs-muc-2-tinh"], "en", compact=True).axes[0]
    assert trend.get_ylabel() == "level (0-3)"
    # xóa mù chữ's districts are on 0-2: the area panel says so and stops at the threshold
    # 2 (the highest level) + 0.6 = 2.6, where a 0-3 scale would reach 3.6
    areas = charts.draw(specs["xoa-mu-chu-muc-2-huyen"], "vi").axes[1]
    assert areas.get_ylabel() == "mức độ (0-2)"
    assert areas.get_ylim() == pytest.approx((0, 2.6))
