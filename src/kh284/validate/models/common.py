"""Shared building blocks of the data models: the strict base model, id and date types.

Ids are lower-case ASCII words joined by hyphens (``so-gddt``); task ids are upper-case
letters, a hyphen and digits (``PL-01``).  Section ids are a Roman numeral, numbered
levels, an optional lettered clause and an optional bullet number (``III.2.2``, ``II.2.a``,
``II.2.đ-1``); the top may instead be an article or an Arabic numeral, as the document
numbers its parts (``Điều 1``, ``Điều 2.3.a``, ``2.1``); clause letters are those of Nghị
định 30/2020 (a … y with ``đ``, without f, j, w, z: ``CLAUSE_LETTERS``).  Dates accept ISO
and ``DD/MM/YYYY``.  The loaders normalise all text to Unicode NFC, so ``Sở`` typed in NFD
compares equal.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from kh284.diagnostics.catalogue import printable
from kh284.validate.dates import MAX_YEAR, MIN_YEAR, DateFormatError, date_pattern, parse_date


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TASK_ID_PATTERN = r"^[A-Z]+-[0-9]+$"
#: The letters of lettered clauses a), b), … in their order (Nghị định 30/2020/NĐ-CP,
#: Phụ lục I): Vietnamese has đ after d and no f, j, w or z.
CLAUSE_LETTERS = "abcdđeghiklmnopqrstuvxy"
#: The top of a section id, as the document numbers its parts: a Roman numeral (a plan's
#: I, II …), an article ("Điều 1", a resolution's or a decision's) or an Arabic numeral.
SECTION_TOP_PATTERN = r"(?:[IVXLC]+|Điều [0-9]+|[0-9]+)"
SECTION_ID_PATTERN = rf"^{SECTION_TOP_PATTERN}(\.[0-9]+)*(\.[a-eđg-ik-vxy])?(-[0-9]+)?$"


#: Longest piece of a bad value quoted back in a message.
MAX_QUOTED = 80


def _quote(text: str) -> str:
    """``text`` for a message: unprintable characters escaped, at most ``MAX_QUOTED`` long.

    A value can hold any character (an escaped ESC in a double-quoted YAML string), and a
    message must neither break lines nor send control codes to the terminal showing it.
    """
    text = printable(text)
    if len(text) > MAX_QUOTED:
        return text[: MAX_QUOTED - 1] + "…"
    return text


def _slug(value: str, upper: bool) -> str:
    """The id ``value`` was probably meant to be: trimmed, cased, no diacritics, hyphens.

    ``" So GD "`` → ``so-gd``, ``"Sở_GD"`` → ``so-gd``, ``"pl 01"`` → ``PL-01``.
    """
    plain = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    if upper:
        return "-".join(re.findall(r"[A-Za-z]+|[0-9]+", plain)).upper()
    return "-".join(re.findall(r"[A-Za-z0-9]+", plain)).lower()


def _id_check(pattern: str) -> Any:
    compiled = re.compile(pattern)
    upper = pattern == TASK_ID_PATTERN

    def check(value: str) -> str:
        if not compiled.match(value):
            slug = _slug(value, upper) if len(value) <= 1000 else ""
            suggestion = slug if slug != value and compiled.match(slug) else ""
            raise PydanticCustomError(
                "kh284_bad_id",
                "'{value}' is not a valid id",
                {"value": _quote(value), "suggestion": suggestion},
            )
        return value

    return check


def _date(value: object) -> dt.date:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise PydanticCustomError(
            "kh284_bad_date",
            "not a valid date: {reason_en}",
            {"reason_vi": exc.vi, "reason_en": exc.en},
        ) from exc


_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
#: Vietnamese grouping: ``1.234,5`` (dots group thousands, the comma is the decimal mark).
_GROUPED_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+")


def _finite_number(value: object) -> object:
    if isinstance(value, bool):
        raise PydanticCustomError("kh284_not_number", "a boolean where a number is expected")
    if isinstance(value, str):
        text = value.strip()
        if _DECIMAL_COMMA.fullmatch(text) or _GROUPED_DECIMAL_COMMA.fullmatch(text):
            raise PydanticCustomError(
                "kh284_decimal_comma",
                "decimal comma in '{value}': write {suggestion}",
                {"value": text, "suggestion": text.replace(".", "").replace(",", ".")},
            )
        raise PydanticCustomError(
            "kh284_not_number",
            "text '{value}' where a number is expected",
            {"value": _quote(text)},
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("kh284_not_finite", "NaN or infinity is not a figure")
    if isinstance(value, int) and not -_FLOAT_MAX <= value <= _FLOAT_MAX:
        raise PydanticCustomError("kh284_not_finite", "NaN or infinity is not a figure")
    return value


_FLOAT_MAX = int(sys.float_info.max)


def _not_bool(value: object) -> object:
    """Refuse ``true``/``false`` where a whole number (a year) is meant."""
    if isinstance(value, bool):
        raise PydanticCustomError("kh284_not_number", "a boolean where a number is expected")
    return value


def native_error(kind: str, value: object, ctx: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Translate a native pydantic error of the types below into kh284's own error types.

    Text, ids and numbers are checked natively by pydantic-core (a few hundred thousand
    values per second instead of a Python call each); this keeps their messages as
    specific as the Python validators' above.
    """
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        return "kh284_not_text", {}
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        pattern = str(ctx.get("pattern", ""))
        try:
            _id_check(pattern)(value)
        except PydanticCustomError as exc:
            return exc.type, dict(exc.context or {})
    if kind == "float_type":
        if isinstance(value, str):
            try:
                _finite_number(value)
            except PydanticCustomError as exc:
                return exc.type, dict(exc.context or {})
        if isinstance(value, bool):
            return "kh284_not_number", {}
        if isinstance(value, int):
            return "kh284_not_finite", {}
    if kind == "finite_number":
        return "kh284_not_finite", {}
    return kind, ctx


# The loaders normalise all text to NFC, so text fields need no Python call of their own.
Text = Annotated[str, Strict()]
Id = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=ID_PATTERN),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
TaskId = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=TASK_ID_PATTERN),
    WithJsonSchema({"type": "string", "pattern": TASK_ID_PATTERN}),
]
SectionId = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=SECTION_ID_PATTERN),
    WithJsonSchema({"type": "string", "pattern": SECTION_ID_PATTERN}),
]
#: Exactly the dates ``parse_date`` reads: each month's days, 29/2 in leap years only.
DATE_PATTERN = date_pattern()
Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema(
        {"type": "string", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD or DD/MM/YYYY"}
    ),
]
Number = Annotated[float, Strict(), AllowInfNan(False)]
NonNegative = Annotated[float, Strict(), AllowInfNan(False), Field(ge=0)]
Positive = Annotated[float, Strict(), AllowInfNan(False), Field(gt=0)]
#: A year is a whole number written as one: ``2026.0`` (a float) and ``"2026"`` (text) are
#: errors, so a year never comes from a figure or a text cell by accident.
Year = Annotated[int, Strict(), Field(ge=MIN_YEAR, le=MAX_YEAR), BeforeValidator(_not_bool)]
