"""``kh284 remind``: a reminder letter (công văn đôn đốc) to each unit that owes something.

The letter follows Nghị định 30/2020/NĐ-CP (Phụ lục I, công văn): the Word draft's page,
fonts and heading (``docx_report``: the issuing body under its superior, the national
motto, the number line ``Số: …/<code>-…`` and the place and date), the summary line
``V/v đôn đốc thực hiện Kế hoạch số …`` under the number, ``Kính gửi: <unit>``, a short
body that cites the clauses that set the unit's duties, a table of what the unit owes
(``views.owed``: the same items ``kh284 missing`` and the model list — overdue tasks with
their due dates and days late, figures, task reports and its own plan not received), the
date to answer by, ``Nơi nhận`` and the signer's placeholder.  A successor's letter says
which ceased units' duties it carries.

``letters`` builds each letter as plain text (``Letter``); ``docx`` writes one as Word
(every piece of text through ``docx_report._run``, so through ``printable``) and
``markdown`` as Markdown for e-mail or chat (every piece of data escaped by ``md_text``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from kh284 import i18n
from kh284.diagnostics.catalogue import printable
from kh284.i18n import day
from kh284.render.view import View
from kh284.reports import docx_report as dr
from kh284.reports.content import Content
from kh284.validate.models.plan import PlanFile
from kh284.validate.names import strip_diacritics
from kh284.views.owed import KINDS, OwedRow, UnitOwed, owed_by_unit

#: Days from the as-of date to the default date to answer by.
REPLY_DAYS = 15
#: The table's columns (mm): number, item, basis, due date, days late.
WIDTHS = (12, 78, 30, 22, 23)
HEADS = ("stt", "item", "basis", "due", "days_late")


def _w(key: str, lang: str, **args: object) -> str:
    return i18n.word(f"remind.{key}", lang, **args)


@dataclass(frozen=True)
class Letter:
    """One letter, as text: what both the Word and the Markdown forms say."""

    owed: UnitOwed
    #: The file's name without its extension: the unit's short name without diacritics.
    stem: str
    #: The heading's line above the sender (``docx_report.heading_lines``), if it has one.
    superior: str | None
    sender: str
    number: str
    place_date: str
    about: str
    to: str
    intro: str
    #: Per kind of item: its heading and its rows (number, item, basis, due, days late).
    sections: tuple[tuple[str, tuple[tuple[str, str, str, str, str], ...]], ...]
    passed: str
    request: str
    recipients: tuple[str, ...]


def _kind(plan: PlanFile, lang: str) -> str:
    """The plan's kind of document alone ("Kế hoạch"; in English, "plan")."""
    kind = i18n.document_name(plan.kind, None, lang, kind_en=plan.kind_en)
    return kind.lower() if lang == "en" else kind


def default_reply_by(as_of: dt.date) -> dt.date:
    """The date to answer by when none is given: ``REPLY_DAYS`` after the as-of date."""
    return as_of + dt.timedelta(days=REPLY_DAYS)


def letters(
    content: Content, sender: str, units: list[str] | None, reply_by: dt.date
) -> list[Letter]:
    """One letter to each unit that owes something (of ``units`` when given)."""
    outcome = content.outcome
    owed = owed_by_unit(content.model, outcome.index, outcome.reporting, units)
    stems: set[str] = set()
    found = []
    for unit in owed:
        stem = file_stem(unit.short_name) or file_stem(unit.unit) or "don-vi"
        if stem in stems:
            stem = f"{stem}-{file_stem(unit.unit)}"
        stems.add(stem)
        found.append(_letter(content, unit, stem, sender, reply_by))
    return found


def file_stem(name: str) -> str:
    """A name without diacritics, in lower case, words joined by hyphens (``so-tai-chinh``)."""
    return "-".join(re.findall(r"[A-Za-z0-9]+", strip_diacritics(name))).lower()


