"""No line of output starts with data a CI runner would read as a command (issue 24).

GitHub Actions reads a line of a step's log that starts (after white space) with ``::`` as
a workflow command — ``::warning::``, ``::add-mask::``, ``::stop-commands::`` — and also the
older ``##[warning]``.  kh284's output may start a line with data: a target group's name is
a table's title, a long interpretation or task text wraps at a word.  A copy of the
invented demo gets such words in every place a person types text (a group, a target's
name and interpretation, a unit's names, a task's text, a report's document, a file's
name), every word of the long ones a command, so that wherever a line breaks the next one
starts with one; then every command in every format, in both languages and at several
widths, is read line by line.  The terminal's lines that would start so have the ``::``
broken (``render.findings.neutral_lines``), everywhere the same way.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import DEMO, run_both
from kh284.render.findings import JOINER, neutral_lines

#: A line a runner reads as a command (the pattern the issue gives, and the older form).
COMMAND_LINE = re.compile(r"^\s*(::|##\[)")
#: Words that are each a command: wherever a line breaks, the next starts with one.
COMMANDS = ["::warning::x", "::add-mask::y", "::stop-commands::z", "##[error]w"]
LONG = " ".join(COMMANDS * 12)
SHORT = "::warning::Sở"
AS_OF = "2026-12-31"
FORMATS = ["terminal", "json", "junit", "github", "sarif", "markdown"]


def _edit(path: Path, change: object) -> None:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with runner commands in every text a person types."""
    root = tmp_path_factory.mktemp("line-start") / "data"
    shutil.copytree(DEMO, root)

    def targets(doc: dict) -> None:  # type: ignore[type-arg]
        first = doc["groups"][0]["name"]
        doc["groups"][0]["name"] = doc["groups"][0]["name_en"] = f"{SHORT} {LONG}"
        for target in doc["targets"]:
            if target["group"] == first:
                target["group"] = f"{SHORT} {LONG}"
            target["name"] = target["name_en"] = f"{SHORT} {LONG}"
            target["interpretation"] = target["interpretation_en"] = LONG

    def units(doc: dict) -> None:  # type: ignore[type-arg]
        for unit in doc["units"]:
            unit["short_name"] = f"{SHORT}{unit['id']}"  # stays one word, and unique
            unit["name"] = f"{SHORT} {unit['id']} {LONG}"

    def plan(doc: dict) -> None:  # type: ignore[type-arg]
        for task in doc["appendix"]["tasks"]:
            task["text"] = LONG

    _edit(root / "targets.yaml", targets)
    _edit(root / "units.yaml", units)
    _edit(root / "plan.yaml", plan)
    for report in sorted((root / "progress").rglob("*.yaml")):

        def document(doc: dict) -> None:  # type: ignore[type-arg]
            doc["document"] = LONG

        _edit(report, document)
    later = root / "progress" / "2026"
    shutil.copy(later / "so-tai-chinh-ngan-sach-2026.yaml", later / "::warning::f.yaml")
    return root


#: kh284's own annotations in ``--format github``: a command it means, one per finding,
#: always with its file and line (render/github.py escapes the data inside).
OWN_ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^:\s]*,line=\d+,col=\d+,title=\w+::")


def _runner_lines(text: str, fmt: str = "terminal") -> list[str]:
    return [
        line
        for line in text.splitlines()
        if COMMAND_LINE.match(line) and not (fmt == "github" and OWN_ANNOTATION.match(line))
    ]


def _run(data: Path, *args: str) -> tuple[str, str]:
    return run_both(*args, "--data-dir", str(data), "--as-of", AS_OF, code=None)


def test_the_data_reaches_the_output(data: Path) -> None:
    """The planted words are shown (else the scans below would prove nothing)."""
    out, _ = _run(data, "check", "--format", "json")
    assert SHORT in out and "::add-mask::y" in out
    out, _ = _run(data, "targets", "nha-tre-huy-dong")
    assert out.count("add-mask") >= 12  # the interpretation and the name, wrapped


COMMANDS_AND_FORMATS = [
    (command, fmt)
    for command in ("validate", "check", "tasks", "overdue", "missing")
    for fmt in FORMATS
] + [
    ("targets", "terminal"),
    ("targets", "json"),
    ("units", "terminal"),
    ("units", "json"),
]


@pytest.mark.parametrize(("command", "fmt"), COMMANDS_AND_FORMATS)
def test_no_line_starts_with_a_runner_command(data: Path, command: str, fmt: str) -> None:
    for lang in ("vi", "en") if fmt == "terminal" else ("vi",):
        out, err = _run(data, command, "--format", fmt, "--lang", lang)
        assert _runner_lines(out, fmt) == [], f"kh284 {command} --format {fmt} --lang {lang}"
        assert _runner_lines(err) == [], f"kh284 {command} --format {fmt} (stderr)"


@pytest.mark.parametrize("width", ["60", "80", "120"])
@pytest.mark.parametrize("args", [["check", "-v"], ["targets", "nha-tre-huy-dong"], ["targets"]])
def test_no_terminal_line_starts_with_one_at_any_width(
    data: Path, args: list[str], width: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    out, err = _run(data, *args)
    assert _runner_lines(out + err) == [], f"kh284 {' '.join(args)} at {width}"
    if args[0] == "targets" and len(args) == 2:
        # the interpretation's wrapped lines start with the data's words, the "::" broken
        assert f":{JOINER}:" in out


def test_neutral_lines_breaks_only_a_line_start() -> None:
    text = "::warning::a\n  ::add-mask::b\n\x1b[1m::stop-commands::c\nx ::warning::d\n##[error]e\n"
    said = neutral_lines(text)
    assert _runner_lines(said) == []
    assert said.replace(JOINER, "") == text  # nothing else changes: same words, same width
    assert "x ::warning::d" in said  # inside a line, nothing to break


def test_a_locale_without_the_joiner_still_breaks_the_start(data: Path, tmp_path: Path) -> None:
    # under an ASCII locale the word joiner cannot be written: a space stands in for it
    # (cli/output.py), never nothing, so the runner still sees no command
    import os
    import subprocess
    import sys

    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env["KH284_CACHE_DIR"] = str(tmp_path / "cache")
    for args in (["targets", "nha-tre-huy-dong"], ["check", "-v"], ["validate"]):
        proc = subprocess.run(
            [sys.executable, "-m", "kh284", *args, "--data-dir", str(data), "--as-of", AS_OF],
            capture_output=True,
            env=env,
            timeout=120,
        )
        out = proc.stdout.decode("ascii") + proc.stderr.decode("ascii")
        assert _runner_lines(out) == [], f"kh284 {' '.join(args)} under LC_ALL=C"
