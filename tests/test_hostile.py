"""Hostile and broken input: never a traceback, never a hang, nothing lost.

Each folder of ``tests/hostile/`` is a case in the layout of ``tests/cases/`` (see
``casekit``): the files that differ from ``tests/cases/base/`` plus ``expect.yaml``.  Inputs
that are large, binary or special (FIFOs, links, sparse files, other encodings) are made at
run time by the generator that ``expect.yaml`` names, never committed.  ``expect.yaml`` may
also say::

    generate: name        # a function of GENERATORS below, run on the assembled directory
    subprocess: true      # run kh284 in a child process, killed after ``timeout`` seconds,
                          # with its address space capped at MEMORY_LIMIT (a hang or a
                          # memory blow-up is then a failure, not a stuck test run)
    timeout: 30           # seconds the run may take (guards against a hang, not for speed)
    needs: [fifo]         # skip where the platform lacks it: fifo, symlink, posix, non-root,
                          # mknod (root, to make a device node)
    xfail_reason: "..."   # a known bug outside the loader: the CLI run fails strictly

Every case runs ``kh284 validate --format json --lang en`` and asserts the exit code, each
expected diagnostic (code, file relative to the data directory, line, column, message part),
that no unwanted one appears (``code: "*"`` in ``absent`` means any code), the time bound,
and that no ``Traceback`` (nor an internal error X901) reaches the output.  Cases run in
this process are also checked one layer down, on ``load_dataset`` and the checks, so the
loader's findings are verified even where the output has a known bug (``xfail_reason``).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import EllipsisType
from typing import Any

import pytest
from ruamel.yaml import YAML

from casekit import BASE_DIR, DEFAULT_AS_OF, Expected, assemble_case, parse_expected
from conftest import ROOT, run_both
from kh284.load import exact as loader
from kh284.load import files as dataset_module
from kh284.validate.dataset import load_dataset

HOSTILE_DIR = Path(__file__).resolve().parent / "hostile"
REPORT = "progress/2025/so-gd.yaml"
#: Address-space cap of a child run: far above what kh284 needs (~40 MB resident on the
#: base data), far below what an unbounded expansion would take.
MEMORY_LIMIT = 1536 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0

Generator = Callable[[Path, pytest.MonkeyPatch], None]


# -- cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HostileCase:
    """One folder of tests/hostile/ and what it expects."""

    name: str
    folder: Path
    description: str
    expect: tuple[Expected, ...]
    absent: tuple[Expected, ...]
    exit: int
    generate: str | None
    subprocess: bool
    timeout: float
    needs: tuple[str, ...]
    xfail_reason: str | None


def load_hostile(folder: Path) -> HostileCase:
    raw: dict[str, Any] = YAML(typ="safe").load((folder / "expect.yaml").read_text("utf-8"))
    return HostileCase(
        name=folder.name,
        folder=folder,
        description=str(raw["description"]),
        expect=parse_expected(raw.get("expect")),
        absent=parse_expected(raw.get("absent")),
        exit=int(raw["exit"]),
        generate=raw.get("generate"),
        subprocess=bool(raw.get("subprocess", False)),
        timeout=float(raw.get("timeout", DEFAULT_TIMEOUT)),
        needs=tuple(raw.get("needs") or ()),
        xfail_reason=raw.get("xfail_reason"),
    )


CASES = [load_hostile(f) for f in sorted(HOSTILE_DIR.iterdir()) if f.is_dir()]


# -- running kh284 --------------------------------------------------------------------------


@dataclass
class Run:
    """The outcome of one ``kh284 validate`` run."""

    exit: int
    output: dict[str, Any]
    text: str  # stdout and stderr together, for the no-traceback check
    seconds: float

    def diagnostics(self) -> list[dict[str, Any]]:
        """Diagnostics with ``file`` made relative to the data directory."""
        prefix = self.output["data_dir"].rstrip("/") + "/"
        found = []
        for diag in self.output["diagnostics"]:
            item = dict(diag)
            item["file"] = item["file"].removeprefix(prefix)
            found.append(item)
        return found


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_validate(data_dir: Path, *, child: bool, timeout: float, code: int) -> Run:
    """``kh284 validate`` on ``data_dir``, in this process or a bounded child process."""
    args = [
        "validate",
        "--data-dir",
        str(data_dir),
        "--as-of",
        DEFAULT_AS_OF.isoformat(),
        "--lang",
        "en",
        "--format",
        "json",
    ]
    start = time.monotonic()
    if child:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
        env.pop("KH284_DATA_DIR", None)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "kh284", *args],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
                env=env,
                cwd=ROOT,
                preexec_fn=_limit_memory if sys.platform.startswith("linux") else None,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"kh284 validate did not finish within {timeout} s (a hang?)")
        seconds = time.monotonic() - start
        text = result.stdout + result.stderr
        assert result.returncode == code, f"exit {result.returncode}, output:\n{text[-3000:]}"
        stdout = result.stdout
    else:
        stdout, stderr = run_both(*args, code=code)
        seconds = time.monotonic() - start
        text = stdout + stderr
    assert "Traceback" not in text
    assert "X901" not in text, text[-3000:]
    return Run(code, json.loads(stdout), text, seconds)


def _matches(diag: dict[str, Any], expected: Expected) -> bool:
    def same(value: int | EllipsisType | None, actual: Any) -> bool:
        return value is ... or value == actual

    return (
        expected.code in ("*", diag["code"])
        and diag["file"] == expected.file
        and same(expected.line, diag["line"])
        and same(expected.column, diag["column"])
        and (expected.message is None or expected.message in diag["message"])
    )


def _describe(diags: list[dict[str, Any]]) -> str:
    lines = [
        f"  {d['code']} {d['severity']} {d['file']}:{d['line']}:{d['column']}: {d['message']}"
        for d in diags[:60]
    ]
    if len(diags) > 60:
        lines.append(f"  ... and {len(diags) - 60} more")
    return "\n".join(lines) or "  (none)"


def _skip_unless(needs: tuple[str, ...]) -> None:
    if "fifo" in needs and not hasattr(os, "mkfifo"):
        pytest.skip("this platform has no FIFOs (os.mkfifo)")
    if "symlink" in needs and sys.platform == "win32":
        pytest.skip("symbolic links need privileges on Windows")
    if "posix" in needs and sys.platform == "win32":
        pytest.skip("file names with control characters and arbitrary bytes are POSIX only")
    if "non-root" in needs and hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip(
            "running as root, whom file permissions do not stop: chmod 000 cannot make a "
            "file unreadable (the *-simulated case covers the same path with an OSError)"
        )
    if "non-root" in needs and not hasattr(os, "geteuid"):
        pytest.skip("POSIX permissions only")
    if "mknod" in needs and (not hasattr(os, "geteuid") or os.geteuid() != 0):
        pytest.skip("creating a device node needs root")


def _param(case: HostileCase) -> Any:
    marks = []
    if case.xfail_reason:
        marks.append(pytest.mark.xfail(reason=case.xfail_reason, strict=True))
    return pytest.param(case, id=case.name, marks=marks)


def _prepare(case: HostileCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _skip_unless(case.needs)
    data_dir = assemble_case(case.folder, tmp_path / "data")
    if case.generate:
        GENERATORS[case.generate](data_dir, monkeypatch)
    return data_dir


def _check(case: HostileCase, found: list[dict[str, Any]]) -> None:
    report = f"{case.name}: {case.description}\ndiagnostics:\n{_describe(found)}"
    missing = [e for e in case.expect if not any(_matches(d, e) for d in found)]
    assert not missing, f"missing {', '.join(map(str, missing))}\n{report}"
    unwanted = [e for e in case.absent if any(_matches(d, e) for d in found)]
    assert not unwanted, f"unexpected {', '.join(map(str, unwanted))}\n{report}"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_hostile_case(case: HostileCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = _prepare(case, tmp_path, monkeypatch)
    run = run_validate(data_dir, child=case.subprocess, timeout=case.timeout, code=case.exit)
    assert run.seconds < case.timeout, f"took {run.seconds:.1f} s"
    _check(case, run.diagnostics())


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES if not c.subprocess])
def test_hostile_case_engine(
    case: HostileCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same expectations on ``load_dataset`` and the checks, without any rendering."""
    from kh284.diagnostics import Severity
    from kh284.validate.checks import run_all
    from kh284.validate.index import build_index

    data_dir = _prepare(case, tmp_path, monkeypatch)
    dataset = load_dataset(data_dir)
    diagnostics = [*dataset.diagnostics, *run_all(build_index(dataset), DEFAULT_AS_OF)]
    found = [
        {
            "code": d.code,
            "severity": d.severity.label,
            "file": d.location.file,
            "line": d.location.line,
            "column": d.location.column,
            "message": d.message("en"),
        }
        for d in diagnostics
    ]
    _check(case, found)
    has_error = any(d.severity >= Severity.ERROR for d in diagnostics)
    assert has_error == (case.exit == 1), _describe(found)


