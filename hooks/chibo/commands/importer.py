"""``chibo import``: one year's results from a spreadsheet (.xlsx or .csv) into the records.

One row per cell (its id or exact name), columns for the rating, member ratings, criteria,
model recognition, decision, award and note (headers in Vietnamese or as codes; see
``COLUMNS``). Each cell's record gets that year's entry updated or added, keeping the
file's comments, key order and layout (ruamel.yaml round trip). Every row is checked and
every changed record validated before anything is written; a problem anywhere is reported
with its spreadsheet row and nothing is written.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..records import Records, RecordsError, load_records
from ..records.models import Cell, YearResult
from ..records.paths import cell_path
from ..text import fold_accents
from ..vocab import RATING_LABELS, RATING_SHORT, RATINGS

# Canonical column → header spellings accepted (compared without diacritics or case).
COLUMNS = MappingProxyType({
    "id": ("ma", "ma chi bo", "id"),
    "name": ("ten", "ten chi bo", "chi bo", "name"),
    "rating": ("xep loai", "xep loai chi bo", "ma xep loai", "rating"),
    "xuat-sac": ("dv htxsnv", "htxsnv", "dang vien htxsnv", "xuat sac"),
    "tot": ("dv httnv", "httnv", "dang vien httnv", "tot"),
    "hoan-thanh": ("dv htnv", "htnv", "dang vien htnv", "hoan thanh"),
    "khong-hoan-thanh": ("dv khtnv", "khtnv", "dang vien khtnv", "khong hoan thanh"),
    "model": ("kieu mau", "dat kieu mau", "model"),
    "decision": ("quyet dinh", "quyet dinh cong nhan", "decision"),
    "award": ("khen thuong", "award"),
    "note": ("ghi chu", "note"),
})
# How people write yes / no and đạt / chưa đạt in a spreadsheet (compared folded).
YES_SPELLINGS = frozenset({"co", "x", "dat", "true", "1", "yes", "v", "✓"})
NO_SPELLINGS = frozenset({"khong", "chua dat", "false", "0", "no", "-"})
MET_SPELLINGS = frozenset({"dat", "x", "co", "✓", "v", "1", "true"})
NOT_MET_SPELLINGS = frozenset({"chua dat", "khong dat", "khong", "0", "false", "✗"})


class SheetError(Exception):
    """Rows that cannot be imported, one line each (nothing was written)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass
class Row:
    number: int
    values: dict[str, str]
    criteria: dict[str, str] = field(default_factory=dict)


@dataclass
class Change:
    """A record file before and after the import."""

    path: Path
    rel: str
    before: str
    after: str
    row: int

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True),
                                            self.after.splitlines(keepends=True),
                                            fromfile=f"{self.rel} (hiện tại)", tofile=f"{self.rel} (sau khi nhập)"))


def fold(text: object) -> str:
    """``"Mã chi bộ"`` → ``"ma chi bo"``: what a header or a value means, spelled any way."""
    return " ".join(re.sub(r"[^a-z0-9✓✗]+", " ", fold_accents(str(text))).split())


def read_rows(path: Path) -> list[list[str]]:
    """The spreadsheet's cells as text, row by row (first sheet of a workbook)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    if path.suffix.lower() == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    raise SheetError([f"{path.name}: chỉ nhận tệp .xlsx hoặc .csv"])


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse(rows: list[list[str]], criteria_ids: set[str], source: str) -> list[Row]:
    """Match headers to columns; every row as a ``Row`` (numbers as in the spreadsheet)."""
    if not rows:
        raise SheetError([f"{source}: bảng tính trống"])
    lookup = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    header, errors, columns = rows[0], [], []
    for index, title in enumerate(header):
        name = fold(title)
        if not name:
            columns.append(None)
        elif name in lookup:
            columns.append(lookup[name])
        elif name.replace(" ", "-") in criteria_ids:
            columns.append("criterion:" + name.replace(" ", "-"))
        else:
            columns.append(None)
            errors.append(f"{source}: dòng 1, cột {index + 1}: không hiểu tiêu đề cột '{title}'")
    if "id" not in columns and "name" not in columns:
        errors.append(f"{source}: dòng 1: cần một cột 'Mã chi bộ' hoặc 'Tên chi bộ'")
    if errors:
        raise SheetError(errors)
    parsed = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue
        row = Row(number, {})
        for column, value in zip(columns, cells):
            value = str(value).strip()
            if column is None or not value:
                continue
            if column.startswith("criterion:"):
                row.criteria[column.split(":", 1)[1]] = value
            else:
                row.values[column] = value
        parsed.append(row)
    return parsed


def plan_import(project: Path, sheet: Path, year: int) -> list[Change]:
    """Every file the import would change; raises ``SheetError`` listing every bad row."""
    records = load_records(project)
    criteria_ids = {c.id for c in records.book.criteria} | {c.id for cell in records.cells for c in cell.extra_criteria}
    rows = parse(read_rows(sheet), criteria_ids, sheet.name)
    errors: list[str] = []
    by_cell: dict[str, Row] = {}
    changes: list[Change] = []
    cells = {f"id:{c.id}": c for c in records.cells} | {f"name:{c.name}": c for c in records.cells}
    for row in rows:
        cell = _find_cell(cells, row, errors, sheet.name)
        if cell is None:
            continue
        if cell.id in by_cell:
            errors.append(f"{sheet.name}: dòng {row.number}: chi bộ {cell.id} đã có ở dòng {by_cell[cell.id].number}")
            continue
        by_cell[cell.id] = row
        entry = _entry(row, cell, records, errors, sheet.name)
        if entry is None:
            continue
        rel = cell_path(cell.id)
        path = project / rel
        before = path.read_text(encoding="utf-8")
        after = update_text(before, year, entry)
        if after != before:
            changes.append(Change(path, rel, before, after, row.number))
    if changes:
        errors += _validate(project, changes, sheet.name)
    if errors:
        raise SheetError(errors)
    return changes


def _find_cell(cells: dict[str, Cell], row: Row, errors: list[str], source: str) -> Cell | None:
    """The row's cell: by id, or else by its exact name."""
    wanted_id, wanted_name = row.values.get("id"), row.values.get("name")
    found = cells.get(f"id:{wanted_id}") if wanted_id else cells.get(f"name:{wanted_name}")
    if found is not None:
        return found
    shown = f"mã '{wanted_id}'" if wanted_id else f"tên '{wanted_name}'"
    errors.append(f"{source}: dòng {row.number}: không có chi bộ {shown}")
    return None


