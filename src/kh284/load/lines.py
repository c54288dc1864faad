r"""The line reader: the first and fastest tier of reading YAML, plain block YAML line by line.

Data files are written in a small part of YAML: block mappings and sequences, one scalar
per line, comments.  ``line_read`` reads that part with one regular expression over the
whole text (one match per line) and a loop that keeps the open collections on a stack, and
gives back exactly what the libyaml tier (``fast._libyaml_read``) and the exact loader
(``exact.load_text``) give: the same values of the same types (YAML 1.2 core schema through
``exact._resolve_plain``, NFC text, keys as text) in the same key order, and the same
positions, in ``fast.positions``' order.  It gives up — returns ``None`` — at the first sign
of anything outside that part, and the next tier reads the file.  Lines of the common kinds
(a plain key and a plain value, ``- `` before them) are read from the line pattern's
groups; ``_inline`` reads a quoted value or a flow collection, ``_special_line`` a whole
line with a quoted key or a block scalar (and the lines after it).

Read: block mappings and sequences at any indentation, a sequence under a key at the key's
own indentation, ``- key: value`` items, ``- - x``; on one line, plain scalars (trailing
spaces and `` #`` comments dropped), single-quoted scalars and double-quoted ones with the
escapes ``\\ \" \/ \n \t``; flow sequences and flow mappings of such scalars (``[a, 'b']``,
``{kind: area, area: x}``, ``[]``, ``{}``); literal and folded block scalars (``|``,
``|-``, ``>``, ``>-``) whose lines are not more indented than the first (a literal one's
may be) and hold no line of spaces only; empty values, placed where the exact loader
places them: at what follows (the next key, or the end of the text when nothing follows)
for a mapping's value, just after its ``-`` for an item.  CRLF line breaks are read as LF
ones (a column counts the characters before it on its line either way).

Given up on: tabs, a byte-order mark, control characters and whatever else
``exact.FORBIDDEN_CHARACTER`` names, YAML 1.1 line breaks (U+2028, U+2029), a lone CR;
``---``, ``...`` and directives; anchors, aliases, tags; ``?`` complex keys; duplicate
keys; keys that are not a plain or quoted scalar on one line, empty keys; a scalar that
goes on over lines (any line deeper than the place a value may start, or a scalar alone
on its line); nested flow collections, flow collections over lines, empty values or a
trailing comma in them, ``:`` without a space after it in a flow mapping; text after a
closing quote or bracket but a comment; other escapes; plain scalars starting with an
indicator (but ``-`` before a letter, a digit or ``.``), holding ``: `` or a ``#`` (and,
in flow collections, ``:``, ``?`` or a quote), or ending in ``:``; block scalars'
indentation indicators, ``+`` chomping, leading empty lines and more indented lines in
folded ones; an empty document or a scalar one; nesting deeper than ``MAX_FAST_DEPTH``,
texts longer than ``MAX_FAST_CHARS``, more values than ``exact.MAX_NODES``.

What a line's head (indentation, ``-``, key) and a plain value read as is remembered from
one text to the next (``_HEADS``, ``_VALUES``, bounded): it depends on nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from typing import Any

from kh284.load.exact import _BOOLS, _NULLS, FORBIDDEN_CHARACTER, MAX_NODES, _resolve_plain
from kh284.load.marks import MARK_TYPE

#: Larger texts go to the exact loader, which enforces the node and depth limits.
MAX_FAST_CHARS = 1_000_000
#: Deeper nesting goes to the exact loader.
MAX_FAST_DEPTH = 32
#: Longest key read: libyaml looks no further than 1024 characters for a key's ``:``.
MAX_KEY_CHARS = 1000
#: Most line heads and most plain values remembered from file to file (``_HEADS``,
#: ``_VALUES``), and the longest value remembered.
MEMO_ENTRIES = 16_384
MEMO_CHARS = 64

#: Characters that make a text the exact loader's (``FORBIDDEN_CHARACTER``'s set, tab,
#: byte-order mark, YAML 1.1 line breaks), as the inside of a character class.
if not (FORBIDDEN_CHARACTER.pattern.startswith("[") and FORBIDDEN_CHARACTER.pattern.endswith("]")):
    raise ImportError("exact.FORBIDDEN_CHARACTER is no longer one character class")
_BAD = FORBIDDEN_CHARACTER.pattern[1:-1] + r"\t\ufeff\u2028\u2029"
_REFUSED = re.compile(f"[{_BAD}]")
#: YAML's indicators: a plain scalar starting with one is not plain (or not only).
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
#: What may follow a leading ``-`` in a plain scalar read here (``-1``, ``-.5``, ``-x``).
_AFTER_DASH = frozenset("0123456789.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: Plain scalars ``_resolve_plain`` may make something else than text: those starting as
#: a number may (``08``, ``-1.5``, ``.inf``), and its words (``null``, ``~``, ``true``...);
#: for any other it returns the text itself, so it is not asked.
_NUMBER_START = frozenset("0123456789+-.")
_WORDS = frozenset(_NULLS) | frozenset(_BOOLS)
#: First characters of a value read by ``_inline`` (quotes, flow collections) or by
#: ``_special_line`` (block scalars).
_SPECIAL_START = frozenset("'\"[{|>")

#: One line of the common kinds, or the whole line (group 3) for ``_special_line``:
#: 1 its head (indentation, the ``-`` of block sequence items, a plain key with its ``:``
#: and the spaces after it), 2 a value up to a comment (with the spaces before the
#: comment).  A ``#`` starts a comment only after a space or at the start of the line.
_LINE = re.compile(
    rf"""^(?:
    (\ *(?:-(?:\ +|$))*(?:[^\s{re.escape(_INDICATORS)}{_BAD}][^:\#,\[\]{{}}\n{_BAD}]*:(?:\ +|$))?)
    ([^\#\n{_BAD}]*)
    (?:(?<![^\ \n])\#[^\n{_BAD}]*)?$
    |(.*))""",
    re.M | re.X,
)
#: A plain key at the start of what it is matched against, and its ``:``.
_PLAIN_KEY = re.compile(rf"[^\s{re.escape(_INDICATORS)}{_BAD}][^:#,\[\]{{}}\n{_BAD}]*:(?: +|$)")
#: A quoted scalar on one line: single-quoted (``''`` is a quote), double-quoted with the
#: escapes read here.
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\[\\"/nt])*)"')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"\\": "\\", '"': '"', "/": "/", "n": "\n", "t": "\t"}
#: A plain scalar inside a flow collection: no flow indicator, no ``:``, ``?``, ``#`` or
#: quote in it; inner spaces kept, trailing ones not.
_FLOW_PLAIN = re.compile(r"[^ ,\[\]{}:?#'\"]+(?: +[^ ,\[\]{}:?#'\"]+)*")
#: A block scalar's header: ``|`` or ``>``, maybe ``-``, then spaces or a comment.
_BLOCK_HEADER = re.compile(r"([|>])(-?)(?: *$| +#.*$)")


class _GiveUp(Exception):
    """The text is not in the line reader's part of YAML: the next tier reads it."""


class _Empty:
    """The mark of a value left empty on its line (a mapping's value or an item to come)."""


_EMPTY: Any = _Empty()


def _plain(raw: str) -> Any:
    """The value of the plain scalar ``raw`` (one line, no ``#``), or ``_GiveUp``.

    Spaces at its end (before a comment) are not part of it.
    """
    if raw[-1] == " ":
        raw = raw.rstrip(" ")
    first = raw[0]
    if first in _INDICATORS and (first != "-" or len(raw) < 2 or raw[1] not in _AFTER_DASH):
        raise _GiveUp
    if ": " in raw or raw[-1] == ":":
        raise _GiveUp
    if not raw.isascii():
        raw = unicodedata.normalize("NFC", raw)
    if raw[0] in _NUMBER_START or raw in _WORDS:
        return _resolve_plain(raw)
    return raw


def _key(written: str) -> str:
    """The key a plain key ``written`` with its ``:`` and the spaces after names."""
    raw = written.rstrip(" ")[:-1]
    if raw[-1] == " " or len(raw) > MAX_KEY_CHARS:
        raise _GiveUp
    return raw if raw.isascii() else unicodedata.normalize("NFC", raw)


#: What the head of a line says: the column of its first token, its ``-`` run, its key
#: (``""`` when none), the columns of its key (or item) and of its value.
_Head = tuple[int, str, str, int, int]
_DASHES = re.compile(r" *((?:-(?: +|$))*)")


def _head(head: str) -> _Head:
    """What a line's head (``_LINE``'s group 1) says."""
    dashes = _DASHES.match(head)
    assert dashes is not None  # it matches any text
    col, at = dashes.span(1)
    key = _key(head[at:]) if at < len(head) else ""
    return col, dashes.group(1), key, at, len(head)


def _spaces(line: str, at: int) -> int:
    """The index of the first character at or after ``at`` that is not a space."""
    end = len(line)
    while at < end and line[at] == " ":
        at += 1
    return at


def _line_ends(line: str, at: int) -> None:
    """Only spaces and maybe a comment from ``at`` on, where something ended at ``at``."""
    after = _spaces(line, at)
    if after < len(line) and (line[after] != "#" or after == at):
        raise _GiveUp


def _quoted(line: str, at: int) -> tuple[str, int]:
    """The text of the quoted scalar starting at ``line[at]`` and the index after it."""
    if line[at] == "'":
        found = _SINGLE.match(line, at)
        if found is None:
            raise _GiveUp
        text = found.group(1).replace("''", "'")
    else:
        found = _DOUBLE.match(line, at)
        if found is None:
            raise _GiveUp
        text = found.group(1)
        if "\\" in text:
            text = _ESCAPE.sub(lambda escape: _ESCAPED[escape.group(1)], text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text, found.end()


def _flow_scalar(line: str, at: int) -> tuple[Any, int]:
    """The quoted or plain scalar at ``line[at]`` inside a flow collection, and its end."""
    if line[at] in "'\"":
        return _quoted(line, at)
    found = _FLOW_PLAIN.match(line, at)
    if found is None:
        raise _GiveUp
    return _plain(found.group()), found.end()


def _flow_key(line: str, at: int) -> tuple[str, int]:
    """The key at ``line[at]`` in a flow mapping, followed by ``": "``, and its value's index."""
    if line[at] in "'\"":
        key, at = _quoted(line, at)
    else:
        found = _FLOW_PLAIN.match(line, at)
        if found is None or line[at] in _INDICATORS:
            raise _GiveUp
        key = found.group()
        if not key.isascii():
            key = unicodedata.normalize("NFC", key)
        at = found.end()
    if not key or not line.startswith(": ", at):
        raise _GiveUp
    return key, _spaces(line, at + 2)


def _flow(line: str, at: int, number: int, base: int) -> tuple[Any, list[int], int]:
    """The one-line flow collection at ``line[at]`` (``[`` or ``{``) of scalars.

    Also the positions of what it holds, ``base`` being the column of ``line[0]`` on
    line ``number``, and the index after its end.
    """
    closing = "]" if line[at] == "[" else "}"
    held: Any = [] if closing == "]" else {}
    marks: list[int] = []
    end = len(line)
    at = _spaces(line, at + 1)
    if at < end and line[at] == closing:
        return held, marks, at + 1
    while at < end:
        if closing == "]":
            marks += (number, base + at + 1)
            value, at = _flow_scalar(line, at)
            held.append(value)
        else:
            key_at = at
            key, at = _flow_key(line, at)
            if key in held or at >= end:
                raise _GiveUp  # a duplicate key, or an empty value
            marks += (number, base + key_at + 1, number, base + at + 1)
            held[key], at = _flow_scalar(line, at)
        at = _spaces(line, at)
        if at >= end:
            break
        if line[at] == closing:
            return held, marks, at + 1
        if line[at] != ",":
            raise _GiveUp
        at = _spaces(line, at + 1)  # (a trailing comma is refused as an empty scalar)
    raise _GiveUp  # not closed on its line


def _inline(value: str, number: int, column: int) -> tuple[Any, list[int]] | None:
    """The quoted scalar or flow collection a line's value group holds, if it is whole.

    ``None`` when the line must be read whole (``_special_line``): a ``#`` in the quotes
    or brackets made the line pattern cut the value short, or the quoted scalar is a key.
    """
    try:
        if value[0] in "'\"":
            found, after = _quoted(value, 0)
            marks: list[int] = []
        else:
            found, marks, after = _flow(value, 0, number, column)
        if value[after:].strip(" "):
            return None
    except _GiveUp:
        return None
    return found, marks


def _block_scalar(lines: list[str], index: int, at: int, parent: int) -> tuple[str, int]:
    """The block scalar whose header is at ``lines[index][at]`` and how many lines it has.

    ``parent`` is the indentation of the collection it is a value in: its lines must be
    deeper.
    """
    header = _BLOCK_HEADER.match(lines[index], at)
    if header is None:
        raise _GiveUp
    folded = header.group(1) == ">"
    keep_last_break = not header.group(2)
    content: list[str] = []
    indent = -1
    following = last = index + 1
    count = len(lines)
    while following < count:
        line = lines[following]
        if not line:
            if indent < 0:
                raise _GiveUp  # a leading empty line
            content.append("")
            following += 1
            continue
        deep = len(line) - len(line.lstrip(" "))
        if deep == len(line):
            raise _GiveUp  # a line of spaces only
        if indent < 0:
            if deep <= parent:
                raise _GiveUp  # an empty block scalar
            indent = deep
        if deep < indent:
            break
        if deep > indent and folded:
            raise _GiveUp  # a more indented line, which folding keeps apart
        if _REFUSED.search(line):
            raise _GiveUp
        content.append(line[indent:])
        last = following
        following += 1
    while content and not content[-1]:
        content.pop()
    if not content:
        raise _GiveUp
    if folded:
        parts = [content[0]]
        breaks = 0
        for line in content[1:]:
            if not line:
                breaks += 1
                continue
            parts.append("\n" * breaks if breaks else " ")
            parts.append(line)
            breaks = 0
        text = "".join(parts)
    else:
        text = "\n".join(content)
    if keep_last_break and last < count - 1:
        text += "\n"  # the line break after the last line, if the text has one
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text, following - index - 1


#: What ``_special_line`` finds on a line: indentation, the ``-`` run, the key (``""``
#: when none) and its column, the value (``_EMPTY`` when none), its column, the positions
#: of what a flow collection holds, and how many following lines a block scalar took.
_Tokens = tuple[int, str, str, int, Any, int, list[int], int]


def _special_line(lines: list[str], index: int) -> _Tokens:
    """The tokens of ``lines[index]``, a line the line pattern leaves to this function.

    Quoted keys, block scalars (which read the lines after), values with a ``#`` inside
    quotes or brackets, or whatever the pattern did not take: only a line of the line
    reader's part of YAML gives tokens; any other gives up.
    """
    line = lines[index]
    if _REFUSED.search(line):
        raise _GiveUp
    number = index + 1
    end = len(line)
    at = _spaces(line, 0)
    indent = at
    last_dash = -1
    while at < end and line[at] == "-" and (at + 1 == end or line[at + 1] == " "):
        last_dash = at
        at = _spaces(line, at + 1)
    dashes = line[indent:at]
    key = ""
    key_at = at
    if at < end and line[at] in "'\"":
        text, after = _quoted(line, at)
        if after < end and line[after] == ":" and (after + 1 == end or line[after + 1] == " "):
            if not text:
                raise _GiveUp
            key = text
            at = _spaces(line, after + 1)
        else:
            _line_ends(line, after)
            return indent, dashes, "", key_at, text, key_at, [], 0
    else:
        found = _PLAIN_KEY.match(line, at)
        if found is not None:
            key = _key(found.group())
            at = found.end()
    if at >= end or line[at] == "#":
        if at < end and at and line[at - 1] != " ":
            raise _GiveUp  # a comment glued to what precedes it
        return indent, dashes, key, key_at, _EMPTY, at, [], 0
    start = line[at]
    if start in "'\"":
        text, after = _quoted(line, at)
        _line_ends(line, after)
        return indent, dashes, key, key_at, text, at, [], 0
    if start in "[{":
        held, marks, after = _flow(line, at, number, 0)
        _line_ends(line, after)
        return indent, dashes, key, key_at, held, at, marks, 0
    if start in "|>":
        if not key and last_dash < 0:
            raise _GiveUp  # a block scalar as the document
        parent = key_at if key else last_dash
        text, taken = _block_scalar(lines, index, at, parent)
        return indent, dashes, key, key_at, text, at, [], taken
    comment = line.find(" #", at)
    raw = line[at:] if comment < 0 else line[at:comment]
    if "#" in raw:
        raise _GiveUp  # a "#" glued to what precedes it
    return indent, dashes, key, key_at, _plain(raw), at, [], 0


def line_read(text: str) -> tuple[Any, array[int]] | None:
    """The document's value and positions as ``fast.fast_read`` gives them, or ``None``.

    ``None`` whenever the text is not plain block YAML of the kind data files are written
    in (see the module's docstring): the libyaml tier or the exact loader reads it then.
    """
    if len(text) > MAX_FAST_CHARS:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    try:
        return _read(text)
    except _GiveUp:
        return None


#: What line heads and plain values read so far say (``_head``, ``_plain``: what they
#: return depends on the text given alone, and is immutable), kept from file to file: a
#: data set repeats its keys and many of its values.  Each is emptied before it would hold
#: more than ``MEMO_ENTRIES``; a value is kept only up to ``MEMO_CHARS`` long.
_HEADS: dict[str, _Head] = {}
_VALUES: dict[str, Any] = {}


def _read(text: str) -> tuple[Any, array[int]]:
    """``line_read``'s work; ``_GiveUp`` at the first line outside its part of YAML.

    Columns are 0-based here, lines 1-based; the positions kept are 1-based.
    """
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n") + 1:
        raise _GiveUp  # cannot happen: one match per line
    lines: list[str] | None = None
    heads, values = _HEADS, _VALUES
    marks: list[int] = [0, 0]
    empty = _EMPTY
    special_start = _SPECIAL_START
    # the open collections: the innermost in top_* and the others on the stack, below them
    # all a holder for the document at column -1
    document: list[Any] = [None]
    stack: list[tuple[int, Any, bool]] = []
    top: Any = document
    top_col, top_map = -1, False
    # a value left empty on its line: a mapping's (pending_map) or an item's, its holder,
    # key or index, where its position goes in marks, its line and column
    pending, pending_map = True, True
    pending_in: Any = document
    pending_key: Any = 0
    pending_at = pending_line = 0
    pending_col = -1
    inner: list[int] = []
    rows_left = iter(enumerate(rows, 1))
    for number, (head, value, rest) in rows_left:
        # how the line is read: 0 from the line pattern's groups; 1 whole, by
        # _special_line; 2 its head from the groups, its value by _inline
        special = 0
        if rest:
            special = 1
        else:
            known = heads.get(head)
            if known is None:
                known = _head(head)
                if len(heads) >= MEMO_ENTRIES:
                    heads.clear()
                heads[head] = known
            col, dashes, key, key_col, value_col = known
            if value:
                found = values.get(value, empty)
                if found is empty:
                    if value[0] not in special_start:
                        if not (key or dashes):
                            raise _GiveUp  # a scalar on its own line
                        found = _plain(value)
                        if len(value) <= MEMO_CHARS:
                            if len(values) >= MEMO_ENTRIES:
                                values.clear()
                            values[value] = found
                    elif value[0] in "|>":
                        special = 1
                    else:
                        inline = _inline(value, number, value_col)
                        if inline is None:
                            special = 1
                        else:
                            special = 2
                            found, inner = inline
            elif key or dashes:
                found = empty
            else:
                continue  # a blank line or a comment
        if special:
            if special == 1:
                if lines is None:
                    lines = text.split("\n")
                col, dashes, key, key_col, found, value_col, inner, taken = _special_line(
                    lines, number - 1
                )
                for _ in range(taken):
                    next(rows_left)
        elif key and not dashes and col == top_col and top_map and not pending:
            # the common line: one more entry of the mapping being read
            if key in top:
                raise _GiveUp  # a duplicate key: the exact loader reports it
            if found is empty:
                pending, pending_map = True, True
                pending_in, pending_key = top, key
                pending_at, pending_col = len(marks) + 2, col
                top[key] = None
                marks += (number, col + 1, 0, 0)
            else:
                top[key] = found
                marks += (number, col + 1, number, value_col + 1)
            continue
        elif (
            key
            and key_col == top_col
            and top_map
            and dashes == "- "
            and found is not empty
            and not pending
            and stack[-1][0] == col
            and not stack[-1][2]
        ):
            # "- key: value" after an item of the same kind: the next item's mapping
            top = {key: found}
            stack[-1][1].append(top)
            marks += (number, key_col + 1, number, key_col + 1, number, value_col + 1)
            continue
        else:
            inner = []
        if pending:
            pending = False
            if col > pending_col or (col == pending_col and dashes and pending_map):
                # the value is a collection that starts here
                marks[pending_at] = number
                marks[pending_at + 1] = col + 1
                if dashes:
                    opened: Any = []
                elif key:
                    opened = {}
                else:
                    raise _GiveUp  # a scalar on its own line
                pending_in[pending_key] = opened
                stack.append((top_col, top, top_map))
                top_col, top, top_map = col, opened, not dashes
                if len(stack) > MAX_FAST_DEPTH:
                    raise _GiveUp
            elif pending_map:  # null, placed at what follows
                marks[pending_at] = number
                marks[pending_at + 1] = col + 1
            else:  # null, placed just after its "-"
                marks[pending_at] = pending_line
                marks[pending_at + 1] = pending_col + 2
        while top_col > col or (top_col == col and not top_map and not dashes):
            top_col, top, top_map = stack.pop()
        if top_col != col:
            raise _GiveUp  # deeper or shallower than any open collection
        if dashes:
            if top_map:
                raise _GiveUp  # an item where a key should be
            item_col = col
            if dashes != "- " and dashes.count("-") > 1:
                # "- - x": each further "-" opens a sequence in the item before it
                for offset in range(1, len(dashes)):
                    if dashes[offset] == "-":
                        item_col = col + offset
                        opened = []
                        top.append(opened)
                        marks += (number, item_col + 1)
                        stack.append((top_col, top, top_map))
                        top_col, top, top_map = item_col, opened, False
                if len(stack) > MAX_FAST_DEPTH:
                    raise _GiveUp
            if key:
                # "- key: ...": the item is a mapping, which starts at its first key
                opened = {}
                top.append(opened)
                marks += (number, key_col + 1)
                stack.append((top_col, top, top_map))
                top_col, top, top_map = key_col, opened, True
                if len(stack) > MAX_FAST_DEPTH:
                    raise _GiveUp
            elif found is empty:
                pending, pending_map = True, False
                pending_in, pending_key = top, len(top)
                pending_at, pending_line, pending_col = len(marks), number, item_col
                top.append(None)
                marks += (0, 0)
                continue
            else:
                top.append(found)
                marks += (number, value_col + 1)
                marks += inner
                continue
        elif not key:
            raise _GiveUp  # a scalar on its own line
        if key in top:
            raise _GiveUp  # a duplicate key: the exact loader reports it
        if found is empty:
            pending, pending_map = True, True
            pending_in, pending_key = top, key
            pending_at, pending_col = len(marks) + 2, key_col
            top[key] = None
            marks += (number, key_col + 1, 0, 0)
        else:
            top[key] = found
            marks += (number, key_col + 1, number, value_col + 1)
            marks += inner
    if pending:
        if pending_in is document:
            raise _GiveUp  # an empty document
        if pending_map:  # null, placed at the end of the text
            marks[pending_at] = len(rows)
            marks[pending_at + 1] = len(text) - text.rfind("\n")
        else:
            marks[pending_at] = pending_line
            marks[pending_at + 1] = pending_col + 2
    if len(marks) > 2 * MAX_NODES:
        raise _GiveUp  # maybe more values than the exact loader reads
    positions = array(MARK_TYPE)
    positions.fromlist(marks)
    return document[0], positions
