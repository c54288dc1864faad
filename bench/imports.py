"""Where a cold run's import time goes, module group by module group.

    python bench/imports.py [--runs 7] [--src DIR] [-- kh284 arguments]

Runs ``python -X importtime -m kh284 …`` (default: ``check --format json --no-cache`` on
the shipped data) ``--runs`` times and keeps, for each module, the least time it took by
itself (its own code, not what it imported).  Modules are grouped: kh284's by sub-package,
libraries by their top-level name, the standard library as one group.  ``--src`` runs the
code of another checkout (its ``src`` folder), so two versions can be compared on one
machine in one sitting.  Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ["check", "--format", "json", "--no-cache", "--data-dir", "data", "--as-of", "2026-12-31"]
LIBRARIES = {
    "typer", "pydantic", "pydantic_core", "annotated_types", "typing_extensions",
    "typing_inspection", "annotated_doc", "rich", "ruamel", "yaml", "_yaml", "dateutil",
    "click", "shellingham", "markdown_it", "mdurl", "pygments",
}  # fmt: skip


def group(name: str) -> str:
    top = name.split(".")[0]
    if top == "kh284":
        return ".".join(name.split(".")[:2])
    return top if top in LIBRARIES else "(standard library)"


def self_times(src: Path, args: list[str], runs: int) -> dict[str, int]:
    """Each module's least own import time (µs) over ``runs`` runs."""
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    best: dict[str, int] = {}
    for _ in range(runs + 1):  # the first run writes the byte code
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "kh284", *args],
            capture_output=True, text=True, env=env, cwd=ROOT,
        ).stderr  # fmt: skip
        seen: dict[str, int] = {}
        for line in err.splitlines():
            if not line.startswith("import time:") or "[us]" in line:
                continue
            own, _, name = line.split(":", 1)[1].split("|")
            seen[name.strip()] = int(own)
        if _ == 0:
            continue
        for name, own in seen.items():
            best[name] = min(best.get(name, own), own)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("args", nargs="*", default=DEFAULT)
    options = parser.parse_args()
    times = self_times(options.src.resolve(), options.args or DEFAULT, options.runs)
    groups: collections.Counter[str] = collections.Counter()
    counts: collections.Counter[str] = collections.Counter()
    for name, own in times.items():
        groups[group(name)] += own
        counts[group(name)] += 1
    total = sum(times.values()) / 1000
    command = " ".join(options.args or DEFAULT)
    print(f"`kh284 {command}`: {len(times)} modules, {total:.0f} ms of import time")
    print()
    print("| group | modules | ms |")
    print("|---|---:|---:|")
    for name, own in groups.most_common():
        print(f"| {name} | {counts[name]} | {own / 1000:.1f} |")


if __name__ == "__main__":
    main()
