"""Mutation testing of kh284's decision logic: do the tests notice a wrong rule.

Each mutant is one small change to one module (``>`` into ``>=``, 0.95 into 0.96, ``and``
into ``or``, ``[-1]`` into ``[0]``, a ``continue`` removed, ``min`` into ``max`` ...).  The
module's tests (listed in ``tools/mutation.toml``) are run against each mutant in a copy of
the repository; a mutant is *killed* when a test fails (or the run times out), and it
*survives* when every test still passes.  A surviving mutant that cannot change behaviour is
*equivalent*; those are listed in ``tools/mutation.toml`` with the reason, by their id.

Usage (from the repository root, with the project's virtual environment)::

    python tools/mutation.py                          # every module, docs/MUTATION.md written
    python tools/mutation.py evaluate/targets.py      # one module (path under src/kh284)
    python tools/mutation.py --list evaluate/targets.py     # the mutants, without running
    python tools/mutation.py --jobs 2 --no-report ...

It takes minutes, not seconds: a developer's tool, not part of CI.  See docs/TESTING.md.
"""

from __future__ import annotations

import argparse
import ast
import copy
import datetime as dt
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "kh284"
CONFIG = ROOT / "tools" / "mutation.toml"
REPORT = ROOT / "docs" / "MUTATION.md"
#: Where the last run's per-mutant results are kept (one file per module), for
#: ``--survivors`` and for the report.
STATE = ROOT / ".mutation"

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
}
_SYMBOLS = {
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.And: "and",
    ast.Or: "or",
}
_CALL_SWAPS = {"min": "max", "max": "min", "any": "all", "all": "any"}


@dataclass
class Mutant:
    """One change to one module, and where it is."""

    module: str
    number: int
    line: int
    scope: str
    operator: str
    before: str
    after: str
    occurrence: int = 0
    outcome: str = "not run"
    seconds: float = 0.0

    @property
    def id(self) -> str:
        """A name that survives edits elsewhere in the module: scope, change, occurrence."""
        return f"{self.scope}:{self.operator}:{self.before}->{self.after}#{self.occurrence}"


class _Finder(ast.NodeVisitor):
    """Walks a module and lists every place a mutation applies, in source order."""

    def __init__(self) -> None:
        self.sites: list[tuple[int, str, str, str, str, list[int], str]] = []
        self._scope: list[str] = []
        self._path: list[int] = []

    # The path of a node is the list of child indices from the module down to it; mutants
    # are applied to a fresh copy of the tree by following that path.
    def walk(self, tree: ast.Module) -> None:
        self._visit(tree, [])

    def _visit(self, node: ast.AST, path: list[int]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self._scope.append(node.name)
        self._sites_of(node, path)
        for i, child in enumerate(_children(node)):
            if _skipped(node, child):
                continue
            self._visit(child, [*path, i])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self._scope.pop()

    def _add(self, path: list[int], line: int, op: str, before: str, after: str, how: str) -> None:
        scope = ".".join(self._scope) or "<module>"
        self.sites.append((line, scope, op, before, after, path, how))

    def _sites_of(self, node: ast.AST, path: list[int]) -> None:
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                swap = _COMPARE_SWAPS.get(type(op))
                if swap is not None:
                    self._add(path, line, "compare", _SYMBOLS[type(op)], _SYMBOLS[swap], f"cmp:{k}")
        elif isinstance(node, ast.BoolOp):
            other = "or" if isinstance(node.op, ast.And) else "and"
            self._add(path, line, "boolean", _SYMBOLS[type(node.op)], other, "bool")
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
            swap = _BINOP_SWAPS[type(node.op)]
            self._add(path, line, "arithmetic", _SYMBOLS[type(node.op)], _SYMBOLS[swap], "bin")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            self._add(path, line, "negation", "not", "", "unnot")
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            self._add(path, line, "constant", str(node.value), str(not node.value), "bool-const")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool)
        ):
            for new in _number_neighbours(node.value):
                self._add(path, line, "number", repr(node.value), repr(new), f"num:{new!r}")
        elif isinstance(node, (ast.Continue, ast.Break)):
            word = "continue" if isinstance(node, ast.Continue) else "break"
            self._add(path, line, "statement", word, "pass", "pass")
        elif isinstance(node, ast.Subscript):
            index = node.slice
            if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub):
                if isinstance(index.operand, ast.Constant) and index.operand.value == 1:
                    self._add(path, line, "index", "[-1]", "[0]", "idx0")
            elif isinstance(index, ast.Constant) and index.value == 0:
                self._add(path, line, "index", "[0]", "[-1]", "idx-1")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            swap = _CALL_SWAPS.get(node.func.id)
            if swap is not None:
                self._add(path, line, "call", node.func.id, swap, f"call:{swap}")


