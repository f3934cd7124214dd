"""A cell's own documents of a year in a programme.

* **Kế hoạch** (KH/CB): each year a cell registered, its plan for that year: its situation
  (members known on the day, leaders, last year's result), each criterion with its
  indicators (measures and who is in charge left to write), the road map from the records
  (registration, selection, the monthly forms, the self-assessment of the cycle month).
* **Báo cáo tự đánh giá** (BC/CB): each cycle a cell builds the model (in a programme with
  selection: selected for that year or before, not withdrawn), its self-assessment: each
  criterion by its text and its mark (with monthly forms: the rolled-up mark and how it was
  reached), the year's rating and member ratings, and what it asks of the Standing Committee.
"""

from __future__ import annotations

import datetime as dt

from ...formats import amount_vi, date_vi
from ...records.models import Registration
from ...records.programme import CriteriaBook
from ...report import CellReport
from ...report.history import leaders_counted, members_on, naming_on
from ...report.monthly import Rollup
from ...report.programmes import CellProgramme
from ...report.rounds import Building, RecognitionRound
from ...vocab import CRITERION_LABELS, RATING_LABELS, RATINGS
from .. import sources
from .common import BLANK, Voice, citation, members_phrase, rollup_phrase, rollup_rule, simple_table, two
from .model import KINDS, Cell, Draft, Fill, Head, Header, Heading, Paragraph, Part, Table, layout_on
from .registration import cell_signature, cell_voice, leaders_sentence


def plan_drafts(cell: CellReport, part: CellProgramme, voice: Voice) -> tuple[Draft, ...]:
    """The cell's plan for each year it registered for in the programme, as a Word file; the
    latest year's also as the print page (as the registration report: a print page per cell
    and programme, not per year)."""
    if not voice.wants("ke-hoach"):
        return ()
    events = [e for e in part.events if e.status == "dang-ky"]
    return tuple(_plan(cell, part, voice, e, e is events[-1]) for e in events)


def _plan(cell: CellReport, part: CellProgramme, voice: Voice, registered: Registration, latest: bool) -> Draft:
    committee, y, building = voice.report.committee, registered.year, voice.building
    selected = next((e for e in part.events if e.year == y and e.status == "lua-chon"), None)
    day = selected.date if selected else registered.date
    naming = naming_on(committee, day)
    known = members_on(cell.cell, day, committee.as_of)
    leaders = leaders_counted(cell.cell, day, known.value if known else None)
    who = cell_voice(cell, leaders)
    decision = voice.issued(f"lua-chon-{y}") if selected else None
    basis = voice.plan_basis(naming)
    if selected:
        basis += "; " + citation(
            "Quyết định",
            decision,
            "QĐ",
            f"Ban Thường vụ {naming.short_name}",
            f"về việc lựa chọn chi bộ {building} năm {y}",
        )
    last = cell.result(y - 1)
    blocks = (
        Paragraph(f"{basis}, {who} ban hành kế hoạch {building} năm {y} như sau:"),
        Heading("I- MỤC ĐÍCH, YÊU CẦU"),
        Fill(3),
        Heading("II- ĐẶC ĐIỂM, TÌNH HÌNH"),
        Paragraph(f"Loại hình chi bộ: {cell.type.name}. Tổng số đảng viên: {members_phrase(known)}."),
        Paragraph(leaders_sentence(leaders)),
        Paragraph(_last_year(cell, y - 1) if last else f"Năm {y - 1} chi bộ chưa có kết quả đánh giá, xếp loại."),
        Heading("III- CÁC TIÊU CHÍ VÀ BIỆN PHÁP THỰC HIỆN"),
        _criteria_plan(cell, part, voice.programme.book),
        Heading("IV- LỘ TRÌNH THỰC HIỆN"),
        _road_map(voice, registered, selected, y),
        Heading("V- TỔ CHỨC THỰC HIỆN"),
        Fill(3),
    )
    plan = Part(
        kind="KẾ HOẠCH",
        summary=f"{building} năm {y}",
        header=Header(naming.name, cell.cell.name, f"Số {BLANK}-KH/CB", naming.place, None, y),
        blocks=blocks,
        recipients=(
            "Ban Thường vụ Đảng ủy (để báo cáo),",
            *((f"{voice.steering},",) if voice.steering else ()),
            "Các đảng viên trong chi bộ,",
            "Lưu Chi bộ.",
        ),
        signature=cell_signature(leaders),
    )
    return Draft(
        title=f"{cell.cell.name}: kế hoạch {building} năm {y}",
        docx=sources.cell_docx(cell.cell.id, "ke-hoach", y, voice.id),
        parts=(plan,),
        page=sources.cell_document(cell.cell.id, "ke-hoach", voice.id) if latest else None,
        back=("Trở lại trang chi bộ", sources.cell(cell.cell.id)),
        kind=KINDS["ke-hoach"],
        year=y,
        cell_id=cell.cell.id,
        subject=cell.cell.name,
        layout=layout_on(day),
        programme=voice.id,
    )


