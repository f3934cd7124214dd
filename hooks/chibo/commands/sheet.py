"""Read a spreadsheet (.csv or .xlsx) into rows of text, within fixed bounds.

This module reads CSV and holds what both readers share: the limits, the ``Table`` they
return, cells that cannot be read (``Bad``), and the error list with its cap. Workbooks
are read by ``workbook.py``. A problem with the file as a whole (not a spreadsheet, too
large, an encoding other than UTF-8 or UTF-16) raises ``SheetError`` at once; a problem
with one cell becomes a ``Bad`` value, reported with its row and column when the row is
read.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..formats import number_vi
from ..records.loader import UTF16_MESSAGE, hidden_character, not_utf8_message

# Bounds, checked before a file is parsed where its size or layout tells (README, "Giới hạn").
# The largest project planned for has 5,000 cells (benchmarks/build.py): one row each, about
# 16 columns plus a cell's own criteria, a few MB as .xlsx XML. Each bound leaves ample room
# above that and stops a hostile file (a zip bomb, a million rows) in well under a second.
MAX_FILE_BYTES = 16 * 1024 * 1024  # the file as stored, .csv or .xlsx
MAX_UNPACKED_BYTES = 32 * 1024 * 1024  # every part of an .xlsx once unzipped, added up
MAX_PARTS = 1_000  # parts (files) inside an .xlsx
MAX_ROWS = 10_000  # rows of the sheet, title and header included
MAX_COLUMNS = 100  # columns of the sheet
MAX_SHOWN = 50  # errors printed; the rest are counted
SAMPLE_LINES = 10  # lines of a CSV the separator is guessed from,
SAMPLE_CHARS = 2048  # at most this long (csv.Sniffer is quadratic in it)
SEPARATORS = ",;\t"


@dataclass(frozen=True)
class Bad:
    """A cell that cannot be read as it stands; ``message`` says why."""

    message: str


Value = str | Bad


@dataclass(frozen=True)
class Table:
    """One sheet as rows of text: ``rows[0]`` is the spreadsheet's row 1.

    ``merged`` lists the merged ranges (first row, first column, last row, last column,
    from 1), already filled with their value; ``notes`` are warnings about the file.
    """

    source: str
    rows: tuple[tuple[Value, ...], ...]
    sheet: str | None = None
    how: str = ""
    merged: tuple[tuple[int, int, int, int], ...] = ()
    notes: tuple[str, ...] = ()


class SheetError(Exception):
    """The spreadsheet cannot be imported: one line per problem, and how many in all."""

    def __init__(self, lines: list[str], total: int | None = None) -> None:
        self.lines = lines
        self.total = len(lines) if total is None else total
        super().__init__("\n".join(lines))


class Issues:
    """Problems found in a sheet, in the order found: the first ``MAX_SHOWN`` kept, the rest counted."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.shown: list[str] = []
        self.total = 0

    def add(self, message: str, row: int | None = None, column: int | None = None) -> None:
        self.total += 1
        if len(self.shown) < MAX_SHOWN:
            self.shown.append(f"{self.source}: {where(row, column)}{message}")

    def __bool__(self) -> bool:
        return self.total > 0

    def error(self) -> SheetError:
        lines = list(self.shown)
        if self.total > len(self.shown):
            lines.append(
                f"… và {number_vi(self.total - len(self.shown))} lỗi khác (sửa các lỗi trên rồi chạy lại để xem tiếp)."
            )
        return SheetError(lines, self.total)


def where(row: int | None, column: int | None) -> str:
    """``"dòng 5, cột C: "``: a place in the sheet as the spreadsheet program shows it."""
    if row is None:
        return ""
    return f"dòng {row}: " if column is None else f"dòng {row}, cột {column_letter(column)}: "


def column_letter(column: int) -> str:
    """1 → ``A``, 27 → ``AA``."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_value(text: str) -> Value:
    """A cell's text, NFC-normalised, or ``Bad`` when it holds a character no record may hold."""
    hidden = hidden_character(text)
    if hidden is not None:
        return Bad(hidden[1])
    return unicodedata.normalize("NFC", text)


def fail(source: str, message: str) -> SheetError:
    return SheetError([f"{source}: {message}"])


def read_table(path: Path, is_header: Callable[[str], bool]) -> Table:
    """The first sheet of ``path`` as a ``Table``; ``is_header`` tells a known column title."""
    source = path.name
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm", ".xls"):
        raise fail(source, "chỉ nhận tệp .xlsx hoặc .csv")
    data = _read_bytes(path, source)
    if suffix == ".csv":
        return read_csv(data, source, is_header)
    from .workbook import read_workbook  # openpyxl loads in a quarter second: only when needed

    return read_workbook(data, source)


