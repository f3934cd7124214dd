"""The rules of each rating year, as the records declare them, checked (DESIGN.md §2); and
each programme's conditions for the decisions the records show.

A year's rule set (``dang-bo.yml``, ``rules``) may cap "Hoàn thành xuất sắc nhiệm vụ" at a
share of those rated "Hoàn thành tốt nhiệm vụ" (for the Committee's cells, for members
across the Đảng bộ or within each cell), may rate by points in bands and ask of an excellent
rating a share of tasks done beyond the requirement (QĐ 366-QĐ/TW, Điều 11). A selection
needs its programme's selection conditions met, a recognition its recognition conditions
(a selection, a complete self-assessment…). A year's criteria stated beside monthly forms
that roll up otherwise are warned about too. A breach is a warning with the place to fix
it, never an error: the competent level may decide otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from ..formats import number_vi, score_vi, threshold_vi
from ..records.committee import Cap, Committee, RuleSet, Scoring
from ..records.models import Cell, Tasks, YearResult
from ..records.paths import cell_path, committee_path
from ..vocab import CRITERION_LABELS, RATING_LABELS
from .context import Context
from .history import leaders_on
from .monthly import Disagreement
from .selection import NOT_MET, Condition, check_selection, recognition_shortfall

CELLS, MEMBERS = "chi-bo", "dang-vien"
# What a breach is about (``Breach.kind``).
CAP, SCORE_BAND, UNSCORED, TASKS, SELECTION, RECOGNITION, REGISTER, MONTHLY = (
    "gioi-han",
    "khung-diem",
    "khong-cham-diem",
    "nhiem-vu",
    "lua-chon",
    "cong-nhan",
    "so-dang-ky",
    "tu-danh-gia-thang",
)


@dataclass(frozen=True)
class CapCheck:
    """Giới hạn HTXSNV in one year at one level: the counts and the most the cap allows."""

    level: str
    scope: str
    excellent: int
    good: int
    allowed: int
    cap: Cap

    @property
    def holds(self) -> bool:
        return self.excellent <= self.allowed


@dataclass(frozen=True)
class Breach:
    """Vượt quy định: a warning about one year, the record and value to look at, and what the
    rule and the records say, numbers kept. ``message`` is the warning line (the office's
    full figures); a page words it from the same data as it may: a year page names the cell,
    a cell page the year, and a count the page hides is not printed.

    ``kind`` says which of the other fields hold: ``CAP`` the cap's ``check``; ``SCORE_BAND``
    and ``UNSCORED`` the ``score`` (and its ``band``, the ``rating``); ``TASKS`` the ``tasks``
    and the ``share`` of them required beyond the requirement; ``SELECTION`` the unmet
    ``condition`` (its ``number`` among the programme's conditions, the plan's ``section``);
    ``RECOGNITION`` the ``reasons`` (and ``term``, what the programme calls a recognised cell);
    ``REGISTER`` (the register of numbers against a cell's record, ``papers``) and ``MONTHLY``
    (a year's stated criterion against its monthly forms) the ``note``.
    """

    year: int
    file: str
    path: tuple[str | int, ...]
    kind: str
    cell_id: str | None = None
    cell_name: str | None = None
    check: CapCheck | None = None
    score: float | None = None
    band: str | None = None
    rating: str | None = None
    tasks: Tasks | None = None
    share: float | None = None
    condition: Condition | None = None
    number: int | None = None
    reasons: tuple[str, ...] = ()
    note: str | None = None
    section: str | None = None
    term: str | None = None

    @property
    def message(self) -> str:
        return _MESSAGES[self.kind](self)


def rule_set(committee: Committee, year: int) -> RuleSet | None:
    """The rules in force for rating year ``year``."""
    return next((r for r in committee.rules if r.from_year <= year and (r.to_year is None or year <= r.to_year)), None)


def allowed(cap: Cap, good: int) -> int:
    """The most HTXSNV the cap allows beside ``good`` HTTNV (exact: 20 % of 17 is 3)."""
    return math.floor(Fraction(str(cap.percent)) * good / 100)


def year_caps(committee: Committee, year: int, results: list[tuple[Cell, YearResult]]) -> tuple[CapCheck, ...]:
    """The Committee-wide cap checks of one year: cells, and members when counted Đảng bộ-wide."""
    rules = rule_set(committee, year)
    if rules is None or rules.cap is None:
        return ()
    cap, checks = rules.cap, []
    rated = [r for _, r in results if r.rating]
    if cap.cells and rated:
        excellent = sum(1 for r in rated if r.rating == "xuat-sac")
        good = sum(1 for r in rated if r.rating == "tot")
        checks.append(CapCheck(CELLS, "dang-bo", excellent, good, allowed(cap, good), cap))
    counted = [r.members for _, r in results if r.members is not None]
    if cap.members == "dang-bo" and counted:
        excellent, good = sum(m.xuat_sac for m in counted), sum(m.tot for m in counted)
        checks.append(CapCheck(MEMBERS, "dang-bo", excellent, good, allowed(cap, good), cap))
    return tuple(checks)


def cap_breaches(committee: Committee, year: int, checks: Iterable[CapCheck]) -> list[Breach]:
    rules = rule_set(committee, year)
    index = committee.rules.index(rules) if rules else 0
    breaches = []
    for check in checks:
        if check.holds:
            continue
        path = ("rules", index, "cap") + (("members",) if check.level == MEMBERS else ())
        breaches.append(Breach(year, committee_path(), path, CAP, check=check))
    return breaches


def _over(b: Breach) -> str:
    check = b.check
    assert check is not None
    who = "chi bộ" if check.level == CELLS else "đảng viên"
    return (
        f"năm {b.year}: {number_vi(check.excellent)} {who} xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn "
        f"{threshold_vi(check.cap.percent)} của "
        f"{number_vi(check.good)} {who} Hoàn thành tốt nhiệm vụ (tối đa {number_vi(check.allowed)})"
    )


def breaches(
    committee: Committee, cells: Iterable[Cell], context: Context, monthly: Iterable[Disagreement] = ()
) -> tuple[Breach, ...]:
    """Every rule of a year broken, from the records alone (``chibo validate`` needs no Report):
    the Committee-wide caps of each year, then each cell's own breaches; ``cells`` as
    everything reads them (``monthly.effective``), ``monthly`` their disagreements."""
    cells = tuple(cells)
    by_year: dict[int, list[tuple[Cell, YearResult]]] = {}
    for cell in cells:
        for result in cell.results:
            by_year.setdefault(result.year, []).append((cell, result))
    found = [
        b for year in sorted(by_year) for b in cap_breaches(committee, year, year_caps(committee, year, by_year[year]))
    ]
    in_force = {year: rule_set(committee, year) for year in by_year}
    return (
        tuple(found)
        + tuple(b for cell in cells for b in cell_breaches(committee, context, cell, in_force))
        + tuple(monthly_breaches(monthly))
    )


def cell_breaches(
    committee: Committee, context: Context, cell: Cell, in_force: dict[int, RuleSet | None] | None = None
) -> list[Breach]:
    """A cell's own breaches, by year: members over the cap within the cell, scores against the
    bands, tasks short of an excellent rating; then decisions against their programme's
    conditions (``decision_breaches``). ``in_force``: the rules of each year, when the caller
    has them already."""
    found = []
    for index, result in enumerate(cell.results):
        rules = in_force[result.year] if in_force is not None else rule_set(committee, result.year)
        where = ("results", index)
        if rules and rules.cap and rules.cap.members == "chi-bo" and result.members and result.members.xuat_sac:
            m = result.members
            check = CapCheck(MEMBERS, "chi-bo", m.xuat_sac, m.tot, allowed(rules.cap, m.tot), rules.cap)
            if not check.holds:
                found.append(_of(cell, result, where + ("members", "xuat-sac"), CAP, check=check))
        if result.score is not None:
            found += _score_breaches(cell, result, where, rules.score if rules else None)
        scoring = rules.score if rules else None
        if scoring and scoring.exceeded_percent and result.rating == "xuat-sac" and result.tasks:
            t = result.tasks
            if t.done < t.total or Fraction(t.exceeded) * 100 < Fraction(str(scoring.exceeded_percent)) * t.total:
                found.append(_of(cell, result, where + ("tasks",), TASKS, tasks=t, share=scoring.exceeded_percent))
    return sorted(found + decision_breaches(context, cell), key=lambda b: b.year)


def decision_breaches(context: Context, cell: Cell) -> list[Breach]:
    """Decisions the records show against their programme's conditions: a selection
    (``lua-chon``) for year R while a selection condition for R is not met, a recognition
    (``model: true``) of a cell that does not qualify (not selected, or its self-assessment
    incomplete…)."""
    found: list[Breach] = []
    selections = [(index, e) for index, e in enumerate(cell.registration) if e.status == "lua-chon"]
    results = {r.year: r for r in cell.results} if selections else {}
    for index, event in selections:
        programme = context.of_event(event)
        if programme is None:
            continue
        has_committee = leaders_on(cell, event.date, event.year).committee
        conditions = check_selection(event.year, results, programme.programme, programme.book, has_committee)
        section = programme.programme.sections.selection
        found += [
            Breach(
                event.year,
                cell_path(cell.id),
                ("registration", index, "status"),
                SELECTION,
                cell.id,
                cell.name,
                condition=condition,
                number=number,
                section=section.number if section else None,
            )
            for number, condition in enumerate(conditions, start=1)
            if condition.verdict == NOT_MET
        ]
    for index, result in enumerate(cell.results):
        programme = context.of_result(result) if result.model else None
        if programme is None:
            continue
        criteria = {c.id: c.title for c in context.criteria(cell, programme.id)}
        events = context.events(cell, programme.id)
        reasons = recognition_shortfall(programme.programme, events, result, criteria, result.year)
        if reasons:
            found.append(
                Breach(
                    result.year,
                    cell_path(cell.id),
                    ("results", index, "model"),
                    RECOGNITION,
                    cell.id,
                    cell.name,
                    reasons=reasons,
                    term=programme.programme.terms.model,
                )
            )
    return found


def monthly_breaches(found: Iterable[Disagreement]) -> list[Breach]:
    """Each year whose record states a criterion that its monthly forms do not give."""
    return [
        Breach(
            d.rollup.year,
            cell_path(d.cell.id),
            ("results", d.index, "criteria", d.criterion),
            MONTHLY,
            d.cell.id,
            d.cell.name,
            note=f"tiêu chí {d.criterion.upper()} ghi “{CRITERION_LABELS[d.stated]}”, còn phiếu tự đánh giá hằng "
            f"tháng cho “{CRITERION_LABELS[d.rollup.marks[d.criterion]]}” ({d.rollup.explain(d.criterion)}); "
            "trang và văn bản dùng kết quả ghi trong hồ sơ",
        )
        for d in found
    ]


def _of(cell: Cell, result: YearResult, path: tuple[str | int, ...], kind: str, **data: object) -> Breach:
    return Breach(result.year, cell_path(cell.id), path, kind, cell.id, cell.name, **data)  # type: ignore[arg-type]


def band_of(scoring: Scoring, score: float) -> str:
    """The rating a score falls in: the first band whose minimum it reaches, else the lowest."""
    return next((b.rating for b in scoring.bands if score >= b.min), "khong-hoan-thanh")


def _score_breaches(cell: Cell, result: YearResult, where: tuple, scoring: Scoring | None) -> list[Breach]:
    assert result.score is not None
    path = where + ("score",)
    if scoring is None:
        return [_of(cell, result, path, UNSCORED, score=result.score)]
    band = band_of(scoring, result.score)
    if result.rating is None or band == result.rating:
        return []
    return [_of(cell, result, path, SCORE_BAND, score=result.score, band=band, rating=result.rating)]


def _unscored(b: Breach) -> str:
    assert b.score is not None
    return (
        f"năm {b.year}: căn cứ xếp loại năm {b.year} không chấm điểm; bỏ điểm {score_vi(b.score)} hoặc khai báo "
        "khung điểm trong rules của dang-bo.yml"
    )


def _band(b: Breach) -> str:
    assert b.score is not None and b.band is not None and b.rating is not None
    return (
        f"năm {b.year}: điểm {score_vi(b.score)} thuộc khung '{RATING_LABELS[b.band]}', không khớp xếp loại "
        f"'{RATING_LABELS[b.rating]}'"
    )


def _tasks(b: Breach) -> str:
    assert b.tasks is not None and b.share is not None
    t = b.tasks
    return (
        f"năm {b.year}: xếp loại Hoàn thành xuất sắc nhiệm vụ cần hoàn thành mọi nhiệm vụ được giao, trong đó "
        f"ít nhất {threshold_vi(b.share)} vượt mức yêu cầu; hồ sơ ghi {number_vi(t.done)}/{number_vi(t.total)} "
        f"nhiệm vụ hoàn thành, {number_vi(t.exceeded)} vượt mức"
    )


def _selection(b: Breach) -> str:
    assert b.condition is not None
    where = f" (mục {b.section})" if b.section else ""
    return (
        f"năm {b.year}: {b.cell_name} được lựa chọn khi điều kiện {b.number}{where} chưa đạt: "
        f"{b.condition.title}. {b.condition.reason}"
    )


def _recognition(b: Breach) -> str:
    return f"năm {b.year}: {b.cell_name} được công nhận {b.term} khi chưa đủ điều kiện: {'; '.join(b.reasons)}"


_MESSAGES = MappingProxyType(
    {
        CAP: _over,
        SCORE_BAND: _band,
        UNSCORED: _unscored,
        TASKS: _tasks,
        SELECTION: _selection,
        RECOGNITION: _recognition,
        REGISTER: lambda b: b.note or "",
        MONTHLY: lambda b: f"năm {b.year}: {b.note}",
    }
)
