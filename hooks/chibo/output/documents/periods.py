"""Reviews of several years of a programme: the sơ kết half way (milestone ``so-ket`` or
``so-ket-<year>``: the years before its date, or up to its year when it falls in the second
half of it) and the tổng kết of the whole period (milestone ``bao-cao-tong-ket``,
``tong-ket`` or ``tong-ket-<year>``), each with its appendices by cell and by cell type. A
review is drafted once the data date reaches the year of its milestone (or, without one,
once the period is over).

What the records know is filled in: the milestones met and when, the Steering Committee,
every year's figures, the targets, the cells recognised and awarded with their decisions,
the withdrawals; what only the Standing Committee can write is left to fill in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...formats import date_vi
from ...records.committee import Naming
from ...records.programme import Milestone
from ...report import YearReport
from ...report.history import naming_on
from ...report.papers import Issued
from ...vocab import RATING_SHORT
from .. import sources
from .common import (
    BLANK,
    Voice,
    attached,
    committee_header,
    dated,
    issued_note,
    simple_table,
    standing_signature,
    steering_head,
    two,
)
from .model import KINDS, Block, Draft, Fill, Heading, Paragraph, Part, Table, layout_on
from .recognition import awards, recorded, withdrawals
from .reviews import stats_row, stats_table, targets_table


@dataclass(frozen=True)
class Span:
    """A review of the years ``start``–``end``: mid-term (``so-ket``) or final (``tong-ket``)."""

    kind: str
    start: int
    end: int
    milestone: Milestone | None

    @property
    def final(self) -> bool:
        return self.kind == "tong-ket"

    @property
    def label(self) -> str:
        return "tổng kết" if self.final else "sơ kết"


_MIDTERM = re.compile(r"so-ket(-[0-9]{4})?")
_FINAL = re.compile(r"bao-cao-tong-ket|tong-ket(-[0-9]{4})?")


def _covered(milestone: Milestone) -> int:
    """The last year a review reports on: the year before its date, or its own year when it
    falls in the year's second half."""
    day = milestone.done or milestone.date
    return day.year if day.month > 6 else day.year - 1


def spans(voice: Voice) -> tuple[Span, ...]:
    """The programme's mid-term review (when its records plan one inside the period) and its
    final one, those the data date has reached."""
    start, end, as_of = voice.start, voice.end, voice.report.committee.as_of
    found = []
    midterm = next((m for m in voice.record.milestones if _MIDTERM.fullmatch(m.id)), None)
    if midterm is not None and voice.wants("so-ket"):
        last = _covered(midterm)
        if start <= last < end and (midterm.done or midterm.date).year <= as_of.year:
            found.append(Span("so-ket", start, last, midterm))
    final = next((m for m in voice.record.milestones if _FINAL.fullmatch(m.id)), None)
    due = (final.done or final.date).year if final is not None else end + 1
    if voice.wants("tong-ket") and due <= as_of.year:
        found.append(Span("tong-ket", start, end, final))
    return tuple(found)


def period_draft(voice: Voice, span: Span) -> Draft:
    report = voice.report
    committee = report.committee
    issued = voice.issued(span.kind)
    day = dated(issued, span.milestone.done if span.milestone else None)
    year = (day or (span.milestone.date if span.milestone else dt.date(span.end + 1, 1, 1))).year
    naming = naming_on(committee, day or min(committee.as_of, dt.date(year, 12, 31)))
    years = [y for y in report.years if span.start <= y.year <= span.end]
    count = span.end - span.start + 1
    summary = (
        f"tổng kết {voice.building} giai đoạn {span.start}-{span.end}"
        if span.final
        else f"sơ kết {two(count)} năm {voice.building} ({span.start}-{span.end})"
    )
    review = Part(
        kind="BÁO CÁO",
        summary=summary,
        header=committee_header(naming, "BC", day, year, issued),
        blocks=_body(voice, span, naming, years),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Các đồng chí Đảng ủy viên,",
            "Các chi bộ,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
        draft=issued is None,
    )
    title = "Báo cáo tổng kết" if span.final else "Báo cáo sơ kết"
    return Draft(
        title=f"{title} {voice.building} {span.start}-{span.end}",
        docx=sources.period_docx(span.kind, span.start, span.end, voice.id),
        page=sources.period_document(span.kind, voice.id),
        back=("Trở lại kết quả qua các năm", sources.section("ket-qua")),
        parts=(review, *_appendices(voice, span, issued, day, naming)),
        kind=KINDS[span.kind],
        layout=layout_on(day),
        issued=f"Báo cáo {issued_note(issued)}" if issued else "",
        programme=voice.id,
    )


