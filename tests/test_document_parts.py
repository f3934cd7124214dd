"""The pieces the drafted documents are made of, each on its own: the register of numbers
(records, validation with exact messages, the warning when the register and a cell's
record disagree), the member count known on a date, the reading of a cited decision, the
layout rules by date and the header's line breaks."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest
from chibo.output.documents.lines import WORDS, lines, width
from chibo.output.documents.model import LAYOUTS, layout_on
from chibo.records import RecordsError, load_records
from chibo.records.models import Cell
from chibo.report import summarize, warnings
from chibo.report.history import members_on
from chibo.report.papers import Issued, parse_decision
from docxtext import parts
from drafting import KIEU_MAU, draft_project, sample_project

D = dt.date
COMMITTEE = "records/dang-bo.yml"


# --- the header's lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "bold", "expected"),
    [
        ("ĐẢNG ỦY TRƯỜNG ĐẠI HỌC Y DƯỢC THÁI BÌNH", True, ("ĐẢNG ỦY TRƯỜNG", "ĐẠI HỌC Y DƯỢC THÁI BÌNH")),
        ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH THÁI BÌNH", False, ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN", "TỈNH THÁI BÌNH")),
        ("ĐẢNG BỘ ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", False, ("ĐẢNG BỘ ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN")),
        ("CHI BỘ PHÒNG KHẢO THÍ VÀ ĐẢM BẢO CHẤT LƯỢNG", True, ("CHI BỘ PHÒNG KHẢO THÍ", "VÀ ĐẢM BẢO CHẤT LƯỢNG")),
        ("BAN CHỈ ĐẠO XÂY DỰNG MÔ HÌNH CHI BỘ KIỂU MẪU", True, ("BAN CHỈ ĐẠO XÂY DỰNG", "MÔ HÌNH CHI BỘ KIỂU MẪU")),
        ("CHI BỘ KHOA DƯỢC", True, ("CHI BỘ KHOA DƯỢC",)),
        ("", True, ()),
    ],
)
def test_header_names_break_at_a_phrase(name: str, bold: bool, expected: tuple[str, ...]) -> None:
    assert lines(name, 75, bold=bold) == expected


def test_header_lines_fit_and_never_split_a_word() -> None:
    names = [
        "CHI BỘ KHOA CHẨN ĐOÁN HÌNH ẢNH VÀ THĂM DÒ CHỨC NĂNG BỆNH VIỆN ĐẠI HỌC Y DƯỢC THÁI BÌNH",
        "ĐẢNG BỘ CÁC CƠ QUAN ĐẢNG TỈNH HƯNG YÊN",
        "CHI BỘ SINH VIÊN KHOA Y HỌC CỔ TRUYỀN VÀ PHỤC HỒI CHỨC NĂNG",
    ]
    for name in names:
        found = lines(name, 75, bold=True)
        assert " ".join(found) == name
        for line in found:
            assert width(line, 14, bold=True) <= 75, line
        for before, after in pairwise(found):
            assert f"{before.split()[-1]} {after.split()[0]}" not in WORDS, found


def test_a_word_wider_than_the_column_stands_alone() -> None:
    assert lines("CHI BỘ " + "X" * 40 + " KHOA", 75, bold=True) == ("CHI BỘ", "X" * 40, "KHOA")


def test_widths_are_times_new_romans() -> None:
    # Liberation Serif (metric-compatible) measures "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold at 72.9 mm.
    assert round(width("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True), 1) == 72.9
    assert width("Ư", 14) > width("U", 14)


# --- the layout rules of each date ------------------------------------------------------------


def test_layout_rules_by_date() -> None:
    assert layout_on(D(2022, 6, 11)) is LAYOUTS[0]
    assert layout_on(D(2026, 1, 8)) is LAYOUTS[0]
    assert layout_on(D(2026, 1, 9)) is LAYOUTS[1]  # Quy định 399-QĐ/TW, in force on signing
    assert "399-QĐ/TW" in LAYOUTS[1].basis and "36-HD/VPTW" in LAYOUTS[1].basis
    assert layout_on(None) is LAYOUTS[-1]


# --- what a date knows ----------------------------------------------------------------------


def cell(**fields: object) -> Cell:
    return Cell.model_validate(
        {"id": "khoa-duoc", "name": "Chi bộ Khoa Dược", "type": "giang-day", **fields}, strict=False
    )


RESULTS = [
    {"year": 2020, "members": {"tot": 15}},
    {"year": 2021, "members": {"xuat-sac": 3, "tot": 14}},
    {"year": 2022, "members": {"xuat-sac": 3, "tot": 15}},
    {"year": 2023},
]


@pytest.mark.parametrize(
    ("day", "count", "year"),
    [
        (D(2021, 12, 31), 15, 2020),  # the end of 2021 is not over yet on its last day
        (D(2022, 1, 1), 17, 2021),
        (D(2022, 6, 11), 17, 2021),  # a report of 11-6-2022 counts the end of 2021
        (D(2023, 6, 1), 18, 2022),
        (D(2024, 6, 1), 18, 2022),  # 2023 has no member ratings: the last year-end that has them
    ],
)
def test_member_count_known_on_a_date(day: dt.date, count: int, year: int) -> None:
    found = members_on(cell(members=19, results=RESULTS), day, D(2026, 3, 31))
    assert (found.value, found.year, found.day) == (count, year, D(year, 12, 31))


def test_member_count_of_the_data_date_and_before_any() -> None:
    c = cell(members=19, results=RESULTS)
    after = members_on(c, D(2026, 4, 1), D(2026, 3, 31))
    assert (after.value, after.year, after.day) == (19, None, D(2026, 3, 31))
    assert members_on(c, D(2020, 6, 1), D(2026, 3, 31)) is None  # nothing known yet: "…" in the document


# --- a decision the records cite ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "issued"),
    [
        ("Quyết định số 15-QĐ/ĐU ngày 20-6-2022", Issued("15-QĐ/ĐU", D(2022, 6, 20))),
        (
            "Quyết định số 45-QĐ/ĐU ngày 22-12-2022 của Ban Thường vụ Đảng ủy Trường",
            Issued("45-QĐ/ĐU", D(2022, 12, 22)),
        ),
        ("QĐ số 97-QĐ/ĐU, ngày 05/02/2024", Issued("97-QĐ/ĐU", D(2024, 2, 5))),
        ("Quyết định số 131-QĐ/ĐU ngày 20 tháng 12 năm 2024", Issued("131-QĐ/ĐU", D(2024, 12, 20))),
        ("Quyết định số 12-QĐ/ĐU", Issued("12-QĐ/ĐU", None)),
        ("Quyết định số 12-QĐ/ĐU ngày 31-02-2024", Issued("12-QĐ/ĐU", None)),  # no such day
        ("Quyết định của Ban Thường vụ", None),
        (None, None),
    ],
)
def test_a_cited_decision_read_as_data(text: str | None, issued: Issued | None) -> None:
    assert parse_decision(text) == issued


# --- the register -----------------------------------------------------------------------------


def with_register(project: Path, entries: str) -> Path:
    """``project`` with the committee's register replaced by ``entries``."""
    path = project / COMMITTEE
    text = path.read_text(encoding="utf-8")
    start = text.index("register:\n")
    end = next(
        i for i in range(start + 1, len(text)) if text[i - 1] == "\n" and text[i] not in " -\n"
    )  # the next top-level line
    path.write_text(text[:start] + "register:\n" + entries + "\n\n" + text[end:], encoding="utf-8")
    return project


