"""The command line (typer): parse options, call the core in ``commands``, write, exit.

Commands stay thin.  Exit codes follow one policy (``diagnostics.exit_code_for``):
0 clean, 1 findings at or above ``--fail-on``, 2 could not run (usage error, missing data
directory, refused ``--output``, internal error).  Only the report goes to stdout (or to
``--output``); the summary line goes to stderr.  An unexpected exception prints a short
message, never a traceback, and exits 2.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kh284 import __version__
from kh284.render import Format

if TYPE_CHECKING:
    from kh284.commands import Result
    from kh284.options import Options

app = typer.Typer(
    name="kh284",
    help="Kiểm tra tiến độ kế hoạch thực hiện Kết luận 91-KL/TW mô tả trong thư mục dữ "
    "liệu. Compliance checker for a plan implementing KL 91-KL/TW, described by the data "
    "directory.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


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


class SchemaKind(str, Enum):
    """The kinds of data file."""

    plan = "plan"
    units = "units"
    targets = "targets"
    events = "events"
    progress = "progress"
    waivers = "waivers"


DataDirOpt = Annotated[
    Path,
    typer.Option("--data-dir", metavar="DIR", envvar="KH284_DATA_DIR", help="Data directory."),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="Evaluate as of DD/MM/YYYY or YYYY-MM-DD [default: today]."
    ),
]
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="KH284_LANG", help="Message language.")]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format", help="Output format [default: github under GitHub Actions, else terminal]."
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Let --output replace a file.")]
FailOnOpt = Annotated[
    FailOn, typer.Option("--fail-on", help="Exit 1 on findings at or above this severity.")
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select", metavar="CODES", help="Only these codes or code prefixes (repeatable, or a,b)."
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore", metavar="CODES", help="Leave out these codes or prefixes (repeatable, or a,b)."
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print the summary only.")]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also list every target and task finding.")
]
ShowWaivedOpt = Annotated[bool, typer.Option("--show-waived", help="List waived findings too.")]
ColorOpt = Annotated[Color, typer.Option("--color", help="Colour the terminal output.")]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Read every file afresh; do not use the cache.")
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit", metavar="UNIT", help="Only tasks of this unit (id, short name or name)."
    ),
]
CoordinatingOpt = Annotated[
    bool, typer.Option("--coordinating", help="With --unit: also tasks the unit coordinates.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kh284 {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Kiểm tra tiến độ kế hoạch / compliance checker for a plan described by data files."""


def _parse_as_of(text: str | None) -> dt.date:
    from kh284.dates import DateFormatError, parse_date

    if text is None:
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormatError as exc:
        raise typer.BadParameter(f"{text!r}: {exc}", param_hint="--as-of") from exc


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]


def _options(
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    fmt: Format | None,
    output: Path | None,
    fail_on: FailOn,
    color: Color,
    **flags: object,
) -> Options:
    from kh284.options import Options

    if fmt is None:
        fmt = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.terminal
    tty = output is None and sys.stdout.isatty()
    use_color = color is Color.always or (
        color is Color.auto and tty and "NO_COLOR" not in os.environ
    )
    width = shutil.get_terminal_size((120, 40)).columns if tty else 120
    return Options(
        data_dir=data_dir,
        as_of=_parse_as_of(as_of),
        lang=lang.value,
        fmt=fmt,
        fail_on=fail_on.value,
        select=_codes(flags.get("select")),  # type: ignore[arg-type]
        ignore=_codes(flags.get("ignore")),  # type: ignore[arg-type]
        quiet=bool(flags.get("quiet")),
        verbose=bool(flags.get("verbose")),
        show_waived=bool(flags.get("show_waived")),
        color=use_color,
        width=width,
        cache=not flags.get("no_cache"),
    )


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"kh284: {message}\n")
    raise typer.Exit(2)


