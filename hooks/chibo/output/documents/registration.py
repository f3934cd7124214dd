"""Báo cáo khảo sát, đề xuất đăng ký (the plan's section ``registration``, "theo mẫu"): one
per cell, programme and year; "báo cáo đăng ký" in a programme without a survey step, and
the selection conditions only in a programme with a selection step.

Dated on the cell's registration (or survey) event, with the names and leaders in force
then and the member count known then. What only the cell can say (its situation,
strengths, weaknesses, plan and roadmap, its leaders' standing) is left as lines to fill in.
"""

from __future__ import annotations

from ...report import CellReport
from ...report.history import COMMITTEE_MIN_MEMBERS, Leaders
from ...report.programmes import CellProgramme
from ...report.registration import RegistrationReport
from ...report.selection import REVIEW
from ...vocab import CRITERION_LABELS
from .. import sources
from .common import BLANK, Voice, members_phrase, results_table, simple_table
from .model import KINDS, Draft, Fill, Header, Heading, Paragraph, Part, Signature, Table, layout_on

KIND = "BÁO CÁO"


def cell_voice(cell: CellReport, leaders: Leaders) -> str:
    """Who speaks for the cell: "Chi ủy Chi bộ Khoa Dược", or the cell itself when it has no
    chi ủy ("Chi bộ Phòng Khảo thí …", never "Chi bộ Chi bộ …")."""
    return f"Chi ủy {cell.cell.name}" if leaders.committee else cell.cell.name


def cell_signature(leaders: Leaders) -> Signature:
    return Signature(leaders.signs_for, "BÍ THƯ", leaders.secretary)


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def numbered(*groups: tuple) -> tuple:
    """Sections "I- …", "II- …" numbered in order; a group is its heading's text and its blocks
    (a group left out keeps the numbers running)."""
    found: list = []
    for index, (title, *blocks) in enumerate(groups):
        found += [Heading(f"{ROMAN[index]}- {title}"), *blocks]
    return tuple(found)


def reports_phrase(voice: Voice) -> str:
    """What a cell sends to register: "khảo sát, đề xuất đăng ký", or "đăng ký" without a survey."""
    return "khảo sát, đề xuất đăng ký" if voice.flow.survey else "đăng ký"


def registration_draft(cell: CellReport, report: RegistrationReport, voice: Voice, page: str | None) -> Draft:
    """The report for ``report.year``; ``page`` is its print page (the latest year's only).

    A Word file for each year the cell surveyed or registered; the report for a year it
    has not registered for yet is a print page only.
    """
    year = report.year
    name = cell.cell.name
    what = f"{reports_phrase(voice)} {voice.building} năm {year or BLANK}"
    return Draft(
        title=f"{name}: báo cáo {what}",
        docx=sources.cell_docx(cell.cell.id, "dang-ky", year, voice.id) if report.date and year else None,
        page=page,
        back=("Trở lại trang chi bộ", sources.cell(cell.cell.id)),
        kind=KINDS["dang-ky"],
        year=year,
        cell_id=cell.cell.id,
        subject=name,
        layout=layout_on(report.date),
        programme=voice.id,
        parts=(
            Part(
                kind=KIND,
                summary=what,
                header=Header(report.naming.name, name, f"Số {BLANK}-BC/CB", report.naming.place, report.date, year),
                to=f"Kính gửi: Ban Thường vụ {report.naming.short_name} (qua Văn phòng Đảng ủy)",
                blocks=_body(cell, report, voice),
                recipients=("Ban Thường vụ Đảng ủy (qua Văn phòng Đảng ủy),", "Lưu Chi bộ."),
                signature=cell_signature(report.leaders),
            ),
        ),
    )


