"""December: recognising the year's model cells and rewarding them (plan III.4).

* **Tờ trình đề nghị công nhận** (Ban Chỉ đạo): the cells building the model that year and
  the selection each rests on, who withdrew (with the date), who registered but was not
  selected, the year's ratings, the cells that fall short with their reasons (criteria by
  their text), and the cells it proposes.
* **Quyết định công nhận** (Ban Thường vụ) with its **Danh sách**: the cells the records
  recognise (``model: true``), or, while none is recorded, those that qualify.
* **Quyết định khen thưởng** (Đảng ủy): the awards the records hold for the year, or, while
  none is recorded, the recognised cells with the award left for the office to write.
"""

from __future__ import annotations

import datetime as dt

from ...formats import date_vi
from ...records.committee import Naming
from ...report import CellReport, Report, YearReport
from ...report.history import leaders_counted, members_on, milestone_day, naming_on
from ...report.papers import Issued
from ...report.rounds import Building, RecognitionRound
from ...vocab import RATING_LABELS
from .. import sources
from .common import (
    BLANK,
    STEERING,
    attached,
    cells,
    citation,
    committee_header,
    dated,
    executive_signature,
    issued_note,
    names,
    plan_basis,
    reference_day,
    simple_table,
    standing_signature,
    steering_header,
    steering_signature,
    two,
)
from .model import KINDS, Draft, Heading, Paragraph, Part, Table, layout_on
from .selection import decision_preamble


def recognised(year: YearReport) -> tuple[CellReport, ...]:
    """The year's model cells: those the records recognise, else (none recorded) those that qualify."""
    recorded = tuple(row.cell for row in year.rows if row.row and row.row.result.model)
    if recorded or year.recognition is None:
        return recorded
    return tuple(b.cell for b in year.recognition.qualified)


def recognition_drafts(year: YearReport, report: Report) -> tuple[Draft, ...]:
    """The year's recognition (Tờ trình, and the Quyết định with its Danh sách when a cell is
    recognised) and its award decision."""
    round_ = year.recognition
    if round_ is None or not year.stats.rated:
        return ()
    committee, register, y = report.committee, report.papers.register, year.year
    decision = register.get(f"cong-nhan-{y}")
    day = dated(decision, milestone_day(committee, f"cong-nhan-{y}"))
    naming = naming_on(committee, reference_day(day, y, committee.as_of))
    model = recognised(year)
    proposal = register.get(f"to-trinh-{y}")
    parts = [_proposal(round_, year, report, naming, model, proposal)]
    if model:
        parts += _decision(year, report, naming, model, decision, proposal, day)
    found = [
        Draft(
            title=f"Tờ trình và Quyết định công nhận chi bộ kiểu mẫu năm {y}",
            docx=sources.year_docx(y, "cong-nhan"),
            page=sources.year_document(y, "cong-nhan"),
            back=(f"Trở lại kết quả năm {y}", sources.year(y)),
            parts=tuple(parts),
            kind=KINDS["cong-nhan"],
            year=y,
            layout=layout_on(day),
            issued=f"Quyết định {issued_note(decision)}" if decision else "",
        )
    ]
    awards = _awards(year, report, naming, model, decision, day)
    return tuple(found + ([awards] if awards else []))


