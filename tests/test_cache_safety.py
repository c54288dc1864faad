"""Nothing can fool the verdict through the cache.

The rule: a cached run and a ``--no-cache`` run print byte-identical output and exit with
the same code, always.  So:

- a planted entry never runs code (entries are JSON data), and an entry of the wrong shape
  is a miss, never a crash;
- a cache folder (or an entry) that is not the user's own, or that others may write, is not
  used: one warning, and the output of ``--no-cache``;
- kh284's own code is part of every key: an edited copy never reuses another's entries;
- whatever happens to the files — edits, a file swapped while a run reads it, the same
  size and time with other bytes — a cached run equals a ``--no-cache`` run on the bytes
  that were read;
- deep or huge folder trees cost a cached run no more than an uncached one;
- Ctrl-C during the parallel parse stops every worker, leaves no temporary file, says
  "interrupted" and exits 130.
"""

from __future__ import annotations

import base64
import json
import math
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT, children_of
from kh284.cli import replay
from kh284.cli.app import app
from kh284.diagnostics import Diagnostic, Location, Severity, Subject
from kh284.load import cache as cache_module
from kh284.load import codec, reading, snapshot
from kh284.load.cache import Cache, code_digest, source_digest
from kh284.load.exact import SourceMap
from kh284.pipeline import run

GOLDEN = ROOT / "tests" / "golden" / "data"
AS_OF = "2026-12-31"
REPORT = Path("progress") / "2026" / "so-gd.yaml"
WARNING = "kh284: cảnh báo: bỏ qua bộ nhớ đệm"

Outcome = tuple[int, str, str]


def kh284(data: Path, cache_dir: Path | None, *args: str) -> Outcome:
    """``kh284 check`` on ``data`` through ``cache_dir`` (``None``: ``--no-cache``).

    As the ``kh284`` command runs it: a stored result of the same command line is replayed
    before the command line is parsed (``replay.lookup``), else the app runs (and may store
    its result).
    """
    argv = ["check", "--data-dir", str(data), "--as-of", AS_OF, *args]
    if cache_dir is None:
        argv.append("--no-cache")
    env = {"KH284_CACHE_DIR": str(cache_dir or "/nonexistent/kh284-cache")}
    with mock.patch.dict(os.environ, env), mock.patch.object(sys, "argv", ["kh284", *argv]):
        stored = replay.lookup(argv)
        if stored is not None and stored.to_stdout:  # replayed to stdout, exactly as stored
            return stored.exit_code, stored.output, stored.summary
        result = CliRunner().invoke(app, argv, env=env, catch_exceptions=False)
    assert "Traceback" not in result.stderr and "X901" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def fresh(data: Path) -> Outcome:
    return kh284(data, None)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(GOLDEN, copy)
    return copy


def entries(cache_dir: Path) -> list[Path]:
    return sorted(p for p in cache_dir.rglob("*") if p.is_file())


# -- planted entries ----------------------------------------------------------------------------


