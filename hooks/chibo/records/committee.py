"""Typed, frozen records of the Committee (``dang-bo.yml``): DESIGN.md §3. Same conventions
as ``models.py``. What belongs to one programme (its plan, period, criteria, targets,
milestones) is in ``programme.py``; the committee keeps what outlives programmes: its names
over time, the data date, its cell types, the rules of each year, related documents, the
register of numbers and the steering committee.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..vocab import MEMBER_SCOPES, REGISTER_KINDS
from .fields import (
    Day,
    Rating,
    Record,
    Score,
    Slug,
    Text,
    Year,
    described,
    vi,
)


class CellType(Record):
    """Loại hình chi bộ."""

    model_config = described("Loại hình chi bộ", "Một loại hình chi bộ.")

    id: Slug = vi("Mã loại hình")
    name: Text = vi("Tên loại hình", "Ví dụ: Chi bộ khoa, bộ môn.")
    short_name: Text = vi("Tên ngắn", "Dùng trong bảng và bộ lọc, ví dụ: Giảng dạy.")
    description: Text | None = vi("Mô tả", default=None)


# --- dang-bo.yml ---------------------------------------------------------------------


class Document(Record):
    """Văn bản liên quan."""

    model_config = described("Văn bản", "Một văn bản liên quan.")

    id: Slug = vi("Mã văn bản", "Dùng để dẫn chiếu trong rules[].documents và plan.implements của chương trình.")
    number: Text = vi("Số, ký hiệu", "Ví dụ: 12-KH/ĐU.")
    date: Day = vi("Ngày ban hành")
    issuer: Text = vi("Cơ quan ban hành")
    title: Text = vi("Trích yếu")
    illustrative: bool = vi(
        "Minh họa", "true khi chưa đối chiếu được văn bản gốc (số, ngày hoặc nội dung).", default=False
    )


class Cap(Record):
    """Giới hạn tỷ lệ "Hoàn thành xuất sắc nhiệm vụ": at most ``percent`` % of those rated HTTNV."""

    model_config = described(
        "Giới hạn tỷ lệ HTXSNV",
        "Số được xếp loại Hoàn thành xuất sắc nhiệm vụ không vượt quá "
        "một tỷ lệ của số được xếp loại Hoàn thành tốt nhiệm vụ.",
    )

    percent: Annotated[float, Field(gt=0, le=100)] = vi("Tỷ lệ (%)", "Ví dụ 20: số HTXSNV không quá 20% số HTTNV.")
    cells: bool = vi("Áp dụng cho chi bộ", "true: tính trên các chi bộ trực thuộc Đảng ủy.", default=True)
    members: Literal[MEMBER_SCOPES] | None = vi(  # type: ignore[valid-type]
        "Áp dụng cho đảng viên",
        "dang-bo: tính trên đảng viên toàn Đảng bộ; chi-bo: trong từng chi bộ; bỏ trống: không áp dụng.",
        default=None,
    )
    basis: Text = vi("Căn cứ", "Điều, khoản của văn bản quy định mức này, trích nguyên văn nếu có.")
    illustrative: bool = vi("Minh họa", "true khi chưa đối chiếu được văn bản gốc.", default=False)


class ScoreBand(Record):
    """Khung điểm: the lowest score of a rating."""

    model_config = described("Khung điểm", "Điểm tối thiểu của một mức xếp loại.")

    rating: Rating = vi("Mức xếp loại")
    min: Score = vi("Từ điểm", "Điểm tối thiểu (thang 100) của mức này.")


class Scoring(Record):
    """Chấm điểm: the score bands a year's rules set (a rating needs a score in its band)."""

    model_config = described("Chấm điểm", "Khung điểm (thang 100) của các mức xếp loại.")

    bands: tuple[ScoreBand, ...] = vi(
        "Các khung điểm", "Từ mức cao xuống; mức thấp nhất là dưới khung cuối.", min_length=1
    )
    exceeded_percent: Annotated[float, Field(gt=0, le=100)] | None = vi(
        "Tỷ lệ nhiệm vụ vượt mức để xếp loại xuất sắc",
        "Xếp loại Hoàn thành xuất sắc nhiệm vụ còn cần hoàn thành mọi nhiệm vụ, trong đó ít nhất tỷ lệ này "
        "vượt mức yêu cầu (Quy định 366-QĐ/TW, Điều 11: 30); xét khi kết quả năm có tasks.",
        default=None,
    )
    basis: Text = vi("Căn cứ")
    illustrative: bool = vi("Minh họa", "true khi chưa đối chiếu được văn bản gốc.", default=False)