def _deliver(
    result: Result | Printed, output: Path | None, force: bool, lang: str, quiet: bool
) -> NoReturn:
    """Write the report to stdout or ``--output``, the summary to stderr, and exit."""
    if output is not None:
        from kh284.atomic import ExistsError, write_text

        try:
            write_text(output, result.report, overwrite=force)
        except ExistsError:
            _fail(
                f"{output} đã tồn tại; thêm --force để ghi đè"
                if lang == "vi"
                else f"{output} exists; add --force to replace it"
            )
        except OSError as exc:
            _fail(f"{output}: {exc.strerror or exc}")
    elif result.report:
        sys.stdout.write(result.report)
        sys.stdout.flush()
    sys.stderr.write(result.summary)
    raise typer.Exit(result.exit_code)


@dataclass(frozen=True)
class Printed:
    """A command's output, as cached: the report, the summary line, the exit code."""

    report: str
    summary: str
    exit_code: int


def _call(options: Options, action: str, **kwargs: object) -> Result | Printed:
    """Run a command's core, or replay its output when nothing it depends on changed."""
    key = None
    if options.cache and options.data_dir.is_dir():
        from kh284.runcache import output_key

        key = output_key(options.data_dir, action, options, sorted(kwargs.items(), key=str))
        cache = options.open_cache()
        cached = cache.get("output", key) if key else None
        if isinstance(cached, Printed):
            return cached
    from kh284 import commands
    from kh284.dataset import DataDirError

    try:
        result: Result = getattr(commands, action)(options, **kwargs)
        if key and not any(d.code == "Y112" for d in result.view.diagnostics):
            cache.put("output", key, Printed(result.report, result.summary, result.exit_code))
    except DataDirError:
        _fail(
            f"không tìm thấy thư mục dữ liệu {options.data_dir}"
            if options.lang == "vi"
            else f"data directory not found: {options.data_dir}"
        )
    except commands.UsageError as exc:
        _fail(exc.message(options.lang))
    return result


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILE]...", help="Report only on these files (all are loaded)."),
    ] = None,
    data_dir: DataDirOpt = Path("data"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    output_format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_on: FailOnOpt = FailOn.error,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
    show_waived: ShowWaivedOpt = False,
    color: ColorOpt = Color.auto,
    no_cache: NoCacheOpt = False,
) -> None:
    """Validate every data file: file:line:col diagnostics."""
    options = _options(
        data_dir,
        as_of,
        lang,
        output_format,
        output,
        fail_on,
        color,
        select=select,
        ignore=ignore,
        quiet=quiet,
        show_waived=show_waived,
        no_cache=no_cache,
    )
    result = _call(options, "run_validate", files=files)
    _deliver(result, output, force, options.lang, quiet)


@app.command()
def check(
    data_dir: DataDirOpt = Path("data"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    output_format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_on: FailOnOpt = FailOn.error,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    show_waived: ShowWaivedOpt = False,
    color: ColorOpt = Color.auto,
    no_cache: NoCacheOpt = False,
) -> None:
    """Evaluate every target and task as of a date."""
    options = _options(
        data_dir,
        as_of,
        lang,
        output_format,
        output,
        fail_on,
        color,
        select=select,
        ignore=ignore,
        quiet=quiet,
        verbose=verbose,
        show_waived=show_waived,
        no_cache=no_cache,
    )
    _deliver(_call(options, "run_check"), output, force, options.lang, quiet)


@app.command()
def tasks(
    data_dir: DataDirOpt = Path("data"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", metavar="STATUS", help="Only these statuses (repeatable, or a,b)."
        ),
    ] = None,
    unit: UnitOpt = None,
    coordinating: CoordinatingOpt = False,
    output_format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_on: FailOnOpt = FailOn.error,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
    show_waived: ShowWaivedOpt = False,
    color: ColorOpt = Color.auto,
    no_cache: NoCacheOpt = False,
) -> None:
    """List appendix tasks with their status."""
    from kh284.evaluation.vocabulary import TASK_LABELS

    statuses = [s.strip() for v in status or [] for s in v.split(",") if s.strip()]
    for value in statuses:
        if value not in TASK_LABELS:
            raise typer.BadParameter(
                f"{value!r}: one of {', '.join(TASK_LABELS)}", param_hint="--status"
            )
    options = _options(
        data_dir,
        as_of,
        lang,
        output_format,
        output,
        fail_on,
        color,
        select=select,
        ignore=ignore,
        quiet=quiet,
        show_waived=show_waived,
        no_cache=no_cache,
    )
    result = _call(
        options,
        "run_tasks",
        unit=unit,
        coordinating=coordinating,
        statuses=statuses or None,
        overdue=False,
    )
    _deliver(result, output, force, options.lang, quiet)


