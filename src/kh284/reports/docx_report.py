"""``kh284 report --format docx``: a draft of the periodic report, ready for a person.

The layout follows Nghị định 30/2020/NĐ-CP (administrative documents): A4 with margins of
20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman; on the left the issuing
body (the short name of its superior body above its own name in bold capitals), on the
right the national motto, each with a short rule below; the number line and the place
and date line; the type of document ("BÁO CÁO") and its summary line centred in bold; page
numbers at the top from page 2.  The draft is marked "DỰ THẢO".  The place on the
place-and-date line is the issuing body's, and the number line carries its abbreviation,
both from the plan's settings (``issuing_bodies``); the date pads as the decree says
(``ngày 05 tháng 02``, ``ngày 15 tháng 3``).  Figures are written the language's way
(``34,5 %``), each status with its shape beside its word (it must read printed in grey),
and no table row is split across two pages.

Content: the results by target and by task as tables (from the one model every output
renders, ``content.model``: status word and shape, goal wording, due date as written, days
late, who leads now), the reports owed and received per unit when that JSON has a
``reporting`` section, the charts as images in an appendix, and clearly marked empty
sections for what only a person can write (limitations and their causes, next steps,
proposals) and for the signature.  The issuing body is the reporting unit (``--unit``,
default ``content.lead_unit``); its superior body is the one its ``issuing_bodies`` entry
names (``superior``; ``null`` for none), else the plan's issuer; the addressee is the
plan's issuer (both the successor on the as-of date).  ``heading_lines`` gives the
heading's lines to any document drafted for a unit.  Every piece of text goes into the
document through ``_run`` (or the core properties) and so through ``printable``: a control
character, which XML cannot hold, or a right-to-left override in a name or a document is
shown escaped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kh284 import i18n
from kh284.diagnostics.catalogue import printable
from kh284.i18n import day
from kh284.reports.content import (
    Content,
)
from kh284.validate.models.plan import IssuingBody
from kh284.views.model import by_lead_unit

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
DRAFT = "DỰ THẢO"
#: Page and margins in millimetres (Nghị định 30/2020/NĐ-CP, Phụ lục I).
PAGE = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH = PAGE["width"] - PAGE["left"] - PAGE["right"]
TASK_TEXT_LIMIT = 200
HIGHLIGHT = "yellow"

#: The heading block's two columns: issuing body, national motto (one line at 12 pt bold).
HEADING_WIDTHS = (72.0, 93.0)
TARGET_WIDTHS = (12, 50, 20, 22, 24, 37)
TASK_WIDTHS = (12, 57, 22, 22, 24, 28)
REPORTING_WIDTHS = (12, 61, 23, 23, 23, 23)
#: The columns of the three tables, as the dashboard and the workbook head them.
TARGET_HEADS = ("stt", "target", "goal", "latest", "status", "why")
TASK_HEADS = ("stt", "task", "lead", "deadline", "status", "evidence")
REPORTING_COUNTS = ("owed", "on_time", "late", "missing")


def _w(key: str, lang: str, **args: object) -> str:
    return i18n.word(f"docx.{key}", lang, **args)


def render(content: Content, charts: dict[str, bytes], unit_id: str) -> bytes:
    """The draft report as .docx bytes; ``charts`` holds PNG images by target id."""
    from docx import Document as new_document

    document = new_document()
    _page(document)
    _styles(document)
    _core_properties(document, content)
    _draft_mark(document)
    _heading_block(document, content, unit_id)
    _title(document, content)
    _body(document, content, unit_id)
    _signature(document, content)
    _appendix(document, content, charts)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- page, styles, properties --------------------------------------------------------------


def _page(document: Document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = _centre()
    _field(paragraph, "PAGE")


def _styles(document: Document) -> None:
    from docx.shared import Pt, RGBColor

    normal = document.styles["Normal"]
    _font_of(normal.element)
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 13), ("Heading 2", 13), ("Table Grid", 11)):
        style = document.styles[name]
        _font_of(style.element)
        style.font.size = Pt(size)
        if name.startswith("Heading"):
            style.font.bold = True
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.space_after = Pt(3)
    document.styles["Heading 2"].font.italic = False


def _font_of(element: Any) -> None:
    """Times New Roman for every script, and no theme font that would override it."""
    from docx.oxml.ns import qn

    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _core_properties(document: Document, content: Content) -> None:
    title = i18n.word("report.report_title", content.lang, document=content.model.document)
    document.core_properties.title = printable(title)
    document.core_properties.author = "kh284"
    document.core_properties.subject = _w("as_of", "vi", date=day(content.outcome.as_of))


# -- the administrative heading ----------------------------------------------------------


def _draft_mark(document: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.left_indent = Mm(TEXT_WIDTH - 30)
    _run(paragraph, DRAFT, bold=True, size=12)
    _border(paragraph, ("top", "left", "bottom", "right"))


@dataclass(frozen=True)
class Heading:
    """The lines of an administrative heading (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    ``superior``: the body above the issuing one, or ``None`` when it has none (a ministry,
    a provincial People's Committee); ``body``: the issuing body's full name; ``number``:
    the number line; ``place_date``: the place and date line.  The Word draft prints them,
    and any other document kh284 drafts for a unit can reuse them.
    """

    superior: str | None
    body: str
    number: str
    place_date: str


def heading_lines(content: Content, unit_id: str, number_key: str = "docx.number") -> Heading:
    """The heading of a document ``unit_id`` issues, dated the as-of date.

    The superior body is the unit's ``superior`` in the plan's ``issuing_bodies`` when the
    entry says one (``null``: none); otherwise the plan's issuer (or its successor on the
    as-of date), unless the unit is that body itself.  ``number_key``: the vocabulary's
    number line, given the unit's ``{code}`` (a letter's differs from a report's).
    """
    lang, as_of = content.lang, content.outcome.as_of
    superior = _superior(content, unit_id)
    code = _issuing(content, unit_id, "code") or "……"
    place = _issuing(content, unit_id, "place") or content.plan.place
    return Heading(
        # the superior body may be abbreviated (Nghị định 30/2020/NĐ-CP): its short name
        superior=content.unit_name(superior).upper() if superior is not None else None,
        body=content.unit_full_name(unit_id).upper(),
        number=i18n.word(number_key, lang, code=code),
        place_date=place_date(place, as_of, lang),
    )


def _superior(content: Content, unit_id: str) -> str | None:
    """The unit above ``unit_id`` in its documents' heading, on the as-of date, or ``None``."""
    entry = _entries(content).get(unit_id)
    if entry is not None and "superior" in entry.model_fields_set:
        return None if entry.superior is None else content.successor(entry.superior)
    issuer = content.successor(content.plan.issuer)
    return None if issuer == unit_id else issuer


def _entries(content: Content) -> dict[str, IssuingBody]:
    return {body.unit: body for body in content.plan.settings.issuing_bodies}


def _heading_block(
    document: Document, content: Content, unit_id: str, number_key: str = "docx.number"
) -> Table:
    """Issuing body and national motto side by side; number line and place-date line.

    The lines are ``heading_lines``; the table is returned for what goes under it.
    """
    heading = heading_lines(content, unit_id, number_key)
    table = _plain_table(document, 2, 2, HEADING_WIDTHS)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if heading.superior is not None:
        _cell_line(left, heading.superior, size=12)
    _cell_line(left, heading.body, bold=True, size=12)
    _rule(left, HEADING_WIDTHS[0], 25)
    _cell_line(right, MOTTO_1, bold=True, size=12)
    _cell_line(right, MOTTO_2, bold=True, size=13)
    _rule(right, HEADING_WIDTHS[1], 60)
    _cell_line(table.cell(1, 0), heading.number, size=13)
    _cell_line(table.cell(1, 1), heading.place_date, italic=True, size=13)
    return table


def _issuing(content: Content, unit_id: str, what: str) -> str | None:
    """The issuing body's place or code from the plan's settings (``issuing_bodies``).

    The reporting unit's own entry first, then its superior's (``heading_lines``) and the
    plan's issuer or, after a reorganisation, its successor on the as-of date (a provincial
    department writes the place of its province, Nghị định 30/2020/NĐ-CP).  A code is the
    unit's own only.
    """
    entries = _entries(content)
    units = [unit_id]
    if what == "place":
        superior = _superior(content, unit_id)
        units.extend(u for u in (superior, content.successor(content.plan.issuer)) if u)
    for unit in units:
        body = entries.get(unit)
        found = getattr(body, what) if body is not None else None
        if found:
            return str(found)
    return None


def place_date(place: str, when: Any, lang: str) -> str:
    """The place and date line: ``Thái Nguyên, ngày 05 tháng 02 năm 2026``.

    Nghị định 30/2020/NĐ-CP (Phụ lục I, mục II.4): a day below 10 and the months 1 and 2
    take a leading zero, no other month does (``ngày 15 tháng 3 năm 2026``).
    """
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return _w("place_date", lang, place=place, d=f"{when.day:02d}", m=month, y=when.year)


def _title(document: Document, content: Content) -> None:
    lang, plan = content.lang, content.plan
    issuer = content.unit_full_name(plan.issuer)
    kind = document.add_paragraph()
    kind.alignment = _centre()
    kind.paragraph_format.space_before = _pt(12)
    kind.paragraph_format.space_after = _pt(0)
    _run(kind, _w("kind", lang), bold=True, size=14)
    summary = document.add_paragraph()
    summary.alignment = _centre()
    summary.paragraph_format.space_after = _pt(0)
    date = _short_date(plan.date)
    text = _w("summary", lang, document=content.model.document, date=date, issuer=issuer)
    _run(summary, text, bold=True, size=14)
    when = document.add_paragraph()
    when.alignment = _centre()
    _run(when, _w("as_of", lang, date=day(content.outcome.as_of)), italic=True, size=13)
    _rule_paragraph(document)


def _short_date(value: Any) -> str:
    return f"{value.day}/{value.month}/{value.year}"


# -- the body ------------------------------------------------------------------------------


def _body(document: Document, content: Content, unit_id: str) -> None:
    lang, plan = content.lang, content.plan
    addressee = content.unit_full_name(content.successor(plan.issuer))
    to = document.add_paragraph()
    to.alignment = _centre()
    _run(to, _w("to", lang, addressee=addressee))
    _text(
        document,
        _w(
            "intro",
            lang,
            document=content.model.document,
            date=_short_date(plan.date),
            issuer=content.unit_full_name(plan.issuer),
            unit=content.unit_full_name(unit_id),
            as_of=day(content.outcome.as_of),
        ),
    )
    document.add_heading(_w("part_results", lang), level=1)
    document.add_heading(_w("targets", lang), level=2)
    _text(document, _targets_intro(content))
    _targets_table(document, content)
    document.add_heading(_w("tasks", lang), level=2)
    _text(document, _tasks_intro(content))
    _tasks_table(document, content)
    _due_soon(document, content)
    _since(document, content)
    reporting = content.data.get("reporting")
    if reporting:
        document.add_heading(_w("reporting", lang), level=2)
        _text(document, _w("reporting_intro", lang, date=day(reporting.get("as_of"))))
        _reporting_table(document, content, reporting)
    for key in ("part_limits", "part_next", "part_proposals"):
        document.add_heading(_w(key, lang), level=1)
        _placeholder(document, _w("to_write", lang))
    _text(
        document,
        _w("closing", lang, document=content.model.document, unit=content.unit_full_name(unit_id)),
    )


def _due_soon(document: Document, content: Content) -> None:
    """What falls due soon, by the unit that leads it now (``Model.due_soon``)."""
    model, lang = content.model, content.lang
    if model.due_within is None:
        return
    if not model.due_soon:
        _text(
            document, f"{_w('due_soon', lang)}: {_w('due_soon_none', lang, days=model.due_within)}"
        )
        return
    heading = _w("due_soon", lang)
    intro = _w("due_soon_intro", lang, days=model.due_within, date=day(model.as_of))
    _text(document, f"{heading}: {intro}")
    for unit, tasks in by_lead_unit(model.due_soon):
        items = "; ".join(f"{t.label} ({t.due_text})" for t in tasks)
        _text(document, f"- {content.unit_name(unit)}: {items}")


#: The columns of the section on what changed (``report --since``).
SINCE_TASK_WIDTHS = (35, 30, 30, 40, 30)
SINCE_TARGET_WIDTHS = (60, 30, 30, 45)
SINCE_HEAD_WIDTHS = (85, 40, 40)


def _since(document: Document, content: Content) -> None:
    """The section "Thay đổi so với ngày …" (``--since``): then and now, what changed."""
    from kh284.render import changes_view as cv

    changes, lang = content.changes, content.lang
    if changes is None:
        return
    document.add_heading(cv.since_title(changes, lang), level=2)
    heads = [
        i18n.word("changes.measure", lang),
        cv.side_name(changes.before, lang),
        cv.later_name(changes, lang),
    ]
    table = _grid(document, heads, SINCE_HEAD_WIDTHS)
    for row in cv.headline_rows(changes, lang):
        _add_row(table, list(row), SINCE_HEAD_WIDTHS)
    if changes.empty:
        _text(document, i18n.word("changes.nothing", lang))
        return
    if changes.tasks:
        _text(document, i18n.word("changes.tasks", lang, count=len(changes.tasks)))
        task_keys = ("table.task", "changes.before", "changes.after", "table.lead", "table.due")
        table = _grid(document, [i18n.word(k, lang) for k in task_keys], SINCE_TASK_WIDTHS)
        for task_row in cv.task_rows(changes):
            _add_row(table, list(task_row), SINCE_TASK_WIDTHS)
    if changes.targets:
        _text(document, i18n.word("changes.targets", lang, count=len(changes.targets)))
        keys = ("table.target", "changes.before", "changes.after", "changes.new_figures")
        table = _grid(document, [i18n.word(k, lang) for k in keys], SINCE_TARGET_WIDTHS)
        for target_row in cv.target_rows(changes):
            _add_row(table, list(target_row), SINCE_TARGET_WIDTHS)
    reported = cv.reported_rows(changes, content.outcome.index)
    if reported:
        _text(document, i18n.word("changes.reported", lang, count=len(reported)))
        for unit, items in reported:
            _text(document, f"- {unit}: {items}")


def _targets_intro(content: Content) -> str:
    from kh284.i18n.statuses import TARGET_STATUSES

    model = content.model
    counts = model.target_counts
    summary = "; ".join(
        f"{look.word(content.lang).lower()} {counts[status]}"
        for status, look in TARGET_STATUSES.items()
        if counts.get(status)
    )
    first = model.target_headline.sentence("docx.targets_headline", content.lang, content.unit_name)
    return (
        first + " " + _w("targets_intro", content.lang, count=len(model.targets), summary=summary)
    )


def _tasks_intro(content: Content) -> str:
    head = content.model.headline
    rate = None if head is None or head.rate is None else round(head.rate, 4)
    return _w(
        "tasks_intro",
        content.lang,
        rate=i18n.percent(rate, content.lang, 0),
        done=head.done if head else 0,
        due=head.due if head else 0,
        on_time=head.done_on_time if head else 0,
        overdue=head.overdue if head else 0,
    )


def _heads(keys: tuple[str, ...], lang: str) -> list[str]:
    return [i18n.word(f"report.{key}", lang) for key in keys]


def _targets_table(document: Document, content: Content) -> None:
    lang = content.lang
    table = _grid(document, _heads(TARGET_HEADS, lang), TARGET_WIDTHS)
    for n, target in enumerate(content.model.targets, start=1):
        latest = "—"
        if target.latest_value is not None:
            shown = i18n.quantity(target.latest_value, target.goal.unit, lang)
            latest = f"{shown} ({target.latest_year})"
        cells = [
            str(n),
            target.name,
            target.goal.text,
            latest,
            f"{target.look.symbol} {target.word}",
            target.reason,
        ]
        row = _add_row(table, cells, TARGET_WIDTHS)
        _shade(row[4], target.look.tint)


def _tasks_table(document: Document, content: Content) -> None:
    lang = content.lang
    table = _grid(document, _heads(TASK_HEADS, lang), TASK_WIDTHS)
    for n, task in enumerate(content.model.tasks, 1):
        text = " ".join(task.text.split())
        if len(text) > TASK_TEXT_LIMIT:
            text = text[: TASK_TEXT_LIMIT - 1].rstrip() + "…"
        lead = ", ".join(content.unit_name(u) for u in task.lead_now)
        overdue = task.days_late if task.status == "overdue" else None
        evidence = "; ".join(
            x
            for x in (
                _w("days_overdue", lang, days=i18n.number(overdue, lang)) if overdue else "",
                day(task.completed_on) if task.completed_on else "",
                task.evidence or "",
            )
            if x
        )
        status = f"{task.look.symbol} {task.word}"
        cells = [str(n), f"{task.label}: {text}", lead, task.due_text, status, evidence]
        row = _add_row(table, cells, TASK_WIDTHS)
        _shade(row[4], task.look.tint)


def _reporting_table(document: Document, content: Content, reporting: dict[str, Any]) -> None:
    """Per unit: reports owed, received on time, received late, still missing.

    From the ``reporting`` section of ``check --format json`` (its order: most missing
    first); a unit is named by its full name from the data, never by its id.
    """
    lang = content.lang
    heads = [i18n.word("report.stt", lang), _w("reporting_unit", lang)]
    heads += [_w(f"reporting_{key}", lang) for key in REPORTING_COUNTS]
    table = _grid(document, heads, REPORTING_WIDTHS)
    for n, unit in enumerate(reporting.get("units") or [], start=1):
        name = unit.get("name") or content.unit_full_name(str(unit.get("unit", "")))
        counts = [i18n.number(unit.get(key), lang) for key in REPORTING_COUNTS]
        _add_row(table, [str(n), name, *counts], REPORTING_WIDTHS)


def _signature(document: Document, content: Content) -> None:
    lang = content.lang
    table = _plain_table(document, 1, 2, (80, 85))
    left, right = table.cell(0, 0), table.cell(0, 1)
    _cell_line(left, _w("recipients", lang), bold=True, italic=True, size=12, centre=False)
    _cell_line(left, _w("as_above", lang), size=11, centre=False)
    _cell_line(left, _w("archive", lang), size=11, centre=False)
    title = _cell_line(right, _w("signer", lang), bold=True, size=13)
    _highlight(title)
    for _ in range(3):
        _cell_line(right, "", size=13)
    name = _cell_line(right, _w("signer_name", lang), bold=True, size=13)
    _highlight(name)


def _appendix(document: Document, content: Content, charts: dict[str, bytes]) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    if not charts:
        return
    lang = content.lang
    brk = document.add_paragraph()
    brk.add_run().add_break(WD_BREAK.PAGE)
    head = document.add_paragraph()
    head.alignment = _centre()
    _run(head, _w("appendix", lang), bold=True, size=13)
    sub = document.add_paragraph()
    sub.alignment = _centre()
    _run(sub, _w("appendix_title", lang), bold=True, size=13)
    n = 0
    for target in content.model.targets:
        image = charts.get(target.id)
        if image is None:
            continue
        n += 1
        picture = document.add_paragraph()
        picture.alignment = _centre()
        picture.paragraph_format.keep_with_next = True
        width = TEXT_WIDTH if target.result.areas else 140
        picture.add_run().add_picture(io.BytesIO(image), width=Mm(width))
        caption = document.add_paragraph()
        caption.alignment = _centre()
        text = _w("figure", lang, n=n, name=target.name, status=target.word)
        _run(caption, text, italic=True, size=11)


# -- small building blocks -----------------------------------------------------------------


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _centre() -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return WD_ALIGN_PARAGRAPH.CENTER


def _run(
    paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float = 13
) -> None:
    run = paragraph.add_run(printable(text))
    run.bold, run.italic = bold, italic
    run.font.size = _pt(size)
    run.font.name = FONT


def _text(document: Document, text: str) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    _run(paragraph, text)
    return paragraph


def _placeholder(document: Document, text: str) -> None:
    paragraph = _text(document, text)
    _highlight(paragraph)


def _highlight(paragraph: Paragraph) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for run in paragraph.runs:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        run.italic = True


def _cell_line(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = 13,
    centre: bool = True,
) -> Paragraph:
    """A line in a cell: the first one reuses the cell's empty paragraph."""
    first = cell.paragraphs[0]
    paragraph: Paragraph = first if not first.text and not first.runs else cell.add_paragraph()
    if centre:
        paragraph.alignment = _centre()
    paragraph.paragraph_format.space_after = _pt(0)
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _rule(cell: _Cell, cell_width: float, width: float) -> None:
    """A short centred rule: an empty paragraph with a bottom border between indents."""
    from docx.shared import Mm

    paragraph = cell.add_paragraph()
    margin = max(0.0, (cell_width - width) / 2 - 2)
    paragraph.paragraph_format.left_indent = Mm(margin)
    paragraph.paragraph_format.right_indent = Mm(margin)
    paragraph.paragraph_format.space_after = _pt(6)
    _run(paragraph, "", size=2)
    _border(paragraph, ("top",))


def _rule_paragraph(document: Document) -> None:
    """A short centred rule below the title block."""
    from docx.shared import Mm

    margin = (TEXT_WIDTH - 40) / 2
    rule = document.add_paragraph()
    rule.paragraph_format.left_indent = Mm(margin)
    rule.paragraph_format.right_indent = Mm(margin)
    _border(rule, ("top",))


def _border(paragraph: Paragraph, sides: tuple[str, ...]) -> None:
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.makeelement(qn("w:pBdr"), {})
    for side in sides:
        edge = borders.makeelement(qn(f"w:{side}"), {})
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "6")
        edge.set(qn("w:space"), "1")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    p_pr.append(borders)


