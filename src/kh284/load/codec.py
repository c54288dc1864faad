"""The format of a cache entry: JSON data that round-trips a parse payload exactly, never code.

A payload is what ``reading.parse`` gives for a file's bytes: ``("fast", data, marks)``
(``marks``: the positions read with the data, 1-based line and column pairs, one pair for
the document, two for each mapping entry and one for each sequence item; stored as Base64
of unsigned 32-bit little-endian integers),
``("exact", data, SourceMap)`` or ``("fail", [Diagnostic, ...])``; or a whole command's
result (``cli/replay.py``): ``("result", output, summary, exit_code, lang, machine)``,
where ``lang`` is the language of a result for stdout and empty for one written to a file,
and ``machine`` is true for a program's format (written to stdout as UTF-8 bytes).
``encode`` writes it as one JSON object that also names the format and the entry's own key;
``decode`` gives the payload back only if every part has exactly the expected shape and type,
else ``None`` (a miss): nothing in an entry is ever run, looked up by name or trusted for its types.

Data values are ``str``, ``int``, ``float`` (``nan`` and ``inf`` too), ``bool``, ``None``,
lists and dicts.  Data whose dicts all have text keys is stored as plain JSON (``"plain"``),
which JSON reads back with every type and key order intact.  Otherwise (a key that is a
number, a boolean, ``None``) every container is tagged (``"tagged"``): a list is
``["L", item, ...]``, a dict ``["D", key, value, key, value, ...]``.  A value of any other
type is not stored at all.
"""

from __future__ import annotations

import binascii
import json
import re
import sys
from array import array
from typing import Any

from kh284.diagnostics import Diagnostic, ExitCode, Location, Severity, Subject, catalogue
from kh284.load.exact import PathKey, SourceMap
from kh284.load.marks import MARK_TYPE, pairs_below

#: Bumped whenever the layout below changes (it is part of every key, too).
FORMAT = 4
_SCALARS = (str, int, float, bool, type(None))
_SEVERITIES = {s.value: s for s in Severity}
_EXIT_CODES = frozenset(int(c) for c in ExitCode)
#: kh284's own colour codes (SGR), the one escape sequence its output may hold.
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


class _Bad(Exception):
    """An entry (or a payload) that does not have the expected shape."""


# -- encoding ---------------------------------------------------------------------------------


def entry_head(key: str) -> bytes:
    """How an entry stored under ``key`` begins (``encode`` writes its fields in this order)."""
    return b'{"kh284-cache":%d,"key":"%s"' % (FORMAT, key.encode("ascii", "replace"))


def encode(payload: tuple[Any, ...], key: str) -> bytes | None:
    """``payload`` as an entry stored under ``key``, or ``None`` if it cannot be stored."""
    try:
        entry = _entry(payload, key)
        return json.dumps(entry, ensure_ascii=True, allow_nan=True, separators=(",", ":")).encode()
    except (_Bad, TypeError, ValueError, RecursionError):
        return None


def _entry(payload: tuple[Any, ...], key: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"kh284-cache": FORMAT, "key": key, "kind": payload[0]}
    if payload[0] in ("fast", "exact"):
        data = payload[1]
        if _plain(data):
            entry["mode"], entry["data"] = "plain", data
        else:
            entry["mode"], entry["data"] = "tagged", _tag(data)
        if len(payload) != 3:
            raise _Bad
        if payload[0] == "fast":
            marks = payload[2]
            if type(marks) is not array or marks.typecode != MARK_TYPE:
                raise _Bad
            if len(marks) != 2 * _pairs(data):
                raise _Bad
            entry["marks"] = _pack(marks)
        else:
            source_map = payload[2]
            if type(source_map) is not SourceMap:
                raise _Bad
            entry["values"] = _positions(source_map.values)
            entry["keys"] = _positions(source_map.keys)
        return entry
    if payload[0] == "fail":
        if type(payload[1]) is not list or not payload[1]:
            raise _Bad
        entry["problems"] = [_diagnostic(d) for d in payload[1]]
        return entry
    if payload[0] == "result":
        _, output, summary, exit_code, lang, machine = payload
        _result_shape(output, summary, exit_code, lang, machine)
        entry.update(output=output, summary=summary, exit=exit_code, lang=lang, machine=machine)
        return entry
    raise _Bad


