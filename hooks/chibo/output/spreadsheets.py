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
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .tables import Column, Table

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

    # The streamed sheet has a Worksheet's widths, panes and filter (the stubs miss them on it).
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = {"date": "dd/mm/yyyy", "percent": "0.0%"}
_WIDTHS = {"date": 12, "percent": 10}
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def workbook(tables: Sequence[Table], title: str, as_of: dt.date) -> bytes:
    """The ``.xlsx`` bytes of ``tables``, one sheet each, in the given order."""
    book = Workbook(write_only=True)  # rows streamed: about 4 times faster than a sheet built in memory
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
    """Widths, frozen header and filter first (a streamed sheet writes them before the rows)."""
    for index, column in enumerate(table.columns):
        width = _width(column, [row[index] for row in table.rows])
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    sheet.append([_header(sheet, column.label) for column in table.columns])
    for row in table.rows:
        sheet.append([_value(sheet, column.kind, value) for column, value in zip(table.columns, row)])


def _header(sheet: Worksheet, label: str) -> Cell:
    cell = WriteOnlyCell(sheet, label)
    cell.font, cell.alignment = Font(bold=True), Alignment(vertical="top", wrap_text=True)
    return cell


def _value(sheet: Worksheet, kind: str, value: Any) -> object:
    """A plain value, or a cell with its display format; text is never read as a formula."""
    if value is None or kind == "number":
        return value
    if kind == "text":
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # shown as "=1+1", not computed
            return cell
        return value
    cell = WriteOnlyCell(sheet, float(Decimal(str(value)) / 100) if kind == "percent" else value)
    cell.number_format = FORMATS[kind]
    return cell


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
