"""The clients CI and editors use read kh284's SARIF and JUnit without a complaint (issue 24).

SARIF is checked against the official 2.1.0 schema (``tests/data/schemas``) and against the
rules of Microsoft's SARIF multitool that GitHub code scanning applies (``validate
--rule-kind "Sarif;Ghas"``; the multitool itself is a .NET program fetched from a package
registry, so it is run by hand, see docs/OUTPUT.md, and its rules are written out here):

- SARIF1002: every ``artifactLocation.uri`` is a valid URI reference, from a folder named
  ``dữ liệu Bắc Kạn`` and a file named ``a b#c%zz?q.yaml`` too;
- GH2012 (GitHub requires it): every rule has ``help``;
- SARIF1005/SARIF2005: ``informationUri`` and ``helpUri`` are absolute and real, or absent;
- no ``fullDescription`` shows an unfilled ``{template}``;
- SARIF1009/SARIF1010: ``ruleIndex`` and ``ruleId`` agree with the rules;
- GH1001/GH1003/GH1007: a location with a line on every result, a message with text;
- ``partialFingerprints``: the same from run to run, when lines move and on another day.

JUnit is validated against junit-10.xsd, the schema Jenkins' xUnit plugin and pytest's own
tests use (``tests/data/schemas/junit-10.xsd``, with lxml).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest
from lxml import etree

from conftest import DEMO, ROOT, run_both
from kh284.diagnostics.catalogue import CATALOGUE
from kh284.render import sarif

SCHEMAS = ROOT / "tests" / "data" / "schemas"
AS_OF = "2026-12-31"
FOLDER = "dữ liệu Bắc Kạn"
#: A report whose name holds what a URI must encode: a space, ``#``, ``%`` and ``?``.
ODD_NAME = "a b#c%zz?q.yaml"
#: RFC 3986: a relative reference's path (pchar and "/"): nothing else may stand as it is.
_URI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*")


def _odd_data(root: Path) -> Path:
    """The demo under ``root/dữ liệu Bắc Kạn``, with a report named ``ODD_NAME``.

    The report is the demo's figures for 2026 with an unknown unit and target (so it has
    findings of its own); invented data, like the demo.
    """
    data = root / FOLDER
    shutil.copytree(DEMO, data)
    report = data / "progress" / "2026" / "so-gddt-chi-tieu-2026.yaml"
    text = report.read_text(encoding="utf-8")
    text = text.replace("unit: so-gddt\n", "unit: so-khong-co\n", 1)
    text = text.replace("target: nha-tre-huy-dong\n", "target: khong-co-chi-tieu-nay\n", 1)
    (report.parent / ODD_NAME).write_text(text, encoding="utf-8")
    return data


def _sarif(*args: str, code: int = 1) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(run_both(*args, "--format", "sarif", code=code)[0])
    return log


def _check_sarif(log: dict[str, Any]) -> None:
    """The rules of the multitool and of GitHub that kh284's SARIF must pass."""
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    anchors = set(re.findall(r'<a id="([a-z0-9]+)"></a>', _codes_md()))
    for uri in [driver.get("informationUri")] + [r.get("helpUri") for r in driver["rules"]]:
        assert uri is None or _real(uri), uri
    for index, rule in enumerate(driver["rules"]):
        assert rule["help"]["text"].startswith(f"{rule['id']}: "), rule  # GH2012
        assert f"docs/CODES.md#{sarif.anchor(rule['id'])}" in rule["help"]["text"]
        assert sarif.anchor(rule["id"]) in anchors
        for text in (rule["fullDescription"]["text"], rule["help"]["text"]):
            assert not re.search(r"\{\w*\}", text), rule  # no unfilled template
        assert rule["shortDescription"]["text"]
        assert index == [r["id"] for r in driver["rules"]].index(rule["id"])
    fingerprints = []
    for result in run["results"]:
        rule = driver["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]  # SARIF1009, SARIF1010
        assert result["message"]["text"]  # GH1007
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["region"]["startLine"] >= 1  # GH1001, GH1003
        uri = physical["artifactLocation"]["uri"]
        assert _URI_PATH.fullmatch(uri), uri  # SARIF1002
        assert ":" not in uri.split("/")[0], uri  # not a scheme
        fingerprints.append(result["partialFingerprints"][sarif.FINGERPRINT])
    assert len(set(fingerprints)) == len(fingerprints)


def _real(uri: str) -> bool:
    host = re.match(r"https://([^/]+)/", uri)
    return host is not None and not re.search(r"(^|\.)(invalid|test|example|localhost)$", host[1])


def _codes_md() -> str:
    return (ROOT / "docs" / "CODES.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# -- SARIF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", ["validate", "check"])
def test_sarif_of_the_demo_passes_the_github_rules(command: str, lang: str) -> None:
    log = _sarif(command, "--data-dir", "examples/demo", "--as-of", AS_OF, "--lang", lang,
                 "--show-waived", code=1 if command == "check" else 0)  # fmt: skip
    _check_sarif(log)
    run = log["runs"][0]
    assert "informationUri" not in run["tool"]["driver"]  # kh284 has no public home yet
    assert len(run["tool"]["driver"]["rules"]) == len(CATALOGUE)
    assert any(r.get("suppressions") for r in run["results"])


def test_sarif_uris_from_a_folder_with_spaces_and_vietnamese_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _odd_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ("check", "--data-dir", FOLDER, "--as-of", AS_OF, "--show-waived")
    log = _sarif(*args)
    _check_sarif(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    folder = "d%E1%BB%AF%20li%E1%BB%87u%20B%E1%BA%AFc%20K%E1%BA%A1n"
    odd = f"{folder}/progress/2026/a%20b%23c%25zz%3Fq.yaml"
    assert odd in uris
    # decoded, they are the very files the JSON names
    data = json.loads(run_both(*args, "--format", "json", code=1)[0])
    files = {d["file"] for d in data["diagnostics"] + data["waived"]}
    assert {unquote_to_bytes(u).decode("utf-8") for u in uris} == files


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("data/plan.yaml", "data/plan.yaml"),
        ("dữ liệu/a b#c%zz?q.yaml", "d%E1%BB%AF%20li%E1%BB%87u/a%20b%23c%25zz%3Fq.yaml"),
        ("a:b/c.yaml", "a%3Ab/c.yaml"),  # a colon would make the first segment a scheme
        ("../up/@x,y.yaml", "../up/@x,y.yaml"),
        ("/srv/dữ liệu/plan.yaml", "file:///srv/d%E1%BB%AF%20li%E1%BB%87u/plan.yaml"),
        ("C:/Dữ liệu/plan.yaml", "file:///C:/D%E1%BB%AF%20li%E1%BB%87u/plan.yaml"),
        ("//server/share/plan.yaml", "file://server/share/plan.yaml"),
        ("tệp\udce1.yaml", "t%E1%BB%87p%E1.yaml"),  # a byte of a name that was not UTF-8
    ],
)
def test_a_path_becomes_a_uri_reference(shown: str, expected: str) -> None:
    class Shown:
        def unescaped_path(self, file: str) -> str:
            return file

    assert sarif.uri(Shown(), shown) == expected  # type: ignore[arg-type]


