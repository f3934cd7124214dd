"""The tables of the downloads: rows with Vietnamese headers and a kind per column.

The CSV files and the spreadsheets (``spreadsheets.py``) are two encodings of these same
rows, so they always agree. A column's ``kind`` tells the spreadsheet how to store its
values: text, a whole number, a date, or a share in percent. Each table is made for an
``Audience``: the members' downloads carry what the members' pages show (no member counts
of a cell by rating, public notes only, the Committee's small counts as "ẩn"); the office's
(``/van-phong/du-lieu/``) the true figures and every note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..formats import threshold_phrase
from ..report import CellReport, Report, YearReport
from ..report.privacy import Shown
from ..report.stats import TargetCheck
from ..vocab import EVENT_LABELS, RATING_LABELS, RATINGS
from .audience import Audience

Kind = Literal["text", "number", "date", "percent"]


@dataclass(frozen=True)
class Column:
    """One column: its header as readers see it and how its values are stored."""

    label: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    """One table of a download: a sheet of a spreadsheet, or a whole CSV file."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]


def _columns(*specs: str | tuple[str, Kind]) -> tuple[Column, ...]:
    return tuple(Column(s) if isinstance(s, str) else Column(*s) for s in specs)


CELL_COLUMNS = _columns(
    "Mã chi bộ",
    "Tên chi bộ",
    "Mã loại hình",
    "Loại hình",
    "Bí thư",
    ("Số đảng viên", "number"),
    "Mã trạng thái",
    "Trạng thái",
    ("Năm xếp loại gần nhất", "number"),
    "Mã xếp loại gần nhất",
    "Xếp loại gần nhất",
    "Các năm được công nhận",
    "Trang",
)
MEMBER_COLUMNS = _columns(
    ("ĐV HTXSNV", "number"), ("ĐV HTTNV", "number"), ("ĐV HTNV", "number"), ("ĐV KHTNV", "number")
)
RESULT_HEAD = _columns("Mã chi bộ", "Tên chi bộ", ("Năm", "number"), "Mã xếp loại", "Xếp loại")
RESULT_TAIL = _columns(
    "Tiêu chí đạt", "Tiêu chí chưa đạt", "Được công nhận", "Mã chương trình", "Quyết định", "Khen thưởng", "Ghi chú"
)
RESULT_COLUMNS = RESULT_HEAD + RESULT_TAIL  # the members'
OFFICE_RESULT_COLUMNS = RESULT_HEAD + MEMBER_COLUMNS + RESULT_TAIL
EVENT_COLUMNS = _columns(
    "Mã chi bộ",
    "Tên chi bộ",
    ("Ngày", "date"),
    "Mã sự kiện",
    "Sự kiện",
    ("Năm thực hiện", "number"),
    "Mã chương trình",
    "Quyết định",
    "Ghi chú",
)
YEAR_COLUMNS = (
    _columns(
        ("Năm", "number"),
        ("Số chi bộ đã xếp loại", "number"),
        ("Số chi bộ chưa xếp loại", "number"),
        ("HTXSNV", "number"),
        ("HTTNV", "number"),
        ("HTNV", "number"),
        ("KHTNV", "number"),
        ("HTTNV trở lên", "number"),
        ("Tỷ lệ HTTNV trở lên", "percent"),
        ("Được công nhận", "number"),
        ("Tỷ lệ được công nhận", "percent"),
    )
    + MEMBER_COLUMNS
    + _columns(("Tổng số đảng viên", "number"))
)
TARGET_COLUMNS = _columns(
    "Mã chương trình",
    "Chỉ tiêu",
    ("Năm", "number"),
    "Mức cần đạt",
    ("Ngưỡng", "percent"),
    ("Số chi bộ đã xếp loại", "number"),
    ("Số chi bộ đạt", "number"),
    ("Tỷ lệ thực tế", "percent"),
    "Kết quả",
    ("Còn thiếu (chi bộ)", "number"),
)


def cell_table(report: Report, audience: Audience) -> Table:
    """Chi bộ: one row per cell, its status and latest rating (chi-bo.csv)."""
    return Table("Chi bộ", CELL_COLUMNS, tuple(_cell_row(view, audience) for view in report.cells))


