"""Pieces every drafted document shares: headers, numbers, signatures, citations, tables.

Conventions of Party documents kept here, in one place: a count of cells in running text
with two digits ("02 chi bộ"), a number "Số 45-QĐ/ĐU" when the register knows it and "Số
…-QĐ/ĐU" when not, a citation in full the first time ("Quyết định số 15-QĐ/ĐU ngày
20-6-2022 của Ban Thường vụ Đảng ủy Trường về việc …").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ...formats import date_vi
from ...records.committee import Committee, Naming
from ...records.programme import Programme, Workflow
from ...report import Report
from ...report.cells import ResultRow
from ...report.history import (
    MemberCount,
    reference_day,  # noqa: F401 (re-exported: the documents' one home of it)
)
from ...report.monthly import CriterionRollup, Rollup, counted_months, needed
from ...report.papers import Issued
from ...report.programmes import ProgrammeReport
from ...vocab import RATING_LABELS
from .. import sources
from .model import KINDS, Cell, Draft, Head, Header, Paragraph, Part, Signature, Table, layout_on

BLANK = "…"
# Who proposes to the Standing Committee when a programme has no Steering Committee of its
# own: the committee's office (its chief signs).
OFFICE = "Văn phòng Đảng ủy"


@dataclass(frozen=True)
class Voice:
    """How one programme's documents speak: its words (``terms``), the plan's sections they
    cite, its plan, the numbers the register holds for it; nothing of one programme is in the
    code (DESIGN.md §1, "Programmes")."""

    programme: ProgrammeReport
    report: Report

    @property
    def id(self) -> str:
        return self.programme.id

    @property
    def record(self) -> Programme:
        return self.programme.programme

    @property
    def flow(self) -> Workflow:
        return self.record.workflow

    @property
    def model(self) -> str:
        """What a recognised cell is called, as the programme writes it: "“chi bộ bốn tốt”"."""
        return self.record.terms.model

    @property
    def building(self) -> str:
        """What building the model is called: "xây dựng “chi bộ bốn tốt”"."""
        return self.record.terms.building

    @property
    def framework(self) -> str:
        """The criteria set's title, quoted as documents cite it: "“Chi bộ bốn tốt”"."""
        title = self.record.terms.framework
        return title if title.startswith(("“", '"')) else f"“{title}”"

    @property
    def steering(self) -> str | None:
        """The programme's Steering Committee, when it has one and its members are recorded."""
        return self.record.terms.steering if self.report.committee.steering else None

    @property
    def proposer(self) -> str:
        """Who proposes selections and recognitions: the Steering Committee, else the office."""
        return self.steering or OFFICE

    @property
    def proposer_code(self) -> str:
        """The issuer's part of a proposal's number: ``TTr/BCĐ`` or ``TTr/VPĐU``."""
        return "BCĐ" if self.steering else "VPĐU"

    @property
    def start(self) -> int:
        return self.record.period.start

    @property
    def end(self) -> int:
        return self.record.period.end

    def wants(self, kind: str) -> bool:
        """Whether the programme calls for documents of ``kind`` (``documents`` in its record)."""
        return kind in self.record.documents

    def issued(self, key: str) -> Issued | None:
        """The register's number of one of the programme's documents (``lua-chon-2022`` …)."""
        return self.report.papers.register.get(key, self.id)

    def section(self, name: str) -> str:
        """ " (mục II.2 của Kế hoạch)" when the programme numbers that section; "" when not."""
        found = getattr(self.record.sections, name)
        return f" (mục {found.number} của Kế hoạch)" if found is not None else ""

    def plan_citation(self, naming: Naming) -> str:
        """ "Kế hoạch số 12-KH/ĐU ngày 15-01-2026 của Ban Thường vụ Đảng ủy Trường về …"."""
        plan = self.record.plan
        return (
            f"Kế hoạch số {plan.number} ngày {date_vi(plan.date)} của {_signer(plan.signing, naming)} về {plan.title}"
        )

    def plan_basis(self, naming: Naming) -> str:
        return f"Căn cứ {self.plan_citation(naming)}"

    def milestone(self, milestone_id: str) -> dt.date | None:
        """The day a milestone of the programme was met: the date of the document it produced
        (``None``: not met, or no such milestone)."""
        found = next((m for m in self.record.milestones if m.id == milestone_id), None)
        return found.done if found is not None else None


