"""The papers of a programme's final conference (milestone ``hoi-nghi-tong-ket``): the Standing
Committee's plan for it (KH/ĐU), its programme, and the list of the period's model cells
and awards that the conference honours. The time, place and speeches are for the office
to write; who attends, who speaks and who is honoured come from the records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...formats import date_vi
from ...records.committee import Naming
from ...records.programme import Milestone
from ...report import CellReport
from ...report.history import naming_on
from ...report.papers import Issued
from .. import sources
from .common import (
    BLANK,
    Voice,
    attached,
    cells,
    committee_header,
    issued_note,
    names,
    simple_table,
    standing_signature,
    steering_head,
    two,
)
from .model import KINDS, Block, Draft, Fill, Heading, Paragraph, Part, layout_on

MILESTONE = "hoi-nghi-tong-ket"


@dataclass(frozen=True)
class Conference:
    """What the three papers share: the report, the milestone, the plan's number, the names."""

    voice: Voice
    milestone: Milestone
    issued: Issued | None
    naming: Naming

    @property
    def day(self) -> dt.date | None:
        return self.issued.date if self.issued else None

    @property
    def period(self) -> str:
        return f"{self.voice.start}-{self.voice.end}"

    @property
    def name(self) -> str:
        return f"Hội nghị tổng kết {self.voice.building} giai đoạn {self.period}"

    @property
    def model(self) -> list[CellReport]:
        """The cells the programme recognised at least once, in the list's order."""
        return [c for c in self.voice.report.cells if (p := c.part(self.voice.id)) is not None and p.model_years]


def conference_draft(voice: Voice) -> Draft | None:
    committee = voice.report.committee
    milestone = next((m for m in voice.record.milestones if m.id == MILESTONE), None)
    if milestone is None or not voice.wants("hoi-nghi"):
        return None
    issued = voice.issued("hoi-nghi")
    naming = naming_on(committee, issued.date if issued and issued.date else milestone.date)
    conference = Conference(voice, milestone, issued, naming)
    line = attached("Kế hoạch", issued, "KH/ĐU", conference.day, f"Ban Thường vụ {naming.short_name}")
    return Draft(
        title=f"Tài liệu {conference.name}",
        docx=sources.period_docx(MILESTONE, voice.start, voice.end, voice.id),
        page=sources.period_document(MILESTONE, voice.id),
        back=("Trở lại kết quả qua các năm", sources.section("ket-qua")),
        parts=(_plan(conference), _programme(conference, line), _honoured(conference, line)),
        kind=KINDS["hoi-nghi"],
        layout=layout_on(conference.day or milestone.date),
        issued=f"Kế hoạch {issued_note(issued)}" if issued else "",
        programme=voice.id,
    )


def _plan(c: Conference) -> Part:
    naming, milestone, period = c.naming, c.milestone, c.period
    when = (
        f"ngày {date_vi(milestone.done)}"
        if milestone.done
        else f"{BLANK} (theo lộ trình của Kế hoạch: trước ngày {date_vi(milestone.date)})"
    )
    return Part(
        kind="KẾ HOẠCH",
        summary=f"tổ chức {c.name}",
        header=committee_header(naming, "KH", c.day, (c.day or milestone.date).year, c.issued),
        blocks=(
            Paragraph(
                f"Thực hiện {c.voice.plan_citation(naming)}, Ban Thường vụ "
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
            Paragraph(f"1. Báo cáo tổng kết {c.voice.building} giai đoạn {period}."),
            Paragraph(f"2. Tham luận của các chi bộ được công nhận {c.voice.model}."),
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
    committee, naming, model, steering = c.voice.report.committee, c.naming, c.model, c.voice.steering
    members = f"; các thành viên {steering} ({two(len(committee.steering))} đồng chí)" if steering else ""
    return (
        Paragraph(f"Đại biểu cấp trên: đại diện Ban Thường vụ {naming.superior_committee}."),
        Paragraph(f"Các đồng chí Ủy viên Ban Chấp hành {naming.name}{members}."),
        Paragraph(f"Bí thư {cells(len(c.voice.report.cells))} trực thuộc."),
        *(
            (Paragraph(f"Đại diện {cells(len(model))} được công nhận {c.voice.model} trong giai đoạn."),)
            if model
            else ()
        ),
    )


def _tasks(c: Conference) -> Block:
    owners = {m.id: m.owner for m in c.voice.record.milestones if m.owner}
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
    naming, model, steering = c.naming, c.model, c.voice.steering
    head = steering_head(c.voice.report.committee) if steering else None
    closing = f"Đồng chí {naming.secretary}, Bí thư {naming.short_name}" if naming.secretary else BLANK
    items = (
        ("Tuyên bố lý do, giới thiệu đại biểu", "Văn phòng Đảng ủy"),
        ("Phát biểu khai mạc", f"Đồng chí {head}, Trưởng Ban Chỉ đạo" if head else BLANK),
        (f"Báo cáo tổng kết giai đoạn {c.period}", "Đại diện Ban Chỉ đạo" if steering else "Văn phòng Đảng ủy"),
        ("Tham luận", f"Đại diện {cells(len(model))} được công nhận {c.voice.model}" if model else BLANK),
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
    start, end, model = c.voice.start, c.voice.end, c.voice.model
    rows = [
        (
            str(i),
            cell.cell.name,
            ", ".join(str(y) for y in part.model_years if start <= y <= end) if (part := cell.part(c.voice.id)) else "",
            "; ".join(f"{r.year}: {r.award}" for r in cell.cell.results if r.award and start <= r.year <= end) or "–",
        )
        for i, cell in enumerate(c.model, 1)
    ]
    return Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được công nhận {model} và khen thưởng giai đoạn {start}-{end}",
        attachment=line,
        blocks=(
            simple_table(
                ("TT", "Chi bộ", f"Năm được công nhận {model}", "Khen thưởng"),
                rows,
                (True, False, False, False),
                (6, 34, 24, 36),
            )
            if rows
            else Paragraph(f"Giai đoạn {start}-{end} chưa có chi bộ được công nhận {model}."),
        ),
        draft=c.issued is None,
    )
