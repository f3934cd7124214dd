"""Drafted Party documents, read back as a clerk's tools read them.

* every .docx opened with python-docx: A4, the margins of HD 36, Times New Roman, the
  header texts, the figures of its tables against the Report;
* converted by LibreOffice (soffice --headless) and read with pdftotext: the key phrases,
  a sane page count, no conversion error;
* the print pages in Chromium (tests/test_browser_reader.py) and the links to every
  document from /van-ban/, the cell pages and the year pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import build_site, copy_project, require
from docx import Document
from htmltext import page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("documents")))


def texts(path: Path) -> list[str]:
    """Every paragraph of a .docx, tables and page headers included, in order."""
    doc = Document(str(path))
    found = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            found += [cell.text for cell in row.cells]
    return found


def table_rows(path: Path, index: int) -> list[list[str]]:
    doc = Document(str(path))
    return [[cell.text for cell in row.cells] for row in doc.tables[index].rows]


EXPECTED_DOCX = [
    "van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx",
    "van-phong/chi-bo/phong-khao-thi/dang-ky-2026.docx",
    "van-phong/ket-qua/2022/lua-chon-2022.docx",
    "van-phong/ket-qua/2025/cong-nhan-2025.docx",
    "van-phong/ket-qua/2025/bao-cao-2025.docx",
    "van-phong/ket-qua/tong-ket-2022-2025.docx",
]


def test_the_sample_drafts_every_document(site: Path) -> None:
    docx = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.docx"))
    assert len(docx) == 33  # 19 registrations (surveyed or registered), 13 for the years, 1 for the period
    for name in EXPECTED_DOCX:
        assert name in docx, name
    for year in (2022, 2023, 2024, 2025):
        for kind in ("lua-chon", "cong-nhan", "bao-cao"):
            assert f"van-phong/ket-qua/{year}/{kind}-{year}.docx" in docx
    assert "van-phong/ket-qua/2026/cong-nhan-2026.docx" not in docx  # 2026 is not rated yet


@pytest.mark.parametrize("name", EXPECTED_DOCX)
def test_page_setup_and_type_follow_hd36(site: Path, name: str) -> None:
    doc = Document(str(site / name))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    assert "Tài liệu lưu hành nội bộ" in section.footer.paragraphs[0].text
    assert doc.paragraphs[0].text == "DỰ THẢO"
    header = table_rows(site / name, 0)[0]
    assert header[1].startswith("ĐẢNG CỘNG SẢN VIỆT NAM\n")
    assert "\n*\nSố " in header[0]


def test_registration_report_shows_its_own_date(site: Path) -> None:
    path = site / "van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx"
    header = table_rows(path, 0)[0]
    assert header == [
        "ĐẢNG BỘ TRƯỜNG ĐẠI HỌC Y DƯỢC THÁI BÌNH\nCHI BỘ KHOA DƯỢC\n*\nSố …-BC/CB",
        "ĐẢNG CỘNG SẢN VIỆT NAM\nThái Bình, ngày 11 tháng 6 năm 2022",
    ]
    lines = texts(path)
    assert "BÁO CÁO" in lines
    assert "khảo sát, đề xuất đăng ký xây dựng mô hình chi bộ kiểu mẫu năm 2022" in lines
    assert "Loại hình chi bộ: Chi bộ khoa, bộ môn. Tổng số đảng viên: 18 đồng chí." in lines
    assert "Chi bộ có chi ủy; đồng chí Nguyễn Văn Đức là bí thư chi bộ, đồng chí Trần Thị Hoa là phó bí thư." in lines
    # Results of 2019–2021, as the Report has them.
    assert table_rows(path, 1)[2:] == [
        ["2019", "Hoàn thành tốt nhiệm vụ", "2", "13", "1", "0"],  # true figures: the office signs them
        ["2020", "Hoàn thành tốt nhiệm vụ", "2", "14", "1", "0"],
        ["2021", "Hoàn thành xuất sắc nhiệm vụ", "3", "14", "0", "0"],
    ]
    # Self-assessment of 2021 (every criterion met: it was selected on it), the chi ủy in the
    # cell's own words, lines to fill in, signature.
    assert ["TC5", "Đảng viên tiêu biểu trong giảng dạy và nghiên cứu khoa học", "Đạt"] in table_rows(path, 2)
    conditions = table_rows(path, 3)
    assert conditions[-1][1] == "Chi bộ tự đánh giá" and "do Ban Thường vụ" not in conditions[-1][2]
    footer = table_rows(path, 4)[0]
    assert footer[0].startswith("Nơi nhận:\n- Ban Thường vụ Đảng ủy")
    assert footer[1].split("\n")[0:2] == ["T/M CHI ỦY", "BÍ THƯ"] and footer[1].endswith("Nguyễn Văn Đức")
    document = Document(str(path))
    body = document.element.body.xml
    # thực trạng, ưu điểm, hạn chế, kế hoạch: lines of dots to write on, from one paragraph style
    assert sum(p.style.name == "VB Dots" for p in document.paragraphs) >= 10
    assert 'w:leader="dot"' in document.styles["VB Dots"].element.xml
    assert "fldChar" not in body  # record text is text, never a field


def test_a_cell_without_chi_uy_signs_for_the_cell(site: Path) -> None:
    footer = table_rows(site / "van-phong/chi-bo/phong-khao-thi/dang-ky-2026.docx", 4)[0]
    assert footer[1].split("\n")[0:2] == ["T/M CHI BỘ", "BÍ THƯ"]
    assert footer[1].endswith("Nguyễn Thị Lan Phương")
    # Surveyed and registered in 2026, after the merger: the new province's name.
    assert table_rows(site / "van-phong/chi-bo/phong-khao-thi/dang-ky-2026.docx", 0)[0][1].startswith(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nHưng Yên, ngày"
    )


def test_selection_decision_lists_every_registered_cell(site: Path) -> None:
    path = site / "van-phong/ket-qua/2022/lua-chon-2022.docx"
    header = table_rows(path, 0)[0]
    assert header[0] == (
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH THÁI BÌNH\nĐẢNG ỦY TRƯỜNG ĐẠI HỌC Y DƯỢC THÁI BÌNH\n*\nSố 15-QĐ/ĐU"
    )
    lines = texts(path)
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY TRƯỜNG ĐẠI HỌC Y DƯỢC THÁI BÌNH" in lines
    assert "Điều 1. Lựa chọn 02 chi bộ xây dựng mô hình chi bộ kiểu mẫu năm 2022 (có danh sách kèm theo)." in lines
    assert "(Kèm theo Quyết định số 15-QĐ/ĐU, ngày 20-6-2022 của Ban Thường vụ Đảng ủy Trường)" in lines
    listing = table_rows(path, 2)
    cells = {row[1] for row in listing[1:]}
    assert cells == {
        "Chi bộ Khoa Dược",
        "Chi bộ Khoa Khám bệnh",
        "Chi bộ Khoa Nội tổng hợp",
        "Chi bộ Khoa Y tế công cộng",
        "Chi bộ Phòng Đào tạo",
        "Chi bộ Phòng Tài chính - Kế toán",
    }
    assert len(listing) == 1 + 6 * 5  # five conditions a cell
    assert any(row[1] == "Chi bộ Phòng Tài chính - Kế toán" and row[4] == "Rút đăng ký" for row in listing)


def test_recognition_proposes_the_qualified_cells(site: Path) -> None:
    path = site / "van-phong/ket-qua/2025/cong-nhan-2025.docx"
    lines = texts(path)
    assert "TỜ TRÌNH" in lines and "QUYẾT ĐỊNH" in lines and "DANH SÁCH" in lines
    assert "Điều 1. Công nhận 05 chi bộ đạt chi bộ kiểu mẫu năm 2025 (có danh sách kèm theo)." in lines
    short = table_rows(path, 1)
    assert short[1:] == [
        ["1", "Chi bộ Bộ môn Nội", "đã rút đăng ký năm 2025; chưa đạt tiêu chí TC5"],
        ["2", "Chi bộ Phòng Tổ chức cán bộ", "chưa đạt tiêu chí TC1"],
        ["3", "Chi bộ Sinh viên Y khoa 1", "chưa đạt tiêu chí TC5"],
    ]
    qualified = [row[1] for row in table_rows(path, 5)[1:]]
    assert qualified == [
        "Chi bộ Bộ môn Giải phẫu",
        "Chi bộ Khoa Dược",
        "Chi bộ Khoa Khám bệnh",
        "Chi bộ Khoa Y tế công cộng",
        "Chi bộ Phòng Đào tạo",
    ]
    # Dated on the recognition (milestone cong-nhan-2025, done 19-12-2025): after the merger.
    assert table_rows(path, 0)[0][1] == "ĐẢNG CỘNG SẢN VIỆT NAM\nHưng Yên, ngày 19 tháng 12 năm 2025"


def test_reviews_carry_the_figures_of_the_report(site: Path) -> None:
    year = site / "van-phong/ket-qua/2025/bao-cao-2025.docx"
    assert table_rows(year, 1)[1] == [
        "2025",
        "24",
        "3 (12,5%)",
        "19 (79,2%)",
        "2 (8,3%)",
        "0 (0,0%)",
        "22 (91,7%)",
        "5 (20,8%)",
    ]
    assert "Chi bộ hoàn thành tốt nhiệm vụ trở lên" in table_rows(year, 3)[1][0]
    final = site / "van-phong/ket-qua/tong-ket-2022-2025.docx"
    years = [row[0] for row in table_rows(final, 1)[1:]]
    assert years == ["2022", "2023", "2024", "2025"]
    assert table_rows(final, 2)[1][-1] == "Đạt" and table_rows(final, 2)[2][-1] == "Đạt"
    appendix = table_rows(final, 5)
    assert appendix[0] == ["TT", "Chi bộ", "2022", "2023", "2024", "2025", "Năm được công nhận kiểu mẫu"]
    assert ["6", "Chi bộ Khoa Dược", "HTXSNV", "HTXSNV", "HTXSNV", "HTXSNV", "2022, 2023, 2024, 2025"] in appendix


def test_pages_list_and_link_their_documents(site: Path) -> None:
    """Every document is listed in the office area, by its cell and its year there; no
    members' page links one (they hold the true figures)."""
    office = page(site, "van-phong/")
    assert "Văn bản dự thảo từ hồ sơ" in office.text
    hrefs = {href for href, _ in office.links}
    for name in EXPECTED_DOCX:
        assert name.removeprefix("van-phong/") in hrefs, name
    assert "ket-qua/tong-ket/" in hrefs
    cell = page(site, "van-phong/chi-bo/khoa-duoc/")
    assert ("dang-ky-2022.docx", "dang-ky-2022.docx") in cell.links
    year = page(site, "van-phong/ket-qua/2025/")
    assert ("cong-nhan/", "Xem, in") in year.links and ("bao-cao-2025.docx", "bao-cao-2025.docx") in year.links
    for href in hrefs:
        if href.endswith((".docx", "/")) and not href.startswith(("../", "http")):
            target = site / "van-phong" / href
            assert target.exists() or (target / "index.html").exists(), href
    for url in ("van-ban/", "chi-bo/khoa-duoc/", "ket-qua/2025/", "ket-qua/", ""):
        links = [href for href, _ in page(site, url).links]
        assert not [h for h in links if h.endswith(".docx") or ("van-phong/" in h and not h.endswith("van-phong/"))], (
            url
        )


