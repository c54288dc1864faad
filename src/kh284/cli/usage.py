"""Usage errors in the language asked for: the command line's own mistakes, said by kh284.

The command-line library (click, vendored by typer) writes its usage errors in English
f-strings.  ``KH284Group`` takes them at its exception boundary — the exception's type
and its fields (the option, the parameter, the possibilities) — and says them in
Vietnamese by default, in English with ``--lang en``, as ``kh284: …`` like every other
error, with the command to see the help.  Nothing in the library is edited.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from typer.core import TyperGroup

from kh284.cli.helptext import Localised, placeholders
from kh284.i18n import word

#: Library messages (English) and their meaning in the vocabulary, most specific first.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^No such command '(?P<name>.*)'\.?$"), "usage.no_command"),
    (re.compile(r"^No such option: (?P<name>\S+)$"), "usage.no_option"),
    (re.compile(r"^Missing command\.?$"), "usage.missing_command"),
    (re.compile(r"^Missing option '(?P<name>.*)'\.?$"), "usage.missing_option"),
    (
        re.compile(r"^Missing argument '(?P<name>.*?)'\. Choose from:\s*(?P<choices>.*)$", re.S),
        "usage.missing_choice",
    ),
    (re.compile(r"^Missing argument '(?P<name>.*)'\.?$"), "usage.missing_argument"),
    (re.compile(r"^Missing parameter: (?P<name>.*)$"), "usage.missing_argument"),
    (re.compile(r"^Option '(?P<name>.*)' requires (?P<what>.*)\.?$"), "usage.needs_value"),
    (re.compile(r"^Option '(?P<name>.*)' does not take a value\.?$"), "usage.no_value"),
    (re.compile(r"^Got unexpected extra arguments?(?:\(s\))? \((?P<name>.*)\)$"), "usage.extra"),
)
_INVALID = re.compile(
    r"^Invalid value for (?P<name>.*?)(?: \(env var: (?P<env>[^)]*)\))?: (?P<why>.*)$", re.S
)
_NOT_ONE_OF = re.compile(r"^'?(?P<value>.*?)'? is not one of (?P<choices>.*?)\.?$", re.S)
_NOT_VALID = re.compile(r"^Value (?P<value>.*) is not a valid (?P<kind>\w+)\.?$")
#: Why a value was refused, as the library's type checks (pydantic) say it.
_WHY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Input should be a valid integer\b.*$", re.S), "usage.not_integer"),
    (re.compile(r"^Input should be a valid number\b.*$", re.S), "usage.not_number"),
    (re.compile(r"^Input should be less than or equal to (?P<limit>\S+)$"), "usage.at_most"),
    (re.compile(r"^Input should be greater than or equal to (?P<limit>\S+)$"), "usage.at_least"),
)
_DID_YOU_MEAN = re.compile(
    r"(?:\.? Did you mean (?P<hint>.*)\?| \(Possible options: (?P<options>.*)\))$"
)


def language(args: Sequence[str] | None) -> str:
    """``--lang`` from the arguments, else ``KH284_LANG``, else Vietnamese."""
    from kh284.cli.argv import argv_language

    return argv_language(args)


def say(message: str, lang: str) -> str:
    """The library's English message ``message`` in ``lang`` (unknown ones as they are)."""
    if lang == "en":
        return message
    hint = ""
    found = _DID_YOU_MEAN.search(message)
    if found:
        message = message[: found.start()]
        named = (found.group("hint") or found.group("options") or "").strip("'")
        hint = word("common.did_you_mean", lang, hint=named)
    invalid = _INVALID.match(message)
    if invalid:
        why = invalid.group("why").strip().removeprefix("Value error, ")
        one_of = _NOT_ONE_OF.match(why)
        not_valid = _NOT_VALID.match(why)
        if one_of:
            why = word("usage.not_one_of", lang, **one_of.groupdict())
        elif not_valid:
            why = word("usage.not_valid", lang, value=not_valid.group("value"))
        for pattern, key in _WHY:
            found_why = pattern.match(why)
            if found_why:
                why = word(key, lang, **found_why.groupdict())
                break
        name = invalid.group("name")
        if invalid.group("env"):  # the value came from the environment: say which variable
            name += f" ({word('help.envvar', lang, var=invalid.group('env'))})"
        return word("usage.invalid", lang, name=name, why=why) + hint
    for pattern, key in _PATTERNS:
        match = pattern.match(message.strip())
        if match:
            named = match.groupdict()
            if key.startswith("usage.missing_"):  # a placeholder: FILE.xlsx as TỆP.xlsx
                named["name"] = placeholders(named["name"], lang)
            if "choices" in named:  # one per line, each with a comma: one line here
                named["choices"] = ", ".join(c.strip() for c in named["choices"].split(","))
            return word(key, lang, **named) + hint
    return message + hint


class KH284Group(Localised, TyperGroup):
    """The app's group: usage errors and help said by kh284, in the language asked for."""

    is_app = True

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run; a usage error becomes ``kh284: …`` and the help to read, exit 2."""
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        extra.setdefault("lang", language(args))  # the help's language (``helptext``)
        args = self.lang_anywhere(sys.argv[1:] if args is None else list(args))
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except UsageError as error:
            _usage_error(error, language(args))
        if code == 130:  # the library's word for Ctrl-C: the boundary says "interrupted"
            raise KeyboardInterrupt
        sys.exit(code if isinstance(code, int) else 0)

    def lang_anywhere(self, args: list[str]) -> list[str]:
        """``--lang`` given before the command (``kh284 --lang en check``) moved after it.

        The language is read from the whole command line before parsing
        (``argv.argv_language``); here the parser is spared an option the app itself does
        not take: it goes to the command when the command takes ``--lang``, else it is left
        out (``kh284 --help --lang en``, ``kh284 --lang en schema plan``).
        """
        moved: list[str] = []
        head: list[str] = []
        at = 0
        while at < len(args):
            given = args[at]
            if given == "--" or not given.startswith("-"):
                break  # the command (or the end of the options)
            if given == "--lang":
                moved += args[at : at + 2]
                at += 2
                continue
            if given.startswith("--lang="):
                moved.append(given)
            else:
                head.append(given)
            at += 1
        rest = args[at:]
        if not moved:
            return args
        command = self.commands.get(rest[0]) if rest else None
        if command is not None and any("--lang" in p.opts for p in command.params):
            rest = [rest[0], *moved, *rest[1:]]
        return [*head, *rest]


def _usage_error(error: Any, lang: str) -> NoReturn:
    command = error.ctx.command_path if error.ctx is not None else "kh284"
    message = error.format_message()
    sys.stderr.write(f"{command}: {say(message, lang)}\n")
    sys.stderr.write(word("usage.see_help", lang, command=command) + "\n")
    sys.exit(error.exit_code)
