"""Help in the language asked for: ``kh284 … -h`` in Vietnamese by default, English on request.

Every help text is a key of the vocabulary (``help.…`` in ``kh284.i18n.WORDS``): an option
or argument declares its key as its ``help``; a command's key is ``help.cmd.<name>`` (the
app's is ``help.app``).  The language is the one the usage errors use (``usage.language``:
``--lang``, else ``KH284_LANG``, else Vietnamese), known before the command line is parsed.

The command-line library writes its own words into the help ("Usage:", "Options:",
"[default: …]", "[required]", the help option's sentence, placeholders such as
``[OPTIONS]``).  ``LocalisedFormatter`` receives them through the library's formatter hooks
(``write_usage``, ``section``, ``write_dl``) and says them from the vocabulary; nothing in
the library is edited.  A text that is not a key (a command added without one) is shown as
written, and ``tests/test_vietnamese_first.py`` fails on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer._click import Context, HelpFormatter
from typer.core import TyperCommand

from kh284.i18n import WORDS, word

#: The lang of a run, kept in the context's ``meta`` (shared by every sub-context).
LANG_KEY = "kh284.lang"
#: The library's section headings and their keys.
_SECTIONS = {"Arguments": "help.arguments", "Options": "help.options", "Commands": "help.commands"}
#: The library's notes in the brackets after an option's help, and their keys.
_NOTES = (
    (re.compile(r"^env var: (?P<var>.*)$", re.S), "help.envvar"),
    (re.compile(r"^default: (?P<default>.*)$", re.S), "help.default"),
    (re.compile(r"^required$"), "help.required"),
)
_METAVAR_PREFIX = "help.metavar."
#: A placeholder in upper case, as the library and the declarations write them.
_METAVAR = re.compile(r"(?<![\w-])[A-Z][A-Z_]*(?![\w-])")
#: The type names the library adds after an argument (``<str>``, ``<list[Path]>``).
_TYPE_NAME = re.compile(r" <(?:list\[)?(?:str|path|Path|int|float)\]?>")


def text(key_or_text: str, lang: str) -> str:
    """A help text: the vocabulary's words for a ``help.`` key, anything else as it is."""
    if key_or_text in WORDS:
        if "{statuses}" in WORDS[key_or_text][0]:  # the choices, from the status records
            return word(key_or_text, lang, statuses=task_statuses(lang))
        return word(key_or_text, lang)
    return key_or_text


def task_statuses(lang: str) -> str:
    """Every task status ``--status`` takes: its words in ``lang`` and its id."""
    from kh284.i18n import TASK_LABELS, pick

    return ", ".join(f"{pick(words, lang)} ({status})" for status, words in TASK_LABELS.items())


def placeholders(line: str, lang: str) -> str:
    """``--data-dir DIR`` as ``--data-dir THƯ_MỤC``: each known placeholder in ``lang``."""

    def say(match: re.Match[str]) -> str:
        key = _METAVAR_PREFIX + match.group(0)
        return word(key, lang) if key in WORDS else match.group(0)

    return _METAVAR.sub(say, line)


def notes(help_text: str, lang: str) -> str:
    """An option's help with the library's ``[env var: …; default: …]`` said in ``lang``."""
    body, bracket, rest = help_text.rpartition("[")
    if not bracket or not rest.endswith("]"):
        return text(help_text, lang)
    said = []
    for note in rest[:-1].split("; "):
        for pattern, key in _NOTES:
            found = pattern.match(note)
            if found:
                note = word(key, lang, **found.groupdict())
                break
        said.append(note)
    body = body.rstrip()
    lead = f"{text(body, lang)}  " if body else ""
    return f"{lead}[{'; '.join(said)}]"


class LocalisedFormatter(HelpFormatter):
    """The library's formatter, saying its own words in ``lang``."""

    def __init__(self, lang: str, **settings: Any) -> None:
        super().__init__(**settings)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """``Usage: kh284 [OPTIONS]`` in the language asked for."""
        said = word("help.usage", self.lang) + " "
        super().write_usage(prog, placeholders(args, self.lang), said)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        """A section under its heading in the language asked for."""
        key = _SECTIONS.get(name)
        with super().section(word(key, self.lang) if key else name):
            yield

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Options, arguments or commands: placeholders, help texts and notes in ``lang``."""
        said = [
            (placeholders(_TYPE_NAME.sub("", term), self.lang), notes(help_text, self.lang))
            for term, help_text in rows
        ]
        super().write_dl(said, col_max, col_spacing)


class HelpContext(Context):
    """A context whose help is written in the run's language."""

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if lang is not None or LANG_KEY not in self.meta:
            self.meta[LANG_KEY] = lang or "vi"

    @property
    def lang(self) -> str:
        """The language of this run's help."""
        return str(self.meta.get(LANG_KEY, "vi"))

    def make_formatter(self) -> HelpFormatter:
        """The formatter that says the library's words in ``lang``."""
        return LocalisedFormatter(
            self.lang, width=self.terminal_width, max_width=self.max_content_width
        )


class Localised:
    """What a command or the group says about itself, from the vocabulary.

    Mixed into the library's command classes: the help text, the short help the group
    lists, and the help option's sentence.
    """

    context_class: type[Context] = HelpContext
    #: True for the app's group: its description is ``help.app``, then ``help.epilog.app``.
    is_app = False
    name: str | None

    def help_key(self) -> str | None:
        """``help.cmd.<name>`` (``help.app`` for the app) when the vocabulary has it."""
        key = "help.app" if self.is_app else f"help.cmd.{self.name}"
        return key if key in WORDS else None

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command's description in the run's language."""
        key = self.help_key()
        if key is None:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(word(key, _lang(ctx)))

    def format_epilog(self, ctx: Context, formatter: HelpFormatter) -> None:
        """After the options: how to see a command's help, and the other language."""
        if not self.is_app:
            super().format_epilog(ctx, formatter)  # type: ignore[misc]
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(word("help.epilog.app", _lang(ctx)))

    def get_short_help_str(self, limit: int = 45) -> str:
        """The key of the description, said by the formatter that lists it."""
        key = self.help_key()
        if key is None:
            return str(super().get_short_help_str(limit))  # type: ignore[misc]
        return key

    def get_help_option(self, ctx: Context) -> Any:
        """The library's ``-h``/``--help``, with its sentence from the vocabulary."""
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "help.opt.help"
        return option


class KH284Command(Localised, TyperCommand):
    """A kh284 command: its help in the language asked for."""


def _lang(ctx: Context) -> str:
    return ctx.lang if isinstance(ctx, HelpContext) else "vi"
