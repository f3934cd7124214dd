"""Editing records: schema in the editor, ``chibo new``, ``chibo import``, edit links."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from chibo.commands import cli
from chibo.records import load_records, schema
from conftest import ROOT, SAMPLE, build_site, copy_project
from htmltext import page


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "records")
    return tmp_path


def snapshot(project: Path) -> dict[str, str]:
    return {
        p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((project / "records").rglob("*"))
        if p.is_file()
    }


# --- schema ------------------------------------------------------------------------------


def test_committed_schemas_are_current() -> None:
    assert schema.stale(ROOT) == [], "run: chibo schema"


@pytest.mark.parametrize("where", ["sample", "init"])
def test_every_record_names_its_schema_on_the_first_line(tmp_path: Path, where: str) -> None:
    """In the sample and in what ``chibo init`` writes: each first line names a schema that exists."""
    if where == "init":
        assert cli.main(["init", str(tmp_path / "p"), "--committee", "Đảng bộ X", "--as-of", "2026-01-01"]) == 0
        records = tmp_path / "p" / "records"
    else:
        records = SAMPLE
    kinds = {"dang-bo.yml": "dang-bo.yml", "chuong-trinh.yml": "chuong-trinh.yml", "tieu-chi.yml": "tieu-chi.yml"}
    paths = [records / "dang-bo.yml", *records.glob("chuong-trinh/*/*.yml"), *records.glob("chi-bo/*.yml")]
    assert len(paths) >= 3
    for path in paths:
        modeline = schema.MODELINES[kinds.get(path.name, "chi-bo")]
        assert path.read_text(encoding="utf-8").splitlines()[0] == modeline, path
        target = path.parent / modeline.split("$schema=")[1]
        assert target.resolve().is_file() or where == "sample", path  # the sample's schemas are the project's


def test_schema_speaks_vietnamese_and_lists_the_codes() -> None:
    cell = json.loads((ROOT / "records/schema/chi-bo.schema.json").read_text(encoding="utf-8"))
    assert cell["title"] == "Hồ sơ chi bộ"
    assert cell["properties"]["name"]["title"] == "Tên chi bộ"
    result = cell["$defs"]["YearResult"]["properties"]
    assert result["rating"]["anyOf"][0]["enum"] == ["xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"]
    assert result["members"]["anyOf"][0]["$ref"] == "#/$defs/MemberRatings"
    assert set(cell["$defs"]["MemberRatings"]["properties"]) == {"xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"}
    assert cell["additionalProperties"] is False


# --- chibo new ----------------------------------------------------------------------------


def test_new_then_validate_then_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    code = cli.main(
        [
            "new",
            "khoa-rang-ham-mat",
            "--name",
            "Chi bộ Khoa Răng Hàm Mặt",
            "--type",
            "giang-day",
            "--secretary",
            "Lê Thị Mai",
            "--members",
            "14",
            "--project",
            str(project),
        ]
    )
    assert code == 0
    text = (project / "records/chi-bo/khoa-rang-ham-mat.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema.MODELINES["chi-bo"]
    assert "# results:" in text and "type: giang-day  # loại hình:" in text
    assert cli.main(["validate", str(project)]) == 0
    assert "25 chi bộ" in capsys.readouterr().out
    cell = page(build_site(project), "chi-bo/khoa-rang-ham-mat/")
    assert "Loại hình: Chi bộ khoa, bộ môn" in cell.text and "Bí thư chi bộ: Lê Thị Mai" in cell.text


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["khoa-duoc", "--name", "X", "--type", "giang-day"],
            "lỗi: đã có chi bộ mã 'khoa-duoc' (records/chi-bo/khoa-duoc.yml)",
        ),
        (["Khoa-Duoc", "--name", "X", "--type", "giang-day"], "lỗi: mã 'Khoa-Duoc' không hợp lệ"),
        (["khoa/duoc", "--name", "X", "--type", "giang-day"], "lỗi: mã 'khoa/duoc' không hợp lệ"),
        (
            ["khoa-moi", "--name", "X", "--type", "khoa"],
            "lỗi: loại hình 'khoa' không có; chọn một trong: giang-day, benh-vien, hanh-chinh, sinh-vien",
        ),
    ],
)
def test_new_refuses(project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    before = snapshot(project)
    assert cli.main(["new", *args, "--project", str(project)]) == 1
    assert capsys.readouterr().err.startswith(message)
    assert snapshot(project) == before


# --- chibo import ---------------------------------------------------------------------------


YEAR_SHEET = [
    ["Mã chi bộ", "Tên chi bộ", "Xếp loại", "Điểm", "ĐV HTXSNV", "ĐV HTTNV", "ĐV HTNV", "ĐV KHTNV"]
    + ["TC1", "TC2", "TC3", "TC4", "TC5", "Kiểu mẫu", "Quyết định", "Ghi chú"],
    ["sinh-vien-duoc", "Chi bộ Sinh viên Dược", "HTNV", "62", "1", "8", "3", "0"]
    + ["Đạt", "Chưa đạt", "Đạt", "Đạt", "Chưa đạt", "Không", "", ""],
    ["", "Chi bộ Khoa Khám bệnh", "", "", "", "", "", "", "", "", "", "", "", "", "", "Đã rà soát số liệu."],
]
SINH_VIEN_DUOC_DIFF = """\
   - year: 2025
     rating: hoan-thanh
