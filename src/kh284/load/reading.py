"""Reading data files fast: the cache first, then libyaml, the exact loader only if needed.

``read_document`` returns a ``Document`` for one file.  A file the fast path can read
becomes a ``LazyDocument``: its values are there at once, with the positions read in the
same pass as compact integers; a diagnostic's position is found from them directly
(``fast.locate``), the whole source map made only when something asks for it, and every
``file:line:col`` is what the exact loader would give.
``iter_read`` does the same for many files, parsing cache misses in worker processes when
there are enough of them (each hands back the cache entry of what it parsed, which the
parent stores, ``Cache.flush`` writing them at the end of the loading), with the cyclic
garbage collector paused while the objects are built.  Each file's bytes are read
once: its cache key, its parse and its positions all come from the same bytes.

The workers ignore Ctrl-C; the parent, interrupted (or stopped early for any reason),
kills them at once, so none is left running or holding the terminal's streams.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import signal
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kh284.diagnostics import Diagnostic, Location
from kh284.load.cache import Cache
from kh284.load.exact import Document, PathKey, SourceMap, decode, load_text
from kh284.load.fast import fast_read, locate, positions
from kh284.load.snapshot import FileRead

if TYPE_CHECKING:  # the workers' modules load only when workers start (a cold run of a few
    # files never starts any)
    from concurrent.futures import Future, ProcessPoolExecutor

#: Below this many files, parsing in worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
#: Files handed to a worker at a time.
CHUNK = 64

Payload = tuple[Any, ...]


class LazyDocument(Document):
    """A document read by the fast path; its source map is made on first use."""

    #: Positions found one by one before the whole map is made: a file with many findings
    #: (the plan, read by every cross-file check) is served faster by the map.
    ONE_BY_ONE = 8

    def __init__(self, file: str, data: Any, marks: Sequence[int]) -> None:
        self.file = file
        self.data = data
        self._marks: Sequence[int] | None = marks
        self._map: SourceMap | None = None
        self._found = 0

    @property
    def source_map(self) -> SourceMap:
        """The exact loader's source map, made once from the positions, when first asked for."""
        if self._map is None:
            self._map = positions(self.data, self._marks or ())
            self._marks = None
        return self._map

    @source_map.setter
    def source_map(self, value: SourceMap) -> None:
        self._map = value

    def location(self, path: PathKey, *, key: bool = False) -> Location:
        """Where ``path`` is, found from the positions without making the whole map."""
        self._found += 1
        if self._map is not None or self._marks is None or self._found > self.ONE_BY_ONE:
            return super().location(path, key=key)
        line, column = locate(self.data, self._marks, path, key=key)
        return Location(self.file, line, column, path)


def parse(raw: bytes, rel: str) -> Payload:
    """What reading ``raw`` gives: fast data, exact data with a map, or diagnostics.

    The payload is ``("fast", data, marks)`` (the positions ``fast.fast_read`` keeps),
    ``("exact", data, map)`` or ``("fail", problems)``.
    """
    text, problems = decode(raw, rel)
    if text is None:
        return ("fail", problems)
    read = fast_read(text)
    if read is not None:
        return ("fast", *read)
    document, problems = load_text(text, rel)
    if document is None:
        return ("fail", problems)
    return ("exact", document.data, document.source_map)


def _parse_chunk(chunk: list[tuple[bytes, str, str | None]], encode: bool) -> list[Payload | bytes]:
    """In a worker: parse each file; with ``encode``, hand it back as its cache entry.

    An entry is JSON the parent reads faster than it would unpickle the values
    (``codec.decode``, as from the cache) and stores as it is; without a cache (or for a
    payload that cannot be stored), the values themselves.
    """
    from kh284.load import codec

    results: list[Payload | bytes] = []
    with paused_gc():
        for raw, rel, key in chunk:
            payload = parse(raw, rel)
            entry = codec.encode(payload, key) if key and encode else None
            results.append(payload if entry is None else entry)
    return results