def _last_year(cell: CellReport, year: int) -> str:
    row = cell.result(year)
    assert row is not None
    rating = row.result.rating
    said = [
        f"Năm {year}, chi bộ được xếp loại {RATING_LABELS[rating].lower()}"
        if rating
        else f"Năm {year}, chi bộ chưa được xếp loại"
    ]
    if row.criteria:
        said.append(f"tự đánh giá đạt {two(row.criteria.met)}/{two(row.criteria.total)} tiêu chí")
    return "; ".join(said) + "."


def _indicators(cell: CellReport, book: CriteriaBook) -> dict[str, tuple[str, ...]]:
    """Each criterion's indicators for this cell: the common ones, its type's, its own."""
    found: dict[str, tuple[str, ...]] = {}
    for c in book.criteria:
        variant = c.by_type.get(cell.type.id) if c.by_type else None
        found[c.id] = variant.indicators if variant else c.indicators
    for extra in cell.cell.extra_criteria:
        found[extra.id] = (extra.description,) if extra.description else ()
    return found


def _criteria_plan(cell: CellReport, part: CellProgramme, book: CriteriaBook) -> Table:
    indicators = _indicators(cell, book)
    head = ((Head("TT"), Head("Tiêu chí và chỉ báo"), Head("Biện pháp thực hiện"), Head("Người phụ trách")),)
    body = []
    for index, c in enumerate(part.criteria, start=1):
        text = "\n".join((c.title, *(f"- {i}" for i in indicators.get(c.id, ()))))
        body.append((Cell(str(index), numeric=True), Cell(text), Cell(""), Cell("")))
    return Table(head, tuple(body), (6, 54, 24, 16), "Biện pháp thực hiện và người phụ trách: chi bộ ghi cụ thể.")


def _road_map(voice: Voice, registered: Registration, selected: Registration | None, year: int) -> Table:
    cycle = next((m for m in voice.record.milestones if m.id == f"cong-nhan-{year}"), None)
    rows = [(date_vi(registered.date), f"Đăng ký {voice.building} năm {year}.")]
    if selected:
        cited = f" ({selected.decision})" if selected.decision else ""
        rows.append((date_vi(selected.date), f"Ban Thường vụ Đảng ủy lựa chọn chi bộ{cited}; triển khai kế hoạch."))
    monthly = (
        "Sinh hoạt chi bộ thường kỳ; tự đánh giá từng tiêu chí theo phiếu tự đánh giá hằng tháng."
        if voice.record.monthly is not None
        else "Sinh hoạt chi bộ thường kỳ; kiểm điểm việc thực hiện các tiêu chí."
    )
    rows += [
        ("Hằng tháng", monthly),
        ("Hằng quý", "Sinh hoạt chuyên đề ít nhất một lần (Hướng dẫn số 12-HD/BTCTW ngày 06-7-2018)."),
        (
            f"Trước {date_vi(cycle.date)}" if cycle else f"Tháng {voice.flow.cycle_month} năm {year}",
            "Tự đánh giá kết quả thực hiện các tiêu chí, báo cáo Ban Thường vụ Đảng ủy.",
        ),
    ]
    return simple_table(("Thời gian", "Nội dung"), rows, (False, False), (24, 76))


def building_years(voice: Voice) -> dict[str, list[tuple[RecognitionRound, Building]]]:
    """For each cell, the rated years it built the model in this programme, in order."""
    found: dict[str, list[tuple[RecognitionRound, Building]]] = {}
    rated = {y.year for y in voice.report.years if y.stats.rated}
    for year in voice.programme.years:
        if year.recognition is None or year.year not in rated:
            continue
        for building in year.recognition.building:
            found.setdefault(building.cell.cell.id, []).append((year.recognition, building))
    return found


def assessment_drafts(
    years: list[tuple[RecognitionRound, Building]], part: CellProgramme, voice: Voice
) -> tuple[Draft, ...]:
    """A cell's self-assessment of each year it built the model in the programme, as a Word
    file; the latest year's also as the print page."""
    if not voice.wants("tu-danh-gia"):
        return ()
    return tuple(_assessment(b, r, part, voice, index == len(years) - 1) for index, (r, b) in enumerate(years))


