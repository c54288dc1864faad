"""Vietnamese first: in the default mode every word kh284 itself prints is Vietnamese.

The help of every command, the command line's usage errors and the findings about broken
YAML are run without ``--lang`` (and without ``KH284_LANG``: conftest clears it), and must
hold no English phrase of the vocabulary (``test_vocabulary.assert_speaks``) and none of
the command-line library's English words.  With ``--lang en`` the same runs speak English.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from conftest import ROOT
from kh284.cli.app import app
from kh284.cli.helptext import Localised
from kh284.i18n import WORDS
from test_vocabulary import assert_speaks

#: The library's own English words (help and usage errors) that must not reach a
#: Vietnamese reader: section headings, the notes after an option, placeholders, messages.
CLICK_ENGLISH = re.compile(
    r"Usage:|Options:|Arguments:|Commands:|Show this message|\[required\]|required\]|"
    r"default:|env var:|\[OPTIONS\]|COMMAND \[ARGS\]|No such|Missing|Invalid value|"
    r"is not one of|requires|Did you mean|Possible options|Try '|Error:|Got unexpected|"
    r"does not take|Choose from|Input should|is not a valid|unable to parse|\bone of\b|"
    r"<str>|<path>|<list\[|\bDIR\b|\bDATE\b|\bFILE\b|\bCODES\b|\bUNIT\b|\bYEAR\b"
)
BASE = ROOT / "tests" / "cases" / "base"


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), prog_name="kh284", catch_exceptions=False)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout + result.stderr


def _values(text: str) -> str:
    """``text`` without what the user types as it is: choices ``<vi|en>`` and quoted values."""
    return re.sub(r"<[\w|]+>|'[^']*'", "", text)


def assert_vietnamese(text: str, what: str) -> None:
    """No English of the vocabulary, none of the library's English words."""
    assert_speaks("vi", _values(text), what)
    found = CLICK_ENGLISH.search(_values(text))
    assert found is None, f"{what}: the library's English {found.group(0)!r} in\n{text}"


@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_is_vietnamese_by_default(command: str) -> None:
    code, text = _run(*([command] if command else []), "--help")
    assert code == 0, text
    assert_vietnamese(text, f"kh284 {command} --help")
    assert text.startswith("Cách dùng: kh284"), text
    assert "Hiện hướng dẫn này rồi thoát." in text


def test_kh284_alone_shows_the_vietnamese_help() -> None:
    code, text = _run()
    assert code == 2  # no command: the help, as a usage error
    assert text.startswith("Cách dùng: kh284 [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]..."), text
    assert_vietnamese(text, "kh284")


@pytest.mark.parametrize("command", [c for c in _commands() if c != "schema"])
def test_help_is_english_with_lang_en(command: str) -> None:
    code, text = _run(command, "--lang", "en", "--help")
    assert code == 0, text
    assert_speaks("en", _values(text), f"kh284 {command} --lang en --help")
    assert text.startswith("Usage: kh284"), text
    assert "Show this message and exit." in text


def test_the_app_help_is_english_under_kh284_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KH284_LANG", "en")
    code, text = _run("--help")
    assert code == 0
    assert "Usage: kh284 [OPTIONS] COMMAND [ARGS]..." in text
    assert "Commands:" in text
    assert_speaks("en", text, "KH284_LANG=en kh284 --help")


def test_every_help_text_is_in_the_vocabulary() -> None:
    """A command or option added with an English help string fails here, not in use."""
    group = typer.main.get_command(app)
    assert isinstance(group, Localised) and group.help_key() == "help.app"
    for name, command in group.commands.items():
        assert isinstance(command, Localised), f"{name}: register it with cls=KH284Command"
        assert command.help_key() == f"help.cmd.{name}", f"no help.cmd.{name} in i18n.WORDS"
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            text = getattr(param, "help", None)
            assert text in WORDS, f"kh284 {name} {param.name}: help {text!r} is not a key"


