"""Target verdicts as of a date, with the components a reader needs to recompute them.

The rules (shared with the README):

- ``achieved``: the latest value meets the comparator.
- ``not_maintained``: an ``every_year`` target failed in a reported year since its
  ``from_year`` (the years are named).
- ``missed``: the due year is over and the latest value does not meet the target.
- ``on_track`` / ``needs_acceleration`` / ``stagnating``: before the due year, the UN
  Statistics Division Progress Chart method with a linear trend: the value projected to the
  due year from the earliest (baseline) and latest points, and
  ``ratio = (projected - baseline) / (target - baseline)``; ``≥ 0.95`` on track,
  ``0.10–0.95`` needs acceleration, ``< 0.10`` stagnating (also when the value went back
  from a baseline that met the target).  Projections are clamped to the measure's bounds.
- ``insufficient_data``: one figure, not meeting the target, before the due year: a trend
  needs two.
- ``no_data``: nothing reported, or a count whose missing areas could still change the
  verdict.

Count targets count the areas whose own figure for a year meets the area comparator.
A range (``between``) is met inside its ends; its trend is measured towards the end
nearest the start (the lower end when higher is better).  An ``accumulate`` target is
judged on the running sum of its yearly figures from ``from_year``.  Levels are bounded by
the target's own ``scale``.  A breakdown is judged like any target, on its own series.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

from kh284.evaluate.series import Point, Series
from kh284.i18n import Message, say
from kh284.validate.index import Index
from kh284.validate.models.plan import ReportingCalendar
from kh284.validate.models.targets import Target

ON_TRACK_RATIO = 0.95
PROGRESS_RATIO = 0.10
_EPSILON = 1e-9


def meets(
    comparator: str,
    target: float,
    value: float,
    tolerance: float | None = None,
    upper: float | None = None,
) -> bool:
    """True when ``value`` satisfies ``comparator`` against ``target`` (to ``upper``)."""
    if comparator == "at_least":
        return value >= target - _EPSILON
    if comparator == "above":
        return value > target + _EPSILON
    if comparator == "at_most":
        return value <= target + _EPSILON
    if comparator == "below":
        return value < target - _EPSILON
    if comparator == "equal":
        return abs(value - target) <= _EPSILON
    if comparator == "approximately":
        return abs(value - target) <= (tolerance or 0.0) + _EPSILON
    if comparator == "between" and upper is not None:
        return target - _EPSILON <= value <= upper + _EPSILON
    raise ValueError(comparator)


def project(
    base_year: int,
    base: float,
    last_year: int,
    last: float,
    due_year: int,
    bounds: tuple[float, float] | None,
) -> float:
    """Linear projection of the trend from (base_year, base) to (last_year, last)."""
    slope = (last - base) / (last_year - base_year)
    projected = last + slope * (due_year - last_year)
    if bounds is not None:
        projected = min(max(projected, bounds[0]), bounds[1])
    return projected


def progress_ratio(base: float, projected: float, target: float) -> float | None:
    """``(projected - base) / (target - base)``, or None when the baseline is on the target."""
    gap = target - base
    if abs(gap) <= _EPSILON:
        return None
    return (projected - base) / gap


def classify(ratio: float | None) -> str:
    """The trend status of a progress ratio (None counts as no progress)."""
    if ratio is None or ratio < PROGRESS_RATIO:
        return "stagnating"
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    return "needs_acceleration"


@dataclass(frozen=True)
class AreaFigure:
    """For count targets: one area's figure and whether it counts."""

    area: str
    value: float | None
    counts: bool


