"""The HTML dashboard, opened in a real headless browser.

The browser is Debian's ``chromium`` (``.ci/run`` installs it under CI), driven over the
Chrome DevTools Protocol with ``websocket-client``: the test records every network request
and console message of the page, reads the DOM, prints to PDF and takes a screenshot.
Elsewhere, without chromium, the browser tests skip and say why; under ``CI=true`` they
fail instead.  Regenerate ``docs/dashboard.png`` with ``KH284_REGEN_DOCS=1``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, ROOT, run_both, run_json

pytest.importorskip("matplotlib")

AS_OF = "2026-12-31"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-port=0",
]
TIMEOUT = 60.0


def _need_browser() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run installs it under CI")
        pytest.skip("the browser test needs Debian's chromium (apt-get install chromium)")
    if os.environ.get("CI") != "true":
        pytest.importorskip("websocket", reason="the browser test needs websocket-client")
    return CHROMIUM


class Browser:
    """A headless chromium with a fresh profile, spoken to over the DevTools protocol."""

    def __init__(self, executable: str, profile: Path) -> None:
        import websocket

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port, path = self._endpoint(profile / "DevToolsActivePort")
        self.socket = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=TIMEOUT, suppress_origin=True
        )
        self.last_id = 0
        self.events: list[dict[str, Any]] = []

    def _endpoint(self, port_file: Path) -> tuple[str, str]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            lines = port_file.read_text().split() if port_file.exists() else []
            if len(lines) >= 2:
                return lines[0], lines[1]
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer, keeping events that arrive meanwhile."""
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            data = json.loads(self.socket.recv())
            if data.get("id") == self.last_id:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                result: dict[str, Any] = data.get("result", {})
                return result
            self.events.append(data)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The first event ``method`` (already received or arriving within the timeout)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(json.loads(self.socket.recv()))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        self.socket.close()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "bao-cao.html"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        AS_OF,
        "--format",
        "html",
        "--output",
        str(out),
        code=1,
    )
    return out


@pytest.fixture(scope="module")
def check_json() -> Any:
    return run_json("check", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)