def test_help_and_information_uris_come_only_from_real_project_urls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ("validate", "--data-dir", "examples/demo", "--as-of", AS_OF)
    driver = _sarif(*args, code=0)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert not any("helpUri" in r for r in driver["rules"])
    codes = "https://kh284.gov.vn/docs/CODES.md"
    pages = {"homepage": "https://kh284.gov.vn/", "codes": codes}
    monkeypatch.setattr(sarif, "project_pages", lambda: pages)
    log = _sarif(*args, code=0)
    _check_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://kh284.gov.vn/"
    assert {r["helpUri"] for r in driver["rules"]} == {
        f"{codes}#{code.lower()}" for code in CATALOGUE
    }


def test_project_pages_take_only_absolute_web_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    class Meta:
        def get_all(self, name: str) -> list[str]:
            assert name == "Project-URL"
            return [
                "Homepage, https://example.org/kh284",
                "Codes, docs/CODES.md",
                "Issues, mailto:someone@example.org",
            ]

    monkeypatch.setattr(metadata, "metadata", lambda name: Meta())
    assert sarif.project_pages() == {"homepage": "https://example.org/kh284"}

    def missing(name: str) -> None:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "metadata", missing)
    assert sarif.project_pages() == {}


def test_every_rule_description_reads_without_template_fields() -> None:
    for code in CATALOGUE:
        for lang in ("vi", "en"):
            text = sarif.description(code, lang)
            assert "{" not in text and "}" not in text, (code, text)
    assert sarif.description("D501", "en") == "Numerator … is above the denominator …"


