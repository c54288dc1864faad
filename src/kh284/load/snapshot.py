"""One reading of a data directory: every admitted file's bytes, read once, and a digest.

``take`` admits the files the registry names (confinement, limits: ``load.files``) and reads
the bytes of each one, once.  Everything after works on those bytes: the parse (through the
per-file cache), the checks, and the digest that keys a whole command's result in the cache
(``cli/replay.py``).  So a result can only ever be stored or found under the bytes it was
computed from: a file swapped while a run is in progress changes neither the verdict of
that run nor what a later run finds in the cache.

The order of the findings is the order of the reads before this module existed: admission
first (plan files, progress folder, waivers), then each file's own read problem when the
file is loaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kh284.diagnostics import Diagnostic
from kh284.load.exact import read_bytes
from kh284.load.files import admit_file, admit_folder
from kh284.load.registry import PLAN_FILES, PROGRESS, WAIVERS, FileKind


class DataDirError(Exception):
    """The data directory itself is missing or not a directory (exit code 2)."""


@dataclass(frozen=True)
class FileRead:
    """One admitted file: its name as shown, and its bytes or why they could not be read."""

    shown: str
    raw: bytes | None
    problems: list[Diagnostic]


@dataclass
class Snapshot:
    """The admitted files of one data directory, read once."""

    data_dir: Path
    #: Admission findings (missing files, links, limits), in admission order.
    diagnostics: list[Diagnostic] = field(default_factory=list)
    bytes_read: int = 0
    over_budget: bool = False
    #: One entry per plan file kind, in ``PLAN_FILES`` order; ``None`` when not admitted.
    plan: list[tuple[FileKind, FileRead | None]] = field(default_factory=list)
    progress: list[FileRead] = field(default_factory=list)
    waivers: FileRead | None = None
    #: Set when a data set was loaded from it (a result is stored only then).
    used: bool = False

    def digest(self) -> str:
        """A hash of everything read: each file's name and bytes (or problems), and findings.

        Two snapshots with the same digest give the same data set, so the same verdict.
        """
        hasher = hashlib.blake2b(digest_size=20)

        def part(data: bytes) -> None:
            hasher.update(len(data).to_bytes(8, "little"))
            hasher.update(data)

        part(f"{self.bytes_read} {self.over_budget}".encode())
        for diag in self.diagnostics:
            part(repr(diag).encode("utf-8", "surrogatepass"))
        files = [read for _, read in self.plan] + [None, *self.progress, None, self.waivers]
        for read in files:
            if read is None:
                part(b"\0-")
                continue
            part(read.shown.encode("utf-8", "surrogatepass"))
            if read.raw is None:
                part(b"\0!" + repr(read.problems).encode("utf-8", "surrogatepass"))
            else:
                part(b"\0=" + read.raw)
        return hasher.hexdigest()


def take(data_dir: Path) -> Snapshot:
    """Admit and read every data file of ``data_dir``."""
    if not data_dir.is_dir():
        raise DataDirError(str(data_dir))
    snapshot = Snapshot(data_dir)
    root = data_dir.resolve()
    # the plan files are admitted (and counted against the byte budget) first
    plan_paths = [admit_file(snapshot, root, kind.name, required=True) for kind in PLAN_FILES]
    admitted = admit_folder(snapshot, root, PROGRESS.name)
    waivers_path = admit_file(snapshot, root, WAIVERS.name, required=False)
    snapshot.plan = [
        (kind, None if path is None else _read(path, kind.name))
        for kind, path in zip(PLAN_FILES, plan_paths, strict=True)
    ]
    snapshot.progress = [_read(path, shown) for path, shown in admitted]
    snapshot.waivers = None if waivers_path is None else _read(waivers_path, WAIVERS.name)
    return snapshot


def _read(path: Path, shown: str) -> FileRead:
    raw, problems = read_bytes(path, shown)
    return FileRead(shown, raw, problems)


__all__ = ["DataDirError", "FileRead", "Snapshot", "take"]
