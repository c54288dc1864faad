"""The README's usage section is the real ``--help`` output, and its commands are real.

Regenerate the block with ``KH284_REGEN_README=1 pytest tests/test_readme.py``.
"""

from __future__ import annotations

import os
import re

from typer.testing import CliRunner

from conftest import ROOT
from kh284.cli.app import app

README = ROOT / "README.md"
START, END = "<!-- usage:start -->", "<!-- usage:end -->"
COMMANDS = [
    "",
    "validate",
    "check",
    "targets",
    "tasks",
    "overdue",
    "missing",
    "schema",
    "report",
    "template",
    "import",
]


def usage_text() -> str:
    parts = []
    for command in COMMANDS:
        args = [command, "--help"] if command else ["--help"]
        result = CliRunner().invoke(app, args, terminal_width=100, prog_name="kh284")
        assert result.exit_code == 0, result.output
        title = f"kh284 {command} --help".replace("  ", " ")
        parts.append(f"$ {title}\n{result.stdout.rstrip()}\n")
    return "```text\n" + "\n".join(parts) + "```"


def test_readme_usage_is_the_real_help_output() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), text, re.S)
    assert block, "README.md lacks the usage markers"
    expected = usage_text()
    if os.environ.get("KH284_REGEN_README"):
        README.write_text(text.replace(block.group(1), expected), encoding="utf-8")
        return
    assert block.group(1) == expected, "README usage is stale: KH284_REGEN_README=1 pytest"


def test_readme_quick_start_has_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\$ (.+)$", quick, re.M)
    assert len(commands) == 2
    assert "kh284 check" in commands[0]
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci, "the CI script must run the README's test command word for word"
