"""The year a sheet says it is for, checked against ``--year``.

A sheet may name its year in the file name (``ket-qua-2025.xlsx``), the sheet's title,
title rows above the header, or the dates of its recognition decisions. Where it does, the
year given with ``--year`` must agree, or the user confirms it with ``--confirm-year``
(then each disagreement is a warning instead of an error): importing the 2026 sheet as
2025 would overwrite 2025's results.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..records.fields import MAX_YEAR, MIN_YEAR
from .columns import Layout
from .sheet import Issues, Table, where

_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
# "ngày 18-12-2026", "ngày 18/12/2026", "ngày 18 tháng 12 năm 2026"
_DATE = re.compile(
    r"ngày\s*[0-9]{1,2}\s*(?:[-/.]\s*[0-9]{1,2}\s*[-/.]|tháng\s*[0-9]{1,2}\s*năm)\s*([0-9]{4})", re.IGNORECASE
)
CONFIRM = "--confirm-year"


def years_in(text: str) -> list[int]:
    """The plausible years written in ``text``."""
    return [y for y in map(int, _YEAR.findall(text)) if MIN_YEAR <= y <= MAX_YEAR]


def agrees(year: int, named: list[int]) -> bool:
    """``year`` is one the text names, or lies within the span it names (``2022–2025``)."""
    return not named or year in named or min(named) < year < max(named)


def check_year(
    sheet: Path, table: Table, layout: Layout, year: int, confirmed: bool, issues: Issues, notes: list[str]
) -> None:
    """Every place the sheet names a year that is not ``year``: an error, or a note when confirmed."""

    def disagree(message: str, row: int | None = None, column: int | None = None) -> None:
        if confirmed:
            notes.append(f"{table.source}: {where(row, column)}{message} (đã xác nhận bằng {CONFIRM})")
        else:
            issues.add(f"{message}; kiểm tra lại, hoặc thêm {CONFIRM} nếu đúng là năm {year}", row, column)

    found = years_in(sheet.stem)
    if not agrees(year, found):
        disagree(f"tên tệp ghi năm {_shown(found)} nhưng --year {year}")
    found = years_in(table.sheet or "")
    if not agrees(year, found):
        disagree(f"tên trang tính '{table.sheet}' ghi năm {_shown(found)} nhưng --year {year}")
    for number, row in enumerate(table.rows[: layout.header - 1], start=1):
        for column, text in enumerate(row, start=1):
            found = _title_years(text, year) if isinstance(text, str) else []
            if found:
                disagree(f"tiêu đề ghi năm {_shown(found)} nhưng --year {year}", number, column)
                break
    _decisions(table, layout, year, disagree)


def _title_years(text: str, year: int) -> list[int]:
    """The years a title names that disagree with ``year``; a date in it may be early next year."""
    dated = [int(y) for y in _DATE.findall(text)]
    named = years_in(_DATE.sub(" ", text))
    wrong = [y for y in dated if y not in (year, year + 1)]
    return wrong + ([] if agrees(year, named) else named)


def _decisions(table: Table, layout: Layout, year: int, disagree) -> None:
    """A recognition decision for year Y is signed in Y or early the next year."""
    column = layout.column("decision")
    if column is None:
        return
    for number, row in enumerate(table.rows[layout.header :], start=layout.header + 1):
        text = row[column - 1] if column <= len(row) else ""
        dates = [int(y) for y in _DATE.findall(text)] if isinstance(text, str) else []
        wrong = [y for y in dates if y not in (year, year + 1)]
        if wrong:
            disagree(
                f"quyết định ký năm {wrong[0]}, không thuộc năm {year} (--year) hay đầu năm {year + 1}", number, column
            )


def _shown(years: list[int]) -> str:
    unique = sorted(set(years))
    return str(unique[0]) if len(unique) == 1 else f"{unique[0]}–{unique[-1]}"
