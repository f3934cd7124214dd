"""Programmes and what belongs to them: the checks of a programme's records, and which
programme a cell's registration, recognition, self-assessment and monthly forms belong to.

A registration event or a recognition that names its programme (``programme:``) belongs
to it; one that names none belongs to the programme whose period holds its year (and that
has the step in question). Two programmes of that year: the record must say which (an
error naming both). ``Scope.owner`` is the one home of this rule: validation and the Report
both ask it. Like ``crosscheck``, the cell checks run on the values as read.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from ..formats import date_vi
from ..vocab import GOOD_OR_BETTER, RECOGNITION_CONDITIONS, SELECTION_CONDITIONS
from .committee import Committee
from .crosscheck import _is_int, _is_slug, _items, _repeated
from .fields import MONTH_PATTERN
from .loader import Key, ParsedFile
from .problems import Problem
from .programme import Condition, CriteriaBook, Programme

# The placeholders a condition's wording may use (records/programme.py, ``Condition.text``).
PLACEHOLDERS = frozenset({"so_nam", "tu_nam", "den_nam", "nam", "nam_truoc", "so_tieu_chi", "lanh_dao"})
_ANCHOR = re.compile(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}|\bid=\"([A-Za-z0-9_-]+)\"")


@dataclass(frozen=True)
class ProgrammeScope:
    """What a cell's records are checked against for one programme."""

    id: str
    kind: str
    start: int
    end: int
    survey: bool
    registration: bool
    selection: bool
    criteria: frozenset[str]
    monthly: bool
    recognition: frozenset[str]

    def holds(self, year: int) -> bool:
        return self.start <= year <= self.end

    @property
    def span(self) -> str:
        return f"{self.id} ({self.start}–{self.end})"

    @classmethod
    def of(cls, programme_id: str, programme: Programme, book: CriteriaBook | None) -> ProgrammeScope:
        flow = programme.workflow
        # a reversed period is its own error (check_programme): the cells are held to its years
        # in order rather than blamed for it
        start, end = sorted((programme.period.start, programme.period.end))
        return cls(
            programme_id,
            programme.kind,
            start,
            end,
            flow.survey,
            flow.registration,
            flow.selection,
            frozenset(c.id for c in book.criteria) if book is not None else frozenset(),
            programme.monthly is not None,
            frozenset(c.kind for c in programme.recognition.conditions),
        )


# Which step an event or a result needs of its programme.
STEP_OF_STATUS = {
    "khao-sat": "survey",
    "dang-ky": "registration",
    "rut": "registration",
    "lua-chon": "selection",
    "khong-lua-chon": "selection",
}
_STEP_LABELS = {
    "survey": "bước khảo sát",
    "registration": "bước đăng ký",
    "selection": "bước lựa chọn",
    "recognition": "bước công nhận",
}