def _entry(row: Row, cell: Cell, records: Records, errors: list[str], source: str) -> dict | None:
    """The year's fields this row sets; empty spreadsheet cells leave a field unchanged."""
    bad = len(errors)
    where = f"{source}: dòng {row.number}"
    entry: dict = {}
    if "rating" in row.values:
        entry["rating"] = _rating(row.values["rating"], errors, where)
    counts = {}
    for key in RATINGS:
        if key in row.values:
            text = row.values[key]
            if re.fullmatch(r"\d+", text):
                counts[key] = int(text)
            else:
                errors.append(f"{where}: số đảng viên {RATING_SHORT[key]} '{text}' phải là số nguyên không âm")
    if counts:
        entry["members"] = {key: counts.get(key, 0) for key in RATINGS}
    known = {c.id for c in records.book.criteria} | {c.id for c in cell.extra_criteria}
    marks = {}
    for criterion, text in row.criteria.items():
        value = fold(text)
        if criterion not in known:
            errors.append(f"{where}: chi bộ {cell.id} không có tiêu chí '{criterion}'")
        elif value in MET_SPELLINGS:
            marks[criterion] = "dat"
        elif value in NOT_MET_SPELLINGS:
            marks[criterion] = "chua-dat"
        else:
            errors.append(f"{where}: tiêu chí {criterion.upper()} '{text}' không hợp lệ; ghi 'Đạt' hoặc 'Chưa đạt'")
    if marks:
        entry["criteria"] = marks
    if "model" in row.values:
        value = fold(row.values["model"])
        if value in YES_SPELLINGS or value in NO_SPELLINGS:
            entry["model"] = value in YES_SPELLINGS
        else:
            errors.append(f"{where}: cột kiểu mẫu '{row.values['model']}' không hợp lệ; ghi 'Có' hoặc 'Không'")
    for key in ("decision", "award", "note"):
        if key in row.values:
            entry[key] = " ".join(row.values[key].split())
    return entry if len(errors) == bad else None


def _rating(text: str, errors: list[str], where: str) -> str | None:
    value = fold(text)
    for code in RATINGS:
        if value in (fold(code), fold(RATING_LABELS[code]), fold(RATING_SHORT[code])):
            return code
    choices = ", ".join(f"{RATING_SHORT[c]} ({c})" for c in RATINGS)
    errors.append(f"{where}: xếp loại '{text}' không hợp lệ; chọn một trong: {choices}")
    return None


def update_text(text: str, year: int, entry: dict) -> str:
    """The record text with ``year``'s result updated or added, everything else kept."""
    yaml = _round_trip(text)
    data = yaml.load(text)
    results = data.get("results")
    if results is None:
        results = CommentedSeq()
        data["results"] = results
    current = next((r for r in results if r.get("year") == year), None)
    if current is None:
        current = CommentedMap([("year", year)])
        position = next((i for i, r in enumerate(results) if r.get("year", 0) > year), len(results))
        results.insert(position, current)
    for key, value in entry.items():
        if isinstance(value, dict):
            existing = current.get(key)
            mapping = existing if isinstance(existing, CommentedMap) else CommentedMap()
            mapping.update(value)
            if existing is None:
                mapping.fa.set_flow_style()
            value = mapping
        if key in current:
            current[key] = value
        else:  # a new key goes where the record format puts it: year, rating, members, …
            order = list(YearResult.model_fields)
            before = [k for k in current if k in order and order.index(k) < order.index(key)]
            current.insert(list(current).index(before[-1]) + 1 if before else 0, key, value)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _round_trip(text: str) -> YAML:
    """A ruamel.yaml loader/dumper that writes lists the way this file already does."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    match = re.search(r"^( *)\S[^\n]*:\n( *)- ", text, re.M)
    offset = len(match.group(2)) - len(match.group(1)) if match else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _validate(project: Path, changes: list[Change], source: str) -> list[str]:
    """Validate the records as they would be; problems named by the row that caused them."""
    try:
        load_records(project, {c.path: c.after for c in changes})
    except RecordsError as error:
        rows = {c.rel: c.row for c in changes}
        return [f"{source}: dòng {rows[p.file]}: {p}" if p.file in rows else str(p) for p in error.problems]
    return []


def apply(changes: list[Change]) -> None:
    for change in changes:
        change.path.write_text(change.after, encoding="utf-8", newline="\n")
