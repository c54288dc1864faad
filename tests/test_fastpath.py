"""The fast path (libyaml) and the exact path (positions) must agree, and be really fast.

The property tests generate documents — valid ones and broken ones — and assert that
whenever the fast path reads a text, it gives the same data as the exact loader, and that
it gives up whenever the exact loader has something to say.  A whole data directory read
through the cache and the fast path gives the same diagnostics, with the same locations,
as one read exactly.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, DEMO
from kh284.load import fast as fastload
from kh284.load.cache import Cache
from kh284.load.exact import load_text
from kh284.load.fast import fast_load
from kh284.load.reading import LazyDocument, read_document
from kh284.load.snapshot import FileRead
from kh284.pipeline import run

#: Examples per property test; KH284_FUZZ_EXAMPLES raises it for a longer campaign.
EXAMPLES = int(os.environ.get("KH284_FUZZ_EXAMPLES", "400"))


def test_the_fast_path_is_really_libyaml() -> None:
    assert yaml.__with_libyaml__, "PyYAML was installed without libyaml: no fast path"
    assert fastload.FAST_PATH_ACTIVE
    assert issubclass(fastload._Composer, yaml._yaml.CParser)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


SCALARS = st.sampled_from([
    "no", "yes", "on", "off", "true", "False", "~", "null", "", "08", "007", "1e3", "-1.5",
    "+3", ".inf", "-.Inf", ".nan", "0x1F", "1_000", "97,4", "2025-12-14", "14/12/2025",
    "Sở GD&ĐT", "Sở GD&ĐT", "'08'", '"no"', "!!str 08", "a: b", "&a x", "*a", "[1, 2]",
    "{k: v}", "'it''s'", '"tab\\there"', "|\n  text", ">\n  folded", "# c", "x # c",
    '"esc\\e"', '"\\ud800"', '"\\x85"', '"\\N"', '"back\\\\slash"', "C:\\x\\y", "!!int 42",
    "!!float 1", "!!int x", "!!seq {}", "!!map {a: 1}", "!!binary aGk=", '"\\u00e9"',
    "! 97.4", "! 12", "! [1]", '"v"# c', "[-]", "[a, -]", "a\tb", "1\t# c",
])  # fmt: skip
KEYS = st.sampled_from(["unit", "period", "value", "Sở", "Sở", "2025", "no", "a b", "x"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(KEYS)
        kind = draw(st.sampled_from(["scalar", "list", "map", "flow"]))
        if kind == "scalar":
            lines.append(f"{key}: {draw(SCALARS)}")
        elif kind == "list":
            items = draw(st.lists(SCALARS, min_size=1, max_size=3))
            lines.append(f"{key}:")
            lines.extend(f"  - {item}" for item in items)
        elif kind == "map":
            lines.append(f"{key}:")
            for _ in range(draw(st.integers(1, 3))):
                lines.append(f"  {draw(KEYS)}: {draw(SCALARS)}")
        else:
            lines.append(f"{key}: [{draw(SCALARS)}, {{{draw(KEYS)}: {draw(SCALARS)}}}]")
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        position = draw(st.integers(0, len(text)))
        text = (
            text[:position]
            + draw(st.sampled_from(["\t", ":", "- ", "[", "'", "\n  x"]))
            + text[position:]
        )
    return text


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents())
def test_fast_and_exact_paths_agree(text: str) -> None:
    fast = fast_load(text)
    document, problems = load_text(text, "t.yaml")
    if fast is None:
        return  # the exact loader decides
    assert not problems, f"the fast path read a text the exact loader faults: {problems}"
    assert document is not None and same(fast, document.data)


def test_lazy_document_locates_exactly(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("unit: so-gddt\nperiod: 2025\nindicators:\n  - target: x\n    value: 1\n")
    document, problems = read_document(FileRead("r.yaml", path.read_bytes(), []), Cache(None))
    assert isinstance(document, LazyDocument) and not problems
    exact, _ = load_text(path.read_text(), "r.yaml")
    assert exact is not None
    for p in [("unit",), ("indicators", 0, "value"), ("indicators", 0), ("missing",)]:
        assert document.location(p) == exact.location(p)


def diagnostics(data_dir: Path, cache: Cache) -> list[tuple[str, str, int | None, int | None]]:
    outcome = run(data_dir, dt.date(2026, 12, 31), evaluate=True, cache=cache)
    return [(d.code, d.location.file, d.location.line, d.location.column)
            for d in outcome.diagnostics]  # fmt: skip


@pytest.mark.parametrize("data_dir", [DATA, DEMO], ids=["data", "demo"])
def test_cached_fast_run_equals_exact_run(tmp_path: Path, data_dir: Path) -> None:
    exact = diagnostics(data_dir, Cache(None))
    cache = Cache(tmp_path / "cache")
    assert diagnostics(data_dir, cache) == exact  # cold: fills the cache
    assert diagnostics(data_dir, cache) == exact  # warm: from the cache
    assert cache.hits > 0


def test_changed_file_is_a_miss_and_corrupt_entries_are_ignored(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cache = Cache(tmp_path / "cache")
    before = diagnostics(data, cache)
    report = next((data / "progress").rglob("*.yaml"))
    report.write_text(report.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    after = diagnostics(data, cache)
    assert after != before and any(code == "S201" for code, *_ in after)
    for entry in (tmp_path / "cache").rglob("*.json*"):  # results and packs of entries
        entry.write_bytes(b"not an entry")
    assert diagnostics(data, Cache(tmp_path / "cache")) == after


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents())
def test_fast_source_map_equals_the_exact_one(text: str) -> None:
    from kh284.load.fast import fast_read, positions

    read = fast_read(text)
    if read is None:
        return
    document, _ = load_text(text, "t.yaml")
    assert document is not None
    fast = positions(*read)
    assert fast.values == document.source_map.values
    assert fast.keys == document.source_map.keys


@pytest.mark.parametrize("name", ["plan.yaml", "units.yaml", "targets.yaml", "events.yaml"])
def test_fast_source_map_of_the_real_files(name: str) -> None:
    from kh284.load.fast import fast_read, positions

    text = (DATA / name).read_text(encoding="utf-8")
    document, _ = load_text(text, name)
    read = fast_read(text)
    assert document is not None and read is not None
    fast = positions(*read)
    assert fast.values == document.source_map.values
    assert fast.keys == document.source_map.keys


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in ``data``, and beside each a few that do not exist."""
    found = [path, (*path, "absent"), (*path, 99), (*path, 0)]
    if isinstance(data, dict):
        for key, child in data.items():
            found += _paths(child, (*path, key))
    elif isinstance(data, list):
        for index, child in enumerate(data):
            found += _paths(child, (*path, index))
    return found


