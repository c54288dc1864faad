"""Reading ahead: the console run's workers parse the reports before the command line is parsed.

On a cache miss, ``kh284`` starts its worker processes on the progress reports it has just
read (``replay.read_ahead``) while it loads typer and the models; the run takes them over
when it reads that same reading.  Whatever happens next — the run uses them, a usage error
ends it, Ctrl-C stops it — it prints what a run without the cache prints, and no worker is
left behind.  Invented data sets, made here.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, children_of
from kh284.load import cache as cache_module
from kh284.load import reading

AS_OF = ["--as-of", "2026-12-31"]
REPORT = """unit: so-gddt
period: 2025
reported_on: 2025-12-{day:02d}
document: "Báo cáo số {number}/BC-SGDĐT (invented for this test)"
indicators:
  - target: {target}
    value: {value}
"""


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan files with enough invented reports to start the worker processes."""
    root = tmp_path_factory.mktemp("ahead") / "data"
    for source in DATA.iterdir():
        if source.is_file():
            (root / source.name).parent.mkdir(parents=True, exist_ok=True)
            (root / source.name).write_bytes(source.read_bytes())
    folder = root / "progress" / "ahead"
    folder.mkdir(parents=True)
    for i in range(reading.PARALLEL_MIN_FILES + 40):
        text = REPORT.format(
            day=1 + i % 28,
            number=i,
            target="nha-tre-huy-dong" if i % 3 else "unknown-target",
            value=[12.5, 140, 99][i % 3],
        )
        (folder / f"r{i:04d}.yaml").write_text(text, encoding="utf-8")
    return root


def _run(args: list[str], cache: Path | None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "KH284_LANG": "en", "NO_COLOR": "1"}
    env.pop("KH284_NO_CACHE", None)
    if cache is None:
        args = [*args, "--no-cache"]
    else:
        env["KH284_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "kh284", *args], capture_output=True, env=env, timeout=120
    )


def _left(marker: str) -> list[int]:
    """Processes still running whose command line names ``marker``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return [pid for pid in found if pid != os.getpid()]


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_read_ahead_prints_what_an_uncached_run_prints(
    many: Path, tmp_path: Path, fmt: str
) -> None:
    args = ["validate", "--data-dir", str(many), "--format", fmt, *AS_OF]
    fresh = _run(args, None)
    cold = _run(args, tmp_path / "cache")  # read ahead, taken over
    warm = _run([*args, "--fail-on", "error"], tmp_path / "cache")  # each file from the cache
    assert fresh.returncode == 1 and b"R302" in fresh.stdout
    for run in (cold, warm):
        assert (run.stdout, run.stderr, run.returncode) == (
            fresh.stdout,
            fresh.stderr,
            fresh.returncode,
        )
    packs = list((tmp_path / "cache" / "file").rglob(cache_module.PACK_NAME))
    entries = [line for pack in packs for line in pack.read_bytes().splitlines()]
    assert len(entries) >= reading.PARALLEL_MIN_FILES  # what the workers parsed was stored
    assert len(packs) < len(entries)  # in packs, not a file each
    assert not list((tmp_path / "cache").rglob(".tmp-*"))


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_a_usage_error_after_reading_ahead_leaves_no_worker(many: Path, tmp_path: Path) -> None:
    done = _run(["validate", "--data-dir", str(many), "--format", "bogus"], tmp_path / "c")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    time.sleep(0.2)
    assert not _left(str(many))
    assert not list((tmp_path / "c").rglob(".tmp-*"))


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no worker processes")
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3, 0.6])
def test_ctrl_c_at_any_moment_of_a_cold_run(many: Path, tmp_path: Path, delay: float) -> None:
    """Ctrl-C ``delay`` seconds after the workers began reading ahead (typer, the models and
    the checks load or run meanwhile): said, exit 130, no worker and no temporary file left.
    """
    env = {**os.environ, "KH284_LANG": "en", "KH284_CACHE_DIR": str(tmp_path / "c")}
    env.pop("KH284_NO_CACHE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kh284", "check", "--data-dir", str(many), *AS_OF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )
    try:
        deadline = time.monotonic() + 60
        while not children_of(process.pid) and process.poll() is None:
            assert time.monotonic() < deadline, "no worker was started"
            time.sleep(0.002)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert process.returncode in (130, 1), text  # 1: it had finished before Ctrl-C came
    if process.returncode == 130:
        assert "interrupted" in text
    time.sleep(0.2)
    assert not _left(str(many))
    assert not list((tmp_path / "c").rglob(".tmp-*"))