def _read_bytes(path: Path, source: str) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise fail(
            source, f"tệp quá lớn ({number_vi(size // 1024)} KiB; tối đa {number_vi(MAX_FILE_BYTES // 1024)} KiB)"
        )
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise fail(source, f"tệp quá lớn (tối đa {number_vi(MAX_FILE_BYTES // 1024)} KiB)")
    if not data.strip():
        raise fail(source, "tệp rỗng")
    return data


# --- CSV ----------------------------------------------------------------------------------


def read_csv(data: bytes, source: str, is_header: Callable[[str], bool]) -> Table:
    """Rows of a CSV file: UTF-8 (with or without BOM) or UTF-16 with BOM; separator detected."""
    text, encoding = _decode(data, source)
    separator = _separator(text, is_header)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[tuple[Value, ...]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise fail(source, f"quá {number_vi(MAX_ROWS)} dòng; hãy tách thành nhiều tệp")
            if len(row) > MAX_COLUMNS and any(v.strip() for v in row[MAX_COLUMNS:]):
                raise fail(source, f"dòng {len(rows) + 1}: quá {MAX_COLUMNS} cột")
            rows.append(tuple(cell_value(v) for v in row[:MAX_COLUMNS]))
    except csv.Error as error:
        raise fail(source, f"dòng {len(rows) + 1}: {_csv_message(str(error), separator)}") from None
    rows = _swallowed(rows, separator)
    shown = {",": "dấu phẩy ','", ";": "dấu chấm phẩy ';'", "\t": "dấu Tab"}[separator]
    return Table(source, tuple(rows), how=f"tệp CSV mã {encoding}, phân cách bằng {shown}")


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """The text of a CSV file and its encoding's name; other encodings refused as the loader does."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise fail(source, "tệp được lưu bằng mã UTF-32; hãy lưu lại với mã UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise fail(
                source, "tệp UTF-16 bị hỏng (số byte lẻ hoặc ký tự không hợp lệ); hãy lưu lại với mã UTF-8"
            ) from None
    if b"\x00" in data[:4]:
        raise fail(source, UTF16_MESSAGE)
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return body.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        raise fail(source, f"dòng {line}: {not_utf8_message(body[error.start])}") from None


def _separator(text: str, is_header: Callable[[str], bool]) -> str:
    """``,``, ``;`` or Tab: the one that splits the first line into known column titles.

    When no separator gives a known title, ``csv.Sniffer`` guesses from the first lines, so
    the error about the header at least names what was read.
    """
    lines = text[:SAMPLE_CHARS].splitlines()[:SAMPLE_LINES]
    first = lines[0] if lines else ""
    scores = {
        sep: sum(1 for title in next(csv.reader([first], delimiter=sep), []) if is_header(title)) for sep in SEPARATORS
    }
    best = max(SEPARATORS, key=lambda sep: scores[sep])
    if scores[best] > 0:
        return best
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=SEPARATORS).delimiter
    except csv.Error:
        return ","


def _csv_message(error: str, separator: str) -> str:
    shown = "Tab" if separator == "\t" else f"'{separator}'"
    if "unexpected end of data" in error:
        return 'dấu nháy kép (") mở ở dòng này không được đóng cho đến hết tệp'
    if "expected after" in error:
        return (
            f"sau dấu nháy kép đóng phải là dấu phân cách {shown}; ô có dấu nháy kép bên trong "
            'cần viết mỗi dấu nháy thành hai ("")'
        )
    if "field larger than field limit" in error:
        return "có một ô dài quá 131.072 ký tự (thường do thiếu dấu nháy kép đóng)"
    return "dòng không đọc được theo định dạng CSV"


def _swallowed(rows: list[tuple[Value, ...]], separator: str) -> list[tuple[Value, ...]]:
    """Refuse a cell that runs over several lines which look like rows: a quote left open.

    A cell may hold line breaks (Alt+Enter in Excel); a line in it with as many separators
    as the header has columns is a row that an unclosed quote swallowed.
    """
    width = len(rows[0]) if rows else 0
    if width < 3:
        return rows
    checked = []
    for row in rows:
        cells = list(row)
        for index, value in enumerate(cells):
            if (
                isinstance(value, str)
                and "\n" in value
                and any(line.count(separator) >= width - 1 for line in value.splitlines()[1:])
            ):
                cells[index] = Bad(
                    "ô này kéo dài qua nhiều dòng và nuốt cả những dòng trông như dòng dữ liệu: "
                    'có thể thiếu dấu nháy kép (") đóng'
                )
        checked.append(tuple(cells))
    return checked
