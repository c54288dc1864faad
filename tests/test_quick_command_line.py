"""The command lines ``cli/quick.py`` runs without typer give what typer's path gives.

For command lines drawn from the options each command declares (valid values and values
typer refuses, ``--name=VALUE``, repeated options, the environment variables set or not,
unknown options, ``--help``, positionals, ``--``) and for a hand list of real ones, the
quick path either gives up or makes exactly the ``Options`` and the command's arguments
that typer's path makes: both are caught where the command runs its core
(``checking.run_command``).  Then, in new processes, real command lines print the same
bytes and exit the same way with the quick path as with it turned off — and the quick
ones run with typer made impossible to import.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer._click.exceptions import ClickException

from conftest import DATA, DEMO, ROOT
from kh284.cli import checking, quick, replay
from kh284.cli.app import _COMMANDS, app
from kh284.cli.declarations import (
    AS_OF,
    COMMAND_LINES,
    IGNORE,
    SELECT,
    STATUS,
    UNITS_AS_OF,
    Option,
)
from kh284.cli.options import Options

GROUP: Any = typer.main.get_command(app)


class Ran(Exception):
    """What a command handed to its core: caught instead of running it."""

    def __init__(self, options: Options, command: str, kwargs: dict[str, Any]) -> None:
        super().__init__(command)
        self.options, self.command, self.kwargs = options, command, kwargs

    def seen(self) -> tuple[dict[str, Any], str, dict[str, Any]]:
        """Every field of the ``Options`` (not the run's reading and cache), and the rest."""
        fields = {k: v for k, v in vars(self.options).items() if k not in ("snapshot", "_opened")}
        return fields, self.command, self.kwargs


def _caught(options: Options, command: str, **kwargs: Any) -> Any:
    raise Ran(options, command, kwargs)


def by_typer(words: list[str]) -> Ran | None:
    """What typer's path hands to the core for ``kh284 words``; ``None`` when it does not."""
    with mock.patch.object(checking, "run_command", _caught):
        try:
            GROUP.main(list(words), prog_name="kh284", standalone_mode=False)
        except Ran as ran:
            return ran
        except (ClickException, SystemExit):
            return None  # a usage error, help, a refusal: nothing ran
    return None


def by_quick(words: list[str]) -> Ran | None:
    """What the quick path hands to the core; ``None`` when it gives the line up."""
    ready = quick.prepare(words)
    if ready is None:
        return None
    with mock.patch.object(checking, "run_command", _caught):
        try:
            ready()
        except Ran as ran:
            return ran
    raise AssertionError(f"{words}: the quick path ran without reaching the core")


def agree(words: list[str]) -> Ran | None:
    """Assert the quick path gives up or hands the core what typer's does; its ``Ran``."""
    ours = by_quick(words)
    if ours is None:
        return None
    theirs = by_typer(words)
    assert theirs is not None, f"{words}: typer refuses it, the quick path ran it"
    assert ours.seen() == theirs.seen(), words
    assert ours.options == theirs.options
    return ours


# -- command lines drawn from the declarations -----------------------------------------------

#: Values each kind of option takes, and values typer (or the command) refuses.
DATES = ["2026-12-31", "31/12/2026", "2026-06-30"]
CODES = ["D", "d5,p", "K,", "P4", " s "]
STATUSES = ["quá hạn", "qua han", "Overdue", "overdue,done_late", "đang", "Done late"]
TEXTS = ["x", "so-gddt", "", "-q", "--data-dir", "--lang", "-"]
ODD_TEXTS = ["2026-13-01", "2026-02-30", "nope", "done", "NOPE", "D9", "x,", "--help"]
NUMBERS = ["0", "7", "007", "30", "2026", "3660"]
ODD_NUMBERS = ["3661", "-1", "+7", "1_0", "7.0", " 7", "", "x", "٣", "9999999999"]
PATHS = ["data", "", "missing", "out.json", str(DATA), str(DEMO), str(DEMO / "progress")]
ODD_PATHS = ["-", "--lang", "data/plan.yaml"]
ODD_CHOICES = ["JSON", "Vi", "EN", "", "x", "--quiet"]
#: Words no command declares, or that ask for something else.
OTHERS = ["--help", "-h", "--", "--version", "-qv", "-qo", "-vq", "--as", "--nope", "-x", "t1"]
OTHERS += ["data/plan.yaml", "-", "--quiet=1", "-o=x", "--no-cach"]
ENV_LANG = [None, "", "en", "vi", "EN", "x"]
ENV_DATA = [None, "", str(DEMO), "missing"]


def _values(option: Option, odd: bool) -> st.SearchStrategy[str]:
    """Values ``option`` takes (or, ``odd``, values typer or the command may refuse)."""
    if option in (AS_OF, UNITS_AS_OF):
        return st.sampled_from(ODD_TEXTS if odd else DATES)
    if option in (SELECT, IGNORE):
        return st.sampled_from(ODD_TEXTS if odd else CODES)
    if option is STATUS:
        return st.sampled_from(ODD_TEXTS if odd else STATUSES)
    if option.kind in ("text", "texts"):
        return st.sampled_from(ODD_TEXTS if odd else TEXTS)
    if option.kind == "int":
        return st.sampled_from(ODD_NUMBERS if odd else NUMBERS)
    if option.kind == "path":
        return st.sampled_from(ODD_PATHS if odd else PATHS)
    assert option.choices is not None
    return st.sampled_from(ODD_CHOICES if odd else [str(m.value) for m in option.choices])


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """``[command, word, ...]``: a command's declared options with values, and other words."""
    # and ``schema``, which the quick path leaves to typer (commands that write files are
    # not drawn: typer's path would run them)
    command = draw(st.sampled_from([*sorted(replay.COMMANDS), "schema"]))
    options = [p for _, p in COMMAND_LINES[command].parameters if isinstance(p, Option)]
    words = [command]
    for _ in range(draw(st.integers(0, 6))):
        if not options or draw(st.sampled_from([False] * 19 + [True])):
            words.append(draw(st.sampled_from(OTHERS)))
            continue
        option = draw(st.sampled_from(options))
        flag = draw(st.sampled_from(option.flags))
        odd = draw(st.sampled_from([False] * 11 + [True]))
        if not option.takes_value:
            words.append(flag + ("=1" if odd else ""))
            continue
        value = draw(_values(option, odd))
        form = draw(st.sampled_from(["apart"] * 8 + ["joined"] * 3 + ["last"]))
        if form == "joined" and flag.startswith("--"):
            words.append(f"{flag}={value}")
        elif form == "last":
            words.append(flag)  # its value missing, unless another word follows
        else:
            words += [flag, value]
    return words


def _environ(lang: str | None, data: str | None) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("KH284_LANG", "KH284_DATA_DIR")}
    if lang is not None:
        environ["KH284_LANG"] = lang
    if data is not None:
        environ["KH284_DATA_DIR"] = data
    return environ


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=command_lines(),
    lang=st.sampled_from(ENV_LANG),
    data=st.sampled_from(ENV_DATA),
)
@example(words=["check", "-q", "--as-of", "2026-12-31"], lang=None, data=None)
@example(
    words=["check", "--lang", "en", "--lang=vi", "--select", "D", "--select=p"], lang="EN", data=""
)
@example(words=["tasks", "--status", "quá hạn,done", "--status", "Overdue"], lang=None, data=None)
@example(words=["tasks", "--status", "đang,done_late", "--status", "qua han"], lang=None, data=None)
@example(words=["units", "--as-of", "2026-02-30"], lang=None, data=None)
@example(words=["targets", "--as-of", "x"], lang="en", data=None)
@example(words=["check", "--data-dir", "missing"], lang=None, data=str(DEMO))
@example(words=["check"], lang=None, data="")
@example(words=["check", "--data-dir="], lang=None, data=None)
@example(words=["check", "--due-within", "007", "-v", "--verbose"], lang=None, data=None)
def test_the_quick_path_gives_up_or_makes_what_typer_makes(
    words: list[str], lang: str | None, data: str | None
) -> None:
    with mock.patch.dict(os.environ, _environ(lang, data), clear=True):
        agree(words)


