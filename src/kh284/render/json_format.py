"""The ``json`` format: the plain-data form, indented, UTF-8 (see ``plain.dumps``)."""

from __future__ import annotations

from kh284.render.plain import dumps, view_dict
from kh284.render.view import View


def render(view: View) -> str:
    """The view as JSON text with a final newline."""
    return dumps(view_dict(view)) + "\n"
