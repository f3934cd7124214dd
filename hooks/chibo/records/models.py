"""Typed, frozen records: the contract of DESIGN.md §3.

The same models validate the YAML records (``validate.py``) and produce their JSON
Schema (``schema.py``: the files in ``records/schema/`` that editors use). Field names are
English; each class names its Vietnamese term, and every field carries the Vietnamese
title and description an editor shows. Every model is strict (no silent conversion:
``"12"`` is not a number, ``no`` is not text) and forbids unknown keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ..vocab import CRITERION_RESULTS, GROUPS, MEASURES, RATINGS, STATUSES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _text(value: str) -> str:
    """Free text must say something. (Control characters never get here: see loader.py.)"""
    if not value.strip():
        raise PydanticCustomError("text_blank", "không được để trống")
    return value


# A cell id is a file name (records/chi-bo/<id>.yml): short enough for any file system,
# and none of the names Windows keeps for devices (a file "con.yml" cannot be opened there).
MAX_ID_LENGTH = 80
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                                  *(f"lpt{n}" for n in range(1, 10))})


def device_name_message(value: str) -> str | None:
    """Why ``value`` cannot name a file, when it is a Windows device name."""
    if value not in WINDOWS_DEVICE_NAMES:
        return None
    return f"'{value}' là tên thiết bị dành riêng của Windows, không dùng làm tên tệp được; hãy chọn mã khác"


def _file_name(value: str) -> str:
    message = device_name_message(value)
    if message is not None:
        raise PydanticCustomError("ma_thiet_bi", message)
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)]
CellId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH), AfterValidator(_file_name)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_text)]
MIN_YEAR, MAX_YEAR = 1990, 2100
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
Count = Annotated[int, Field(ge=0, le=100_000)]
Rating = Literal[RATINGS]  # type: ignore[valid-type]
EventCode = Literal[STATUSES]  # type: ignore[valid-type]
CriterionResult = Literal[CRITERION_RESULTS]  # type: ignore[valid-type]


def vi(title: str, description: str | None = None, **kwargs: Any) -> Any:
    """A field with the Vietnamese title and description that editors show."""
    return Field(title=title, description=description, **kwargs)


def described(title: str, description: str) -> ConfigDict:
    """Model settings with the Vietnamese title and description of the schema."""
    return ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=False,
                      title=title, json_schema_extra={"description": description})


class Record(BaseModel):
    """Base of every record: strict, frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=False)


# --- chi-bo/<id>.yml ---------------------------------------------------------------


class ExtraCriterion(Record):
    """Tiêu chí bổ sung: a criterion a cell adds for itself."""

    model_config = described("Tiêu chí bổ sung", "Tiêu chí chi bộ tự bổ sung cho phù hợp thực tiễn đơn vị.")

    id: Slug = vi("Mã tiêu chí", "Chữ thường không dấu, ví dụ bs-1; dùng làm khóa trong results[].criteria.")
    title: Text = vi("Tên tiêu chí")
    description: Text | None = vi("Nội dung", default=None)


class Registration(Record):
    """Sự kiện đăng ký: one registration event (khảo sát, đăng ký, lựa chọn…)."""

    model_config = described("Sự kiện đăng ký", "Một sự kiện trong quá trình đăng ký, ghi theo thứ tự ngày.")

    date: dt.date = vi("Ngày", "Dạng NĂM-THÁNG-NGÀY, ví dụ 2022-06-11.")
    status: EventCode = vi("Sự kiện", "khao-sat: khảo sát; dang-ky: đăng ký; lua-chon: Ban Thường vụ lựa chọn; "
                        "khong-lua-chon: không được lựa chọn; rut: rút đăng ký.")
    year: Year = vi("Năm thực hiện", "Năm mà việc đăng ký, lựa chọn hướng tới.")
    decision: Text | None = vi("Quyết định", "Ví dụ: Quyết định số 15-QĐ/ĐU ngày 20-6-2022.", default=None)
    note: Text | None = vi("Ghi chú", default=None)


