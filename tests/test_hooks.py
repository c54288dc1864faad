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
