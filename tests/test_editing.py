"""Editing records: schema in the editor, ``chibo new``, ``chibo import``, edit links."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from chibo.commands import cli
from chibo.records import load_records, schema
from conftest import ROOT, SAMPLE, build_site, copy_project
from htmltext import page

SHEETS = ROOT / "tests" / "data" / "sheets"  # filled-in sheets for the import tests (docs/mau holds empty templates)


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


def test_every_record_names_its_schema_on_the_first_line() -> None:
    records = ROOT / "records"
    assert (records / "dang-bo.yml").read_text(encoding="utf-8").splitlines()[0] == schema.MODELINES["dang-bo.yml"]
    assert (records / "tieu-chi.yml").read_text(encoding="utf-8").splitlines()[0] == schema.MODELINES["tieu-chi.yml"]
    for path in (records / "chi-bo").glob("*.yml"):
        assert path.read_text(encoding="utf-8").splitlines()[0] == schema.MODELINES["chi-bo"], path.name
        target = path.parent / schema.MODELINES["chi-bo"].split("$schema=")[1]
        assert target.resolve().is_file()


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


KHAM_BENH_DIFF = """\
--- records/chi-bo/khoa-kham-benh.yml (hiện tại)
+++ records/chi-bo/khoa-kham-benh.yml (sau khi nhập)
@@ -60,4 +60,9 @@
     decision: Quyết định số 176-QĐ/ĐU ngày 19-12-2025 của Ban Thường vụ Đảng ủy Trường
     award: Giấy khen của Ban Chấp hành Đảng bộ Trường
   - year: 2026
-    note: Chưa đánh giá, xếp loại năm 2026
+    rating: tot
+    members: {xuat-sac: 4, tot: 21, hoan-thanh: 1, khong-hoan-thanh: 0}
+    score: 84.5
+    criteria: {tc1: dat, tc2: dat, tc3: dat, tc4: dat, tc5: chua-dat}
+    model: false
+    note: 'Tiêu chí 5 chưa đạt: 1 đảng viên chưa hoàn thành đề tài nghiên cứu.'
"""


@pytest.mark.parametrize("sheet", ["ket-qua-2026.xlsx", "ket-qua-2026.csv"])
def test_import_sample_spreadsheet(project: Path, capsys: pytest.CaptureFixture[str], sheet: str) -> None:
    before = snapshot(project)
    assert cli.main(["import", str(SHEETS / sheet), "--year", "2026", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert KHAM_BENH_DIFF in out
    assert "Xem trước: 5 tệp sẽ thay đổi. Chạy lại với --write để ghi." in out
    assert snapshot(project) == before, "a dry run writes nothing"
    assert cli.main(["import", str(SHEETS / sheet), "--year", "2026", "--project", str(project), "--write"]) == 0
    changed = {k for k, v in snapshot(project).items() if before.get(k) != v}
    assert changed == {
        f"records/chi-bo/{c}.yml"
        for c in ("khoa-duoc", "khoa-kham-benh", "phong-dao-tao", "khoa-noi-tong-hop", "sinh-vien-duoc")
    }
    cells = {c.id: c for c in load_records(project).cells}
    duoc_2026 = next(r for r in cells["khoa-duoc"].results if r.year == 2026)
    assert (duoc_2026.rating, duoc_2026.model, duoc_2026.members.xuat_sac) == ("xuat-sac", True, 5)
    assert (duoc_2026.score, cells["khoa-kham-benh"].results[-1].score) == (92, 84.5)  # "84,5" in the sheet
    assert duoc_2026.note == "Chưa đánh giá, xếp loại năm 2026"  # an empty column keeps the value
    new_year = next(r for r in cells["sinh-vien-duoc"].results if r.year == 2026)
    assert (new_year.rating, new_year.criteria["tc2"]) == ("hoan-thanh", "chua-dat")
    text = (project / "records/chi-bo/sinh-vien-duoc.yml").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == [
        schema.MODELINES["chi-bo"],
        "# Chi bộ Sinh viên Dược — hồ sơ theo dõi xây dựng chi bộ kiểu mẫu",
    ]


def test_bad_spreadsheet_leaves_every_record_untouched(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sai.csv"
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
    assert cli.main(["import", str(sheet), "--year", "2026", "--project", str(project), "--write"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "sai.csv: dòng 2, cột B: xếp loại 'Xuất sắc lắm' không hợp lệ; chọn một trong: HTXSNV (xuat-sac), "
        "HTTNV (tot), HTNV (hoan-thanh), KHTNV (khong-hoan-thanh)",
        "sai.csv: dòng 3, cột A: không có chi bộ mã 'khoa-xyz'",
        "sai.csv: dòng 4, cột A: chi bộ khoa-duoc đã có ở dòng 2",
        "sai.csv: dòng 5, cột C: số đảng viên KHTNV '-2' phải là số nguyên không âm",
        "sai.csv: dòng 5, cột D: tiêu chí TC1 'Tốt' không hợp lệ; ghi 'Đạt' hoặc 'Chưa đạt'",
        "sai.csv: dòng 6, cột E: records/chi-bo/khoa-hoi-suc-cap-cuu.yml:46:12: lỗi: results[7].model: "
        "'model: true' cần xếp loại 'xuat-sac' hoặc 'tot' trong cùng năm",
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
    criteria = page(site, "tieu-chi/").html
    assert 'href="https://git.example.vn/vpdu/chi-bo/edit/main/records/tieu-chi.yml"' in criteria
    assert edit not in page(site, "ket-qua/").html  # computed from every record: no single file to edit