class MemberRatings(Record):
    """Xếp loại đảng viên: how many members got each rating in a year."""

    model_config = described("Xếp loại đảng viên", "Số đảng viên ở từng mức xếp loại trong năm; mức bỏ trống là 0.")

    xuat_sac: Count = vi("Hoàn thành xuất sắc nhiệm vụ", default=0, alias="xuat-sac")
    tot: Count = vi("Hoàn thành tốt nhiệm vụ", default=0)
    hoan_thanh: Count = vi("Hoàn thành nhiệm vụ", default=0, alias="hoan-thanh")
    khong_hoan_thanh: Count = vi("Không hoàn thành nhiệm vụ", default=0, alias="khong-hoan-thanh")

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

    model_config = described("Kết quả năm", "Xếp loại, tự đánh giá và công nhận của chi bộ trong một năm.")

    year: Year = vi("Năm")
    rating: Rating | None = vi("Xếp loại chất lượng chi bộ", "xuat-sac, tot, hoan-thanh hoặc khong-hoan-thanh; "
                               "bỏ trống khi năm chưa được xếp loại.", default=None)
    members: MemberRatings | None = vi("Xếp loại đảng viên", default=None)
    criteria: dict[Slug, CriterionResult] | None = vi(
        "Tự đánh giá theo tiêu chí", "Mã tiêu chí: dat hoặc chua-dat, ví dụ {tc1: dat, tc2: chua-dat}.", default=None)
    model: bool = vi("Đạt chi bộ kiểu mẫu", "true khi được công nhận chi bộ kiểu mẫu năm đó; cần xếp loại "
                     "xuat-sac hoặc tot và mọi tiêu chí đạt.", default=False)
    decision: Text | None = vi("Quyết định công nhận", default=None)
    award: Text | None = vi("Khen thưởng", default=None)
    note: Text | None = vi("Ghi chú", default=None)


class Cell(Record):
    """Chi bộ: one party cell, from ``records/chi-bo/<id>.yml``."""

    model_config = described("Hồ sơ chi bộ", "Một chi bộ: records/chi-bo/<mã>.yml; tên tệp là mã chi bộ.")

    id: CellId = vi("Mã chi bộ", "Chữ thường không dấu, chữ số, dấu gạch nối; trùng tên tệp, ví dụ khoa-duoc.")
    name: Text = vi("Tên chi bộ", "Ví dụ: Chi bộ Khoa Dược.")
    type: Slug = vi("Loại hình chi bộ", "Mã loại hình trong tieu-chi.yml: giang-day, benh-vien, hanh-chinh, "
                    "sinh-vien.")
    secretary: Text | None = vi("Bí thư chi bộ", default=None)
    members: Count | None = vi("Số đảng viên", "Số đảng viên hiện nay.", default=None)
    extra_criteria: tuple[ExtraCriterion, ...] = vi("Tiêu chí bổ sung", default=())
    registration: tuple[Registration, ...] = vi("Quá trình đăng ký", "Các sự kiện, theo thứ tự ngày.", default=())
    results: tuple[YearResult, ...] = vi("Kết quả hằng năm", "Mỗi năm nhiều nhất một mục.", default=())


# --- tieu-chi.yml --------------------------------------------------------------------


class CellType(Record):
    """Loại hình chi bộ."""

    model_config = described("Loại hình chi bộ", "Một loại hình chi bộ.")

    id: Slug = vi("Mã loại hình")
    name: Text = vi("Tên loại hình", "Ví dụ: Chi bộ khoa, bộ môn.")
    short_name: Text = vi("Tên ngắn", "Dùng trong bảng và bộ lọc, ví dụ: Giảng dạy.")
    description: Text | None = vi("Mô tả", default=None)


class TypeVariant(Record):
    """Nội dung riêng của tiêu chí theo loại hình chi bộ."""

    model_config = described("Nội dung theo loại hình", "Tiêu chí riêng của một loại hình chi bộ.")

    title: Text = vi("Tên tiêu chí")
    indicators: tuple[Text, ...] = vi("Các chỉ báo", min_length=1)


