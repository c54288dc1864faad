"""Property tests: whatever the bytes, ``validate`` returns 0, 1 or 2, never a traceback.

Four families of inputs:

* arbitrary bytes, and text built from YAML's own tokens (keys, ``:``, ``-``, brackets,
  anchors, aliases, tags, quotes, tabs, line breaks, BOMs, Vietnamese letters in NFC and
  NFD), written as a progress report or in place of one of the four core files;
* well-formed files (the test-case base, the real report under data/) with random
  mutations: a line deleted, duplicated, swapped, re-indented or cut, a value replaced by
  one of another type, garbage inserted;
* random data dumped by a YAML library and read back: the loader must give the same data
  (the round trip covers flow and block styles, quoting, escapes and shared subtrees,
  which the dumper writes as anchors and aliases);
* the loader alone on any text: it never raises and its positions are within the text.

Example counts are modest by default.  ``KH284_FUZZ_EXAMPLES=N`` runs N examples per test
(the README's "Fuzzing" section records a long campaign).
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from casekit import BASE_DIR, DEFAULT_AS_OF
from conftest import DATA
from kh284.cli.app import app
from kh284.load.exact import FORBIDDEN_CHARACTER, load_text

EXAMPLES = int(os.environ.get("KH284_FUZZ_EXAMPLES", "0"))


def fuzz_settings(default: int) -> Any:
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


CORE_FILES = ("plan.yaml", "units.yaml", "targets.yaml", "events.yaml")
REPORT = "progress/2025/so-gd.yaml"
TARGETS = (REPORT, "progress/2025/fuzz.yaml", *CORE_FILES)


def validate(files: dict[str, bytes]) -> tuple[int, str]:
    """``kh284 validate --format json`` on the base with ``files`` replaced or added."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(BASE_DIR, data_dir)
        for rel, content in files.items():
            path = data_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        args = ["validate", "--data-dir", str(data_dir), "--as-of", DEFAULT_AS_OF.isoformat()]
        result = CliRunner().invoke(
            app, [*args, "--format", "json", "--lang", "en"], catch_exceptions=False
        )
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), output
    assert "Traceback" not in output
    assert "X901" not in output, output
    if result.exit_code in (0, 1):
        report = json.loads(result.stdout)
        for diag in report["diagnostics"]:
            assert diag["line"] is None or diag["line"] >= 1, diag
            assert diag["column"] is None or diag["column"] >= 1, diag
    return result.exit_code, output


# -- YAML-ish text --------------------------------------------------------------------------

VIETNAMESE = "Sở Giáo dục và Đào tạo Bắc Kạn ươ ỹ Ủy ban nhân dân tỉnh"
TOKENS = [
    "unit",
    "period",
    "reported_on",
    "indicators",
    "tasks",
    "target",
    "value",
    "status",
    "so-gd",
    "tot-nghiep-thpt",
    "PL-01",
    "done",
    "2025",
    "2025-12-15",
    "31/02/2026",
    "97,4",
    "1e3",
    "08",
    ".nan",
    "-.inf",
    "no",
    "yes",
    "on",
    "true",
    "null",
    "~",
    ":",
    ": ",
    "- ",
    "-",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!python/object ",
    "!x ",
    "!<tag:x> ",
    "|",
    ">-",
    "'",
    '"',
    "\\",
    "#",
    " #c",
    "\t",
    " ",
    "  ",
    "    ",
    "\n",
    "\r\n",
    "\r",
    "---",
    "...",
    "%YAML 1.2",
    "%TAG ! tag:x,2000:",
    "\ufeff",
    "\x00",
    "\x07",
    "\x85",
    "\u2028",
    VIETNAMESE,
    unicodedata.normalize("NFD", VIETNAMESE),
    "\u0301",
    "😀",
]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])


@fuzz_settings(150)
@given(content=st.binary(max_size=3000), target=st.sampled_from(TARGETS))
def test_arbitrary_bytes(content: bytes, target: str) -> None:
    validate({target: content})


@fuzz_settings(200)
@given(text=yamlish, target=st.sampled_from(TARGETS), encoding=encodings)
def test_yamlish_text(text: str, target: str, encoding: str) -> None:
    validate({target: text.encode(encoding, errors="replace")})


# -- mutations of well-formed files ---------------------------------------------------------

