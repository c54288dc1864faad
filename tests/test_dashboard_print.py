"""The dashboard printed: A4 portrait from chromium, as an official prints it (issue 22).

The demo's and the shipped data's dashboards, in both languages, are laid out for print
at the A4 text width and printed to PDF by chromium.  On paper every table fits the page
(no table is wider than the text, none scrolls), every column heading of every table is
in the PDF's text, no date is split across two lines, every page carries the running
header with its words spaced ("Kế hoạch số 284/KH-UBND", a CSS escape once swallowed the
space after it) and its page number, and the commands meant for analysts stay on screen.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, DEMO, run_both
from test_reports_html import Browser, _need_browser, pdf_pages

pytest.importorskip("matplotlib")

AS_OF = "2026-12-31"
#: The text width of the printed page in CSS pixels: A4 (210 mm) less the 11 mm margins.
A4_TEXT = round((210 - 2 * 11) / 25.4 * 96)
CASES = [(DEMO, "vi"), (DATA, "vi"), (DEMO, "en")]

PRINT_FACTS = """JSON.stringify({
  page: window.innerWidth,
  client: document.documentElement.clientWidth,
  tables: [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null)
    .map(t => ({cls: t.className, right: t.getBoundingClientRect().right,
                width: t.scrollWidth})),
  scrolls: [...document.querySelectorAll('.scroll')]
    .map(s => ({scroll: s.scrollWidth, client: s.clientWidth,
                overflow: getComputedStyle(s).overflowX})),
})"""


class Headings(HTMLParser):
    """The column headings of every table that prints (``.screen`` ones are not)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._th: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "th" and "screen" not in classes:
            self._th = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._th is not None:
            self.found.append("".join(self._th))
            self._th = None

    def handle_data(self, data: str) -> None:
        if self._th is not None:
            self._th.append(data)


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0].name}-{c[1]}")
def printed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    data_dir, lang = request.param
    out = tmp_path_factory.mktemp("print") / "bao-cao.html"
    run_both(
        "report",
        "--data-dir",
        str(data_dir),
        "--as-of",
        AS_OF,
        "--lang",
        lang,
        "--format",
        "html",
        "--output",
        str(out),
        code=None,
    )
    browser = Browser(_need_browser(), tmp_path_factory.mktemp("profile"))
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.call("Page.enable", session)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=A4_TEXT,
            height=1100,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.call("Emulation.setEmulatedMedia", session, media="print")
        browser.call("Page.navigate", session, url=out.as_uri())
        browser.wait_for("Page.loadEventFired")
        facts = browser.call(
            "Runtime.evaluate", session, expression=PRINT_FACTS, returnByValue=True
        )["result"]["value"]
        pdf = browser.call("Page.printToPDF", session, preferCSSPageSize=True)["data"]
    finally:
        browser.close()
    plan = yaml.safe_load((Path(data_dir) / "plan.yaml").read_text(encoding="utf-8"))
    return {
        "html": out.read_text(encoding="utf-8"),
        "facts": json.loads(facts),
        "pages": pdf_pages(base64.b64decode(pdf)),
        "lang": lang,
        "number": str(plan["number"]),
    }


def _squeeze(text: str) -> str:
    """``text`` without white space, its ligatures (``ﬁ``) undone."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_every_table_fits_the_printed_page(printed: dict[str, Any]) -> None:
    facts = printed["facts"]
    assert facts["page"] == A4_TEXT
    assert facts["tables"], "no table laid out"
    for table in facts["tables"]:
        assert table["right"] <= facts["client"] + 1, table
    for box in facts["scrolls"]:
        assert box["scroll"] <= box["client"] + 1, box
        assert box["overflow"] == "visible", box  # never a printed scrollbar


def test_every_column_heading_is_printed(printed: dict[str, Any]) -> None:
    parser = Headings()
    parser.feed(printed["html"])
    assert len(parser.found) >= 20
    text = _squeeze("".join(printed["pages"]))
    missing = [h for h in parser.found if _squeeze(h) not in text]
    assert missing == []


#: The end of a text run that stops inside a date (``10/06/202`` then ``6``).
CUT_DATE = re.compile(r"(?<![\d/])\d{1,2}/(?:\d{1,2}(?:/\d{0,3})?)?\n[\d/]")


def test_no_date_is_split_across_lines(printed: dict[str, Any]) -> None:
    # each line of the PDF is its own text run: a date cut by a line break ends one run
    dates = set(re.findall(r"\b\d{2}/\d{2}/\d{4}\b", printed["html"]))
    assert dates
    for number, text in enumerate(printed["pages"], start=1):
        assert not CUT_DATE.search(text), (number, CUT_DATE.search(text))
    runs = {run for page in printed["pages"] for run in page.split("\n")}
    whole = {d for d in dates if any(d in run for run in runs)}
    assert whole == {d for d in dates if d in _squeeze("".join(printed["pages"]))}


def test_running_header_keeps_its_spaces_on_every_page(printed: dict[str, Any]) -> None:
    pages, number = printed["pages"], printed["number"]
    assert len(pages) >= 2
    plan = f"Kế hoạch số {number}" if printed["lang"] == "vi" else f"Plan {number}"
    as_of = "31/12/2026"
    for n, text in enumerate(pages, start=1):
        header = text.split("\n", 1)[0]
        assert plan in header and as_of in header, (n, header)
        page = "Trang" if printed["lang"] == "vi" else "Page"
        assert _squeeze(f"{page} {n} / {len(pages)}") in _squeeze(text), n


def test_commands_stay_on_screen(printed: dict[str, Any]) -> None:
    assert "kh284 template" in printed["html"] or "kh284&#x27;" in printed["html"]
    assert "kh284template" not in _squeeze("".join(printed["pages"]))
