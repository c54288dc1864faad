"""The commands' core: options in, a ``Result`` out (no typer here).

Each ``run_*`` runs the pipeline (which has already applied the waivers to the whole data
set), narrows the findings to what the command is about (the files named, the tasks
shown), applies ``--select``/``--ignore``, renders the chosen format and computes the exit
code by the one policy in ``diagnostics.exit_code_for``.
"""

from __future__ import annotations

import dataclasses
import os
import unicodedata
from pathlib import Path

from kh284.cli.options import Options
from kh284.diagnostics import Diagnostic, UsageError, exit_code_for
from kh284.evaluate.tasks import DUE_SOON_DAYS, TaskResult, due_soon, headline
from kh284.i18n import both, with_hint, word
from kh284.pipeline import Outcome, run, select_tasks
from kh284.render import Format, Result, formatter
from kh284.render.view import View
from kh284.validate.models.waivers import Waiver
from kh284.validate.waivers import select_codes


def outcome_of(options: Options, *, evaluate: bool) -> Outcome:
    """The pipeline's outcome for these options, through the cache.

    On the files as read for this run when it has read them already (``options.snapshot``).
    """
    outcome = run(
        options.data_dir,
        options.as_of,
        evaluate=evaluate,
        cache=options.open_cache(),
        snapshot=options.snapshot,
    )
    _kept[:] = [outcome]
    return outcome


#: The last outcome, kept alive: a command ends with ``os._exit`` (``cli.output``), and
#: freeing a large data set's objects one by one would cost a tenth of the run for nothing.
_kept: list[Outcome] = []


def run_validate(options: Options, files: list[Path] | None = None) -> Result:
    """Validate every data file; with ``files``, report only on those files."""
    wanted: set[str] = set()
    if files and options.data_dir.is_dir():  # else the run says the directory is missing
        wanted = _relative_files(options.data_dir, files)
    outcome = outcome_of(options, evaluate=False)
    diags, waived = outcome.diagnostics, outcome.waived
    if files:
        diags = [d for d in diags if _nfc(d.location.file) in wanted]
        waived = [(d, w) for d, w in waived if _nfc(d.location.file) in wanted]
    return _finish("validate", options, outcome, diags, waived)


def run_check(options: Options, due_within: int | None = None) -> Result:
    """Evaluate every target and task; list what falls due within ``due_within`` days."""
    return _finish_view(check_view(options, due_within))


def check_view(options: Options, due_within: int | None = None) -> View:
    """What ``kh284 check`` shows, before it is rendered (the reports are made from it)."""
    outcome = outcome_of(options, evaluate=True)
    view = _view(
        "check",
        options,
        outcome,
        outcome.diagnostics,
        outcome.waived,
        show_targets=True,
        tasks=outcome.tasks,
    )
    days = DUE_SOON_DAYS if due_within is None else due_within
    return dataclasses.replace(view, due_within=days)


def run_targets(options: Options, target_id: str | None, as_json: bool) -> Result:
    """``kh284 targets``: the list of targets, or one target's history."""
    from kh284.render import targets_view

    outcome = outcome_of(options, evaluate=True)
    results = outcome.targets
    if target_id is not None:
        wanted = target_id.strip().lower()
        results = [r for r in results if r.target.id == wanted]
        if not results:
            from kh284.validate.names import suggest

            hint = suggest(target_id, [r.target.id for r in outcome.targets])
            raise UsageError(*with_hint("common.no_target", hint, id=target_id))
    if as_json:
        text = targets_view.as_json(outcome, results, options.lang)
    elif target_id is None:
        text = targets_view.listing(
            results, outcome.index, options.lang, color=options.color, width=options.width
        )
    else:
        text = targets_view.detail(
            results[0], outcome.index, options.lang, color=options.color, width=options.width
        )
    return Result(text, "", 0, machine=as_json)


def run_units(options: Options, as_json: bool, dated: bool) -> Result:
    """``kh284 units``: every unit, or (``dated``, with ``--as-of``) those that exist then."""
    from kh284.render import units_view

    outcome = outcome_of(options, evaluate=False)
    if outcome.dataset.units is None:  # units.yaml could not be read: say what is wrong
        return _finish("units", options, outcome, outcome.diagnostics, outcome.waived)
    on = options.as_of if dated else None
    if as_json:
        text = units_view.as_json(outcome.index, on, options.lang)
    else:
        text = units_view.listing(
            outcome.index, on, options.lang, color=options.color, width=options.width
        )
    return Result(text, "", 0)


def run_tasks(
    options: Options,
    unit: str | None,
    *,
    coordinating: bool,
    statuses: list[str] | None,
    overdue: bool,
    due_within: int | None = None,
) -> Result:
    """List task deliverables (``overdue``: only overdue ones, most overdue first).

    With ``due_within``, only those not done that fall due within that many days after the
    as-of date, soonest first.
    """
    outcome = outcome_of(options, evaluate=True)
    unit_ids = None if unit is None else outcome.index.resolve_units(unit)
    rows = select_tasks(
        outcome, unit_ids, coordinating=coordinating, statuses=["overdue"] if overdue else statuses
    )
    if overdue:
        rows.sort(key=lambda r: (-(r.days_overdue or 0), r.task.number))
    if due_within is not None:
        rows = due_soon(rows, outcome.as_of, due_within)
    shown = {r.task.id for r in rows}

    def concerns_the_rows(diag: Diagnostic) -> bool:
        # findings about targets are not this command's; about tasks, only the rows shown
        if diag.about == "target":
            return False
        return diag.about != "task" or (diag.subject is not None and diag.subject.id in shown)

    diags = [d for d in outcome.diagnostics if concerns_the_rows(d)]
    waived = [(d, w) for d, w in outcome.waived if concerns_the_rows(d)]
    # with --unit, the completion rate is the unit's, not the province's
    own = None
    if unit_ids is not None:
        own = headline(select_tasks(outcome, unit_ids, coordinating=coordinating), options.as_of)
    command = "overdue" if overdue else "tasks"
    view = _view(command, options, outcome, diags, waived, tasks=rows)
    return _finish_view(dataclasses.replace(view, headline=own))


