"""YAML → plain Python documents with a source map (file, line, column for every value).

kh284 composes the YAML node graph and builds Python values itself instead of letting a
YAML library construct them.  That keeps every position, lets each problem become a
diagnostic instead of an exception, and fixes the YAML 1.1/1.2 traps in one documented
place: only ``true``/``false`` are booleans (``no``, ``yes``, ``on`` stay text), only
``null``/``~``/empty are null, dates stay text (the models parse them), plain decimal
numbers (``08`` is 8, ``1e3`` is 1000.0) are numbers, and anything quoted is text.

Limits (see README, "Limits"): ``MAX_FILE_BYTES``, ``MAX_DEPTH``, ``MAX_ALIASES`` and
``MAX_NODES`` bound the work on hostile input; crossing one is a diagnostic.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_NODES = 1_000_000

PathKey = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
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
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}
_STR_TAG = "tag:yaml.org,2002:str"


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


class _Abort(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def read_text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Read ``path`` as UTF-8 text (a BOM is allowed), within the size limit."""
    here = Location(rel)
    try:
        if path.is_dir():
            return None, [dg.make("Y115", here, name=rel)]
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [dg.make("Y107", here, size=size, limit=MAX_FILE_BYTES)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [dg.make("Y112", here, detail=exc.strerror or type(exc).__name__)]
    if len(raw) > MAX_FILE_BYTES:
        return None, [dg.make("Y107", here, size=len(raw), limit=MAX_FILE_BYTES)]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [dg.make("Y106", Location(rel, 1, 1), detail="UTF-16")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        detail = f"byte 0x{raw[exc.start]:02x}"
        return None, [dg.make("Y106", Location(rel, line, column), detail=detail)]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [dg.make("Y106", Location(rel, line, 1), detail="NUL byte, UTF-16?")]
    return text, []


def load_file(path: Path, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Load one YAML file; on any problem return ``None`` and the diagnostics."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    return load_text(text, rel)


def load_text(text: str, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Compose ``text`` as one YAML document and build its data and source map."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 4000))
    try:
        nodes = []
        for node in yaml.compose_all(text):
            nodes.append(node)
            if len(nodes) > 1:
                break
    except MarkedYAMLError as exc:
        return None, [_syntax_diagnostic(exc, rel)]
    except RecursionError:
        return None, [dg.make("Y108", Location(rel, 1, 1), limit=MAX_DEPTH)]
    except YAMLError as exc:
        return None, [dg.make("Y101", Location(rel, 1, 1), detail=_one_line(str(exc)))]
    finally:
        sys.setrecursionlimit(old_limit)
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [dg.make("Y104", Location(rel, 1, 1))]
    if len(nodes) > 1:
        second = nodes[1].start_mark
        where = Location(rel, second.line + 1, second.column + 1)
        return None, [dg.make("Y105", where, count="2+")]
    builder = _Builder(rel)
    try:
        data = builder.build(nodes[0], (), 0)
    except _Abort as abort:
        return None, [abort.diagnostic]
    if builder.problems:
        return None, builder.problems
    return Document(rel, data, builder.source_map), []


def _syntax_diagnostic(exc: Any, rel: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "'\\t'" in problem or "\\t" in problem or "\t" in problem:
        return dg.make("Y102", Location(rel, line, column))
    detail = problem if not exc.context else f"{exc.context}: {problem}"
    return dg.make("Y101", Location(rel, line, column), detail=_one_line(detail))


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Builder:
    """Turns a composed node graph into Python values, recording positions and limits."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.source_map = SourceMap()
        self.problems: list[Diagnostic] = []
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()

    def _where(self, node: Any) -> Location:
        return Location(self.rel, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Any, path: PathKey, depth: int) -> Any:
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Abort(dg.make("Y109", self._where(node), limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise _Abort(dg.make("Y108", self._where(node), limit=MAX_DEPTH))
        if isinstance(node, (MappingNode, SequenceNode)):
            if id(node) in self.seen:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise _Abort(dg.make("Y109", self._where(node), limit=MAX_ALIASES))
            self.seen.add(id(node))
        self.source_map.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag if isinstance(node.tag, str) else str(node.tag)
        if tag.startswith("!") or (tag.startswith("tag:") and tag not in _STANDARD_TAGS):
            self.problems.append(dg.make("Y110", self._where(node), tag=tag))
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        return _scalar(node.value, node.style, tag)

    def _mapping(self, node: Any, path: PathKey, depth: int) -> dict[str, Any]:
        from ruamel.yaml.nodes import ScalarNode

        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(dg.make("Y111", self._where(key_node)))
                continue
            key = unicodedata.normalize("NFC", str(key_node.value))
            key_line = key_node.start_mark.line + 1
            if key in first_line:
                self.problems.append(
                    dg.make("Y103", self._where(key_node), key=key, first_line=first_line[key])
                )
                continue
            first_line[key] = key_line
            child = (*path, key)
            self.source_map.keys[child] = (key_line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result


def _scalar(value: str, style: str | None, tag: str) -> Any:
    """Resolve a scalar by kh284's rules (YAML 1.2 core, dates left as text)."""
    text = unicodedata.normalize("NFC", value)
    if style is not None:
        return text
    typed = _resolve_plain(text)
    if tag == _STR_TAG and not isinstance(typed, str):
        return text  # an explicit !!str
    return typed


def _resolve_plain(text: str) -> Any:
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    if _FLOAT.match(text):
        return float(text)
    return text
