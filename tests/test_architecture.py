"""The layout the architecture promises (docs/ARCHITECTURE.md): stages, no import cycles.

Imports are read from the source (module level and inside functions, not those only for
type checkers); a package's ``__init__`` counts as the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "kh284"
#: The only modules allowed outside the stage packages.
TOP_LEVEL = {"__init__", "__main__", "pipeline"}
STAGES = {
    "i18n",
    "views",
    "cli",
    "load",
    "validate",
    "evaluate",
    "diagnostics",
    "render",
    "reports",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The kh284 modules ``path`` imports (resolved to the longest known module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for t in ast.walk(tree) if _type_checking_only(t) for n in ast.walk(t)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("kh284"):
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the kh284 modules it imports."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        graph[name] = {m for m in imports_of(path, modules) if m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules along it, or None."""
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


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_only_the_pipeline_and_the_vocabulary_live_outside_the_stages() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == STAGES


def test_every_module_says_what_it_owns() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(ROOT)} has no module docstring"


def test_stages_do_not_reach_up() -> None:
    """load knows nothing of the later stages; evaluate renders nothing; no stage imports cli
    except the reports' evaluation, which is ``kh284 check``'s own view."""
    later = {
        "kh284.load": ("kh284.validate", "kh284.evaluate", "kh284.render", "kh284.cli"),
        # (the reviewer's checks ask evaluate.deadlines which deliverable a report is about)
        "kh284.validate": ("kh284.render", "kh284.cli", "kh284.pipeline", "kh284.reports"),
        "kh284.evaluate": ("kh284.render", "kh284.cli", "kh284.pipeline", "kh284.reports"),
        "kh284.diagnostics": ("kh284.evaluate", "kh284.render", "kh284.cli", "kh284.pipeline"),
    }
    graph = import_graph()
    for module, imported in graph.items():
        for stage, forbidden in later.items():
            if module == stage or module.startswith(stage + "."):
                bad = sorted(m for m in imported if m.startswith(forbidden))
                assert not bad, f"{module} imports {bad}"
