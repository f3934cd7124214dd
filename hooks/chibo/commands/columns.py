"""The columns of a results sheet: find the header row, name each column, read each value.

Header titles and values are compared folded (no diacritics, no case, punctuation as
spaces), so "Mã chi bộ", "MÃ CHI BỘ" and "ma chi bo" are one column. Rows above the header
(a title such as "KẾT QUẢ XẾP LOẠI NĂM 2026") are allowed; the header is the first row, of
the first ``MAX_TITLE_ROWS``, with a column for the cell's id or name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from ..text import fold_accents
from ..vocab import RATING_LABELS, RATING_SHORT, RATINGS
from .sheet import Bad, Issues, Table, Value, column_letter

# Canonical column → header spellings accepted (compared folded).
COLUMNS = MappingProxyType(
    {
        "id": ("ma", "ma chi bo", "id"),
        "name": ("ten", "ten chi bo", "chi bo", "name"),
        "rating": ("xep loai", "xep loai chi bo", "ma xep loai", "rating"),
        "score": ("diem", "diem danh gia", "tong diem", "diem xep loai", "score"),
        "xuat-sac": ("dv htxsnv", "htxsnv", "dang vien htxsnv", "xuat sac"),
        "tot": ("dv httnv", "httnv", "dang vien httnv", "tot"),
        "hoan-thanh": ("dv htnv", "htnv", "dang vien htnv", "hoan thanh"),
        "khong-hoan-thanh": ("dv khtnv", "khtnv", "dang vien khtnv", "khong hoan thanh"),
        # and the programme's own word for a recognised cell (``model_spellings``)
        "model": ("cong nhan", "duoc cong nhan", "model"),
        "month": ("thang", "thang tu danh gia", "thang danh gia", "month"),
        "decision": ("quyet dinh", "quyet dinh cong nhan", "decision"),
        "award": ("khen thuong", "award"),
        "note": ("ghi chu", "note"),
        "skip": ("stt", "tt", "so tt", "so thu tu"),  # a row number column: read, never imported
    }
)
SKIP = "skip"
MONTH = "month"
CRITERION = "criterion:"
MAX_TITLE_ROWS = 10
# How people write yes / no and đạt / chưa đạt in a spreadsheet (compared folded).
YES_SPELLINGS = frozenset({"co", "x", "dat", "true", "1", "yes", "v", "✓"})
NO_SPELLINGS = frozenset({"khong", "chua dat", "false", "0", "no", "-"})
MET_SPELLINGS = frozenset({"dat", "x", "co", "✓", "v", "1", "true"})
NOT_MET_SPELLINGS = frozenset({"chua dat", "khong dat", "khong", "0", "false", "✗"})
_ALIASES = MappingProxyType({alias: key for key, aliases in COLUMNS.items() for alias in aliases})


def fold(text: object) -> str:
    """``"Mã chi bộ"`` → ``"ma chi bo"``: what a header or a value means, spelled any way."""
    return " ".join(re.sub(r"[^a-z0-9✓✗]+", " ", fold_accents(str(text))).split())


def model_spellings(terms: Iterable[str]) -> frozenset[str]:
    """Header spellings of the recognition column from the programmes' words for a recognised
    cell: ``"chi bộ bốn tốt"`` → ``chi bo bon tot``, ``bon tot``, ``dat bon tot``."""
    found = set()
    for term in terms:
        name = fold(term)
        short = name.removeprefix("chi bo ").strip()
        found |= {name, short, f"dat {short}", f"duoc cong nhan {short}"}
    return frozenset(found - {""})


def column_key(title: str, criteria: frozenset[str], model: frozenset[str] = frozenset()) -> str | None:
    """The field a header title names: a ``COLUMNS`` key or ``criterion:<id>``; ``None`` if unknown.
    ``model``: more spellings of the recognition column (``model_spellings``)."""
    name = fold(title)
    if name in _ALIASES:
        return _ALIASES[name]
    if name in model:
        return "model"
    if name.replace(" ", "-") in criteria:
        return CRITERION + name.replace(" ", "-")
    return None


@dataclass(frozen=True)
class Layout:
    """Where the header is (its row number) and the field each column fills (``None``: none)."""

    header: int
    keys: tuple[str | None, ...]

    def column(self, key: str) -> int | None:
        """The column (from 1) that fills ``key``."""
        return self.keys.index(key) + 1 if key in self.keys else None


def find_layout(
    table: Table, criteria: frozenset[str], issues: Issues, model: frozenset[str] = frozenset()
) -> Layout | None:
    """The header row and its columns; ``None`` (with the problems in ``issues``) when unusable."""
    for number, row in enumerate(table.rows[:MAX_TITLE_ROWS], start=1):
        keys = [column_key(v, criteria, model) if isinstance(v, str) else None for v in row]
        if "id" in keys or "name" in keys:
            return _checked(table, number, criteria, issues, model)
    first = next((n for n, row in enumerate(table.rows, start=1) if any(_filled(v) for v in row)), None)
    if first is None:
        issues.add("bảng tính trống")
        return None
    for column, title in enumerate(table.rows[first - 1], start=1):
        if isinstance(title, str) and title.strip() and column_key(title, criteria, model) is None:
            issues.add(f"không hiểu tiêu đề cột '{title.strip()}'", first, column)
    how = f" (đã đọc như {table.how})" if table.how else ""
    issues.add(f"không thấy dòng tiêu đề có cột 'Mã chi bộ' hoặc 'Tên chi bộ' trong {MAX_TITLE_ROWS} dòng đầu{how}")
    return None


def _checked(
    table: Table, number: int, criteria: frozenset[str], issues: Issues, model: frozenset[str]
) -> Layout | None:
    """Check the header row: every title known, none repeated, none merged, none blank over data."""
    before = issues.total
    header = table.rows[number - 1]
    merged = _merged_header(table, number, issues)
    keys: list[str | None] = []
    seen: dict[str, int] = {}
    for column, title in enumerate(header, start=1):
        key = None
        if isinstance(title, Bad):
            issues.add(title.message, number, column)
        elif title.strip() and column not in merged:
            key = column_key(title, criteria, model)
            if key is None:
                issues.add(f"không hiểu tiêu đề cột '{title.strip()}'{_criteria_hint(title, criteria)}", number, column)
            elif key in seen and key != SKIP:
                issues.add(
                    f"tiêu đề '{title.strip()}' bị lặp: cột {column_letter(seen[key])} cũng là cột này", number, column
                )
                key = None
            else:
                seen.setdefault(key, column)
        keys.append(key)
    _blank_titles(table, number, header, merged, issues)
    return Layout(number, tuple(keys)) if issues.total == before else None


def _criteria_hint(title: str, criteria: frozenset[str]) -> str:
    """What the criterion columns of this sheet may be, when a title looks like a criterion's id."""
    if not re.fullmatch(r"[a-z]+ ?-?[0-9]+", fold(title)) or not criteria:
        return ""
    return f"; các cột tiêu chí của năm này: {', '.join(sorted(c.upper() for c in criteria))}"