@dataclass
class TargetResult:
    """The verdict on one target and everything it was computed from."""

    target: Target
    status: str
    reason: Message
    points: list[Point] = field(default_factory=list)
    values: dict[int, float] = field(default_factory=dict)
    baseline_year: int | None = None
    baseline_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    projected_value: float | None = None
    ratio: float | None = None
    failing_years: list[int] = field(default_factory=list)
    areas: list[AreaFigure] = field(default_factory=list)
    missing_areas: list[str] = field(default_factory=list)
    #: The range the measure's figures can take, which projections are clamped to.
    bounds: tuple[float, float] | None = None
    #: For a target judged every year or on a sum: the years whose figure was due by the
    #: as-of date (the reporting calendar) and is missing.
    missing_years: list[int] = field(default_factory=list)
    #: The years after the latest figure's whose figure was already due: the verdict rests
    #: on an old figure when there are any.
    due_years_missing: list[int] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        """True when a newer year's figure was already due than the latest one reported."""
        return bool(self.due_years_missing)

    @property
    def reason_vi(self) -> str:
        """The reason in Vietnamese, said by the vocabulary."""
        return say(self.reason, "vi")

    @property
    def reason_en(self) -> str:
        """The reason in English, said by the vocabulary."""
        return say(self.reason, "en")


def evaluate_target(index: Index, series: Series, target: Target, as_of: dt.date) -> TargetResult:
    """The verdict on ``target`` from ``series`` as of ``as_of``, owed years counted."""
    if target.scope.kind == "count_of_areas":
        result = _count_target(index, series, target, as_of)
    else:
        result = _area_target(series, target, as_of)
    if target.no_decrease:
        result = _with_no_decrease(result, _drops(index, series, target, as_of))
    return _with_owed_years(result, owed_years(index, target, as_of))


def _drops(
    index: Index, series: Series, target: Target, as_of: dt.date
) -> list[tuple[str, int, float, int, float]]:
    """Where a figure fell from one reported year to the next, from ``from_year`` on.

    The scope area's own figure, and with ``no_decrease_in`` each area of that level within
    it: (area name, earlier year, its figure, later year, its figure), by area then year.
    """
    start = target.from_year or 0
    areas = [target.scope.area]
    if target.no_decrease_in is not None:
        areas += index.areas_in(target.scope.area, target.no_decrease_in)
    found = []
    for area in areas:
        points = series.get((target.measure_id, area), {})
        years = sorted(y for y in points if y <= as_of.year)
        for before, after in pairwise(years):
            was, now = points[before].value, points[after].value
            if after >= start and now < was - _EPSILON:
                found.append((index.area_name(area), before, was, after, now))
    return found


def _with_no_decrease(
    result: TargetResult, drops: list[tuple[str, int, float, int, float]]
) -> TargetResult:
    """A figure that fell makes the verdict ``not_maintained`` ("không giảm")."""
    if not drops:
        return result
    fell = Message.of("reason.decreased", drops=tuple(drops))
    if result.status == "not_maintained":
        result.reason = Message.of("reason.both", first=result.reason, second=fell)
    else:
        result.status, result.reason = "not_maintained", fell
    result.failing_years = sorted({*result.failing_years, *(d[3] for d in drops)})
    return result


def owed_years(index: Index, target: Target, as_of: dt.date) -> range:
    """The years whose figure of ``target`` was due by ``as_of`` (the reporting calendar).

    From ``settings.report_from_year`` (and the target's ``from_year``) to the last year
    whose figure fell due before ``as_of`` (``last_year_due``), the due year at most.  No
    year is owed when the plan sets no reporting calendar.
    """
    plan = index.dataset.plan
    if plan is None or plan.settings.reporting is None:
        return range(0)
    first = max(plan.settings.report_from_year, target.from_year or 0)
    last = min(target.due_year, last_year_due(plan.settings.reporting, as_of))
    return range(first, last + 1)


def last_year_due(calendar: ReportingCalendar, as_of: dt.date) -> int:
    """The last year whose figures fell due before ``as_of`` under ``calendar``."""
    rule = calendar.figures_due
    year = as_of.year - calendar.years_later
    if dt.date(year + calendar.years_later, rule.month, rule.day) >= as_of:
        year -= 1
    return year


#: Verdicts a missing year leaves unproven (a failing year already decides the others).
_UNPROVEN = ("achieved", "on_track", "needs_acceleration", "stagnating", "insufficient_data")


