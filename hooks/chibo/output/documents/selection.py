"""Selecting the cells of a year, for a programme with a selection step (the plan's section
``selection_count``): the Steering Committee's proposal, then the Standing Committee's decision.

* **Tờ trình đề xuất** (Ban Chỉ đạo, or the office without one): every cell that
  registered, each of the programme's selection conditions with its verdict and reason (the
  table of the attached Danh sách), who withdrew and when, and the cells it proposes.
* **Quyết định lựa chọn** (Ban Thường vụ): Điều 1 selects the cells of its Danh sách, and
  only those: the cells selected (the records say so), or, while nothing is decided yet,
  the cells the proposal puts forward (those meeting every condition).
"""

from __future__ import annotations

import datetime as dt

from ...formats import date_vi
from ...records.committee import Naming
from ...report import CellReport
from ...report.history import leaders_counted, members_on, naming_on
from ...report.papers import Issued
from ...report.programmes import ProgrammeYear
from ...report.rounds import Candidate, SelectionRound
from ...report.selection import MET, REVIEW
from .common import (
    Voice,
    attached,
    cells,
    citation,
    committee_header,
    dated,
    names,
    proposer_header,
    proposer_signature,
    reference_day,
    simple_table,
    standing_signature,
    year_draft,
)
from .model import Block, Cell, Draft, Head, Heading, Paragraph, Part, Table

PROPOSED, NOT_PROPOSED = "Đề xuất lựa chọn", "Chưa đề xuất"


def decided_on(round_: SelectionRound) -> dt.date | None:
    """The day the selection was decided, from the cells' records (the last decision event)."""
    days = [
        e.date
        for c in round_.candidates
        for e in c.cell.cell.registration
        if e.year == round_.year and e.status in ("lua-chon", "khong-lua-chon")
    ]
    return max(days) if days else None


def eligible(candidate: Candidate) -> bool:
    """Meets every condition the records can check (the leaders' standing is for the Committee)."""
    return candidate.outcome != "rut" and all(k.verdict in (MET, REVIEW) for k in candidate.report.exact)


def chosen(round_: SelectionRound) -> tuple[Candidate, ...]:
    """The cells of the decision: those selected, or while undecided, those proposed."""
    return round_.selected if round_.decided else tuple(c for c in round_.candidates if eligible(c))


def selection_drafts(voice: Voice, year: ProgrammeYear) -> tuple[Draft, ...]:
    """The year's proposal (when the programme calls for it), and its decision when there is
    a cell to select."""
    round_ = year.selection
    if round_ is None:
        return ()
    committee, y = voice.report.committee, year.year
    decision = voice.issued(f"lua-chon-{y}")
    day = dated(decision, decided_on(round_))
    naming = naming_on(committee, reference_day(day, y, committee.as_of))
    proposal = voice.issued(f"de-xuat-{y}")
    found = []
    if voice.wants("de-xuat"):
        found.append(_proposal_draft(voice, round_, naming, proposal, day))
    if chosen(round_) and voice.wants("lua-chon"):
        found.append(_decision_draft(voice, round_, naming, decision, proposal, day))
    return tuple(found)


