"""Instant preview at province scale: from saving a record to the server showing it.

For N = 1,000 and 5,000 cells (``chibo demo``): start the preview as the README does
(``mkdocs serve --dirty``, what ``python hooks/dev.py serve`` runs), wait for the first
build, then save one record several times (a cell renamed, a different cell each time) and
poll the server until

* the cell's page shows the new name (**page**: the figure the budget is on),
* the list of cells, the year page of the latest year and the search index show it too,
  and the search index has no entry with the old name left and every page still in it
  (**all**: the whole save, as a reader of the other pages sees it);

then the engine's floor for the same number of pages (**floor**): the site written out by
``chibo generate``, each generated page reduced to its title and one line
(``build.engine_floor_project``), previewed by MkDocs + Material alone, a save changing one
cell page. What MkDocs' dirty rebuild costs at that many pages, whatever the pages hold.

Prints each save, the medians and ours ÷ floor; exits 1 when the median page time is over its
budget: 2 s at N = 1,000, 5 s at N = 5,000 (README, "Xem trước tức thì").

    python benchmarks/preview.py [--sizes 1000 5000] [--saves 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from build import engine_floor_project  # noqa: E402  (benchmarks/build.py)
from chibo.commands.demo import write_demo  # noqa: E402
from chibo.output.standalone import generate  # noqa: E402

BUDGET_SECONDS = {1000: 2.0, 5000: 5.0}
POLL_SECONDS = 0.05
FIRST_BUILD_SECONDS = 900
SAVE_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(check, limit: float) -> float:
    """Seconds until ``check()`` is true (polling), or raise after ``limit``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if check():
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"không thấy thay đổi sau {limit:.0f} s")


def latest_year(project: Path) -> int:
    years = [int(m) for m in re.findall(r"year: (\d{4})", (project / "records/chi-bo/chi-bo-00001.yml").read_text())]
    return max(years)


@contextmanager
def serving(project: Path, log_path: Path) -> Iterator[str]:
    """``mkdocs serve --dirty`` of ``project`` on a free port, as the README runs the preview:
    its address, once the first build is served."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            first = wait_for(lambda: fetch(base + "chi-bo/chi-bo-00001/") is not None, FIRST_BUILD_SECONDS)
            print(f"{project.name}: bản đầu tiên {first:.1f} s", file=sys.stderr)
            time.sleep(1)
            yield base
        finally:
            server.send_signal(signal.SIGINT)  # Ctrl+C, as the person previewing stops it
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:  # started where Ctrl+C is ignored (a background job)
                server.kill()
                server.wait()


def measure(n: int, work: Path, saves: int) -> list[tuple[float, float]]:
    project = write_demo(work / f"preview-{n}", n)
    with serving(project, work / f"serve-{n}.log") as base:
        pages = {
            e["location"].split("#")[0] for e in json.loads(fetch(base + "search/search_index.json") or "{}")["docs"]
        }
        year = latest_year(project)
        results = []
        for save in range(1, saves + 1):
            cell = f"chi-bo-{save * 7:05d}"
            path = project / "records" / "chi-bo" / f"{cell}.yml"
            text = path.read_text(encoding="utf-8")
            found = re.search(r"^name: (.*)$", text, re.MULTILINE)
            assert found is not None
            old = found.group(1)
            new = f"Chi bộ đổi tên lần {save} ({cell})"
            stale = re.compile(re.escape(old) + r"(?!\d)")  # demo names end with the cell's number: unique
            start = time.perf_counter()
            path.write_text(text.replace(f"name: {old}", f"name: {new}", 1), encoding="utf-8")
            page = wait_for(lambda new=new, cell=cell: new in (fetch(base + f"chi-bo/{cell}/") or ""), SAVE_SECONDS)

            def everywhere(new: str = new, stale: re.Pattern[str] = stale) -> bool:
                if new not in (fetch(base + "chi-bo/") or "") or new not in (fetch(base + f"ket-qua/{year}/") or ""):
                    return False
                index = fetch(base + "search/search_index.json")
                docs = json.loads(index)["docs"] if index else []
                texts = [e["title"] + " " + e["text"] for e in docs]
                return (
                    any(new in t for t in texts)
                    and not any(stale.search(t) for t in texts)
                    and {e["location"].split("#")[0] for e in docs} == pages
                )

            wait_for(everywhere, SAVE_SECONDS)
            results.append((page, time.perf_counter() - start))
            print(
                f"N={n:,} lần {save}: trang chi bộ {page:.2f} s, mọi trang và tìm kiếm {results[-1][1]:.2f} s",
                file=sys.stderr,
            )
            time.sleep(1)
        return results


def measure_floor(n: int, work: Path, saves: int) -> list[float]:
    """The engine's floor for a save: the same pages written out (``chibo generate``), each
    generated page reduced to its title and one line, previewed by MkDocs + Material alone
    (no hooks); a save changes one cell page's line. Seconds until that page shows it."""
    plain = work / f"plain-{n}"
    built = generate(work / f"preview-{n}", plain)
    generated = [p.src_uri for p in built.pages if p.src_uri.endswith(".md")]
    project = engine_floor_project(plain, work / f"floor-{n}", generated)
    shutil.rmtree(plain)
    results = []
    with serving(project, work / f"serve-floor-{n}.log") as base:
        for save in range(1, saves + 1):
            cell = f"chi-bo-{save * 7:05d}"
            path = project / "docs" / "chi-bo" / cell / "index.md"
            line = f"Một dòng, lần lưu {save}."
            path.write_text(re.sub(r"(?m)^Một dòng.*$", line, path.read_text(encoding="utf-8")), encoding="utf-8")
            shown = wait_for(lambda cell=cell, line=line: line in (fetch(base + f"chi-bo/{cell}/") or ""), SAVE_SECONDS)
            results.append(shown)
            print(f"N={n:,} nền lần {save}: trang chi bộ {results[-1]:.2f} s", file=sys.stderr)
            time.sleep(1)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the generated projects and logs in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="chibo-preview-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = False
    try:
        print("| N | lưu | trang chi bộ (s) | mọi trang và tìm kiếm (s) | nền: trang chi bộ (s) |")
        print("|--:|--:|--:|--:|--:|")
        summary = []
        for n in args.sizes:
            results = measure(n, work, args.saves)
            floor = measure_floor(n, work, args.saves)
            for index, ((page, everything), bare) in enumerate(zip(results, floor), 1):
                print(f"| {n:,} | {index} | {page:.2f} | {everything:.2f} | {bare:.2f} |")
            medians = (statistics.median(p for p, _ in results), statistics.median(e for _, e in results))
            summary.append((n, *medians, statistics.median(floor)))
        print()
        for n, page, everything, bare in summary:
            budget = BUDGET_SECONDS.get(n)
            ok = budget is None or page <= budget
            failed |= not ok
            print(
                f"{'đạt      ' if ok else 'KHÔNG ĐẠT'}  N={n:,}: trung vị trang chi bộ {page:.2f} s"
                f"{f' (≤ {budget:g} s)' if budget else ''}, mọi trang và tìm kiếm {everything:.2f} s; "
                f"nền (MkDocs + Material, trang một dòng) {bare:.2f} s, gấp {page / bare:.2f} lần nền; "
                f"tải máy {os.getloadavg()[0]:.1f}"
            )
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
