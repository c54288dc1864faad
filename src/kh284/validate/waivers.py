"""What happens to diagnostics between the pipeline and the output: waivers, selection.

Waivers (``waivers.yaml``, loaded through the registry like every data file) are applied
to the findings of the whole data set; an expired waiver no longer applies and is itself a
warning (V801), and so is one that matches nothing (V802).  Only then do commands narrow
the findings (to the files named, to the tasks shown) and apply ``--select`` and
``--ignore``, which keep or drop codes by prefix (``P4`` matches ``P401``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic
from kh284.load.exact import Document
from kh284.load.registry import WAIVERS
from kh284.validate.models.waivers import Waiver, WaiversFile

#: Template arguments that name what a finding is about, for matching a waiver's ``id``.
SUBJECT_KEYS = ("id", "task", "target", "unit", "number")


def select_codes(
    diagnostics: Iterable[Diagnostic], select: list[str], ignore: list[str]
) -> list[Diagnostic]:
    """Diagnostics whose code starts with a ``select`` prefix and with no ``ignore`` one."""
    kept = []
    for diag in diagnostics:
        if select and not any(diag.code.startswith(p) for p in select):
            continue
        if any(diag.code.startswith(p) for p in ignore):
            continue
        kept.append(diag)
    return kept


@dataclass
class Waived:
    """The result of applying waivers."""

    kept: list[Diagnostic] = field(default_factory=list)
    waived: list[tuple[Diagnostic, Waiver]] = field(default_factory=list)


def subject(diag: Diagnostic) -> set[str]:
    """The ids a finding is about: its subject's, and those its message names."""
    args = dict(diag.args)
    ids = {args[k] for k in SUBJECT_KEYS if args.get(k)}
    if diag.subject is not None:
        ids.add(diag.subject.id)
    return ids


def matches(waiver: Waiver, diag: Diagnostic) -> bool:
    """True when ``waiver`` covers ``diag``."""
    if waiver.code != diag.code:
        return False
    if waiver.file is not None and waiver.file != diag.location.file:
        return False
    if waiver.line is not None and waiver.line != diag.location.line:
        return False
    return waiver.id is None or waiver.id in subject(diag)


def apply_waivers(
    waivers_file: WaiversFile | None,
    document: Document | None,
    diagnostics: list[Diagnostic],
    as_of: dt.date,
) -> Waived:
    """Set waived findings apart; add the waivers' own problems (V801, V802) to the rest."""
    result = Waived()
    waivers = waivers_file.waivers if waivers_file is not None else []
    used = [False] * len(waivers)
    active = [w.expires >= as_of for w in waivers]
    for diag in diagnostics:
        hit = next((i for i, w in enumerate(waivers) if active[i] and matches(w, diag)), None)
        if hit is None:
            result.kept.append(diag)
        else:
            used[hit] = True
            result.waived.append((diag, waivers[hit]))
    for i, waiver in enumerate(waivers):
        if not active[i] or not used[i]:
            result.kept.append(_waiver_problem(document, i, waiver, expired=not active[i]))
    result.kept.sort(key=Diagnostic.sort_key)
    return result


def waivers_document(documents: dict[str, Document]) -> Document | None:
    """The document ``waivers.yaml`` was read from, if it was."""
    return documents.get(WAIVERS.name)


def _waiver_problem(
    document: Document | None, i: int, waiver: Waiver, *, expired: bool
) -> Diagnostic:
    assert document is not None
    where = document.location(("waivers", i))
    subject_text = waiver.id or waiver.file or "*"
    if expired:
        return dg.make(
            "V801",
            where,
            waived_code=waiver.code,
            subject=subject_text,
            expires=waiver.expires.isoformat(),
        )
    return dg.make("V802", where, waived_code=waiver.code, subject=subject_text)