def _cell_row(view: CellReport, audience: Audience) -> tuple[object, ...]:
    cell, latest = view.cell, view.latest
    rating = latest.rating if latest else None
    return (
        cell.id,
        cell.name,
        cell.type,
        view.type.name,
        view.leaders.secretary,  # in force on the data date (report/history.py)
        _count(audience.members(view)),
        view.status.code,
        view.status.label,
        latest.year if latest else None,
        rating,
        RATING_LABELS[rating] if rating else None,
        "; ".join(map(str, view.model_years)),
        view.url,
    )


def result_table(report: Report, audience: Audience) -> Table:
    """Kết quả: one row per cell and year (ket-qua.csv); member counts in the office's only."""
    rows = []
    for view in report.cells:
        cell = view.cell
        for row in view.results:
            r = row.result
            marks = r.criteria or {}
            counts = (row.members or (None,) * len(RATINGS)) if audience.office else ()
            rows.append(
                (
                    cell.id,
                    cell.name,
                    r.year,
                    r.rating,
                    RATING_LABELS.get(r.rating or "", None),
                    *counts,
                    "; ".join(k for k, v in marks.items() if v == "dat"),
                    "; ".join(k for k, v in marks.items() if v == "chua-dat"),
                    "Có" if r.model else "Không",
                    next((p.id for p in view.parts if r.year in p.model_years), None),
                    r.decision,
                    r.award,
                    audience.note(r),
                )
            )
    columns = OFFICE_RESULT_COLUMNS if audience.office else RESULT_COLUMNS
    return Table("Kết quả", columns, tuple(rows))


def event_table(report: Report, audience: Audience) -> Table:
    """Sự kiện đăng ký: every registration event of every cell, in each cell's order."""
    rows = tuple(
        (
            view.cell.id,
            view.cell.name,
            e.date,
            e.status,
            EVENT_LABELS[e.status],
            e.year,
            next((p.id for p in view.parts if e in p.events), None),
            e.decision,
            audience.note(e),
        )
        for view in report.cells
        for e in view.cell.registration
    )
    return Table("Sự kiện đăng ký", EVENT_COLUMNS, rows)


def year_table(report: Report, audience: Audience) -> Table:
    """Tổng hợp theo năm: the figures of each year (as in ket-qua.json), with the Committee's
    members by rating as this audience sees them."""
    return Table("Tổng hợp theo năm", YEAR_COLUMNS, tuple(_year_row(y, audience) for y in report.years))


def _year_row(year: YearReport, audience: Audience) -> tuple[object, ...]:
    s = year.stats
    return (
        s.year,
        s.rated,
        s.unrated,
        *(s.ratings[code].count for code in RATINGS),
        s.good_or_better.count,
        s.good_or_better.percent,
        s.model.count,
        s.model.percent,
        *member_counts(year, audience),
    )


def member_counts(year: YearReport, audience: Audience) -> tuple[int | str | None, ...]:
    """The Committee's members of ``year`` by rating, then in all ("ẩn" where hidden)."""
    if year.members is None:
        return (None,) * (len(RATINGS) + 1)
    if audience.office:
        return (*year.members, year.member_total)
    shown = audience.member_year(year.year)
    assert shown is not None  # every year with member counts has its members' view
    return (*map(_count, shown.counts), _count(shown.total))


def target_table(report: Report) -> Table:
    """Chỉ tiêu: each target of each programme against its year."""
    rows = tuple(_target_row(p.id, check) for p in report.programmes for check in p.targets)
    return Table("Chỉ tiêu", TARGET_COLUMNS, rows)


def _target_row(programme: str, check: TargetCheck) -> tuple[object, ...]:
    t = check.target
    verdict = None if check.met is None else "Đạt" if check.met else "Chưa đạt"
    return (
        programme,
        t.label,
        t.year,
        threshold_phrase(t.comparison, t.percent),
        t.percent,
        check.stats.rated if check.stats else None,
        check.actual,
        check.actual_percent,
        verdict,
        check.needed,
    )


def _count(shown: Shown | None) -> int | str | None:
    """A member count as a number, or the text published in its place ("ẩn")."""
    if shown is None:
        return None
    return shown.value if shown.value is not None else shown.text
