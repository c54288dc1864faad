"""The command line's own mistakes are said by kh284, in Vietnamese by default."""

from __future__ import annotations

import re

import pytest

from conftest import run_both
from kh284.cli.usage import say

#: English words of the command-line library that must not reach a Vietnamese user.
CLICK_WORDS = re.compile(
    r"No such|Missing|Invalid value|is not one of|requires|Did you mean|Possible options|"
    r"Try '|Usage:|Error:|Got unexpected|does not take"
)


@pytest.mark.parametrize(
    ("args", "vi"),
    [
        (["chek"], "không có lệnh 'chek' — có phải là 'check'"),
        (["check", "--colr", "x"], "không có tùy chọn --colr"),
        (["check", "--fail-on", "foo"], "'foo' không thuộc các giá trị"),
        (["check", "--as-of"], "tùy chọn '--as-of' cần một giá trị"),
        (["template", "--period", "2025"], "thiếu tùy chọn bắt buộc '--unit'"),
    ],
)
def test_usage_errors_speak_vietnamese_by_default(args: list[str], vi: str) -> None:
    _, err = run_both(*args, code=2)
    assert vi in err
    assert not CLICK_WORDS.search(err), err
    assert "-h" in err.splitlines()[-1]  # and how to see the help


def test_usage_errors_in_english_on_request() -> None:
    _, err = run_both("chek", "--lang", "en", code=2)
    assert "No such command 'chek'" in err


def test_an_unknown_message_is_passed_on_unchanged() -> None:
    assert say("Something new.", "vi") == "Something new."
