"""The data directory as it was at a git revision, for ``kh284 changes --from-rev``.

``checkout`` asks git (a subprocess, each call with a time limit) where the data directory
lies in its repository, checks the revision names a commit, and writes that commit's copy
of the directory (``git archive``) into a temporary folder, which it removes afterwards
whatever happens.  The copy is then read like any data directory (``pipeline.run``).  A
folder outside a git repository, a revision git does not know, a revision without the
directory, or no git at all is a usage error (``UsageError``, both languages).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kh284.diagnostics import UsageError
from kh284.diagnostics.catalogue import printable
from kh284.i18n import both

#: Seconds any one git call may take.
TIMEOUT = 60


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run ``git args`` in ``cwd``; no git, or one too slow, is a usage error."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise UsageError(*both("git.no_git")) from None
    except subprocess.TimeoutExpired:
        raise UsageError(*both("git.timeout", seconds=TIMEOUT)) from None


def _failed(done: subprocess.CompletedProcess[bytes]) -> UsageError:
    """What git said when it failed (its last line), as a usage error."""
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    detail = lines[-1] if lines else f"exit {done.returncode}"
    return UsageError(*both("git.failed", detail=printable(detail)))


@contextlib.contextmanager
def checkout(data_dir: Path, rev: str) -> Iterator[Path]:
    """The data directory ``data_dir`` as it was at ``rev``, in a temporary folder."""
    shown = printable(str(data_dir))
    if not data_dir.is_dir():
        from kh284.load.snapshot import DataDirError

        raise DataDirError(str(data_dir))
    inside = _git(["rev-parse", "--is-inside-work-tree"], data_dir)
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise UsageError(*both("git.not_repo", path=shown))
    prefix = _git(["rev-parse", "--show-toplevel", "--show-prefix"], data_dir)
    if prefix.returncode != 0:
        raise _failed(prefix)
    lines = prefix.stdout.decode("utf-8", "surrogateescape").splitlines()
    top = Path(lines[0])
    folder = lines[1].strip().rstrip("/") if len(lines) > 1 else ""
    if rev.startswith("-") or not rev.strip():
        raise UsageError(*both("git.bad_rev", rev=printable(rev)))
    verify = ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"]
    commit = _git(verify, data_dir)
    if commit.returncode != 0:
        raise UsageError(*both("git.bad_rev", rev=printable(rev)))
    sha = commit.stdout.decode("ascii", "replace").strip()
    tree = f"{sha}:{folder}" if folder else sha
    kind = _git(["cat-file", "-t", tree], top)
    if kind.returncode != 0 or kind.stdout.strip() != b"tree":
        raise UsageError(*both("git.no_dir", rev=printable(rev), path=folder or "."))
    archive = _git(["archive", "--format=tar", tree], top)
    if archive.returncode != 0:
        raise _failed(archive)
    with tempfile.TemporaryDirectory(prefix="kh284-rev-") as temp:
        root = Path(temp) / "data"
        root.mkdir()
        _extract(archive.stdout, root)
        yield root


def _extract(data: bytes, root: Path) -> None:
    """Unpack a tar of regular files and folders into ``root``; anything else is left out.

    Git writes only files, folders and links; a link could lead out of the copy, and the
    loader would refuse it anyway, so none is written.
    """
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        members = []
        for member in tar.getmembers():
            name = Path(member.name)
            if name.is_absolute() or ".." in name.parts:
                continue
            if member.isfile() or member.isdir():
                members.append(member)
        if hasattr(tarfile, "data_filter"):
            tar.extractall(root, members=members, filter="data")
        else:  # pragma: no cover - Python without extraction filters
            tar.extractall(root, members=members)
