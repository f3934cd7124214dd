"""Báo cáo kết quả năm: the year's figures from the Report as tables, its registrations,
selection, withdrawals (with their dates), recognitions and awards; the narrative sections
(ưu điểm, hạn chế, nguyên nhân, phương hướng) left to fill in.
"""

from __future__ import annotations

from ...formats import date_vi, percent_vi, threshold_phrase
from ...report import Report, YearReport
from ...report.history import naming_on
from ...report.papers import Issued
from ...report.stats import Share, TargetCheck, YearStats
from ...vocab import RATINGS
from .. import sources
from .common import (
    BLANK,
    cells,
    committee_header,
    dated,
    issued_note,
    names,
    plan_basis,
    reference_day,
    simple_table,
    standing_signature,
)
from .model import KINDS, Draft, Fill, Heading, Paragraph, Part, Table, layout_on
from .recognition import milestone_day, recognised

STATS_LABELS = (
    "Năm",
    "Chi bộ đã xếp loại",
    "HTXSNV",
    "HTTNV",
    "HTNV",
    "KHTNV",
    "HTTNV trở lên",
    "Được công nhận kiểu mẫu",
)


def share(s: Share) -> str:
    return f"{s.count} ({percent_vi(s.percent)})" if s.total else "–"


def stats_row(label: str, s: YearStats) -> tuple[str, ...]:
    return (label, str(s.rated), *(share(s.ratings[code]) for code in RATINGS), share(s.good_or_better), share(s.model))


def stats_table(rows: list[tuple[str, ...]], first: str = "Năm") -> Table:
    # A year is short; a type's name is not. The figures ("16 (66,7%)") fit on one line.
    widths = (8, 9, 14, 14, 14, 14, 14, 14) if first == "Năm" else (15, 7, 13, 13, 13, 13, 13, 13)
    return simple_table(
        (first, *STATS_LABELS[1:]),
        rows,
        (False,) + (True,) * 7,
        widths,
        "Số chi bộ và tỷ lệ trên số chi bộ đã xếp loại. HTXSNV, HTTNV, HTNV, KHTNV: hoàn thành xuất "
        "sắc nhiệm vụ, hoàn thành tốt nhiệm vụ, hoàn thành nhiệm vụ, không hoàn thành nhiệm vụ.",
    )


def targets_table(checks: tuple[TargetCheck, ...]) -> Table:
    rows = [
        (
            t.target.label,
            f"{threshold_phrase(t.target.comparison, t.target.percent)} (năm {t.target.year})",
            f"{t.actual}/{t.stats.rated} ({percent_vi(t.actual_percent)})"
            if t.met is not None and t.stats
            else "chưa có số liệu",
            _verdict(t),
        )
        for t in checks
    ]
    return simple_table(("Chỉ tiêu", "Yêu cầu", "Thực tế", "Đánh giá"), rows, (False,) * 4, (34, 24, 22, 20))


def _verdict(check: TargetCheck) -> str:
    if check.met is None:
        return "–"
    return "Đạt" if check.met else f"Chưa đạt (cần thêm {cells(check.needed or 0)})"


