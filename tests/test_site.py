"""A real ``mkdocs build`` per page type, read as a reader would read it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, build_site, copy_project
from htmltext import page

KM = "chuong-trinh/kieu-mau-2022-2025/"  # the sample's first programme (183-KH/ĐU)
BT = "chuong-trinh/bon-tot-2026-2030/"  # its second, illustrative
PAGE_URLS = [
    "",
    "chuong-trinh/",
    KM,
    KM + "ke-hoach/",
    KM + "tieu-chi/",
    KM + "to-chuc-thuc-hien/",
    BT + "lo-trinh/",
    "chi-bo/",
    "chi-bo/khoa-kham-benh/",
    "van-ban/",
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample records, built once for this module (strict mode)."""
    return build_site(copy_project(tmp_path_factory.mktemp("sample")))


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("mini"), DATA / "mini" / "records"))


@pytest.mark.parametrize("url", PAGE_URLS)
def test_pages_with_record_data_show_the_sample_banner(sample: Path, url: str) -> None:
    text = page(sample, url).text
    if url.endswith("ke-hoach/"):  # the plan's signed text is not sample data
        assert "Dữ liệu minh họa" not in text
    else:
        assert "Dữ liệu minh họa, không phải số liệu chính thức." in text


def test_navigation_lists_sections_not_cells(sample: Path) -> None:
    html = page(sample, KM + "to-chuc-thuc-hien/").html
    tabs = html[html.index('class="md-tabs"') : html.index("</nav>", html.index('class="md-tabs"'))]
    labels = re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+?)\s*</a>', tabs)
    nav = html[html.index("md-nav--primary") : html.index("md-nav--secondary")]
    assert labels == [
        "Tổng quan",
        "Chương trình",
        "Chi bộ",
        "Kết quả",
        "Văn bản",
        "Dữ liệu",
    ]
    assert "Chi bộ Khoa Dược" not in nav
    assert "khoa-duoc" not in html


def test_overview_shows_the_current_programme_first_then_the_finished_one(sample: Path) -> None:
    home = page(sample, "")
    assert "Số liệu tính đến ngày 28-12-2026." in home.text
    text = home.text
    current, finished = text.index("Chương trình đang thực hiện"), text.index("Chương trình đã kết thúc")
    assert current < text.index("Xây dựng “chi bộ bốn tốt” giai đoạn 2026-2030") < finished
    assert finished < text.index("Xây dựng mô hình chi bộ kiểu mẫu giai đoạn 2022-2025")
    assert ["Hoàn thành tốt nhiệm vụ trở lên", "21", "87,5%"] in home.rows
    assert ["Được công nhận (mọi chương trình)", "11", "45,8%"] in home.rows
    assert [
        "Chi bộ hoàn thành tốt nhiệm vụ trở lên năm 2026",
        "2026",
        "trên 90%",
        "21/24 (87,5%)",
        "Chưa đạt, cần thêm 1 chi bộ",
    ] in home.rows
    assert [
        "Chi bộ được công nhận “chi bộ bốn tốt” năm 2026",
        "2026",
        "từ 30% trở lên",
        "11/24 (45,8%)",
        "Đạt",
    ] in home.rows
    # The finished programme keeps its final figures.
    assert ["Chi bộ hoàn thành tốt nhiệm vụ trở lên", "2025", "từ 90% trở lên", "22/24 (91,7%)", "Đạt"] in home.rows
    assert ["Chi bộ đạt tiêu chí mô hình chi bộ kiểu mẫu", "2025", "trên 20%", "5/24 (20,8%)", "Đạt"] in home.rows
    assert ["Tổng số", "24"] in home.rows
    # Only the current programme's milestones are listed as coming.
    assert "31-3-2027: Các chi bộ đăng ký xây dựng “chi bộ bốn tốt” năm 2027." in text


def test_programme_list_and_former_addresses(sample: Path) -> None:
    listing = page(sample, "chuong-trinh/")
    assert [
        "Xây dựng mô hình chi bộ kiểu mẫu giai đoạn 2022-2025",
        "Số 183-KH/ĐU ngày 31-5-2022",
        "2022–2025",
        "Đã kết thúc",
        "12",
    ] in listing.rows
    assert [
        "Xây dựng “chi bộ bốn tốt” giai đoạn 2026-2030 (minh họa)",
        "Số 09-KH/ĐU ngày 15-01-2026",
        "2026–2030",
        "Đang thực hiện",
        "24",
    ] in listing.rows
    # Every address the site had when it knew one plan still answers: it sends to the first
    # programme's page of the same name.
    for name in ("ke-hoach", "tieu-chi", "lo-trinh", "to-chuc-thuc-hien"):
        html = (sample / name / "index.html").read_text(encoding="utf-8")
        target = f"../{KM}{name}/"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html, name
        assert (sample / name / target / "index.html").resolve().exists(), name


