"""Province-scale benchmark: our build against plain MkDocs + Material, side by side.

For N = 100, 1,000 and 5,000 cells (``chibo demo``), in one run:

* **ours**: ``mkdocs build`` of the demo project (hooks: load, validate, render, pages);
* **baseline**: the same pages written out as static Markdown files (and the same
  downloads as static files), built by MkDocs + Material with the same theme settings and
  no hooks: what MkDocs alone costs for that site;
* wall time and peak memory (RSS) of each build process, the site's size and the size of
  one cell page;
* ``chibo validate`` against the parse floor: a process that only composes the same files
  with PyYAML's C loader.

Prints a table and the ratios, and exits 1 when a budget fails (README, "Hiệu năng").

    python benchmarks/build.py [--sizes 100 1000 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from chibo.commands.demo import write_demo  # noqa: E402
from chibo.output.site import build as build_site  # noqa: E402
from chibo.output.standalone import write_page  # noqa: E402

CELL_PAGE = "chi-bo/chi-bo-00001/index.html"
FLOOR = ("import sys, pathlib, yaml\n"
         "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yml')):\n"
         "    yaml.compose(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")


@dataclass
class Run:
    seconds: float
    peak_mib: float


def run(command: list[str], cwd: Path) -> Run:
    """Run a process; its wall time and peak resident memory (Linux: ru_maxrss in KiB)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")
    return Run(seconds, usage.ru_maxrss / 1024)


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def baseline(ours: Path, target: Path) -> Path:
    """A plain MkDocs project with our generated pages as static files and no hooks."""
    (target / "docs").parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ours / "docs", target / "docs")
    shutil.copytree(ours / "hooks" / "chibo" / "output" / "theme", target / "hooks" / "chibo" / "output" / "theme")
    for page in build_site(ours).pages:
        write_page(target / "docs", page)
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def measure(n: int, work: Path) -> dict[str, float]:
    ours = write_demo(work / f"ours-{n}", n)
    base = baseline(ours, work / f"base-{n}")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    ours_run, base_run = run(mkdocs, ours), run(mkdocs, base)
    run([sys.executable, "-c", FLOOR, str(ours / "records")], ROOT)  # warm the file cache for both
    validate = run([sys.executable, "-m", "chibo", "validate", str(ours)], ROOT)
    floor = run([sys.executable, "-c", FLOOR, str(ours / "records")], ROOT)
    return {
        "n": n, "ours_s": ours_run.seconds, "base_s": base_run.seconds,
        "ours_mib": ours_run.peak_mib, "base_mib": base_run.peak_mib,
        "ours_site_mib": size(ours / "site") / 2**20, "base_site_mib": size(base / "site") / 2**20,
        "cell_page_kib": (ours / "site" / CELL_PAGE).stat().st_size / 1024,
        "validate_s": validate.seconds, "floor_s": floor.seconds,
    }


def report(rows: list[dict[str, float]]) -> list[str]:
    print("| N | ours (s) | baseline (s) | ours ÷ baseline | s per 1,000 cells | peak RSS ours / baseline (MiB) "
          "| site ours / baseline (MiB) | cell page (KiB) | validate / parse floor (s) | ratio |")
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        print(f"| {r['n']:,} | {r['ours_s']:.1f} | {r['base_s']:.1f} | {r['ours_s'] / r['base_s']:.2f} "
              f"| {1000 * r['ours_s'] / r['n']:.1f} | {r['ours_mib']:.0f} / {r['base_mib']:.0f} "
              f"| {r['ours_site_mib']:.1f} / {r['base_site_mib']:.1f} | {r['cell_page_kib']:.1f} "
              f"| {r['validate_s']:.2f} / {r['floor_s']:.2f} | {r['validate_s'] / r['floor_s']:.2f} |")
    by_n = {r["n"]: r for r in rows}
    checks = []
    for n in (1000, 5000):
        if n in by_n:
            checks.append((f"ours ÷ baseline at N={n:,} ≤ 1.2", by_n[n]["ours_s"] / by_n[n]["base_s"], 1.2))
    if 1000 in by_n and 5000 in by_n:
        per = (by_n[5000]["ours_s"] / 5000) / (by_n[1000]["ours_s"] / 1000)
        checks.append(("time per cell N=5,000 ÷ N=1,000 ≤ 1.1", per, 1.1))
    if 100 in by_n and 5000 in by_n:
        growth = by_n[5000]["cell_page_kib"] / by_n[100]["cell_page_kib"]
        checks.append(("cell page N=5,000 ÷ N=100 ≤ 1.05", growth, 1.05))
    if 5000 in by_n:
        checks.append(("peak memory at N=5,000 ≤ 1,024 MiB", by_n[5000]["ours_mib"], 1024))
        checks.append(("validate ÷ parse floor at N=5,000 ≤ 1.5", by_n[5000]["validate_s"] / by_n[5000]["floor_s"], 1.5))
    failed = []
    print()
    for label, value, limit in checks:
        ok = value <= limit
        print(f"{'đạt ' if ok else 'KHÔNG ĐẠT'}  {label}: {value:.2f}")
        if not ok:
            failed.append(label)
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="chibo-bench-"))
    try:
        rows = []
        for n in args.sizes:
            rows.append(measure(n, work))
            print(f"N={n:,}: ours {rows[-1]['ours_s']:.1f}s, baseline {rows[-1]['base_s']:.1f}s", file=sys.stderr)
        return 1 if report(rows) else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
