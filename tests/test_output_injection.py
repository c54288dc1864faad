"""Every string from data is untrusted at every output: nothing in it can act.

A copy of the demo data (invented figures) gets hostile strings planted in every kind of
field a person types: a progress report's ``document``, ``source``, ``evidence`` and
``note``, a unit's ``short_name``, ``name`` and alias, a target's name and group, a task's
text, and the names of files.  Each holds terminal escapes (SGR colour, OSC 0 window
title, OSC 52 clipboard, a C1 CSI), a right-to-left override, a spreadsheet formula,
Markdown that would mention, link and show an image, and matplotlib mathtext.  Then:

* the terminal (``tasks``, ``overdue``, ``missing``, ``targets``, ``targets ID``, ``check -v``,
  ``validate``, and the machine formats written to stdout) never gets ESC, BEL, a C1
  control or U+202E;
* ``--format markdown`` shows the text literally: no mention, link or image outside a
  code span, and a Markdown renderer makes no ``<a>`` or ``<img>`` of it;
* JUnit is well-formed XML with no character XML 1.0 forbids; SARIF and JSON parse;
* the HTML dashboard and the Word draft carry none of those characters;
* the status workbook and the Excel template hold no formula: every text cell is text.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import DEMO, run_both

#: Terminal controls: SGR colour, OSC 0 (window title), OSC 52 (clipboard), a C1 CSI.
CONTROLS = "\x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b]52;c;cHduZWQ=\x07 \x9b31m"
#: Where the controls go in the YAML below: the loader refuses them written as YAML escapes
#: (Y123), so ``tainted`` puts them into the data after reading, as if a loader let them
#: through; the outputs must not rely on the loader.
SENTINEL = "CTRL-CHARS"
#: The hostile text as YAML writes it (a double-quoted scalar with escapes).
HOSTILE_YAML = (
    r'"=HYPERLINK(\"http://x\",\"y\") CTRL-CHARS \u202egnp.exe'
    r" `@someone` [a](https://e.com) ![i](https://e.com/i.png) ``x`` |pipe|"
    r' <b>b</b> & $\\kh$ line\nbreak\ttab"'
)
#: The same text as kh284 holds it once read (and tainted).
HOSTILE = (
    f'=HYPERLINK("http://x","y") {CONTROLS} \u202egnp.exe'
    " `@someone` [a](https://e.com) ![i](https://e.com/i.png) ``x`` |pipe|"
    " <b>b</b> & $\\kh$ line\nbreak\ttab"
)
#: The controls written as YAML escapes, as a person (or an attacker) would write them.
ESCAPED_YAML = r'"\e[31mred\e[0m \x1b]0;pwned\x07 \x1b]52;c;cHduZWQ=\x07 \x9b31m \u202e"'
#: A value for a field that must be an id: it makes a schema error quoting it.
BAD_ID_YAML = r'"`@someone` [a](https://e.com) CTRL-CHARS \u202e"'
#: A file name (no slash) with the same tricks.
FILE_NAME = "x \x1b[31m\x1b]0;pwned\x07\u202e `@someone` [a](https:e.com) |p| ``y``.yaml"
#: Characters that must never reach a terminal: ESC, BEL, C1 CSI, right-to-left override.
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e")
AS_OF = "2026-11-30"
#: The target whose name is hostile (it has figures from the report with the hostile
#: document) and the unit whose names are.
TARGET = "nha-tre-huy-dong"
UNIT = "so-gddt"


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data with hostile text in every field a person types."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DEMO, data)
    units = data / "units.yaml"
    _replace(units, 'short_name: "Sở GD&ĐT"', f"short_name: {HOSTILE_YAML}")
    _replace(units, 'name: "Sở Giáo dục và Đào tạo"', f"name: {HOSTILE_YAML}")
    _replace(units, 'aliases: ["huyện Ba Bể"', f'aliases: [{HOSTILE_YAML}, "huyện Ba Bể"')
    targets = data / "targets.yaml"
    _replace(
        targets, "name: Tỷ lệ huy động trẻ độ tuổi nhà trẻ đến trường", f"name: {HOSTILE_YAML}"
    )
    _replace(
        targets,
        "name_en: Enrolment rate of children of crèche age (3 months to 3 years)",
        f"name_en: {HOSTILE_YAML}",
    )
    _replace(targets, "group: Giáo dục mầm non", f"group: {HOSTILE_YAML}", count=-1)
    _replace(
        targets,
        '{name: "Giáo dục mầm non", name_en: "Early childhood education"}',
        f"{{name: {HOSTILE_YAML}, name_en: {HOSTILE_YAML}}}",
    )
    plan = data / "plan.yaml"
    _replace(
        plan,
        'text: "Tham mưu triển khai Đề án phổ cập giáo dục mầm non cho trẻ em mẫu giáo từ 3 '
        'đến 5 tuổi trên địa bàn tỉnh"',
        f"text: {HOSTILE_YAML}",
    )
    figures = data / "progress" / "2025" / "so-gddt-chi-tieu-2025.yaml"
    _replace(
        figures,
        'document: "Báo cáo số 398/BC-SGDĐT ngày 12/12/2025 về kết quả năm học 2024-2025 '
        '(minh họa)"',
        f"document: {HOSTILE_YAML}\nsource: {HOSTILE_YAML}",
    )
    _replace(
        figures, 'note: "3012 of 3092 candidates graduated (minh họa)."', f"note: {HOSTILE_YAML}"
    )
    tasks = data / "progress" / "2025" / "so-gddt-nhiem-vu-2025.yaml"
    _replace(
        tasks,
        'evidence: "Kế hoạch số 188/KH-UBND ngày 22/9/2025 của UBND tỉnh Thái Nguyên (minh họa)"',
        f"evidence: {HOSTILE_YAML}",
    )
    _replace(tasks, 'note: "Ongoing communication work (minh họa)."', f"note: {HOSTILE_YAML}")
    waivers = data / "waivers.yaml"
    _replace(
        waivers,
        "reason: >-\n      The published appendix repeats item 9 word for word as item 10 "
        "(kept as published).",
        f"reason: {HOSTILE_YAML}",
    )
    _replace(
        waivers,
        "accepted_by: kh284 maintainers (encoding of the published text)",
        f"accepted_by: {HOSTILE_YAML}",
    )
    # a file with a hostile name (its report is dated after the as-of date: warning D504)
    later = data / "progress" / "2026"
    shutil.copy(later / "so-tai-chinh-ngan-sach-2026.yaml", later / FILE_NAME)
    # a file whose unit is not an id: a schema error whose message quotes the value
    bad = later / f"bad {FILE_NAME}"
    shutil.copy(later / "so-tai-chinh-ngan-sach-2026.yaml", bad)
    _replace(bad, "unit: so-tai-chinh", f"unit: {BAD_ID_YAML}")
    return data


def both(*args: str, data: Path, fmt: str | None = None, lang: str = "vi") -> tuple[str, str]:
    """stdout and stderr of ``kh284 args`` on ``data`` (any exit code but a crash)."""
    extra = ["--format", fmt] if fmt else []
    return run_both(*args, "--data-dir", str(data), "--lang", lang, *extra, code=None)


def kh284(*args: str, data: Path, fmt: str | None = None, lang: str = "vi") -> str:
    """stdout and stderr of ``kh284 args`` on ``data`` together."""
    return "".join(both(*args, data=data, fmt=fmt, lang=lang))


def _taint(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(SENTINEL, CONTROLS)
    if isinstance(value, dict):
        return {key: _taint(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_taint(item) for item in value]
    return value


@pytest.fixture(autouse=True)
def tainted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document is checked against its model with the controls put in for SENTINEL."""
    from kh284.load.exact import Document
    from kh284.validate import dataset

    real = dataset.validate

    def validate(document: Any, model: Any) -> Any:
        plain = Document(document.file, _taint(document.data), document.source_map)
        return real(plain, model)

    monkeypatch.setattr(dataset, "validate", validate)