def _with_owed_years(result: TargetResult, owed: range) -> TargetResult:
    """Count every owed year: a missing one leaves a yearly or summed verdict unproven.

    A target judged every year, or on the sum of its years, needs the figure of each year
    owed: without one its verdict is ``insufficient_data`` (a year that already fails keeps
    ``not_maintained`` or ``missed``), and the reason names the missing years.  Any target
    whose latest figure is older than the last year owed is stale.
    """
    target = result.target
    reported = {p.year for p in result.points}
    if target.every_year or target.accumulate:
        result.missing_years = [y for y in owed if y not in reported]
    latest = max(reported, default=None)
    if latest is not None:
        result.due_years_missing = [y for y in owed if y > latest]
    if result.missing_years and result.status in _UNPROVEN:
        result.status = "insufficient_data"
        result.reason = Message.of(
            "reason.years_missing",
            missing=tuple(result.missing_years),
            reported=len(reported & set(owed)),
        )
    elif result.stale:
        result.reason = Message.of(
            "reason.stale_verdict", verdict=result.reason, due=tuple(result.due_years_missing)
        )
    return result


def _area_target(series: Series, target: Target, as_of: dt.date) -> TargetResult:
    points = sorted(
        series.get((target.measure_id, target.scope.area), {}).values(), key=lambda p: p.year
    )
    values = {p.year: p.value for p in points}
    if target.accumulate and target.from_year is not None:  # the model requires from_year
        values = accumulated(values, target.from_year)
    result = _judge(target, values, as_of, _bounds(target, None))
    result.points = points
    result.bounds = bounds(target, None)
    return result


def accumulated(values: dict[int, float], since: int) -> dict[int, float]:
    """The running sum of yearly ``values`` from ``since``: what was done by each year."""
    total, sums = 0.0, {}
    for year in sorted(y for y in values if y >= since):
        total += values[year]
        sums[year] = total
    return sums


def _bounds(target: Target, area_count: int | None) -> tuple[float, float] | None:
    if target.unit == "percent":
        return (0.0, 100.0)
    if target.levels is not None and target.unit == "level":
        return (float(target.levels[0]), float(target.levels[1]))
    if target.unit == "count" and area_count is not None:
        return (0.0, float(area_count))
    return None


def _judge(
    target: Target,
    values: dict[int, float],
    as_of: dt.date,
    bounds: tuple[float, float] | None,
) -> TargetResult:
    """Apply the status rules to one series of yearly values."""

    def ok(value: float) -> bool:
        return meets(target.comparator, target.value, value, target.tolerance, target.upper)

    goal = (target.value, target.upper)
    if target.every_year:
        start = target.from_year or min(values, default=as_of.year)
        judged = {y: v for y, v in values.items() if start <= y <= as_of.year}
        failing = sorted(y for y, v in judged.items() if not ok(v))
        verdict = TargetResult(
            target, "no_data", Message.of("reason.nothing_since", since=start), values=values
        )
        if judged:
            _fill(verdict, judged)
        if failing:
            verdict.status, verdict.failing_years = "not_maintained", failing
            shown = tuple((y, judged[y]) for y in failing)
            verdict.reason = Message.of("reason.not_maintained", goal=goal, failing=shown)
        elif judged:
            verdict.status = "achieved"
            verdict.reason = Message.of("reason.maintained", since=start, years=len(judged))
        return verdict
    result = TargetResult(target, "no_data", Message.of("reason.nothing_reported"), values=values)
    if not values:
        return result
    _fill(result, values)
    last_year, last = result.latest_year, result.latest_value
    assert last_year is not None and last is not None
    if ok(last):
        result.status = "achieved"
        result.reason = Message.of("reason.achieved", year=last_year, value=last, goal=goal)
        return result
    if as_of.year > target.due_year:
        result.status = "missed"
        result.reason = Message.of(
            "reason.missed", due_year=target.due_year, value=last, year=last_year, goal=goal
        )
        return result
    if len(values) < 2:
        result.status = "insufficient_data"
        result.reason = Message.of("reason.one_point", year=last_year, value=last)
        return result
    base_year, base = result.baseline_year, result.baseline_value
    assert base_year is not None and base is not None
    projected = project(base_year, base, last_year, last, target.due_year, bounds)
    ratio = progress_ratio(base, projected, target.goal)
    if ratio is not None and (target.goal - base) * _sign(target) < 0:
        ratio = None  # the baseline met the target and the value went back
    result.projected_value, result.ratio = projected, ratio
    result.status = classify(ratio)
    result.reason = Message.of(
        "reason.trend",
        base_year=base_year,
        base=base,
        year=last_year,
        value=last,
        due_year=target.due_year,
        projected=projected,
        goal=goal,
        ratio=ratio,
    )
    return result


