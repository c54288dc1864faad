r"""Loading a whole data directory: the four plan files and every progress report.

``load_dataset`` reads each file on its own, so one broken file never stops the others from
being checked.  Paths are confined to the data directory: a symlink that leads outside is a
diagnostic, not a read.  Only regular files are read (a FIFO or device named ``*.yaml`` is
refused, never opened for a blocking read); a link to a directory under ``progress/`` is not
followed but reported; a folder that cannot be listed is reported, not skipped silently.
The result holds typed models (``None`` where a file failed) and every diagnostic found.

File names are shown as they are, except that characters which are not printable (control
characters, bytes that are not UTF-8) are written as escapes (ESC as ``\\x1b``), so a file
name can neither break the output nor send codes to the terminal.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from kh284 import diagnostics as dg
from kh284.cache import Cache
from kh284.diagnostics import Diagnostic, Location
from kh284.loader import MAX_FILE_BYTES, Document
from kh284.models import EventsFile, PlanFile, ProgressReport, TargetsFile, UnitsFile
from kh284.reading import iter_read, paused_gc, read_document
from kh284.schema import validate

M = TypeVar("M", bound=BaseModel)

#: At most this many progress files are read (see README, "Limits").
MAX_PROGRESS_FILES = 20_000
#: At most this many entries (files of any name, folders) under progress/ are listed.
MAX_PROGRESS_ENTRIES = 10 * MAX_PROGRESS_FILES
#: At most this many schema findings are listed for one file (see README, "Limits").
MAX_SCHEMA_PROBLEMS = 100
#: At most this many bytes are read from all files of one data directory together.
MAX_TOTAL_BYTES = 64 * 1024 * 1024
PROGRESS_DIR = "progress"
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedReport:
    """A progress report with the document it was read from."""

    document: Document
    report: ProgressReport


@dataclass
class Dataset:
    """Everything read from one data directory."""

    data_dir: Path
    plan: PlanFile | None = None
    units: UnitsFile | None = None
    targets: TargetsFile | None = None
    events: EventsFile | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    reports: list[LoadedReport] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Bytes of the files read so far, against ``MAX_TOTAL_BYTES``.
    bytes_read: int = 0
    over_budget: bool = False
    cache: Cache = field(default_factory=lambda: Cache(None))
    #: Set when the outcome came from the run cache: (files, reports) counted then.
    cached_counts: tuple[int, int] | None = None

    @property
    def file_count(self) -> int:
        """How many data files were read."""
        return self.cached_counts[0] if self.cached_counts else len(self.documents)

    @property
    def report_count(self) -> int:
        """How many progress reports passed their schema."""
        return self.cached_counts[1] if self.cached_counts else len(self.reports)

    @property
    def complete(self) -> bool:
        """True when the four plan files all loaded, so evaluation can run."""
        return None not in (self.plan, self.units, self.targets, self.events)


class DataDirError(Exception):
    """The data directory itself is missing or not a directory (exit code 2)."""


def load_dataset(data_dir: Path, cache: Cache | None = None) -> Dataset:
    """Read and schema-check every file of ``data_dir`` (through ``cache`` if given)."""
    if not data_dir.is_dir():
        raise DataDirError(str(data_dir))
    dataset = Dataset(data_dir, cache=cache or Cache(None))
    root = data_dir.resolve()
    # the plan files are admitted (and counted against the byte budget) first; the
    # progress reports then start parsing in the background while the plan files load
    cores = {name: _admit_core(dataset, root, name) for name in CORE_FILES}
    admitted = _admit_progress(dataset, root)
    reading = iter_read(admitted, dataset.cache)
    dataset.plan = _load_core(dataset, cores["plan.yaml"], "plan.yaml", PlanFile)
    dataset.units = _load_core(dataset, cores["units.yaml"], "units.yaml", UnitsFile)
    dataset.targets = _load_core(dataset, cores["targets.yaml"], "targets.yaml", TargetsFile)
    dataset.events = _load_core(dataset, cores["events.yaml"], "events.yaml", EventsFile)
    _load_progress(dataset, admitted, reading)
    return dataset


def display_name(rel: str) -> str:
    """``rel`` with unprintable characters (and bytes that are not UTF-8) escaped."""
    if rel.isprintable():
        return rel
    out = []
    for char in rel:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out)


CORE_FILES = ("plan.yaml", "units.yaml", "targets.yaml", "events.yaml")


def _admit_core(dataset: Dataset, root: Path, name: str) -> Path | None:
    """The plan file to read, once confined and counted; or ``None`` with why not."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        dataset.diagnostics.append(dg.make("Y114", Location(name), name=name))
        return None
    return _admit(dataset, root, path, display_name(name))


def _admit(dataset: Dataset, root: Path, path: Path, shown: str) -> Path | None:
    resolved, problem = _confine(root, path, shown)
    if problem is not None:
        dataset.diagnostics.append(problem)
        return None
    if resolved is None or not _within_budget(dataset, resolved, shown):
        return None
    return resolved


def _load_core(dataset: Dataset, path: Path | None, name: str, model: type[M]) -> M | None:
    if path is None:
        return None
    document, problems = read_document(path, name, dataset.cache)
    if _keep(dataset, name, document, problems) is None:
        return None
    assert document is not None
    return _validate(dataset, document, model)


def _validate(dataset: Dataset, document: Document, model: type[M]) -> M | None:
    instance, problems = validate(document, model)
    if len(problems) > MAX_SCHEMA_PROBLEMS:
        cut = problems[MAX_SCHEMA_PROBLEMS]
        where = Location(document.file, cut.location.line, cut.location.column)
        problems = [
            *problems[:MAX_SCHEMA_PROBLEMS],
            dg.make("Y119", where, limit=MAX_SCHEMA_PROBLEMS),
        ]
    dataset.diagnostics.extend(problems)
    return instance


