"""Drafted Party documents, read back as the clerk who must sign them reads them.

* every .docx opened with python-docx: A4, the margins of HD 36, Times New Roman, Vietnamese,
  one section per part with its own page numbers and "DỰ THẢO" mark, no table row that may
  split, the header's names broken between words, the conventions of Party documents
  ("Số" without a colon, "02 chi bộ", dates with leading zeros, criteria by their text,
  never a masked count, never "Chi bộ Chi bộ");
* the figures of each kind against a recomputation from the record files themselves
  (``tests/test_document_figures.py``) and the numbers of the register;
* converted by LibreOffice (soffice --headless) and read with pdftotext: every part's first
  page without a number and the pages after it numbered from 2, the signer's name on the
  page of its "T/M" line, the header lines as drafted;
* the print pages: the same parts, numbers and table cells as the Word files, in Chromium
  each part numbered on its own (tests/test_browser_reader.py prints every kind).
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from chibo.output.documents.lines import WORDS
from conftest import build_site, copy_project, require
from docx import Document
from docx.table import _Cell
from docxtext import W, parts, rows, text
from drafting import SAMPLE, Drafted, draft_project, needs_site, sample_project
from htmltext import page

KM = "van-phong/chuong-trinh/kieu-mau-2022-2025/van-ban"  # the 2022-2025 programme's documents
BT = "van-phong/chuong-trinh/bon-tot-2026-2030/van-ban"  # the 2026-2030 one's (no selection, monthly forms)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Drafted:
    """The sample's drafts, each Word file where the site puts it (no site built)."""
    return draft_project(sample_project(tmp_path_factory.mktemp("documents")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's built site (print pages, lists, former addresses)."""
    return build_site(copy_project(tmp_path_factory.mktemp("built"), SAMPLE))


def every_docx(site: Drafted) -> list[Path]:
    """Every Word file of the drafts (not the copies at their former addresses)."""
    return sorted(site / d.docx for d in site.drafts if d.docx)


KINDS = Counter(
    {
        "ban-chi-dao": 1,
        "dang-ky": 14 + 24,  # 2022-2025: each survey or registration year of a cell; 2026: every cell but one
        "ke-hoach": 14,  # the 2026-2030 programme calls for no cell plan
        "de-xuat": 4,
        "lua-chon": 4,
        "tu-danh-gia": 18 + 23,
        "cong-nhan": 4 + 1,
        "khen-thuong": 4 + 1,
        "bao-cao": 5,  # the committee's, 2022-2026
        "so-ket": 1,
        "tong-ket": 1,
        "hoi-nghi-tong-ket": 1,
    }
)

ONE_OF_EACH = [
    f"{KM}/2022/ban-chi-dao-2022.docx",
    "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx",
    "van-phong/chi-bo/phong-khao-thi/bon-tot-2026-2030/dang-ky-2026.docx",
    f"{KM}/2022/de-xuat-2022.docx",
    f"{KM}/2022/lua-chon-2022.docx",
    "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/ke-hoach-2022.docx",
    "van-phong/chi-bo/khoa-kham-benh/kieu-mau-2022-2025/tu-danh-gia-2025.docx",
    f"{KM}/2025/cong-nhan-2025.docx",
    f"{KM}/2025/khen-thuong-2025.docx",
    "van-phong/ket-qua/2025/bao-cao-2025.docx",
    f"{KM}/so-ket-2022-2023.docx",
    f"{KM}/tong-ket-2022-2025.docx",
    f"{KM}/hoi-nghi-tong-ket-2022-2025.docx",
]


def kind_of(path: Path) -> str:
    return re.sub(r"-[0-9]{4}(-[0-9]{4})?$", "", path.stem)


def test_the_sample_drafts_every_kind(site: Drafted) -> None:
    found = Counter(kind_of(p) for p in every_docx(site))
    assert found == KINDS
    for name in ONE_OF_EACH:
        assert (site / name).exists(), name
    # A programme without a selection step drafts no selection; one without a Steering
    # Committee no decision setting one up; what it does not call for, nothing.
    assert not list((site / BT).rglob("de-xuat-*.docx")) and not list((site / BT).rglob("lua-chon-*.docx"))
    assert not list((site / BT).rglob("ban-chi-dao-*")) and not list((site / BT).rglob("hoi-nghi-*"))
    assert not list(site.root.rglob("bon-tot-2026-2030/ke-hoach-*.docx"))
    assert (site / f"{BT}/2026/cong-nhan-2026.docx").exists()  # recognised from its results


# --- every Word file ---------------------------------------------------------------------


def test_every_word_file_follows_hd36(site: Drafted) -> None:
    for path in every_docx(site):
        doc = Document(str(path))
        for section in doc.sections:  # one per part: A4, the margins, numbers from 1, none on its first page
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), path
            assert [
                round(m.mm)
                for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
            ] == [20, 20, 30, 15], path
            assert section.different_first_page_header_footer, path
            numbering = section._sectPr.find(f"{W}pgNumType")
            assert numbering is not None and numbering.get(f"{W}start") == "1", path
            assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml
            assert "Tài liệu lưu hành nội bộ" in section.footer.paragraphs[0].text
        assert len(doc.sections) == len(parts(path)), path
        normal = doc.styles["Normal"]
        assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
        body = doc.element.body.xml
        assert "fldChar" not in body  # record text is text, never a field
        assert body.count("<w:tr>") == body.count("<w:cantSplit/>"), path  # no row splits across two pages
        for table in doc.element.body.iter(f"{W}tbl"):  # the signing block keeps the closing paragraph with it
            signature = "".join(t.text or "" for t in table.iter(f"{W}t"))
            before = table.getprevious()
            if "T/M " in signature and before is not None and before.tag == f"{W}p":
                assert before.find(f"{W}pPr/{W}keepNext") is not None, path


def test_every_word_file_is_in_vietnamese(site: Drafted) -> None:
    """Word checks spelling in the language of the text: vi-VN, never en-US."""
    for path in every_docx(site)[:5] + [site / n for n in ONE_OF_EACH]:
        doc = Document(str(path))
        defaults = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert defaults.get(f"{W}val") == "vi-VN"
        assert doc.settings.element.find(f"{W}themeFontLang").get(f"{W}val") == "vi-VN"
        assert doc.core_properties.language == "vi-VN"
        assert "en-US" not in doc.styles.element.xml


def test_every_part_is_marked_draft_until_it_has_a_number(site: Drafted) -> None:
    """A part without a number carries "DỰ THẢO" at its top; a numbered one does not; an attached
    list follows the document it is attached to."""
    numbered = 0
    for path in every_docx(site):
        document = parts(path)
        draft = None
        for part in document:
            header = part.tables[0][0][0] if part.tables and part.tables[0][0][0].count("\n*\n") else None
            if header is not None:
                draft = "Số …-" in header
                numbered += not draft
            attachment = next((line for line in part.lines if line.startswith("(Kèm theo")), None)
            if attachment is not None:
                assert draft is None or ("…-" in attachment) == draft, (path, attachment)
            assert (part.lines[0] == "DỰ THẢO") == (draft if draft is not None else "…-" in (attachment or "")), (
                path,
                part.lines[:2],
            )
    assert numbered == 11  # 4 selections, 4 + 1 recognitions (records), the Steering Committee, the sơ kết (register)


def test_every_word_file_keeps_the_conventions_of_party_documents(site: Drafted) -> None:
    for path in every_docx(site):
        body = text(path)
        assert "Số:" not in body and "Số …:" not in body, path  # "Số 45-QĐ/ĐU", no colon
        assert "< 3" not in body and " ẩn" not in body, path  # the office's documents: true counts
        assert "Chi bộ Chi bộ" not in body and "chi bộ đạt chi bộ" not in body, path
        assert "được công nhận được" not in body and "dưới mức tốt" not in body, path
        assert not re.search(r"\b(TC[0-9]+|BS-[0-9]+)\b", body), (path, "criteria by their text, never by code")
        assert not re.search(r"(?<![0-9/,-])\b[0-9] chi bộ\b", body), (path, "02 chi bộ, one way everywhere")
        dates = re.findall(r"ngày ([0-9]+) tháng ([0-9]+) năm", body)
        dates += re.findall(r"\b([0-9]{1,2})-([0-9]{1,2})-20[0-9]{2}\b", body)
        for day, month in dates:  # "05-3-2025", "15-01-2026", "ngày 05 tháng 02 năm 2018"
            assert (day, month) == (f"{int(day):02d}", f"{int(month):02d}" if int(month) <= 2 else str(int(month))), (
                path,
                day,
                month,
            )
        for run in Document(str(path)).element.body.iter(f"{W}r"):
            if "".join(t.text or "" for t in run.iter(f"{W}t")) == "Nơi nhận:":
                assert run.find(f"{W}rPr/{W}u").get(f"{W}val") == "single", path


def test_header_names_break_between_words(site: Drafted) -> None:
    """ "ĐẢNG ỦY TRƯỜNG / ĐẠI HỌC Y DƯỢC THÁI BÌNH", never "… ĐẠI / HỌC …"."""
    seen = set()
    for path in every_docx(site):
        for part in parts(path):
            if not part.tables or "\n*\n" not in part.tables[0][0][0]:
                continue
            lines = part.tables[0][0][0].split("\n*\n")[0].split("\n")
            seen.add(tuple(lines))
            for before, after in pairwise(lines):
                pair = f"{before.split()[-1]} {after.split()[0]}"
                assert pair not in WORDS, (path, lines)
    assert ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN", "TỈNH THÁI BÌNH", "ĐẢNG ỦY TRƯỜNG", "ĐẠI HỌC Y DƯỢC THÁI BÌNH") in seen
    assert ("ĐẢNG BỘ TRƯỜNG", "ĐẠI HỌC Y DƯỢC THÁI BÌNH", "CHI BỘ PHÒNG KHẢO THÍ", "VÀ ĐẢM BẢO CHẤT LƯỢNG") in seen
    assert ("ĐẢNG ỦY TRƯỜNG", "ĐẠI HỌC Y DƯỢC THÁI BÌNH", "BAN CHỈ ĐẠO XÂY DỰNG", "MÔ HÌNH CHI BỘ KIỂU MẪU") in seen


# --- each kind, as the clerk reads it ------------------------------------------------------


def test_registration_report_speaks_of_its_own_date(site: Drafted) -> None:
    report = parts(site / "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx")[0]
    assert report.tables[0][0] == [
        "ĐẢNG BỘ TRƯỜNG\nĐẠI HỌC Y DƯỢC THÁI BÌNH\nCHI BỘ KHOA DƯỢC\n*\nSố …-BC/CB",
        "ĐẢNG CỘNG SẢN VIỆT NAM\nThái Bình, ngày 11 tháng 6 năm 2022",
    ]
    # The report of 11-6-2022 counts the members of the end of 2021 (17), not of 2022 (19).
    assert "Loại hình chi bộ: Chi bộ khoa, bộ môn. Tổng số đảng viên: 17 đồng chí (số liệu cuối năm 2021)." in (
        report.lines
    )
    assert "Chi bộ có chi ủy; đồng chí Nguyễn Văn Đức là bí thư chi bộ, đồng chí Trần Thị Hoa là phó bí thư." in (
        report.lines
    )
    assert "Chi ủy Chi bộ Khoa Dược báo cáo kết quả khảo sát" in report.text
    criteria = report.tables[2]
    assert criteria[0] == ["TT", "Tiêu chí", "Tự đánh giá"]
    assert criteria[5][1] == "Đảng viên tiêu biểu trong giảng dạy và nghiên cứu khoa học"
    footer = report.tables[-1][0]
    assert footer[0].startswith("Nơi nhận:\n- Ban Thường vụ Đảng ủy")
    assert footer[1].split("\n")[0:2] == ["T/M CHI ỦY", "BÍ THƯ"] and footer[1].endswith("Nguyễn Văn Đức")
    assert sum(
        p.style.name == "VB Dots"
        for p in Document(str(site / "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx")).paragraphs
    )


def test_a_cell_without_chi_uy_speaks_and_signs_for_itself(site: Drafted) -> None:
    report = parts(site / "van-phong/chi-bo/phong-khao-thi/bon-tot-2026-2030/dang-ky-2026.docx")[0]
    assert "Căn cứ Kế hoạch số 09-KH/ĐU ngày 15-01-2026 của Ban Thường vụ Đảng ủy Trường về xây dựng" in report.text
    assert ", Chi bộ Phòng Khảo thí và Đảm bảo chất lượng báo cáo việc đăng ký xây dựng “chi bộ bốn tốt”" in report.text
    assert "Chi bộ có dưới 9 đảng viên, không bầu chi ủy;" in report.text
    footer = report.tables[-1][0]
    assert footer[1].split("\n")[0:2] == ["T/M CHI BỘ", "BÍ THƯ"] and footer[1].endswith("Nguyễn Thị Lan Phương")
    assert report.tables[0][0][1].startswith("ĐẢNG CỘNG SẢN VIỆT NAM\nHưng Yên, ngày 13 tháng 3 năm 2026")


def test_selection_proposal_holds_every_registrant_and_its_conditions(site: Drafted) -> None:
    letter, listing = parts(site / f"{KM}/2022/de-xuat-2022.docx")
    assert letter.lines[0] == "DỰ THẢO" and "TỜ TRÌNH" in letter.lines
    assert letter.tables[0][0][0].endswith("BAN CHỈ ĐẠO XÂY DỰNG\nMÔ HÌNH CHI BỘ KIỂU MẪU\n*\nSố …-TTr/BCĐ")
    assert "Năm 2022 có 06 chi bộ đăng ký xây dựng mô hình chi bộ kiểu mẫu" in letter.text
    assert "Chi bộ Phòng Tài chính - Kế toán rút đăng ký ngày 16-6-2022." in letter.lines
    assert (
        "lựa chọn 02 chi bộ xây dựng mô hình chi bộ kiểu mẫu năm 2022: Chi bộ Khoa Dược và Chi bộ Khoa Khám bệnh"
        in (letter.text)
    )
    assert letter.tables[-1][0][1].split("\n")[:2] == ["T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN"]
    table = listing.tables[0]
    assert table[0] == ["TT", "Chi bộ", "Tiêu chí (mục III.3.1)", "Đánh giá", "Căn cứ", "Đề xuất"]
    assert len(table) == 1 + 6 * 5  # five conditions a cell
    assert {row[1] for row in table[1:]} == {
        "Chi bộ Khoa Dược",
        "Chi bộ Khoa Khám bệnh",
        "Chi bộ Khoa Nội tổng hợp",
        "Chi bộ Khoa Y tế công cộng",
        "Chi bộ Phòng Đào tạo",
        "Chi bộ Phòng Tài chính - Kế toán",
    }
    assert any(row[1] == "Chi bộ Phòng Tài chính - Kế toán" and row[5] == "Rút đăng ký ngày 16-6-2022" for row in table)
    # A count the privacy rule hides on the members' pages is true in the office's document.
    assert "Năm 2021 có 1 đảng viên không hoàn thành nhiệm vụ." in [row[4] for row in table]
    assert not any(row[3].startswith("Đạt:") for row in table)  # verdict and reason in their own columns


def test_selection_decision_selects_the_cells_of_its_list(site: Drafted) -> None:
    decision, listing = parts(site / f"{KM}/2022/lua-chon-2022.docx")
    assert decision.lines[0] != "DỰ THẢO" and listing.lines[0] != "DỰ THẢO"  # issued: 15-QĐ/ĐU
    assert decision.tables[0][0][0].endswith("\n*\nSố 15-QĐ/ĐU")
    assert decision.tables[0][0][1] == "ĐẢNG CỘNG SẢN VIỆT NAM\nThái Bình, ngày 20 tháng 6 năm 2022"
    assert "Điều 1. Lựa chọn 02 chi bộ xây dựng mô hình chi bộ kiểu mẫu năm 2022 (có danh sách kèm theo)." in (
        decision.lines
    )
    assert "Tờ trình số …-TTr/BCĐ của Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu" in decision.text
    assert "(Kèm theo Quyết định số 15-QĐ/ĐU, ngày 20-6-2022 của Ban Thường vụ Đảng ủy Trường)" in listing.lines
    assert listing.tables[0] == [
        ["TT", "Chi bộ", "Loại hình", "Bí thư chi bộ", "Số đảng viên"],
        ["1", "Chi bộ Khoa Dược", "Giảng dạy", "Nguyễn Văn Đức", "17"],
        ["2", "Chi bộ Khoa Khám bệnh", "Bệnh viện", "Nguyễn Văn Thành", "24"],
    ]
    assert "15-QĐ/ĐU" not in " ".join(c for row in listing.tables[0] for c in row)  # never cites itself


def undecided(tmp_path: Path) -> Drafted:
    """The sample with the 2023 selection not decided yet: its decision events removed."""
    project = sample_project(tmp_path)
    event = re.compile(
        r"  - date: [0-9-]+\n    status: (?:lua-chon|khong-lua-chon)\n    year: 2023\n(?:    decision: .*\n)?"
    )
    removed = 0
    for path in (project / "records/chi-bo").glob("*.yml"):
        found, count = event.subn("", path.read_text(encoding="utf-8"))
        path.write_text(found, encoding="utf-8")
        removed += count
    assert removed == 3
    return draft_project(project)


def test_an_undecided_selection_proposes_what_its_list_holds(tmp_path: Path) -> None:
    site = undecided(tmp_path)
    decision, listing = parts(site / f"{KM}/2023/lua-chon-2023.docx")
    assert decision.lines[0] == "DỰ THẢO" and listing.lines[0] == "DỰ THẢO"
    chosen = len(listing.tables[0]) - 1
    assert chosen >= 1
    assert f"Điều 1. Lựa chọn {chosen:02d} chi bộ xây dựng mô hình chi bộ kiểu mẫu năm 2023" in decision.text
    body = text(site / f"{KM}/2023/lua-chon-2023.docx") + text(site / f"{KM}/2023/de-xuat-2023.docx")
    assert "Chờ xem xét" not in body and "(đề xuất)" not in body
    proposal = parts(site / f"{KM}/2023/de-xuat-2023.docx")[1].tables[0]
    assert sum(row[5] == "Đề xuất lựa chọn" for row in proposal) // 5 == chosen


def test_recognition_numbers_each_part_and_says_who_was_in_the_programme(site: Drafted) -> None:
    letter, decision, listing = parts(site / f"{KM}/2022/cong-nhan-2022.docx")
    assert letter.lines[0] == "DỰ THẢO"  # the Tờ trình has no number yet
    assert decision.lines[0] == "ĐẢNG BỘ KHỐI CÁC CƠ QUAN" or decision.lines[0] != "DỰ THẢO"
    assert decision.tables[0][0][0].endswith("\n*\nSố 45-QĐ/ĐU")
    assert decision.tables[0][0][1].endswith("Thái Bình, ngày 22 tháng 12 năm 2022")
    assert "(Kèm theo Quyết định số 45-QĐ/ĐU, ngày 22-12-2022 của Ban Thường vụ Đảng ủy Trường)" in listing.lines
    assert "Điều 1. Công nhận 02 chi bộ là chi bộ kiểu mẫu năm 2022 (có danh sách kèm theo)." in decision.lines
    assert "Điều 2. Các chi bộ có tên tại Điều 1 được biểu dương tại Hội nghị tổng kết" in decision.text
    assert "được lựa chọn hoặc đăng ký" not in letter.text
    assert (
        "Năm 2022 có 02 chi bộ xây dựng mô hình chi bộ kiểu mẫu; trong đó 02 chi bộ được lựa chọn năm 2022 "
        "(Quyết định số 15-QĐ/ĐU ngày 20-6-2022): Chi bộ Khoa Dược và Chi bộ Khoa Khám bệnh."
    ) in letter.lines
    assert "Chi bộ Phòng Tài chính - Kế toán rút đăng ký xây dựng mô hình chi bộ kiểu mẫu năm 2022 ngày 16-6-2022." in (
        letter.lines
    )
    assert "03 chi bộ đăng ký nhưng không được lựa chọn năm 2022" in letter.text
    assert [row[1] for row in listing.tables[0][1:]] == ["Chi bộ Khoa Dược", "Chi bộ Khoa Khám bệnh"]
    assert listing.tables[0][2][4] == "Đạt 06/06 tiêu chí (gồm 01 tiêu chí chi bộ bổ sung)"


def test_recognition_explains_shortfalls_by_the_criteria_text(site: Drafted) -> None:
    letter = parts(site / f"{KM}/2025/cong-nhan-2025.docx")[0]
    short = next(t for t in letter.tables[1:] if t[0] == ["TT", "Chi bộ", "Lý do"])
    assert ["1", "Chi bộ Phòng Tổ chức cán bộ", "chưa đạt tiêu chí “Sinh hoạt chi bộ nền nếp, đúng quy định”"] in short
    assert "Chi bộ Bộ môn Nội rút đăng ký xây dựng mô hình chi bộ kiểu mẫu năm 2025 ngày 05-3-2025." in letter.lines


def test_award_decisions_hold_the_awards_of_the_records(site: Drafted) -> None:
    decision, listing = parts(site / f"{KM}/2025/khen-thuong-2025.docx")
    assert "T/M ĐẢNG ỦY" in decision.tables[-1][0][1]
    assert "Căn cứ Quyết định số 176-QĐ/ĐU ngày 19-12-2025 của Ban Thường vụ Đảng ủy Trường" in decision.text
    assert listing.tables[0][1:] == [
        ["1", "Chi bộ Khoa Dược", "Giấy khen của Ban Chấp hành Đảng bộ Trường", "Chi bộ kiểu mẫu năm 2025"],
        ["2", "Chi bộ Khoa Khám bệnh", "Giấy khen của Ban Chấp hành Đảng bộ Trường", "Chi bộ kiểu mẫu năm 2025"],
    ]
    # 2022: no award recorded; the recognised cells, the award for the office to write.
    listing = parts(site / f"{KM}/2022/khen-thuong-2022.docx")[1]
    assert [row[1:3] for row in listing.tables[0][1:]] == [["Chi bộ Khoa Dược", "…"], ["Chi bộ Khoa Khám bệnh", "…"]]


def test_yearly_review_states_awards_and_withdrawals(site: Drafted) -> None:
    review = parts(site / "van-phong/ket-qua/2025/bao-cao-2025.docx")[0]
    assert (
        "Khen thưởng: Chi bộ Khoa Dược (Giấy khen của Ban Chấp hành Đảng bộ Trường); Chi bộ Khoa Khám bệnh "
        "(Giấy khen của Ban Chấp hành Đảng bộ Trường)."
    ) in review.lines
    withdrawals = next(t for t in review.tables if t[0] == ["TT", "Chi bộ", "Ngày rút đăng ký", "Lý do"])
    assert withdrawals[1][:3] == ["1", "Chi bộ Bộ môn Nội", "05-3-2025"]
    assert "Có 05 chi bộ được công nhận chi bộ kiểu mẫu (Quyết định số 176-QĐ/ĐU ngày 19-12-2025)" in review.text
    assert "Hồ sơ chưa ghi khen thưởng năm 2022." in parts(site / "van-phong/ket-qua/2022/bao-cao-2022.docx")[0].lines


def test_final_review_cites_in_full_and_dates_its_appendices(site: Drafted) -> None:
    review, first, second = parts(site / f"{KM}/tong-ket-2022-2025.docx")
    assert review.tables[0][0][1].endswith("Hưng Yên, ngày 14 tháng 01 năm 2026")  # the milestone, done
    assert (  # the plan as its record gives it: number, date, who signed it (T/M BAN CHẤP HÀNH), its title
        "Thực hiện Kế hoạch số 183-KH/ĐU ngày 31-5-2022 của Ban Chấp hành Đảng bộ Trường Đại học Y Dược Thái Bình về "
        "triển khai thực hiện Đề án số 02-ĐA/TU, ngày 20-4-2022 của Ban Thường vụ Tỉnh ủy về xây dựng mô hình chi bộ "
        "kiểu mẫu trong các loại hình chi bộ giai đoạn 2022-2025, Ban Thường vụ Đảng ủy Trường báo cáo tổng kết 04 "
        "năm (2022-2025)"
    ) in review.text
    for appendix in (first, second):
        assert "(Kèm theo Báo cáo số …-BC/ĐU, ngày 14-01-2026 của Ban Thường vụ Đảng ủy Trường)" in appendix.lines
    assert "kết quả xếp loại của từng chi bộ giai đoạn 2022-2025" in first.lines
    assert first.tables[0][0] == ["TT", "Chi bộ", "2022", "2023", "2024", "2025", "Năm được công nhận chi bộ kiểu mẫu"]


def test_midterm_review_is_numbered_from_the_register(site: Drafted) -> None:
    review, *appendices = parts(site / f"{KM}/so-ket-2022-2023.docx")
    assert review.lines[0] != "DỰ THẢO"
    assert review.tables[0][0][0].endswith("\n*\nSố 112-BC/ĐU")
    assert review.tables[0][0][1].endswith("Thái Bình, ngày 26 tháng 3 năm 2024")
    assert "sơ kết 02 năm xây dựng mô hình chi bộ kiểu mẫu (2022-2023)" in review.lines
    assert [row[0] for row in review.tables[2][1:]] == ["2022", "2023"]
    assert "Quyết định số 09-QĐ/ĐU ngày 06-6-2022" in review.text  # the Steering Committee, from the register
    for appendix in appendices:
        assert "(Kèm theo Báo cáo số 112-BC/ĐU, ngày 26-3-2024 của Ban Thường vụ Đảng ủy Trường)" in appendix.lines


def test_steering_committee_decision_lists_its_members(site: Drafted) -> None:
    decision, listing = parts(site / f"{KM}/2022/ban-chi-dao-2022.docx")
    assert decision.tables[0][0][0].endswith("\n*\nSố 09-QĐ/ĐU")
    assert "Điều 1. Thành lập Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu giai đoạn 2022-2025" in decision.text
    assert "gồm 07 đồng chí (có danh sách kèm theo)." in decision.text
    assert listing.tables[0][1] == ["1", "Nguyễn Quốc Tiến", "Bí thư Đảng ủy Trường", "Trưởng Ban"]
    assert len(listing.tables[0]) == 1 + 7


def test_cell_plan_fills_in_what_the_records_know(site: Drafted) -> None:
    plan = parts(site / "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/ke-hoach-2022.docx")[0]
    assert "KẾ HOẠCH" in plan.lines and plan.tables[0][0][0].endswith("\n*\nSố …-KH/CB")
    assert (
        "Quyết định số 15-QĐ/ĐU ngày 20-6-2022 của Ban Thường vụ Đảng ủy Trường về việc lựa chọn chi bộ xây dựng "
        "mô hình chi bộ kiểu mẫu năm 2022, Chi ủy Chi bộ Khoa Dược ban hành kế hoạch"
    ) in plan.text
    assert "Tổng số đảng viên: 17 đồng chí (số liệu cuối năm 2021)." in plan.text
    criteria = next(t for t in plan.tables if t[0][0] == "TT" and t[0][1] == "Tiêu chí và chỉ báo")
    assert len(criteria) == 1 + 5
    assert criteria[1][1].startswith("Sinh hoạt chi bộ nền nếp, đúng quy định\n- Sinh hoạt thường kỳ mỗi tháng 1 lần")
    road = next(t for t in plan.tables if t[0] == ["Thời gian", "Nội dung"])
    assert road[1] == ["11-6-2022", "Đăng ký xây dựng mô hình chi bộ kiểu mẫu năm 2022."]
    assert road[-1][0] == "Trước 25-12-2022"


def test_self_assessment_reports_the_marks_and_the_members(site: Drafted) -> None:
    report = parts(site / "van-phong/chi-bo/khoa-kham-benh/kieu-mau-2022-2025/tu-danh-gia-2025.docx")[0]
    marks = report.tables[1]
    assert marks[0] == ["TT", "Tiêu chí", "Tự đánh giá", "Kết quả, minh chứng"]
    assert all(row[2] == "Đạt" for row in marks[1:]) and len(marks) == 1 + 6
    assert "Chi bộ được xếp loại: Hoàn thành xuất sắc nhiệm vụ" in report.text
    assert "xem xét, công nhận Chi bộ Khoa Khám bệnh là chi bộ kiểu mẫu năm 2025." in report.text
    short = parts(site / "van-phong/chi-bo/sinh-vien-y-khoa-1/kieu-mau-2022-2025/tu-danh-gia-2025.docx")[0]
    assert "chưa đủ điều kiện công nhận chi bộ kiểu mẫu năm 2025: chưa đạt tiêu chí “Đảng viên tiêu biểu" in short.text


def test_conference_papers(site: Drafted) -> None:
    plan, programme, honoured = parts(site / f"{KM}/hoi-nghi-tong-ket-2022-2025.docx")
    assert "KẾ HOẠCH" in plan.lines and plan.tables[0][0][0].endswith("\n*\nSố …-KH/ĐU")
    assert "Bí thư 24 chi bộ trực thuộc." in plan.lines
    assert "Thời gian: ngày 26-6-2026." in plan.lines  # the milestone, done
    assert "CHƯƠNG TRÌNH" in programme.lines
    assert ["2", "…", "Phát biểu khai mạc", "Đồng chí Nguyễn Quốc Tiến, Trưởng Ban Chỉ đạo"] in programme.tables[0]
    assert [row[1] for row in honoured.tables[0][1:]] == [
        "Chi bộ Bộ môn Giải phẫu",
        "Chi bộ Khoa Dược",
        "Chi bộ Khoa Khám bệnh",
        "Chi bộ Khoa Y tế công cộng",
        "Chi bộ Phòng Đào tạo",
    ]


# --- a programme of its own words: no selection, monthly forms, no Steering Committee ----------


def test_a_programme_speaks_its_own_words(site: Drafted) -> None:
    """The 2026-2030 programme's documents say "chi bộ bốn tốt", cite its plan (09-KH/ĐU) and
    its sections, and never the 2022-2025 programme's words, plan or sections."""
    found = [p for p in every_docx(site) if "bon-tot-2026-2030" in p.as_posix()]
    assert len(found) == 24 + 23 + 2
    for path in found:
        body = text(path)
        assert "“chi bộ bốn tốt”" in body and "Kế hoạch số 09-KH/ĐU ngày 15-01-2026" in body, path
        for other in ("kiểu mẫu", "KIỂU MẪU", "183-KH", "5 tốt", "III.3.1", "Ban Chỉ đạo", "BCĐ"):
            assert other not in body, (path, other)
    assert "TỰ ĐÁNH GIÁ THEO CÁC TIÊU CHÍ “CHI BỘ BỐN TỐT” NĂM 2025" in text(
        site / "van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/dang-ky-2026.docx"
    )
    for path in (p for p in every_docx(site) if "kieu-mau-2022-2025" in p.as_posix()):
        assert "bốn tốt" not in text(path) and "09-KH/ĐU" not in text(path), path


def test_without_a_selection_step_recognition_follows_the_results(site: Drafted) -> None:
    """No proposal, no selection; the office proposes (no Steering Committee); the cells that
    registered and meet the programme's conditions are recognised, by the records' decision."""
    letter, decision, listing = parts(site / f"{BT}/2026/cong-nhan-2026.docx")
    assert "lựa chọn" not in letter.text and "lựa chọn" not in decision.text
    assert letter.tables[0][0][0].endswith("VĂN PHÒNG ĐẢNG ỦY\n*\nSố …-TTr/VPĐU")
    assert letter.tables[-1][0][1].split("\n")[:2] == ["CHÁNH VĂN PHÒNG", ""]  # its title alone, in bold
    assert "Năm 2026 có 23 chi bộ đăng ký xây dựng “chi bộ bốn tốt”: Chi bộ Bộ môn Giải phẫu," in letter.text
    assert "Chi bộ Sinh viên Dược rút đăng ký xây dựng “chi bộ bốn tốt” năm 2026 ngày 15-9-2026." in letter.lines
    assert (
        "Điều kiện công nhận “chi bộ bốn tốt” (mục III.3 của Kế hoạch): Đăng ký thực hiện năm 2026, không rút đăng "
        "ký; Năm 2026 đạt mọi tiêu chí"
    ) in letter.text
    assert "Điều 1. Công nhận 11 chi bộ là “chi bộ bốn tốt” năm 2026 (có danh sách kèm theo)." in decision.lines
    assert decision.tables[0][0][0].endswith("\n*\nSố 214-QĐ/ĐU")
    assert "Tờ trình số …-TTr/VPĐU của Văn phòng Đảng ủy về việc đề nghị công nhận “chi bộ bốn tốt” năm 2026" in (
        decision.text
    )
    recognised = [row[1] for row in listing.tables[0][1:]]
    assert len(recognised) == 11 and "Chi bộ Khoa Dược" in recognised
    short = next(t for t in letter.tables[1:] if t[0] == ["TT", "Chi bộ", "Lý do"])
    assert ["10", "Chi bộ Phòng Hành chính - Quản trị", "chưa đạt tiêu chí “Đoàn kết, kỷ luật tốt”"] in short


def test_without_registration_every_rated_cell_is_considered(tmp_path: Path) -> None:
    """A programme with neither registration nor selection nor commendation, citing no section:
    each cell rated that year is considered from its results; no registration report, no award."""
    project = sample_project(tmp_path)
    record = project / "records/chuong-trinh/bon-tot-2026-2030/chuong-trinh.yml"
    found = record.read_text(encoding="utf-8")
    found = found.replace(
        "  registration: true\n  selection: false\n  commendation: true",
        ("  registration: false\n  selection: false\n  commendation: false"),
    )
    found = re.sub(r"sections:\n(  .*\n)+", "", found.replace("    - kind: dang-ky\n", ""))
    record.write_text(found, encoding="utf-8")
    event = re.compile(r"  - date: 2026-[0-9-]+\n    status: [a-z-]+\n    year: 2026\n(    [a-z_]+: .*\n)*")
    for path in (project / "records/chi-bo").glob("*.yml"):
        path.write_text(event.sub("", path.read_text(encoding="utf-8")).replace("registration:\nresults:", "results:"))
    site = draft_project(project)
    assert not list(site.root.rglob("bon-tot-2026-2030/dang-ky-*.docx")) and not list((site / BT).rglob("khen-*"))
    letter, decision, _ = parts(site / f"{BT}/2026/cong-nhan-2026.docx")
    assert "Năm 2026 có 24 chi bộ xây dựng “chi bộ bốn tốt”: Chi bộ Bộ môn Giải phẫu," in letter.text
    assert "Điều kiện công nhận “chi bộ bốn tốt”: Năm 2026 đạt mọi tiêu chí" in letter.text  # no section to cite
    assert "mục " not in letter.text and "khen thưởng" not in decision.text and "đăng ký" not in letter.text
    assert "Điều 1. Công nhận 11 chi bộ là “chi bộ bốn tốt” năm 2026" in decision.text


def test_a_self_assessment_says_how_the_monthly_forms_were_rolled_up(site: Drafted) -> None:
    """Each criterion's mark of the year, and how it was reached from the monthly forms: months
    met of the months counted (February to December in the plan's first year), and the rule."""
    report = parts(site / "van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/tu-danh-gia-2026.docx")[0]
    marks = report.tables[1]
    assert marks[0] == ["TT", "Tiêu chí", "Tự đánh giá", "Kết quả, minh chứng"]
    assert marks[2] == ["2", "Chất lượng sinh hoạt tốt", "Đạt", "đạt trong 10/11 tháng; quy định: ít nhất 10 tháng"]
    assert marks[3] == ["3", "Đoàn kết, kỷ luật tốt", "Đạt", "đạt trong 11/11 tháng; quy định: phải đạt cả 11 tháng"]
    assert (
        "Kết quả tự đánh giá năm của mỗi tiêu chí được tổng hợp từ phiếu tự đánh giá hằng tháng của chi bộ (mục "
        "III.2 của Kế hoạch): tiêu chí đạt khi đạt ít nhất 10/12 tháng; năm 2026 tính từ tháng 02: ít nhất 10/11 "
        "tháng; tiêu chí “Đoàn kết, kỷ luật tốt” phải đạt cả 11 tháng; tháng không có phiếu tính là chưa đạt."
    ) in report.lines
    assert "Quyết định" not in report.text  # no selection to cite
    short = parts(site / "van-phong/chi-bo/phong-hanh-chinh-quan-tri/bon-tot-2026-2030/tu-danh-gia-2026.docx")[0]
    assert any(row[1] == "Đoàn kết, kỷ luật tốt" and row[2] == "Chưa đạt" for row in short.tables[1])
    listing = parts(site / f"{BT}/2026/cong-nhan-2026.docx")[2]
    assert listing.tables[0][3][4] == "Đạt 04/04 tiêu chí; tổng hợp từ phiếu tự đánh giá 11 tháng"


def test_the_yearly_review_cites_the_programmes_of_its_year(site: Drafted) -> None:
    review = parts(site / "van-phong/ket-qua/2026/bao-cao-2026.docx")[0]
    assert "kết quả xây dựng “chi bộ bốn tốt” năm 2026" in review.lines
    assert "Thực hiện Kế hoạch số 09-KH/ĐU ngày 15-01-2026" in review.text and "183-KH" not in review.text
    assert "Năm 2026 có 24 chi bộ đăng ký xây dựng “chi bộ bốn tốt”." in review.lines
    assert "4. Đăng ký, công nhận và khen thưởng" in review.lines  # no selection that year
    older = parts(site / "van-phong/ket-qua/2025/bao-cao-2025.docx")[0]
    assert "4. Đăng ký, lựa chọn, công nhận và khen thưởng" in older.lines and "09-KH" not in older.text


def test_each_document_knows_its_programme_and_its_former_addresses(site: Drafted) -> None:
    index = site.index
    assert {d.programme for d in site.drafts} == {"kieu-mau-2022-2025", "bon-tot-2026-2030", None}
    assert all(d.kind == "Báo cáo kết quả năm" for d in site.drafts if d.programme is None)
    mine = index.for_programme("bon-tot-2026-2030")
    assert mine and all(d.programme == "bon-tot-2026-2030" for d in mine)
    assert len(mine) + len(index.for_programme("kieu-mau-2022-2025")) + 5 == len(site.drafts)
    assert [d.year for d in mine] == sorted(d.year or 0 for d in mine)
    moved = {old: d.page for d in site.drafts for old in d.moved}
    assert len(moved) == sum(len(d.moved) for d in site.drafts)  # each former address sends to one page
    assert moved["van-phong/ket-qua/2022/lua-chon/index.html"] == f"{KM}/2022/lua-chon/index.md"
    assert moved["ket-qua/2022/lua-chon/index.html"] == f"{KM}/2022/lua-chon/index.md"  # before the office area
    assert moved["van-phong/ket-qua/tong-ket/index.html"] == f"{KM}/tong-ket/index.md"
    assert moved["ket-qua/2025/bao-cao/index.html"] == "van-phong/ket-qua/2025/bao-cao/index.md"
    assert moved["van-phong/ket-qua/2026/cong-nhan/index.html"] == f"{BT}/2026/cong-nhan/index.md"
    # A cell's former page showed its latest report: it sends to the latest programme's.
    assert moved["van-phong/chi-bo/khoa-duoc/dang-ky/index.html"] == (
        "van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/dang-ky/index.md"
    )
    assert moved["chi-bo/khoa-duoc/dang-ky/index.html"] == moved["van-phong/chi-bo/khoa-duoc/dang-ky/index.html"]
    assert moved["van-phong/chi-bo/khoa-duoc/ke-hoach/index.html"] == (
        "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/ke-hoach/index.md"
    )
    assert not any(old.endswith(".md") or old == page for old, page in moved.items())
    # A Word file cannot send the reader on: the first programme's are also where they were.
    words = {old: d.docx for d in site.drafts for old in d.moved_docx}
    assert words["van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx"] == (
        "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx"
    )
    assert words["van-phong/ket-qua/2022/lua-chon-2022.docx"] == f"{KM}/2022/lua-chon-2022.docx"
    assert words["van-phong/ket-qua/tong-ket-2022-2025.docx"] == f"{KM}/tong-ket-2022-2025.docx"
    assert not any("bon-tot" in docx for docx in words.values())
    assert (site / "van-phong/ket-qua/2022/lua-chon-2022.docx").read_bytes() == (
        site / f"{KM}/2022/lua-chon-2022.docx"
    ).read_bytes()


# --- the pages that list them, and the print pages ------------------------------------------


@needs_site
def test_pages_list_and_link_their_documents(built: Path) -> None:
    """The office area lists every document (by year), each cell's and each year's page of the
    office its own; every link leads to a file of the site."""

    def targets(url: str) -> set[str]:
        return {posixpath.normpath(posixpath.join(url, href)) for href, _ in page(built, url).links}

    listed = targets("van-phong/")
    for name in ONE_OF_EACH:
        assert name in listed, name
    for kind in ("tong-ket", "so-ket", "hoi-nghi-tong-ket", "2022/ban-chi-dao"):
        assert f"{KM}/{kind}" in listed, kind
    cell = targets("van-phong/chi-bo/khoa-duoc/")
    for name in ("kieu-mau-2022-2025/dang-ky-2022.docx", "kieu-mau-2022-2025/ke-hoach", "bon-tot-2026-2030/dang-ky"):
        assert f"van-phong/chi-bo/khoa-duoc/{name}" in cell, name
    year = targets("van-phong/ket-qua/2025/")
    for kind in ("de-xuat", "lua-chon", "cong-nhan", "khen-thuong"):
        assert f"{KM}/2025/{kind}" in year and f"{KM}/2025/{kind}-2025.docx" in year, kind
    assert "van-phong/ket-qua/2025/bao-cao" in year
    for target in listed:
        if target.startswith("van-phong/") and "." not in target.rsplit("/", 1)[-1]:
            assert (built / target / "index.html").exists(), target
        elif target.endswith(".docx"):
            assert (built / target).exists(), target


@needs_site
def test_document_list_is_by_year_then_kind(built: Path) -> None:
    listing = page(built, "van-phong/")
    kinds = [row[0] for row in listing.rows if row and row[0].startswith(("Quyết định", "Tờ trình", "Báo cáo"))]
    first = next(i for i, k in enumerate(kinds) if k.startswith("Quyết định thành lập Ban Chỉ đạo"))
    assert kinds[first + 1].startswith("Báo cáo khảo sát, đề xuất đăng ký xây dựng mô hình chi bộ kiểu mẫu năm 2022")


def _grid_cells(path: Path) -> Counter:
    """Every cell of the document's tables with lines (header and signing blocks left out), once."""
    doc = Document(str(path))
    found: Counter = Counter()
    for table in doc.tables:
        if table._tbl.tblPr.find(f"{W}tblStyle") is None:
            continue
        for tc in table._tbl.iter(f"{W}tc"):  # each cell once, however many rows or columns it spans
            merge = tc.tcPr.find(f"{W}vMerge") if tc.tcPr is not None else None
            if merge is not None and merge.get(f"{W}val") != "restart":
                continue
            found[" ".join(_Cell(tc, table).text.split())] += 1
    return found


PAGES = [
    (
        "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky/",
        "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx",
    ),
    (f"{KM}/2022/ban-chi-dao/", f"{KM}/2022/ban-chi-dao-2022.docx"),
    (f"{KM}/2022/de-xuat/", f"{KM}/2022/de-xuat-2022.docx"),
    (f"{KM}/2022/lua-chon/", f"{KM}/2022/lua-chon-2022.docx"),
    (
        "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/ke-hoach/",
        "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/ke-hoach-2022.docx",
    ),
    (
        "van-phong/chi-bo/khoa-kham-benh/kieu-mau-2022-2025/tu-danh-gia/",
        "van-phong/chi-bo/khoa-kham-benh/kieu-mau-2022-2025/tu-danh-gia-2025.docx",
    ),
    (f"{KM}/2025/cong-nhan/", f"{KM}/2025/cong-nhan-2025.docx"),
    (f"{KM}/2025/khen-thuong/", f"{KM}/2025/khen-thuong-2025.docx"),
    ("van-phong/ket-qua/2025/bao-cao/", "van-phong/ket-qua/2025/bao-cao-2025.docx"),
    (f"{KM}/so-ket/", f"{KM}/so-ket-2022-2023.docx"),
    (f"{KM}/tong-ket/", f"{KM}/tong-ket-2022-2025.docx"),
    (f"{KM}/hoi-nghi-tong-ket/", f"{KM}/hoi-nghi-tong-ket-2022-2025.docx"),
    (f"{BT}/2026/cong-nhan/", f"{BT}/2026/cong-nhan-2026.docx"),
    (
        "van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/tu-danh-gia/",
        "van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/tu-danh-gia-2026.docx",
    ),
]


@needs_site
@pytest.mark.parametrize(("url", "word"), PAGES)
def test_print_page_and_word_file_agree(built: Path, url: str, word: str) -> None:
    html = page(built, url)
    document = parts(built / word)
    assert html.html.count('class="vb-draft"') == sum(p.lines[0] == "DỰ THẢO" for p in document)
    assert html.html.count('<article class="vb-sheet') == len(document)
    for part in document:
        number = (
            re.search(r"Số [^\n]+$", part.tables[0][0][0]) if part.tables and "\n*\n" in part.tables[0][0][0] else None
        )
        if number:
            assert number.group(0) in html.text
        for line in part.lines:
            assert " ".join(line.split()) in html.text, line
    cells = Counter(" ".join(c.split()) for row in html.rows for c in row if c.strip())
    assert cells == Counter({k: v for k, v in _grid_cells(built / word).items() if k}), url


@needs_site
def test_print_page_names_the_document_and_its_rules(built: Path) -> None:
    report = page(built, "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky/")
    assert "<title>Chi bộ Khoa Dược: báo cáo khảo sát, đề xuất đăng ký xây dựng mô hình chi bộ kiểu mẫu năm 2022" in (
        report.html
    )
    assert "Số liệu tính đến ngày" not in report.text
    assert "Thể thức: Hướng dẫn số 36-HD/VPTW ngày 03-4-2018 của Văn phòng Trung ương Đảng." in report.text
    issued = page(built, f"{KM}/2022/lua-chon/")
    assert "Quyết định số 15-QĐ/ĐU ngày 20-6-2022 đã ban hành: bản này dựng lại từ hồ sơ" in issued.text
    latest = page(built, "van-phong/chi-bo/phong-khao-thi/bon-tot-2026-2030/dang-ky/")  # after Quy định 399-QĐ/TW
    assert "Thể thức: Quy định số 399-QĐ/TW ngày 09-01-2026 của Ban Bí thư" in latest.text


@needs_site
def test_plan_page_in_the_document_layout(built: Path) -> None:
    plan = page(built, "chuong-trinh/kieu-mau-2022-2025/ke-hoach/")
    for phrase in (
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH THÁI BÌNH",
        "ĐẢNG ỦY TRƯỜNG ĐẠI HỌC Y DƯỢC THÁI BÌNH",
        "Số 183-KH/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thái Bình, ngày 31 tháng 5 năm 2022",
        "(Đã ký)",
        "Nguyễn Quốc Tiến",
    ):
        assert phrase in plan.text, phrase
    assert '<p class="vb-rule">-----</p>' in plan.html
    assert '<p class="vb-recipients__title">Nơi nhận:</p>' in plan.html
    # The "Văn bản gốc" box is left out of the printout, and its class is not printed as text.
    assert re.search(
        r'<div class="admonition info chibo-noprint">\s*<p class="admonition-title">Văn bản gốc', plan.html
    )
    assert "{ .chibo-noprint }" not in plan.text and "chibo-noprint" not in plan.text


def test_two_builds_give_the_same_word_files(site: Drafted, tmp_path: Path) -> None:
    again = draft_project(sample_project(tmp_path))
    for name in ONE_OF_EACH:
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


HOSTILE = "Chi bộ <img src=x onerror=alert(1)> ]]> &amp; {{ x }} [a](javascript:alert(1))"


def hostile_project(target: Path) -> Path:
    project = sample_project(target)
    cell = project / "records/chi-bo/khoa-duoc.yml"
    cell.write_text(
        cell.read_text(encoding="utf-8").replace("name: Chi bộ Khoa Dược", f"name: '{HOSTILE}'"), encoding="utf-8"
    )
    return project


def test_hostile_record_text_makes_documents_that_open(tmp_path: Path) -> None:
    site = draft_project(hostile_project(tmp_path))
    for name in ("kieu-mau-2022-2025/dang-ky-2022.docx", "bon-tot-2026-2030/tu-danh-gia-2026.docx"):
        path = site / f"van-phong/chi-bo/khoa-duoc/{name}"
        header = rows(Document(str(path)).tables[0])[0][0]
        assert " ".join(header.split("\n")[2:-2]) == HOSTILE.upper()  # the name, in lines, as text
        assert "<img" not in Document(str(path)).element.body.xml  # escaped as XML text


@needs_site
def test_hostile_record_text_stays_text_on_the_print_pages(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    for name in ("mkdocs.yml", "docs", "hooks"):
        source = Path(__file__).resolve().parents[1] / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    built = build_site(project)
    for name in ("kieu-mau-2022-2025/dang-ky/", "kieu-mau-2022-2025/ke-hoach/", "bon-tot-2026-2030/tu-danh-gia/"):
        html = (built / "van-phong/chi-bo/khoa-duoc" / name / "index.html").read_text(encoding="utf-8")
        assert "<img src=x" not in html and "&lt;img src=x" in html, name


# --- LibreOffice: what the office opens and prints ------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def pdfs(site: Drafted, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every Word file of the sample as LibreOffice prints it: its path → the PDF."""
    require(SOFFICE is not None, "LibreOffice not found (Debian package libreoffice-writer-nogui)")
    require(shutil.which("pdftotext") is not None, "pdftotext not found (Debian package poppler-utils)")
    out = tmp_path_factory.mktemp("pdf")
    words = out / "docx"
    words.mkdir()
    names = {}
    for path in every_docx(site):
        name = path.relative_to(site.root).as_posix()
        copy = words / (name.replace("/", "__"))
        shutil.copy(path, copy)
        names[name] = out / (copy.stem + ".pdf")
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *sorted(str(p) for p in words.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    return names


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def first_line(page_text: str) -> str:
    return next((line.strip() for line in page_text.split("\n") if line.strip()), "")


def test_libreoffice_numbers_each_part_from_its_second_page(site: Drafted, pdfs: dict[str, Path]) -> None:
    """Every part's first page has no number; the next pages of a part run 2, 3 …; as many
    unnumbered pages as parts."""
    for name, pdf in pdfs.items():
        pages = pdf_pages(pdf)
        numbers = [int(first_line(p)) if first_line(p).isdigit() else None for p in pages]
        assert numbers[0] is None, name
        for before, now in pairwise(numbers):
            assert now is None or now == (before or 1) + 1, (name, numbers)
        assert numbers.count(None) == len(parts(site / name)), (name, numbers)


def test_libreoffice_keeps_the_signer_on_the_page_of_the_signature(site: Drafted, pdfs: dict[str, Path]) -> None:
    signed = 0
    for name, pdf in pdfs.items():
        blocks = [
            t[0][1].split("\n")
            for t in (rows(table) for table in Document(str(site / name)).tables)
            if len(t) == 1 and t[0][1].startswith("T/M ")
        ]
        pages = [" ".join(p.split()) for p in pdf_pages(pdf)]
        for block in blocks:
            authority, signer = block[0], block[-1]
            page_text = next((p for p in pages if authority in p), None)
            assert page_text is not None, (name, authority)
            if signer:
                assert signer in page_text.split(authority, 1)[1], (name, authority, signer)
                signed += 1
    assert signed >= len(pdfs)  # every document has a signed part


def test_libreoffice_prints_the_header_lines_as_drafted(site: Drafted, pdfs: dict[str, Path]) -> None:
    for name in ONE_OF_EACH:
        first = " ".join(pdf_pages(pdfs[name])[0].split())
        header = rows(Document(str(site / name)).tables[0])[0]
        for line in header[0].split("\n") + header[1].split("\n"):
            assert line in first, (name, line)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_pages(pdfs[name])[0]  # on one line, with its rule


@pytest.mark.parametrize(
    ("name", "phrases", "pages"),
    [
        (
            "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky-2022.docx",
            ["BÁO CÁO", "CHI BỘ KHOA DƯỢC", "T/M CHI ỦY", "Nguyễn Văn Đức"],
            (2, 5),
        ),
        (
            f"{KM}/2022/lua-chon-2022.docx",
            ["QUYẾT ĐỊNH", "DANH SÁCH", "Số 15-QĐ/ĐU", "T/M BAN THƯỜNG VỤ"],
            (2, 4),
        ),
        (
            f"{KM}/2025/cong-nhan-2025.docx",
            ["TỜ TRÌNH", "QUYẾT ĐỊNH", "Chi bộ Khoa Y tế công cộng"],
            (3, 8),
        ),
        (
            "van-phong/ket-qua/2025/bao-cao-2025.docx",
            ["kết quả xây dựng mô hình chi bộ kiểu mẫu năm 2025", "22 (91,7%)"],
            (2, 6),
        ),
        (f"{KM}/tong-ket-2022-2025.docx", ["PHỤ LỤC 1", "PHỤ LỤC 2", "Chi bộ Khoa Dược"], (3, 10)),
        (f"{KM}/hoi-nghi-tong-ket-2022-2025.docx", ["KẾ HOẠCH", "CHƯƠNG TRÌNH", "DANH SÁCH"], (3, 6)),
        (
            f"{BT}/2026/cong-nhan-2026.docx",
            ["TỜ TRÌNH", "VĂN PHÒNG ĐẢNG ỦY", "CHÁNH VĂN PHÒNG", "“chi bộ bốn tốt”", "Số 214-QĐ/ĐU"],
            (3, 8),
        ),
        (
            "van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/tu-danh-gia-2026.docx",
            ["BÁO CÁO", "đạt trong 10/11 tháng; quy định: ít nhất 10 tháng", "T/M CHI ỦY"],
            (2, 4),
        ),
    ],
)
def test_libreoffice_opens_every_kind(pdfs: dict[str, Path], name: str, phrases: list[str], pages: tuple) -> None:
    found = pdf_pages(pdfs[name])
    joined = " ".join(" ".join(found).split())
    for phrase in phrases:
        assert phrase in joined, phrase
    assert pages[0] <= len(found) <= pages[1], len(found)
    assert "Tài liệu lưu hành nội bộ" in found[-1]


# --- Chromium: the print pages, each part numbered on its own -------------------------------


@needs_site
@pytest.mark.parametrize(("url", "word"), [PAGES[3], PAGES[6], PAGES[10], PAGES[11]])
def test_print_pages_number_each_part_on_its_own(sample_server, visit, tmp_path: Path, url: str, word: str) -> None:
    """Chromium prints the page as the .docx prints: each part from a new sheet, no number on
    its first page, 2, 3 … on the next ones."""
    require(shutil.which("pdftotext") is not None, "pdftotext not found (Debian package poppler-utils)")
    page_ = visit(sample_server.url + url).page
    page_.emulate_media(media="print")
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(page_.pdf(format="A4", prefer_css_page_size=True))
    numbers = [int(first_line(p)) if first_line(p).isdigit() else None for p in pdf_pages(pdf)]
    assert numbers[0] is None
    for before, now in pairwise(numbers):
        assert now is None or now == (before or 1) + 1, numbers
    assert numbers.count(None) == page(sample_server.root, url).html.count('<article class="vb-sheet'), numbers