def test_plan_page_keeps_the_document_layout(sample: Path) -> None:
    plan = page(sample, KM + "ke-hoach/")
    for text in (
        "Số 183-KH/ĐU",
        "Thái Bình, ngày 31 tháng 5 năm 2022",
        "I- MỤC ĐÍCH, YÊU CẦU",
        "IV- TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "T/M BAN CHẤP HÀNH",
        "Nguyễn Quốc Tiến",
    ):
        assert text in plan.text


@pytest.mark.skipif(
    not (ROOT.parent / "shared/seed/ke-hoach-183-KH-DU.txt").exists(),
    reason="the seed text (../shared/seed) is not beside this checkout",
)
def test_plan_wording_is_unchanged(sample: Path) -> None:
    seed = (ROOT.parent / "shared/seed/ke-hoach-183-KH-DU.txt").read_text(encoding="utf-8")
    seed = re.sub(r"\*+", "", seed)
    # The header (number, place and date) is laid out again in the Party's layout; from the
    # document type on, the text is the signed one, word for word ("(Đã ký)" marks the signature).
    seed_words = [w for w in seed.split() if w not in ("-", "*")]
    seed_words = seed_words[seed_words.index("KẾ") :]
    text = page(sample, KM + "ke-hoach/").text.split()
    words = [w for w in text[text.index("KẾ") :] if w not in ("-", "-----", "(Đã", "ký)")]
    assert words == seed_words


def test_criteria_page_has_common_and_type_specific_criteria(sample: Path) -> None:
    criteria = page(sample, KM + "tieu-chi/")
    assert "bản dự thảo minh họa" in criteria.text
    assert "Theo mục II của Kế hoạch số 183-KH/ĐU ngày 31-5-2022." in criteria.text
    for heading in ("Tiêu chí đối với chi bộ", "Tiêu chí đối với đảng viên"):
        assert heading in criteria.text
    for n in range(1, 6):
        assert f"TC{n}." in criteria.text
    for type_name in (
        "Chi bộ khoa, bộ môn",
        "Chi bộ khoa, phòng bệnh viện",
        "Chi bộ phòng, ban chức năng",
        "Chi bộ sinh viên",
    ):
        assert re.search(re.escape(type_name) + r": ", criteria.text), type_name
    assert criteria.html.count("<li>") >= 5 * 3


def test_cell_list_links_every_cell(sample: Path) -> None:
    listing = page(sample, "chi-bo/")
    rows = listing.rows[1:]
    assert len(rows) == 24
    assert listing.rows[0] == [
        "Chi bộ",
        "Loại hình",
        "Bí thư",
        "Trạng thái",
        "Xếp loại gần nhất",
        "Năm được công nhận",
    ]
    assert [
        "Chi bộ Khoa Dược",
        "Giảng dạy",
        "Trần Thị Hoa",
        "Được công nhận “chi bộ bốn tốt” năm 2026",
        "Hoàn thành xuất sắc nhiệm vụ (2026)",
        "2022, 2023, 2024, 2025, 2026",
    ] in rows
    assert ("khoa-duoc/", "Chi bộ Khoa Dược") in listing.links
    for href, _ in listing.links:
        if href.endswith("/") and not href.startswith(("http", "#", "..")):
            assert (sample / "chi-bo" / href / "index.html").exists(), href


