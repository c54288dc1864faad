"""One chart per target with data, drawn by matplotlib (SVG for HTML, PNG for Word).

A chart shows the reported values over the years, the target line (a band for
"khoảng" targets), the projected trend to the due year when the verdict has one, all in the
status colour.  A target that counts areas ("5/8 huyện") gets a second panel with the
level of each area side by side against the level required.  Only matplotlib's
object-oriented API is used (no pyplot, no global state besides ``rc_context``); its
import happens inside ``render_all``.  A rich progress bar shows on stderr when it is a
terminal.  Area names come from data: they are drawn through ``printable`` and never as
mathtext (``text.parse_math`` is off), so ``$...$`` in a name is shown as written.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from kh284 import i18n
from kh284.diagnostics.catalogue import printable
from kh284.i18n import COMPARATORS
from kh284.render.terminal import goal_text
from kh284.reports.content import TARGET_COLOURS, Content, word

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours of the area panel: meets the level, does not, no figure.
AREA_OK, AREA_BELOW, AREA_NONE = "#2e7d32", "#ef6c00", "#d0d0d0"
TARGET_LINE = "#424242"
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
    tolerance: float | None
    due_year: int
    values: dict[int, float]
    projected: float | None
    latest_year: int | None
    bounds: tuple[float, float] | None
    areas: list[AreaBar] = field(default_factory=list)
    area_goal: str = ""
    area_value: float | None = None

    @property
    def colour(self) -> str:
        """The status colour."""
        return TARGET_COLOURS[self.status]


def specs(content: Content) -> list[ChartSpec]:
    """A chart spec for every target with at least one reported figure, in file order."""
    found = []
    for result, data in content.targets:
        if not result.points:
            continue
        target = result.target
        areas = [
            AreaBar(printable(content.area_name(a["area"])), a["value"], bool(a["counts"]))
            for a in data["components"]["areas"]
        ]
        found.append(
            ChartSpec(
                target_id=target.id,
                status=result.status,
                unit=target.unit,
                goal=goal_text(result, content.lang),
                target_value=target.value,
                tolerance=target.tolerance,
                due_year=target.due_year,
                values=dict(sorted(result.values.items())),
                projected=result.projected_value,
                latest_year=result.latest_year,
                bounds=_bounds(target.unit, len(areas)),
                areas=areas,
                area_goal=_area_goal(target.scope.area_comparator, target.scope.area_value),
                area_value=target.scope.area_value,
            )
        )
    return found


def _area_goal(comparator: str | None, value: float | None) -> str:
    if comparator is None or value is None:
        return ""
    return f"{COMPARATORS[comparator]} {value:g}"


def _bounds(unit: str, areas: int) -> tuple[float, float] | None:
    if unit == "percent":
        return (0.0, 100.0)
    if unit == "level":
        return (0.0, 3.0)
    if unit == "count" and areas:
        return (0.0, float(areas))
    return None


def render_all(chart_specs: list[ChartSpec], fmt: str, lang: str) -> dict[str, bytes]:
    """Each spec drawn as ``svg`` or ``png``, by target id."""
    import matplotlib

    out: dict[str, bytes] = {}
    label = i18n.word("common.drawing_charts", lang)
    for spec in _progress(chart_specs, label):
        rc = {**RC, "svg.hashsalt": spec.target_id}
        with matplotlib.rc_context(cast(Any, rc)):
            figure = draw(spec, lang)
            out[spec.target_id] = _save(figure, fmt, spec.target_id)
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


def draw(spec: ChartSpec, lang: str) -> Figure:
    """The figure of one target."""
    from matplotlib.figure import Figure

    # fixed margins: a layout engine would double the drawing time
    if spec.areas:
        figure = Figure(figsize=(7.8, 2.9))
        figure.subplots_adjust(left=0.06, right=0.99, top=0.9, bottom=0.27, wspace=0.18)
        trend, areas = figure.subplots(1, 2, width_ratios=[1.0, 1.3])
        _trend(trend, spec, lang)
        _areas(areas, spec, lang)
    else:
        figure = Figure(figsize=(5.6, 2.6))
        figure.subplots_adjust(left=0.09, right=0.98, top=0.95, bottom=0.11)
        _trend(figure.subplots(), spec, lang)
    return figure


def _trend(ax: Axes, spec: ChartSpec, lang: str) -> None:
    """Reported values, the target line or band, and the projection to the due year."""
    from matplotlib.ticker import MaxNLocator

    if spec.areas:
        ax.set_title(word("count_series", lang), loc="left")
    years, values = list(spec.values), list(spec.values.values())
    shown = [*values, spec.target_value]
    if spec.tolerance is not None:
        low, high = spec.target_value - spec.tolerance, spec.target_value + spec.tolerance
        ax.axhspan(low, high, color=TARGET_LINE, alpha=0.12, lw=0)
        shown += [low, high]
    ax.axhline(spec.target_value, color=TARGET_LINE, ls="--", lw=1, label=_target_label(spec, lang))
    if values:
        ax.plot(years, values, color=spec.colour, marker="o", lw=2, label=word("reported", lang))
        for year, value in zip(years, values, strict=True):
            ax.annotate(
                f"{value:g}",
                (year, value),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
                color=spec.colour,
            )
    else:
        ax.text(
            0.5,
            0.5,
            word("no_history", lang),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#757575",
        )
    if spec.projected is not None and spec.latest_year is not None and values:
        ax.plot(
            [spec.latest_year, spec.due_year],
            [values[-1], spec.projected],
            color=spec.colour,
            ls=":",
            lw=1.5,
            marker="o",
            mfc="white",
            label=f"{word('trend', lang)} {spec.due_year}: {spec.projected:.1f}",
        )
        shown.append(spec.projected)
    ax.axvline(spec.due_year, color="#bdbdbd", lw=0.8, ls="-.")
    first = min(years, default=spec.due_year)
    ax.set_xlim(min(first, spec.due_year) - 0.5, max([*years, spec.due_year]) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if spec.unit in ("count", "level"):
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(*_ylim(shown, spec.bounds))
    ax.legend(loc="best", fontsize=7, frameon=False)


def _target_label(spec: ChartSpec, lang: str) -> str:
    return f"{word('target_line', lang)} {spec.goal}"


def _ylim(shown: list[float], bounds: tuple[float, float] | None) -> tuple[float, float]:
    """A y range around the values and the target, kept near the measure's bounds."""
    low, high = min(shown), max(shown)
    pad = max((high - low) * 0.3, 0.5 if (bounds and bounds[1] <= 10) else 1.0)
    bottom, top = low - pad, high + pad
    if bounds is not None:
        bottom = max(bottom, bounds[0])
        top = min(top, bounds[1] + pad * 0.6)
    return bottom, top


