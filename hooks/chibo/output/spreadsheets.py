"""Spreadsheets (.xlsx) of the download tables, for Excel and LibreOffice in any locale.

A CSV file leaves it to the program opening it to guess what ``2025``, ``91.7`` or
``11-6-2022`` is, and the guess depends on the reader's locale. Here every cell has its
type: whole numbers are numbers, dates are dates (shown ``dd/mm/yyyy``), shares are
numbers shown as percentages, text is text (even when it starts with ``=``: never a
formula). One sheet per table, the header row frozen, column widths set.

The file is the same bytes for the same records: the workbook's created and modified
times and every timestamp inside the zip are the records' ``as_of`` date.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Sequence
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .tables import Column, Table

FORMATS = {"number": "0", "date": "dd/mm/yyyy", "percent": "0.0%"}
_WIDTHS = {"date": 12, "percent": 10}
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def workbook(tables: Sequence[Table], title: str, as_of: dt.date) -> bytes:
    """The ``.xlsx`` bytes of ``tables``, one sheet each, in the given order."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        _fill(book.create_sheet(table.title), table)
    moment = dt.datetime.combine(as_of, dt.time())
    properties = book.properties
    properties.title, properties.language = title, "vi-VN"
    properties.creator = properties.lastModifiedBy = "chibo"
    properties.created = properties.modified = moment
    raw = io.BytesIO()
    with ZipFile(raw, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # unlike save_workbook(), keeps `modified` as set
    return _stamped(raw.getvalue(), moment)


def _fill(sheet: Worksheet, table: Table) -> None:
    for index, column in enumerate(table.columns, start=1):
        header = sheet.cell(row=1, column=index, value=column.label)
        header.font = Font(bold=True)
        header.alignment = Alignment(vertical="top", wrap_text=True)
        header.data_type = "s"
        for number, row in enumerate(table.rows, start=2):
            _put(sheet.cell(row=number, column=index), column, row[index - 1])
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, [r[index - 1] for r in table.rows])
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"


def _put(cell: object, column: Column, value: object) -> None:
    if value is None:
        return
    if column.kind == "percent":
        value = float(Decimal(str(value)) / 100)
    cell.value = value
    if column.kind == "text":
        cell.data_type = "s"  # text stays text: "=1+1" is shown, not computed
    else:
        cell.number_format = FORMATS[column.kind]


def _width(column: Column, values: list[object]) -> float:
    """Wide enough for the header's longest word and the longest value, within bounds."""
    if column.kind in _WIDTHS:
        longest = _WIDTHS[column.kind]
    else:
        longest = max((len(str(value)) for value in values if value is not None), default=0)
    header = max(len(word) for word in column.label.split())
    return float(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2, header + 2)))


def _stamped(data: bytes, moment: dt.datetime) -> bytes:
    """The same zip with every entry dated ``moment`` (zip entries carry the write time)."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
