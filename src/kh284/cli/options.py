"""Every command-line option, declared once, and the ``Options`` record they become.

The reporting commands (validate, check, tasks, overdue) share one block of options; the
``reporting`` decorator adds that block to a command's own parameters, so each option is
declared here and nowhere else.  No heavy imports: the command line builds ``Options``
without loading the models and the pipeline.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from kh284.cli import argv
from kh284.cli.output import fail
from kh284.i18n import word
from kh284.load.cache import Cache, open_cache
from kh284.render import Format

if TYPE_CHECKING:
    from kh284.load.snapshot import Snapshot


class Lang(str, Enum):
    """Message language."""

    vi = "vi"
    en = "en"


class FailOn(str, Enum):
    """Lowest severity that makes the exit code 1."""

    error = "error"
    warning = "warning"
    never = "never"


class Color(str, Enum):
    """When to colour terminal output."""

    auto = "auto"
    always = "always"
    never = "never"


def _data_dir(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """``--data-dir`` found by ``argv.data_dir``, as the replay finds it before parsing.

    The parser's value when typed on the command line; else (from the environment or the
    default) found again by that one function, so the two cannot disagree.
    """
    from typer._click.core import ParameterSource

    typed = param.name is not None and (
        ctx.get_parameter_source(param.name) is ParameterSource.COMMANDLINE
    )
    return argv.data_dir(value if typed else None)


DataDirOpt = Annotated[
    Path,
    typer.Option(
        argv.DATA_DIR_OPTION,
        metavar="DIR",
        envvar=argv.DATA_DIR_ENV,
        callback=_data_dir,
        help="help.opt.data_dir",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="help.opt.as_of"),
]
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="KH284_LANG", help="help.opt.lang")]
FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", help="help.opt.format"),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="help.opt.output"),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="help.opt.force")]
FailOnOpt = Annotated[FailOn, typer.Option("--fail-on", help="help.opt.fail_on")]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", metavar="CODES", help="help.opt.select"),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="CODES", help="help.opt.ignore"),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="help.opt.quiet")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="help.opt.verbose")]
ShowWaivedOpt = Annotated[bool, typer.Option("--show-waived", help="help.opt.show_waived")]
ColorOpt = Annotated[Color, typer.Option("--color", help="help.opt.color")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="help.opt.no_cache")]
UnitOpt = Annotated[
    str | None,
    typer.Option("--unit", metavar="UNIT", help="help.opt.unit"),
]
OwingUnitOpt = Annotated[
    str | None,
    typer.Option("--unit", metavar="UNIT", help="help.opt.owing_unit"),
]
YearOpt = Annotated[int | None, typer.Option("--year", metavar="YEAR", help="help.opt.year")]
CoordinatingOpt = Annotated[bool, typer.Option("--coordinating", help="help.opt.coordinating")]
DueWithinOpt = Annotated[
    int | None,
    typer.Option("--due-within", metavar="DAYS", min=0, max=3660, help="help.opt.due_within"),
]

#: The block every reporting command takes, in the order ``--help`` lists it.
_REPORTING: list[tuple[str, Any, Any]] = [
    ("data_dir", DataDirOpt, Path(argv.DATA_DIR_DEFAULT)),
    ("as_of", AsOfOpt, None),
    ("lang", LangOpt, Lang.vi),
    ("output_format", FormatOpt, None),
    ("output", OutputOpt, None),
    ("force", ForceOpt, False),
    ("fail_on", FailOnOpt, FailOn.error),
    ("select", SelectOpt, None),
    ("ignore", IgnoreOpt, None),
    ("quiet", QuietOpt, False),
    ("show_waived", ShowWaivedOpt, False),
    ("color", ColorOpt, Color.auto),
    ("no_cache", NoCacheOpt, False),
]
_VERBOSE = ("verbose", VerboseOpt, False)

F = TypeVar("F", bound=Callable[..., Any])


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


def reporting(*, verbose: bool = False) -> Callable[[F], F]:
    """Give a command the shared block of options; it receives them as ``options``.

    The command declares only its own parameters plus ``options: Options``; typer sees the
    command's parameters followed by the shared block (and ``--verbose`` where asked).
    """
    shared = [*_REPORTING[:10], _VERBOSE, *_REPORTING[10:]] if verbose else _REPORTING

    def decorate(command: F) -> F:
        own = [
            p
            for p in inspect.signature(command, eval_str=True).parameters.values()
            if p.name != "options"
        ]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=value)
            for name, kind, value in shared
        ]

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            values = {name: kwargs.pop(name) for name, _, _ in shared}
            return command(**kwargs, options=build(**values))

        parameters = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + added
        wrapper.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        del wrapper.__wrapped__  # typer must read the signature above, not the command's
        return wrapper  # type: ignore[return-value]

    return decorate


def parse_as_of(text: str | None, lang: str) -> dt.date:
    """``--as-of`` as a date (today when not given); a bad date is a usage error in ``lang``."""
    from kh284.validate.dates import DateFormatError, parse_date

    if text is None:
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormatError as exc:
        why = exc.message(lang)
        raise typer.BadParameter(f"{text!r}: {why}", param_hint="--as-of") from exc


def codes(values: list[str] | None, option: str, lang: str) -> list[str]:
    """``--select``/``--ignore`` values, split at commas and upper-cased.

    Each must be a code of the catalogue or the start of one (``P4``, ``K``, ``D51``);
    anything else would silently select nothing, so it is a usage error (exit 2) with
    the closest code or prefix as a hint.
    """
    from kh284.diagnostics.catalogue import CATALOGUE

    found = [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]
    for code in found:
        if not any(known.startswith(code) for known in CATALOGUE):
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


#: The widest tables are drawn (docs/LIMITS.md): a wider terminal or ``COLUMNS`` is clamped
#: to it, so a huge ``COLUMNS`` cannot make a table take minutes and gigabytes.
MAX_WIDTH = 1000


def terminal_width(output: Path | None) -> int:
    """The width tables are drawn at: the terminal's; piped, ``COLUMNS`` or else 120.

    At most ``MAX_WIDTH``.
    """
    if output is None and sys.stdout is not None and sys.stdout.isatty():
        return min(shutil.get_terminal_size((120, 40)).columns, MAX_WIDTH)
    columns = os.environ.get("COLUMNS", "")
    if not (columns.isascii() and columns.isdigit()) or len(columns) > 9:
        return MAX_WIDTH if columns.isascii() and columns.isdigit() else 120
    return min(int(columns), MAX_WIDTH) if int(columns) >= 20 else 120


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
