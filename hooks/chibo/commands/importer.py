"""``chibo import``: one year's results from a spreadsheet (.xlsx or .csv) into the records.

One row per cell (its id or name), columns for the rating, score, member ratings, criteria,
model recognition, decision, award and note (headers in Vietnamese or as codes; see
``columns.COLUMNS``). Each cell's record gets that year's entry updated or added, keeping
the file's comments, key order and layout (ruamel.yaml round trip). A blank spreadsheet
cell keeps the record's value. Every row is checked and every changed record validated
before anything is written; a problem anywhere is reported with its row and column, and
nothing is written. ``sheet.py`` and ``workbook.py`` read the file, ``columns.py`` the
header and values, ``years.py`` the year; ``writer.py`` writes the records.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..formats import date_vi
from ..records import Problem, Records, RecordsError, load_records
from ..records.fields import MAX_SCORE, MIN_SCORE
from ..records.models import Cell, YearResult
from ..records.paths import cell_path, committee_path
from ..records.scope import ProgrammeScope, Scope
from ..report import warnings
from ..report.context import Context
from ..report.monthly import disagreements, effective, rollups
from ..report.rules import breaches
from ..text import fold_accents, name_key
from ..vocab import RATING_SHORT, RATINGS
from . import columns
from .columns import CRITERION, MONTH, SKIP, Layout, find_layout
from .sheet import Bad, Issues, SheetError, read_table, where
from .writer import FileWrite
from .years import check_year

BOM = "\ufeff"
SCORE_MIN, SCORE_MAX = MIN_SCORE, MAX_SCORE
TEXT_FIELDS = ("decision", "award", "note")
_MONTH_IN_PATH = re.compile(r"monthly\.([0-9]{4}-[0-9]{2})")

__all__ = ["Change", "Plan", "SheetError", "plan_import", "update_text"]


@dataclass(frozen=True)
class Change:
    """A record file before and after the import (text with ``\\n`` line ends, no BOM)."""

    path: Path
    rel: str
    before: str
    after: str
    row: int
    raw: bytes

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"{self.rel} (hiện tại)",
                tofile=f"{self.rel} (sau khi nhập)",
            )
        )

    def write(self) -> FileWrite:
        """The bytes to write: the file's own line ends and byte order mark kept."""
        newline = "\r\n" if b"\r\n" in self.raw else "\n"
        bom = BOM if self.raw.startswith(BOM.encode("utf-8")) else ""
        return FileWrite(self.path, self.rel, self.raw, (bom + self.after.replace("\n", newline)).encode("utf-8"))


@dataclass(frozen=True)
class Plan:
    """What an import would change, and the warnings to show with it."""

    changes: tuple[Change, ...]
    notes: tuple[str, ...]