def _number_neighbours(value: float) -> list[float]:
    if isinstance(value, int):
        return [value + 1, value - 1]
    step = 0.01 if abs(value) < 1 else 1.0
    return [round(value + step, 10), round(value - step, 10)]


def _children(node: ast.AST) -> list[ast.AST]:
    return list(ast.iter_child_nodes(node))


def _skipped(parent: ast.AST, child: ast.AST) -> bool:
    """Annotations, docstrings, asserts and the like: no behaviour to mutate there."""
    if isinstance(parent, (ast.arg, ast.AnnAssign)) and child is parent.annotation:
        return True
    if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and child is parent.returns:
        return True
    if isinstance(child, (ast.Assert, ast.Import, ast.ImportFrom)):
        return True
    # ``raise ValueError(x)`` and the like: the text of an impossible branch
    return isinstance(child, ast.Raise)


def _follow(tree: ast.AST, path: list[int]) -> ast.AST:
    node = tree
    for i in path:
        node = _children(node)[i]
    return node


def _replace_child(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for name, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, name, new)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new
                    return
    raise LookupError("child not found")


def _mutate(tree: ast.Module, path: list[int], how: str) -> ast.Module:
    tree = copy.deepcopy(tree)
    node = _follow(tree, path)
    parent = _follow(tree, path[:-1]) if path else tree
    if how.startswith("cmp:"):
        assert isinstance(node, ast.Compare)
        k = int(how.split(":")[1])
        node.ops[k] = _COMPARE_SWAPS[type(node.ops[k])]()
    elif how == "bool":
        assert isinstance(node, ast.BoolOp)
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif how == "bin":
        assert isinstance(node, ast.BinOp)
        node.op = _BINOP_SWAPS[type(node.op)]()
    elif how == "unnot":
        assert isinstance(node, ast.UnaryOp)
        _replace_child(parent, node, node.operand)
    elif how == "bool-const":
        assert isinstance(node, ast.Constant)
        node.value = not node.value
    elif how.startswith("num:"):
        assert isinstance(node, ast.Constant)
        node.value = ast.literal_eval(how.split(":", 1)[1])
    elif how == "pass":
        _replace_child(parent, node, ast.Pass())
    elif how == "idx0":
        assert isinstance(node, ast.Subscript)
        node.slice = ast.Constant(0)
    elif how == "idx-1":
        assert isinstance(node, ast.Subscript)
        node.slice = ast.UnaryOp(ast.USub(), ast.Constant(1))
    elif how.startswith("call:"):
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        node.func.id = how.split(":", 1)[1]
    else:
        raise ValueError(how)
    return ast.fix_missing_locations(tree)


