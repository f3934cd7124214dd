"""What the members' side may publish about people: computed once per build from the Report.

Two audiences read one build. The office (Văn phòng Đảng ủy, the Standing Committee, under
``/van-phong/``) sees the Report as it is: true member counts, every note, every document.
Members (the shared link) see the plan, criteria, statuses and results, and of the member
counts only what cannot point at a person, whatever they put together:

1. **No per-cell member counts.** A cell's member ratings (HTXSNV, HTTNV, HTNV, KHTNV) and its
   member total of a year are office-only. In a cell of 10 to 30 members almost every year
   holds a 1 or a 2 somewhere, and hiding such a count while the cell's total and the
   Committee's totals stay published protects nothing (the total minus the other counts
   gives it back); hiding enough to close every such sum would leave little but gaps.
2. **The Committee's member ratings of each year** (all cells together) are published. A
   count from 1 to ``threshold`` − 1 is hidden; when it is the only one hidden in its year,
   the smallest other non-zero count is hidden with it, so the year's total leaves a sum of
   at least two hidden counts, never one. A total below the threshold hides itself and
   every non-zero count.
3. **A cell's current member count** is shown unless it is below the threshold. It may be
   the cell's total of a year, and a year's totals add up to the Committee's: for every year
   a hidden cell recorded, a second cell of that year is hidden too (the smallest count).
4. **Notes**: ``note`` is the office's; members read ``public_note``, the text the office
   writes for them, and of a year's result only when that year's member counts hold no
   small count. (``chibo import`` writes ``note``: nothing imported reaches members.)
5. Warnings about the rules of a year that count members, and the member counts in the
   reasons of the selection conditions, are office-only.

Zero is shown: it names nobody. ``tests/test_audit.py`` proves the method on what the site
publishes: linear programming over every member count of the members' side finds no hidden
value with a single feasible value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..formats import number_vi
from ..records.committee import Privacy
from ..records.models import Leadership, Registration, YearResult
from ..vocab import RATINGS
from .rules import Breach
from .summary import Report

HIDDEN = "ẩn"


@dataclass(frozen=True)
class Shown:
    """A count as members see it: the number, or ``None`` with "ẩn" in its place."""

    value: int | None
    text: str

    @classmethod
    def of(cls, value: int, hidden: bool) -> Shown:
        return cls(None, HIDDEN) if hidden else cls(value, number_vi(value))


@dataclass(frozen=True)
class MemberYear:
    """Xếp loại đảng viên toàn Đảng bộ một năm: the members of every cell rated that year, by
    rating (``RATINGS`` order) and in all, as members see them."""

    year: int
    counts: tuple[Shown, ...]
    total: Shown

    def rating(self, code: str) -> Shown:
        return self.counts[RATINGS.index(code)]

    @property
    def hidden(self) -> bool:
        return self.total.value is None or any(c.value is None for c in self.counts)


@dataclass(frozen=True)
class Disclosure:
    """Công bố cho đảng viên: the member counts the members' side publishes (see the module)."""

    privacy: Privacy
    years: tuple[MemberYear, ...]
    current: Mapping[str, Shown]

    def year(self, value: int) -> MemberYear | None:
        return next((y for y in self.years if y.year == value), None)

    @property
    def hidden(self) -> bool:
        """Whether anything is hidden (the pages then say what "ẩn" means)."""
        return any(y.hidden for y in self.years) or any(s.value is None for s in self.current.values())


def is_small(value: int, privacy: Privacy) -> bool:
    """A count that could point at a person: from 1 to the threshold minus one."""
    return privacy.hide_small_counts and 0 < value < privacy.threshold


def protect(counts: tuple[int, ...], total: int, privacy: Privacy) -> tuple[tuple[Shown, ...], Shown]:
    """One line of counts and its published total, as members may see them (rules 2 and 3)."""
    hidden = {i for i, v in enumerate(counts) if is_small(v, privacy)}
    small_total = is_small(total, privacy)
    if small_total:
        hidden |= {i for i, v in enumerate(counts) if v}
    elif len(hidden) == 1:
        others = [i for i, v in enumerate(counts) if v and i not in hidden]
        if others:
            hidden.add(min(others, key=lambda i: (counts[i], i)))
    return tuple(Shown.of(v, i in hidden) for i, v in enumerate(counts)), Shown.of(total, small_total)


def disclose(report: Report) -> Disclosure:
    """What the members' side publishes of this Report's member counts (once per build)."""
    privacy = report.committee.privacy
    years = []
    for year in report.years:
        if year.members is not None:
            shown, total = protect(year.members, sum(year.members), privacy)
            years.append(MemberYear(year.year, shown, total))
    counted = {c.cell.id: c.leaders.members for c in report.cells if c.leaders.members is not None}
    years_of = {c.cell.id: {row.year for row in c.results if row.members} for c in report.cells}
    hidden = _current_hidden(counted, years_of, privacy)
    current = {cell: Shown.of(value, cell in hidden) for cell, value in counted.items()}
    return Disclosure(privacy, tuple(years), MappingProxyType(current))


def _current_hidden(counted: dict[str, int], years_of: dict[str, set[int]], privacy: Privacy) -> set[str]:
    """The cells whose current count is hidden (rule 3): the small ones, and enough others.

    A current count may equal the cell's total of any year it recorded, and the totals of a
    year add up to the Committee's (published): a hidden count alone among the cells of such
    a year would be that total minus the others. So every year of a hidden cell gets a second
    hidden cell, the smallest count among the cells of that year, until each has one.
    """
    hidden = {cell for cell, value in counted.items() if is_small(value, privacy)}
    waiting = sorted(hidden)
    while waiting:
        cell = waiting.pop()
        for year in sorted(years_of.get(cell, ())):
            others = [d for d in counted if d != cell and year in years_of.get(d, ())]
            if others and not any(d in hidden for d in others):
                other = min(others, key=lambda d: (counted[d], d))
                hidden.add(other)
                waiting.append(other)
    return hidden


def public_note(entry: Registration | Leadership | YearResult, privacy: Privacy) -> str | None:
    """What members may read of the entry's notes (rule 4): its public note, if any, except
    in a year whose member counts hold a small count."""
    counts = entry.members.by_code().values() if isinstance(entry, YearResult) and entry.members else ()
    if any(is_small(v, privacy) for v in counts):
        return None  # a note of such a year may say what the hidden count is
    return entry.public_note


def office_note(entry: Registration | Leadership | YearResult) -> str | None:
    """Every note of the entry, for the office: the note, then the public one."""
    return "; ".join(n for n in (entry.note, entry.public_note) if n) or None


def public_breaches(breaches: Iterable[Breach]) -> tuple[Breach, ...]:
    """The warnings members may read: those that count cells, not members (rule 5)."""
    return tuple(b for b in breaches if "members" not in b.path)