@app.command()
def overdue(
    data_dir: DataDirOpt = Path("data"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    unit: UnitOpt = None,
    coordinating: CoordinatingOpt = False,
    output_format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_on: FailOnOpt = FailOn.error,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
    show_waived: ShowWaivedOpt = False,
    color: ColorOpt = Color.auto,
    no_cache: NoCacheOpt = False,
) -> None:
    """List overdue tasks, most overdue first."""
    options = _options(
        data_dir,
        as_of,
        lang,
        output_format,
        output,
        fail_on,
        color,
        select=select,
        ignore=ignore,
        quiet=quiet,
        show_waived=show_waived,
        no_cache=no_cache,
    )
    result = _call(
        options, "run_tasks", unit=unit, coordinating=coordinating, statuses=None, overdue=True
    )
    _deliver(result, output, force, options.lang, quiet)


@app.command()
def targets(
    target_id: Annotated[
        str | None, typer.Argument(metavar="[TARGET]", help="Show this target's history.")
    ] = None,
    data_dir: DataDirOpt = Path("data"),
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    color: ColorOpt = Color.auto,
) -> None:
    """List the targets, or show one target's history."""
    options = _options(data_dir, as_of, lang, None, None, FailOn.never, color)
    from kh284 import commands
    from kh284.dataset import DataDirError

    try:
        outcome = commands.run_targets(options)
    except DataDirError:
        _fail(f"data directory not found: {options.data_dir}")
    from kh284.render import targets_view

    results = outcome.targets
    if target_id is not None:
        wanted = target_id.strip().lower()
        results = [r for r in results if r.target.id == wanted]
        if not results:
            from kh284.textnorm import suggest

            hint = suggest(target_id, [r.target.id for r in outcome.targets])
            _fail(f"no target '{target_id}'" + (f" — did you mean '{hint}'?" if hint else ""))
    if as_json:
        text = targets_view.as_json(outcome, results, options.lang)
    elif target_id is None:
        text = targets_view.listing(results, options.lang, color=options.color, width=options.width)
    else:
        text = targets_view.detail(
            results[0], options.lang, color=options.color, width=options.width
        )
    sys.stdout.write(text)
    raise typer.Exit(0)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", help="Which data file.")],
) -> None:
    """Print the JSON Schema of a data file (generated from the models)."""
    from kh284.schemas import schema_text

    sys.stdout.write(schema_text(kind.value))
    raise typer.Exit(0)


# The report commands live in their own module; importing it registers them on ``app``.
from kh284 import cli_reports  # noqa: E402, F401


def _fast_exit(code: object) -> NoReturn:
    """Exit without tearing down every object of a large run one by one (as mypy does).

    The streams are flushed first; nothing else is pending at this point.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        status = status or 2
    os._exit(status)


def main() -> None:
    """Console entry point: ``run_app``, then a fast exit with its status."""
    try:
        run_app()
    except SystemExit as done:
        _fast_exit(done.code)


def run_app() -> None:
    """Run the app; turn an unexpected exception into exit 2 (raises ``SystemExit``)."""
    # kh284 uses no pydantic plugins; not looking for any saves scanning installed packages
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    for stream in (sys.stdout, sys.stderr):
        # a terminal or pipe that cannot show Vietnamese gets escapes, not a crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("kh284: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the boundary: never show a traceback
        from kh284 import messages

        lang = os.environ.get("KH284_LANG", "vi")
        detail = f"{type(exc).__name__}: {exc}"
        sys.stderr.write(f"kh284: X901 {messages.render('X901', lang, {'detail': detail})}\n")
        sys.exit(2)
