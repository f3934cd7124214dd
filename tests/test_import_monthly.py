"""``chibo import`` of monthly self-assessments and ``chibo template``: the programme's own
templates filled in and imported into ``results[].monthly``, rolled up by the programme's
rule; every problem with its sheet, row and column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from chibo.commands import cli
from chibo.records import load_records
from chibo.report import summarize

MONTHS = range(2, 13)  # the programme counts from February in its first year


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A new committee's project: a monthly programme from 2026 (from February), three cells."""
    out = tmp_path / "du-an"
    args = ["--kind", "bon-tot", "--start", "2026", "--end", "2030", "--programme", "bon-tot"]
    assert cli.main(["init", str(out), "--committee", "Đảng bộ Bệnh viện", "--as-of", "2026-12-31", *args]) == 0
    programme = out / "records/chuong-trinh/bon-tot/chuong-trinh.yml"
    text = programme.read_text(encoding="utf-8").replace('  # first_month: "2026-02"', '  first_month: "2026-02"')
    programme.write_text(text, encoding="utf-8")
    for cell_id, name in (
        ("khoa-noi", "Chi bộ Khoa Nội"),
        ("khoa-ngoai", "Chi bộ Khoa Ngoại"),
        ("khoa-nhi", "Chi bộ Khoa Nhi"),
    ):
        assert cli.main(["new", cell_id, "--name", name, "--type", "chi-bo", "--project", str(out)]) == 0
    capsys.readouterr()
    return out


