"""Random spreadsheets through ``chibo import``: never a traceback, exit 0 or 1, and the
records are either untouched or valid after the write.

Cells are random text (any Unicode, quotes, separators, line breaks, invisible characters),
numbers, booleans, formulas (saved without a value, as scripts write them) and blanks,
under headers that are mostly the real ones; the sheet is saved as .xlsx (openpyxl), as CSV
in UTF-8, UTF-8 with BOM or UTF-16 with `,` `;` or Tab, or is random bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import tempfile
from pathlib import Path

from chibo.commands import cli
from chibo.records import load_records
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).parent / "import-corpus"
HEADERS = [
    "Mã chi bộ",
    "Tên chi bộ",
    "Xếp loại",
    "ĐV HTXSNV",
    "ĐV HTTNV",
    "ĐV HTNV",
    "ĐV KHTNV",
    "TC1",
    "TC2",
    "BS-1",
    "Kiểu mẫu",
    "Quyết định",
    "Khen thưởng",
    "Ghi chú",
    "STT",
]
WORDS = [
    "khoa-duoc",
    "khoa-noi",
    "khoa-dieu-duong",
    "phong-dao-tao",
    "sinh-vien-y-1",
    "Chi bộ Khoa Dược",
    "Chi bộ Khoa Nội",
    "tot",
    "xuat-sac",
    "hoan-thanh",
    "khong-hoan-thanh",
    "HTTNV",
    "Hoàn thành tốt nhiệm vụ",
    "Đạt",
    "Chưa đạt",
    "Có",
    "Không",
    "x",
    "Quyết định số 5-QĐ/ĐU ngày 18-12-2026",
    "ngày 1-1-2024",
    "0",
    "12",
]
FORMULAS = ["=SUM(A1:A3)", "=1/0", "=A1", "=B2+1", '=IF(C2>3,"tot","xuat-sac")']

cells = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(WORDS),
    st.integers(min_value=-5, max_value=200_000),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.booleans(),
    st.sampled_from(FORMULAS),
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(list(',;\t"\n\r \u00a0\u200b\u202e\ufeff\x07aĐộ')), max_size=20),
)
headers = st.lists(
    st.one_of(st.sampled_from(HEADERS), st.sampled_from(HEADERS), st.text(max_size=12), st.just("")),
    min_size=1,
    max_size=9,
)
sheets = st.fixed_dictionaries(
    {
        "header_row": st.integers(min_value=1, max_value=3),
        "headers": headers,
        "rows": st.lists(st.lists(cells, max_size=10), max_size=8),
        "format": st.sampled_from(["xlsx", "csv-utf-8", "csv-utf-8-sig", "csv-utf-16", "bytes-xlsx", "bytes-csv"]),
        "separator": st.sampled_from([",", ";", "\t"]),
        "write": st.booleans(),
        "noise": st.binary(max_size=300),
    }
)


def snapshot(project: Path) -> dict[str, str]:
    return {
        p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((project / "records").rglob("*"))
        if p.is_file()
    }


def sheet_bytes(sheet: dict) -> tuple[str, bytes]:
    rows = [[None]] * (sheet["header_row"] - 1) + [sheet["headers"]] + sheet["rows"]
    kind = sheet["format"]
    if kind.startswith("bytes-"):
        return kind.removeprefix("bytes-"), sheet["noise"]
    if kind == "xlsx":
        return "xlsx", _xlsx(rows)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sheet["separator"])
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return "csv", out.getvalue().encode(kind.removeprefix("csv-"), errors="surrogatepass")


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    for row in rows:
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=sheets)
def test_random_sheets_never_crash_and_never_half_write(sheet: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(CORPUS / "records", project / "records")
        suffix, data = sheet_bytes(sheet)
        path = project / f"bang-tinh.{suffix}"
        path.write_bytes(data)
        before = snapshot(project)
        args = ["import", str(path), "--year", "2026", "--project", str(project)]
        code = cli.main(args + (["--write"] if sheet["write"] else []))
        assert code in (0, 1)
        event(f"exit {code}, {'write' if sheet['write'] else 'preview'}, {sheet['format']}")
        if code == 1 or not sheet["write"]:
            assert snapshot(project) == before
        else:
            load_records(project)


IDS = ["khoa-duoc", "khoa-noi", "khoa-dieu-duong", "phong-dao-tao", "sinh-vien-y-1"]
rows = st.lists(
    st.tuples(
        st.sampled_from(IDS),
        st.sampled_from(["", "tot", "xuat-sac", "HTNV", "KHTNV", "Hoàn thành tốt nhiệm vụ", "tốt lắm"]),
        st.one_of(st.just(""), st.integers(min_value=0, max_value=30).map(str)),
        st.sampled_from(["", "Đạt", "Chưa đạt", "x"]),
        st.sampled_from(["", "", "Không", "Có"]),
        st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=30),
    ),
    max_size=5,
    unique_by=lambda row: row[0],
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows, separator=st.sampled_from([",", ";", "\t"]))
def test_mostly_valid_sheets_write_valid_records_or_nothing(rows: list[tuple], separator: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(CORPUS / "records", project / "records")
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=separator).writerows(
            [["Mã chi bộ", "Xếp loại", "ĐV HTTNV", "TC1", "Kiểu mẫu", "Ghi chú"], *rows]
        )
        path = project / "ket-qua-2026.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        before = snapshot(project)
        code = cli.main(["import", str(path), "--year", "2026", "--project", str(project), "--write"])
        event(f"exit {code}")
        assert code in (0, 1)
        if code == 1:
            assert snapshot(project) == before
            return
        cells = {c.id: c for c in load_records(project).cells}
        for cell_id, _rating, tot, *_ in rows:
            result = next((r for r in cells[cell_id].results if r.year == 2026), None)
            if tot:
                assert result is not None and result.members is not None and result.members.tot == int(tot)
