"""The members' side proven by the auditor (tests/auditor/): on the sample, on hostile records
and on a 1,000-cell demo, nothing a member reads pins a small count, shows one, or carries a
note the office keeps; and with the protection broken once, the auditor fails.

The auditor reads the built site as a member would (every page, the search index, the
downloads, the feed, the calendar), turns each number about members into a linear
statement on the true counts, and bounds every hidden value by linear programming
(SciPy's linprog, HiGHS).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from auditor import Auditor, Findings, Ranges, Statement, Truth, read_html, truth_of
from conftest import build_site, copy_project


def audit(project: Path, site: Path) -> Findings:
    return Auditor(site, truth_of(project)).audit()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("sample"))
    return project, build_site(project)


def test_the_sample_holds(sample: tuple[Path, Path]) -> None:
    found = audit(*sample)
    assert found.problems == []
    # It read what it must: the Committee's counts of every year on pages and in downloads,
    # each cell's current count, the verdicts of the selection conditions.
    assert found.statements > 300
    assert found.hidden > 200  # every count from 1 to 2 of every cell and year, and what is shown "ẩn"
    assert found.smallest is not None and found.smallest[0] >= 1
    hidden = [name for name in found.ranges if name.startswith("hidden at ket-qua/2020/")]
    assert hidden and all(found.ranges[n][1] - found.ranges[n][0] >= 1 for n in hidden)


HOSTILE = {
    # Two members: every count of the cell is small, its current count too; a public note
    # about one of them (it must not reach members: the year has a small count).
    "hostile-hai-dang-vien": """id: hostile-hai-dang-vien
name: "Chi bộ <b>Hai</b> đảng viên"
type: hanh-chinh
members: 2
results:
  - year: 2024
    rating: tot
    members: {tot: 2}
    public_note: "Có 01 đảng viên bị kỷ luật <script>alert(1)</script>"
""",
    # The one member of 2024 rated KHTNV in the whole Committee, named in its notes; the cell
    # registers for 2025 in a programme that selects, so its page says the 2024 condition failed.
    "hostile-mot-khtnv": """id: hostile-mot-khtnv
name: Chi bộ Một KHTNV
type: sinh-vien
registration:
  - {date: 2025-01-10, status: dang-ky, year: 2025}
results:
  - year: 2024
    rating: khong-hoan-thanh
    members: {tot: 5, khong-hoan-thanh: 1}
    note: Có 01 đảng viên bị kỷ luật, xếp loại không hoàn thành nhiệm vụ.
    public_note: Đồng chí Nguyễn Văn Ất không hoàn thành nhiệm vụ năm 2024.
""",
    # A year only this cell rated: the Committee's counts and total of 2018 are its own, all small.
    "hostile-nam-2018": """id: hostile-nam-2018
name: Chi bộ Năm 2018
type: giang-day
results:
  - year: 2018
    rating: tot
    members: {xuat-sac: 1, tot: 1}
  - year: 2019
    rating: tot
    members: {tot: 11, hoan-thanh: 1}
    public_note: Ghi chú công khai của một năm có số nhỏ.
""",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for name, text in HOSTILE.items():
        (project / "records" / "chi-bo" / f"{name}.yml").write_text(text, encoding="utf-8")
    return project, build_site(project)


def test_hostile_records_hold(hostile: tuple[Path, Path]) -> None:
    project, site = hostile
    found = audit(project, site)
    assert found.problems == []
    names = set(found.ranges)
    assert "cur(hostile-hai-dang-vien)" in names and "committee(2018, None)" in names
    assert "x('hostile-mot-khtnv', 2024, 3)" in names
    low, high = found.ranges["x('hostile-mot-khtnv', 2024, 3)"]
    assert low == 1 and high >= 2  # the page says someone failed; not how many
    year = (site / "ket-qua/2018/index.html").read_text(encoding="utf-8")
    assert 'Đảng viên toàn Đảng bộ</td><td class="chibo-align-right">ẩn' in year
    office = (site / "van-phong/chi-bo/hostile-mot-khtnv/index.html").read_text(encoding="utf-8")
    assert "Đồng chí Nguyễn Văn Ất" in office and "Có 01 đảng viên bị kỷ luật" in office


def test_a_thousand_cells_hold(tmp_path_factory: pytest.TempPathFactory) -> None:
    from chibo.commands.demo import write_demo

    project = write_demo(tmp_path_factory.mktemp("demo") / "demo", 1000)
    site = build_site(project)
    found = audit(project, site)
    assert found.problems == []
    assert found.hidden > 5000 and found.smallest is not None and found.smallest[0] >= 1
    shutil.rmtree(project)


# --- with the protection broken, the auditor fails ----------------------------------------------


def test_no_complement_lets_the_total_give_a_count_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hiding a small count alone: the year's total minus the others gives it back."""
    from chibo.report import privacy

    monkeypatch.setattr(
        privacy,
        "protect",
        lambda counts, total, p: (
            tuple(privacy.Shown.of(v, privacy.is_small(v, p)) for v in counts),
            privacy.Shown.of(total, False),
        ),
    )
    project = copy_project(tmp_path)
    found = audit(project, build_site(project))
    assert "committee(2020, 3) can be worked out: its only possible value is 1" in found.problems
    assert any(p.startswith("hidden at ket-qua/2021/index.html") for p in found.problems)


