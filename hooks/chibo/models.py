"""Typed, frozen records: the contract of DESIGN.md §3.

The same models validate the YAML records (``validate.py``) and produce their JSON
Schema. Field names are English; each class names its Vietnamese term. Every model is
strict (no silent conversion: ``"12"`` is not a number, ``no`` is not text) and forbids
unknown keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from .vocab import CRITERION_RESULTS, GROUPS, MEASURES, RATINGS, STATUSES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
def _text(value: str) -> str:
    """Free text must say something. (Control characters never get here: see loader.py.)"""
    if not value.strip():
        raise PydanticCustomError("text_blank", "không được để trống")
    return value


Text = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_text)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Count = Annotated[int, Field(ge=0, le=100_000)]
Rating = Literal[RATINGS]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
CriterionResult = Literal[CRITERION_RESULTS]  # type: ignore[valid-type]


class Record(BaseModel):
    """Base of every record: strict, frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=False)


# --- chi-bo/<id>.yml ---------------------------------------------------------------


class ExtraCriterion(Record):
    """Tiêu chí bổ sung: a criterion a cell adds for itself."""

    id: Slug
    title: Text
    description: Text | None = None


class Registration(Record):
    """Sự kiện đăng ký: one registration event (khảo sát, đăng ký, lựa chọn…)."""

    date: dt.date
    status: Status
    year: Year
    decision: Text | None = None
    note: Text | None = None


class MemberRatings(Record):
    """Xếp loại đảng viên: how many members got each rating in a year."""

    xuat_sac: Count = Field(0, alias="xuat-sac")
    tot: Count = 0
    hoan_thanh: Count = Field(0, alias="hoan-thanh")
    khong_hoan_thanh: Count = Field(0, alias="khong-hoan-thanh")

    @property
    def total(self) -> int:
        return self.xuat_sac + self.tot + self.hoan_thanh + self.khong_hoan_thanh

    def by_code(self) -> dict[str, int]:
        return {
            "xuat-sac": self.xuat_sac,
            "tot": self.tot,
            "hoan-thanh": self.hoan_thanh,
            "khong-hoan-thanh": self.khong_hoan_thanh,
        }


class YearResult(Record):
    """Kết quả năm: a cell's rating, member ratings and self-assessment for one year."""

    year: Year
    rating: Rating | None = None
    members: MemberRatings | None = None
    criteria: dict[Slug, CriterionResult] | None = None
    model: bool = False
    decision: Text | None = None
    award: Text | None = None
    note: Text | None = None


class Cell(Record):
    """Chi bộ: one party cell, from ``records/chi-bo/<id>.yml``."""

    id: Slug
    name: Text
    type: Slug
    secretary: Text | None = None
    members: Count | None = None
    extra_criteria: tuple[ExtraCriterion, ...] = ()
    registration: tuple[Registration, ...] = ()
    results: tuple[YearResult, ...] = ()


# --- tieu-chi.yml --------------------------------------------------------------------


class CellType(Record):
    """Loại hình chi bộ."""

    id: Slug
    name: Text
    short_name: Text
    description: Text | None = None


class TypeVariant(Record):
    """Nội dung riêng của tiêu chí theo loại hình chi bộ."""

    title: Text
    indicators: tuple[Text, ...] = Field(min_length=1)


class Criterion(Record):
    """Tiêu chí: common (``indicators``) or type-specific (``by_type``)."""

    id: Slug
    group: Literal[GROUPS]  # type: ignore[valid-type]
    title: Text
    description: Text | None = None
    indicators: tuple[Text, ...] = ()
    by_type: dict[Slug, TypeVariant] | None = None


class CriteriaBook(Record):
    """Phụ lục tiêu chí: cell types and the criteria appendix, ``tieu-chi.yml``."""

    types: tuple[CellType, ...] = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)


# --- dang-bo.yml ---------------------------------------------------------------------


class Document(Record):
    """Văn bản liên quan."""

    id: Slug
    number: Text
    date: dt.date
    issuer: Text
    title: Text


class RuleSet(Record):
    """Căn cứ xếp loại: the rules in force from one year to another."""

    from_year: Year = Field(alias="from")
    to_year: Year | None = Field(None, alias="to")
    documents: tuple[Slug, ...] = Field(min_length=1)


class Target(Record):
    """Chỉ tiêu: a share of cells to reach by a year."""

    id: Slug
    label: Text
    measure: Literal[MEASURES]  # type: ignore[valid-type]
    comparison: Literal[">=", ">"]
    percent: Annotated[float, Field(ge=0, le=100)]
    year: Year


class Milestone(Record):
    """Mốc thời gian: a deadline of the plan; ``done`` is the date it was met."""

    id: Slug
    date: dt.date
    title: Text
    owner: Text | None = None
    done: dt.date | None = None
    note: Text | None = None


class SteeringMember(Record):
    """Thành viên Ban Chỉ đạo."""

    name: Text
    role: Text
    position: Text | None = None


class Responsibility(Record):
    """Phân công thực hiện: who does what (plan IV)."""

    who: Text
    tasks: tuple[Text, ...] = Field(min_length=1)


class Plan(Record):
    """Kế hoạch: the plan's metadata."""

    number: Text
    date: dt.date
    place: Text
    title: Text
    implements: Slug
    signer: Text
    signer_title: Text


class Period(Record):
    """Giai đoạn."""

    start: Year
    end: Year


class Selection(Record):
    """Thiết lập lựa chọn (plan III.3): the N of "nhiều năm" and the first year's count."""

    good_years: Annotated[int, Field(ge=1, le=10)] = 3
    first_year_min: Annotated[int, Field(ge=0, le=100)] = 1
    first_year_max: Annotated[int, Field(ge=0, le=100)] = 2


class Committee(Record):
    """Đảng bộ: the Committee, ``dang-bo.yml``."""

    name: Text
    short_name: Text
    superior: Text
    place: Text
    sample: bool
    as_of: dt.date
    plan: Plan
    period: Period
    targets: tuple[Target, ...] = ()
    selection: Selection = Selection()
    milestones: tuple[Milestone, ...] = ()
    rules: tuple[RuleSet, ...] = ()
    documents: tuple[Document, ...] = ()
    steering: tuple[SteeringMember, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