class _Planted:
    """A pickle that makes a folder when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (self.marker,))


def test_a_planted_pickle_never_runs(data: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    expected = fresh(data)
    assert kh284(data, cache_dir) == expected  # fills the cache
    marker = tmp_path / "ran"
    planted = pickle.dumps(_Planted(marker))
    assert entries(cache_dir)
    for entry in entries(cache_dir):  # every entry, where kh284 looks for it
        entry.write_bytes(planted)
    assert kh284(data, cache_dir) == expected
    assert not marker.exists(), "a cache entry ran code"


WRONG_SHAPES: dict[str, Callable[[str], bytes]] = {
    # well-formed pickles of the wrong shape (the old format's entries crashed the run)
    "pickle-exact-without-map": lambda key: pickle.dumps(("exact", 1)),
    "pickle-fail-of-numbers": lambda key: pickle.dumps(("fail", [1, 2])),
    "pickle-short-tuple": lambda key: pickle.dumps((1,)),
    # JSON of the wrong shape, with the right key and format
    "json-list": lambda key: b"[1, 2, 3]",
    "json-truncated": lambda key: json.dumps({"kh284-cache": codec.FORMAT, "key": key}).encode()[
        :-3
    ],
    "json-other-format": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": _marks(1, 1)}
    ).replace(b'"kh284-cache":%d' % codec.FORMAT, b'"kh284-cache":1'),
    "json-other-key": lambda key: _entry(
        "0" * 40, {"kind": "fast", "mode": "plain", "data": {}, "marks": _marks(1, 1)}
    ),
    "json-unknown-kind": lambda key: _entry(key, {"kind": "pickle", "data": {}}),
    "json-exact-without-map": lambda key: _entry(
        key, {"kind": "exact", "mode": "plain", "data": {}}
    ),
    "json-bad-tag": lambda key: _entry(
        key, {"kind": "fast", "mode": "tagged", "data": ["X", 1], "marks": _marks(1, 1)}
    ),
    "json-odd-dict": lambda key: _entry(
        key, {"kind": "fast", "mode": "tagged", "data": ["D", 1], "marks": _marks(1, 1)}
    ),
    "json-list-key": lambda key: _entry(
        key,
        {
            "kind": "fast",
            "mode": "tagged",
            "data": ["D", ["L"], 1],
            "marks": _marks(0, 0, 0, 0, 0, 0),
        },
    ),
    "json-text-position": lambda key: _entry(
        key,
        {"kind": "exact", "mode": "plain", "data": {}, "values": [[[], "1", 1]], "keys": []},
    ),
    "json-fast-without-marks": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}}
    ),
    "json-fast-marks-not-fitting": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {"a": 1}, "marks": _marks(1, 1)}
    ),
    "json-fast-marks-as-numbers": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": [1, 1]}
    ),
    "json-fast-marks-not-base64": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": "AQAAAAEAAAA!"}
    ),
    "json-fast-marks-loose-base64": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": "AQAA AAEA\nAAA="}
    ),
    "json-fast-marks-odd-bytes": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": "AQAAAAEAAA=="}
    ),
    "json-fast-zero-mark": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": _marks(0, 1)}
    ),
    "json-fast-text-mark": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": ["1", "1"]}
    ),
    "json-unknown-code": lambda key: _entry(key, {"kind": "fail", "problems": [_problem("Q999")]}),
    "json-bad-severity": lambda key: _entry(
        key, {"kind": "fail", "problems": [{**_problem("Y101"), "severity": 7}]}
    ),
    "json-bool-line": lambda key: _entry(
        key, {"kind": "fail", "problems": [{**_problem("Y101"), "location": ["f", True, 1, []]}]}
    ),
    "json-problems-not-list": lambda key: _entry(key, {"kind": "fail", "problems": {}}),
    "json-deep": lambda key: b"[" * 100_000 + b"]" * 100_000,
    "json-nan-format": lambda key: _entry(
        key, {"kind": "fast", "mode": "plain", "data": {}, "marks": _marks(1, 1)}
    ).replace(b'"kh284-cache":%d' % codec.FORMAT, b'"kh284-cache":NaN'),
    "binary": lambda key: bytes(range(256)),
    "empty": lambda key: b"",
}


def _marks(*numbers: int) -> str:
    """Positions as a cache entry holds them (Base64 of unsigned 32-bit little-endian)."""
    return base64.b64encode(b"".join(n.to_bytes(4, "little") for n in numbers)).decode()


def _reshaped(entry: Path, shape: Callable[[str], bytes]) -> bytes:
    """What replaces the file ``entry``: the shape for its key, or for each key of a pack."""
    if entry.name != cache_module.PACK_NAME:
        return shape(entry.name.split(".")[0])
    keys = [json.loads(line)["key"] for line in entry.read_bytes().splitlines()]
    assert keys
    return b"".join(shape(key) + b"\n" for key in keys)


def _entry(key: str, fields: dict[str, Any]) -> bytes:
    entry = {"kh284-cache": codec.FORMAT, "key": key, **fields}
    return json.dumps(entry, separators=(",", ":")).encode()


def _problem(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "location": ["f.yaml", 1, 1, []],
        "args": [],
        "related": [],
        "severity": 2,
        "subject": None,
    }


@pytest.mark.parametrize("shape", sorted(WRONG_SHAPES))
def test_an_entry_of_the_wrong_shape_is_a_miss(data: Path, tmp_path: Path, shape: str) -> None:
    cache_dir = tmp_path / "cache"
    expected = fresh(data)
    assert kh284(data, cache_dir) == expected
    for entry in entries(cache_dir):
        entry.write_bytes(_reshaped(entry, WRONG_SHAPES[shape]))
    assert kh284(data, cache_dir) == expected
    assert kh284(data, cache_dir) == expected  # and again, once rewritten


# -- the cache round-trips exactly what a parse gives ---------------------------------------------

KEYS = st.one_of(st.text(max_size=4), st.integers(-3, 3), st.booleans(), st.none())
SCALARS = st.one_of(
    st.text(max_size=6),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)


def identical(a: Any, b: Any) -> bool:
    """Equal with the same types, the same key order, ``nan`` and ``-0.0`` told apart."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return repr(a) == repr(b) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(identical(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@settings(max_examples=150, deadline=None)
