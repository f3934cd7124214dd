"""Atomic publication: whatever moment a build dies, ``site/`` is one complete site.

The builds are real ``mkdocs build --strict`` runs, killed with SIGKILL at moments spread
over a whole build; after each kill the published folder must equal, file for file and
byte for byte, either the complete old site or the complete new one. A full disk (writes
failing with ENOSPC from a point spread over a build, and a real small tmpfs) ends the
build with one line in Vietnamese, its folder deleted, the published site untouched. Any
umask gives files nginx can read.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from chibo.output import publish
from conftest import DATA, ROOT, build_site, copy_project

KILLS = 32
posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and renameat2 are POSIX / Linux")


def manifest(site: Path) -> dict[str, str]:
    """Every file of a site with the hash of its bytes; {} when the folder is missing."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock")


def mkdocs_build(project: Path) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def set_as_of(project: Path, day: str) -> None:
    committee = project / "records" / "dang-bo.yml"
    text = committee.read_text(encoding="utf-8")
    start = text.index("as_of: ")
    committee.write_text(text[:start] + f"as_of: {day}" + text[text.index("\n", start) :], encoding="utf-8")


@posix_only
def test_killed_builds_leave_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    site = project / "site"
    versions = {}
    for day in ("2026-12-29", "2026-12-31"):
        set_as_of(project, day)
        started = time.monotonic()
        assert mkdocs_build(project).wait() == 0
        duration = time.monotonic() - started
        versions[day] = manifest(site)
    old, new = versions.values()
    assert len(old) > 100 and old != new
    rng = random.Random(13)
    moments = [duration * 1.25 * (i + rng.random()) / KILLS for i in range(KILLS)]  # over a whole build
    rng.shuffle(moments)
    seen = {"killed": 0, "old": 0, "new": 0}
    for n, moment in enumerate(moments):
        day = ("2026-12-29", "2026-12-31")[n % 2]
        before = manifest(site)
        set_as_of(project, day)
        build = mkdocs_build(project)
        time.sleep(moment)
        build.send_signal(signal.SIGKILL)
        seen["killed"] += build.wait() == -signal.SIGKILL
        after = manifest(site)
        assert after in (before, versions[day]), f"kill {n} after {moment:.2f} s left a partial site"
        seen["old" if after == before and before != versions[day] else "new"] += 1
    assert seen["killed"] >= KILLS // 2 and seen["old"] >= 3 and seen["new"] >= 3, seen
    assert mkdocs_build(project).wait() == 0
    assert manifest(site) == versions[day]
    assert leftovers(project) == []


SWAP_LOOP = """
import shutil, sys
from itertools import count
from pathlib import Path
from types import SimpleNamespace
sys.path.insert(0, sys.argv[1])
from chibo.output import publish
target, first, second = map(Path, sys.argv[2:5])
for n in count():
    config = SimpleNamespace(site_dir=str(target), strict=False)
    publish.begin(config)
    shutil.copytree((first, second)[n % 2], config.site_dir, dirs_exist_ok=True)
    publish.finish(config)
"""


def make_tree(folder: Path, label: str) -> Path:
    for n in range(300):
        page = folder / f"muc-{n % 12}" / f"trang-{n}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"{label} {n} " * 50, encoding="utf-8")
    return folder


@posix_only
def test_killed_swaps_never_leave_a_partial_or_missing_site(tmp_path: Path) -> None:
    """The swap itself, back to back in a loop, killed at random: the moment a build ends."""
    first, second = make_tree(tmp_path / "a", "cũ"), make_tree(tmp_path / "b", "mới")
    complete = (manifest(first), manifest(second))
    target = tmp_path / "www" / "site"
    target.parent.mkdir()
    shutil.copytree(first, target)
    rng = random.Random(2022)
    for n in range(KILLS):
        loop = subprocess.Popen(
            [sys.executable, "-c", SWAP_LOOP, str(ROOT / "hooks"), str(target), str(first), str(second)]
        )
        time.sleep(0.15 + rng.random() * 0.35)
        loop.send_signal(signal.SIGKILL)
        assert loop.wait() == -signal.SIGKILL
        assert target.is_dir(), f"kill {n}: site/ missing"
        assert manifest(target) in complete, f"kill {n}: partial site"
    publish.recover(target)
    assert sorted(p.name for p in target.parent.iterdir()) == [".site.lock", "site"]


def test_two_renames_where_no_exchange_and_recovery_in_between(tmp_path: Path, monkeypatch) -> None:
    old, new = make_tree(tmp_path / "site", "cũ"), make_tree(tmp_path / ".site.new-1", "mới")
    expected_old, expected_new = manifest(old), manifest(new)
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    publish.replace(new, old)
    assert manifest(tmp_path / "site") == expected_new and manifest(new) == expected_old
    # A build killed between the two renames: no site/, the complete old one beside it.
    os.rename(tmp_path / "site", tmp_path / ".site.old-2")
    publish.recover(tmp_path / "site")
    assert manifest(tmp_path / "site") == expected_new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the unclaimed .site.new-1 went too


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("built"), DATA / "mini" / "records")
    build_site(project)
    return project


def test_a_warning_in_strict_mode_keeps_the_old_site(built: Path) -> None:
    before = manifest(built / "site")
    page = built / "docs" / "lien-ket-hong.md"
    page.write_text("# Trang thử\n\n[không có](khong-co.md)\n", encoding="utf-8")
    try:
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=built,
            capture_output=True,
            text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
    finally:
        page.unlink()
    assert run.returncode == 1 and "khong-co.md" in run.stderr
    assert manifest(built / "site") == before
    assert leftovers(built) == []


