"""The office's true counts (from the records) and the statements read about them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

RATINGS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")
SHORT = {"HTXSNV": 0, "HTTNV": 1, "HTNV": 2, "KHTNV": 3}
TOTAL_LABELS = ("Tổng số", "Tổng số đảng viên", "Số đảng viên")
COMMITTEE_LABELS = ("Đảng viên toàn Đảng bộ", "Toàn Đảng bộ")
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*|\d+")
COUNT_WORDS = re.compile(r"(\d[\d.]*)\s+đảng viên")
CELL_LINK = re.compile(r"(?:^|/)chi-bo/([a-z0-9-]+)/(?:index\.html)?$")
EPS = 1e-6

Key = tuple  # ("x", cell, year, rating index) or ("cur", cell)


@dataclass
class Statement:
    """``low ≤ Σ coef·var ≤ high`` (either bound may be None), read at ``where``."""

    terms: dict[Key, float]
    low: float | None
    high: float | None
    where: str
    hidden: bool = False  # published as hidden: its range is checked
    shown: bool = False  # a number shown as it is

    @property
    def value(self) -> float | None:
        return self.low if self.low is not None and self.low == self.high else None


@dataclass
class Truth:
    """The office's true counts, from the records: what the auditor must not let out."""

    x: dict[Key, int]
    current: dict[str, int]
    latest: dict[str, int]  # cell → latest year with member counts
    types: dict[str, str]  # cell → type id
    type_names: dict[str, str]  # type name (as the site writes it) → type id
    names: dict[str, str]  # cell name → id
    notes: list[str]  # every note members must not read
    threshold: int

    def total(self, cell: str, year: int) -> dict[Key, float]:
        return {("x", cell, year, r): 1.0 for r in range(4) if ("x", cell, year, r) in self.x}

    def committee(self, year: int, rating: int | None, type_id: str | None = None) -> dict[Key, float]:
        return {
            key: 1.0
            for key in self.x
            if key[2] == year
            and (rating is None or key[3] == rating)
            and (type_id is None or self.types[key[1]] == type_id)
        }

    def value(self, terms: dict[Key, float]) -> float:
        return sum(coef * (self.x[k] if k[0] == "x" else self.current[k[1]]) for k, coef in terms.items())

    def small(self, value: float) -> bool:
        return 0 < value < self.threshold


def truth_of(project: Path) -> Truth:
    from chibo.records import load_records
    from chibo.report import summarize

    records = load_records(project)
    report = summarize(records)
    threshold = records.committee.privacy.threshold
    x: dict[Key, int] = {}
    latest: dict[str, int] = {}
    notes: list[str] = []
    for cell in records.cells:
        for entry in (*cell.leadership, *cell.registration):
            notes += [entry.note] if entry.note else []
        for result in cell.results:
            notes += [result.note] if result.note else []
            counts = result.members.by_code() if result.members else None
            if counts is None:
                continue
            for r, code in enumerate(RATINGS):
                x[("x", cell.id, result.year, r)] = counts[code]
            latest[cell.id] = max(latest.get(cell.id, 0), result.year)
            if result.public_note and any(0 < v < threshold for v in counts.values()):
                notes.append(result.public_note)
    current = {c.cell.id: c.leaders.members for c in report.cells if c.leaders.members is not None}
    return Truth(
        x=x,
        current=current,
        latest=latest,
        types={c.id: c.type for c in records.cells},
        type_names={t.name: t.id for t in records.committee.types}
        | {t.short_name: t.id for t in records.committee.types},
        names={c.name: c.id for c in records.cells},
        notes=[" ".join(n.split()) for n in notes if len(n.strip()) >= 8],
        threshold=threshold,
    )