@dataclass(frozen=True)
class Scope:
    """The committee's cell types and every programme, for checking cells."""

    type_ids: tuple[str, ...]
    programmes: tuple[ProgrammeScope, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.programmes)

    def get(self, programme_id: str) -> ProgrammeScope | None:
        return next((p for p in self.programmes if p.id == programme_id), None)

    def owner(self, year: int, named: str | None, step: str = "recognition") -> ProgrammeScope | str:
        """The programme an event of ``year`` belongs to, or why none can be told (a message)."""
        if named is not None:
            found = self.get(named)
            if found is None:
                known = ", ".join(self.ids) or "(chưa có chương trình)"
                return f"chương trình '{named}' không có; chọn một trong: {known}"
            if not found.holds(year):
                return f"năm {year} nằm ngoài giai đoạn {found.start}–{found.end} của chương trình '{named}'"
            if step != "recognition" and not getattr(found, step):
                return f"chương trình '{named}' không có {_STEP_LABELS[step]}"
            return found
        holders = [p for p in self.programmes if p.holds(year) and (step == "recognition" or getattr(p, step))]
        if len(holders) == 1:
            return holders[0]
        if holders:
            names = ", ".join(p.span for p in holders)
            return f"năm {year} thuộc {len(holders)} chương trình: {names}; hãy ghi programme: <mã> để chọn"
        anyone = [p for p in self.programmes if p.holds(year)]
        if anyone:
            return f"chương trình {anyone[0].span} của năm {year} không có {_STEP_LABELS[step]}"
        if not self.programmes:
            return f"năm {year} không thuộc chương trình nào: chưa có chương trình (records/chuong-trinh/)"
        periods = ", ".join(p.span for p in self.programmes)
        return f"năm {year} không thuộc giai đoạn của chương trình nào; hiện có: {periods}"

    def criteria_of(self, year: int) -> frozenset[str] | None:
        """The criteria a self-assessment of ``year`` may mark: those of the programmes of that
        year, or of those starting the next year (a programme's selection reads the year
        before it); ``None`` when no programme concerns the year."""
        found = [p for p in self.programmes if p.holds(year) or p.start == year + 1]
        if not found:
            return None
        return frozenset().union(*(p.criteria for p in found))

    def monthly_of(self, year: int) -> frozenset[str] | None:
        """The criteria of the programmes of ``year`` that collect monthly forms, or None."""
        found = [p for p in self.programmes if p.holds(year) and p.monthly]
        if not found:
            return None
        return frozenset().union(*(p.criteria for p in found))


# --- a programme's own records --------------------------------------------------------


def check_programme(
    doc: ParsedFile, programme: Programme, committee: Committee | None, book: CriteriaBook | None, plan: str | None
) -> list[Problem]:
    """``chuong-trinh.yml``: references, a sane period, steps and conditions that fit, anchors
    that exist in ``ke-hoach.md``."""
    problems = _repeated(doc, "targets", "id", "mã chỉ tiêu") + _repeated(doc, "milestones", "id", "mã mốc")
    period = programme.period
    reversed_period = period.end < period.start
    if reversed_period:
        problems.append(doc.problem(("period", "end"), "năm kết thúc trước năm bắt đầu"))
    if committee is not None:
        known = {d.id for d in committee.documents}
        for index, ref in enumerate(programme.plan.implements):
            if ref not in known:
                problems.append(
                    doc.problem(
                        ("plan", "implements", index),
                        f"văn bản '{ref}' không có trong 'documents' của records/dang-bo.yml",
                    )
                )
        for index, milestone in enumerate(programme.milestones):
            if milestone.done is not None and milestone.done > committee.as_of:
                problems.append(
                    doc.problem(
                        ("milestones", index, "done"),
                        f"ngày hoàn thành {date_vi(milestone.done)} sau ngày số liệu as_of "
                        f"({date_vi(committee.as_of)}) của records/dang-bo.yml; hãy cập nhật as_of",
                    )
                )
    problems += _check_steps(doc, programme)
    for index, target in enumerate(programme.targets):
        if target.comparison == ">" and target.percent >= 100:
            problems.append(
                doc.problem(
                    ("targets", index, "percent"),
                    "chỉ tiêu 'trên 100%' không thể đạt; dùng comparison: \">=\" với percent: 100",
                )
            )
        if not reversed_period and not period.start <= target.year <= period.end:
            problems.append(
                doc.problem(
                    ("targets", index, "year"), f"năm {target.year} nằm ngoài giai đoạn {period.start}–{period.end}"
                )
            )
    if programme.monthly is not None and book is not None:
        ids = {c.id for c in book.criteria}
        for index, ref in enumerate(programme.monthly.every_month):
            if ref not in ids:
                problems.append(doc.problem(("monthly", "every_month", index), _unknown_criterion(ref, ids)))
        first = programme.monthly.first_month
        if first is not None and not reversed_period and not period.start <= int(first[:4]) <= period.end:
            problems.append(
                doc.problem(
                    ("monthly", "first_month"), f"tháng {first} nằm ngoài giai đoạn {period.start}–{period.end}"
                )
            )
    if plan is not None:
        problems += _check_anchors(doc, programme, plan)
    return problems


