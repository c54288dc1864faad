"""Checks on an .xlsx before openpyxl opens it: the file, the zip, every XML part.

``kh284 import`` reads whatever file a unit sends back, and an .xlsx is a zip of XML
parts, so each step of reading it has a bound, far above a real template and checked
before the work it guards (see README, "Limits"); crossing one, or finding a part that is
damaged, is a ``Refused`` that names the file or the part, with a code:

* the file: a regular file (never a directory, a FIFO or a device, never a blocking
  open) of at most ``MAX_WORKBOOK_BYTES``, read as a data file is (``exact.read_bytes``):
  Y115, Y118, Y112, Y107;
* the zip, from its directory, before anything is unpacked: a zip (Y127), at most
  ``MAX_WORKBOOK_PARTS`` parts (Y129), each stored or deflated as Excel writes them and
  not encrypted (Y127), ``MAX_UNPACKED_BYTES`` unpacked together (Y128: a zip bomb, or a
  cell of 6 MB that packs into a few KB); the zip module never unpacks more than a part
  declares, and checks its CRC;
* every XML part, read with expat as it unpacks: well-formed (Y127 with the line), no
  DTD and so no entity (Y127), present when the workbook refers to it (Y127 "missing");
* the shared strings, before any sheet: at most ``MAX_SHARED_STRINGS`` strings of at most
  ``MAX_SHARED_CHARS`` characters together (Y135);
* every worksheet, streamed: at most ``MAX_SHEET_ROWS`` rows, from its ``<dimension>`` or as
  the rows stream (Y130); every cell's own reference ``<c r>`` within ``MAX_SHEET_ROWS``
  rows and ``MAX_SHEET_COLUMNS`` columns, whatever its ``<row r>`` says (Y133); the merged
  cells, hyperlinks, conditional formats and data validations within those bounds, and the
  cells they cover together at most ``MAX_RANGE_CELLS`` (Y134: openpyxl makes an object
  per merged or linked cell); the characters the cells hold through the shared strings,
  counted once per reference, at most ``MAX_SHARED_EXPANSION`` over the workbook (Y136 at
  the cell that crosses it); and the cells holding a formula, with a saved value
  (``Inspected.computed``) or without one, which openpyxl would read as empty
  (``Inspected.formulas``), reported by the import per cell; and from the workbook part,
  whether those saved values may be stale (``Inspected.stale``: the workbook asks to be
  recalculated when opened, or calculates by hand and not before saving).

Every bound is checked as the XML streams through expat, so a refusal takes time in
proportion to the (bounded) unpacked size, never to what the references claim.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location, UsageError
from kh284.diagnostics.catalogue import printable
from kh284.i18n import both
from kh284.load.exact import MAX_FILE_BYTES, read_bytes

#: Largest .xlsx read, in bytes: the data-file limit (the demo's template is 15 KB).
MAX_WORKBOOK_BYTES = MAX_FILE_BYTES
#: Most bytes of all parts unpacked together: the data-file limit again, since the report
#: made from a workbook must itself be a data file (the demo's template unpacks to 80 KB).
MAX_UNPACKED_BYTES = MAX_FILE_BYTES
#: Most parts (zip members) of one workbook: a template has 12, a few more once saved.
MAX_WORKBOOK_PARTS = 1_000
#: Last row of a sheet: a template has a row per series and area or per open task (47 in
#: the demo's), a few hundred at most; 2,000 leaves room, and the unpacked bound keeps the
#: worst sheet within it to about 2.5 s and 130 MB.
MAX_SHEET_ROWS = 2_000
#: Last column a cell, a merge or a range may reach: a template uses 13 (A–M); 256 (IV)
#: was Excel's own limit before 2007.
MAX_SHEET_COLUMNS = 256
#: Most cells the merged ranges, hyperlinks, conditional formats and data validations of
#: one sheet cover together: a template's cover a few hundred (its validated columns).
MAX_RANGE_CELLS = 100_000
#: Most strings in the shared-string table: a template has under 500.
MAX_SHARED_STRINGS = 100_000
#: Most characters of all shared strings together: the data-file limit.
MAX_SHARED_CHARS = MAX_FILE_BYTES
#: Most characters the cells of a workbook hold through references to shared strings,
#: each reference counted: the data-file limit, since the report is made from them.
MAX_SHARED_EXPANSION = MAX_FILE_BYTES

_READ_CHUNK = 1 << 16
_PACKED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHARED_STRINGS = "/sharedStrings"
#: A cell reference as Excel writes it: 1–3 letters and 1–7 digits, ``$`` allowed.
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


class Refused(UsageError):
    """A workbook that is not read: the finding, in both languages, naming file and part."""

    def __init__(self, shown: str, diagnostic: Diagnostic) -> None:
        code = diagnostic.code
        super().__init__(
            f"{shown}: {code} {diagnostic.message('vi')}",
            f"{shown}: {code} {diagnostic.message('en')}",
        )
        self.diagnostic = diagnostic


@dataclass
class Inspected:
    """A workbook that passed: its bytes, and per sheet its formula cells."""

    raw: bytes
    #: Per sheet, the cells holding a formula without a saved value.
    formulas: dict[str, set[str]] = field(default_factory=dict)
    #: Per sheet, the cells holding a formula and the value it was saved with.
    computed: dict[str, set[str]] = field(default_factory=dict)
    #: The saved values of formulas may not be what Excel shows: the workbook asks for a
    #: full recalculation when opened (``<calcPr fullCalcOnLoad="1">``, which Excel drops
    #: once it has calculated and saved, and a program writing cells leaves), or it
    #: calculates only by hand and not before saving (``calcMode="manual"`` with
    #: ``calcOnSave="0"``).
    stale: bool = False


def inspect(path: Path) -> Inspected:
    """Read and check the workbook at ``path``; ``Refused`` at the first problem."""
    shown = printable(str(path))
    raw, problems = read_bytes(path, shown)
    if raw is None:
        raise Refused(shown, problems[0])
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except Exception as exc:  # a damaged directory raises many kinds
        raise _damaged(shown, path.name, _detail(exc)) from None
    with archive:
        parts = _Parts(archive, shown)
        formulas, computed = parts.check()
    return Inspected(raw, formulas, computed, parts.stale)


def _damaged(shown: str, part: str, detail: str) -> Refused:
    return Refused(shown, dg.make("Y127", Location(shown), part=part, detail=detail))


def _detail(exc: BaseException) -> str:
    if isinstance(exc, zipfile.BadZipFile) and "not a zip file" in str(exc).lower():
        return "not a zip file, as an .xlsx is"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _PartError(Exception):
    """A part that is not what an .xlsx holds: why."""


class _TooManyRows(Exception):
    def __init__(self, rows: int) -> None:
        super().__init__(rows)
        self.rows = rows


class _Beyond(Exception):
    """A bound crossed inside a part: the code and its arguments (the sheet added later)."""

    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


class _Parts:
    """The zip's directory, then each XML part, parsed once with expat."""

    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self.archive = archive
        self.shown = shown
        self.infos = {info.filename: info for info in archive.infolist()}
        self.stale = False

    def check(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Check every part; per sheet, its formula cells without and with a saved value."""
        self._directory()
        main = self._main_part()
        sheets: dict[str, str] = {}  # part → sheet name
        relations = self._relations(main)
        names = self._sheet_names(main)
        for rel_id, name in names.items():
            target = relations.get(rel_id)
            if target is not None:
                sheets[target] = name
        strings = _SharedStrings()
        done = {"_rels/.rels", main, _rels_of(main)}
        # the shared strings before any sheet refers to them
        for part in sorted({*self.shared_strings, *self._declared_shared_strings()}):
            self._parse(part, strings)
            done.add(part)
        formulas: dict[str, set[str]] = {}
        computed: dict[str, set[str]] = {}
        expanded = [0]  # characters held through shared strings, over every sheet
        for part in sorted(self.infos):
            if part in done or not part.lower().endswith((".xml", ".rels")):
                continue
            if part in sheets:
                scan = _SheetScan(strings.lengths, expanded)
                self._parse(part, scan, sheet=sheets[part])
                formulas[sheets[part]] = scan.formulas
                computed[sheets[part]] = scan.computed
            else:
                self._parse(part)
        return formulas, computed

    # -- the directory ------------------------------------------------------------------

    def _directory(self) -> None:
        infos = self.archive.infolist()  # every entry, a name given twice included
        if len(infos) > MAX_WORKBOOK_PARTS:
            where = Location(self.shown)
            diagnostic = dg.make("Y129", where, count=len(infos), limit=MAX_WORKBOOK_PARTS)
            raise Refused(self.shown, diagnostic)
        total = 0
        for info in infos:
            if info.compress_type not in _PACKED:
                detail = f"compression method {info.compress_type}, not one Excel writes"
                raise _damaged(self.shown, info.filename, detail)
            if info.flag_bits & 0x1:
                raise _damaged(self.shown, info.filename, "encrypted")
            total += info.file_size
            if total > MAX_UNPACKED_BYTES:
                where = Location(self.shown)
                diagnostic = dg.make("Y128", where, part=info.filename, limit=MAX_UNPACKED_BYTES)
                raise Refused(self.shown, diagnostic)
        if "[Content_Types].xml" not in self.infos:
            raise _damaged(self.shown, "[Content_Types].xml", "missing")

    # -- the workbook part and what it refers to ---------------------------------------

    def _main_part(self) -> str:
        """The workbook part: the package's office document, else ``xl/workbook.xml``."""
        main = "xl/workbook.xml"
        if "_rels/.rels" in self.infos:
            for rel_type, target in self._relationships("_rels/.rels", ""):
                if rel_type.endswith(_OFFICE_DOCUMENT):
                    main = target
        if main not in self.infos:
            raise _damaged(self.shown, main, "missing")
        return main

    def _relations(self, main: str) -> dict[str, str]:
        """Relationship id → part of the workbook's relationships; every part must exist."""
        rels = _rels_of(main)
        if rels not in self.infos:
            raise _damaged(self.shown, rels, "missing")
        found: dict[str, str] = {}
        collector = _Collector("Relationship", ("Id", "Type", "Target", "TargetMode"))
        self._parse(rels, collector)
        base = posixpath.dirname(main)
        self.shared_strings: list[str] = []
        for attrs in collector.found:
            if attrs.get("TargetMode") == "External" or not attrs.get("Target"):
                continue
            target = _resolve(base, attrs["Target"])
            if target not in self.infos:
                raise _damaged(self.shown, target, "missing")
            found[attrs.get("Id", "")] = target
            if attrs.get("Type", "").endswith(_SHARED_STRINGS) and target.endswith(".xml"):
                self.shared_strings.append(target)
        return found

    def _declared_shared_strings(self) -> list[str]:
        """The shared-string parts ``[Content_Types].xml`` declares (openpyxl reads those)."""
        collector = _Collector("Override", ("PartName", "ContentType"))
        self._parse("[Content_Types].xml", collector)
        return [
            _resolve("", attrs.get("PartName", ""))
            for attrs in collector.found
            if "sharedstrings" in attrs.get("ContentType", "").lower()
            and _resolve("", attrs.get("PartName", "")) in self.infos
        ]

    def _relationships(self, part: str, base: str) -> list[tuple[str, str]]:
        collector = _Collector("Relationship", ("Type", "Target", "TargetMode"))
        self._parse(part, collector)
        return [
            (attrs.get("Type", ""), _resolve(base, attrs.get("Target", "")))
            for attrs in collector.found
            if attrs.get("TargetMode") != "External"
        ]

    def _sheet_names(self, main: str) -> dict[str, str]:
        """Relationship id → sheet name, from the workbook part."""
        collector = _Collector("sheet", ("name", f"{_RELATIONSHIPS_NS}}}id"))
        calculation = _Collector("calcPr", ("fullCalcOnLoad", "calcMode", "calcOnSave"))
        self._parse(main, _Both(collector, calculation))
        self.stale = any(_stale(attrs) for attrs in calculation.found)
        return {
            attrs.get(f"{_RELATIONSHIPS_NS}}}id", ""): attrs.get("name", "")
            for attrs in collector.found
        }

    # -- one part -------------------------------------------------------------------------

    def _parse(self, part: str, handler: Any = None, sheet: str | None = None) -> None:
        """Parse ``part`` as XML as it unpacks, feeding ``handler``; refuse what is wrong."""
        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartDoctypeDeclHandler = _no_dtd
        parser.EntityDeclHandler = _no_dtd
        parser.ExternalEntityRefHandler = _no_external
        if handler is not None:
            parser.buffer_text = True
            parser.StartElementHandler = handler.start
            parser.EndElementHandler = handler.end
            parser.CharacterDataHandler = handler.data
        try:
            with self.archive.open(self.infos[part]) as stream:
                _feed(parser, stream)
        except _TooManyRows as many:
            name = sheet or part
            limit = MAX_SHEET_ROWS
            where = Location(self.shown)
            diagnostic = dg.make("Y130", where, sheet=name, rows=many.rows, limit=limit)
            raise Refused(self.shown, diagnostic) from None
        except _Beyond as beyond:
            args = {"sheet": printable(sheet or part), **beyond.args_}
            diagnostic = dg.make_from(beyond.code, Location(self.shown), args)
            raise Refused(self.shown, diagnostic) from None
        except expat.ExpatError as exc:
            detail = f"line {exc.lineno}: {expat.ErrorString(exc.code)}"
            raise _damaged(self.shown, part, detail) from None
        except _PartError as exc:
            raise _damaged(self.shown, part, str(exc)) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise _damaged(self.shown, part, _detail(exc)) from None


def _stale(calculation: dict[str, str]) -> bool:
    """True when ``<calcPr>`` says the saved values of formulas may not be current."""

    def flag(name: str, default: bool) -> bool:
        text = calculation.get(name, "").strip().lower()
        return text in ("1", "true") if text else default

    by_hand = calculation.get("calcMode", "").strip() == "manual"
    return flag("fullCalcOnLoad", False) or (by_hand and not flag("calcOnSave", True))


def _feed(parser: Any, stream: IO[bytes]) -> None:
    while True:
        chunk = stream.read(_READ_CHUNK)
        if not chunk:
            break
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _no_dtd(*_: object) -> None:
    raise _PartError("a DTD (<!DOCTYPE>) or an entity, which an .xlsx never holds")


def _no_external(*_: object) -> int:
    raise _PartError("an external entity, which an .xlsx never holds")


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target))