def mutants_of(module: str) -> Iterator[tuple[Mutant, str]]:
    """Every mutant of ``module`` (a path under src/kh284) with its mutated source."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    finder = _Finder()
    finder.walk(tree)
    seen: dict[str, int] = {}
    for number, (line, scope, op, before, after, path, how) in enumerate(finder.sites, 1):
        mutant = Mutant(module, number, line, scope, op, before, after)
        base = mutant.id
        mutant.occurrence = seen.get(base, 0)
        seen[base] = mutant.occurrence + 1
        yield mutant, ast.unparse(_mutate(tree, path, how))


def _config() -> dict[str, object]:
    with CONFIG.open("rb") as f:
        return tomllib.load(f)


def _workspace(base: Path, n: int) -> Path:
    """A copy of the repository (without .git and .venv) for one worker."""
    target = base / f"w{n}"
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "*.pyc"
    )
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def _run_tests(work: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(work / "src"),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONHASHSEED="0",
        KH284_CACHE_DIR=str(work / ".cache"),
    )
    shutil.rmtree(work / ".cache", ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-seed=0",
        *tests,
    ]
    start = time.monotonic()
    try:
        done = subprocess.run(
            command,
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start
    elapsed = time.monotonic() - start
    return ("survived" if done.returncode == 0 else "killed"), elapsed


def _one(
    item: tuple[Mutant, str],
    *,
    free: list[Path],
    module: str,
    tests: list[str],
    timeout: float,
    original: str,
    verbose: bool,
) -> Mutant:
    """Run one mutant in a free workspace and put the workspace back."""
    mutant, source = item
    work = free.pop()
    try:
        target = work / "src" / "kh284" / module
        target.write_text(source, encoding="utf-8")
        mutant.outcome, mutant.seconds = _run_tests(work, tests, timeout)
        target.write_text(original, encoding="utf-8")
    finally:
        free.append(work)
    if verbose:
        print(f"  {mutant.outcome:8} {module}:{mutant.line} {mutant.id}", flush=True)
    return mutant


def run(
    modules: list[str], jobs: int, only: set[str] | None, verbose: bool
) -> dict[str, list[Mutant]]:
    """Run the mutants of ``modules``; the results by module."""
    config = _config()
    module_tests: dict[str, list[str]] = config["modules"]  # type: ignore[assignment]
    results: dict[str, list[Mutant]] = {}
    with tempfile.TemporaryDirectory(prefix="kh284-mutation-") as tmp:
        workers = [_workspace(Path(tmp), n) for n in range(jobs)]
        for module in modules:
            tests = [t for t in module_tests[module] if (ROOT / t).exists()]
            for missing in sorted(set(module_tests[module]) - set(tests)):
                print(f"{module}: {missing} does not exist; run without it", file=sys.stderr)
            original = (PACKAGE / module).read_text(encoding="utf-8")
            outcome, seconds = _run_tests(workers[0], tests, timeout=600)
            if outcome != "survived":
                raise SystemExit(f"the tests of {module} fail without any mutant ({outcome})")
            timeout = max(30.0, seconds * 4)
            todo = [(m, src) for m, src in mutants_of(module) if only is None or m.id in only]
            free = list(workers)
            job = functools.partial(
                _one,
                free=free,
                module=module,
                tests=tests,
                timeout=timeout,
                original=original,
                verbose=verbose,
            )

            with ThreadPoolExecutor(jobs) as pool:
                done = list(pool.map(job, todo))
            results[module] = done
            print(_summary_line(module, done, _equivalents(config, module)), flush=True)
    return results


def _equivalents(config: dict[str, object], module: str) -> dict[str, str]:
    listed = config.get("equivalent", {})
    assert isinstance(listed, dict)
    found = listed.get(module, {})
    assert isinstance(found, dict)
    return {str(k): str(v) for k, v in found.items()}


def _counts(mutants: list[Mutant], equivalent: dict[str, str]) -> tuple[int, int, int, int]:
    total = len(mutants)
    killed = sum(1 for m in mutants if m.outcome in ("killed", "timeout"))
    eq = sum(1 for m in mutants if m.outcome == "survived" and m.id in equivalent)
    survived = sum(1 for m in mutants if m.outcome == "survived" and m.id not in equivalent)
    return total, killed, eq, survived


def _summary_line(module: str, mutants: list[Mutant], equivalent: dict[str, str]) -> str:
    total, killed, eq, survived = _counts(mutants, equivalent)
    score = 100.0 * killed / max(1, total - eq)
    return (
        f"{module}: {total} mutants, {killed} killed, {eq} equivalent, "
        f"{survived} surviving; {score:.1f} % of the non-equivalent killed"
    )


def write_report(results: dict[str, list[Mutant]], seconds: float) -> None:
    """docs/MUTATION.md: the last run, per module, with every equivalent and survivor."""
    config = _config()
    lines = [
        "# Mutation testing: the last run",
        "",
        "Written by `python tools/mutation.py` (see [TESTING.md](TESTING.md#mutation-testing));"
        " do not edit by hand.",
        "",
        f"Run on {dt.date.today():%d/%m/%Y} in {seconds / 60:.0f} min; "
        f"the sources' hash: `{_sources_hash(list(results))}`.",
        "",
        "| module | mutants | killed | equivalent | surviving | killed / non-equivalent |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for module, mutants in results.items():
        total, killed, eq, survived = _counts(mutants, _equivalents(config, module))
        score = 100.0 * killed / max(1, total - eq)
        lines.append(f"| `{module}` | {total} | {killed} | {eq} | {survived} | {score:.1f} % |")
    for module, mutants in results.items():
        equivalent = _equivalents(config, module)
        lines += ["", f"## `{module}`", ""]
        eq = [m for m in mutants if m.outcome == "survived" and m.id in equivalent]
        alive = [m for m in mutants if m.outcome == "survived" and m.id not in equivalent]
        stale = sorted(set(equivalent) - {m.id for m in mutants if m.outcome == "survived"})
        if eq:
            lines += ["Equivalent mutants (they cannot change behaviour):", ""]
            lines += [f"- line {m.line}, `{m.id}`: {equivalent[m.id]}" for m in eq]
            lines.append("")
        if alive:
            lines += ["Surviving mutants (a rule no test pins):", ""]
            lines += [f"- line {m.line}, `{m.id}`" for m in alive]
            lines.append("")
        if stale:
            lines += ["Listed as equivalent but killed or gone in this run:", ""]
            lines += [f"- `{k}`" for k in stale]
            lines.append("")
        if not eq and not alive and not stale:
            lines += ["Every mutant killed.", ""]
    REPORT.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def _sources_hash(modules: list[str]) -> str:
    digest = hashlib.sha256()
    for module in sorted(modules):
        digest.update((PACKAGE / module).read_bytes())
    return digest.hexdigest()[:12]


def _state_file(module: str) -> Path:
    return STATE / (module.replace("/", "__") + ".json")


def main() -> None:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="paths under src/kh284 (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument(
        "--survivors", action="store_true", help="run only the last run's survivors"
    )
    parser.add_argument("--no-report", action="store_true", help="do not write MUTATION.md")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per mutant")
    args = parser.parse_args()
    config = _config()
    modules = args.modules or list(config["modules"])  # type: ignore[call-overload]
    for module in modules:
        if module not in config["modules"]:  # type: ignore[operator]
            raise SystemExit(f"{module}: not in tools/mutation.toml [modules]")
    if args.list:
        for module in modules:
            for mutant, _ in mutants_of(module):
                print(f"{module}:{mutant.line}: {mutant.id}")
        return
    only = None
    previous: dict[str, list[dict[str, object]]] = {}
    for module in config["modules"]:  # type: ignore[union-attr]
        if _state_file(module).exists():
            previous[module] = json.loads(_state_file(module).read_text(encoding="utf-8"))
    if args.survivors:
        only = {
            str(m["id"])
            for module in modules
            for m in previous.get(module, [])
            if m["outcome"] == "survived"
        }
    start = time.monotonic()
    results = run(modules, max(1, args.jobs), only, args.verbose)
    elapsed = time.monotonic() - start
    if only is not None:
        # merge into the last full run so that the report stays complete
        for module, fresh in results.items():
            by_id = {m.id: m for m in fresh}
            merged = []
            for old in previous.get(module, []):
                mutant = Mutant(**{k: v for k, v in old.items() if k != "id"})  # type: ignore[arg-type]
                merged.append(by_id.get(mutant.id, mutant))
            results[module] = merged or fresh
    state = {**previous}
    STATE.mkdir(exist_ok=True)
    for module, mutants in results.items():
        state[module] = [{**m.__dict__, "id": m.id} for m in mutants]
        text = json.dumps(state[module], ensure_ascii=False, indent=1)
        _state_file(module).write_text(text, encoding="utf-8")
    if not args.no_report:
        everything = {
            module: [
                Mutant(**{k: v for k, v in m.items() if k != "id"})  # type: ignore[arg-type]
                for m in state[module]
            ]
            for module in config["modules"]  # type: ignore[union-attr]
            if module in state
        }
        write_report(everything, elapsed)


if __name__ == "__main__":
    main()
