"""One chart per target with data, drawn by matplotlib (SVG for HTML, PNG for Word).

A chart shows the reported values over the years, the target labelled with the goal (a
line for a target with one bound; a hatched, outlined band for a range "30–35 %" and for
an "about" target, around its line), the required path from the baseline to the target in
the due year (as the UN SDG progress charts draw it), the projected trend to the due year
when the verdict has one, and the due year as a labelled line; the y axis names its unit,
a percentage axis stops at 100 and a count of areas starts at 0.  Nothing here decides:
which figures meet a target (``met``, ``band``), the measure's bounds (the verdict's
``bounds``) come from the evaluation, a target's status, name and goal wording from the
model (``TargetView``), an area's goal from the vocabulary (``i18n.goal_words``).  A target that
counts areas ("5/8 huyện") gets a second panel with the level of each area side by side
against the level required (areas below it hatched, so they read in grey).  Figures are
written as ``i18n.number`` writes them (``34,5`` in Vietnamese).  ``describe`` is the
chart's text alternative, set as the SVG's ``aria-label``.  The HTML draws small
multiples (``compact``: small, no legend, the page carries one legend for all); Word gets
the larger charts with their own legend.  Only matplotlib's object-oriented API is used
(no pyplot, no global state besides ``rc_context``); its import happens inside
``render_all``.  A rich progress bar shows on stderr when it is a terminal.  Area names come
from data: they are drawn through ``printable`` and never as mathtext (``text.parse_math``
is off), so ``$...$`` in a name is shown as written.
"""

from __future__ import annotations

import html
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from kh284 import i18n
from kh284.diagnostics.catalogue import printable
from kh284.evaluate.targets import TargetResult, band, met
from kh284.i18n.statuses import target_look
from kh284.reports.content import Content, word

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours of the area panel: meets the level, does not (and hatched), no figure.
AREA_OK, AREA_BELOW, AREA_NONE = "#009e73", "#d55e00", "#d0d0d0"
AREA_BELOW_HATCH = "////"
TARGET_LINE = "#424242"
#: The band of a range target: a light fill, hatched and outlined so it reads in grey.
BAND_FILL, BAND_EDGE, BAND_HATCH = "#f2f2f2", "#8c8c8c", ".."
#: The width of a small multiple in inches: about a third of A4's printable width (188 mm
#: less the gaps: 58 mm, 2.3 in), so its text prints at the size it is drawn (7-8 pt).
COMPACT_WIDTH = 2.35
#: The required path from the baseline to the target.
PATH_LINE = "#7a7f87"
#: How each kind of line is drawn: colour, width in points, dashes (on, off, … in units of
#: the width, as matplotlib scales them; empty for a solid line).  The charts draw these,
#: and the dashboard's legend draws its keys from the same table, so the two always agree.
LINES: dict[str, tuple[str, float, tuple[float, ...]]] = {
    "rep": ("#1f2328", 2.0, ()),
    "trend": ("#1f2328", 1.5, (1.0, 1.65)),
    "goal": (TARGET_LINE, 1.0, (3.7, 1.6)),
    "path": (PATH_LINE, 1.0, (6.0, 2.0, 1.0, 2.0)),
    "due": ("#9e9e9e", 0.8, (6.4, 1.6, 1.0, 1.6)),
}
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#e0e0e0",
    "svg.fonttype": "none",
    "text.parse_math": False,
}


@dataclass(frozen=True)
class AreaBar:
    """One area in the side-by-side panel."""

    name: str
    value: float | None
    meets: bool


@dataclass(frozen=True)
class ChartSpec:
    """Everything one chart draws, taken from a target verdict."""

    target_id: str
    status: str
    unit: str
    goal: str
    target_value: float
    band: tuple[float, float] | None
    due_year: int
    values: dict[int, float]
    projected: float | None
    latest_year: int | None
    bounds: tuple[float, float] | None
    areas: list[AreaBar] = field(default_factory=list)
    levels: tuple[int, int] | None = None
    area_goal: str = ""
    area_value: float | None = None
    baseline: tuple[int, float] | None = None
    needs_path: bool = False
    #: Where the required path ends: the target, or a range's end nearest the start.
    path_goal: float | None = None
    #: A range target ("30–35 %"): its band stands for the goal, with no line of its own.
    ranged: bool = False
    name: str = ""
    label: str = ""
    #: The y axis' title: the target's own unit of measure (``Goal.scale``).
    axis: str = ""

    @property
    def colour(self) -> str:
        """The status colour of lines and points (dark enough to see on white)."""
        return target_look(self.status).line


