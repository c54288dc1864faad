"""Validating a loaded document against its pydantic model, errors → located diagnostics.

A pydantic error's ``loc`` is mapped back to the YAML node through the document's source
map; an unknown key points at the key, a missing key at the mapping that lacks it.  Each
pydantic error type maps to one stable ``S`` code with a message in both languages (what
a field expects is said in the vocabulary's ``schema.expected.*``).
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic
from kh284.i18n import both
from kh284.load.exact import Document, PathKey
from kh284.validate.models.common import native_error
from kh284.validate.names import suggest

M = TypeVar("M", bound=BaseModel)

#: What a field expects, by pydantic error type: the vocabulary's ``schema.expected.*``.
_EXPECTED = {
    "string_type": "text",
    "kh284_not_text": "quoted_text",
    "kh284_not_number": "number",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date",
}
_RANGE = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}
_CUSTOM = {
    "kh284_bad_date": "S205",
    "kh284_decimal_comma": "S207",
    "kh284_not_finite": "S208",
    "kh284_bad_id": "S209",
    "kh284_tolerance": "S211",
    "kh284_count_scope": "S212",
    "kh284_empty_report": "S213",
    "kh284_bad_period": "S214",
    "kh284_percent_range": "S215",
    "kh284_range": "S216",
    "kh284_scale": "S217",
    "kh284_accumulate": "S218",
    "kh284_no_decrease": "S219",
    "kh284_unnamed_document": "S220",
}


def validate(document: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``document.data`` as ``model``; return the instance or the diagnostics."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        found = [_diagnostic(document, model, error) for error in exc.errors()]
        unique = {(d.code, d.location, d.args): d for d in found}
        return None, sorted(unique.values(), key=Diagnostic.sort_key)


def _data_path(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """The part of a pydantic ``loc`` that exists in the data (drops union/type tags)."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = cast(Any, node)[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a key that is missing or unknown: keep it as the last step
            break
    return tuple(path)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model at ``loc``, for did-you-mean suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            break
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _diagnostic(document: Document, model: type[BaseModel], error: Any) -> Diagnostic:
    kind: str = error["type"]
    loc: tuple[Any, ...] = tuple(error["loc"])
    path = _data_path(document.data, loc)
    key = ".".join(str(p) for p in path) or "(document)"
    value = error.get("input")
    kind, ctx = native_error(kind, value, error.get("ctx") or {})
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else key
        hint = suggest(name, _fields_at(model, loc[:-1]))
        where = document.location(path, key=True)
        return dg.make("S201", where, key=name, suggestion=hint or "")
    if kind == "missing":
        return dg.make("S202", document.location(path[:-1]), key=str(loc[-1]))
    where = document.location(path)
    if kind in ("literal_error", "enum"):
        allowed = _allowed(ctx.get("expected", ""))
        hint = suggest(str(value), allowed)
        return dg.make(
            "S204", where, value=value, allowed=", ".join(allowed), suggestion=hint or ""
        )
    if kind in _CUSTOM:
        code = _CUSTOM[kind]
        args = {k: str(v) for k, v in ctx.items()}
        if code == "S205":
            args.setdefault("value", str(value))
        if code == "S214":
            args.setdefault("value", str(value))
        return dg.make_from(code, where, args)
    if kind in _RANGE:
        bound = f"{_RANGE[kind]} {next(iter(ctx.values()), '')}"
        return dg.make("S206", where, value=value, key=key, bound=bound)
    if kind in _EXPECTED:
        vi, en = both("schema.expected." + _EXPECTED[kind])
        return dg.make("S203", where, key=key, expected_vi=vi, expected_en=en)
    return dg.make("S299", where, detail=f"{key}: {error.get('msg', kind)}")


def _allowed(expected: str) -> list[str]:
    parts = expected.replace(" or ", ", ").split(",")
    return [p.strip().strip("'") for p in parts if p.strip()]
