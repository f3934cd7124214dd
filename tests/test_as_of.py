"""Records true on every date: what is current on the data date, documents dated before the
first entry, decisions against the plan, and the warnings as each page may show them.

The messages themselves are in the record corpus (tests/corpus); here, what the Report and
the pages make of the same situations.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from chibo.records import load_records
from chibo.records.models import Cell
from chibo.report import summarize, warnings
from chibo.report.cells import CURRENT, PAST, PLANNED, leadership_rows
from chibo.report.history import current_leaders, leaders_on
from conftest import DATA, ROOT, SAMPLE, build_site, copy_project
from htmltext import page
from test_history import small_project

D = dt.date
AS_OF = D(2025, 12, 31)  # tests/data/small and mini


def cell(**fields: object) -> Cell:
    return Cell.model_validate({"id": "c", "name": "Chi bộ C", "type": "giang-day", **fields}, strict=False)


LEADERS = [
    {"date": D(2023, 9, 15), "secretary": "Lê Văn Bình", "deputy": "Phạm Thị Lan"},
    {"date": D(9999, 12, 31), "secretary": "Nguyễn Văn Xa"},
]


def test_now_is_the_entry_in_force_on_the_data_date_never_a_later_one() -> None:
    c = cell(secretary="Lê Văn Bình", leadership=LEADERS)
    now = current_leaders(c, AS_OF)
    assert (now.secretary, now.deputy) == ("Lê Văn Bình", "Phạm Thị Lan")  # the deputy is not dropped
    assert [r.state for r in leadership_rows(c, AS_OF)] == [CURRENT, PLANNED]
    assert [r.label for r in leadership_rows(c, D(9999, 12, 31))] == ["", "hiện nay"]
    assert [r.state for r in leadership_rows(c, D(2023, 9, 14))] == [PLANNED, PLANNED]
    assert current_leaders(c, D(2023, 9, 14)).secretary == "Lê Văn Bình"  # none in force yet: the top level
    assert leadership_rows(cell(leadership=LEADERS[:1]), AS_OF)[0].state == CURRENT
    assert PAST == "truoc-day"


def test_a_date_before_the_first_entry_uses_the_first_entry_never_todays() -> None:
    c = cell(secretary="Nguyễn Văn Xa", leadership=LEADERS[:1])
    then = leaders_on(c, D(2022, 6, 11), 2022)
    assert (then.secretary, then.deputy) == ("Lê Văn Bình", "Phạm Thị Lan")
    assert leaders_on(cell(secretary="Nguyễn Văn Xa"), D(2022, 6, 11), 2022).secretary == "Nguyễn Văn Xa"


def write(project: Path, name: str, text: str) -> None:
    (project / "records/chi-bo" / f"{name}.yml").write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/small, with the cap counted within each cell (chi-bo-a 2024: 2 "xuất sắc"
    beside 8 "tốt", at most 1, and "2" shows as "< 3"), a cell over the cap whose counts are
    shown, a cell with planned leaders and a score as typed, and one typed decomposed (NFD)."""
    project = small_project(tmp_path_factory.mktemp("as-of"), "chi-bo")
    write(
        project,
        "chi-bo-f",
        """\
        id: chi-bo-f
        name: Chi bộ Khoa Nội
        type: giang-day
        secretary: Lê Văn Bình
        leadership:
          - {date: 2023-09-15, secretary: Lê Văn Bình, deputy: Phạm Thị Lan}
          - {date: 9999-12-31, secretary: Nguyễn Văn Xa}
        results:
          - year: 2024
            rating: tot
            members: {xuat-sac: 4, tot: 15, hoan-thanh: 0, khong-hoan-thanh: 0}
          - {year: 2025, rating: xuat-sac, score: 89.99999999999999}
        """,
    )
    write(
        project,
        "chi-bo-h",
        """\
        id: chi-bo-h
        name: Chi bộ Phòng Đào tạo
        type: giang-day
        leadership:
          - {date: 2020-08-14, secretary: Đỗ Văn Cường}
          - {date: 2024-03-01, secretary: Vũ Thị Hằng}
        """,
    )
    nfd = unicodedata.normalize("NFD", "id: chi-bo-g\nname: Chi bộ Bộ môn Ánh sáng\ntype: giang-day\n")
    (project / "records/chi-bo/chi-bo-g.yml").write_text(nfd, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as ``mkdocs serve`` would (not ``--strict``: it has warnings)."""
    return build_site(copy_project(tmp_path_factory.mktemp("as-of-site"), project / "records"), strict=False)


def warning_lines(records) -> list[str]:
    """What ``chibo validate`` and a build print as warnings: the Report's breaches, in words."""
    return [str(w) for w in warnings(records, summarize(records).breaches)]


def test_the_warning_line_has_the_figures_the_office_needs(project: Path) -> None:
    lines = warning_lines(load_records(project))
    assert (
        "records/chi-bo/chi-bo-a.yml:18:25: cảnh báo: results[2].members.xuat-sac: năm 2024: 2 đảng viên xếp loại "
        "Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn 20% của 8 đảng viên Hoàn thành tốt nhiệm vụ (tối đa 1)"
    ) in lines
    assert any("leadership[1].date: mục lãnh đạo ngày 31-12-9999 sau ngày số liệu as_of" in line for line in lines)


def test_a_cell_page_says_the_year_and_members_never_read_a_cell_s_counts(site: Path) -> None:
    """Members read no member count of a cell (not in the table, not in a warning); the office's
    page of the cell gives them, with the year of each warning."""
    a = page(site, "chi-bo/chi-bo-a/")
    assert ["2024", "Hoàn thành xuất sắc nhiệm vụ", "2/2", "–"] in a.rows
    assert "vượt giới hạn" not in a.text  # a cap within the cell counts members: the office's
    office = page(site, "van-phong/chi-bo/chi-bo-a/")
    assert ["2024", "Hoàn thành xuất sắc nhiệm vụ", "2", "8", "0", "0", "2/2", "–"] in office.rows
    assert (
        "Năm 2024: 2 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn 20% của 8 đảng viên Hoàn "
        "thành tốt nhiệm vụ trong chi bộ (tối đa 1)"
    ) in office.text
    f = page(site, "chi-bo/chi-bo-f/")
    assert "4 đảng viên" not in f.text
    assert (
        "Năm 2025: điểm 89,99999999999999 thuộc khung “Hoàn thành tốt nhiệm vụ”, không khớp xếp loại “Hoàn thành "
        "xuất sắc nhiệm vụ”"
    ) in f.text
    assert ["2025", "Hoàn thành xuất sắc nhiệm vụ", "89,99999999999999", "–", "–"] in f.rows
    assert (
        "Năm 2024: 4 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn 20% của 15 đảng viên Hoàn "
        "thành tốt nhiệm vụ trong chi bộ (tối đa 3)"
    ) in page(site, "van-phong/chi-bo/chi-bo-f/").text


def test_a_year_page_names_the_cell(site: Path) -> None:
    year = page(site, "ket-qua/2024/")
    warning = year.text.split("Cần xem lại theo căn cứ xếp loại")[1].split("Tổng hợp")[0]
    assert "năm 2024: 1 chi bộ xếp loại Hoàn thành xuất sắc nhiệm vụ" not in warning  # no year: it is the page's
    assert "1 chi bộ xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn 20% của 4 chi bộ" in warning
    assert "đảng viên xếp loại" not in warning  # caps within a cell count members: the office's page
    office = page(site, "van-phong/ket-qua/2024/").text
    assert "Chi bộ A: 2 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ" in office
    assert "Chi bộ Khoa Nội: 4 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ" in office
    last = page(site, "ket-qua/2025/")
    assert "Chi bộ Khoa Nội: điểm 89,99999999999999 thuộc khung “Hoàn thành tốt nhiệm vụ”" in last.text


def test_planned_leaders_are_shown_as_planned_and_today_as_today(site: Path) -> None:
    f = page(site, "chi-bo/chi-bo-f/")
    assert "Bí thư chi bộ: Lê Văn Bình" in f.text and "Phó bí thư: Phạm Thị Lan" in f.text
    assert ["15-9-2023 (hiện nay)", "Lê Văn Bình", "Phạm Thị Lan", "theo số đảng viên", "–"] in f.rows
    assert ["31-12-9999 (dự kiến)", "Nguyễn Văn Xa", "–", "theo số đảng viên", "–"] in f.rows
    assert ["31-12-9999 (dự kiến)", "Bí thư: Nguyễn Văn Xa", "–"] in f.rows  # the timeline
    listing = page(site, "chi-bo/")
    assert any(row[:3] == ["Chi bộ Khoa Nội", "Giảng dạy", "Lê Văn Bình"] for row in listing.rows)


def test_text_typed_decomposed_is_published_composed(site: Path) -> None:
    name = "Chi bộ Bộ môn Ánh sáng"
    assert name in page(site, "chi-bo/chi-bo-g/").text
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert any(name in doc["title"] for doc in index["docs"])
    decomposed = unicodedata.normalize("NFD", "Ánh")
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".ics", ".xml"):
            assert decomposed not in path.read_text(encoding="utf-8"), path


