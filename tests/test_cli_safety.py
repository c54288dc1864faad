"""The command line cannot be fooled: where it writes, how it fails, what it selects.

- ``--output`` writes only to a regular file or a new path: a symbolic link, a device
  node, a FIFO or a directory is refused (exit 2) and left as it was, ``--force`` or not.
- stdout closed (``>&-``) or full (``> /dev/full``) is a clear error, exit 2, no traceback.
- ``--select``/``--ignore`` take only codes or prefixes of codes in the catalogue; anything
  else is a usage error with a did-you-mean.
- The internal-error message (X901) speaks the language asked for with ``--lang``.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, run_both
from kh284.cli import app as app_module

TIMEOUT = 60


def _kh284(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kh284 args`` in a child process (killed after ``TIMEOUT``)."""
    return subprocess.run(
        [sys.executable, "-m", "kh284", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture
def no_writes_to_dev(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make a regression fail loudly instead of replacing a node under ``/dev``."""
    real_replace, real_link = os.replace, os.link

    def guarded(real: Any) -> Any:
        def call(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
            if os.fspath(dst).startswith("/dev/"):
                raise AssertionError(f"kh284 tried to replace {dst}")
            return real(src, dst, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "replace", guarded(real_replace))
    monkeypatch.setattr(os, "link", guarded(real_link))
    yield


# -- 9. --output: a regular file or a new path, nothing else ------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("force", [True, False])
def test_output_symlink_is_refused_and_left_alone(tmp_path: Path, force: bool) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    args = ["validate", "--data-dir", str(DATA), "-o", str(link), "--lang", "en"]
    _, err = run_both(*args, *(["--force"] if force else []), code=2)
    assert "symbolic link" in err
    assert "--force" not in err
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.txt", "report.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    _, err = run_both("validate", "--data-dir", str(DATA), "-o", str(link), "--force", code=2)
    assert "liên kết" in err  # Vietnamese by default
    assert link.is_symlink()
    assert not (tmp_path / "nowhere.txt").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("force", [True, False])
def test_output_fifo_is_refused_without_hanging(tmp_path: Path, force: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = ["validate", "--data-dir", str(DATA), "-o", str(fifo), "--lang", "en"]
    done = _kh284(*args, *(["--force"] if force else []))
    assert done.returncode == 2, done.stderr
    assert "FIFO" in done.stderr
    assert "Traceback" not in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout"])
@pytest.mark.usefixtures("no_writes_to_dev")
def test_output_device_is_refused_with_force(device: str) -> None:
    if not os.path.lexists(device):
        pytest.skip(f"no {device} here")
    before = os.lstat(device)
    out, err = run_both(
        "validate", "--data-dir", str(DATA), "-o", device, "--force", "--lang", "en", code=2
    )
    assert out == ""
    assert device in err
    assert "device" in err or "symbolic link" in err
    after = os.lstat(device)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.parametrize("force", [True, False])
def test_output_directory_says_directory(tmp_path: Path, force: bool) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    args = ["validate", "--data-dir", str(DATA), "-o", str(folder), "--lang", "en"]
    _, err = run_both(*args, *(["--force"] if force else []), code=2)
    assert "is a directory" in err
    assert "--force" not in err
    assert list(folder.iterdir()) == []


def test_output_regular_file_and_new_path_still_work(tmp_path: Path) -> None:
    new = tmp_path / "new.json"
    base = ["check", "--data-dir", str(DATA), "--fail-on", "never", "-o", str(new)]
    run_both(*base, "--format", "json", code=0)
    assert new.read_text(encoding="utf-8").startswith("{")
    _, err = run_both(*base, "--lang", "en", code=2)
    assert "exists; add --force" in err
    new.write_text("old\n", encoding="utf-8")
    run_both(*base, "--force", code=0)
    assert new.read_text(encoding="utf-8") != "old\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_report_commands_refuse_a_symlink_before_any_work(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep me\n", encoding="utf-8")
    for name, args in [
        ("r.html", ["report", "--data-dir", str(DATA)]),
        ("t.xlsx", ["template", "--data-dir", str(DATA), "--unit", "x", "--period", "2025"]),
        ("p.yaml", ["import", str(tmp_path / "missing.xlsx"), "--data-dir", str(DATA)]),
    ]:
        link = tmp_path / name
        link.symlink_to(target)
        _, err = run_both(*args, "-o", str(link), "--force", "--lang", "en", code=2)
        assert "symbolic link" in err, (args, err)
        assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_atomic_write_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    from kh284.cli.atomic import ExistsError, NotRegularError, write_bytes

    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "dir").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "file")
    for name, kind in [("pipe", "fifo"), ("dir", "directory"), ("link", "symlink")]:
        for overwrite in (False, True):
            with pytest.raises(NotRegularError) as caught:
                write_bytes(tmp_path / name, b"x", overwrite=overwrite)
            assert caught.value.kind == kind
    assert not (tmp_path / "file").exists()
    write_bytes(tmp_path / "file", b"one")
    with pytest.raises(ExistsError):
        write_bytes(tmp_path / "file", b"two")
    write_bytes(tmp_path / "file", b"two", overwrite=True)
    assert (tmp_path / "file").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "file", "link", "pipe"]


# -- 10. stdout closed or full ---------------------------------------------------------------


def test_closed_stdout_is_a_clear_error() -> None:
    command = 'exec "$0" -m kh284 validate --data-dir "$1" --lang en >&-'
    done = subprocess.run(
        ["sh", "-c", command, sys.executable, str(DATA)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "X901" not in done.stderr
    assert "standard output is closed" in done.stderr


def test_closed_stdout_with_output_file_still_writes(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    command = 'exec "$0" -m kh284 validate --data-dir "$1" -o "$2" >&-'
    done = subprocess.run(
        ["sh", "-c", command, sys.executable, str(DATA), str(target)],
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_full_stdout_is_a_clear_error(lang: str) -> None:
    with open("/dev/full", "w") as full:
        done = _kh284("validate", "--data-dir", str(DATA), "--lang", lang, stdout=full)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "X901" not in done.stderr
    expected = "không ghi được" if lang == "vi" else "cannot write the report"
    assert expected in done.stderr
    # ENOSPC in the vocabulary's words (issue 22): Vietnamese, or the usual English
    assert ("ổ đĩa đã đầy" if lang == "vi" else "No space left on device") in done.stderr
    assert (os.strerror(28) in done.stderr) == (lang == "en")


# -- 14. --select / --ignore: known codes and prefixes only ---------------------------------


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--select", "ZZZ", None),
        ("--select", "K7O1", "K701"),
        ("--select", "k7o1", "K701"),
        ("--ignore", "XYZ", None),
        ("--ignore", "P4,R3O2", "R302"),
        ("--select", "D5100", "D510"),
    ],
)
def test_unknown_code_is_a_usage_error(option: str, value: str, hint: str | None) -> None:
    out, err = run_both("validate", "--data-dir", str(DATA), option, value, "--lang", "en", code=2)
    assert out == ""
    assert option in err
    assert "no code" in err
    if hint is not None:
        assert f"did you mean '{hint}'" in err
    else:
        assert "codes start with" in err


def test_unknown_code_in_vietnamese() -> None:
    _, err = run_both("check", "--data-dir", str(DATA), "--select", "K7O1", code=2)
    assert "có phải là 'K701'" in err


@pytest.mark.parametrize("value", ["P4", "K", "D51", "k701", "K701,T6", "X901"])
def test_known_codes_and_prefixes_still_work(value: str) -> None:
    run_both("validate", "--data-dir", str(DATA), "--select", value, code=0)
    run_both("validate", "--data-dir", str(DATA), "--ignore", value, code=0)


# -- X901 speaks --lang -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--lang", "en"], None, "kh284 internal error"),
        (["--lang=en"], None, "kh284 internal error"),
        ([], "en", "kh284 internal error"),
        ([], None, "Lỗi nội bộ của kh284"),
        (["--lang", "vi"], "en", "Lỗi nội bộ của kh284"),
    ],
)
def test_internal_error_speaks_the_language_asked(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    env: str | None,
    expected: str,
) -> None:
    from kh284.cli import commands

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(commands, "run", broken)
    if env is not None:
        monkeypatch.setenv("KH284_LANG", env)
    command = ["kh284", "validate", "--data-dir", str(DATA), "--no-cache", *argv]
    monkeypatch.setattr(sys, "argv", command)
    with pytest.raises(SystemExit) as done:
        app_module.run_app()
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "X901" in err
    assert expected in err
    assert "RuntimeError: boom" in err
    assert "Traceback" not in err