class RuleSet(Record):
    """Căn cứ xếp loại: the rules in force from one year to another."""

    model_config = described(
        "Căn cứ xếp loại",
        "Các văn bản làm căn cứ xếp loại trong một khoảng năm, giới hạn tỷ lệ và khung điểm (nếu có).",
    )

    from_year: Year = vi("Từ năm", alias="from")
    to_year: Year | None = vi("Đến năm", "Bỏ trống nếu còn hiệu lực.", default=None, alias="to")
    documents: tuple[Slug, ...] = vi("Mã các văn bản", min_length=1)
    cap: Cap | None = vi("Giới hạn tỷ lệ HTXSNV", default=None)
    score: Scoring | None = vi("Chấm điểm", "Bỏ trống khi căn cứ của năm không chấm điểm.", default=None)


class SteeringMember(Record):
    """Thành viên Ban Chỉ đạo."""

    model_config = described("Thành viên Ban Chỉ đạo", "Một thành viên Ban Chỉ đạo.")

    name: Text = vi("Họ và tên")
    role: Text = vi("Chức danh trong Ban Chỉ đạo", "Ví dụ: Trưởng Ban.")
    position: Text | None = vi("Chức vụ", default=None)


class Naming(Record):
    """Tên gọi, cấp trên và địa danh từ một ngày (names change: the 2025 reorganisation)."""

    model_config = described(
        "Tên gọi theo thời gian",
        "Tên Đảng bộ, cấp ủy, cấp trên và địa danh từ một ngày; văn "
        "bản ngày D dùng mục cuối cùng có ngày trước hoặc bằng D.",
    )

    date: Day = vi("Từ ngày", alias="from")
    name: Text = vi("Tên Đảng bộ", "Ví dụ: Đảng bộ Trường Đại học A.")
    committee: Text = vi("Tên cấp ủy", "Cơ quan ban hành văn bản, ví dụ: Đảng ủy Trường Đại học A.")
    short_name: Text = vi("Tên cấp ủy viết gọn", "Dùng trong câu, ví dụ: Đảng ủy Trường.")
    superior: Text = vi(
        "Đảng bộ cấp trên", "Dòng trên cùng của tiêu đề văn bản, ví dụ: Đảng bộ Khối các cơ quan tỉnh B."
    )
    superior_committee: Text = vi(
        "Cấp ủy cấp trên", "Dùng trong câu và nơi nhận, ví dụ: Đảng ủy Khối các cơ quan tỉnh."
    )
    place: Text = vi("Địa danh", "Ghi trên văn bản: tên đơn vị hành chính nơi Đảng ủy đóng trụ sở.")
    secretary: Text | None = vi(
        "Bí thư Đảng ủy", "Người ký văn bản của Ban Thường vụ (T/M BAN THƯỜNG VỤ).", default=None
    )
    illustrative: bool = vi("Minh họa", "true khi chưa đối chiếu được văn bản gốc.", default=False)
    note: Text | None = vi("Ghi chú", default=None)


_REGISTER_KEY = re.compile(r"(?P<kind>[a-z]+(?:-[a-z]+)*?)(?:-(?P<year>[0-9]{4}))?")
_NUMBER = re.compile(r"[0-9]{1,4}-[A-Za-zĐđ]+/[A-Za-zĐđ]+")


def register_key(value: str) -> tuple[str, int | None] | None:
    """``lua-chon-2022`` → ``("lua-chon", 2022)``; ``None`` for a key that names no drafted document."""
    match = _REGISTER_KEY.fullmatch(value)
    if match is None or match["kind"] not in REGISTER_KINDS:
        return None
    year = int(match["year"]) if match["year"] else None
    return (match["kind"], year) if REGISTER_KINDS[match["kind"]].yearly == (year is not None) else None


def _register_key(value: str) -> str:
    if register_key(value) is None:
        yearly = [f"{k}-<năm>" for k, v in REGISTER_KINDS.items() if v.yearly]
        once = [k for k, v in REGISTER_KINDS.items() if not v.yearly]
        raise PydanticCustomError(
            "ma_van_ban",
            "'{value}' không phải văn bản soạn sẵn; chọn một trong: {choices}",
            {"value": value, "choices": ", ".join(once + yearly)},
        )
    return value


def _number(value: str) -> str:
    if _NUMBER.fullmatch(value) is None:
        raise PydanticCustomError(
            "ma_so_van_ban",
            "'{value}' không phải số, ký hiệu văn bản; viết như 45-QĐ/ĐU (không có chữ 'Số')",
            {"value": value},
        )
    return value