def _proposal(
    round_: RecognitionRound,
    year: YearReport,
    report: Report,
    naming: Naming,
    model: tuple[CellReport, ...],
    issued: Issued | None,
) -> Part:
    y, committee = year.year, report.committee
    withdrawals = report.papers.year(y).withdrawals
    body = [
        Paragraph(
            f"{plan_basis(committee, naming)}; căn cứ kết quả tự đánh giá của các chi bộ và kết quả đánh giá, "
            f"xếp loại chất lượng năm {y}, Ban Chỉ đạo báo cáo và đề nghị như sau:"
        ),
        Heading(f"I- KẾT QUẢ XÂY DỰNG MÔ HÌNH CHI BỘ KIỂU MẪU NĂM {y}"),
        Paragraph(_building_sentence(round_, y)),
        *(
            Paragraph(
                f"{w.cell.cell.name} rút đăng ký xây dựng mô hình chi bộ kiểu mẫu năm {y} ngày {date_vi(w.event.date)}."
            )
            for w in withdrawals
        ),
        *(
            (
                Paragraph(
                    f"{cells(len(round_.not_selected))} đăng ký nhưng không được lựa chọn năm {y}: "
                    f"{names([c.cell.name for c in round_.not_selected])}."
                ),
            )
            if round_.not_selected
            else ()
        ),
        Paragraph(
            f"Năm {y}, {cells(year.stats.rated)} được đánh giá, xếp loại chất lượng. Trong các chi bộ xây dựng mô "
            f"hình, {cells(len(model))} hoàn thành tốt nhiệm vụ trở lên và đạt tất cả các tiêu chí (kể cả tiêu "
            "chí chi bộ tự bổ sung)."
            if model
            else f"Năm {y}, {cells(year.stats.rated)} được đánh giá, xếp loại chất lượng; chưa có chi bộ xây dựng "
            "mô hình nào đạt tất cả các tiêu chí."
        ),
        *_short(round_, model),
        Heading("II- ĐỀ NGHỊ"),
        Paragraph(
            f"Ban Chỉ đạo đề nghị Ban Thường vụ {naming.short_name} xem xét, công nhận {cells(len(model))} kiểu mẫu "
            f"năm {y}: {names([c.cell.name for c in model])} (có danh sách kèm theo)."
            if model
            else f"Năm {y} Ban Chỉ đạo chưa đề nghị công nhận chi bộ kiểu mẫu."
        ),
        Paragraph(f"Kính trình Ban Thường vụ {naming.short_name} xem xét, quyết định."),
    ]
    return Part(
        kind="TỜ TRÌNH",
        summary=f"đề nghị công nhận chi bộ kiểu mẫu năm {y}",
        header=steering_header(naming, "TTr", issued.date if issued else None, y, issued),
        to=f"Kính gửi: Ban Thường vụ {naming.short_name}",
        blocks=tuple(body),
        recipients=("Như trên,", "Lưu Văn phòng Đảng ủy."),
        signature=steering_signature(committee),
        draft=issued is None,
    )


def _building_sentence(round_: RecognitionRound, year: int) -> str:
    """ "Năm 2023 có 04 chi bộ xây dựng mô hình chi bộ kiểu mẫu: 02 chi bộ được lựa chọn năm
    2023 (Quyết định số 52-QĐ/ĐU ngày 10-02-2023), …"."""
    if not round_.building:
        return f"Năm {year} không có chi bộ nào được lựa chọn xây dựng mô hình chi bộ kiểu mẫu."
    groups: dict[tuple[int, str | None], list[Building]] = {}
    for b in round_.building:
        groups.setdefault((b.since, b.decision), []).append(b)
    parts = []
    for (since, decision), members in sorted(groups.items(), key=lambda g: -g[0][0]):
        cited = f" ({decision})" if decision else ""
        parts.append(
            f"{cells(len(members))} được lựa chọn năm {since}{cited}: {names([b.cell.cell.name for b in members])}"
        )
    return (
        f"Năm {year} có {cells(len(round_.building))} xây dựng mô hình chi bộ kiểu mẫu; trong đó "
        + "; ".join(parts)
        + "."
    )


def _short(round_: RecognitionRound, model: tuple[CellReport, ...]) -> tuple:
    recognised_ids = {c.cell.id for c in model}
    short = [b for b in round_.building if b.cell.cell.id not in recognised_ids]
    if not short:
        return ()
    return (
        Paragraph("Các chi bộ xây dựng mô hình chưa đủ điều kiện công nhận:"),
        simple_table(
            ("TT", "Chi bộ", "Lý do"),
            [(str(i), b.cell.cell.name, "; ".join(b.reasons) or BLANK) for i, b in enumerate(short, 1)],
            (True, False, False),
            (6, 30, 64),
        ),
    )


