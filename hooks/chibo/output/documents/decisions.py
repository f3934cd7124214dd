"""The Standing Committee's decisions of a year: selecting cells (plan III.3.3) and
recognising model cells (December), each a Quyết định with its Danh sách; the recognition
comes with the Steering Committee's Tờ trình that proposes it.
"""

from __future__ import annotations

import datetime as dt
import re

from ...formats import date_vi
from ...records.committee import Committee, Naming
from ...report import YearReport
from ...report.history import naming_on
from ...report.rounds import RecognitionRound, SelectionRound
from ...report.selection import REVIEW
from ...vocab import RATING_LABELS
from .. import sources
from .common import BLANK, committee_header, plan_basis, reference_day, simple_table, standing_signature
from .model import KINDS, Cell, Draft, Head, Header, Paragraph, Part, Signature, Table

_NUMBER = re.compile(r"số\s+([0-9]+-QĐ/[^\s,;]+)", re.IGNORECASE)


def _number(decision: str | None) -> str | None:
    """ "15-QĐ/ĐU" out of "Quyết định số 15-QĐ/ĐU ngày 20-6-2022", when the records say it."""
    match = _NUMBER.search(decision or "")
    return match.group(1) if match else None


def _decision_preamble(naming: Naming, committee: Committee, consider: str) -> tuple:
    return (
        Paragraph(f"BAN THƯỜNG VỤ {naming.committee.upper()}", style="title"),
        Paragraph("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", style="basis"),
        Paragraph(f"Căn cứ Quy chế làm việc của Ban Chấp hành {naming.name};", style="basis"),
        Paragraph(f"{plan_basis(committee, naming)};", style="basis"),
        Paragraph(f"{consider},", style="basis"),
        Paragraph("QUYẾT ĐỊNH:", style="title"),
    )


def selection_draft(report: YearReport, committee: Committee) -> Draft:
    round_ = report.selection
    assert round_ is not None  # drafted for a year with a selection
    year = report.year
    day = round_.day
    naming = naming_on(committee, reference_day(day, year, committee.as_of))
    number = _number(round_.decision)
    chosen = (
        round_.selected
        if round_.decided
        else tuple(c for c in round_.candidates if all(k.verdict in ("dat", REVIEW) for k in c.report.conditions))
    )
    verb = "Lựa chọn" if round_.decided else "Lựa chọn (đề xuất)"
    articles = (
        Paragraph(
            f"{verb} {len(chosen):02d} chi bộ xây dựng mô hình chi bộ kiểu mẫu năm {year} (có danh sách kèm theo).",
            lead="Điều 1.",
        ),
        Paragraph(
            "Các chi bộ được lựa chọn xây dựng kế hoạch, lộ trình cụ thể và tổ chức thực hiện các tiêu chí "
            '"Chi bộ 5 tốt"; tháng 12 tự đánh giá, báo cáo Ban Thường vụ Đảng ủy.',
            lead="Điều 2.",
        ),
        Paragraph(
            "Quyết định có hiệu lực kể từ ngày ký. Ban Chỉ đạo, Văn phòng Đảng ủy và các chi bộ có tên tại "
            "Điều 1 căn cứ Quyết định thi hành.",
            lead="Điều 3.",
        ),
    )
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc lựa chọn chi bộ xây dựng mô hình chi bộ kiểu mẫu năm {year}",
        header=committee_header(naming, "QĐ", day, year, number),
        blocks=_decision_preamble(
            naming, committee, "Xét báo cáo khảo sát, đề xuất đăng ký của các chi bộ và đề xuất của Ban Chỉ đạo"
        )
        + articles,
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Như Điều 3,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
    )
    listing = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ đăng ký xây dựng mô hình chi bộ kiểu mẫu năm {year}",
        attachment=_attached(number, day, naming),
        blocks=(
            _candidates_table(round_),
            Paragraph(
                "Đánh giá các điều kiện theo mục III.3.1 của Kế hoạch, từ kết quả xếp loại và tự đánh giá các năm "
                "trước trong hồ sơ; tiêu chí về năng lực, uy tín của chi ủy, bí thư, phó bí thư do Ban Thường vụ "
                "xem xét.",
                style="note",
            ),
        ),
    )
    return Draft(
        title=f"Quyết định lựa chọn chi bộ xây dựng mô hình chi bộ kiểu mẫu năm {year}",
        docx=sources.year_document_docx(year, "lua-chon"),
        page=sources.year_document(year, "lua-chon"),
        back=(f"Trở lại kết quả năm {year} (Văn phòng)", sources.office_year(year)),
        parts=(decision, listing),
        kind=KINDS["lua-chon"],
        year=year,
    )


def _attached(number: str | None, day: dt.date | None, naming: Naming) -> str:
    shown = number or f"{BLANK}-QĐ/ĐU"
    when = f", ngày {date_vi(day)}" if day else f", ngày {BLANK}"
    return f"(Kèm theo Quyết định số {shown}{when} của Ban Thường vụ {naming.short_name})"


def _candidates_table(round_: SelectionRound) -> Table:
    head = ((Head("TT"), Head("Chi bộ"), Head("Điều kiện (mục III.3.1)"), Head("Đánh giá"), Head("Kết quả")),)
    body = []
    for index, c in enumerate(round_.candidates, start=1):
        conditions = c.report.conditions
        outcome = c.outcome_label + (f" ({c.decision})" if c.decision else "")
        for k, condition in enumerate(conditions):
            verdict = f"{condition.label}: {condition.reason}" if condition.verdict != REVIEW else condition.label
            row: tuple[Cell, ...] = (Cell(condition.title), Cell(verdict))
            if k == 0:
                n = len(conditions)
                row = (Cell(str(index), n, numeric=True), Cell(c.cell.cell.name, n, True), *row, Cell(outcome, n))
            body.append(row)
    return Table(head, tuple(body), (6, 20, 32, 26, 16))