def test_the_hostile_text_is_what_the_yaml_says() -> None:
    loaded = YAML(typ="safe").load(f"a: {HOSTILE_YAML}\n")
    assert _taint(loaded) == {"a": HOSTILE}
    assert YAML(typ="safe").load(f"a: {ESCAPED_YAML}\n")["a"].startswith("\x1b[31mred")


def test_the_hostile_data_reaches_every_output(hostile: Path) -> None:
    """The planted text is read (so the tests below would see it if it leaked)."""
    data = json.loads(
        both("check", "--as-of", AS_OF, "--fail-on", "never", data=hostile, fmt="json")[0]
    )
    target = next(t for t in data["targets"] if t["id"] == TARGET)
    assert target["name"] == HOSTILE
    assert any(item["document"] == HOSTILE for item in target["history"])
    assert any(item["evidence"] == HOSTILE for item in data["tasks"])
    assert any(item["text"] == HOSTILE for item in data["tasks"])
    files = {d["file"].rsplit("/", 1)[-1] for d in data["diagnostics"]}
    assert any("@someone" in name for name in files)
    assert any(
        d["code"].startswith("S") and "@someone" in d["message"] for d in data["diagnostics"]
    )


# -- the terminal ----------------------------------------------------------------------------

TERMINAL_COMMANDS = {
    "tasks": ("tasks", "--as-of", AS_OF),
    "tasks-unit": ("tasks", "--as-of", AS_OF, "--unit", UNIT),
    "overdue": ("overdue", "--as-of", AS_OF),
    "missing": ("missing", "--as-of", AS_OF),
    "targets": ("targets", "--as-of", AS_OF),
    "targets-id": ("targets", TARGET, "--as-of", AS_OF),
    "check": ("check", "-v", "--as-of", AS_OF, "--show-waived"),
    "validate": ("validate", "--as-of", AS_OF, "--show-waived"),
}


