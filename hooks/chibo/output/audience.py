"""Who a page or a download is for: the members (the shared link) or the office (``/van-phong/``).

One template serves both where both read the same page with different figures (a cell, a
year, the downloads): it asks its ``Audience`` for the member count, the note, the reason
or the warnings it may print, and for the address of the page it links to. The members'
answers come from the build's ``Disclosure`` (``report/privacy.py``, computed once); the
office's are the Report's own, true.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..records.models import Leadership, Registration, YearResult
from ..report.privacy import Disclosure, MemberYear, Shown, office_note, public_breaches, public_note
from ..report.rules import Breach
from ..report.selection import Condition
from ..report.summary import CellReport
from . import sources


@dataclass(frozen=True)
class Audience:
    """The members (``office`` False) or the office; ``disclosure``: what members may see."""

    office: bool
    disclosure: Disclosure

    def members(self, cell: CellReport) -> Shown | None:
        """The cell's current member count, or ``None`` when not recorded."""
        value = cell.leaders.members
        if value is None:
            return None
        return Shown.of(value, False) if self.office else self.disclosure.current[cell.cell.id]

    def member_year(self, year: int) -> MemberYear | None:
        """The Committee's member ratings of ``year`` as members see them (the office's are the
        Report's; see ``YearReport``)."""
        return self.disclosure.year(year)

    def note(self, entry: Registration | Leadership | YearResult) -> str | None:
        return office_note(entry) if self.office else public_note(entry, self.disclosure.privacy)

    def reason(self, condition: Condition) -> str:
        return condition.reason if self.office else condition.public_reason or condition.reason

    def breaches(self, breaches: Iterable[Breach]) -> tuple[Breach, ...]:
        return tuple(breaches) if self.office else public_breaches(breaches)

    def cell(self, cell_id: str) -> str:
        """The page of a cell this audience reads."""
        return sources.office_cell(cell_id) if self.office else sources.cell(cell_id)

    def year(self, value: int) -> str:
        return sources.office_year(value) if self.office else sources.year(value)


def audiences(disclosure: Disclosure) -> tuple[Audience, Audience]:
    """The members and the office of one build."""
    return Audience(False, disclosure), Audience(True, disclosure)
