"""The command line as data: every option and argument of every command, declared once.

Each option is a record (``Option``): its flags, placeholder, environment variable, kind of
value (a flag, a text, texts that may be repeated, a whole number within bounds, a path, one
of an ``Enum``'s values), default and help key.  ``COMMAND_LINES`` says which parameters
each command takes, by the name its function receives them under, in the order ``--help``
lists them; the reporting commands also take the shared block (``REPORTING``), which
reaches them as one ``Options`` record (``cli/options.py``).

Everything else is made from these records: the typer declarations (``app.declare``),
the options that take a value (``argv.VALUED``) and the command lines that run without
typer (``cli/quick.py``).  No typer here, and nothing heavy: ``cli/argv.py`` reads it
before anything is parsed.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Literal

from kh284.load.registry import KINDS
from kh284.render.formats import Format

#: The kinds of value: ``flag`` (no value), ``text``, ``texts`` (repeatable, each one kept),
#: ``int`` (a whole number within ``low``..``high``), ``path``, ``paths`` (repeatable) and
#: ``choice`` (one of ``choices``' values, exactly as written).
Kind = Literal["flag", "text", "texts", "int", "path", "paths", "choice"]


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


class TargetsFormat(str, Enum):
    """The formats of ``kh284 targets`` and ``kh284 units``."""

    terminal = "terminal"
    json = "json"


class ReportFormat(str, Enum):
    """The formats of ``kh284 report``."""

    html = "html"
    xlsx = "xlsx"
    docx = "docx"


class LetterFormat(str, Enum):
    """The formats of ``kh284 remind``."""

    docx = "docx"
    md = "md"


class ChangesFormat(str, Enum):
    """The formats of ``kh284 changes``."""

    terminal = "terminal"
    json = "json"
    markdown = "markdown"


#: The kinds of data file, from the registry (``kh284 schema KIND``).
SchemaKind = Enum("SchemaKind", {k.kind: k.kind for k in KINDS}, type=str)  # type: ignore[misc]


class Option:
    """One option: ``--name VALUE`` (or a flag), as the commands that take it declare it."""

    __slots__ = (
        "choices",
        "default",
        "envvar",
        "flags",
        "help",
        "hidden",
        "high",
        "kind",
        "low",
        "metavar",
        "required",
    )

    def __init__(
        self,
        *flags: str,
        kind: Kind,
        help: str | None = None,
        metavar: str | None = None,
        envvar: str | None = None,
        default: object = None,
        required: bool = False,
        choices: type[Enum] | None = None,
        low: int | None = None,
        high: int | None = None,
        hidden: bool = False,
    ) -> None:
        self.flags = flags
        self.kind: Kind = kind
        self.help = help
        self.metavar = metavar
        self.envvar = envvar
        self.default = default
        self.required = required
        self.choices = choices
        self.low = low
        self.high = high
        self.hidden = hidden

    @property
    def takes_value(self) -> bool:
        """True unless the option is a flag: the parser takes the next word as its value."""
        return self.kind != "flag"

    @property
    def repeatable(self) -> bool:
        """True when every use of the option counts (the rest keep the last one)."""
        return self.kind in ("texts", "paths")

    def __repr__(self) -> str:
        return f"Option{self.flags!r}"


class Argument:
    """One positional argument of a command."""

    __slots__ = ("choices", "default", "help", "kind", "metavar", "required")

    def __init__(
        self,
        metavar: str,
        *,
        kind: Kind,
        help: str,
        default: object = None,
        required: bool = False,
        choices: type[Enum] | None = None,
    ) -> None:
        self.metavar = metavar
        self.kind: Kind = kind
        self.help = help
        self.default = default
        self.required = required
        self.choices = choices

    @property
    def repeatable(self) -> bool:
        """True when the argument takes every remaining word."""
        return self.kind in ("texts", "paths")

    def __repr__(self) -> str:
        return f"Argument({self.metavar!r})"


Parameter = Option | Argument

# -- the options ------------------------------------------------------------------------------

#: The data directory: also read before parsing (``argv.data_dir``), by the same rules.
DATA_DIR = Option(
    "--data-dir",
    kind="path",
    metavar="DIR",
    envvar="KH284_DATA_DIR",
    default=Path("data"),
    help="help.opt.data_dir",
)
AS_OF = Option("--as-of", kind="text", metavar="DATE", help="help.opt.as_of")
LANG = Option(
    "--lang",
    kind="choice",
    choices=Lang,
    envvar="KH284_LANG",
    default=Lang.vi,
    help="help.opt.lang",
)
FORMAT = Option("--format", kind="choice", choices=Format, help="help.opt.format")
OUTPUT = Option("--output", "-o", kind="path", metavar="FILE", help="help.opt.output")
FORCE = Option("--force", kind="flag", default=False, help="help.opt.force")
FAIL_ON = Option(
    "--fail-on", kind="choice", choices=FailOn, default=FailOn.error, help="help.opt.fail_on"
)
SELECT = Option("--select", kind="texts", metavar="CODES", help="help.opt.select")
IGNORE = Option("--ignore", kind="texts", metavar="CODES", help="help.opt.ignore")
QUIET = Option("--quiet", "-q", kind="flag", default=False, help="help.opt.quiet")
VERBOSE = Option("--verbose", "-v", kind="flag", default=False, help="help.opt.verbose")
SHOW_WAIVED = Option("--show-waived", kind="flag", default=False, help="help.opt.show_waived")
COLOR = Option("--color", kind="choice", choices=Color, default=Color.auto, help="help.opt.color")
NO_CACHE = Option("--no-cache", kind="flag", default=False, help="help.opt.no_cache")

UNIT = Option("--unit", kind="text", metavar="UNIT", help="help.opt.unit")
OWING_UNIT = Option("--unit", kind="text", metavar="UNIT", help="help.opt.owing_unit")
YEAR = Option("--year", kind="int", metavar="YEAR", help="help.opt.year")
COORDINATING = Option("--coordinating", kind="flag", default=False, help="help.opt.coordinating")
DUE_WITHIN = Option(
    "--due-within", kind="int", metavar="DAYS", low=0, high=3660, help="help.opt.due_within"
)
STATUS = Option("--status", kind="texts", metavar="STATUS", help="help.opt.status")

TARGETS_FORMAT = Option(
    "--format",
    kind="choice",
    choices=TargetsFormat,
    default=TargetsFormat.terminal,
    help="help.opt.targets_format",
)
AS_JSON = Option("--json", kind="flag", default=False, hidden=True)
UNITS_AS_OF = Option("--as-of", kind="text", metavar="DATE", help="help.opt.units_as_of")
UNITS_FORMAT = Option(
    "--format",
    kind="choice",
    choices=TargetsFormat,
    default=TargetsFormat.terminal,
    help="help.opt.units_format",
)

REPORT_FORMAT = Option(
    "--format",
    kind="choice",
    choices=ReportFormat,
    default=ReportFormat.html,
    help="help.opt.report_format",
)
REPORT_UNIT = Option("--unit", kind="text", metavar="UNIT", help="help.opt.report_unit")
SINCE = Option("--since", kind="text", metavar="DATE", help="help.opt.since")
TEMPLATE_UNIT = Option(
    "--unit", kind="text", metavar="UNIT", required=True, help="help.opt.template_unit"
)
PERIOD = Option(
    "--period",
    kind="int",
    metavar="YEAR",
    low=1945,
    high=2100,
    required=True,
    help="help.opt.period",
)
TEMPLATE_OUTPUT = Option(
    "--output", "-o", kind="path", metavar="FILE", help="help.opt.template_output"
)
IMPORT_OUTPUT = Option("--output", "-o", kind="path", metavar="PATH", help="help.opt.import_output")

REMIND_OUTPUT = Option("--output", "-o", kind="path", metavar="DIR", help="help.opt.remind_output")
REMIND_UNIT = Option("--unit", kind="texts", metavar="UNIT", help="help.opt.remind_unit")
REPLY_BY = Option("--reply-by", kind="text", metavar="DATE", help="help.opt.reply_by")
SENDER = Option("--sender", kind="text", metavar="UNIT", help="help.opt.sender")
LETTER_FORMAT = Option(
    "--format",
    kind="choice",
    choices=LetterFormat,
    default=LetterFormat.docx,
    help="help.opt.remind_format",
)
FROM_DATE = Option("--from", kind="text", metavar="DATE", help="help.opt.from_date")
TO_DATE = Option("--to", kind="text", metavar="DATE", help="help.opt.to_date")
FROM_REV = Option("--from-rev", kind="text", metavar="REV", help="help.opt.from_rev")
CHANGES_FORMAT = Option(
    "--format",
    kind="choice",
    choices=ChangesFormat,
    default=ChangesFormat.terminal,
    help="help.opt.changes_format",
)
MIGRATE_CHECK = Option("--check", kind="flag", default=False, help="help.opt.migrate_check")
MIGRATE_DIFF = Option("--diff", kind="flag", default=False, help="help.opt.migrate_diff")

# -- the arguments ----------------------------------------------------------------------------

FILES = Argument("[FILE]...", kind="paths", help="help.arg.files")
TARGET = Argument("TARGET", kind="text", help="help.arg.target")
SCHEMA_KIND = Argument(
    "KIND", kind="choice", choices=SchemaKind, required=True, help="help.arg.kind"
)
WORKBOOK = Argument("FILE.xlsx", kind="path", required=True, help="help.arg.workbook")

# -- the commands -----------------------------------------------------------------------------

#: A command's parameters: the name its function receives each one under, and its record.
Parameters = tuple[tuple[str, Parameter], ...]

#: The block every reporting command takes, in the order ``--help`` lists it; it reaches
#: the command as one ``Options`` record (``options.build``).
REPORTING: Parameters = (
    ("data_dir", DATA_DIR),
    ("as_of", AS_OF),
    ("lang", LANG),
    ("output_format", FORMAT),
    ("output", OUTPUT),
    ("force", FORCE),
    ("fail_on", FAIL_ON),
    ("select", SELECT),
    ("ignore", IGNORE),
    ("quiet", QUIET),
    ("show_waived", SHOW_WAIVED),
    ("color", COLOR),
    ("no_cache", NO_CACHE),
)
#: The block with ``--verbose`` (after ``--quiet``), for ``kh284 check``.
REPORTING_VERBOSE: Parameters = (*REPORTING[:10], ("verbose", VERBOSE), *REPORTING[10:])


class CommandLine:
    """What one command takes: its own parameters, then the shared block (if it takes it)."""

    __slots__ = ("own", "shared")

    def __init__(self, own: Parameters, shared: Parameters = ()) -> None:
        self.own = own
        self.shared = shared

    @property
    def parameters(self) -> Parameters:
        """Every parameter, in the order ``--help`` lists them."""
        return (*self.own, *self.shared)


#: Every command's parameters, by the command's name.
COMMAND_LINES: dict[str, CommandLine] = {
    "validate": CommandLine((("files", FILES),), REPORTING),
    "check": CommandLine((("due_within", DUE_WITHIN),), REPORTING_VERBOSE),
    "tasks": CommandLine(
        (
            ("status", STATUS),
            ("unit", UNIT),
            ("coordinating", COORDINATING),
            ("due_within", DUE_WITHIN),
        ),
        REPORTING,
    ),
    "overdue": CommandLine((("unit", UNIT), ("coordinating", COORDINATING)), REPORTING),
    "missing": CommandLine((("unit", OWING_UNIT), ("year", YEAR)), REPORTING),
    "targets": CommandLine(
        (
            ("target_id", TARGET),
            ("data_dir", DATA_DIR),
            ("as_of", AS_OF),
            ("lang", LANG),
            ("output_format", TARGETS_FORMAT),
            ("as_json", AS_JSON),
            ("color", COLOR),
        )
    ),
    "units": CommandLine(
        (
            ("data_dir", DATA_DIR),
            ("as_of", UNITS_AS_OF),
            ("lang", LANG),
            ("output_format", UNITS_FORMAT),
            ("color", COLOR),
        )
    ),
    "schema": CommandLine((("kind", SCHEMA_KIND),)),
    "report": CommandLine(
        (
            ("data_dir", DATA_DIR),
            ("as_of", AS_OF),
            ("lang", LANG),
            ("report_format", REPORT_FORMAT),
            ("output", OUTPUT),
            ("force", FORCE),
            ("unit", REPORT_UNIT),
            ("fail_on", FAIL_ON),
            ("since", SINCE),
        )
    ),
    "template": CommandLine(
        (
            ("unit", TEMPLATE_UNIT),
            ("period", PERIOD),
            ("data_dir", DATA_DIR),
            ("lang", LANG),
            ("output", TEMPLATE_OUTPUT),
            ("force", FORCE),
        )
    ),
    "remind": CommandLine(
        (
            ("output", REMIND_OUTPUT),
            ("data_dir", DATA_DIR),
            ("as_of", AS_OF),
            ("lang", LANG),
            ("unit", REMIND_UNIT),
            ("reply_by", REPLY_BY),
            ("sender", SENDER),
            ("letter_format", LETTER_FORMAT),
            ("force", FORCE),
        )
    ),
    "changes": CommandLine(
        (
            ("from_date", FROM_DATE),
            ("to_date", TO_DATE),
            ("from_rev", FROM_REV),
            ("data_dir", DATA_DIR),
            ("as_of", AS_OF),
            ("lang", LANG),
            ("output_format", CHANGES_FORMAT),
            ("output", OUTPUT),
            ("force", FORCE),
            ("color", COLOR),
            ("no_cache", NO_CACHE),
        )
    ),
    "migrate": CommandLine(
        (
            ("data_dir", DATA_DIR),
            ("lang", LANG),
            ("check", MIGRATE_CHECK),
            ("diff", MIGRATE_DIFF),
        )
    ),
    "import": CommandLine(
        (
            ("file", WORKBOOK),
            ("data_dir", DATA_DIR),
            ("as_of", AS_OF),
            ("lang", LANG),
            ("output", IMPORT_OUTPUT),
            ("force", FORCE),
        )
    ),
}


def options_taking_values() -> frozenset[str]:
    """Every flag of every option that takes a value (the parser takes the next word)."""
    return frozenset(
        flag
        for line in COMMAND_LINES.values()
        for _, parameter in line.parameters
        if isinstance(parameter, Option) and parameter.takes_value
        for flag in parameter.flags
    )