def _locates_as_the_map(text: str) -> None:
    read = fastload.fast_read(text)
    if read is None:
        return
    data, marks = read
    whole = fastload.positions(data, marks)
    for path in _paths(data):
        for key in (False, True):
            assert fastload.locate(data, marks, path, key=key) == whole.locate(path, key=key)


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents())
def test_one_position_is_found_as_the_whole_map_finds_it(text: str) -> None:
    _locates_as_the_map(text)


@pytest.mark.parametrize(
    "path", sorted(DATA.rglob("*.yaml")) + sorted(DEMO.rglob("*.yaml")), ids=str
)
def test_one_position_of_the_real_files(path: Path) -> None:
    _locates_as_the_map(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "a:",
        "a:\n  ",
        "a:\n  b:\n# c",
        "a: 1\nb:",
        "a:\n",
        "- " * 70 + "x\n",
        "k:\n" + "".join("  " * i + "-\n" for i in range(70)),
    ],
)
def test_the_fast_path_answers_as_the_exact_loader_at_the_edges(text: str) -> None:
    """An empty value at the end of a text without a final line break (libyaml places it on
    a line below the text, the exact loader at its end), nesting past the exact loader's
    depth limit on few lines: the fast path gives the exact loader's answer, or none."""
    from kh284.load.fast import fast_read, positions

    read = fast_read(text)
    if read is None:
        return
    document, problems = load_text(text, "t.yaml")
    assert document is not None, [str(p) for p in problems]
    assert same(read[0], document.data)
    fast = positions(*read)
    assert fast.values == document.source_map.values
    assert fast.keys == document.source_map.keys
