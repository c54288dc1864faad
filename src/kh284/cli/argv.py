"""What the raw command line says before it is parsed: option values, language, data directory.

The usage errors, the error boundary and ``kh284 --version`` may speak before (or instead
of) the parser, so they read ``--lang`` here; the replay (``cli/replay.py``) finds the data
directory here before the command line is parsed, and the parsed options (``cli/options.py``)
find it through the same ``data_dir``, so the two cannot disagree.  ``option_value`` reads
words as the parser does: ``--name VALUE`` and ``--name=VALUE``, the last one counts, a
value is the next word whatever it looks like, short options may be grouped (``-qo FILE``),
and nothing after ``--`` is an option.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from kh284.cli.declarations import DATA_DIR, options_taking_values

#: The data directory's option, its environment variable and its default (``declarations``).
DATA_DIR_OPTION = DATA_DIR.flags[0]
DATA_DIR_ENV = str(DATA_DIR.envvar)
DATA_DIR_DEFAULT = str(DATA_DIR.default)
#: Every option of every command that takes a value (the rest are flags); the parser takes
#: the word after one of these as its value, even ``--data-dir``.  Made from the options the
#: commands declare (``declarations``); tests/test_cli_plumbing.py checks it against the
#: parser's.
VALUED = options_taking_values()


class _Missing:
    """An option given last, without the value it needs (the parser refuses the line)."""


#: ``option_value``'s answer for ``--name`` given last without its value.
MISSING = _Missing()


def option_value(args: Sequence[str], name: str) -> str | _Missing | None:
    """The value of the long option ``name`` in ``args``, as the parser takes it.

    ``None`` when it is not given; ``MISSING`` when the last word is ``name`` with no value.
    """
    found: str | _Missing | None = None
    words = list(args)
    at = 0
    while at < len(words):
        word = words[at]
        at += 1
        if word == "--":
            break
        if len(word) < 2 or not word.startswith("-"):
            continue  # a positional argument (or "-")
        option, equals, attached = word.partition("=")
        if option.startswith("--") or option in VALUED:  # a long option (or -o=VALUE)
            if option not in VALUED:
                continue  # a flag
            if equals:
                value: str | None = attached
            else:
                value = words[at] if at < len(words) else None
                at += 1
            if option == name:
                found = MISSING if value is None else value
            continue
        for place, letter in enumerate(word[1:], start=2):  # short options, maybe grouped
            if f"-{letter}" in VALUED:
                at += 0 if place < len(word) else 1  # the rest of the word, else the next word
                break
    return found


def data_dir(given: str | Path | None, environ: Mapping[str, str] | None = None) -> Path:
    """The data directory: ``--data-dir`` as given, else ``KH284_DATA_DIR``, else ``data``.

    An empty ``KH284_DATA_DIR`` counts as not set (as the parser takes it).
    """
    if given is not None:
        return Path(given)
    env = os.environ if environ is None else environ
    return Path(env.get(DATA_DIR_ENV) or DATA_DIR_DEFAULT)


def argv_data_dir(args: Sequence[str], environ: Mapping[str, str] | None = None) -> Path | None:
    """The data directory the command line ``args`` names (``data_dir``), before parsing.

    ``None`` when ``--data-dir`` is the last word, without its value (the parser refuses it).
    """
    given = option_value(args, DATA_DIR_OPTION)
    if isinstance(given, _Missing):
        return None
    return data_dir(given, environ)


def argv_language(args: Sequence[str] | None = None) -> str:
    """The message language before (or without) parsing: ``--lang``, else ``KH284_LANG``.

    Read as the parser reads it (``option_value``).  Anything but ``en`` is Vietnamese.
    """
    import sys

    given = option_value(args if args is not None else sys.argv[1:], "--lang")
    lang = os.environ.get("KH284_LANG", "vi") if not isinstance(given, str) else given
    return "en" if lang == "en" else "vi"


#: The files every data directory holds (``load.registry.PLAN_FILES``; kept here by name so
#: that this module stays light: tests/test_cli_plumbing.py checks the two agree).
PLAN_FILE_NAMES = ("plan.yaml", "units.yaml", "targets.yaml", "events.yaml")


def enclosing_data_dir(given: Path, levels: int = 4) -> Path | None:
    """The data directory ``given`` lies in, when ``given`` is a sub-folder of one.

    ``examples/demo/progress`` gives ``examples/demo``: ``given`` holds none of the plan
    files and a folder above it (at most ``levels`` up) holds them all.  ``None`` when
    ``given`` is not a folder, holds any plan file, or no folder above it is a data directory.
    """
    try:
        if not given.is_dir() or any((given / name).exists() for name in PLAN_FILE_NAMES):
            return None
        above = given.absolute().parents
        for up, parent in enumerate(above[:levels], start=1):
            if all((parent / name).is_file() for name in PLAN_FILE_NAMES):
                typed = given
                for _ in range(up):
                    typed = typed.parent  # as typed: examples/demo/progress → examples/demo
                return typed if typed.absolute() == parent else Path(os.path.relpath(parent))
    except (OSError, ValueError):
        return None
    return None
