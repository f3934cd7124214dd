"""Results, targets, selection conditions, roadmap and downloads, checked by hand.

``tests/data/small`` holds 5 cells; every figure below was worked out on paper:

    year  rated unrated  xs tot ht kht  good (share)   model (share)
    2022    2     0       0  2   0  0   2 (100,0%)     0 (0,0%)
    2023    2     0       0  1   1  0   1 (50,0%)      0 (0,0%)
    2024    5     0       1  3   1  0   4 (80,0%)      1 (20,0%)
    2025    4     1       1  3   0  0   4 (100,0%)     1 (25,0%)

Targets (2025, programme kieu-mau-2022-2025): good ≥ 90 % → 4/4 met; recognised > 20 % →
1/4 = 25 % met. In 2024 the same
thresholds need 5 of 5 (100·n ≥ 450) and 2 of 5 (100·n > 100) cells: one more each.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import feedparser
import icalendar
import pytest
from conftest import DATA, build_site, copy_project
from htmltext import page


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("small"), DATA / "small" / "records"))


def test_results_json(small: Path) -> None:
    data = json.loads((small / "du-lieu/ket-qua.json").read_text(encoding="utf-8"))
    assert data["years"] == [
        {
            "year": 2022,
            "rated": 2,
            "unrated": 3,
            "ratings": {"xuat-sac": 0, "tot": 2, "hoan-thanh": 0, "khong-hoan-thanh": 0},
            "good_or_better": 2,
            "good_or_better_percent": 100.0,
            "model": 0,
            "model_percent": 0.0,
            "members": None,
        },
        {
            "year": 2023,
            "rated": 2,
            "unrated": 3,
            "ratings": {"xuat-sac": 0, "tot": 1, "hoan-thanh": 1, "khong-hoan-thanh": 0},
            "good_or_better": 1,
            "good_or_better_percent": 50.0,
            "model": 0,
            "model_percent": 0.0,
            "members": None,
        },
        {
            "year": 2024,
            "rated": 5,
            "unrated": 0,
            "ratings": {"xuat-sac": 1, "tot": 3, "hoan-thanh": 1, "khong-hoan-thanh": 0},
            "good_or_better": 4,
            "good_or_better_percent": 80.0,
            "model": 1,
            "model_percent": 20.0,
            # 2024: chi-bo-a 2, 8, 0, 0 and chi-bo-b 0, 5, 1, 1: the small ones hidden (null)
            "members": {"xuat-sac": None, "tot": 13, "hoan-thanh": None, "khong-hoan-thanh": None, "total": 17},
        },
        {
            "year": 2025,
            "rated": 4,
            "unrated": 1,
            "ratings": {"xuat-sac": 1, "tot": 3, "hoan-thanh": 0, "khong-hoan-thanh": 0},
            "good_or_better": 4,
            "good_or_better_percent": 100.0,
            "model": 1,
            "model_percent": 25.0,
            "members": None,
        },
    ]
    office = json.loads((small / "van-phong/du-lieu/ket-qua.json").read_text(encoding="utf-8"))
    assert office["years"][2]["members"] == {
        "xuat-sac": 2,
        "tot": 13,
        "hoan-thanh": 1,
        "khong-hoan-thanh": 1,
        "total": 17,
    }
    assert office["programmes"] == data["programmes"]
    [programme] = data["programmes"]
    assert {k: v for k, v in programme.items() if k != "targets"} == {
        "id": "kieu-mau-2022-2025",
        "name": programme["name"],
        "plan": programme["plan"],
        "start": 2022,
        "end": 2025,
        "state": "dang-thuc-hien",
    }
    assert programme["targets"] == [
        {
            "id": "tot-tro-len",
            "label": "Chi bộ hoàn thành tốt nhiệm vụ trở lên",
            "measure": "tot-tro-len",
            "year": 2025,
            "comparison": ">=",
            "percent": 90.0,
            "rated": 4,
            "actual": 4,
            "actual_percent": 100.0,
            "met": True,
            "needed": 0,
        },
        {
            "id": "kieu-mau",
            "label": "Chi bộ đạt tiêu chí mô hình chi bộ kiểu mẫu",
            "measure": "cong-nhan",
            "year": 2025,
            "comparison": ">",
            "percent": 20.0,
            "rated": 4,
            "actual": 1,
            "actual_percent": 25.0,
            "met": True,
            "needed": 0,
        },
    ]


def test_results_page_agrees_with_the_json(small: Path) -> None:
    results = page(small, "ket-qua/")
    assert [
        "2024",
        "5",
        "0",
        "1 (20,0%)",
        "3 (60,0%)",
        "1 (20,0%)",
        "0 (0,0%)",
        "4 (80,0%)",
        "1 (20,0%)",
    ] in results.rows
    assert [
        "2025",
        "4",
        "1",
        "1 (25,0%)",
        "3 (75,0%)",
        "0 (0,0%)",
        "0 (0,0%)",
        "4 (100,0%)",
        "1 (25,0%)",
    ] in results.rows
    # Each target against every year, on the programme's page: the verdict and the cells still needed.
    results = page(small, "chuong-trinh/kieu-mau-2022-2025/ket-qua/")
    assert ["2024", "4/5", "80,0%", "Chưa đạt, cần thêm 1 chi bộ"] in results.rows
    assert ["2024", "1/5", "20,0%", "Chưa đạt, cần thêm 1 chi bộ"] in results.rows
    assert ["2023", "1/2", "50,0%", "Chưa đạt, cần thêm 1 chi bộ"] in results.rows
    assert ["2025", "1/4", "25,0%", "Đạt"] in results.rows
    assert ["Chi bộ đạt tiêu chí mô hình chi bộ kiểu mẫu", "2025", "trên 20%", "1/4 (25,0%)", "Đạt"] in results.rows


def test_charts_are_inline_svg_with_text_equivalents(small: Path) -> None:
    results = page(small, "ket-qua/")
    assert results.html.count("<svg viewBox=") == 1
    assert "<title>2024: Hoàn thành tốt nhiệm vụ 3/5 (60,0%)</title>" in results.html
    assert 'fill="url(#xep-loai-hatch)"' in results.html  # a pattern, not colour alone
    results = page(small, "chuong-trinh/kieu-mau-2022-2025/ket-qua/")
    assert results.html.count("<svg viewBox=") == 2  # one per measure
    assert "<title>2024: 4/5 (80,0%), chưa đạt</title>" in results.html
    assert "Chỉ tiêu năm 2025: từ 90% trở lên" in results.text
    assert 'fill="url(#' in results.html and "-hatch)" in results.html  # a pattern, not colour alone


def test_year_page_lists_every_cell_and_the_rules(small: Path) -> None:
    year = page(small, "ket-qua/2024/")
    assert "Căn cứ xếp loại" in year.text
    assert "Quy định về kiểm điểm và đánh giá, xếp loại: số 132-QĐ/TW ngày 08-3-2018 của Bộ Chính trị" in year.text
    # Members: each cell's rating, criteria, recognition; no member counts of a cell.
    assert ["Chi bộ B", "Giảng dạy", "Hoàn thành tốt nhiệm vụ", "1/2 (chưa đạt: TC1)", "–"] in year.rows
    assert ["Chi bộ E", "Giảng dạy", "Hoàn thành tốt nhiệm vụ", "2/2", "Được công nhận"] in year.rows
    # The Committee's members: 2, 13, 1, 1 (chi-bo-a 2, 8, 0, 0; chi-bo-b 0, 5, 1, 1), 17 in all.
    assert ["Đảng viên toàn Đảng bộ", "ẩn", "13", "ẩn", "ẩn", "17"] in year.rows
    assert ("../2023/", "← Năm 2023") in year.links and ("../2025/", "Năm 2025 →") in year.links
    last = page(small, "ket-qua/2025/")
    assert ["Chi bộ E", "Giảng dạy", "Chưa xếp loại", "–", "–"] in last.rows
    first = page(small, "ket-qua/2022/")
    assert ["Chi bộ C", "Sinh viên", "Chưa có kết quả năm này", "–", "–"] in first.rows
    assert not any("Năm 2021" in text for _, text in first.links)
    # The office: every count, by cell and by type, and the notes.
    office = page(small, "van-phong/ket-qua/2024/")
    assert [
        "Chi bộ B",
        "Giảng dạy",
        "Hoàn thành tốt nhiệm vụ",
        "0",
        "5",
        "1",
        "1",
        "1/2 (chưa đạt: TC1)",
        "–",
        "–",
    ] in (office.rows)
    assert ["Toàn Đảng bộ", "2", "13", "1", "1", "17"] in office.rows
    assert ("../../chi-bo/chi-bo-b/", "Chi bộ B") in office.links  # to the office's cell page
    assert ("../2023/", "← Năm 2023") in office.links


def conditions(small: Path, cell: str) -> list[list[str]]:
    rows = page(small, f"chi-bo/{cell}/").rows
    start = rows.index(["Điều kiện", "Đánh giá", "Căn cứ"])
    return rows[start + 1 : start + 6]


def test_selection_conditions_met(small: Path) -> None:
    assert [row[1] for row in conditions(small, "chi-bo-a")] == ["Đạt", "Đạt", "Đạt", "Đạt", "Do Ban Thường vụ xem xét"]
    assert "Điều kiện lựa chọn năm 2025" in page(small, "chi-bo/chi-bo-a/").text


def test_selection_conditions_not_met_with_reasons(small: Path) -> None:
    assert conditions(small, "chi-bo-b") == [
        [
            "Hoàn thành tốt nhiệm vụ trở lên 3 năm liền (2022–2024)",
            "Chưa đạt",
            "Có năm chưa đạt mức hoàn thành tốt nhiệm vụ (năm 2023: Hoàn thành nhiệm vụ).",
        ],
        [
            "Đạt 01 tiêu chí chung đối với chi bộ (tự đánh giá năm 2024)",
            "Chưa đạt",
            "Năm 2024 chưa đạt tiêu chí TC1.",
        ],
        [
            "Đội ngũ đảng viên cơ bản đã thực hiện tốt 01 tiêu chí về đảng viên (tự đánh giá năm 2024)",
            "Đạt",
            "Năm 2024 đạt tiêu chí TC2.",
        ],
        [
            "Năm 2024: 100% đảng viên hoàn thành nhiệm vụ trở lên, không có đảng viên không hoàn thành nhiệm vụ",
            "Chưa đạt",
            "Năm 2024 có đảng viên không hoàn thành nhiệm vụ.",  # no count on the members' page
        ],
        [
            "Bí thư, phó bí thư chi bộ có năng lực, trình độ, uy tín, tâm huyết, phẩm chất đạo đức tốt",
            "Do Ban Thường vụ xem xét",
            "Tiêu chí định tính: chi bộ tự nêu trong báo cáo, Ban Thường vụ Đảng ủy xem xét khi lựa chọn.",
        ],
    ]


def test_no_conditions_for_a_year_after_the_programme(small: Path) -> None:
    # chi-bo-d never registered; its next year, 2026, is after the programme's 2022-2025:
    # there is no year it could register for, so no conditions are shown (test_report checks
    # the verdicts without data when the programme runs on).
    cell = page(small, "chi-bo/chi-bo-d/")
    assert ["Điều kiện", "Đánh giá", "Căn cứ"] not in cell.rows
    assert "năm 2026" not in cell.text


def test_cell_status_timeline_and_criteria_matrix(small: Path) -> None:
    e = page(small, "chi-bo/chi-bo-e/")
    assert "Trạng thái: Được công nhận chi bộ kiểu mẫu năm 2024" in e.text
    timeline = e.rows[e.rows.index(["Thời gian", "Sự kiện", "Quyết định, ghi chú"]) + 1 :][:5]
    assert timeline == [
        ["05-01-2024", "Đăng ký (năm 2024, Chi bộ kiểu mẫu 2022–2025)", "–"],
        ["20-01-2024", "Ban Thường vụ lựa chọn (năm 2024, Chi bộ kiểu mẫu 2022–2025)", "–"],
        ["Năm 2024", "Xếp loại: Hoàn thành tốt nhiệm vụ; được công nhận chi bộ kiểu mẫu", "–"],
        ["01-3-2025", "Rút đăng ký (năm 2025, Chi bộ kiểu mẫu 2022–2025)", "Đổi bí thư"],  # its public note
        ["Năm 2025", "Chưa xếp loại", "–"],  # its note is the office's
    ]
    office = page(small, "van-phong/chi-bo/chi-bo-e/")
    assert ["Năm 2025", "Chưa xếp loại", "Chưa xếp loại"] in office.rows
    b = page(small, "chi-bo/chi-bo-b/")
    assert "Trạng thái: Không được lựa chọn năm 2025" in b.text
    assert ["Năm", "TC1", "TC2"] in b.rows and ["2024", "✗ Chưa đạt", "✓ Đạt"] in b.rows
    assert "Trạng thái: Chưa đăng ký" in page(small, "chi-bo/chi-bo-c/").text


def test_milestones_against_as_of(small: Path) -> None:
    home = page(small, "")
    assert "Quá hạn (tính đến ngày 31-12-2025): 30-6-2025: Sơ kết giữa kỳ. Chủ trì: Ban Tuyên huấn" in home.text
    assert "Sắp tới: 31-12-2025: Báo cáo năm 2025 15-01-2026: Tổng kết Đề án" in home.text
    road = page(small, "chuong-trinh/kieu-mau-2022-2025/lo-trinh/")
    states = {row[1]: row[3] for row in road.rows if re.fullmatch(r"\d+-\d+-\d{4}", row[0])}
    assert states == {
        "Quán triệt Đề án": "Đã hoàn thành ngày 08-6-2022",
        "Sơ kết giữa kỳ": "Quá hạn",
        "Báo cáo năm 2025": "Sắp tới",
        "Tổng kết Đề án": "Sắp tới",
    }
    assert (
        "Năm 2022 — Ban Thường vụ lựa chọn từ 1 đến 2 chi bộ để chỉ đạo thực hiện (mục III.3.3): "
        "đã lựa chọn 0 chi bộ: Chưa đạt."
    ) in road.text
    cycles = {row[0]: row[2] for row in road.rows if row[:1] and row[0].isdigit() and len(row) == 4}
    assert cycles == {"2022": "Đã qua", "2023": "Đã qua", "2024": "Đã qua", "2025": "Đang diễn ra"}  # as_of 31-12-2025


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_files_agree_with_the_pages(small: Path) -> None:
    cells = read_csv(small / "du-lieu/chi-bo.csv")
    assert cells[0][:4] == ["Mã chi bộ", "Tên chi bộ", "Mã loại hình", "Loại hình"]
    by_id = {row[0]: dict(zip(cells[0], row)) for row in cells[1:]}
    assert len(by_id) == 5
    assert by_id["chi-bo-a"]["Trạng thái"] == "Được công nhận chi bộ kiểu mẫu năm 2025"
    assert by_id["chi-bo-e"]["Các năm được công nhận"] == "2024"
    results = read_csv(small / "du-lieu/ket-qua.csv")
    assert len(results) == 1 + 14
    rows = [dict(zip(results[0], row)) for row in results[1:]]
    rated_2024 = [r for r in rows if r["Năm"] == "2024" and r["Mã xếp loại"]]
    assert len(rated_2024) == 5
    assert sum(r["Mã xếp loại"] in ("xuat-sac", "tot") for r in rated_2024) == 4
    b_2024 = next(r for r in rows if r["Mã chi bộ"] == "chi-bo-b" and r["Năm"] == "2024")
    assert b_2024["Tiêu chí chưa đạt"] == "tc1" and "ĐV HTTNV" not in b_2024  # counts of a cell: the office's
    office = read_csv(small / "van-phong/du-lieu/ket-qua.csv")
    b_2024 = next(dict(zip(office[0], r)) for r in office[1:] if r[0] == "chi-bo-b" and r[2] == "2024")
    assert (b_2024["ĐV HTTNV"], b_2024["ĐV HTNV"], b_2024["ĐV KHTNV"]) == ("5", "1", "1")


def test_cells_json(small: Path) -> None:
    cells = json.loads((small / "du-lieu/chi-bo.json").read_text(encoding="utf-8"))
    a = next(c for c in cells if c["id"] == "chi-bo-a")
    assert {
        k: a[k]
        for k in ("type", "type_name", "status", "status_label", "latest_year", "latest_rating", "model_years", "url")
    } == {
        "type": "giang-day",
        "type_name": "Chi bộ khoa, bộ môn",
        "status": "kieu-mau",
        "status_label": "Được công nhận chi bộ kiểu mẫu năm 2025",
        "latest_year": 2025,
        "latest_rating": "xuat-sac",
        "model_years": [2025],
        "url": "chi-bo/chi-bo-a/",
    }
    for cell in cells:
        assert (small / cell["url"] / "index.html").exists()


def test_calendar_parses_with_milestones_and_december_cycles(small: Path) -> None:
    cal = icalendar.Calendar.from_ical((small / "du-lieu/lich.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 4 + 4
    so_ket = events["moc-so-ket@chibo-kieu-mau"]
    assert str(so_ket["summary"]) == "Sơ kết giữa kỳ"
    assert so_ket.decoded("dtstart").isoformat() == "2025-06-30"
    assert "Quá hạn" in str(so_ket["description"])
    cycle = events["thang-12-2024@chibo-kieu-mau"]
    assert (cycle.decoded("dtstart").isoformat(), cycle.decoded("dtend").isoformat()) == ("2024-12-01", "2025-01-01")


def test_atom_feed_newest_first(small: Path) -> None:
    feed = feedparser.parse((small / "du-lieu/thay-doi.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [e.title for e in feed.entries]
    assert len(titles) == 9
    assert titles[0] == "Chi bộ A: Được công nhận chi bộ kiểu mẫu năm 2025"
    assert titles[1] == "Chi bộ E: Rút đăng ký năm 2025"
    assert titles[-1] == "Chi bộ E: Đăng ký năm 2024"
    dates = [e.updated_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert len({e.id for e in feed.entries}) == 9


def test_json_schema_is_published(small: Path) -> None:
    schema = json.loads((small / "du-lieu/schema/chi-bo.schema.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["id", "name", "type"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) >= {"id", "name", "type", "registration", "results"}


def test_downloads_page_links_every_file(small: Path) -> None:
    links = dict(page(small, "du-lieu/").links)
    for name in (
        "chi-bo.json",
        "chi-bo.csv",
        "chi-bo.xlsx",
        "ket-qua.json",
        "ket-qua.csv",
        "ket-qua.xlsx",
        "lich.ics",
        "thay-doi.xml",
        "schema/chi-bo.schema.json",
    ):
        assert links[name] == name and (small / "du-lieu" / name).is_file()
