"""The spreadsheets under /du-lieu/, read back with openpyxl as Excel or LibreOffice would.

``tests/data/small`` (5 cells, data as of 31-12-2025); its figures are worked out by hand
in tests/test_results.py.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA, build_site, copy_project
from test_results import read_csv


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("small"), DATA / "small" / "records"))


def rows(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_each_table_is_a_sheet_with_vietnamese_headers(small: Path) -> None:
    cells = openpyxl.load_workbook(small / "du-lieu/chi-bo.xlsx")
    results = openpyxl.load_workbook(small / "du-lieu/ket-qua.xlsx")
    assert cells.sheetnames == ["Chi bộ", "Sự kiện đăng ký"]
    assert results.sheetnames == ["Kết quả", "Tổng hợp theo năm", "Chỉ tiêu"]
    assert rows(results["Tổng hợp theo năm"])[0] == [
        "Năm",
        "Số chi bộ đã xếp loại",
        "Số chi bộ chưa xếp loại",
        "HTXSNV",
        "HTTNV",
        "HTNV",
        "KHTNV",
        "HTTNV trở lên",
        "Tỷ lệ HTTNV trở lên",
        "Được công nhận",
        "Tỷ lệ được công nhận",
        "ĐV HTXSNV",
        "ĐV HTTNV",
        "ĐV HTNV",
        "ĐV KHTNV",
        "Tổng số đảng viên",
    ]
    for book in (cells, results):
        for sheet in book:
            assert sheet.freeze_panes == "A2", sheet.title
            assert all(cell.font.bold for cell in sheet[1]), sheet.title


def test_sheets_hold_the_same_rows_as_the_csv_files(small: Path) -> None:
    for name, sheet in (("chi-bo", "Chi bộ"), ("ket-qua", "Kết quả")):
        table = rows(openpyxl.load_workbook(small / f"du-lieu/{name}.xlsx")[sheet])
        as_text = [["" if v is None else str(v) for v in row] for row in table]
        assert as_text == read_csv(small / f"du-lieu/{name}.csv"), name


def test_numbers_dates_and_shares_have_their_types(small: Path) -> None:
    results = openpyxl.load_workbook(small / "du-lieu/ket-qua.xlsx")
    header, *body = rows(results["Kết quả"])
    b_2024 = dict(zip(header, next(r for r in body if r[0] == "chi-bo-b" and r[2] == 2024)))
    assert b_2024["Tiêu chí chưa đạt"] == "tc1" and "ĐV KHTNV" not in b_2024  # a cell's counts: the office's
    year_2024 = results["Tổng hợp theo năm"]["A4":"P4"][0]
    # The Committee's members 2, 13, 1, 1: the small ones hidden, as on the year page.
    assert [c.value for c in year_2024] == [2024, 5, 0, 1, 3, 1, 0, 4, 0.8, 1, 0.2, "ẩn", 13, "ẩn", "ẩn", 17]
    office = openpyxl.load_workbook(small / "van-phong/du-lieu/ket-qua.xlsx")
    header, *body = rows(office["Kết quả"])
    b_2024 = dict(zip(header, next(r for r in body if r[0] == "chi-bo-b" and r[2] == 2024)))
    assert (b_2024["ĐV HTTNV"], b_2024["ĐV KHTNV"]) == (5, 1)
    assert [c.value for c in office["Tổng hợp theo năm"]["L4":"P4"][0]] == [2, 13, 1, 1, 17]
    assert (year_2024[8].number_format, year_2024[10].number_format) == ("0.0%", "0.0%")
    target = dict(zip(*rows(results["Chỉ tiêu"])[:2]))
    assert (target["Mức cần đạt"], target["Ngưỡng"], target["Tỷ lệ thực tế"], target["Kết quả"]) == (
        "từ 90% trở lên",
        0.9,
        1.0,
        "Đạt",
    )
    events = openpyxl.load_workbook(small / "du-lieu/chi-bo.xlsx")["Sự kiện đăng ký"]
    first_b = next(row for row in events.iter_rows(min_row=2) if row[0].value == "chi-bo-b")
    assert first_b[2].is_date and first_b[2].value == dt.datetime(2025, 1, 20)
    assert first_b[2].number_format == "dd/mm/yyyy"
    assert [c.value for c in first_b[3:6]] == ["dang-ky", "Đăng ký", 2025]


def test_columns_are_wide_enough_for_their_content(small: Path) -> None:
    sheet = openpyxl.load_workbook(small / "du-lieu/chi-bo.xlsx")["Chi bộ"]
    widths = {
        sheet.cell(1, c).value: sheet.column_dimensions[sheet.cell(1, c).column_letter].width
        for c in range(1, sheet.max_column + 1)
    }
    assert widths["Trạng thái"] >= len("Đạt kiểu mẫu năm 2025")
    assert widths["Tên chi bộ"] >= len("Chi bộ A")
    assert all(8 <= w <= 60 for w in widths.values()), widths


def test_workbook_dates_are_the_data_date(small: Path) -> None:
    book = openpyxl.load_workbook(small / "du-lieu/ket-qua.xlsx")
    assert book.properties.created == book.properties.modified == dt.datetime(2025, 12, 31)
    with zipfile.ZipFile(small / "du-lieu/ket-qua.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 12, 31, 0, 0, 0)}


@pytest.mark.parametrize("text", ["=1+2", "@SUM(A1)", "-2+3"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    project = copy_project(tmp_path, DATA / "small" / "records")
    record = project / "records/chi-bo/chi-bo-c.yml"
    record.write_text(record.read_text(encoding="utf-8") + f'secretary: "{text}"\n', encoding="utf-8")
    sheet = openpyxl.load_workbook(build_site(project) / "du-lieu/chi-bo.xlsx")["Chi bộ"]
    secretary = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "chi-bo-c")[4]
    assert (secretary.value, secretary.data_type) == (text, "s")
