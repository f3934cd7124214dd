"""``chibo init``, ``chibo new programme`` and ``chibo new`` on a new committee's project:
a clean folder → a project that validates, summarizes and speaks none of the sample's plan."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from chibo.commands import cli
from chibo.records import load_records
from chibo.report import summarize
from conftest import ROOT, build_site
from htmltext import page

COMMITTEE = "Đảng bộ Bệnh viện Đa khoa tỉnh"
# What the code and a new committee's project must not say (the sample's committee and plan).
SAMPLE_WORDS = ("183-KH", "Thái Bình", "Y Dược", "5 tốt", "III.3", "kiểu mẫu", "Kiểu mẫu")
CELLS = (
    ("khoa-noi", "Chi bộ Khoa Nội"),
    ("khoa-ngoai", "Chi bộ Khoa Ngoại"),
    ("phong-ke-hoach", "Chi bộ Phòng Kế hoạch tổng hợp"),
)


def init(out: Path, *more: str) -> int:
    return cli.main(["init", str(out), "--committee", COMMITTEE, "--as-of", "2026-12-01", *more])


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "benh-vien"
    args = ("--kind", "bon-tot", "--start", "2026", "--end", "2030", "--programme", "bon-tot-2026-2030")
    assert init(out, *args, "--name", "Xây dựng chi bộ bốn tốt giai đoạn 2026-2030") == 0
    capsys.readouterr()
    return out


def test_a_new_committee_from_a_clean_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("mkdocs.yml", "pyproject.toml", "requirements.lock", "README.md", "hooks/chibo_hooks.py"):
        assert (project / name).is_file(), name
    assert (project / "docs/robots.txt").read_text(encoding="utf-8") == (ROOT / "docs/robots.txt").read_text(
        encoding="utf-8"
    )
    assert (project / "docs/assets/chibo.css").is_file()
    assert not (project / "docs/mau").exists()  # the sample's sheets stay the sample's
    assert sorted(p.name for p in (project / "records/chi-bo").iterdir()) == [".gitkeep"]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'site_name: "{COMMITTEE}"' in config.splitlines()
    assert "hooks/chibo_hooks.py" in config
    for cell_id, name in CELLS:
        assert cli.main(["new", cell_id, "--name", name, "--type", "chi-bo", "--project", str(project)]) == 0
    capsys.readouterr()
    assert cli.main(["validate", str(project)]) == 0
    assert capsys.readouterr().out == "Hồ sơ hợp lệ: 7 tệp, 3 chi bộ, kết quả chưa có.\n"
    report = summarize(load_records(project))
    assert [p.records.id for p in report.current] == ["bon-tot-2026-2030"]
    assert report.finished == ()
    assert [c.cell.id for c in report.cells] == ["khoa-ngoai", "khoa-noi", "phong-ke-hoach"]
    # What the home page needs to say what to fill first.
    assert report.committee.placeholder
    assert report.current[0].records.programme.placeholder
    assert report.current[0].records.book.draft


def test_a_new_committee_builds_strict_and_speaks_only_of_itself(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Built as the office will (``--strict``: a warning fails it), with three cells: no page
    names the sample's committee or plan; record strings with ``[ĐIỀN: …]`` (a colon) do not
    break a page's front matter."""
    for cell_id, name in CELLS:
        assert cli.main(["new", cell_id, "--name", name, "--type", "chi-bo", "--project", str(project)]) == 0
    site = build_site(project)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not [word for word in SAMPLE_WORDS if word in text], path
        assert "<p>title: " not in text, path  # front matter left as text
    assert COMMITTEE in (site / "index.html").read_text(encoding="utf-8")
    # The home page says what to fill first: the committee's blanks, the programme's plan with
    # the anchors its pages cite, its criteria; the cells exist, so no line asks for them.
    home = page(site, "").text
    todo = home[home.index("Việc cần làm trước") : home.index("Chương trình đang thực hiện")]
    assert 'records/dang-bo.yml: các chỗ ghi "[ĐIỀN: …]" (Đảng bộ cấp trên, cấp ủy cấp trên, địa danh)' in todo
    assert "thư mục records/chuong-trinh/bon-tot-2026-2030/" in todo
    assert "giữ các neo { #tieu-chi }, { #dang-ky }" in todo
    assert "tieu-chi.yml: khung tiêu chí (đang là bản dự thảo: draft: true)" in todo
    assert "chibo new" not in todo


def test_the_new_project_names_nothing_of_the_sample(project: Path) -> None:
    texts = [p for p in project.rglob("*") if p.is_file() and "hooks" not in p.parts and p.suffix != ".lock"]
    assert len(texts) > 10
    for path in texts:
        if path.suffix in (".yml", ".md", ".json", ".txt", ".toml", ".in"):
            text = path.read_text(encoding="utf-8")
            found = [word for word in SAMPLE_WORDS if word in text and path.name != "pyproject.toml"]
            assert not found, (path, found)