def test_former_addresses_send_to_the_office_area(site: Path) -> None:
    moved = page(site, "chi-bo/khoa-duoc/dang-ky/")
    assert '<meta http-equiv="refresh" content="0; url=../../../van-phong/chi-bo/khoa-duoc/dang-ky/">' in moved.html
    assert '<meta name="robots" content="noindex, nofollow">' in moved.html and "<script" not in moved.html
    text = " ".join(re.sub(r"<[^>]+>", " ", moved.html).split())
    assert "Tài liệu lưu hành nội bộ" in text and "nằm ở khu vực Văn phòng Đảng ủy" in text
    assert 'href="../../../van-phong/chi-bo/khoa-duoc/dang-ky/">mở văn bản</a>' in moved.html
    for url in ("ket-qua/2022/lua-chon/", "ket-qua/2025/cong-nhan/", "ket-qua/2025/bao-cao/", "ket-qua/tong-ket/"):
        assert 'http-equiv="refresh"' in page(site, url).html, url
        assert (site / "van-phong" / url / "index.html").exists(), url


def test_print_page_names_the_document(site: Path) -> None:
    report = page(site, "van-phong/chi-bo/khoa-duoc/dang-ky/")
    assert "<title>Chi bộ Khoa Dược: báo cáo khảo sát, đề xuất đăng ký năm 2022" in report.html
    assert "Số liệu tính đến ngày" not in report.text
    decision = page(site, "van-phong/ket-qua/2022/lua-chon/")
    assert "<title>Quyết định lựa chọn chi bộ xây dựng mô hình chi bộ kiểu mẫu năm 2022" in decision.html


