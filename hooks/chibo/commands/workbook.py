"""Read the first sheet of an .xlsx workbook: cached formula values, merged cells filled.

Before openpyxl sees the file, ``zipfile`` reads its table of contents: a workbook whose
parts would unzip past ``MAX_UNPACKED_BYTES`` (a zip bomb), or that declares more rows or
columns than the limits, is refused without parsing a cell. XML is parsed by defusedxml
(openpyxl uses it when installed): a document type declaration or an entity is refused,
never expanded. Formulas count by the value Excel saved with them; one without a saved
value is an error at its row and column, as is an error value such as ``#DIV/0!``.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from typing import Any

from ..formats import date_vi, number_vi
from .sheet import (
    MAX_COLUMNS,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    Bad,
    SheetError,
    Table,
    Value,
    cell_value,
    column_letter,
    fail,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any workbook saved with a password
ERROR_TYPE = "e"
FORMULA_TYPE = "f"
TEXT_TYPE = "str"
_OLD_OR_LOCKED = (
    "tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu nếu có, "
    "rồi lưu lại dạng .xlsx (Excel Workbook)"
)
_DAMAGED = "không đọc được bảng tính: tệp .xlsx bị hỏng hoặc không phải tệp Excel; hãy mở bằng Excel và lưu lại"


def read_workbook(data: bytes, source: str) -> Table:
    """The first worksheet of the workbook in ``data`` as a ``Table``."""
    if data.startswith(OLE_MAGIC):
        raise fail(source, _OLD_OR_LOCKED)
    _check_parts(data, source)
    import openpyxl
    from defusedxml import DefusedXmlException

    if not openpyxl.DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False in the environment
        raise fail(
            source,
            "không đọc bảng tính khi openpyxl không dùng defusedxml (biến môi trường "
            "OPENPYXL_DEFUSEDXML); hãy bỏ biến đó",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of features it skips; they hold no data we read
            return _read(data, source)
    except SheetError:
        raise
    except Exception as error:
        if _caused_by(error, DefusedXmlException):
            raise fail(
                source,
                "tệp có khai báo kiểu tài liệu hay thực thể XML (tệp Excel thật không có, có thể là "
                "tệp độc hại); không đọc",
            ) from None
        raise fail(source, _DAMAGED) from None


def _caused_by(error: BaseException | None, kind: type[BaseException]) -> bool:
    """Whether ``error`` or an error it was raised from is a ``kind`` (openpyxl wraps what it catches)."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, kind):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _check_parts(data: bytes, source: str) -> None:
    """Refuse from the zip's table of contents alone: not a zip, too many or too large parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise fail(
            source,
            "không phải tệp .xlsx (không mở được dạng nén zip); hãy mở bằng Excel và lưu lại "
            "dạng .xlsx, hoặc lưu dạng CSV UTF-8",
        ) from None
    if len(parts) > MAX_PARTS:
        raise fail(
            source, f"tệp .xlsx có {number_vi(len(parts))} phần bên trong (tối đa {number_vi(MAX_PARTS)}); không đọc"
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(
            source,
            f"tệp .xlsx giải nén ra {number_vi(unpacked // (1024 * 1024))} MiB (tối đa "
            f"{number_vi(MAX_UNPACKED_BYTES // (1024 * 1024))} MiB); không đọc (có thể là tệp độc hại, "
            "hoặc bảng tính quá lớn: hãy tách thành nhiều tệp)",
        )
    if any(part.flag_bits & 0x1 for part in parts):
        raise fail(source, _OLD_OR_LOCKED)


def _read(data: bytes, source: str) -> Table:
    from openpyxl import load_workbook

    values = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        if not values.worksheets:
            raise fail(source, "tệp không có trang tính nào")
        sheet, formula_sheet = values.worksheets[0], formulas.worksheets[0]
        if sheet.sheet_state != "visible":
            raise fail(
                source,
                f"trang tính đầu tiên '{sheet.title}' đang bị ẩn; hãy cho hiện trang đó (hoặc xóa nó "
                "nếu không dùng) rồi nhập lại",
            )
        _check_size(sheet, source)
        rows = _rows(sheet, formula_sheet, source)
        marks = _scan(values, sheet)
        merged = _merged(marks["merged"], rows, source)
        notes = _elsewhere(values, rows, source) + _hidden(marks, rows)
        return Table(
            source, tuple(tuple(row) for row in rows), sheet.title, f"trang tính '{sheet.title}'", merged, tuple(notes)
        )
    finally:
        values.close()
        formulas.close()


def _check_size(sheet: Any, source: str) -> None:
    """The rows and columns the sheet declares (its ``dimension``), before reading a row."""
    if (sheet.max_row or 0) > MAX_ROWS:
        raise fail(
            source,
            f"trang tính '{sheet.title}' có {number_vi(sheet.max_row)} dòng (tối đa "
            f"{number_vi(MAX_ROWS)}); hãy xóa các dòng trống ở cuối hoặc tách thành nhiều tệp",
        )
    if (sheet.max_column or 0) > MAX_COLUMNS:
        raise fail(
            source,
            f"trang tính '{sheet.title}' dùng {number_vi(sheet.max_column)} cột (tối đa "
            f"{MAX_COLUMNS}); hãy xóa các cột thừa",
        )


def _rows(sheet: Any, formula_sheet: Any, source: str) -> list[list[Value]]:
    """Every row as text; the two reads of the sheet (values, formulas) go side by side."""
    sheet.reset_dimensions()  # rows as long as their last cell, not padded to a declared width
    formula_sheet.reset_dimensions()
    rows: list[list[Value]] = []
    for cells, formula_cells in zip(sheet.iter_rows(), formula_sheet.iter_rows()):
        if len(rows) >= MAX_ROWS:
            raise fail(source, f"quá {number_vi(MAX_ROWS)} dòng; hãy tách thành nhiều tệp")
        if len(cells) > MAX_COLUMNS and any(c.value is not None for c in cells[MAX_COLUMNS:]):
            raise fail(source, f"dòng {len(rows) + 1}: có dữ liệu ngoài cột thứ {MAX_COLUMNS}; hãy xóa các cột thừa")
        rows.append([_value(cell, formula) for cell, formula in zip(cells[:MAX_COLUMNS], formula_cells)])
    return rows


def _value(cell: Any, formula: Any) -> Value:
    """A cell as text: the value Excel saved, or why there is none to take."""
    value = cell.value
    if value is None and getattr(cell, "data_type", None) == TEXT_TYPE:
        value = ""  # a formula whose saved result is the empty text
    if getattr(formula, "data_type", None) == FORMULA_TYPE and value is None:
        shown = str(getattr(formula.value, "text", formula.value))[:60]
        return Bad(
            f"ô có công thức '{shown}' nhưng chưa có giá trị tính sẵn (tệp chưa được Excel tính lại); "
            "hãy mở tệp bằng Excel, lưu lại rồi nhập lại"
        )
    if getattr(cell, "data_type", None) == ERROR_TYPE:
        return Bad(f"ô có lỗi công thức '{value}'; hãy sửa công thức hoặc ghi giá trị")
    return cell_value(_text(value))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return date_vi(value.date())
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return date_vi(value)
    return str(value)


def _merged(refs: list[str], rows: list[list[Value]], source: str) -> tuple[tuple[int, int, int, int], ...]:
    """Fill each merged range with its first cell's value; the ranges, clipped to the rows read."""
    from openpyxl.utils import range_boundaries

    ranges = []
    budget = MAX_ROWS * MAX_COLUMNS  # cells a fill may touch: a range over the whole sheet is clipped
    for ref in refs:
        left, top, right, bottom = range_boundaries(ref)
        if left is None or top is None or right is None or bottom is None:
            continue  # a whole row or column: merged cells never are
        bottom, right = min(bottom, len(rows)), min(right, MAX_COLUMNS)
        if top > bottom or left > right:
            continue
        budget -= (bottom - top + 1) * (right - left + 1)
        if budget < 0:
            raise fail(source, "trang tính có quá nhiều ô gộp; hãy bỏ gộp ô (Merge & Center) rồi nhập lại")
        first = rows[top - 1][left - 1] if left <= len(rows[top - 1]) else ""
        for row in rows[top - 1 : bottom]:
            row.extend([""] * (right - len(row)))
            row[left - 1 : right] = [first] * (right - left + 1)
        ranges.append((top, left, bottom, right))
    return tuple(ranges)


