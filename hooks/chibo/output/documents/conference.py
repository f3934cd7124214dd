"""The papers of the final conference (milestone ``hoi-nghi-tong-ket``): the Standing
Committee's plan for it (KH/ĐU), its programme, and the list of the period's model cells
and awards that the conference honours. The time, place and speeches are for the office
to write; who attends, who speaks and who is honoured come from the records.
"""

from __future__ import annotations

from ...formats import date_vi
from ...report import Report
from ...report.history import naming_on
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
from .model import KINDS, Draft, Fill, Heading, Paragraph, Part, layout_on

MILESTONE = "hoi-nghi-tong-ket"


def conference_draft(report: Report) -> Draft | None:
    committee = report.committee
    milestone = next((m for m in committee.milestones if m.id == MILESTONE), None)
    if milestone is None:
        return None
    start, end = committee.period.start, committee.period.end
    issued = report.papers.register.get("hoi-nghi")
    day = issued.date if issued else None
    naming = naming_on(committee, day or milestone.date)
    name = f"Hội nghị tổng kết xây dựng mô hình chi bộ kiểu mẫu giai đoạn {start}-{end}"
    model = [c for c in report.cells if any(start <= y <= end for y in c.model_years)]
    head = steering_signature(committee).name
    when = (
        f"ngày {date_vi(milestone.done)}"
        if milestone.done
        else f"{BLANK} (theo lộ trình của Kế hoạch: trước ngày {date_vi(milestone.date)})"
    )
    owners = {m.id: m.owner for m in committee.milestones if m.owner}
    plan = Part(
        kind="KẾ HOẠCH",
        summary=f"tổ chức {name}",
        header=committee_header(naming, "KH", day, (day or milestone.date).year, issued),
        blocks=(
            Paragraph(
                f"Thực hiện {plan_citation(committee, naming)} giai đoạn {start}-{end}, Ban Thường vụ "
                f"{naming.short_name} ban hành kế hoạch tổ chức {name} như sau:"
            ),
            Heading("I- MỤC ĐÍCH, YÊU CẦU"),
            Fill(3),
            Heading("II- THỜI GIAN, ĐỊA ĐIỂM"),
            Paragraph(f"Thời gian: {when}."),
            Paragraph(f"Địa điểm: {BLANK}"),
            Heading("III- THÀNH PHẦN"),
            Paragraph(f"Đại biểu cấp trên: đại diện Ban Thường vụ {naming.superior_committee}."),
            Paragraph(
                f"Các đồng chí Ủy viên Ban Chấp hành {naming.name}; các thành viên Ban Chỉ đạo xây dựng mô hình chi "
                f"bộ kiểu mẫu ({two(len(committee.steering))} đồng chí)."
            ),
            Paragraph(f"Bí thư {cells(len(report.cells))} trực thuộc."),
            *(
                (Paragraph(f"Đại diện {cells(len(model))} được công nhận chi bộ kiểu mẫu trong giai đoạn."),)
                if model
                else ()
            ),
            Heading("IV- NỘI DUNG"),
            Paragraph(f"1. Báo cáo tổng kết xây dựng mô hình chi bộ kiểu mẫu giai đoạn {start}-{end}."),
            Paragraph("2. Tham luận của các chi bộ kiểu mẫu."),
            Paragraph("3. Biểu dương, khen thưởng các chi bộ có thành tích (có danh sách kèm theo)."),
            Paragraph("4. Phát biểu chỉ đạo của cấp trên; kết luận Hội nghị."),
            Heading("V- PHÂN CÔNG THỰC HIỆN"),
            simple_table(
                ("Nội dung", "Thực hiện"),
                [
                    ("Chủ trì Hội nghị", owners.get(MILESTONE) or "Ban Thường vụ Đảng ủy"),
                    ("Dự thảo Báo cáo tổng kết", owners.get("bao-cao-tong-ket") or BLANK),
                    ("Chuẩn bị tài liệu, giấy mời, hậu cần", "Văn phòng Đảng ủy"),
                    ("Chuẩn bị tham luận", names([c.cell.name for c in model]) or BLANK),
                ],
                (False, False),
                (40, 60),
            ),
        ),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ,",
            "Các chi bộ,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
        draft=issued is None,
    )
    line = attached("Kế hoạch", issued, "KH/ĐU", day, f"Ban Thường vụ {naming.short_name}")
    programme = Part(
        kind="CHƯƠNG TRÌNH",
        summary=name,
        attachment=line,
        blocks=(
            simple_table(
                ("TT", "Thời gian", "Nội dung", "Thực hiện"),
                [
                    ("1", BLANK, "Tuyên bố lý do, giới thiệu đại biểu", "Văn phòng Đảng ủy"),
                    ("2", BLANK, "Phát biểu khai mạc", f"Đồng chí {head}, Trưởng Ban Chỉ đạo" if head else BLANK),
                    ("3", BLANK, f"Báo cáo tổng kết giai đoạn {start}-{end}", "Đại diện Ban Chỉ đạo"),
                    ("4", BLANK, "Tham luận", f"Đại diện {cells(len(model))} kiểu mẫu" if model else BLANK),
                    ("5", BLANK, "Công bố quyết định khen thưởng; trao khen thưởng", "Văn phòng Đảng ủy"),
                    ("6", BLANK, "Phát biểu chỉ đạo", f"Đại diện Ban Thường vụ {naming.superior_committee}"),
                    (
                        "7",
                        BLANK,
                        "Kết luận, bế mạc Hội nghị",
                        f"Đồng chí {naming.secretary}, Bí thư {naming.short_name}" if naming.secretary else BLANK,
                    ),
                ],
                (True, False, False, False),
                (6, 16, 42, 36),
            ),
        ),
        draft=issued is None,
    )
    honoured = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được công nhận chi bộ kiểu mẫu và khen thưởng giai đoạn {start}-{end}",
        attachment=line,
        blocks=(
            simple_table(
                ("TT", "Chi bộ", "Năm được công nhận kiểu mẫu", "Khen thưởng"),
                [
                    (
                        str(i),
                        c.cell.name,
                        ", ".join(str(y) for y in c.model_years if start <= y <= end),
                        "; ".join(f"{r.year}: {r.award}" for r in c.cell.results if r.award and start <= r.year <= end)
                        or "–",
                    )
                    for i, c in enumerate(model, 1)
                ],
                (True, False, False, False),
                (6, 34, 24, 36),
            )
            if model
            else Paragraph(f"Giai đoạn {start}-{end} chưa có chi bộ được công nhận chi bộ kiểu mẫu."),
        ),
        draft=issued is None,
    )
    return Draft(
        title=f"Tài liệu {name}",
        docx=sources.period_docx(MILESTONE, start, end),
        page=sources.period_document(MILESTONE),
        back=("Trở lại kết quả qua các năm", sources.section("ket-qua")),
        parts=(plan, programme, honoured),
        kind=KINDS["hoi-nghi"],
        layout=layout_on(day or milestone.date),
        issued=f"Kế hoạch {issued_note(issued)}" if issued else "",
    )
