"""Two audiences: members read no count that could point at a person; the office reads it all.

The method (report/privacy.py): a cell's member counts are the office's; the Committee's
counts of a year are published with small ones hidden ("ẩn") together with a second one, so
the total gives nothing back; a cell's current count likewise; notes reach members only as
the ``public_note`` the office writes for them, never for a year with a small count. The
proof that nothing can be worked out is tests/test_audit.py; here, each rule and what the
two sides show.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from chibo.records.committee import Privacy
from chibo.records.models import Registration, YearResult
from chibo.report.privacy import HIDDEN, _current_hidden, protect, public_note
from conftest import build_site, copy_project
from htmltext import page

ON, OFF = Privacy(), Privacy(hide_small_counts=False)


def texts(counts: tuple[int, ...], privacy: Privacy = ON) -> tuple[list[str], str]:
    shown, total = protect(counts, sum(counts), privacy)
    return [s.text for s in shown], total.text


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ((32, 238, 24, 1), (["32", "238", HIDDEN, HIDDEN], "295")),  # one small: the smallest other goes with it
        ((2, 13, 1, 1), ([HIDDEN, "13", HIDDEN, HIDDEN], "17")),  # three small: enough on their own
        ((0, 20, 0, 1), (["0", HIDDEN, "0", HIDDEN], "21")),  # the only other non-zero count goes, zeros stay
        ((44, 282, 20, 0), (["44", "282", "20", "0"], "346")),  # nothing small: nothing hidden
        ((1, 1, 0, 0), ([HIDDEN, HIDDEN, "0", "0"], HIDDEN)),  # a small total: hidden with every count
        ((3, 1000, 3, 0), (["3", "1.000", "3", "0"], "1.006")),  # 3 is not below the threshold
    ],
)
def test_small_counts_are_hidden_with_a_second_one(counts: tuple[int, ...], shown: tuple[list[str], str]) -> None:
    assert texts(counts) == shown


def test_the_threshold_and_the_switch() -> None:
    assert texts((32, 238, 4, 1), Privacy(threshold=5)) == (["32", "238", HIDDEN, HIDDEN], "275")
    assert texts((32, 238, 24, 1), OFF) == (["32", "238", "24", "1"], "295")


def test_a_hidden_current_count_gets_a_second_one_in_each_of_its_years() -> None:
    counted = {"a": 2, "b": 6, "c": 9, "d": 12}
    years = {"a": {2024}, "b": {2025}, "c": {2024, 2025}, "d": {2024}}
    # a (2) alone in 2024 would be the year's total minus c and d: c (the smallest of 2024) too;
    # c is then alone in 2025 beside b: b too.
    assert _current_hidden(counted, years, ON) == {"a", "c", "b"}
    assert _current_hidden(counted, years, OFF) == set()
    assert _current_hidden({"a": 20, "b": 6}, {"a": {2025}, "b": {2025}}, ON) == set()


def test_notes_reach_members_only_as_public_notes_and_never_for_a_year_with_a_small_count() -> None:
    event = Registration.model_validate(
        {"date": "2026-01-10", "status": "dang-ky", "year": 2026, "note": "Nội bộ", "public_note": "Công khai"}
    )
    assert public_note(event, ON) == "Công khai"
    assert public_note(event.model_copy(update={"public_note": None}), ON) is None
    small = YearResult.model_validate(
        {"year": 2025, "members": {"tot": 20, "khong-hoan-thanh": 1}, "public_note": "Có 01 đảng viên…"}
    )
    assert public_note(small, ON) is None
    assert public_note(small, OFF) == "Có 01 đảng viên…"
    large = YearResult.model_validate({"year": 2025, "members": {"tot": 20, "hoan-thanh": 3}, "public_note": "Tốt"})
    assert public_note(large, ON) == "Tốt"


# --- what the two sides show, built for real -----------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("sample")))


def test_members_read_the_committee_s_counts_and_no_cell_s(sample: Path) -> None:
    year = page(sample, "ket-qua/2021/")
    # 2021: 34, 250, 21, 1 (one member of Khoa Nội tổng hợp): the 1 hidden with the 21.
    assert ["Đảng viên toàn Đảng bộ", "34", "250", "ẩn", "ẩn", "306"] in year.rows
    assert "không ghi để không lộ danh tính" in year.text
    header = next(row for row in year.rows if row[:2] == ["Chi bộ", "Loại hình"])
    assert header == ["Chi bộ", "Loại hình", "Xếp loại", "Tiêu chí đạt", "Được công nhận"]  # no member counts
    results = page(sample, "ket-qua/")
    assert ["2021", "34", "250", "ẩn", "ẩn", "306"] in results.rows
    cell = page(sample, "chi-bo/khoa-noi-tong-hop/")
    assert "Có 01 đảng viên" not in cell.text and "KHTNV" not in cell.text
    assert "Số đảng viên: 23" in cell.text


def test_the_office_reads_every_count_and_note(sample: Path) -> None:
    year = page(sample, "van-phong/ket-qua/2021/")
    assert ["Toàn Đảng bộ", "34", "250", "21", "1", "306"] in year.rows
    assert any(row[0] == "Chi bộ Khoa Nội tổng hợp" and row[3:7] == ["3", "16", "1", "1"] for row in year.rows)
    assert "Có 01 đảng viên xếp loại không hoàn thành nhiệm vụ." in year.text
    cell = page(sample, "van-phong/chi-bo/khoa-noi-tong-hop/")
    assert "Năm 2021 chi bộ có 01 đảng viên xếp loại không hoàn thành nhiệm vụ" in cell.text
    assert "Khu vực Văn phòng Đảng ủy" in cell.text
    assert ("../../../chi-bo/khoa-noi-tong-hop/", "Trang chung của chi bộ") in cell.links


def test_the_members_search_index_feed_and_downloads_leave_the_office_out(sample: Path) -> None:
    index = json.loads((sample / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("van-phong/")]
    text = json.dumps(index, ensure_ascii=False)
    assert "Có 01 đảng viên" not in text and "Đại hội Chi bộ nhiệm kỳ 2020-2022" in text  # a public note stays
    feed = (sample / "du-lieu/thay-doi.xml").read_text(encoding="utf-8")
    assert "01 đảng viên" not in feed and "van-phong" not in feed
    rows = list(csv.reader(io.StringIO((sample / "du-lieu/ket-qua.csv").read_bytes().decode("utf-8-sig"))))
    assert not [label for label in rows[0] if label.startswith("ĐV ")]
    assert not any("01 đảng viên" in cell for row in rows for cell in row)
    office = list(csv.reader(io.StringIO((sample / "van-phong/du-lieu/ket-qua.csv").read_bytes().decode("utf-8-sig"))))
    assert office[0][5:9] == ["ĐV HTXSNV", "ĐV HTTNV", "ĐV HTNV", "ĐV KHTNV"]
    assert any("Có 01 đảng viên" in cell for row in office for cell in row)
    assert not list(sample.glob("*/**/*.docx")) or all("van-phong" in p.parts for p in sample.rglob("*.docx"))
    sitemap = sample / "sitemap.xml"
    assert not sitemap.exists()  # the site has none (README): nothing of the office listed


def test_the_switch_shows_the_committee_s_small_counts_but_never_a_cell_s(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    committee = project / "records/dang-bo.yml"
    committee.write_text(
        committee.read_text(encoding="utf-8").replace(
            "sample: true\n", "sample: true\nprivacy:\n  hide_small_counts: false\n"
        ),
        encoding="utf-8",
    )
    site = build_site(project)
    assert ["Đảng viên toàn Đảng bộ", "34", "250", "21", "1", "306"] in page(site, "ket-qua/2021/").rows
    assert "KHTNV" not in " ".join(" ".join(r) for r in page(site, "chi-bo/khoa-noi-tong-hop/").rows)


def test_no_members_page_links_into_the_office_area(sample: Path) -> None:
    """Only the documents' former addresses lead there (they are where the documents were)."""
    import posixpath
    import re

    from chibo.output import sources

    for path in sample.rglob("*.html"):
        name = path.relative_to(sample).as_posix()
        if name.startswith("van-phong/") or sources.moved(name):
            continue
        here = posixpath.dirname(name)
        for href in re.findall(r'href="([^"#?]+)', path.read_text(encoding="utf-8")):
            target = posixpath.normpath(posixpath.join(here, href))
            assert not target.startswith("van-phong") and not href.endswith(".docx"), (name, href)
    moved = (sample / "chi-bo/khoa-duoc/dang-ky/index.html").read_text(encoding="utf-8")
    assert "../../../van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/dang-ky/" in moved


def test_documents_state_the_true_counts(sample: Path) -> None:
    """The office's documents (signed and sent to the superior body) state the true figures:
    the members' pages are the ones that protect them."""
    from docx import Document

    doc = Document(str(sample / "van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx"))
    results = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert ["2019", "Hoàn thành tốt nhiệm vụ", "2", "13", "1", "0"] in results
    proposal = Document(str(sample / "van-phong/ket-qua/2022/de-xuat-2022.docx"))
    reasons = " ".join(c.text for table in proposal.tables for row in table.rows for c in row.cells)
    assert "Năm 2021 có 1 đảng viên không hoàn thành nhiệm vụ." in reasons
    assert "dưới 3" not in reasons and "< 3" not in reasons and "ẩn" not in reasons.split()