def test_plan_page_in_the_document_layout(site: Path) -> None:
    plan = page(site, "ke-hoach/")
    for text in (
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH THÁI BÌNH",
        "ĐẢNG ỦY TRƯỜNG ĐẠI HỌC Y DƯỢC THÁI BÌNH",
        "Số 183-KH/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thái Bình, ngày 31 tháng 5 năm 2022",
        "(Đã ký)",
        "Nguyễn Quốc Tiến",
        "phần tiêu đề (cơ quan ban hành, số, địa danh và ngày tháng) được trình bày lại".capitalize()[:5],
    ):
        assert text in plan.text, text
    assert '<p class="vb-rule">-----</p>' in plan.html
    assert '<p class="vb-recipients__title">Nơi nhận:</p>' in plan.html


def test_two_builds_give_the_same_word_files(site: Path, tmp_path: Path) -> None:
    again = build_site(copy_project(tmp_path))
    for name in EXPECTED_DOCX:
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


# --- LibreOffice: what the office opens ------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def pdfs(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(SOFFICE is not None, "LibreOffice not found (Debian package libreoffice-writer-nogui)")
    require(shutil.which("pdftotext") is not None, "pdftotext not found (Debian package poppler-utils)")
    out = tmp_path_factory.mktemp("pdf")
    files = [str(site / name) for name in EXPECTED_DOCX]
    profile = out / "profile"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    return out


