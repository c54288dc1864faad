"""Every output says the same thing: each is parsed back and compared with the JSON.

On the invented demo, the shipped data and a data set made from the demo here (a progress
file removed, two reports sent later), at several as-of dates, ``kh284 check`` (JSON,
terminal, Markdown) and ``kh284 report`` (HTML, Excel, Word) are run through the CLI and
read back: the terminal's table rows, the Markdown tables, the dashboard's elements (by
their ``data-*`` attributes, with ``html.parser``), the workbook's sheets (openpyxl) and the
draft's tables (python-docx).  For every target each output that shows it must give the
JSON's status word and goal wording (and, on the dashboard, the units asked for a figure);
for every task deliverable the same status word, due date (DD/MM/YYYY) and days late.

Also: the units the dashboard names for a target without figures are those ``kh284
missing`` names for its measure, and the template command it prints makes a workbook with
that target's row; a range target reads ``30–35 %`` (``30–35%`` in English) everywhere.
The runs are shared by module-scoped fixtures: one set of outputs per data set and date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, DEMO, report_content, run_cli
from kh284 import i18n
from kh284.i18n.statuses import target_look

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

DATES = ("30/06/2025", "31/12/2026", "31/12/2030")
#: (data set, as-of date, language): every data set at every date, and the demo in English.
CASES = [(name, day, "vi") for name in ("demo", "shipped", "generated") for day in DATES]
CASES.append(("demo", "31/12/2026", "en"))
#: The demo's range target (comparator ``between``, 30 to 35 %).
RANGE_TARGET = "minh-hoa-hoc-nghe"
RANGE_WORDS = {"vi": "30–35 %", "en": "30–35%"}
#: Wide enough that no terminal table folds or wraps a cell.
WIDE = "400"


# -- the data sets ---------------------------------------------------------------------------


def generated(root: Path) -> Path:
    """The demo, changed: no 2025 target figures, and the 2026 reports sent in 2027."""
    data = root / "generated"
    shutil.copytree(DEMO, data)
    (data / "progress" / "2025" / "so-gddt-chi-tieu-2025.yaml").unlink()
    for name in ("so-gddt-chi-tieu-2026.yaml", "so-gddt-nhiem-vu-2026.yaml"):
        path = data / "progress" / "2026" / name
        text = path.read_text(encoding="utf-8")
        lines = [
            "reported_on: 2027-01-20" if line.startswith("reported_on:") else line
            for line in text.splitlines()
        ]
        assert lines != text.splitlines(), path  # the date was there to move
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def env(_cache_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The environment of the module's runs (the session's cache, no colour, wide)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KH284_CACHE_DIR", str(_cache_dir))
        patch.setenv("NO_COLOR", "1")
        patch.setenv("COLUMNS", WIDE)
        for name in ("KH284_DATA_DIR", "KH284_LANG", "GITHUB_ACTIONS"):
            patch.delenv(name, raising=False)
        yield tmp_path_factory.mktemp("agree")


@pytest.fixture(scope="module")
def data_dirs(env: Path) -> dict[str, Path]:
    return {"demo": DEMO, "shipped": DATA, "generated": generated(env)}


# -- reading the outputs back ----------------------------------------------------------------


@dataclass
class Node:
    """An element of a parsed page: its tag, attributes, children (nodes and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def all(self, test: Callable[[Node], bool]) -> list[Node]:
        found = [self] if test(self) else []
        for child in self.children:
            if isinstance(child, Node):
                found += child.all(test)
        return found

    def one(self, test: Callable[[Node], bool]) -> Node:
        found = self.all(test)
        assert len(found) == 1, [n.attrs for n in found]
        return found[0]


VOID = {"meta", "link", "col", "br", "img", "input", "hr"}


class Page(HTMLParser):
    """The page as a tree of ``Node``s."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.stack = [self.root]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def has(cls: str, **attrs: str) -> Callable[[Node], bool]:
    """Matches an element of class ``cls`` (any, when empty) with the attributes given."""
    names = {k.replace("_", "-"): v for k, v in attrs.items()}
    return lambda n: (
        (not cls or cls in n.classes) and all(n.attrs.get(k) == v for k, v in names.items())
    )


def no_figure_name(node: Node) -> bool:
    """A target named in the "no figures" table."""
    return node.tag == "span" and "nofig" in node.classes


def badge_word(node: Node) -> str:
    """The word of a status badge: its text after the status's shape."""
    shape, _, words = node.text.strip().partition(" ")
    assert len(shape) == 1, node.text
    return words


def rows_by(text: str, keys: set[str]) -> dict[str, list[str]]:
    """The terminal's table rows whose first cell is one of ``keys``: their cells.

    A key is in one row of a table; ``check`` lists an overdue deliverable or one falling
    due soon first in its own table and again in the table of all tasks, which comes
    last: the last table's row is kept.
    """
    found: dict[str, list[str]] = {}
    in_table: set[str] = set()
    for line in text.splitlines():
        if line.startswith("┏"):
            in_table = set()
        if line.startswith("│"):
            cells = [c.strip() for c in line.strip().strip("│").split("│")]
            if cells[0] in keys:
                assert cells[0] not in in_table, f"two rows for {cells[0]}"
                in_table.add(cells[0])
                found[cells[0]] = cells
    return found


def markdown_rows(text: str) -> dict[str, list[str]]:
    """Each Markdown table row whose first cell is a code span: its cells, spans opened."""
    found = {}
    for line in text.splitlines():
        if line.startswith("| `"):
            cells = [c.strip().strip("`").strip() for c in line.strip("|").split(" | ")]
            found[cells[0]] = cells
    return found


def task_label(task: dict[str, Any]) -> str:
    """``PL-02`` or ``PL-02 (2026)``, as every output but the JSON names a deliverable."""
    key = task["deliverable_name"] or task["deliverable"]
    return f"{task['id']} ({key})" if key else task["id"]


def day_of(value: Any) -> str:
    """A cell's due date as written (a date cell as DD/MM/YYYY, text as it is)."""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return str(value)


def all_text(book: Any) -> str:
    return "\n".join(
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if v is not None
    )


def docx_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def table_headed(document: Any, heading: str) -> Any:
    found = [t for t in document.tables if len(t.columns) > 1 and t.cell(0, 1).text == heading]
    assert len(found) == 1, heading
    return found[0]


@dataclass
class Outputs:
    """One data set at one date: the JSON and every other output, read back."""

    name: str
    as_of: str
    lang: str
    data_dir: Path
    json: dict[str, Any]
    terminal: str
    markdown: str
    page: Node
    html: str
    book: Any
    document: Any

    @property
    def targets(self) -> list[dict[str, Any]]:
        return list(self.json["targets"])

    @property
    def tasks(self) -> list[dict[str, Any]]:
        return list(self.json["tasks"])


def produce(data_dir: Path, as_of: str, lang: str, out: Path) -> Outputs:
    common = ("--data-dir", str(data_dir), "--as-of", as_of, "--lang", lang)
    files = {}
    for fmt in ("html", "xlsx", "docx"):
        files[fmt] = out / f"report.{fmt}"
        run_cli("report", *common, "--format", fmt, "-o", str(files[fmt]), code=None)
    html_text = files["html"].read_text(encoding="utf-8")
    return Outputs(
        name=data_dir.name,
        as_of=as_of,
        lang=lang,
        data_dir=data_dir,
        json=json.loads(run_cli("check", *common, "--format", "json", code=None)),
        terminal=run_cli("check", *common, code=None),
        markdown=run_cli("check", *common, "--format", "markdown", code=None),
        page=Page(html_text).root,
        html=html_text,
        book=openpyxl.load_workbook(files["xlsx"]),
        document=docx.Document(str(files["docx"])),
    )


def index_of(outputs: Outputs) -> Any:
    """The data set's index (the measure each target is about)."""
    return report_content(outputs.data_dir, as_date(outputs.as_of), "vi").outcome.index


def as_date(text: str) -> dt.date:
    """DD/MM/YYYY as a date."""
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


@pytest.fixture(scope="module", params=CASES, ids=["-".join(c) for c in CASES])
def outputs(request: pytest.FixtureRequest, data_dirs: dict[str, Path], env: Path) -> Outputs:
    name, as_of, lang = request.param
    out = env / "-".join((name, as_of.replace("/", ""), lang))
    out.mkdir()
    return produce(data_dirs[name], as_of, lang, out)


# -- targets ---------------------------------------------------------------------------------


def test_every_output_has_every_target_and_task(outputs: Outputs) -> None:
    assert outputs.targets and outputs.tasks  # nothing to compare would prove nothing
    ids = {t["id"] for t in outputs.targets}
    assert set(rows_by(outputs.terminal, ids)) == ids
    labels = {task_label(t) for t in outputs.tasks}
    assert set(rows_by(outputs.terminal, labels)) == labels


def test_terminal_targets(outputs: Outputs) -> None:
    rows = rows_by(outputs.terminal, {t["id"] for t in outputs.targets})
    for t in outputs.targets:
        # id, goal, latest, progress, status, why
        _, goal, _, _, status, _ = rows[t["id"]]
        assert (status, goal) == (t["label"], t["goal_text"]), t["id"]


def test_markdown_targets(outputs: Outputs) -> None:
    rows = markdown_rows(outputs.markdown)
    for t in outputs.targets:
        assert rows[t["id"]][1] == t["label"], t["id"]


def test_html_targets(outputs: Outputs) -> None:
    page = outputs.page
    no_figures = {n.attrs["data-target"] for n in page.all(no_figure_name)}
    for t in outputs.targets:
        if not t["history"]:
            assert t["id"] in no_figures, t["id"]
            continue
        assert t["id"] not in no_figures, t["id"]
        card = page.one(lambda n, i=t["id"]: n.tag == "article" and n.attrs.get("data-target") == i)
        badge = card.one(has("badge"))
        assert (badge.attrs["data-status"], badge_word(badge)) == (t["status"], t["label"])
        goal = card.one(has("", data_part="goal")).one(lambda n: n.tag == "dd").text
        assert goal == f"{t['goal_text']} ({t['due_year']})", t["id"]
        tile = page.one(has("tile", data_target=t["id"]))
        assert badge_word(tile.one(has("badge"))) == t["label"]
        assert tile.one(has("value")).text.endswith(f" · {t['goal_text']}"), t["id"]
    failing = page.all(lambda n: n.tag == "tr" and "data-target" in n.attrs and n.all(has("st")))
    shown = {}
    for row in failing:
        shown[row.attrs["data-target"]] = row
    by_id = {t["id"]: t for t in outputs.targets}
    expected = {t["id"] for t in outputs.targets if target_look(t["status"]).kind == "failing"}
    assert set(shown) == expected
    for target_id, row in shown.items():
        t = by_id[target_id]
        assert badge_word(row.one(has("badge"))) == t["label"]
        assert row.one(has("goal")).text == f"{t['goal_text']} ({t['due_year']})"
    # the counts by status: the JSON summary's
    counts = {
        n.attrs["data-status"]: int(n.attrs["data-count"])
        for n in page.one(has("", id="target-status")).all(has("chip"))
    }
    assert {s: c for s, c in counts.items() if c} == outputs.json["summary"]["targets"]


def test_html_names_the_units_asked_for_a_figure(outputs: Outputs) -> None:
    """The dashboard's units for a target with no figure: who owes it, else who is
    responsible for it (the JSON's ``responsible``)."""
    owing: dict[str, set[str]] = {}
    if outputs.json.get("reporting"):
        index = index_of(outputs)
        for item in outputs.json["reporting"]["missing"]:
            if item["kind"] == "figure":
                measure = index.targets.items[item["subject"]].measure_id
                owing.setdefault(measure, set()).add(item["unit"])
    named: dict[str, set[str]] = {}
    for row in outputs.page.all(has("no-figure")):
        for span in row.all(no_figure_name):
            named.setdefault(span.attrs["data-target"], set()).add(row.attrs["data-unit"])
    without = {t["id"]: t for t in outputs.targets if not t["history"]}
    assert set(named) == set(without)
    for target_id, units in named.items():
        measure = index_of(outputs).targets.items[target_id].measure_id
        asked = owing.get(measure) or set(without[target_id]["responsible"]) or {""}
        assert units == asked, target_id


def test_xlsx_targets(outputs: Outputs) -> None:
    sheet = outputs.book.worksheets[1]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [t["id"] for t in outputs.targets]
    for row, t in zip(rows, outputs.targets, strict=True):
        assert row[4] == t["goal_text"], t["id"]
        assert row[8].split(" ", 1)[1] == t["label"], t["id"]
    overview = {
        row[0].split(" ", 1)[1]: row[1]
        for row in outputs.book.worksheets[0].iter_rows(values_only=True)
        if isinstance(row[0], str) and isinstance(row[1], int) and row[0][1:2] == " "
    }
    counts = outputs.json["summary"]["targets"]
    by_word = {t["label"]: counts[t["status"]] for t in outputs.targets}
    assert {w: n for w, n in overview.items() if n} == by_word


def test_docx_targets(outputs: Outputs) -> None:
    table = table_headed(outputs.document, i18n.word("report.target", outputs.lang))
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(outputs.targets)
    for cells, t in zip(rows, outputs.targets, strict=True):
        _, name, goal, _, status, _ = cells
        goal_text = f"{t['goal_text']} ({t['due_year']})"  # the goal with its target year
        assert (name, goal, status.split(" ", 1)[1]) == (t["name"], goal_text, t["label"])


# -- tasks -----------------------------------------------------------------------------------


def days_words(days: int, lang: str, key: str) -> str:
    return i18n.word(key, lang, days=i18n.number(days, lang))


def test_terminal_and_markdown_tasks(outputs: Outputs) -> None:
    rows = rows_by(outputs.terminal, {task_label(t) for t in outputs.tasks})
    md = markdown_rows(outputs.markdown)
    overdue = []
    for t in outputs.tasks:
        label = task_label(t)
        _, status, _, due = rows[label]
        assert (status, due) == (t["label"], t["due_text"]), label
        if t["status"] == "overdue":
            overdue.append(label)
            assert md[label][1:] == [
                t["label"],
                t["due_text"],
                i18n.number(t["days_overdue"], outputs.lang),
            ]
    assert [k for k in md if k in rows] == overdue


def test_html_tasks(outputs: Outputs) -> None:
    page, lang = outputs.page, outputs.lang
    for t in outputs.tasks:
        label = task_label(t)
        row = page.one(has("task", data_task=label))
        assert row.attrs["data-status"] == t["status"]
        assert badge_word(row.one(has("status"))) == t["label"], label
        assert row.one(has("due")).text == t["due_text"], label
        late = days_words(t["days_overdue"] or 0, lang, "html.days_overdue")
        assert (late in row.text) == bool(t["days_overdue"]), label
    shown = page.all(has("overdue-task"))
    overdue = [t for t in outputs.tasks if t["status"] == "overdue"]
    assert {r.attrs["data-task"] for r in shown} == {task_label(t) for t in overdue}
    for t in overdue:
        row = page.one(has("overdue-task", data_task=task_label(t)))
        assert row.one(has("due")).text == t["due_text"]
        assert row.one(has("days")).text == i18n.number(t["days_overdue"], lang)


def test_xlsx_tasks(outputs: Outputs) -> None:
    rows = list(outputs.book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [task_label(t) for t in outputs.tasks]
    for row, t in zip(rows, outputs.tasks, strict=True):
        assert day_of(row[4]) == t["due_text"], row[0]
        assert row[5].split(" ", 1)[1] == t["label"], row[0]
        assert row[6] == t["days_overdue"], row[0]


def test_docx_tasks(outputs: Outputs) -> None:
    lang = outputs.lang
    table = table_headed(outputs.document, i18n.word("report.task", lang))
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(outputs.tasks)
    for cells, t in zip(rows, outputs.tasks, strict=True):
        _, what, _, due, status, evidence = cells
        assert what.startswith(task_label(t) + ": ")
        assert (due, status.split(" ", 1)[1]) == (t["due_text"], t["label"]), what
        if t["status"] == "overdue":
            assert days_words(t["days_overdue"], lang, "docx.days_overdue") in evidence


# -- a range target, and words that must never appear ----------------------------------------


def test_no_output_writes_a_dash_before_a_figure(outputs: Outputs) -> None:
    texts = {
        "json": json.dumps(outputs.json, ensure_ascii=False),
        "terminal": outputs.terminal,
        "markdown": outputs.markdown,
        "html": outputs.page.text,
        "xlsx": all_text(outputs.book),
        "docx": docx_text(outputs.document),
    }
    for fmt, text in texts.items():
        assert "– 30" not in text, fmt


def test_a_range_reads_the_same_everywhere(outputs: Outputs) -> None:
    ranges = [t for t in outputs.targets if t["comparator"] == "between"]
    if outputs.data_dir == DEMO:  # the demo's range target, worked out by hand
        assert [t["id"] for t in ranges] == [RANGE_TARGET]
        assert ranges[0]["goal_text"] == RANGE_WORDS[outputs.lang]
        if outputs.as_of == "31/12/2026":  # it has figures then: its card is drawn
            assert outputs.page.all(
                lambda n: n.tag == "article" and n.attrs.get("data-target") == RANGE_TARGET
            )
    for target in ranges:
        _range_everywhere(outputs, target["id"], target["goal_text"])


def _range_everywhere(outputs: Outputs, target_id: str, words: str) -> None:
    """The range ``words`` (``30–35 %``) is the goal of ``target_id`` in every output."""
    assert re.fullmatch(r"[0-9][0-9.,]*–[0-9][0-9.,]*( ?%)?", words), words
    assert rows_by(outputs.terminal, {target_id})[target_id][1] == words
    # the dashboard draws a card for a target with figures (the others are listed on page
    # one, by the unit that owes them)
    cards = outputs.page.all(
        lambda n: n.tag == "article" and n.attrs.get("data-target") == target_id
    )
    for card in cards:
        goal = card.one(has("", data_part="goal")).one(lambda n: n.tag == "dd")
        assert goal.text.startswith(words + " (")
    sheet = outputs.book.worksheets[1]
    assert [r[4] for r in sheet.iter_rows(values_only=True) if r[0] == target_id] == [words]
    table = table_headed(outputs.document, i18n.word("report.target", outputs.lang))
    assert f"{words} (" in "".join(row.cells[2].text for row in table.rows)


# -- the dashboard's "no figures" table, against kh284 missing and kh284 template ------------


@pytest.fixture(scope="module")
def shipped(env: Path) -> Outputs:
    out = env / "shipped-template"
    out.mkdir()
    return produce(DATA, "31/12/2026", "vi", out)


def test_dashboard_asks_the_units_kh284_missing_names(shipped: Outputs) -> None:
    index = report_content(DATA, as_date("31/12/2026"), "vi").outcome.index
    missing = json.loads(
        run_cli(
            "missing",
            "--data-dir",
            str(DATA),
            "--as-of",
            "31/12/2026",
            "--format",
            "json",
            code=None,
        )
    )
    owing: dict[str, set[str]] = {}
    for item in missing["reporting"]["missing"]:
        if item["kind"] == "figure":
            owing.setdefault(index.targets.items[item["subject"]].measure_id, set()).add(
                item["unit"]
            )
    named: dict[str, set[str]] = {}
    for row in shipped.page.all(has("no-figure")):
        for span in row.all(no_figure_name):
            named.setdefault(span.attrs["data-target"], set()).add(row.attrs["data-unit"])
    without = [t["id"] for t in shipped.targets if not t["history"]]
    assert without and set(named) == set(without)
    for target_id, units in named.items():
        assert units == owing[index.targets.items[target_id].measure_id], target_id


def test_each_template_command_makes_the_targets_rows(shipped: Outputs, env: Path) -> None:
    index = index_of(shipped)
    rows = shipped.page.all(has("no-figure"))
    assert rows
    for n, row in enumerate(rows):
        words = shlex.split(row.one(lambda x: x.tag == "code").text)
        assert words[:2] == ["kh284", "template"]
        args = words[2:]
        if "--data-dir" not in args:
            args += ["--data-dir", str(DATA)]
        assert args[args.index("--unit") + 1] == row.attrs["data-unit"]
        assert args[args.index("--period") + 1] == row.attrs["data-period"]
        out = env / f"template-{n}.xlsx"
        run_cli("template", *args, "-o", str(out))
        sheet = openpyxl.load_workbook(out)["Chỉ tiêu"]
        # one row per measure, named by the first of its targets
        rows = {r[1] for r in sheet.iter_rows(values_only=True)} & set(index.targets.items)
        measures = {index.targets.items[i].measure_id for i in rows}
        for span in row.all(no_figure_name):
            target = index.targets.items[span.attrs["data-target"]]
            assert target.measure_id in measures, (row.attrs["data-unit"], target.id)


def test_units_owing_agree_with_kh284_missing(shipped: Outputs) -> None:
    """The dashboard's units owing reports, the workbook's sheet of what each unit owes and
    the Word draft's reporting table say what ``kh284 missing`` says (issue 22)."""
    missing = json.loads(
        run_cli(
            "missing",
            "--data-dir",
            str(DATA),
            "--as-of",
            "31/12/2026",
            "--format",
            "json",
            code=None,
        )
    )["reporting"]
    owed: dict[str, list[dict[str, Any]]] = {}
    for item in missing["missing"]:
        owed.setdefault(item["unit"], []).append(item)
    assert owed
    # the dashboard: one row per unit, its count, one line per kind and year it owes
    rows = [r for r in shipped.page.all(has("owing")) if r.tag == "tr"]
    assert {r.attrs["data-unit"]: int(r.all(lambda n: n.tag == "td")[1].text) for r in rows} == {
        u: len(items) for u, items in owed.items()
    }
    for row in rows:
        lines = {
            (n.attrs["data-kind"], int(n.attrs["data-year"]))
            for n in row.all(lambda n: n.tag == "li")
        }
        assert lines == {(i["kind"], i["year"]) for i in owed[row.attrs["data-unit"]]}
    # the workbook: a row per item, missing ones by unit and subject
    sheet = shipped.book[i18n.word("xlsx.sheet_owed", "vi")]
    short = {u["unit"]: u["short_name"] for u in missing["units"]}
    state = i18n.word("xlsx.owed_missing", "vi")
    got = sorted(
        (r[0], r[2], day_of(r[4]))
        for r in sheet.iter_rows(min_row=2, values_only=True)
        if r[5] == state
    )
    want = sorted(
        (short[i["unit"]], i["year"], day_of(dt.date.fromisoformat(i["due"])))
        for i in missing["missing"]
    )
    assert got == want
    # the Word draft: a unit's missing count in its reporting table
    table = table_headed(shipped.document, i18n.word("docx.reporting_unit", "vi"))
    counts = {row.cells[1].text: row.cells[5].text for row in table.rows[1:]}
    for unit in missing["units"]:
        assert counts[unit["name"]] == str(unit["missing"]), unit["unit"]
