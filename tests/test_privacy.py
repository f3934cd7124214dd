"""Privacy of small numbers: member counts that could point at a person are not published.

"1 đảng viên không hoàn thành nhiệm vụ" in a cell of 11 names someone. With the option on
(the default), such a count shows as "< 3" on pages, in downloads and in documents; when it
is the only one hidden in its row, the smallest other count shows as "ẩn" so that the total
does not give it away. Cell ratings and the Committee's figures stay as they are.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from chibo.records.committee import Privacy
from chibo.report.privacy import count_phrase, mask
from conftest import build_site, copy_project
from docx import Document
from htmltext import page

ON, OFF = Privacy(), Privacy(hide_small_counts=False)


def texts(counts: tuple[int, ...], privacy: Privacy = ON) -> list[str]:
    return [s.text for s in mask(counts, privacy)]


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ((3, 14, 0, 1), ["3", "14", "ẩn", "< 3"]),  # one hidden: the smallest other (0) is hidden too
        ((1, 10, 1, 0), ["< 3", "10", "< 3", "0"]),  # two hidden: neither can be worked out
        ((2, 8, 0, 0), ["< 3", "8", "ẩn", "0"]),
        ((5, 21, 0, 0), ["5", "21", "0", "0"]),  # nothing small: nothing hidden
        ((0, 2, 0, 0), ["0", "2", "0", "0"]),  # the largest is never hidden
        ((4, 12, 3, 0), ["4", "12", "3", "0"]),  # 3 is not below the threshold
    ],
)
def test_counts_below_the_threshold_are_hidden(counts: tuple[int, ...], shown: list[str]) -> None:
    assert texts(counts) == shown
    assert [s.value for s in mask(counts, ON)] == [int(t) if t.isdigit() else None for t in shown]


def test_the_threshold_and_the_switch() -> None:
    assert texts((3, 14, 0, 1), Privacy(threshold=5)) == ["< 5", "14", "0", "< 5"]  # two hidden: enough
    assert texts((3, 14, 0, 1), OFF) == ["3", "14", "0", "1"]
    assert count_phrase(1, ON) == "dưới 3" and count_phrase(1, OFF) == "1" and count_phrase(4, ON) == "4"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    hidden = build_site(copy_project(tmp_path_factory.mktemp("on")))
    project = copy_project(tmp_path_factory.mktemp("off"))
    committee = project / "records/dang-bo.yml"
    committee.write_text(
        committee.read_text(encoding="utf-8").replace(
            "sample: true\n", "sample: true\nprivacy:\n  hide_small_counts: false\n"
        ),
        encoding="utf-8",
    )
    return hidden, build_site(project)


def test_pages_hide_small_counts(sites: tuple[Path, Path]) -> None:
    hidden, shown = sites
    # Chi bộ Khoa Khám bệnh, 2024: 3 HTXSNV, 22 HTTNV, 1 HTNV, 0 KHTNV.
    assert ["2024", "Hoàn thành tốt nhiệm vụ", "3", "22", "< 3", "ẩn", "5/6 (chưa đạt: BS-1)", "–"] in page(
        hidden, "chi-bo/khoa-kham-benh/"
    ).rows
    assert ["2024", "Hoàn thành tốt nhiệm vụ", "3", "22", "1", "0", "5/6 (chưa đạt: BS-1)", "–"] in page(
        shown, "chi-bo/khoa-kham-benh/"
    ).rows
    year = page(hidden, "ket-qua/2024/")
    assert any(row[0] == "Chi bộ Khoa Khám bệnh" and row[3:7] == ["3", "22", "< 3", "ẩn"] for row in year.rows)
    assert (
        '"< 3": từ 1 đến 2 đảng viên, không ghi số để không lộ danh tính; "ẩn": số được ẩn theo để không suy ra số đó.'
    ) in year.text
    assert "không lộ danh tính" not in page(shown, "ket-qua/2024/").text


def test_downloads_hide_small_counts_but_not_the_committee_figures(sites: tuple[Path, Path]) -> None:
    hidden, shown = sites
    rows = list(csv.DictReader(io.StringIO((hidden / "du-lieu/ket-qua.csv").read_bytes().decode("utf-8-sig"))))
    row = next(r for r in rows if r["Mã chi bộ"] == "khoa-kham-benh" and r["Năm"] == "2024")
    assert (row["ĐV HTXSNV"], row["ĐV HTTNV"], row["ĐV HTNV"], row["ĐV KHTNV"]) == ("3", "22", "< 3", "ẩn")
    assert row["Mã xếp loại"] == "tot"  # the cell's own rating stays
    assert (hidden / "du-lieu/ket-qua.json").read_bytes() == (shown / "du-lieu/ket-qua.json").read_bytes()
    assert "< 3" not in json.dumps(json.loads((hidden / "du-lieu/chi-bo.json").read_text(encoding="utf-8")))


def test_documents_state_the_true_counts(sites: tuple[Path, Path]) -> None:
    """The office's documents (signed and sent to the superior body) state the true figures,
    whatever the option: the members' pages are the ones that protect them."""
    hidden, _ = sites
    doc = Document(str(hidden / "chi-bo/khoa-duoc/dang-ky-2022.docx"))
    results = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert ["2019", "Hoàn thành tốt nhiệm vụ", "2", "13", "1", "0"] in results
    proposal = Document(str(hidden / "ket-qua/2022/de-xuat-2022.docx"))
    reasons = " ".join(c.text for table in proposal.tables for row in table.rows for c in row.cells)
    assert "Năm 2021 có 1 đảng viên không hoàn thành nhiệm vụ." in reasons
    assert "dưới 3" not in reasons and "< 3" not in reasons