@pytest.mark.parametrize(
    ("args", "vietnamese"),
    [
        (["chek"], "không có lệnh"),  # unknown command
        (["check", "--colr"], "không có tùy chọn --colr"),  # unknown option
        (["check", "--fail-on", "foo"], "không thuộc các giá trị"),  # bad choice
        (["check", "--as-of", "31/02/2026"], "giá trị không hợp lệ cho --as-of"),  # bad date
        (["template", "--unit", "x", "--period", "abc"], "phải là một số nguyên"),
        (["template", "--unit", "x", "--period", "3000"], "phải nhỏ hơn hoặc bằng 2100"),
        (["tasks", "--status", "xong"], "không thuộc các giá trị"),
        (["tasks", "--status", "done"], "ứng với nhiều tình trạng: Hoàn thành đúng hạn"),
        (["check", "--lang", "vn"], "'vn' không thuộc các giá trị 'vi', 'en'"),
        (["template", "--unit", "Sở GD&ĐT", "--period", "2031"], "chỉ nhận các năm"),
        (["import"], "thiếu đối số 'TỆP.xlsx'"),  # missing argument
        (["schema"], "thiếu đối số 'LOẠI', một trong: plan, units"),  # missing choice
        (["template", "--period", "2026"], "thiếu tùy chọn bắt buộc '--unit'"),
        (["check", "--as-of"], "cần một giá trị"),  # an option without its value
        (["check", "--quiet=yes"], "không nhận giá trị"),
        (["targets", "a", "b"], "thừa đối số (b)"),
        (["check", "--select", "Q9"], "không có mã hay tiền tố mã"),
    ],
)
def test_usage_errors_are_vietnamese_by_default(args: list[str], vietnamese: str) -> None:
    code, text = _run(*args)
    assert code == 2, text
    assert vietnamese in text
    assert_vietnamese(text, f"kh284 {' '.join(args)}")


def test_usage_errors_are_english_with_lang_en() -> None:
    code, text = _run("template", "--unit", "x", "--period", "abc", "--lang", "en")
    assert code == 2
    assert "Invalid value for '--period'" in text and "See the help" in text


