"""The ``json`` format: the plain-data form, indented, UTF-8 (not ASCII-escaped)."""

from __future__ import annotations

import json

from kh284.render.plain import view_dict
from kh284.render.view import View


def render(view: View) -> str:
    """The view as JSON text with a final newline."""
    return json.dumps(view_dict(view), ensure_ascii=False, indent=2) + "\n"
