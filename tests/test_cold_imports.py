"""A cold run imports only what its command uses (issue "Cold runs").

Every CI job starts with an empty cache, so what a command imports is paid on every run.
These tests run the program as CI does (a new process, an empty cache) under ``python -X
importtime`` and list the modules it imported: none of the libraries kh284 loads only for
other commands may appear — the terminal's rich, the exact YAML loader's ruamel.yaml when
every file is plain, the worker processes' modules below the parallel threshold, and the
reports extra (openpyxl, matplotlib, python-docx) — nor kh284's own modules for other
commands and formats.  The common command lines (``cli/quick.py``) import no typer at
all; help and a refused value still go through it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, DEMO, ROOT
from kh284.render import findings

#: Libraries (and kh284 modules) that a run of a machine format or of ``validate`` never
#: needs; each is loaded where it is used.
HEAVY = (
    "rich",  # the terminal format only
    "ruamel",  # the exact loader, only for a file the fast path cannot vouch for
    "multiprocessing",  # worker processes, only from 200 files on
    "concurrent.futures.process",
    "openpyxl",  # the reports extra
    "matplotlib",
    "docx",
    "numpy",
    "PIL",
    "kh284.reports",
    "kh284.render.terminal",
    "kh284.render.markdown",
    "kh284.render.sarif",
    "kh284.render.junit",
    "kh284.render.targets_view",
)


def imported(*args: str, tmp_path: Path, runs: bool = True) -> set[str]:
    """The modules ``kh284 args`` imports in a new process with an empty cache.

    ``runs``: the command runs (else the command line is refused, or asks for help).
    """
    env = {
        **os.environ,
        "KH284_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kh284", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode in ((0, 1) if runs else (0, 2)), proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "[us]" not in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert ("kh284.pipeline" in names) is runs  # the command really ran (or did not)
    return names


def heavy_among(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == h or n.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--format", "json"),
        ("validate",),
        ("validate", "--format", "github"),
        ("check", "--format", "github"),
        ("tasks", "--format", "json"),
    ],
    ids=lambda a: " ".join(a),
)
@pytest.mark.parametrize("data", [DATA, DEMO], ids=["shipped", "demo"])
def test_a_cold_run_imports_no_heavy_module(args: tuple[str, ...], data: Path, tmp_path: Path):
    names = imported(*args, "--data-dir", str(data), "--as-of", "2026-12-31", tmp_path=tmp_path)
    # one demo file shows YAML forms the fast path leaves to the exact loader (ruamel.yaml);
    # every shipped file is plain
    allowed = {"ruamel"} if data == DEMO else set()
    assert [n for n in heavy_among(names) if n.split(".")[0] not in allowed] == []


def test_the_terminal_format_does_import_rich(tmp_path: Path):
    # the list above is not vacuous: the terminal format is where rich is loaded
    names = imported("check", "--data-dir", str(DEMO), "--as-of", "2026-12-31", tmp_path=tmp_path)
    assert "rich" in heavy_among(names)


def test_many_files_do_start_the_worker_processes(tmp_path: Path):
    # ... and the workers' modules load when there are enough files to share out
    data = tmp_path / "data"
    import shutil

    shutil.copytree(DEMO, data)
    template = next((data / "progress").rglob("*.yaml")).read_bytes()
    extra = data / "progress" / "2026" / "copies"
    extra.mkdir(parents=True)
    for n in range(210):
        (extra / f"copy-{n:03}.yaml").write_bytes(template)
    names = imported(
        "validate", "--format", "json", "--data-dir", str(data), "--as-of", "2026-12-31",
        tmp_path=tmp_path,
    )  # fmt: skip
    assert "multiprocessing" in heavy_among(names)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=30), st.sampled_from(["", *findings.SGR])),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_finding_lines_without_rich_are_the_bytes_rich_writes(
    segments: list[tuple[str, str]], color: bool
) -> None:
    # render.findings writes a finding line itself (no rich); render.terminal draws the
    # same segments through rich: both must give the same bytes, colours included
    from kh284.diagnostics.catalogue import printable
    from kh284.render.terminal import WholeLine, to_text

    shown = [(printable(text), style) for text, style in segments]
    ours = findings.neutral_lines(findings.line(shown, color=color))
    theirs = to_text([WholeLine.assemble(*shown)], color=color, width=40)
    assert ours == theirs


def _typer(names: set[str]) -> list[str]:
    return sorted(n for n in names if n == "typer" or n.startswith("typer."))


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-q"),
        ("check", "--format", "json"),
        ("validate",),
        ("tasks", "--status", "overdue"),
        ("overdue", "--unit", "so-gddt"),
        ("missing", "--year=2026"),
        ("units", "--format", "json"),
    ],
    ids=" ".join,
)
def test_the_common_command_lines_run_without_typer(args: tuple[str, ...], tmp_path: Path):
    # cli/quick.py reads them: neither typer nor the click it vendors is imported
    names = imported(*args, "--data-dir", str(DEMO), "--as-of", "2026-12-31", tmp_path=tmp_path)
    assert _typer(names) == []


@pytest.mark.parametrize(
    "args",
    [("check", "--help"), ("check", "--as-of", "2026-13-01"), ("tasks", "--status", "nope")],
    ids=" ".join,
)
def test_help_and_a_refused_value_still_go_through_typer(args: tuple[str, ...], tmp_path: Path):
    names = imported(*args, "--data-dir", str(DEMO), tmp_path=tmp_path, runs=False)
    assert {"typer", "typer._click"} <= set(_typer(names))


def test_a_replayed_result_loads_no_parser_no_models_and_no_typer(tmp_path: Path):
    """A warm run replays its result: it reads the cache's JSON, never YAML or a model."""
    env = {
        **os.environ,
        "KH284_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("KH284_NO_CACHE", None)
    argv = [sys.executable, "-X", "importtime", "-m", "kh284", "check", "-q"]
    argv += ["--data-dir", str(DATA), "--as-of", "2026-12-31"]
    runs = [
        subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
        for _ in range(2)
    ]
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in runs[1].stderr.splitlines()
        if line.startswith("import time:") and "|" in line and "[us]" not in line
    }
    assert runs[0].returncode == runs[1].returncode == 1
    assert "kh284.load.codec" in names and "kh284.pipeline" not in names  # replayed
    loaded = {n.split(".")[0] for n in names} | names
    assert not loaded & {"yaml", "_yaml", "ruamel", "pydantic", "typer", "kh284.load.fast"}