def run_missing(options: Options, unit: str | None, year: int | None) -> Result:
    """``kh284 missing``: what each unit owes and has not sent, most overdue first.

    The exit code follows ``overdue``: 1 when something is missing (or a data finding is
    at or above ``--fail-on``), 0 when nothing is, never 1 with ``--fail-on never``.
    """
    from kh284.evaluate.reporting import narrow

    outcome = outcome_of(options, evaluate=True)
    unit_ids = None if unit is None else outcome.index.resolve_units(unit)
    if outcome.reporting is not None and (unit_ids is not None or year is not None):
        shown = narrow(outcome.index, outcome.reporting, unit_ids, year)
        outcome = dataclasses.replace(outcome, reporting=shown)

    def about_the_data(diag: Diagnostic) -> bool:
        # verdicts on targets and tasks are check's and overdue's; a broken file is everyone's
        return diag.about not in ("target", "task")

    diags = [d for d in outcome.diagnostics if about_the_data(d)]
    waived = [(d, w) for d, w in outcome.waived if about_the_data(d)]
    view = _view("missing", options, outcome, diags, waived)
    from kh284.render.summary import summary_text

    if view.fmt is Format.terminal:
        from kh284.render import reporting_view

        report = "" if view.quiet else reporting_view.render(view)
    else:
        report = formatter(view.fmt)(view)
    code = int(exit_code_for(view.diagnostics, view.fail_on))
    summary = summary_text(view)
    if outcome.reporting is not None and outcome.reporting.missing:
        # the exit code is 1 for what is missing, not for a finding: the summary says so
        items = outcome.reporting.missing
        owing = len({item.unit for item in items})
        summary += "; " + word("cli.missing_why", options.lang, count=owing, items=len(items))
        if view.fail_on != "never":
            code = max(code, 1)
    return Result(report, summary + "\n", code, machine=view.fmt.machine)


def _view(
    command: str,
    options: Options,
    outcome: Outcome,
    diagnostics: list[Diagnostic],
    waived: list[tuple[Diagnostic, Waiver]],
    *,
    show_targets: bool = False,
    tasks: list[TaskResult] | None = None,
) -> View:
    return View(
        command=command,
        lang=options.lang,
        outcome=outcome,
        diagnostics=select_codes(diagnostics, options.select, options.ignore),
        waived=[(d, w) for d, w in waived if select_codes([d], options.select, options.ignore)],
        tasks=list(tasks or []),
        show_targets=show_targets and outcome.evaluated,
        show_tasks=tasks is not None and outcome.evaluated,
        show_waived=options.show_waived,
        verbose=options.verbose,
        fail_on=options.fail_on,
        color=options.color,
        width=options.width,
        base_dir=_base_dir(options),
        quiet=options.quiet,
        fmt=options.fmt,
    )


def _finish(
    command: str,
    options: Options,
    outcome: Outcome,
    diagnostics: list[Diagnostic],
    waived: list[tuple[Diagnostic, Waiver]],
    *,
    tasks: list[TaskResult] | None = None,
) -> Result:
    return _finish_view(_view(command, options, outcome, diagnostics, waived, tasks=tasks))


def _finish_view(view: View) -> Result:
    from kh284.render.summary import summary_text

    report = "" if view.quiet and view.fmt is Format.terminal else formatter(view.fmt)(view)
    summary = summary_text(view) + "\n"
    code = exit_code_for(view.diagnostics, view.fail_on)
    return Result(report, summary, int(code), machine=view.fmt.machine)


def _base_dir(options: Options) -> Path | None:
    """Paths in GitHub annotations are relative to the repository (the workspace)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if options.fmt is Format.github and workspace:
        return Path(workspace)
    return None


def _relative_files(data_dir: Path, files: list[Path]) -> set[str]:
    """The data-directory names (NFC) of ``files``; a file that does not exist stops the run.

    A name typed in one Unicode normal form finds a file stored in the other (macOS keeps
    NFD, most keyboards type NFC).  A file outside the data directory is ignored (a
    pre-commit hook passes every changed ``*.yaml``).
    """
    from kh284.load.files import display_name

    root = data_dir.resolve()
    found = set()
    for file in files:
        present = _existing(file)
        if present is None:
            raise UsageError(*both("common.no_such_file", path=display_name(str(file))))
        try:
            rel = present.resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        found.add(_nfc(display_name(rel)))
    return found


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _existing(path: Path) -> Path | None:
    """``path`` as it is stored, matching each missing part by its NFC form; else ``None``."""
    if path.exists() or path.is_symlink():
        return path
    current = Path(path.anchor) if path.is_absolute() else Path()
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        step = current / part
        if not (step.exists() or step.is_symlink()):
            wanted = unicodedata.normalize("NFC", part)
            try:
                names = [p.name for p in current.iterdir()]
            except OSError:
                return None
            match = [n for n in names if unicodedata.normalize("NFC", n) == wanted]
            if not match:
                return None
            step = current / match[0]
        current = step
    return current