class Criterion(Record):
    """Tiêu chí: common (``indicators``) or type-specific (``by_type``)."""

    model_config = described("Tiêu chí", "Tiêu chí chung (indicators) hoặc riêng theo loại hình (by_type).")

    id: Slug = vi("Mã tiêu chí", "Ví dụ tc1; dùng làm khóa trong results[].criteria.")
    group: Literal[GROUPS] = vi("Nhóm", "chi-bo: tiêu chí đối với chi bộ; dang-vien: đối với đảng viên.")  # type: ignore[valid-type]
    title: Text = vi("Tên tiêu chí")
    description: Text | None = vi("Mô tả", default=None)
    indicators: tuple[Text, ...] = vi("Các chỉ báo", "Với tiêu chí chung.", default=())
    by_type: dict[Slug, TypeVariant] | None = vi("Theo loại hình", "Với tiêu chí riêng: mã loại hình → nội dung.",
                                                 default=None)


class CriteriaBook(Record):
    """Phụ lục tiêu chí: cell types and the criteria appendix, ``tieu-chi.yml``."""

    model_config = described("Khung tiêu chí", "records/tieu-chi.yml: các loại hình chi bộ và khung tiêu chí.")

    types: tuple[CellType, ...] = vi("Loại hình chi bộ", min_length=1)
    criteria: tuple[Criterion, ...] = vi("Tiêu chí", min_length=1)


# --- dang-bo.yml ---------------------------------------------------------------------


class Document(Record):
    """Văn bản liên quan."""

    model_config = described("Văn bản", "Một văn bản liên quan.")

    id: Slug = vi("Mã văn bản", "Dùng để dẫn chiếu trong plan.implements và rules[].documents.")
    number: Text = vi("Số, ký hiệu", "Ví dụ: 183-KH/ĐU.")
    date: dt.date = vi("Ngày ban hành")
    issuer: Text = vi("Cơ quan ban hành")
    title: Text = vi("Trích yếu")


class RuleSet(Record):
    """Căn cứ xếp loại: the rules in force from one year to another."""

    model_config = described("Căn cứ xếp loại", "Các văn bản làm căn cứ xếp loại trong một khoảng năm.")

    from_year: Year = vi("Từ năm", alias="from")
    to_year: Year | None = vi("Đến năm", "Bỏ trống nếu còn hiệu lực.", default=None, alias="to")
    documents: tuple[Slug, ...] = vi("Mã các văn bản", min_length=1)


class Target(Record):
    """Chỉ tiêu: a share of cells to reach by a year."""

    model_config = described("Chỉ tiêu", "Tỷ lệ chi bộ cần đạt vào một năm.")

    id: Slug = vi("Mã chỉ tiêu")
    label: Text = vi("Tên chỉ tiêu")
    measure: Literal[MEASURES] = vi("Đo bằng", "tot-tro-len: hoàn thành tốt nhiệm vụ trở lên; "  # type: ignore[valid-type]
                                    "kieu-mau: đạt chi bộ kiểu mẫu.")
    comparison: Literal[">=", ">"] = vi("So sánh", "\">=\": từ … trở lên; \">\": trên ….")
    percent: Annotated[float, Field(ge=0, le=100)] = vi("Tỷ lệ (%)")
    year: Year = vi("Năm")


class Milestone(Record):
    """Mốc thời gian: a deadline of the plan; ``done`` is the date it was met."""

    model_config = described("Mốc thời gian", "Một hạn trong kế hoạch; done là ngày đã hoàn thành.")

    id: Slug = vi("Mã mốc")
    date: dt.date = vi("Hạn")
    title: Text = vi("Nội dung")
    owner: Text | None = vi("Chủ trì", default=None)
    done: dt.date | None = vi("Ngày hoàn thành", "Bỏ trống khi chưa hoàn thành.", default=None)
    note: Text | None = vi("Ghi chú", default=None)


