"""The commands' core: options in, text and an exit code out (no typer here).

Each ``run_*`` loads and evaluates through the engine, narrows the findings to what the
command is about, applies ``--select``/``--ignore`` and waivers, renders the chosen format
and computes the exit code by the one policy in ``diagnostics.exit_code_for``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kh284.diagnostics import Diagnostic, ExitCode, exit_code_for
from kh284.engine import Outcome, run, select_tasks
from kh284.evaluation.tasks import TaskResult
from kh284.findings import apply_waivers, select_codes
from kh284.options import Options, UsageError
from kh284.render import Format, formatter
from kh284.render.view import View


@dataclass
class Result:
    """What a command prints and how it exits."""

    report: str
    summary: str
    exit_code: int
    view: View


def run_validate(options: Options, files: list[Path] | None = None) -> Result:
    """Validate every data file; with ``files``, report only on those files."""
    outcome = run(options.data_dir, options.as_of, evaluate=False, cache=options.open_cache())
    diags = outcome.diagnostics
    if files:
        wanted = _relative_files(options.data_dir, files)
        diags = [d for d in diags if d.location.file in wanted]
    return _finish("validate", options, outcome, diags)


def run_check(options: Options) -> Result:
    """Evaluate every target and task."""
    outcome = run(options.data_dir, options.as_of, evaluate=True, cache=options.open_cache())
    return _finish(
        "check", options, outcome, outcome.diagnostics, show_targets=True, tasks=outcome.tasks
    )


def run_targets(options: Options) -> Outcome:
    """Evaluate for ``kh284 targets`` (rendered by its own views)."""
    return run(options.data_dir, options.as_of, evaluate=True, cache=options.open_cache())


def run_tasks(
    options: Options,
    unit: str | None,
    *,
    coordinating: bool,
    statuses: list[str] | None,
    overdue: bool,
) -> Result:
    """List task deliverables (``overdue``: only overdue ones, most overdue first)."""
    outcome = run(options.data_dir, options.as_of, evaluate=True, cache=options.open_cache())
    unit_ids = _resolve_unit(outcome, unit)
    rows = select_tasks(
        outcome, unit_ids, coordinating=coordinating, statuses=["overdue"] if overdue else statuses
    )
    if overdue:
        rows.sort(key=lambda r: (-(r.days_overdue or 0), r.task.number))
    shown = {r.task.id for r in rows}
    diags = [
        d
        for d in outcome.diagnostics
        if d.code[0] != "T" and (d.code[0] != "K" or dict(d.args).get("task") in shown)
    ]
    return _finish("overdue" if overdue else "tasks", options, outcome, diags, tasks=rows)


def _finish(
    command: str,
    options: Options,
    outcome: Outcome,
    diagnostics: list[Diagnostic],
    *,
    show_targets: bool = False,
    tasks: list[TaskResult] | None = None,
) -> Result:
    selected = select_codes(diagnostics, options.select, options.ignore)
    waived = apply_waivers(options.data_dir, selected, options.as_of)
    # the waiver file's own findings obey --select/--ignore too
    waived.kept = select_codes(waived.kept, options.select, options.ignore)
    view = View(
        command=command,
        lang=options.lang,
        outcome=outcome,
        diagnostics=waived.kept,
        waived=waived.waived,
        tasks=list(tasks or []),
        show_targets=show_targets and outcome.evaluated,
        show_tasks=tasks is not None and outcome.evaluated,
        show_waived=options.show_waived,
        verbose=options.verbose,
        fail_on=options.fail_on,
        color=options.color,
        width=options.width,
        base_dir=_base_dir(options),
    )
    report = (
        "" if options.quiet and options.fmt is Format.terminal else formatter(options.fmt)(view)
    )
    from kh284.render.summary import summary_text

    summary = summary_text(view) + "\n"
    code = exit_code_for(waived.kept, options.fail_on)
    return Result(report, summary, int(code), view)


def _base_dir(options: Options) -> Path | None:
    """Paths in GitHub annotations are relative to the repository (the workspace)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if options.fmt is Format.github and workspace:
        return Path(workspace)
    return None


def _relative_files(data_dir: Path, files: list[Path]) -> set[str]:
    root = data_dir.resolve()
    found = set()
    for file in files:
        try:
            found.add(file.resolve().relative_to(root).as_posix())
        except ValueError:
            continue
    return found


def _resolve_unit(outcome: Outcome, query: str | None) -> list[str] | None:
    if query is None:
        return None
    found = outcome.index.find_units(query)
    if found:
        return found
    from kh284.textnorm import suggest

    hint = suggest(query, outcome.index.units)
    tail_vi = f" — có phải là '{hint}'?" if hint else ""
    tail_en = f" — did you mean '{hint}'?" if hint else ""
    raise UsageError(f"Không có đơn vị '{query}'{tail_vi}", f"No unit '{query}'{tail_en}")


__all__ = ["ExitCode", "Options", "Result", "UsageError", "run_check", "run_tasks", "run_validate"]