def specs(content: Content) -> list[ChartSpec]:
    """A chart spec for every target with at least one reported figure, in file order."""
    found = []
    for shown in content.model.targets:
        result = shown.result
        if not result.points:
            continue
        target, lang = result.target, content.lang
        areas = [
            AreaBar(printable(content.area_name(a.area)), a.value, bool(a.counts))
            for a in result.areas
        ]
        found.append(
            ChartSpec(
                target_id=shown.id,
                status=str(shown.status),
                unit=shown.goal.unit,
                goal=shown.goal.text,
                target_value=target.value,
                band=band(target),
                due_year=target.due_year,
                values=dict(sorted(result.values.items())),
                projected=result.projected_value,
                latest_year=result.latest_year,
                bounds=result.bounds,
                areas=areas,
                levels=target.levels,
                area_goal=_area_goal(result, lang),
                area_value=target.scope.area_value,
                baseline=_baseline(result),
                needs_path=needs_path(result),
                path_goal=target.goal,
                ranged=target.upper is not None,
                name=printable(shown.name),
                label=printable(shown.word),
                axis=shown.goal.scale,
            )
        )
    return found


def _baseline(result: TargetResult) -> tuple[int, float] | None:
    year, value = result.baseline_year, result.baseline_value
    return None if year is None or value is None else (year, value)


def needs_path(result: TargetResult) -> bool:
    """Whether the chart draws the path from the baseline to the target.

    Only for a target to reach by its due year (not one to hold every year) whose
    baseline, before the due year, does not meet it yet: ``met``, the evaluation's own
    ``meets`` (a baseline inside a range meets it).
    """
    baseline, target = _baseline(result), result.target
    if baseline is None or target.every_year or baseline[0] >= target.due_year:
        return False
    return not met(target, baseline[1])


def _area_goal(result: TargetResult, lang: str) -> str:
    """The level each area must reach, in the vocabulary's goal words (``≥ 2``)."""
    scope = result.target.scope
    if scope.area_comparator is None or scope.area_value is None:
        return ""
    return i18n.goal_words(scope.area_comparator, scope.area_value, "level", None, False, lang)


def render_all(chart_specs: list[ChartSpec], fmt: str, lang: str) -> dict[str, bytes]:
    """Each spec drawn as ``svg`` (small multiples) or ``png`` (Word), by target id."""
    import matplotlib

    out: dict[str, bytes] = {}
    label = i18n.word("common.drawing_charts", lang)
    compact = fmt == "svg"
    for spec in _progress(chart_specs, label):
        rc = {**RC, "svg.hashsalt": spec.target_id}
        with matplotlib.rc_context(cast(Any, rc)):
            figure = draw(spec, lang, compact=compact)
            out[spec.target_id] = _save(figure, fmt, spec.target_id, describe(spec, lang))
    return out