def assert_inert(text: str, where: str) -> None:
    for char in FORBIDDEN:
        assert char not in text, f"{where}: {char!r} reaches the output"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", list(TERMINAL_COMMANDS))
def test_terminal_output_holds_no_control_character(hostile: Path, command: str, lang: str) -> None:
    text = kh284(*TERMINAL_COMMANDS[command], data=hostile, lang=lang)
    assert_inert(text, command)
    assert "\\x1b" in text, "the hostile text is shown, escaped"


def test_controls_written_as_yaml_escapes_never_reach_the_terminal(tmp_path: Path) -> None:
    """Escapes such as ``"\\e[31m"`` in the YAML itself: refused or shown escaped."""
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    _replace(data / "units.yaml", 'short_name: "Sở GD&ĐT"', f"short_name: {ESCAPED_YAML}")
    _replace(
        data / "progress" / "2025" / "so-gddt-chi-tieu-2025.yaml",
        'note: "3012 of 3092 candidates graduated (minh họa)."',
        f"note: {ESCAPED_YAML}",
    )
    for args in (TERMINAL_COMMANDS["check"], TERMINAL_COMMANDS["tasks"], ("validate",)):
        for fmt in ("terminal", "markdown", "github"):
            assert_inert(kh284(*args, data=data, fmt=fmt), f"{args[0]} --format {fmt}")


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "markdown"])
@pytest.mark.parametrize("command", ["check", "validate", "missing"])
def test_machine_formats_hold_no_control_character(hostile: Path, command: str, fmt: str) -> None:
    """They go to stdout too: a person may read them in a terminal or a CI log."""
    args = TERMINAL_COMMANDS[command]
    assert_inert(kh284(*args, data=hostile, fmt=fmt), f"{command} --format {fmt}")


def test_targets_json_holds_no_control_character(hostile: Path) -> None:
    out, err = both("targets", TARGET, "--json", "--as-of", AS_OF, data=hostile)
    assert_inert(out + err, "targets --json")
    assert json.loads(out)["targets"][0]["name"] == HOSTILE


# -- Markdown ------------------------------------------------------------------------------

_BACKTICKS = re.compile(r"`+")


def outside_code_spans(markdown: str) -> str:
    """``markdown`` with every code span removed, as CommonMark finds them.

    A code span opens with a run of backticks that is not backslash-escaped and closes at
    the next run of exactly the same length; a run with no match is literal text.
    """
    out: list[str] = []
    i = 0
    while i < len(markdown):
        char = markdown[i]
        if char == "\\" and i + 1 < len(markdown):
            out.append(markdown[i : i + 2])
            i += 2
            continue
        if char != "`":
            out.append(char)
            i += 1
            continue
        opening = _BACKTICKS.match(markdown, i)
        assert opening is not None
        fence = opening.group()
        j = opening.end()
        while True:
            run = _BACKTICKS.search(markdown, j)
            if run is None:  # no closing run: the backticks are text
                out.append(fence)
                i = opening.end()
                break
            if run.group() == fence:
                out.append(" ")
                i = run.end()
                break
            j = run.end()
    return "".join(out)


def test_the_code_span_finder() -> None:
    assert outside_code_spans("a `b` c") == "a   c"
    assert outside_code_spans("a `` b ` c `` d") == "a   d"
    assert outside_code_spans("a ` b") == "a ` b"
    assert outside_code_spans("a `b`` c") == "a `b`` c"
    assert outside_code_spans(r"a \`b` c") == r"a \`b` c"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", ["check", "validate"])
