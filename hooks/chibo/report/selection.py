"""The conditions of a programme, as its records list them: selection (checked for one cell
before it registers for year R) and recognition (checked for year Y).

A programme lists its conditions (``chuong-trinh.yml``: ``selection.conditions``,
``recognition.conditions``), each of a kind the code knows how to check, in the plan's order
and, where the plan words it its own way, with its wording (``text``, placeholders below).
Each condition reads đạt / chưa đạt / thiếu dữ liệu (or "do Ban Thường vụ xem xét") with its
reason (DESIGN.md §2). The reason states the true figures (the office's documents print it);
where it counts members, the condition also says the same without the count, for the
members' pages (``privacy``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..records.models import Registration, YearResult
from ..records.programme import Condition as ConditionRecord
from ..records.programme import CriteriaBook, Programme
from ..vocab import GOOD_OR_BETTER, RATING_LABELS

MET, NOT_MET, NO_DATA, REVIEW = "dat", "chua-dat", "thieu-du-lieu", "xem-xet"
VERDICT_LABELS = MappingProxyType(
    {MET: "Đạt", NOT_MET: "Chưa đạt", NO_DATA: "Thiếu dữ liệu", REVIEW: "Do Ban Thường vụ xem xét"}
)

# The default wording of each kind; a programme's ``text`` replaces it. Placeholders:
# {so_nam} {tu_nam} {den_nam}: the years looked back on; {nam}: the year the condition is
# for; {nam_truoc}: the year before it; {so_tieu_chi}: how many criteria the condition reads
# ("02"); {lanh_dao}: who leads the cell ("Đội ngũ chi ủy viên, bí thư, phó bí thư").
WORDING = MappingProxyType(
    {
        "nhieu-nam-tot": "Hoàn thành tốt nhiệm vụ trở lên {so_nam} năm liền ({tu_nam}–{den_nam})",
        "tieu-chi-chi-bo": "Đạt {so_tieu_chi} tiêu chí chung đối với chi bộ (tự đánh giá năm {nam_truoc})",
        "tieu-chi-dang-vien": "Đội ngũ đảng viên cơ bản đã thực hiện tốt {so_tieu_chi} tiêu chí về đảng viên "
        "(tự đánh giá năm {nam_truoc})",
        "dang-vien-hoan-thanh": "Năm {nam_truoc}: 100% đảng viên hoàn thành nhiệm vụ trở lên, không có đảng viên "
        "không hoàn thành nhiệm vụ",
        "lanh-dao": "{lanh_dao} có năng lực, trình độ, uy tín, tâm huyết, phẩm chất đạo đức tốt",
    }
)
RECOGNITION_WORDING = MappingProxyType(
    {
        "dang-ky": "Đăng ký thực hiện năm {nam}, không rút đăng ký",
        "duoc-lua-chon": "Được Ban Thường vụ lựa chọn (năm {nam} hoặc năm trước đó), không rút đăng ký",
        "xep-loai-tot": "Năm {nam} xếp loại hoàn thành tốt nhiệm vụ trở lên",
        "tieu-chi-dat": "Năm {nam} đạt mọi tiêu chí (kể cả tiêu chí chi bộ tự bổ sung)",
        "dang-vien-hoan-thanh": "Năm {nam} không có đảng viên không hoàn thành nhiệm vụ",
    }
)
DEFAULT_GOOD_YEARS = 3


@dataclass(frozen=True)
class Condition:
    """Điều kiện: what is required, the verdict, and why (``reason``, true figures;
    ``public_reason``, the same without member counts, when the reason has any)."""

    title: str
    verdict: str
    reason: str
    public_reason: str | None = None
    kind: str = ""

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def good_years(programme: Programme) -> int:
    """The N of "nhiều năm": the selection's ``nhieu-nam-tot`` condition's years."""
    found = next((c for c in _selection(programme) if c.kind == "nhieu-nam-tot"), None)
    return found.years if found is not None and found.years else DEFAULT_GOOD_YEARS


def window(year: int, programme: Programme) -> range:
    """The years a registration for ``year`` looks back on: R-N … R-1 (R-1 alone when the
    programme does not select on the years before)."""
    if not any(c.kind == "nhieu-nam-tot" for c in _selection(programme)):
        return range(year - 1, year)
    return range(year - good_years(programme), year)


def _selection(programme: Programme) -> tuple[ConditionRecord, ...]:
    return programme.selection.conditions if programme.selection is not None else ()


def title(record: ConditionRecord, default: str, **fields: object) -> str:
    """A condition's title: the programme's wording or the default, its placeholders filled."""
    return (record.text or default).format(**fields)


def check_selection(
    year: int,
    results: Mapping[int, YearResult],
    programme: Programme,
    book: CriteriaBook,
    has_committee: bool,
    names: Mapping[str, str] | None = None,
) -> tuple[Condition, ...]:
    """The programme's selection conditions for registering for ``year``, in its order;
    criteria named by their code, or by their text when ``names`` (id → title) is given."""
    previous = results.get(year - 1)
    common = [c.id for c in book.criteria if c.group == "chi-bo" and not c.by_type]
    members = [c.id for c in book.criteria if c.group == "dang-vien"]
    found = []
    for record in _selection(programme):
        fields = {"nam": year, "nam_truoc": year - 1, "lanh_dao": _who(has_committee)}
        if record.kind == "nhieu-nam-tot":
            years = range(year - (record.years or DEFAULT_GOOD_YEARS), year)
            fields |= {"so_nam": len(years), "tu_nam": years[0], "den_nam": years[-1]}
            condition = _good_years(title(record, WORDING[record.kind], **fields), results, years)
        elif record.kind in ("tieu-chi-chi-bo", "tieu-chi-dang-vien"):
            ids = common if record.kind == "tieu-chi-chi-bo" else members
            fields |= {"so_tieu_chi": f"{len(ids):02d}"}
            condition = _criteria(title(record, WORDING[record.kind], **fields), previous, year - 1, ids, names)
        elif record.kind == "dang-vien-hoan-thanh":
            condition = _members(title(record, WORDING[record.kind], **fields), previous, year - 1)
        else:
            condition = _leaders(title(record, WORDING[record.kind], **fields))
        found.append(
            Condition(condition.title, condition.verdict, condition.reason, condition.public_reason, record.kind)
        )
    return tuple(found)


def _who(has_committee: bool) -> str:
    return "Đội ngũ chi ủy viên, bí thư, phó bí thư" if has_committee else "Bí thư, phó bí thư chi bộ"


def _leaders(text: str) -> Condition:
    return Condition(
        text,
        REVIEW,
        "Tiêu chí định tính: chi bộ tự nêu trong báo cáo, Ban Thường vụ Đảng ủy xem xét khi lựa chọn.",
    )


def _good_years(text: str, results: Mapping[int, YearResult], years: range) -> Condition:
    below = [
        (y, rating) for y in years if y in results and (rating := results[y].rating) and rating not in GOOD_OR_BETTER
    ]
    if below:
        reason = "; ".join(f"năm {y}: {RATING_LABELS[r]}" for y, r in below)
        return Condition(text, NOT_MET, f"Có năm chưa đạt mức hoàn thành tốt nhiệm vụ ({reason}).")
    missing = [y for y in years if y not in results or not results[y].rating]
    if missing:
        return Condition(text, NO_DATA, f"Chưa có xếp loại năm {', '.join(map(str, missing))}.")
    return Condition(text, MET, f"Các năm {years[0]}–{years[-1]} đều hoàn thành tốt nhiệm vụ trở lên.")


def _criteria(
    text: str, previous: YearResult | None, year: int, ids: list[str], names: Mapping[str, str] | None
) -> Condition:
    """Every criterion of ``ids`` met in the self-assessment of ``year``."""
    marks = (previous.criteria or {}) if previous else {}
    failed = [c for c in ids if marks.get(c) == "chua-dat"]
    if failed:
        return Condition(text, NOT_MET, f"Năm {year} chưa đạt {criteria_phrase(failed, names)}.")
    missing = [c for c in ids if c not in marks]
    if missing:
        return Condition(text, NO_DATA, f"Chưa có kết quả tự đánh giá {criteria_phrase(missing, names)} năm {year}.")
    if names is not None:
        return Condition(text, MET, f"Năm {year} đạt cả {len(ids):02d} tiêu chí.")
    return Condition(text, MET, f"Năm {year} đạt tiêu chí {', '.join(c.upper() for c in ids)}.")


def criteria_phrase(ids: list[str], names: Mapping[str, str] | None) -> str:
    """ "tiêu chí TC1, TC5" by code; 'tiêu chí “Sinh hoạt chi bộ …”' by text (documents)."""
    if names is None:
        return f"tiêu chí {', '.join(c.upper() for c in ids)}"
    quoted = ", ".join(f"“{names.get(c, c.upper())}”" for c in ids)
    return f"{'các ' if len(ids) > 1 else ''}tiêu chí {quoted}"


def _members(text: str, previous: YearResult | None, year: int) -> Condition:
    if previous is None or previous.members is None or previous.members.total == 0:
        return Condition(text, NO_DATA, f"Chưa có kết quả xếp loại đảng viên năm {year}.")
    failing, total = previous.members.khong_hoan_thanh, previous.members.total
    if failing:
        return Condition(
            text,
            NOT_MET,
            f"Năm {year} có {failing} đảng viên không hoàn thành nhiệm vụ.",
            f"Năm {year} có đảng viên không hoàn thành nhiệm vụ.",
        )
    return Condition(
        text,
        MET,
        f"Năm {year}: {total}/{total} đảng viên hoàn thành nhiệm vụ trở lên.",
        f"Năm {year}: mọi đảng viên của chi bộ đều hoàn thành nhiệm vụ trở lên.",
    )


# --- recognition ------------------------------------------------------------------------------


def selected_in(events: tuple[Registration, ...], year: int) -> Registration | None:
    """The selection (``lua-chon`` for ``year`` or before) a cell still builds on in ``year``,
    or ``None`` (never selected, or withdrawn since). ``events``: the programme's only."""
    selected = None
    for event in events:
        if event.year > year:
            continue
        if event.status == "lua-chon":
            selected = event
        elif event.status == "rut" and (event.year == year or selected is not None):
            selected = None
    return selected


