"""What the drafted documents state beyond the pages: the numbers issued, the member count
known on a date, each year's awards and withdrawals.

* ``Register``: the number and date of each drafted document the Committee has issued, from
  its register (``register`` in ``dang-bo.yml``) and from the decisions the cells' records
  cite ("Quyết định số 45-QĐ/ĐU ngày 22-12-2022 …"), read as data. The register wins; a
  record that says otherwise is a warning. Hướng dẫn 36-HD/VPTW numbers documents from 01
  for each type through a committee's term, so a number is never guessed.
* ``members_on``: a cell's member count as it was known on a date (a document of 11-6-2022
  states the count of the end of 2021, not of 2022).
* Each year: the awards of its results, the withdrawals with their dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..formats import date_vi
from ..records.committee import Committee, register_key
from ..records.models import Registration
from ..records.paths import committee_path
from .rules import REGISTER, Breach

if TYPE_CHECKING:
    from .programmes import ProgrammeReport
    from .summary import CellReport, YearReport

_NUMBER = re.compile(r"số\s+([0-9]{1,4}-[A-Za-zĐđ]+/[A-Za-zĐđ]+)", re.IGNORECASE)
_DAY = (
    re.compile(r"ngày\s+([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})"),
    re.compile(r"ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})"),
)


@dataclass(frozen=True)
class Issued:
    """Số và ngày ban hành of one document: ``45-QĐ/ĐU`` and its date (when known)."""

    number: str
    date: dt.date | None


def parse_decision(text: str | None) -> Issued | None:
    """ "Quyết định số 45-QĐ/ĐU ngày 22-12-2022 của …" → 45-QĐ/ĐU of 22-12-2022; ``None``
    when the text names no number."""
    number = _NUMBER.search(text or "")
    if number is None:
        return None
    day = None
    for pattern in _DAY:
        found = pattern.search(text or "", number.end())
        if found:
            d, m, y = map(int, found.groups())
            try:
                day = dt.date(y, m, d)
            except ValueError:
                day = None
            break
    return Issued(number.group(1), day)


@dataclass(frozen=True)
class Register:
    """Sổ đăng ký văn bản: the issued number of each drafted document, by its programme and its
    register key (``ban-chi-dao``, ``lua-chon-2022``, ``cong-nhan-2022`` …)."""

    numbers: Mapping[tuple[str, str], Issued]

    def get(self, key: str, programme: str) -> Issued | None:
        return self.numbers.get((programme, key))


@dataclass(frozen=True)
class Award:
    """Khen thưởng: a cell's award for a year, as its record states it."""

    cell: CellReport
    text: str


@dataclass(frozen=True)
class Withdrawal:
    """Rút đăng ký: a cell's withdrawal from a year, with its date and note."""

    cell: CellReport
    event: Registration


@dataclass(frozen=True)
class YearPapers:
    """What a year's documents state besides its figures: awards and withdrawals."""

    year: int
    awards: tuple[Award, ...]
    withdrawals: tuple[Withdrawal, ...]


@dataclass(frozen=True)
class Papers:
    """The register, and the awards and withdrawals of every year."""

    register: Register
    years: Mapping[int, YearPapers]
    breaches: tuple[Breach, ...]

    def year(self, value: int) -> YearPapers:
        return self.years.get(value) or YearPapers(value, (), ())


def papers(
    committee: Committee,
    cells: tuple[CellReport, ...],
    years: tuple[YearReport, ...],
    programmes: tuple[ProgrammeReport, ...],
) -> Papers:
    """Once per build, from the validated records, the year and programme reports."""
    register, breaches = _register(committee, years, programmes)
    by_year: dict[int, tuple[list[Award], list[Withdrawal]]] = {}
    for cell in cells:
        for result in cell.cell.results:
            if result.award:
                by_year.setdefault(result.year, ([], []))[0].append(Award(cell, result.award))
        for event in cell.cell.registration:
            if event.status == "rut":
                by_year.setdefault(event.year, ([], []))[1].append(Withdrawal(cell, event))
    return Papers(
        register,
        MappingProxyType(
            {
                y: YearPapers(y, tuple(a), tuple(sorted(w, key=lambda x: x.event.date)))
                for y, (a, w) in sorted(by_year.items())
            }
        ),
        breaches,
    )


def _register(
    committee: Committee, years: tuple[YearReport, ...], programmes: tuple[ProgrammeReport, ...]
) -> tuple[Register, tuple[Breach, ...]]:
    """The decisions the cells cite, then the register's entries over them (a difference warned)."""
    found: dict[tuple[str, str], Issued] = {}
    for year in years:
        for part in year.programmes:
            selection = parse_decision(part.selection.decision) if part.selection else None
            if selection is not None:
                found[(part.programme, f"lua-chon-{year.year}")] = selection
            recognition = parse_decision(part.decisions[0]) if len(part.decisions) == 1 else None
            if recognition is not None:
                found[(part.programme, f"cong-nhan-{year.year}")] = recognition
    breaches = []
    for index, entry in enumerate(committee.issued):
        owner = _owner(entry.document, entry.date, entry.programme, programmes)
        if owner is None:
            continue
        key = (owner, entry.document)
        cited = found.get(key)
        if cited is not None and (cited.number, cited.date or entry.date) != (entry.number, entry.date):
            breaches.append(
                Breach(
                    entry.date.year,
                    committee_path(),
                    ("register", index, "number"),
                    REGISTER,
                    note=f"{entry.document}: sổ đăng ký ghi số {entry.number} ngày {date_vi(entry.date)}, còn hồ sơ "
                    f"chi bộ ghi số {cited.number}" + (f" ngày {date_vi(cited.date)}" if cited.date else ""),
                )
            )
        found[key] = Issued(entry.number, entry.date)
    return Register(MappingProxyType(found)), tuple(breaches)


def _owner(document: str, day: dt.date, named: str | None, programmes: tuple[ProgrammeReport, ...]) -> str | None:
    """The programme a register entry numbers: the one it names; else, for a yearly document,
    the programme of its year, for another the programme of its date (the latest before it,
    when its date is after every period)."""
    if named is not None:
        return named
    found = register_key(document)
    year = found[1] if found and found[1] is not None else day.year
    holding = [p.id for p in programmes if p.programme.period.start <= year <= p.programme.period.end]
    if holding:
        return holding[0]
    before = [p.id for p in programmes if p.programme.period.end < year]
    return before[-1] if before else None