def _check_steps(doc: ParsedFile, programme: Programme) -> list[Problem]:
    """Selection conditions exactly when the workflow has a selection step; every condition of
    a kind its step knows, worded with known placeholders."""
    problems = []
    flow = programme.workflow
    if flow.selection and programme.selection is None:
        problems.append(
            doc.problem(
                ("workflow", "selection"),
                "có bước lựa chọn nhưng thiếu mục 'selection' (điều kiện lựa chọn); hoặc ghi workflow.selection: false",
            )
        )
    if not flow.selection and programme.selection is not None:
        problems.append(
            doc.problem(
                ("selection",),
                "có mục 'selection' nhưng workflow.selection là false; bỏ mục này hoặc đặt workflow.selection: true",
            )
        )
    if programme.selection is not None:
        problems += _check_conditions(
            doc, ("selection", "conditions"), programme.selection.conditions, SELECTION_CONDITIONS
        )
        first = programme.selection.first_year
        if first is not None and first.max < first.min:
            problems.append(doc.problem(("selection", "first_year", "max"), f"{first.max} nhỏ hơn min ({first.min})"))
    problems += _check_conditions(
        doc, ("recognition", "conditions"), programme.recognition.conditions, RECOGNITION_CONDITIONS
    )
    for index, condition in enumerate(programme.recognition.conditions):
        if condition.kind == "duoc-lua-chon" and not flow.selection:
            problems.append(
                doc.problem(
                    ("recognition", "conditions", index, "kind"),
                    "'duoc-lua-chon' cần bước lựa chọn (workflow.selection: true)",
                )
            )
        if condition.kind == "dang-ky" and not flow.registration:
            problems.append(
                doc.problem(
                    ("recognition", "conditions", index, "kind"),
                    "'dang-ky' cần bước đăng ký (workflow.registration: true)",
                )
            )
    return problems


def _check_conditions(
    doc: ParsedFile, path: Key, conditions: Iterable[Condition], kinds: tuple[str, ...]
) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, condition in enumerate(conditions):
        where = (*path, index)
        if condition.kind not in kinds:
            problems.append(
                doc.problem((*where, "kind"), f"'{condition.kind}' không hợp lệ; chọn một trong: {', '.join(kinds)}")
            )
        elif condition.kind in seen:
            problems.append(doc.problem((*where, "kind"), f"điều kiện '{condition.kind}' bị lặp"))
        seen.add(condition.kind)
        if condition.kind == "nhieu-nam-tot" and condition.years is None:
            problems.append(doc.problem(where, "'nhieu-nam-tot' cần years: số năm liền (ví dụ years: 3)"))
        if condition.years is not None and condition.kind != "nhieu-nam-tot":
            problems.append(doc.problem((*where, "years"), "chỉ điều kiện 'nhieu-nam-tot' dùng years"))
        if condition.text is not None:
            unknown = _unknown_placeholders(condition.text)
            if unknown:
                problems.append(
                    doc.problem(
                        (*where, "text"),
                        f"không có chỗ điền {{{unknown[0]}}}; dùng: "
                        f"{', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))}",
                    )
                )
    return problems


def _unknown_placeholders(text: str) -> list[str]:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return ["…"]
    return [name for name in names if name not in PLACEHOLDERS]


def _check_anchors(doc: ParsedFile, programme: Programme, plan: str) -> list[Problem]:
    """Every section anchor the programme cites exists on its plan page."""
    anchors = {a or b for a, b in _ANCHOR.findall(plan)}
    problems = []
    for name, section in programme.sections:
        if section is not None and section.anchor is not None and section.anchor not in anchors:
            problems.append(
                doc.problem(
                    ("sections", name, "anchor"),
                    f"ke-hoach.md không có đề mục nào mang neo '{section.anchor}'; viết neo sau đề mục, ví dụ: "
                    f"## Lộ trình {{ #{section.anchor} }}",
                )
            )
    return problems


