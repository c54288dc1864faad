"""Formats of the data directory, and the migrations between them, as records.

``plan.yaml`` says which format a data directory is written in (``format: 2``); a
directory whose plan has no ``format`` is format 1, the format of November 2026.  kh284
reads every format it has shipped: an older one is migrated in memory when it is loaded
(``upgrade``, called by ``validate.dataset`` before each file meets its model, with one
warning, S230), and ``kh284 migrate`` rewrites the files (``rewrite``: ruamel.yaml's round
trip, so comments, key order, quoting and blank lines are kept).

Each migration is a ``Step`` from version N to N+1: the kinds of file it changes, the
function that changes one file's data, a sentence for the CHANGELOG and its test case
folder (``tests/migrations/v<N>-to-v<N+1>/``, ``before`` and ``after``).  The function
changes the data through an ``Editor``: the plain data of the loader in memory, or
ruamel's round-trip nodes for a rewrite, so both run the very same step.  A value a step
cannot infer is written with its documented default and noted (a ``Guess``): a rewrite
marks its line ``# kh284 migrate: check this`` and ``kh284 migrate`` warns at it (S232).

Later format changes add a ``Step`` here, a case folder, and a line to DATA-FORMAT.md's
"Format versions" and to the CHANGELOG.  ruamel's round trip is imported only by
``rewrite``: loading never pays for it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kh284 import diagnostics as dg
from kh284 import i18n
from kh284.diagnostics import Diagnostic, Location

#: The format this kh284 writes and checks.
CURRENT = 2
#: The key of ``plan.yaml`` that names the format; written just before ``ANCHOR``.
FORMAT_KEY = "format"
ANCHOR = "number"
#: The kind of file that holds the format.
VERSIONED = "plan"
#: The comment a rewrite puts on the line of a value it could not infer.
CHECK_COMMENT = "kh284 migrate: check this"

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Guess:
    """A value a step could not infer: where it went, and what was written."""

    kind: str
    path: PathKey
    value: str
    why: str


class Editor(Protocol):
    """How a step changes a file's data: in memory, or in round-trip nodes."""

    def insert(
        self,
        mapping: Any,
        key: str,
        value: Any,
        *,
        after: tuple[str, ...] = (),
        before: str | None = None,
        check: bool = False,
    ) -> None:
        """Add ``key`` to ``mapping`` just before ``before``, else after one of ``after``.

        The first key of ``after`` the mapping has is the one; with none, ``key`` goes
        last.  ``check`` marks the line for a person.
        """


@dataclass(frozen=True)
class Step:
    """One migration: from format ``source`` to ``source + 1``."""

    source: int
    #: The kinds of data file (``load.registry``) it changes.
    kinds: tuple[str, ...]
    #: Changes one file's data, of kind ``kind``, in place; returns the values it guessed.
    change: Callable[[str, Any, Editor], list[Guess]]
    #: What changed, for the CHANGELOG and DATA-FORMAT.md.
    changelog: str
    #: Its test case folder, under ``tests/migrations/``.
    cases: str


# -- the steps -------------------------------------------------------------------------------

#: The ``kind`` written when a title names no type the vocabulary knows
#: (``i18n.DOCUMENT_KINDS``).
DEFAULT_KIND = i18n.DEFAULT_DOCUMENT_KIND
#: Scales inferred from a target's measure, id or name (folded: no accents, ``đ`` as ``d``):
#: the first rule whose words all appear wins.  Nghị định 20/2014/NĐ-CP: phổ cập giáo dục
#: mầm non cho trẻ em 5 tuổi has no levels (0-1), phổ cập tiểu học and THCS levels 1-3,
#: xóa mù chữ 1-2; kh284's data write 0 for "not recognised".
SCALE_RULES: tuple[tuple[tuple[str, ...], tuple[int, int]], ...] = (
    (("xoa mu chu",), (0, 2)),
    (("xmc",), (0, 2)),
    (("pho cap", "mam non"), (0, 1)),
    (("pcgd", "mam non"), (0, 1)),
    (("pho cap",), (0, 3)),
    (("pcgd",), (0, 3)),
)
#: The documented default scale when nothing names the levels.
DEFAULT_SCALE = (0, 3)


def fold(text: str) -> str:
    """``text`` lower-case without accents, ``đ`` as ``d``, words split by single spaces."""
    plain = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    kept = "".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c))
    return f" {' '.join(kept.split())} "