@pytest.fixture(scope="module")
def page(dashboard: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Load the dashboard once: the DOM facts, the requests, the console, a screenshot."""
    browser = Browser(_need_browser(), tmp_path_factory.mktemp("profile"))
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.call(f"{domain}.enable", session)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=1280,
            height=1700,
            deviceScaleFactor=1,
            mobile=False,
        )
        url = dashboard.as_uri()
        browser.call("Page.navigate", session, url=url)
        browser.wait_for("Page.loadEventFired")
        facts = browser.call("Runtime.evaluate", session, expression=DOM_FACTS, returnByValue=True)[
            "result"
        ]["value"]
        shot = browser.call("Page.captureScreenshot", session, format="png")["data"]
        pdf = browser.call("Page.printToPDF", session, preferCSSPageSize=True)["data"]
        return {
            "url": url,
            "facts": json.loads(facts),
            "events": list(browser.events),
            "screenshot": base64.b64decode(shot),
            "pdf": base64.b64decode(pdf),
        }
    finally:
        browser.close()


DOM_FACTS = """JSON.stringify({
  charts: [...document.querySelectorAll('figure.chart')].map(f => f.dataset.target),
  svgs: document.querySelectorAll('figure.chart svg').length,
  headline: Object.fromEntries([...document.querySelectorAll('#headline [data-key]')]
    .map(e => [e.dataset.key, e.dataset.value])),
  statuses: Object.fromEntries([...document.querySelectorAll('#target-status [data-status]')]
    .map(e => [e.dataset.status, Number(e.dataset.count)])),
  tasks: [...document.querySelectorAll('table.tasks tr.task')].map(r => r.dataset.status),
  taskColours: Object.fromEntries([...document.querySelectorAll('table.tasks td.status')]
    .map(td => [td.parentElement.dataset.status, getComputedStyle(td).borderLeftColor])),
  resources: performance.getEntriesByType('resource').length,
  title: document.title,
})"""


def test_dashboard_makes_no_request_at_all(page: dict[str, Any]) -> None:
    requests = [
        e["params"]["request"]["url"]
        for e in page["events"]
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert [u for u in requests if u != page["url"]] == []
    assert page["facts"]["resources"] == 0


def test_dashboard_has_no_console_errors(page: dict[str, Any]) -> None:
    problems = [
        e
        for e in page["events"]
        if e.get("method") == "Runtime.exceptionThrown"
        or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error")
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]
    assert problems == []


def test_one_chart_per_target_with_data(page: dict[str, Any], check_json: Any) -> None:
    with_data = [t["id"] for t in check_json["targets"] if t["history"]]
    assert sorted(page["facts"]["charts"]) == sorted(with_data)
    assert page["facts"]["svgs"] == len(with_data)


def test_headline_numbers_equal_check_json(page: dict[str, Any], check_json: Any) -> None:
    headline = page["facts"]["headline"]
    for key, value in check_json["headline"].items():
        assert json.loads(headline[key]) == value, key
    expected = {s: check_json["summary"]["targets"].get(s, 0) for s in page["facts"]["statuses"]}
    assert page["facts"]["statuses"] == expected
    assert page["facts"]["tasks"] == [t["status"] for t in check_json["tasks"]]


def test_task_rows_are_coloured_by_status(page: dict[str, Any]) -> None:
    colours = page["facts"]["taskColours"]
    assert colours["done_on_time"] == "rgb(46, 125, 50)"  # green
    assert colours["in_progress"] == "rgb(21, 101, 192)"  # blue
    assert colours["done_late"] == "rgb(239, 108, 0)"  # orange
    assert colours["overdue"] == "rgb(198, 40, 40)"  # red
    assert colours["not_due"] == "rgb(141, 141, 141)"  # grey


def test_screenshot_and_a4_print(page: dict[str, Any]) -> None:
    shot = page["screenshot"]
    assert shot.startswith(b"\x89PNG\r\n\x1a\n") and len(shot) > 20_000
    if os.environ.get("KH284_REGEN_DOCS"):
        (ROOT / "docs" / "dashboard.png").write_bytes(shot)
    pdf = page["pdf"]
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no page size in the printed PDF"
    for width, height in boxes:  # A4 is 595 x 842 points
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2


# -- the file itself (no browser) ----------------------------------------------------------


def test_html_is_self_contained(dashboard: Path) -> None:
    text = dashboard.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<script" not in text.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//|file:)""", text, re.I)
    assert "@import" not in text and "url(http" not in text and "@font-face" not in text
    assert "default-src 'none'" in text
    assert "@page { size: A4" in text
    assert text.count("<svg") == text.count("</svg>") > 0


def test_user_text_is_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    report = data / "progress" / "2026" / "so-gddt-chi-tieu-2026.yaml"
    text = report.read_text(encoding="utf-8")
    text = re.sub(
        r'^document: ".*"$',
        'document: "<script>alert(1)</script> & <b>"',
        text,
        count=1,
        flags=re.M,
    )
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "x.html"
    run_both("report", "--data-dir", str(data), "--as-of", AS_OF, "--output", str(out), code=None)
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page


def test_english_labels(tmp_path: Path) -> None:
    out, _ = run_both("report", "--data-dir", str(DEMO), "--as-of", AS_OF, "--lang", "en", code=1)
    assert '<html lang="en">' in out
    assert "Completion of tasks already due" in out and "Done on time" in out


def test_report_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("keep", encoding="utf-8")
    _, err = run_both("report", "--data-dir", str(DEMO), "--as-of", AS_OF, "-o", str(out), code=2)
    assert "--force" in err and out.read_text(encoding="utf-8") == "keep"


def test_binary_formats_need_output() -> None:
    _, err = run_both("report", "--data-dir", str(DEMO), "--format", "xlsx", code=2)
    assert "--output" in err


def test_report_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    _, err = run_both("report", "--data-dir", str(DEMO), "--lang", "en", code=2)
    assert "matplotlib" in err and "pip install 'kh284[reports]'" in err
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    _, err = run_both(
        "template", "--unit", "so-gddt", "--period", "2027", "--data-dir", str(DEMO), code=2
    )
    assert "openpyxl" in err and "kh284[reports]" in err


def test_check_and_version_do_not_load_the_extra() -> None:
    code = (
        "import sys\n"
        "from kh284.cli.app import run_app as main\n"
        "for argv in (['--version'], ['check', '--data-dir', sys.argv[1], '-q']):\n"
        "    sys.argv = ['kh284', *argv]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'matplotlib', 'openpyxl', 'docx', 'kh284.reports'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(DEMO)], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