def _scan(book: Any, sheet: Any) -> dict[str, list]:
    """What read-only sheets do not keep: merged ranges, hidden rows and hidden columns."""
    from defusedxml.ElementTree import iterparse

    found: dict[str, list] = {"merged": [], "rows": [], "columns": []}
    with book._archive.open(sheet._worksheet_path) as part:  # openpyxl's own handle on the zip
        for _, element in iterparse(part):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell" and element.get("ref"):
                found["merged"].append(element.get("ref"))
            elif tag == "row":
                if element.get("hidden") in ("1", "true") and (element.get("r") or "").isdigit():
                    found["rows"].append(int(element.get("r")))
                element.clear()
            elif tag == "col" and element.get("hidden") in ("1", "true"):
                low, high = int(element.get("min", "0")), int(element.get("max", "0"))
                found["columns"] += range(max(low, 1), min(high, MAX_COLUMNS) + 1)
    return found


def _hidden(marks: dict[str, list], rows: list[list[Value]]) -> list[str]:
    """Warn of data in rows or columns the spreadsheet program hides: it is imported all the same."""

    def filled(value: Value) -> bool:
        return isinstance(value, Bad) or bool(value.strip())

    hidden_rows = [n for n in sorted(set(marks["rows"])) if n <= len(rows) and any(map(filled, rows[n - 1]))]
    hidden_columns = [
        c for c in sorted(set(marks["columns"])) if any(c <= len(row) and filled(row[c - 1]) for row in rows)
    ]
    notes = []
    if hidden_rows:
        notes.append(f"dòng {_listed([str(n) for n in hidden_rows])} đang bị ẩn nhưng có dữ liệu, vẫn được nhập")
    if hidden_columns:
        notes.append(
            f"cột {_listed([column_letter(c) for c in hidden_columns])} đang bị ẩn nhưng có dữ liệu, vẫn được nhập"
        )
    return notes