def _signer(signing: str, naming: Naming) -> str:
    """Who issued a plan, from its signing line: "T/M BAN THƯỜNG VỤ" → "Ban Thường vụ Đảng ủy
    Trường"; "T/M BAN CHẤP HÀNH" → "Ban Chấp hành Đảng bộ …" (the executive is the Đảng bộ's);
    "T/M ĐẢNG ỦY" → "Đảng ủy Trường"."""
    body = signing.removeprefix("T/M").strip().lower()
    if body.startswith("ban chấp hành"):
        return f"Ban Chấp hành {naming.name}"
    if not body or body.startswith("đảng ủy"):
        return naming.short_name
    words = [w.capitalize() if i < 2 else w for i, w in enumerate(body.split())]
    return f"{' '.join(words)} {naming.short_name}"


def voices(report: Report) -> tuple[Voice, ...]:
    """Each programme's voice, in the programmes' order."""
    return tuple(Voice(p, report) for p in report.programmes)


def rollup_phrase(row: CriterionRollup, rollup: Rollup) -> str:
    """How a criterion's mark of the year was reached from the monthly forms: "đạt trong
    11/11 tháng; quy định: ít nhất 10 tháng" (or "phải đạt cả 11 tháng")."""
    counted = len(rollup.months)
    rule = f"phải đạt cả {counted} tháng" if row.every_month else f"ít nhất {row.needed} tháng"
    return f"đạt trong {row.met}/{counted} tháng; quy định: {rule}"


def upper_first(text: str) -> str:
    """ "chi bộ bốn tốt" → "Chi bộ bốn tốt", "“chi bộ bốn tốt”" → "“Chi bộ bốn tốt”"."""
    at = next((i for i, c in enumerate(text) if c.isalpha()), 0)
    return text[:at] + text[at : at + 1].upper() + text[at + 1 :]


def rollup_rule(voice: Voice, year: int) -> tuple[Paragraph, ...]:
    """With monthly forms: how each criterion's mark of ``year`` is reached from them."""
    rule = voice.record.monthly
    if rule is None:
        return ()
    months = counted_months(rule, year)
    strict = [f"“{c.title}”" for c in voice.programme.book.criteria if c.id in rule.every_month]
    scaled = (
        f"; năm {year} tính từ tháng {months[0][5:]}: ít nhất {needed(rule, len(months))}/{len(months)} tháng"
        if len(months) < 12
        else ""
    )
    every = f"; tiêu chí {names(strict)} phải đạt cả {len(months)} tháng" if strict else ""
    return (
        Paragraph(
            "Kết quả tự đánh giá năm của mỗi tiêu chí được tổng hợp từ phiếu tự đánh giá hằng tháng của chi bộ"
            f"{voice.section('self_check')}: tiêu chí đạt khi đạt ít nhất {rule.months}/12 tháng{scaled}{every}; "
            "tháng không có phiếu tính là chưa đạt."
        ),
    )


def two(count: int) -> str:
    """A count in running text as Party documents write it: ``2`` → ``02``, ``12`` → ``12``."""
    return f"{count:02d}"


def cells(count: int) -> str:
    """ "02 chi bộ": how many cells, one way everywhere."""
    return f"{two(count)} chi bộ"


def number(issued: Issued | None, code: str, organ: str = "ĐU") -> str:
    """ "Số 45-QĐ/ĐU" as registered, or "Số …-QĐ/ĐU" for the office to fill in."""
    return f"Số {issued.number if issued else f'{BLANK}-{code}/{organ}'}"


def dated(issued: Issued | None, fallback: dt.date | None) -> dt.date | None:
    """A document's date: the register's, else what the records say of the day (a milestone)."""
    return issued.date if issued and issued.date else fallback


def issued_note(issued: Issued | None) -> str:
    """ "số 45-QĐ/ĐU ngày 22-12-2022" (after the kind: "Quyết định số …"); "" when not issued."""
    return f"số {issued.number}" + (f" ngày {date_vi(issued.date)}" if issued.date else "") if issued else ""


def committee_header(
    naming: Naming, code: str, date: dt.date | None, year: int | None, issued: Issued | None = None
) -> Header:
    """A document of the Đảng ủy or its Ban Thường vụ: under the superior body, issued by the
    Đảng ủy, with its registered number when there is one."""
    return Header(naming.superior, naming.committee, number(issued, code), naming.place, date, year)


def proposer_header(
    voice: Voice, naming: Naming, code: str, date: dt.date | None, year: int | None, issued: Issued | None
) -> Header:
    """A proposal of the Steering Committee (or, without one, the office): under the Đảng ủy."""
    return Header(naming.committee, voice.proposer, number(issued, code, voice.proposer_code), naming.place, date, year)


def standing_signature(naming: Naming) -> Signature:
    return Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", naming.secretary)


def executive_signature(naming: Naming) -> Signature:
    """The Đảng ủy (its Ban Chấp hành) signs "T/M ĐẢNG ỦY" (Hướng dẫn 36-HD/VPTW)."""
    return Signature("T/M ĐẢNG ỦY", "BÍ THƯ", naming.secretary)