def _sign(target: Target) -> int:
    return 1 if target.direction == "increase" else -1


def _fill(result: TargetResult, values: dict[int, float]) -> None:
    years = sorted(values)
    result.baseline_year, result.baseline_value = years[0], values[years[0]]
    result.latest_year, result.latest_value = years[-1], values[years[-1]]


def _count_target(index: Index, series: Series, target: Target, as_of: dt.date) -> TargetResult:
    scope = target.scope
    assert scope.level is not None and scope.area_comparator is not None
    assert scope.area_value is not None
    areas = index.areas_in(scope.area, scope.level)
    by_area = {a: series.get((target.measure_id, a), {}) for a in areas}
    years = sorted({y for points in by_area.values() for y in points})
    counts: dict[int, float] = {}
    complete: dict[int, float] = {}
    for year in years:
        figures = {a: pts[year].value for a, pts in by_area.items() if year in pts}
        counted = sum(
            1 for v in figures.values() if meets(scope.area_comparator, scope.area_value, v)
        )
        counts[year] = counted
        if len(figures) == len(areas):
            complete[year] = counted
    points = sorted((p for pts in by_area.values() for p in pts.values()), key=lambda p: p.year)
    latest_year = years[-1] if years else None
    ok = (
        meets(target.comparator, target.value, counts[latest_year], target.tolerance, target.upper)
        if latest_year
        else False
    )
    if latest_year is not None and (ok or latest_year in complete):
        result = _judge(
            target,
            {**complete, latest_year: counts[latest_year]},
            as_of,
            _bounds(target, len(areas)),
        )
    else:
        result = _judge(target, complete, as_of, _bounds(target, len(areas)))
        undecided = ("no_data", "insufficient_data", "achieved")
        if latest_year is not None and result.status in undecided:
            missing = [a for a in areas if latest_year not in by_area[a]]
            result.status = "no_data"
            result.reason = Message.of(
                "reason.areas_missing",
                year=latest_year,
                counted=counts[latest_year],
                areas=len(areas),
                missing=tuple(missing),
            )
    result.points = points
    if latest_year is not None:
        result.areas = [
            AreaFigure(
                a,
                by_area[a][latest_year].value if latest_year in by_area[a] else None,
                latest_year in by_area[a]
                and meets(scope.area_comparator, scope.area_value, by_area[a][latest_year].value),
            )
            for a in areas
        ]
        result.missing_areas = [a for a in areas if latest_year not in by_area[a]]
    result.bounds = bounds(target, len(areas))
    return result


def bounds(target: Target, area_count: int | None) -> tuple[float, float] | None:
    """The range ``target``'s figures can take; None when unbounded.

    0–100 % for a percentage, a level's own scale, 0 to the ``area_count`` areas a count
    covers.  Projections stop there, and a chart's axis too.
    """
    return _bounds(target, area_count)


def met(target: Target, value: float) -> bool:
    """Whether ``value`` meets ``target`` (``meets`` with the target's own comparator)."""
    return meets(target.comparator, target.value, value, target.tolerance, target.upper)


def band(target: Target) -> tuple[float, float] | None:
    """The figures that meet a range or an "about" target: lowest, highest (both included).

    None for a target with one bound (``at_least``, ``below``, …) or ``equal``: its chart
    draws a line.  ``meets`` decides; this is the same set of figures as an interval.
    """
    if target.upper is not None:  # a range: the model gives ``upper`` to ``between`` only
        return (target.value, target.upper)
    if target.tolerance is not None:  # and ``tolerance`` to ``approximately`` only
        return (target.value - target.tolerance, target.value + target.tolerance)
    return None
