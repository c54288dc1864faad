r"""YAML → plain Python documents with a source map (file, line, column for every value).

kh284 reads the YAML parser's event stream and builds Python values itself instead of
letting a YAML library compose and construct them.  That keeps every position, lets each
problem become a diagnostic instead of an exception, never recurses (so no nesting can
exhaust the stack), and fixes the YAML 1.1/1.2 traps in one documented place:

* only ``true``/``false`` (also ``True``/``TRUE``...) are booleans: ``no``, ``yes``,
  ``on``, ``off``, ``y``, ``n`` stay text;
* only ``null``/``~``/empty are null;
* dates stay text (``2025-12-14`` is the text ``"2025-12-14"``; the models parse dates);
* plain decimal numbers are numbers: ``08`` is 8, ``1e3`` is 1000.0, ``97.4`` is 97.4;
  ``0x1F``, ``0o17``, ``1_000``, ``97,4`` are text (a decimal comma is reported later);
* ``.nan``/``.inf`` are floats (the models refuse them where a figure is meant);
* anything quoted, and block scalars (``|``, ``>``), are text, as is ``!!str 08``;
* a standard tag is honoured or refused, never ignored: ``!!str``, ``!!int``, ``!!float``,
  ``!!bool``, ``!!null`` on a value (``!!int "42"`` is 42; ``!!int abc`` is Y126),
  ``!!map``/``!!seq`` on a mapping/list (``!!seq {}`` is Y126), ``!!str`` on a key; any
  other tag (``!!binary``, ``!!timestamp``, ``!custom``) is Y110;
* text holds no control character but tab and line feed, no lone surrogate and neither
  U+FFFE nor U+FFFF: only an escape (``"\e"``, ``"\ud800"``) can write one, and it is
  Y123/Y124 at the escape, as is an escape beyond Unicode (``"\U00110000"``);
* only YAML 1.2 is read: a ``%YAML`` directive naming another version is Y125.

Limits (see README, "Limits") bound the work on hostile input, and crossing one is a
diagnostic: ``MAX_FILE_BYTES`` is checked from the file's size before it is read,
``MAX_DEPTH`` as each collection opens, ``MAX_ALIASES`` and ``MAX_NODES`` as aliases are
expanded (so a "billion laughs" stops at once), ``MAX_PROBLEMS`` caps findings per file.
"""

from __future__ import annotations

import functools
import math
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location
from kh284.i18n import both, word

#: Largest file read, in bytes: ~50 times the largest real file (plan.yaml, ~80 KB).
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Deepest nesting of lists and mappings: real files nest fewer than 12 levels.
MAX_DEPTH = 64
#: Most alias uses (``*name``) in one file, counting uses inside expanded aliases.
MAX_ALIASES = 1_000
#: Most values (scalars, lists, mappings) in one file, after expanding aliases.
MAX_NODES = 200_000
#: Most reading problems (duplicate keys, tags, complex keys) reported for one file.
MAX_PROBLEMS = 100

