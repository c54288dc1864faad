"""Output whatever the locale (issue 24): UTF-8 for programs, readable letters for people.

Under an ASCII locale (``LC_ALL=C PYTHONUTF8=0``; a Windows pipe with a legacy code page is
the same case) kh284 wrote its output through the locale's encoding with Python's
``backslashreplace``: ``--format json`` and ``--format sarif`` were not JSON (``Invalid
\\escape``) and every other format printed ``V\\u0103n b\\u1ea3n``.  Now:

- json, sarif, junit and github (``Format.machine``) are the same UTF-8 bytes in every
  locale, replayed from the cache or not;
- terminal and markdown are written in the locale's encoding, what it lacks spelled
  (``Van ban``, ``>=``, ``+-|``), never as an escape; the summary on stderr too;
- ``--output`` files are UTF-8 whatever the locale.

The child processes run ``python -m kh284`` on the invented demo (``examples/demo``); the
in-process run (``conftest.run_both``, UTF-8) is what they are compared with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, run_both
from kh284.cli import output
from kh284.i18n import WORDS
from kh284.i18n.statuses import TARGET_STATUSES, TASK_STATUSES
from kh284.render import Format

TIMEOUT = 120
AS_OF = "2026-12-31"
#: The commands of the demo every format is run with (check: targets, tasks and tables).
COMMANDS = {
    "validate": ("validate", "--data-dir", "examples/demo", "--as-of", AS_OF),
    "check": ("check", "--data-dir", "examples/demo", "--as-of", AS_OF, "--verbose"),
}
#: Their exit codes on the demo (validate finds warnings only; check, overdue tasks).
EXIT = {"validate": 0, "check": 1}
#: A Vietnamese message of the demo (P402, in validate and check --verbose) and its spelling.
VIETNAMESE = "Văn bản '273/KH-TU' được dẫn ở mục I.1"
SPELLED = "Van ban '273/KH-TU' duoc dan o muc I.1"


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG")}
    env.update(LC_ALL="C", PYTHONUTF8="0")  # no UTF-8 mode, no locale coercion: ASCII
    env.update(extra)
    return env


def _kh284(*args: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m kh284 args`` under an ASCII locale (``extra``: more of the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "kh284", *args],
        capture_output=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        env=_environment(**extra),
        check=False,
    )


def _ascii_spelling(text: str) -> str:
    return output.spelled(text, "ascii")


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("fmt", [f.value for f in Format])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_format_under_an_ascii_locale(command: str, fmt: str) -> None:
    args = (*COMMANDS[command], "--format", fmt)
    expected, expected_summary = run_both(*args, code=EXIT[command])
    done = _kh284(*args)
    assert done.returncode == EXIT[command], done.stderr
    # the summary line on stderr is for people: spelled, never escaped
    summary = done.stderr.decode("ascii")
    assert summary == _ascii_spelling(expected_summary)
    assert "\\u" not in summary and "\\x" not in summary
    assert " loi, " in summary and " canh bao" in summary
    if Format(fmt).machine:
        # the very bytes a UTF-8 locale gets, Vietnamese and all
        assert done.stdout == expected.encode("utf-8")
        text = done.stdout.decode("utf-8")
        assert VIETNAMESE in text
        if fmt in ("json", "sarif"):
            json.loads(done.stdout)  # valid JSON
        if fmt == "junit":
            ET.fromstring(done.stdout)
        return
    text = done.stdout.decode("ascii")  # nothing the locale cannot show
    assert text == _ascii_spelling(expected)
    assert "\\u" not in text and "\\x" not in text
    assert SPELLED in text and "?" not in text.replace("'?", "")
    if command == "check" and fmt == "terminal":
        # the tables are drawn with ASCII lines; a line keeps its width unless it holds a
        # sign spelled longer (≥ as >=, … as ...): the meaning goes before the alignment
        pairs = list(zip(expected.splitlines(), text.splitlines(), strict=True))
        assert sum(line.startswith("+---") for _, line in pairs) >= 3
        for before, after in pairs:
            longer = sum(len(_ascii_spelling(c)) - 1 for c in before)
            assert len(after) == len(before) + longer


def test_a_replayed_result_is_written_as_the_first(tmp_path: Path) -> None:
    args = (*COMMANDS["check"], "--format", "json")
    cache = str(tmp_path / "cache")
    first = _kh284(*args, KH284_CACHE_DIR=cache)
    assert list((tmp_path / "cache" / "result").rglob("*")), "the result was stored"
    again = _kh284(*args, KH284_CACHE_DIR=cache)
    assert again.stdout == first.stdout and again.stderr == first.stderr
    assert VIETNAMESE in json.dumps(json.loads(again.stdout), ensure_ascii=False)
    text = _kh284(*COMMANDS["check"], KH284_CACHE_DIR=cache)
    replayed = _kh284(*COMMANDS["check"], KH284_CACHE_DIR=cache)
    assert replayed.stdout == text.stdout and SPELLED.encode() in replayed.stdout


def test_a_legacy_windows_code_page_keeps_every_vietnamese_letter() -> None:
    """Windows-1258 (Vietnamese) writes tone marks apart: the letters come out whole."""
    args = (*COMMANDS["validate"], "--format", "terminal")
    expected, _ = run_both(*args)
    done = _kh284(*args, PYTHONIOENCODING="cp1258")
    assert unicodedata.normalize("NFC", done.stdout.decode("cp1258")) == expected
    # Windows-1252 (Western) has no ă nor ả: spelled without them, JSON untouched
    western = _kh284(*args, PYTHONIOENCODING="cp1252")
    assert SPELLED in western.stdout.decode("cp1252")
    as_json = _kh284(*COMMANDS["validate"], "--format", "json", PYTHONIOENCODING="cp1252")
    assert as_json.stdout == run_both(*COMMANDS["validate"], "--format", "json")[0].encode()


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_output_files_are_utf8_in_any_locale(tmp_path: Path, fmt: str) -> None:
    args = (*COMMANDS["validate"], "--format", fmt)
    expected, _ = run_both(*args)
    target = tmp_path / f"out.{fmt}"
    done = _kh284(*args, "--output", str(target))
    assert done.returncode == 0 and done.stdout == b""
    assert target.read_bytes() == expected.encode("utf-8")


def test_the_dashboard_on_stdout_is_its_own_utf8_bytes() -> None:
    """``kh284 report`` writes the HTML to stdout as the bytes it made (charset UTF-8)."""
    pytest.importorskip("matplotlib")
    args = ("report", "--data-dir", "examples/demo", "--as-of", AS_OF)
    expected, _ = run_both(*args, code=1)
    done = _kh284(*args)
    assert done.returncode == 1, done.stderr
    assert done.stdout.decode("utf-8") == expected
    assert '<meta charset="utf-8">' in expected.lower() and "Bắc Kạn" in expected


def test_a_usage_error_is_spelled_too() -> None:
    done = _kh284("check", "--data-dir", "khong-co-thu-muc-nay")
    assert done.returncode == 2
    message = done.stderr.decode("ascii")
    assert message.startswith("kh284: khong tim thay thu muc du lieu")


# -- the spelling itself ----------------------------------------------------------------------

#: Every Vietnamese vowel, the six tones on each (none, huyền, sắc, hỏi, ngã, nặng).
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _letters() -> list[tuple[str, str]]:
    pairs = []
    for vowel in _VOWELS + _VOWELS.upper():
        bare = unicodedata.normalize("NFD", vowel)[0]
        for tone in _TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            assert len(letter) == 1
            pairs.append((letter, bare))
    return [*pairs, ("đ", "d"), ("Đ", "D")]


def test_every_vietnamese_letter_is_spelled_by_its_bare_letter_in_ascii() -> None:
    letters = _letters()
    assert len(letters) == 24 * 6 + 2
    for letter, bare in letters:
        assert _ascii_spelling(letter) == bare, letter


def test_windows_1258_gets_every_letter_with_its_marks() -> None:
    for letter, _ in _letters():
        assert unicodedata.normalize("NFC", output.spelled(letter, "cp1258")) == letter


def test_box_lines_signs_and_status_shapes_have_ascii_stand_ins() -> None:
    for code in range(0x2500, 0x2580):  # every box-drawing character
        assert _ascii_spelling(chr(code)) in ("+", "-", "|", "/", "\\", "x"), hex(code)
    assert _ascii_spelling("┏━┳┓┃╇┩│└─┘") == "+-++|++|+-+"
    assert _ascii_spelling("≥ 95 % … ≤ 3 — “a” → ±") == '>= 95 % ... <= 3 - "a" -> +/-'
    assert _ascii_spelling("34,5\u00a0%\u202f") == "34,5 % "  # no-break spaces: spaces
    # each status keeps a shape of its own among the others of its kind
    for table in (TARGET_STATUSES, TASK_STATUSES):
        shapes = [_ascii_spelling(look.symbol) for look in table.values()]
        assert len(set(shapes)) == len(shapes) and "?" not in shapes, shapes


def test_what_has_no_spelling_is_a_question_mark_and_marks_alone_go() -> None:
    assert _ascii_spelling("中文") == "??"
    assert _ascii_spelling("⚠️ ℹ️") == "! i"  # the variation selector goes
    assert _ascii_spelling("e\u0301") == "e"  # a decomposed letter: its mark goes


def test_no_word_of_the_vocabulary_becomes_an_escape() -> None:
    for key, pair in WORDS.items():
        for text in pair:
            spelled = _ascii_spelling(text)
            assert spelled.count("\\") == text.count("\\") + text.count("╲"), key
            assert spelled.count("?") - text.count("?") <= 0, (key, spelled)