def recognition_draft(report: YearReport, committee: Committee) -> Draft:
    round_ = report.recognition
    assert round_ is not None  # drafted for a rated year with a recognition
    year = report.year
    day = round_.day
    naming = naming_on(committee, round_.reference)
    steering = next((m for m in committee.steering if m.role.casefold().startswith("trưởng ban")), None)
    proposal = Part(
        kind="TỜ TRÌNH",
        summary=f"đề nghị công nhận chi bộ kiểu mẫu năm {year}",
        header=Header(
            naming.committee,
            "Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu",
            f"Số {BLANK}-TTr/BCĐ",
            naming.place,
            day,
            year,
        ),
        to=f"Kính gửi: Ban Thường vụ {naming.short_name}",
        blocks=_proposal_body(round_, report, committee, naming),
        recipients=("Như trên,", "Lưu Văn phòng Đảng ủy."),
        signature=Signature("T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", steering.name if steering else None),
    )
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc công nhận chi bộ kiểu mẫu năm {year}",
        header=committee_header(naming, "QĐ", day, year),
        blocks=_decision_preamble(
            naming,
            committee,
            f"Xét kết quả tự đánh giá của các chi bộ, kết quả đánh giá, xếp "
            f"loại chất lượng năm {year} và đề nghị của Ban Chỉ đạo",
        )
        + (
            Paragraph(
                f"Công nhận {len(round_.qualified):02d} chi bộ đạt chi bộ kiểu mẫu năm {year} (có danh sách kèm theo).",
                lead="Điều 1.",
            ),
            Paragraph(
                "Các chi bộ được công nhận được biểu dương tại Hội nghị tổng kết công tác xây dựng Đảng và "
                "xem xét khen thưởng theo quy định.",
                lead="Điều 2.",
            ),
            Paragraph(
                "Quyết định có hiệu lực kể từ ngày ký. Văn phòng Đảng ủy và các chi bộ có tên tại Điều 1 căn "
                "cứ Quyết định thi hành.",
                lead="Điều 3.",
            ),
        ),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Như Điều 3,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
    )
    listing = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được công nhận chi bộ kiểu mẫu năm {year}",
        attachment=_attached(None, day, naming),
        blocks=(_qualified_table(round_, year),),
    )
    return Draft(
        title=f"Tờ trình và Quyết định công nhận chi bộ kiểu mẫu năm {year}",
        docx=sources.year_document_docx(year, "cong-nhan"),
        page=sources.year_document(year, "cong-nhan"),
        back=(f"Trở lại kết quả năm {year} (Văn phòng)", sources.office_year(year)),
        parts=(proposal, decision, listing),
        kind=KINDS["cong-nhan"],
        year=year,
    )


def _proposal_body(round_: RecognitionRound, report: YearReport, committee: Committee, naming: Naming) -> tuple:
    year, stats = report.year, report.stats
    considered = len(round_.qualified) + len(round_.short)
    return (
        Paragraph(
            f"{plan_basis(committee, naming)}; căn cứ kết quả tự đánh giá của các chi bộ và kết quả đánh giá, "
            f"xếp loại chất lượng năm {year}, Ban Chỉ đạo báo cáo và đề nghị như sau:"
        ),
        Paragraph(
            f"Năm {year}, {stats.rated} chi bộ được đánh giá, xếp loại; {considered} chi bộ được lựa chọn hoặc "
            f"đăng ký xây dựng mô hình chi bộ kiểu mẫu. Có {len(round_.qualified)} chi bộ hoàn thành tốt nhiệm "
            "vụ trở lên và đạt tất cả các tiêu chí (kể cả tiêu chí chi bộ tự bổ sung)."
        ),
        Paragraph(
            f"Đề nghị Ban Thường vụ {naming.short_name} xem xét, công nhận {len(round_.qualified):02d} chi bộ đạt "
            f"chi bộ kiểu mẫu năm {year} (có danh sách kèm theo)."
        ),
        *(
            (
                Paragraph("Các chi bộ chưa đủ điều kiện công nhận, báo cáo để Hội nghị xem xét:"),
                simple_table(
                    ("TT", "Chi bộ", "Lý do"),
                    [(str(i), s.cell.cell.name, "; ".join(s.reasons)) for i, s in enumerate(round_.short, 1)],
                    (True, False, False),
                    (6, 34, 60),
                ),
            )
            if round_.short
            else ()
        ),
        Paragraph(f"Kính trình Ban Thường vụ {naming.short_name} xem xét, quyết định."),
    )


def _qualified_table(round_: RecognitionRound, year: int) -> Table:
    rows = []
    for index, q in enumerate(round_.qualified, start=1):
        cell, row = q.cell, q.cell.result(year)
        assert row is not None and row.result.rating is not None  # a qualified cell is rated
        criteria = ", ".join(c.id.upper() for c in cell.criteria)
        rows.append(
            (
                str(index),
                cell.cell.name,
                q.leaders.secretary or BLANK,
                RATING_LABELS[row.result.rating],
                f"Đạt {len(cell.criteria)}/{len(cell.criteria)} ({criteria})",
            )
        )
    return simple_table(
        ("TT", "Chi bộ", "Bí thư chi bộ", f"Xếp loại năm {year}", "Tiêu chí"),
        rows,
        (True, False, False, False, False),
        (6, 28, 20, 22, 24),
    )