def _listed(items: list[str]) -> str:
    return ", ".join(items[:10]) + (f" và {len(items) - 10} khác" if len(items) > 10 else "")


def _elsewhere(book: Any, rows: list[list[Value]], source: str) -> list[str]:
    """Say so when other sheets hold data; refuse when only they do."""
    others = [ws.title for ws in book.worksheets[1:] if _has_data(ws)]
    if not others:
        return []
    names = ", ".join(f"'{name}'" for name in others)
    first = book.worksheets[0].title
    if not any(isinstance(v, Bad) or v.strip() for row in rows for v in row):
        raise fail(
            source,
            f"trang tính đầu tiên '{first}' trống; dữ liệu nằm ở trang {names}: hãy đưa trang đó lên đầu rồi nhập lại",
        )
    return [f"chỉ đọc trang tính đầu tiên '{first}'; trang {names} cũng có dữ liệu nhưng không được đọc"]


def _has_data(sheet: Any) -> bool:
    """Whether a sheet has a value in its first ``MAX_ROWS`` rows (the rest is not looked at)."""
    sheet.reset_dimensions()
    for count, row in enumerate(sheet.iter_rows(values_only=True)):
        if count >= MAX_ROWS:
            break
        if any(v is not None and str(v).strip() for v in row):
            return True
    return False
