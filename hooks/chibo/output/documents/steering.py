"""Quyết định thành lập Ban Chỉ đạo (the plan's section ``steering``), with the list of its
members, from ``steering`` in the committee's records, for a programme that names a
Steering Committee (``terms.steering``); numbered and dated when the register holds
``ban-chi-dao`` for it."""

from __future__ import annotations

from ...report.history import naming_on
from .. import sources
from .common import (
    Voice,
    attached,
    committee_header,
    issued_note,
    simple_table,
    standing_signature,
    two,
)
from .model import KINDS, Draft, Paragraph, Part, layout_on
from .selection import decision_preamble


def steering_draft(voice: Voice) -> Draft | None:
    committee = voice.report.committee
    if voice.steering is None or not voice.wants("ban-chi-dao"):
        return None
    plan = voice.record.plan
    issued = voice.issued("ban-chi-dao")
    day = issued.date if issued else None
    year = day.year if day else plan.date.year
    naming = naming_on(committee, day or plan.date)
    members = committee.steering
    name = f"{voice.steering} giai đoạn {voice.start}-{voice.end}"
    selection = (
        f"đề xuất Ban Thường vụ lựa chọn chi bộ {voice.building}, "
        if voice.flow.selection
        else "đề xuất Ban Thường vụ "
    )
    awards = " và khen thưởng" if voice.flow.commendation else ""
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc thành lập {name}",
        header=committee_header(naming, "QĐ", day, year, issued),
        blocks=decision_preamble(naming, voice, ("Xét yêu cầu nhiệm vụ,",))
        + (
            Paragraph(
                f"Thành lập {name} của {naming.name}, gồm {two(len(members))} đồng chí (có danh sách kèm theo).",
                lead="Điều 1.",
            ),
            Paragraph(
                f"Ban Chỉ đạo có nhiệm vụ lãnh đạo, chỉ đạo, theo dõi, giám sát việc thực hiện "
                f"{voice.plan_citation(naming)}; {selection}xem xét công nhận {voice.model}{awards} hằng năm; "
                "tham mưu sơ kết, tổng kết việc thực hiện. Trưởng Ban phân công nhiệm vụ cho các thành viên; Ban "
                "Chỉ đạo tự giải thể khi hoàn thành nhiệm vụ.",
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
        docx=sources.year_docx(year, "ban-chi-dao", voice.id),
        page=sources.year_document(year, "ban-chi-dao", voice.id),
        back=("Trở lại danh sách văn bản", sources.section("van-ban")),
        parts=(decision, listing),
        kind=KINDS["ban-chi-dao"],
        year=year,
        layout=layout_on(day),
        issued=f"Quyết định {issued_note(issued)}" if issued else "",
        programme=voice.id,
    )
