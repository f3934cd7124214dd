"""The papers of the final conference (milestone ``hoi-nghi-tong-ket``): the Standing
Committee's plan for it (KH/ĐU), its programme, and the list of the period's model cells
and awards that the conference honours. The time, place and speeches are for the office
to write; who attends, who speaks and who is honoured come from the records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...formats import date_vi
from ...records.committee import Milestone, Naming
from ...report import CellReport, Report
from ...report.history import naming_on
from ...report.papers import Issued
from .. import sources
from .common import (
    BLANK,
    attached,
    cells,
    committee_header,
    issued_note,
    names,
    plan_citation,
    simple_table,
    standing_signature,
    steering_signature,
    two,
)
from .model import KINDS, Block, Draft, Fill, Heading, Paragraph, Part, layout_on

MILESTONE = "hoi-nghi-tong-ket"


@dataclass(frozen=True)
class Conference:
    """What the three papers share: the report, the milestone, the plan's number, the names."""

    report: Report
    milestone: Milestone
    issued: Issued | None
    naming: Naming

    @property
    def day(self) -> dt.date | None:
        return self.issued.date if self.issued else None

    @property
    def name(self) -> str:
        period = self.report.committee.period
        return f"Hội nghị tổng kết xây dựng mô hình chi bộ kiểu mẫu giai đoạn {period.start}-{period.end}"

    @property
    def model(self) -> list[CellReport]:
        """The cells recognised at least once in the period, in the list's order."""
        period = self.report.committee.period
        return [c for c in self.report.cells if any(period.start <= y <= period.end for y in c.model_years)]


def conference_draft(report: Report) -> Draft | None:
    committee = report.committee
    milestone = next((m for m in committee.milestones if m.id == MILESTONE), None)
    if milestone is None:
        return None
    issued = report.papers.register.get("hoi-nghi")
    naming = naming_on(committee, issued.date if issued and issued.date else milestone.date)
    conference = Conference(report, milestone, issued, naming)
    line = attached("Kế hoạch", issued, "KH/ĐU", conference.day, f"Ban Thường vụ {naming.short_name}")
    return Draft(
        title=f"Tài liệu {conference.name}",
        docx=sources.period_docx(MILESTONE, committee.period.start, committee.period.end),
        page=sources.period_document(MILESTONE),
        back=("Trở lại kết quả qua các năm", sources.section("ket-qua")),
        parts=(_plan(conference), _programme(conference, line), _honoured(conference, line)),
        kind=KINDS["hoi-nghi"],
        layout=layout_on(conference.day or milestone.date),
        issued=f"Kế hoạch {issued_note(issued)}" if issued else "",
    )


def _plan(c: Conference) -> Part:
    committee, naming, milestone = c.report.committee, c.naming, c.milestone
    when = (
        f"ngày {date_vi(milestone.done)}"
        if milestone.done
        else f"{BLANK} (theo lộ trình của Kế hoạch: trước ngày {date_vi(milestone.date)})"
    )
    period = f"{committee.period.start}-{committee.period.end}"
    return Part(
        kind="KẾ HOẠCH",
        summary=f"tổ chức {c.name}",
        header=committee_header(naming, "KH", c.day, (c.day or milestone.date).year, c.issued),
        blocks=(
            Paragraph(
                f"Thực hiện {plan_citation(committee, naming)} giai đoạn {period}, Ban Thường vụ "
                f"{naming.short_name} ban hành kế hoạch tổ chức {c.name} như sau:"
            ),
            Heading("I- MỤC ĐÍCH, YÊU CẦU"),
            Fill(3),
            Heading("II- THỜI GIAN, ĐỊA ĐIỂM"),
            Paragraph(f"Thời gian: {when}."),
            Paragraph(f"Địa điểm: {BLANK}"),
            Heading("III- THÀNH PHẦN"),
            *_attendance(c),
            Heading("IV- NỘI DUNG"),
            Paragraph(f"1. Báo cáo tổng kết xây dựng mô hình chi bộ kiểu mẫu giai đoạn {period}."),
            Paragraph("2. Tham luận của các chi bộ kiểu mẫu."),
            Paragraph("3. Biểu dương, khen thưởng các chi bộ có thành tích (có danh sách kèm theo)."),
            Paragraph("4. Phát biểu chỉ đạo của cấp trên; kết luận Hội nghị."),
            Heading("V- PHÂN CÔNG THỰC HIỆN"),
            _tasks(c),
        ),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ,",
            "Các chi bộ,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
        draft=c.issued is None,
    )


