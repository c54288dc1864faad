"""Piped into ``cat`` or ``less`` in a terminal, tables take the terminal's width (issue 22).

``kh284 overdue | less`` in an 80-column terminal drew 120 columns (bash does not export
``COLUMNS``), so every row wrapped in two.  Now, with stdout a pipe, the width is
``COLUMNS`` when set, else the terminal of stderr, else the controlling terminal
(``/dev/tty``), else 120; written to a file (``> FILE``, ``-o``) it is 120 unless
``COLUMNS`` says otherwise.  Each case runs the real program in a subprocess with
pseudo-terminals of known sizes, and reads the table's rules back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import DEMO, ROOT

pty = pytest.importorskip("pty")
import fcntl  # noqa: E402  (POSIX only, after the skip)
import struct  # noqa: E402
import termios  # noqa: E402

ARGS = ("overdue", "--data-dir", str(DEMO), "--as-of", "2026-12-31", "--no-cache")


def _terminal(columns: int) -> tuple[int, int]:
    """A pseudo-terminal ``columns`` wide: (its leader, its follower)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    return leader, follower


def _env(columns: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update({"PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"})
    if columns is not None:
        env["COLUMNS"] = columns
    return env


def _drain(leader: int) -> None:
    """Read what the child wrote to a terminal (so that a full one never blocks it)."""
    try:
        while os.read(leader, 65536):
            pass
    except OSError:
        pass


def _widths(stdout: str) -> tuple[int, int]:
    """The table's rule and the widest line of ``stdout`` (in cells)."""
    lines = stdout.splitlines()
    rule = max(cell_len(line) for line in lines if line.startswith("┏"))
    return rule, max(cell_len(line) for line in lines)


def _run(
    columns: str | None,
    *,
    stderr: int | None = None,
    setup: Callable[[], None] | None = None,
    stdout: int | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kh284", *ARGS],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE if stderr is None else stderr,
        stdin=subprocess.DEVNULL,
        env=_env(columns),
        preexec_fn=setup,
        start_new_session=setup is None,  # no controlling terminal unless setup gives one
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(("columns", "expected"), [(None, 80), ("100", 100)])
def test_piped_with_stderr_on_a_terminal(columns: str | None, expected: int) -> None:
    leader, follower = _terminal(80)
    try:
        done = _run(columns, stderr=follower)
    finally:
        os.close(follower)
        _drain(leader)
        os.close(leader)
    assert done.returncode == 1
    rule, widest = _widths(done.stdout.decode("utf-8"))
    # `kh284 overdue | cat` in an 80-column terminal: no line wider than 80; COLUMNS wins
    assert rule == expected and widest <= expected


def test_piped_with_only_a_controlling_terminal() -> None:
    # stdout and stderr both piped (`kh284 overdue 2>&1 | less`): the controlling terminal
    leader, follower = _terminal(70)

    def controlling() -> None:
        os.setsid()
        fcntl.ioctl(follower, termios.TIOCSCTTY, 0)

    try:
        done = _run(None, setup=controlling)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 1, done.stderr
    assert _widths(done.stdout.decode("utf-8")) == (70, 70)


def test_no_terminal_anywhere_is_120() -> None:
    done = _run(None)
    assert done.returncode == 1
    assert _widths(done.stdout.decode("utf-8"))[0] == 120


def test_redirected_to_a_file_is_120(tmp_path: Path) -> None:
    # `kh284 overdue > report.txt` in a terminal: a file is read later, elsewhere
    leader, follower = _terminal(80)
    target = tmp_path / "report.txt"
    try:
        with target.open("wb") as out:
            done = _run(None, stderr=follower, stdout=out.fileno())
    finally:
        os.close(follower)
        _drain(leader)
        os.close(leader)
    assert done.returncode == 1
    assert _widths(target.read_text(encoding="utf-8"))[0] == 120


def test_the_width_source_is_in_the_replay_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """A result stored when piped to an 80-column terminal is not replayed at 70."""
    from kh284.cli import replay, width

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(width, "_stream_fd", lambda stream: None)  # no stdout, no stderr
    monkeypatch.setattr(width, "_tty_columns", lambda: 80)
    key = replay.fingerprint(["overdue"], DEMO, "digest", replay.today())
    assert width.source() == ("tty", 80)
    monkeypatch.setattr(width, "_tty_columns", lambda: 70)
    assert width.source() == ("tty", 70)
    assert replay.fingerprint(["overdue"], DEMO, "digest", replay.today()) != key
    monkeypatch.setenv("COLUMNS", "90")  # COLUMNS says otherwise: the terminal is not asked
    assert width.source() == ("COLUMNS", 90)