def test_skeleton_says_what_to_fill(project: Path) -> None:
    committee = (project / "records/dang-bo.yml").read_text(encoding="utf-8")
    assert 'superior: "[ĐIỀN: Đảng bộ cấp trên]"' in committee
    assert 'place: "[ĐIỀN: địa danh]"' in committee
    assert (
        f'  - from: 2026-01-01\n    name: "{COMMITTEE}"\n    committee: "Đảng ủy Bệnh viện Đa khoa tỉnh"' in committee
    )
    folder = project / "records/chuong-trinh/bon-tot-2026-2030"
    plan = (folder / "ke-hoach.md").read_text(encoding="utf-8")
    anchors = ["tieu-chi", "dang-ky", "tu-danh-gia", "cong-nhan", "chi-tieu", "lo-trinh", "to-chuc-thuc-hien"]
    for anchor in anchors:  # listed for the office, and present after a heading
        assert f"`{{ #{anchor} }}`" in plan
        assert f" {{ #{anchor} }}\n" in plan
    records = load_records(project)
    programme = records.programme("bon-tot-2026-2030").programme
    assert {name: (s.number, s.anchor) for name, s in programme.sections if s is not None} == {
        "criteria": ("II", "tieu-chi"),
        "registration": ("III", "dang-ky"),
        "self_check": ("IV", "tu-danh-gia"),
        "recognition": ("V", "cong-nhan"),
        "targets": ("VI", "chi-tieu"),
        "roadmap": ("VII", "lo-trinh"),
        "organisation": ("VIII", "to-chuc-thuc-hien"),
    }
    assert programme.monthly is not None and programme.monthly.months == 10
    assert not programme.workflow.selection
    assert programme.period.start == 2026 and programme.period.end == 2030
    assert programme.plan.number == "[ĐIỀN: số]-KH/ĐU" and not programme.plan.signed


def test_the_project_runs_its_own_copy_of_the_code(project: Path) -> None:
    """The project does not need this checkout: its own hooks/ validate it."""
    done = subprocess.run(
        [sys.executable, "-m", "chibo", "validate"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=project,
        env=dict(os.environ, PYTHONPATH=str(project / "hooks"), PYTHONUTF8="1"),
    )
    assert (done.returncode, done.stdout) == (0, "Hồ sơ hợp lệ: 4 tệp, 0 chi bộ, kết quả chưa có.\n")


def test_init_refuses_a_folder_in_use_and_leaves_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "du-an"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("của người khác", encoding="utf-8")
    assert init(out) == 1
    assert capsys.readouterr().err == f"lỗi: {out} đã có và không trống; chọn một thư mục mới\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["du-an"]
    assert sorted(p.name for p in out.iterdir()) == ["ghi-chu.txt"]


def test_init_into_an_empty_folder_with_defaults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "trong"
    out.mkdir()
    assert init(out, "--no-monthly") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trong"]  # no temporary folder left
    records = load_records(out)
    (programme,) = records.programmes
    assert programme.id == "chuong-trinh-2026-2030"
    assert programme.programme.monthly is None
    assert "tu-danh-gia" not in programme.plan


def test_init_refuses_a_hidden_character_in_the_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["init", str(tmp_path / "x"), "--committee", "Đảng bộ\u200b Bệnh viện"]) == 1
    assert capsys.readouterr().err.startswith("lỗi: tên Đảng bộ: ")
    assert not (tmp_path / "x").exists()


def test_as_of_defaults_to_the_day_of_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: dt.date(2027, 3, 5))
    assert cli.main(["init", str(tmp_path / "x"), "--committee", COMMITTEE]) == 0
    records = load_records(tmp_path / "x")
    assert records.committee.as_of == dt.date(2027, 3, 5)
    (programme,) = records.programmes
    assert (programme.id, programme.programme.period.start, programme.programme.period.end) == (
        "chuong-trinh-2027-2031",
        2027,
        2031,
    )


# --- chibo new programme -------------------------------------------------------------------


def new_programme(project: Path, *args: str) -> int:
    return cli.main(["new", "programme", *args, "--project", str(project)])