# -- real command lines ----------------------------------------------------------------------

#: Command lines the quick path must run itself (with ``--data-dir`` or from ``data/``).
QUICK = [
    ["check", "-q", "--as-of", "2026-12-31"],
    ["check", "--format", "json", "--as-of", "2026-12-31"],
    ["check", "--format=sarif", "--fail-on", "warning", "--show-waived", "-v", "--color", "never"],
    ["check", "--due-within", "30", "--select", "D,p4", "--ignore", "D51", "--ignore", "K"],
    ["check", "-o", "out.json", "--format", "json", "--force", "--no-cache"],
    ["validate"],
    ["validate", "--format", "github", "--lang", "en"],
    ["tasks", "--status", "overdue", "--data-dir", str(DEMO), "--as-of", "31/12/2026"],
    ["tasks", "--status", "quá hạn,done_late", "--coordinating", "--due-within", "0", "--unit=u"],
    ["overdue", "--unit", "so-gddt", "--data-dir", str(DEMO), "--as-of", "2026-12-31"],
    ["missing", "--year", "2026", "--unit", "so-gddt", "--data-dir=" + str(DEMO)],
    ["targets", "--format", "json", "--data-dir", str(DEMO)],
    ["targets", "--json", "--color", "always", "--as-of", "2026-06-30"],
    ["units", "--as-of", "2026-06-30", "--data-dir", str(DEMO), "--lang", "en"],
    ["check", "--data-dir", "missing-folder"],
    ["check", "--data-dir", str(DEMO / "progress")],
]
#: Command lines it must leave to typer.
TYPER = [
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--as-of", "2026-13-01"],
    ["check", "--format", "JSON"],
    ["check", "--due-within", "3661"],
    ["check", "--due-within", "+7"],
    ["check", "--select", "NOPE"],
    ["tasks", "--status", "nope"],
    ["tasks", "--status", "done"],  # two statuses begin so
    ["units", "--as-of", "bad"],
    ["check", "-qv"],
    ["check", "--as", "2026-12-31"],
    ["check", "--quiet=1"],
    ["check", "--as-of"],
    ["check", "--", "-q"],
    ["validate", "data/plan.yaml"],
    ["targets", "so-gddt"],
    ["targets", "--no-cache"],
    ["check", "--version"],
    ["report"],
    ["schema", "plan"],
    ["--lang", "en", "check"],
    [],
]


