"""The preview: ``mkdocs serve --dirty`` builds of a saved record (chibo/output/maker.py,
lifecycle.py).

Builds here are MkDocs' own dirty builds in one session, started and ended as ``mkdocs serve``
does (``on_startup(command="serve", dirty=True)``, ``on_shutdown``). What a reader must see
after a save: the cell's page and every page that shows the record updated, the other pages
untouched, search finding the new text and not the old, a removed cell gone; and the same
pages as a full build of the same records.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import docxtext
import pytest
from conftest import Serve, build_site, copy_project
from mkdocs.exceptions import Abort

CELL = "records/chi-bo/khoa-duoc.yml"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Serve]:
    """A ``mkdocs serve --dirty`` session of the sample project."""
    session = Serve(copy_project(tmp_path), tmp_path / "served")
    yield session
    session.stop()


def search_index(site_dir: Path) -> list[dict]:
    return json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def rename(project: Path, old: str, new: str) -> None:
    path = project / CELL
    path.write_text(path.read_text(encoding="utf-8").replace(f"name: {old}", f"name: {new}"), encoding="utf-8")


def test_a_saved_record_updates_its_pages_and_search_and_nothing_else(served: Serve) -> None:
    project, site_dir = served.project, served.site_dir
    served.build()
    pages = {e["location"].split("#")[0] for e in search_index(site_dir)}
    other = site_dir / "chi-bo/khoa-kham-benh/index.html"
    untouched = other.stat().st_mtime_ns
    rename(project, "Chi bộ Khoa Dược", "Chi bộ Khoa Dược lâm sàng")
    served.build()
    for page in ("chi-bo/khoa-duoc/index.html", "chi-bo/index.html", "ket-qua/2025/index.html", "van-phong/index.html"):
        assert "Chi bộ Khoa Dược lâm sàng" in (site_dir / page).read_text(encoding="utf-8"), page
    assert other.stat().st_mtime_ns == untouched  # not rebuilt: its content did not change
    docs = search_index(site_dir)
    texts = [e["title"] + " " + e["text"] for e in docs]
    assert any("Chi bộ Khoa Dược lâm sàng" in t for t in texts)
    assert not any(re.search(r"Chi bộ Khoa Dược(?! lâm sàng)", t) for t in texts)  # no stale entry
    assert {e["location"].split("#")[0] for e in docs} == pages  # every page still found
    assert len(docs) == len({(e["location"], e["title"], e["text"]) for e in docs})  # none twice


def test_the_preview_shows_what_a_full_build_shows(served: Serve, tmp_path: Path) -> None:
    project, site_dir = served.project, served.site_dir
    served.build()
    rename(project, "Chi bộ Khoa Dược", "Chi bộ Khoa Dược lâm sàng")
    served.build()
    served.stop()
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


def test_a_removed_cell_leaves_the_site_and_search(served: Serve) -> None:
    project, site_dir = served.project, served.site_dir
    served.build()
    assert (site_dir / "chi-bo/khoa-duoc/index.html").exists()
    (project / CELL).unlink()
    served.build()
    assert not (site_dir / "chi-bo/khoa-duoc/index.html").exists()
    assert not (site_dir / "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx").exists()
    assert not any(e["location"].startswith("chi-bo/khoa-duoc/") for e in search_index(site_dir))
    assert "Khoa Dược" not in (site_dir / "chi-bo/index.html").read_text(encoding="utf-8")


def test_a_bad_save_is_reported_and_the_next_good_one_shows(served: Serve, caplog: pytest.LogCaptureFixture) -> None:
    project, site_dir = served.project, served.site_dir
    served.build()
    path = project / CELL
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("members: 19", "members: mười chín"), encoding="utf-8")
    with pytest.raises(Abort):
        served.build()
    assert "records/chi-bo/khoa-duoc.yml:7:10: lỗi: members:" in caplog.text
    path.write_text(good.replace("members: 19", "members: 21"), encoding="utf-8")
    served.build()
    assert "<strong>Số đảng viên:</strong> 21" in (site_dir / "chi-bo/khoa-duoc/index.html").read_text(encoding="utf-8")


def eventually(check: Callable[[], bool], seconds: float = 60) -> bool:
    """Whether ``check()`` comes true within ``seconds`` (what the preview writes after a build)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_with_a_second_process_a_save_shows_everywhere_and_a_bad_one_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The preview as at province scale: pages made by the second process, the build ending
    once they are written, the downloads and Word files rewritten after it."""
    monkeypatch.setenv("CHIBO_WORKER", "1")
    served = Serve(copy_project(tmp_path), tmp_path / "served")
    try:
        project, site_dir = served.project, served.site_dir
        served.build()
        docx = site_dir / "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx"
        # the Word files come a moment after the pages (``maker.QUIET``)
        assert eventually(lambda: docx.exists() and "Chi bộ Khoa Dược" in docxtext.text(docx))
        rename(project, "Chi bộ Khoa Dược", "Chi bộ Dược phẩm")
        served.build()
        for page in (
            "chi-bo/khoa-duoc/index.html",
            "chi-bo/index.html",
            "ket-qua/2025/index.html",
            "van-phong/chi-bo/khoa-duoc/index.html",
            "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky/index.html",  # a document's print page
        ):
            html = (site_dir / page).read_text(encoding="utf-8")
            assert "Chi bộ Dược phẩm" in html and "Khoa Dược" not in html, page
        texts = [e["title"] + " " + e["text"] for e in search_index(site_dir)]
        assert any("Chi bộ Dược phẩm" in t for t in texts)
        assert not any("Khoa Dược" in t for t in texts)
        csv = site_dir / "du-lieu/chi-bo.csv"
        assert eventually(lambda: "Chi bộ Dược phẩm" in csv.read_text(encoding="utf-8"))
        assert "Khoa Dược" not in csv.read_text(encoding="utf-8")
        assert eventually(lambda: "Chi bộ Dược phẩm" in docxtext.text(docx))
        assert "Khoa Dược" not in docxtext.text(docx)

        path = project / CELL
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("members: 19", "members: mười chín"), encoding="utf-8")
        with pytest.raises(Abort):
            served.build()
        assert "records/chi-bo/khoa-duoc.yml:7:10: lỗi: members:" in caplog.text
        path.write_text(good.replace("members: 19", "members: 21"), encoding="utf-8")
        served.build()
        page = (site_dir / "chi-bo/khoa-duoc/index.html").read_text(encoding="utf-8")
        assert "<strong>Số đảng viên:</strong> 21" in page
        assert not list(site_dir.rglob(".*.tmp"))  # every file written whole, none left half way
    finally:
        served.stop()


def test_the_preview_keeps_the_report_of_each_cell_not_saved_and_the_report_is_the_same(tmp_path: Path) -> None:
    from chibo.records.load import Memo, load_records
    from chibo.report.summary import KeptCells, summarize

    project = copy_project(tmp_path)
    memo, kept = Memo(), KeptCells()
    first = summarize(load_records(project, memo=memo), kept)
    rename(project, "Chi bộ Khoa Dược", "Chi bộ Khoa Dược lâm sàng")
    records = load_records(project, memo=memo)
    second = summarize(records, kept)
    assert second == summarize(records)  # what a build computes afresh
    before = {c.cell.id: c for c in first.cells}
    assert [c.cell.id for c in second.cells if c is not before[c.cell.id]] == ["khoa-duoc"]
    # The same cells under another Committee (a data date a year earlier): every report made again.
    committee = records.committee.model_copy(update={"as_of": records.committee.as_of - dt.timedelta(365)})
    earlier = replace(records, committee=committee)
    third = summarize(earlier, kept)
    assert third == summarize(earlier) != second
    assert not any(c is d for c, d in zip(third.cells, second.cells, strict=True))


def test_a_plan_made_ahead_is_used_only_if_no_record_changed_since(tmp_path: Path) -> None:
    from chibo.output.keeper import Keeper

    project = copy_project(tmp_path)
    keeper = Keeper(project)
    keeper.prepare(True, True)

    def cell_page(prepared_todo: tuple[int, ...]) -> str:
        jobs = [
            keeper.jobs[n] for n in prepared_todo if keeper.jobs[n].entries[0].src_uri == "chi-bo/khoa-duoc/index.md"
        ]
        return str(jobs[0].run()[0].content)

    rename(project, "Chi bộ Khoa Dược", "Chi bộ Dược phẩm")
    keeper.plan_ahead(True)
    ahead = keeper.ahead
    assert ahead is not None
    prepared = keeper.prepare(True, True)
    assert keeper.jobs is ahead.jobs and keeper.ahead is None  # the plan made ahead, adopted
    assert "Chi bộ Dược phẩm" in cell_page(prepared.todo)

    keeper.plan_ahead(True)
    rename(project, "Chi bộ Dược phẩm", "Chi bộ Dược học")  # saved again before the build
    stale = keeper.ahead
    prepared = keeper.prepare(True, True)
    assert stale is not None and keeper.jobs is not stale.jobs
    assert "Chi bộ Dược học" in cell_page(prepared.todo)


def test_the_preview_remakes_the_rows_of_a_year_page_only_for_the_cell_saved(tmp_path: Path) -> None:
    from chibo.output.keeper import Keeper

    project = copy_project(tmp_path)
    keeper = Keeper(project)
    year_pages = re.compile(r"^(van-phong/)?ket-qua/\d{4}/index\.md$")

    def years(remember: bool, keep: Keeper = keeper) -> tuple[dict[str, str], int]:
        """Each year page as ``keep`` makes it, and how many rows it rendered to make them."""
        prepared = keep.prepare(True, True, remember)
        assert keep.renderer is not None
        row = keep.renderer.html.get_template("year-row.html.j2")
        rendered, render = [0], row.render

        def counted(*args: object, **kwargs: object) -> str:
            rendered[0] += 1
            return render(*args, **kwargs)

        row.render = counted  # type: ignore[method-assign]
        try:
            jobs = [keep.jobs[n] for n in range(len(keep.jobs)) if year_pages.match(keep.jobs[n].entries[0].src_uri)]
            pages = {job.entries[0].src_uri: str(job.run()[0].inline()) for job in jobs}
        finally:
            del row.render
        assert prepared.todo  # something to make
        return pages, rendered[0]

    first, all_rows = years(remember=True)
    assert len(first) >= 4 and all_rows > 20
    rename(project, "Chi bộ Khoa Dược", "Chi bộ Dược phẩm")
    second, remade = years(remember=True)
    assert 0 < remade <= len(first)  # the saved cell's row of each year page, no other
    assert second == years(remember=False, keep=Keeper(project))[0]  # what a build makes afresh
    assert any("Chi bộ Dược phẩm" in page for page in second.values())
    assert years(remember=False)[1] == all_rows  # a build that does not remember renders every row


def test_the_preview_compiles_the_theme_once_a_session(served: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    from jinja2 import Environment

    compiled: list[str | None] = []
    compile_source = Environment.compile

    def spy(self: Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name)
        return compile_source(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", spy)
    served.build()
    assert {"main.html", "base.html"} <= set(compiled)  # the session's first build compiles the theme
    compiled.clear()
    rename(served.project, "Chi bộ Khoa Dược", "Chi bộ Dược phẩm")
    page = served.build() / "chi-bo/khoa-duoc/index.html"
    assert "Chi bộ Dược phẩm" in page.read_text(encoding="utf-8")
    assert not {"main.html", "base.html", "partials/header.html"} & set(compiled)  # not again


def test_after_a_save_each_download_is_made_on_its_own_and_the_import_templates_are_not_remade(
    tmp_path: Path,
) -> None:
    """The preview makes its downloads one job at a time after its build: the next save waits
    for one file at most (at 1,000 cells, all of them took 1.2 s). The import templates are made
    from the Committee and the programmes: renaming a cell leaves them."""
    from chibo.output.keeper import Keeper, is_page

    project = copy_project(tmp_path)
    keeper = Keeper(project)
    first = keeper.prepare(True, False, True)
    keeper.make(first.todo, str(tmp_path / "site"))
    rename(project, "Chi bộ Khoa Dược", "Chi bộ Dược phẩm")
    remade = [keeper.jobs[n].entries for n in keeper.prepare(True, True, True).todo]
    files = [[e.src_uri for e in entries] for entries in remade if not is_page(entries[0])]
    downloads = [names for names in files if any("du-lieu/" in name for name in names)]
    assert ["du-lieu/chi-bo.xlsx"] in downloads and ["van-phong/du-lieu/ket-qua.xlsx"] in downloads
    assert all(len(names) == 1 for names in downloads), downloads
    assert not [name for names in files for name in names if "mau/" in name]
    assert (tmp_path / "site" / "du-lieu" / "mau").is_dir()  # they were made the first time
