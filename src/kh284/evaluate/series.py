"""Reported figures as series: one value per measure, area and year, with its source.

Only reports dated on or before the as-of date count.  When several reports give a value
for the same point, the latest report wins (disagreements are already D503 errors).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kh284.diagnostics import Location
from kh284.load.exact import Document, PathKey
from kh284.validate.index import Index


@dataclass(frozen=True)
class Point:
    """One reported value and where it came from (located only when asked)."""

    year: int
    value: float
    unit: str
    reported_on: dt.date
    document: str | None
    source: str | None
    origin: Document
    path: PathKey

    @property
    def location(self) -> Location:
        """The file, line and column of the value."""
        return self.origin.location(self.path)


Series = dict[tuple[str, str], dict[int, Point]]


def collect(index: Index, as_of: dt.date) -> Series:
    """All figures by (measure, area) then year."""
    series: Series = {}
    default_area = index.province_area or ""
    for loaded in index.reports_as_of(as_of):
        report = loaded.report
        for i, figure in enumerate(report.indicators):
            target = index.targets.items.get(figure.target)
            if target is None:
                continue
            area = figure.area or default_area
            point = Point(
                year=report.period,
                value=figure.value,
                unit=report.unit,
                reported_on=report.reported_on,
                document=report.document,
                source=report.source,
                origin=loaded.document,
                path=("indicators", i, "value"),
            )
            series.setdefault((target.measure_id, area), {})[report.period] = point
    return series
