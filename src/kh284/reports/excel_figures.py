r"""What a figure cell of a filled template means: the number the clerk saw in Excel.

A number in a cell is read with its number format, as Excel shows it: ``0.345`` under a
percent format (``0.0%``, shown ``34,5 %``) is the figure 34.5.  A percent sign counts
only where Excel scales by it: outside quotes (``0.0" %"`` shows the number itself), not
escaped (``\%``), not in brackets, and in the section of the format that applies to the
number (``positive;negative;zero``).

Text typed into a figure cell is read as the figure it writes (``TEXT_FIGURES``):

* ``34``, ``34,5``, ``34.5``: one decimal mark, a comma or a point;
* ``1.234,5``, ``1,234.5``, ``1 234,5``, ``1.234.567``: thousands grouped in threes by a
  point, a comma or a space, the other mark (if any) the decimal one;
* any of these followed by ``%`` (``34,5 %``, ``34.5%``): a percentage as written;
* ``1.234`` and ``1,234`` (one mark, three digits after it, one to three before) are
  ambiguous, a thousand or a fraction: Y138, to be typed again.

Anything else (``khoảng 35``, ``30-35``) stays text, for the report's checks to refuse.
What the figure must be comes from its target's data (``template_layout.figure_kind``):
a percentage typed or shown where the figure is a level, a count or a numerator is Y139;
a percentage below 1 without a percent sign anywhere (``0,345`` in a plain cell, which
may be 34.5 % typed as a fraction) is the warning Y137, and is kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from kh284.diagnostics.catalogue import printable
from kh284.i18n import both
from kh284.i18n import number as i18n_number
from kh284.reports.template_layout import FIGURE, LEVEL, PERCENT

#: The kind of a numerator's or a denominator's cell (a count, never a percentage).
PART = "part"
#: Longest text read as a figure: 30 characters hold any figure a report has.
MAX_FIGURE_CHARS = 30

_SPACES = " \u00a0\u202f"
_SIGN = r"(?P<sign>[-+]?)"
#: The forms of ``TEXT_FIGURES``, each a whole-text match; ``ambiguous`` first.
_AMBIGUOUS = re.compile(_SIGN + r"(?P<whole>[1-9][0-9]{0,2})(?P<mark>[.,])(?P<frac>[0-9]{3})")
_PLAIN = re.compile(_SIGN + r"(?P<whole>[0-9]+)(?:[.,](?P<frac>[0-9]+))?")
_GROUPED = re.compile(
    _SIGN + r"(?P<whole>[0-9]{1,3}(?:(?P<group>[., \u00a0\u202f])[0-9]{3})(?:(?P=group)[0-9]{3})*)"
    r"(?:(?P<mark>[.,])(?P<frac>[0-9]+))?"
)
#: The text forms read as figures, for the documentation and the tests.
TEXT_FIGURES = ("34", "34,5", "34.5", "1.234,5", "1,234.5", "1 234,5", "1.234.567", "34,5 %")


@dataclass(frozen=True)
class Figure:
    """A figure cell read: the value for the report (``None``: none), and a finding.

    ``code`` is ``None``, the warning Y137 (the value is kept) or the error Y138 or Y139
    (the cell gives no value); ``args`` are the finding's.
    """

    value: Any
    code: str | None = None
    args: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Text:
    """A text read as a figure: the number, and whether a percent sign followed it."""

    number: Decimal
    percent: bool


def read_figure(value: Any, number_format: str | None, kind: str | None) -> Figure:
    """What a cell of a figure of ``kind`` holds, as Excel shows it.

    ``kind``: ``PERCENT``, ``LEVEL``, ``FIGURE`` or ``PART`` (a numerator or a
    denominator); ``None`` when the row's target is unknown (the report's checks say so),
    where the figure is read as shown.  A value that is no number and no text figure is
    returned as it is, for the report's checks.
    """
    if isinstance(value, bool) or value is None:
        return Figure(value)
    if isinstance(value, float) and not math.isfinite(value):
        return Figure(value)  # no figure: the report's checks say so (S208)
    if isinstance(value, (int, float)):
        if percent_shown(number_format or "", value):
            return _percent(_decimal(value) * 100, kind, _shown_percent(value))
        return _plain(_decimal(value), kind, value)
    if isinstance(value, str):
        text = value.strip(_SPACES + "\t\r\n")
        read, ambiguous = _text(text)
        if ambiguous is not None:
            return _ambiguous(text, ambiguous)
        if read is None:
            return Figure(value)
        if read.percent:
            shown = printable(text)
            return _percent(read.number, kind, (shown, shown))
        return _plain(read.number, kind, text)
    return Figure(value)


def text_figure(text: str) -> _Text | None:
    """The figure a text writes (``TEXT_FIGURES``); ``None`` for none or an ambiguous one."""
    return _text(text)[0]


def _text(text: str) -> tuple[_Text | None, re.Match[str] | None]:
    """The figure a text writes, or the match of an ambiguous one (``1.234``)."""
    percent = text.endswith("%")
    body = text[:-1].rstrip(_SPACES) if percent else text
    if not body or len(body) > MAX_FIGURE_CHARS:
        return None, None
    ambiguous = _AMBIGUOUS.fullmatch(body)
    if ambiguous is not None:
        return None, ambiguous
    found = _PLAIN.fullmatch(body)
    if found is not None:
        whole, frac = found["whole"], found["frac"]
    else:
        found = _GROUPED.fullmatch(body)
        if found is None or found["mark"] == found["group"]:
            return None, None
        whole, frac = re.sub(r"[., \u00a0\u202f]", "", found["whole"]), found["frac"]
    sign = "-" if found["sign"] == "-" else ""
    return _Text(Decimal(f"{sign}{whole}.{frac or 0}"), percent), None


def percent_shown(number_format: str, value: float) -> bool:
    """True when Excel shows ``value`` under ``number_format`` scaled by a percent sign."""
    sections = _sections(number_format)
    if value < 0 and len(sections) > 1:
        section = sections[1]
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section = sections[0]
    return "%" in _unquoted(section)


def _sections(number_format: str) -> list[str]:
    """The sections of a number format, split at the ``;`` outside quotes and escapes."""
    sections: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in number_format:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append("".join(current))
            current = []
            continue
        current.append(char)
    sections.append("".join(current))
    return sections


def _unquoted(section: str) -> str:
    """The characters of a format section Excel interprets.

    Quoted, escaped, bracketed (``[Red]``), spaced (``_x``) and repeated (``*x``) text is
    shown as it is, never interpreted.
    """
    kept: list[str] = []
    skip = quoted = bracket = False
    for char in section:
        if skip:
            skip = False
        elif quoted:
            quoted = char != '"'
        elif bracket:
            bracket = char != "]"
        elif char == '"':
            quoted = True
        elif char == "[":
            bracket = True
        elif char in "\\_*":
            skip = True
        else:
            kept.append(char)
    return "".join(kept)


def _decimal(value: float) -> Decimal:
    """The number a cell holds, exactly as its shortest form writes it (``0.345``)."""
    try:
        return Decimal(repr(value))
    except InvalidOperation:
        return Decimal(0)


def _number(figure: Decimal) -> Any:
    """A figure for the report: a whole number as such, else the nearest float."""
    if figure == figure.to_integral_value() and abs(figure) < 10**15:
        return int(figure)
    return float(figure)


def _percent(figure: Decimal, kind: str | None, shown: tuple[str, str]) -> Figure:
    """A figure shown or typed as a percentage: right for a rate, else Y139."""
    if kind in (PERCENT, None):
        return Figure(_number(figure))
    what_vi, what_en = both(f"import.wants_{kind}")
    args = {"shown_vi": shown[0], "shown_en": shown[1], "what_vi": what_vi, "what_en": what_en}
    return Figure(None, "Y139", args)


def _plain(figure: Decimal, kind: str | None, typed: Any) -> Figure:
    """A figure without a percent sign: a rate below 1 is kept, with the warning Y137."""
    value = typed if not isinstance(typed, str) else _number(figure)
    if kind == PERCENT and 0 < figure < 1:
        scaled = figure * 100
        args = {
            "value_vi": i18n_number(float(figure), "vi"),
            "value_en": i18n_number(float(figure), "en"),
            "percent_vi": i18n_number(float(scaled), "vi"),
            "percent_en": i18n_number(float(scaled), "en"),
        }
        return Figure(value, "Y137", args)
    return Figure(value)


def _ambiguous(text: str, found: re.Match[str]) -> Figure:
    """``1.234``: a thousand and more, or a fraction; Y138 says both."""
    sign = "-" if found["sign"] == "-" else ""
    whole = f"{sign}{found['whole']}{found['frac']}"
    args = {
        "text": printable(text),
        "whole": whole,
        "fraction_vi": f"{sign}{found['whole']},{found['frac']}",
        "fraction_en": f"{sign}{found['whole']}.{found['frac']}",
    }
    return Figure(None, "Y138", args)


def _shown_percent(value: float) -> tuple[str, str]:
    """A number under a percent format as Excel shows it, in both languages."""
    scaled = float(_decimal(value) * 100)
    return i18n_number(scaled, "vi") + " %", i18n_number(scaled, "en") + "%"


__all__ = ["FIGURE", "LEVEL", "PART", "PERCENT", "Figure", "percent_shown", "read_figure"]