@pytest.mark.parametrize("words", QUICK, ids=" ".join)
def test_the_common_command_lines_run_quick(
    words: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert agree(words) is not None, "left to typer"


@pytest.mark.parametrize("words", TYPER, ids=lambda w: " ".join(w) or "(none)")
def test_what_the_quick_path_leaves_to_typer(
    words: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert quick.prepare(words) is None


@pytest.mark.parametrize(
    ("name", "value"),
    [("KH284_LANG", "EN"), ("KH284_LANG", "x"), ("_KH284_COMPLETE", "bash_source")],
)
def test_an_environment_typer_would_refuse_or_act_on_is_left_to_it(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    words = ["check", "-q"]
    assert quick.prepare(words) is not None
    monkeypatch.setenv(name, value)
    assert quick.prepare(words) is None


def test_the_environment_counts_only_when_the_option_is_absent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("KH284_LANG", "en")
    monkeypatch.setenv("KH284_DATA_DIR", str(DEMO))
    from_env = agree(["check"])
    assert from_env is not None
    assert (from_env.options.lang, from_env.options.data_dir) == ("en", DEMO)
    typed = agree(["check", "--lang", "vi", "--data-dir", "data"])
    assert typed is not None
    assert (typed.options.lang, typed.options.data_dir) == ("vi", Path("data"))
    monkeypatch.setenv("KH284_DATA_DIR", "")  # empty: not set
    assert (ran := agree(["check"])) is not None and ran.options.data_dir == Path("data")


def test_a_refused_value_shows_nothing_before_typer_says_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # ``options.codes`` would print its refusal: the quick path only asks whether it would
    assert quick.prepare(["check", "--select", "NOPE", "--ignore", "X9"]) is None
    assert capsys.readouterr() == ("", "")


def test_every_command_takes_what_its_declaration_says() -> None:
    import inspect

    assert set(_COMMANDS) == set(COMMAND_LINES)
    for name, function in _COMMANDS.items():
        line = COMMAND_LINES[name]
        takes = list(inspect.signature(function).parameters)
        expected = [key for key, _ in line.own] + (["options"] if line.shared else [])
        assert takes == expected, name
    assert set(checking.COMMANDS) >= replay.COMMANDS  # every command read by cli/quick.py


# -- whole runs, bytes compared --------------------------------------------------------------

_RUN = "import sys; sys.argv = ['kh284', *sys.argv[1:]]; {setup}from kh284.cli import main; main()"
#: typer cannot be imported: only the quick path can have run the command.
WITHOUT_TYPER = _RUN.format(setup="sys.modules['typer'] = None; ")
#: the quick path turned off: typer reads every command line, as before it existed.
QUICK_OFF = _RUN.format(setup="import kh284.cli.quick as q; q.run = lambda args: None; ")
PLAIN = _RUN.format(setup="")
IN_DEMO = ["--data-dir", str(DEMO), "--as-of", "2026-12-31"]


def _run(script: str, words: list[str], where: Path, env: dict[str, str]) -> tuple[Any, ...]:
    cache = where / "cache"
    done = subprocess.run(
        [sys.executable, "-c", script, *words],
        capture_output=True,
        cwd=where,
        env={**env, "KH284_CACHE_DIR": str(cache)},
        timeout=120,
    )
    written = where / "out.json"
    output = written.read_bytes() if written.exists() else None
    return done.returncode, done.stdout, done.stderr, output


@pytest.mark.parametrize(
    ("words", "env", "quick_runs"),
    [
        (["check", "-q", "--as-of", "2026-12-31"], {}, True),
        (["check", "--as-of", "2026-12-31", "--data-dir", str(DEMO)], {}, True),
        (["check", "--format", "json", "--as-of", "2026-12-31"], {}, True),
        (["check", "-o", "out.json", "--format", "json", "--as-of", "2026-12-31"], {}, True),
        (["validate", "--format", "github", "--data-dir", str(DEMO)], {}, True),
        (["validate", "--lang", "en"], {"GITHUB_ACTIONS": "true"}, True),
        (["tasks", "--status", "quá hạn", *IN_DEMO], {}, True),
        (["overdue", "--unit", "so-gddt", *IN_DEMO], {}, True),
        (["missing", "--year", "2026", *IN_DEMO], {}, True),
        (["targets", "--format", "json", "--data-dir", str(DEMO)], {}, True),
        (["units", "--as-of", "2026-06-30", "--data-dir", str(DEMO)], {"KH284_LANG": "en"}, True),
        (["check", "--select", "D", "--ignore", "D5", "-v"], {"KH284_DATA_DIR": str(DEMO)}, True),
        (["check", "--data-dir", "missing-folder"], {}, True),
        (["check", "--data-dir", str(DEMO / "progress")], {}, True),
        (["check", "--as-of", "2026-13-01"], {}, False),
        (["check", "--format", "JSON"], {"KH284_LANG": "en"}, False),
        (["tasks", "--status", "nope", "--data-dir", str(DEMO)], {}, False),
        (["check", "--select", "NOPE"], {}, False),
        (["check", "--help"], {}, False),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_a_run_prints_the_same_bytes_with_or_without_the_quick_path(
    words: list[str], env: dict[str, str], quick_runs: bool, tmp_path: Path
) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("KH284_LANG", "KH284_DATA_DIR")}
    base.pop("GITHUB_ACTIONS", None)
    source = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    environ = {**base, **env, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": source}
    runs = []
    for n, script in enumerate([WITHOUT_TYPER if quick_runs else PLAIN, QUICK_OFF]):
        where = tmp_path / str(n)
        where.mkdir()
        (where / "data").symlink_to(DATA, target_is_directory=True)
        runs.append(_run(script, words, where, environ))
    ours, theirs = runs
    assert ours == theirs, words
    assert b"Traceback" not in ours[2]
    assert (ours[0] in (0, 1)) or b"kh284" in ours[2]  # a refusal says who refused
