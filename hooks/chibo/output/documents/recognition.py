"""The cycle month: recognising the year's model cells of a programme and rewarding them
(the plan's section ``recognition``).

* **Tờ trình đề nghị công nhận** (Ban Chỉ đạo, or the office without one): the cells
  building the model that year and what each rests on (its selection, or its registration
  in a programme without selection), who withdrew (with the date), who registered but was
  not selected, the year's ratings, the programme's recognition conditions (and, with
  monthly forms, how the year's marks were rolled up), the cells that fall short with their
  reasons (criteria by their text), and the cells it proposes.
* **Quyết định công nhận** (Ban Thường vụ) with its **Danh sách**: the cells the records
  recognise in the programme, or, while none is recorded, those that qualify.
* **Quyết định khen thưởng** (Đảng ủy), for a programme with commendation: the awards the
  records hold for the year, or, while none is recorded, the recognised cells with the
  award left for the office to write.
"""

from __future__ import annotations

import datetime as dt

from ...formats import date_vi
from ...records.committee import Naming
from ...report import CellReport, YearReport
from ...report.history import leaders_counted, members_on, naming_on
from ...report.papers import Award, Issued, Withdrawal
from ...report.programmes import ProgrammeYear
from ...report.rounds import Building, RecognitionRound
from ...report.selection import recognition_titles
from ...vocab import RATING_LABELS
from .common import (
    BLANK,
    Voice,
    attached,
    cells,
    citation,
    committee_header,
    dated,
    executive_signature,
    names,
    proposer_header,
    proposer_signature,
    reference_day,
    rollup_rule,
    simple_table,
    standing_signature,
    two,
    upper_first,
    year_draft,
)
from .model import Draft, Heading, Paragraph, Part, Table
from .selection import decision_preamble


def recognised(voice: Voice, year: int) -> tuple[CellReport, ...]:
    """The programme's model cells of ``year``: those the records recognise, else (none
    recorded) those that qualify."""
    found, listed = voice.programme.year(year), recorded(voice, year)
    if listed or found is None or found.recognition is None:
        return listed
    return tuple(b.cell for b in found.recognition.qualified)


def recorded(voice: Voice, year: int) -> tuple[CellReport, ...]:
    """The cells the records recognise in the programme in ``year`` (none while undecided)."""
    return tuple(c for c in voice.report.cells if (p := c.part(voice.id)) is not None and year in p.model_years)


def withdrawals(voice: Voice, year: int) -> tuple[Withdrawal, ...]:
    """The year's withdrawals from this programme, by date."""
    return tuple(
        w
        for w in voice.report.papers.year(year).withdrawals
        if (p := w.cell.part(voice.id)) is not None and w.event in p.events
    )


def awards(voice: Voice, year: int) -> tuple[Award, ...]:
    """The year's awards of the cells taking part in this programme (none without commendation)."""
    if not voice.flow.commendation:
        return ()
    return tuple(a for a in voice.report.papers.year(year).awards if a.cell.part(voice.id) is not None)


def recognition_drafts(voice: Voice, year: ProgrammeYear, stats: YearReport) -> tuple[Draft, ...]:
    """The year's recognition (Tờ trình, and the Quyết định with its Danh sách when a cell is
    recognised) and its award decision."""
    round_ = year.recognition
    if round_ is None or not stats.stats.rated or not voice.wants("cong-nhan"):
        return ()
    committee, y = voice.report.committee, year.year
    decision = voice.issued(f"cong-nhan-{y}")
    day = dated(decision, round_.day)
    naming = naming_on(committee, reference_day(day, y, committee.as_of))
    model = recognised(voice, y)
    proposal = voice.issued(f"to-trinh-{y}")
    parts = [_proposal(voice, round_, stats, naming, model, proposal)]
    if model:
        parts += _decision(voice, y, naming, model, decision, proposal, day)
    found = [
        year_draft(
            voice,
            y,
            "cong-nhan",
            f"Tờ trình và Quyết định công nhận {voice.model} năm {y}",
            parts,
            day,
            decision,
            "Quyết định",
        )
    ]
    rewarded = _awards(voice, y, naming, model, decision, day) if voice.wants("khen-thuong") else None
    return tuple(found + ([rewarded] if rewarded else []))


