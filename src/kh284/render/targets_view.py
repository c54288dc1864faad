"""Terminal views of ``kh284 targets``: the list of targets, and one target's history.

Text from data goes through ``terminal.data_text`` (escaped by ``printable``, no markup).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kh284.evaluate.targets import TargetResult
from kh284.i18n import COMPARATORS, TARGET_LABELS, breakdown_words, label, pick, word
from kh284.render.terminal import TARGET_STYLES, data_text, goal_text, to_text


def listing(results: list[TargetResult], lang: str, *, color: bool, width: int) -> str:
    """Every target with its clause, comparator, value and due year."""
    table = Table(expand=True)
    for name in (
        "ID",
        word("targets.clause", lang),
        word("table.target", lang),
        word("table.goal", lang),
        word("table.due", lang),
        word("targets.scope", lang),
    ):
        table.add_column(name)
    for r in results:
        t = r.target
        scope = t.scope.area
        if t.scope.kind == "count_of_areas":
            scope = (
                f"{t.scope.level} ∈ {t.scope.area}: "
                f"{COMPARATORS[t.scope.area_comparator or 'at_least']} {t.scope.area_value:g}"
            )
        table.add_row(
            data_text(t.id),
            data_text(t.clause),
            data_text(pick((t.name, t.name_en), lang)),
            Text(goal_text(r, lang)),
            Text(str(t.due_year)),
            data_text(scope),
        )
    return to_text([table], color=color, width=width)


def detail(result: TargetResult, lang: str, *, color: bool, width: int) -> str:
    """One target: its text, verdict, components and every reported figure."""
    t = result.target
    parts: list[RenderableType] = [
        data_text(f"{t.id} — {pick((t.name, t.name_en), lang)}", style="bold"),
        data_text(f"{t.clause}: “{t.text}”"),
        Text(word("targets.goal", lang) + goal_text(result, lang) + f" ({t.due_year})"),
    ]
    part = breakdown_words(t, lang)
    if part is not None:
        parts.append(data_text(part))
    if t.interpretation:
        parts.append(data_text(word("targets.interpretation", lang) + t.interpretation))
    status = label(TARGET_LABELS, result.status, lang)
    parts.append(Text(word("targets.verdict", lang) + status, style=TARGET_STYLES[result.status]))
    parts.append(data_text(pick((result.reason_vi, result.reason_en), lang)))
    components = Table(show_header=False, box=None)
    for key, value in (
        (
            "baseline",
            f"{result.baseline_year}: {result.baseline_value}" if result.baseline_year else "—",
        ),
        ("latest", f"{result.latest_year}: {result.latest_value}" if result.latest_year else "—"),
        ("projected", "—" if result.projected_value is None else f"{result.projected_value:.2f}"),
        ("ratio", "—" if result.ratio is None else f"{result.ratio:.3f}"),
    ):
        components.add_row(Text(word(f"targets.{key}", lang)), Text(value))
    parts.append(components)
    if result.areas:
        areas = Table(title=word("targets.areas", lang))
        for key in ("area", "value", "counts"):
            areas.add_column(word(f"targets.{key}", lang))
        for a in result.areas:
            areas.add_row(
                data_text(a.area),
                Text("—" if a.value is None else f"{a.value:g}"),
                Text("✓" if a.counts else "✗"),
            )
        parts.append(areas)
    history = Table(title=word("targets.history", lang))
    for key in ("year", "value", "by", "reported_on", "document", "file"):
        history.add_column(word(f"targets.{key}", lang))
    for p in result.points:
        history.add_row(
            Text(str(p.year)),
            Text(f"{p.value:g}"),
            data_text(p.unit),
            Text(p.reported_on.isoformat()),
            data_text(p.document or p.source or ""),
            data_text(str(p.location)),
        )
    parts.append(history)
    return to_text(parts, color=color, width=width)


def as_json(outcome: object, results: list[TargetResult], lang: str) -> str:
    """The targets (with history) as JSON, in the layout of ``check --format json``."""
    from kh284.render.plain import SCHEMA_VERSION, dumps, target_dict
    from kh284.render.view import View

    view = View(command="targets", lang=lang, outcome=outcome, diagnostics=[])  # type: ignore[arg-type]
    data = {
        "schema_version": SCHEMA_VERSION,
        "as_of": view.outcome.as_of.isoformat(),
        "targets": [target_dict(view, r) for r in results],
    }
    return dumps(data) + "\n"