def at(project: Path, needle: str, value: str) -> str:
    """ "records/dang-bo.yml:LINE:COLUMN" of ``value`` on the line holding ``needle``."""
    found = [
        (i, line)
        for i, line in enumerate((project / COMMITTEE).read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    number, line = found[0]
    return f"{COMMITTEE}:{number}:{line.index(value) + 1}"


def register_problems(tmp_path: Path, entries: str) -> tuple[Path, list[str]]:
    project = with_register(sample_project(tmp_path), entries)
    with pytest.raises(RecordsError) as caught:
        load_records(project)
    return project, str(caught.value).splitlines()


def test_register_entries_are_checked(tmp_path: Path) -> None:
    project, found = register_problems(
        tmp_path,
        "  - {document: lua-chon, number: 16-QĐ/ĐU, date: 2022-06-20}\n"
        "  - {document: ban-chi-dao, number: 'Số 09-QĐ/ĐU', date: 2022-06-06}",
    )
    assert found == [
        f"{at(project, 'lua-chon,', 'lua-chon')}: lỗi: register[0].document: 'lua-chon' không phải văn bản soạn sẵn; "
        "chọn một trong: ban-chi-dao, so-ket, tong-ket, hoi-nghi, de-xuat-<năm>, lua-chon-<năm>, to-trinh-<năm>, "
        "cong-nhan-<năm>, khen-thuong-<năm>, bao-cao-<năm>",
        f"{at(project, 'Số 09', chr(39))}: lỗi: register[1].number: 'Số 09-QĐ/ĐU' không phải số, ký hiệu văn bản; "
        "viết như 45-QĐ/ĐU (không có chữ 'Số')",
    ]


def test_register_numbers_are_of_their_kind_and_given_once(tmp_path: Path) -> None:
    project, found = register_problems(
        tmp_path,
        "  - {document: so-ket, number: 112-QĐ/ĐU, date: 2024-03-26}\n"
        "  - {document: tong-ket, number: 112-QĐ/ĐU, date: 2026-01-10}\n"
        "  - {document: tong-ket, number: 113-BC/ĐU, date: 2026-01-12}",
    )
    assert found == [
        f"{at(project, 'document: so-ket', '112')}: lỗi: register[0].number: Báo cáo sơ kết có ký hiệu BC, "
        "không phải 'QĐ'",
        f"{at(project, '2026-01-10', '112')}: lỗi: register[1].number: Báo cáo tổng kết có ký hiệu BC, không phải 'QĐ'",
        f"{at(project, '2026-01-10', '112')}: lỗi: register[1].number: số '112-QĐ/ĐU' đã ghi ở mục [0]; mỗi số chỉ "
        "cấp cho một văn bản",
        f"{at(project, '113-BC', 'tong-ket')}: lỗi: register[2].document: văn bản 'tong-ket' bị trùng với mục [1]",
    ]


def test_the_register_wins_and_a_disagreement_is_warned(tmp_path: Path) -> None:
    project = with_register(
        sample_project(tmp_path), "  - {document: lua-chon-2022, number: 16-QĐ/ĐU, date: 2022-06-20}"
    )
    records = load_records(project)
    report = summarize(records)
    assert report.papers.register.get("lua-chon-2022", KIEU_MAU) == Issued("16-QĐ/ĐU", D(2022, 6, 20))
    assert report.papers.register.get("cong-nhan-2022", KIEU_MAU) == Issued("45-QĐ/ĐU", D(2022, 12, 22))  # the cells
    assert [str(w) for w in warnings(records, report.breaches) if "register" in str(w)] == [
        f"{at(project, 'document: lua-chon-2022', '16-QĐ')}: cảnh báo: register[0].number: lua-chon-2022: "
        "sổ đăng ký ghi số 16-QĐ/ĐU ngày 20-6-2022, còn hồ sơ chi bộ ghi số 15-QĐ/ĐU ngày 20-6-2022"
    ]


def test_a_registered_number_reaches_the_word_file_and_the_print_page(tmp_path: Path) -> None:
    project = with_register(
        sample_project(tmp_path),
        "  - {document: de-xuat-2023, number: 07-TTr/BCĐ, date: 2023-02-06}\n"
        "  - {document: khen-thuong-2023, number: 90-QĐ/ĐU, date: 2023-12-21}\n"
        "  - {document: hoi-nghi, number: 120-KH/ĐU, date: 2026-05-04, programme: kieu-mau-2022-2025}",
    )
    site = draft_project(project)
    office = f"van-phong/chuong-trinh/{KIEU_MAU}/van-ban"
    letter, listing = parts(site / f"{office}/2023/de-xuat-2023.docx")
    assert letter.lines[0] != "DỰ THẢO" and letter.tables[0][0][0].endswith("\n*\nSố 07-TTr/BCĐ")
    assert letter.tables[0][0][1].endswith("ngày 06 tháng 02 năm 2023")
    assert "(Kèm theo Tờ trình số 07-TTr/BCĐ, ngày 06-02-2023 của Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu)" in (
        listing.lines
    )
    decision = parts(site / f"{office}/2023/lua-chon-2023.docx")[0]
    assert "Tờ trình số 07-TTr/BCĐ ngày 06-02-2023 của Ban Chỉ đạo" in decision.text  # the decision cites it
    award = parts(site / f"{office}/2023/khen-thuong-2023.docx")[0]
    assert award.tables[0][0][0].endswith("\n*\nSố 90-QĐ/ĐU")
    plan = parts(site / f"{office}/hoi-nghi-tong-ket-2022-2025.docx")
    assert plan[0].tables[0][0][1].endswith("ngày 04 tháng 5 năm 2026")
    assert all(part.lines[0] != "DỰ THẢO" for part in plan)
    (proposal,) = (d for d in site.drafts if d.docx == f"{office}/2023/de-xuat-2023.docx")
    assert proposal.issued == "Tờ trình số 07-TTr/BCĐ ngày 06-02-2023"  # what its print page says of it
    assert not any(part.draft for part in proposal.parts)