@given(VALUES)
def test_data_round_trips_with_every_type_and_key_order(value: Any) -> None:
    for kind in ("fast", "exact"):
        source_map = SourceMap({(): (1, 1), ("a", 0, True, None): (3, 5)}, {("a",): (2, 1)})
        marks = array("I", range(1, 1 + 2 * codec._pairs(value)))
        payload = ("fast", value, marks) if kind == "fast" else ("exact", value, source_map)
        raw = codec.encode(payload, "k")
        assert raw is not None
        back = codec.decode(raw, "k")
        assert back is not None and back[0] == kind and identical(back[1], value)
        own = codec.decode(raw, "k", own=True)  # handed over by a worker: the same payload
        assert own is not None and own[0] == kind and identical(own[1], value)
        assert own[2] == back[2]
        assert back[2] == (marks if kind == "fast" else source_map)
        assert codec.decode(raw, "another key") is None


def test_problems_round_trip(tmp_path: Path) -> None:
    problems = [
        Diagnostic(
            "Y103",
            Location("r.yaml", 3, 1, ("tasks", 0, "status")),
            args=(("key", "status"), ("first_line", "2")),
            related=(Location("r.yaml", 2, 1),),
            severity=Severity.WARNING,
            subject=Subject("task", "PL-01", "2025"),
        ),
        Diagnostic("Y106", Location("r.yaml")),
    ]
    cache = Cache(tmp_path / "cache")
    key = cache.key(b"raw")
    assert key is not None
    cache.put("file", key, ("fail", problems))
    assert cache.get("file", key) == ("fail", problems)
    for broken in (b"a: [1\n", b"a: 1\na: 2\n", b"\xff\xfe", b"x: &a 1\ny: *a\n"):
        payload = reading.parse(broken, "b.yaml")
        key = cache.key(broken)
        assert key is not None
        cache.put("file", key, payload)
        assert cache.get("file", key) == payload


def test_values_that_are_not_data_are_not_stored() -> None:
    assert codec.encode(("fast", {"a": (1, 2)}, array("I", [1] * 4)), "k") is None
    assert codec.encode(("fast", {(1, 2): 1}, array("I", [1] * 4)), "k") is None
    assert codec.encode(("fast", {"a": 1}, array("I", [1] * 2)), "k") is None  # too few
    assert codec.encode(("nope", 1), "k") is None


# -- a cache folder that is not the user's own is not used ----------------------------------------


