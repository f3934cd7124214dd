"""Province-scale benchmark: our build against plain MkDocs and against the engine's floor.

For N = 100, 1,000 and 5,000 cells (``chibo demo``), in one run, one build after the other:

* **ours**: ``mkdocs build`` of the demo project (hooks: records, Report, every page,
  download and Word file);
* **plain**: the same site written out as static files (``chibo generate``: the pages as
  Markdown, the downloads and Word files as files) and built by MkDocs + Material with the
  same configuration and no hooks: what the engine costs for the same pages;
* **floor**: the same project and configuration, our hooks included, with every page they
  generate (cells, years, lists, documents) reduced to a title and one line (their
  templates replaced): what the engine and our fixed work (records, Report, downloads,
  Word files) cost for that many pages, without their content;
* **engine floor**: the plain project with those pages reduced the same way, no hooks: the
  engine alone for that many pages;
* **whole blocks**: ours, but Material's search plugin reads the pages with their tables
  (``fence.search_text`` not used): what the search shortcut saves;
* wall time, CPU time (user + system, a worker process included) and peak memory (the sum
  of the build's processes, sampled every 20 ms) of each build, the size of one cell page;
* ``chibo validate`` against the parse floor: a process that only composes the same files
  with PyYAML's C loader.

Prints a table and the ratios, and exits 1 when a budget fails (README, "Hiệu năng").

    python benchmarks/build.py [--sizes 100 1000 5000] [--repeat 1] [--keep DIR]

Memory is read from /proc: Linux only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from chibo.commands.demo import write_demo  # noqa: E402
from chibo.output.standalone import generate  # noqa: E402

CELL_PAGE = "chi-bo/chi-bo-00001/index.html"
PARSE_FLOOR = (
    "import sys, pathlib, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yml')):\n"
    "    yaml.compose(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)
# ``mkdocs build`` with the search plugin given each page's whole blocks (the hooks then find
# no text to take out again: the pages are the same).
WHOLE_BLOCKS = (
    "import sys\n"
    "sys.path.insert(0, 'hooks')\n"
    "from chibo.output import lifecycle, maker, render\n"
    "def whole(self, page, html):\n"
    "    if not isinstance(page.file, maker.PendingFile):\n"
    "        return html\n"
    "    return render.fill(html, self.maker.blocks(page.file.src_uri).html)\n"
    "lifecycle.Build.search_text = whole\n"
    "from mkdocs.__main__ import cli\n"
    "cli(['build', '--quiet'])\n"
)


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mib: float


def tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants, in KiB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            found = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{current}/status").read_text())
            total += int(found.group(1)) if found else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except (OSError, AttributeError):
            continue
    return total


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a process; its wall time, CPU time (its waited-for children included) and the
    peak of the summed resident memory of it and its children."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if status:
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")
    peak_kib = max(peak, usage.ru_maxrss)
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kib / 1024)


def best(command: list[str], cwd: Path, repeat: int) -> Run:
    runs = [run(command, cwd) for _ in range(repeat)]
    return min(runs, key=lambda r: r.seconds)


def floor_project(ours: Path, target: Path) -> Path:
    """Our project with every page template (``*.md.j2``) reduced to a title and one line:
    the same hooks, records, downloads and configuration; no page content to make or build."""
    shutil.copytree(ours, target, ignore=shutil.ignore_patterns("site"))
    for template in (target / "hooks" / "chibo" / "output" / "templates").glob("*.md.j2"):
        template.write_text("# Trang\n\nMột dòng.\n", encoding="utf-8")
    return target


def engine_floor_project(plain: Path, target: Path, generated: list[str]) -> Path:
    """The plain project with each generated page reduced to its title and one line."""
    shutil.copytree(plain, target, ignore=shutil.ignore_patterns("site"))
    for src_uri in generated:
        page = target / "docs" / src_uri
        title = _TITLE.search(page.read_text(encoding="utf-8"))
        page.write_text(f"# {title.group(1) if title else src_uri}\n\nMột dòng.\n", encoding="utf-8")
    return target


def measure(n: int, work: Path, repeat: int) -> dict[str, float]:
    ours = write_demo(work / f"ours-{n}", n)
    plain = work / f"plain-{n}"
    built = generate(ours, plain)
    generated = [p.src_uri for p in built.pages if p.src_uri.endswith(".md")]
    floor = floor_project(ours, work / f"floor-{n}")
    engine = engine_floor_project(plain, work / f"engine-{n}", generated)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    ours_run, plain_run, floor_run, engine_run = (
        best(mkdocs, project, repeat) for project in (ours, plain, floor, engine)
    )
    whole_run = best([sys.executable, "-c", WHOLE_BLOCKS], ours, repeat)
    run([sys.executable, "-c", PARSE_FLOOR, str(ours / "records")], ROOT)  # warm the file cache for both
    validate = run([sys.executable, "-m", "chibo", "validate", str(ours)], ROOT)
    parse = run([sys.executable, "-c", PARSE_FLOOR, str(ours / "records")], ROOT)
    return {
        "n": n,
        "ours_s": ours_run.seconds,
        "plain_s": plain_run.seconds,
        "floor_s": floor_run.seconds,
        "engine_s": engine_run.seconds,
        "whole_s": whole_run.seconds,
        "ours_cpu": ours_run.cpu,
        "ours_mib": ours_run.peak_mib,
        "plain_mib": plain_run.peak_mib,
        "cell_page_kib": (ours / "site" / CELL_PAGE).stat().st_size / 1024,
        "pages": len(generated),
        "validate_s": validate.seconds,
        "parse_s": parse.seconds,
    }


def report(rows: list[dict[str, float]]) -> list[str]:
    print(
        "| N | trang | ours (s) | plain (s) | floor (s) | engine floor (s) | whole blocks (s) | ours ÷ floor "
        "| ours ÷ plain | ours ÷ engine floor | ours ÷ whole blocks | ours, CPU (s) | s / 1.000 chi bộ "
        "| RSS đỉnh ours / plain (MiB) | trang chi bộ (KiB) | validate / parse (s) |"
    )
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['pages']:,} | {r['ours_s']:.1f} | {r['plain_s']:.1f} | {r['floor_s']:.1f} "
            f"| {r['engine_s']:.1f} | {r['whole_s']:.1f} | {r['ours_s'] / r['floor_s']:.2f} "
            f"| {r['ours_s'] / r['plain_s']:.2f} | {r['ours_s'] / r['engine_s']:.2f} "
            f"| {r['ours_s'] / r['whole_s']:.2f} | {r['ours_cpu']:.1f} "
            f"| {1000 * r['ours_s'] / r['n']:.1f} | {r['ours_mib']:.0f} / {r['plain_mib']:.0f} "
            f"| {r['cell_page_kib']:.1f} | {r['validate_s']:.2f} / {r['parse_s']:.2f} |"
        )
    by_n = {r["n"]: r for r in rows}
    checks = []
    for n in (1000, 5000):
        if n in by_n:
            checks.append((f"ours ÷ floor ở N={n:,} ≤ 2,0", by_n[n]["ours_s"] / by_n[n]["floor_s"], 2.0))
            checks.append((f"ours ÷ plain ở N={n:,} ≤ 0,55", by_n[n]["ours_s"] / by_n[n]["plain_s"], 0.55))
    if 1000 in by_n and 5000 in by_n:
        per = (by_n[5000]["ours_s"] / 5000) / (by_n[1000]["ours_s"] / 1000)
        checks.append(("thời gian mỗi chi bộ N=5.000 ÷ N=1.000 ≤ 1,1", per, 1.1))
    if 100 in by_n and 5000 in by_n:
        growth = by_n[5000]["cell_page_kib"] / by_n[100]["cell_page_kib"]
        checks.append(("trang chi bộ N=5.000 ÷ N=100 ≤ 1,05", growth, 1.05))
    if 5000 in by_n:
        checks.append(("bộ nhớ đỉnh ở N=5.000 ≤ 800 MiB", by_n[5000]["ours_mib"], 800))
        checks.append(("validate ÷ parse ở N=5.000 ≤ 1,5", by_n[5000]["validate_s"] / by_n[5000]["parse_s"], 1.5))
    failed = []
    print()
    for label, value, limit in checks:
        ok = value <= limit
        print(f"{'đạt      ' if ok else 'KHÔNG ĐẠT'}  {label}: {value:.2f}")
        if not ok:
            failed.append(label)
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="build each site this many times, keep the fastest")
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="chibo-bench-"))
    try:
        rows = []
        for n in args.sizes:
            rows.append(measure(n, work, args.repeat))
            r = rows[-1]
            print(
                f"N={n:,}: ours {r['ours_s']:.1f}s, plain {r['plain_s']:.1f}s, floor {r['floor_s']:.1f}s, "
                f"engine floor {r['engine_s']:.1f}s",
                file=sys.stderr,
            )
        return 1 if report(rows) else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
