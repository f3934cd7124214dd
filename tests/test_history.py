"""Year-accurate records and the rules of each year (hand-worked cases, exact lines).

* what held on a date: leaders, chi ủy, member count, the Committee's names and place;
* the rules of a rating year: the cap on "Hoàn thành xuất sắc nhiệm vụ" and score bands,
  reported as warnings with file, line and column;
* Vietnamese dates and alphabetical order, one implementation each.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from chibo.formats import date_long, date_vi
from chibo.records import RecordsError, load_records
from chibo.records.committee import Cap
from chibo.records.models import Cell
from chibo.report import rules, summarize, warnings
from chibo.report.context import Context
from chibo.report.history import leaders_on, members_in, naming_on
from chibo.report.monthly import disagreements, effective, rollups
from chibo.report.rules import allowed
from chibo.text import person_key, sort_key
from conftest import DATA, ROOT, SAMPLE, build_site, copy_project
from htmltext import page

D = dt.date


def cell(**fields: object) -> Cell:
    return Cell.model_validate({"id": "c", "name": "Chi bộ C", "type": "giang-day", **fields}, strict=False)


LEADERS = [
    {"date": D(2020, 8, 14), "secretary": "Nguyễn Văn Đức", "deputy": "Trần Thị Hoa"},
    {"date": D(2023, 9, 15), "secretary": "Trần Thị Hoa", "committee": False},
]


@pytest.mark.parametrize(
    ("day", "secretary", "deputy"),
    [
        (D(2019, 12, 31), "Nguyễn Văn Đức", "Trần Thị Hoa"),  # before the first entry: the first entry, never today's
        (D(2020, 8, 14), "Nguyễn Văn Đức", "Trần Thị Hoa"),  # on an entry's date, it holds
        (D(2022, 6, 11), "Nguyễn Văn Đức", "Trần Thị Hoa"),
        (D(2023, 9, 14), "Nguyễn Văn Đức", "Trần Thị Hoa"),  # the day before the change
        (D(2023, 9, 15), "Trần Thị Hoa", None),
        (D(2030, 1, 1), "Trần Thị Hoa", None),
    ],
)
def test_leaders_in_force_on_a_date(day: dt.date, secretary: str, deputy: str | None) -> None:
    c = cell(secretary="Trần Thị Hoa", members=19, leadership=LEADERS)
    leaders = leaders_on(c, day, day.year)
    assert (leaders.secretary, leaders.deputy) == (secretary, deputy)


@pytest.mark.parametrize(
    ("members", "committee", "signs"),
    [
        (8, False, "T/M CHI BỘ"),  # fewer than 9: a secretary, no chi ủy
        (9, True, "T/M CHI ỦY"),  # 9 full members elect a chi ủy (Điều lệ Đảng, Điều 24)
    ],
)
def test_chi_uy_by_the_number_of_members(members: int, committee: bool, signs: str) -> None:
    c = cell(members=members, leadership=[LEADERS[0]])
    leaders = leaders_on(c, D(2022, 6, 1), 2022)
    assert (leaders.committee, leaders.signs_for, leaders.body) == (
        committee,
        signs,
        "Chi ủy" if committee else "Chi bộ",
    )


def test_an_entry_overrides_the_member_rule() -> None:
    c = cell(members=19, leadership=LEADERS)
    assert leaders_on(c, D(2024, 1, 1), 2024).committee is False  # 19 members, but the entry says no chi ủy
    assert leaders_on(c, D(2022, 1, 1), 2022).committee is True


def test_member_count_of_a_year() -> None:
    c = cell(members=19, results=[{"year": 2021, "members": {"xuat-sac": 3, "tot": 14}}, {"year": 2022}])
    assert members_in(c, 2021) == 17  # the year's member ratings added up
    assert members_in(c, 2022) == 19  # no member ratings that year: the current count
    assert members_in(c, 2019) == 19


@pytest.fixture(scope="module")
def sample_records():
    return load_records(SAMPLE.parent)


@pytest.mark.parametrize(
    ("day", "superior", "place"),
    [
        (D(2022, 5, 31), "Đảng bộ Khối các cơ quan tỉnh Thái Bình", "Thái Bình"),
        (D(2025, 2, 5), "Đảng bộ Khối các cơ quan tỉnh Thái Bình", "Thái Bình"),
        (D(2025, 2, 6), "Đảng bộ Ủy ban nhân dân tỉnh Thái Bình", "Thái Bình"),
        (D(2025, 6, 30), "Đảng bộ Ủy ban nhân dân tỉnh Thái Bình", "Thái Bình"),
        (D(2025, 7, 1), "Đảng bộ Ủy ban nhân dân tỉnh Hưng Yên", "Hưng Yên"),
        (D(2010, 1, 1), "Đảng bộ Khối các cơ quan tỉnh Thái Bình", "Thái Bình"),  # before the first entry
    ],
)
def test_names_and_place_in_force(sample_records, day: dt.date, superior: str, place: str) -> None:
    naming = naming_on(sample_records.committee, day)
    assert (naming.superior, naming.place) == (superior, place)


@pytest.mark.parametrize(
    ("value", "short", "long"),
    [
        (D(2022, 5, 31), "31-5-2022", "ngày 31 tháng 5 năm 2022"),
        (D(2018, 3, 8), "08-3-2018", "ngày 08 tháng 3 năm 2018"),
        (D(2023, 10, 4), "04-10-2023", "ngày 04 tháng 10 năm 2023"),
        (D(2026, 1, 15), "15-01-2026", "ngày 15 tháng 01 năm 2026"),
        (D(2018, 2, 20), "20-02-2018", "ngày 20 tháng 02 năm 2018"),
    ],
)
def test_dates_as_party_documents_write_them(value: dt.date, short: str, long: str) -> None:
    assert (date_vi(value), date_long(value)) == (short, long)


def test_vietnamese_alphabetical_order() -> None:
    names = ["Đặng", "Dương", "Âu", "Ăn", "An", "Bình", "Ông", "Ơn", "Ong", "Ưng", "Uy", "Hòa", "Hoa", "Họa", "Hóa"]
    assert sorted(names, key=sort_key) == [
        "An",
        "Ăn",
        "Âu",
        "Bình",
        "Dương",
        "Đặng",
        "Hoa",
        "Hòa",
        "Hóa",
        "Họa",
        "Ong",
        "Ông",
        "Ơn",
        "Uy",
        "Ưng",
    ]
    assert sorted(["Chi bộ Sinh viên 10", "Chi bộ Sinh viên 2"], key=sort_key) == [
        "Chi bộ Sinh viên 2",
        "Chi bộ Sinh viên 10",
    ]
    # People by given name, then family and middle names.
    assert sorted(["Nguyễn Văn Bình", "Trần Thị An", "Đỗ Ánh"], key=person_key) == [
        "Trần Thị An",
        "Đỗ Ánh",
        "Nguyễn Văn Bình",
    ]


def test_every_list_is_in_vietnamese_order(sample_records) -> None:
    report = summarize(sample_records)
    names = [c.cell.name for c in report.cells]
    assert names == sorted(names, key=sort_key)
    # Đ comes after D: "Chi bộ Phòng Đào tạo" after "Chi bộ Phòng Tổ chức cán bộ"? No: after every "D…".
    assert names.index("Chi bộ Phòng Đào tạo") == names.index("Chi bộ Phòng Hành chính - Quản trị") - 1
    assert [r.cell.cell.name for r in report.years[-1].rows] == names


@pytest.mark.parametrize(
    ("percent", "good", "most"),
    [
        (20, 17, 3),  # 20 % of 17 is 3.4: three
        (20, 15, 3),  # exactly 3
        (20, 14, 2),  # 2.8
        (20, 0, 0),
        (16.5, 20, 3),  # 3.3, exact decimal arithmetic
    ],
)
def test_the_cap_in_exact_arithmetic(percent: float, good: int, most: int) -> None:
    cap = Cap.model_validate({"percent": percent, "basis": "x"})
    assert allowed(cap, good) == most


# --- the rules of each year, as warnings ----------------------------------------------

SMALL_RULES = """\
rules:
  - from: 2022
    documents: [qd-132]
    cap:
      percent: 20
      members: {scope}
      basis: Hướng dẫn thử nghiệm
    score:
      bands:
        - {{rating: xuat-sac, min: 90}}
        - {{rating: tot, min: 70}}
        - {{rating: hoan-thanh, min: 50}}
      basis: Quy định thử nghiệm
