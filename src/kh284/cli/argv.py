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

#: The data directory's option, its environment variable and its default.
DATA_DIR_OPTION = "--data-dir"
DATA_DIR_ENV = "KH284_DATA_DIR"
DATA_DIR_DEFAULT = "data"
#: Every option of every command that takes a value (the rest are flags); the parser takes
#: the word after one of these as its value, even ``--data-dir``.  tests/test_cli_plumbing.py
#: checks this against the options the commands declare.
VALUED = frozenset(
    {
        "--as-of",
        "--color",
        "--data-dir",
        "--due-within",
        "--fail-on",
        "--format",
        "--ignore",
        "--lang",
        "--output",
        "-o",
        "--period",
        "--select",
        "--status",
        "--unit",
        "--year",
        # kh284 remind, kh284 changes, report --since (issue 26)
        "--from",
        "--from-rev",
        "--reply-by",
        "--sender",
        "--since",
        "--to",
    }
)


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
