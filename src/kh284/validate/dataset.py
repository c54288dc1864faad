"""Loading a whole data directory: every kind of file the registry names.

``load_dataset`` reads each file on its own, so one broken file never stops the others from
being checked.  Which files may be read (confinement, limits) is ``kh284.load.files``; how
they are read is ``kh284.load.reading``; here each document is checked against the model
the registry (``kh284.load.registry``) names.  The result holds typed models (``None``
where a file failed or is absent) and every diagnostic found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location
from kh284.load import migrate
from kh284.load.cache import Cache
from kh284.load.exact import Document
from kh284.load.files import display_name
from kh284.load.reading import iter_read, paused_gc, read_document
from kh284.load.registry import WAIVERS, FileKind
from kh284.load.snapshot import DataDirError, FileRead, Snapshot, take
from kh284.validate.models import (
    EventsFile,
    PlanFile,
    ProgressReport,
    TargetsFile,
    UnitsFile,
    WaiversFile,
    model_of,
)
from kh284.validate.schema_errors import validate

#: At most this many schema findings are listed for one file (see README, "Limits").
MAX_SCHEMA_PROBLEMS = 100

__all__ = ["DataDirError", "Dataset", "LoadedReport", "display_name", "load_dataset"]


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
    #: ``waivers.yaml`` when the data directory has one and it passed its schema.
    waivers: WaiversFile | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    reports: list[LoadedReport] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Bytes of the files admitted so far, against ``load.files.MAX_TOTAL_BYTES``.
    bytes_read: int = 0
    over_budget: bool = False
    cache: Cache = field(default_factory=lambda: Cache(None))
    #: The format the data is written in (``plan.yaml``'s ``format``, 1 without it; ``None``
    #: when unreadable): an older one is migrated in memory (``load.migrate``).
    format: int | None = None

    @property
    def file_count(self) -> int:
        """How many data files were read."""
        return len(self.documents)

    @property
    def report_count(self) -> int:
        """How many progress reports passed their schema."""
        return len(self.reports)

    @property
    def complete(self) -> bool:
        """True when the four plan files all loaded, so evaluation can run."""
        return None not in (self.plan, self.units, self.targets, self.events)


def load_dataset(
    data_dir: Path,
    cache: Cache | None = None,
    extra: list[Document] | None = None,
    snapshot: Snapshot | None = None,
) -> Dataset:
    """Read and schema-check every file of ``data_dir`` (through ``cache`` if given).

    The files are those of ``snapshot`` — every admitted file's bytes, read once — taken
    now unless given.  ``extra`` documents (a workbook being imported) are checked as
    progress reports after the files on disk, exactly like them.
    """
    if not data_dir.is_dir():
        raise DataDirError(str(data_dir))
    if snapshot is None:
        snapshot = take(data_dir)
    snapshot.used = True
    dataset = Dataset(data_dir, cache=cache or Cache(None))
    dataset.diagnostics.extend(snapshot.diagnostics)
    dataset.bytes_read, dataset.over_budget = snapshot.bytes_read, snapshot.over_budget
    replaced = {document.file for document in extra or []}
    progress = [read for read in snapshot.progress if read.shown not in replaced]
    # the progress reports start parsing in the background while the plan files load
    with iter_read(progress, dataset.cache) as reading:  # leaving early stops the workers
        for kind, read in snapshot.plan:
            setattr(dataset, kind.kind, _load_one(dataset, read, kind))
        _load_progress(dataset, progress, reading)
    for document in extra or []:
        _keep(dataset, document.file, document, [])
        _add_report(dataset, document)
    dataset.waivers = _load_one(dataset, snapshot.waivers, WAIVERS)
    dataset.cache.flush()  # the entries of what was parsed, each pack written once
    return dataset


def _load_one(dataset: Dataset, read: FileRead | None, kind: FileKind) -> Any:
    """One single-file kind, parsed and checked against its model (``None`` if it failed)."""
    if read is None:
        return None
    document, problems = read_document(read, dataset.cache)
    if _keep(dataset, kind.name, document, problems) is None:
        return None
    assert document is not None
    _upgrade(dataset, kind.kind, document)
    return _validate(dataset, document, model_of(kind.kind))


def _upgrade(dataset: Dataset, kind: str, document: Document) -> None:
    """Migrate an older format in memory before the file meets its model (S230 once)."""
    if kind == migrate.VERSIONED:
        dataset.format = migrate.declared(document.data)
        data = document.data
        has_key = isinstance(data, dict) and migrate.FORMAT_KEY in data
        where = document.location((migrate.FORMAT_KEY,)) if has_key else None
        shown = str(dataset.data_dir)
        found = migrate.version_finding(dataset.format, document.file, where, shown)
        if found is not None:
            dataset.diagnostics.append(found)
    if dataset.format is not None and 1 <= dataset.format < migrate.CURRENT:
        # the positions were read for the data as written: make the map before it changes
        _ = document.source_map
    migrate.upgrade(kind, document.data, dataset.format)


def _validate(dataset: Dataset, document: Document, model: type[BaseModel]) -> Any:
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


def _load_progress(
    dataset: Dataset,
    admitted: list[FileRead],
    read: Iterator[tuple[Document | None, list[Diagnostic]]],
) -> None:
    with paused_gc():
        for file, (document, problems) in zip(admitted, read, strict=True):
            if _keep(dataset, file.shown, document, problems) is None:
                continue
            assert document is not None
            _add_report(dataset, document)


def _add_report(dataset: Dataset, document: Document) -> None:
    _upgrade(dataset, "progress", document)
    report = _validate(dataset, document, ProgressReport)
    if report is not None:
        dataset.reports.append(LoadedReport(document, report))
