"""What held on a date: the Committee's names and place, a cell's leaders, members, chi ủy.

Everything dated in the past (a registration report for year R, the timeline, a year's
documents) shows the values in force on its own date, not today's (DESIGN.md §3: the last
entry on or before the date).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..records.committee import Committee, Naming
from ..records.models import Cell, Leadership

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
    return in_force(cell.leadership, [e.date for e in cell.leadership], day)


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
    document states the count of its own date, see ``papers.members_on``)."""
    return _leaders(cell, leadership_on(cell, day), members, day)


def current_leaders(cell: Cell, as_of: dt.date) -> Leaders:
    """Today's leaders (as of the data date): the last entry, the current member count."""
    latest = max((r for r in cell.results if r.members is not None), key=lambda r: r.year, default=None)
    members = cell.members if cell.members is not None else (latest.members.total if latest else None)
    return _leaders(cell, cell.leadership[-1] if cell.leadership else None, members, as_of)


def _leaders(cell: Cell, entry: Leadership | None, members: int | None, day: dt.date) -> Leaders:
    if entry is not None and entry.committee is not None:
        committee = entry.committee
    else:
        committee = members is not None and members >= COMMITTEE_MIN_MEMBERS
    secretary = entry.secretary if entry is not None else cell.secretary
    return Leaders(day, secretary, entry.deputy if entry is not None else None, committee, members)