def _assessment(building: Building, round_: RecognitionRound, part: CellProgramme, voice: Voice, latest: bool) -> Draft:
    committee, y, cell, building_term = voice.report.committee, round_.year, building.cell, voice.building
    day = min(round_.day or dt.date(y, 12, 31), committee.as_of)
    naming = naming_on(committee, day)
    known = members_on(cell.cell, day, committee.as_of)
    leaders = leaders_counted(cell.cell, day, known.value if known else None)
    who = cell_voice(cell, leaders)
    row = cell.result(y)
    marks = (row.result.criteria or {}) if row else {}
    rollup = next((r for r in part.rollups if r.year == y), None)
    selection = (
        "; "
        + citation(
            "Quyết định",
            voice.issued(f"lua-chon-{building.since}"),
            "QĐ",
            f"Ban Thường vụ {naming.short_name}",
            f"về việc lựa chọn chi bộ {building_term} năm {building.since}",
        )
        if voice.flow.selection
        else ""
    )
    blocks = (
        Paragraph(
            f"Thực hiện {voice.plan_citation(naming)}{selection}, {who} tự đánh giá kết quả {building_term} "
            f"năm {y} như sau:"
        ),
        Heading("I- KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ"),
        simple_table(
            ("TT", "Tiêu chí", "Tự đánh giá", "Kết quả, minh chứng"),
            [
                (
                    str(i),
                    c.title,
                    CRITERION_LABELS[marks[c.id]] if c.id in marks else "Chưa đánh giá",
                    _how(rollup, c.id),
                )
                for i, c in enumerate(part.criteria, start=1)
            ],
            (True, False, False, False),
            (6, 46, 16, 32),
            "Kết quả, minh chứng: chi bộ ghi cụ thể."
            if rollup is None
            else "Tự đánh giá: tổng hợp từ phiếu tự đánh giá hằng tháng của chi bộ; minh chứng: chi bộ ghi cụ thể.",
        ),
        *(rollup_rule(voice, y) if rollup is not None else ()),
        Heading(f"II- KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM {y}"),
        *_ratings(cell, y),
        Heading("III- ƯU ĐIỂM, HẠN CHẾ"),
        Fill(3, "1. Ưu điểm:"),
        Fill(3, "2. Hạn chế, nguyên nhân:"),
        Heading("IV- TỰ ĐÁNH GIÁ VÀ ĐỀ NGHỊ"),
        Paragraph(
            f"Đối chiếu các điều kiện, chi bộ đủ điều kiện công nhận {voice.model} năm {y}. {who} đề nghị Ban "
            f"Thường vụ {naming.short_name} xem xét, công nhận {cell.cell.name} là {voice.model} năm {y}."
            if building.qualifies
            else f"Đối chiếu các điều kiện, chi bộ chưa đủ điều kiện công nhận {voice.model} năm {y}: "
            f"{'; '.join(building.reasons)}. Chi bộ tiếp tục khắc phục hạn chế, phấn đấu trong năm {y + 1}."
        ),
        Heading(f"V- PHƯƠNG HƯỚNG NĂM {y + 1}"),
        Fill(3),
    )
    report = Part(
        kind="BÁO CÁO",
        summary=f"tự đánh giá kết quả {building_term} năm {y}",
        header=Header(naming.name, cell.cell.name, f"Số {BLANK}-BC/CB", naming.place, None, y),
        to=f"Kính gửi: Ban Thường vụ {naming.short_name} (qua Văn phòng Đảng ủy)",
        blocks=blocks,
        recipients=(
            "Ban Thường vụ Đảng ủy (qua Văn phòng Đảng ủy),",
            *((f"{voice.steering},",) if voice.steering else ()),
            "Lưu Chi bộ.",
        ),
        signature=cell_signature(leaders),
    )
    return Draft(
        title=f"{cell.cell.name}: báo cáo tự đánh giá {building_term} năm {y}",
        docx=sources.cell_docx(cell.cell.id, "tu-danh-gia", y, voice.id),
        parts=(report,),
        page=sources.cell_document(cell.cell.id, "tu-danh-gia", voice.id) if latest else None,
        back=("Trở lại trang chi bộ", sources.cell(cell.cell.id)),
        kind=KINDS["tu-danh-gia"],
        year=y,
        cell_id=cell.cell.id,
        subject=cell.cell.name,
        layout=layout_on(day),
        programme=voice.id,
    )


def _how(rollup: Rollup | None, criterion: str) -> str:
    """How a criterion's mark was reached from the monthly forms ("" without them)."""
    row = next((r for r in rollup.rows if r.id == criterion), None) if rollup is not None else None
    return rollup_phrase(row, rollup) if row is not None and rollup is not None else ""


def _ratings(cell: CellReport, year: int) -> tuple:
    row = cell.result(year)
    if row is None or row.result.rating is None:
        return (Paragraph(f"Chi bộ chưa được đánh giá, xếp loại chất lượng năm {year}."),)
    score = f" ({amount_vi(row.result.score)} điểm)" if row.result.score is not None else ""
    said = [Paragraph(f"Chi bộ được xếp loại: {RATING_LABELS[row.result.rating]}{score}.")]
    if row.members and row.total:
        counts = "; ".join(f"{RATING_LABELS[code].lower()}: {n} đồng chí" for code, n in zip(RATINGS, row.members))
        said.append(Paragraph(f"Đảng viên được đánh giá, xếp loại: {row.total} đồng chí; trong đó {counts}."))
    return tuple(said)
