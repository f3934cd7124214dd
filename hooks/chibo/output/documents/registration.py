"""Báo cáo khảo sát, đề xuất đăng ký (plan III.3.2, "theo mẫu"): one per cell and year.

Dated on the cell's registration (or survey) event, with the names, leaders and member
count in force then. What only the cell can say (its situation, strengths, weaknesses,
plan and roadmap, its leaders' standing) is left as lines to fill in.
"""

from __future__ import annotations

from ...records.committee import Committee
from ...report import CellReport
from ...report.registration import RegistrationReport
from ...report.selection import REVIEW
from ...vocab import CRITERION_LABELS
from .. import sources
from .common import BLANK, count, plan_basis, results_table, simple_table
from .model import KINDS, Draft, Fill, Header, Heading, Paragraph, Part, Signature

KIND = "BÁO CÁO"


def registration_draft(cell: CellReport, report: RegistrationReport, committee: Committee, page: str | None) -> Draft:
    """The report for ``report.year``; ``page`` is its print page (the latest year's only).

    A Word file for each year the cell surveyed or registered; the report for a year it
    has not registered for yet is a print page only.
    """
    year = report.year
    name = cell.cell.name
    return Draft(
        title=f"{name}: báo cáo khảo sát, đề xuất đăng ký năm {year or BLANK}",
        docx=sources.cell_report_docx(cell.cell.id, year) if report.date and year is not None else None,
        page=page,
        back=("Trở lại trang chi bộ (Văn phòng)", sources.office_cell(cell.cell.id)),
        kind=KINDS["dang-ky"],
        year=year,
        cell_id=cell.cell.id,
        subject=name,
        parts=(
            Part(
                kind=KIND,
                summary=f"khảo sát, đề xuất đăng ký xây dựng mô hình chi bộ kiểu mẫu năm {year or BLANK}",
                header=Header(report.naming.name, name, f"Số {BLANK}-BC/CB", report.naming.place, report.date, year),
                to=f"Kính gửi: Ban Thường vụ {report.naming.short_name} (qua Văn phòng Đảng ủy)",
                blocks=_body(cell, report, committee),
                recipients=("Ban Thường vụ Đảng ủy (qua Văn phòng Đảng ủy),", "Lưu Chi bộ."),
                signature=Signature(report.leaders.signs_for, "BÍ THƯ", report.leaders.secretary),
            ),
        ),
    )


def _body(cell: CellReport, report: RegistrationReport, committee: Committee) -> tuple:
    year, leaders = report.year, report.leaders
    who = f"{leaders.body} {cell.cell.name}"
    return (
        Paragraph(
            f"{plan_basis(committee, report.naming)}, {who} báo cáo kết quả khảo sát và đề xuất đăng ký xây "
            f"dựng mô hình chi bộ kiểu mẫu năm {year or BLANK} như sau:"
        ),
        Heading("I- ĐẶC ĐIỂM, TÌNH HÌNH CHI BỘ"),
        Paragraph(f"Loại hình chi bộ: {cell.type.name}. Tổng số đảng viên: {count(leaders.members)} đồng chí."),
        Paragraph(_leaders_sentence(leaders)),
        Fill(4, "Thực trạng hoạt động của chi bộ, chất lượng sinh hoạt chi bộ, đội ngũ đảng viên:"),
        Heading("II- KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁC NĂM GẦN ĐÂY"),
        *(
            (results_table(report.results),)
            if report.results
            else (Paragraph("Chưa có kết quả đánh giá, xếp loại các năm trước."),)
        ),
        Heading(f'III- TỰ ĐÁNH GIÁ THEO CÁC TIÊU CHÍ "CHI BỘ 5 TỐT"{_year_note(year)}'),
        _criteria_table(report),
        Heading("IV- ĐỐI CHIẾU CÁC TIÊU CHÍ CƠ BẢN ĐỂ LỰA CHỌN (mục III.3.1 của Kế hoạch)"),
        *_conditions(report, leaders.committee),
        Heading("V- ƯU ĐIỂM, HẠN CHẾ"),
        Fill(3, "1. Ưu điểm:"),
        Fill(3, "2. Hạn chế, nguyên nhân:"),
        Heading("VI- ĐỀ XUẤT ĐĂNG KÝ, KẾ HOẠCH VÀ LỘ TRÌNH THỰC HIỆN"),
        Paragraph(
            f"{who} đề xuất đăng ký xây dựng mô hình chi bộ kiểu mẫu năm {year or BLANK}, đề nghị Ban "
            f"Thường vụ {report.naming.short_name} xem xét, lựa chọn. Chi bộ cam kết thực hiện nghiêm túc các "
            "tiêu chí đã đăng ký."
        ),
        Fill(4, "Kế hoạch, giải pháp và lộ trình thực hiện:"),
    )


def _leaders_sentence(leaders) -> str:
    secretary = leaders.secretary or BLANK
    deputy = f", đồng chí {leaders.deputy} là phó bí thư" if leaders.deputy else ""
    if leaders.committee:
        return f"Chi bộ có chi ủy; đồng chí {secretary} là bí thư chi bộ{deputy}."
    return f"Chi bộ có dưới 9 đảng viên chính thức, không bầu chi ủy; đồng chí {secretary} là bí thư chi bộ{deputy}."


def _year_note(year: int | None) -> str:
    return f" NĂM {year - 1}" if year else ""


def _criteria_table(report: RegistrationReport):
    rows = [
        (c.id.upper(), c.title, CRITERION_LABELS[c.result] if c.result else "Chưa đánh giá") for c in report.criteria
    ]
    return simple_table(
        ("Tiêu chí", "Nội dung", "Tự đánh giá"),
        rows,
        (False, False, False),
        (12, 66, 22),
        "Gồm các tiêu chí chi bộ tự bổ sung (nếu có).",
    )


def _conditions(report: RegistrationReport, committee: bool) -> tuple:
    if not report.conditions:
        return (Paragraph("Chưa đủ dữ liệu để đối chiếu."),)
    rows = []
    for c in report.conditions:
        if c.verdict == REVIEW:
            own = "chi ủy" if committee else "bí thư, phó bí thư"
            rows.append((c.title, "Chi bộ tự đánh giá", f"Chi bộ nêu năng lực, uy tín của {own}: {BLANK * 3}"))
        else:
            rows.append((c.title, c.label, c.reason))
    return (simple_table(("Điều kiện", "Đánh giá", "Căn cứ"), rows, (False, False, False), (44, 16, 40)),)


def registration_drafts(cell: CellReport, committee: Committee) -> tuple[Draft, ...]:
    """Every year's report of one cell; the latest one also as the print page."""
    reports = cell.registrations
    page = sources.cell_report(cell.cell.id)
    return tuple(registration_draft(cell, r, committee, page if r is reports[-1] else None) for r in reports)