PathKey = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
#: Python refuses to convert longer digit strings to int (CVE-2020-10735 guard).
_MAX_INT_DIGITS = 4_000
_SPECIAL_FLOATS = {
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG + "str"
_MAP_TAG, _SEQ_TAG = _YAML_TAG + "map", _YAML_TAG + "seq"
#: The standard tags a scalar may carry, each honoured: the value must be of that type.
_SCALAR_TAGS = {_YAML_TAG + t for t in ("str", "int", "float", "bool", "null")}
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
#: Characters a text value may not hold: control characters (C0 but tab and line feed,
#: DEL, C1), lone surrogates, U+FFFE and U+FFFF.  YAML cannot hold them written out, XML
#: (the reports) cannot hold them at all; only an escape such as ``"\e"`` can make one.
FORBIDDEN_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: The YAML version kh284 reads; a ``%YAML`` directive naming another is refused (Y125).
YAML_VERSION = (1, 2)


@dataclass
class SourceMap:
    """1-based (line, column) of each value and each mapping key, by path in the document."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int] | None:
        """Position of ``path`` (its key when ``key``), or of its nearest existing parent."""
        if key and path in self.keys:
            return self.keys[path]
        probe = path
        while True:
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return None
            probe = probe[:-1]


@dataclass
class Document:
    """One loaded YAML file: its data and where each value came from."""

    file: str
    data: Any
    source_map: SourceMap

    def location(self, path: PathKey, *, key: bool = False) -> Location:
        """A diagnostic location for ``path`` inside this document."""
        pos = self.source_map.locate(path, key=key)
        if pos is None:
            return Location(self.file, 1, 1, path)
        return Location(self.file, pos[0], pos[1], path)


# -- reading bytes ---------------------------------------------------------------------------

_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "special file"


def _check_kind(mode: int, size: int, rel: str) -> Diagnostic | None:
    here = Location(rel)
    if stat.S_ISDIR(mode):
        return dg.make("Y115", here, name=rel)
    if not stat.S_ISREG(mode):
        return dg.make("Y118", here, name=rel, kind=_kind(mode))
    if size > MAX_FILE_BYTES:
        return dg.make("Y107", here, size=size, limit=MAX_FILE_BYTES)
    return None


def read_bytes(path: Path, rel: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of ``path`` if it is a regular file within the size limit.

    The size and kind are checked before anything is read, so a huge file costs nothing
    and a FIFO or device never blocks; they are checked again on the open descriptor, in
    case the file was swapped in between, and at most ``MAX_FILE_BYTES + 1`` bytes are
    read, in case it grows while being read.
    """
    here = Location(rel)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        info = os.stat(path)
        refused = _check_kind(info.st_mode, info.st_size, rel)
        if refused is not None:
            return None, [refused]
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb", buffering=0) as handle:
            info = os.fstat(handle.fileno())
            refused = _check_kind(info.st_mode, info.st_size, rel)
            if refused is not None:
                return None, [refused]
            raw = _read_at_most(handle, MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [dg.make("Y112", here, detail=_os_detail(exc))]
    if len(raw) > MAX_FILE_BYTES:
        return None, [dg.make("Y107", here, size=len(raw), limit=MAX_FILE_BYTES)]
    return raw, []


def _read_at_most(handle: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = handle.read(min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _os_detail(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def read_text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Read ``path`` as UTF-8 text (a BOM is allowed), within the size limit."""
    raw, problems = read_bytes(path, rel)
    if raw is None:
        return None, problems
    return decode(raw, rel)


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """``raw`` as UTF-8 text without its BOM; UTF-16/32, other encodings, NUL are errors."""
    for boms, name in (
        ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "UTF-32"),
        ((b"\xff\xfe", b"\xfe\xff"), "UTF-16"),
    ):
        if raw.startswith(boms):
            return None, [dg.make("Y106", Location(rel, 1, 1), detail=name)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4] or raw.count(b"\x00") * 8 > len(raw):
        # UTF-16 or UTF-32 without a byte-order mark: NUL bytes all through the text.
        return None, [dg.make("Y106", Location(rel, 1, 1), detail="NUL bytes, UTF-16?")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = _position(before, len(before))
        detail = f"byte 0x{raw[exc.start]:02x}"
        return None, [dg.make("Y106", Location(rel, line, column), detail=detail)]
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _position(text, nul)
        return None, [dg.make("Y106", Location(rel, line, column), detail="NUL byte")]
    return text, []


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``, YAML's line breaks."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return line, index - start + 1


def load_file(path: Path, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Load one YAML file; on any problem return ``None`` and the diagnostics."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    return load_text(text, rel)


# -- parsing --------------------------------------------------------------------------------


class _Abort(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def load_text(text: str, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse ``text`` as one YAML document and build its data and source map."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    builder = _Builder(rel, text)
    yaml = YAML(typ="safe", pure=True)
    yaml.Scanner = _scanner_class()
    events = yaml.parse(text)
    fatal: Diagnostic
    try:
        data = builder.run(events)
    except _Abort as abort:
        fatal = abort.diagnostic
    except _ScanProblem as problem:
        where = Location(rel, problem.line, problem.column)
        fatal = dg.make_from(problem.code, where, problem.details)
    except MarkedYAMLError as exc:
        fatal = _syntax_diagnostic(exc, rel, text)
    except ReaderError as exc:
        fatal = _reader_diagnostic(exc, text, rel)
    except YAMLError as exc:
        fatal = _syntax(Location(rel, 1, 1), _one_line(str(exc)))
    except RecursionError:  # not expected: nothing here recurses; kept as a last guard
        fatal = dg.make("Y108", Location(rel, 1, 1), limit=MAX_DEPTH)
    else:
        if builder.problems:
            return None, builder.problems
        return Document(rel, data, builder.source_map), []
    finally:
        events.close()
    return None, [*builder.problems, fatal]


class _ScanProblem(Exception):
    """What the scanner found that YAML's own checks let through: where, and the code."""

    def __init__(self, code: str, line: int, column: int, **args: str) -> None:
        super().__init__(code)
        self.code, self.line, self.column, self.details = code, line, column, args


@functools.cache
def _scanner_class() -> type:
    r"""Ruamel's scanner, refusing what it would crash on or silently accept.

    An escape beyond Unicode (``"\U00110000"``) would raise ``ValueError`` inside the
    scanner, and a ``%YAML 1.3`` directive an ``AssertionError`` in the parser; both become
    diagnostics at the escape or the directive.
    """
    from ruamel.yaml.scanner import Scanner, ScannerError

    class _Scanner(Scanner):
        #: The line and column of the token after a tab in a line's indentation (its
        #: spaces and the block indicators ``-``, ``?``, ``:`` before the token), and the
        #: tab's position: the token there may not open a block collection nor be a key,
        #: whose indentation would then hang on a tab's width (Y102).
        tab_led: tuple[int, int, int, int] | None = None

        # -- tabs: separation anywhere, never indentation (YAML 1.2, 6.1 and 6.2) --------

        def scan_to_next_token(self) -> Any:
            reader = self.reader
            peek, forward = reader.peek, reader.forward
            if reader.index == 0 and peek() == "\ufeff":
                forward()
            while True:
                tab = None
                while peek() in " \t":
                    if (
                        peek() == "\t"
                        and tab is None
                        and not self.flow_level
                        and _indentation_so_far(reader)
                    ):
                        tab = (reader.line, reader.column)
                    forward()
                if peek() == "#":
                    if reader.column and not _after_space(reader):
                        raise ScannerError(None, None, _COMMENT_SPACE, reader.get_mark())
                    while peek() not in "\0\r\n\x85\u2028\u2029":
                        forward()
                if self.scan_line_break():
                    if not self.flow_level:
                        self.allow_simple_key = True
                    continue
                if tab is not None:
                    self.tab_led = (reader.line, reader.column, *tab)
                return None

        def _refuse_tab_led(self, line: int, column: int) -> None:
            """Y102 when the token at (line, column) follows a tab-led indentation."""
            led = self.tab_led
            if not self.flow_level and led is not None and led[:2] == (line, column):
                raise _ScanProblem("Y102", led[2] + 1, led[3] + 1)

        def fetch_block_entry(self) -> Any:
            self._refuse_tab_led(self.reader.line, self.reader.column)
            return super().fetch_block_entry()

        def fetch_key(self) -> Any:
            self._refuse_tab_led(self.reader.line, self.reader.column)
            return super().fetch_key()

        def fetch_value(self) -> Any:
            key = self.possible_simple_keys.get(self.flow_level)
            if key is not None:
                self._refuse_tab_led(key.line, key.column)
            else:
                self._refuse_tab_led(self.reader.line, self.reader.column)
            return super().fetch_value()

        def check_plain(self) -> Any:
            """Ruamel's, but ``-``, ``?`` or ``:`` before a flow indicator starts no text.

            In ``[-]`` or ``[a, -]`` the ``-`` is neither an entry nor text (YAML 7.3.3).
            """
            peek = self.reader.peek
            if self.flow_level and peek() in "-?:" and peek(1) in ",[]{}":
                return False
            return super().check_plain()

        def scan_plain_spaces(self, indent: Any, start_mark: Any) -> Any:
            """Ruamel's, with tabs as white space; a tab in a line's indentation is Y102."""
            reader = self.reader
            peek, forward = reader.peek, reader.forward
            length = 0
            while peek(length) in " \t":
                length += 1
            whitespaces = reader.prefix(length)
            forward(length)
            if peek() not in "\r\n\x85\u2028\u2029":
                return [whitespaces] if whitespaces else []
            line_break = self.scan_line_break()
            self.allow_simple_key = True
            breaks: list[str] = []
            while True:
                at_marker = reader.column == 0 and reader.prefix(3) in ("---", "...")
                if at_marker and peek(3) in _END_SPACE_TAB:
                    return None
                char = peek()
                if char == " ":
                    forward()
                elif char == "\t":
                    if not self.flow_level and reader.column < indent:
                        if _rest_of_line_blank(reader):
                            break  # a blank line after the scalar, which ends here
                        raise _ScanProblem("Y102", reader.line + 1, reader.column + 1)
                    forward()
                elif char in "\r\n\x85\u2028\u2029":
                    breaks.append(self.scan_line_break())
                else:
                    break
            chunks = []
            if line_break != "\n":
                chunks.append(line_break)
            elif not breaks:
                chunks.append(" ")
            chunks.extend(breaks)
            return chunks

        def scan_block_scalar_indentation(self) -> Any:
            """The leading empty lines of a block scalar and its indentation (YAML 8.1.1.1).

            Ruamel refuses a leading empty line with more spaces than the *first empty*
            line; YAML refuses one with more spaces than the first non-empty line.
            """
            reader = self.reader
            chunks = []
            deepest = 0
            end_mark = reader.get_mark()
            while reader.peek() in " \r\n\x85\u2028\u2029":
                if reader.peek() == " ":
                    reader.forward()
                    continue
                deepest = max(deepest, reader.column)
                chunks.append(self.scan_line_break())
                end_mark = reader.get_mark()
            self._refuse_tab_below(max(self.indent + 1, 1))
            if reader.peek() != "\0" and deepest > reader.column:
                raise ScannerError(
                    "while scanning a block scalar",
                    None,
                    _BLOCK_SCALAR_LINES,
                    reader.get_mark(),
                )
            return chunks, max(deepest, reader.column), end_mark

        def scan_block_scalar_breaks(self, indent: int) -> Any:
            chunks, end_mark = super().scan_block_scalar_breaks(indent)
            self._refuse_tab_below(indent)
            return chunks, end_mark

        def _refuse_tab_below(self, indent: int) -> None:
            """Y102 for a tab in a block scalar's line before its indentation is reached."""
            reader = self.reader
            if reader.peek() == "\t" and reader.column < indent:
                raise _ScanProblem("Y102", reader.line + 1, reader.column + 1)

        def scan_block_scalar_ignored_line(self, start_mark: Any) -> Any:
            while self.reader.peek() in " \t":
                self.reader.forward()
            return super().scan_block_scalar_ignored_line(start_mark)

        def scan_directive_ignored_line(self, start_mark: Any) -> Any:
            while self.reader.peek() in " \t":
                self.reader.forward()
            return super().scan_directive_ignored_line(start_mark)

        def scan_flow_scalar_non_spaces(self, double: Any, start_mark: Any) -> Any:
            try:
                return super().scan_flow_scalar_non_spaces(double, start_mark)
            except (ValueError, OverflowError):  # chr() of an escape beyond U+10FFFF
                reader = self.reader
                mark = reader.get_mark()  # at the hex digits, after the backslash and letter
                start = max(reader.pointer - 2, 0)
                length = Scanner.ESCAPE_CODES.get(reader.buffer[start + 1 : start + 2], 8)
                escape = reader.buffer[start : reader.pointer + length]
                raise _ScanProblem("Y124", mark.line + 1, mark.column - 1, escape=escape) from None

        def scan_yaml_directive_value(self, start_mark: Any) -> Any:
            while self.reader.peek() in " \t":
                self.reader.forward()
            version = super().scan_yaml_directive_value(start_mark)
            if tuple(version) != YAML_VERSION:
                line, column = start_mark.line + 1, start_mark.column + 1
                shown = ".".join(str(part) for part in version)
                raise _ScanProblem("Y125", line, column, version=shown)
            return version

    return _Scanner


_END_SPACE_TAB = "\0 \t\r\n\x85\u2028\u2029"


def _after_space(reader: Any) -> bool:
    """The character before the reader's position is a space or a tab."""
    return reader.pointer > 0 and reader.buffer[reader.pointer - 1] in " \t"


_INDENTATION = re.compile(r"(?:[ \t]|[-?:](?=[ \t]))*")


def _indentation_so_far(reader: Any) -> bool:
    """Only spaces, tabs and block indicators stand on the line up to the reader's tab."""
    start = max(reader.pointer - reader.column, 0)
    return _INDENTATION.fullmatch(reader.buffer, start, reader.pointer + 1) is not None


def _tab_in_indentation(text: str, index: int) -> bool:
    """``text[index]`` is a tab with only spaces and tabs before it on its line."""
    if not 0 <= index < len(text) or text[index] != "\t":
        return False
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return not text[start:index].strip(" \t")


def _rest_of_line_blank(reader: Any) -> bool:
    """From the reader's position, the line holds only spaces and tabs, or a comment."""
    at = 0
    while reader.peek(at) in " \t":
        at += 1
    return reader.peek(at) in "#\0\r\n\x85\u2028\u2029"


def _syntax_diagnostic(exc: Any, rel: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or exc.context or "invalid YAML")
    if mark is not None and _tab_in_indentation(text, mark.index):
        return dg.make("Y102", Location(rel, line, column))
    detail = problem
    if exc.context:
        context = str(exc.context)
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            context += f" started at line {start.line + 1}"  # e.g. an unclosed quote
        detail = f"{context}: {problem}"
    return _syntax(Location(rel, line, column), _one_line(detail))


#: The complaints of kh284's own scanner checks (``_scanner_class``).
_COMMENT_SPACE = "a comment needs a space before its '#'"
_BLOCK_SCALAR_LINES = "a leading empty line has more spaces than the first non-empty line"

#: The YAML reader's most common complaints, and the vocabulary's words for what they mean
#: and what to do (the reader's own words stay in the English message, for those who know them).
_EXPLAINED: tuple[tuple[str, str], ...] = (
    ("found undefined alias", "yaml.explain.undefined_alias"),
    ("expected <block end>, but found", "yaml.explain.indentation"),
    ("mapping values are not allowed here", "yaml.explain.colon"),
    ("could not find expected ':'", "yaml.explain.no_colon"),
    ("while scanning a quoted scalar", "yaml.explain.unclosed_quote"),
    ("expected ',' or ']'", "yaml.explain.flow_list"),
    ("expected ',' or '}'", "yaml.explain.flow_map"),
    ("did not find expected '-' indicator", "yaml.explain.list_items"),
    (_COMMENT_SPACE, "yaml.explain.comment_space"),
    (_BLOCK_SCALAR_LINES, "yaml.explain.block_scalar_lines"),
)


def _syntax(where: Location, detail: str) -> Diagnostic:
    """Y101 with what the reader's complaint means, in both languages."""
    for marker, key in _EXPLAINED:
        if marker in detail:
            vi, en = both(key)
            return dg.make(
                "Y101", where, detail=detail, explain_vi=vi, explain_en=f"{en} ({detail})"
            )
    vi, en = both("yaml.reader_says", detail=detail)
    return dg.make("Y101", where, detail=detail, explain_vi=vi, explain_en=en)


def _reader_diagnostic(exc: Any, text: str, rel: str) -> Diagnostic:
    """A character YAML does not allow (a control character): where it is, and which."""
    index = exc.position if isinstance(exc.position, int) else 0
    line, column = _position(text, min(max(index, 0), len(text)))
    char = exc.character
    code = char if isinstance(char, int) else ord(char[:1] or "\x00")
    vi, detail = both("yaml.bad_character", code=code)
    return dg.make(
        "Y101", Location(rel, line, column), detail=detail, explain_vi=vi, explain_en=detail
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- building values from events ------------------------------------------------------------

_SKIPPED = object()  # a value that is not kept (a complex key, a duplicate key's value)

_MAP, _SEQ, _SKIP = "map", "seq", "skip"
_NEED_KEY, _HAVE_KEY, _SKIP_VALUE = 0, 1, 2


@dataclass
class _Frame:
    """An open collection: what it is, what it holds so far, where it lives."""

    kind: str
    path: PathKey
    container: Any = None
    state: int = _NEED_KEY
    key: str = ""
    index: int = 0
    first_line: dict[str, int] = field(default_factory=dict)
    anchor: str | None = None
    log_start: int = 0


#: An anchored value as a slice of the event log, replayed where an alias names it.
_Record = tuple[int, int]


class _Builder:
    """Turns the parser's events into Python values, recording positions and limits.

    The work is a loop over events with an explicit stack, so nesting costs no recursion.
    An anchored value's events are kept in a log; an alias replays them (aliases met in
    the replay replay theirs), each use counted against ``MAX_ALIASES`` and each value
    against ``MAX_NODES``.  A limit crossed inside a replay is reported at the alias that
    was being read in the file.
    """

    def __init__(self, rel: str, text: str = "") -> None:
        self.rel = rel
        self.text = text
        self.source_map = SourceMap()
        self.problems: list[Diagnostic] = []
        self.nodes = 0
        self.aliases = 0
        self.frames: list[_Frame] = []
        self.root: Any = None
        self.root_done = False
        self.empty = False
        self.documents = 0
        # Anchors: the event log (only kept once the first anchor appears), finished
        # anchors by name, anchors still open (an alias to one of those is recursive).
        self.log: list[tuple[Any, _Record | None]] | None = None
        self.anchors: dict[str, _Record] = {}
        self.open_anchors: set[str] = set()
        # Replays in progress: (end, next index) of the log; where the outer alias is.
        self.replays: list[list[int]] = []
        self.origin: tuple[int, int] | None = None
        self.pending_pos: tuple[int, int] | None = None

    # -- driving --------------------------------------------------------------------

    def run(self, events: Iterator[Any]) -> Any:
        from ruamel.yaml.events import DocumentStartEvent, StreamEndEvent

        for event in events:
            if isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self._second_document(event, events)
                continue
            if isinstance(event, StreamEndEvent):
                break
            if self.root_done and not self.frames:
                continue  # DocumentEnd and the like
            self._main_event(event)
            while self.replays:
                self._replay_step()
        if not self.root_done:
            raise _Abort(dg.make("Y104", Location(self.rel, 1, 1)))
        if self.empty:
            raise _Abort(dg.make("Y104", Location(self.rel, 1, 1)))
        return self.root

    def _second_document(self, start: Any, events: Iterator[Any]) -> None:
        from ruamel.yaml.events import NodeEvent

        mark = start.start_mark
        for event in events:  # point at the second document's content, if it has any
            if isinstance(event, NodeEvent):
                if not _is_empty_scalar(event):
                    mark = event.start_mark
                break
        where = Location(self.rel, mark.line + 1, mark.column + 1)
        raise _Abort(dg.make("Y105", where, count="2+"))

    def _main_event(self, event: Any) -> None:
        from ruamel.yaml.events import AliasEvent

        self.origin = None
        record: _Record | None = None
        if isinstance(event, AliasEvent):
            record = self._resolve_alias(event)
        elif self.log is None and getattr(event, "anchor", None) is not None:
            self.log = []
        if self.log is not None:
            self.log.append((event, record))
        self._event(event, record, main=True)

    def _replay_step(self) -> None:
        assert self.log is not None
        replay = self.replays[-1]
        end, position = replay
        if position >= end:
            self.replays.pop()
            return
        replay[1] = position + 1
        event, record = self.log[position]
        self._event(event, record, main=False)

    def _resolve_alias(self, event: Any) -> _Record:
        name = str(event.anchor)
        if name in self.open_anchors:
            raise _Abort(dg.make("Y117", self._at(event), name=name))
        record = self.anchors.get(name)
        if record is None:
            raise _Abort(_syntax(self._at(event), f"found undefined alias '{name}'"))
        return record

    # -- one event ------------------------------------------------------------------

    def _event(self, event: Any, record: _Record | None, *, main: bool) -> None:
        from ruamel.yaml.events import (
            AliasEvent,
            CollectionEndEvent,
            CollectionStartEvent,
            ScalarEvent,
        )

        if isinstance(event, CollectionEndEvent):
            self._end(event, main=main)
            return
        if not isinstance(event, (ScalarEvent, CollectionStartEvent, AliasEvent)):
            return
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Abort(dg.make("Y109", self._limit_at(event), limit=MAX_NODES))
        if len(self.frames) > MAX_DEPTH:
            raise _Abort(dg.make("Y108", self._limit_at(event), limit=MAX_DEPTH))
        if isinstance(event, AliasEvent):
            assert record is not None
            self._alias(event, record, main=main)
        elif isinstance(event, ScalarEvent):
            self._scalar(event, main=main)
        else:
            self._start(event, main=main)

    def _slot(self) -> tuple[str, PathKey]:
        """Where the next value goes: ``key``, ``skip`` or ``value`` (with its path)."""
        if not self.frames:
            return "value", ()
        frame = self.frames[-1]
        if frame.kind == _SKIP:
            return "skip", ()
        if frame.kind == _SEQ:
            return "value", (*frame.path, frame.index)
        if frame.state == _NEED_KEY:
            return "key", frame.path
        if frame.state == _SKIP_VALUE:
            return "skip", ()
        return "value", (*frame.path, frame.key)

    def _scalar(self, event: Any, *, main: bool) -> None:
        if main and event.anchor is not None:
            self._define(str(event.anchor), self._log_index(), single=True)
        slot, path = self._slot()
        if main:  # a replayed alias was checked where its anchor was written
            self._check_characters(event, path)
        if slot == "skip":
            self._deliver(_SKIPPED)
            return
        if slot == "key":
            self._check_tag(event, "key")
            self._key(str(event.value), event)
            return
        honoured = self._check_tag(event, "scalar")
        pos = self._pos(event)
        self.source_map.values[path] = pos
        if not self.frames and _is_empty_scalar(event):
            self.empty = True
        value = _scalar(str(event.value), event.style, _tag(event) if honoured else None)
        if value is _NOT_OF_TAG:
            quoted = _short_quote(str(event.value))
            self._problem(
                dg.make(
                    "Y126",
                    Location(self.rel, *pos, path),
                    tag=_short_tag(_tag(event)),
                    what_vi=word("yaml.node.value", "vi", quoted=quoted),
                    what_en=word("yaml.node.value", "en", quoted=quoted),
                )
            )
            value = str(event.value)
        self._deliver(value)

    def _start(self, event: Any, *, main: bool) -> None:
        from ruamel.yaml.events import MappingStartEvent

        kind = _MAP if isinstance(event, MappingStartEvent) else _SEQ
        slot, path = self._slot()
        frame = _Frame(_SKIP, path)
        if slot == "key":
            self._problem(dg.make("Y111", self._at(event)))
            self.pending_pos = None
        elif slot == "value":
            self._check_tag(event, kind)
            self.source_map.values[path] = self._pos(event)
            frame = _Frame(kind, path, {} if kind == _MAP else [])
        if main and event.anchor is not None:
            frame.anchor = str(event.anchor)
            frame.log_start = self._log_index()
            self.open_anchors.add(frame.anchor)
        self.frames.append(frame)

    def _end(self, event: Any, *, main: bool) -> None:
        frame = self.frames.pop()
        if main and frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self._define(frame.anchor, frame.log_start, single=False)
        self._deliver(_SKIPPED if frame.kind == _SKIP else frame.container)

    def _alias(self, event: Any, record: _Record, *, main: bool) -> None:
        from ruamel.yaml.events import ScalarEvent

        self.aliases += 1
        if main:
            self.origin = self._at_pos(event)
        if self.aliases > MAX_ALIASES:
            raise _Abort(dg.make("Y109", self._limit_at(event), limit=MAX_ALIASES))
        slot, _ = self._slot()
        if slot == "skip":
            self._deliver(_SKIPPED)
            return
        assert self.log is not None
        start, end = record
        if slot == "key":
            first = self.log[start][0]
            if end - start == 1 and isinstance(first, ScalarEvent):
                self._key(str(first.value), event)
            else:
                self._problem(dg.make("Y111", self._at(event)))
                self.frames[-1].state = _SKIP_VALUE
            return
        self.pending_pos = self._at_pos(event)
        self.replays.append([end, start])

    # -- helpers --------------------------------------------------------------------

    def _log_index(self) -> int:
        """Index in the log of the event being handled (starting the log if need be)."""
        if self.log is None:
            raise AssertionError("the log starts before the first anchored event")
        return len(self.log) - 1

    def _define(self, name: str, start: int, *, single: bool) -> None:
        assert self.log is not None
        self.anchors[name] = (start, start + 1 if single else len(self.log))

    def _key(self, raw: str, event: Any) -> None:
        frame = self.frames[-1]
        key = unicodedata.normalize("NFC", raw)
        line, column = self._at_pos(event)
        if key in frame.first_line:
            self._problem(
                dg.make("Y103", self._at(event), key=key, first_line=frame.first_line[key])
            )
            frame.state = _SKIP_VALUE
            return
        frame.first_line[key] = line
        frame.key = key
        frame.state = _HAVE_KEY
        child: PathKey = (*frame.path, key)
        self.source_map.keys[child] = (line, column)

    def _deliver(self, value: Any) -> None:
        if not self.frames:
            self.root = None if value is _SKIPPED else value
            self.root_done = True
            return
        frame = self.frames[-1]
        if frame.kind == _SEQ:
            frame.container.append(value)
            frame.index += 1
        elif frame.kind == _MAP:
            if frame.state == _HAVE_KEY:
                frame.container[frame.key] = value
                frame.state = _NEED_KEY
            elif frame.state == _NEED_KEY:  # a complex key was skipped: skip its value
                frame.state = _SKIP_VALUE
            else:
                frame.state = _NEED_KEY

    def _check_tag(self, event: Any, node: str) -> bool:
        """False (with a finding) when the node's tag is one kh284 does not honour here.

        ``node`` is ``scalar``, ``key``, ``map`` or ``seq``.  Honoured: no tag, ``!``,
        ``!!str``/``!!int``/``!!float``/``!!bool``/``!!null`` on a value (the value must be
        of that type), ``!!str`` on a key, ``!!map`` on a mapping and ``!!seq`` on a list.
        Any other tag is Y110; a standard tag on the wrong kind of node is Y126.
        """
        tag = _tag(event)
        if tag is None or tag == "!":
            return True
        if tag not in _SCALAR_TAGS and tag not in (_MAP_TAG, _SEQ_TAG):
            self._problem(dg.make("Y110", self._at(event), tag=_short_tag(tag)))
            return False
        fits = {
            "scalar": tag in _SCALAR_TAGS,
            "key": tag == _STR_TAG,
            _MAP: tag == _MAP_TAG,
            _SEQ: tag == _SEQ_TAG,
        }[node]
        if not fits:
            what_vi, what_en = both(f"yaml.node.{node}")
            self._problem(
                dg.make(
                    "Y126",
                    self._at(event),
                    tag=_short_tag(tag),
                    what_vi=what_vi,
                    what_en=what_en,
                )
            )
        return fits

    def _check_characters(self, event: Any, path: PathKey) -> None:
        """Y123/Y124 for a scalar holding a character no text value may hold, at its escape."""
        value = str(event.value)
        found = FORBIDDEN_CHARACTER.search(value)
        if found is None:
            return
        char = found.group()
        line, column = self._at_pos(event)
        escape = None
        start, end = event.start_mark.index, event.end_mark.index
        if event.style == '"' and 0 <= start < end <= len(self.text):
            at = _forbidden_escape(self.text[start:end])
            if at is not None:
                offset, escape = at
                line, column = _offset_position(self.text[start:end], offset, line, column)
        where = Location(self.rel, line, column, path)
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            shown = escape if escape is not None else f"\\u{code:04x}"
            self._problem(dg.make("Y124", where, escape=shown))
        else:
            self._problem(dg.make("Y123", where, char=f"U+{code:04X}"))

    def _problem(self, diagnostic: Diagnostic) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            where = Location(self.rel, diagnostic.location.line, diagnostic.location.column)
            raise _Abort(dg.make("Y119", where, limit=MAX_PROBLEMS))
        self.problems.append(diagnostic)

    def _pos(self, event: Any) -> tuple[int, int]:
        """Where a value is: its own position, or the alias's for an expansion's root."""
        if self.pending_pos is not None:
            pos, self.pending_pos = self.pending_pos, None
            return pos
        return self._at_pos(event)

    @staticmethod
    def _at_pos(event: Any) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def _at(self, event: Any) -> Location:
        line, column = self._at_pos(event)
        return Location(self.rel, line, column)

    def _limit_at(self, event: Any) -> Location:
        """Where a limit was crossed: the alias being expanded, else the event itself."""
        if self.origin is not None:
            return Location(self.rel, *self.origin)
        return self._at(event)


#: Longest part of a value quoted back in a Y126 message.
_QUOTED = 40


def _short_tag(tag: str | None) -> str:
    """``!!int`` for YAML's own ``tag:yaml.org,2002:int``; other tags as they are."""
    text = tag or ""
    return "!!" + text[len(_YAML_TAG) :] if text.startswith(_YAML_TAG) else text


def _short_quote(text: str) -> str:
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1] + "…"


def _forbidden_escape(source: str) -> tuple[int, str] | None:
    """Where in a double-quoted scalar's ``source`` the first escape of a bad character is.

    Bad: a character no text value may hold, or beyond Unicode.  Returns the offset and
    the escape's text, or ``None``.
    """
    from ruamel.yaml.scanner import Scanner

    at = source.find("\\")
    while 0 <= at < len(source) - 1:
        letter = source[at + 1]
        length = Scanner.ESCAPE_CODES.get(letter)
        if length is not None:
            digits = source[at + 2 : at + 2 + length]
            code = int(digits, 16) if len(digits) == length and digits.isascii() else 0
            escape = source[at : at + 2 + length]
            if code > 0x10FFFF or FORBIDDEN_CHARACTER.match(chr(code)):
                return at, escape
            step = 2 + length
        else:
            made = Scanner.ESCAPE_REPLACEMENTS.get(letter, "")
            if made and FORBIDDEN_CHARACTER.match(made):
                return at, source[at : at + 2]
            step = 2
        at = source.find("\\", at + step)
    return None


def _offset_position(source: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """1-based line and column of ``source[offset]``, ``source`` starting at (line, column)."""
    breaks = list(_LINE_BREAK.finditer(source, 0, offset))
    if not breaks:
        return line, column + offset
    return line + len(breaks), offset - breaks[-1].end() + 1


def _tag(event: Any) -> str | None:
    tag = getattr(event, "tag", None)
    return None if tag is None else str(tag)


def _is_empty_scalar(event: Any) -> bool:
    from ruamel.yaml.events import ScalarEvent

    return (
        isinstance(event, ScalarEvent)
        and event.value == ""
        and event.style is None
        and _tag(event) in (None, "!")
    )


_NOT_OF_TAG = object()  # a tagged scalar whose text is not of the tag's type


def _scalar(value: str, style: str | None, tag: str | None) -> Any:
    """Resolve a scalar by kh284's rules (YAML 1.2 core, dates left as text).

    A standard scalar tag decides the type whatever the style (``!!int "42"`` is 42);
    ``_NOT_OF_TAG`` when the text is not of that type (``!!int abc``).
    """
    text = unicodedata.normalize("NFC", value)
    if tag in (_STR_TAG, "!"):
        return text  # an explicit !!str or !
    if tag is not None and tag.startswith(_YAML_TAG):
        resolved = _resolve_plain(text)
        kind = tag[len(_YAML_TAG) :]
        if kind == "null":
            return None if text in _NULLS else _NOT_OF_TAG
        if kind == "bool":
            return resolved if isinstance(resolved, bool) else _NOT_OF_TAG
        if kind == "int":
            is_int = isinstance(resolved, int) and not isinstance(resolved, bool)
            return resolved if is_int else _NOT_OF_TAG
        if kind == "float":
            if isinstance(resolved, float):
                return resolved
            is_int = isinstance(resolved, int) and not isinstance(resolved, bool)
            return float(text) if is_int else _NOT_OF_TAG  # float(text): no OverflowError
    if style is not None:
        return text  # quoted or a block scalar
    return _resolve_plain(text)


def _resolve_plain(text: str) -> Any:
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        if len(text) > _MAX_INT_DIGITS:
            return float(text)  # beyond any figure: inf, which the models refuse
        return int(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    if _FLOAT.match(text):
        return float(text)
    return text