def _plant_a_lie(cache_dir: Path, data: Path) -> Path:
    """A well-formed entry for REPORT that says the report is by a unit that does not exist."""
    raw = (data / REPORT).read_bytes()
    key = Cache(cache_dir).key(raw)
    assert key is not None
    payload = reading.parse(raw, REPORT.as_posix())
    assert payload[0] == "fast"
    lie = ("fast", {**payload[1], "unit": "don-vi-bia-dat"}, payload[2])
    entry = cache_dir / "file" / key[:2] / cache_module.PACK_NAME
    for folder in (cache_dir, entry.parent.parent, entry.parent):
        folder.mkdir(exist_ok=True)
        folder.chmod(0o700)
    encoded = codec.encode(lie, key)
    assert encoded is not None
    entry.write_bytes(encoded + b"\n")
    entry.chmod(0o600)
    return entry


def _other_user(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("changing a file's owner needs root (the getuid case covers it)")
    os.chown(path, 12345, -1)


UNSAFE: dict[str, Callable[[Path, Path], None]] = {
    "folder-writable-by-all": lambda root, entry: root.chmod(0o777),
    "folder-writable-by-group": lambda root, entry: root.chmod(0o770),
    "folder-of-another-user": lambda root, entry: _other_user(root),
    "kind-folder-writable": lambda root, entry: (root / "file").chmod(0o757),
    "shard-folder-writable": lambda root, entry: entry.parent.chmod(0o775),
    "entry-writable-by-others": lambda root, entry: entry.chmod(0o646),
    "entry-of-another-user": lambda root, entry: _other_user(entry),
}


def test_a_private_folder_is_used(data: Path, tmp_path: Path) -> None:
    """The control: with the folder private, the planted lie is read (so the tests below,
    where it is not, show the refusal, not a miss)."""
    cache_dir = tmp_path / "cache"
    _plant_a_lie(cache_dir, data)
    _, out, err = kh284(data, cache_dir)
    assert out != fresh(data)[1] and "don-vi-bia-dat" in out
    assert WARNING not in err


@pytest.mark.parametrize("unsafe", sorted(UNSAFE))
def test_a_folder_others_control_is_refused(data: Path, tmp_path: Path, unsafe: str) -> None:
    cache_dir = tmp_path / "cache"
    entry = _plant_a_lie(cache_dir, data)
    UNSAFE[unsafe](cache_dir, entry)
    before = entries(cache_dir)
    code, out, err = kh284(data, cache_dir)
    expected = fresh(data)
    assert (code, out) == expected[:2]
    warnings = [line for line in err.splitlines() if line.startswith(WARNING)]
    assert len(warnings) == 1, err
    assert "/ ignoring the cache" in warnings[0] and "not private to this user" in warnings[0]
    assert [line for line in err.splitlines() if not line.startswith(WARNING)] == (
        expected[2].splitlines()
    )
    assert entries(cache_dir) == before  # nothing written there either


def test_a_folder_of_another_uid_is_refused(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    _plant_a_lie(cache_dir, data)
    expected = fresh(data)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache_dir).st_uid + 1)
    code, out, err = kh284(data, cache_dir)
    assert (code, out) == expected[:2]
    assert err.count(WARNING) == 1


def test_a_new_cache_folder_is_private(data: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "made" / "cache"
    old = os.umask(0)
    try:
        assert kh284(data, cache_dir) == fresh(data)
    finally:
        os.umask(old)
    folders = [cache_dir, *(p for p in cache_dir.rglob("*") if p.is_dir())]
    assert all(p.stat().st_mode & 0o777 == 0o700 for p in folders)
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in entries(cache_dir))
    assert kh284(data, cache_dir) == fresh(data)  # and no warning about its own folder


# -- kh284's code is part of the key --------------------------------------------------------------


def test_the_code_digest_covers_every_source_file(tmp_path: Path) -> None:
    copy = tmp_path / "kh284"
    shutil.copytree(cache_module.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert source_digest(copy) == code_digest() == source_digest(cache_module.PACKAGE)
    target = copy / "evaluate" / "targets.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n# patched\n", encoding="utf-8")
    patched = source_digest(copy)
    assert patched != code_digest()
    (copy / "evaluate" / "extra.py").write_text("", encoding="utf-8")
    assert source_digest(copy) not in (patched, code_digest())


