"""Pieces every drafted document shares: headers, signatures, bases, tables of results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...formats import date_vi
from ...records.committee import Committee, Naming
from ...report.cells import ResultRow
from ...report.history import reference_day  # noqa: F401 (the documents' one home of it: history)
from ...vocab import RATING_LABELS
from .model import Cell, Head, Header, Signature, Table

BLANK = "…"


def committee_header(
    naming: Naming, kind: str, date: dt.date | None, year: int | None, number: str | None = None
) -> Header:
    """A document of the Ban Thường vụ: under the superior body, issued by the Đảng ủy;
    ``number`` is the recorded one ("15-QĐ/ĐU"), else left for the office to fill in."""
    return Header(naming.superior, naming.committee, f"Số {number or f'{BLANK}-{kind}/ĐU'}", naming.place, date, year)


def standing_signature(naming: Naming) -> Signature:
    return Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", naming.secretary)


def plan_basis(committee: Committee, naming: Naming) -> str:
    plan = committee.plan
    return (
        f"Căn cứ Kế hoạch số {plan.number} ngày {date_vi(plan.date)} của Ban Thường vụ {naming.short_name} "
        "về xây dựng mô hình chi bộ kiểu mẫu trong các loại hình chi bộ"
    )


def count(value: int | None) -> str:
    return BLANK if value is None else str(value)


def results_table(rows: tuple[ResultRow, ...]) -> Table:
    """Xếp loại chi bộ và đảng viên qua các năm (member counts under one heading): the true
    figures, as the office signs and sends them (documents are the office's)."""
    head = (
        (Head("Năm", rows=2), Head("Xếp loại chất lượng chi bộ", rows=2), Head("Số đảng viên xếp loại", span=4)),
        (Head("HTXSNV"), Head("HTTNV"), Head("HTNV"), Head("KHTNV")),
    )
    body = tuple(
        (
            Cell(str(row.year), numeric=True),
            Cell(RATING_LABELS[row.result.rating] if row.result.rating else "Chưa xếp loại"),
            *(Cell("–" if n is None else str(n), numeric=True) for n in (row.members or (None,) * 4)),
        )
        for row in rows
    )
    return Table(
        head,
        body,
        (10, 38, 13, 13, 13, 13),
        "HTXSNV, HTTNV, HTNV, KHTNV: hoàn thành xuất sắc nhiệm vụ, hoàn thành tốt nhiệm vụ, "
        "hoàn thành nhiệm vụ, không hoàn thành nhiệm vụ.",
    )


def simple_table(
    labels: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
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
