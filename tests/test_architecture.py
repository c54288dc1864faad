"""The layout the architecture promises (docs/ARCHITECTURE.md): stages in one order, no cycle.

Every import counts, as import-linter counts them by default: at module level, inside
functions, under ``TYPE_CHECKING``, relative ones (resolved against the module's package)
and ``import kh284.x.y``.  An imported name resolves to the longest kh284 module it names;
a package's ``__init__`` counts as the package.  There is no exemption: a module imports
only its own package and the packages before it in ``ORDER``.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "kh284"
#: The only modules allowed outside the stage packages.
TOP_LEVEL = {"__init__", "__main__", "pipeline"}
#: The stage packages; every one must exist.
STAGES = {"i18n", "diagnostics", "load", "validate", "evaluate", "render", "reports", "cli"}
#: Stage packages that may exist (the query layer), but need not.
OPTIONAL_STAGES = {"views"}
#: The allowed order, lowest first: a module may import only its own package (or top-level
#: module) and earlier ones.  The top-level ``kh284`` module (``__init__``, the version) sits
#: below them all: anyone may import it, and it imports nothing of kh284.
ORDER = (
    "i18n",
    "diagnostics",
    "load",
    "validate",
    "evaluate",
    "pipeline",
    "views",
    "render",
    "reports",
    "cli",
    "__main__",
)
ROOT_MODULE = "kh284"

Graph = dict[str, set[str]]


# -- reading imports ------------------------------------------------------------------------


def _module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _known(name: str, modules: set[str]) -> str | None:
    """The longest module of ``modules`` that ``name`` is or lies inside, if any."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_in(source: str, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``source`` (the text of ``module``) imports.

    Every ``import`` and ``from … import`` anywhere in the tree counts (functions,
    ``if TYPE_CHECKING:``, ``try:``); relative imports are resolved against the module's
    package (``module`` itself when ``is_package``).
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                up = node.level - 1
                assert up < len(package), f"{module}: relative import beyond the top level"
                anchor = ".".join(package[: len(package) - up])
                base = f"{anchor}.{base}" if base else anchor
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            known = _known(name, modules)
            if known is not None:
                found.add(known)
    found.discard(module)
    return found


def import_graph(root: Path = PACKAGE) -> Graph:
    """Module → the kh284 modules it imports, for every module under ``root``."""
    paths = {_module_name(p, root): p for p in root.rglob("*.py")}
    modules = set(paths)
    return {
        name: imports_in(path.read_text(encoding="utf-8"), name, path.stem == "__init__", modules)
        for name, path in paths.items()
    }


# -- cycles and layers ----------------------------------------------------------------------


def find_cycle(graph: Graph) -> list[str] | None:
    """One import cycle, as the list of nodes along it (first repeated last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def package_of(module: str) -> str:
    """The stage package or top-level module ``module`` belongs to (``kh284`` for the root)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT_MODULE


def package_graph(graph: Graph) -> Graph:
    """Package → the other packages its modules import."""
    packages: Graph = {}
    for module, imported in graph.items():
        edges = packages.setdefault(package_of(module), set())
        edges.update(package_of(m) for m in imported)
    for package, edges in packages.items():
        edges.discard(package)
    return packages


def rank(package: str) -> int:
    """Where ``package`` sits in ``ORDER``: -1 for the root module, below every stage."""
    return -1 if package == ROOT_MODULE else ORDER.index(package)


def order_breaches(graph: Graph) -> list[str]:
    """Every import ``importer → imported`` that reaches a later package, as text."""
    breaches = []
    for module, imported in sorted(graph.items()):
        mine = package_of(module)
        for other in sorted(imported):
            theirs = package_of(other)
            if theirs == mine:
                continue
            if mine == ROOT_MODULE or rank(theirs) > rank(mine):
                breaches.append(f"{module} → {other} ({mine} may not import {theirs})")
    return breaches


# -- the real package -------------------------------------------------------------------------


def test_no_import_cycle_between_modules() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_no_import_cycle_between_packages() -> None:
    cycle = find_cycle(package_graph(import_graph()))
    assert cycle is None, "package cycle: " + " → ".join(cycle or [])


def test_packages_import_only_their_own_and_earlier_ones() -> None:
    breaches = order_breaches(import_graph())
    assert not breaches, "imports against the order of packages:\n" + "\n".join(breaches)


def test_the_graph_is_read_at_all() -> None:
    """The checks above are about something: the real graph has the edges everyone knows."""
    graph = import_graph()
    assert {package_of(m) for m in graph} >= STAGES | {"pipeline", "__main__", ROOT_MODULE}
    assert "kh284.cli" in graph["kh284.__main__"]
    assert any(m.startswith("kh284.load.") for m in graph["kh284.pipeline"])
    assert sum(len(edges) for edges in graph.values()) > 100