def _letter(content: Content, unit: UnitOwed, stem: str, sender: str, reply_by: dt.date) -> Letter:
    lang, plan, as_of = content.lang, content.plan, content.outcome.as_of
    superior_id = content.successor(plan.issuer)
    heading = dr.heading_lines(content, sender, "remind.number")
    document = content.model.document
    clauses = duties(unit.rows, lang)
    name = content.unit_full_name
    sections = []
    n = 0
    for kind in KINDS:
        rows = unit.of_kind(kind)
        if not rows:
            continue
        cells = []
        for row in rows:
            n += 1
            cells.append(_cells(content, n, row))
        sections.append((_w(f"section.{kind}", lang), tuple(cells)))
    passed = ""
    if unit.passed_from:
        units = i18n.joined([name(u) for u in unit.passed_from], lang)
        passed = _w("passed", lang, unit=unit.name, units=units)
    return Letter(
        owed=unit,
        stem=stem,
        superior=heading.superior,
        sender=name(sender),
        number=heading.number,
        place_date=heading.place_date,
        about=_w("about", lang, plan=document),
        to=_w("to", lang, addressee=unit.name),
        intro=_w(
            "intro",
            lang,
            plan=document,
            kind=_kind(plan, lang),
            date=dr._short_date(plan.date),
            issuer=name(plan.issuer),
            clauses=clauses,
            as_of=day(as_of),
            unit=unit.name,
        ),
        sections=tuple(sections),
        passed=passed,
        request=_w(
            "request",
            lang,
            unit=unit.name,
            sender=name(sender),
            reply_by=day(reply_by),
            superior=name(superior_id),
        ),
        recipients=(
            i18n.word("docx.recipients", lang),
            i18n.word("docx.as_above", lang),
            _w("for_info", lang, unit=content.unit_name(superior_id)),
            i18n.word("docx.archive", lang),
        ),
    )


def duties(rows: tuple[OwedRow, ...], lang: str) -> str:
    """The clauses and appendix rows that set ``rows``' duties, in the plan's order.

    ``mục II.2-1, II.2-7 và các nhiệm vụ số 2, 24 tại Phụ lục``.
    """
    sections = sorted({r.section for r in rows if r.section}, key=_clause_order)
    numbers = sorted({r.row for r in rows if r.row is not None})
    parts = []
    if len(sections) == 1:
        parts.append(i18n.word("owed.clause", lang, clause=sections[0]))
    elif sections:
        parts.append(i18n.word("owed.clauses", lang, clauses=", ".join(sections)))
    if len(numbers) == 1:
        parts.append(i18n.word("owed.task_row", lang, number=numbers[0]))
    elif numbers:
        rows_text = ", ".join(str(n) for n in numbers)
        parts.append(i18n.word("owed.task_rows", lang, numbers=rows_text))
    return i18n.joined(parts, lang)


