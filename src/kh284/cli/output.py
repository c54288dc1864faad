"""The one way a command writes its result: stdout or ``--output``, then stderr, then exit.

Only the report goes to stdout (or to ``--output``, written atomically and never over an
existing file without ``--force``); the summary line goes to stderr; the exit code follows
the one policy in ``diagnostics.exit_code_for``.  ``run_cached`` answers a repeated
command on unchanged files from the output cache without importing the pipeline.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from kh284.cli.options import fail
from kh284.i18n import word
from kh284.render import Result

if TYPE_CHECKING:
    from kh284.cli.options import Options


def refuse_existing(path: Path | None, force: bool, lang: str) -> None:
    """Stop before any work when ``--output`` exists and ``--force`` was not given."""
    if path is not None and path.exists() and not force:
        fail(word("common.exists", lang, path=path))


def write_file(path: Path, data: str | bytes, force: bool, lang: str) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace a file without ``force``."""
    from kh284.cli.atomic import ExistsError, write_bytes

    try:
        write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data, overwrite=force)
    except ExistsError:
        refuse_existing(path, False, lang)
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")


def deliver(result: Result, output: Path | None, force: bool, lang: str) -> NoReturn:
    """Write the result to stdout or ``output``, the summary to stderr, and exit."""
    if output is not None:
        write_file(output, result.output, force, lang)
    elif result.output:
        text = result.output
        sys.stdout.write(text.decode("utf-8") if isinstance(text, bytes) else text)
        sys.stdout.flush()
    sys.stderr.write(result.summary)
    raise typer.Exit(result.exit_code)


def data_dir_missing(data_dir: Path, lang: str) -> NoReturn:
    """The data directory does not exist: say so (exit 2)."""
    fail(word("common.no_data_dir", lang, path=data_dir))


def run_cached(options: Options, action: str, **kwargs: object) -> Result:
    """Run a command's core, or replay its output when nothing it depends on changed."""
    key = None
    cache = options.open_cache()
    if options.cache and options.data_dir.is_dir():
        from kh284.load.fingerprint import output_key

        key = output_key(options.data_dir, action, options, sorted(kwargs.items(), key=str))
        cached = cache.get("output", key) if key else None
        if isinstance(cached, Result):
            return cached
    from kh284.cli import commands
    from kh284.diagnostics import UsageError
    from kh284.validate.dataset import DataDirError

    try:
        result: Result = getattr(commands, action)(options, **kwargs)
    except DataDirError:
        data_dir_missing(options.data_dir, options.lang)
    except UsageError as exc:
        fail(exc.message(options.lang))
    if key and result.cacheable:
        cache.put("output", key, result)
    return result