def plan_import(
    project: Path, sheet: Path, year: int, confirm_year: bool = False, programme: str | None = None
) -> Plan:
    """Every file the import would change; raises ``SheetError`` listing the problems.

    A sheet with a "Tháng" column holds monthly self-assessments (one row per cell and month,
    ``results[].monthly``); without it, the year's results (one row per cell). ``programme``:
    the programme whose criteria the sheet marks (and whose recognition it records), needed
    only when two programmes run in ``year``.
    """
    records = load_records(project)
    as_of = records.committee.as_of
    issues = Issues(sheet.name)
    if year > as_of.year:
        issues.add(
            f"năm {year} sau năm của ngày số liệu as_of ({date_vi(as_of)}) trong {committee_path()}: hãy cập nhật "
            f"as_of (ngày các kết quả năm {year} được tính đến) rồi nhập lại"
        )
        raise issues.error()
    scope = records.scope()
    named = _named(scope, programme, year, issues)
    running = [named] if named is not None else [p for p in scope.programmes if p.holds(year)]
    extras = frozenset(c.id for cell in records.cells for c in cell.extra_criteria)
    known = (named.criteria if named is not None else scope.criteria_of(year) or frozenset()) | extras
    words = columns.model_spellings(records.programme(p.id).programme.terms.model for p in running)
    table = read_table(sheet, lambda title: columns.column_key(title, known, words) is not None)
    issues = Issues(table.source)
    notes = [f"{table.source}: {note}" for note in table.notes]
    layout = find_layout(table, known, issues, words)
    if layout is None:
        raise issues.error()
    monthly = layout.column(MONTH) is not None
    common = _common(scope, named, year, monthly, layout, issues)
    if common is None:
        raise issues.error()
    check_year(sheet, table, layout, year, confirm_year, issues, notes)
    finder = CellFinder(records.cells)
    entries: dict[str, dict] = {}
    rows: dict[str, int] = {}
    months: dict[tuple[str, str], int] = {}
    for number, row in enumerate(table.rows[layout.header :], start=layout.header + 1):
        values = _values(row, layout, number, issues)
        if values is None:
            continue
        cell = finder.find(values, number, layout, issues)
        if cell is None:
            continue
        key = _month_key(values, year, number, layout.column(MONTH), issues) if monthly else None
        if monthly and key is None:
            continue
        place = (cell.id, key or "")
        if place in months:
            again = f" tháng {key}" if key else ""
            issues.add(f"chi bộ {cell.id}{again} đã có ở dòng {months[place]}", number, _where_cell(layout, values))
            continue
        months[place] = number
        entry = _entry(values, cell, common, number, issues)
        if entry and monthly:
            entry = _monthly_entry(entry, key, layout, number, issues)
        if entry:
            if named is not None and len(running) == 1 and _names_programme(scope, year, entry):
                entry["programme"] = named.id
            rows.setdefault(cell.id, number)
            _merge(entries.setdefault(cell.id, {}), entry)
        elif entry is not None:
            notes.append(f"{table.source}: dòng {number}: chi bộ {cell.id} không có ô nào để nhập")
    changes = [
        change
        for cell_id, entry in entries.items()
        if (change := _change(project, finder.by_id[cell_id], year, entry, rows[cell_id], issues)) is not None
    ]
    if changes:
        notes += _validate(project, records, changes, layout, issues, months)
    if issues:
        raise issues.error()
    return Plan(tuple(changes), tuple(notes))


def _named(scope: Scope, programme: str | None, year: int, issues: Issues) -> ProgrammeScope | None:
    """The programme ``--programme`` names; a problem when it does not hold ``year``."""
    if programme is None:
        return None
    found = scope.owner(year, programme)
    if isinstance(found, str):
        issues.add(f"--programme: {found}")
        raise issues.error()
    return found


def _common(
    scope: Scope, named: ProgrammeScope | None, year: int, monthly: bool, layout: Layout, issues: Issues
) -> frozenset[str] | None:
    """The programme criteria the sheet's rows may mark; ``None`` (with the problem) when a
    monthly sheet has no programme of ``year`` that collects monthly forms, or two: a year's
    ``monthly`` holds the forms of one programme (the one its roll-up reads)."""
    if not monthly:
        return named.criteria if named is not None else scope.criteria_of(year) or frozenset()
    holders = [p for p in scope.programmes if p.holds(year) and p.monthly]
    if len(holders) > 1:
        ids = ", ".join(p.id for p in holders)
        issues.add(
            f"năm {year} có {len(holders)} chương trình tự đánh giá hằng tháng ({ids}); hồ sơ chi bộ mỗi năm chỉ ghi "
            "phiếu hằng tháng của một chương trình, hãy để một chương trình tự đánh giá hằng tháng trong năm này"
        )
        return None
    if holders and (named is None or named.id == holders[0].id):
        return holders[0].criteria
    which = f"chương trình '{named.id}'" if named is not None else f"năm {year}"
    issues.add(
        f"cột 'Tháng' là phiếu tự đánh giá hằng tháng, nhưng {which} không có chương trình nào tự đánh giá "
        "hằng tháng (mục monthly của chuong-trinh.yml)",
        layout.header,
        layout.column(MONTH),
    )
    return None


