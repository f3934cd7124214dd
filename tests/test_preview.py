"""The preview (chibo/output/preview.py): ``mkdocs serve --dirty`` builds of a saved record.

Builds here are MkDocs' own dirty builds into a folder like the one ``mkdocs serve`` makes,
so the hooks take the preview's path. What a reader must see after a save: the cell's
page and every page that shows the record updated, the other pages untouched, search
finding the new text and not the old, a removed cell gone; and the same pages as a full
build of the same records.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from chibo.output import preview
from conftest import build_site, copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

CELL = "records/chi-bo/khoa-duoc.yml"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A project and the folder its preview builds into (as ``mkdocs serve`` names it)."""
    project = copy_project(tmp_path)
    site_dir = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    yield project, site_dir
    preview.stop(site_dir)


def dirty_build(project: Path, site_dir: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"))
    config.site_dir = str(site_dir)
    build(config, dirty=True)


def search_index(site_dir: Path) -> list[dict]:
    return json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def rename(project: Path, old: str, new: str) -> None:
    path = project / CELL
    path.write_text(path.read_text(encoding="utf-8").replace(f"name: {old}", f"name: {new}"), encoding="utf-8")


def test_a_saved_record_updates_its_pages_and_search_and_nothing_else(served: tuple[Path, Path]) -> None:
    project, site_dir = served
    dirty_build(project, site_dir)
    pages = {e["location"].split("#")[0] for e in search_index(site_dir)}
    other = site_dir / "chi-bo/khoa-kham-benh/index.html"
    untouched = other.stat().st_mtime_ns
    rename(project, "Chi bộ Khoa Dược", "Chi bộ Khoa Dược lâm sàng")
    dirty_build(project, site_dir)
    for page in ("chi-bo/khoa-duoc/index.html", "chi-bo/index.html", "ket-qua/2025/index.html", "van-phong/index.html"):
        assert "Chi bộ Khoa Dược lâm sàng" in (site_dir / page).read_text(encoding="utf-8"), page
    assert other.stat().st_mtime_ns == untouched  # not rebuilt: its content did not change
    docs = search_index(site_dir)
    texts = [e["title"] + " " + e["text"] for e in docs]
    assert any("Chi bộ Khoa Dược lâm sàng" in t for t in texts)
    assert not any(re.search(r"Chi bộ Khoa Dược(?! lâm sàng)", t) for t in texts)  # no stale entry
    assert {e["location"].split("#")[0] for e in docs} == pages  # every page still found
    assert len(docs) == len({(e["location"], e["title"], e["text"]) for e in docs})  # none twice


def test_the_preview_shows_what_a_full_build_shows(served: tuple[Path, Path], tmp_path: Path) -> None:
    project, site_dir = served
    dirty_build(project, site_dir)
    rename(project, "Chi bộ Khoa Dược", "Chi bộ Khoa Dược lâm sàng")
    dirty_build(project, site_dir)
    full = build_site(project)
    for page in (
        "chi-bo/khoa-duoc/index.html",
        "chi-bo/index.html",
        "ket-qua/2025/index.html",
        "chi-bo/khoa-kham-benh/index.html",
        "du-lieu/chi-bo.csv",
    ):
        assert (site_dir / page).read_bytes() == (full / page).read_bytes(), page
    key = lambda e: (e["location"], e["title"], e["text"])  # noqa: E731
    assert sorted(map(key, search_index(site_dir))) == sorted(map(key, search_index(full)))


def test_a_removed_cell_leaves_the_site_and_search(served: tuple[Path, Path]) -> None:
    project, site_dir = served
    dirty_build(project, site_dir)
    assert (site_dir / "chi-bo/khoa-duoc/index.html").exists()
    (project / CELL).unlink()
    dirty_build(project, site_dir)
    assert not (site_dir / "chi-bo/khoa-duoc/index.html").exists()
    assert not (site_dir / "van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx").exists()
    assert not any(e["location"].startswith("chi-bo/khoa-duoc/") for e in search_index(site_dir))
    assert "Khoa Dược" not in (site_dir / "chi-bo/index.html").read_text(encoding="utf-8")


def test_a_bad_save_is_reported_and_the_next_good_one_shows(
    served: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    project, site_dir = served
    dirty_build(project, site_dir)
    path = project / CELL
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("members: 19", "members: mười chín"), encoding="utf-8")
    with pytest.raises(Abort):
        dirty_build(project, site_dir)
    assert "records/chi-bo/khoa-duoc.yml:7:10: lỗi: members:" in caplog.text
    path.write_text(good.replace("members: 19", "members: 21"), encoding="utf-8")
    dirty_build(project, site_dir)
    assert "<strong>Số đảng viên:</strong> 21" in (site_dir / "chi-bo/khoa-duoc/index.html").read_text(encoding="utf-8")
