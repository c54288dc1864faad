"""Reading dates as people in Vietnam write them: ``DD/MM/YYYY`` as well as ISO ``YYYY-MM-DD``.

Only whole dates are accepted; a date that does not exist in the calendar (``31/02/2026``,
``2026-13-01``) is an error, never silently moved to a nearby day.
"""

from __future__ import annotations

import datetime as dt
import re

# ASCII digits only: ``\d`` would also take Arabic-Indic or full-width digits ("２０２５").
_ISO = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$")
_VN = re.compile(r"^\s*([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})\s*$")

#: Years outside this window are rejected as typing mistakes (documented in the README).
MIN_YEAR = 1945
MAX_YEAR = 2100


class DateFormatError(ValueError):
    """A text that is not a date in one of the accepted forms, said in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en

    def message(self, lang: str) -> str:
        """Why, in ``lang``."""
        from kh284.i18n import pick

        return pick((self.vi, self.en), lang)


def parse_date(value: object) -> dt.date:
    """Return the date written as ``value`` (a ``date``, ISO text or ``DD/MM/YYYY`` text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateFormatError("không phải là ngày", "not a date")
    match = _ISO.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN.match(value)
        if not match:
            if any(char.isdigit() and not char.isascii() for char in value):
                raise DateFormatError("hãy viết chữ số 0-9", "write the digits as 0-9")
            raise DateFormatError(
                "cần viết NGÀY/THÁNG/NĂM hoặc NĂM-THÁNG-NGÀY", "expected YYYY-MM-DD or DD/MM/YYYY"
            )
        day, month, year = (int(g) for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateFormatError(
            f"năm {year} ngoài khoảng {MIN_YEAR}-{MAX_YEAR}",
            f"year {year} outside {MIN_YEAR}-{MAX_YEAR}",
        )
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateFormatError(
            f"không có ngày này trong lịch (ngày {day}, tháng {month}, năm {year})",
            f"no such day: {value.strip()}",
        ) from exc
