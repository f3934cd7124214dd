"""Pieces every drafted document shares: headers, numbers, signatures, citations, tables.

Conventions of Party documents kept here, in one place: a count of cells in running text
with two digits ("02 chi bộ"), a number "Số 45-QĐ/ĐU" when the register knows it and "Số
…-QĐ/ĐU" when not, a citation in full the first time ("Quyết định số 15-QĐ/ĐU ngày
20-6-2022 của Ban Thường vụ Đảng ủy Trường về việc …").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...formats import date_vi
from ...records.committee import Committee, Naming
from ...report.cells import ResultRow
from ...report.history import (
    MemberCount,
    reference_day,  # noqa: F401 (re-exported: the documents' one home of it)
)
from ...report.papers import Issued
from ...vocab import RATING_LABELS
from .model import Cell, Head, Header, Signature, Table

BLANK = "…"
STEERING = "Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu"


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


def steering_header(naming: Naming, code: str, date: dt.date | None, year: int | None, issued: Issued | None) -> Header:
    """A document of the Steering Committee: under the Đảng ủy."""
    return Header(naming.committee, STEERING, number(issued, code, "BCĐ"), naming.place, date, year)


def standing_signature(naming: Naming) -> Signature:
    return Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", naming.secretary)


def executive_signature(naming: Naming) -> Signature:
    """The Đảng ủy (its Ban Chấp hành) signs "T/M ĐẢNG ỦY" (Hướng dẫn 36-HD/VPTW)."""
    return Signature("T/M ĐẢNG ỦY", "BÍ THƯ", naming.secretary)


def steering_signature(committee: Committee) -> Signature:
    head = next((m for m in committee.steering if m.role.casefold().startswith("trưởng ban")), None)
    return Signature("T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", head.name if head else None)


def plan_citation(committee: Committee, naming: Naming) -> str:
    """ "Kế hoạch số 183-KH/ĐU ngày 31-5-2022 của Ban Thường vụ Đảng ủy Trường về …"."""
    plan = committee.plan
    return (
        f"Kế hoạch số {plan.number} ngày {date_vi(plan.date)} của Ban Thường vụ {naming.short_name} "
        "về xây dựng mô hình chi bộ kiểu mẫu trong các loại hình chi bộ"
    )


def plan_basis(committee: Committee, naming: Naming) -> str:
    return f"Căn cứ {plan_citation(committee, naming)}"


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