def test_other_code_never_reuses_an_entry(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    cache_dir = tmp_path / "cache"
    day = dt.date.fromisoformat(AS_OF)
    warm = Cache(cache_dir)
    run(data, day, evaluate=True, cache=warm)
    run(data, day, evaluate=True, cache=warm)
    assert warm.hits > 0
    monkeypatch.setattr(cache_module, "code_digest", lambda: "0" * 40)
    edited = Cache(cache_dir)
    run(data, day, evaluate=True, cache=edited)
    assert edited.hits == 0 and edited.misses > 0
    monkeypatch.undo()
    again = Cache(cache_dir)
    run(data, day, evaluate=True, cache=again)
    assert again.misses == 0


# -- whatever happens to the files, cached = --no-cache -------------------------------------------


@contextmanager
def swapped_while_read(path: Path, new: bytes, *, after: bool) -> Iterator[None]:
    """While kh284 reads ``path``, its bytes become ``new`` — just before or just after."""
    real = snapshot.read_bytes

    def read(file: Path, rel: str) -> Any:
        if Path(file) == path.resolve():
            if not after:
                _rewrite(path, new)
            got = real(file, rel)
            if after:
                _rewrite(path, new)
            return got
        return real(file, rel)

    with mock.patch.object(snapshot, "read_bytes", read):
        yield


def _rewrite(path: Path, content: bytes, *, keep_time: bool = True) -> None:
    """Write ``content``; with ``keep_time``, the file keeps its times (and, if the same
    length, looks unchanged to anything that trusts size and time)."""
    info = path.stat()
    path.write_bytes(content)
    if keep_time:
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _same_size_edit(content: bytes, n: int) -> bytes:
    """Another digit at one of the digits of ``content`` outside comments (same size)."""
    digits = []
    start = 0
    for line in content.split(b"\n"):
        if not line.lstrip().startswith(b"#"):
            digits += [start + i for i, b in enumerate(line) if 0x30 <= b <= 0x39]
        start += len(line) + 1
    if not digits:
        return content + b"#"
    at = digits[n % len(digits)]
    new = 0x30 + (content[at] - 0x30 + 1 + n % 9) % 10
    return content[:at] + bytes([new]) + content[at + 1 :]


BREAKS = [b"\nbroken: [unclosed\n", b"\n\tindented: tab\n", b"\n: nokey\n", b"\nunit: twice\n"]

STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            ["figure", "break", "add", "remove", "same", "swap-before", "swap-after", "undo"]
        ),
        st.integers(0, 10**6),
    ),
    min_size=1,
    max_size=5,
)


def _pick(data: Path, n: int, *, progress: bool = False) -> Path | None:
    files = sorted((data / "progress").rglob("*.yaml") if progress else data.rglob("*.yaml"))
    return files[n % len(files)] if files else None


def _edit(data: Path, cache_dir: Path, step: str, n: int) -> tuple[Path, bytes | None] | None:
    """Do ``step``; return what undoes it (a path and its bytes before, ``None``: absent)."""
    target = _pick(data, n)
    assert target is not None
    old = target.read_bytes()
    if step == "figure":
        _rewrite(target, _same_size_edit(old, n), keep_time=False)
    elif step == "break":
        _rewrite(target, old + BREAKS[n % len(BREAKS)], keep_time=False)
    elif step == "same":
        _rewrite(target, _same_size_edit(old, n))
    elif step == "add":
        source = _pick(data, n, progress=True) or GOLDEN / REPORT
        added = data / "progress" / f"them-{n}.yaml"
        if added.exists():
            return None
        added.write_bytes(_same_size_edit(source.read_bytes(), n))
        return added, None
    elif step == "remove":
        gone = _pick(data, n, progress=True)
        if gone is None:
            return None
        before = gone.read_bytes()
        gone.unlink()
        return gone, before
    else:  # swapped during a run: a state no run has seen yet, then other bytes under it
        unseen = old + f"\n# {n}\n".encode()
        _rewrite(target, unseen)
        new = _same_size_edit(unseen, n) if n % 2 == 0 else unseen + BREAKS[n % len(BREAKS)]
        after = step == "swap-after"
        with swapped_while_read(target, new, after=after):
            during = kh284(data, cache_dir)
        if after:  # the bytes read were the unseen ones: compare with a run on them
            _rewrite(target, unseen)
            assert during == fresh(data), step
            _rewrite(target, new)
        else:  # the bytes read were the new ones; then the file is put back as it was
            assert during == fresh(data), step
            _rewrite(target, unseen)
    return target, old


