"""The ``Options`` record of a run, made from the parsed options, and the checks of values.

The options themselves are declared once, as data, in ``cli/declarations.py``.  Here
``arguments`` turns the values parsed from a command line — by typer (``cli/app.py``) or
without it (``cli/quick.py``) — into what the command's function takes: the shared block of
the reporting commands becomes one ``Options`` record (``build``).  The checks that
options' values pass before a command runs (``parse_as_of``, ``codes``,
``task_statuses``) live here too.  No heavy imports, no typer: the command line builds
``Options`` without loading the models or the pipeline.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kh284.cli import width
from kh284.cli.declarations import Color, CommandLine, FailOn, Lang
from kh284.cli.output import fail
from kh284.cli.width import MAX_WIDTH as MAX_WIDTH
from kh284.i18n import word
from kh284.load.cache import Cache, open_cache
from kh284.render import Format

if TYPE_CHECKING:
    from kh284.load.snapshot import Snapshot


@dataclass
class Options:
    """Options shared by the reporting commands."""

    data_dir: Path
    as_of: dt.date
    lang: str = "vi"
    fmt: Format = Format.terminal
    fail_on: str = "error"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    quiet: bool = False
    verbose: bool = False
    show_waived: bool = False
    color: bool = False
    width: int = 120
    cache: bool = True
    output: Path | None = None
    force: bool = False
    #: The data directory's files as read for this run (``cli/replay.py``); not an option.
    snapshot: Snapshot | None = field(default=None, repr=False, compare=False)

    _opened: Cache | None = field(default=None, repr=False, compare=False)

    def open_cache(self) -> Cache:
        """The cache for this run, one per run (off with ``--no-cache`` or ``KH284_NO_CACHE``).

        One object, so that a cache folder refused for its owner or mode is said once.
        """
        if self._opened is None:
            self._opened = open_cache(self.cache)
        return self._opened


def arguments(line: CommandLine, values: dict[str, Any]) -> dict[str, Any]:
    """What a command's function takes, from the values parsed from its command line.

    ``values`` holds every parameter of ``line`` by name, as the parser made it; the shared
    block (``line.shared``) becomes the one ``options`` record (``build``).
    """
    if not line.shared:
        return dict(values)
    own = {name: values[name] for name, _ in line.own}
    return {**own, "options": build(**{name: values[name] for name, _ in line.shared})}


def as_of_date(text: str | None) -> dt.date:
    """``--as-of`` as a date, today when not given (raises ``DateFormatError``)."""
    from kh284.validate.dates import parse_date

    return dt.date.today() if text is None else parse_date(text)


def parse_as_of(text: str | None, lang: str) -> dt.date:
    """``--as-of`` as a date (today when not given); a bad date is a usage error in ``lang``."""
    from kh284.validate.dates import DateFormatError

    try:
        return as_of_date(text)
    except DateFormatError as exc:
        import typer  # the command-line library says it, as it says its own usage errors

        why = exc.message(lang)
        raise typer.BadParameter(f"{text!r}: {why}", param_hint="--as-of") from exc


def split_codes(values: list[str] | None) -> list[str]:
    """``--select``/``--ignore`` values split at commas, upper-cased."""
    return [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]


def unknown_code(found: list[str]) -> str | None:
    """The first of ``found`` that is neither a code of the catalogue nor the start of one."""
    from kh284.diagnostics.catalogue import CATALOGUE

    for code in found:
        if not any(known.startswith(code) for known in CATALOGUE):
            return code
    return None


def codes(values: list[str] | None, option: str, lang: str) -> list[str]:
    """``--select``/``--ignore`` values, split at commas and upper-cased.

    Each must be a code of the catalogue or the start of one (``P4``, ``K``, ``D51``);
    anything else would silently select nothing, so it is a usage error (exit 2) with
    the closest code or prefix as a hint.
    """
    found = split_codes(values)
    code = unknown_code(found)
    if code is not None:
        fail(word("cli.unknown_code", lang, option=option, code=code) + _code_hint(code, lang))
    return found


def _code_hint(code: str, lang: str) -> str:
    """The did-you-mean for an unknown code: the closest code or prefix, else the letters."""
    import difflib

    from kh284.diagnostics.catalogue import CATALOGUE, FAMILIES

    known = sorted({c[:n] for c in CATALOGUE for n in range(1, len(c) + 1)})
    # a code is a letter and digits: a letter O, I or L after the first is a digit mistyped
    digits = code[:1] + code[1:].translate(str.maketrans("OIL", "011"))
    close = difflib.get_close_matches(digits, known, n=1, cutoff=0.6)
    if close:
        return word("common.did_you_mean", lang, hint=close[0])
    return word("cli.code_letters", lang, letters=", ".join(FAMILIES))


def status_matches(value: str) -> list[str]:
    """The task statuses one ``--status`` word may mean: exactly, else by how it starts."""
    from kh284.i18n import TASK_LABELS
    from kh284.validate.names import fold

    key = fold(value)
    exact = [
        status
        for status, words in TASK_LABELS.items()
        if key in {fold(status), *(fold(w) for w in words)}
    ]
    started = [
        status
        for status, words in TASK_LABELS.items()
        if key and any(fold(w).startswith(key) for w in (status, *words))
    ]
    return exact or started


def status_words(values: list[str] | None) -> list[str]:
    """``--status`` values split at commas, each word stripped."""
    return [s.strip() for v in values or [] for s in v.split(",") if s.strip()]


def task_statuses(values: list[str] | None, lang: str) -> list[str]:
    """``--status`` values as status ids: an id, or its Vietnamese or English words.

    Split at commas; matched with or without diacritics, case and spacing (``quá hạn``,
    ``qua han``, ``Overdue``, ``overdue``), or by the start of the words when only one
    status begins so (``đang thực hiện``).  Anything else is a usage error (exit 2) that
    lists the statuses in ``lang``.
    """
    from kh284.i18n import TASK_LABELS

    found = []
    for value in status_words(values):
        matched = status_matches(value)
        if len(matched) == 1:
            found.append(matched[0])
            continue
        shown = matched or list(TASK_LABELS)
        choices = ", ".join(_status_choice(status, lang) for status in shown)
        key_ = "cli.status_ambiguous" if matched else "usage.not_one_of"
        import typer  # the command-line library says it, as it says its own usage errors

        raise typer.BadParameter(
            word(key_, lang, value=value, choices=choices), param_hint="--status"
        )
    return found


def _status_choice(status: str, lang: str) -> str:
    """A status as ``--status`` takes it: its words in ``lang`` and its id."""
    from kh284.i18n import TASK_LABELS, pick

    return f"{pick(TASK_LABELS[status], lang)} ({status})"


def terminal_width(output: Path | None) -> int:
    """The width tables are drawn at (``cli/width.py``): ``COLUMNS``, else the terminal's.

    Piped, the terminal of stderr or ``/dev/tty``; to a file, 120.  At most ``MAX_WIDTH``.
    """
    return width.width(to_file=output is not None)


def build(
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    output_format: Format | None = None,
    output: Path | None = None,
    force: bool = False,
    fail_on: FailOn = FailOn.error,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    quiet: bool = False,
    verbose: bool = False,
    show_waived: bool = False,
    color: Color = Color.auto,
    no_cache: bool = False,
) -> Options:
    """The ``Options`` of one run from the parsed command line."""
    fmt = output_format
    if fmt is None:
        fmt = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.terminal
    tty = output is None and sys.stdout is not None and sys.stdout.isatty()
    use_color = color is Color.always or (
        color is Color.auto and tty and "NO_COLOR" not in os.environ
    )
    return Options(
        data_dir=data_dir,
        as_of=parse_as_of(as_of, lang.value),
        lang=lang.value,
        fmt=fmt,
        fail_on=fail_on.value,
        select=codes(select, "--select", lang.value),
        ignore=codes(ignore, "--ignore", lang.value),
        quiet=quiet,
        verbose=verbose,
        show_waived=show_waived,
        color=use_color,
        width=terminal_width(output),
        cache=not no_cache,
        output=output,
        force=force,
    )