def _local(name: str) -> str:
    return name.rpartition("}")[2]


class _Collector:
    """The chosen attributes of every element of one local name."""

    def __init__(self, element: str, attributes: tuple[str, ...]) -> None:
        self.element = element
        self.attributes = attributes
        self.found: list[dict[str, str]] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if _local(name) == self.element:
            self.found.append({k: attrs[k] for k in self.attributes if k in attrs})

    def end(self, name: str) -> None:
        return None

    def data(self, text: str) -> None:
        return None


class _Both:
    """Two handlers fed by one parse."""

    def __init__(self, first: Any, second: Any) -> None:
        self.handlers = (first, second)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        for handler in self.handlers:
            handler.start(name, attrs)

    def end(self, name: str) -> None:
        for handler in self.handlers:
            handler.end(name)

    def data(self, text: str) -> None:
        for handler in self.handlers:
            handler.data(text)


class _SharedStrings:
    """The length in characters of each shared string (``<si>``), within the bounds.

    Where a workbook has more than one table, each index keeps its longest string.
    """

    def __init__(self) -> None:
        self.lengths: list[int] = []
        self.index = -1
        self.total = 0
        self.in_text = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "sst":
            self.index = -1
        elif local == "si":
            self.index += 1
            if self.index >= MAX_SHARED_STRINGS:
                raise _shared_too_large("strings", MAX_SHARED_STRINGS)
            if self.index >= len(self.lengths):
                self.lengths.append(0)
        elif local == "t":
            self.in_text = True

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "t":
            self.in_text = False
        elif local == "si" and self.index >= 0:
            self.total += self.lengths[self.index]
            if self.total > MAX_SHARED_CHARS:
                raise _shared_too_large("chars", MAX_SHARED_CHARS)

    def data(self, text: str) -> None:
        if self.in_text and 0 <= self.index < len(self.lengths):
            self.lengths[self.index] += len(text)


