"""JSON Schemas of the data files, generated from the pydantic models.

Copies are committed under ``schemas/`` so editors with the YAML language server can check
files as they are typed; a test fails when the copies drift from the models.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from kh284.models import EventsFile, PlanFile, ProgressReport, TargetsFile, UnitsFile
from kh284.models.waivers import WaiversFile

MODELS: dict[str, type[BaseModel]] = {
    "plan": PlanFile,
    "units": UnitsFile,
    "targets": TargetsFile,
    "events": EventsFile,
    "progress": ProgressReport,
    "waivers": WaiversFile,
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file."""
    generated = MODELS[kind].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **generated,
    }


def schema_text(kind: str) -> str:
    """The schema as the text committed under ``schemas/``."""
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