def test_new_programme_next_to_the_first(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--kind", "tieu-bieu", "--start", "2027", "--end", "2031", "--name", "Xây dựng chi bộ tiêu biểu")
    assert new_programme(project, "tieu-bieu-2027-2031", *args, "--no-monthly") == 0
    assert "Đã tạo" in capsys.readouterr().out
    records = load_records(project)
    assert [p.id for p in records.programmes] == ["bon-tot-2026-2030", "tieu-bieu-2027-2031"]
    added = records.programme("tieu-bieu-2027-2031").programme
    assert added.kind == "tieu-bieu" and added.short_name == "Xây dựng chi bộ tiêu biểu" and added.monthly is None
    # the same command spelled in Vietnamese
    args = ("--kind", "vung-manh", "--start", "2026", "--end", "2026", "--name", "Chi bộ vững mạnh 2026")
    assert cli.main(["new", "chuong-trinh", "vung-manh-2026", *args, "--project", str(project)]) == 0


def test_new_programme_refuses_an_overlap_of_its_kind(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--kind", "bon-tot", "--start", "2028", "--end", "2032", "--name", "Bốn tốt lần hai")
    assert new_programme(project, "bon-tot-2028", *args) == 1
    assert capsys.readouterr().err == (
        "Chưa tạo chương trình mới vì nó có lỗi:\n"
        "records/chuong-trinh/bon-tot-2028/chuong-trinh.yml:20:10: lỗi: period.start: chương trình loại 'bon-tot' "
        "trùng thời gian với chương trình 'bon-tot-2026-2030' (2026–2030); hai chương trình cùng loại không chạy "
        "cùng năm\n"
    )
    assert not (project / "records/chuong-trinh/bon-tot-2028").exists()
    assert [p.name for p in (project / "records/chuong-trinh").iterdir()] == ["bon-tot-2026-2030"]


@pytest.mark.parametrize(
    ("programme", "args", "message"),
    [
        ("Bon-Tot", ("--start", "2027", "--end", "2028"), "mã chương trình 'Bon-Tot' không hợp lệ"),
        ("bon-tot-2026-2030", ("--start", "2031", "--end", "2032"), "đã có chương trình mã 'bon-tot-2026-2030'"),
        ("moi", ("--start", "2029", "--end", "2027"), "giai đoạn 2029–2027 không hợp lệ"),
    ],
)
def test_new_programme_refuses(
    project: Path, capsys: pytest.CaptureFixture[str], programme: str, args: tuple[str, ...], message: str
) -> None:
    assert new_programme(project, programme, "--kind", "khac", "--name", "Khác", *args) == 1
    assert capsys.readouterr().err.startswith(f"lỗi: {message}")


def test_new_cell_without_type_when_there_is_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "khoa-nhi", "--name", "Chi bộ Khoa Nhi", "--project", str(project)]) == 0
    assert "type: chi-bo  # loại hình: chi-bo" in (project / "records/chi-bo/khoa-nhi.yml").read_text(encoding="utf-8")
    committee = project / "records/dang-bo.yml"
    text = committee.read_text(encoding="utf-8").replace(
        "  # - id: sinh-vien\n  #   name: Chi bộ sinh viên\n  #   short_name: Sinh viên\n",
        "  - id: sinh-vien\n    name: Chi bộ sinh viên\n    short_name: Sinh viên\n",
    )
    committee.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["new", "sv-y", "--name", "Chi bộ Sinh viên Y", "--project", str(project)]) == 1
    assert capsys.readouterr().err == "lỗi: cần --type: mã loại hình, một trong: chi-bo, sinh-vien\n"


def test_new_cell_speaks_the_running_programme(project: Path) -> None:
    assert (
        cli.main(["new", "khoa-noi", "--name", "Chi bộ Khoa Nội", "--type", "chi-bo", "--project", str(project)]) == 0
    )
    text = (project / "records/chi-bo/khoa-noi.yml").read_text(encoding="utf-8")
    assert "# Sự kiện đăng ký (Xây dựng chi bộ bốn tốt giai đoạn 2026-2030), theo thứ tự ngày;" in text
    assert "#       2026-01: {tc1: dat, tc2: dat, tc3: dat}" in text  # monthly forms, not the year's criteria
    assert "#     criteria:" not in text
    assert "#     model: false  # true khi được công nhận chi bộ đạt chuẩn năm đó" in text


def test_no_sample_words_in_the_commands() -> None:
    """The commands (and the templates they write) name nothing of the sample's committee or plan."""
    for path in sorted((ROOT / "hooks/chibo/commands").iterdir()):
        if path.is_file() and path.suffix in (".py", ".j2"):
            text = path.read_text(encoding="utf-8")
            assert not [word for word in SAMPLE_WORDS if word in text], path


# --- chibo demo ------------------------------------------------------------------------------


def test_demo_has_two_programmes_and_no_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The benchmark's project: a finished programme with a selection step, a current one with
    monthly forms; every rule kept (no warning), nothing of the sample."""
    assert cli.main(["demo", "--cells", "40", "--out", str(tmp_path / "demo")]) == 0
    capsys.readouterr()
    assert cli.main(["validate", str(tmp_path / "demo")]) == 0
    assert capsys.readouterr().out == "Hồ sơ hợp lệ: 47 tệp, 40 chi bộ, kết quả các năm 2019–2026.\n"
    records = load_records(tmp_path / "demo")
    report = summarize(records)
    (finished,), (current,) = report.finished, report.current
    assert finished.records.programme.workflow.selection and finished.records.programme.monthly is None
    assert current.records.programme.monthly is not None and not current.records.programme.workflow.selection
    cells = records.cells
    assert any(e.status == "lua-chon" for c in cells for e in c.registration)
    assert any(r.model and r.year <= 2025 for c in cells for r in c.results)
    assert any(r.model and r.year == 2026 and r.monthly for c in cells for r in c.results)
    assert all(r.monthly and not r.criteria for c in cells for r in c.results if r.year == 2026)
    config = (tmp_path / "demo/mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "Đảng bộ Trường Đại học Minh Họa"' in config.splitlines()
    for path in (tmp_path / "demo/records").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert not [word for word in SAMPLE_WORDS if word in text], path
