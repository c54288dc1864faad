"""Benchmark kh284 against reference tools in one run, on this machine.

    python bench/run.py [--runs 3] [--write]

Generates the synthetic national data set (INVENTED data, bench/national.py) if needed,
then times whole processes with /usr/bin/time-style measurement (wall seconds and peak
resident memory, from os.wait4) and prints ratios against the references measured in the
same run: ``python -c pass``, ``import typer``, ``yamllint`` and bare loading of every file
with PyYAML's C loader in one process.  ``--write`` records the table in BENCHMARKS.md.
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
    """Median wall time and peak memory of one command."""

    name: str
    seconds: float
    peak_mib: float


def measure(name: str, argv: list[str], runs: int, env: dict[str, str] | None = None) -> Measure:
    """Run ``argv`` ``runs`` times; the median wall time and the largest peak RSS."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
        )
        _, _, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
    return Measure(name, statistics.median(times), max(peaks))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
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
    cache_dir = tempfile.mkdtemp(prefix="kh284-bench-cache-")
    env = {**os.environ, "KH284_CACHE_DIR": cache_dir, "NO_COLOR": "1"}
    r = args.runs
    as_of = ["--as-of", "2026-12-31"]
    m: dict[str, Measure] = {}
    m["pass"] = measure("python -c pass", [py, "-c", "pass"], r)
    m["typer"] = measure("python -c 'import typer'", [py, "-c", "import typer"], r)
    m["version"] = measure("kh284 --version", [*kh284, "--version"], r, env)
    m["help"] = measure("kh284 --help", [*kh284, "--help"], r, env)
    if yamllint:
        m["yamllint"] = measure("yamllint (shipped data)", [yamllint, *shipped], r)
    check = [*kh284, "check", "-q", *as_of]
    m["check_cold"] = measure("kh284 check (shipped, --no-cache)", [*check, "--no-cache"], r, env)
    subprocess.run(check, env=env, cwd=ROOT, capture_output=True)
    m["check"] = measure("kh284 check (shipped, warm cache)", check, r, env)
    m["bare"] = measure("bare PyYAML C load (national)", [py, "-c", BARE_LOAD, str(NATIONAL)], r)
    validate = [*kh284, "validate", "-q", "--data-dir", str(NATIONAL), *as_of]
    m["cold"] = measure("kh284 validate (national, cold)", [*validate, "--no-cache"], r, env)
    subprocess.run(validate, env=env, cwd=ROOT, capture_output=True)
    m["warm"] = measure("kh284 validate (national, warm)", validate, r, env)
    shutil.rmtree(cache_dir, ignore_errors=True)

    goals = [
        ("version", "typer", 1.3), ("help", "typer", 2.5), ("check", "yamllint", 0.5),
        ("cold", "bare", 0.6), ("warm", "bare", 0.15),
    ]  # fmt: skip
    lines = [
        f"Machine: {machine()}",
        f"Runs per command: {r} (median wall time; peak RSS is the largest)",
        "",
        "| command | seconds | peak MiB | ratio | goal | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    goal_of = {key: (ref, limit) for key, ref, limit in goals}
    for key, item in m.items():
        ratio = goal = met = ""
        if key in goal_of and goal_of[key][0] in m:
            ref, limit = goal_of[key]
            value = item.seconds / m[ref].seconds
            ratio = f"{value:.2f}× {m[ref].name.split(' (')[0]}"
            goal = f"≤ {limit}×"
            met = "yes" if value <= limit else "no"
        lines.append(
            f"| {item.name} | {item.seconds:.3f} | {item.peak_mib:.0f} | {ratio} | {goal} | {met} |"
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
