"""Shared building blocks of the data models: the strict base model, id and date types.

Ids are lower-case ASCII words joined by hyphens (``so-gddt``); task ids are upper-case
letters, a hyphen and digits (``PL-01``).  Dates accept ISO and ``DD/MM/YYYY``.  Text is
normalised to Unicode NFC on the way in, so ``Sở`` typed in NFD compares equal.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from kh284.dates import DateFormatError, parse_date


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TASK_ID_PATTERN = r"^[A-Z]+-[0-9]+$"
SECTION_ID_PATTERN = r"^[IVX]+(\.[0-9]+)*(-[0-9]+)?$"


def _nfc(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _strict_text(value: object) -> object:
    """Refuse numbers and booleans where text is meant (``08`` must be quoted)."""
    if isinstance(value, (bool, int, float)):
        raise PydanticCustomError(
            "kh284_not_text", "a number or boolean where text is expected: quote it"
        )
    return _nfc(value)


def _slug(value: str, upper: bool) -> str:
    """The id ``value`` was probably meant to be: trimmed, cased, spaces as hyphens."""
    words = re.split(r"[\s_]+", value.strip())
    slug = "-".join(w for w in words if w)
    return slug.upper() if upper else slug.lower()


def _id_check(pattern: str) -> Any:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise PydanticCustomError(
                "kh284_bad_id",
                "'{value}' is not a valid id",
                {"value": value, "suggestion": _slug(value, pattern == TASK_ID_PATTERN)},
            )
        return value

    return check


def _date(value: object) -> dt.date:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise PydanticCustomError(
            "kh284_bad_date", "not a valid date: {reason}", {"reason": str(exc)}
        ) from exc


def _finite_number(value: object) -> object:
    if isinstance(value, bool):
        raise PydanticCustomError("kh284_not_number", "a boolean where a number is expected")
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[-+]?[0-9]+,[0-9]+", text):
            raise PydanticCustomError(
                "kh284_decimal_comma",
                "decimal comma in '{value}': write {suggestion}",
                {"value": text, "suggestion": text.replace(",", ".")},
            )
        raise PydanticCustomError(
            "kh284_not_number", "text '{value}' where a number is expected", {"value": text}
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("kh284_not_finite", "NaN or infinity is not a figure")
    return value


Text = Annotated[str, BeforeValidator(_strict_text)]
Id = Annotated[
    str,
    BeforeValidator(_strict_text),
    AfterValidator(_id_check(ID_PATTERN)),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
TaskId = Annotated[
    str,
    BeforeValidator(_strict_text),
    AfterValidator(_id_check(TASK_ID_PATTERN)),
    WithJsonSchema({"type": "string", "pattern": TASK_ID_PATTERN}),
]
SectionId = Annotated[
    str,
    BeforeValidator(_strict_text),
    AfterValidator(_id_check(SECTION_ID_PATTERN)),
    WithJsonSchema({"type": "string", "pattern": SECTION_ID_PATTERN}),
]
DATE_PATTERN = r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})$"
Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema(
        {"type": "string", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD or DD/MM/YYYY"}
    ),
]
Number = Annotated[float, BeforeValidator(_finite_number)]
NonNegative = Annotated[float, Field(ge=0), BeforeValidator(_finite_number)]
Positive = Annotated[float, Field(gt=0), BeforeValidator(_finite_number)]
Year = Annotated[int, Field(ge=1945, le=2100)]
