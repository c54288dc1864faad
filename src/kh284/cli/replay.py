"""A command's whole result, kept in the cache under everything that made it.

A repeated ``kh284 check`` (or ``validate``, ``tasks``, ``overdue``, ``targets``, ``units``) on
unchanged data prints what it printed before without parsing or checking anything — and
it must print exactly what a ``--no-cache`` run prints, with the same exit code, always.
The output of such a command is a function of: the command line, the environment, the
working directory, which standard streams are terminals (and the terminal's size), the
date, kh284's code, the installed libraries and the bytes of the data files.  The key of a
result is a hash of exactly those:

- the bytes actually checked: the data directory is read once (``load.snapshot``) before
  the key is made, and a miss computes the result from that same reading, never from the
  files read again; a file swapped during a run cannot put its verdict under other bytes;
- kh284's own code (``load.cache.code_digest``: every ``*.py`` of the package), its
  version, the Python running it (version, build, implementation, Unicode database) and
  every installed distribution's name and ``RECORD``, with the size and time of each file
  of the libraries that shape output (``load.cache.environment_digest``, in every key), so
  an edited, patched or upgraded installation never replays another's;
- the arguments as typed, today's date (the default as-of date), the working directory
  (paths are shown relative to it), the whole environment (``GITHUB_WORKSPACE``,
  ``COLUMNS``, ``NO_COLOR``, ``TERM``, ``KH284_*`` …; all but the shell's own bookkeeping)
  and whether each standard stream is a terminal, with the terminal's size, and where the
  tables' width comes from (``cli/width.py``: ``COLUMNS``, stdout's, stderr's or the
  controlling terminal's size).

``lookup`` runs before the command line is parsed (so before typer and pydantic are
imported): it finds the data directory with the function the parsed options use
(``argv.argv_data_dir``: ``--data-dir``, else ``KH284_DATA_DIR``, else ``data``), reads it,
and gives the stored result (a ``Replayed``) to replay to stdout.  On a miss the command
runs as usual; ``run_replayed`` then stores its result — only when the parsed options name
that same data directory, the cache is on, and the result was computed from that very
reading.  ``COMMANDS`` names the commands whose result may be replayed, and ``core`` gives
each one's function (``cli/commands.py``): the app runs a command through them, the replay
knows the names before anything heavy is imported.  A result written to ``--output`` is
replayed after parsing, so the refusals of ``--output`` (an existing file without
``--force``, a link) stay exactly as they are.  Entries are JSON data under the cache's
rules (``load.cache``: a folder only the user may write, written atomically, anything
unexpected a miss).  Commands that write files (``report``, ``template``, ``import``) and
``validate FILE...`` are never replayed.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from kh284.cli.argv import argv_data_dir
from kh284.cli.width import source as width_source

if TYPE_CHECKING:
    from kh284.cli.options import Options
    from kh284.load.cache import Cache
    from kh284.load.snapshot import Snapshot
    from kh284.render import Result

#: A command's core: the run's options and the command's own arguments in, a ``Result`` out.
Core = Callable[..., "Result"]
#: The commands whose result may be replayed (they read the data directory and print).
Command = Literal["validate", "check", "tasks", "overdue", "targets", "missing", "units"]
COMMANDS: frozenset[str] = frozenset(get_args(Command))


def core(command: Command) -> Core:
    """The function that makes ``command``'s result (imports the pipeline)."""
    from kh284.cli import commands

    match command:
        case "validate":
            return commands.run_validate
        case "check":
            return commands.run_check
        case "tasks" | "overdue":
            return commands.run_tasks
        case "targets":
            return commands.run_targets
        case "missing":
            return commands.run_missing
        case "units":
            return commands.run_units


#: Environment variables that never shape output: the shell's bookkeeping.
_VOLATILE = frozenset({"_", "OLDPWD", "SHLVL", "PWD"})
#: Arguments after which nothing is replayed (they print something else, or ask for no cache).
_NOT_REPLAYED = frozenset({"--no-cache", "--help", "-h", "--version"})


@dataclass(frozen=True)
class Replayed:
    """A command's whole result as the cache keeps it (``load.codec``'s ``result`` entry).

    ``lang`` is the language of a result for stdout, empty for one written to ``--output``
    (replayed only after parsing, so that ``--output``'s refusals stay as they are);
    ``machine`` is the ``Result``'s: a program's format, written as UTF-8 bytes.
    """

    output: str
    summary: str
    exit_code: int
    lang: str
    machine: bool = False

    @property
    def to_stdout(self) -> bool:
        """True for a result that may be replayed before the command line is parsed."""
        return bool(self.lang)

    def result(self) -> Result:
        """The ``Result`` the command gave."""
        from kh284.render import Result

        return Result(self.output, self.summary, self.exit_code, self.machine)

    def entry(self) -> tuple[Any, ...]:
        """The cache's payload for this result."""
        return ("result", self.output, self.summary, self.exit_code, self.lang, self.machine)

    @classmethod
    def of(cls, entry: tuple[Any, ...] | None) -> Replayed | None:
        """The result in the cache's payload ``entry``, or ``None`` for anything else."""
        if entry is None or len(entry) != 6 or entry[0] != "result":
            return None
        _, output, summary, exit_code, lang, machine = entry
        texts = (output, summary, lang)
        if not all(type(t) is str for t in texts) or type(exit_code) is not int:
            return None
        if type(machine) is not bool:
            return None
        return cls(output, summary, exit_code, lang, machine)