class Issued(Record):
    """Văn bản đã ban hành: the number and date the register gave one drafted document."""

    model_config = described(
        "Văn bản đã ban hành",
        "Số, ký hiệu và ngày ban hành của một văn bản soạn sẵn, theo sổ đăng ký văn bản đi.",
    )

    document: Annotated[str, AfterValidator(_register_key)] = vi(
        "Văn bản",
        "Mã văn bản soạn sẵn: ban-chi-dao, so-ket, tong-ket, hoi-nghi; văn bản hằng năm thêm năm: "
        "de-xuat-2022, lua-chon-2022, to-trinh-2022, cong-nhan-2022, khen-thuong-2022, bao-cao-2022.",
    )
    number: Annotated[str, AfterValidator(_number)] = vi(
        "Số, ký hiệu", "Ví dụ 09-QĐ/ĐU; số đánh liên tục theo từng loại văn bản trong nhiệm kỳ cấp ủy."
    )
    date: Day = vi("Ngày ban hành")
    programme: Slug | None = vi(
        "Chương trình",
        "Mã chương trình của văn bản. Bỏ trống: văn bản hằng năm thuộc chương trình của năm đó, văn bản khác "
        "(ban-chi-dao, so-ket, tong-ket, hoi-nghi) thuộc chương trình của ngày ban hành; cần ghi khi Đảng bộ có "
        "nhiều chương trình cùng lúc, hay văn bản ban hành sau khi chương trình kết thúc (như báo cáo tổng kết).",
        default=None,
    )
    note: Text | None = vi("Ghi chú", default=None)


class Privacy(Record):
    """Bảo vệ thông tin cá nhân: what members (the shared link) may see of member counts
    (``report/privacy.py``); the office area always shows the true figures."""

    model_config = described(
        "Bảo vệ số liệu nhỏ",
        "Phần chung của trang (đảng viên đọc) không ghi số đảng viên của từng chi bộ theo mức xếp loại; "
        'số của toàn Đảng bộ nhỏ hơn ngưỡng được ghi "ẩn". Khu vực Văn phòng (/van-phong/) ghi đủ số liệu.',
    )

    hide_small_counts: bool = vi(
        "Ẩn số nhỏ",
        "true (mặc định): trên phần chung, số đảng viên của toàn Đảng bộ (hay của một chi bộ) nhỏ hơn ngưỡng "
        'được ghi "ẩn", kèm một số khác để không suy ra được; false: không ẩn (số theo từng chi bộ '
        "vẫn chỉ ở khu vực Văn phòng).",
        default=True,
    )
    threshold: Annotated[int, Field(ge=2, le=20)] = vi(
        "Ngưỡng", "Số từ 1 đến ngưỡng trừ 1 được ẩn; mặc định 3.", default=3
    )


class Committee(Record):
    """Đảng bộ: the Committee, ``dang-bo.yml``."""

    model_config = described(
        "Hồ sơ Đảng bộ",
        "records/dang-bo.yml: tên gọi theo thời gian, ngày số liệu, loại hình chi bộ, căn cứ xếp loại, văn bản "
        "liên quan, Ban Chỉ đạo. Các chương trình ở records/chuong-trinh/.",
    )

    names: tuple[Naming, ...] = vi(
        "Tên gọi theo thời gian",
        "Theo thứ tự ngày, mỗi ngày một mục; mục đầu tiên áp dụng cho mọi ngày trước nó; mục sau ngày số liệu "
        "(as_of) là dự kiến.",
        min_length=1,
    )
    sample: bool = vi(
        "Dữ liệu minh họa", 'true: mọi trang hiện dòng "Dữ liệu minh họa, không phải số liệu chính thức".'
    )
    placeholder: bool = vi(
        "Hồ sơ khung",
        "true: hồ sơ do lệnh chibo init tạo, còn những chỗ ghi [ĐIỀN: …] (cấp trên, địa danh…); trang chủ nhắc "
        "việc cần điền trước. Điền xong thì xóa dòng này.",
        default=False,
    )
    as_of: Day = vi("Số liệu tính đến ngày", "Mốc để xét mốc thời gian quá hạn; không dùng đồng hồ máy.")
    privacy: Privacy = vi(
        "Bảo vệ số liệu nhỏ", "Mặc định: trên phần chung, ẩn số đảng viên nhỏ hơn 3.", default=Privacy()
    )
    rules: tuple[RuleSet, ...] = vi("Căn cứ xếp loại theo năm", default=())
    documents: tuple[Document, ...] = vi("Văn bản liên quan", default=())
    steering: tuple[SteeringMember, ...] = vi("Ban Chỉ đạo", default=())
    types: tuple[CellType, ...] = vi("Loại hình chi bộ", "Mã loại hình dùng trong hồ sơ chi bộ (type).", min_length=1)
    issued: tuple[Issued, ...] = vi(
        "Sổ đăng ký văn bản",
        "Số, ngày các văn bản soạn sẵn đã ban hành (quyết định lựa chọn, công nhận đã ghi ở decision của "
        'chi bộ thì không cần ghi lại); văn bản có số in số đó, văn bản chưa có số để trống "Số …".',
        default=(),
        alias="register",
    )