def test_the_sample_selects_and_recognises_by_the_plan() -> None:
    # Khoa Dược was selected for 2022 (Quyết định số 15-QĐ/ĐU, one of the two cells the
    # milestone names) and recognised every year after: its 2021 self-assessment said TC5
    # "chưa đạt" beside a rating of "xuất sắc" and every member rated "tốt" or better, so the
    # self-assessment was the record in error. The sample now gives no warning.
    records = load_records(SAMPLE.parent)
    duoc = next(c for c in records.cells if c.id == "khoa-duoc")
    assert next(r for r in duoc.results if r.year == 2021).criteria["tc5"] == "dat"
    assert warning_lines(records) == []
    report = summarize(records)
    part = next(r for r in report.cells if r.cell.id == "khoa-duoc").part("kieu-mau-2022-2025")
    assert part is not None
    conditions = part.registrations[0].conditions
    assert [c.label for c in conditions] == ["Đạt", "Đạt", "Đạt", "Đạt", "Do Ban Thường vụ xem xét"]


def test_the_tasks_of_an_excellent_rating_are_shown(tmp_path: Path) -> None:
    site = build_site(copy_project(tmp_path))
    duoc = page(site, "chi-bo/khoa-duoc/")
    assert [
        "Năm 2025",
        "Xếp loại: Hoàn thành xuất sắc nhiệm vụ; điểm: 93; nhiệm vụ: 12/12 hoàn thành, 4 vượt mức yêu "
        "cầu; được công nhận chi bộ kiểu mẫu",
        "Quyết định số 176-QĐ/ĐU ngày 19-12-2025 của Ban Thường vụ Đảng ủy Trường; Giấy khen của Ban Chấp hành Đảng "
        "bộ Trường",
    ] in duoc.rows
    assert "Cần xem lại" not in duoc.text


