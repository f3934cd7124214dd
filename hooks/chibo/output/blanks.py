"""Import templates of a programme: the spreadsheets ``chibo import`` reads, made from the
programme's own criteria (one column per criterion, headed by its id in capitals).

* ``ket-qua-<năm>``: the year's results, one row per cell (rating, score, member ratings,
  each criterion Đạt / Chưa đạt, recognition, decision, award, note);
* ``tu-danh-gia-<năm>`` (a programme with monthly self-assessment): one row per cell and
  month, "Tháng" then each criterion. A row per cell and month rather than a column per
  month: the office adds the month's forms as they arrive, twelve times a year, under the
  same header; a sheet a column per month and criterion would be 12 × n columns wide and
  grow sideways. The same file may hold one month or the whole year.

Each comes as ``.xlsx`` and ``.csv`` (UTF-8 with BOM, as Excel reads it), with the header and
one example row that the importer refuses (its id ``vi-du`` is no cell): the office deletes
it. The year is in the file name, as the importer checks it. The bytes depend on the records
only (``as_of`` stamps the workbook). The site publishes them (``output``); nothing here
names a programme of the sample.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from ..output.spreadsheets import workbook
from ..output.tables import Column, Table
from ..records.programmes import ProgrammeRecords
from ..vocab import RATING_LABELS

EXAMPLE_ID = "vi-du"
EXAMPLE_NAME = "VÍ DỤ - XÓA DÒNG NÀY TRƯỚC KHI NHẬP"
EXAMPLE_NOTE = "Dòng mẫu cho biết cách ghi; điền vào một bản sao của tệp này, để ngoài thư mục dự án"
YEAR_COLUMNS = (
    Column("Mã chi bộ"),
    Column("Tên chi bộ"),
    Column("Xếp loại"),
    Column("Điểm", "number"),
    Column("ĐV HTXSNV", "number"),
    Column("ĐV HTTNV", "number"),
    Column("ĐV HTNV", "number"),
    Column("ĐV KHTNV", "number"),
)
YEAR_AFTER = (Column("Công nhận"), Column("Quyết định"), Column("Khen thưởng"), Column("Ghi chú"))


@dataclass(frozen=True)
class ImportTemplate:
    """One template file: its name (``ket-qua-2026.xlsx``), what it is for, and its bytes."""

    name: str
    title: str
    data: bytes


def year_table(programme: ProgrammeRecords, year: int) -> Table:
    """The results sheet of ``year``: the committee's columns, then the programme's criteria."""
    criteria = [c.id for c in programme.book.criteria]
    marks = ["Đạt"] * len(criteria)
    if marks:
        marks[-1] = "Chưa đạt"
    columns = (*YEAR_COLUMNS, *(Column(c.upper()) for c in criteria), *YEAR_AFTER)
    example = (EXAMPLE_ID, EXAMPLE_NAME, RATING_LABELS["tot"], 78, 3, 15, 4, 0, *marks, "Không", "", "", EXAMPLE_NOTE)
    return Table(f"Kết quả {year}", columns, (example,))


def monthly_table(programme: ProgrammeRecords, year: int) -> Table:
    """The monthly self-assessment sheet of ``year``: cell, month, each criterion."""
    criteria = [c.id for c in programme.book.criteria]
    columns = (Column("Mã chi bộ"), Column("Tên chi bộ"), Column("Tháng"), *(Column(c.upper()) for c in criteria))
    first = programme.programme.monthly.first_month if programme.programme.monthly else None
    month = int(first[5:]) if first and int(first[:4]) == year else 1
    marks = ["Đạt"] * len(criteria)
    rows = ((EXAMPLE_ID, EXAMPLE_NAME, f"{month}/{year}", *marks),)
    return Table(f"Tự đánh giá {year}", columns, rows)


def templates(programme: ProgrammeRecords, year: int, as_of: dt.date) -> tuple[ImportTemplate, ...]:
    """The programme's import templates for ``year``, ``.xlsx`` then ``.csv`` of each."""
    name = programme.programme.short_name
    sheets = [("ket-qua", year_table(programme, year), f"Kết quả năm {year} ({name})")]
    if programme.programme.monthly is not None:
        sheets.append(("tu-danh-gia", monthly_table(programme, year), f"Tự đánh giá hằng tháng {year} ({name})"))
    found = []
    for stem, table, title in sheets:
        found.append(ImportTemplate(f"{stem}-{year}.xlsx", title, workbook((table,), title, as_of)))
        found.append(ImportTemplate(f"{stem}-{year}.csv", title, csv_bytes(table)))
    return tuple(found)


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte order mark and CRLF line ends: what Excel opens as Vietnamese text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    writer.writerows(table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