def _progress(items: list[ChartSpec], label: str) -> Iterator[ChartSpec]:
    """``items``, with a progress bar on stderr when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def describe(spec: ChartSpec, lang: str) -> str:
    """The chart in words, for a screen reader: every figure, the goal, the projection."""
    values = "; ".join(
        f"{year}: {i18n.quantity(value, spec.unit, lang)}" for year, value in spec.values.items()
    )
    text = _dw(
        "chart_alt",
        lang,
        name=spec.name or spec.target_id,
        values=values or word("no_history", lang),
        goal=spec.goal,
        year=spec.due_year,
        status=spec.label,
    )
    if spec.projected is not None:
        value = i18n.quantity(spec.projected, spec.unit, lang, 1)
        text += " " + _dw("chart_alt_projected", lang, year=spec.due_year, value=value)
    if spec.areas:
        areas = ", ".join(
            f"{a.name} {i18n.number(a.value, lang) if a.value is not None else '—'}"
            for a in spec.areas
        )
        text += " " + _dw("chart_alt_areas", lang, areas=areas)
    return text


def _dw(key: str, lang: str, **args: object) -> str:
    return i18n.word(f"dashboard.{key}", lang, **args)


def draw(spec: ChartSpec, lang: str, compact: bool = False) -> Figure:
    """The figure of one target: small and without a legend when ``compact``."""
    from matplotlib.figure import Figure

    # fixed margins: a layout engine would double the drawing time
    if spec.areas:
        figure = Figure(figsize=(4.7, 2.2) if compact else (7.8, 2.9))
        figure.subplots_adjust(left=0.08, right=0.99, top=0.9, bottom=0.34, wspace=0.22)
        trend, areas = figure.subplots(1, 2, width_ratios=[1.0, 1.3])
        _trend(trend, spec, lang, compact)
        _areas(areas, spec, lang)
    else:
        figure = Figure(figsize=(COMPACT_WIDTH, 1.6) if compact else (5.6, 2.6))
        if compact:
            figure.subplots_adjust(left=0.21, right=0.97, top=0.9, bottom=0.14)
        else:
            figure.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.11)
        _trend(figure.subplots(), spec, lang, compact)
    return figure


def _trend(ax: Axes, spec: ChartSpec, lang: str, compact: bool) -> None:
    """Reported values, the target line or band, the required path, the projection."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if spec.areas:
        ax.set_title(word("count_series", lang), loc="left")
    years, values = list(spec.values), list(spec.values.values())
    shown = [*values, spec.target_value]
    goal_at = spec.target_value
    if spec.band is not None:
        ax.axhspan(
            *spec.band,
            facecolor=BAND_FILL,
            edgecolor=BAND_EDGE,
            hatch=BAND_HATCH,
            lw=0.8,
            label=_target_label(spec, lang),
        )
        shown += list(spec.band)
        goal_at = spec.band[1]
    if not spec.ranged:
        ax.axhline(spec.target_value, **_line("goal"), label=_target_label(spec, lang))
    if spec.baseline is not None and spec.needs_path:
        ax.plot(
            [spec.baseline[0], spec.due_year],
            [spec.baseline[1], spec.target_value if spec.path_goal is None else spec.path_goal],
            **_line("path"),
            label=_dw("required_path", lang),
        )
    labels = []
    if values:
        ax.plot(
            years, values, color=spec.colour, marker="o", ms=4, lw=2, label=word("reported", lang)
        )
        for year, value in zip(years, values, strict=True):
            label = ax.annotate(
                i18n.number(value, lang),
                (year, value),
                textcoords="offset points",
                xytext=(0, 5),
                ha="center",
                fontsize=7,
                color=spec.colour,
                annotation_clip=False,
            )
            labels.append(label)
    else:
        ax.text(
            0.5,
            0.5,
            word("no_history", lang),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#595f66",
        )
    if spec.projected is not None and spec.latest_year is not None and values:
        projected = i18n.number(spec.projected, lang, 1)
        ax.plot(
            [spec.latest_year, spec.due_year],
            [values[-1], spec.projected],
            **{**_line("trend"), "color": spec.colour},
            marker="o",
            ms=4,
            mfc="white",
            label=f"{word('trend', lang)} {spec.due_year}: {projected}",
        )
        shown.append(spec.projected)
    ax.axvline(spec.due_year, **_line("due"))
    due = ax.annotate(
        _dw("due_line", lang, year=spec.due_year),
        (spec.due_year, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-2, -2),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=6.5,
        color="#595f66",
    )
    goal = ax.annotate(
        spec.goal,
        (0.0, goal_at),
        xycoords=("axes fraction", "data"),
        xytext=(2, 2),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=6.5,
        color=TARGET_LINE,
    )
    first = min(years, default=spec.due_year)
    ax.set_xlim(min(first, spec.due_year) - 0.5, max([*years, spec.due_year]) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4 if compact else "auto"))
    low, high = y_range(shown, spec.unit, spec.bounds)
    if spec.unit in ("count", "level"):
        low, high = _whole_range(low, high, spec.bounds)
        ax.yaxis.set_major_locator(
            MaxNLocator(integer=True, nbins=4 if compact else "auto", min_n_ticks=1)
        )
    elif compact:
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.number(round(v, 6), lang)))
    ax.set_ylim(low, high)
    ax.set_ylabel(spec.axis or _axis_unit(spec.unit, spec.levels, lang), fontsize=7, labelpad=1)
    if not compact:
        _legend(ax)
    place_labels(ax, [goal, due], labels, goal_at, spec.due_year)  # the due year's last


