"""Báo cáo sơ kết (a year) and báo cáo tổng kết (the period): the figures from the Report as
tables, the narrative sections (ưu điểm, hạn chế, nguyên nhân, phương hướng) left to fill in.
"""

from __future__ import annotations

from ...formats import percent_vi, threshold_phrase
from ...report import Report, YearReport
from ...report.history import milestone_day, naming_on
from ...report.stats import Share, TargetCheck, YearStats
from ...vocab import RATING_SHORT, RATINGS
from .common import committee_header, plan_basis, reference_day, simple_table, standing_signature
from .model import Fill, Heading, Paragraph, Part, Table

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
    return "Đạt" if check.met else f"Chưa đạt (cần thêm {check.needed} chi bộ)"


def year_review(report: Report, year: YearReport) -> Part:
    """Báo cáo kết quả xây dựng mô hình chi bộ kiểu mẫu năm Y (sơ kết năm)."""
    committee, y = report.committee, year.year
    day = milestone_day(committee, f"so-ket-{y}")
    naming = naming_on(committee, reference_day(day, y, committee.as_of))
    targets = tuple(c for checks in report.trajectory for c in checks if c.stats and c.stats.year == y)
    models = [row.cell.cell.name for row in year.rows if row.row and row.row.result.model]
    return Part(
        kind="BÁO CÁO",
        summary=f"kết quả xây dựng mô hình chi bộ kiểu mẫu năm {y}",
        header=committee_header(naming, "BC", day, y),
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
            Heading("4. Đăng ký, lựa chọn và công nhận chi bộ kiểu mẫu", 2),
            *_rounds(year, models),
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
    )


def _rounds(year: YearReport, models: list[str]) -> tuple:
    blocks = []
    if year.selection:
        sel = year.selection
        names = ", ".join(c.cell.cell.name for c in sel.selected) or "chưa có"
        blocks.append(
            Paragraph(
                f"Có {len(sel.candidates)} chi bộ đăng ký; Ban Thường vụ lựa chọn {len(sel.selected)} chi bộ: {names}."
            )
        )
    else:
        blocks.append(Paragraph(f"Năm {year.year} không có chi bộ đăng ký mới."))
    blocks.append(
        Paragraph(
            f"Có {len(models)} chi bộ được công nhận chi bộ kiểu mẫu" + (f": {', '.join(models)}." if models else ".")
        )
    )
    return tuple(blocks)


def period_review(report: Report) -> Part:
    """Báo cáo tổng kết giai đoạn: every year, the targets, the model cells by year."""
    committee = report.committee
    start, end = committee.period.start, committee.period.end
    day = milestone_day(committee, "bao-cao-tong-ket")
    naming = naming_on(committee, day or committee.as_of)
    years = [y for y in report.years if start <= y.year <= end]
    return Part(
        kind="BÁO CÁO",
        summary=f"tổng kết xây dựng mô hình chi bộ kiểu mẫu giai đoạn {start}-{end}",
        header=committee_header(naming, "BC", day, None),
        blocks=(
            Paragraph(
                f"Thực hiện Kế hoạch số {committee.plan.number} về xây dựng mô hình chi bộ kiểu mẫu trong các "
                f"loại hình chi bộ giai đoạn {start}-{end}, Ban Thường vụ {naming.short_name} báo cáo tổng kết "
                "như sau:"
            ),
            Heading("I- KẾT QUẢ THỰC HIỆN"),
            Heading("1. Công tác quán triệt, lãnh đạo, chỉ đạo", 2),
            Fill(3),
            Heading("2. Kết quả đánh giá, xếp loại chất lượng chi bộ qua các năm", 2),
            stats_table([stats_row(str(y.year), y.stats) for y in years]),
            Heading(f"3. Kết quả thực hiện các chỉ tiêu đến năm {end}", 2),
            targets_table(report.targets),
            Heading("4. Chi bộ được công nhận chi bộ kiểu mẫu qua các năm", 2),
            simple_table(
                ("Năm", "Số chi bộ", "Chi bộ được công nhận"),
                [(str(y.year), str(y.stats.model.count), _model_names(y)) for y in years],
                (False, True, False),
                (10, 12, 78),
            ),
            Heading("II- ĐÁNH GIÁ CHUNG"),
            Fill(3, "1. Ưu điểm:"),
            Fill(3, "2. Hạn chế, nguyên nhân:"),
            Fill(3, "3. Bài học kinh nghiệm:"),
            Heading("III- PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
            Fill(4),
            Heading("IV- ĐỀ XUẤT, KIẾN NGHỊ"),
            Fill(2),
        ),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Các đồng chí Đảng ủy viên,",
            "Các chi bộ,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=standing_signature(naming),
    )


def _model_names(year: YearReport) -> str:
    return ", ".join(r.cell.cell.name for r in year.rows if r.row and r.row.result.model) or "–"


def period_appendices(report: Report) -> tuple[Part, ...]:
    """Phụ lục 1: every cell's ratings over the period; Phụ lục 2: figures by cell type."""
    committee = report.committee
    start, end = committee.period.start, committee.period.end
    span = range(start, end + 1)
    by_cell = []
    for index, cell in enumerate(report.cells, start=1):
        ratings = [cell.result(y) for y in span]
        by_cell.append(
            (
                str(index),
                cell.cell.name,
                *(RATING_SHORT[r.result.rating] if r and r.result.rating else "–" for r in ratings),
                ", ".join(str(y) for y in cell.model_years if start <= y <= end) or "–",
            )
        )
    cells = simple_table(
        ("TT", "Chi bộ", *map(str, span), "Năm được công nhận kiểu mẫu"),
        by_cell,
        (True, False) + (False,) * (len(span) + 1),
        (6, 26) + (14,) * len(span) + (12,),
        "HTXSNV, HTTNV, HTNV, KHTNV: mức xếp loại chất lượng chi bộ của năm.",
    )
    types = [
        stats_row(f"{t.type.short_name} {y.year}", t.stats)
        for y in report.years
        if start <= y.year <= end
        for t in y.by_type
    ]
    return (
        Part(kind="PHỤ LỤC 1", summary=f"kết quả xếp loại của từng chi bộ, {start}-{end}", blocks=(cells,)),
        Part(
            kind="PHỤ LỤC 2",
            summary=f"kết quả theo loại hình chi bộ, {start}-{end}",
            blocks=(stats_table(types, "Loại hình, năm"),),
        ),
    )