def _body(cell: CellReport, report: RegistrationReport, voice: Voice) -> tuple:
    year, leaders = report.year, report.leaders
    who, building, standing = cell_voice(cell, leaders), voice.building, f"Ban Thường vụ {report.naming.short_name}"
    survey = "kết quả khảo sát và đề xuất đăng ký" if voice.flow.survey else "việc đăng ký"
    asked = (
        f"đề xuất đăng ký {building} năm {year or BLANK}, đề nghị {standing} xem xét, lựa chọn"
        if voice.flow.selection
        else f"đăng ký {building} năm {year or BLANK}, kính báo cáo {standing} theo dõi, chỉ đạo"
    )
    selection = (
        (
            (
                f"ĐỐI CHIẾU CÁC TIÊU CHÍ CƠ BẢN ĐỂ LỰA CHỌN{voice.section('selection')}",
                *_conditions(report, leaders.committee),
            ),
        )
        if voice.flow.selection
        else ()
    )
    return (
        Paragraph(f"{voice.plan_basis(report.naming)}, {who} báo cáo {survey} {building} năm {year or BLANK} như sau:"),
        *numbered(
            (
                "ĐẶC ĐIỂM, TÌNH HÌNH CHI BỘ",
                Paragraph(f"Loại hình chi bộ: {cell.type.name}. Tổng số đảng viên: {members_phrase(report.members)}."),
                Paragraph(leaders_sentence(leaders)),
                Fill(4, "Thực trạng hoạt động của chi bộ, chất lượng sinh hoạt chi bộ, đội ngũ đảng viên:"),
            ),
            (
                "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁC NĂM GẦN ĐÂY",
                *(
                    (results_table(report.results),)
                    if report.results
                    else (Paragraph("Chưa có kết quả đánh giá, xếp loại các năm trước."),)
                ),
            ),
            (
                f"TỰ ĐÁNH GIÁ THEO CÁC TIÊU CHÍ {voice.framework.upper()}{_year_note(year)}",
                criteria_table(report.criteria, "Tự đánh giá"),
            ),
            *selection,
            ("ƯU ĐIỂM, HẠN CHẾ", Fill(3, "1. Ưu điểm:"), Fill(3, "2. Hạn chế, nguyên nhân:")),
            (
                "ĐỀ XUẤT ĐĂNG KÝ, KẾ HOẠCH VÀ LỘ TRÌNH THỰC HIỆN"
                if voice.flow.selection
                else "ĐĂNG KÝ, KẾ HOẠCH VÀ LỘ TRÌNH THỰC HIỆN",
                Paragraph(f"{who} {asked}. Chi bộ cam kết thực hiện nghiêm túc các tiêu chí đã đăng ký."),
                Fill(4, "Kế hoạch, giải pháp và lộ trình thực hiện:"),
            ),
        ),
    )


def leaders_sentence(leaders: Leaders) -> str:
    secretary = leaders.secretary or BLANK
    deputy = f", đồng chí {leaders.deputy} là phó bí thư" if leaders.deputy else ""
    if leaders.committee:
        return f"Chi bộ có chi ủy; đồng chí {secretary} là bí thư chi bộ{deputy}."
    if leaders.members is not None and leaders.members < COMMITTEE_MIN_MEMBERS:
        return f"Chi bộ có dưới 9 đảng viên, không bầu chi ủy; đồng chí {secretary} là bí thư chi bộ{deputy}."
    return f"Chi bộ không có chi ủy; đồng chí {secretary} là bí thư chi bộ{deputy}."


def _year_note(year: int | None) -> str:
    return f" NĂM {year - 1}" if year else ""


def criteria_table(criteria: tuple, label: str) -> Table:
    """The cell's criteria by their text (its own added ones last, marked), each with a mark
    (``result``: dat / chua-dat / None)."""
    rows = [
        (str(index), c.title, CRITERION_LABELS[c.result] if c.result else "Chưa đánh giá")
        for index, c in enumerate(criteria, start=1)
    ]
    return simple_table(
        ("TT", "Tiêu chí", label),
        rows,
        (True, False, False),
        (7, 71, 22),
        "Gồm các tiêu chí chi bộ tự bổ sung (nếu có), ở cuối bảng.",
    )


def _conditions(report: RegistrationReport, committee: bool) -> tuple:
    if not report.exact:
        return (Paragraph("Chưa đủ dữ liệu để đối chiếu."),)
    rows = []
    for c in report.exact:
        if c.verdict == REVIEW:
            own = "chi ủy" if committee else "bí thư, phó bí thư"
            rows.append((c.title, "Chi bộ tự đánh giá", f"Chi bộ nêu năng lực, uy tín của {own}: {BLANK * 3}"))
        else:
            rows.append((c.title, c.label, c.reason))
    return (simple_table(("Điều kiện", "Đánh giá", "Căn cứ"), rows, (False, False, False), (44, 16, 40)),)


def registration_drafts(cell: CellReport, part: CellProgramme, voice: Voice) -> tuple[Draft, ...]:
    """Every year's report of one cell in one programme; the latest one also as the print page."""
    if not voice.wants("dang-ky"):
        return ()
    reports = part.registrations
    page = sources.cell_report(cell.cell.id, voice.id)
    return tuple(registration_draft(cell, r, voice, page if r is reports[-1] else None) for r in reports)