def _names_programme(scope: Scope, year: int, entry: dict) -> bool:
    """A recognition of a year two programmes share must say which one it belongs to."""
    recognised = any(key in entry for key in ("model", "decision", "award"))
    return recognised and sum(p.holds(year) for p in scope.programmes) > 1


def _month_key(
    values: dict[str, tuple[str, int]], year: int, number: int, where_month: int | None, issues: Issues
) -> str | None:
    """``"YYYY-MM"`` of a monthly row; a problem when the month is missing, unreadable or of another year."""
    if MONTH not in values:
        issues.add(f"thiếu tháng: ghi số tháng từ 1 đến 12, ví dụ 3 hoặc 3/{year}", number, where_month)
        return None
    text, column = values[MONTH]
    found = columns.month(text)
    if found is None:
        issues.add(f"tháng '{text}' không hợp lệ; ghi số tháng từ 1 đến 12, ví dụ 3 hoặc 3/{year}", number, column)
        return None
    month, written = found
    if written is not None and written != year:
        issues.add(f"tháng {month}/{written} không thuộc năm {year} (--year)", number, column)
        return None
    return f"{year}-{month:02d}"


def _monthly_entry(entry: dict, key: str | None, layout: Layout, number: int, issues: Issues) -> dict | None:
    """A monthly row gives one month's marks: the criteria, nothing of the year's results."""
    other = [k for k in entry if k != "criteria"]
    if other:
        column = next((layout.column(k) for k in (*other, *RATINGS) if layout.column(k)), None)
        issues.add(
            "bảng tự đánh giá hằng tháng chỉ ghi Đạt / Chưa đạt từng tiêu chí; xếp loại, số đảng viên, công nhận "
            "nhập bằng bảng kết quả năm (không có cột 'Tháng')",
            number,
            column,
        )
        return None
    if "criteria" not in entry or key is None:
        return {}
    return {"monthly": {key: entry["criteria"]}}


def _merge(into: dict, entry: dict) -> None:
    """Rows of one cell (its months) into one change of its record."""
    for key, value in entry.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _values(row: tuple, layout: Layout, number: int, issues: Issues) -> dict[str, tuple[str, int]] | None:
    """The row's filled cells by field, with their column; ``None`` for a blank row or a bad cell."""
    values: dict[str, tuple[str, int]] = {}
    bad = False
    for column, (key, value) in enumerate(zip(layout.keys, row), start=1):
        if isinstance(value, Bad):
            issues.add(value.message, number, column)
            bad = True
        elif key is not None and key != SKIP and value.strip():
            # as the records read text (records/loader.py): one Unicode form, spaces folded
            values[key] = (" ".join(unicodedata.normalize("NFC", value).split()), column)
    if bad:
        return None
    if not values:
        return None
    if "id" not in values and "name" not in values:
        issues.add("có dữ liệu nhưng thiếu mã và tên chi bộ", number)
        return None
    return values


def _where_cell(layout: Layout, values: dict[str, tuple[str, int]]) -> int | None:
    return values["id"][1] if "id" in values else values["name"][1]


