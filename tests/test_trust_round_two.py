"""Trust, round two: strict cache entries, keys that cover what shapes output, a cache root
checked without following links, a total order of findings, and bounds on what grows.

Every test here failed before the change it guards.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DEMO, ROOT
from kh284.cli import options as options_module
from kh284.cli.app import app
from kh284.diagnostics import Diagnostic, Location, Severity, Subject
from kh284.load import cache as cache_module
from kh284.load.cache import Cache
from kh284.validate.checks import reports
from test_cache_safety import WARNING, _plant_a_lie, entries, fresh, kh284

GOLDEN = ROOT / "tests" / "golden" / "data"
SRC = ROOT / "src"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(GOLDEN, copy)
    return copy


# -- 1. entries validated as strictly as data ---------------------------------------------------


def _rewrite(cache_dir: Path, kind: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """Rewrite every entry under ``cache_dir/kind`` with ``change``; how many there were.

    An entry is a file, or a line of a pack (the parsed files' entries).
    """
    found = [p for p in entries(cache_dir) if p.relative_to(cache_dir).parts[0] == kind]
    count = 0
    for path in found:
        lines = path.read_bytes().splitlines()
        changed = [json.dumps(change(json.loads(line)), separators=(",", ":")) for line in lines]
        packed = path.suffix == ".jsonl"
        path.write_text("".join(f"{line}\n" for line in changed) if packed else changed[0])
        count += len(lines)
    return count


FILE_SHAPES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    # a failure with no problem would make a file vanish without a word
    "fail-without-problems": lambda e: {**_strip(e), "kind": "fail", "problems": []},
    # kh284 writes tagged only data that has a key that is not text
    "tagged-plain-data": lambda e: {**_strip(e), "kind": "fast", "mode": "tagged", "data": 1},
}

RESULT_SHAPES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "exit-256": lambda e: {**e, "exit": 256},
    "exit-huge": lambda e: {**e, "exit": 10**30},
    "exit-3": lambda e: {**e, "exit": 3},
    "exit-negative": lambda e: {**e, "exit": -1},
    "osc-in-output": lambda e: {**e, "output": e["output"] + "\x1b]0;owned\x07"},
    "bidi-in-summary": lambda e: {**e, "summary": "\u202e" + e["summary"]},
    "carriage-return": lambda e: {**e, "output": "\r" + e["output"]},
}


def _strip(entry: dict[str, Any]) -> dict[str, Any]:
    return {"kh284-cache": entry["kh284-cache"], "key": entry["key"]}


@pytest.mark.parametrize("shape", sorted(FILE_SHAPES))
def test_a_file_entry_kh284_never_writes_is_a_miss(data: Path, tmp_path: Path, shape: str) -> None:
    cache_dir = tmp_path / "cache"
    expected = fresh(data)
    assert kh284(data, cache_dir) == expected
    assert _rewrite(cache_dir, "file", FILE_SHAPES[shape])
    for path in entries(cache_dir / "result"):
        path.unlink()  # the per-file entries are what is read
    assert kh284(data, cache_dir) == expected


@pytest.mark.parametrize("shape", sorted(RESULT_SHAPES))
def test_a_result_entry_kh284_never_writes_is_a_miss(
    data: Path, tmp_path: Path, shape: str
) -> None:
    cache_dir = tmp_path / "cache"
    expected = fresh(data)
    assert kh284(data, cache_dir) == expected
    assert _rewrite(cache_dir, "result", RESULT_SHAPES[shape]) == 1
    assert kh284(data, cache_dir) == expected


def test_a_coloured_result_is_still_replayed(data: Path, tmp_path: Path) -> None:
    """The control: kh284's own colour codes are a shape it writes."""
    cache_dir = tmp_path / "cache"
    expected = kh284(data, None, "--color", "always")
    assert "\x1b[" in expected[1]
    assert kh284(data, cache_dir, "--color", "always") == expected
    hits = _rewrite(cache_dir, "result", lambda e: {**e, "summary": "marked\n"})
    assert hits == 1 and kh284(data, cache_dir, "--color", "always")[2] == "marked\n"


# -- 2. the key covers what shapes output -------------------------------------------------------


def _key(cache_dir: Path) -> str | None:
    digest = getattr(cache_module, "environment_digest", None)
    if digest is not None:
        digest.cache_clear()
    return Cache(cache_dir).key(b"the same bytes")


@pytest.mark.parametrize(
    "change",
    [
        ("version", lambda mp: mp.setattr(sys, "version", sys.version + " patched")),
        ("unicode", lambda mp: mp.setattr(unicodedata, "unidata_version", "1.0.0")),
    ],
    ids=lambda c: c[0],
)
def test_the_key_covers_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: tuple[str, Any]
) -> None:
    before = _key(tmp_path)
    change[1](monkeypatch)
    assert _key(tmp_path) != before
    monkeypatch.undo()
    assert _key(tmp_path) == before