SOURCES = {
    REPORT: (BASE_DIR / REPORT).read_text("utf-8"),
    "progress/2025/real.yaml": next((DATA / "progress").rglob("*.yaml")).read_text("utf-8"),
    **{name: (BASE_DIR / name).read_text("utf-8") for name in CORE_FILES},
}
VALUES = [
    "",
    "~",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "true",
    "no",
    "0",
    "-1",
    "1e999",
    "-.inf",
    ".nan",
    "'97,4'",
    "97,4",
    '"1.234,5"',
    "2025-13-45",
    "31/02/2026",
    "9999-01-01",
    "1066",
    "08",
    "9" * 5000,
    "' so-gd '",
    "SO-GD",
    "pl-01",
    "*a",
    "&a x",
    "!!binary aGk=",
    "!!python/none ''",
    "|\n  block",
    '"\\x07"',
    '"unterminated',
    "[",
    "{",
    "x" * 300,
    "\t",
    "Sở",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A well-formed file and 1-5 random edits of it."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[name].split("\n")
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "value", "indent", "insert", "cut", "char"]
            )
        )
        line = lines[i]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(VALUES))}"
        elif kind == "indent":
            change = draw(st.sampled_from(["", " ", "  ", "    ", "\t", "- "]))
            lines[i] = change + line if draw(st.booleans()) else line.lstrip()
        elif kind == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(TOKENS)) + line[at:]
        elif kind == "cut":
            lines = lines[:i]
        else:
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.characters()) + line[at:]
    return name, "\n".join(lines)


@fuzz_settings(200)
@given(case=mutated())
def test_mutated_files(case: tuple[str, str]) -> None:
    name, text = case
    validate({name: text.encode("utf-8", errors="surrogatepass")})


# -- the loader alone -----------------------------------------------------------------------


def _plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


@fuzz_settings(500)
@given(text=st.one_of(yamlish, st.text(max_size=500)))
def test_loader_never_raises(text: str) -> None:
    document, problems = load_text(text, "f.yaml")
    if document is None:
        assert problems
    else:
        assert not problems
        assert _plain(document.data)
    lines = text.count("\n") + text.count("\r") + text.count("\x85") + 2 * len(text) + 2
    for problem in problems:
        assert problem.location.file == "f.yaml"
        assert problem.location.line is None or 1 <= problem.location.line <= lines
        problem.message("vi")
        problem.message("en")


# -- round trip: data dumped by a YAML library reads back the same --------------------------


def _text_value(text: str) -> str:
    """``text`` as a data file may hold it: NFC, no control character or lone surrogate."""
    return unicodedata.normalize("NFC", FORBIDDEN_CHARACTER.sub("", text))


keys = st.text(max_size=12).map(_text_value)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False),
    st.text(max_size=30).map(_text_value),
)


@st.composite
def shared_data(draw: st.DrawFn) -> Any:
    """Nested lists and mappings, some subtrees used twice (dumped as anchor and alias)."""
    tree = st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
        ),
        max_leaves=25,
    )
    shared = draw(st.one_of(st.lists(scalars, max_size=3), st.dictionaries(keys, scalars)))
    return {"one": draw(tree), "two": shared, "three": [shared, draw(tree)], "four": shared}


def _dump(data: Any, flow: bool) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _reads_back(text: str, data: Any) -> bool:
    """True when the YAML library itself reads its output back as ``data``."""
    try:
        return _same(YAML(typ="safe", pure=True).load(text), data)
    except Exception:  # the library's emitter and parser disagree: not kh284's concern
        return False


@fuzz_settings(300)
@given(data=shared_data(), flow=st.booleans())
def test_round_trip(data: Any, flow: bool) -> None:
    text = _dump(data, flow)
    assume(_reads_back(text, data))
    document, problems = load_text(text, "r.yaml")
    assert not problems, (text, problems)
    assert document is not None
    assert _same(document.data, data), text


@fuzz_settings(200)
@given(
    before=st.text(max_size=10).map(_text_value),
    bad=st.one_of(
        st.characters(min_codepoint=0, max_codepoint=0x9F).filter(FORBIDDEN_CHARACTER.match),
        st.characters(categories=["Cs"]),
        st.sampled_from(["\ufffe", "\uffff"]),
    ),
    after=st.text(max_size=10).map(_text_value),
    key=st.booleans(),
)
def test_a_character_no_text_may_hold_is_refused_where_it_is(
    before: str, bad: str, after: str, key: bool
) -> None:
    """A control character or lone surrogate (only an escape can write one) is Y123/Y124
    at the escape, whether in a key or a value, and the fast path leaves it to the exact."""
    from kh284.load.fast import fast_load

    value = before + bad + after
    text = _dump({value: 1} if key else {"note": [value]}, flow=False)
    assume(_reads_back(text, {value: 1} if key else {"note": [value]}))
    document, problems = load_text(text, "c.yaml")
    assert document is None and fast_load(text) is None
    assert [p.code for p in problems] in (["Y123"], ["Y124"]), (text, problems)
    line, column = problems[0].location.line, problems[0].location.column
    assert line is not None and column is not None
    assert text.splitlines()[line - 1][column - 1] == "\\", (text, line, column)
