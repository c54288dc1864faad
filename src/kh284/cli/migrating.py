"""The ``migrate`` command: a data directory rewritten in the current format.

kh284 reads every format it has shipped (``load.migrate``); ``kh284 migrate`` writes the
files again in the current one, with ruamel.yaml's round trip, so comments, key order,
quoting and blank lines stay.  It prints what it changes, file by file (``--diff``: a
unified diff, nothing written); ``--check`` writes nothing and exits 1 when a migration is
needed.  The directory is read once (``load.snapshot``) and checked like ``validate``
checks it: an error in a file the migration rewrites (or the format's own, S231) blocks
it, and then nothing is written (S233).  So does a file the round trip could not write
back faithfully (S234).  Each file is written atomically (``cli.atomic``), the plan last,
so an interrupted run leaves the older format declared and can simply be run again.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kh284.cli.declarations import Lang
from kh284.cli.output import data_dir_missing, fail, write_file, write_stdout
from kh284.i18n import word

if TYPE_CHECKING:
    from kh284.diagnostics import Diagnostic
    from kh284.load.migrate import Rewritten
    from kh284.load.snapshot import FileRead


@dataclass
class Migration:
    """What migrating one data directory takes: its format, its files, what stops it."""

    data_dir: Path
    found: int | None
    #: The files rewritten, in the order they are written (the plan last).
    files: list[tuple[FileRead, Rewritten]] = field(default_factory=list)
    #: Errors that stop the migration (nothing is written when there is one).
    blockers: list[Diagnostic] = field(default_factory=list)
    #: Values the migration could not infer (S232), at their line in the new text.
    guesses: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> list[tuple[FileRead, Rewritten]]:
        """The files whose text changes."""
        return [(read, new) for read, new in self.files if new.changed]


def prepare(data_dir: Path) -> Migration:
    """Read ``data_dir`` once, check it, and rewrite in memory what is in an older format."""
    from kh284 import diagnostics as dg
    from kh284.diagnostics import Location, Severity
    from kh284.load import migrate
    from kh284.load.registry import BY_KIND
    from kh284.load.snapshot import take
    from kh284.validate.dataset import load_dataset

    snapshot = take(data_dir)
    dataset = load_dataset(data_dir, snapshot=snapshot)
    found = dataset.format
    result = Migration(data_dir, found)
    if found == migrate.CURRENT:
        return result
    kinds = migrate.touched(found) if found is not None else (migrate.VERSIONED,)
    names = {BY_KIND[kind].name for kind in kinds}
    result.blockers = [
        d
        for d in sorted(dataset.diagnostics, key=dg.Diagnostic.sort_key)
        if d.severity >= Severity.ERROR and d.location.file in names
    ]
    if result.blockers or found is None:
        where = Location(BY_KIND[migrate.VERSIONED].name)
        result.blockers.append(dg.make("S233", where, count=len(result.blockers)))
        return result
    reads = {kind.kind: read for kind, read in snapshot.plan}
    order = [k for k in kinds if k != migrate.VERSIONED] + [migrate.VERSIONED]
    for kind in order:
        read = reads.get(kind)
        if read is None or read.raw is None or read.shown not in dataset.documents:
            continue
        expected = dataset.documents[read.shown].data  # migrated in memory when loaded
        rewritten = migrate.rewrite(read.raw, read.shown, kind, found, expected)
        if rewritten.problem is not None:
            result.blockers.append(rewritten.problem)
        result.guesses += rewritten.guesses
        result.files.append((read, rewritten))
    return result


def shown(data_dir: Path, file: str) -> str:
    """``file`` of the data directory as seen from the working directory, printable."""
    from kh284.diagnostics.catalogue import printable

    full = os.path.abspath(data_dir / file)
    try:
        return printable(os.path.relpath(full))
    except ValueError:  # another drive
        return printable(full)


def diagnostic_line(data_dir: Path, diag: Diagnostic, lang: str) -> str:
    """``file:line:col: severity CODE message``."""
    loc = diag.location
    where = shown(data_dir, loc.file)
    if loc.line is not None:
        where += f":{loc.line}:{loc.column or 1}"
    return f"{where}: {diag.severity.label} {diag.code} {diag.message(lang)}\n"


def changes(migration: Migration, lang: str) -> str:
    """What the migration changes, file by file: each line added or removed."""
    from kh284.diagnostics.catalogue import printable
    from kh284.load.migrate import CURRENT

    out = []
    for read, new in migration.changed:
        path = shown(migration.data_dir, read.shown)
        found = migration.found
        out.append(word("migrate.file", lang, file=path, found=found, current=CURRENT) + "\n")
        for number, text in new.removed():
            out.append(f"  {path}:{number}: - {printable(text)}\n")
        for number, text in new.added():
            out.append(f"  {path}:{number}: + {printable(text)}\n")
    return "".join(out)


def migrate(*, data_dir: Path, lang: Lang, check: bool, diff: bool) -> None:
    """Rewrite every data file in the current format, comments kept."""
    from kh284.diagnostics.catalogue import printable
    from kh284.load.migrate import CURRENT
    from kh284.load.snapshot import DataDirError

    language = lang.value
    try:
        migration = prepare(data_dir)
    except DataDirError:
        data_dir_missing(data_dir, language)
    if migration.blockers:
        lines = [diagnostic_line(data_dir, d, language) for d in migration.blockers]
        write_stdout("".join(lines), language)
        raise SystemExit(1)
    needed = migration.changed
    if not needed:
        sys.stderr.write(word("migrate.current", language, current=CURRENT) + "\n")
        raise SystemExit(0)
    if diff:
        text = "".join(new.diff(shown(data_dir, read.shown)) for read, new in needed)
    else:
        text = changes(migration, language)
    text += "".join(diagnostic_line(data_dir, d, language) for d in migration.guesses)
    write_stdout(text, language)
    command = f"kh284 migrate --data-dir {printable(str(data_dir))}"
    if check or diff:
        key = "migrate.needed" if check else "migrate.diff_only"
        sys.stderr.write(word(key, language, command=command, current=CURRENT) + "\n")
        raise SystemExit(1 if check else 0)
    _write(migration, language)
    sys.stderr.write(word("migrate.done", language, count=len(needed), current=CURRENT) + "\n")
    raise SystemExit(0)


def _write(migration: Migration, lang: str) -> None:
    """Write each changed file atomically, the plan last; stop if one changed meanwhile."""
    from kh284.load.exact import read_bytes

    for read, new in migration.changed:
        path, name = migration.data_dir / read.shown, shown(migration.data_dir, read.shown)
        now, _ = read_bytes(path, read.shown)
        if now != read.raw:
            fail(word("migrate.changed_meanwhile", lang, path=name))
        write_file(path, new.new.encode("utf-8"), True, lang)
        sys.stderr.write(word("common.wrote", lang, path=name) + "\n")