def _site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dist: str) -> tuple[Path, Path]:
    """A site folder on ``sys.path`` with ``dist`` installed: its RECORD and one file."""
    site = tmp_path / "site"
    info = site / f"{dist}.dist-info"
    info.mkdir(parents=True)
    module = site / "lib_module.py"
    module.write_text("X = 1\n")
    digest = hashlib.sha256(module.read_bytes()).hexdigest()
    (info / "RECORD").write_text(f"lib_module.py,sha256={digest},6\n{dist}.dist-info/RECORD,,\n")
    monkeypatch.syspath_prepend(str(site))
    return info / "RECORD", module


def test_a_library_patched_in_place_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record, _ = _site(tmp_path, monkeypatch, "fakelib-1.0")
    before = _key(tmp_path)
    record.write_text(record.read_text().replace(",6\n", ",7\n"))  # same name, other RECORD
    assert _key(tmp_path) != before


def test_a_shaping_library_patched_without_its_record_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, module = _site(tmp_path, monkeypatch, "rich-99.0")
    before = _key(tmp_path)
    assert _key(tmp_path) == before
    module.write_text("X = 22\n")  # same RECORD, other bytes
    assert _key(tmp_path) != before


def test_every_dependency_is_a_shaping_library() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["dependencies"]:
        name = requirement.split(">")[0].split("<")[0].split("=")[0].strip()
        assert name.lower().replace("_", "-").replace(".", "-") in cache_module.SHAPING


# -- 3. the cache root, checked without following links ------------------------------------------


def _refused(data: Path, cache_dir: Path) -> bool:
    code, out, err = kh284(data, cache_dir)
    assert (code, out) == fresh(data)[:2]
    return err.count(WARNING) == 1


