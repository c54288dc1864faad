"""JSON Schemas of the data files, generated from the pydantic models.

Copies are committed under ``schemas/`` so editors with the YAML language server can check
files as they are typed; a test fails when the copies drift from the models.  The kinds and
file names come from the registry (``kh284.load.registry``).

The schemas say what the models say, as far as JSON Schema can: patterns for ids and dates
(each month's days, 29 February in leap years only), the school-year form of a period, the
rules between fields that the models give as ``json_schema_extra`` (``between`` needs
``upper``, a percentage lies within 0–100...), and figures that are finite numbers
(``_Generator``).  What only ``kh284 validate`` checks is listed in docs/DATA-FORMAT.md,
and ``tests/test_schemas_agree.py`` holds both to it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from kh284.load.registry import BY_KIND
from kh284.validate.models import model_of

#: The largest finite float: ``.inf`` lies beyond it.
_FLOAT_MAX = sys.float_info.max
#: NaN fails no comparison keyword, so it passes each of two complementary ones; a finite
#: number passes exactly one of them.  ``oneOf`` them refuses NaN (``.nan`` in YAML).
_NOT_NAN = [{"exclusiveMaximum": 0}, {"minimum": 0}]


class _Generator(GenerateJsonSchema):
    """Pydantic's generator; a figure that may not be NaN or infinite says so."""

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        result = super().float_schema(schema)
        if schema.get("allow_inf_nan") is False:
            if "maximum" not in result and "exclusiveMaximum" not in result:
                result["maximum"] = _FLOAT_MAX
            if "minimum" not in result and "exclusiveMinimum" not in result:
                result["minimum"] = -_FLOAT_MAX
            result["oneOf"] = _NOT_NAN
        return result


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file."""
    generated = model_of(kind).model_json_schema(schema_generator=_Generator)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BY_KIND[kind].schema_file,
        **generated,
    }


def schema_text(kind: str) -> str:
    """The schema as the text committed under ``schemas/``."""
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