def template(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "mau"
    assert cli.main(["template", "--project", str(project), "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Đã viết {out / name}: {title}"
        for name, title in (
            ("ket-qua-2026.xlsx", "Kết quả năm 2026 (Xây dựng chi bộ giai đoạn 2026-2030)"),
            ("ket-qua-2026.csv", "Kết quả năm 2026 (Xây dựng chi bộ giai đoạn 2026-2030)"),
            ("tu-danh-gia-2026.xlsx", "Tự đánh giá hằng tháng 2026 (Xây dựng chi bộ giai đoạn 2026-2030)"),
            ("tu-danh-gia-2026.csv", "Tự đánh giá hằng tháng 2026 (Xây dựng chi bộ giai đoạn 2026-2030)"),
        )
    ]
    return out


def fill(path: Path, rows: list[list[object]], out: Path) -> Path:
    """The template with its example row replaced by ``rows``, saved as ``out``."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.delete_rows(2)
    for row in rows:
        sheet.append(row)
    book.save(out)
    return out


def run_import(project: Path, sheet: Path, *more: str) -> int:
    return cli.main(["import", str(sheet), "--year", "2026", "--project", str(project), *more])


def test_templates_are_made_from_the_programmes_criteria(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = template(project, tmp_path, capsys)
    monthly = (folder / "tu-danh-gia-2026.csv").read_bytes().decode("utf-8")
    assert monthly == (
        "\ufeffMã chi bộ,Tên chi bộ,Tháng,TC1,TC2,TC3\r\n"
        "vi-du,VÍ DỤ - XÓA DÒNG NÀY TRƯỚC KHI NHẬP,2/2026,Đạt,Đạt,Đạt\r\n"
    )
    yearly = (folder / "ket-qua-2026.csv").read_bytes().decode("utf-8").splitlines()[0]
    assert yearly == (
        "\ufeffMã chi bộ,Tên chi bộ,Xếp loại,Điểm,ĐV HTXSNV,ĐV HTTNV,ĐV HTNV,ĐV KHTNV,TC1,TC2,TC3,"
        "Công nhận,Quyết định,Khen thưởng,Ghi chú"
    )
    book = openpyxl.load_workbook(folder / "tu-danh-gia-2026.xlsx")
    assert book.active.title == "Tự đánh giá 2026"
    assert [c.value for c in book.active[1]] == ["Mã chi bộ", "Tên chi bộ", "Tháng", "TC1", "TC2", "TC3"]
    # the example row is refused, should the office forget to delete it
    assert run_import(project, folder / "tu-danh-gia-2026.xlsx") == 1
    assert capsys.readouterr().out == "tu-danh-gia-2026.xlsx: dòng 2, cột A: không có chi bộ mã 'vi-du'\n"


def test_monthly_round_trip(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = template(project, tmp_path, capsys)
    rows: list[list[object]] = []
    for month in MONTHS:
        rows.append(["khoa-noi", "", month, "Đạt", "Đạt", "Đạt"])
        # Khoa Ngoại misses TC2 in three months: 8 of 11, fewer than the 10 needed
        rows.append(["khoa-ngoai", "", f"{month}/2026", "Đạt", "Chưa đạt" if month in (3, 6, 9) else "Đạt", "x"])
    sheet = fill(folder / "tu-danh-gia-2026.xlsx", rows, tmp_path / "tu-danh-gia-2026.xlsx")
    assert run_import(project, sheet) == 0
    assert "Xem trước: 2 tệp sẽ thay đổi" in capsys.readouterr().out
    assert run_import(project, sheet, "--write") == 0
    assert capsys.readouterr().out.endswith("Đã ghi 2 tệp hồ sơ, kết quả năm 2026.\n")
    text = (project / "records/chi-bo/khoa-ngoai.yml").read_text(encoding="utf-8")
    assert text.endswith(
        "results:\n  - year: 2026\n    monthly:\n"
        + "".join(
            f"      2026-{m:02d}: {{tc1: dat, tc2: {'chua-dat' if m in (3, 6, 9) else 'dat'}, tc3: dat}}\n"
            for m in MONTHS
        )
    )
    records = load_records(project)
    cell = next(c for c in records.cells if c.id == "khoa-noi")
    assert cell.results[0].monthly == {f"2026-{m:02d}": {"tc1": "dat", "tc2": "dat", "tc3": "dat"} for m in MONTHS}
    report = summarize(records)
    rolled = {c.cell.id: c.cell.results[0].criteria for c in report.cells if c.cell.results}
    assert rolled == {
        "khoa-noi": {"tc1": "dat", "tc2": "dat", "tc3": "dat"},
        "khoa-ngoai": {"tc1": "dat", "tc2": "chua-dat", "tc3": "dat"},
    }
    assert cli.main(["validate", str(project)]) == 0


def test_a_later_sheet_adds_months_in_order_and_keeps_blank_cells(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "thang-2026.csv"
    first.write_text("Mã chi bộ,Tháng,TC1,TC2,TC3\nkhoa-nhi,2,Đạt,Đạt,Đạt\nkhoa-nhi,4,Đạt,Đạt,Đạt\n", encoding="utf-8")
    assert run_import(project, first, "--write") == 0
    later = tmp_path / "thang-3-2026.csv"
    later.write_text(
        "Tên chi bộ;Tháng;TC2;TC3\nChi bộ Khoa Nhi;Tháng 3;Chưa đạt;Đạt\nChi bộ Khoa Nhi;04/2026;;Chưa đạt\n",
        encoding="utf-8",
    )
    assert run_import(project, later, "--write") == 0
    text = (project / "records/chi-bo/khoa-nhi.yml").read_text(encoding="utf-8")
    assert text.endswith(
        "    monthly:\n"
        "      2026-02: {tc1: dat, tc2: dat, tc3: dat}\n"
        "      2026-03: {tc2: chua-dat, tc3: dat}\n"
        "      2026-04: {tc1: dat, tc2: dat, tc3: chua-dat}\n"
    )


def test_monthly_errors_name_the_row_and_column(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "tu-danh-gia-2026.csv"
    sheet.write_text(
        "Mã chi bộ,Tháng,TC1,TC2,TC3,Xếp loại\n"
        "khoa-noi,13,Đạt,Đạt,Đạt,\n"
        "khoa-noi,4/2025,Đạt,Đạt,Đạt,\n"
        "khoa-noi,,Đạt,Đạt,Đạt,\n"
        "khoa-noi,5,Đạt,có lẽ,Đạt,\n"
        "khoa-noi,6,Đạt,Đạt,Đạt,\n"
        "khoa-noi,06,Đạt,Đạt,Đạt,\n"
        "khoa-ngoai,7,Đạt,Đạt,Đạt,HTTNV\n",
        encoding="utf-8",
    )
    before = (project / "records/chi-bo/khoa-noi.yml").read_bytes()
    assert run_import(project, sheet, "--write") == 1
    done = capsys.readouterr()
    assert done.out.splitlines() == [
        "tu-danh-gia-2026.csv: dòng 2, cột B: tháng '13' không hợp lệ; ghi số tháng từ 1 đến 12, ví dụ 3 hoặc 3/2026",
        "tu-danh-gia-2026.csv: dòng 3, cột B: tháng 4/2025 không thuộc năm 2026 (--year)",
        "tu-danh-gia-2026.csv: dòng 4, cột B: thiếu tháng: ghi số tháng từ 1 đến 12, ví dụ 3 hoặc 3/2026",
        "tu-danh-gia-2026.csv: dòng 5, cột D: tiêu chí TC2 'có lẽ' không hợp lệ; ghi 'Đạt' hoặc 'Chưa đạt'",
        "tu-danh-gia-2026.csv: dòng 7, cột A: chi bộ khoa-noi tháng 2026-06 đã có ở dòng 6",
        "tu-danh-gia-2026.csv: dòng 8, cột F: bảng tự đánh giá hằng tháng chỉ ghi Đạt / Chưa đạt từng tiêu chí; "
        "xếp loại, số đảng viên, công nhận nhập bằng bảng kết quả năm (không có cột 'Tháng')",
    ]
    assert done.err == "6 lỗi; không ghi gì vào hồ sơ.\n"
    assert (project / "records/chi-bo/khoa-noi.yml").read_bytes() == before


def test_a_criterion_of_another_programme_is_named(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "tu-danh-gia-2026.csv"
    sheet.write_text("Mã chi bộ,Tháng,TC1,TC9\nkhoa-noi,3,Đạt,Đạt\n", encoding="utf-8")
    assert run_import(project, sheet) == 1
    assert capsys.readouterr().out == (
        "tu-danh-gia-2026.csv: dòng 1, cột D: không hiểu tiêu đề cột 'TC9'; "
        "các cột tiêu chí của năm này: TC1, TC2, TC3\n"
    )


def test_a_month_after_the_data_date_is_refused_at_its_row(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committee = project / "records/dang-bo.yml"
    committee.write_text(
        committee.read_text(encoding="utf-8").replace("as_of: 2026-12-31", "as_of: 2026-06-30"), "utf-8"
    )
    sheet = tmp_path / "tu-danh-gia-2026.csv"
    sheet.write_text("Mã chi bộ,Tháng,TC1\nkhoa-noi,6,Đạt\nkhoa-noi,7,Đạt\n", encoding="utf-8")
    assert run_import(project, sheet) == 1
    assert capsys.readouterr().out == (
        "tu-danh-gia-2026.csv: dòng 3, cột B: records/chi-bo/khoa-noi.yml:29:7: lỗi: results[0].monthly.2026-07: "
        "tháng 2026-07 sau ngày số liệu as_of (30-6-2026)\n"
    )


def test_a_year_without_monthly_forms_refuses_a_monthly_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "du-an"
    assert cli.main(["init", str(out), "--committee", "Đảng bộ X", "--as-of", "2026-12-31", "--no-monthly"]) == 0
    assert cli.main(["new", "khoa-noi", "--name", "Chi bộ Khoa Nội", "--type", "chi-bo", "--project", str(out)]) == 0
    capsys.readouterr()
    sheet = tmp_path / "tu-danh-gia-2026.csv"
    sheet.write_text("Mã chi bộ,Tháng,TC1\nkhoa-noi,3,Đạt\n", encoding="utf-8")
    assert run_import(out, sheet) == 1
    assert capsys.readouterr().out == (
        "tu-danh-gia-2026.csv: dòng 1, cột B: cột 'Tháng' là phiếu tự đánh giá hằng tháng, nhưng năm 2026 không có "
        "chương trình nào tự đánh giá hằng tháng (mục monthly của chuong-trinh.yml)\n"
    )


def test_the_yearly_sheet_reads_the_programmes_word_for_recognition(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The recognition column: "Công nhận", or the programme's own word ("Đạt chuẩn" here)."""
    sheet = tmp_path / "ket-qua-2026.csv"
    sheet.write_text("Mã chi bộ,Xếp loại,TC1,Đạt chuẩn\nkhoa-noi,HTTNV,Đạt,Không\n", encoding="utf-8")
    assert run_import(project, sheet, "--write") == 0
    text = (project / "records/chi-bo/khoa-noi.yml").read_text(encoding="utf-8")
    assert text.endswith("results:\n  - year: 2026\n    rating: tot\n    criteria: {tc1: dat}\n    model: false\n")


def test_validate_and_import_warn_when_the_year_disagrees_with_its_months(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    months = tmp_path / "tu-danh-gia-2026.csv"
    months.write_text("Mã chi bộ,Tháng,TC1\nkhoa-noi,2,Chưa đạt\nkhoa-noi,3,Đạt\n", encoding="utf-8")
    assert run_import(project, months, "--write") == 0
    year = tmp_path / "ket-qua-2026.csv"
    year.write_text("Mã chi bộ,TC1\nkhoa-noi,Đạt\n", encoding="utf-8")
    capsys.readouterr()
    assert run_import(project, year, "--write") == 0
    where, what = (
        "records/chi-bo/khoa-noi.yml:27:21:",
        " results[0].criteria.tc1: năm 2026: tiêu chí TC1 ghi “Đạt”, còn phiếu tự đánh giá hằng tháng cho “Chưa đạt”",
    )
    assert f"cảnh báo: ket-qua-2026.csv: dòng 2, cột B: {where}{what}" in capsys.readouterr().err
    assert cli.main(["validate", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{where} cảnh báo:{what}")
    assert out[1:] == ["Hồ sơ hợp lệ: 7 tệp, 3 chi bộ, kết quả năm 2026, 1 cảnh báo."]


def test_two_monthly_programmes_in_a_year_are_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A year's ``monthly`` holds one programme's forms: two programmes collecting them in a
    year cannot be told apart, and the import says so rather than guess."""
    args = ["--kind", "vung-manh", "--start", "2026", "--end", "2026", "--name", "Chi bộ vững mạnh 2026"]
    assert cli.main(["new", "programme", "vung-manh-2026", *args, "--project", str(project)]) == 0
    sheet = tmp_path / "tu-danh-gia-2026.csv"
    sheet.write_text("Mã chi bộ,Tháng,TC1\nkhoa-noi,3,Đạt\n", encoding="utf-8")
    capsys.readouterr()
    for more in ((), ("--programme", "vung-manh-2026")):
        assert run_import(project, sheet, *more) == 1
        assert capsys.readouterr().out == (
            "tu-danh-gia-2026.csv: năm 2026 có 2 chương trình tự đánh giá hằng tháng (bon-tot, vung-manh-2026); "
            "hồ sơ chi bộ mỗi năm chỉ ghi phiếu hằng tháng của một chương trình, hãy để một chương trình tự đánh "
            "giá hằng tháng trong năm này\n"
        )
    assert run_import(project, sheet, "--programme", "nhầm") == 1
    assert capsys.readouterr().out == (
        "tu-danh-gia-2026.csv: --programme: chương trình 'nhầm' không có; chọn một trong: bon-tot, vung-manh-2026\n"
    )


def test_programme_names_the_sheets_criteria_in_a_year_of_two(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two programmes in 2026 (one without monthly forms): a yearly sheet marks the criteria of
    the one named, and its recognition names that programme."""
    args = ["--kind", "vung-manh", "--start", "2026", "--end", "2026", "--name", "Chi bộ vững mạnh 2026"]
    assert cli.main(["new", "programme", "vung-manh", *args, "--no-monthly", "--project", str(project)]) == 0
    sheet = tmp_path / "ket-qua-2026.csv"
    sheet.write_text("Mã chi bộ,Xếp loại,TC1,TC2,TC3,Quyết định\nkhoa-noi,HTTNV,Đạt,Đạt,Đạt,Số 5-QĐ/ĐU\n", "utf-8")
    assert run_import(project, sheet, "--programme", "vung-manh", "--write") == 0
    text = (project / "records/chi-bo/khoa-noi.yml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - year: 2026\n    rating: tot\n    criteria: {tc1: dat, tc2: dat, tc3: dat}\n"
        "    programme: vung-manh\n    decision: Số 5-QĐ/ĐU\n"
    )