def check_book(doc: ParsedFile, book: CriteriaBook, type_ids: tuple[str, ...] | None) -> list[Problem]:
    """A programme's ``tieu-chi.yml``: unique ids; each criterion common or by type, every type
    of the committee covered."""
    problems = _repeated(doc, "criteria", "id", "mã tiêu chí")
    for index, criterion in enumerate(book.criteria):
        where = ("criteria", index)
        if bool(criterion.indicators) == bool(criterion.by_type):
            problems.append(
                doc.problem(
                    where,
                    "mỗi tiêu chí cần đúng một trong hai: 'indicators' "
                    "(tiêu chí chung) hoặc 'by_type' (tiêu chí theo loại hình)",
                )
            )
            continue
        if type_ids is None:
            continue
        for type_id in criterion.by_type or {}:
            if type_id not in type_ids:
                problems.append(
                    doc.problem(
                        (*where, "by_type", type_id),
                        f"loại hình '{type_id}' không có trong 'types' của records/dang-bo.yml; chọn một trong: "
                        f"{', '.join(type_ids)}",
                        key=True,
                    )
                )
        missing = [t for t in type_ids if criterion.by_type is not None and t not in criterion.by_type]
        if missing:
            problems.append(doc.problem((*where, "by_type"), f"thiếu nội dung cho loại hình: {', '.join(missing)}"))
    return problems


def check_overlaps(docs: dict[str, ParsedFile], programmes: dict[str, Programme]) -> list[Problem]:
    """Two programmes of one kind may not run in the same year: the later one is reported."""
    problems = []
    ordered = sorted(programmes.items(), key=lambda item: (item[1].period.start, item[0]))
    for index, (pid, programme) in enumerate(ordered):
        for other_id, other in ordered[:index]:
            if other.kind == programme.kind and programme.period.start <= other.period.end:
                problems.append(
                    docs[pid].problem(
                        ("period", "start"),
                        f"chương trình loại '{programme.kind}' trùng thời gian với chương trình '{other_id}' "
                        f"({other.period.start}–{other.period.end}); hai chương trình cùng loại không chạy cùng năm",
                    )
                )
                break
    return problems


# --- a cell against the programmes ---------------------------------------------------


def check_cell_scope(doc: ParsedFile, data: dict, scope: Scope, as_of: dt.date | None) -> list[Problem]:
    """A cell's type, and each registration event, recognition, self-assessment and monthly
    form against the programme it belongs to."""
    problems = []
    cell_type = data.get("type")
    if isinstance(cell_type, str) and _is_slug(cell_type) and cell_type not in scope.type_ids:
        problems.append(
            doc.problem(("type",), f"'{cell_type}' không hợp lệ; chọn một trong: {', '.join(scope.type_ids)}")
        )
    extras = {item["id"] for _, item in _items(data, "extra_criteria") if _is_slug(item.get("id"))}
    every = frozenset().union(*(p.criteria for p in scope.programmes)) if scope.programmes else frozenset()
    for index, extra in _items(data, "extra_criteria"):
        if extra.get("id") in every:
            problems.append(
                doc.problem(
                    ("extra_criteria", index, "id"), f"mã '{extra['id']}' trùng với một tiêu chí của chương trình"
                )
            )
    for index, event in _items(data, "registration"):
        year, status = event.get("year"), event.get("status")
        named = event.get("programme") if isinstance(event.get("programme"), str) else None
        if not _is_int(year) or status not in STEP_OF_STATUS:
            continue
        owner = scope.owner(year, named, STEP_OF_STATUS[status])
        if isinstance(owner, str):
            path = ("registration", index, "programme" if named is not None else "year")
            problems.append(doc.problem(path, owner))
    for index, result in _items(data, "results"):
        problems += _check_result(doc, index, result, scope, extras, as_of)
    return problems


