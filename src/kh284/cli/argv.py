"""What the raw command line says before it is parsed: the language of the messages.

The usage errors, the error boundary and ``kh284 --version`` may speak before (or instead
of) the parser, so they read ``--lang`` here, the way the parser will.
"""

from __future__ import annotations

from collections.abc import Sequence


def argv_language(args: Sequence[str] | None = None) -> str:
    """The message language before (or without) parsing: ``--lang``, else ``KH284_LANG``.

    The last ``--lang`` counts, as the parser takes it; nothing after ``--`` is an option.
    Anything but ``en`` is Vietnamese.
    """
    import os
    import sys

    lang = os.environ.get("KH284_LANG", "vi")
    argv = list(args if args is not None else sys.argv[1:])
    for at, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and at + 1 < len(argv):
            lang = argv[at + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return "en" if lang == "en" else "vi"
