"""Broken, hostile and wrong records: each gets its exact lines, never a traceback.

Each case goes into a copy of the mini records (``tests/data/mini``: data date 31-12-2025,
one cell, "Chi bộ Khoa Dược", one programme ``kieu-mau-2022-2025`` of 2022-2025 with a
selection step):

* ``tests/corpus/<case>.yml`` is placed in ``records/chi-bo/``;
* ``tests/corpus/dang-bo/<case>.yml`` takes the place of ``records/dang-bo.yml``;
* ``tests/corpus/chuong-trinh/<case>.yml`` takes the place of the programme's ``chuong-trinh.yml``;
* ``tests/corpus/ho-so/<case>/`` is a tree laid over ``records/`` (cases of several files:
  a second programme, its plan text, a cell naming it).

``<case>.expected`` (beside the case) is what ``chibo validate`` must print: the errors
(exit 1), or the warnings and the summary line (exit 0). Cases that are about the file
system rather than the file's bytes are built in the tests below.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from chibo.commands import cli
from chibo.records import load_records
from conftest import DATA

CORPUS = Path(__file__).parent / "corpus"
PROGRAMME = "records/chuong-trinh/kieu-mau-2022-2025"
CASES = (
    sorted(CORPUS.glob("*.yml"))
    + sorted((CORPUS / "dang-bo").glob("*.yml"))
    + sorted((CORPUS / "chuong-trinh").glob("*.yml"))
    + sorted(p for p in (CORPUS / "ho-so").iterdir() if p.is_dir())
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "mini" / "records", tmp_path / "records")
    return tmp_path


def validate(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    code = cli.main(["validate", str(project), *args])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    return code, out, err, elapsed


def test_the_corpus_covers_the_design_rules() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert expected_file(case).exists(), case.name


def expected_file(case: Path) -> Path:
    """``<case>.expected`` beside the case file or folder."""
    return case.parent / f"{case.stem if case.is_file() else case.name}.expected"


def place(project: Path, case: Path) -> None:
    """Put the case where it belongs: a cell file, the Committee's file, the programme's file,
    or a tree of files over the records."""
    if case.is_dir():
        shutil.copytree(case, project / "records", dirs_exist_ok=True)
    elif case.parent.name == "dang-bo":
        shutil.copy(case, project / "records/dang-bo.yml")
    elif case.parent.name == "chuong-trinh":
        shutil.copy(case, project / PROGRAMME / "chuong-trinh.yml")
    else:
        shutil.copy(case, project / "records/chi-bo" / case.name)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_case(project: Path, case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    place(project, case)
    code, out, err, elapsed = validate(project, capsys)
    if os.environ.get("CHIBO_UPDATE_CORPUS"):  # write today's output (then read the diff before committing)
        expected_file(case).write_text(out, encoding="utf-8")
    expected = expected_file(case).read_text(encoding="utf-8")
    assert out == expected
    assert code == (1 if "lỗi:" in expected else 0)
    assert "Traceback" not in out + err
    assert elapsed < 2.0


def test_accepted_yaml_1_1_words_keep_the_authors_text(project: Path) -> None:
    shutil.copy(CORPUS / "yaml11-no-stays-text.yml", project / "records/chi-bo")
    cell = next(c for c in load_records(project).cells if c.id == "yaml11-no-stays-text")
    assert cell.secretary == "no"


def test_ten_megabyte_file_is_refused_without_reading_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = project / "records/chi-bo/lon.yml"
    with big.open("wb") as out:
        out.write(b"id: lon\nnote: ")
        out.write(b"x" * (10 * 1024 * 1024))
    code, out, _, elapsed = validate(project, capsys)
    assert (code, out) == (1, "records/chi-bo/lon.yml:1:1: lỗi: tệp quá lớn (10240 KiB; tối đa 256 KiB)\n")
    assert elapsed < 2.0


def test_directory_named_like_a_record(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "records/chi-bo/thu-muc.yml").mkdir()
    code, out, _, _ = validate(project, capsys)
    assert (code, out) == (1, "records/chi-bo/thu-muc.yml:1:1: lỗi: không phải tệp thông thường (có thể là thư mục)\n")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_symlink_out_of_records_is_refused(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "bi-mat.yml"
    outside.write_text("id: ngoai\nname: x\ntype: giang-day\n", encoding="utf-8")
    (project / "records/chi-bo/ngoai.yml").symlink_to(outside)
    code, out, _, _ = validate(project, capsys)
    assert (code, out) == (
        1,
        "records/chi-bo/ngoai.yml:1:1: lỗi: liên kết trỏ ra ngoài thư mục records/; hãy chép tệp vào đây\n",
    )


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_symlink_inside_records_is_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "records/goc.yml").write_text("id: lien-ket\nname: Chi bộ\ntype: giang-day\n", encoding="utf-8")
    (project / "records/chi-bo/lien-ket.yml").symlink_to(project / "records/goc.yml")
    code, out, _, _ = validate(project, capsys)
    assert (code, out) == (0, "Hồ sơ hợp lệ: 6 tệp, 2 chi bộ, kết quả năm 2025.\n")


def test_same_id_in_another_case(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "records/chi-bo/Khoa-Duoc.yml").write_text("id: khoa-duoc\nname: x\ntype: giang-day\n", encoding="utf-8")
    if len(list((project / "records/chi-bo").iterdir())) == 1:
        pytest.skip("this file system ignores case: the two names are one file")
    code, out, _, _ = validate(project, capsys)
    assert code == 1
    assert out.splitlines() == [
        "records/chi-bo/Khoa-Duoc.yml:1:5: lỗi: id: mã chi bộ 'khoa-duoc' phải trùng tên tệp 'Khoa-Duoc.yml'",
        "records/chi-bo/khoa-duoc.yml:1:1: lỗi: trùng mã chi bộ với tệp records/chi-bo/Khoa-Duoc.yml "
        "(chỉ khác chữ hoa, chữ thường)",
    ]


def test_other_extensions_are_skipped_with_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "records/chi-bo/khoa-y.yaml").write_text("id: khoa-y\n", encoding="utf-8")
    (project / "records/chi-bo/ghi-chu.txt").write_text("x", encoding="utf-8")
    (project / "records/chi-bo/.DS_Store").write_bytes(b"\x00")
    code, out, err, _ = validate(project, capsys)
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "records/chi-bo/ghi-chu.txt:1:1: cảnh báo: bỏ qua tệp không có đuôi .yml",
        "records/chi-bo/khoa-y.yaml:1:1: cảnh báo: bỏ qua tệp không có đuôi .yml",
        "Hồ sơ hợp lệ: 5 tệp, 1 chi bộ, kết quả năm 2025, 2 cảnh báo.",
    ]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links and pipes need a POSIX file system")
def test_broken_links_loops_and_pipes_never_crash_or_hang(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = project / "records/chi-bo"
    (folder / "hong.yml").symlink_to(folder / "khong-co.yml")
    (folder / "vong-a.yml").symlink_to(folder / "vong-b.yml")
    (folder / "vong-b.yml").symlink_to(folder / "vong-a.yml")
    os.mkfifo(folder / "ong.yml")
    code, out, err, elapsed = validate(project, capsys)
    assert code == 1 and elapsed < 2.0 and "Traceback" not in err
    broken = "lỗi: không đọc được tệp (liên kết hỏng hoặc tệp đã bị xóa)"
    assert out.splitlines() == [
        f"records/chi-bo/hong.yml:1:1: {broken}",
        "records/chi-bo/ong.yml:1:1: lỗi: không phải tệp thông thường (có thể là thư mục)",
        f"records/chi-bo/vong-a.yml:1:1: {broken}",
        f"records/chi-bo/vong-b.yml:1:1: {broken}",
    ]