#: Broken YAML, one trap per file, and the Vietnamese words of each finding.
BROKEN = {
    "syntax.yaml": ("unit: [so-gddt\nperiod: 2025\n", "Lỗi cú pháp YAML"),
    "tab.yaml": ("unit: so-gddt\nindicators:\n\t- target: x\n", "tab"),
    "duplicate.yaml": ("unit: so-gddt\nunit: so-gddt\nperiod: 2025\n", "bị lặp"),
    "empty.yaml": ("# nothing\n", "Tệp rỗng"),
    "comma.yaml": (
        "unit: so-gddt\nperiod: 2025\nreported_on: 2025-12-14\nindicators:\n"
        "  - target: t1\n    value: 97,4\n",
        "dấu phẩy",
    ),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_yaml_errors_speak_the_language_asked(lang: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    folder = data / "progress" / "2025"
    for name, (text, _) in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    args = ["validate", "--data-dir", str(data), *(["--lang", "en"] if lang == "en" else [])]
    code, text = _run(*args)
    assert code == 1, text
    for name in BROKEN:
        assert f"{name}:" in text, f"no finding for {name}:\n{text}"
    if lang == "vi":
        for _, words in BROKEN.values():
            assert words in text, text
        assert_vietnamese(text, "kh284 validate (broken YAML)")
    else:
        assert "YAML syntax error" in text
        assert_speaks("en", text, "kh284 validate --lang en (broken YAML)")


def test_the_check_finds_the_library_english() -> None:
    """The words this test looks for are the ones the library would print unaided."""
    with pytest.raises(AssertionError):
        assert_vietnamese("Usage: kh284 check [OPTIONS]", "self-test")
    with pytest.raises(AssertionError):
        assert_vietnamese("  --data-dir DIR  Thư mục dữ liệu.  [default: data]", "self-test")
    with pytest.raises(AssertionError):
        assert_vietnamese("Tùy chọn:\n  -h, --help  Show this message and exit.", "self-test")
    assert_vietnamese("Cách dùng: kh284 check [TÙY_CHỌN]", "self-test")


#: English words that no Vietnamese sentence holds (checked one by one: none is also a
#: Vietnamese syllable written without its marks, as "to", "an" or "in" are).
ENGLISH = re.compile(
    r"\b(the|of|and|is|are|when|least|share|figure|met|not|only|every|from|with|which|"
    r"that|this|year|years|district|province|commune|reported|target|level|value|read|"
    r"must|above|below|within|count|areas?)\b",
    re.I,
)


def _ids_and_paths(text: str) -> str:
    """``text`` without ids (``nha-tre-huy-dong``) and file paths (``progress/…yaml:1:2``)."""
    return re.sub(r"\S+\.yaml(:\d+)*|\b[a-z0-9]+(?:-[a-z0-9]+)+\b", "", text)


@pytest.mark.parametrize("data", ["data", "examples/demo"])
def test_every_target_shown_alone_prints_no_english_word(data: str) -> None:
    """Issue 22: the interpretations of targets.yaml were English; now Vietnamese first."""
    import yaml

    targets = yaml.safe_load((ROOT / data / "targets.yaml").read_text(encoding="utf-8"))
    for target in targets["targets"]:
        args = ["targets", target["id"], "--data-dir", str(ROOT / data), "--as-of", "2026-12-31"]
        code, text = _run(*args)
        assert code == 0, text
        found = ENGLISH.findall(_ids_and_paths(text))
        assert not found, f"kh284 targets {target['id']}: English {found} in\n{text}"
        if target.get("interpretation"):
            assert "Cách hiểu: " in text
            code, english = _run(*args, "--lang", "en")
            assert "Interpretation: " in english
            assert " ".join(target["interpretation_en"].split())[:30] in " ".join(english.split())


def test_the_english_words_are_found() -> None:
    assert ENGLISH.search("met when the 2030 figure is >= 90")
    assert not ENGLISH.search(_ids_and_paths("đạt khi số liệu năm 2030 ≥ 90 (tot-nghiep-thpt)"))


def test_the_list_of_targets_says_its_scope_in_vietnamese() -> None:
    code, text = _run("targets", "--data-dir", str(ROOT / "data"), "--as-of", "2026-12-31")
    assert code == 0
    assert "huyện thuộc Bắc Kạn: ≥ 3" in " ".join(text.split())
    assert "district" not in text and "∈" not in text


def test_every_interpretation_has_its_english() -> None:
    import yaml

    for data in ("data", "examples/demo"):
        doc = yaml.safe_load((ROOT / data / "targets.yaml").read_text(encoding="utf-8"))
        for target in doc["targets"]:
            if "interpretation" in target:
                assert target.get("interpretation_en"), (data, target["id"])
                assert not ENGLISH.search(_ids_and_paths(target["interpretation"])), target["id"]


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "en", "--help"],
        ["--help", "--lang", "en"],
        ["--lang", "en", "check", "-h"],
        ["--lang=en", "tasks", "--help"],
        ["--lang", "en", "schema", "-h"],
    ],
)
def test_lang_is_taken_anywhere_on_the_command_line(args: list[str]) -> None:
    code, text = _run(*args)
    assert code == 0, text
    assert text.startswith("Usage: kh284"), text


def test_lang_before_the_command_reaches_the_command() -> None:
    code, text = _run("--lang", "en", "units", "--data-dir", str(ROOT / "data"))
    assert code == 0 and text.startswith("Every unit in the data:"), text


def test_a_wrong_language_names_the_languages() -> None:
    code, text = _run("check", "--lang", "vn")
    assert code == 2
    assert "'vn' không thuộc các giá trị 'vi', 'en'" in text
    assert "Value error" not in text and "env var" not in text
