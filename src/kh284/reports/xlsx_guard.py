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
* every worksheet: at most ``MAX_SHEET_ROWS`` rows, from its ``<dimension>`` or as the rows
  stream (Y130), and the cells holding a formula without a saved value, which openpyxl
  would read as empty (listed in ``Inspected.formulas``, reported by the import per cell).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location, UsageError
from kh284.diagnostics.catalogue import printable
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

_READ_CHUNK = 1 << 16
_PACKED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


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
    """A workbook that passed: its bytes, and per sheet the formula cells with no value."""

    raw: bytes
    formulas: dict[str, set[str]] = field(default_factory=dict)


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
        formulas = _Parts(archive, shown).check()
    return Inspected(raw, formulas)


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


class _Parts:
    """The zip's directory, then each XML part, parsed once with expat."""

    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self.archive = archive
        self.shown = shown
        self.infos = {info.filename: info for info in archive.infolist()}

    def check(self) -> dict[str, set[str]]:
        self._directory()
        main = self._main_part()
        sheets: dict[str, str] = {}  # part → sheet name
        relations = self._relations(main)
        names = self._sheet_names(main)
        for rel_id, name in names.items():
            target = relations.get(rel_id)
            if target is not None:
                sheets[target] = name
        formulas: dict[str, set[str]] = {}
        done = {"_rels/.rels", main, _rels_of(main)}
        for part in sorted(self.infos):
            if part in done or not part.lower().endswith((".xml", ".rels")):
                continue
            if part in sheets:
                scan = _SheetScan()
                self._parse(part, scan, sheet=sheets[part])
                formulas[sheets[part]] = scan.formulas
            else:
                self._parse(part)
        return formulas

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
        for attrs in collector.found:
            if attrs.get("TargetMode") == "External" or not attrs.get("Target"):
                continue
            target = _resolve(base, attrs["Target"])
            if target not in self.infos:
                raise _damaged(self.shown, target, "missing")
            found[attrs.get("Id", "")] = target
        return found

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
        self._parse(main, collector)
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
        except expat.ExpatError as exc:
            detail = f"line {exc.lineno}: {expat.ErrorString(exc.code)}"
            raise _damaged(self.shown, part, detail) from None
        except _PartError as exc:
            raise _damaged(self.shown, part, str(exc)) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise _damaged(self.shown, part, _detail(exc)) from None


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


class _SheetScan:
    """Counts a worksheet's rows and finds its formula cells without a saved value."""

    def __init__(self) -> None:
        self.rows = 0
        self.row = 0
        self.column = 0
        self.cell = ""
        self.formula = False
        self.value = False
        self.in_value = False
        self.formulas: set[str] = set()

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "c":
            ref = attrs.get("r")
            if ref:
                self.column = _column_number(ref.upper())
                self.cell = ref.upper()
            else:  # a cell without its reference follows the previous one
                self.column += 1
                self.cell = f"{_column_letters(self.column)}{self.row}"
            self.formula = self.value = False
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

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "v":
            self.in_value = False
        elif local == "c" and self.formula and not self.value:
            self.formulas.add(self.cell)

    def data(self, text: str) -> None:
        if self.in_value and text.strip():
            self.value = True