def _shared_too_large(what: str, limit: int) -> _Beyond:
    what_vi, what_en = both(f"import.shared_{what}")
    return _Beyond("Y135", limit=limit, what_vi=what_vi, what_en=what_en)


def _reference(ref: str) -> tuple[int, int] | None:
    """(column, row) of ``B7`` or ``$B$7``; ``None`` for what no cell of a template is.

    Letters beyond 3 or digits beyond 7 (Excel's own limits) are no cell reference.
    """
    found = _REF.fullmatch(ref.strip())
    if found is None:
        return None
    return _column_number(found.group(1).upper()), int(found.group(2))


def _within(column: int, row: int) -> bool:
    return 1 <= column <= MAX_SHEET_COLUMNS and 1 <= row <= MAX_SHEET_ROWS


def shown(text: str) -> str:
    """Text from the file (a reference, a saved value) as a message shows it: escaped, cut."""
    return printable(text if len(text) <= 40 else text[:40] + "…")


def _row_number(text: str | None, default: int) -> int:
    """A row number as written (``1000000`` of ``D1000000``), capped; else ``default``."""
    digits = "".join(ch for ch in (text or "") if "0" <= ch <= "9")
    if not digits:
        return default
    return int(digits) if len(digits) <= 9 else 10**9


def _column_number(ref: str) -> int:
    number = 0
    for char in ref:
        if not "A" <= char <= "Z":
            break
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