def infer_scale(target: Mapping[str, Any]) -> tuple[tuple[int, int], bool]:
    """The scale of a level target, and whether it was inferred (not the default)."""
    names = " ".join(str(target.get(k) or "") for k in ("measure", "id", "name"))
    folded = fold(names)
    for words, scale in SCALE_RULES:
        if all(f" {w} " in folded for w in words):
            return scale, True
    low, high = DEFAULT_SCALE
    level = _level_of(target)
    if level is not None and level > high:  # the default must hold the level to reach
        high = level
    return (low, high), False


def _level_of(target: Mapping[str, Any]) -> int | None:
    scope = target.get("scope")
    values = [target.get("value"), target.get("upper")]
    if isinstance(scope, Mapping) and scope.get("kind") == "count_of_areas":
        values = [scope.get("area_value")]
    levels = [int(v) for v in values if isinstance(v, (int, float)) and _whole(v)]
    return max(levels) if levels else None


def _whole(value: float) -> bool:
    """A level: a whole number, not negative (``True`` is no level, nor is ``nan``)."""
    return not isinstance(value, bool) and math.isfinite(value) and value == int(value) >= 0


def infer_kind(title: object) -> tuple[str, bool]:
    """The plan's ``kind`` from its title's first line, and whether it was inferred."""
    first = title.strip().split("\n", 1)[0].strip() if isinstance(title, str) else ""
    first = unicodedata.normalize("NFC", first)
    spelled = first[:1].upper() + first[1:].lower()
    if spelled.casefold() in i18n.DOCUMENT_KINDS:
        return spelled, True
    if first and first == first.upper() and any(c.isalpha() for c in first):
        return spelled, False  # an upper-case heading, not a type kh284 knows: ask
    return DEFAULT_KIND, False


def _needs_scale(target: Mapping[str, Any]) -> bool:
    scope = target.get("scope")
    counts = isinstance(scope, Mapping) and scope.get("kind") == "count_of_areas"
    return "scale" not in target and (target.get("unit") == "level" or counts)


def _v1_to_v2(kind: str, data: Any, edit: Editor) -> list[Guess]:
    guesses: list[Guess] = []
    if kind == "plan" and isinstance(data, Mapping) and "kind" not in data:
        value, sure = infer_kind(data.get("title"))
        edit.insert(data, "kind", value, after=(ANCHOR,), check=not sure)
        if not sure:
            guesses.append(Guess(kind, ("kind",), value, "kind"))
    targets = data.get("targets") if kind == "targets" and isinstance(data, Mapping) else None
    for i, target in enumerate(targets if isinstance(targets, list) else []):
        if not isinstance(target, Mapping) or not _needs_scale(target):
            continue
        (low, high), sure = infer_scale(target)
        counts = target.get("unit") != "level"
        after = ("scope",) if counts else ("upper", "value")
        edit.insert(target, "scale", {"min": low, "max": high}, after=after, check=not sure)
        if not sure:
            guesses.append(Guess(kind, ("targets", i, "scale"), f"{low}-{high}", "scale"))
    return guesses


#: Every migration, in order: ``STEPS[n - 1]`` goes from format n to n + 1.
STEPS: tuple[Step, ...] = (
    Step(
        1,
        ("plan", "targets"),
        _v1_to_v2,
        "Format 2: `scale` is required on level targets and on counts of areas, and `kind` "
        "(the document type) in plan.yaml; `kh284 migrate` adds them: universalisation "
        "(PCGD) levels 0-3 (preschool 0-1), literacy 0-2, the plan's kind from its title's "
        "first line, and otherwise the default marked `# kh284 migrate: check this`.",
        "v1-to-v2",
    ),
)
assert [s.source for s in STEPS] == list(range(1, CURRENT)), "one step per format"


def steps_from(found: int) -> tuple[Step, ...]:
    """The steps from format ``found`` to the current one."""
    return STEPS[found - 1 :] if 1 <= found < CURRENT else ()


def touched(found: int) -> tuple[str, ...]:
    """The kinds of file a migration from ``found`` changes (the versioned one included)."""
    kinds = [VERSIONED]
    for step in steps_from(found):
        kinds += [k for k in step.kinds if k not in kinds]
    return tuple(kinds)


# -- which format ----------------------------------------------------------------------------


def declared(plan: Any) -> int | None:
    """The format ``plan``'s data declares: 1 without ``format``; ``None`` if unreadable.

    Anything but a whole number (``"2"``, ``2.0``, ``true``) is left to the schema.
    """
    if not isinstance(plan, Mapping):
        return None
    if FORMAT_KEY not in plan:
        return 1
    value = plan[FORMAT_KEY]
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _format_diagnostic(found: int, where: Location, data_dir: str) -> Diagnostic | None:
    if found > CURRENT:
        return dg.make("S231", where, found=found, current=CURRENT)
    if found < 1:
        return None  # the schema refuses it (S206)
    if found < CURRENT:
        return dg.make("S230", where, found=found, current=CURRENT, data_dir=data_dir)
    return None