def test_hostile_cases_exist() -> None:
    assert len(CASES) >= 40


# -- generators: inputs made at run time ----------------------------------------------------


def _report_text() -> str:
    return (HOSTILE_DIR.parent / "cases" / "base" / REPORT).read_text("utf-8")


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def _note(value: str) -> str:
    """The base report with ``note: <value>`` appended (the note is at line 17)."""
    return _report_text() + f"note: {value}\n"


def gen_control_character(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    text = _report_text().replace('"Báo cáo số 45', '"Báo cáo\x07 số 45', 1)
    _write(data_dir / REPORT, text)


def gen_duplicate_key_nfd(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    nfc = unicodedata.normalize("NFC", "Sở")
    nfd = unicodedata.normalize("NFD", "Sở")
    assert nfc != nfd
    _write(data_dir / REPORT, _report_text() + f"note:\n  {nfc}: 1\n  {nfd}: 2\n")


def gen_utf8_bom(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    for rel in ("plan.yaml", "units.yaml", REPORT):
        path = data_dir / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def gen_nfd_everywhere(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    for path in sorted(data_dir.rglob("*.yaml")):
        text = path.read_text("utf-8")
        decomposed = unicodedata.normalize("NFD", text)
        path.write_text(decomposed, "utf-8")
    assert unicodedata.normalize("NFD", "Sở") in (data_dir / "units.yaml").read_text("utf-8")


def to_windows_1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: â ê ô ă ơ ư đ precomposed, tones combining."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", parts[:2])
            if len(base) == 1 and len(parts) > 2:
                out += (base + parts[2:]).encode("cp1258")
            else:
                out += parts.encode("cp1258")
    return bytes(out)


def gen_windows_1258(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    encoded = to_windows_1258(_report_text())
    assert b"\xe1" in encoded  # the á of "Báo", precomposed in Windows-1258
    _write(data_dir / REPORT, encoded)


def gen_utf16_bom(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / REPORT, _report_text().encode("utf-16"))


def gen_utf16_no_bom(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / "progress/2025/be.yaml", _report_text().encode("utf-16-be"))
    _write(data_dir / "progress/2025/le.yaml", _report_text().encode("utf-16-le"))


def gen_utf32(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / REPORT, _report_text().encode("utf-32"))


def gen_nul_byte(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / REPORT, _report_text().replace("period: 2025", "period: 20\x0025", 1))


def gen_huge_sparse(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    path = data_dir / "progress/2025/huge.yaml"
    with open(path, "wb") as handle:  # sparse: 300 MB long, no disk used
        handle.truncate(300 * 1024 * 1024)


def gen_size_limit(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    line = b"# " + b"x" * 77 + b"\n"
    body = line * (loader.MAX_FILE_BYTES // len(line) + 1)
    _write(data_dir / "progress/2025/over.yaml", body[: loader.MAX_FILE_BYTES + 1])
    _write(data_dir / "progress/2025/at.yaml", body[: loader.MAX_FILE_BYTES - 1] + b"\n")


def gen_deep_flow_sequence(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / REPORT, _note("[" * 100_000))


def gen_deep_flow_mapping(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / REPORT, _note("{a: " * 100_000))


def gen_deep_block_mapping(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    lines = [f"{' ' * level}k{level}:" for level in range(1, 1_000)]
    _write(data_dir / REPORT, _report_text() + "note:\n" + "\n".join(lines) + " x\n")


def gen_deep_block_sequence(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / REPORT, _report_text() + "note:\n  " + "- " * 100_000 + "x\n")


def gen_deep_mixed_closed(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    depth = 5_000
    _write(data_dir / REPORT, _note("[{a: " * depth + "1" + "}]" * depth))


def gen_billion_laughs(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    lines = ["note:", '  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, prev = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    _write(data_dir / REPORT, _report_text() + "\n".join(lines) + "\n")


def gen_alias_count(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    uses = ", ".join(["*s"] * (loader.MAX_ALIASES + 500))
    _write(data_dir / REPORT, _report_text() + f"note:\n  a: &s lol\n  b: [{uses}]\n")


def gen_node_flood(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    items = "1," * (loader.MAX_NODES + 10)
    _write(data_dir / REPORT, _note(f"[{items}1]"))


def gen_many_files(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    folder = data_dir / "progress/many"
    folder.mkdir(parents=True)
    body = b"unit: so-gd\nperiod: 2025\nreported_on: 2025-12-15\nindicators: []\n"
    for number in range(dataset_module.MAX_PROGRESS_FILES + 500):
        (folder / f"r{number:05d}.yaml").write_bytes(body)


def gen_total_size_limit(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset_module, "MAX_TOTAL_BYTES", 1024 * 1024)
    filler = b"# " + b"x" * 97 + b"\n"
    for number in range(4):  # ~400 KB each: r0, r1 fit; r2 crosses 1 MB; r3 is never read
        _write(data_dir / f"progress/2025/r{number}.yaml", filler * 4_000 + b"[\n")


def gen_many_entries(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset_module, "MAX_PROGRESS_ENTRIES", 1_000)
    folder = data_dir / "progress/empty"
    for number in range(800):
        (folder / f"d{number:04d}").mkdir(parents=True)
        (folder / f"d{number:04d}" / "notes.txt").write_bytes(b"")


def gen_many_problems(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    _write(data_dir / REPORT, _report_text() + "period: 2024\n" * 150)


def gen_many_schema_problems(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    rows = "".join(f"  - {{target: tot-nghiep-thpt, value: x{n}}}\n" for n in range(300))
    _write(data_dir / REPORT, _report_text().split("indicators:")[0] + "indicators:\n" + rows)


def gen_huge_integer(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    text = _report_text().replace("value: 95", "value: " + "9" * 5_000, 1)
    _write(data_dir / REPORT, text)
    other = _report_text().replace("value: 95", "value: 1" + "0" * 400, 1)
    _write(data_dir / "progress/2025/other.yaml", other)


def _outside(data_dir: Path) -> Path:
    outside = data_dir.parent / "outside"
    outside.mkdir(exist_ok=True)
    return outside


def gen_symlink_outside(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    (_outside(data_dir) / "secret.yaml").write_text(_report_text(), "utf-8")
    link = data_dir / "progress/2025/outside.yaml"
    link.symlink_to(Path("../../../outside/secret.yaml"))  # a relative link with ..
    (data_dir / "progress/2025/zero.yaml").symlink_to(Path("/dev/zero"))


def gen_symlink_core_outside(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    real = _outside(data_dir) / "plan.yaml"
    shutil.move(data_dir / "plan.yaml", real)
    (data_dir / "plan.yaml").symlink_to(real)


def gen_symlink_inside(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    real = data_dir / "sources" / "plan-2025.yaml"
    real.parent.mkdir()
    shutil.move(data_dir / "plan.yaml", real)
    (data_dir / "plan.yaml").symlink_to(Path("sources/plan-2025.yaml"))


def gen_symlink_dir_outside(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    folder = _outside(data_dir) / "reports"
    folder.mkdir()
    (folder / "x.yaml").write_text(_report_text(), "utf-8")
    (data_dir / "progress/2026").symlink_to(folder, target_is_directory=True)


def gen_symlink_dir_inside(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    (data_dir / "progress/2026").symlink_to(Path("2025"), target_is_directory=True)


def gen_progress_outside(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    real = _outside(data_dir) / "progress"
    shutil.move(data_dir / "progress", real)
    (data_dir / "progress").symlink_to(real, target_is_directory=True)


def gen_symlink_loop(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    folder = data_dir / "progress/2025"
    (folder / "loop-a.yaml").symlink_to(Path("loop-b.yaml"))
    (folder / "loop-b.yaml").symlink_to(Path("loop-a.yaml"))


def gen_dangling_symlink(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    (data_dir / "progress/2025/gone.yaml").symlink_to(Path("nowhere.yaml"))


def gen_directory_named_yaml(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    (data_dir / "progress/2025/cu.yaml").mkdir()
    (data_dir / "progress/2025/cu.yaml/inner.txt").write_text("not yaml", "utf-8")
    shutil.move(data_dir / "plan.yaml", data_dir / "plan-file")
    (data_dir / "plan.yaml").mkdir()
    shutil.move(data_dir / "plan-file", data_dir / "plan.yaml" / "plan.yaml")


def gen_progress_is_file(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    shutil.rmtree(data_dir / "progress")
    (data_dir / "progress").write_text(_report_text(), "utf-8")


def gen_chmod_file(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    (data_dir / REPORT).chmod(0)


def gen_chmod_dir(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    (data_dir / "progress/2025").chmod(0)


def gen_unreadable_simulated(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = str((data_dir / REPORT).resolve())
    real_open = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == target:
            raise PermissionError(13, "Permission denied", target)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(loader.os, "open", fake_open)


def gen_unreadable_dir_simulated(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = os.fspath(data_dir.resolve() / "progress/2025")
    real_scandir = os.scandir

    def fake_scandir(path: Any) -> Any:
        if os.fspath(path) == target:
            raise PermissionError(13, "Permission denied", target)
        return real_scandir(path)

    monkeypatch.setattr(dataset_module.os, "scandir", fake_scandir)


def gen_vanishing_file(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_dir / "progress/2025/zz-later.yaml").write_text(_report_text(), "utf-8")
    doomed = data_dir / "progress/2025/zz-later.yaml"
    import kh284.load.snapshot as snapshot_module

    real_read = snapshot_module.read_bytes

    def read_then_delete(path: Path, rel: str) -> Any:
        result = real_read(path, rel)
        if rel == REPORT:  # listed with so-gd.yaml, deleted before its turn comes
            doomed.unlink()
        return result

    monkeypatch.setattr(snapshot_module, "read_bytes", read_then_delete)


def gen_fifo_report(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    os.mkfifo(data_dir / "progress/2025/pipe.yaml")


def gen_fifo_core(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    (data_dir / "events.yaml").unlink()
    os.mkfifo(data_dir / "events.yaml")


def gen_device_file(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    import stat

    path = data_dir / "progress/2025/zero.yaml"
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # like /dev/zero
    except OSError as exc:
        pytest.skip(f"cannot create a device node here: {exc.strerror}")


def gen_file_name_escapes(data_dir: Path, _: pytest.MonkeyPatch) -> None:
    folder = os.fsencode(data_dir / "progress/2025")
    broken = b"[\n"
    for name in (b"esc\x1b[31mred.yaml", b"latin\xe1.yaml", b"new\nline.yaml"):
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(broken)


GENERATORS: dict[str, Generator] = {
    name.removeprefix("gen_").replace("_", "-"): function
    for name, function in globals().items()
    if name.startswith("gen_") and callable(function)
}


def test_every_generator_is_used() -> None:
    used = {case.generate for case in CASES}
    assert set(GENERATORS) <= used, set(GENERATORS) - used
    assert used - {None} <= set(GENERATORS), (used - {None}) - set(GENERATORS)


# -- checks that need more than a data directory --------------------------------------------


def test_huge_file_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 300 MB file is refused from its size: it is never opened, let alone read."""
    data_dir = assemble_case(HOSTILE_DIR / "huge-file-300mb", tmp_path / "data")
    gen_huge_sparse(data_dir, monkeypatch)
    huge = str((data_dir / "progress/2025/huge.yaml").resolve())
    real_open = os.open

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        assert os.fspath(path) != huge, "the huge file was opened"
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(loader.os, "open", guarded_open)
    run = run_validate(data_dir, child=False, timeout=DEFAULT_TIMEOUT, code=1)
    codes = {(d["code"], d["file"]) for d in run.diagnostics()}
    assert ("Y107", "progress/2025/huge.yaml") in codes


def test_file_growing_after_stat_is_cut_at_the_limit() -> None:
    """The size is checked again while reading: at most MAX_FILE_BYTES + 1 bytes are read."""

    class Growing:
        def __init__(self) -> None:
            self.calls = 0

        def read(self, size: int) -> bytes:
            self.calls += 1
            return b"#" * size  # endless data, as from a file being appended to

    handle = Growing()
    data = loader._read_at_most(handle, loader.MAX_FILE_BYTES + 1)
    assert len(data) == loader.MAX_FILE_BYTES + 1
    assert handle.calls <= loader.MAX_FILE_BYTES // (1 << 20) + 2


def test_nfd_unit_name_found_by_nfc_query(tmp_path: Path) -> None:
    """Names typed in NFD in the data match a query typed in NFC, and the other way."""
    data_dir = assemble_case(HOSTILE_DIR / "nfd-everywhere", tmp_path / "data")
    gen_nfd_everywhere(data_dir, pytest.MonkeyPatch())
    for query in ("Sở Giáo dục", unicodedata.normalize("NFD", "Sở Giáo dục")):
        out, _ = run_both(
            "tasks",
            "--data-dir",
            str(data_dir),
            "--as-of",
            DEFAULT_AS_OF.isoformat(),
            "--unit",
            query,
            "--fail-on",
            "never",
            code=0,
        )
        assert "PL-01" in out


def test_file_names_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    """A file name with ESC or undecodable bytes is escaped in every line of output."""
    _skip_unless(("posix",))
    data_dir = assemble_case(HOSTILE_DIR / "file-name-escapes", tmp_path / "data")
    gen_file_name_escapes(data_dir, pytest.MonkeyPatch())
    for fmt in ("terminal", "json"):
        out, err = run_both("validate", "--data-dir", str(data_dir), "--format", fmt, code=1)
        assert "\x1b" not in out + err
        assert "\udce1" not in out + err
        assert "esc\\x1b[31mred.yaml" in out.replace("\\\\", "\\")


def test_display_name() -> None:
    assert dataset_module.display_name("progress/2025/so-gd.yaml") == "progress/2025/so-gd.yaml"
    assert dataset_module.display_name("a\x1bb.yaml") == "a\\x1bb.yaml"
    assert dataset_module.display_name(os.fsdecode(b"a\xe1.yaml")) == "a\\xe1.yaml"
    assert dataset_module.display_name("sở.yaml") == "sở.yaml"
    assert dataset_module.display_name("a\u2028b") == "a\\u2028b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no\n", {"a": "no"}),
        ("a: yes\n", {"a": "yes"}),
        ("a: on\n", {"a": "on"}),
        ("a: off\n", {"a": "off"}),
        ("a: y\n", {"a": "y"}),
        ("a: true\n", {"a": True}),
        ("a: False\n", {"a": False}),
        ("a: 2025-12-14\n", {"a": "2025-12-14"}),
        ("a: 1e3\n", {"a": 1000.0}),
        ("a: 08\n", {"a": 8}),
        ("a: '08'\n", {"a": "08"}),
        ("a: !!str 08\n", {"a": "08"}),
        ("a: ! 08\n", {"a": "08"}),
        ("a: 0x1F\n", {"a": "0x1F"}),
        ("a: 1_000\n", {"a": "1_000"}),
        ("a: 97,4\n", {"a": "97,4"}),
        ("a: ~\n", {"a": None}),
        ("a:\n", {"a": None}),
        ("a: |\n  one\n  two\n", {"a": "one\ntwo\n"}),
        ("a: one\n  two\n", {"a": "one two"}),  # folded: a space, never a control character
        ("a: " + "9" * 5000 + "\n", {"a": float("inf")}),
    ],
)
def test_yaml_traps(text: str, expected: dict[str, Any]) -> None:
    """The loader's documented YAML rules, on the smallest documents."""
    document, problems = loader.load_text(text, "t.yaml")
    assert not problems
    assert document is not None
    assert document.data == expected
    assert type(document.data["a"]) is type(expected["a"])


def test_alias_expansion_keeps_positions() -> None:
    text = "a: &x {b: 1}\nc: *x\nd: [*x, *x]\n"
    document, problems = loader.load_text(text, "t.yaml")
    assert not problems and document is not None
    assert document.data == {"a": {"b": 1}, "c": {"b": 1}, "d": [{"b": 1}, {"b": 1}]}
    assert document.location(("c",)).line == 2  # the alias, not the anchor
    assert document.location(("c", "b")).line == 1  # inside: where the value was written
    assert document.location(("d", 1)).column == 9


def test_alias_as_key_and_redefined_anchor() -> None:
    text = "k: &n name\n*n : 1\nx: &n 2\ny: *n\n"
    document, problems = loader.load_text(text, "t.yaml")
    assert not problems and document is not None
    assert document.data == {"k": "name", "name": 1, "x": 2, "y": 2}


def test_complex_key_value_is_skipped_with_its_alias_key() -> None:
    text = "m: &m {a: 1}\n*m : 2\n? [x]\n: 3\nok: 4\n"
    document, problems = loader.load_text(text, "t.yaml")
    assert document is None
    assert [(p.code, p.location.line) for p in problems] == [("Y111", 2), ("Y111", 3)]


def test_standard_tags_are_honoured() -> None:
    text = (
        'a: !!int "42"\nb: !!float 1\nc: !!bool "true"\nd: !!null ""\ne: !!str 08\n'
        "f: !!seq [1]\ng: !!map {x: 1}\nh: ! 12\n!!str 9: k\n"
    )
    document, problems = loader.load_text(text, "t.yaml")
    assert not problems and document is not None
    assert document.data == {
        "a": 42, "b": 1.0, "c": True, "d": None, "e": "08", "f": [1], "g": {"x": 1}, "h": "12",
        "9": "k",
    }  # fmt: skip
    assert type(document.data["b"]) is float
    huge = "9" * 400  # an int beyond any float: inf, never an OverflowError
    document, problems = loader.load_text(f"a: !!float {huge}\nb: !!float .inf\n", "t.yaml")
    assert not problems and document is not None
    assert document.data == {"a": math.inf, "b": math.inf}


def test_escapes_tabs_and_line_breaks_stay_allowed() -> None:
    text = 'a: "x\\ty\\nz \\u00e9 \\U0001F600 \\\\e \\L"\n'
    document, problems = loader.load_text(text, "t.yaml")
    assert not problems and document is not None
    assert document.data == {"a": "x\ty\nz é 😀 \\e \u2028"}


CONTROL_CODES = (
    'unit: "so-gd\\e[31m"\n',  # S209: an id (models/common.py quotes it)
    '    status: "\\e[2J"\n',  # S204: an enum value (schema.py)
    '    completed_on: "\\e]0;title\\a"\n',  # S205: a date (schema.py)
)


def _control_code_report(data_dir: Path) -> None:
    text = _report_text().replace("unit: so-gd\n", CONTROL_CODES[0], 1)
    text = text.replace("    status: done\n", CONTROL_CODES[1], 1)
    text = text.replace("    completed_on: 2025-11-20\n", CONTROL_CODES[2], 1)
    _write(data_dir / REPORT, text)


def test_control_codes_in_values_are_refused_at_their_escapes(tmp_path: Path) -> None:
    """An escaped control character is Y123 at its escape: it never reaches a model."""
    data_dir = tmp_path / "data"
    shutil.copytree(BASE_DIR, data_dir)
    _control_code_report(data_dir)
    dataset = load_dataset(data_dir)
    found = [(d.code, d.location.line, d.location.column) for d in dataset.diagnostics]
    assert found == [("Y123", 2, 13), ("Y123", 14, 14), ("Y123", 15, 20)], found
    assert all("U+001B" in d.message("en") for d in dataset.diagnostics)


def test_an_id_with_control_codes_is_quoted_escaped() -> None:
    """Were one to reach a model, the S209 message shows it escaped."""
    from kh284.validate.models.common import _quote

    assert _quote("so-gd\x1b[31m") == "so-gd\\x1b[31m"


def test_values_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(BASE_DIR, data_dir)
    _control_code_report(data_dir)
    out, err = run_both(
        "validate", "--data-dir", str(data_dir), "--format", "terminal", "--lang", "en", code=1
    )
    assert "\x1b" not in out + err
    assert "\x07" not in out + err


def test_a_lone_surrogate_or_escape_never_reaches_json_html_or_xlsx(tmp_path: Path) -> None:
    """Once refused by the loader (Y124, Y123) the text cannot break a writer (X901)."""
    data_dir = tmp_path / "data"
    shutil.copytree(BASE_DIR, data_dir)
    _write(data_dir / REPORT, _note('"\\ud800 \\e"'))
    out = tmp_path / "check.json"
    run_both("check", "--data-dir", str(data_dir), "--format", "json", "-o", str(out), code=1)
    found = json.loads(out.read_text(encoding="utf-8"))["diagnostics"]
    assert [(d["code"], d["line"], d["column"]) for d in found if d["code"][0] == "Y"] == [
        ("Y124", 17, 8)
    ]
    pytest.importorskip("openpyxl")
    for fmt in ("html", "xlsx"):
        report = tmp_path / f"report.{fmt}"
        args = ("report", "--data-dir", str(data_dir), "--as-of", "2026-01-01")
        _, err = run_both(*args, "--format", fmt, "-o", str(report), code=1)
        assert "X901" not in err and report.stat().st_size > 0