def _build(payload: Payload, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    kind = payload[0]
    if kind == "fast":
        return LazyDocument(rel, payload[1], payload[2]), []
    if kind == "exact":
        return Document(rel, payload[1], payload[2]), []
    return None, [_restamp(d, rel) for d in payload[1]]


def _restamp(diag: Diagnostic, rel: str) -> Diagnostic:
    """A cached diagnostic of identical content under another name points at ``rel``."""
    if diag.location.file == rel:
        return diag
    return dataclasses.replace(diag, location=dataclasses.replace(diag.location, file=rel))


def read_document(read: FileRead, cache: Cache) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one data file's bytes (read once, by the snapshot) through their cache entry."""
    raw, rel = read.raw, read.shown
    if raw is None:
        return None, read.problems
    key = cache.key(raw)
    payload = cache.get("file", key) if key else None
    if payload is None:
        payload = parse(raw, rel)
        if key:
            cache.put("file", key, payload)
    return _build(payload, rel)


class Reading:
    """The results of ``iter_read``, in order; ``close`` stops any worker still running.

    Use it as a context manager: leaving the block early — an error, Ctrl-C — kills the
    worker processes at once instead of waiting for them.
    """

    def __init__(self, looked_up: _LookedUp, cache: Cache, workers: _Workers | None) -> None:
        known, misses = looked_up
        self._workers = workers
        self._results = _deliver(known, misses, self._workers, cache)

    def __iter__(self) -> Iterator[tuple[Document | None, list[Diagnostic]]]:
        return self

    def __next__(self) -> tuple[Document | None, list[Diagnostic]]:
        return next(self._results)

    def __enter__(self) -> Reading:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading: workers still busy are killed, finished ones are let go."""
        self._results.close()
        if self._workers is not None:
            self._workers.close()


def iter_read(items: Sequence[FileRead], cache: Cache) -> Reading:
    """Parse many data files, yielding each result in order as soon as it is ready.

    Cache misses are handed to worker processes (when there are enough of them) before
    this returns, so the caller can do other work — and validate the first results — while
    the workers still parse.  Each file's bytes were read once, by the snapshot: the key,
    the parse and the positions all come from those bytes.  When ``read_ahead`` began
    reading these very reads, its look-ups and workers are taken over.
    """
    global _ahead
    ahead, _ahead = _ahead, None
    if ahead is not None:
        begun, looked_up, workers = ahead
        if len(begun) == len(items) and all(a is b for a, b in zip(begun, items, strict=True)):
            return Reading(looked_up, cache, workers)
        workers.kill()  # begun for other reads: of no use
    looked_up = _look_up(items, cache)
    return Reading(looked_up, cache, _Workers.start(looked_up[1], cache.enabled))


#: What a look-up in the cache gives: each read's result when known, and the misses (the
#: index of the read, its bytes, its name and its key).
_LookedUp = tuple[
    list[tuple[Document | None, list[Diagnostic]] | None],
    list[tuple[int, bytes, str, str | None]],
]
#: The reading ``read_ahead`` began: the reads, their look-up and the workers parsing.
_ahead: tuple[list[FileRead], _LookedUp, _Workers] | None = None


def _look_up(items: Sequence[FileRead], cache: Cache) -> _LookedUp:
    known: list[tuple[Document | None, list[Diagnostic]] | None] = [None] * len(items)
    misses: list[tuple[int, bytes, str, str | None]] = []
    with paused_gc():
        for i, read in enumerate(items):
            raw, rel = read.raw, read.shown
            if raw is None:
                known[i] = (None, read.problems)
                continue
            key = cache.key(raw)
            payload = cache.get("file", key) if key else None
            if payload is None:
                misses.append((i, raw, rel, key))
            else:
                known[i] = _build(payload, rel)
    return known, misses


def read_ahead(items: Sequence[FileRead], cache: Cache) -> None:
    """Begin reading ``items`` now, for an ``iter_read`` of the same reads to come.

    The console run calls it as soon as it has read the data directory, before it parses
    its command line and loads the models: the worker processes parse the cache's misses
    meanwhile.  Nothing begins when there are too few misses for workers.  ``stop_ahead``
    kills the workers if nothing took them over.
    """
    global _ahead
    stop_ahead()
    looked_up = _look_up(items, cache)
    workers = _Workers.start(looked_up[1], cache.enabled)
    if workers is not None:
        _ahead = (list(items), looked_up, workers)


def stop_ahead() -> None:
    """Kill the workers ``read_ahead`` started, if ``iter_read`` did not take them over."""
    global _ahead
    ahead, _ahead = _ahead, None
    if ahead is not None:
        ahead[2].kill()


def _deliver(
    known: list[tuple[Document | None, list[Diagnostic]] | None],
    misses: list[tuple[int, bytes, str, str | None]],
    workers: _Workers | None,
    cache: Cache,
) -> Generator[tuple[Document | None, list[Diagnostic]], None, None]:
    pending = iter(misses)
    parsed: Iterator[Payload | bytes]
    parsed = workers.results() if workers is not None else _parse_here(misses)
    for result in known:
        if result is not None:
            yield result
            continue
        _, raw, rel, key = next(pending)
        with paused_gc():
            got = next(parsed)
            payload: Payload
            if isinstance(got, bytes):  # the cache entry a worker made of it, under its key
                payload = (_entry_payload(got, key) if key else None) or parse(raw, rel)
                if key:
                    cache.store("file", key, got)
            else:
                payload = got
                if key:
                    cache.put("file", key, payload)
            built = _build(payload, rel)
        yield built
    if workers is not None:
        workers.close()


def _entry_payload(entry: bytes, key: str) -> Payload | None:
    from kh284.load import codec

    return codec.decode(entry, key, own=True)


def _parse_here(misses: list[tuple[int, bytes, str, str | None]]) -> Iterator[Payload]:
    return (parse(raw, rel) for _, raw, rel, _ in misses)


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it then stops the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Workers:
    """Worker processes parsing the misses in chunks; killed if not waited for to the end."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool: ProcessPoolExecutor | None = pool
        self.futures: list[Future[list[Payload | bytes]]] = []

    @classmethod
    def start(
        cls, misses: list[tuple[int, bytes, str, str | None]], encode: bool
    ) -> _Workers | None:
        """Workers parsing ``misses`` (every chunk submitted now), or ``None`` if not worth it."""
        workers = min(os.cpu_count() or 1, 8)
        if len(misses) < PARALLEL_MIN_FILES or workers < 2:
            return None
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        started = cls(
            ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_ignore_interrupts
            )
        )
        try:
            assert started.pool is not None
            for begin in range(0, len(misses), CHUNK):
                chunk = [(raw, rel, key) for _, raw, rel, key in misses[begin : begin + CHUNK]]
                started.futures.append(started.pool.submit(_parse_chunk, chunk, encode))
        except BaseException:
            started.kill()
            raise
        return started

    def results(self) -> Iterator[Payload | bytes]:
        """Every payload, in order, as the chunks come back."""
        try:
            for future in self.futures:
                yield from future.result()
        except BaseException:  # Ctrl-C, or the reader stopped early: stop the workers now
            self.kill()
            raise

    def close(self) -> None:
        """Let the workers go if all their work was taken, else kill them."""
        if self.pool is None:
            return
        if all(f.done() for f in self.futures):
            pool, self.pool = self.pool, None
            pool.shutdown(wait=True)
        else:
            self.kill()

    def kill(self) -> None:
        """Kill every worker process now (``shutdown`` alone waits for running ones).

        A worker writes nothing (the parent stores the entries), so nothing is left half
        written.
        """
        pool, self.pool = self.pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:  # (Python 3.14 has ``kill_workers``; earlier ones, this)
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(timeout=5)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are built.

    Loading a data set builds millions of dicts, lists and tuples that never form cycles;
    with the collector on, each collection of the older generations walks all of them
    again (on the national set that was a third of a cold ``validate``).  Nothing is lost:
    the collector runs again when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = [
    "LazyDocument",
    "Reading",
    "iter_read",
    "read_ahead",
    "read_document",
    "stop_ahead",
]
