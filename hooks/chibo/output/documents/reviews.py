"""Báo cáo kết quả năm: the committee's yearly review, citing every programme running that
year: the year's figures from the Report as tables, each programme's targets, registrations,
selection, withdrawals (with their dates), recognitions and awards; the narrative sections
(ưu điểm, hạn chế, nguyên nhân, phương hướng) left to fill in.
"""

from __future__ import annotations

from ...formats import date_vi, percent_vi, threshold_phrase
from ...report import YearReport
from ...report.history import naming_on
from ...report.papers import Issued
from ...report.stats import Share, TargetCheck, YearStats
from ...vocab import RATINGS
from .. import sources
from .common import (
    BLANK,
    Voice,
    cells,
    committee_header,
    dated,
    issued_note,
    names,
    reference_day,
    simple_table,
    standing_signature,
    upper_first,
)
from .model import KINDS, Draft, Fill, Heading, Paragraph, Part, Table, layout_on
from .recognition import awards, recorded, withdrawals

STATS_LABELS = (
    "Năm",
    "Chi bộ đã xếp loại",
    "HTXSNV",
    "HTTNV",
    "HTNV",
    "KHTNV",
    "HTTNV trở lên",
    "Được công nhận",
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


def year_review(running: tuple[Voice, ...], year: YearReport) -> Draft:
    """Báo cáo kết quả năm Y of the committee, citing every programme running that year
    (``running``: at least one)."""
    report, y = running[0].report, year.year
    committee = report.committee
    issued = running[0].issued(f"bao-cao-{y}")
    day = dated(issued, next((d for v in running if (d := v.milestone(f"so-ket-{y}"))), None))
    naming = naming_on(committee, reference_day(day, y, committee.as_of))
    building = names([v.building for v in running])
    plans = "; ".join(v.plan_citation(naming) for v in running)
    part = Part(
        kind="BÁO CÁO",
        summary=f"kết quả {building} năm {y}",
        header=committee_header(naming, "BC", day, y, issued),
        blocks=(
            Paragraph(
                f"Thực hiện {plans}, Ban Thường vụ {naming.short_name} báo cáo kết quả thực hiện năm {y} như sau:"
            ),
            Heading("I- KẾT QUẢ THỰC HIỆN"),
            Heading("1. Công tác lãnh đạo, chỉ đạo", 2),
            Fill(3),
            Heading("2. Kết quả đánh giá, xếp loại chất lượng chi bộ", 2),
            stats_table([stats_row(str(y), year.stats)]),
            Paragraph("Theo loại hình chi bộ:"),
            stats_table([stats_row(t.type.name, t.stats) for t in year.by_type], "Loại hình"),
            Heading("3. So với chỉ tiêu của Kế hoạch", 2),
            *(block for v in running for block in _targets(v, y, len(running) > 1)),
            Heading(f"4. Đăng ký, {_steps(running)}", 2),
            *(block for v in running for block in rounds(v, y, len(running) > 1)),
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
    page = sources.year_document(y, "bao-cao")
    return Draft(
        title=f"Báo cáo kết quả {building} năm {y}",
        docx=sources.year_docx(y, "bao-cao"),
        page=page,
        back=(f"Trở lại kết quả năm {y}", sources.year(y)),
        parts=(part,),
        kind=KINDS["bao-cao"],
        year=y,
        layout=layout_on(day),
        issued=f"Báo cáo {issued_note(issued)}" if issued else "",
        moved=sources.former_files(page, moved_page=False),
    )


def _steps(running: tuple[Voice, ...]) -> str:
    """ "lựa chọn, công nhận và khen thưởng": the steps the year's programmes use."""
    steps = ["lựa chọn"] if any(v.flow.selection for v in running) else []
    steps.append("công nhận")
    if any(v.flow.commendation for v in running):
        steps.append("khen thưởng")
    return names(steps)


def _plan_line(voice: Voice) -> Paragraph:
    """Which programme the blocks after it are about, when the year has several."""
    plan = voice.record.plan
    return Paragraph("", lead=f"{upper_first(voice.building)} (Kế hoạch số {plan.number}):")


def _targets(voice: Voice, year: int, several: bool) -> tuple:
    checks = tuple(c for row in voice.programme.trajectory for c in row if c.stats and c.stats.year == year)
    lead = (_plan_line(voice),) if several else ()
    return lead + ((targets_table(checks),) if checks else (Paragraph("Năm này Kế hoạch không đặt chỉ tiêu."),))


def _cited(issued: Issued | None) -> str:
    return f" (Quyết định {issued_note(issued)})" if issued else ""


def rounds(voice: Voice, y: int, several: bool = False) -> tuple:
    """Who registered and was selected, who withdrew and when, who was recognised and awarded,
    in one programme."""
    found = voice.programme.year(y)
    building, model = voice.building, voice.model
    blocks: list = [_plan_line(voice)] if several else []
    selection = found.selection if found else None
    if selection:
        chosen = [c.cell.cell.name for c in selection.selected]
        decision = voice.issued(f"lua-chon-{y}")
        blocks.append(
            Paragraph(
                f"Năm {y} có {cells(len(selection.candidates))} đăng ký {building}; Ban Thường vụ "
                f"lựa chọn {cells(len(chosen))}{_cited(decision)}: {names(chosen)}."
                if chosen
                else f"Năm {y} có {cells(len(selection.candidates))} đăng ký {building}; Ban "
                "Thường vụ chưa quyết định lựa chọn."
            )
        )
    elif found and found.recognition and voice.flow.registration and not voice.flow.selection:
        registered = len(found.recognition.building) + len(withdrawals(voice, y))
        blocks.append(Paragraph(f"Năm {y} có {cells(registered)} đăng ký {building}."))
    elif voice.flow.registration:
        blocks.append(Paragraph(f"Năm {y} không có chi bộ đăng ký mới."))
    left = withdrawals(voice, y)
    if left:
        blocks.append(Paragraph(f"Có {cells(len(left))} rút đăng ký:"))
        blocks.append(
            simple_table(
                ("TT", "Chi bộ", "Ngày rút đăng ký", "Lý do"),
                [
                    (str(i), w.cell.cell.name, date_vi(w.event.date), w.event.note or BLANK)
                    for i, w in enumerate(left, 1)
                ],
                (True, False, False, False),
                (6, 28, 16, 50),
            )
        )
    listed = [c.cell.name for c in recorded(voice, y)]
    decision = voice.issued(f"cong-nhan-{y}")
    blocks.append(
        Paragraph(f"Có {cells(len(listed))} được công nhận {model}{_cited(decision)}: {names(listed)}.")
        if listed
        else Paragraph(f"Năm {y} chưa có chi bộ được công nhận {model}.")
    )
    if voice.flow.commendation:
        given = awards(voice, y)
        blocks.append(
            Paragraph(
                f"Khen thưởng: {'; '.join(f'{a.cell.cell.name} ({a.text})' for a in given)}."
                if given
                else f"Hồ sơ chưa ghi khen thưởng năm {y}."
            )
        )
    return tuple(blocks)