def test_hidden_files_and_the_folder_mode_survive_a_build(built: Path) -> None:
    site = built / "site"
    (site / ".htaccess").write_text("Require all denied\n", encoding="utf-8")
    site.chmod(0o750)
    build_site(built)
    assert (site / ".htaccess").read_text(encoding="utf-8") == "Require all denied\n"
    assert site.stat().st_mode & 0o777 == 0o750
    assert (site / "index.html").exists() and leftovers(built) == []


def test_a_running_build_keeps_its_folder_and_a_dead_one_loses_it(built: Path) -> None:
    running = SimpleNamespace(site_dir=str(built / "site"), strict=False)
    publish.begin(running)
    staging = Path(running.site_dir)
    (staging / "index.html").write_text("đang tạo", encoding="utf-8")
    build_site(built)  # another build, meanwhile: it must not delete a folder in use
    assert (staging / "index.html").read_text(encoding="utf-8") == "đang tạo"
    running.chibo_publication.claim.close()  # the first build dies
    build_site(built)
    assert not staging.exists() and leftovers(built) == []


def test_mkdocs_serve_builds_in_its_own_folder(tmp_path: Path) -> None:
    from conftest import Serve

    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", DATA / "mini" / "records")
    served = tmp_path / "served"  # on_startup(command="serve") says so, whatever the folder's name
    session = Serve(project, served, dirty=False)
    try:
        session.build()
    finally:
        session.stop()
    assert (served / "index.html").exists()
    assert not [p for p in served.parent.glob(f".{served.name}*")]
    assert not (project / "site").exists()


# --- modes -----------------------------------------------------------------------------------------


@posix_only
def test_any_umask_gives_a_site_the_web_server_can_read(tmp_path: Path) -> None:
    project = copy_project(tmp_path, DATA / "mini" / "records")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        preexec_fn=lambda: os.umask(0o077),
        capture_output=True,
    )
    assert build.returncode == 0, build.stderr
    site = project / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    folders = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_dir()}
    assert modes == {0o644} and folders == {0o755}
    assert stat.S_IMODE(site.stat().st_mode) == 0o755  # a new site/ folder too
    assert len(modes) and (site / "assets").is_dir()


# --- a full disk ------------------------------------------------------------------------------------

FULL_DISK = Path(__file__).resolve().parent / "tools" / "full_disk.py"
SAYS = "Hết chỗ trống trên đĩa: chưa tạo xong trang, không xuất bản gì."


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A project with its site built, and how many bytes a build writes."""
    project = copy_project(tmp_path_factory.mktemp("full"), DATA / "mini" / "records")
    assert mkdocs_build(project).wait() == 0
    written = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    return project, written


def full_build(project: Path, budget: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(FULL_DISK), str(budget)],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "hooks")),
        capture_output=True,
        text=True,
        timeout=300,
    )


@posix_only
@pytest.mark.parametrize("share", [0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95])
def test_a_full_disk_loses_nothing_and_says_so(published: tuple[Path, int], share: float) -> None:
    project, written = published
    before = manifest(project / "site")
    done = full_build(project, int(written * share))
    said = done.stderr + done.stdout  # MkDocs' log, then its own last line (on standard output)
    assert done.returncode == 1, said[-2000:]
    last = [line for line in done.stdout.splitlines() if line.strip()][-1]
    assert last.startswith(SAYS) and "giữ nguyên bản cũ" in last
    assert "Traceback" not in said
    assert manifest(project / "site") == before
    assert leftovers(project) == []  # the build's folder, filling the disk, is gone


@posix_only
def test_a_full_disk_while_the_old_site_s_hidden_files_are_kept(published: tuple[Path, int]) -> None:
    """The last writes of a build: the hidden files of the published site, copied into the new one."""
    project, written = published
    hidden = project / "site" / ".well-known" / "tai-lieu.bin"
    hidden.parent.mkdir()
    hidden.write_bytes(os.urandom(400_000))
    try:
        before = manifest(project / "site")
        done = full_build(project, written + 200_000)
        said = done.stderr + done.stdout
        assert done.returncode == 1 and SAYS in said and "Traceback" not in said, said[-2000:]
        assert manifest(project / "site") == before and leftovers(project) == []
    finally:
        shutil.rmtree(hidden.parent)


def _mount(point: Path, size: str) -> bool:
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True
        ).returncode
        == 0
    )


@posix_only
def test_a_real_small_disk(tmp_path: Path) -> None:
    """site/ on a tmpfs just big enough for the published site: the next build fills it."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root (the injected full disk above runs everywhere)")
    project = copy_project(tmp_path, DATA / "mini" / "records")
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount(disk, "64m"):
        pytest.skip("this machine does not let a tmpfs be mounted here")
    try:
        build = lambda: subprocess.run(  # noqa: E731
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(disk / "site")],
            cwd=project,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            capture_output=True,
            text=True,
        )
        assert build().returncode == 0
        before = manifest(disk / "site")
        used = shutil.disk_usage(disk).used
        remount = ["mount", "-o", f"remount,size={used // 1024 + 512}k", str(disk)]
        assert subprocess.run(remount, capture_output=True).returncode == 0
        set_as_of(project, "2026-04-30")
        done = build()
        said = done.stderr + done.stdout
        assert done.returncode == 1 and SAYS in said and "Traceback" not in said, said[-2000:]
        assert manifest(disk / "site") == before
        assert sorted(p.name for p in disk.iterdir()) == [".site.lock", "site"]
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