def test_a_cell_s_counts_on_the_members_pages_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template that shows the office's table of a cell's results to members."""
    from chibo.output import render

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    results = templates / "cell-results.html.j2"
    results.write_text(results.read_text(encoding="utf-8").replace("audience.office", "true"), encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", templates)
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    found = audit(project, build_site(project))
    assert any(p.startswith("a member count of 1 is shown: chi-bo/khoa-kham-benh/index.html") for p in found.problems)


def test_a_row_total_published_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell's total of a year on its members' page (the office's timeline) is read as one:
    and together with the old masking of the counts ("< 3" beside the total) it pins them."""
    from chibo.output import render

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    timeline = templates / "timeline.html.j2"
    timeline.write_text(
        timeline.read_text(encoding="utf-8").replace(
            "audience.office and entry.result.members", "entry.result.members"
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(render, "TEMPLATES", templates)
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    site = build_site(project)
    truth = truth_of(project)
    auditor = Auditor(site, truth)
    auditor.collect()
    totals = [s for s in auditor.statements if s.where.startswith("chi-bo/khoa-noi-tong-hop/") and len(s.terms) == 4]
    assert any(s.value == 21 for s in totals)  # "(21 đảng viên)" in 2021
    # The old way: the small ones as "< 3" in the same row as that total: 3, 16, < 3, < 3 of 21.
    masked = [Statement({("x", "khoa-noi-tong-hop", 2021, r): 1.0}, 1, 2, "old", hidden=True) for r in (2, 3)]
    shown = [
        Statement({("x", "khoa-noi-tong-hop", 2021, r): 1.0}, v, v, "old", shown=True) for r, v in ((0, 3), (1, 16))
    ]
    ranges = Ranges(auditor.statements + masked + shown, truth)
    assert ranges.range({("x", "khoa-noi-tong-hop", 2021, 3): 1.0}) == (1, 1)  # the one who failed


def test_an_office_note_on_the_members_side_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chibo.output import audience

    monkeypatch.setattr(audience, "public_note", lambda entry, privacy: entry.note or entry.public_note)
    project = copy_project(tmp_path)
    found = audit(project, build_site(project))
    assert any("Có 01 đảng viên bị kỷ luật" in p and "chi-bo/khoa-xet-nghiem/" in p for p in found.problems)
    assert any("thay-doi.xml" in p for p in found.problems)  # the feed carries registration notes


# --- the auditor's own parts ---------------------------------------------------------------------


def test_a_two_row_table_head_is_read_column_by_column() -> None:
    html = """<table><thead>
<tr><th rowspan="2">Năm</th><th colspan="4">Số đảng viên</th><th rowspan="2">Kiểu mẫu</th></tr>
<tr><th>HTXSNV</th><th>HTTNV</th><th>HTNV</th><th>KHTNV</th></tr>
</thead><tbody><tr><td>2024</td><td>3</td><td>22</td><td>1</td><td>0</td><td>–</td></tr></tbody></table>"""
    table = read_html(html).tables[0]
    assert table.labels() == [
        "Năm",
        "Số đảng viên HTXSNV",
        "Số đảng viên HTTNV",
        "Số đảng viên HTNV",
        "Số đảng viên KHTNV",
        "Kiểu mẫu",
    ]


def test_ranges_are_exact_and_see_through_interchangeable_cells() -> None:
    """Two identical cells of 10 with one HTNV between them; the pair's sums published."""
    x = {
        ("x", c, 2024, r): v for c, counts in (("a", (0, 9, 1, 0)), ("b", (0, 10, 0, 0))) for r, v in enumerate(counts)
    }
    truth = Truth(x, {}, {}, {"a": "t", "b": "t"}, {}, {}, [], 3)
    statements = [Statement(truth.total(c, 2024), 10, 10, "total") for c in "ab"]
    statements += [Statement(truth.committee(2024, r), v, v, "sum") for r, v in enumerate((0, 19, 1, 0))]
    ranges = Ranges(statements, truth)
    assert ranges.range({("x", "a", 2024, 2): 1.0}) == (0, 1)  # a or b: not known which
    statements.append(Statement({("x", "b", 2024, 2): 1.0}, 0, 0, "b has none"))
    assert Ranges(statements, truth).range({("x", "a", 2024, 2): 1.0}) == (1, 1)


def test_the_import_templates_hold_no_real_cell(sample: tuple[Path, Path]) -> None:
    """The blank sheets on the Data page (and at their former address): headers and an example
    row, no real cell, no small count."""
    _, site = sample
    for path in (site / "du-lieu/mau/bon-tot-2026-2030/ket-qua-2026.csv", site / "mau/ket-qua-2026.csv"):
        text = path.read_bytes().decode("utf-8-sig")
        assert text.splitlines()[1].startswith("vi-du,VÍ DỤ - XÓA DÒNG NÀY TRƯỚC KHI NHẬP,")
        assert len(text.splitlines()) == 2
        assert text.splitlines()[0].split(",")[8:12] == ["BT1", "BT2", "BT3", "BT4"]
