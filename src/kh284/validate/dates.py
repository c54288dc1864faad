"""Reading dates as people in Vietnam write them: ``DD/MM/YYYY`` as well as ISO ``YYYY-MM-DD``.

Only whole dates are accepted; a date that does not exist in the calendar (``31/02/2026``,
``2026-13-01``) is an error, never silently moved to a nearby day.
"""

from __future__ import annotations

import calendar
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


def _years_pattern(years: list[int]) -> str:
    """A regular expression for exactly the four-digit ``years``, grouped by decade."""
    decades: dict[str, list[str]] = {}
    for year in years:
        decades.setdefault(str(year)[:3], []).append(str(year)[3])
    parts = []
    for decade, digits in decades.items():
        parts.append(decade + (digits[0] if len(digits) == 1 else f"[{''.join(digits)}]"))
    return "(?:" + "|".join(parts) + ")"


def date_pattern() -> str:
    """The JSON Schema pattern of exactly the texts ``parse_date`` reads as a date.

    Each month has its own days, 29 February only in leap years, years from ``MIN_YEAR``
    to ``MAX_YEAR``: the schema an editor checks refuses ``2025-13-45`` and ``31/02/2026``
    as kh284 does.
    """
    years = list(range(MIN_YEAR, MAX_YEAR + 1))
    year = _years_pattern(years)
    leap = _years_pattern([y for y in years if calendar.isleap(y)])
    day28 = "(?:0?[1-9]|1[0-9]|2[0-8])"
    not_february = "(?:0?[13-9]|1[0-2])"
    long_month = "(?:0?[13578]|1[02])"
    iso_day = f"(?:(?:0?[1-9]|1[0-2])-{day28}|{not_february}-(?:29|30)|{long_month}-31)"
    vn_day = f"(?:{day28}[/.](?:0?[1-9]|1[0-2])|(?:29|30)[/.]{not_february}|31[/.]{long_month})"
    iso = f"{year}-{iso_day}|{leap}-0?2-29"
    vn = f"{vn_day}[/.]{year}|29[/.]0?2[/.]{leap}"
    return rf"^\s*(?:{iso}|{vn})\s*$"


#: What may stand between the two years of a school year (``2024-2025``, ``2024 – 2025``).
SCHOOL_YEAR_SEPARATOR = r"\s*[-–/]\s*"


def school_year_pattern() -> str:
    """The JSON Schema pattern of the school years a period may be.

    Two years that follow each other, the second from ``MIN_YEAR`` to ``MAX_YEAR``
    (``2024-2025`` is the period 2025).
    """
    pairs = "|".join(
        f"{year - 1}{SCHOOL_YEAR_SEPARATOR}{year}" for year in range(MIN_YEAR, MAX_YEAR + 1)
    )
    return rf"^\s*(?:{pairs})\s*$"
