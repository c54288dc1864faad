"""Benchmark kh284 against reference tools in one run, on this machine.

    python bench/run.py [--runs 5] [--write]

Generates the synthetic national data set (INVENTED data, bench/national.py) if needed,
then times whole processes: the CPU time of each process and of the children it waited
for (user + system, from ``os.wait4``), its wall time and its peak resident memory.  Each
goal compares kh284 with a reference run **pair by pair**: the two commands alternate,
and the ratio is the median of the runs' ratios, so a machine busy with something else
slows both sides of a pair alike.  References: ``python -c pass``, ``import typer``,
``yamllint -d relaxed`` on the shipped files and bare loading of every national file with
PyYAML's C loader in one process.

The "CI job" row is what a CI job's first run costs: a fresh copy of kh284's source with
no compiled byte code (as a fresh clone installed with ``pip install -e .`` has) and an
empty cache, ``kh284 validate --format github`` on the shipped data.

``--write`` records the table in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "bench" / ".national"
BIN = Path(sys.executable).parent
BARE_LOAD = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    try:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError):
        pass
"""


@dataclass
class Measure:
    """Median CPU and wall time, and peak memory, of one command (and a paired ratio)."""

    name: str
    cpu: float
    wall: float
    peak_mib: float
    ratio: float | None = None  # median of the per-pair CPU ratios against its reference
    wall_ratio: float | None = None  # the same for wall time


@dataclass
class Sample:
    cpu: float
    wall: float
    peak_mib: float


Prepare = Callable[[], dict[str, str] | None]