def test_a_root_that_is_a_link_is_refused(data: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    _plant_a_lie(real, data)
    link = tmp_path / "cache"
    link.symlink_to(real)
    assert _refused(data, link)


def test_a_link_above_the_root_is_refused(data: Path, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir(mode=0o700)
    _plant_a_lie(tmp_path / "real" / "cache", data)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert _refused(data, tmp_path / "link" / "cache")


@pytest.mark.parametrize(("mode", "refused"), [(0o777, True), (0o775, True), (0o1777, False)])
def test_a_folder_above_the_root_others_may_write(
    data: Path, tmp_path: Path, mode: int, refused: bool
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    _plant_a_lie(shared / "cache", data)
    shared.chmod(mode)
    if refused:
        assert _refused(data, shared / "cache")
    else:  # sticky, as /tmp: the planted entry is read, so the folder was used
        assert "don-vi-bia-dat" in kh284(data, shared / "cache")[1]


def test_a_folder_above_of_another_user_is_refused(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine").mkdir()
    _plant_a_lie(tmp_path / "mine" / "cache", data)
    uid = os.stat(tmp_path).st_uid
    real_lstat = os.lstat

    def lstat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        info = real_lstat(path, *args, **kwargs)
        if Path(path) == tmp_path / "mine":
            values = list(info)
            values[4] = uid + 4242  # st_uid
            return os.stat_result(values)
        return info

    monkeypatch.setattr(os, "lstat", lstat)
    assert _refused(data, tmp_path / "mine" / "cache")


def test_a_refused_cache_is_said_once(data: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    _plant_a_lie(cache_dir, data)
    cache_dir.chmod(0o777)
    done = subprocess.run(
        [sys.executable, "-m", "kh284", "check", "--data-dir", str(data), "--as-of", "31/12/2026"],
        capture_output=True,
        text=True,
        env={**os.environ, "KH284_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(SRC)},
        check=False,
        timeout=120,
    )
    assert done.stderr.count(WARNING) == 1, done.stderr


# -- 4. a total order of findings ----------------------------------------------------------------


def _tied() -> list[Diagnostic]:
    at = Location("progress/2026/x.yaml", 3, 5)
    base = Diagnostic("D503", at, (("target", "a"),))
    return [
        base,
        Diagnostic("D503", at, (("target", "b"),)),
        Diagnostic("D503", at, (("target", "a"),), severity=Severity.WARNING),
        Diagnostic("D503", at, (("target", "a"),), subject=Subject("target", "t")),
        Diagnostic("D503", at, (("target", "a"),), related=(Location("a.yaml", 1, 1),)),
        Diagnostic("D503", Location(at.file, 3, 5, ("figures", 0)), (("target", "a"),)),
        Diagnostic("D503", Location(at.file, 3, 5, ("figures", "x")), (("target", "a"),)),
    ]


def test_findings_that_tie_on_place_and_code_have_one_order() -> None:
    tied = _tied()
    backwards = list(tied)
    backwards.reverse()
    first = sorted(tied, key=Diagnostic.sort_key)
    assert sorted(backwards, key=Diagnostic.sort_key) == first
    assert len({d.sort_key() for d in tied}) == len(tied)  # no two findings tie


_SCRIPT = """
import hashlib, sys
from typer.testing import CliRunner
from kh284.cli.app import app
for data in sys.argv[1:]:
    for fmt in ("json", "sarif", "github"):
        r = CliRunner().invoke(app, ["check", "--data-dir", data, "--as-of", "31/12/2026",
                                     "--format", fmt, "--no-cache"])
        print(fmt, r.exit_code, hashlib.sha256(r.stdout.encode()).hexdigest())
"""


def test_outputs_are_the_same_under_every_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC), "COLUMNS": "120"}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(GOLDEN), str(DEMO)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=300,
        )
        assert done.stdout.count("\n") == 6
        outputs.add(done.stdout)
    assert len(outputs) == 1


# -- 5. limits on what grows with input ----------------------------------------------------------


def test_cross_report_findings_are_capped_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    limit = 100
    many = [Diagnostic("D501", Location("progress/2026/a.yaml", line, 1)) for line in range(1, 151)]
    other = [Diagnostic("D501", Location("progress/2026/b.yaml", 1, 1))]
    monkeypatch.setattr(reports, "_report", lambda *a: iter(many), raising=True)
    monkeypatch.setattr(reports, "_figures", lambda *a: iter(()), raising=True)
    monkeypatch.setattr(reports, "_tasks", lambda *a: iter(()), raising=True)
    monkeypatch.setattr(reports, "_task_conflicts", lambda *a: iter(other), raising=True)

    class _Reports:
        reports = (None,)

    class _Index:
        dataset = _Reports()

    found = list(reports.check(_Index(), None))  # type: ignore[arg-type]
    in_a = [d for d in found if d.location.file.endswith("a.yaml")]
    assert in_a[:limit] == many[:limit]
    assert [d.code for d in in_a[limit:]] == ["Y119"]
    assert in_a[limit].location.line == limit + 1
    assert [d for d in found if d.location.file.endswith("b.yaml")] == other


def test_a_huge_columns_is_clamped(monkeypatch: pytest.MonkeyPatch) -> None:
    bound = options_module.MAX_WIDTH
    limits = (ROOT / "docs" / "LIMITS.md").read_text(encoding="utf-8")
    row = [line for line in limits.splitlines() if line.startswith("| terminal width")]
    assert len(row) == 1 and f"| {bound:,} |" in row[0]  # the bound the docs state
    monkeypatch.setenv("COLUMNS", "10000000")
    started = time.monotonic()
    result = CliRunner().invoke(
        app, ["check", "--data-dir", str(DEMO), "--as-of", "31/12/2026", "--no-cache"]
    )
    assert time.monotonic() - started < 60
    assert result.exit_code == 1
    assert max(len(line) for line in result.stdout.splitlines()) <= bound
    monkeypatch.setenv("COLUMNS", str(10**40))
    assert options_module.terminal_width(None) == bound


@pytest.mark.parametrize(
    ("lang", "words"),
    [("vi", "thư mục làm việc hiện tại không còn tồn tại"), ("en", "working directory no longer")],
)
def test_a_deleted_working_directory_is_a_usage_error(
    tmp_path: Path, lang: str, words: str
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]);"
        "sys.argv = ['kh284', *sys.argv[2:]]; from kh284.cli import main; main()"
    )
    for cache in ("--no-cache", "--quiet"):  # uncached, then through the cache
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                str(gone),
                "check",
                "--data-dir",
                str(DEMO),
                "--as-of",
                "31/12/2026",
                "--lang",
                lang,
                cache,
            ],
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "PYTHONPATH": str(SRC),
                "KH284_CACHE_DIR": str(tmp_path / "c"),
            },
            check=False,
            timeout=120,
        )
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and "X901" not in done.stderr
        assert done.stdout == ""
        gone.mkdir()
