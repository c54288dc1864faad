"""Terminal tables fitted to a width: no column narrower than its longest word.

A table is ``Column`` s, each a header and one cell per row; a cell is ``Para`` graphs, each
starting on its own line.  ``table`` decides every column's width for the width asked:

1. Each column is at least as wide as its longest word (or, for a ``whole`` paragraph such
   as a date or a unit's short name, as the whole paragraph); a ``flex`` column (long text)
   at least ``least`` wide, so it never shrinks to a letter per line.
2. When the columns do not fit at that, the least important one (lowest ``priority``; not
   ``keep``) leaves: ``fold`` ed under the ``host`` column as ``Header: text`` lines, or,
   when it cannot be read there (a progress bar), left out and named by ``Fitted.dropped``
   so the view can say so.  Only then may a ``whole`` paragraph wrap in words, and only then
   do ``keep`` columns leave.  A column that left early comes back when it fits beside the
   ones that stayed (a bar, once the long reason has folded).
3. The room left goes first to the other columns, up to the width at which their cells
   take ``want_lines``; then to the ``flex`` columns up to a reading measure (``MEASURE``);
   then to the other columns up to their widest line; the rest to the ``flex`` columns. The
   table fills the width.

Text is wrapped here, in words, and clipped to a paragraph's ``lines`` (with ``…``), so rich
only draws the boxes and never breaks a word itself.  Everything shown goes through
``printable``.  A future table reuses this by building its columns; see ``terminal.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rich.box import HEAVY_HEAD
from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from kh284.diagnostics.catalogue import printable
from kh284.i18n.commandline import word_units

ELLIPSIS = "…"


@dataclass(frozen=True)
class Para:
    """One paragraph of a cell: its text (from data or vocabulary) and how it is shown."""

    text: str
    style: str = ""
    #: never wrapped while the table fits without that (a date, a unit's short name)
    whole: bool = False
    #: at most this many lines, the last ending in ``…`` when cut
    lines: int | None = None
    #: the vocabulary's words (a header, a status): broken only between its words, never
    #: inside one, and a short phrase not at all (``i18n.commandline.word_units``: not
    #: "Trạng / thái", "Chưa / đến hạn")
    words: bool = False
    #: what it may be broken into, when worked out already (a folded column's line)
    parts: tuple[str, ...] = ()


Cell = list[Para]


@dataclass
class Column:
    """A column of a table: its header, one cell per row, and how it gives way."""

    header: str
    cells: list[Cell]
    priority: int = 0
    keep: bool = False
    flex: bool = False
    least: int = 0
    #: the most lines a cell may take: the column is never narrower than that needs
    lines: int | None = None
    #: the lines a cell takes once the column has what it wants, before the ``flex``
    #: columns grow (default 1: its widest line)
    want_lines: int = 1
    justify: JustifyMethod = "left"
    #: when it leaves: shown under the host column (True) or left out with a note (False)
    fold: bool = True
    header_style: str = "bold"


@dataclass
class Fitted:
    """Tables fitted to a width, and the columns they could not show as columns."""

    tables: list[Table]
    widths: list[int]
    folded: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def table(self) -> Table:
        """The (first) table."""
        return self.tables[0]


#: Rows drawn as one table under a title (``None``: no title).
Group = tuple[Text | None, list[int]]


def clean(text: str) -> str:
    """``text`` shown: whitespace runs (line breaks too) as one space, unprintables escaped."""
    return printable(" ".join(text.split()))


def words_of(text: str) -> list[str]:
    """The words of ``text`` as shown."""
    return clean(text).split(" ") if text.strip() else []


def units_of(para: Para) -> list[str]:
    """What ``para`` may be broken into: its words, or a vocabulary phrase's words."""
    shown = clean(para.text) if para.text.strip() else ""
    if not shown:
        return []
    if para.parts:
        return list(para.parts)
    if para.words:
        return word_units(shown)
    return shown.split(" ")


def longest_word(para: Para, soft: bool = False) -> int:
    """The narrowest a column holding ``para`` may be without breaking it."""
    if para.whole and not soft:
        return cell_len(clean(para.text))
    return max((cell_len(w) for w in units_of(para)), default=0)