def _keep(
    dataset: Dataset, shown: str, document: Document | None, problems: list[Diagnostic]
) -> Document | None:
    dataset.diagnostics.extend(problems)
    if document is not None:
        dataset.documents[shown] = document
    return document


def _within_budget(dataset: Dataset, path: Path, shown: str) -> bool:
    """Count ``path``'s size against ``MAX_TOTAL_BYTES``; False (once Y122) when over."""
    if dataset.over_budget:
        return False
    try:
        info = os.stat(path)
        size = info.st_size if stat.S_ISREG(info.st_mode) else 0
    except OSError:
        size = 0  # the read reports why
    if size > MAX_FILE_BYTES:
        size = 0  # refused from its size (Y107), never read
    if size <= MAX_TOTAL_BYTES - dataset.bytes_read:
        dataset.bytes_read += size
        return True
    dataset.over_budget = True
    dataset.diagnostics.append(dg.make("Y122", Location(shown), limit=MAX_TOTAL_BYTES))
    return False


def _confine(root: Path, path: Path, shown: str) -> tuple[Path | None, Diagnostic | None]:
    """``path`` with every link resolved, or why it may not be read (Y113, Y112)."""
    try:
        resolved = path.resolve()
    except RuntimeError:  # Python < 3.13: a symbolic link loop
        return None, dg.make("Y112", Location(shown), detail="symbolic link loop")
    except OSError as exc:
        return None, dg.make("Y112", Location(shown), detail=exc.strerror or type(exc).__name__)
    if resolved == root or root in resolved.parents:
        return resolved, None
    return None, dg.make("Y113", Location(shown), target=display_name(str(resolved)))


def _admit_progress(dataset: Dataset, root: Path) -> list[tuple[Path, str]]:
    """The progress files to read, confined and counted, in path order."""
    progress = root / PROGRESS_DIR
    if not progress.exists() and not progress.is_symlink():
        return []
    resolved, problem = _confine(root, progress, PROGRESS_DIR)
    if problem is not None:
        dataset.diagnostics.append(problem)
        return []
    assert resolved is not None
    try:
        is_dir = stat.S_ISDIR(os.stat(resolved).st_mode)
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        dataset.diagnostics.append(dg.make("Y112", Location(PROGRESS_DIR), detail=detail))
        return []
    if not is_dir:
        dataset.diagnostics.append(dg.make("Y120", Location(PROGRESS_DIR), name=PROGRESS_DIR))
        return []
    files, limit = _yaml_files(dataset, root, progress)
    if limit is not None:
        dataset.diagnostics.append(dg.make("Y116", Location(PROGRESS_DIR), limit=limit))
        files = files[:MAX_PROGRESS_FILES]
    admitted: list[tuple[Path, str]] = []
    for path in files:
        shown = display_name(path.relative_to(root).as_posix())
        target = _admit(dataset, root, path, shown)
        if target is not None:
            admitted.append((target, shown))
    return admitted


def _load_progress(
    dataset: Dataset,
    admitted: list[tuple[Path, str]],
    read: Iterator[tuple[Document | None, list[Diagnostic]]],
) -> None:
    with paused_gc():
        for (_, shown), (document, problems) in zip(admitted, read, strict=True):
            if _keep(dataset, shown, document, problems) is None:
                continue
            assert document is not None
            report = _validate(dataset, document, ProgressReport)
            if report is not None:
                dataset.reports.append(LoadedReport(document, report))


def _yaml_files(dataset: Dataset, root: Path, folder: Path) -> tuple[list[Path], int | None]:
    """``*.yaml``/``*.yml`` below ``folder``, sorted, without following directory links.

    Listing stops once more than ``MAX_PROGRESS_FILES`` are found, or more than
    ``MAX_PROGRESS_ENTRIES`` entries of any kind are seen, so a folder of a million files or
    folders costs no more than the limit; the limit crossed is returned (else ``None``).  A
    folder that cannot be listed is Y112; a link to a folder is Y113 when it leads outside
    the data directory, else Y121.
    """
    found: list[Path] = []
    seen = 0
    pending = [folder]
    while pending:
        current = pending.pop()
        subdirs: list[Path] = []
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    seen += 1
                    if seen > MAX_PROGRESS_ENTRIES:
                        return sorted(found), MAX_PROGRESS_ENTRIES
                    path = Path(entry.path)
                    if entry.name.lower().endswith(_YAML_SUFFIXES):
                        found.append(path)  # files, and anything else named so: _read says
                        if len(found) > MAX_PROGRESS_FILES:
                            return sorted(found), MAX_PROGRESS_FILES
                    elif _is_dir(entry):
                        if entry.is_symlink():
                            _directory_link(dataset, root, path)
                        else:
                            subdirs.append(path)
        except OSError as exc:
            rel = display_name(current.relative_to(root).as_posix())
            detail = exc.strerror or type(exc).__name__
            dataset.diagnostics.append(dg.make("Y112", Location(rel), detail=detail))
            continue
        pending.extend(sorted(subdirs, reverse=True))
    return sorted(found), None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _directory_link(dataset: Dataset, root: Path, path: Path) -> None:
    rel = display_name(path.relative_to(root).as_posix())
    resolved, problem = _confine(root, path, rel)
    if problem is not None:
        dataset.diagnostics.append(problem)
    elif resolved is not None:
        dataset.diagnostics.append(dg.make("Y121", Location(rel), name=rel))