def test_markdown_shows_data_literally(hostile: Path, command: str, lang: str) -> None:
    text = kh284(*TERMINAL_COMMANDS[command], data=hostile, fmt="markdown", lang=lang)
    assert "@someone" in text, "the hostile text is shown"
    bare = outside_code_spans(text)
    for live in ("@someone", "](http", "<b>", "https://", "``x``"):
        assert live not in bare, f"{live!r} outside a code span"
    assert_inert(text, "markdown")
    # every row of a table has its header's columns: no pipe from data splits a cell
    # (GFM splits a row at every pipe not escaped, inside code spans too)
    tables: list[list[str]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    assert tables
    for rows in tables:
        columns = len(re.findall(r"(?<!\\)\|", rows[0]))
        for row in rows:
            assert len(re.findall(r"(?<!\\)\|", row)) == columns, row


@pytest.mark.parametrize("command", ["check", "validate"])
def test_markdown_renders_no_link_image_or_mention(hostile: Path, command: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = kh284(*TERMINAL_COMMANDS[command], data=hostile, fmt="markdown")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    assert "<table>" in html
    assert "<a " not in html
    assert "<img" not in html
    assert "<b>" not in html
    # every @someone is inside <code>
    assert "@someone" in html
    assert "@someone" not in re.sub(r"<code>.*?</code>", "", html, flags=re.S)


# -- XML and JSON ------------------------------------------------------------------------------

#: Characters XML 1.0 does not allow anywhere in a document.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.mark.parametrize("command", ["check", "validate"])
def test_junit_is_well_formed_xml(hostile: Path, command: str) -> None:
    out, _ = run_both(
        *TERMINAL_COMMANDS[command], "--data-dir", str(hostile), "--format", "junit", code=None
    )
    assert not XML_ILLEGAL.search(out)
    root = ET.fromstring(out)
    assert any("@someone" in (node.text or "") + str(node.attrib) for node in root.iter())


@pytest.mark.parametrize("command", ["check", "validate"])
def test_sarif_is_json_with_no_control_character(hostile: Path, command: str) -> None:
    out, _ = run_both(
        *TERMINAL_COMMANDS[command], "--data-dir", str(hostile), "--format", "sarif", code=None
    )
    log = json.loads(out)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert any("@someone" in uri for uri in uris)
    assert_inert(out, "sarif")


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "github", "junit", "sarif", "json"])
def test_renderers_escape_a_file_name_the_loader_did_not(hostile: Path, fmt: str) -> None:
    """The loader shows file names escaped; a renderer must not rely on it."""
    import datetime as dt

    from kh284 import diagnostics as dg
    from kh284.diagnostics import Location
    from kh284.pipeline import run
    from kh284.render import Format, formatter
    from kh284.render.view import View

    outcome = run(hostile, dt.date.fromisoformat(AS_OF), evaluate=True)
    found = dg.make("Y104", Location(f"progress/2025/{FILE_NAME}", 3, 1))
    view = View(
        command="check",
        lang="en",
        outcome=outcome,
        diagnostics=[found],
        waived=outcome.waived,
        tasks=outcome.tasks,
        show_targets=True,
        show_tasks=True,
        show_waived=True,
        verbose=True,
        base_dir=hostile,
        fmt=Format(fmt),
    )
    text = formatter(Format(fmt))(view)
    assert_inert(text, fmt)
    if fmt == "sarif":  # a URI escapes it its own way: percent-encoded
        assert "x%20%1B%5B31m" in text
    else:
        assert "x \\x1b[31m" in text.replace("\\\\", "\\")
    if fmt == "junit":
        assert not XML_ILLEGAL.search(text)
        ET.fromstring(text)
    if fmt == "markdown":
        assert "@someone" not in outside_code_spans(text)


def test_github_commands_stay_one_line_each(hostile: Path) -> None:
    out, _ = run_both(
        *TERMINAL_COMMANDS["check"], "--data-dir", str(hostile), "--format", "github", code=None
    )
    for line in out.splitlines():
        assert re.match(r"::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,title=\w+::", line)
    assert_inert(out, "github")


# -- the reports -----------------------------------------------------------------------------


def report(data: Path, fmt: str, out: Path, lang: str = "vi") -> Path:
    run_both(
        "report",
        "--format",
        fmt,
        "--data-dir",
        str(data),
        "--as-of",
        AS_OF,
        "--lang",
        lang,
        "--fail-on",
        "never",
        "--output",
        str(out),
        code=None,
    )
    assert out.is_file(), f"no {fmt} report"
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_html_report_holds_no_control_character(hostile: Path, tmp_path: Path, lang: str) -> None:
    pytest.importorskip("matplotlib")
    page = report(hostile, "html", tmp_path / "report.html", lang).read_text("utf-8")
    assert_inert(page, "html")
    assert "&lt;b&gt;" in page and "<b>b" not in page
    assert "\\x1b" in page, "the hostile text is shown, escaped"