-    members: {xuat-sac: 1, tot: 9, hoan-thanh: 2, khong-hoan-thanh: 0}
-    criteria: {tc1: chua-dat, tc2: dat, tc3: dat, tc4: dat, tc5: chua-dat}
+    members: {xuat-sac: 1, tot: 8, hoan-thanh: 3, khong-hoan-thanh: 0}
+    score: 62
+    criteria: {tc1: dat, tc2: chua-dat, tc3: dat, tc4: dat, tc5: chua-dat}
     model: false
"""


def year_sheet(tmp_path: Path, suffix: str) -> Path:
    """The 2025 sheet of the sample's first programme (its criteria, its word "Kiểu mẫu")."""
    path = tmp_path / f"ket-qua-2025{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(row) for row in YEAR_SHEET) + "\n", encoding="utf-8-sig")
    else:
        book = openpyxl.Workbook()
        for row in YEAR_SHEET:
            book.active.append([int(v) if v.isdigit() else v for v in row])
        book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_import_a_year_of_the_sample(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    sheet = year_sheet(tmp_path, suffix)
    before = snapshot(project)
    assert cli.main(["import", str(sheet), "--year", "2025", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert SINH_VIEN_DUOC_DIFF in out
    assert "Xem trước: 2 tệp sẽ thay đổi. Chạy lại với --write để ghi." in out
    assert snapshot(project) == before, "a dry run writes nothing"
    assert cli.main(["import", str(sheet), "--year", "2025", "--project", str(project), "--write"]) == 0
    changed = {k for k, v in snapshot(project).items() if before.get(k) != v}
    assert changed == {"records/chi-bo/sinh-vien-duoc.yml", "records/chi-bo/khoa-kham-benh.yml"}
    cells = {c.id: c for c in load_records(project).cells}
    year = next(r for r in cells["sinh-vien-duoc"].results if r.year == 2025)
    assert (year.rating, year.score, year.criteria["tc2"], year.model) == ("hoan-thanh", 62, "chua-dat", False)
    kham = next(r for r in cells["khoa-kham-benh"].results if r.year == 2025)
    assert (kham.note, kham.rating, kham.model) == ("Đã rà soát số liệu.", "xuat-sac", True)  # blank cells kept


def test_bad_spreadsheet_leaves_every_record_untouched(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sai-2025.csv"
    sheet.write_text(
        "Mã chi bộ,Xếp loại,ĐV KHTNV,TC1,Kiểu mẫu\n"
        "khoa-duoc,Xuất sắc lắm,1,Đạt,Có\n"
        "khoa-xyz,tot,,,\n"
        "khoa-duoc,tot,,,\n"
        "khoa-y-hoc-co-truyen,hoan-thanh,-2,Tốt,Có\n"
        "khoa-hoi-suc-cap-cuu,hoan-thanh,,Đạt,Có\n",
        encoding="utf-8",
    )
    before = snapshot(project)
    assert cli.main(["import", str(sheet), "--year", "2025", "--project", str(project), "--write"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "sai-2025.csv: dòng 2, cột B: xếp loại 'Xuất sắc lắm' không hợp lệ; chọn một trong: HTXSNV (xuat-sac), "
        "HTTNV (tot), HTNV (hoan-thanh), KHTNV (khong-hoan-thanh)",
        "sai-2025.csv: dòng 3, cột A: không có chi bộ mã 'khoa-xyz'",
        "sai-2025.csv: dòng 4, cột A: chi bộ khoa-duoc đã có ở dòng 2",
        "sai-2025.csv: dòng 5, cột C: số đảng viên KHTNV '-2' phải là số nguyên không âm",
        "sai-2025.csv: dòng 5, cột D: tiêu chí TC1 'Tốt' không hợp lệ; ghi 'Đạt' hoặc 'Chưa đạt'",
        "sai-2025.csv: dòng 6, cột E: records/chi-bo/khoa-hoi-suc-cap-cuu.yml:46:12: lỗi: results[6].model: "
        "'model: true' cần xếp loại 'xuat-sac' hoặc 'tot' trong cùng năm",
        "sai-2025.csv: dòng 6, cột E: records/chi-bo/khoa-hoi-suc-cap-cuu.yml:46:12: lỗi: results[6].model: "
        "'model: true' nhưng tiêu chí tc4 'chua-dat'",
    ]
    assert snapshot(project) == before


# --- edit links -----------------------------------------------------------------------------


def test_edit_button_opens_the_record(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nrepo_url: https://git.example.vn/vpdu/chi-bo\nedit_uri: edit/main/docs/\n")
    site = build_site(project)
    edit = 'title="Chỉnh sửa"'
    cell = page(site, "chi-bo/khoa-duoc/").html
    assert f'href="https://git.example.vn/vpdu/chi-bo/edit/main/records/chi-bo/khoa-duoc.yml" {edit}' in cell
    criteria = page(site, "chuong-trinh/kieu-mau-2022-2025/tieu-chi/").html
    edit_criteria = "https://git.example.vn/vpdu/chi-bo/edit/main/records/chuong-trinh/kieu-mau-2022-2025/tieu-chi.yml"
    assert f'href="{edit_criteria}"' in criteria
    assert edit not in page(site, "ket-qua/").html  # computed from every record: no single file to edit