def year_review(report: Report, year: YearReport) -> Draft:
    """Báo cáo kết quả xây dựng mô hình chi bộ kiểu mẫu năm Y (sơ kết năm)."""
    committee, y = report.committee, year.year
    issued = report.papers.register.get(f"bao-cao-{y}")
    day = dated(issued, milestone_day(committee, f"so-ket-{y}"))
    naming = naming_on(committee, reference_day(day, y, committee.as_of))
    targets = tuple(c for checks in report.trajectory for c in checks if c.stats and c.stats.year == y)
    part = Part(
        kind="BÁO CÁO",
        summary=f"kết quả xây dựng mô hình chi bộ kiểu mẫu năm {y}",
        header=committee_header(naming, "BC", day, y, issued),
        blocks=(
            Paragraph(
                f"{plan_basis(committee, naming)}, Ban Thường vụ {naming.short_name} báo cáo kết quả thực hiện "
                f"năm {y} như sau:"
            ),
            Heading("I- KẾT QUẢ THỰC HIỆN"),
            Heading("1. Công tác lãnh đạo, chỉ đạo", 2),
            Fill(3),
            Heading("2. Kết quả đánh giá, xếp loại chất lượng chi bộ", 2),
            stats_table([stats_row(str(y), year.stats)]),
            Paragraph("Theo loại hình chi bộ:"),
            stats_table([stats_row(t.type.name, t.stats) for t in year.by_type], "Loại hình"),
            Heading("3. So với chỉ tiêu của Kế hoạch", 2),
            *((targets_table(targets),) if targets else (Paragraph("Năm này chưa có chi bộ nào được xếp loại."),)),
            Heading("4. Đăng ký, lựa chọn, công nhận và khen thưởng chi bộ kiểu mẫu", 2),
            *rounds(report, year),
            Heading("II- ĐÁNH GIÁ CHUNG"),
            Fill(3, "1. Ưu điểm:"),
            Fill(3, "2. Hạn chế:"),
            Fill(3, "3. Nguyên nhân:"),
            Heading(f"III- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {y + 1}"),
            Fill(4),
        ),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Các chi bộ,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
        draft=issued is None,
    )
    return Draft(
        title=f"Báo cáo kết quả xây dựng mô hình chi bộ kiểu mẫu năm {y}",
        docx=sources.year_docx(y, "bao-cao"),
        page=sources.year_document(y, "bao-cao"),
        back=(f"Trở lại kết quả năm {y}", sources.year(y)),
        parts=(part,),
        kind=KINDS["bao-cao"],
        year=y,
        layout=layout_on(day),
        issued=f"Báo cáo {issued_note(issued)}" if issued else "",
    )


def _cited(issued: Issued | None) -> str:
    return f" (Quyết định {issued_note(issued)})" if issued else ""


def rounds(report: Report, year: YearReport) -> tuple:
    """Who registered and was selected, who withdrew and when, who was recognised and awarded."""
    y, papers = year.year, report.papers
    blocks: list = []
    if year.selection:
        sel = year.selection
        chosen = [c.cell.cell.name for c in sel.selected]
        decision = papers.register.get(f"lua-chon-{y}")
        blocks.append(
            Paragraph(
                f"Năm {y} có {cells(len(sel.candidates))} đăng ký xây dựng mô hình chi bộ kiểu mẫu; Ban Thường vụ "
                f"lựa chọn {cells(len(chosen))}{_cited(decision)}: {names(chosen)}."
                if chosen
                else f"Năm {y} có {cells(len(sel.candidates))} đăng ký xây dựng mô hình chi bộ kiểu mẫu; Ban "
                "Thường vụ chưa quyết định lựa chọn."
            )
        )
    else:
        blocks.append(Paragraph(f"Năm {y} không có chi bộ đăng ký mới."))
    withdrawals = papers.year(y).withdrawals
    if withdrawals:
        blocks.append(Paragraph(f"Có {cells(len(withdrawals))} rút đăng ký:"))
        blocks.append(
            simple_table(
                ("TT", "Chi bộ", "Ngày rút đăng ký", "Lý do"),
                [
                    (str(i), w.cell.cell.name, date_vi(w.event.date), w.event.note or BLANK)
                    for i, w in enumerate(withdrawals, 1)
                ],
                (True, False, False, False),
                (6, 28, 16, 50),
            )
        )
    model = [c.cell.name for c in recognised(year)] if any(r.row and r.row.result.model for r in year.rows) else []
    decision = papers.register.get(f"cong-nhan-{y}")
    blocks.append(
        Paragraph(f"Có {cells(len(model))} được công nhận chi bộ kiểu mẫu{_cited(decision)}: {names(model)}.")
        if model
        else Paragraph(f"Năm {y} chưa có chi bộ được công nhận chi bộ kiểu mẫu.")
    )
    awards = papers.year(y).awards
    blocks.append(
        Paragraph(
            f"Khen thưởng: {'; '.join(f'{a.cell.cell.name} ({a.text})' for a in awards)}."
            if awards
            else f"Hồ sơ chưa ghi khen thưởng năm {y}."
        )
    )
    return tuple(blocks)
