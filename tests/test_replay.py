"""A command's whole result, replayed from the cache: only for exactly the same run.

``tests/test_cache_safety.py`` drives random edits through the replay (its ``kh284`` helper
runs a command as the ``kh284`` program does); here each part of the key is pinned on its
own: the data's bytes, the command line, the environment (``GITHUB_WORKSPACE``), the working
directory, kh284's code, the date, and ``--output``'s refusals.  And the real program, in
a subprocess, prints the same bytes replayed as computed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from kh284.cli import replay
from kh284.cli.app import app
from kh284.load import cache as cache_module

DEMO = ROOT / "examples" / "demo"
Run = tuple[int, str, str, bool]  # exit code, stdout, stderr, replayed?


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DEMO, copy)
    return copy


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    with mock.patch.dict(os.environ, {"KH284_CACHE_DIR": str(folder)}):
        os.environ.pop("KH284_NO_CACHE", None)
        yield folder


def run(*argv: str) -> Run:
    """``kh284 ARGV`` as the program runs it: replayed before parsing, else the app."""
    with mock.patch.object(sys, "argv", ["kh284", *argv]):
        stored = replay.lookup(list(argv))
        if stored is not None and stored.to_stdout:
            return stored.exit_code, stored.output, stored.summary, True
        result = CliRunner().invoke(app, list(argv), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr, False


def overdue(data: Path, *more: str) -> list[str]:
    return ["overdue", "--data-dir", str(data), "--as-of", "2026-10-11", *more]


def test_the_same_run_is_replayed_and_prints_the_same(data: Path, cache_dir: Path) -> None:
    first = run(*overdue(data))
    assert first[3] is False and first[0] == 1 and "PL-03" in first[1]
    again = run(*overdue(data))
    assert again == (*first[:3], True)
    fresh = run(*overdue(data, "--no-cache"))
    assert fresh == first


def test_other_bytes_are_not_replayed(data: Path, cache_dir: Path) -> None:
    first = run(*overdue(data))
    report = next((data / "progress").rglob("*.yaml"))
    report.write_bytes(report.read_bytes() + b"\n# one more byte\n")
    second = run(*overdue(data))
    # a comment changes no verdict, yet other bytes are another key: worked out afresh
    assert second == (*first[:3], False)
    assert run(*overdue(data))[3] is True


def test_each_part_of_the_run_is_in_the_key(
    data: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["check", "--data-dir", str(data), "--as-of", "2026-10-11", "--format", "github"]
    run(*argv)
    assert run(*argv)[3] is True
    # another workspace: the annotations would name other paths
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    assert run(*argv)[3] is False
    assert run(*argv)[3] is True
    # another working directory: paths are shown relative to it
    monkeypatch.chdir(tmp_path)
    assert run(*argv)[3] is False
    # another command line (same options in another order is another key too)
    assert run(*argv[:-2])[3] is False
    # another day: "today" is the default as-of date
    later = dt.date.today() + dt.timedelta(days=1)
    with mock.patch.object(replay, "today", lambda: later):
        assert run(*argv)[3] is False
    # other code: an edited kh284 never replays another's output
    monkeypatch.setattr(cache_module, "code_digest", lambda: "0" * 40)
    assert run(*argv)[3] is False


def test_output_to_a_file_keeps_its_refusals(data: Path, cache_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    argv = [*overdue(data), "--format", "json", "-o", str(target)]
    code, out, err, replayed = run(*argv)
    assert code == 1 and out == "" and target.exists() and not replayed
    written = target.read_bytes()
    # the same command again: the file exists and --force was not given: refused (exit 2)
    code, out, err, replayed = run(*argv)
    assert code == 2 and not replayed and "--force" in err
    # with --force: written again, the same bytes
    target.unlink()
    code, _, _, replayed = run(*argv)
    assert code == 1 and target.read_bytes() == written and not replayed


def test_a_remembered_reading_serves_only_its_own_command_line(
    data: Path, cache_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(DEMO, other)
    (other / "progress").rename(tmp_path / "no-progress")
    with mock.patch.object(sys, "argv", ["kh284", *overdue(data)]):
        replay.lookup(overdue(data))
    # the app then runs another command line (as a test runner may): nothing is replayed
    # or stored under the remembered key, and the verdict is the other data's
    result = CliRunner().invoke(app, overdue(other), catch_exceptions=False)
    fresh = CliRunner().invoke(app, [*overdue(other), "--no-cache"], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (fresh.exit_code, fresh.stdout)
    assert not (cache_dir / "result").exists()


def test_no_replay_without_the_cache(data: Path, cache_dir: Path) -> None:
    run(*overdue(data))
    assert run(*overdue(data, "--no-cache"))[3] is False
    with mock.patch.dict(os.environ, {"KH284_NO_CACHE": "1"}):
        assert run(*overdue(data))[3] is False


def test_the_program_replays_the_same_bytes(data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "KH284_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    env.pop("KH284_NO_CACHE", None)
    argv = [sys.executable, "-m", "kh284", *overdue(data)]

    def program(*extra: str) -> tuple[int, bytes, bytes]:
        done = subprocess.run([*argv, *extra], capture_output=True, env=env, timeout=120)
        return done.returncode, done.stdout, done.stderr

    computed = program()
    results = tmp_path / "cache" / "result"
    assert computed[0] == 1 and results.is_dir() and len(list(results.rglob("*.json"))) == 1
    replayed = program()
    assert replayed == computed
    assert program("--no-cache") == computed
    assert len(list(results.rglob("*.json"))) == 1  # replayed, not stored again


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["check"],
        ["tasks"],
        ["overdue"],
        ["targets"],
        ["targets", "tot-nghiep-thpt"],
        ["missing"],
        ["missing", "--unit", "so tai chinh"],
        ["units"],
        ["units", "--format", "json"],
    ],
)
def test_every_replayed_command_is_stored_from_its_own_reading(
    command: list[str], data: Path, cache_dir: Path
) -> None:
    # a command that read the files again instead of using the run's reading would not be
    # stored (replay.run_replayed stores only a result computed from that reading)
    argv = [*command, "--data-dir", str(data), "--as-of", "2026-12-31"]
    first = run(*argv)
    assert first[3] is False
    assert run(*argv) == (*first[:3], True)
    with mock.patch.dict(os.environ, {"KH284_NO_CACHE": "1"}):  # targets has no --no-cache
        assert run(*argv) == (*first[:3], False)
