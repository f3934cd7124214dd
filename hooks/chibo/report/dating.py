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
from .context import Context
from .history import milestone_day, reference_day, registration_days, selection_day
from .selection import recognition_shortfall


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
    context = Context.of(records)
    found = []
    for cell in records.cells:
        if not cell.leadership:
            continue  # no history at all: the top-level secretary is all there is, on every date
        first = cell.leadership[0].date
        for use in _leaders_uses(records, context, cell):
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
    early = (
        []
        if _earliest(records) >= first
        else sorted((u for u in _documents(records, context) if u.day < first), key=_day)
    )
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
    days += [m.done for p in records.programmes for m in p.programme.milestones if m.done is not None]
    days += [reference_day(None, p.programme.period.start, committee.as_of) for p in records.programmes]
    return min(days, default=committee.as_of)


def _leaders_uses(records: Records, context: Context, cell: Cell) -> Iterator[Dated]:
    """Where a cell's leaders on a date are shown: its registration reports, and the
    recognition lists of the years it qualifies in, in each programme."""
    committee = records.committee
    for p in records.programmes:
        events = context.events(cell, p.id)
        for year, day in sorted(registration_days(events).items()):
            yield Dated(day, f"báo cáo khảo sát, đề xuất đăng ký năm {year}")
        period, terms = p.programme.period, p.programme.terms
        criteria = {c.id: c.title for c in context.criteria(cell, p.id)}
        for result in cell.results:
            if not (result.rating and period.start <= result.year <= period.end):
                continue
            if events and not recognition_shortfall(p.programme, events, result, criteria, result.year):
                day = reference_day(
                    milestone_day(p.programme, f"cong-nhan-{result.year}"), result.year, committee.as_of
                )
                yield Dated(day, f"danh sách chi bộ được công nhận {terms.model} năm {result.year}")


def _documents(records: Records, context: Context) -> Iterator[Dated]:
    """Every drafted document and its day, in each programme: the cells' registration reports;
    each year's selection, recognition and review (from the first year of the period); the
    final review."""
    committee, cells = records.committee, records.cells
    for p in records.programmes:
        events = {cell.id: context.events(cell, p.id) for cell in cells}
        for cell in cells:
            for year, day in registration_days(events[cell.id]).items():
                yield Dated(day, f"báo cáo khảo sát, đề xuất đăng ký năm {year} của {cell.name}")
        programme, terms = p.programme, p.programme.terms
        start, end = programme.period.start, programme.period.end
        registered = {e.year for c in cells for e in events[c.id] if e.status == "dang-ky"}
        rated = {r.year for c in cells for r in c.results if r.rating and start <= r.year <= end}
        for year in sorted(y for y in registered | rated if start <= y <= end):
            if year in registered and programme.workflow.selection:
                day = reference_day(selection_day(year, events.values()), year, committee.as_of)
                yield Dated(day, f"quyết định lựa chọn chi bộ năm {year}")
            if year in rated:
                day = reference_day(milestone_day(programme, f"cong-nhan-{year}"), year, committee.as_of)
                yield Dated(day, f"tờ trình, quyết định công nhận {terms.model} năm {year}")
                day = reference_day(milestone_day(programme, f"so-ket-{year}"), year, committee.as_of)
                yield Dated(day, f"báo cáo kết quả năm {year}")
        if committee.as_of.year > end:
            final = milestone_day(programme, "bao-cao-tong-ket") or committee.as_of
            yield Dated(final, f"báo cáo tổng kết giai đoạn {start}-{end}")
