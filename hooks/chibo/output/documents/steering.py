"""Quyết định thành lập Ban Chỉ đạo (plan III.2), with the list of its members, from
``steering`` in the records; numbered and dated when the register holds ``ban-chi-dao``."""

from __future__ import annotations

from ...report import Report
from ...report.history import naming_on
from .. import sources
from .common import attached, committee_header, issued_note, plan_citation, simple_table, standing_signature, two
from .model import KINDS, Draft, Paragraph, Part, layout_on
from .selection import decision_preamble


def steering_draft(report: Report) -> Draft | None:
    committee = report.committee
    if not committee.steering:
        return None
    issued = report.papers.register.get("ban-chi-dao")
    day = issued.date if issued else None
    year = day.year if day else committee.plan.date.year
    naming = naming_on(committee, day or committee.plan.date)
    start, end = committee.period.start, committee.period.end
    members = committee.steering
    name = f"Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu giai đoạn {start}-{end}"
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc thành lập {name}",
        header=committee_header(naming, "QĐ", day, year, issued),
        blocks=decision_preamble(naming, report, ("Xét yêu cầu nhiệm vụ,",))
        + (
            Paragraph(
                f"Thành lập {name} của {naming.name}, gồm {two(len(members))} đồng chí (có danh sách kèm theo).",
                lead="Điều 1.",
            ),
            Paragraph(
                f"Ban Chỉ đạo có nhiệm vụ lãnh đạo, chỉ đạo, theo dõi, giám sát việc thực hiện "
                f"{plan_citation(committee, naming)}; đề xuất Ban Thường vụ lựa chọn chi bộ xây dựng mô hình chi bộ "
                "kiểu mẫu, xem xét công nhận và khen thưởng chi bộ kiểu mẫu hằng năm; tham mưu sơ kết, tổng kết "
                "việc thực hiện. Trưởng Ban phân công nhiệm vụ cho các thành viên; Ban Chỉ đạo tự giải thể khi hoàn "
                "thành nhiệm vụ.",
                lead="Điều 2.",
            ),
            Paragraph(
                "Quyết định có hiệu lực kể từ ngày ký. Văn phòng Đảng ủy, các ban của Đảng ủy, các chi bộ và các "
                "đồng chí có tên tại Điều 1 căn cứ Quyết định thi hành.",
                lead="Điều 3.",
            ),
        ),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Như Điều 3,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
        draft=issued is None,
    )
    listing = Part(
        kind="DANH SÁCH",
        summary=f"thành viên {name}",
        attachment=attached("Quyết định", issued, "QĐ/ĐU", day, f"Ban Thường vụ {naming.short_name}"),
        blocks=(
            simple_table(
                ("TT", "Họ và tên", "Chức vụ", "Nhiệm vụ trong Ban Chỉ đạo"),
                [(str(i), m.name, m.position or "…", m.role) for i, m in enumerate(members, 1)],
                (True, False, False, False),
                (7, 28, 43, 22),
            ),
        ),
        draft=issued is None,
    )
    return Draft(
        title=f"Quyết định thành lập {name}",
        docx=sources.year_docx(year, "ban-chi-dao"),
        page=sources.year_document(year, "ban-chi-dao"),
        back=("Trở lại danh sách văn bản", sources.section("van-ban")),
        parts=(decision, listing),
        kind=KINDS["ban-chi-dao"],
        year=year,
        layout=layout_on(day),
        issued=f"Quyết định {issued_note(issued)}" if issued else "",
    )
