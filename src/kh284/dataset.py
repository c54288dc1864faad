"""Loading a whole data directory: the four plan files and every progress report.

``load_dataset`` reads each file on its own, so one broken file never stops the others from
being checked.  Paths are confined to the data directory: a symlink that leads outside is a
diagnostic, not a read.  The result holds typed models (``None`` where a file failed) and
every diagnostic found so far.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Location
from kh284.loader import Document, load_file
from kh284.models import EventsFile, PlanFile, ProgressReport, TargetsFile, UnitsFile
from kh284.schema import validate

M = TypeVar("M", bound=BaseModel)

#: At most this many progress files are read (see README, "Limits").
MAX_PROGRESS_FILES = 20_000
PROGRESS_DIR = "progress"


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

    @property
    def complete(self) -> bool:
        """True when the four plan files all loaded, so evaluation can run."""
        return None not in (self.plan, self.units, self.targets, self.events)


class DataDirError(Exception):
    """The data directory itself is missing or not a directory (exit code 2)."""


def load_dataset(data_dir: Path) -> Dataset:
    """Read and schema-check every file of ``data_dir``."""
    if not data_dir.is_dir():
        raise DataDirError(str(data_dir))
    dataset = Dataset(data_dir)
    root = data_dir.resolve()
    dataset.plan = _load_core(dataset, root, "plan.yaml", PlanFile)
    dataset.units = _load_core(dataset, root, "units.yaml", UnitsFile)
    dataset.targets = _load_core(dataset, root, "targets.yaml", TargetsFile)
    dataset.events = _load_core(dataset, root, "events.yaml", EventsFile)
    _load_progress(dataset, root)
    return dataset


def _load_core(dataset: Dataset, root: Path, name: str, model: type[M]) -> M | None:
    path = root / name
    if not path.exists() and not path.is_symlink():
        dataset.diagnostics.append(dg.make("Y114", Location(name), name=name))
        return None
    document = _read(dataset, root, path, name)
    if document is None:
        return None
    instance, problems = validate(document, model)
    dataset.diagnostics.extend(problems)
    return instance


def _read(dataset: Dataset, root: Path, path: Path, rel: str) -> Document | None:
    outside = _outside(root, path)
    if outside is not None:
        dataset.diagnostics.append(dg.make("Y113", Location(rel), target=outside))
        return None
    document, problems = load_file(path, rel)
    dataset.diagnostics.extend(problems)
    if document is not None:
        dataset.documents[rel] = document
    return document


def _outside(root: Path, path: Path) -> str | None:
    """The resolved target when ``path`` leads outside ``root``, else ``None``."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return str(path)
    if resolved == root or root in resolved.parents:
        return None
    return str(resolved)


def _load_progress(dataset: Dataset, root: Path) -> None:
    progress = root / PROGRESS_DIR
    if not progress.exists():
        return
    outside = _outside(root, progress)
    if outside is not None:
        dataset.diagnostics.append(dg.make("Y113", Location(PROGRESS_DIR), target=outside))
        return
    for count, path in enumerate(_yaml_files(progress), start=1):
        rel = path.relative_to(root).as_posix()
        if count > MAX_PROGRESS_FILES:
            dataset.diagnostics.append(
                dg.make("Y116", Location(PROGRESS_DIR), limit=MAX_PROGRESS_FILES)
            )
            return
        document = _read(dataset, root, path, rel)
        if document is None:
            continue
        report, problems = validate(document, ProgressReport)
        dataset.diagnostics.extend(problems)
        if report is not None:
            dataset.reports.append(LoadedReport(document, report))


def _yaml_files(folder: Path) -> list[Path]:
    """``*.yaml``/``*.yml`` below ``folder``, sorted, without following directory links."""
    found: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False, onerror=None):
        dirs.sort()
        base = Path(current)
        found.extend(
            base / name for name in sorted(files) if name.lower().endswith((".yaml", ".yml"))
        )
        found.extend(base / name for name in dirs if name.lower().endswith((".yaml", ".yml")))
        if len(found) > MAX_PROGRESS_FILES:
            break
    return sorted(found)