def _proposal_draft(
    voice: Voice, round_: SelectionRound, naming: Naming, issued: Issued | None, decision_day: dt.date | None
) -> Draft:
    y, building = round_.year, voice.building
    proposed = chosen(round_)
    withdrawn = [c for c in round_.candidates if c.outcome == "rut"]
    ready = [c for c in round_.candidates if eligible(c)]
    day = issued.date if issued else None
    body: list[Block] = [
        Paragraph(
            f"{voice.plan_basis(naming)}; căn cứ báo cáo {_reports(voice)} của các chi bộ, {voice.proposer} báo "
            f"cáo kết quả xem xét và đề xuất lựa chọn chi bộ {building} năm {y} như sau:"
        ),
        Heading("I- TÌNH HÌNH ĐĂNG KÝ"),
        Paragraph(
            f"Năm {y} có {cells(len(round_.candidates))} đăng ký {building}: "
            f"{names([c.cell.cell.name for c in round_.candidates])}."
        ),
        *(
            Paragraph(f"{c.cell.cell.name} rút đăng ký ngày {date_vi(_withdrawn_on(c, y))}.")
            for c in withdrawn
            if _withdrawn_on(c, y)
        ),
        Heading(f"II- KẾT QUẢ ĐỐI CHIẾU CÁC TIÊU CHÍ LỰA CHỌN{voice.section('selection')}"),
        Paragraph(
            f"Đối chiếu kết quả xếp loại và tự đánh giá các năm trước, có {cells(len(ready))} đáp ứng các tiêu "
            f"chí lựa chọn; {cells(len(round_.candidates) - len(ready) - len(withdrawn))} chưa đủ tiêu chí hoặc "
            "chưa đủ dữ liệu (có danh sách kèm theo). Tiêu chí về năng lực, uy tín của chi ủy, bí thư, phó bí "
            "thư do Ban Thường vụ xem xét."
        ),
        Heading("III- ĐỀ XUẤT"),
        Paragraph(
            f"{voice.proposer} đề nghị Ban Thường vụ {naming.short_name} xem xét, lựa chọn {cells(len(proposed))} "
            f"{building} năm {y}: {names([c.cell.cell.name for c in proposed])}."
            if proposed
            else f"Năm {y} chưa có chi bộ đủ tiêu chí để {voice.proposer} đề xuất lựa chọn."
        ),
        Paragraph(f"Kính trình Ban Thường vụ {naming.short_name} xem xét, quyết định."),
    ]
    letter = Part(
        kind="TỜ TRÌNH",
        summary=f"đề xuất lựa chọn chi bộ {building} năm {y}",
        header=proposer_header(voice, naming, "TTr", day, y, issued),
        to=f"Kính gửi: Ban Thường vụ {naming.short_name}",
        blocks=tuple(body),
        recipients=("Như trên,", "Lưu Văn phòng Đảng ủy."),
        signature=proposer_signature(voice),
        draft=issued is None,
    )
    listing = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ đăng ký {building} năm {y} và kết quả đối chiếu các tiêu chí lựa chọn",
        attachment=attached("Tờ trình", issued, f"TTr/{voice.proposer_code}", day, voice.proposer),
        blocks=(
            _conditions_table(round_, {c.cell.cell.id for c in proposed}, y, voice.section("selection")),
            Paragraph(
                f"Đối chiếu các tiêu chí lựa chọn{voice.section('selection')} với kết quả xếp loại và tự đánh giá "
                "các năm trước trong hồ sơ; tiêu chí về năng lực, uy tín của chi ủy, bí thư, phó bí thư do Ban "
                "Thường vụ xem xét.",
                style="note",
            ),
        ),
        draft=issued is None,
    )
    title = f"Tờ trình đề xuất lựa chọn chi bộ {building} năm {y}"
    return year_draft(voice, y, "de-xuat", title, (letter, listing), day or decision_day, issued, "Tờ trình")


def _reports(voice: Voice) -> str:
    """What the cells sent: "khảo sát, đề xuất đăng ký", or "đăng ký" without a survey step."""
    return "khảo sát, đề xuất đăng ký" if voice.flow.survey else "đăng ký"


def _withdrawn_on(candidate: Candidate, year: int) -> dt.date | None:
    days = [e.date for e in candidate.cell.cell.registration if e.year == year and e.status == "rut"]
    return days[-1] if days else None


def _conditions_table(round_: SelectionRound, proposed: set[str], year: int, section: str) -> Table:
    cited = section.removesuffix(" của Kế hoạch)") + ")" if section else ""
    head = ((Head("TT"), Head("Chi bộ"), Head(f"Tiêu chí{cited}"), Head("Đánh giá"), Head("Căn cứ"), Head("Đề xuất")),)
    body = []
    for index, c in enumerate(round_.candidates, start=1):
        conditions = c.report.exact
        if c.outcome == "rut":
            day = _withdrawn_on(c, year)
            outcome = f"Rút đăng ký ngày {date_vi(day)}" if day else "Rút đăng ký"
        else:
            outcome = PROPOSED if c.cell.cell.id in proposed else NOT_PROPOSED
        n = max(len(conditions), 1)
        for k, condition in enumerate(conditions or (None,)):
            row: tuple[Cell, ...] = (
                (
                    Cell(condition.title),
                    Cell(condition.label),
                    Cell(condition.reason if condition.verdict != REVIEW else ""),
                )
                if condition
                else (Cell("Chưa đủ dữ liệu để đối chiếu"), Cell(""), Cell(""))
            )
            if k == 0:
                row = (Cell(str(index), n, numeric=True), Cell(c.cell.cell.name, n, True), *row, Cell(outcome, n))
            body.append(row)
    return Table(head, tuple(body), (6, 16, 27, 13, 25, 13))