def version_finding(
    found: int | None, plan_file: str, where: Location | None, data_dir: str
) -> Diagnostic | None:
    """S230 for an older format (at ``format``, else the file), S231 for a newer one."""
    if found is None:
        return None
    return _format_diagnostic(found, where or Location(plan_file), data_dir)


# -- in memory -------------------------------------------------------------------------------


class _InMemory:
    """Inserts into the loader's plain dicts, in place, keeping their order."""

    def insert(
        self,
        mapping: Any,
        key: str,
        value: Any,
        *,
        after: tuple[str, ...] = (),
        before: str | None = None,
        check: bool = False,
    ) -> None:
        items = list(mapping.items())
        at = _position(list(mapping), after, before)
        items.insert(at, (key, value))
        mapping.clear()
        mapping.update(items)


def _position(keys: list[Any], after: tuple[str, ...], before: str | None) -> int:
    if before is not None and before in keys:
        return keys.index(before)
    for anchor in after:
        if anchor in keys:
            return keys.index(anchor) + 1
    return len(keys)


def upgrade(kind: str, data: Any, found: int | None, edit: Editor | None = None) -> list[Guess]:
    """Migrate one file's ``data`` of ``kind`` in place from format ``found`` to the current.

    The versioned file gets ``format`` (just before ``number``).  Returns the guesses.
    """
    if found is None or not 1 <= found < CURRENT:
        return []
    edit = edit or _InMemory()
    guesses: list[Guess] = []
    for step in steps_from(found):
        if kind in step.kinds:
            guesses += step.change(kind, data, edit)
    if kind == VERSIONED and isinstance(data, Mapping):
        _set_format(data, edit)
    return guesses


def _set_format(data: Any, edit: Editor) -> None:
    if FORMAT_KEY in data:
        data[FORMAT_KEY] = CURRENT
    else:
        edit.insert(data, FORMAT_KEY, CURRENT, before=ANCHOR)


# -- rewriting a file --------------------------------------------------------------------------


@dataclass
class Rewritten:
    """One file rewritten to the current format (or why it cannot be)."""

    shown: str
    old: str
    new: str
    guesses: list[Diagnostic] = field(default_factory=list)
    problem: Diagnostic | None = None

    @property
    def changed(self) -> bool:
        """True when the new text differs from the file's."""
        return self.problem is None and self.new != self.old

    def diff(self, label: str) -> str:
        """A unified diff from the file's text to the new one, ``label`` naming both."""
        import difflib

        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            fromfile=label,
            tofile=label,
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

    def _opcodes(self) -> Sequence[tuple[str, int, int, int, int]]:
        import difflib

        matcher = difflib.SequenceMatcher(
            None, self.old.splitlines(), self.new.splitlines(), autojunk=False
        )
        return matcher.get_opcodes()

    def added(self) -> Iterator[tuple[int, str]]:
        """Each line the new text adds: its number there and its text."""
        new_lines = self.new.splitlines()
        for tag, _, _, j1, j2 in self._opcodes():
            if tag in ("insert", "replace"):
                for j in range(j1, j2):
                    yield j + 1, new_lines[j]

    def removed(self) -> Iterator[tuple[int, str]]:
        """Each line of the file's text the new one no longer has: its number and text."""
        old_lines = self.old.splitlines()
        for tag, i1, i2, _, _ in self._opcodes():
            if tag in ("delete", "replace"):
                for i in range(i1, i2):
                    yield i + 1, old_lines[i]


#: Indentations tried, the first one that writes the file back as it was wins:
#: (mapping, sequence, offset of the dash).
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 3, 1))


class _RoundTrip:
    """Inserts into ruamel's round-trip nodes, comments and styles kept."""

    def insert(
        self,
        mapping: Any,
        key: str,
        value: Any,
        *,
        after: tuple[str, ...] = (),
        before: str | None = None,
        check: bool = False,
    ) -> None:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        if isinstance(value, dict):
            node = CommentedMap(value.items())
            node.fa.set_flow_style()
            value = node
        elif isinstance(value, str):
            value = DoubleQuotedScalarString(value)
        keys = list(mapping)
        at = _position(keys, after, before)
        flow = mapping.fa.flow_style()
        mapping.insert(at, key, value, comment=CHECK_COMMENT if check and not flow else None)
        if at and not flow:
            _move_tail(mapping, keys[at - 1], key)