def _areas(ax: Axes, spec: ChartSpec, lang: str) -> None:
    """The level of each area side by side, against the level each must reach."""
    from matplotlib.ticker import MaxNLocator

    title = word("area_levels", lang, year=spec.latest_year or "")
    if spec.area_value is not None:
        title += f"; {word('threshold', lang)} {spec.area_goal}"
        ax.axhline(spec.area_value, color=TARGET_LINE, ls="--", lw=1)
    ax.set_title(title, loc="left")
    names = [a.name for a in spec.areas]
    heights = [a.value if a.value is not None else 0.0 for a in spec.areas]
    colours = [
        AREA_NONE if a.value is None else AREA_OK if a.meets else AREA_BELOW for a in spec.areas
    ]
    positions = list(range(len(names)))
    ax.bar(positions, heights, color=colours, width=0.7)
    for x, area in zip(positions, spec.areas, strict=True):
        text = word("no_figure", lang) if area.value is None else f"{area.value:g}"
        ax.annotate(
            text,
            (x, area.value or 0.0),
            textcoords="offset points",
            xytext=(0, 3),
            ha="center",
            fontsize=7,
        )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(positions, names, rotation=35, ha="right", fontsize=7)
    top = max([*heights, spec.area_value or 0.0, 3.0])
    ax.set_ylim(0, top + 0.6)


def _save(figure: Figure, fmt: str, key: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        figure.savefig(buffer, format="svg", metadata=_NO_METADATA)
        return clean_svg(buffer.getvalue().decode("utf-8"), key).encode("utf-8")
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


def clean_svg(text: str, prefix: str) -> str:
    """An SVG ready to inline in a page with others.

    No XML prologue, DOCTYPE or metadata; no fixed size (the page sizes it); every id and
    reference to one prefixed, so ids stay unique across the charts of one page.
    """
    text = _PROLOGUE.sub("", text, count=1)
    text = _METADATA.sub("", text)
    text = _ID.sub(lambda m: f"{m.group(1)}{prefix}-", text)
    return _SIZE.sub(r"\1", text, count=1).strip()