def _merged_header(table: Table, number: int, issues: Issues) -> set[int]:
    """Columns of merged ranges that touch the header row: each is an error, once."""
    columns: set[int] = set()
    for top, left, bottom, right in table.merged:
        if top <= number <= bottom and (top, left) != (bottom, right):
            span = (
                f"cột {column_letter(left)}" if left == right else f"cột {column_letter(left)}–{column_letter(right)}"
            )
            span += f", dòng {top}–{bottom}" if bottom > top else ""
            issues.add(
                f"ô gộp ở dòng tiêu đề ({span}): mỗi cột cần một tiêu đề riêng trên cùng một dòng; hãy bỏ gộp ô",
                number,
                left,
            )
            columns.update(range(left, right + 1))
    return columns


def _blank_titles(table: Table, number: int, header: tuple[Value, ...], merged: set[int], issues: Issues) -> None:
    """A column without a title but with data below: its data would be dropped."""
    width = max((len(row) for row in table.rows[number:]), default=0)
    for column in range(1, width + 1):
        title = header[column - 1] if column <= len(header) else ""
        if column in merged or isinstance(title, Bad) or title.strip():
            continue
        row = next(
            (
                n
                for n, cells in enumerate(table.rows[number:], start=number + 1)
                if column <= len(cells) and _filled(cells[column - 1])
            ),
            None,
        )
        if row is not None:
            issues.add(
                f"cột không có tiêu đề nhưng có dữ liệu (dòng {row}); hãy ghi tiêu đề hoặc xóa dữ liệu", number, column
            )


def _filled(value: Value) -> bool:
    return isinstance(value, Bad) or bool(value.strip())


# --- values -------------------------------------------------------------------------------


def rating(text: str) -> str | None:
    """A rating code from its code, full label or abbreviation; ``None`` when none matches."""
    value = fold(text)
    for code in RATINGS:
        if value in (fold(code), fold(RATING_LABELS[code]), fold(RATING_SHORT[code])):
            return code
    return None


RATING_CHOICES = ", ".join(f"{RATING_SHORT[c]} ({c})" for c in RATINGS)


def count(text: str) -> int | None:
    """A number of members: digits only (``"12"``; Excel's ``12`` arrives as ``"12"``)."""
    value = text.strip()
    return int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None


_SCORE = re.compile(r"[0-9]{1,3}([.,][0-9]+)?")


def score(text: str) -> float | int | None:
    """A score out of 100 as people type it: ``85``, ``85,5`` (a decimal comma, as Vietnamese
    spreadsheets write it) or ``85.5``; ``None`` when it is no such number. The bounds are
    the record field's (``records.fields.Score``), checked by the importer."""
    value = text.strip()
    if not _SCORE.fullmatch(value):
        return None
    number = float(value.replace(",", "."))
    return int(number) if number.is_integer() else number


def mark(text: str) -> str | None:
    """``dat`` or ``chua-dat`` from the ways people write them."""
    value = fold(text)
    if value in MET_SPELLINGS:
        return "dat"
    if value in NOT_MET_SPELLINGS:
        return "chua-dat"
    return None


def yes_no(text: str) -> bool | None:
    value = fold(text)
    if value in YES_SPELLINGS or value in NO_SPELLINGS:
        return value in YES_SPELLINGS
    return None


_MONTH = re.compile(r"(?:thang|t)?\s*([0-9]{1,2})(?:\s*(?:nam)?\s*([0-9]{4}))?")
_ISO_MONTH = re.compile(r"([0-9]{4})\s+([0-9]{1,2})")
_DAY = re.compile(r"([0-9]{1,2})\s+([0-9]{1,2})\s+([0-9]{4})")


def month(text: str) -> tuple[int, int | None] | None:
    """The month (and year, when written) of a "Tháng" cell as people write it: ``3``, ``03``,
    ``Tháng 3``, ``T3``, ``3/2026``, ``2026-03``, or a date (``01-3-2026``, ``01/03/2026``: a
    date cell of Excel arrives so); ``None`` when it is no month."""
    value = fold(text)
    for pattern, order in ((_ISO_MONTH, (2, 1)), (_DAY, (2, 3)), (_MONTH, (1, 2))):
        match = pattern.fullmatch(value)
        if match:
            number, year = match.group(order[0]), match.group(order[1])
            if 1 <= int(number) <= 12:
                return int(number), int(year) if year else None
            return None
    return None
