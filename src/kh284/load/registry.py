"""The kinds of data file a data directory holds: the one registry.

Loading, waivers, ``kh284 schema``, the committed JSON Schemas, the editors' schema
headers and the command line all read this table.  Each kind names its file (or, for
progress reports, its folder), whether a data directory must have it, the pydantic model
in ``kh284.validate.models`` that checks it, and its JSON Schema file under ``schemas/``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    """One kind of data file."""

    kind: str
    #: The file name in the data directory, or the folder whose ``*.yaml`` files it is.
    name: str
    #: The model's name in ``kh284.validate.models``.
    model: str
    required: bool
    #: True for a folder of files (the name is a folder).
    folder: bool = False

    @property
    def schema_file(self) -> str:
        """The JSON Schema's file name under ``schemas/``."""
        return f"{self.kind}.schema.json"


#: Every kind, in loading order: the plan files first, then reports, then waivers.
KINDS: tuple[FileKind, ...] = (
    FileKind("plan", "plan.yaml", "PlanFile", required=True),
    FileKind("units", "units.yaml", "UnitsFile", required=True),
    FileKind("targets", "targets.yaml", "TargetsFile", required=True),
    FileKind("events", "events.yaml", "EventsFile", required=True),
    FileKind("progress", "progress", "ProgressReport", required=False, folder=True),
    FileKind("waivers", "waivers.yaml", "WaiversFile", required=False),
)
BY_KIND: dict[str, FileKind] = {k.kind: k for k in KINDS}
#: The plan files: the required single files, without which nothing can be evaluated.
PLAN_FILES: tuple[FileKind, ...] = tuple(k for k in KINDS if k.required)
PROGRESS: FileKind = BY_KIND["progress"]
WAIVERS: FileKind = BY_KIND["waivers"]
YAML_SUFFIXES = (".yaml", ".yml")


def kind_of(name: str) -> FileKind | None:
    """The kind of the file ``name`` (relative to the data directory, with ``/``)."""
    for kind in KINDS:
        if kind.folder:
            if name.startswith(kind.name + "/") and name.lower().endswith(YAML_SUFFIXES):
                return kind
        elif name == kind.name:
            return kind
    return None