def test_cell_page_shows_facts_events_and_results(sample: Path) -> None:
    cell = page(sample, "chi-bo/khoa-kham-benh/")
    assert "Loại hình: Chi bộ khoa, phòng bệnh viện" in cell.text
    text = cell.text
    assert "Trạng thái: Được công nhận “chi bộ bốn tốt” năm 2026" in text
    # One section per programme the cell took part in, each with its status and recognitions.
    first, second = (
        text.index("Chi bộ kiểu mẫu 2022–2025 Trạng thái:"),
        text.index("Chi bộ bốn tốt 2026–2030 Trạng thái:"),
    )
    assert first < second
    assert "Năm được công nhận chi bộ kiểu mẫu: 2022, 2023, 2025" in text[first:second]
    assert "Năm được công nhận “chi bộ bốn tốt”: 2026" in text[second:]
    assert cell.rows[1][:2] == ["BS-1", "Chi bộ duy trì sinh hoạt chuyên đề về y đức mỗi quý"]
    assert [
        "20-6-2022",
        "Ban Thường vụ lựa chọn (năm 2022, Chi bộ kiểu mẫu 2022–2025)",
        "Quyết định số 15-QĐ/ĐU ngày 20-6-2022",
    ] in cell.rows
    # 2024 counts a single HTNV: its public note is left out with the counts (the office has both).
    assert ["Năm 2024", "Xếp loại: Hoàn thành tốt nhiệm vụ", "–"] in cell.rows
    assert ["2024", "✓ Đạt", "✓ Đạt", "✓ Đạt", "✓ Đạt", "✓ Đạt", "✗ Chưa đạt"] in cell.rows
    assert ["2024", "Hoàn thành tốt nhiệm vụ", "5/6 (chưa đạt: BS-1)", "–"] in cell.rows
    assert ["2025", "Hoàn thành xuất sắc nhiệm vụ", "6/6", "Được công nhận"] in cell.rows
    assert ["2026", "Hoàn thành xuất sắc nhiệm vụ", "4/4", "Được công nhận"] in cell.rows
    office = page(sample, "van-phong/chi-bo/khoa-kham-benh/")
    assert [
        "Năm 2024",
        "Xếp loại: Hoàn thành tốt nhiệm vụ (26 đảng viên)",
        "Quý III/2024 chi bộ chưa tổ chức sinh hoạt chuyên đề "
        "về y đức (tiêu chí bổ sung bs-1 chưa đạt); không đề nghị công nhận chi bộ kiểu mẫu năm 2024.",
    ] in office.rows
    assert ["2024", "Hoàn thành tốt nhiệm vụ", "3", "22", "1", "0", "5/6 (chưa đạt: BS-1)", "–"] in office.rows
    assert ["2025", "Hoàn thành xuất sắc nhiệm vụ", "5", "21", "0", "0", "6/6", "Được công nhận"] in office.rows
    assert ["2026", "Hoàn thành xuất sắc nhiệm vụ", "5", "21", "1", "0", "4/4", "Được công nhận"] in office.rows


def test_organisation_and_documents(sample: Path) -> None:
    org = page(sample, KM + "to-chuc-thuc-hien/")
    assert "Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu" in org.text and "Nguyễn Quốc Tiến" in org.text
    assert "Văn phòng Đảng ủy" in org.text
    docs = page(sample, "van-ban/")
    assert any(row[:2] == ["183-KH/ĐU", "31-5-2022"] for row in docs.rows)
    assert any(row[0] == "2023–2024" and "124-QĐ/TW ngày 04-10-2023" in row[1] for row in docs.rows)
    assert any(row[0] == "2025 trở đi" and "366-QĐ/TW ngày 30-8-2025" in row[1] for row in docs.rows)


def test_mini_site_figures_are_hand_checked(mini_site: Path) -> None:
    home = page(mini_site, "")
    # One cell, rated "tot" in 2025 and recognised: 1/1 on both targets.
    assert ["Chi bộ hoàn thành tốt nhiệm vụ trở lên", "2025", "từ 90% trở lên", "1/1 (100,0%)", "Đạt"] in home.rows
    cell = page(mini_site, "chi-bo/khoa-duoc/")
    assert "Trạng thái: Được công nhận chi bộ kiểu mẫu năm 2025" in cell.text


def test_no_request_leaves_the_site(sample: Path) -> None:
    for html_file in sample.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', html.replace('href="https://squidfunk', "")), html_file


def test_broken_record_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path, DATA / "mini" / "records")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("bản cũ", encoding="utf-8")
    cell = project / "records/chi-bo/khoa-duoc.yml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("rating: tot", "rating: tot-lam"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert run.returncode == 1
    assert (
        "records/chi-bo/khoa-duoc.yml:15:13: lỗi: results[0].rating: 'tot-lam' không hợp lệ; "
        "chọn một trong: xuat-sac, tot, hoan-thanh, khong-hoan-thanh"
    ) in run.stderr
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "bản cũ"