"""


def small_project(tmp_path: Path, scope: str = "dang-bo") -> Path:
    shutil.copytree(DATA / "small" / "records", tmp_path / "records")
    path = tmp_path / "records" / "dang-bo.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("rules:\n  - from: 2022\n    documents: [qd-132]\n", SMALL_RULES.format(scope=scope))
    path.write_text(text, encoding="utf-8")
    return tmp_path


def run_validate(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chibo", "validate", str(project), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": ""},
    )


def test_cap_breaches_are_warnings_with_their_place(tmp_path: Path) -> None:
    # 2024 in tests/data/small: 1 cell HTXSNV beside 3 HTTNV (at most 0); members: chi-bo-a
    # 2 HTXSNV beside 8 HTTNV and chi-bo-b 0 beside 5: 2 of 13 (at most 2), within the cap.
    project = small_project(tmp_path)
    done = run_validate(project)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "records/dang-bo.yml:27:7: cảnh báo: rules[0].cap: năm 2024: 1 chi bộ xếp loại Hoàn thành xuất sắc "
        "nhiệm vụ, vượt giới hạn 20% của 3 chi bộ Hoàn thành tốt nhiệm vụ (tối đa 0)",
        "records/dang-bo.yml:27:7: cảnh báo: rules[0].cap: năm 2025: 1 chi bộ xếp loại Hoàn thành xuất sắc "
        "nhiệm vụ, vượt giới hạn 20% của 3 chi bộ Hoàn thành tốt nhiệm vụ (tối đa 0)",
        "Hồ sơ hợp lệ: 9 tệp, 5 chi bộ, kết quả các năm 2022–2025, 2 cảnh báo.",
    ]


def test_member_cap_within_each_cell(tmp_path: Path) -> None:
    project = small_project(tmp_path, "chi-bo")
    lines = run_validate(project).stdout.splitlines()
    # chi-bo-a 2024: 2 HTXSNV beside 8 HTTNV: 20 % of 8 is 1.6, at most 1.
    assert (
        "records/chi-bo/chi-bo-a.yml:18:25: cảnh báo: results[2].members.xuat-sac: năm 2024: 2 đảng viên "
        "xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn 20% của 8 đảng viên Hoàn thành tốt nhiệm vụ "
        "(tối đa 1)"
    ) in lines


def test_scores_against_the_bands(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    path = project / "records/chi-bo/chi-bo-c.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - {year: 2025, rating: tot}", "  - {year: 2025, rating: tot, score: 91.5}"
        ),
        encoding="utf-8",
    )
    lines = run_validate(project, "--format", "json").stdout
    assert (
        '"message": "năm 2025: điểm 91,5 thuộc khung \'Hoàn thành xuất sắc nhiệm vụ\', không khớp xếp loại '
        "'Hoàn thành tốt nhiệm vụ'\"" in lines
    )
    assert '"severity": "cảnh báo"' in lines and '"line": 6' in lines


def test_a_score_in_a_year_without_scoring(tmp_path: Path) -> None:
    shutil.copytree(DATA / "small" / "records", tmp_path / "records")
    path = tmp_path / "records/chi-bo/chi-bo-c.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - {year: 2025, rating: tot}", "  - {year: 2025, rating: tot, score: 80}"
        ),
        encoding="utf-8",
    )
    assert run_validate(tmp_path).stdout.splitlines()[0] == (
        "records/chi-bo/chi-bo-c.yml:6:38: cảnh báo: results[1].score: năm 2025: căn cứ xếp loại năm 2025 không "
        "chấm điểm; bỏ điểm 80 hoặc khai báo khung điểm trong rules của dang-bo.yml"
    )


def test_the_sample_obeys_the_rules() -> None:
    done = run_validate(SAMPLE.parent)
    assert done.returncode == 0
    assert "cảnh báo" not in done.stdout
    # dang-bo.yml, two programmes of three files each, 24 cells
    assert done.stdout.startswith("Hồ sơ hợp lệ: 31 tệp, 24 chi bộ")


def test_breaches_are_shown_on_the_year_and_cell_pages(tmp_path: Path) -> None:
    records = load_records(small_project(tmp_path, "chi-bo"))
    report = summarize(records)
    year = next(y for y in report.years if y.year == 2024)
    assert [(c.level, c.excellent, c.good, c.allowed, c.holds) for c in year.caps] == [("chi-bo", 1, 3, 0, False)]
    assert len(year.breaches) == 2  # the cells' cap, and chi-bo-a's members
    a = next(c for c in report.cells if c.cell.id == "chi-bo-a")
    assert [b.year for b in a.breaches] == [2024]
    assert len(warnings(records, report.breaches)) == 3
    # chibo validate finds the same ones from the records alone, without a Report
    context = Context.of(records)
    rolled = rollups(records, context.scope)
    found = rules.breaches(
        records.committee, effective(records.cells, rolled), context, disagreements(records.cells, rolled)
    )
    assert set(found) == set(report.breaches)
    assert len(found) == len(report.breaches)


# --- validation of the new fields -------------------------------------------------------

MINI_CELL = "records/chi-bo/khoa-duoc.yml"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "mini" / "records", tmp_path / "records")
    return tmp_path


def problems(project: Path, text: str) -> list[str]:
    (project / MINI_CELL).write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(RecordsError) as caught:
        load_records(project)
    return str(caught.value).splitlines()


def test_leadership_out_of_order(mini: Path) -> None:
    assert problems(
        mini,
        """\
        id: khoa-duoc
        name: Chi bộ Khoa Dược
        type: giang-day
        leadership:
          - {date: 2023-09-15, secretary: Trần Thị Hoa}
          - {date: 2020-08-14, secretary: Nguyễn Văn Đức}
        """,
    ) == [
        f"{MINI_CELL}:6:12: lỗi: leadership[1].date: mục ngày 14-8-2020 đứng sau mục ngày 15-9-2023; "
        "hãy xếp theo thứ tự ngày"
    ]


def test_a_top_level_secretary_must_match_the_entry_in_force_on_the_data_date(mini: Path) -> None:
    assert problems(
        mini,
        """\
        id: khoa-duoc
        name: Chi bộ Khoa Dược
        type: giang-day
        secretary: Nguyễn Văn Đức
        leadership:
          - {date: 2020-08-14, secretary: Nguyễn Văn Đức}
          - date: 2023-09-15
            secretary: Trần Thị Hoa
        """,
    ) == [
        f"{MINI_CELL}:4:12: lỗi: secretary: 'Nguyễn Văn Đức' khác bí thư có hiệu lực vào ngày số liệu 31-12-2025, "
        "'Trần Thị Hoa' ở leadership[1] (dòng 8, từ ngày 15-9-2023); sửa cho khớp hoặc bỏ dòng secretary"
    ]


def test_quoted_dates_are_the_dates_they_spell(mini: Path) -> None:
    (mini / MINI_CELL).write_text(
        textwrap.dedent("""\
        id: khoa-duoc
        name: Chi bộ Khoa Dược
        type: giang-day
        registration:
          - {date: "2022-06-11", status: dang-ky, year: 2022}
          - {date: '2022-06-20', status: lua-chon, year: 2022}
        """),
        encoding="utf-8",
    )
    event = load_records(mini).cells[0].registration[1]
    assert event.date == D(2022, 6, 20)
    assert problems(
        mini,
        """\
        id: khoa-duoc
        name: Chi bộ Khoa Dược
        type: giang-day
        registration:
          - {date: "2022-02-30", status: dang-ky, year: 2022}
        """,
    ) == [f"{MINI_CELL}:5:12: lỗi: registration[0].date: ngày '2022-02-30' không tồn tại"]


def test_score_bands_must_go_down(mini: Path) -> None:
    path = mini / "records/dang-bo.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "rules:\n  - from: 2022\n    to: 2024\n    documents: [qd-132]\n",
            "rules:\n  - from: 2022\n    to: 2024\n    documents: [qd-132]\n    score:\n      bands:\n"
            "        - {rating: tot, min: 70}\n        - {rating: xuat-sac, min: 90}\n      basis: X\n",
        ),
        encoding="utf-8",
    )
    with pytest.raises(RecordsError) as caught:
        load_records(mini)
    assert str(caught.value) == (
        "records/dang-bo.yml:35:11: lỗi: rules[0].score.bands[1]: các khung điểm phải xếp "
        "từ mức cao xuống mức thấp, điểm tối thiểu giảm dần"
    )


# --- pages ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("history")))


def test_a_past_report_shows_its_own_time(sample_site: Path) -> None:
    # Chi bộ Khoa Dược registered on 11-6-2022, when Nguyễn Văn Đức was its secretary and the
    # last count known was that of the end of 2021 (17 members; 18 at the end of 2022); today's
    # secretary is Trần Thị Hoa, with 19 members.
    report = page(sample_site, "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky/")
    assert "Thái Bình, ngày 11 tháng 6 năm 2022" in report.text
    assert "ĐẢNG BỘ TRƯỜNG ĐẠI HỌC Y DƯỢC THÁI BÌNH" in report.text
    assert "Tổng số đảng viên: 17 đồng chí (số liệu cuối năm 2021)." in report.text
    assert (
        "Chi bộ có chi ủy; đồng chí Nguyễn Văn Đức là bí thư chi bộ, đồng chí Trần Thị Hoa là phó bí thư."
        in report.text
    )
    assert "T/M CHI ỦY BÍ THƯ Nguyễn Văn Đức" in report.text
    assert "Trần Thị Hoa" not in report.text.split("T/M CHI ỦY")[1]
    assert "Số liệu tính đến ngày" not in report.text
    cell = page(sample_site, "chi-bo/khoa-duoc/")
    assert "Bí thư chi bộ: Trần Thị Hoa" in cell.text and "Số đảng viên: 19" in cell.text
    assert [
        "14-8-2020",
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
        "theo số đảng viên",
        "Đại hội Chi bộ nhiệm kỳ 2020-2022.",
    ] in cell.rows


def test_a_cell_without_chi_uy_signs_for_the_cell(sample_site: Path) -> None:
    report = page(sample_site, "van-phong/chi-bo/phong-khao-thi/bon-tot-2026-2030/dang-ky/")
    assert "T/M CHI BỘ BÍ THƯ Nguyễn Thị Lan Phương" in report.text
    assert (
        "Chi bộ có dưới 9 đảng viên, không bầu chi ủy; đồng chí Nguyễn Thị Lan Phương là bí thư chi bộ" in report.text
    )
    cell = page(sample_site, "chi-bo/phong-khao-thi/")
    assert "Chi ủy: không có chi ủy (chi bộ bầu bí thư, phó bí thư)" in cell.text


def test_a_report_after_the_reorganisation_uses_the_new_names(sample_site: Path) -> None:
    # Bộ môn Nội registered on 20-01-2025, before the 2025 changes; its secretary then was
    # Vũ Văn Quyết, who retired later that year.
    report = page(sample_site, "van-phong/chi-bo/bo-mon-noi/kieu-mau-2022-2025/dang-ky/")
    assert "Thái Bình, ngày 20 tháng 01 năm 2025" in report.text
    assert "T/M CHI ỦY BÍ THƯ Vũ Văn Quyết" in report.text
    cell = page(sample_site, "chi-bo/bo-mon-noi/")
    assert "Bí thư chi bộ: Hà Thị Ngọc Ánh" in cell.text


def test_year_page_shows_the_rules_and_the_cap(sample_site: Path) -> None:
    year = page(sample_site, "ket-qua/2024/")
    assert (
        "Giới hạn tỷ lệ Hoàn thành xuất sắc nhiệm vụ: không quá 20% số được xếp loại Hoàn thành tốt nhiệm vụ"
        in year.text
    )
    assert ["Chi bộ trực thuộc Đảng ủy", "3", "18", "3", "Trong giới hạn"] in year.rows
    last = page(sample_site, "ket-qua/2025/")
    assert (
        "Chấm điểm (thang 100): Hoàn thành xuất sắc nhiệm vụ từ 90 điểm, hoàn thành mọi nhiệm vụ được giao, trong "
        "đó ít nhất 30% vượt mức yêu cầu; Hoàn thành tốt nhiệm vụ từ 70 điểm; Hoàn thành nhiệm vụ từ 50 điểm; "
        "dưới 50 điểm: Không hoàn thành nhiệm vụ"
    ) in last.text
    assert "Căn cứ: Quy định số 366-QĐ/TW, Điều 11:" in last.text
    assert "Điều 10" not in last.text
    assert any(row[0] == "Chi bộ Khoa Dược" and row[3] == "93" for row in last.rows)


def test_results_count_every_cell_as_not_yet_rated(tmp_path: Path) -> None:
    # A registration for 2027 (before any result of 2027) opens the year: every cell counts.
    project = copy_project(tmp_path)
    cell = project / "records/chi-bo/phong-khao-thi.yml"
    text = cell.read_text(encoding="utf-8")
    cell.write_text(
        text.replace("results:\n", "  - {date: 2026-12-20, status: dang-ky, year: 2027}\nresults:\n", 1),
        encoding="utf-8",
    )
    site = build_site(project)
    results = page(site, "ket-qua/")
    assert ["2027", "0", "24", "–", "–", "–", "–", "–", "–"] in results.rows
    assert "Năm 2027 chưa có chi bộ nào được xếp loại (24 chi bộ chưa xếp loại)." in page(site, "ket-qua/2027/").text


def test_criteria_draft_flag_and_banner(sample_site: Path, tmp_path: Path) -> None:
    criteria = page(sample_site, "chuong-trinh/kieu-mau-2022-2025/tieu-chi/")
    assert "Bản dự thảo Khung tiêu chí này là bản dự thảo minh họa" in criteria.text
    assert "Dữ liệu minh họa" not in page(sample_site, "chuong-trinh/kieu-mau-2022-2025/ke-hoach/").text
    project = copy_project(tmp_path)
    book = project / "records/chuong-trinh/kieu-mau-2022-2025/tieu-chi.yml"
    book.write_text(book.read_text(encoding="utf-8").replace("draft: true\n", "draft: false\n"), encoding="utf-8")
    page_ = page(build_site(project), "chuong-trinh/kieu-mau-2022-2025/tieu-chi/")
    assert "Bản dự thảo" not in page_.text and "bản dự thảo minh họa" not in page_.text


def test_not_found_page_in_vietnamese(sample_site: Path) -> None:
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Không tìm thấy trang</h1>" in html and "Not found" not in html


def test_wording_found_on_review(sample_site: Path) -> None:
    org = page(sample_site, "chuong-trinh/kieu-mau-2022-2025/to-chuc-thuc-hien/")
    assert ["Họ và tên", "Chức danh trong Ban Chỉ đạo", "Chức vụ"] in org.rows
    everything = " ".join(
        page(sample_site, url).text
        for url in (
            "",
            "chuong-trinh/kieu-mau-2022-2025/lo-trinh/",
            "chi-bo/",
            "chi-bo/khoa-duoc/",
            "ket-qua/",
            "ket-qua/2022/",
        )
    )
    for wrong in (
        "Không có hồ sơ năm này",
        "(Các chi bộ (qua",
        "đối với năm chi bộ đăng ký",
        "Đạt kiểu mẫu năm",
        "Nhiệm vụ trong Ban Chỉ đạo",
    ):
        assert wrong not in everything, wrong