def steering_head(committee: Committee) -> str | None:
    head = next((m for m in committee.steering if m.role.casefold().startswith("trưởng ban")), None)
    return head.name if head else None


def proposer_signature(voice: Voice) -> Signature:
    """The Steering Committee's head signs its proposals "T/M BAN CHỈ ĐẠO"; without one, the
    office's chief signs with the title alone, as the head of a committee's office does."""
    if voice.steering:
        return Signature("T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", steering_head(voice.report.committee))
    return Signature("CHÁNH VĂN PHÒNG", "", None)


def citation(kind: str, issued: Issued | None, code: str, issuer: str, about: str, organ: str = "ĐU") -> str:
    """ "Quyết định số 15-QĐ/ĐU ngày 20-6-2022 của Ban Thường vụ Đảng ủy Trường về việc …";
    an unregistered one: "Quyết định số …-QĐ/ĐU của …"."""
    if issued is None:
        return f"{kind} số {BLANK}-{code}/{organ} của {issuer} {about}"
    when = f" ngày {date_vi(issued.date)}" if issued.date else ""
    return f"{kind} số {issued.number}{when} của {issuer} {about}"


def attached(kind: str, issued: Issued | None, code: str, day: dt.date | None, issuer: str) -> str:
    """ "(Kèm theo Quyết định số 15-QĐ/ĐU, ngày 20-6-2022 của Ban Thường vụ Đảng ủy Trường)"."""
    shown = issued.number if issued else f"{BLANK}-{code}"
    when = dated(issued, day)
    return f"(Kèm theo {kind} số {shown}, ngày {date_vi(when) if when else BLANK} của {issuer})"


def count(value: int | None) -> str:
    return BLANK if value is None else str(value)


def members_phrase(known: MemberCount | None) -> str:
    """ "18 đồng chí (số liệu cuối năm 2021)": the count known on a document's date, and whence."""
    if known is None:
        return f"{BLANK} đồng chí"
    whence = f"cuối năm {known.year}" if known.year is not None else f"ngày {date_vi(known.day)}"
    return f"{known.value} đồng chí (số liệu {whence})"


RATINGS_NOTE = (
    "HTXSNV, HTTNV, HTNV, KHTNV: hoàn thành xuất sắc nhiệm vụ, hoàn thành tốt nhiệm vụ, "
    "hoàn thành nhiệm vụ, không hoàn thành nhiệm vụ."
)


def results_table(rows: tuple[ResultRow, ...]) -> Table:
    """Xếp loại chi bộ và đảng viên qua các năm: the true member counts (the office's document)."""
    head = (
        (Head("Năm", rows=2), Head("Xếp loại chất lượng chi bộ", rows=2), Head("Số đảng viên xếp loại", span=4)),
        (Head("HTXSNV"), Head("HTTNV"), Head("HTNV"), Head("KHTNV")),
    )
    body = tuple(
        (
            Cell(str(row.year), numeric=True),
            Cell(RATING_LABELS[row.result.rating] if row.result.rating else "Chưa xếp loại"),
            *(Cell(str(v) if v is not None else "–", numeric=True) for v in (row.members or (None,) * 4)),
        )
        for row in rows
    )
    return Table(head, body, (10, 38, 13, 13, 13, 13), RATINGS_NOTE)


def simple_table(
    labels: tuple[str, ...],
    rows: Sequence[Sequence[str]],
    numeric: tuple[bool, ...],
    widths: tuple[int, ...],
    note: str = "",
) -> Table:
    return Table(
        (tuple(Head(label) for label in labels),),
        tuple(tuple(Cell(v, numeric=n) for v, n in zip(row, numeric)) for row in rows),
        widths,
        note,
    )


def names(items: list[str]) -> str:
    """ "A, B và C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def year_draft(
    voice: Voice,
    year: int,
    kind: str,
    title: str,
    parts: Sequence[Part],
    day: dt.date | None,
    issued: Issued | None,
    what: str,
) -> Draft:
    """A document of a programme's year (its selection, recognition, awards): where it goes
    in the office area, back to the year's page, numbered from the register when ``issued``
    (``what``: "Quyết định", "Tờ trình", as its register note says)."""
    return Draft(
        title=title,
        docx=sources.year_docx(year, kind, voice.id),
        page=sources.year_document(year, kind, voice.id),
        back=(f"Trở lại kết quả năm {year}", sources.year(year)),
        parts=tuple(parts),
        kind=KINDS[kind],
        year=year,
        layout=layout_on(day),
        issued=f"{what} {issued_note(issued)}" if issued else "",
        programme=voice.id,
    )
