"""The follow-up commands: ``remind`` (letters to units that owe) and ``changes``.

``remind`` writes a reminder letter to each unit that owes something; ``changes`` says what
changed between two dates, or since a git revision.

``remind`` writes one file per unit into a folder (``-o DIR``), each atomically and only
as a regular file or a new path inside that folder, and says ``đã ghi <path>`` on stderr
for each; every file is checked before the first is written, so a refusal leaves nothing
half done.  ``changes`` evaluates the data twice through the normal loading path
(``comparing.compared``: at two dates, or the data as it is and as it was at a git
revision), compares the two models (``views.changes``) and prints the comparison
(``render.changes_view``) the one way ``output.deliver`` does.  Neither is replayed from
the cache (``cli/replay.py``): ``remind`` writes files, and ``changes --from-rev`` reads a
repository the cache key does not cover.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh284.cli.comparing import compared, parse_day
from kh284.cli.declarations import ChangesFormat, Color, FailOn, Lang, LetterFormat
from kh284.cli.options import Options, build, parse_as_of
from kh284.cli.output import data_dir_missing, deliver, fail, refuse_existing, write_file
from kh284.i18n import word
from kh284.render import Format, Result


def remind(
    *,
    output: Path | None,
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    unit: list[str] | None,
    reply_by: str | None,
    sender: str | None,
    letter_format: LetterFormat,
    force: bool,
) -> None:
    """Write a reminder letter to each unit that owes something, one file per unit."""
    from kh284.cli.atomic import kind_of
    from kh284.cli.commands import check_view
    from kh284.cli.reports import _run_report_command
    from kh284.i18n import day
    from kh284.reports import remind as letters

    code = lang.value
    today = parse_as_of(as_of, code)
    answer = parse_day(reply_by, "--reply-by", code) or letters.default_reply_by(today)
    if answer <= today:
        fail(word("remind.reply_before", code, date=day(answer), as_of=day(today)))
    if output is None:
        fail(word("remind.needs_output", code))
    if kind_of(output) not in (None, "directory"):
        fail(word("remind.not_folder", code, path=output))
    options = Options(data_dir=data_dir, as_of=today, lang=code, fail_on="never", quiet=True)
    files = _run_report_command(
        code,
        data_dir,
        lambda: letters.make(check_view(options), sender, unit, answer, letter_format.value),
    )
    if not files:
        sys.stderr.write(word("remind.none", code, date=day(today)) + "\n")
        raise SystemExit(0)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    paths = [(output / name, data) for name, data in files]
    for path, _ in paths:  # every refusal before the first file is written
        refuse_existing(path, force, code)
    for path, data in paths:
        write_file(path, data, force, code)
        sys.stderr.write(word("common.wrote", code, path=path) + "\n")
    sys.stderr.write(word("remind.wrote", code, count=len(paths), path=output) + "\n")
    raise SystemExit(0)


def changes(
    *,
    from_date: str | None,
    to_date: str | None,
    from_rev: str | None,
    data_dir: Path,
    as_of: str | None,
    lang: Lang,
    output_format: ChangesFormat,
    output: Path | None,
    force: bool,
    color: Color,
    no_cache: bool,
) -> None:
    """What changed between two dates, or since a git revision."""
    from kh284.diagnostics import UsageError
    from kh284.load.snapshot import DataDirError

    code = lang.value
    if from_date is not None and from_rev is not None:
        fail(word("changes.both_from", code))
    if from_date is None and from_rev is None:
        fail(word("changes.needs_from", code))
    earlier = parse_day(from_date, "--from", code)
    later = parse_day(to_date, "--to", code)
    refuse_existing(output, force, code)
    options = build(
        data_dir,
        as_of,
        lang,
        Format(output_format.value),
        output,
        force,
        fail_on=FailOn.never,
        color=color,
        no_cache=no_cache,
    )
    if earlier is not None and earlier > (later or options.as_of):
        from kh284.i18n import day

        shown = day(later or options.as_of)
        fail(word("changes.from_after_to", code, before=day(earlier), after=shown))
    try:
        result = run_changes(options, earlier, later or options.as_of, from_rev)
    except DataDirError:
        data_dir_missing(options.data_dir, code)
    except UsageError as exc:
        fail(exc.message(code))
    deliver(result, options.output, options.force, code)  # says "đã ghi PATH" with -o


def run_changes(
    options: Options, earlier: dt.date | None, later: dt.date, rev: str | None
) -> Result:
    """``kh284 changes``' core: both evaluations, compared and rendered."""
    from kh284.diagnostics.catalogue import printable
    from kh284.render import changes_view

    found, index = compared(options, earlier, later, rev)
    lang = options.lang
    if options.fmt is Format.json:
        text = changes_view.as_json(found, index, printable(str(options.data_dir)))
    elif options.fmt is Format.markdown:
        text = changes_view.as_markdown(found, index)
    else:
        text = changes_view.terminal(found, index, color=options.color, width=options.width)
    return Result(text, changes_view.summary(found, lang) + "\n", 0)
