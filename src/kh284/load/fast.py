"""The fast tiers of reading YAML: the line reader, then libyaml; the exact loader behind.

Most files in a data directory are fine, and for those the exact loader is not needed.
``fast_read`` builds the same values as ``exact.load_text`` (kh284's YAML 1.2 core rules,
NFC text, keys as text) and keeps each value's and key's position as two small integers;
``positions`` turns them into the exact loader's source map (``locate`` finds one of them)
only when a finding needs a ``file:line:col``.  It tries, in order:

1. the line reader (``lines.line_read``): plain block YAML, the kind data files are
   written in, read line by line in pure Python — cheaper than libyaml for such files,
   and there whether or not libyaml is;
2. libyaml through PyYAML's C loader (``_libyaml_read``), for what the line reader gives
   up on: it walks the nodes libyaml composes;
3. neither: ``None``, and the caller reads the file with the exact loader.

libyaml gives up — returning ``None`` — whenever a file needs the exact loader's
judgement: syntax errors, duplicate or complex keys, anchors and aliases, explicit tags,
very deep nesting, large files, empty files, several documents.  It also gives up on what
the YAML test suite (``tests/data/yaml-test-suite``) showed libyaml reads differently
from the exact loader: the non-specific tag ``!`` (libyaml resolves ``! 12`` as a number,
YAML makes it text), block scalars with blank lines of spaces or a comment glued to the
header, comments glued to what precedes them, tabs, and an empty value at the very end of
a text without a final line break (libyaml places it on a line after the text).
``FAST_PATH_ACTIVE`` says whether libyaml is really there (a test insists on it).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from typing import Any

import yaml

from kh284.load.exact import (
    FORBIDDEN_CHARACTER,
    MAX_NODES,
    PathKey,
    SourceMap,
    _resolve_plain,
)
from kh284.load.lines import MAX_FAST_CHARS, MAX_FAST_DEPTH, line_read
from kh284.load.marks import MARK_TYPE, pairs_below

FAST_PATH_ACTIVE: bool = bool(getattr(yaml, "__with_libyaml__", False))
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


def _value(node: Any, budget: list[int], marks: list[int], end: int, depth: int = 0) -> Any:
    """Python value of a composed node by kh284's rules (the nesting depth is bounded).

    ``budget`` holds how many more nodes may be built: past the exact loader's node limit
    the exact loader must read the file (and report it).  ``marks`` receives, in the order
    of the walk, the 1-based line and column of each mapping key and of each value below
    ``node`` (``positions`` turns them into a source map when a finding needs one).
    ``end`` is the text's length when it does not end with a line break (else -1): an
    empty value placed there is placed elsewhere by the exact loader.  ``depth`` is how
    many collections hold ``node``: deeper than ``MAX_FAST_DEPTH`` (``- - - x`` on one
    line is as deep as it has ``-``), the exact loader must judge the file.
    """
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_FAST_DEPTH:
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
    add = marks.append
    if kind is yaml.MappingNode:
        result: dict[str, Any] = {}
        pairs = node.value
        last = len(pairs) - 1
        for i, (key_node, value_node) in enumerate(pairs):
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in (_IMPLICIT, _STR):
                raise _GiveUp
            key = key_node.value
            if not key.isascii():
                key = unicodedata.normalize("NFC", key)
            if key in result:
                raise _GiveUp
            mark = key_node.start_mark
            add(mark.line + 1)
            add(mark.column + 1)
            if (
                type(value_node) is yaml.ScalarNode
                and not value_node.value
                and not value_node.style
            ):
                if node.flow_style:
                    raise _GiveUp  # placed differently by the two parsers: let the exact one
                # an empty value is placed, as the exact loader places it, at what follows:
                # the next key, or the end of its mapping
                mark = pairs[i + 1][0].start_mark if i < last else node.end_mark
                if mark.index == end:
                    raise _GiveUp  # libyaml's end is a line below the text, not its end
            else:
                mark = value_node.start_mark
            add(mark.line + 1)
            add(mark.column + 1)
            result[key] = _value(value_node, budget, marks, end, depth + 1)
        return result
    items = []
    for child in node.value:
        mark = child.start_mark
        add(mark.line + 1)
        add(mark.column + 1)
        items.append(_value(child, budget, marks, end, depth + 1))
    return items


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


def fast_read(text: str) -> tuple[Any, array[int]] | None:
    """The document's value by kh284's rules and its positions, by the line reader or libyaml.

    ``None`` when the exact loader must read it.
    The positions are 1-based (line, column) pairs in the order ``positions`` reads them
    back: the document's own, then for each mapping entry its key's and its value's, and
    for each sequence item its own, depth first.
    """
    read = line_read(text)
    if read is not None:
        return read
    return _libyaml_read(text)


def _libyaml_read(text: str) -> tuple[Any, array[int]] | None:
    """``fast_read`` by libyaml alone, in one pass over the nodes it composes."""
    if not FAST_PATH_ACTIVE:
        return None
    if len(text) > MAX_FAST_CHARS or "\t" in text or _risky(text) or _too_deep(text):
        return None
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
        if node is None:
            return None
        marks = [node.start_mark.line + 1, node.start_mark.column + 1]
        end = -1 if text.endswith(("\n", "\r")) else len(text)
        data = _value(node, [MAX_NODES], marks, end)
    except (_GiveUp, yaml.YAMLError, RecursionError, ValueError):
        return None
    return data, array(MARK_TYPE, marks)


def fast_load(text: str) -> Any | None:
    """The document's value by kh284's rules, or ``None`` when the exact loader must read it."""
    read = fast_read(text)
    return None if read is None else read[0]


def locate(data: Any, marks: Sequence[int], path: PathKey, *, key: bool = False) -> tuple[int, int]:
    """What ``positions(data, marks).locate(path, key=key)`` gives, without making the map.

    Only the way down to ``path`` is walked; the subtrees before it on each level are
    counted, not mapped.  A document with one finding among thousands of values needs one
    position, not the whole map: on the national set, making every map cost a tenth of a
    cold run.  The ``(line, column)`` of ``path``'s value (of its key with ``key``, when it
    is a mapping's key), else of its nearest existing parent, as ``SourceMap.locate``.
    """
    at = 0  # the pair of the value reached so far (the document's own first)
    key_at = -1  # the pair of its key, when it is a mapping's value
    value = data
    for step in path:
        if type(value) is dict:
            below = at + 1
            for name, child in value.items():
                if name == step and type(step) is str:
                    key_at, at, value = below, below + 1, child
                    break
                below += 2
                if type(child) is dict or type(child) is list:
                    below += pairs_below(child)
            else:
                key_at = -1
                break
        elif type(value) is list and isinstance(step, int) and 0 <= step < len(value):
            below = at + 1
            for child in value[:step]:
                below += 1
                if type(child) is dict or type(child) is list:
                    below += pairs_below(child)
            key_at, at, value = -1, below, value[step]
        else:
            key_at = -1
            break
    else:
        if key and key_at >= 0:
            at = key_at
    return marks[2 * at], marks[2 * at + 1]


def positions(data: Any, marks: Sequence[int]) -> SourceMap:
    """The source map of ``data`` from the positions ``fast_read`` gave with it.

    The exact loader's map for the same text: 1-based, every value by its path, every
    mapping key by its path too.  ``ValueError`` if ``marks`` does not fit ``data``.
    """
    source_map = SourceMap()
    values, keys = source_map.values, source_map.keys
    if len(marks) % 2:
        raise ValueError("positions come in pairs")
    pairs = zip(marks[0::2], marks[1::2], strict=True)
    take = pairs.__next__

    def walk(value: Any, path: PathKey) -> None:
        if type(value) is dict:
            for key, child in value.items():
                here = (*path, key)
                keys[here] = take()
                values[here] = take()
                if type(child) is dict or type(child) is list:
                    walk(child, here)
        else:
            for index, child in enumerate(value):
                here = (*path, index)
                values[here] = take()
                if type(child) is dict or type(child) is list:
                    walk(child, here)

    try:
        values[()] = take()
        if type(data) is dict or type(data) is list:
            walk(data, ())
    except StopIteration:
        raise ValueError("fewer positions than values") from None
    if next(pairs, None) is not None:
        raise ValueError("more positions than values")
    return source_map