def test_docx_report_holds_no_control_character(hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    pytest.importorskip("matplotlib")
    path = report(hostile, "docx", tmp_path / "report.docx")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert_inert(xml, name)
                assert not XML_ILLEGAL.search(xml), name
                ET.fromstring(xml)


def formula_cells(path: Path) -> list[str]:
    """Cells holding a formula, read back with openpyxl and in the sheets' XML."""
    openpyxl = pytest.importorskip("openpyxl")
    found = []
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str)
                    and cell.value.startswith("=")
                    and cell.data_type != "s"
                ):
                    found.append(f"{sheet.title}!{cell.coordinate}")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if sheet and re.search(r"<f[ >]", archive.read(name).decode("utf-8")):
                found.append(name)
    return found


def texts(path: Path) -> list[str]:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_status_workbook_holds_no_formula(hostile: Path, tmp_path: Path, lang: str) -> None:
    path = report(hostile, "xlsx", tmp_path / "status.xlsx", lang)
    assert formula_cells(path) == []
    shown = [t for t in texts(path) if t.startswith("=HYPERLINK")]
    assert shown, "the document is written, as text"
    for text in texts(path):
        assert_inert(text, "xlsx")


def test_template_holds_no_formula(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    run_both(
        "template",
        "--unit",
        UNIT,
        "--period",
        "2025",
        "--data-dir",
        str(hostile),
        "--output",
        str(out),
    )
    assert formula_cells(out) == []
    assert any(t.startswith("=HYPERLINK") for t in texts(out)), "the target name, as text"
    for text in texts(out):
        assert_inert(text, "template")


def test_cell_writer_keeps_every_text_literal(tmp_path: Path) -> None:
    """The one writer of a cell: text stays text whatever its first character."""
    openpyxl = pytest.importorskip("openpyxl")
    from kh284.reports.xlsx_export import put

    book = openpyxl.Workbook()
    sheet = book.active
    values = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "#N/A", "plain", 3, 2.5, None]
    for row, value in enumerate(values, start=1):
        put(sheet.cell(row=row, column=1), value)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    assert formula_cells(path) == []
    back = openpyxl.load_workbook(path).active
    for row, value in enumerate(values, start=1):
        cell = back.cell(row=row, column=1)
        if isinstance(value, str):
            assert cell.data_type == "s"
            assert cell.value == value.replace("\t", "\\x09").replace("\r", "\\x0d")
            # Excel keeps it text when the cell is edited, too
            assert cell.quotePrefix == value.startswith(("=", "+", "-", "@"))
        else:
            assert cell.value == value


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a`b", "``a`b``"),
        ("`a", "`` `a ``"),
        ("a``", "``` a`` ```"),
        (" a ", "`  a  `"),
        ("a|b", "`a\\|b`"),
        ("a\nb\x1b", "`a\\x0ab\\x1b`"),
        ("", ""),
    ],
)
def test_code_spans_hold_any_text(text: str, shown: str) -> None:
    from kh284.render.markdown import code

    assert code(text) == shown


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("tot-nghiep-thpt", True),
        ("2025-07-15", True),
        ("Sở GD&ĐT", False),
        ("@someone", False),
        ("a_b_", False),
        ("*", False),
        ("https://e.com", False),
        ("www.e.com", False),
        ("GH-12", False),
        ("deadbeef", False),
        ("#12", False),
    ],
)
def test_message_arguments_are_plain_or_in_a_code_span(text: str, plain: bool) -> None:
    from kh284.render.markdown import code, quote

    assert quote(text) == (text if plain else code(text))


def test_message_templates_hold_nothing_markdown_acts_on() -> None:
    """``markdown.message`` keeps the templates' own words as written: they must be inert."""
    import string

    from kh284.diagnostics.catalogue import CATALOGUE
    from kh284.i18n import WORDS

    templates = [t for entry in CATALOGUE.values() for t in (entry.vi, entry.en)]
    for template in [*templates, *WORDS["common.did_you_mean"]]:
        for words, *_ in string.Formatter().parse(template):
            assert not set(words) & set("|`[]<>&@#~!\n"), template
            # a backslash escapes only punctuation: before a letter it is shown as it is
            assert not re.search(r"\\(?![A-Za-z0-9])", words), template
