"""Every case of the YAML test suite through both YAML loaders: one reading of YAML.

The suite (``tests/data/yaml-test-suite/cases.json``, MIT licence, source in
``tests/data/README.md``) says of each text whether it is YAML and, for most valid ones,
what it holds as JSON.  The checks:

* the fast path (the line reader, then libyaml) and the exact loader never disagree:
  whenever the fast path reads a text, the exact loader reads the same data from it, and
  the fast path reads no text the suite calls an error;
* the exact loader reads every valid text, or refuses it for one of kh284's own rules
  (several documents, tags, complex keys...), never with Y102: a tab is refused only in
  indentation, and Y102 points at such a tab;
* what it reads is what the suite's JSON holds;
* it refuses every text the suite calls an error.

What the exact loader still gets wrong is listed below, case by case, and pinned: a case
that starts to pass must leave its list.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from kh284.load.exact import load_text
from kh284.load.fast import fast_load

SUITE = Path(__file__).resolve().parent / "data" / "yaml-test-suite" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(SUITE.read_text(encoding="utf-8"))
VALID = [case for case in CASES if not case["error"]]
ERRORS = [case for case in CASES if case["error"]]

#: kh284's own rules, stricter than YAML on purpose (docs/DATA-FORMAT.md): duplicate keys,
#: empty files, several documents, tags, complex keys, control characters, YAML 1.1.
DELIBERATE = {"Y103", "Y104", "Y105", "Y110", "Y111", "Y123", "Y125", "Y126"}

#: Valid YAML the exact loader (ruamel's parser) refuses as Y101: flow collections over
#: lines and implicit keys in flow (4MUZ, 5MUD, 9MMW, 9SA2, CFD4, K3WX, NJ66, VJP3),
#: documents ended or begun by markers, each kh284 would refuse as Y105 anyway (HWV9,
#: M7A3, QT73, UT92), a tag right before a ``,`` in flow (WZ62).  The fast path gives up
#: on all of them.
EXACT_REFUSES_VALID = {
    "4MUZ/00", "4MUZ/01", "4MUZ/02", "5MUD", "9MMW", "9SA2", "CFD4", "HWV9", "K3WX",
    "M7A3", "NJ66", "QT73", "UT92", "VJP3/01", "WZ62",
}  # fmt: skip
#: Invalid YAML the exact loader reads: continuation lines of a flow collection or of a
#: quoted text not indented under their block (9C9N, QB6E, DK95/01, Y79Y/003).
EXACT_ACCEPTS_ERROR = {"9C9N", "QB6E", "DK95/01", "Y79Y/003"}
#: Valid YAML the exact loader reads with another value than the suite's JSON: a plain
#: text starting with ``?`` in flow (652Z, HM87/01), block scalars' trailing lines (JEF9/02,
#: L24T/01).
EXACT_READS_OTHERWISE = {"652Z", "HM87/01", "JEF9/02", "L24T/01"}


def _id(case: dict[str, Any]) -> str:
    return str(case["id"])


def same(a: Any, b: Any) -> bool:
    """Equal values and types (keys in any order; NaN equals NaN)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return type(a) is type(b) or (not isinstance(a, bool) and not isinstance(b, bool))
    return type(a) is type(b) and a == b


def test_the_suite_is_all_there() -> None:
    ids = [_id(case) for case in CASES]
    assert len(ids) == len(set(ids)) == 402
    assert sum(case["error"] for case in CASES) == 94
    pinned = EXACT_REFUSES_VALID | EXACT_ACCEPTS_ERROR | EXACT_READS_OTHERWISE
    assert pinned <= set(ids)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_fast_and_exact_loaders_agree(case: dict[str, Any]) -> None:
    text = case["yaml"]
    fast = fast_load(text)
    if fast is None:
        return  # the exact loader decides alone
    assert not case["error"], "the fast path read a text the YAML test suite calls an error"
    document, problems = load_text(text, "t.yaml")
    assert document is not None, f"the fast path read a text the exact loader refuses: {problems}"
    assert same(fast, document.data) and type(fast) is type(document.data)


@pytest.mark.parametrize("case", VALID, ids=_id)
def test_the_exact_loader_reads_valid_yaml(case: dict[str, Any]) -> None:
    document, problems = load_text(case["yaml"], "t.yaml")
    codes = {p.code for p in problems}
    assert "Y102" not in codes, "a tab outside indentation refused as indentation"
    if _id(case) in EXACT_REFUSES_VALID:
        assert "Y101" in codes, "a known refusal changed: update EXACT_REFUSES_VALID"
        return
    assert codes <= DELIBERATE, [str(p) for p in problems]
    if document is None or "json" not in case:
        return
    if _id(case) in EXACT_READS_OTHERWISE:
        assert not same(document.data, case["json"]), "fixed: leave EXACT_READS_OTHERWISE"
    else:
        assert same(document.data, case["json"])


@pytest.mark.parametrize("case", ERRORS, ids=_id)
def test_the_exact_loader_refuses_invalid_yaml(case: dict[str, Any]) -> None:
    document, _ = load_text(case["yaml"], "t.yaml")
    if _id(case) in EXACT_ACCEPTS_ERROR:
        assert document is not None, "fixed: leave EXACT_ACCEPTS_ERROR"
    else:
        assert document is None


#: What may stand before a tab in a line's indentation: spaces, tabs, block indicators.
_INDENTATION = re.compile(r"(?:[ \t]|[-?:](?=[ \t]))*")


@pytest.mark.parametrize("case", [c for c in CASES if "\t" in c["yaml"]], ids=_id)
def test_y102_points_at_a_tab_in_indentation(case: dict[str, Any]) -> None:
    _, problems = load_text(case["yaml"], "t.yaml")
    lines = case["yaml"].split("\n")
    for problem in problems:
        if problem.code != "Y102":
            continue
        line = lines[problem.location.line - 1]
        column = problem.location.column - 1
        assert line[column] == "\t", problem
        assert _INDENTATION.fullmatch(line, 0, column + 1), problem


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("note: a\tb\n", {"note": "a\tb"}),
        ("a:\t1\n", {"a": 1}),
        ("a: 1\t# a comment\n", {"a": 1}),
        ("a:\n  - x\t\n  -\ty\n", {"a": ["x", "y"]}),
        ("a: |\n  x\n  \ty\n", {"a": "x\n\ty\n"}),
        ("a: [1,\t2]\n", {"a": [1, 2]}),
    ],
)
def test_tabs_outside_indentation_follow_yaml(text: str, data: Any) -> None:
    document, problems = load_text(text, "t.yaml")
    assert not problems and document is not None and same(document.data, data)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a:\n\tb: 1\n", 2, 1),
        ("a:\n  b: 1\n \tc: 2\n", 3, 2),
        ("a:\n\t- 1\n", 2, 1),
        ("-\t- 1\n", 1, 2),
        ("a: |\n  x\n\t\n  y\n", 3, 1),
    ],
)
def test_a_tab_in_indentation_is_y102_at_the_tab(text: str, line: int, column: int) -> None:
    _, problems = load_text(text, "t.yaml")
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("Y102", line, column)
    ]


@pytest.mark.parametrize("other", ["", "x: &a 1\n", "x: [1, 2]\n"])
def test_a_non_specific_tag_is_read_alike_in_every_file(other: str) -> None:
    """``! 97.4`` is the text "97.4" (YAML 6.9.1), whatever else the file holds."""
    text = "value: ! 97.4\n" + other
    document, problems = load_text(text, "t.yaml")
    assert not problems and document is not None and document.data["value"] == "97.4"
    fast = fast_load(text)
    assert fast is None or fast["value"] == "97.4"
