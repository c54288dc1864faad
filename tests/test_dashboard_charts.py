"""The charts: axes that do not mislead, the required path, labelled lines, a text alternative.

Drawn from the demo as of 31/12/2026 (see the hand-worked verdicts at the top of
``test_reports_html.py``); each test reads the matplotlib figure or the SVG it becomes.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEMO, report_content
from kh284.evaluate.targets import TargetResult, meets
from kh284.reports import charts
from kh284.validate.models.targets import Target

pytest.importorskip("matplotlib")

AS_OF = dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def specs() -> dict[str, charts.ChartSpec]:
    return {s.target_id: s for s in charts.specs(report_content(DEMO, AS_OF, "vi"))}


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
        s
        for s in charts.specs(report_content(data, AS_OF, "vi"))
        if s.target_id == "pcgd-mam-non-5-tuoi"
    )
    assert (yes_no.bounds, yes_no.levels) == ((0.0, 1.0), (0, 1))
    assert charts.draw(yes_no, "vi", compact=True).axes[0].get_ylabel() == "mức độ (0-1)"
    # a PCGD level keeps 0-3
    assert specs["pcgd-thcs-muc-2-tinh"].bounds == (0.0, 3.0)
    english = {s.target_id: s for s in charts.specs(report_content(DEMO, AS_OF, "en"))}
    trend = charts.draw(english["pcgd-thcs-muc-2-tinh"], "en", compact=True).axes[0]
    assert trend.get_ylabel() == "level (0-3)"
    # xóa mù chữ's districts are on 0-2: the area panel says so and stops at the threshold
    # 2 (the highest level) + 0.6 = 2.6, where a 0-3 scale would reach 3.6
    areas = charts.draw(specs["xoa-mu-chu-muc-2-huyen"], "vi").axes[1]
    assert areas.get_ylabel() == "mức độ (0-2)"
    assert areas.get_ylim() == pytest.approx((0, 2.6))


# --- a range target ("30–35 %") and the decisions the chart takes from the evaluation ------

RANGE = "minh-hoa-hoc-nghe"  # demo: between 30 and 35 % by 2030; 26 (2025) -> 27,5 (2026)


def band_spans(axes: Any) -> list[tuple[float, float, str]]:
    """Every band (an ``axhspan``) on ``axes``: its lowest and highest y, its hatch."""
    found = []
    for patch in axes.patches:
        ys = axes.transData.inverted().transform(
            patch.get_transform().transform(patch.get_path().vertices)
        )[:, 1]
        found.append((round(float(ys.min()), 6), round(float(ys.max()), 6), patch.get_hatch()))
    return found


def horizontal_lines(axes: Any) -> list[float]:
    return [
        float(line.get_ydata()[0])
        for line in axes.get_lines()
        if len(set(line.get_ydata())) == 1 and list(line.get_xdata()) == [0, 1]
    ]


def test_a_range_target_shades_its_band(specs: dict[str, charts.ChartSpec]) -> None:
    spec = specs[RANGE]
    assert (spec.goal, spec.band) == ("30–35 %", (30.0, 35.0))
    figure = charts.draw(spec, "vi")
    axes = figure.axes[0]
    # one band from 30 to 35, hatched (it reads in grey) and outlined; no line at 30 alone
    assert band_spans(axes) == [(30.0, 35.0, charts.BAND_HATCH)]
    (band,) = axes.patches
    assert band.get_linewidth() > 0 and band.get_edgecolor() != band.get_facecolor()
    assert horizontal_lines(axes) == []
    # labelled with the vocabulary's goal, above the band; the legend shows the band
    label = next(t for t in axes.texts if t.get_text() == "30–35 %")
    assert label.xy == (0.0, 35.0)
    assert not [t for t in texts(figure) if "– 30" in t or t.startswith("–")]
    legend = axes.get_legend()
    keys = dict(zip([t.get_text() for t in legend.get_texts()], legend.legend_handles, strict=True))
    assert keys["Mục tiêu 30–35 %"].get_hatch() == charts.BAND_HATCH
    # the small multiple has the band too, and its SVG the hatch pattern and the goal
    assert band_spans(charts.draw(spec, "vi", compact=True).axes[0]) == band_spans(axes)
    svg = charts.render_all([spec], "svg", "vi")[RANGE].decode()
    assert "<pattern" in svg and "30–35 %" in svg


def test_a_range_targets_path_runs_to_its_nearest_end(
    specs: dict[str, charts.ChartSpec],
) -> None:
    # the demo's baseline 26 (2025) is below the band: the path runs to 30, not 35
    axes = charts.draw(specs[RANGE], "vi", compact=True).axes[0]
    paths = [line for line in axes.get_lines() if line.get_label() == "Lộ trình cần đạt"]
    assert [(list(p.get_xdata()), list(p.get_ydata())) for p in paths] == [
        ([2025, 2030], [26.0, 30.0])
    ]


def test_an_about_target_keeps_its_line_inside_its_band(
    specs: dict[str, charts.ChartSpec],
) -> None:
    # dao-tao-lai-lao-dong: ≈ 35 % (±2,5): a band 32,5..37,5 around a line at 35, one key
    axes = charts.draw(specs["dao-tao-lai-lao-dong"], "vi").axes[0]
    assert band_spans(axes) == [(32.5, 37.5, charts.BAND_HATCH)]
    assert horizontal_lines(axes) == [35.0]
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend.count("Mục tiêu ≈ 35 % (±2,5)") == 1


def test_a_single_bound_target_keeps_its_line(specs: dict[str, charts.ChartSpec]) -> None:
    axes = charts.draw(specs["nha-tre-huy-dong"], "vi").axes[0]  # ≥ 38 %
    assert (specs["nha-tre-huy-dong"].band, list(axes.patches)) == (None, [])
    assert horizontal_lines(axes) == [38.0]


def range_target(**overrides: Any) -> Target:
    fields: dict[str, Any] = {
        "id": "x",
        "name": "X",
        "name_en": "X",
        "group": "G",
        "clause": "II.2-8",
        "text": "30 – 35%",
        "unit": "percent",
        "comparator": "between",
        "value": 30,
        "upper": 35,
        "due_year": 2030,
        "direction": "increase",
        "scope": {"kind": "area", "area": "bac-kan"},
    }
    fields.update(overrides)
    return Target.model_validate(fields)


def verdict(target: Target, baseline: float, year: int = 2025) -> TargetResult:
    return TargetResult(target, "on_track", "", "", baseline_year=year, baseline_value=baseline)


@pytest.mark.parametrize(
    ("baseline", "drawn"),
    [
        (32.0, False),  # inside the band: it meets the target already
        (30.0, False),  # exactly the lower end (ends included)
        (35.0, False),  # exactly the upper end
        (29.9, True),
        (35.1, True),
    ],
)
def test_no_required_path_from_a_baseline_inside_the_band(baseline: float, drawn: bool) -> None:
    assert charts.needs_path(verdict(range_target(), baseline)) is drawn


def test_no_required_path_once_the_due_year_is_the_baseline() -> None:
    assert not charts.needs_path(verdict(range_target(), 20.0, year=2030))
    assert not charts.needs_path(verdict(range_target(every_year=True, from_year=2025), 20.0))


LIMITS = st.integers(min_value=0, max_value=90).map(float)


@st.composite
def targets(draw: st.DrawFn) -> Target:
    comparator = draw(
        st.sampled_from(
            ["at_least", "above", "approximately", "equal", "at_most", "below", "between"]
        )
    )
    value = draw(LIMITS)
    extra: dict[str, Any] = {"comparator": comparator, "value": value, "upper": None}
    if comparator == "between":
        extra["upper"] = value + draw(st.integers(min_value=1, max_value=10))
    if comparator == "approximately":
        extra["tolerance"] = draw(st.sampled_from([0.0, 0.5, 2.5, 5.0]))
    extra["direction"] = draw(st.sampled_from(["increase", "decrease"]))
    return range_target(**extra)


@settings(max_examples=300, deadline=None)
@given(targets(), st.integers(min_value=0, max_value=200).map(lambda v: v / 2))
def test_the_charts_decision_is_the_evaluations(target: Target, baseline: float) -> None:
    # the path is drawn exactly when the evaluation's meets says the baseline falls short
    ok = meets(target.comparator, target.value, baseline, target.tolerance, target.upper)
    assert charts.needs_path(verdict(target, baseline)) is (not ok)


def test_chart_bounds_are_the_verdicts(specs: dict[str, charts.ChartSpec]) -> None:
    content = report_content(DEMO, AS_OF, "vi")
    verdicts = {t.id: t.result for t in content.model.targets}
    assert specs and all(s.bounds == verdicts[s.target_id].bounds for s in specs.values())
    assert specs["pcgd-thcs-muc-2-huyen"].bounds == (0.0, 8.0)  # the 8 former districts
    assert specs[RANGE].bounds == (0.0, 100.0)


def test_charts_decide_nothing_themselves() -> None:
    # whether a figure meets a target, a target's ends and a measure's bounds are the
    # evaluation's (met, band, TargetResult.bounds): charts.py reads no comparator nor
    # tolerance (the area threshold's goes straight to i18n.goal_words), names no
    # comparator and defines no bounds or meets of its own
    source = Path(charts.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    read = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)]
    assert not {"comparator", "tolerance"} & set(read)
    assert read.count("area_comparator") == 2  # checked for None, handed to goal_words
    names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert not {n for n in names if "bound" in n or "meet" in n}
    literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert not literals & {"at_least", "above", "at_most", "below", "between", "approximately"}
    assert "COMPARATORS" not in source


# --- issue 22: labels measured, whole ticks, the target's own unit, one line style --------


def _all_specs() -> list[tuple[str, charts.ChartSpec]]:
    from conftest import DATA

    found = []
    for data_dir in (DEMO, DATA):
        for as_of in (dt.date(2025, 6, 30), AS_OF):
            for lang in ("vi", "en"):
                for spec in charts.specs(report_content(data_dir, as_of, lang)):
                    found.append((lang, spec))
    return found


@pytest.fixture(scope="module")
def every_spec() -> list[tuple[str, charts.ChartSpec]]:
    return _all_specs()


def test_no_two_labels_of_a_chart_overlap(every_spec: list[tuple[str, charts.ChartSpec]]) -> None:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Annotation

    for lang, spec in every_spec:
        for compact in (True, False):
            with matplotlib.rc_context(charts.RC):
                figure = charts.draw(spec, lang, compact=compact)
                renderer = FigureCanvasAgg(figure).get_renderer()
                trend = figure.axes[0]
                labels = [t for t in trend.texts if isinstance(t, Annotation) and t.get_visible()]
                # at least 2 pt apart: printed type is a little wider than measured here
                boxes = [(t.get_text(), t.get_window_extent(renderer).padded(1)) for t in labels]
            for i, (text, box) in enumerate(boxes):
                for other, second in boxes[i + 1 :]:
                    assert not box.overlaps(second), (spec.target_id, compact, text, other)
            # the latest figure is always labelled
            if spec.values:
                latest = charts.i18n.number(list(spec.values.values())[-1], lang)
                assert latest in [t for t, _ in boxes], (spec.target_id, compact)
            # no line of the goal strikes through the due year's label
            due = next(t for t in labels if t.get_text().endswith(str(spec.due_year)))
            box = due.get_window_extent(renderer)
            goal_y = trend.transData.transform((spec.due_year, spec.target_value))[1]
            assert not (box.y0 < goal_y < box.y1) or spec.band is not None, spec.target_id


def test_count_and_level_axes_tick_whole_numbers(
    every_spec: list[tuple[str, charts.ChartSpec]],
) -> None:
    import matplotlib

    seen = 0
    for lang, spec in every_spec:
        if spec.unit not in ("count", "level"):
            continue
        for compact in (True, False):
            with matplotlib.rc_context(charts.RC):
                trend = charts.draw(spec, lang, compact=compact).axes[0]
                low, high = trend.get_ylim()
                ticks = [t for t in trend.get_yticks() if low <= t <= high]
            assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), (
                spec.target_id,
                ticks,
            )
            seen += 1
    assert seen  # pcgd-thcs-muc-2-tinh (2 against 2, on 0-3) ticked 1,75 and 2,25


def test_the_axis_names_the_targets_own_unit(specs: dict[str, charts.ChartSpec]) -> None:
    # a count of classrooms is not a count of areas
    room = charts.draw(specs["minh-hoa-phong-hoc-moi"], "vi", compact=True).axes[0]
    assert room.get_ylabel() == "số lượng"
    # a count of districts is
    districts = charts.draw(specs["pcgd-thcs-muc-2-huyen"], "vi", compact=True).axes[0]
    assert districts.get_ylabel() == "số địa bàn"


def test_the_legend_draws_each_line_as_the_charts_do(specs: dict[str, charts.ChartSpec]) -> None:
    from kh284.reports.html import line_key

    axes = charts.draw(specs["nha-tre-huy-dong"], "vi", compact=True).axes[0]
    path = next(line for line in axes.get_lines() if line.get_label() == "Lộ trình cần đạt")
    colour, width, dashes = charts.LINES["path"]
    _, drawn = path._dash_pattern  # (offset, on-off lengths in points, scaled by the width)
    assert [round(d, 3) for d in drawn] == [round(d * width, 3) for d in dashes]
    key = line_key("path")
    expected = " ".join(f"{d * width:g}" for d in dashes)
    assert f'stroke-dasharray="{expected}"' in key and f'stroke="{colour}"' in key
    assert "stroke-dasharray" not in line_key("rep")  # the reported figures: a solid line


def test_an_area_panel_without_a_year_says_no_empty_brackets() -> None:
    spec = charts.ChartSpec(
        target_id="x",
        status="no_data",
        unit="count",
        goal="≥ 5",
        target_value=5,
        band=None,
        due_year=2030,
        values={},
        projected=None,
        latest_year=None,
        bounds=(0, 8),
        areas=[charts.AreaBar("A", None, False)],
        levels=(0, 3),
    )
    figure = charts.draw(spec, "vi")
    assert all("()" not in t for t in texts(figure))