def registered_in(events: tuple[Registration, ...], year: int) -> bool:
    """Registered for ``year`` and not withdrawn since. ``events``: the programme's only."""
    return any(e.status == "dang-ky" and e.year == year for e in events) and not any(
        e.status == "rut" and e.year == year for e in events
    )


def recognition_shortfall(
    programme: Programme,
    events: tuple[Registration, ...],
    result: YearResult | None,
    criteria: Mapping[str, str],
    year: int,
) -> tuple[str, ...]:
    """Why a cell does not qualify for recognition in ``year`` under the programme's
    conditions (nothing: it does); ``criteria``: the cell's criteria for the year, id → text;
    ``events``: the cell's events of this programme."""
    reasons: list[str] = []
    kinds = [c.kind for c in programme.recognition.conditions]
    if "duoc-lua-chon" in kinds and selected_in(events, year) is None:
        reasons.append(_not_selected(events, year))
    if "dang-ky" in kinds and not registered_in(events, year):
        withdrawn = any(e.status == "rut" and e.year == year for e in events)
        reasons.append(f"đã rút đăng ký năm {year}" if withdrawn else f"chưa đăng ký năm {year}")
    needs_result = any(k in kinds for k in ("xep-loai-tot", "tieu-chi-dat", "dang-vien-hoan-thanh"))
    if needs_result and (result is None or result.rating is None):
        return (*reasons, f"chưa được xếp loại chất lượng năm {year}")
    assert result is not None or not needs_result
    if "xep-loai-tot" in kinds and result is not None and result.rating not in GOOD_OR_BETTER:
        reasons.append(f"năm {year} xếp loại {RATING_LABELS[result.rating or ''].lower()}")
    if "tieu-chi-dat" in kinds and result is not None:
        marks = result.criteria or {}
        failed = [c for c in criteria if marks.get(c) == "chua-dat"]
        missing = [c for c in criteria if c not in marks]
        if failed:
            reasons.append(f"chưa đạt {criteria_phrase(failed, criteria)}")
        if missing:
            reasons.append(f"chưa có kết quả tự đánh giá {criteria_phrase(missing, criteria)}")
    if "dang-vien-hoan-thanh" in kinds and result is not None and result.members and result.members.khong_hoan_thanh:
        reasons.append(f"năm {year} có {result.members.khong_hoan_thanh} đảng viên không hoàn thành nhiệm vụ")
    return tuple(reasons)


def recognition_titles(programme: Programme, year: int) -> tuple[str, ...]:
    """The programme's recognition conditions for ``year``, worded."""
    return tuple(
        title(c, RECOGNITION_WORDING[c.kind], nam=year, nam_truoc=year - 1) for c in programme.recognition.conditions
    )


def _not_selected(events: tuple[Registration, ...], year: int) -> str:
    last = [e for e in events if e.year == year and e.status in ("khong-lua-chon", "rut")]
    if last and last[-1].status == "rut":
        return f"đã rút đăng ký năm {year}"
    if last:
        return f"không được lựa chọn năm {year}"
    return f"chưa được Ban Thường vụ lựa chọn năm {year}"
