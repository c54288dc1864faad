"""Two evaluations of the data compared, and the date options that ask for them.

For ``kh284 changes`` and ``report --since``: ``compared`` evaluates the data twice
through the normal loading path (``pipeline.run``, through the cache) — at two dates, or
the data as it is and as it was at a git revision (``gitrev``) — and compares the two
models (``views.changes``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import typer

from kh284.cli.options import Options

if TYPE_CHECKING:
    from kh284.pipeline import Outcome
    from kh284.validate.index import Index
    from kh284.views.changes import Changes


def parse_day(text: str | None, option: str, lang: str) -> dt.date | None:
    """A date option (``--reply-by``, ``--from``, ``--to``); a bad one is a usage error."""
    from kh284.validate.dates import DateFormatError, parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except DateFormatError as exc:
        raise typer.BadParameter(f"{text!r}: {exc.message(lang)}", param_hint=option) from exc


def compared(
    options: Options, earlier: dt.date | None, later: dt.date, rev: str | None
) -> tuple[Changes, Index]:
    """The data at ``earlier`` (or at git revision ``rev``) compared with it at ``later``.

    Both through the normal loading path; with the later side's index (names).
    """
    from kh284.cli.commands import outcome_of
    from kh284.views import build as build_model
    from kh284.views.changes import Side, compare

    lang = options.lang
    after = outcome_of(dataclasses.replace(options, as_of=later), evaluate=True)
    if rev is not None:
        from kh284.cli.gitrev import checkout
        from kh284.pipeline import run

        with checkout(options.data_dir, rev) as folder:
            before = run(folder, later, evaluate=True, cache=options.open_cache())
    else:
        assert earlier is not None
        before = outcome_of(dataclasses.replace(options, as_of=earlier), evaluate=True)
    sides = []
    for outcome, name in ((before, rev), (after, None)):
        _require_evaluated(outcome, name, lang)
        sides.append(Side(build_model(outcome, lang), outcome.reporting, name))
    return compare(sides[0], sides[1]), after.index


def _require_evaluated(outcome: Outcome, rev: str | None, lang: str) -> None:
    from kh284.diagnostics import UsageError
    from kh284.i18n import both, day

    if outcome.evaluated:
        return
    side = rev if rev is not None else day(outcome.as_of)
    raise UsageError(*both("changes.not_evaluated", side=side))