@pytest.mark.parametrize(
    ("name", "phrases", "pages"),
    [
        (
            "dang-ky-2022",
            [
                "BÁO CÁO",
                "CHI BỘ KHOA DƯỢC",
                "Thái Bình, ngày 11 tháng 6 năm 2022",
                "T/M CHI ỦY",
                "Nguyễn Văn Đức",
                "Tài liệu lưu hành nội bộ",
            ],
            (2, 5),
        ),
        ("dang-ky-2026", ["T/M CHI BỘ", "Hưng Yên"], (2, 5)),
        ("lua-chon-2022", ["QUYẾT ĐỊNH", "DANH SÁCH", "Số 15-QĐ/ĐU", "T/M BAN THƯỜNG VỤ"], (2, 8)),
        ("cong-nhan-2025", ["TỜ TRÌNH", "QUYẾT ĐỊNH", "Chi bộ Khoa Y tế công cộng"], (3, 8)),
        ("bao-cao-2025", ["kết quả xây dựng mô hình chi bộ kiểu mẫu năm 2025", "22 (91,7%)"], (2, 6)),
        ("tong-ket-2022-2025", ["PHỤ LỤC 1", "PHỤ LỤC 2", "Chi bộ Sinh viên Y khoa 2"], (3, 10)),
    ],
)
def test_libreoffice_opens_every_kind(pdfs: Path, name: str, phrases: list[str], pages: tuple[int, int]) -> None:
    pdf = pdfs / f"{name}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for phrase in phrases:
        assert phrase in " ".join(text.split()), phrase
    count = text.count("\f")
    assert pages[0] <= count <= pages[1], count
    first, second = text.split("\f")[:2]
    assert "2" in second.split("\n")[0]  # page numbers from page 2, at the top
    assert not first.split("\n")[0].strip().isdigit()


def test_hostile_record_text_makes_documents_that_open(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    cell = project / "records/chi-bo/khoa-duoc.yml"
    hostile = "Chi bộ <img src=x onerror=alert(1)> ]]> &amp; {{ x }} [a](javascript:alert(1))"
    cell.write_text(
        cell.read_text(encoding="utf-8").replace("name: Chi bộ Khoa Dược", f"name: '{hostile}'"), encoding="utf-8"
    )
    site = build_site(project)
    path = site / "van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx"
    assert hostile.upper() in table_rows(path, 0)[0][0]
    assert "<img" not in Document(str(path)).element.body.xml  # escaped as XML text
    html = (site / "van-phong/chi-bo/khoa-duoc/dang-ky/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