def _clause_order(clause: str) -> list[tuple[int, object]]:
    """``II.2-10`` after ``II.2-9``: numbers by value, the rest (Roman numerals) by text."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.-]", clause)]


def _cells(content: Content, n: int, row: OwedRow) -> tuple[str, str, str, str, str]:
    lang = content.lang
    what = row.label
    if row.what:
        what = f"{what}: {' '.join(row.what.split())}"
    if row.passed_from:
        names = i18n.joined([content.unit_name(u) for u in row.passed_from], lang)
        what = f"{what} {_w('instead_of', lang, units=names)}"
    late = i18n.number(row.days_late, lang) if row.days_late is not None else ""
    return str(n), what, row.clause, row.due_text, late


# -- Word --------------------------------------------------------------------------------


def docx(letter: Letter, content: Content, sender: str) -> bytes:
    """The letter as .docx bytes (python-docx, the ``reports`` extra)."""
    from docx import Document as new_document

    lang = content.lang
    document = new_document()
    dr._page(document)
    dr._styles(document)
    title = printable(f"{letter.about} — {letter.owed.name}")
    document.core_properties.title = title
    document.core_properties.author = "kh284"
    table = dr._heading_block(document, content, sender, "remind.number")
    dr._cell_line(table.cell(1, 0), letter.about, size=12)
    to = document.add_paragraph()
    to.alignment = dr._centre()
    to.paragraph_format.space_before = dr._pt(12)
    dr._run(to, letter.to)
    dr._text(document, letter.intro)
    grid = dr._grid(document, [_w(h, lang) for h in HEADS], WIDTHS)
    for heading, rows in letter.sections:
        cells = dr._add_row(grid, ["", heading, "", "", ""], WIDTHS)
        merged = cells[1].merge(cells[4])
        for paragraph in merged.paragraphs[1:]:  # the merged cells' empty paragraphs
            if not paragraph.text:
                paragraph._p.getparent().remove(paragraph._p)
        for run in merged.paragraphs[0].runs:
            run.bold = True
        for row in rows:
            dr._add_row(grid, list(row), WIDTHS)
    if letter.passed:
        dr._text(document, letter.passed).paragraph_format.space_before = dr._pt(6)
    dr._text(document, letter.request).paragraph_format.space_before = dr._pt(6)
    signature = dr._plain_table(document, 1, 2, (80, 85))
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    for i, line in enumerate(letter.recipients):
        first = i == 0
        dr._cell_line(left, line, bold=first, italic=first, size=12 if first else 11, centre=False)
    dr._highlight(dr._cell_line(right, i18n.word("docx.signer", lang), bold=True, size=13))
    for _ in range(3):
        dr._cell_line(right, "", size=13)
    dr._highlight(dr._cell_line(right, i18n.word("docx.signer_name", lang), bold=True, size=13))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- Markdown ----------------------------------------------------------------------------

#: ASCII punctuation that formats anywhere in a Markdown line (CommonMark lets a backslash
#: escape any of it), and ``@`` that mentions someone on GitHub and in chat.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&@])")
#: What makes a line a heading, a quote, a list or a rule when it starts it.
_LINE_START = re.compile(r"^([#>+=-]|\d+[.)])")


def md_text(text: str) -> str:
    """Text (from data or not) that shows literally in Markdown, on one line."""
    escaped = _INLINE.sub(r"\\\1", " ".join(printable(text).split()))
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped)


def markdown(letter: Letter, content: Content) -> str:
    """The letter as Markdown: the same text as the Word letter."""
    lang = content.lang
    # a line break (two spaces) after each line of the heading's blocks
    lines = [
        *([md_text(letter.superior) + "  "] if letter.superior is not None else []),
        f"**{md_text(letter.sender.upper())}**  ",
        md_text(letter.number) + "  ",
        md_text(letter.about),
        "",
        f"**{md_text(dr.MOTTO_1)}**  ",
        f"**{md_text(dr.MOTTO_2)}**  ",
        f"*{md_text(letter.place_date)}*",
        "",
        f"**{md_text(letter.to)}**",
        "",
        md_text(letter.intro),
        "",
        "| " + " | ".join(md_text(_w(h, lang)) for h in HEADS) + " |",
        "|" + "|".join("---" for _ in HEADS) + "|",
    ]
    for heading, rows in letter.sections:
        lines.append(f"| | **{md_text(heading)}** | | | |")
        lines.extend("| " + " | ".join(md_text(c) for c in row) + " |" for row in rows)
    lines.append("")
    if letter.passed:
        lines += [md_text(letter.passed), ""]
    lines += [md_text(letter.request), ""]
    lines += [f"*{md_text(letter.recipients[0])}*  "]
    lines += [md_text(line) + "  " for line in letter.recipients[1:]]
    lines += ["", f"**{md_text(i18n.word('docx.signer', lang))}**", ""]
    lines += [f"**{md_text(i18n.word('docx.signer_name', lang))}**", ""]
    return "\n".join(lines)


# -- the command's core ------------------------------------------------------------------


def make(
    view: View,
    sender: str | None,
    units: list[str] | None,
    reply_by: dt.date,
    fmt: str,
) -> list[tuple[str, bytes]]:
    """Each letter's file name and bytes (``fmt``: ``docx`` or ``md``), in unit order.

    ``sender``: the unit that sends them, as a person types it (default
    ``content.lead_unit``); ``units``: only the letters to these units.
    """
    from kh284.diagnostics import UsageError
    from kh284.i18n import both
    from kh284.reports import require
    from kh284.reports.content import build, lead_unit

    if fmt == "docx":
        require("remind")
    content = build(view)
    if not content.outcome.evaluated:
        raise UsageError(*both("run.not_evaluated"))
    index = content.outcome.index
    sender_id = index.resolve_units(sender)[0] if sender else lead_unit(content.outcome)
    if sender_id is None:
        raise UsageError(*both("run.no_unit"))
    wanted = None
    if units:
        wanted = list(dict.fromkeys(u for query in units for u in index.resolve_units(query)))
    found = []
    for letter in letters(content, sender_id, wanted, reply_by):
        if fmt == "docx":
            found.append((f"{letter.stem}.docx", docx(letter, content, sender_id)))
        else:
            found.append((f"{letter.stem}.md", markdown(letter, content).encode("utf-8")))
    return found