def test_sample_2025_figures_agree_across_page_json_and_csv(sample: Path) -> None:
    import csv
    import io
    import json

    years = {y["year"]: y for y in json.loads((sample / "du-lieu/ket-qua.json").read_text(encoding="utf-8"))["years"]}
    y2025 = years[2025]
    assert (
        y2025["rated"],
        y2025["good_or_better"],
        y2025["good_or_better_percent"],
        y2025["model"],
        y2025["model_percent"],
    ) == (24, 22, 91.7, 5, 20.8)
    rows = list(csv.DictReader(io.StringIO((sample / "du-lieu/ket-qua.csv").read_bytes().decode("utf-8-sig"))))
    rated = [r for r in rows if r["Năm"] == "2025" and r["Mã xếp loại"]]
    assert len(rated) == 24
    assert sum(r["Mã xếp loại"] in ("xuat-sac", "tot") for r in rated) == 22
    assert sum(r["Được công nhận"] == "Có" for r in rated) == 5
    assert {r["Mã chương trình"] for r in rated if r["Được công nhận"] == "Có"} == {"kieu-mau-2022-2025"}
    results = page(sample, "ket-qua/")
    assert [
        "2025",
        "24",
        "0",
        "3 (12,5%)",
        "19 (79,2%)",
        "2 (8,3%)",
        "0 (0,0%)",
        "22 (91,7%)",
        "5 (20,8%)",
    ] in results.rows


def test_roadmap_checks_the_first_year_selection(sample: Path) -> None:
    road = page(sample, KM + "lo-trinh/")
    assert (
        "Năm 2022 — Ban Thường vụ lựa chọn từ 1 đến 2 chi bộ để chỉ đạo thực hiện (mục III.3.3): "
        "đã lựa chọn 2 chi bộ (Chi bộ Khoa Dược, Chi bộ Khoa Khám bệnh): Đạt."
    ) in road.text
    assert [
        "15-01-2026",
        "Tổng kết 4 năm thực hiện Đề án số 02-ĐA/TU Báo cáo tổng kết gửi Ban Thường vụ cấp ủy cấp trên.",
        "Ban Tuyên huấn, Ban Tổ chức Đảng ủy; Văn phòng Đảng ủy",
        "Đã hoàn thành ngày 14-01-2026",
    ] in road.rows


def test_cell_page_shows_the_monthly_forms_as_a_twelve_month_grid(sample: Path) -> None:
    cell = page(sample, "chi-bo/khoa-kham-benh/")
    text = cell.text
    assert (
        "Tự đánh giá hằng tháng năm 2026 Quy định: tiêu chí đạt trong năm khi đạt ít nhất 10 trong 12 tháng; "
        "BT3 phải đạt mọi tháng (năm 2026 tính 11 tháng, từ tháng 2)."
    ) in text
    assert cell.rows[cell.rows.index(["Tiêu chí", *(f"T{m}" for m in range(1, 13)), "Cả năm"]) + 2] == [
        "BT2",
        "·",  # January: before the plan, not counted
        *["✓"] * 4,
        "✗",  # June
        *["✓"] * 6,
        "Đạt",
    ]
    assert "BT2 — Đạt: đạt 10/11 tháng (cần ít nhất 10)." in text
    assert "BT3 — Đạt: đạt 11/11 tháng (phải đạt cả 11 tháng)." in text
    # The year's criteria are the roll-up: the matrix and the results table read them.
    assert ["2026", "✓ Đạt", "✓ Đạt", "✓ Đạt", "✓ Đạt"] in cell.rows


def test_a_programme_without_selection_describes_its_own_steps(sample: Path) -> None:
    road = page(sample, BT + "lo-trinh/")
    assert "Theo mục III.4 của Kế hoạch số 09-KH/ĐU ngày 15-01-2026." in road.text
    assert "Ban Thường vụ lựa chọn" not in road.text
    assert (
        "Chi bộ tự đánh giá hằng tháng theo từng tiêu chí (Đạt / Không đạt); tiêu chí đạt trong năm khi đạt "
        "ít nhất 10 trong 12 tháng, BT3 phải đạt mọi tháng."
    ) in road.text
    assert [
        "2026",
        "tháng 12-2026",
        "Đang diễn ra",
        "11 chi bộ được công nhận “chi bộ bốn tốt”, 21/24 chi bộ hoàn thành tốt nhiệm vụ trở lên",
    ] in road.rows
    plan = page(sample, BT + "ke-hoach/")
    assert plan.text.startswith("Văn bản minh họa Kế hoạch này là văn bản minh họa")
    assert "Số 09-KH/ĐU ĐẢNG CỘNG SẢN VIỆT NAM Hưng Yên, ngày 15 tháng 01 năm 2026 KẾ HOẠCH" in plan.text
    criteria = page(sample, BT + "tieu-chi/")
    assert "Khung tiêu chí “Chi bộ bốn tốt”" in criteria.text
    for text in (road.text, criteria.text):  # (the plan's own text recalls the first programme)
        assert "kiểu mẫu" not in text