def once(argv: list[str], env: dict[str, str] | None = None) -> Sample:
    """Run ``argv`` once: CPU time of it and its children, wall time and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def summary(
    name: str, samples: list[Sample], ratio: float | None = None, wall_ratio: float | None = None
) -> Measure:
    return Measure(
        name,
        statistics.median(s.cpu for s in samples),
        statistics.median(s.wall for s in samples),
        max(s.peak_mib for s in samples),
        ratio,
        wall_ratio,
    )


def measure(
    name: str,
    argv: list[str],
    runs: int,
    env: dict[str, str] | None = None,
    prepare: Prepare | None = None,
) -> Measure:
    """Run ``argv`` ``runs`` times (``prepare`` gives each run its environment)."""
    return summary(name, [once(argv, prepare() if prepare else env) for _ in range(runs)])


def paired(
    name: str,
    argv: list[str],
    ref_argv: list[str],
    runs: int,
    env: dict[str, str] | None = None,
    prepare: Prepare | None = None,
) -> Measure:
    """Run ``argv`` and ``ref_argv`` alternately; the median of the per-pair CPU ratios."""
    mine, ratios, walls = [], [], []
    for _ in range(runs):
        sample = once(argv, prepare() if prepare else env)
        ref = once(ref_argv)
        mine.append(sample)
        ratios.append(sample.cpu / ref.cpu)
        walls.append(sample.wall / ref.wall)
    return summary(name, mine, statistics.median(ratios), statistics.median(walls))


def machine() -> str:
    """A one-line description of this machine."""
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import yaml

    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} (libyaml {yaml.__with_libyaml__})"
    )


def fresh_source() -> Path:
    """A copy of kh284's source with no compiled byte code, as a fresh clone has it."""
    target = Path(tempfile.mkdtemp(prefix="kh284-bench-src-"))
    shutil.copytree(
        ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    return target / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="record the table in BENCHMARKS.md")
    parser.add_argument("--regen", action="store_true", help="regenerate the national data set")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from national import generate

    if args.regen or not NATIONAL.exists():
        print("generating", generate(NATIONAL), file=sys.stderr)
    kh284 = [str(BIN / "kh284")]
    py = sys.executable
    yamllint = shutil.which("yamllint", path=str(BIN)) or shutil.which("yamllint")
    shipped = sorted(str(p) for p in (ROOT / "data").rglob("*.yaml"))
    scratch = Path(tempfile.mkdtemp(prefix="kh284-bench-"))
    warm_cache = scratch / "warm"
    env = {**os.environ, "KH284_CACHE_DIR": str(warm_cache), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    counter = iter(range(10**9))

    def empty_cache() -> dict[str, str]:
        """A cache folder nobody has written to: what a CI job's first run finds."""
        return {**env, "KH284_CACHE_DIR": str(scratch / f"empty-{next(counter)}")}

    r = args.runs
    as_of = ["--as-of", "2026-12-31"]
    m: dict[str, Measure] = {}
    m["pass"] = measure("python -c pass", [py, "-c", "pass"], r)
    typer_argv = [py, "-c", "import typer"]
    m["typer"] = measure("python -c 'import typer'", typer_argv, r)
    m["version"] = paired("kh284 --version", [*kh284, "--version"], typer_argv, r, env)
    m["help"] = paired("kh284 --help", [*kh284, "--help"], typer_argv, r, env)
    check = [*kh284, "check", "-q", *as_of]
    if yamllint:
        lint = [yamllint, "-d", "relaxed", *shipped]
        m["yamllint"] = measure("yamllint -d relaxed (shipped data)", lint, r)
        m["check_cold"] = paired(
            "kh284 check (shipped, empty cache)",
            check,
            lint,
            r,
            prepare=empty_cache,
        )
        subprocess.run(check, env=env, cwd=ROOT, capture_output=True)
        m["check"] = paired("kh284 check (shipped, warm cache)", check, lint, r, env)
        ci = [py, "-m", "kh284", "validate", "--format", "github", *as_of]

        def ci_job() -> dict[str, str]:
            fresh = fresh_source()  # no byte code, as in a fresh clone
            return {**empty_cache(), "PYTHONPATH": str(fresh), "GITHUB_ACTIONS": "true"}

        m["ci"] = paired(
            "CI job: fresh clone, empty cache, validate --format github",
            ci,
            lint,
            r,
            prepare=ci_job,
        )
    bare = [py, "-c", BARE_LOAD, str(NATIONAL)]
    m["bare"] = measure("bare PyYAML C load (national)", bare, r)
    validate = [*kh284, "validate", "-q", "--data-dir", str(NATIONAL), *as_of]
    m["cold"] = paired(
        "kh284 validate (national, empty cache)",
        validate,
        bare,
        r,
        prepare=empty_cache,
    )
    subprocess.run(validate, env=env, cwd=ROOT, capture_output=True)
    m["warm"] = paired("kh284 validate (national, warm)", validate, bare, r, env)
    shutil.rmtree(scratch, ignore_errors=True)
    for folder in Path(tempfile.gettempdir()).glob("kh284-bench-src-*"):
        shutil.rmtree(folder, ignore_errors=True)

    # the shipped data's goals compare CPU time (issue "Cold runs"); the national set's
    # compare wall time, as before: kh284 parses on every core, the reference on one
    goals = {
        "version": ("typer", 1.3, "cpu"), "help": ("typer", 2.5, "cpu"),
        "check_cold": ("yamllint", 0.5, "cpu"), "check": ("yamllint", 0.5, "cpu"),
        "ci": ("yamllint", None, "cpu"), "cold": ("bare", 0.5, "wall"),
        "warm": ("bare", 0.15, "wall"),
    }  # fmt: skip
    lines = [
        f"Machine: {machine()}",
        f"Runs per command: {r}. CPU seconds: user + system of the process and its children"
        " (median); ratios: the median of per-pair CPU ratios, each kh284 run paired with a"
        " run of its reference; peak RSS is the largest.",
        "",
        "| command | CPU s | wall s | peak MiB | CPU ratio | wall ratio | goal | met |",
        "|---|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for key, item in m.items():
        ratio = wall = goal = met = ""
        if key in goals and item.ratio is not None and item.wall_ratio is not None:
            ref, limit, metric = goals[key]
            reference = m[ref].name.split(" (")[0]
            ratio = f"{item.ratio:.2f}× {reference}"
            wall = f"{item.wall_ratio:.2f}×"
            if limit is not None:
                value = item.ratio if metric == "cpu" else item.wall_ratio
                goal = f"≤ {limit}× ({'CPU' if metric == 'cpu' else 'wall'})"
                met = "yes" if value <= limit else "no"
        lines.append(
            f"| {item.name} | {item.cpu:.3f} | {item.wall:.3f} | {item.peak_mib:.0f} | {ratio} "
            f"| {wall} | {goal} | {met} |"
        )
    peak = max(m["cold"].peak_mib, m["warm"].peak_mib)
    lines.append("")
    lines.append(f"Peak memory on the national set: {peak:.0f} MiB (goal < 500 MiB: "
                 f"{'met' if peak < 500 else 'not met'}).")  # fmt: skip
    table = "\n".join(lines)
    print(table)
    if args.write:
        text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        (ROOT / "BENCHMARKS.md").write_text(f"{before}{start}\n{table}\n{end}{after}", "utf-8")


if __name__ == "__main__":
    main()
