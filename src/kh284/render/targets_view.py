"""Terminal views of ``kh284 targets``: the list of targets, and one target's history.

A goal is worded by the model's one wording (``views.goal_of``), a status by its record
(``i18n.statuses``), as in every other output.

Text from data goes through ``terminal.data_text`` (escaped by ``printable``, no markup).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kh284.evaluate.targets import TargetResult
from kh284.i18n import COMPARATORS, breakdown_words, day, number, pick, word
from kh284.i18n.statuses import target_look
from kh284.render import layout
from kh284.render.layout import Column, Para
from kh284.render.terminal import (
    LEAST_TEXT,
    data_text,
    dropped_note,
    goal_column,
    target_column,
    to_text,
)
from kh284.validate.index import Index
from kh284.views import goal_of


def listing(
    results: list[TargetResult], index: Index, lang: str, *, color: bool, width: int
) -> str:
    """Every target with its clause, goal, due year and scope, fitted to ``width``."""
    columns = [
        target_column(
            [(r.target.id, pick((r.target.name, r.target.name_en), lang)) for r in results], lang
        ),
        Column(
            word("targets.clause", lang),
            [[Para(r.target.clause, whole=True)] for r in results],
            priority=2,
        ),
        goal_column([goal_of(r.target, lang).text for r in results], lang),
        Column(
            word("table.due", lang),
            [[Para(str(r.target.due_year), whole=True)] for r in results],
            keep=True,
            priority=3,
        ),
        Column(
            word("targets.scope", lang),
            [[Para(_scope(r, index, lang))] for r in results],
            priority=1,
        ),
    ]
    fitted = layout.table(columns, width)
    parts: list[RenderableType] = [fitted.table]
    if fitted.dropped:
        parts.append(dropped_note(fitted.dropped, width, lang))
    return to_text(parts, color=color, width=width)


def _scope(result: TargetResult, index: Index, lang: str) -> str:
    """Where a target is measured: an area, or how many areas of a level must meet it.

    ``huyện thuộc Bắc Kạn: ≥ 3``: the level in the vocabulary's words, the figure as
    ``i18n.number`` writes it.
    """
    scope = result.target.scope
    if scope.kind != "count_of_areas":
        return index.area_name(scope.area)
    return word(
        "targets.scope_count",
        lang,
        level=word(f"targets.level.{scope.level}", lang),
        area=index.area_name(scope.area),
        comparator=COMPARATORS[scope.area_comparator or "at_least"],
        value=number(scope.area_value, lang),
    )


def detail(result: TargetResult, index: Index, lang: str, *, color: bool, width: int) -> str:
    """One target: its text, verdict, components and every reported figure.

    Its sentences wrap in words at ``width``; the tables are fitted to it (the file each
    figure came from folds under its document when the width is short).
    """
    t = result.target
    parts: list[RenderableType] = [
        data_text(f"{t.id} — {pick((t.name, t.name_en), lang)}", style="bold"),
        data_text(f"{t.clause}: “{t.text}”"),
        Text(word("targets.goal", lang) + goal_of(t, lang).text + f" ({t.due_year})"),
    ]
    part = breakdown_words(t, lang)
    if part is not None:
        parts.append(data_text(part))
    reading = pick((t.interpretation or "", t.interpretation_en or t.interpretation or ""), lang)
    if reading:
        parts.append(data_text(word("targets.interpretation", lang) + reading))
    look = target_look(result.status)
    parts.append(Text(word("targets.verdict", lang) + look.word(lang), style=look.style))
    parts.append(data_text(pick((result.reason_vi, result.reason_en), lang)))
    components = Table(show_header=False, box=None)
    for key, value in (
        ("baseline", _point(result.baseline_year, result.baseline_value, lang)),
        ("latest", _point(result.latest_year, result.latest_value, lang)),
        ("projected", number(result.projected_value, lang, 2)),
        ("ratio", number(result.ratio, lang, 3)),
    ):
        components.add_row(Text(word(f"targets.{key}", lang)), Text(value))
    parts.append(components)
    if result.areas:
        areas = layout.table(
            [
                Column(
                    word("targets.area", lang),
                    [[Para(index.area_name(a.area), whole=True)] for a in result.areas],
                ),
                Column(
                    word("targets.value", lang),
                    [[Para(number(a.value, lang), whole=True)] for a in result.areas],
                    keep=True,
                ),
                Column(
                    word("targets.counts", lang),
                    [[Para("✓" if a.counts else "✗")] for a in result.areas],
                    keep=True,
                ),
            ],
            width,
            title=Text(word("targets.areas", lang)),
        )
        parts.append(areas.table)
    parts.extend(_history(result, index, lang, width))
    return to_text(parts, color=color, width=width)


def _point(year: int | None, value: float | None, lang: str) -> str:
    """``2025: 32,4``; ``—`` when there is no such figure."""
    return "—" if year is None else f"{year}: {number(value, lang)}"


def _history(result: TargetResult, index: Index, lang: str, width: int) -> list[RenderableType]:
    """Every reported figure; the document hosts what folds (the date, then the file)."""
    points = result.points

    def column(key: str, cells: list[list[Para]], **how: object) -> Column:
        return Column(word(f"targets.{key}", lang), cells, **how)  # type: ignore[arg-type]

    fitted = layout.table(
        [
            column(
                "year", [[Para(str(p.year), whole=True)] for p in points], keep=True, priority=5
            ),
            column(
                "value",
                [[Para(number(p.value, lang), whole=True)] for p in points],
                keep=True,
                priority=4,
            ),
            column(
                "by",
                [[Para(index.short_name(p.unit), whole=True)] for p in points],
                keep=True,
                priority=3,
            ),
            column(
                "reported_on", [[Para(day(p.reported_on), whole=True)] for p in points], priority=1
            ),
            column(
                "document",
                [[Para(p.document or p.source or "")] for p in points],
                flex=True,
                least=LEAST_TEXT,
            ),
            column("file", [[Para(str(p.location), whole=True)] for p in points]),
        ],
        width,
        host=4,
        title=Text(word("targets.history", lang)),
    )
    parts: list[RenderableType] = [fitted.table]
    if fitted.dropped:
        parts.append(dropped_note(fitted.dropped, width, lang))
    return parts


def as_json(outcome: object, results: list[TargetResult], lang: str) -> str:
    """The targets (with history) as JSON, in the layout of ``check --format json``."""
    from kh284.render.plain import SCHEMA_VERSION, dumps, target_dict
    from kh284.render.view import View

    view = View(command="targets", lang=lang, outcome=outcome, diagnostics=[])  # type: ignore[arg-type]
    data = {
        "schema_version": SCHEMA_VERSION,
        "as_of": view.outcome.as_of.isoformat(),
        "targets": [target_dict(view, view.model.target(r.target.id)) for r in results],
    }
    return dumps(data) + "\n"