class SteeringMember(Record):
    """Thành viên Ban Chỉ đạo."""

    model_config = described("Thành viên Ban Chỉ đạo", "Một thành viên Ban Chỉ đạo.")

    name: Text = vi("Họ và tên")
    role: Text = vi("Nhiệm vụ trong Ban Chỉ đạo", "Ví dụ: Trưởng Ban.")
    position: Text | None = vi("Chức vụ", default=None)


class Responsibility(Record):
    """Phân công thực hiện: who does what (plan IV)."""

    model_config = described("Phân công", "Ai làm gì (mục IV của Kế hoạch).")

    who: Text = vi("Đơn vị, cá nhân")
    tasks: tuple[Text, ...] = vi("Nhiệm vụ", min_length=1)


class Plan(Record):
    """Kế hoạch: the plan's metadata."""

    model_config = described("Kế hoạch", "Thông tin văn bản Kế hoạch.")

    number: Text = vi("Số, ký hiệu")
    date: dt.date = vi("Ngày ban hành")
    place: Text = vi("Địa danh")
    title: Text = vi("Trích yếu")
    implements: Slug = vi("Thực hiện văn bản", "Mã văn bản (trong documents) mà Kế hoạch triển khai.")
    signer: Text = vi("Người ký")
    signer_title: Text = vi("Chức vụ người ký")


class Period(Record):
    """Giai đoạn."""

    model_config = described("Giai đoạn", "Năm đầu và năm cuối của giai đoạn.")

    start: Year = vi("Từ năm")
    end: Year = vi("Đến năm")


class Selection(Record):
    """Thiết lập lựa chọn (plan III.3): the N of "nhiều năm" and the first year's count."""

    model_config = described("Thiết lập lựa chọn", "Các thông số của điều kiện lựa chọn (mục III.3).")

    good_years: Annotated[int, Field(ge=1, le=10)] = vi(
        "Số năm liền HTTNV trở lên", "\"Nhiều năm\" ở điều kiện 1: xét các năm R-N … R-1.", default=3)
    first_year_min: Annotated[int, Field(ge=0, le=100)] = vi("Số chi bộ tối thiểu năm đầu", default=1)
    first_year_max: Annotated[int, Field(ge=0, le=100)] = vi("Số chi bộ tối đa năm đầu", default=2)


class Committee(Record):
    """Đảng bộ: the Committee, ``dang-bo.yml``."""

    model_config = described("Hồ sơ Đảng bộ", "records/dang-bo.yml: Đảng bộ, kế hoạch, chỉ tiêu, mốc thời gian.")

    name: Text = vi("Tên Đảng bộ")
    short_name: Text = vi("Tên cấp ủy", "Ví dụ: Đảng ủy Trường.")
    superior: Text = vi("Cấp ủy cấp trên")
    place: Text = vi("Địa danh")
    sample: bool = vi("Dữ liệu minh họa", "true: mọi trang hiện dòng \"Dữ liệu minh họa, không phải số liệu "
                      "chính thức\".")
    as_of: dt.date = vi("Số liệu tính đến ngày", "Mốc để xét mốc thời gian quá hạn; không dùng đồng hồ máy.")
    plan: Plan = vi("Kế hoạch")
    period: Period = vi("Giai đoạn")
    targets: tuple[Target, ...] = vi("Chỉ tiêu", default=())
    selection: Selection = vi("Thiết lập lựa chọn", default=Selection())
    milestones: tuple[Milestone, ...] = vi("Mốc thời gian", default=())
    rules: tuple[RuleSet, ...] = vi("Căn cứ xếp loại theo năm", default=())
    documents: tuple[Document, ...] = vi("Văn bản liên quan", default=())
    steering: tuple[SteeringMember, ...] = vi("Ban Chỉ đạo", default=())
    responsibilities: tuple[Responsibility, ...] = vi("Phân công thực hiện", default=())