class CellFinder:
    """Find a row's cell by its id, its name, or both (which must then agree)."""

    def __init__(self, cells: tuple[Cell, ...]) -> None:
        self.by_id = {c.id: c for c in cells}
        self.by_name: dict[str, list[Cell]] = {}
        for cell in cells:
            self.by_name.setdefault(name_key(cell.name), []).append(cell)

    def find(self, values: dict[str, tuple[str, int]], number: int, layout: Layout, issues: Issues) -> Cell | None:
        by_id = by_name = None
        if "id" in values:
            text, column = values["id"]
            by_id = self.by_id.get(text)
            if by_id is None:
                issues.add(f"không có chi bộ mã '{text}'{_suggest(text, list(self.by_id))}", number, column)
                return None
        if "name" in values:
            by_name = self._by_name(values["name"], number, by_id, issues)
            if by_name is None:
                return None
        if by_id is not None and by_name is not None and by_id is not by_name:
            text, column = values["name"]
            issues.add(
                f"mã '{by_id.id}' là {by_id.name}, nhưng tên '{text}' là của chi bộ mã '{by_name.id}'; "
                "hãy sửa cho khớp",
                number,
                column,
            )
            return None
        return by_id or by_name

    def _by_name(self, value: tuple[str, int], number: int, by_id: Cell | None, issues: Issues) -> Cell | None:
        text, column = value
        found = self.by_name.get(name_key(text), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            if by_id in found:
                return by_id
            ids = ", ".join(c.id for c in found)
            issues.add(f"tên '{text}' là của {len(found)} chi bộ ({ids}); hãy ghi thêm cột 'Mã chi bộ'", number, column)
            return None
        if by_id is not None:
            issues.add(f"tên '{text}' không khớp với tên chi bộ mã '{by_id.id}' là '{by_id.name}'", number, column)
            return None
        names = [c.name for cells in self.by_name.values() for c in cells]
        issues.add(f"không có chi bộ tên '{text}'{_suggest(text, names)}", number, column)
        return None


def _suggest(text: str, options: list[str]) -> str:
    """``"; có phải là 'Chi bộ Khoa Dược'?"``: the closest option, and how it differs when it looks alike."""
    folded = {" ".join(fold_accents(option).split()): option for option in options}
    close = difflib.get_close_matches(" ".join(fold_accents(text).split()), list(folded), n=1, cutoff=0.75)
    if not close:
        return ""
    option = folded[close[0]]
    hint = f"; có phải là '{option}'?"
    index = next((i for i, (a, b) in enumerate(zip(text, option)) if a != b), None)
    if index is not None:
        char = text[index]
        hint += f" (khác ở ký tự thứ {index + 1}: '{char}', mã U+{ord(char):04X}, thay vì '{option[index]}')"
    return hint


def _entry(
    values: dict[str, tuple[str, int]], cell: Cell, common: frozenset[str], number: int, issues: Issues
) -> dict | None:
    """The year's fields this row sets (blank cells keep the record's value); ``None`` on a problem."""
    before = issues.total
    entry: dict = {}
    if "rating" in values:
        text, column = values["rating"]
        entry["rating"] = columns.rating(text)
        if entry["rating"] is None:
            issues.add(f"xếp loại '{text}' không hợp lệ; chọn một trong: {columns.RATING_CHOICES}", number, column)
    if "score" in values:
        text, column = values["score"]
        entry["score"] = columns.score(text)
        if entry["score"] is None or not SCORE_MIN <= entry["score"] <= SCORE_MAX:
            issues.add(
                f"điểm '{text}' phải là số từ {SCORE_MIN} đến {SCORE_MAX} (thang 100), ví dụ 85 hoặc 85,5",
                number,
                column,
            )
    counts = {}
    for key in RATINGS:
        if key in values:
            text, column = values[key]
            counts[key] = columns.count(text)
            if counts[key] is None:
                issues.add(f"số đảng viên {RATING_SHORT[key]} '{text}' phải là số nguyên không âm", number, column)
    if counts:
        entry["members"] = counts
    own = common | {c.id for c in cell.extra_criteria}
    marks = {}
    for key, (text, column) in values.items():
        if not key.startswith(CRITERION):
            continue
        criterion = key[len(CRITERION) :]
        marks[criterion] = columns.mark(text)
        if criterion not in own:
            issues.add(f"chi bộ {cell.id} không có tiêu chí '{criterion}'", number, column)
        elif marks[criterion] is None:
            issues.add(f"tiêu chí {criterion.upper()} '{text}' không hợp lệ; ghi 'Đạt' hoặc 'Chưa đạt'", number, column)
    if marks:
        entry["criteria"] = marks
    if "model" in values:
        text, column = values["model"]
        entry["model"] = columns.yes_no(text)
        if entry["model"] is None:
            issues.add(f"cột công nhận '{text}' không hợp lệ; ghi 'Có' hoặc 'Không'", number, column)
    entry.update({key: values[key][0] for key in TEXT_FIELDS if key in values})
    return entry if issues.total == before else None


def _change(project: Path, cell: Cell, year: int, entry: dict, number: int, issues: Issues) -> Change | None:
    rel = cell_path(cell.id)
    path = project / rel
    try:
        raw = path.read_bytes()
        before = raw.decode("utf-8").removeprefix(BOM).replace("\r\n", "\n")
        after = update_text(before, year, entry)
    except OSError:
        issues.add(f"không đọc được {rel}", number)
        return None
    except (UnicodeDecodeError, YAMLError):
        issues.add(f"không cập nhật được {rel}: hãy chạy 'chibo validate' rồi sửa tệp này", number)
        return None
    return Change(path, rel, before, after, number, raw) if after != before else None


def update_text(text: str, year: int, entry: dict) -> str:
    """The record text with ``year``'s result updated or added, everything else kept; monthly
    forms go in month order, each month's marks on one line."""
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
        if key == "monthly":
            value = _months(current.get(key), value)
        elif isinstance(value, dict):
            existing = current.get(key)
            mapping = existing if isinstance(existing, CommentedMap) else CommentedMap()
            mapping.update(value)  # only the given keys: a blank spreadsheet cell keeps the value
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


def _months(existing: object, given: dict[str, dict]) -> CommentedMap:
    """The year's monthly forms with ``given`` merged in: a month's given marks replace its
    marks one by one (a blank spreadsheet cell keeps the value), a new month goes in order."""
    months = existing if isinstance(existing, CommentedMap) else CommentedMap()
    for month, marks in sorted(given.items()):
        if month in months and isinstance(months[month], CommentedMap):
            months[month].update(marks)
            continue
        mapping = CommentedMap(marks)
        mapping.fa.set_flow_style()
        position = next((i for i, k in enumerate(months) if str(k) > month), len(months))
        months.insert(position, month, mapping)
    return months


def _round_trip(text: str) -> YAML:
    """A ruamel.yaml loader/dumper that writes lists the way this file already does."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    match = re.search(r"^( *)\S[^\n]*:\n( *)- ", text, re.M)
    offset = len(match.group(2)) - len(match.group(1)) if match else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _validate(
    project: Path,
    before: Records,
    changes: list[Change],
    layout: Layout,
    issues: Issues,
    months: dict[tuple[str, str], int],
) -> list[str]:
    """Validate the records as they would be; each problem named by the row (and column) that
    caused it (of a monthly sheet: the row of that cell and month). Errors stop the import;
    the warnings the import would bring (a score outside its rating's band…, as ``chibo
    validate`` would print them) come back as notes to show."""
    rows = {c.rel: c.row for c in changes}
    try:
        after = load_records(project, {c.path: c.after for c in changes})
    except RecordsError as error:
        for problem in error.errors:  # the warnings that come with them do not stop an import
            month = _MONTH_IN_PATH.search(problem.path)
            cell = Path(problem.file).stem
            row = months.get((cell, month.group(1))) if month else None
            column = _column(layout, problem.path) or (layout.column(MONTH) if month else None)
            issues.add(str(problem), row or rows.get(problem.file), column)
        return []
    known = {(p.file, p.message) for p in _warnings(before)}
    new = sorted(
        (p for p in _warnings(after) if p.file in rows and (p.file, p.message) not in known),
        key=lambda p: (rows[p.file], p.line, p.column),
    )
    return [
        f"{issues.source}: {where(rows[p.file], _column(layout, p.path))}{p.file}:{p.line}:{p.column}: "
        f"{p.path}: {p.message}"
        for p in new
    ]


def _warnings(records: Records) -> tuple[Problem, ...]:
    context = Context.of(records)
    rolled = rollups(records, context.scope)
    cells = effective(records.cells, rolled)
    return warnings(records, breaches(records.committee, cells, context, disagreements(records.cells, rolled)))


def _column(layout: Layout, path: str) -> int | None:
    """The column of the value a record problem is about: ``results[7].members.tot`` → the HTTNV column."""
    for part in reversed(re.findall(r"[A-Za-z0-9_-]+", path)):
        for key in (part, CRITERION + part):
            if layout.column(key) is not None:
                return layout.column(key)
    return None
