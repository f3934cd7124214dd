"""Selection conditions (plan III.3.1), checked for one cell before it registers for year R.

Each condition reads đạt / chưa đạt / thiếu dữ liệu with its reason (DESIGN.md §2). The
reason states the true figures (the office's documents print it); where it counts members,
the condition also says the same without the count, for the members' pages (``privacy``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..records.committee import CriteriaBook, Selection
from ..records.models import YearResult
from ..vocab import GOOD_OR_BETTER, RATING_LABELS

MET, NOT_MET, NO_DATA, REVIEW = "dat", "chua-dat", "thieu-du-lieu", "xem-xet"
VERDICT_LABELS = MappingProxyType(
    {MET: "Đạt", NOT_MET: "Chưa đạt", NO_DATA: "Thiếu dữ liệu", REVIEW: "Do Ban Thường vụ xem xét"}
)


@dataclass(frozen=True)
class Condition:
    """Điều kiện lựa chọn: what is required, the verdict, and why (``reason``, true figures;
    ``public_reason``, the same without member counts, when the reason has any)."""

    title: str
    verdict: str
    reason: str
    public_reason: str | None = None

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def window(year: int, settings: Selection) -> range:
    """The years "nhiều năm" looks back on for year ``year``: R-N … R-1."""
    return range(year - settings.good_years, year)


def check_selection(
    year: int,
    results: Mapping[int, YearResult],
    book: CriteriaBook,
    settings: Selection,
    has_committee: bool,
    names: Mapping[str, str] | None = None,
) -> tuple[Condition, ...]:
    """The five conditions of plan III.3.1 for registering for ``year``, in the plan's order;
    criteria named by their code, or by their text when ``names`` (id → title) is given."""
    previous = results.get(year - 1)
    common = [c.id for c in book.criteria if c.group == "chi-bo" and not c.by_type]
    members = [c.id for c in book.criteria if c.group == "dang-vien"]
    return (
        _good_years(results, window(year, settings)),
        _criteria(
            f"Đạt {len(common):02d} tiêu chí chung về chất lượng sinh hoạt chi bộ (tự đánh giá năm {year - 1})",
            previous,
            year - 1,
            common,
            names,
        ),
        _criteria(
            f"Đội ngũ đảng viên cơ bản đã thực hiện tốt {len(members):02d} tiêu chí về đảng viên "
            f"(tự đánh giá năm {year - 1})",
            previous,
            year - 1,
            members,
            names,
        ),
        _members(previous, year - 1),
        _leaders(has_committee),
    )


def _leaders(has_committee: bool) -> Condition:
    who = "Đội ngũ chi ủy viên, bí thư, phó bí thư" if has_committee else "Bí thư, phó bí thư chi bộ"
    return Condition(
        f"{who} có năng lực, trình độ, uy tín, tâm huyết, phẩm chất đạo đức tốt",
        REVIEW,
        "Tiêu chí định tính: chi bộ tự nêu trong báo cáo, Ban Thường vụ Đảng ủy xem xét khi lựa chọn.",
    )


def _good_years(results: Mapping[int, YearResult], years: range) -> Condition:
    title = f"Hoàn thành tốt nhiệm vụ trở lên {len(years)} năm liền ({years[0]}–{years[-1]})"
    below = [
        (y, rating) for y in years if y in results and (rating := results[y].rating) and rating not in GOOD_OR_BETTER
    ]
    if below:
        reason = "; ".join(f"năm {y}: {RATING_LABELS[r]}" for y, r in below)
        return Condition(title, NOT_MET, f"Có năm chưa đạt mức hoàn thành tốt nhiệm vụ ({reason}).")
    missing = [y for y in years if y not in results or not results[y].rating]
    if missing:
        return Condition(title, NO_DATA, f"Chưa có xếp loại năm {', '.join(map(str, missing))}.")
    return Condition(title, MET, f"Các năm {years[0]}–{years[-1]} đều hoàn thành tốt nhiệm vụ trở lên.")


def _criteria(
    title: str, previous: YearResult | None, year: int, ids: list[str], names: Mapping[str, str] | None
) -> Condition:
    """Every criterion of ``ids`` met in the self-assessment of ``year``."""
    marks = (previous.criteria or {}) if previous else {}
    failed = [c for c in ids if marks.get(c) == "chua-dat"]
    if failed:
        return Condition(title, NOT_MET, f"Năm {year} chưa đạt {criteria_phrase(failed, names)}.")
    missing = [c for c in ids if c not in marks]
    if missing:
        return Condition(title, NO_DATA, f"Chưa có kết quả tự đánh giá {criteria_phrase(missing, names)} năm {year}.")
    if names is not None:
        return Condition(title, MET, f"Năm {year} đạt cả {len(ids):02d} tiêu chí.")
    return Condition(title, MET, f"Năm {year} đạt tiêu chí {', '.join(c.upper() for c in ids)}.")


def criteria_phrase(ids: list[str], names: Mapping[str, str] | None) -> str:
    """ "tiêu chí TC1, TC5" by code; 'tiêu chí “Sinh hoạt chi bộ …”' by text (documents)."""
    if names is None:
        return f"tiêu chí {', '.join(c.upper() for c in ids)}"
    quoted = ", ".join(f"“{names.get(c, c.upper())}”" for c in ids)
    return f"{'các ' if len(ids) > 1 else ''}tiêu chí {quoted}"


def _members(previous: YearResult | None, year: int) -> Condition:
    title = f"Năm {year}: 100% đảng viên hoàn thành nhiệm vụ trở lên, không có đảng viên không hoàn thành nhiệm vụ"
    if previous is None or previous.members is None or previous.members.total == 0:
        return Condition(title, NO_DATA, f"Chưa có kết quả xếp loại đảng viên năm {year}.")
    failing, total = previous.members.khong_hoan_thanh, previous.members.total
    if failing:
        return Condition(
            title,
            NOT_MET,
            f"Năm {year} có {failing} đảng viên không hoàn thành nhiệm vụ.",
            f"Năm {year} có đảng viên không hoàn thành nhiệm vụ.",
        )
    return Condition(
        title,
        MET,
        f"Năm {year}: {total}/{total} đảng viên hoàn thành nhiệm vụ trở lên.",
        f"Năm {year}: mọi đảng viên của chi bộ đều hoàn thành nhiệm vụ trở lên.",
    )
