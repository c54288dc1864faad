"""JSON Schemas of the data files, generated from the pydantic models.

Copies are committed under ``schemas/`` so editors with the YAML language server can check
files as they are typed; a test fails when the copies drift from the models.  The kinds and
file names come from the registry (``kh284.load.registry``).
"""

from __future__ import annotations

import json
from typing import Any

from kh284.load.registry import BY_KIND
from kh284.validate.models import model_of


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file."""
    generated = model_of(kind).model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BY_KIND[kind].schema_file,
        **generated,
    }


def schema_text(kind: str) -> str:
    """The schema as the text committed under ``schemas/``."""
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