def _body(voice: Voice, span: Span, naming: Naming, years: list[YearReport]) -> tuple:
    if span.final:
        checks = voice.programme.targets
        heading = f"3. Kết quả thực hiện các chỉ tiêu đến năm {span.end}"
    else:
        checks = tuple(c for row in voice.programme.trajectory for c in row if c.stats and c.stats.year == span.end)
        heading = f"3. Tiến độ so với các chỉ tiêu đến năm {voice.end} (số liệu năm {span.end})"
    return (
        Paragraph(
            f"Thực hiện {voice.plan_citation(naming)}, Ban Thường vụ {naming.short_name} báo cáo {span.label} "
            f"{two(span.end - span.start + 1)} năm ({span.start}-{span.end}) như sau:"
        ),
        Heading("I- KẾT QUẢ THỰC HIỆN"),
        Heading("1. Công tác quán triệt, lãnh đạo, chỉ đạo", 2),
        *_steps(voice, span),
        Fill(3),
        Heading("2. Kết quả đánh giá, xếp loại chất lượng chi bộ qua các năm", 2),
        stats_table([stats_row(str(y.year), y.stats) for y in years]),
        Heading(heading, 2),
        targets_table(checks) if checks else Paragraph("Chưa có số liệu."),
        Heading(f"4. Chi bộ được công nhận {voice.model}" + (" và khen thưởng" if voice.flow.commendation else ""), 2),
        _models_table(voice, years),
        *_withdrawals(voice, years),
        Heading("II- ĐÁNH GIÁ CHUNG"),
        Fill(3, "1. Ưu điểm:"),
        Fill(3, "2. Hạn chế, nguyên nhân:"),
        Fill(3, "3. Bài học kinh nghiệm:"),
        Heading(
            "III- PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
            if span.final
            else f"III- NHIỆM VỤ, GIẢI PHÁP GIAI ĐOẠN {span.end + 1}-{voice.end}"
        ),
        Fill(4),
        Heading("IV- ĐỀ XUẤT, KIẾN NGHỊ"),
        Fill(2),
    )


def _steps(voice: Voice, span: Span) -> tuple:
    """The Steering Committee and the milestones met inside the span, with their dates."""
    committee = voice.report.committee
    blocks: list[Block] = []
    steering = voice.issued("ban-chi-dao")
    head = steering_head(committee)
    if voice.steering:
        cited = f" (Quyết định {issued_note(steering)})" if steering else ""
        led = f", do đồng chí {head} làm Trưởng Ban" if head else ""
        blocks.append(
            Paragraph(
                f"Ban Thường vụ thành lập {voice.steering}{cited} gồm {two(len(committee.steering))} đồng chí{led}."
            )
        )
    rows = [
        (m.title, date_vi(m.date), date_vi(m.done) if m.done else "Chưa hoàn thành")
        for m in voice.record.milestones
        if span.start <= m.date.year <= span.end or (m.done and span.start <= m.done.year <= span.end)
    ]
    if rows:
        blocks.append(Paragraph("Các mốc thực hiện theo Kế hoạch:"))
        blocks.append(simple_table(("Nội dung", "Hạn", "Hoàn thành"), rows, (False,) * 3, (60, 20, 20)))
    return tuple(blocks)


def _models_table(voice: Voice, years: list[YearReport]) -> Table:
    rows = []
    for y in years:
        model = [c.cell.name for c in recorded(voice, y.year)]
        decision = voice.issued(f"cong-nhan-{y.year}")
        given = awards(voice, y.year)
        rows.append(
            (
                str(y.year),
                str(len(model)),
                ", ".join(model) or "–",
                f"Số {issued_note(decision)[3:]}" if decision else ("–" if not model else BLANK),
                "; ".join(f"{a.cell.cell.name}: {a.text}" for a in given) or "–",
            )
        )
    return simple_table(
        ("Năm", "Số chi bộ", "Chi bộ được công nhận", "Quyết định công nhận", "Khen thưởng"),
        rows,
        (False, True, False, False, False),
        (8, 9, 37, 18, 28),
    )


def _withdrawals(voice: Voice, years: list[YearReport]) -> tuple:
    rows = [(str(y.year), w.cell.cell.name, date_vi(w.event.date)) for y in years for w in withdrawals(voice, y.year)]
    if not rows:
        return ()
    return (
        Paragraph("Chi bộ rút đăng ký:"),
        simple_table(("Năm", "Chi bộ", "Ngày rút đăng ký"), rows, (False, False, False), (12, 60, 28)),
    )


def _appendices(
    voice: Voice, span: Span, issued: Issued | None, day: dt.date | None, naming: Naming
) -> tuple[Part, ...]:
    """Phụ lục 1: every cell's ratings over the span; Phụ lục 2: figures by cell type."""
    report = voice.report
    years = range(span.start, span.end + 1)
    by_cell = []
    for index, cell in enumerate(report.cells, start=1):
        ratings = [cell.result(y) for y in years]
        by_cell.append(
            (
                str(index),
                cell.cell.name,
                *(RATING_SHORT[r.result.rating] if r and r.result.rating else "–" for r in ratings),
                (
                    ", ".join(str(y) for y in part.model_years if span.start <= y <= span.end)
                    if (part := cell.part(voice.id))
                    else ""
                )
                or "–",
            )
        )
    cells_table = simple_table(
        ("TT", "Chi bộ", *map(str, years), f"Năm được công nhận {voice.model}"),
        by_cell,
        (True, False) + (False,) * (len(years) + 1),
        (6, 26) + (14,) * len(years) + (12,),
        "HTXSNV, HTTNV, HTNV, KHTNV: mức xếp loại chất lượng chi bộ của năm.",
    )
    types = [
        stats_row(f"{t.type.short_name} {y.year}", t.stats)
        for y in report.years
        if span.start <= y.year <= span.end
        for t in y.by_type
    ]
    line = attached("Báo cáo", issued, "BC/ĐU", day, f"Ban Thường vụ {naming.short_name}")
    draft = issued is None
    return (
        Part(
            kind="PHỤ LỤC 1",
            summary=f"kết quả xếp loại của từng chi bộ giai đoạn {span.start}-{span.end}",
            attachment=line,
            blocks=(cells_table,),
            draft=draft,
        ),
        Part(
            kind="PHỤ LỤC 2",
            summary=f"kết quả theo loại hình chi bộ giai đoạn {span.start}-{span.end}",
            attachment=line,
            blocks=(stats_table(types, "Loại hình, năm"),),
            draft=draft,
        ),
    )
