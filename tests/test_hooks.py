"""The pre-commit hook definition works as written, and the example workflow is sound."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from conftest import ROOT

GOLDEN_DATA = ROOT / "tests" / "golden" / "data"


def test_pre_commit_entry_reports_the_changed_file_with_its_line(tmp_path: Path) -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "kh284-validate")
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    data = tmp_path / "data"
    shutil.copytree(GOLDEN_DATA, data)
    (data / "waivers.yaml").unlink()
    changed = data / "progress" / "2025" / "so-tc.yaml"
    command = shlex.split(hook["entry"])
    executable = Path(sys.executable).with_name(command[0])
    assert executable.exists(), f"{command[0]} is not installed next to {sys.executable}"
    proc = subprocess.run(
        [
            str(executable),
            *command[1:],
            "--lang",
            "en",
            "--color",
            "never",
            str(changed.relative_to(tmp_path)),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "data/progress/2025/so-tc.yaml:7:13: error R302" in proc.stdout
    # only the changed file is reported on
    assert all(
        line.startswith("data/progress/2025/so-tc.yaml") for line in proc.stdout.splitlines()
    )
    clean = data / "progress" / "2025" / "so-gd.yaml"
    proc = subprocess.run(
        [str(executable), *command[1:], str(clean.relative_to(tmp_path))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_example_workflow_runs_kh284_validate() -> None:
    workflow = YAML(typ="safe").load(
        (ROOT / "examples" / "github-actions" / "kh284-validate.yml").read_text("utf-8")
    )
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any(r.startswith("kh284 validate") for r in runs)
    assert "pull_request" in workflow["on"] or "pull_request" in workflow.get(True, {})


def test_example_workflow_keeps_the_cache_between_runs() -> None:
    # issue "Cold runs": a pull request's job parses only the files it changed
    workflow = YAML(typ="safe").load(
        (ROOT / "examples" / "github-actions" / "kh284-validate.yml").read_text("utf-8")
    )
    job = workflow["jobs"]["validate"]
    cache_dir = job["env"]["KH284_CACHE_DIR"]
    cached = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/cache@")]
    assert len(cached) == 1
    settings = cached[0]["with"]
    assert settings["path"] == cache_dir
    version = "${{ steps.kh284.outputs.version }}"
    assert settings["key"].startswith(version) and settings["restore-keys"].startswith(version)
    assert "github.run_id" in settings["key"] and "run_id" not in settings["restore-keys"]
    steps = [s.get("id") or s.get("uses") or s.get("run") for s in job["steps"]]
    first_run = next(i for i, s in enumerate(steps) if str(s).startswith("kh284 validate"))
    assert steps.index("kh284") < steps.index(cached[0]["uses"]) < first_run
