"""Reading data files fast: the cache first, then libyaml, the exact loader only if needed.

``read_document`` returns a ``Document`` for one file.  A file the fast path can read
becomes a ``LazyDocument``: its values are there at once, its source map is built by the
exact loader only when a diagnostic needs a position, so every ``file:line:col`` is as
exact as if everything had been read the slow way.  ``iter_read`` does the same for many
files, parsing cache misses in worker processes when there are enough of them, with the
cyclic garbage collector paused while the objects are built.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kh284.diagnostics import Diagnostic
from kh284.load.cache import Cache, digest
from kh284.load.exact import Document, SourceMap, decode, load_text, read_bytes
from kh284.load.fast import fast_load, fast_source_map

#: Below this many files, parsing in worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
#: Files handed to a worker at a time.
CHUNK = 64

Payload = tuple[Any, ...]


class LazyDocument(Document):
    """A document read by the fast path; its source map is built on first use."""

    def __init__(self, file: str, data: Any, raw: bytes) -> None:
        self.file = file
        self.data = data
        self._raw: bytes | None = raw
        self._map: SourceMap | None = None

    @property
    def source_map(self) -> SourceMap:
        """The exact loader's source map, built once, when first asked for."""
        if self._map is None:
            self._map = SourceMap()
            text, _ = decode(self._raw or b"", self.file)
            if text is not None:
                self._map = fast_source_map(text) or _exact_map(text, self.file)
            self._raw = None
        return self._map

    @source_map.setter
    def source_map(self, value: SourceMap) -> None:
        self._map = value


def _exact_map(text: str, rel: str) -> SourceMap:
    document, _ = load_text(text, rel)
    return document.source_map if document is not None else SourceMap()


def parse(raw: bytes, rel: str) -> Payload:
    """What reading ``raw`` gives: fast data, exact data with a map, or diagnostics.

    The payload is ``("fast", data)``, ``("exact", data, map)`` or ``("fail", problems)``.
    """
    text, problems = decode(raw, rel)
    if text is None:
        return ("fail", problems)
    data = fast_load(text)
    if data is not None:
        return ("fast", data)
    document, problems = load_text(text, rel)
    if document is None:
        return ("fail", problems)
    return ("exact", document.data, document.source_map)


def _parse_chunk(chunk: list[tuple[bytes, str]]) -> list[Payload]:
    with paused_gc():
        return [parse(raw, rel) for raw, rel in chunk]


def _build(payload: Payload, rel: str, raw: bytes) -> tuple[Document | None, list[Diagnostic]]:
    kind = payload[0]
    if kind == "fast":
        return LazyDocument(rel, payload[1], raw), []
    if kind == "exact":
        return Document(rel, payload[1], payload[2]), []
    return None, [_restamp(d, rel) for d in payload[1]]


def _restamp(diag: Diagnostic, rel: str) -> Diagnostic:
    """A cached diagnostic of identical content under another name points at ``rel``."""
    if diag.location.file == rel:
        return diag
    return dataclasses.replace(diag, location=dataclasses.replace(diag.location, file=rel))


def read_document(path: Path, rel: str, cache: Cache) -> tuple[Document | None, list[Diagnostic]]:
    """Read one data file."""
    raw, problems = read_bytes(path, rel)
    if raw is None:
        return None, problems
    key = digest(raw)
    payload = cache.get("file", key)
    if payload is None:
        payload = parse(raw, rel)
        cache.put("file", key, payload)
    return _build(payload, rel, raw)


def iter_read(
    items: Sequence[tuple[Path, str]], cache: Cache
) -> Iterator[tuple[Document | None, list[Diagnostic]]]:
    """Read many data files, yielding each result in order as soon as it is ready.

    The files are read and cache misses handed to worker processes (when there are
    enough of them) before this returns, so the caller can do other work — and validate
    the first results — while the workers still parse.
    """
    known: list[tuple[Document | None, list[Diagnostic]] | None] = [None] * len(items)
    misses: list[tuple[int, bytes, str, str]] = []
    with paused_gc():
        for i, (path, rel) in enumerate(items):
            raw, problems = read_bytes(path, rel)
            if raw is None:
                known[i] = (None, problems)
                continue
            key = digest(raw) if cache.enabled else ""
            payload = cache.get("file", key) if key else None
            if payload is None:
                misses.append((i, raw, rel, key))
            else:
                known[i] = _build(payload, rel, raw)
    return _deliver(known, misses, _parse_all(misses), cache)


def _deliver(
    known: list[tuple[Document | None, list[Diagnostic]] | None],
    misses: list[tuple[int, bytes, str, str]],
    parsed: Iterator[Payload],
    cache: Cache,
) -> Iterator[tuple[Document | None, list[Diagnostic]]]:
    pending = iter(misses)
    for result in known:
        if result is not None:
            yield result
            continue
        _, raw, rel, key = next(pending)
        with paused_gc():
            payload = next(parsed)
            if key:
                cache.put("file", key, payload)
            built = _build(payload, rel, raw)
        yield built


def _parse_all(misses: list[tuple[int, bytes, str, str]]) -> Iterator[Payload]:
    """Payloads of the misses, in order; worker processes are started at once if worth it."""
    workers = min(os.cpu_count() or 1, 8)
    if len(misses) < PARALLEL_MIN_FILES or workers < 2:
        return (parse(raw, rel) for _, raw, rel, _ in misses)
    import multiprocessing

    chunks = [
        [(raw, rel) for _, raw, rel, _ in misses[start : start + CHUNK]]
        for start in range(0, len(misses), CHUNK)
    ]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    results = pool.map(_parse_chunk, chunks)  # every chunk is submitted now
    return _drain(pool, results)


def _drain(pool: ProcessPoolExecutor, results: Iterator[list[Payload]]) -> Iterator[Payload]:
    try:
        for chunk in results:
            yield from chunk
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["LazyDocument", "iter_read", "read_document"]
