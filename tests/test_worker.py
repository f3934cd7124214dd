"""Pages made by a second process (chibo/output/worker.py) while MkDocs builds.

The worker must change nothing a reader gets: the same files, byte for byte, as a build in
one process; bad records stop it with the same list of problems and nothing published; a
worker that dies stops the build with a message, never a half site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chibo.commands.demo import write_demo
from chibo.output import worker
from conftest import build_site, copy_project
from mkdocs.exceptions import Abort


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_worker_build_writes_the_same_site_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sites = {}
    for setting in ("0", "1"):
        monkeypatch.setenv("CHIBO_WORKER", setting)
        sites[setting] = tree(build_site(write_demo(tmp_path / f"w{setting}", 40)))
    one, two = sites["0"], sites["1"]
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert sum(name.endswith(".docx") for name in one) >= 10  # Word files, spreadsheets, pages: all compared
    assert "du-lieu/ket-qua.xlsx" in one and "chi-bo/chi-bo-00040/index.html" in one


def test_bad_records_stop_a_worker_build_with_every_problem(
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


def test_a_worker_that_dies_stops_the_build_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path)
    published = build_site(project)
    before = tree(published)
    monkeypatch.setenv("CHIBO_WORKER", "1")
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(worker.sys, "executable", str(fake))
    with pytest.raises(Abort):
        build_site(project)
    assert "tiến trình tạo trang đã dừng giữa chừng (mã thoát 3)" in caplog.text
    assert tree(published) == before


@pytest.mark.parametrize(
    ("setting", "cells", "expected"),
    [
        ("", 10, False),
        ("", worker.AUTO_CELLS, True),
        ("0", worker.AUTO_CELLS, False),
        ("1", 1, True),
        ("no", 1000, False),
        ("yes", 0, True),
    ],
)
def test_when_a_worker_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, cells: int, expected: bool
) -> None:
    monkeypatch.setenv("CHIBO_WORKER", setting)
    monkeypatch.setattr(worker.os, "cpu_count", lambda: 2)
    folder = tmp_path / "records" / "chi-bo"
    folder.mkdir(parents=True)
    for index in range(cells):
        (folder / f"c{index}.yml").touch()
    assert worker.wanted(tmp_path) is expected


def test_one_core_builds_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHIBO_WORKER", raising=False)
    monkeypatch.setattr(worker.os, "cpu_count", lambda: 1)
    folder = tmp_path / "records" / "chi-bo"
    folder.mkdir(parents=True)
    for index in range(worker.AUTO_CELLS):
        (folder / f"c{index}.yml").touch()
    assert not worker.wanted(tmp_path)