@settings(
    max_examples=int(os.environ.get("KH284_CACHE_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(STEPS)
@example([("swap-before", 5), ("undo", 0)])  # a file swapped during a run, then put back
@example([("swap-after", 13), ("same", 3), ("undo", 0), ("swap-before", 4)])
@example([("figure", 4), ("remove", 1), ("add", 2), ("break", 5), ("undo", 0)])
def test_a_cached_run_always_equals_an_uncached_one(steps: list[tuple[str, int]]) -> None:
    """Edits, swaps during a run and undoing them (same size, same times), in any order."""
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(GOLDEN, data)
        cache_dir = Path(scratch) / "cache"
        assert kh284(data, cache_dir) == fresh(data)
        undo: list[tuple[Path, bytes | None]] = []
        for step, n in steps:
            if step == "undo":
                if not undo:
                    continue
                path, before = undo.pop()
                if before is None:
                    path.unlink()
                elif path.exists() and len(before) == path.stat().st_size:
                    _rewrite(path, before)  # same size and times as the edited file
                else:
                    path.write_bytes(before)
            else:
                done = _edit(data, cache_dir, step, n)
                if done is not None:
                    undo.append(done)
            assert kh284(data, cache_dir) == fresh(data), step


def test_a_file_swapped_during_a_run_is_judged_on_the_bytes_read(
    data: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    target = data / REPORT
    first = target.read_bytes()
    second = first.replace(b"status: in_progress", b"status: not_started")
    assert len(second) == len(first) and second != first
    # swapped just before the parse reads it (after anything could have looked at it first)
    with swapped_while_read(target, second, after=False):
        during = kh284(data, cache_dir)
    assert during == fresh(data)
    _rewrite(target, first)  # back, same size and times
    assert kh284(data, cache_dir) == fresh(data)
    # swapped just after it was read: the verdict is the one on the bytes read
    with swapped_while_read(target, second, after=True):
        during = kh284(data, cache_dir)
    assert target.read_bytes() == second
    _rewrite(target, first)
    assert during == fresh(data)
    _rewrite(target, second)
    assert kh284(data, cache_dir) == fresh(data)


# -- deep and wide folder trees -------------------------------------------------------------------


def test_a_very_deep_progress_tree(data: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    folder = data / "progress"
    made = []
    for _ in range(1_100):  # os.makedirs and shutil.rmtree recurse: one level at a time
        folder = folder / "d"
        folder.mkdir()
        made.append(folder)
    (folder / "sau.yaml").write_bytes((GOLDEN / REPORT).read_bytes())
    try:
        expected = fresh(data)
        assert kh284(data, cache_dir) == expected
        assert kh284(data, cache_dir) == expected
    finally:
        (folder / "sau.yaml").unlink()
        for path in reversed(made):
            path.rmdir()


def test_many_empty_folders_cost_a_cached_run_nothing_extra(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    empty = data / "progress" / "rong"
    empty.mkdir()
    for i in range(20_000):
        (empty / f"{i:05d}").mkdir()
    code_digest()  # (listed once per process, not part of a run)
    listed = [0]
    real = os.scandir

    def counting(path: Any = ".") -> Any:
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(str(data)):
            listed[0] += 1
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    started = time.monotonic()
    expected = fresh(data)
    uncached, listed[0] = listed[0], 0
    assert kh284(data, cache_dir) == expected  # cold
    cold, listed[0] = listed[0], 0
    assert kh284(data, cache_dir) == expected  # warm
    warm = listed[0]
    assert cold <= uncached and warm <= uncached, (uncached, cold, warm)
    assert time.monotonic() - started < 60


# -- Ctrl-C during the parallel parse -------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no worker processes")
def test_ctrl_c_stops_every_worker(data: Path, tmp_path: Path) -> None:
    row = '  - task: PL-{0:03d}\n    status: done\n    completed_on: 2025-11-20\n    note: "{0}"\n'
    rows = "".join(row.format(i) for i in range(150))
    many = data / "progress" / "nhieu"
    many.mkdir()
    for i in range(2_000):
        text = (
            f'unit: so-gd\nperiod: 2025\nreported_on: 2025-12-15\ndocument: "r{i}"\ntasks:\n{rows}'
        )
        (many / f"r{i:04d}.yaml").write_text(text, encoding="utf-8")
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "KH284_CACHE_DIR": str(cache_dir), "KH284_LANG": "en"}
    env.pop("KH284_NO_CACHE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kh284", "check", "--data-dir", str(data), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )
    try:
        deadline = time.monotonic() + 120
        # wait until the workers are parsing
        while not children_of(process.pid) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            time.sleep(0.01)
        workers = children_of(process.pid)
        assert workers, "no worker process was running"
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
        _, err = process.communicate(timeout=15)  # EOF: no worker holds stdout or stderr
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    text = err.decode("utf-8", "replace")
    assert process.returncode == 130, text
    assert "interrupted" in text and "Traceback" not in text, text
    assert not [pid for pid in workers if _alive(pid)]
    assert not list(cache_dir.rglob(".tmp-*"))


# -- packs of entries ------------------------------------------------------------------------------


def _keyed(cache: Cache, text: str) -> tuple[str, tuple[Any, ...]]:
    raw = f"unit: so-gddt\nnote: {text}\n".encode()
    key = cache.key(raw)
    assert key is not None
    return key, reading.parse(raw, "r.yaml")


def test_a_pack_keeps_its_newest_entries_within_its_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_PACK_BYTES", 400)
    writing = Cache(tmp_path / "cache")
    stored = []
    for i in range(400):  # a few entries in each of three packs, past the bound
        key, payload = _keyed(writing, f"báo cáo {i}")
        if key[:2] in ("00", "01", "02"):
            writing.put("file", key, payload)
            stored.append((key, payload))
    writing.flush()
    packs = list((tmp_path / "cache" / "file").rglob(cache_module.PACK_NAME))
    assert packs and all(0 < p.stat().st_size <= 400 for p in packs)
    reading_back = Cache(tmp_path / "cache")
    found = [reading_back.get("file", key) for key, _ in stored]
    assert found[-1] == stored[-1][1]  # the newest is kept ...
    assert None in found  # ... the oldest went
    assert all(got is None or got == want for got, (_, want) in zip(found, stored, strict=True))


def test_a_pack_cut_short_or_with_a_bad_line_still_gives_each_entry(tmp_path: Path) -> None:
    writing = Cache(tmp_path / "cache")
    (key, payload), (other, second) = (_keyed(writing, "một"), _keyed(writing, "hai"))
    writing.put("file", key, payload)
    writing.flush()
    pack = writing._path("file", key)
    encoded = codec.encode(payload, key)
    assert encoded is not None
    # a newer line for the key that is not an entry, then a line cut short
    pack.write_bytes(encoded + b"\n" + codec.entry_head(key) + b',"kind":"fast"}\n' + b'{"kh')
    assert Cache(tmp_path / "cache").get("file", key) is None  # the newest line counts
    again = Cache(tmp_path / "cache")
    assert again.get("file", other) is None
    again.put("file", other, second)
    again.put("file", key, payload)
    assert again.get("file", other) == second  # waiting for its pack, already found
    again.flush()
    fresh_look = Cache(tmp_path / "cache")
    assert fresh_look.get("file", key) == payload and fresh_look.get("file", other) == second