#: The elements whose ``ref`` or ``sqref`` names ranges, and the word for each.
_RANGES = {
    "mergeCell": ("ref", "merge"),
    "hyperlink": ("ref", "hyperlink"),
    "conditionalFormatting": ("sqref", "conditional"),
    "dataValidation": ("sqref", "validation"),
}


class _SheetScan:
    """Streams a worksheet: its bounds, and its formula cells with and without a saved value."""

    def __init__(self, shared: list[int] | None = None, expanded: list[int] | None = None) -> None:
        self.shared = shared or []
        self.expanded = expanded if expanded is not None else [0]
        self.covered = 0
        self.shared_cell = False
        self.rows = 0
        self.row = 0
        self.column = 0
        self.cell = ""
        self.formula = False
        self.value = False
        self.in_value = False
        self.formulas: set[str] = set()
        self.computed: set[str] = set()

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "c":
            ref = attrs.get("r")
            if ref:
                where = _reference(ref)
                if where is None or not _within(*where):
                    raise self._outside(ref)
                self.column = where[0]
                self.cell = f"{_column_letters(where[0])}{where[1]}"
            else:  # a cell without its reference follows the previous one
                self.column += 1
                self.cell = f"{_column_letters(self.column)}{self.row}"
                if not _within(self.column, self.row):
                    raise self._outside(self.cell)
            self.formula = self.value = False
            self.shared_cell = attrs.get("t") == "s"
        elif local in _RANGES:
            attribute, kind = _RANGES[local]
            for text in attrs.get(attribute, "").split():
                self._range(text, kind)
        elif local == "f":
            self.formula = True
        elif local == "v":
            self.in_value = True
        elif local == "row":
            self.rows += 1
            self.row = _row_number(attrs.get("r"), self.row + 1)
            self.column = 0
            if self.row > MAX_SHEET_ROWS or self.rows > MAX_SHEET_ROWS:
                raise _TooManyRows(max(self.row, self.rows))
        elif local == "dimension":
            last = _row_number(attrs.get("ref", "").rpartition(":")[2], 0)
            if last > MAX_SHEET_ROWS:
                raise _TooManyRows(last)

    def _outside(self, ref: str) -> _Beyond:
        return _Beyond("Y133", cell=shown(ref), rows=MAX_SHEET_ROWS, columns=MAX_SHEET_COLUMNS)

    def _range(self, text: str, kind: str) -> None:
        """One range of a merge, a link, a format or a validation: in bounds, area counted."""
        first, _, last = text.partition(":")
        start, end = _reference(first), _reference(last or first)
        if start is None or end is None or not (_within(*start) and _within(*end)):
            raise self._too_large(text, kind)
        width = abs(end[0] - start[0]) + 1
        height = abs(end[1] - start[1]) + 1
        self.covered += width * height
        if self.covered > MAX_RANGE_CELLS:
            raise self._too_large(text, kind)

    def _too_large(self, text: str, kind: str) -> _Beyond:
        kind_vi, kind_en = both(f"import.range_{kind}")
        return _Beyond(
            "Y134",
            range=shown(text),
            kind_vi=kind_vi,
            kind_en=kind_en,
            rows=MAX_SHEET_ROWS,
            columns=MAX_SHEET_COLUMNS,
            limit=MAX_RANGE_CELLS,
        )

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "v":
            self.in_value = False
        elif local == "c" and self.formula:
            (self.computed if self.value else self.formulas).add(self.cell)

    def data(self, text: str) -> None:
        if self.in_value and text.strip():
            self.value = True
            if self.shared_cell:
                self._expand(text)

    def _expand(self, text: str) -> None:
        """Count the characters a shared-string reference brings into the workbook."""
        digits = text.strip()
        if not digits.isdigit() or len(digits) > 9:
            return  # not an index: openpyxl refuses it (Y127)
        index = int(digits)
        if index < len(self.shared):
            self.expanded[0] += self.shared[index]
            if self.expanded[0] > MAX_SHARED_EXPANSION:
                raise _Beyond("Y136", cell=self.cell, limit=MAX_SHARED_EXPANSION)
