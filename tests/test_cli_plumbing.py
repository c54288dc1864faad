"""The command plumbing: commands by function, the replayed record, one data-directory reader.

- The replay's reading of the raw command line (``cli/argv.py``) and the parser agree on
  the data directory and the language, for command lines drawn from the options each
  command declares (values that look like options, ``--name=VALUE``, grouped short
  options, repeated options, ``--``, the environment variable, the default).
- ``argv.VALUED`` is exactly the set of options that take a value.
- A replayed result is a ``Replayed`` record that round-trips through the cache's entry
  format, and anything else in a ``result`` entry is a miss.
- ``replay.COMMANDS`` are commands of the app, each with its core function.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer._click.exceptions import ClickException

from kh284.cli import argv, commands, replay
from kh284.cli.app import app
from kh284.load import codec
from kh284.load.cache import Cache

GROUP: Any = typer.main.get_command(app)
#: Values: choices of some options, words that look like options, and plain ones.
VALUES = ["vi", "en", "json", "never", "auto", "--data-dir", "--data-dir=d2", "-o", "--", "-q"]
VALUES += ["--lang", "x", "", "d3", "-"]


def _options(command: str) -> list[Any]:
    return [p for p in GROUP.commands[command].params if p.param_type_name == "option"]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """``[command, word, ...]``: options of that command, with values, and positionals."""
    command = draw(st.sampled_from(sorted(replay.COMMANDS)))
    words = [command]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["option", "option", "data-dir", "word", "group", "end"]))
        if kind == "data-dir":
            value = draw(st.sampled_from(["d1", "d2", "", "--quiet", "-o"]))
            form = draw(st.sampled_from(["apart", "joined", "last"]))
            if form == "apart":
                words += ["--data-dir", value]
            elif form == "joined":
                words.append(f"--data-dir={value}")
            else:
                words.append("--data-dir")
        elif kind == "option":
            option = draw(st.sampled_from(_options(command)))
            name = draw(st.sampled_from([*option.opts, *option.secondary_opts]))
            if option.is_flag:
                words.append(name)
                continue
            value = draw(st.sampled_from(VALUES))
            joined = name.startswith("--") and draw(st.booleans())
            words += [f"{name}={value}"] if joined else [name, value]
        elif kind == "word":
            words.append(draw(st.sampled_from(["t1", "--data-dir", "-"])))
        elif kind == "group":
            words.append(draw(st.sampled_from(["-qo", "-qv", "-o--data-dir", "-oq"])))
        else:
            words.append("--")
    return words


def parsed(words: list[str]) -> dict[str, Any] | None:
    """The parameters the parser makes of ``words`` (``None`` when it refuses them)."""
    command = GROUP.commands[words[0]]
    try:
        with command.make_context(words[0], list(words[1:])) as ctx:
            return dict(ctx.params)
    except (ClickException, typer.Exit):
        return None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=command_lines(), env=st.sampled_from([None, "", "from-env"]))
@example(words=["check", "--data-dir", "a", "--data-dir=b"], env=None)
@example(words=["check", "--data-dir", "a", "--", "--data-dir", "b"], env=None)
@example(words=["check", "-o", "--data-dir", "x"], env="from-env")
@example(words=["check", "-qo", "--data-dir"], env=None)
@example(words=["validate", "--unit"], env=None)
@example(words=["targets", "--data-dir"], env="from-env")
@example(words=["check", "--lang", "--data-dir", "a"], env=None)
def test_the_replay_finds_the_data_directory_the_parser_finds(
    words: list[str], env: str | None
) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("KH284_DATA_DIR", "KH284_LANG")}
    if env is not None:
        environ["KH284_DATA_DIR"] = env
    with mock.patch.dict(os.environ, environ, clear=True):
        early = argv.argv_data_dir(words[1:])
        params = parsed(words)
        lang = argv.argv_language(words)
    if params is None:
        return  # refused by the parser: nothing runs, nothing is stored or replayed
    assert early is not None, words
    assert early == params["data_dir"], words
    assert lang == params["lang"].value, words


def test_the_data_directory_without_the_option() -> None:
    assert argv.data_dir(None, {}) == Path("data")
    assert argv.data_dir(None, {"KH284_DATA_DIR": ""}) == Path("data")
    assert argv.data_dir(None, {"KH284_DATA_DIR": "elsewhere"}) == Path("elsewhere")
    assert argv.data_dir("typed", {"KH284_DATA_DIR": "elsewhere"}) == Path("typed")
    assert argv.argv_data_dir(["--as-of", "--data-dir", "x"], {}) == Path("data")
    assert argv.argv_data_dir(["-qo", "--data-dir", "x"], {}) == Path("data")
    assert argv.argv_data_dir(["-qox", "--data-dir", "y"], {}) == Path("y")
    assert argv.argv_data_dir(["--data-dir"], {}) is None


def test_valued_is_every_option_that_takes_a_value() -> None:
    valued: set[str] = set()
    flags: set[str] = set()
    for command in GROUP.commands.values():
        for param in command.params:
            if param.param_type_name == "option":
                names = {*param.opts, *param.secondary_opts}
                (flags if param.is_flag else valued).update(names)
    assert valued == argv.VALUED
    assert not valued & flags  # an option is a flag everywhere or takes a value everywhere


def test_a_replayed_record_round_trips_through_the_cache(tmp_path: Path) -> None:
    record = replay.Replayed("report ✓\n", "1 lỗi\n", 1, "vi")
    key = "ab" * 20
    raw = codec.encode(record.entry(), key)
    assert raw is not None
    assert replay.Replayed.of(codec.decode(raw, key)) == record
    cache = Cache(tmp_path / "cache")
    cache.put("result", key, record.entry())
    stored = replay.Replayed.of(cache.get("result", key))
    assert stored == record and stored.to_stdout
    assert stored.result() == replay.Replayed("report ✓\n", "1 lỗi\n", 1, "").result()
    assert not replay.Replayed("", "", 0, "").to_stdout  # written to --output: after parsing


@pytest.mark.parametrize(
    "entry",
    [
        None,
        ("fast", {}),
        ("result", "out", "summary", 0),
        ("result", "out", "summary", "0", "vi"),
        ("result", b"out", "summary", 0, "vi"),
        ("result", "out", "summary", 0, "vi", "more"),
    ],
)
def test_anything_else_is_no_replayed_record(entry: tuple[Any, ...] | None) -> None:
    assert replay.Replayed.of(entry) is None


def test_an_entry_of_another_layout_is_refused() -> None:
    record = replay.Replayed("out", "summary", 0, "en")
    raw = codec.encode(record.entry(), "k")
    assert raw is not None
    older = raw.replace(f'"kh284-cache":{codec.FORMAT}'.encode(), b'"kh284-cache":1')
    assert codec.decode(older, "k") is None
    renamed = raw.replace(b'"exit":', b'"exit_code":')
    assert codec.decode(renamed, "k") is None


def test_every_replayed_command_is_a_command_with_its_core() -> None:
    assert set(GROUP.commands) >= replay.COMMANDS
    cores = {name: replay.core(name) for name in replay.COMMANDS}  # type: ignore[arg-type]
    assert cores["check"] is commands.run_check
    assert cores["validate"] is commands.run_validate
    assert cores["tasks"] is cores["overdue"] is commands.run_tasks
    assert cores["targets"] is commands.run_targets
    assert cores["missing"] is commands.run_missing
    # the commands that write files are never replayed
    assert not replay.COMMANDS & {"report", "template", "import", "schema"}


def test_fail_is_defined_once(capsys: pytest.CaptureFixture[str]) -> None:
    from kh284.cli import checking, options, output, reports

    assert options.fail is output.fail and reports.fail is output.fail  # type: ignore[attr-defined]
    assert checking.fail is output.fail  # type: ignore[attr-defined]
    with pytest.raises(SystemExit) as stopped:  # no typer: the quick path runs without it
        options.codes(["NOPE"], "--select", "en")
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith("kh284: ")