@dataclass(frozen=True)
class Early:
    """What ``replay_early`` read: the command line, its data directory and the key."""

    argv: tuple[str, ...]
    data_dir: Path
    snapshot: Snapshot
    key: str
    day: dt.date
    cache: Cache


#: Set by ``replay_early`` in the process that ``kh284`` started (never by a test runner
#: that calls the app with other arguments).
_early: Early | None = None


def lookup(argv: list[str]) -> Replayed | None:
    """The stored result of the command line ``argv`` (``sys.argv[1:]``), or ``None``.

    Also remembers the reading and the key for ``run_replayed``.  Anything unexpected here
    is left to the normal run (which then reads again and says what is wrong).
    """
    global _early
    _early = None
    if not argv or argv[0] not in COMMANDS or _NOT_REPLAYED.intersection(argv):
        return None
    if sys.stdout is None or sys.stderr is None:
        return None
    try:
        data_dir = argv_data_dir(argv[1:])
        if data_dir is None or not data_dir.is_dir():
            return None
        from kh284.load.cache import open_cache  # here: `kh284 --version` needs none of it

        cache = open_cache(True, quiet=True)  # a refusal is said once, by the run that follows
        if not cache.enabled:
            return None
        from kh284.load.snapshot import take

        snapshot = take(data_dir)
        day = today()
        key = cache.key(fingerprint(argv, data_dir, snapshot.digest(), day))
        if key is None:
            return None
        _early = Early(tuple(argv), data_dir, snapshot, key, day, cache)
        return Replayed.of(cache.get("result", key))
    except Exception:
        _early = None
        return None


def read_ahead() -> None:
    """On a miss, begin parsing the progress reports ``lookup`` read, in worker processes.

    They parse while this process parses its command line and loads the models; the run
    takes them over if it reads that same reading (``load.reading.iter_read``), and they are
    stopped at exit otherwise.
    """
    if _early is None:
        return
    from kh284.cli.output import at_exit
    from kh284.load.reading import read_ahead as begin
    from kh284.load.reading import stop_ahead

    at_exit(stop_ahead)
    begin(_early.snapshot.progress, _early.cache)


def run_replayed(options: Options, command: Command, kwargs: dict[str, Any]) -> Result:
    """The result of ``command`` (its ``core``): replayed when stored, stored when it may be.

    Replayed and stored only for the command line ``lookup`` saw (``sys.argv``), once.
    """
    global _early

    def compute() -> Result:
        result: Result = core(command)(options, **kwargs)
        return result

    early, _early = _early, None
    if (
        early is None
        or early.argv != tuple(sys.argv[1:])
        or early.argv[0] != command
        or kwargs.get("files")
        or options.data_dir != early.data_dir
        or not options.cache
    ):
        return compute()
    cache = options.open_cache()
    if not cache.enabled:
        return compute()
    stored = Replayed.of(cache.get("result", early.key))
    if stored is not None:
        return stored.result()
    options.snapshot = early.snapshot
    result = compute()
    # stored only if computed from that reading, on the day of the key (a run that crosses
    # midnight may have taken either day as its default as-of date)
    if early.snapshot.used and isinstance(result.output, str) and today() == early.day:
        lang = options.lang if options.output is None else ""
        done = Replayed(result.output, result.summary, result.exit_code, lang, result.machine)
        cache.put("result", early.key, done.entry())
    return result


def fingerprint(argv: list[str], data_dir: Path, data: str, day: dt.date) -> bytes:
    """Everything a result depends on besides kh284's code (which the cache key adds)."""
    import hashlib
    import shutil

    hasher = hashlib.blake2b(digest_size=32)

    def part(text: str) -> None:
        raw = text.encode("utf-8", "surrogatepass")
        hasher.update(len(raw).to_bytes(8, "little"))
        hasher.update(raw)

    part("result 1")
    part(sys.version)
    part(sys.executable)
    for name in installed():
        part(name)
    part(repr(argv))
    part(repr(str(data_dir)))
    part(day.isoformat())
    part(os.getcwd())
    for name, value in sorted(os.environ.items()):
        if name not in _VOLATILE:
            part(f"{name}={value}")
    ttys = [_isatty(stream) for stream in (sys.stdin, sys.stdout, sys.stderr)]
    part(repr(ttys))
    if any(ttys):
        part(repr(shutil.get_terminal_size()))
    # where the tables' width comes from: piped, it may be stderr's or /dev/tty's terminal
    part(repr(width_source()))
    part(data)
    return hasher.digest()


def today() -> dt.date:
    """Today's date, which is the default as-of date."""
    return dt.date.today()


def _isatty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):
        return False


def installed() -> list[str]:
    """The ``*.dist-info`` names (which carry the versions) on ``sys.path``, sorted.

    The key covers more than these names: ``load.cache.environment_digest`` (in every key)
    hashes each one's ``RECORD`` and the files of the libraries that shape output.
    """
    from kh284.load.cache import distributions

    return sorted(name for _, name in distributions())


__all__ = ["COMMANDS", "Command", "Replayed", "core", "fingerprint", "lookup", "run_replayed"]