def _result_shape(output: Any, summary: Any, exit_code: Any, lang: Any, machine: Any) -> None:
    """Raise ``_Bad`` unless these are the parts of a result kh284 gives."""
    _expect(all(type(t) is str for t in (output, summary, lang)))
    _expect(type(machine) is bool)
    _expect(type(exit_code) is int and exit_code in _EXIT_CODES)
    _expect(lang in ("", "vi", "en"))
    _expect(shown_as_is(output) and shown_as_is(summary))


def shown_as_is(text: str) -> bool:
    """True when ``text`` holds nothing kh284 escapes but newlines and its colour codes."""
    if text.isprintable():
        return True
    return all(line.isprintable() for line in _COLOUR.sub("", text).split("\n"))


def _plain(value: Any) -> bool:
    """True when ``value`` holds only scalars, lists and dicts with text keys.

    ``_Bad`` for a value of a type that cannot be stored, met before a key that is not text
    (``_tag`` then checks the rest).
    """
    kind = type(value)
    if kind is dict:
        for key in value:
            if type(key) is not str:
                return False
        children = value.values()
    elif kind is list:
        children = value
    elif kind in _SCALARS:
        return True
    else:
        raise _Bad
    for child in children:
        kind = type(child)
        if kind is dict or kind is list:
            if not _plain(child):
                return False
        elif kind not in _SCALARS:
            raise _Bad
    return True