def _field(paragraph: Paragraph, instruction: str) -> None:
    from docx.oxml.ns import qn

    field = paragraph._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): instruction})
    run = field.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _plain_table(document: Document, rows: int, cols: int, widths: tuple[float, ...]) -> Table:
    """A borderless layout table."""
    from docx.shared import Mm

    table: Table = document.add_table(rows=rows, cols=cols)
    table.autofit = False
    _column_widths(table, widths)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return table


def _grid(document: Document, heads: list[str], widths: tuple[float, ...]) -> Table:
    """A bordered data table with a bold header row repeated on every page."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table: Table = document.add_table(rows=1, cols=len(heads))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    _column_widths(table, widths)
    header = table.rows[0]
    _cant_split(header)  # before w:tblHeader, in the schema's order
    tr_pr = header._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))
    for cell, head, width in zip(header.cells, heads, widths, strict=True):
        cell.width = Mm(width)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = _centre()
        _run(paragraph, head, bold=True, size=11)
        _shade(cell, "#DCE6F1")
    return table


def _cant_split(row: Any) -> None:
    """Keep a table row on one page (``w:cantSplit``): a row is read whole or not at all."""
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))


def _column_widths(table: Table, widths: tuple[float, ...]) -> None:
    """Column widths in the table grid (which LibreOffice reads) as well as per cell."""
    from docx.shared import Mm

    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)


def _add_row(table: Table, cells: list[str], widths: tuple[float, ...]) -> list[_Cell]:
    from docx.shared import Mm

    row = table.add_row()  # type: ignore[no-untyped-call]
    _cant_split(row)
    for cell, text, width in zip(row.cells, cells, widths, strict=True):
        cell.width = Mm(width)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = _pt(0)
        _run(paragraph, text, size=11)
    return list(row.cells)


def _shade(cell: _Cell, colour: str) -> None:
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shade = tc_pr.makeelement(qn("w:shd"), {})
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), colour.lstrip("#").upper())
    tc_pr.append(shade)