def _proposal(
    voice: Voice,
    round_: RecognitionRound,
    year: YearReport,
    naming: Naming,
    model: tuple[CellReport, ...],
    issued: Issued | None,
) -> Part:
    y, building = year.year, voice.building
    body = [
        Paragraph(
            f"{voice.plan_basis(naming)}; căn cứ kết quả tự đánh giá của các chi bộ và kết quả đánh giá, "
            f"xếp loại chất lượng năm {y}, {voice.proposer} báo cáo và đề nghị như sau:"
        ),
        Heading(f"I- KẾT QUẢ {building.upper()} NĂM {y}"),
        Paragraph(_building_sentence(voice, round_, y)),
        *(
            Paragraph(f"{w.cell.cell.name} rút đăng ký {building} năm {y} ngày {date_vi(w.event.date)}.")
            for w in withdrawals(voice, y)
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
            f"Điều kiện công nhận {voice.model}{voice.section('recognition')}: "
            f"{'; '.join(recognition_titles(voice.record, y))}."
        ),
        *rollup_rule(voice, y),
        Paragraph(
            f"Năm {y}, {cells(year.stats.rated)} được đánh giá, xếp loại chất lượng. Trong các chi bộ {building}, "
            f"{cells(len(model))} đủ các điều kiện công nhận."
            if model
            else f"Năm {y}, {cells(year.stats.rated)} được đánh giá, xếp loại chất lượng; chưa có chi bộ {building} "
            "nào đủ các điều kiện công nhận."
        ),
        *_short(round_, model),
        Heading("II- ĐỀ NGHỊ"),
        Paragraph(
            f"{voice.proposer} đề nghị Ban Thường vụ {naming.short_name} xem xét, công nhận {cells(len(model))} là "
            f"{voice.model} năm {y}: {names([c.cell.name for c in model])} (có danh sách kèm theo)."
            if model
            else f"Năm {y} {voice.proposer} chưa đề nghị công nhận {voice.model}."
        ),
        Paragraph(f"Kính trình Ban Thường vụ {naming.short_name} xem xét, quyết định."),
    ]
    return Part(
        kind="TỜ TRÌNH",
        summary=f"đề nghị công nhận {voice.model} năm {y}",
        header=proposer_header(voice, naming, "TTr", issued.date if issued else None, y, issued),
        to=f"Kính gửi: Ban Thường vụ {naming.short_name}",
        blocks=tuple(body),
        recipients=("Như trên,", "Lưu Văn phòng Đảng ủy."),
        signature=proposer_signature(voice),
        draft=issued is None,
    )


def _building_sentence(voice: Voice, round_: RecognitionRound, year: int) -> str:
    """ "Năm 2023 có 04 chi bộ xây dựng “chi bộ bốn tốt”; trong đó 02 chi bộ được lựa
    chọn năm 2023 (Quyết định số 52-QĐ/ĐU ngày 10-02-2023), …"; without a selection step: the
    cells that registered (or, without registration, were rated)."""
    building = voice.building
    if not round_.building:
        chosen = "được lựa chọn " if voice.flow.selection else ""
        return f"Năm {year} không có chi bộ nào {chosen}{building}."
    listed = names([b.cell.cell.name for b in round_.building])
    if not voice.flow.selection:
        how = "đăng ký " if voice.flow.registration else ""
        return f"Năm {year} có {cells(len(round_.building))} {how}{building}: {listed}."
    groups: dict[tuple[int, str | None], list[Building]] = {}
    for b in round_.building:
        groups.setdefault((b.since, b.decision), []).append(b)
    parts = []
    for (since, decision), members in sorted(groups.items(), key=lambda g: -g[0][0]):
        cited = f" ({decision})" if decision else ""
        parts.append(
            f"{cells(len(members))} được lựa chọn năm {since}{cited}: {names([b.cell.cell.name for b in members])}"
        )
    return f"Năm {year} có {cells(len(round_.building))} {building}; trong đó " + "; ".join(parts) + "."


def _short(round_: RecognitionRound, model: tuple[CellReport, ...]) -> tuple:
    recognised_ids = {c.cell.id for c in model}
    short = [b for b in round_.building if b.cell.cell.id not in recognised_ids]
    if not short:
        return ()
    return (
        Paragraph("Các chi bộ chưa đủ điều kiện công nhận:"),
        simple_table(
            ("TT", "Chi bộ", "Lý do"),
            [(str(i), b.cell.cell.name, "; ".join(b.reasons) or BLANK) for i, b in enumerate(short, 1)],
            (True, False, False),
            (6, 30, 64),
        ),
    )


