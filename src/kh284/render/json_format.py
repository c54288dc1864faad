"""The ``json`` format: the plain-data form, pretty-printed, UTF-8 (not ASCII-escaped)."""

from __future__ import annotations

import json
from typing import Any


def render(data: dict[str, Any]) -> str:
    """Return ``data`` as indented JSON text with a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
