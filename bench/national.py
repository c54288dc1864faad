"""Generate a synthetic national data set for the benchmark (INVENTED data, labelled so).

34 provinces, about 3,300 communes, one progress report per commune with one figure per
target (about 30 rows) and 5 task rows; 1 % of the files carry an error.  The plan,
targets and events are the real files of ``data/``; units.yaml gains the invented
provinces and communes.  Deterministic for a given seed.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
PROVINCES = 34
COMMUNES = 3_321
ERROR_SHARE = 0.01
HEADER = "# INVENTED benchmark data (bench/national.py), not real figures.\n"

#: Broken variants: each turns a valid report text into one with a known problem.
BREAKAGES = [
    ("unknown target", lambda t: t.replace("target: tot-nghiep-thpt", "target: tot-nghiep", 1)),
    ("decimal comma", lambda t: t.replace("value: 9", "value: '9,5'", 1)),
    ("impossible date", lambda t: t.replace("reported_on: 2026-12-1", "reported_on: 2026-02-3", 1)),
    ("duplicate key", lambda t: t.replace("period: 2026\n", "period: 2026\nperiod: 2025\n", 1)),
    ("yaml syntax", lambda t: t.replace("indicators:\n", "indicators:\n  - [\n", 1)),
]


def generate(dest: Path, seed: int = 284) -> dict[str, int]:
    """Write the data set to ``dest`` (replaced); return counts."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "progress").mkdir(parents=True)
    for name in ("plan.yaml", "targets.yaml", "events.yaml"):
        shutil.copy(ROOT / "data" / name, dest / name)
    yaml = YAML(typ="safe")
    units_doc = yaml.load((ROOT / "data" / "units.yaml").read_text("utf-8"))
    targets = yaml.load((ROOT / "data" / "targets.yaml").read_text("utf-8"))["targets"]
    units = units_doc["units"]
    lines = [HEADER]
    communes: list[tuple[str, str]] = []
    per_province = COMMUNES // PROVINCES
    for p in range(PROVINCES):
        province = f"tinh-{p + 1:02d}"
        lines.append(
            f"  - {{id: {province}, name: 'Tỉnh số {p + 1} (minh họa)', short_name: 'T{p + 1}', "
            f"kind: area, area_level: province}}\n"
        )
        count = per_province + (1 if p < COMMUNES % PROVINCES else 0)
        for c in range(count):
            commune = f"{province}-xa-{c + 1:03d}"
            communes.append((province, commune))
            lines.append(
                f"  - {{id: {commune}, name: 'UBND xã số {c + 1}, tỉnh số {p + 1} (minh họa)', "
                f"short_name: 'Xã {c + 1}/T{p + 1}', kind: agency, area_level: commune, "
                f"parent_area: {province}}}\n"
            )
    real_units = (ROOT / "data" / "units.yaml").read_text("utf-8")
    (dest / "units.yaml").write_text(real_units.rstrip("\n") + "\n" + "".join(lines[1:]), "utf-8")
    broken = set(rng.sample(range(len(communes)), max(1, round(len(communes) * ERROR_SHARE))))
    rows = 0
    for i, (province, commune) in enumerate(communes):
        text, count = _report(rng, commune, targets)
        rows += count
        if i in broken:
            text = BREAKAGES[i % len(BREAKAGES)][1](text)
        folder = dest / "progress" / province
        folder.mkdir(exist_ok=True)
        (folder / f"{commune}.yaml").write_text(HEADER + text, "utf-8")
    del units
    return {"reports": len(communes), "rows": rows, "broken": len(broken)}


def _report(rng: random.Random, commune: str, targets: list[dict[str, object]]) -> tuple[str, int]:
    parts = [
        f"unit: {commune}\nperiod: 2026\nreported_on: 2026-12-1{rng.randint(0, 4)}\n",
        f'document: "Báo cáo số {rng.randint(1, 999)}/BC-UBND (minh họa)"\nindicators:\n',
    ]
    count = 0
    levels: dict[object, int] = {}
    for target in targets:
        scope = target["scope"]
        assert isinstance(scope, dict)
        if target["unit"] == "percent":
            value = round(rng.uniform(60, 100), 1)
            den = rng.randint(200, 5000)
            num = round(den * value / 100)
            value = round(num / den * 100, 2)
            parts.append(
                f"  - target: {target['id']}\n    area: {commune}\n    value: {value}\n"
                f"    numerator: {num}\n    denominator: {den}\n"
            )
        else:
            level = levels.setdefault(target.get("measure") or target["id"], rng.randint(1, 3))
            parts.append(f"  - target: {target['id']}\n    area: {commune}\n    value: {level}\n")
        count += 1
    parts.append("tasks:\n")
    for task, extra in (("PL-01", ""), ("PL-04", ""), ("PL-05", ""), ("PL-06", "    year: 2026\n"),
                        ("PL-11", "")):  # fmt: skip
        if rng.random() < 0.5:
            parts.append(
                f"  - task: {task}\n    status: done\n    completed_on: 2026-0{rng.randint(1, 9)}-15\n"
                f'    evidence: "Kế hoạch số {rng.randint(1, 99)}/KH-UBND (minh họa)"\n{extra}'
            )
        else:
            parts.append(f"  - task: {task}\n    status: in_progress\n{extra}")
        count += 1
    return "".join(parts), count


if __name__ == "__main__":
    import sys

    target_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / ".national"
    print(generate(target_dir))