def _line(kind: str) -> dict[str, Any]:
    """The matplotlib keywords of a kind of line (``LINES``)."""
    colour, width, dashes = LINES[kind]
    return {"color": colour, "lw": width, "ls": (0, dashes) if dashes else "-"}


def _whole_range(
    low: float, high: float, bounds: tuple[float, float] | None
) -> tuple[float, float]:
    """A level's or a count's y range holding at least two whole numbers (its ticks).

    A level 2 against a goal of 2 would otherwise span 1,5-2,5, ticked 1,75 and 2,25; it
    spans 1-3 instead (inside the measure's bounds where they allow it).
    """
    import math

    if math.floor(high) - math.ceil(low) >= 1:
        return low, high
    low, high = float(math.floor(low)), float(math.ceil(high))
    if high - low < 1:
        high = low + 1
    if bounds is not None and high > bounds[1] + 0.5 and low - 1 >= bounds[0]:
        low, high = low - 1, high - 1
    return low, high


#: The least space between two labels, in points: a browser's or a printer's type is a
#: little wider than matplotlib measures it ("97,41" and "97,6" 1,5 pt apart ran together).
LABEL_GAP = 4.0


def place_labels(
    ax: Axes, fixed: list[Any], values: list[Any], goal_at: float, due_year: int
) -> None:
    """Place labels by measuring them, so none overlaps another; drop what cannot fit.

    The goal's and the due year's labels are placed first (the due year's moves to the
    foot of its line when the goal's line would strike through it); then each figure's,
    the latest first: above its point, else below it, else not at all.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    canvas = figure.canvas
    agg = canvas if isinstance(canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    renderer = agg.get_renderer()  # type: ignore[no-untyped-call]
    frame = figure.bbox
    due = fixed[-1]
    line_y = ax.transData.transform((due_year, goal_at))[1]
    box = due.get_window_extent(renderer)
    if box.y0 - 2 <= line_y <= box.y1 + 2:  # the goal's line would strike through it
        due.xy = (due_year, 0.0)
        due.set_va("bottom")
        due.xyann = (-2, 2)
    kept = [label.get_window_extent(renderer).padded(LABEL_GAP / 2) for label in fixed]
    for label in reversed(values):
        for offset, va in ((5, "bottom"), (-6, "top")):
            label.xyann = (0, offset)
            label.set_va(va)
            box = label.get_window_extent(renderer).padded(LABEL_GAP / 2)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in kept):
                kept.append(box)
                break
        else:
            label.set_visible(False)


def _legend(ax: Axes) -> None:
    """The legend, one entry per label: an "about" target's band and line share one key."""
    merged: dict[str, list[Any]] = {}
    for handle, text in zip(*ax.get_legend_handles_labels(), strict=True):
        merged.setdefault(text, []).append(handle)
    handles = [found[0] if len(found) == 1 else tuple(found) for found in merged.values()]
    ax.legend(handles, list(merged), loc="best", fontsize=7, frameon=False)


def _axis_unit(unit: str, levels: tuple[int, int] | None, lang: str) -> str:
    """The y axis' name: ``%``, ``số địa bàn``, a level's scale ``mức độ (0-2)``."""
    if unit == "level" and levels is not None:
        return _scale_words(levels, lang)
    return i18n.pick(i18n.UNITS[unit], lang)


def _scale_words(levels: tuple[int, int], lang: str) -> str:
    """``mức độ (0-3)``: the words of ``i18n.level_scale`` for a chart's levels."""
    return i18n.word("forms.level_scale", lang, low=levels[0], high=levels[1])


def _target_label(spec: ChartSpec, lang: str) -> str:
    return f"{word('target_line', lang)} {spec.goal}"


