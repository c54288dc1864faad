"""The fast path for reading YAML: libyaml through PyYAML's C loader, no positions.

Most files in a data directory are fine, and for those the exact loader's positions are
never needed.  ``fast_load`` builds the same values as ``exact.load_text`` (kh284's YAML
1.2 core rules, NFC text, keys as text) with the C parser, and gives up — returning
``None`` — whenever a file needs the exact loader's judgement: syntax errors, duplicate or
complex keys, anchors and aliases, explicit tags, very deep nesting, large files, empty
files, several documents.  It also gives up on what the YAML test suite
(``tests/data/yaml-test-suite``) showed libyaml reads differently from the exact loader:
the non-specific tag ``!`` (libyaml resolves ``! 12`` as a number, YAML makes it text),
block scalars with blank lines of spaces or a comment glued to the header, comments glued
to what precedes them, and tabs.  The caller then reads that file exactly, with positions.
``FAST_PATH_ACTIVE`` says whether libyaml is really there (a test insists on it).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from kh284.load.exact import (
    FORBIDDEN_CHARACTER,
    MAX_NODES,
    PathKey,
    SourceMap,
    _resolve_plain,
)

FAST_PATH_ACTIVE: bool = bool(getattr(yaml, "__with_libyaml__", False))
#: Larger texts go to the exact loader, which enforces the node and depth limits.
MAX_FAST_CHARS = 1_000_000
#: Deeper flow nesting or indentation goes to the exact loader.
MAX_FAST_DEPTH = 32
#: Escapes that may make a character no text value holds (``exact.FORBIDDEN_CHARACTER``):
#: a text with one goes to the exact loader, which says where.
_RISKY_ESCAPE = re.compile(r"\\[0abvfreNxuU]")
#: Anchors, aliases and tags, ``!`` alone included; complex keys; document markers.
_RISKY = re.compile(r"(?:^|[\s\[\]{},:-])[&*!]|^\s*\?\s|^(?:---|\.\.\.)", re.M)
#: ``-``, ``?`` or ``:`` before a flow indicator (``[-]``), which libyaml takes as text.
_BARE_INDICATOR = re.compile(r"[-?:][,\[\]{}]")
#: A block scalar's header (``|``, ``>-``, ``|2``), and what libyaml reads differently
#: after one: a line of spaces only (a leading blank line deeper than the text) or a
#: ``#`` glued to the header.
_BLOCK_HEADER = re.compile(r"(?:^|[\s:-])[|>][-+0-9]*(?:[ ]*$|[ ]+#|#)", re.M)
_BLANK_LINE = re.compile(r"^ +$|[|>][-+0-9]*#", re.M)
_BRACKETS = re.compile(r"[^\[\]{}]+")
_DEEP_INDENT = re.compile(rf"^ {{{2 * MAX_FAST_DEPTH},}}\S", re.M)


class _GiveUp(Exception):
    """The file needs the exact loader."""


_IMPLICIT = "tag:kh284,2025:implicit"
_STR = "tag:yaml.org,2002:str"
_Parser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)


class _Composer(_Parser or object):  # type: ignore[misc]
    """libyaml's composer with a resolver that only marks untagged scalars."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _IMPLICIT

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _value(node: Any, budget: list[int]) -> Any:
    """Python value of a composed node by kh284's rules (the nesting depth is bounded).

    ``budget`` holds how many more nodes may be built: past the exact loader's node limit
    the exact loader must read the file (and report it).
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _GiveUp
    kind = type(node)
    if kind is yaml.ScalarNode:
        text = node.value
        if not text.isascii():
            if FORBIDDEN_CHARACTER.search(text):
                raise _GiveUp  # a C1 control character or a surrogate: the exact loader says
            text = unicodedata.normalize("NFC", text)
        if node.tag == _IMPLICIT:
            return text if node.style else _resolve_plain(text)
        if node.tag == _STR:
            return text
        raise _GiveUp
    if node.tag != _IMPLICIT:
        raise _GiveUp
    if kind is yaml.MappingNode:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in (_IMPLICIT, _STR):
                raise _GiveUp
            key = key_node.value
            if not key.isascii():
                key = unicodedata.normalize("NFC", key)
            if key in result:
                raise _GiveUp
            if node.flow_style and _empty(value_node):
                raise _GiveUp  # placed differently by the two parsers: let the exact one
            result[key] = _value(value_node, budget)
        return result
    return [_value(child, budget) for child in node.value]


def _empty(node: Any) -> bool:
    return type(node) is yaml.ScalarNode and not node.value and not node.style


def _risky(text: str) -> bool:
    r"""Something libyaml may read otherwise than the exact loader may be in ``text``.

    Anchors, aliases, tags, complex keys, document markers, a comment glued to what precedes
    it, ``-``/``?``/``:`` before a flow indicator, a blank line of spaces after a block
    scalar's header, or a risky escape: one that may make a character no text may hold
    (``"\e"``, ``"\ud800"``).
    """
    if "\\" in text and _RISKY_ESCAPE.search(text):
        return True
    if ("[" in text or "{" in text) and _BARE_INDICATOR.search(text):
        return True
    if _glued_hash(text):
        return True
    if ("|" in text or ">" in text) and _BLOCK_HEADER.search(text) and _BLANK_LINE.search(text):
        return True
    if not any(mark in text for mark in ("&", "*", "!", "?", "---", "...")):
        return False
    return _RISKY.search(text) is not None


def _glued_hash(text: str) -> bool:
    """A ``#`` right after something else: a comment glued to a value, which libyaml takes.

    (A loop over the few ``#`` of a file: a regular expression would scan every character.)
    """
    at = text.find("#")
    while at != -1:
        if at and text[at - 1] not in " \t\r\n\ufeff":
            return True
        at = text.find("#", at + 1)
    return False


def _too_deep(text: str) -> bool:
    if _DEEP_INDENT.search(text):
        return True
    depth = 0
    for char in _BRACKETS.sub("", text):
        depth += 1 if char in "[{" else -1
        if depth > MAX_FAST_DEPTH:
            return True
    return False


def fast_load(text: str) -> Any | None:
    """The document's value by kh284's rules, or ``None`` when the exact loader must read it."""
    if not FAST_PATH_ACTIVE:
        return None
    if len(text) > MAX_FAST_CHARS or "\t" in text or _risky(text) or _too_deep(text):
        return None
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
        if node is None:
            return None
        return _value(node, [MAX_NODES])
    except (_GiveUp, yaml.YAMLError, RecursionError, ValueError):
        return None


def fast_source_map(text: str) -> SourceMap | None:
    """The source map of a text the fast path read, from libyaml's events and marks.

    Only for texts ``fast_load`` accepted (no anchors, tags or duplicate keys), where it
    gives the same map as the exact loader; ``None`` if libyaml is missing.
    """
    if not FAST_PATH_ACTIVE:
        return None
    source_map = SourceMap()
    # each frame: [is_mapping, path, next index or pending key, expecting a key]
    frames: list[list[Any]] = []
    #: Empty mapping values are placed, as the exact loader places them, at the next token.
    empty: list[PathKey] = []
    events: Any = yaml.parse(text, Loader=yaml.CSafeLoader)
    for event in events:
        kind = type(event)
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        for waiting in empty:
            source_map.values[waiting] = position
        empty.clear()
        if kind in _SKIPPED_EVENTS:
            continue
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            frames.pop()
            continue
        if frames and frames[-1][0] and frames[-1][3]:  # a mapping key
            frame = frames[-1]
            key = (
                event.value if event.value.isascii() else unicodedata.normalize("NFC", event.value)
            )
            frame[2], frame[3] = key, False
            key_path: PathKey = (*frame[1], key)
            source_map.keys[key_path] = position
            continue
        in_mapping = bool(frames) and frames[-1][0]
        if not frames:
            path: PathKey = ()
        elif in_mapping:
            path = (*frames[-1][1], frames[-1][2])
            frames[-1][3] = True
        else:
            path = (*frames[-1][1], frames[-1][2])
            frames[-1][2] += 1
        source_map.values[path] = position
        if in_mapping and kind is yaml.ScalarEvent and not event.value and not event.style:
            empty.append(path)
        elif kind is yaml.MappingStartEvent:
            frames.append([True, path, None, True])
        elif kind is yaml.SequenceStartEvent:
            frames.append([False, path, 0, False])
    return source_map


_SKIPPED_EVENTS = (
    yaml.StreamStartEvent,
    yaml.StreamEndEvent,
    yaml.DocumentStartEvent,
    yaml.DocumentEndEvent,
)