def _move_tail(mapping: Any, previous: str, key: str) -> None:
    """Comment lines and blank lines after ``previous`` go after the new ``key``.

    ruamel keeps the lines that follow a value with the value (with the last one of a
    nested block): left there, they would end up above the inserted line.
    """
    import copy

    items, slot = _tail(mapping, previous)
    token = items[slot] if items is not None else None
    text = getattr(token, "value", None)
    if token is None or not isinstance(text, str) or "\n" not in text.rstrip("\n"):
        return
    cut = text.index("\n") + 1
    keep, rest = text[:cut], text[cut:]
    if keep.strip():
        token.value = keep
    else:
        items[slot] = None
    own = mapping.ca.items.get(key)
    if own is not None and own[2] is not None:
        own[2].value = own[2].value.rstrip("\n") + "\n" + rest
    else:
        moved = copy.copy(token)
        moved.value = "\n" + rest
        mapping.ca.items[key] = [None, None, moved, None]


def _tail(node: Any, key: Any) -> tuple[Any, int]:
    """The comment slot that holds what follows ``node[key]``: (the list, its index)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _tail(value, last)
    slot = 2 if isinstance(node, CommentedMap) else 0
    items = node.ca.items.get(key)
    return items, slot


def rewrite(raw: bytes, shown: str, kind: str, found: int, expected: Any) -> Rewritten:
    """``raw`` (the file ``shown``, of ``kind``) rewritten from format ``found``.

    ``expected`` is the data the loader made of it, migrated in memory: the new text must
    read back as exactly that, and keep every comment line, or nothing is written (S234).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    bom = raw.startswith(b"\xef\xbb\xbf")
    old = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    text = old.replace("\r\n", "\n")
    crlf = text != old
    result = Rewritten(shown, old, old)
    try:
        reader = YAML(typ="rt")
        reader.preserve_quotes = True
        data = reader.load(text)
        dumper = _dumper(data, text)
        guesses = upgrade(kind, data, found, _RoundTrip())
        new = _dump(dumper, data)
    except (YAMLError, ValueError, TypeError, AttributeError) as exc:  # what ruamel cannot keep
        result.problem = dg.make("S234", Location(shown), detail=f"{type(exc).__name__}: {exc}")
        return result
    problem = _verify(shown, text, new, expected)
    if problem is not None:
        result.problem = problem
        return result
    result.new = ("\ufeff" if bom else "") + (new.replace("\n", "\r\n") if crlf else new)
    result.guesses = _guess_findings(shown, new, guesses)
    return result


def _dumper(data: Any, text: str) -> Any:
    """The YAML writer whose settings write ``data`` back closest to ``text``."""
    best: tuple[int, Any] | None = None
    for mapping, sequence, offset in _INDENTS:
        for nulls in ("null", ""):
            yaml = _writer(mapping, sequence, offset, nulls)
            out = _dump(yaml, data)
            if out == text:
                return yaml
            distance = sum(1 for _ in _changed_lines(text, out))
            if best is None or distance < best[0]:
                best = (distance, yaml)
    assert best is not None
    return best[1]


def _writer(mapping: int, sequence: int, offset: int, nulls: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never fold a long line
    yaml.allow_unicode = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", nulls)
    )
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    import io

    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _changed_lines(old: str, new: str) -> Iterator[str]:
    import difflib

    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line[:1] in "+-":
            yield line


def _comments(text: str) -> list[str]:
    return sorted(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


def _verify(shown: str, text: str, new: str, expected: Any) -> Diagnostic | None:
    """S234 unless ``new`` reads back as ``expected`` and keeps every comment line."""
    from kh284.load.exact import load_text

    document, problems = load_text(new, shown)
    if document is None or problems or document.data != expected:
        first = problems[0].message("en") if problems else "the data read back differs"
        return dg.make("S234", Location(shown), detail=first)
    kept = _comments(new)
    for line in _comments(text):
        if line in kept:
            kept.remove(line)
        else:
            return dg.make("S234", Location(shown), detail=line)
    return None


def _guess_findings(shown: str, new: str, guesses: list[Guess]) -> list[Diagnostic]:
    """S232 at the line each guessed value was written on, in the new text."""
    from kh284.load.exact import load_text

    document, _ = load_text(new, shown)
    found = []
    for guess in guesses:
        where = document.location(guess.path) if document is not None else Location(shown)
        found.append(dg.make("S232", where, key=guess.why, value=guess.value))
    return found


__all__ = [
    "CHECK_COMMENT",
    "CURRENT",
    "STEPS",
    "Guess",
    "Rewritten",
    "Step",
    "declared",
    "rewrite",
    "touched",
    "upgrade",
    "version_finding",
]
