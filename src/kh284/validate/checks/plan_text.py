"""Checks on the plan's own text, as a careful reader of the published document makes them.

- P401: an appendix task whose text repeats an earlier task word for word.
- P402: a document number cited in the body that is not among the legal bases, the
  documents they mention, or the related documents (with the closest known number).
- P403: a task due in a year before the period its own text names ("giai đoạn 2026 - 2035").
- P404/P405: errata listed in the plan file, confirmed against the text (or stale).
- P406: appendix numbering out of sequence.
None of these knows a particular item: each finds what it reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic
from kh284.validate.index import Index, walk_sections
from kh284.validate.names import fold, words

#: A Vietnamese document number: digits, then type letters, with - or / between parts.
_DOC_NUMBER = re.compile(
    r"\b\d{1,4}(?:/\d{4})?\s*[-/]\s*[A-ZĐ][A-Za-zĐđ&0-9]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*"
)
_PERIOD = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})")


def check(index: Index) -> Iterator[Diagnostic]:
    """All diagnostics about the plan's own text."""
    if index.dataset.plan is None:
        return
    yield from _duplicate_tasks(index)
    yield from _citations(index)
    yield from _deadline_before_period(index)
    yield from _errata(index)
    yield from _numbering(index)


def _duplicate_tasks(index: Index) -> Iterator[Diagnostic]:
    first_by_text: dict[str, str] = {}
    for task_id, task in index.tasks.items.items():
        key = words(task.text).casefold()
        if key in first_by_text:
            other = first_by_text[key]
            where = index.locate("plan.yaml", (*index.tasks.paths[task_id], "text"))
            yield dg.make("P401", where, [index.where(index.tasks, other)], id=task_id, other=other)
        else:
            first_by_text[key] = task_id


def normalise_number(number: str) -> str:
    """A comparable form of a document number: no spaces, '-' and '/' alike, folded."""
    return fold(re.sub(r"[-/]", " ", number))


def cited_numbers(text: str) -> list[str]:
    """Document numbers cited in ``text``, as written (spaces collapsed)."""
    return [re.sub(r"\s+", "", m.group(0)) for m in _DOC_NUMBER.finditer(text)]


def _citations(index: Index) -> Iterator[Diagnostic]:
    plan = index.dataset.plan
    assert plan is not None
    known: dict[str, str] = {}
    sources = [b.number for b in plan.legal_bases]
    for basis in plan.legal_bases:
        sources.extend(cited_numbers(basis.text))
    for doc in plan.related_documents:
        sources.extend(cited_numbers(doc.title))
        if doc.document_number:
            sources.append(doc.document_number)
    sources.extend(cited_numbers(plan.title))
    sources.append(plan.number)
    for number in sources:
        known.setdefault(normalise_number(number), number)
    basis_numbers = [b.number for b in plan.legal_bases]
    for section_id, section in index.sections.items.items():
        body = " ".join(t for t in (section.title, section.text) if t)
        for number in cited_numbers(body):
            if normalise_number(number) in known:
                continue
            where = index.locate("plan.yaml", index.sections.paths[section_id])
            yield dg.make(
                "P402",
                where,
                number=number,
                section=section_id,
                suggestion=_same_kind(number, basis_numbers) or "",
            )


def _same_kind(number: str, candidates: list[str]) -> str | None:
    """A legal basis with the same type suffix (``273/KH-TU`` → ``276/KH-TU``)."""
    suffix = normalise_number(re.sub(r"^\d+", "", number))
    for candidate in candidates:
        if normalise_number(re.sub(r"^\d+", "", candidate)) == suffix:
            return candidate
    return None


def _deadline_before_period(index: Index) -> Iterator[Diagnostic]:
    for task_id, task in index.tasks.items.items():
        deadline = task.deadline
        if deadline.kind != "year" or deadline.year is None:
            continue
        match = _PERIOD.search(task.text)
        if match and deadline.year < int(match.group(1)):
            where = index.locate("plan.yaml", (*index.tasks.paths[task_id], "deadline", "year"))
            period = f"{match.group(1)}-{match.group(2)}"
            yield dg.make("P403", where, id=task_id, year=deadline.year, period=period)


def _errata(index: Index) -> Iterator[Diagnostic]:
    plan = index.dataset.plan
    assert plan is not None
    texts = {s.id: " ".join(filter(None, (s.title, s.text))) for s in walk_sections(plan.sections)}
    texts.update({t.id: t.text for t in plan.appendix.tasks})
    for i, erratum in enumerate(plan.errata):
        where = index.locate("plan.yaml", ("errata", i))
        args = {"where": erratum.where, "text": erratum.text, "should_be": erratum.should_be}
        if erratum.text in texts.get(erratum.where, ""):
            if erratum.where in index.tasks:
                where = index.locate("plan.yaml", (*index.tasks.paths[erratum.where], "text"))
            yield dg.make_from("P404", where, args)
        else:
            yield dg.make_from("P405", where, args)


def _numbering(index: Index) -> Iterator[Diagnostic]:
    for expected, (task_id, task) in enumerate(index.tasks.items.items(), start=1):
        if task.number != expected:
            where = index.locate("plan.yaml", (*index.tasks.paths[task_id], "number"))
            yield dg.make("P406", where, id=task_id, number=task.number, expected=expected)
