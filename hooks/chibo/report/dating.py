"""Documents dated before what the records know: a warning for each.

A document shows the names (``names`` of ``dang-bo.yml``) and a cell's leaders
(``leadership``) in force on its own date (``history``). Before the first entry, the first
entry holds, never today's: a 2022 report is not signed by a secretary elected in 2023 just
because the records start there. But the records cannot say who held office then, so each
document dated before the first entry is a warning at that entry (the place to add an
earlier one), naming the document and its date.

The documents and their dates are the drafts' (``output/documents``), from the same rules
in ``history`` (``registration_days``, ``selection_day``, ``milestone_day``,
``reference_day``), worked out from the records alone: ``chibo validate`` makes no Report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..formats import date_vi
from ..records import Records
from ..records.models import Cell
from ..records.paths import cell_path, committee_path
from .cells import cell_criteria
from .history import milestone_day, reference_day, registration_days, selection_day
from .rounds import in_programme, qualified_years


@dataclass(frozen=True)
class Early:
    """Văn bản có ngày trước mục đầu tiên: a warning at the first entry of a dated list."""

    file: str
    path: tuple[str | int, ...]
    message: str


@dataclass(frozen=True)
class Dated:
    """A drafted document and the day it shows what held on (its date, else its year's end)."""

    day: dt.date
    title: str


def before_first(records: Records) -> tuple[Early, ...]:
    """The warnings: one per document before a cell's first leaders; for the names, one naming
    the earliest document and how many more are before the first entry."""
    committee = records.committee
    found = []
    for cell in records.cells:
        if not cell.leadership:
            continue  # no history at all: the top-level secretary is all there is, on every date
        first = cell.leadership[0].date
        for use in _leaders_uses(records, cell):
            if use.day < first:
                found.append(
                    Early(
                        cell_path(cell.id),
                        ("leadership", 0, "date"),
                        f"{use.title} (ngày {date_vi(use.day)}) có trước mục lãnh đạo đầu tiên "
                        f"({date_vi(first)}): văn bản ghi bí thư, phó bí thư của mục đầu tiên; hãy thêm mục "
                        f"có hiệu lực vào ngày {date_vi(use.day)}",
                    )
                )
    first = committee.names[0].date
    early = [] if _earliest(records) >= first else sorted((u for u in _documents(records) if u.day < first), key=_day)
    if early:
        use, more = early[0], len(early) - 1
        others = f" và {more} văn bản khác" if more else ""
        found.append(
            Early(
                committee_path(),
                ("names", 0, "from"),
                f"{use.title} (ngày {date_vi(use.day)}){others} có trước mục tên gọi đầu tiên ({date_vi(first)}): "
                "văn bản ghi tên gọi, cấp trên, địa danh của mục đầu tiên; hãy thêm mục có hiệu lực từ ngày "
                f"{date_vi(use.day)}",
            )
        )
    return tuple(found)


def _day(use: Dated) -> dt.date:
    return use.day


def _earliest(records: Records) -> dt.date:
    """No document is dated before this day: the first registration event or milestone done,
    or the day an undated one of the first year of the period shows (``reference_day``)."""
    committee = records.committee
    days = [e.date for cell in records.cells for e in cell.registration]
    days += [m.done for m in committee.milestones if m.done is not None]
    return min(days + [reference_day(None, committee.period.start, committee.as_of)])


def _leaders_uses(records: Records, cell: Cell) -> Iterator[Dated]:
    """Where a cell's leaders on a date are shown: its registration reports, and the
    recognition lists of the years it qualifies in."""
    for year, day in sorted(registration_days(cell).items()):
        yield Dated(day, f"báo cáo khảo sát, đề xuất đăng ký năm {year}")
    committee = records.committee
    rated = sorted({r.year for r in cell.results if r.rating and r.year >= committee.period.start})
    for year in qualified_years(cell, cell_criteria(cell, records.book), rated):
        day = reference_day(milestone_day(committee, f"cong-nhan-{year}"), year, committee.as_of)
        yield Dated(day, f"danh sách chi bộ được công nhận chi bộ kiểu mẫu năm {year}")


def _documents(records: Records) -> Iterator[Dated]:
    """Every drafted document and its day: the cells' registration reports; each year's
    selection, recognition and review (from the first year of the period); the final review."""
    committee, cells = records.committee, records.cells
    for cell in cells:
        for year, day in registration_days(cell).items():
            yield Dated(day, f"báo cáo khảo sát, đề xuất đăng ký năm {year} của {cell.name}")
    start, end = committee.period.start, committee.period.end
    registered = {e.year for c in cells for e in c.registration if e.status == "dang-ky"}
    rated = {r.year for c in cells for r in c.results if r.rating}
    programme = {y for y in rated if any(any(in_programme(c.registration, y)) for c in cells)}
    for year in sorted(y for y in registered | rated if y >= start):
        if year in registered:
            day = reference_day(selection_day(year, cells), year, committee.as_of)
            yield Dated(day, f"quyết định lựa chọn chi bộ năm {year}")
        if year in programme:
            day = reference_day(milestone_day(committee, f"cong-nhan-{year}"), year, committee.as_of)
            yield Dated(day, f"tờ trình, quyết định công nhận chi bộ kiểu mẫu năm {year}")
        if year in rated:
            day = reference_day(milestone_day(committee, f"so-ket-{year}"), year, committee.as_of)
            yield Dated(day, f"báo cáo kết quả năm {year}")
    final = milestone_day(committee, "bao-cao-tong-ket") or committee.as_of
    yield Dated(final, f"báo cáo tổng kết giai đoạn {start}-{end}")
