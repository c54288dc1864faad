"""Format versions and ``kh284 migrate`` (issue 28).

Every migration step has a case folder ``tests/migrations/v<N>-to-v<N+1>/`` with a data
directory in format N (``before``) and the same directory as ``kh284 migrate`` must write
it (``after``); both hold invented test data and say so.  The steps run on a copy: the
result must be ``after`` byte for byte, a second run must change nothing, every comment
line must survive, ``--check`` and ``--diff`` must write nothing, and errors must leave
the directory untouched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_both, run_json
from kh284.load import migrate

MIGRATIONS = ROOT / "tests" / "migrations"
V1 = MIGRATIONS / "v1-to-v2"
AS_OF = ("--as-of", "2026-01-01")


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def codes(data_dir: Path, as_of: str = AS_OF[1]) -> list[str]:
    """The codes ``kh284 validate`` finds in ``data_dir`` as of ``as_of`` (JSON output)."""
    found = run_json("validate", "--data-dir", str(data_dir), "--as-of", as_of, code=None)
    return sorted(d["code"] for d in found["diagnostics"])


def comment_lines(folder: Path) -> list[str]:
    return sorted(
        line.strip()
        for path in folder.rglob("*.yaml")
        for line in path.read_text("utf-8").splitlines()
        if line.strip().startswith("#")
    )


@pytest.fixture
def before(tmp_path: Path) -> Path:
    """A copy of the v1 data directory (format 1)."""
    return Path(shutil.copytree(V1 / "before", tmp_path / "data"))


@pytest.mark.parametrize("step", migrate.STEPS, ids=lambda s: s.cases)
def test_every_step_has_its_case_folder_and_gives_exactly_after(
    step: migrate.Step, tmp_path: Path
) -> None:
    folder = MIGRATIONS / step.cases
    assert (folder / "before").is_dir() and (folder / "after").is_dir()
    assert step.changelog and step.kinds
    data = Path(shutil.copytree(folder / "before", tmp_path / "data"))
    run_both("migrate", "--data-dir", str(data))
    assert files_of(data) == files_of(folder / "after")
    # twice is a no-op: nothing printed on stdout, nothing written, exit 0
    out, err = run_both("migrate", "--data-dir", str(data), "--lang", "en")
    assert out == "" and "already in format 2" in err
    assert files_of(data) == files_of(folder / "after")


def test_the_older_format_is_read_with_one_warning_and_migrated_clean(before: Path) -> None:
    assert codes(before) == ["S230"]
    out, _ = run_both("validate", "--data-dir", str(before), *AS_OF, "--lang", "en")
    assert "format 1" in out and "format 2" in out and "kh284 migrate --data-dir" in out
    kept = comment_lines(before)
    run_both("migrate", "--data-dir", str(before))
    assert codes(before) == []
    # every comment line of the original files is still there, and the guess is marked
    migrated = comment_lines(before)
    for line in kept:
        assert line in migrated
        migrated.remove(line)
    assert any(migrate.CHECK_COMMENT in line for line in (before / "targets.yaml").open())


def test_check_exits_1_before_and_0_after_and_writes_nothing(before: Path) -> None:
    original = files_of(before)
    out, err = run_both("migrate", "--data-dir", str(before), "--check", "--lang", "en", code=1)
    assert "targets.yaml: format 1 → 2" in out and "+ format: 2" in out
    assert "kh284 migrate --data-dir" in err
    assert files_of(before) == original
    run_both("migrate", "--data-dir", str(before))
    run_both("migrate", "--data-dir", str(before), "--check", code=0)


def test_diff_shows_a_unified_diff_and_writes_nothing(before: Path) -> None:
    original = files_of(before)
    out, err = run_both("migrate", "--data-dir", str(before), "--diff", "--lang", "en")
    assert "--- " in out and "+++ " in out and "@@ " in out
    assert "\n+format: 2\n" in out and '\n+kind: "Kế hoạch"\n' in out
    assert "\n+    scale: {min: 0, max: 2}\n" in out
    assert "no file written" in err
    assert files_of(before) == original
    run_both("migrate", "--data-dir", str(before), "--diff", "--check", code=1)
    assert files_of(before) == original


def test_a_guess_is_warned_at_its_line(before: Path) -> None:
    out, _ = run_both("migrate", "--data-dir", str(before), "--lang", "en")
    lines = (before / "targets.yaml").read_text("utf-8").splitlines()
    marked = [i + 1 for i, line in enumerate(lines) if migrate.CHECK_COMMENT in line]
    assert len(marked) == 1
    assert f"targets.yaml:{marked[0]}:" in out and "S232" in out
    assert "'scale'" in out and "0-3" in out


def test_errors_block_the_migration_and_leave_the_directory_untouched(before: Path) -> None:
    targets = before / "targets.yaml"
    targets.write_text(targets.read_text("utf-8") + "targets: []\n", "utf-8")  # duplicate key
    original = files_of(before)
    out, _ = run_both("migrate", "--data-dir", str(before), "--lang", "en", code=1)
    assert "Y103" in out and "S233" in out and "targets.yaml:" in out
    assert files_of(before) == original
    run_both("migrate", "--data-dir", str(before), "--check", code=1)
    assert files_of(before) == original


def test_a_newer_format_is_an_error_and_is_not_migrated(before: Path) -> None:
    plan = before / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("number:", "format: 3\nnumber:", 1), "utf-8")
    assert "S231" in codes(before)
    original = files_of(before)
    out, _ = run_both("migrate", "--data-dir", str(before), "--lang", "en", code=1)
    assert "S231" in out and "upgrade kh284" in out
    assert files_of(before) == original


def test_an_explicit_format_1_is_rewritten_in_place(before: Path) -> None:
    plan = before / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("number:", "format: 1\nnumber:", 1), "utf-8")
    assert codes(before) == ["S230"]
    run_both("migrate", "--data-dir", str(before))
    text = plan.read_text("utf-8")
    assert text.count("format:") == 1 and "format: 2\nnumber:" in text
    assert codes(before) == []


def test_the_warning_is_the_same_cached_and_uncached(before: Path) -> None:
    first = run_both("validate", "--data-dir", str(before), *AS_OF)
    again = run_both("validate", "--data-dir", str(before), *AS_OF)
    fresh = run_both("validate", "--data-dir", str(before), *AS_OF, "--no-cache")
    assert first == again == fresh
    assert "S230" in first[0]


def test_line_endings_and_byte_order_mark_are_kept(before: Path) -> None:
    for name in ("plan.yaml", "targets.yaml"):
        path = before / name
        text = path.read_text("utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    run_both("migrate", "--data-dir", str(before))
    for name in ("plan.yaml", "targets.yaml"):
        raw = (before / name).read_bytes()
        assert (
            raw.startswith(b"\xef\xbb\xbf")
            and b"\r\n" in raw
            and b"\n" not in raw.replace(b"\r\n", b"")
        )
        expected = (V1 / "after" / name).read_text("utf-8").replace("\n", "\r\n")
        assert raw[3:].decode("utf-8") == expected
    assert codes(before) == []


def test_a_flow_style_target_gets_its_scale_without_a_comment(before: Path) -> None:
    targets = before / "targets.yaml"
    targets.write_text(
        targets.read_text("utf-8")
        + '  - {id: muc-x, name: "(MINH HỌA) Mức X", name_en: "(INVENTED) Level X", '
        'group: "Phổ cập", clause: "I.2-2", text: "(MINH HỌA) mức 5", unit: level, '
        "comparator: at_least, value: 5, due_year: 2030, direction: increase, "
        "scope: {kind: area, area: tinh-a}}\n",
        "utf-8",
    )
    out, _ = run_both("migrate", "--data-dir", str(before), "--lang", "en")
    assert "value: 5, scale: {min: 0, max: 5}, due_year" in targets.read_text("utf-8")
    assert out.count("S232") == 2
    assert codes(before) == []


def test_a_rewrite_that_would_change_the_data_is_refused() -> None:
    raw = (V1 / "before" / "plan.yaml").read_bytes()
    rewritten = migrate.rewrite(raw, "plan.yaml", "plan", 1, {"number": "other"})
    assert rewritten.problem is not None and rewritten.problem.code == "S234"
    assert not rewritten.changed


@pytest.mark.parametrize(
    ("title", "kind", "sure"),
    [
        ("KẾ HOẠCH\nTRIỂN KHAI ...", "Kế hoạch", True),
        ("NGHỊ QUYẾT\nVỀ ...", "Nghị quyết", True),
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG\nTHỰC HIỆN ...", "Chương trình hành động", True),
        ("QUYẾT ĐỊNH", "Quyết định", True),
        ("BÁO CÁO\nKẾT QUẢ", "Báo cáo", False),
        ("", migrate.DEFAULT_KIND, False),
        (None, migrate.DEFAULT_KIND, False),
        ("về việc triển khai", migrate.DEFAULT_KIND, False),
    ],
)
def test_the_kind_comes_from_the_titles_first_line(
    title: str | None, kind: str, sure: bool
) -> None:
    assert migrate.infer_kind(title) == (kind, sure)


@pytest.mark.parametrize(
    ("target", "scale", "sure"),
    [
        ({"measure": "pcgd-thcs-muc-do", "name": "x"}, (0, 3), True),
        ({"id": "a", "name": "Đạt chuẩn phổ cập giáo dục tiểu học mức độ 3"}, (0, 3), True),
        ({"id": "pcgd-mam-non-5-tuoi", "name": "x"}, (0, 1), True),
        ({"id": "b", "name": "Số huyện đạt chuẩn xóa mù chữ mức độ 2"}, (0, 2), True),
        ({"measure": "xoa-mu-chu-muc-do"}, (0, 2), True),
        ({"id": "c", "name": "Mức chất lượng", "value": 2}, (0, 3), False),
        ({"id": "c", "name": "Mức chất lượng", "value": 4}, (0, 4), False),
        (
            {"id": "d", "scope": {"kind": "count_of_areas", "area_value": 6}, "value": 2},
            (0, 6),
            False,
        ),
    ],
)
def test_the_scale_is_inferred_or_the_default_holds_the_level(
    target: dict[str, object], scale: tuple[int, int], sure: bool
) -> None:
    assert migrate.infer_scale(target) == (scale, sure)


def test_shipped_data_is_in_the_current_format() -> None:
    for folder in (ROOT / "data", ROOT / "examples" / "demo", ROOT / "tests" / "cases" / "base"):
        text = (folder / "plan.yaml").read_text("utf-8")
        assert f"format: {migrate.CURRENT}\nnumber:" in text


def test_the_pre_commit_hook_checks_the_format() -> None:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "kh284-migrate-check")
    assert hook["entry"] == "kh284 migrate --check" and hook["pass_filenames"] is False


def _as_format_1(source: Path, dest: Path) -> Path:
    """``source`` written back as format 1: no ``format``, no ``kind``, no ``scale``."""
    shutil.copytree(source, dest)
    plan, targets = dest / "plan.yaml", dest / "targets.yaml"
    keep = [
        line
        for line in plan.read_text("utf-8").splitlines(keepends=True)
        if not line.startswith(("format:", "kind:"))
    ]
    plan.write_text("".join(keep), "utf-8")
    targets.write_text(
        "".join(
            line
            for line in targets.read_text("utf-8").splitlines(keepends=True)
            if not line.lstrip().startswith("scale:")
        ),
        "utf-8",
    )
    return dest


@pytest.mark.parametrize("example", ["demo", "chuong-trinh-bo"])
def test_an_example_written_in_format_1_migrates_back_to_its_findings(
    example: str, tmp_path: Path
) -> None:
    source = ROOT / "examples" / example
    old = _as_format_1(source, tmp_path / "data")
    shipped = codes(source, "2026-12-31")
    assert codes(old, "2026-12-31") == sorted([*shipped, "S230"])
    kept = comment_lines(old)
    run_both("migrate", "--data-dir", str(old))
    assert codes(old, "2026-12-31") == shipped
    assert all(line in comment_lines(old) for line in kept)
    for name in ("plan.yaml", "targets.yaml"):  # the same keys and values as shipped
        migrated = (old / name).read_text("utf-8").splitlines()
        assert sorted(migrated) == sorted((source / name).read_text("utf-8").splitlines())
