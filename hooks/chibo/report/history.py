"""What held on a date: the Committee's names and place, a cell's leaders, members, chi ủy;
and which day each document is dated (the one home of those rules).

Everything dated in the past (a registration report for year R, the timeline, a year's
documents) shows the values in force on its own date, not today's (DESIGN.md §3: the last
entry on or before the date). Before the first entry, the first entry holds (never today's
values; ``dating.py`` warns). "Now" is the data date ``as_of``: an entry dated after it is
planned, not current.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..records.committee import Committee, Naming
from ..records.models import Cell, Leadership, Registration
from ..records.programme import Programme

# Điều lệ Đảng, Điều 24 khoản 4: a cell with 9 full members or more elects a chi ủy.
COMMITTEE_MIN_MEMBERS = 9

T = TypeVar("T")


def in_force(entries: Sequence[T], dates: Sequence[dt.date], day: dt.date) -> T | None:
    """The last entry whose date is on or before ``day`` (``dates`` sorted, one per entry)."""
    index = bisect.bisect_right(dates, day)
    return entries[index - 1] if index else None


def naming_on(committee: Committee, day: dt.date) -> Naming:
    """Names and place in force on ``day``; before the first entry, the first entry's."""
    names = committee.names
    return in_force(names, [n.date for n in names], day) or names[0]


def leadership_on(cell: Cell, day: dt.date) -> Leadership | None:
    """The cell's leaders in force on ``day``; before the first entry, the first entry's;
    ``None`` only when the record has no ``leadership``."""
    entries = cell.leadership
    found = in_force(entries, [e.date for e in entries], day)
    return entries[0] if found is None and entries else found


def current_leadership(cell: Cell, as_of: dt.date) -> Leadership | None:
    """The entry in force on the data date; ``None`` when there is none yet (every entry planned)."""
    return in_force(cell.leadership, [e.date for e in cell.leadership], as_of)


def planned(day: dt.date, as_of: dt.date) -> bool:
    """An entry from ``day`` is planned, not current, when it starts after the data date."""
    return day > as_of


def members_in(cell: Cell, year: int) -> int | None:
    """Số đảng viên of a year: that year's member ratings added up, else the current count."""
    result = next((r for r in cell.results if r.year == year), None)
    if result is not None and result.members is not None:
        return result.members.total
    return cell.members


@dataclass(frozen=True)
class Leaders:
    """Lãnh đạo chi bộ on one date: secretary, deputy, whether there is a chi ủy, members."""

    day: dt.date | None
    secretary: str | None
    deputy: str | None
    committee: bool
    members: int | None

    @property
    def signs_for(self) -> str:
        """The signing line: "T/M CHI ỦY" when the cell has a chi ủy, else "T/M CHI BỘ"."""
        return "T/M CHI ỦY" if self.committee else "T/M CHI BỘ"

    @property
    def body(self) -> str:
        """Who speaks for the cell in its documents: "Chi ủy" or "Chi bộ"."""
        return "Chi ủy" if self.committee else "Chi bộ"


def leaders_on(cell: Cell, day: dt.date, year: int) -> Leaders:
    """The cell's leaders on ``day``, with the member count of ``year``."""
    return _leaders(cell, leadership_on(cell, day), members_in(cell, year), day)


def leaders_counted(cell: Cell, day: dt.date, members: int | None) -> Leaders:
    """The cell's leaders on ``day`` with the member count known that day (``members``: a
    document states the count of its own date, see ``members_on``)."""
    return _leaders(cell, leadership_on(cell, day), members, day)


def current_leaders(cell: Cell, as_of: dt.date) -> Leaders:
    """Today's leaders, as of the data date: the entry in force on it (not a planned one; with
    none in force yet, the top-level ``secretary``), the current member count."""
    latest = max((r for r in cell.results if r.members is not None), key=lambda r: r.year, default=None)
    members = (
        cell.members if cell.members is not None else (latest.members.total if latest and latest.members else None)
    )
    return _leaders(cell, current_leadership(cell, as_of), members, as_of)


def _leaders(cell: Cell, entry: Leadership | None, members: int | None, day: dt.date) -> Leaders:
    if entry is not None and entry.committee is not None:
        committee = entry.committee
    else:
        committee = members is not None and members >= COMMITTEE_MIN_MEMBERS
    secretary = entry.secretary if entry is not None else cell.secretary
    return Leaders(day, secretary, entry.deputy if entry is not None else None, committee, members)


# --- the day each document is dated ------------------------------------------------------

# The events whose date a registration report carries (the last of them in its year).
REPORT_EVENTS = ("khao-sat", "dang-ky")
DECISION_EVENTS = ("lua-chon", "khong-lua-chon")


def reference_day(date: dt.date | None, year: int, as_of: dt.date) -> dt.date:
    """The day whose names and place a document shows: its own date, else the end of its year
    (the data date if that is earlier)."""
    return date or min(dt.date(year, 12, 31), as_of)


def milestone_day(programme: Programme, milestone: str) -> dt.date | None:
    """The day a programme's milestone was done (``cong-nhan-2024``, ``so-ket-2024``,
    ``bao-cao-tong-ket``): the date of the document it produced."""
    found = next((m for m in programme.milestones if m.id == milestone), None)
    return found.done if found else None


def registration_days(events: Iterable[Registration]) -> dict[int, dt.date]:
    """Each year a cell surveyed or registered for (in ``events``: those of one programme), and
    the date of its report: its last survey or registration event of that year."""
    return {e.year: e.date for e in events if e.status in REPORT_EVENTS}


def selection_day(year: int, cells: Iterable[Iterable[Registration]]) -> dt.date | None:
    """The day the selection for ``year`` was decided: the last decision event of the cells
    that registered for it (``cells``: each cell's events of the programme)."""
    days = []
    for events in cells:
        events = tuple(events)
        if any(r.status == "dang-ky" and r.year == year for r in events):
            days += [e.date for e in events if e.year == year and e.status in DECISION_EVENTS]
    return max(days, default=None)


@dataclass(frozen=True)
class MemberCount:
    """Số đảng viên as known on a day: the value and where it comes from (a year-end, the
    member ratings of ``year`` added up; or the data date's ``members``)."""

    value: int
    day: dt.date
    year: int | None


def members_on(cell: Cell, day: dt.date, as_of: dt.date) -> MemberCount | None:
    """The member count known on ``day``: the data date's count (``members``) when ``day`` is
    after the data date, else the last year-end count before ``day``; ``None`` when neither."""
    if cell.members is not None and as_of < day:
        return MemberCount(cell.members, as_of, None)
    ends = [r for r in cell.results if r.members is not None and r.members.total and dt.date(r.year, 12, 31) < day]
    latest = max(ends, key=lambda r: r.year, default=None)
    if latest is None or latest.members is None:
        return None
    return MemberCount(latest.members.total, dt.date(latest.year, 12, 31), latest.year)