def _attendance(c: Conference) -> tuple[Block, ...]:
    committee, naming, model = c.report.committee, c.naming, c.model
    return (
        Paragraph(f"Đại biểu cấp trên: đại diện Ban Thường vụ {naming.superior_committee}."),
        Paragraph(
            f"Các đồng chí Ủy viên Ban Chấp hành {naming.name}; các thành viên Ban Chỉ đạo xây dựng mô hình chi "
            f"bộ kiểu mẫu ({two(len(committee.steering))} đồng chí)."
        ),
        Paragraph(f"Bí thư {cells(len(c.report.cells))} trực thuộc."),
        *(
            (Paragraph(f"Đại diện {cells(len(model))} được công nhận chi bộ kiểu mẫu trong giai đoạn."),)
            if model
            else ()
        ),
    )


def _tasks(c: Conference) -> Block:
    owners = {m.id: m.owner for m in c.report.committee.milestones if m.owner}
    return simple_table(
        ("Nội dung", "Thực hiện"),
        [
            ("Chủ trì Hội nghị", owners.get(MILESTONE) or "Ban Thường vụ Đảng ủy"),
            ("Dự thảo Báo cáo tổng kết", owners.get("bao-cao-tong-ket") or BLANK),
            ("Chuẩn bị tài liệu, giấy mời, hậu cần", "Văn phòng Đảng ủy"),
            ("Chuẩn bị tham luận", names([m.cell.name for m in c.model]) or BLANK),
        ],
        (False, False),
        (40, 60),
    )


def _programme(c: Conference, line: str) -> Part:
    naming, committee, model = c.naming, c.report.committee, c.model
    head = steering_signature(committee).name
    closing = f"Đồng chí {naming.secretary}, Bí thư {naming.short_name}" if naming.secretary else BLANK
    items = (
        ("Tuyên bố lý do, giới thiệu đại biểu", "Văn phòng Đảng ủy"),
        ("Phát biểu khai mạc", f"Đồng chí {head}, Trưởng Ban Chỉ đạo" if head else BLANK),
        (f"Báo cáo tổng kết giai đoạn {committee.period.start}-{committee.period.end}", "Đại diện Ban Chỉ đạo"),
        ("Tham luận", f"Đại diện {cells(len(model))} kiểu mẫu" if model else BLANK),
        ("Công bố quyết định khen thưởng; trao khen thưởng", "Văn phòng Đảng ủy"),
        ("Phát biểu chỉ đạo", f"Đại diện Ban Thường vụ {naming.superior_committee}"),
        ("Kết luận, bế mạc Hội nghị", closing),
    )
    return Part(
        kind="CHƯƠNG TRÌNH",
        summary=c.name,
        attachment=line,
        blocks=(
            simple_table(
                ("TT", "Thời gian", "Nội dung", "Thực hiện"),
                [(str(i), BLANK, what, who) for i, (what, who) in enumerate(items, 1)],
                (True, False, False, False),
                (6, 16, 42, 36),
            ),
        ),
        draft=c.issued is None,
    )


def _honoured(c: Conference, line: str) -> Part:
    start, end = c.report.committee.period.start, c.report.committee.period.end
    rows = [
        (
            str(i),
            cell.cell.name,
            ", ".join(str(y) for y in cell.model_years if start <= y <= end),
            "; ".join(f"{r.year}: {r.award}" for r in cell.cell.results if r.award and start <= r.year <= end) or "–",
        )
        for i, cell in enumerate(c.model, 1)
    ]
    return Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được công nhận chi bộ kiểu mẫu và khen thưởng giai đoạn {start}-{end}",
        attachment=line,
        blocks=(
            simple_table(
                ("TT", "Chi bộ", "Năm được công nhận kiểu mẫu", "Khen thưởng"),
                rows,
                (True, False, False, False),
                (6, 34, 24, 36),
            )
            if rows
            else Paragraph(f"Giai đoạn {start}-{end} chưa có chi bộ được công nhận chi bộ kiểu mẫu."),
        ),
        draft=c.issued is None,
    )
