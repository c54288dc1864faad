"""Checks on the plan's own text, as a careful reader of the published document makes them.

- P401: an appendix task whose text repeats an earlier task word for word.
- P402: a document number cited in the body that is not among the legal bases, the
  documents they mention, or the related documents (with the closest known number).
- P403: a task due after the period its own text names ("giai đoạn 2021 - 2025", due in
  2026) has ended.  Due in the year before the period is not a finding: preparing a
  scheme before its period starts is what "tham mưu triển khai" tasks do; nor is a task
  that reviews or sums up the period (``REVIEW_WORDS``: "tổng kết … giai đoạn 2018 - 2025").
- P404/P405: errata listed in the plan file, confirmed against the text (or stale).
- P406: appendix numbering out of sequence (1…n, restarting at 1 in each ``group``).
- P407: lettered clauses out of the order a), b), c), d), đ), e), g) … of Nghị định 30/2020.
- P408: an appendix task and the body item it repeats (``body``) name different lead units
  (groups stand for their members; a group without members may hold any unit, so a lead
  beside it is no disagreement, and it agrees with itself by its own id).
None of these knows a particular item: each finds what it reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic
from kh284.validate.deadlines import YEARLY_KINDS, final_due
from kh284.validate.index import Index, walk_sections
from kh284.validate.models.common import CLAUSE_LETTERS
from kh284.validate.models.plan import Deadline, Section
from kh284.validate.names import fold, words

#: A Vietnamese document number: digits, then type letters, with - or / between parts.
_DOC_NUMBER = re.compile(
    r"\b\d{1,4}(?:/\d{4})?\s*[-/]\s*[A-ZĐ][A-Za-zĐđ&0-9]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*"
)
_PERIOD = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})")
#: Issue 25: words of a task that reviews or sums up a period, which is done after the
#: period ends ("Tổng kết … giai đoạn 2018 - 2025", due in 2026): no P403 for it.
REVIEW_WORDS = re.compile(r"tổng kết|sơ kết|đánh giá|rà soát", re.IGNORECASE)
#: The clause letter at the end of a section id (``II.2.đ``), not of a bullet (``II.2.đ-1``).
_CLAUSE = re.compile(r"\.([^\W\d_])$")


def check(index: Index) -> Iterator[Diagnostic]:
    """All diagnostics about the plan's own text."""
    if index.dataset.plan is None:
        return
    yield from _duplicate_tasks(index)
    yield from _citations(index)
    yield from _deadline_after_period(index)
    yield from _errata(index)
    yield from _numbering(index)
    yield from _lettering(index)
    yield from _body_leads(index)


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
    sources = [b.number for b in plan.legal_bases if b.number]
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
    basis_numbers = [b.number for b in plan.legal_bases if b.number]
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


def _deadline_field(deadline: Deadline) -> str:
    """The field of ``deadline`` that sets its last due date, to point a finding at."""
    if deadline.kind in YEARLY_KINDS:
        if deadline.until_year is not None:
            return "until_year"
        return "year" if deadline.kind == "yearly_from" and deadline.year else "from_year"
    return {"date": "date", "period": "to_year"}.get(deadline.kind, "year")


def _deadline_after_period(index: Index) -> Iterator[Diagnostic]:
    plan = index.dataset.plan
    assert plan is not None
    for task_id, task in index.tasks.items.items():
        match = _PERIOD.search(task.text)
        due = final_due(task.deadline, plan.settings, plan.horizon_year)
        if match is None or due is None or due.year <= int(match.group(2)):
            continue
        if _reviews(task.text[: match.start()]):
            continue
        path = (*index.tasks.paths[task_id], "deadline", _deadline_field(task.deadline))
        period = f"{match.group(1)}-{match.group(2)}"
        where = index.locate("plan.yaml", path)
        yield dg.make("P403", where, id=task_id, year=due.year, period=period)


def _reviews(text: str) -> bool:
    """True when ``text`` (a task's words before the period it names) reviews or sums up."""
    return REVIEW_WORDS.search(text) is not None


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
            elif erratum.where in index.sections:
                section = index.sections.items[erratum.where]
                field = "text" if erratum.text in (section.text or "") else "title"
                path = (*index.sections.paths[erratum.where], field)
                where = index.locate("plan.yaml", path)
            yield dg.make_from("P404", where, args)
        else:
            yield dg.make_from("P405", where, args)


def _numbering(index: Index) -> Iterator[Diagnostic]:
    expected, group = 0, None
    for position, (task_id, task) in enumerate(index.tasks.items.items()):
        expected = 1 if position == 0 or task.group != group else expected + 1
        group = task.group
        if task.number != expected:
            where = index.locate("plan.yaml", (*index.tasks.paths[task_id], "number"))
            yield dg.make("P406", where, id=task_id, number=task.number, expected=expected)


def _lettering(index: Index) -> Iterator[Diagnostic]:
    plan = index.dataset.plan
    assert plan is not None
    siblings = [plan.sections, *(s.items for s in walk_sections(plan.sections))]
    for items in siblings:
        lettered = [s.id for s in items if _CLAUSE.search(s.id)]
        for position, section_id in enumerate(lettered):
            if position >= len(CLAUSE_LETTERS):
                break
            letter, expected = section_id[-1], CLAUSE_LETTERS[position]
            if letter != expected:
                where = index.locate("plan.yaml", (*index.sections.paths[section_id], "id"))
                yield dg.make("P407", where, id=section_id, letter=letter, expected=expected)
                break  # the first letter out of place; the rest follow from it


def _leads(sections: list[Section], inherited: list[str], out: dict[str, list[str]]) -> None:
    """Each section's leading units: ``lead``, else ``responsible``, else its parent's."""
    for section in sections:
        lead = section.lead or section.responsible or inherited
        out[section.id] = lead
        _leads(section.items, lead, out)


def _body_leads(index: Index) -> Iterator[Diagnostic]:
    plan = index.dataset.plan
    assert plan is not None
    leads: dict[str, list[str]] = {}
    _leads(plan.sections, [], leads)

    def names(unit_ids: list[str]) -> str:
        units = index.units.items
        return ", ".join(units[u].short_name if u in units else u for u in unit_ids)

    for task_id, task in index.tasks.items.items():
        for j, section_id in enumerate(task.body):
            body_lead = leads.get(section_id, [])
            if not body_lead or not task.lead:
                continue
            ours, theirs = _members(index, task.lead), _members(index, body_lead)
            if ours & theirs or _open_group(index, ours | theirs):
                continue
            where = index.locate("plan.yaml", (*index.tasks.paths[task_id], "body", j))
            yield dg.make(
                "P408",
                where,
                [index.where(index.sections, section_id)],
                id=task_id,
                lead=names(task.lead),
                section=section_id,
                body_lead=names(body_lead),
            )


def _members(index: Index, unit_ids: list[str]) -> set[str]:
    """``unit_ids`` with each group that lists members replaced by them (recursively)."""
    found: set[str] = set()
    pending = list(unit_ids)
    seen: set[str] = set()
    while pending:
        unit_id = pending.pop()
        if unit_id in seen:
            continue
        seen.add(unit_id)
        unit = index.units.items.get(unit_id)
        if unit is not None and unit.kind == "group" and unit.members:
            pending.extend(unit.members)
        else:
            found.add(unit_id)
    return found


def _open_group(index: Index, unit_ids: set[str]) -> bool:
    """True when one of ``unit_ids`` is a group without members: it may hold any unit."""
    units = index.units.items
    return any(u in units and units[u].kind == "group" and not units[u].members for u in unit_ids)
