"""Files made by a second process (chibo/output/maker.py) while MkDocs builds.

The second process must change nothing a reader gets: the same files, byte for byte, as a
build in one process; bad records stop it with the same list of problems and nothing
published; a process that dies stops the build with a message, never a half site. A page
stays readable by any plugin at any event, with or without it (199 and 200 cells).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chibo.commands.demo import write_demo
from chibo.output import maker
from conftest import build_site, copy_project
from mkdocs.exceptions import Abort


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_second_process_writes_the_same_site_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sites = {}
    for setting in ("0", "1"):
        monkeypatch.setenv("CHIBO_WORKER", setting)
        sites[setting] = tree(build_site(write_demo(tmp_path / f"w{setting}", 40)))
    one, two = sites["0"], sites["1"]
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert sum(name.endswith(".docx") for name in one) >= 10  # Word files, spreadsheets, pages: all compared
    assert "du-lieu/ket-qua.xlsx" in one and "chi-bo/chi-bo-00040/index.html" in one


def test_bad_records_stop_a_build_in_two_processes_with_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path)
    monkeypatch.setenv("CHIBO_WORKER", "1")
    published = build_site(project)
    before = tree(published)
    cell = project / "records" / "chi-bo" / "khoa-duoc.yml"
    cell.write_text(
        cell.read_text(encoding="utf-8")
        .replace("members: 19", "members: mười chín")
        .replace("type: giang-day", "type: khoa"),
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        build_site(project)
    message = caplog.text
    assert "Hồ sơ có lỗi, không tạo trang:" in message
    assert "records/chi-bo/khoa-duoc.yml:5:7: lỗi: type:" in message  # file, line, column: every problem
    assert "records/chi-bo/khoa-duoc.yml:7:10: lỗi: members:" in message
    assert tree(published) == before  # the site that was published is still whole


KILL_THE_MAKER = """
import multiprocessing, os, signal


def on_files(files, config):
    for child in multiprocessing.active_children():  # the build's second process
        os.kill(child.pid, signal.SIGKILL)
    return files
"""


def test_a_second_process_that_dies_stops_the_build_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path)
    published = build_site(project)
    before = tree(published)
    monkeypatch.setenv("CHIBO_WORKER", "1")
    (project / "hooks" / "kill.py").write_text(KILL_THE_MAKER, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/kill.py\n"), "utf-8")
    with pytest.raises(Abort):
        build_site(project)
    assert "tiến trình tạo trang đã dừng giữa chừng; không tạo trang" in caplog.text
    assert tree(published) == before


@pytest.mark.parametrize(
    ("setting", "cells", "expected"),
    [
        ("", 10, False),
        ("", maker.AUTO_CELLS, True),
        ("0", maker.AUTO_CELLS, False),
        ("1", 1, True),
        ("no", 1000, False),
        ("yes", 0, True),
    ],
)
def test_when_a_worker_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, cells: int, expected: bool
) -> None:
    monkeypatch.setenv("CHIBO_WORKER", setting)
    monkeypatch.setattr(maker.os, "cpu_count", lambda: 2)
    folder = tmp_path / "records" / "chi-bo"
    folder.mkdir(parents=True)
    for index in range(cells):
        (folder / f"c{index}.yml").touch()
    assert maker.wanted(tmp_path) is expected


def test_one_core_builds_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHIBO_WORKER", raising=False)
    monkeypatch.setattr(maker.os, "cpu_count", lambda: 1)
    folder = tmp_path / "records" / "chi-bo"
    folder.mkdir(parents=True)
    for index in range(maker.AUTO_CELLS):
        (folder / f"c{index}.yml").touch()
    assert not maker.wanted(tmp_path)


READER = """
import hashlib, json
from pathlib import Path

reads = {}  # what another plugin read of each generated file, event by event (a test's hook)
generated = []


def _note(event, file):
    if file in generated:
        reads.setdefault(file.src_uri, {})[event] = hashlib.sha256(file.content_bytes).hexdigest()


def on_files(files, config):
    generated[:] = [f for f in files if f.src_dir is None and f.src_uri.endswith((".md", ".csv", ".docx"))]
    for file in generated:
        if file.src_uri in ("chi-bo/chi-bo-00001/index.md", "du-lieu/chi-bo.csv"):
            _note("files", file)  # before MkDocs reads it: waits until it is made
    return files


def on_page_markdown(markdown, page, config, files):
    _note("page_markdown", page.file)


def on_post_page(output, page, config):
    _note("post_page", page.file)


def on_post_build(config):
    for file in generated:
        _note("post_build", file)
    Path(config.config_file_path).with_name("reads.json").write_text(json.dumps(reads))
"""


@pytest.mark.parametrize("cells", [maker.AUTO_CELLS - 1, maker.AUTO_CELLS])
def test_a_generated_file_reads_the_same_at_every_event_with_or_without_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cells: int
) -> None:
    import json

    monkeypatch.delenv("CHIBO_WORKER", raising=False)
    monkeypatch.setattr(maker.os, "cpu_count", lambda: 2)
    project = write_demo(tmp_path / "demo", cells)
    assert maker.wanted(project) is (cells >= maker.AUTO_CELLS)
    (project / "hooks" / "reader.py").write_text(READER, encoding="utf-8")
    config = project / "mkdocs.yml"
    hooks = "hooks:\n  - hooks/chibo_hooks.py\n"
    config.write_text(config.read_text(encoding="utf-8").replace(hooks, hooks + "  - hooks/reader.py\n"), "utf-8")
    site = build_site(project)
    reads = json.loads((project / "reads.json").read_text(encoding="utf-8"))
    assert len(reads) > 2 * cells
    for src_uri, seen in reads.items():
        assert len(set(seen.values())) == 1, (src_uri, seen)  # the same content whenever it is read
        assert "post_build" in seen, src_uri  # still readable once the build is done
    page = reads["chi-bo/chi-bo-00001/index.md"]
    assert set(page) == {"files", "page_markdown", "post_page", "post_build"}
    assert hashlib_of(site / "du-lieu/chi-bo.csv") == reads["du-lieu/chi-bo.csv"]["post_build"]


def hashlib_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