def y_range(
    shown: list[float], unit: str, bounds: tuple[float, float] | None
) -> tuple[float, float]:
    """A y range around the values and the target, inside the measure's bounds.

    A percentage never runs past 100 (nor below 0); a count of areas starts at 0, so that
    5 → 6 districts does not look like a leap; a level stays on its scale.
    """
    low, high = min(shown), max(shown)
    pad = max((high - low) * 0.3, 0.5 if (bounds and bounds[1] <= 10) else 1.0)
    bottom, top = low - pad, high + pad
    if unit == "count":
        bottom = 0.0
        top = max(top, bounds[1] if bounds else top)
    if bounds is not None:
        bottom = max(bottom, bounds[0])
        top = min(top, bounds[1]) if unit == "percent" else min(top, bounds[1] + 0.5)
    return bottom, top


def _areas(ax: Axes, spec: ChartSpec, lang: str) -> None:
    """The level of each area side by side, against the level each must reach."""
    from matplotlib.ticker import MaxNLocator

    title = (
        word("area_levels", lang, year=spec.latest_year)
        if spec.latest_year is not None
        else word("area_levels_no_year", lang)
    )
    if spec.area_value is not None:
        title += f"; {word('threshold', lang)} {spec.area_goal}"
        ax.axhline(spec.area_value, color=TARGET_LINE, ls="--", lw=1)
    ax.set_title(title, loc="left", fontsize=7)
    names = [a.name for a in spec.areas]
    heights = [a.value if a.value is not None else 0.0 for a in spec.areas]
    colours = [
        AREA_NONE if a.value is None else AREA_OK if a.meets else AREA_BELOW for a in spec.areas
    ]
    hatches = [AREA_BELOW_HATCH if a.value is not None and not a.meets else "" for a in spec.areas]
    positions = list(range(len(names)))
    bars = ax.bar(positions, heights, color=colours, width=0.7, edgecolor="white", lw=0)
    for bar, hatch in zip(bars, hatches, strict=True):
        if hatch:
            bar.set_hatch(hatch)
            bar.set_edgecolor("white")
    for x, area in zip(positions, spec.areas, strict=True):
        text = word("no_figure", lang) if area.value is None else i18n.number(area.value, lang)
        ax.annotate(
            text,
            (x, area.value or 0.0),
            textcoords="offset points",
            xytext=(0, 2),
            ha="center",
            fontsize=7,
        )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(_axis_unit("level", spec.levels, lang), fontsize=7, labelpad=1)
    ax.set_xticks(positions, names, rotation=30, ha="right", fontsize=6.5)
    scale_top = [float(spec.levels[1])] if spec.levels else []  # the areas' own scale
    top = max([*heights, spec.area_value or 0.0, *scale_top])
    ax.set_ylim(0, top + 0.6)


def _save(figure: Figure, fmt: str, key: str, alt: str = "") -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        figure.savefig(buffer, format="svg", metadata=_NO_METADATA)
        return clean_svg(buffer.getvalue().decode("utf-8"), key, alt).encode("utf-8")
    figure.savefig(buffer, format="png", dpi=160)
    return buffer.getvalue()


_NO_METADATA: dict[str, Any] = {
    "Creator": None,
    "Date": None,
    "Format": None,
    "Type": None,
}
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_SIZE = re.compile(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"')
_ID = re.compile(r'\b(id="|url\(#|href="#)')


def clean_svg(text: str, prefix: str, alt: str = "") -> str:
    """An SVG ready to inline in a page with others.

    No XML prologue, DOCTYPE or metadata; no fixed size (the page sizes it); every id and
    reference to one prefixed, so ids stay unique across the charts of one page; with
    ``alt``, ``role="img"`` and ``alt`` (escaped) as its ``aria-label``.
    """
    text = _PROLOGUE.sub("", text, count=1)
    text = _METADATA.sub("", text)
    text = _ID.sub(lambda m: f"{m.group(1)}{prefix}-", text)
    text = _SIZE.sub(r"\1", text, count=1).strip()
    if alt:
        label = html.escape(printable(alt), quote=True)
        text = text.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    return text