def _fingerprints(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
    return {
        r["partialFingerprints"][sarif.FINGERPRINT]: (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in log["runs"][0]["results"]
    }


def test_fingerprints_hold_from_run_to_run_when_lines_move_and_on_another_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    monkeypatch.chdir(tmp_path)
    args = ("check", "--data-dir", "data", "--as-of", AS_OF, "--show-waived")
    first = _fingerprints(_sarif(*args))
    assert _fingerprints(_sarif(*args, "--no-cache")) == first
    assert {code for code, _ in first.values()} >= {"K701", "T601", "P402"}
    # two lines on top of every file: every finding moves down by two, and keeps its print
    for path in data.rglob("*.yaml"):
        path.write_text("# moved\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    moved = _fingerprints(_sarif(*args))
    assert moved.keys() == first.keys()
    assert all(moved[key][1] == line + 2 for key, (_, line) in first.items())
    # two months on: a task overdue then is overdue by more days now, the same finding
    later = _fingerprints(_sarif(*args[:4], "2027-03-01", "--show-waived"))
    assert first.keys() <= later.keys()
    # and findings alike in all but what moves are told apart (their order)
    assert len(later) == len(_sarif(*args[:4], "2027-03-01", "--show-waived")["runs"][0]["results"])


# -- JUnit ------------------------------------------------------------------------------------


def _junit(*args: str, code: int) -> etree._Element:
    out = run_both(*args, "--format", "junit", code=code)[0]
    document = etree.fromstring(out.encode("utf-8"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))
    assert schema.validate(document), schema.error_log
    return document


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("validate", "--data-dir", "examples/demo", "--as-of", AS_OF), 0),
        (("check", "--data-dir", "examples/demo", "--as-of", AS_OF), 1),
        (("check", "--data-dir", "examples/demo", "--as-of", AS_OF, "--fail-on", "warning"), 1),
        (("check", "--data-dir", "tests/golden/data", "--as-of", "2026-06-30", "-v"), 1),
        (("tasks", "--data-dir", "examples/demo", "--as-of", AS_OF), 1),
    ],
)
def test_junit_is_valid_against_junit_10_xsd_and_counts_what_it_holds(
    args: tuple[str, ...], code: int
) -> None:
    root = _junit(*args, code=code)
    for suite in root:
        cases = suite.findall("testcase")
        failed = [c for c in cases if c.find("failure") is not None]
        assert all(len(c.findall("failure")) == 1 for c in failed)  # one per failed case
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(failed) == len(suite.findall("*/failure"))
        assert suite.get("errors") == "0"
    for count in ("tests", "failures", "errors"):
        assert int(root.get(count)) == sum(int(s.get(count)) for s in root)


def test_a_case_with_several_findings_fails_once_and_names_them_all() -> None:
    args = ("validate", "--data-dir", "examples/demo", "--as-of", AS_OF, "--fail-on", "warning")
    root = _junit(*args, code=1)
    plan = next(c for c in root.iter("testcase") if c.get("name") == "examples/demo/plan.yaml")
    [failure] = plan.findall("failure")
    data = json.loads(run_both(*args, "--format", "json", code=1)[0])
    found = [d for d in data["diagnostics"] if d["file"] == "examples/demo/plan.yaml"]
    assert len(found) > 1
    lines = (failure.text or "").splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{d['file']}:{d['line']}:{d['column']}" for d in found
    ]
    assert failure.get("type") == " ".join(dict.fromkeys(d["code"] for d in found))
    assert failure.get("message") == "; ".join(d["message"] for d in found)


# -- pytest says why a test skipped -----------------------------------------------------------


def test_pytest_shows_why_a_test_skipped(tmp_path: Path) -> None:
    test = tmp_path / "test_skips.py"
    test.write_text(
        "import pytest\n\ndef test_x():\n    pytest.skip('needs a thing kh284 lacks')\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), str(test),
         "-p", "no:cacheprovider", "--rootdir", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "SKIPPED [1]" in done.stdout and "needs a thing kh284 lacks" in done.stdout


def test_codes_md_has_one_anchor_per_code() -> None:
    anchors = Counter(re.findall(r'<a id="([a-z0-9]+)"></a>', _codes_md()))
    assert set(anchors) == {sarif.anchor(code) for code in CATALOGUE}
    assert set(anchors.values()) == {1}