def _tag(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return ["L", *(_tag(v) for v in value)]
    if kind is dict:
        tagged: list[Any] = ["D"]
        for k, v in value.items():
            if type(k) not in _SCALARS:
                raise _Bad
            tagged += [k, _tag(v)]
        return tagged
    if kind not in _SCALARS:
        raise _Bad
    return value


def _positions(positions: dict[PathKey, tuple[int, int]]) -> list[list[Any]]:
    rows = []
    for path, (line, column) in positions.items():
        if not (_position(line) and _position(column)):
            raise _Bad
        rows.append([_path(path), line, column])
    return rows


def _position(value: Any) -> bool:
    """True for a line or column: a positive ``int``."""
    return type(value) is int and value >= 1


def _path(path: PathKey) -> list[Any]:
    if type(path) is not tuple or not all(type(p) in _SCALARS for p in path):
        raise _Bad
    return list(path)


def _location(location: Location) -> list[Any]:
    for value in (location.line, location.column):
        if value is not None and not _position(value):
            raise _Bad
    return [location.file, location.line, location.column, _path(location.path)]


def _diagnostic(diag: Diagnostic) -> dict[str, Any]:
    if type(diag) is not Diagnostic:
        raise _Bad
    subject = diag.subject
    return {
        "code": diag.code,
        "location": _location(diag.location),
        "args": [list(pair) for pair in diag.args],
        "related": [_location(r) for r in diag.related],
        "severity": int(diag.severity),
        "subject": None if subject is None else [subject.kind, subject.id, subject.part],
    }


# -- decoding ---------------------------------------------------------------------------------


def decode(raw: bytes, key: str, *, own: bool = False) -> tuple[Any, ...] | None:
    """The payload stored in ``raw`` under ``key``, or ``None`` for anything unexpected.

    ``own``: an entry this run's worker process encoded a moment ago and handed over its
    pipe, never read from disk: ``encode`` checked its positions against its values, so
    they are not counted again (the shapes and types are checked as for any entry).
    """
    try:
        entry = json.loads(raw)
        return _payload(entry, key, own)
    except Exception:  # whatever is wrong with it, an entry is then a miss
        return None


def _payload(entry: Any, key: str, own: bool = False) -> tuple[Any, ...]:
    _expect(type(entry) is dict)
    _expect(entry.get("kh284-cache") == FORMAT and type(entry["kh284-cache"]) is int)
    _expect(entry.get("key") == key)
    kind = entry.get("kind")
    if kind in ("fast", "exact"):
        mode = entry.get("mode")
        if mode == "plain":
            data = entry["data"]  # JSON gives scalars, lists and text-keyed dicts only
        else:
            _expect(mode == "tagged")
            data = _untag(entry["data"])
            _expect(not _plain(data))  # kh284 tags only data it cannot store plain
        if kind == "fast":
            _expect(set(entry) == {"kh284-cache", "key", "kind", "mode", "data", "marks"})
            marks = _unpack(entry["marks"], own)
            _expect(own or (len(marks) == 2 * _pairs(data) and min(marks) > 0))
            return ("fast", data, marks)
        _expect(set(entry) == {"kh284-cache", "key", "kind", "mode", "data", "values", "keys"})
        source_map = SourceMap(_read_positions(entry["values"]), _read_positions(entry["keys"]))
        return ("exact", data, source_map)
    if kind == "result":
        parts = ("output", "summary", "exit", "lang", "machine")
        _expect(set(entry) == {"kh284-cache", "key", "kind", *parts})
        output, summary, exit_code, lang, machine = (entry[k] for k in parts)
        _result_shape(output, summary, exit_code, lang, machine)
        return ("result", output, summary, exit_code, lang, machine)
    _expect(kind == "fail")
    _expect(set(entry) == {"kh284-cache", "key", "kind", "problems"})
    problems = entry["problems"]
    _expect(type(problems) is list and len(problems) > 0)  # a failure has a problem
    return ("fail", [_read_diagnostic(d) for d in problems])


def _pairs(data: Any) -> int:
    """How many positions ``fast.fast_read`` keeps for ``data`` (``fast.positions``' order)."""
    return 1 + pairs_below(data)


def _pack(marks: array[int]) -> str:
    """The positions as Base64 of unsigned 32-bit little-endian integers (compact, quick)."""
    if sys.byteorder == "big":
        marks = array(MARK_TYPE, marks)
        marks.byteswap()
    return binascii.b2a_base64(marks.tobytes(), newline=False).decode("ascii")


def _unpack(text: Any, own: bool = False) -> array[int]:
    """The positions ``_pack`` wrote; ``_Bad`` for anything else (``own``: see ``decode``)."""
    _expect(type(text) is str and text.isascii())
    raw = binascii.a2b_base64(text)
    _expect(own or binascii.b2a_base64(raw, newline=False) == text.encode("ascii"))
    marks = array(MARK_TYPE)
    _expect(len(raw) % marks.itemsize == 0)
    marks.frombytes(raw)
    if sys.byteorder == "big":
        marks.byteswap()
    return marks


def _expect(condition: bool) -> None:
    if not condition:
        raise _Bad


def _untag(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    _expect(kind is list and len(value) > 0)
    head = value[0]
    if head == "L":
        return [_untag(v) for v in value[1:]]
    _expect(head == "D" and len(value) % 2 == 1)
    result: dict[Any, Any] = {}
    for i in range(1, len(value), 2):
        k = value[i]
        _expect(type(k) in _SCALARS)
        result[k] = _untag(value[i + 1])
    return result


def _read_positions(rows: Any) -> dict[PathKey, tuple[int, int]]:
    _expect(type(rows) is list)
    positions: dict[PathKey, tuple[int, int]] = {}
    for row in rows:
        _expect(type(row) is list and len(row) == 3)
        path, line, column = row
        _expect(_position(line) and _position(column))
        positions[_read_path(path)] = (line, column)
    return positions


def _read_path(path: Any) -> PathKey:
    _expect(type(path) is list and all(type(p) in _SCALARS for p in path))
    return tuple(path)


def _optional_int(value: Any) -> int | None:
    _expect(value is None or _position(value))
    return value  # type: ignore[no-any-return]


def _read_location(row: Any) -> Location:
    _expect(type(row) is list and len(row) == 4 and type(row[0]) is str)
    return Location(row[0], _optional_int(row[1]), _optional_int(row[2]), _read_path(row[3]))


def _text(value: Any) -> str:
    _expect(type(value) is str)
    return value  # type: ignore[no-any-return]


def _read_diagnostic(row: Any) -> Diagnostic:
    _expect(type(row) is dict)
    _expect(set(row) == {"code", "location", "args", "related", "severity", "subject"})
    code = _text(row["code"])
    _expect(code in catalogue.CATALOGUE)
    args = row["args"]
    _expect(type(args) is list)
    pairs = []
    for pair in args:
        _expect(type(pair) is list and len(pair) == 2)
        pairs.append((_text(pair[0]), _text(pair[1])))
    related = row["related"]
    _expect(type(related) is list)
    severity = row["severity"]
    _expect(type(severity) is int and severity in _SEVERITIES)
    subject = row["subject"]
    if subject is not None:
        _expect(type(subject) is list and len(subject) == 3)
        subject = Subject(_text(subject[0]), _text(subject[1]), _text(subject[2]))
    return Diagnostic(
        code=code,
        location=_read_location(row["location"]),
        args=tuple(pairs),
        related=tuple(_read_location(r) for r in related),
        severity=_SEVERITIES[severity],
        subject=subject,
    )