def test_the_facts_of_the_rules(tmp_path: Path) -> None:
    records = load_records(SAMPLE.parent)
    documents = {d.id: d for d in records.committee.documents}
    assert documents["hd-21"].date == D(2019, 10, 18)
    scoring = records.committee.rules[-1].score
    assert scoring is not None and scoring.exceeded_percent == 30
    assert "Điều 11" in scoring.basis and "Điều 10" not in scoring.basis
    assert all(r.cap is None or r.cap.illustrative for r in records.committee.rules)


# --- a failed build ends in Vietnamese ------------------------------------------------------


def dev_build(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[str]:
    sys.path.insert(0, str(ROOT / "hooks"))
    import dev

    monkeypatch.setattr(dev, "PROJECT", project)
    env = {"PATH": "", "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    assert dev.build([sys.executable, "-m", "mkdocs", "build", "--strict"], env) == 1
    return capsys.readouterr().out.splitlines()


def test_a_build_stopped_by_errors_ends_with_our_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path, DATA / "mini" / "records")
    write(project, "khoa-noi", "id: khoa-noi\nname: Chi bộ Khoa Nội\ntype: giang-day\nresults:\n  - {year: 2026}\n")
    out = dev_build(project, monkeypatch, capsys)
    assert not any("Aborted" in line for line in out)
    assert out[-1] == (
        "Không tạo trang: hồ sơ có 1 lỗi (các dòng 'lỗi:' ở trên); thư mục site/ không bị thay đổi. Sửa hồ sơ rồi "
        "chạy lại lệnh."
    )
    assert not (project / "site").exists()


def test_a_build_stopped_by_warnings_ends_with_our_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path, DATA / "mini" / "records")
    shutil.copy(ROOT / "tests/corpus/deputy-is-secretary.yml", project / "records/chi-bo")
    out = dev_build(project, monkeypatch, capsys)
    assert any("cảnh báo: leadership[0].deputy" in line for line in out)
    assert out[-1] == (
        "Không xuất bản: có 1 cảnh báo (các dòng WARNING ở trên), bản xuất bản không được có cảnh báo; thư mục "
        "site/ không bị thay đổi. Xem lại hồ sơ rồi chạy lại lệnh."
    )
    assert not any(line.startswith("Aborted") for line in out)


def test_dev_py_build_passes_everything_else_through() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, 'hooks'); import dev; print(dev.failure(2, 0, 0))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.stdout.strip() == (
        "Không tạo được trang (mã lỗi 2): xem thông báo ở trên; thư mục site/ không bị thay đổi."
    )


def test_downloads_name_the_secretary_in_force(site: Path) -> None:
    cells = {c["id"]: c for c in json.loads((site / "du-lieu/chi-bo.json").read_text(encoding="utf-8"))}
    assert (cells["chi-bo-f"]["secretary"], cells["chi-bo-h"]["secretary"]) == ("Lê Văn Bình", "Vũ Thị Hằng")
    rows = (site / "du-lieu/chi-bo.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(row.startswith("chi-bo-h,") and ",Vũ Thị Hằng," in row for row in rows)
