"""The common command lines, read and run without typer.

``kh284 check -q --as-of 2026-12-31`` needs none of typer's machinery: importing it (and
the click it vendors) and building its command tree cost a cold run more than it spends
on the data.  ``run`` reads a command line of a replayable command (``replay.COMMANDS``)
when it is sure to read it exactly as typer would: the command first, then only options
the command declares (``declarations.COMMAND_LINES``), as ``--name VALUE``,
``--name=VALUE``, a declared short option (``-q``, ``-o FILE``) or a flag; every value
checked as typer and kh284 check it — a choice exactly as written (typer compares the
``Enum``'s values, case-sensitively), a whole number of ASCII digits within its bounds, a
path as typer's path type checks it (readable when it exists), ``--as-of`` by
``options.as_of_date``, codes by ``options.unknown_code``, statuses by
``options.task_statuses``; an option's environment variable counts only when the option is
absent and the variable is not empty; an option given again keeps the last value, a
repeatable one every value.  It then makes the command's keyword arguments with the very
function typer's path uses (``options.arguments``) and runs the same command function
inside the same error boundary (``boundary.guarded``).

Anything else gives up before anything is shown: ``--help``/``-h``, an unknown or
abbreviated option, grouped short options, a missing or invalid value, a positional
argument, ``--``, a flag given a value, an exception while reading, closed standard
streams, no working directory, a shell-completion request.  ``cli.main`` then lets typer
read the command line, exactly as before, so every usage error is typer's.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from kh284.cli import argv
from kh284.cli.declarations import (
    AS_OF,
    COMMAND_LINES,
    DATA_DIR,
    IGNORE,
    SELECT,
    STATUS,
    UNITS_AS_OF,
    CommandLine,
    Option,
)
from kh284.cli.replay import COMMANDS


class GiveUp(Exception):
    """The command line is not one this module is sure to read as typer would."""


#: The options whose values the command checks before it runs (a usage error when wrong):
#: dates (``options.as_of_date``), codes (``options.unknown_code``), task statuses.
_DATES = (AS_OF, UNITS_AS_OF)
_CODES = (SELECT, IGNORE)
#: A whole number as written on a command line that typer reads the same way: ASCII digits
#: (typer's parser takes more forms, ``+7``, ``1_0``, ``7.0``; those are left to it).
_DIGITS = re.compile(r"[0-9]{1,9}")


def run(args: Sequence[str]) -> None:
    """Run the command line ``args`` without typer and exit; return when giving it up."""
    from kh284.cli.boundary import exit_with, guarded

    try:
        guarded(lambda: _run(args))
    except SystemExit as done:
        exit_with(done.code)


def _run(args: Sequence[str]) -> None:
    command = prepare(args)
    if command is None:
        return  # typer reads it
    from kh284.cli.output import readable_streams

    readable_streams()  # a terminal or pipe that cannot show Vietnamese: Van ban, not a crash
    command()
    raise SystemExit(0)  # as under typer, a command that returns exits 0


def prepare(args: Sequence[str]) -> Callable[[], object] | None:
    """The command ``args`` asks for, ready to run; ``None`` when it is left to typer.

    Nothing is shown, written or run here: the values are read from ``args`` and the
    environment and checked, the command's keyword arguments made (``options.arguments``).
    """
    try:
        return _prepare(list(args))
    except Exception:  # GiveUp, or anything unexpected: typer reads it and says what is wrong
        return None


#: Words that ask for something else than the command, wherever they are (typer's).
_ELSEWHERE = frozenset({"-h", "--help", "--version"})


def _prepare(args: list[str]) -> Callable[[], object] | None:
    if not args or args[0] not in COMMANDS or _ELSEWHERE.intersection(args):
        return None
    if sys.stdout is None or sys.stderr is None:  # the app holds the closed streams first
        return None
    if any(name.endswith("_COMPLETE") for name in os.environ):  # a shell asking to complete
        return None
    os.getcwd()  # none (deleted): typer's path says so
    from kh284.cli.checking import COMMANDS as FUNCTIONS
    from kh284.cli.options import arguments

    line = COMMAND_LINES[args[0]]
    values = values_of(line, args[1:], os.environ)
    _check(line, values)
    function = FUNCTIONS[args[0]]
    keywords = arguments(line, values)
    return lambda: function(**keywords)


def values_of(
    line: CommandLine, words: Sequence[str], environ: Mapping[str, str]
) -> dict[str, Any]:
    """Every parameter of ``line`` by name, as typer makes it from ``words`` (or ``GiveUp``).

    ``environ`` holds the options' environment variables (``os.environ`` for a run).
    """
    by_flag = {
        flag: (name, option)
        for name, option in line.parameters
        if isinstance(option, Option)
        for flag in option.flags
    }
    given: dict[str, Any] = {}
    at = 0
    while at < len(words):
        word = words[at]
        at += 1
        # a positional argument, ``-``, ``--`` and ``-h`` are all left to typer
        if len(word) < 2 or not word.startswith("-") or word == "--":
            raise GiveUp(word)
        flag, equals, attached = word.partition("=") if word.startswith("--") else (word, "", "")
        found = by_flag.get(flag)
        if found is None:  # unknown, abbreviated, grouped, or a short option with its value
            raise GiveUp(word)
        name, option = found
        if not option.takes_value:
            if equals:
                raise GiveUp(word)  # typer: the option does not take a value
            given[name] = True
            continue
        if equals:
            value = attached
        elif at < len(words):
            value = words[at]  # the next word, whatever it looks like, as the parser takes it
            at += 1
        else:
            raise GiveUp(word)  # the value is missing
        if option.repeatable:
            given.setdefault(name, []).append(value)
        else:
            given[name] = value  # the last one counts
    values: dict[str, Any] = {}
    for name, parameter in line.parameters:
        if not isinstance(parameter, Option):  # a positional argument, not given
            if parameter.required:
                raise GiveUp(name)
            values[name] = parameter.default
            continue
        typed = name in given
        raw = given[name] if typed else None
        if not typed and parameter.envvar is not None and environ.get(parameter.envvar):
            if parameter.repeatable:
                raise GiveUp(parameter.envvar)  # typer splits such a variable: not read here
            raw = environ[parameter.envvar]
        converted: Any = parameter.default if raw is None else _converted(parameter, raw)
        if parameter.required and converted is None:
            raise GiveUp(name)
        if parameter.kind == "path" and converted is not None:
            _readable(converted)
        if parameter is DATA_DIR:  # typer's callback (app._data_dir): as the replay finds it
            converted = argv.data_dir(converted if typed else None, environ)
        values[name] = converted
    return values


def _converted(option: Option, raw: Any) -> Any:
    """A value as typer converts it, or ``GiveUp`` when typer would refuse it."""
    if option.kind == "flag":
        return True
    if option.kind in ("text", "texts"):
        return raw
    if option.kind == "path":
        return Path(raw)
    if option.kind == "int":
        if not _DIGITS.fullmatch(raw):
            raise GiveUp(raw)
        number = int(raw)
        if (option.low is not None and number < option.low) or (
            option.high is not None and number > option.high
        ):
            raise GiveUp(raw)
        return number
    if option.kind == "choice" and option.choices is not None:
        return _choice(option.choices, raw)
    raise GiveUp(raw)


def _choice(choices: type[Enum], raw: str) -> Enum:
    """The member whose value is ``raw`` exactly (typer compares case-sensitively)."""
    for member in choices:
        if str(member.value) == raw:
            return member
    raise GiveUp(raw)


def _readable(path: Path) -> None:
    """``GiveUp`` where typer's path type refuses ``path``: it exists and cannot be read."""
    try:
        os.stat(path)
    except OSError:
        return  # need not exist
    if not os.access(path, os.R_OK):
        raise GiveUp(str(path))


def _check(line: CommandLine, values: dict[str, Any]) -> None:
    """``GiveUp`` when the command would refuse a value (a usage error, said by typer)."""
    for name, parameter in line.parameters:
        if _refused(parameter, values[name]):
            raise GiveUp(name)


def _refused(parameter: object, value: Any) -> bool:
    """True when the command refuses ``value`` of ``parameter`` before it runs.

    With the functions the command's own checks use: ``options.parse_as_of`` (through
    ``as_of_date``), ``options.codes`` (``unknown_code``), ``options.task_statuses``
    (``status_matches``).
    """
    from kh284.cli.options import (
        as_of_date,
        split_codes,
        status_matches,
        status_words,
        unknown_code,
    )
    from kh284.validate.dates import DateFormatError

    if parameter in _DATES:
        try:
            as_of_date(value)
        except DateFormatError:
            return True
    if parameter in _CODES:
        return unknown_code(split_codes(value)) is not None
    if parameter is STATUS:
        return any(len(status_matches(word)) != 1 for word in status_words(value))
    return False