def wrap(
    text: str, width: int, lines: int | None = None, units: list[str] | None = None
) -> list[str]:
    """``text`` in lines at most ``width`` wide, broken between words (or ``units``).

    A word wider than ``width`` (only when the table could not be fitted) is cut into
    pieces; with ``lines``, the lines after that many are left out and the last one ends
    in ``…``.
    """
    width = max(width, 1)
    out: list[str] = []
    line = ""
    for word in words_of(text) if units is None else units:
        while cell_len(word) > width:
            if line:
                out.append(line)
                line = ""
            head, word = _chop(word, width)
            out.append(head)
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    if lines is not None and len(out) > lines:
        out = out[:lines]
        out[-1] = _with_ellipsis(out[-1], width)
    return out


def _chop(word: str, width: int) -> tuple[str, str]:
    """The first ``width`` cells of ``word``, and the rest."""
    used = 0
    for i, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return word[:i], word[i:]
    return word, ""


def _with_ellipsis(line: str, width: int) -> str:
    """``line`` ending in ``…``, words taken off its end until that fits."""
    words = line.split(" ")
    while len(words) > 1 and cell_len(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    text = " ".join(words)
    if cell_len(text + ELLIPSIS) > width:
        text = _chop(text, width - 1)[0]
    return text.rstrip(" ,;:") + ELLIPSIS


def overhead(count: int) -> int:
    """The cells a boxed table of ``count`` columns takes besides their text."""
    return 3 * count + 1  # a space each side of each column, and count + 1 rules


def table(
    columns: list[Column],
    width: int,
    *,
    host: int = 0,
    title: Text | None = None,
    groups: list[Group] | None = None,
) -> Fitted:
    """``columns`` as a rich table no wider than ``width`` (see the module's docstring).

    With ``groups``, the rows are drawn as one table per group, all with the same columns
    and widths (fitted to every row), so the tables line up.
    """
    shown = list(columns)
    main = columns[host]
    folded: list[Column] = []
    dropped: list[Column] = []
    soft = False

    def hosted() -> Column:
        # folded paragraphs in the order of their columns, whatever order they left in
        order = {id(c): i for i, c in enumerate(columns)}
        return _host(main, sorted(folded, key=lambda c: order[id(c)]))

    known: dict[tuple[int, bool], int] = {}

    def least(column: Column) -> int:
        if column is main:  # what it holds changes as columns fold under it
            return _least(hosted(), soft)
        key = (id(column), soft)
        if key not in known:
            known[key] = _least(column, soft)
        return known[key]

    def narrowest(among: list[Column]) -> list[int]:
        return [least(c) for c in among]

    def fits(among: list[Column]) -> bool:
        return sum(narrowest(among)) + overhead(len(among)) <= width

    while not fits(shown):
        leaving = [c for c in shown if c is not main and (soft or not c.keep)]
        if not leaving and not soft:
            soft = True
            continue
        if not leaving:
            break  # nothing more can give way: words are cut (``wrap``)
        out = min(leaving, key=lambda c: c.priority)
        shown = [c for c in shown if c is not out]
        (folded if out.fold else dropped).append(out)
    # a column that left early may fit again once a wider one has folded (not by breaking
    # what should stay whole: only while the table fits without that)
    for back in sorted([*folded, *dropped], key=lambda c: -c.priority) if not soft else []:
        away = folded if any(back is c for c in folded) else dropped
        away[:] = [c for c in away if c is not back]
        trial = [c for c in columns if c is back or any(c is s for s in shown)]
        if fits(trial):
            shown = trial
        else:
            away.append(back)
    shown = [hosted() if c is main else c for c in shown]
    widths = _share(shown, [_least(c, soft) for c in shown], width - overhead(len(shown)), soft)
    tables = [
        _draw(shown, widths, rows, group_title, soft)
        for group_title, rows in groups or [(title, list(range(len(main.cells))))]
    ]
    return Fitted(tables, widths, [c.header for c in folded], [c.header for c in dropped])


def _draw(
    columns: list[Column], widths: list[int], rows: list[int], title: Text | None, soft: bool
) -> Table:
    """The rich table of ``rows``, each column exactly its width."""
    drawn = Table(title=title, title_justify="left", box=HEAVY_HEAD, expand=False)
    for column, w in zip(columns, widths, strict=True):
        header = _text([Para(column.header, column.header_style, words=True)], w, soft)
        drawn.add_column(header, width=w, justify=column.justify)
    for row in rows:
        drawn.add_row(*(_text(c.cells[row], w, soft) for c, w in zip(columns, widths, strict=True)))
    return drawn


def _host(main: Column, folded: list[Column]) -> Column:
    """The host column with the folded columns' paragraphs under its own, labelled."""
    if not folded:
        return main
    cells = []
    for row, cell in enumerate(main.cells):
        extra = []
        for column in folded:
            paras = [p for p in column.cells[row] if p.text.strip()]
            if paras:
                # broken as its parts are: the header's and a status's words whole, data in words
                parts = word_units(clean(f"{column.header}:"))
                parts += [unit for p in paras for unit in units_of(p)]
                text = " ".join(p.text for p in paras)
                extra.append(Para(f"{column.header}: {text}", "dim", parts=tuple(parts)))
        cells.append([*cell, *extra])
    return replace(main, cells=cells)


#: Running text reads best up to about this many characters a line: the flex columns get
#: that much before the other columns get their widest line, and the rest after.
MEASURE = 60
#: A header takes at most this many lines (a column is at least as wide as that needs).
HEADER_LINES = 2


def _least(column: Column, soft: bool) -> int:
    """The narrowest ``column`` may be: its longest word, its header in two lines, ``lines``."""
    paras = [p for cell in column.cells for p in cell]
    words = max((longest_word(p, soft) for p in paras), default=0)
    header = longest_word(Para(column.header, words=True), soft=True)
    # a flex column is kept readable (``least``), but never wider than its widest line
    widest = max((cell_len(clean(p.text)) for p in paras), default=0)
    least = max(words, header, min(column.least, widest) if column.flex else 0, 1)
    least = _width_for([[Para(column.header, words=True)]], HEADER_LINES, least, soft)
    if column.lines is not None:
        least = _width_for(column.cells, column.lines, least, soft)
    return least


def _width_for(cells: list[Cell], lines: int, least: int, soft: bool) -> int:
    """The narrowest width from ``least`` up at which every cell takes at most ``lines``."""
    widest = max([least, *(cell_len(clean(p.text)) for cell in cells for p in cell)])
    if lines <= 1:
        return widest
    for width in range(least, widest):
        if all(len(_lines(cell, width, soft)) <= lines for cell in cells):
            return width
    return widest


def _share(columns: list[Column], widths: list[int], room: int, soft: bool) -> list[int]:
    """Give the room left over the narrowest widths: short columns, then flex, then the rest."""
    widths = list(widths)
    spare = room - sum(widths)
    order = sorted(range(len(columns)), key=lambda i: -columns[i].priority)

    def grow(indexes: list[int], target: list[int]) -> None:
        nonlocal spare
        for i in indexes:
            step = max(0, min(spare, target[i] - widths[i]))
            widths[i] += step
            spare -= step

    # a column's widest line, its header's on one line included
    widest = [
        max(_width_for(c.cells, 1, widths[i], soft), cell_len(clean(c.header)))
        for i, c in enumerate(columns)
    ]
    want = [_width_for(c.cells, c.want_lines, widths[i], soft) for i, c in enumerate(columns)]
    fixed = [i for i in order if not columns[i].flex]
    flexible = [i for i in order if columns[i].flex]

    def share(limit: list[int]) -> None:
        # the flex columns share evenly, each up to its limit
        nonlocal spare
        while spare > 0 and any(widths[i] < limit[i] for i in flexible):
            for i in flexible:
                if spare > 0 and widths[i] < limit[i]:
                    widths[i] += 1
                    spare -= 1

    grow(fixed, want)
    share([min(widest[i], max(widths[i], MEASURE)) for i in range(len(columns))])
    grow(fixed, widest)
    share(widest)
    if spare > 0 and columns:
        widths[(flexible or [0])[0]] += spare  # the table fills the width
    return widths


def _lines(cell: Cell, width: int, soft: bool) -> list[tuple[str, str]]:
    """A cell's lines at ``width``, each with its paragraph's style."""
    out = []
    for para in cell:
        if not para.text.strip():
            continue
        shown = clean(para.text)
        whole = para.whole and not soft and cell_len(shown) <= width
        for line in [shown] if whole else wrap(para.text, width, para.lines, units_of(para)):
            out.append((line, para.style))
    return out


def _text(cell: Cell, width: int, soft: bool) -> Text:
    """A cell's paragraphs wrapped at ``width``, one style each."""
    out = Text()
    for i, (line, style) in enumerate(_lines(cell, width, soft)):
        if i:
            out.append("\n")
        out.append(line, style=style)
    return out