def _decision(
    year: YearReport,
    report: Report,
    naming: Naming,
    model: tuple[CellReport, ...],
    issued: Issued | None,
    proposal: Issued | None,
    day: dt.date | None,
) -> list[Part]:
    y = year.year
    letter = citation(
        "Tờ trình", proposal, "TTr", STEERING, f"về việc đề nghị công nhận chi bộ kiểu mẫu năm {y}", "BCĐ"
    )
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc công nhận chi bộ kiểu mẫu năm {y}",
        header=committee_header(naming, "QĐ", day, y, issued),
        blocks=decision_preamble(
            naming,
            report,
            (f"Xét kết quả tự đánh giá của các chi bộ, kết quả đánh giá, xếp loại chất lượng năm {y} và {letter},",),
        )
        + (
            Paragraph(f"Công nhận {cells(len(model))} kiểu mẫu năm {y} (có danh sách kèm theo).", lead="Điều 1."),
            Paragraph(
                "Các chi bộ có tên tại Điều 1 được biểu dương tại Hội nghị tổng kết công tác xây dựng Đảng năm "
                f"{y} và xem xét khen thưởng theo quy định.",
                lead="Điều 2.",
            ),
            Paragraph(
                "Quyết định có hiệu lực kể từ ngày ký. Văn phòng Đảng ủy và các chi bộ có tên tại Điều 1 căn "
                "cứ Quyết định thi hành.",
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
        summary=f"chi bộ được công nhận chi bộ kiểu mẫu năm {y}",
        attachment=attached("Quyết định", issued, "QĐ/ĐU", day, f"Ban Thường vụ {naming.short_name}"),
        blocks=(_model_table(model, y, reference_day(day, y, report.committee.as_of), report.committee.as_of),),
        draft=issued is None,
    )
    return [decision, listing]


def _model_table(model: tuple[CellReport, ...], year: int, day: dt.date, as_of: dt.date) -> Table:
    rows = []
    for index, cell in enumerate(model, start=1):
        known = members_on(cell.cell, day, as_of)
        leaders = leaders_counted(cell.cell, day, known.value if known else None)
        row = cell.result(year)
        rating = row.result.rating if row else None
        marks = (row.result.criteria or {}) if row else {}
        met = sum(1 for c in cell.criteria if marks.get(c.id) == "dat")
        extra = len(cell.cell.extra_criteria)
        criteria = f"Đạt {two(met)}/{two(len(cell.criteria))} tiêu chí" + (
            f" (gồm {two(extra)} tiêu chí chi bộ bổ sung)" if extra else ""
        )
        rows.append(
            (
                str(index),
                cell.cell.name,
                leaders.secretary or BLANK,
                RATING_LABELS[rating] if rating else BLANK,
                criteria,
            )
        )
    return simple_table(
        ("TT", "Chi bộ", "Bí thư chi bộ", f"Xếp loại năm {year}", "Tiêu chí tự đánh giá"),
        rows,
        (True, False, False, False, False),
        (6, 30, 20, 22, 22),
    )


def _awards(
    year: YearReport,
    report: Report,
    naming: Naming,
    model: tuple[CellReport, ...],
    recognition: Issued | None,
    day: dt.date | None,
) -> Draft | None:
    """Quyết định khen thưởng: the awards recorded for the year; while none is, the recognised
    cells, the award left for the office to write."""
    y = year.year
    recorded = report.papers.year(y).awards
    listed = [(a.cell, a.text) for a in recorded] or [(cell, BLANK) for cell in model]
    if not listed:
        return None
    issued = report.papers.register.get(f"khen-thuong-{y}")
    day = dated(issued, day)
    model_ids = {c.cell.id for c in model}
    decided = citation(
        "Quyết định",
        recognition,
        "QĐ",
        f"Ban Thường vụ {naming.short_name}",
        f"về việc công nhận chi bộ kiểu mẫu năm {y}",
    )
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc khen thưởng chi bộ kiểu mẫu năm {y}",
        header=committee_header(naming, "QĐ", day, y, issued),
        blocks=decision_preamble(
            naming,
            report,
            (f"Căn cứ {decided};", "Xét đề nghị của Ban Chỉ đạo xây dựng mô hình chi bộ kiểu mẫu,"),
            issuer=naming.committee.upper(),
        )
        + (
            Paragraph(
                f"Khen thưởng {cells(len(listed))} có thành tích xuất sắc trong xây dựng mô hình chi bộ kiểu mẫu "
                f"năm {y} (có danh sách kèm theo).",
                lead="Điều 1.",
            ),
            Paragraph(
                "Quyết định có hiệu lực kể từ ngày ký. Văn phòng Đảng ủy và các chi bộ có tên tại Điều 1 căn cứ "
                "Quyết định thi hành.",
                lead="Điều 2.",
            ),
        ),
        recipients=(
            f"Ban Thường vụ {naming.superior_committee} (để báo cáo),",
            "Như Điều 2,",
            "Lưu Văn phòng Đảng ủy.",
        ),
        signature=executive_signature(naming),
        draft=issued is None,
    )
    listing = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được khen thưởng năm {y}",
        attachment=attached("Quyết định", issued, "QĐ/ĐU", day, naming.committee),
        blocks=(
            simple_table(
                ("TT", "Chi bộ", "Hình thức khen thưởng", "Thành tích"),
                [
                    (str(i), cell.cell.name, text, f"Chi bộ kiểu mẫu năm {y}" if cell.cell.id in model_ids else BLANK)
                    for i, (cell, text) in enumerate(listed, 1)
                ],
                (True, False, False, False),
                (6, 34, 34, 26),
            ),
        ),
        draft=issued is None,
    )
    return Draft(
        title=f"Quyết định khen thưởng chi bộ kiểu mẫu năm {y}",
        docx=sources.year_docx(y, "khen-thuong"),
        page=sources.year_document(y, "khen-thuong"),
        back=(f"Trở lại kết quả năm {y}", sources.year(y)),
        parts=(decision, listing),
        kind=KINDS["khen-thuong"],
        year=y,
        layout=layout_on(day),
        issued=f"Quyết định {issued_note(issued)}" if issued else "",
    )