def _check_result(
    doc: ParsedFile, index: int, result: dict, scope: Scope, extras: set[str], as_of: dt.date | None
) -> list[Problem]:
    year = result.get("year")
    if not _is_int(year):
        return []
    problems = []
    named = result.get("programme") if isinstance(result.get("programme"), str) else None
    recognised = result.get("model") is True or "decision" in result or "award" in result or named is not None
    if recognised:
        owner = scope.owner(year, named)
        if isinstance(owner, str):
            key = "programme" if named is not None else "model" if result.get("model") is True else "year"
            problems.append(doc.problem(("results", index, key), owner))
        elif result.get("model") is True:
            problems += _check_recognition(doc, index, result, owner)
    marks = result.get("criteria")
    if isinstance(marks, dict) and marks:
        allowed = scope.criteria_of(year)
        if allowed is None:
            problems.append(
                doc.problem(
                    ("results", index, "criteria"),
                    f"năm {year} không thuộc chương trình nào nên không có khung tiêu chí để tự đánh giá",
                    key=True,
                )
            )
        else:
            problems += _unknown_keys(doc, ("results", index, "criteria"), marks, allowed | extras)
    monthly = result.get("monthly")
    if isinstance(monthly, dict) and monthly:
        problems += _check_monthly(doc, ("results", index, "monthly"), year, monthly, scope, extras, as_of)
    return problems


def _check_recognition(doc: ParsedFile, index: int, result: dict, owner: ProgrammeScope) -> list[Problem]:
    """``model: true`` against what the programme's recognition requires of the year's own figures."""
    problems = []
    where = ("results", index, "model")
    if "xep-loai-tot" in owner.recognition and result.get("rating") not in GOOD_OR_BETTER:
        problems.append(doc.problem(where, "'model: true' cần xếp loại 'xuat-sac' hoặc 'tot' trong cùng năm"))
    marks = result.get("criteria")
    if "tieu-chi-dat" in owner.recognition and isinstance(marks, dict):
        failed = [key for key, value in marks.items() if value == "chua-dat"]
        if failed:
            problems.append(doc.problem(where, f"'model: true' nhưng tiêu chí {', '.join(failed)} 'chua-dat'"))
    return problems


def _check_monthly(
    doc: ParsedFile, path: Key, year: int, monthly: dict, scope: Scope, extras: set[str], as_of: dt.date | None
) -> list[Problem]:
    allowed = scope.monthly_of(year)
    if allowed is None:
        return [
            doc.problem(
                path,
                f"năm {year} không có chương trình nào tự đánh giá hằng tháng (mục monthly của chương trình)",
                key=True,
            )
        ]
    problems = []
    for month, marks in monthly.items():
        if not isinstance(month, str) or not re.match(MONTH_PATTERN, month):
            continue  # not a month ("2025-13"): the record's own check says so
        where = (*path, month)
        if int(month[:4]) != year:
            problems.append(doc.problem(where, f"tháng {month} không thuộc năm {year}", key=True))
            continue
        if as_of is not None and dt.date(year, int(month[5:]), 1) > as_of:
            problems.append(doc.problem(where, f"tháng {month} sau ngày số liệu as_of ({date_vi(as_of)})", key=True))
        if isinstance(marks, dict):
            problems += _unknown_keys(doc, where, marks, allowed | extras)
    return problems


def _unknown_keys(doc: ParsedFile, path: Key, marks: dict, allowed: frozenset[str] | set[str]) -> list[Problem]:
    return [
        doc.problem((*path, key), _unknown_criterion(key, allowed), key=True)
        for key in marks
        if isinstance(key, str) and _is_slug(key) and key not in allowed
    ]


def _unknown_criterion(key: str, allowed: Iterable[str]) -> str:
    return f"tiêu chí '{key}' không có; chọn một trong: {', '.join(sorted(allowed))}"