def test_only_the_pipeline_and_the_entry_point_live_outside_the_stages() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert STAGES <= packages <= STAGES | OPTIONAL_STAGES
    assert set(ORDER) == STAGES | OPTIONAL_STAGES | TOP_LEVEL - {"__init__"}


def test_every_module_says_what_it_owns() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(ROOT)} has no module docstring"


# -- the reader and the checks, on tiny synthetic inputs --------------------------------------

SYNTHETIC = {"kh284", "kh284.a", "kh284.a.x", "kh284.a.y", "kh284.b", "kh284.b.z", "kh284.c"}


def _read(source: str, module: str = "kh284.a.x", is_package: bool = False) -> set[str]:
    return imports_in(textwrap.dedent(source), module, is_package, SYNTHETIC)


def test_the_reader_resolves_relative_imports() -> None:
    assert _read("from . import y") == {"kh284.a.y"}
    assert _read("from .y import thing") == {"kh284.a.y"}
    assert _read("from ..b import z") == {"kh284.b.z"}
    assert _read("from ..b.z import thing") == {"kh284.b.z"}
    assert _read("from .. import c") == {"kh284.c"}
    # in a package's __init__, "." is the package itself
    assert _read("from . import x", module="kh284.a", is_package=True) == {"kh284.a.x"}
    assert _read("from .. import b", module="kh284.a", is_package=True) == {"kh284.b"}


def test_the_reader_counts_type_checking_and_function_level_imports() -> None:
    source = """
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from kh284.b.z import Model

        def late() -> None:
            from kh284.c import helper
            import kh284.a.y
    """
    assert _read(source) == {"kh284.b.z", "kh284.c", "kh284.a.y"}


def test_the_reader_resolves_names_to_the_longest_module() -> None:
    assert _read("import kh284.b.z") == {"kh284.b.z"}
    assert _read("from kh284 import b") == {"kh284.b"}
    assert _read("from kh284 import __version__") == {"kh284"}
    assert _read("from kh284.b import thing") == {"kh284.b"}
    assert _read("import os\nfrom pathlib import Path") == set()
    assert _read("from . import x") == set()  # itself


def test_the_graph_is_read_from_files(tmp_path: Path) -> None:
    root = tmp_path / "kh284"
    (root / "a").mkdir(parents=True)
    (root / "__init__.py").write_text('"""root."""\n')
    (root / "a" / "__init__.py").write_text("from . import x\n")
    (root / "a" / "x.py").write_text("def f() -> None:\n    from .. import pipeline\n")
    (root / "pipeline.py").write_text("import kh284.a.x\n")
    graph = import_graph(root)
    assert graph == {
        "kh284": set(),
        "kh284.a": {"kh284.a.x"},
        "kh284.a.x": {"kh284.pipeline"},
        "kh284.pipeline": {"kh284.a.x"},
    }
    assert find_cycle(graph) == ["kh284.a.x", "kh284.pipeline", "kh284.a.x"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_packages_form_a_cycle_where_modules_do_not() -> None:
    graph = {
        "kh284.load.a": {"kh284.validate.b"},
        "kh284.validate.b": set(),
        "kh284.validate.c": {"kh284.load.d"},
        "kh284.load.d": set(),
    }
    assert find_cycle(graph) is None
    assert package_graph(graph) == {"load": {"validate"}, "validate": {"load"}}
    assert find_cycle(package_graph(graph)) == ["load", "validate", "load"]


def test_the_order_names_the_edge_that_breaks_it() -> None:
    graph = {
        "kh284": set(),
        "kh284.i18n": {"kh284"},
        "kh284.load.files": {"kh284.i18n", "kh284.diagnostics", "kh284.load.registry"},
        "kh284.validate.checks.x": {"kh284.evaluate.tasks", "kh284.load.files"},
        "kh284.cli.app": {"kh284.pipeline", "kh284.views.query"},
    }
    assert order_breaches(graph) == [
        "kh284.validate.checks.x → kh284.evaluate.tasks (validate may not import evaluate)"
    ]
    assert order_breaches({"kh284": {"kh284.i18n"}}) == [
        "kh284 → kh284.i18n (kh284 may not import i18n)"
    ]
    assert order_breaches({"kh284.i18n": {"kh284.validate.models"}}) == [
        "kh284.i18n → kh284.validate.models (i18n may not import validate)"
    ]