def _decision_draft(
    voice: Voice,
    round_: SelectionRound,
    naming: Naming,
    issued: Issued | None,
    proposal: Issued | None,
    day: dt.date | None,
) -> Draft:
    y, committee, building = round_.year, voice.report.committee, voice.building
    selected = chosen(round_)
    standing = f"Ban Thường vụ {naming.short_name}"
    letter = citation(
        "Tờ trình", proposal, "TTr", voice.proposer, f"về việc đề xuất lựa chọn chi bộ năm {y}", voice.proposer_code
    )
    executors = f"{voice.steering}, Văn phòng Đảng ủy" if voice.steering else "Văn phòng Đảng ủy"
    decision = Part(
        kind="QUYẾT ĐỊNH",
        summary=f"về việc lựa chọn chi bộ {building} năm {y}",
        header=committee_header(naming, "QĐ", day, y, issued),
        blocks=decision_preamble(
            naming,
            voice,
            (f"Xét báo cáo {_reports(voice)} của các chi bộ và {letter},",),
        )
        + (
            Paragraph(
                f"Lựa chọn {cells(len(selected))} {building} năm {y} (có danh sách kèm theo).",
                lead="Điều 1.",
            ),
            Paragraph(
                "Các chi bộ có tên tại Điều 1 xây dựng kế hoạch, lộ trình cụ thể và tổ chức thực hiện các tiêu chí "
                f"{voice.framework}; {_cycle(voice, y)} tự đánh giá, báo cáo Ban Thường vụ Đảng ủy.",
                lead="Điều 2.",
            ),
            Paragraph(
                f"Quyết định có hiệu lực kể từ ngày ký. {executors} và các chi bộ có tên tại "
                "Điều 1 căn cứ Quyết định thi hành.",
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
    ref = reference_day(day, y, committee.as_of)
    listing = Part(
        kind="DANH SÁCH",
        summary=f"chi bộ được lựa chọn {building} năm {y}",
        attachment=attached("Quyết định", issued, "QĐ/ĐU", day, standing),
        blocks=(_selected_table([c.cell for c in selected], ref, committee.as_of),),
        draft=issued is None,
    )
    title = f"Quyết định lựa chọn chi bộ {building} năm {y}"
    return year_draft(voice, y, "lua-chon", title, (decision, listing), day, issued, "Quyết định")


def _cycle(voice: Voice, year: int) -> str:
    """ "tháng 12 năm 2022": when the cells assess themselves (the programme's cycle month)."""
    return f"tháng {voice.flow.cycle_month} năm {year}"


def decision_preamble(naming: Naming, voice: Voice, considering: tuple[str, ...], issuer: str = "") -> tuple:
    """ "BAN THƯỜNG VỤ …", the bases, what was considered, "QUYẾT ĐỊNH:"."""
    return (
        Paragraph(issuer or f"BAN THƯỜNG VỤ {naming.committee.upper()}", style="title"),
        Paragraph("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", style="basis"),
        Paragraph(f"Căn cứ Quy chế làm việc của Ban Chấp hành {naming.name};", style="basis"),
        Paragraph(f"{voice.plan_basis(naming)};", style="basis"),
        *(Paragraph(line, style="basis") for line in considering),
        Paragraph("QUYẾT ĐỊNH:", style="title"),
    )


def _selected_table(selected: list[CellReport], day: dt.date, as_of: dt.date) -> Table:
    rows = []
    for index, cell in enumerate(selected, start=1):
        known = members_on(cell.cell, day, as_of)
        leaders = leaders_counted(cell.cell, day, known.value if known else None)
        rows.append(
            (
                str(index),
                cell.cell.name,
                cell.type.short_name,
                leaders.secretary or "…",
                str(known.value) if known else "…",
            )
        )
    return simple_table(
        ("TT", "Chi bộ", "Loại hình", "Bí thư chi bộ", "Số đảng viên"),
        rows,
        (True, False, False, False, True),
        (7, 38, 17, 25, 13),
        "Số đảng viên: theo số liệu có đến ngày ban hành Quyết định.",
    )