def _decision(
    voice: Voice,
    y: int,
    naming: Naming,
    model: tuple[CellReport, ...],
    issued: Issued | None,
    proposal: Issued | None,
    day: dt.date | None,
) -> list[Part]:
    letter = citation(
        "Tờ trình",
        proposal,
        "TTr",
        voice.proposer,
        f"về việc đề nghị công nhận {voice.model} năm {y}",
        voice.proposer_code,
    )
    rewarded = " và xem xét khen thưởng theo quy định" if voice.flow.commendation else ""
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc công nhận {voice.model} năm {y}",
        header=committee_header(naming, "QĐ", day, y, issued),
        blocks=decision_preamble(
            naming,
            voice,
            (f"Xét kết quả tự đánh giá của các chi bộ, kết quả đánh giá, xếp loại chất lượng năm {y} và {letter},",),
        )
        + (
            Paragraph(
                f"Công nhận {cells(len(model))} là {voice.model} năm {y} (có danh sách kèm theo).", lead="Điều 1."
            ),
            Paragraph(
                "Các chi bộ có tên tại Điều 1 được biểu dương tại Hội nghị tổng kết công tác xây dựng Đảng năm "
                f"{y}{rewarded}.",
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
    as_of = voice.report.committee.as_of
    listing = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được công nhận {voice.model} năm {y}",
        attachment=attached("Quyết định", issued, "QĐ/ĐU", day, f"Ban Thường vụ {naming.short_name}"),
        blocks=(_model_table(voice, model, y, reference_day(day, y, as_of), as_of),),
        draft=issued is None,
    )
    return [decision, listing]


def _model_table(voice: Voice, model: tuple[CellReport, ...], year: int, day: dt.date, as_of: dt.date) -> Table:
    rows = []
    for index, cell in enumerate(model, start=1):
        known = members_on(cell.cell, day, as_of)
        leaders = leaders_counted(cell.cell, day, known.value if known else None)
        row = cell.result(year)
        rating = row.result.rating if row else None
        marks = (row.result.criteria or {}) if row else {}
        part = cell.part(voice.id)
        criteria = part.criteria if part is not None else ()
        met = sum(1 for c in criteria if marks.get(c.id) == "dat")
        own = {e.id for e in cell.cell.extra_criteria}
        extra = sum(1 for c in criteria if c.id in own)
        said = f"Đạt {two(met)}/{two(len(criteria))} tiêu chí" + (
            f" (gồm {two(extra)} tiêu chí chi bộ bổ sung)" if extra else ""
        )
        rollup = next((r for r in part.rollups if r.year == year), None) if part is not None else None
        if rollup is not None:
            said += f"; tổng hợp từ phiếu tự đánh giá {two(len(rollup.months))} tháng"
        rows.append(
            (str(index), cell.cell.name, leaders.secretary or BLANK, RATING_LABELS[rating] if rating else BLANK, said)
        )
    return simple_table(
        ("TT", "Chi bộ", "Bí thư chi bộ", f"Xếp loại năm {year}", "Tiêu chí tự đánh giá"),
        rows,
        (True, False, False, False, False),
        (6, 30, 20, 22, 22),
    )


def _awards(
    voice: Voice,
    y: int,
    naming: Naming,
    model: tuple[CellReport, ...],
    recognition: Issued | None,
    day: dt.date | None,
) -> Draft | None:
    """Quyết định khen thưởng: the awards recorded for the year; while none is, the recognised
    cells, the award left for the office to write."""
    listed = [(a.cell, a.text) for a in awards(voice, y)] or [(cell, BLANK) for cell in model]
    if not listed or not voice.flow.commendation:
        return None
    issued = voice.issued(f"khen-thuong-{y}")
    day = dated(issued, day)
    model_ids = {c.cell.id for c in model}
    decided = citation(
        "Quyết định",
        recognition,
        "QĐ",
        f"Ban Thường vụ {naming.short_name}",
        f"về việc công nhận {voice.model} năm {y}",
    )
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc khen thưởng {voice.model} năm {y}",
        header=committee_header(naming, "QĐ", day, y, issued),
        blocks=decision_preamble(
            naming,
            voice,
            (f"Căn cứ {decided};", f"Xét đề nghị của {voice.proposer},"),
            issuer=naming.committee.upper(),
        )
        + (
            Paragraph(
                f"Khen thưởng {cells(len(listed))} có thành tích xuất sắc trong {voice.building} "
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
    title = upper_first(voice.model)
    listing = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được khen thưởng năm {y}",
        attachment=attached("Quyết định", issued, "QĐ/ĐU", day, naming.committee),
        blocks=(
            simple_table(
                ("TT", "Chi bộ", "Hình thức khen thưởng", "Thành tích"),
                [
                    (str(i), cell.cell.name, text, f"{title} năm {y}" if cell.cell.id in model_ids else BLANK)
                    for i, (cell, text) in enumerate(listed, 1)
                ],
                (True, False, False, False),
                (6, 34, 34, 26),
            ),
        ),
        draft=issued is None,
    )
    title = f"Quyết định khen thưởng {voice.model} năm {y}"
    return year_draft(voice, y, "khen-thuong", title, (decision, listing), day, issued, "Quyết định")
