"""Typed, frozen records: the contract of DESIGN.md §3, one cell file (``chi-bo/<id>.yml``).

The same models validate the YAML records (``validate.py``) and produce their JSON
Schema (``schema.py``: the files in ``records/schema/`` that editors use). Field names are
English; each class names its Vietnamese term, and every field carries the Vietnamese
title and description an editor shows. Every model is strict and forbids unknown keys.
The Committee and the criteria appendix are in ``committee.py``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import (
    CellId,
    Count,
    CriterionResult,
    Day,
    EventCode,
    MonthKey,
    Rating,
    Record,
    Score,
    Slug,
    Text,
    Year,
    described,
    vi,
)

# --- chi-bo/<id>.yml ---------------------------------------------------------------


class ExtraCriterion(Record):
    """Tiêu chí bổ sung: a criterion a cell adds for itself."""

    model_config = described("Tiêu chí bổ sung", "Tiêu chí chi bộ tự bổ sung cho phù hợp thực tiễn đơn vị.")

    id: Slug = vi("Mã tiêu chí", "Chữ thường không dấu, ví dụ bs-1; dùng làm khóa trong results[].criteria.")
    title: Text = vi("Tên tiêu chí")
    description: Text | None = vi("Nội dung", default=None)
    programme: Slug | None = vi(
        "Chương trình", "Mã chương trình mà chi bộ bổ sung tiêu chí này; bỏ trống: mọi chương trình.", default=None
    )


class Registration(Record):
    """Sự kiện đăng ký: one registration event (khảo sát, đăng ký, lựa chọn…)."""

    model_config = described("Sự kiện đăng ký", "Một sự kiện trong quá trình đăng ký, ghi theo thứ tự ngày.")

    date: Day = vi("Ngày", "Dạng NĂM-THÁNG-NGÀY, ví dụ 2022-06-11.")
    status: EventCode = vi(
        "Sự kiện",
        "khao-sat: khảo sát; dang-ky: đăng ký; lua-chon: Ban Thường vụ lựa chọn; "
        "khong-lua-chon: không được lựa chọn; rut: rút đăng ký.",
    )
    year: Year = vi("Năm thực hiện", "Năm mà việc đăng ký, lựa chọn hướng tới.")
    programme: Slug | None = vi(
        "Chương trình",
        "Mã chương trình (tên thư mục trong records/chuong-trinh/). Bỏ trống: chương trình có giai đoạn chứa năm "
        "thực hiện; chỉ cần ghi khi năm đó có hai chương trình.",
        default=None,
    )
    decision: Text | None = vi("Quyết định", "Ví dụ: Quyết định số 15-QĐ/ĐU ngày 20-6-2022.", default=None)
    note: Text | None = vi("Ghi chú", "Chỉ Văn phòng Đảng ủy đọc được (khu vực /van-phong/).", default=None)
    public_note: Text | None = vi(
        "Ghi chú công khai",
        "Ghi chú đảng viên đọc được trên phần chung của trang; không ghi điều gì về một đảng viên cụ thể.",
        default=None,
    )


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


class Leadership(Record):
    """Bí thư, chi ủy từ một ngày: who leads the cell from ``date`` until the next entry."""

    model_config = described("Lãnh đạo chi bộ", "Bí thư, phó bí thư và chi ủy từ một ngày; ghi theo thứ tự ngày.")

    date: Day = vi("Từ ngày", "Ngày bầu, chỉ định hoặc kiện toàn; dạng NĂM-THÁNG-NGÀY.")
    secretary: Text = vi("Bí thư chi bộ")
    deputy: Text | None = vi("Phó bí thư", default=None)
    committee: bool | None = vi(
        "Có chi ủy",
        "true khi chi bộ bầu chi ủy, false khi chỉ có bí thư (và phó bí thư); "
        "bỏ trống: có chi ủy khi có từ 9 đảng viên trở lên.",
        default=None,
    )
    note: Text | None = vi("Ghi chú", "Chỉ Văn phòng Đảng ủy đọc được (khu vực /van-phong/).", default=None)
    public_note: Text | None = vi(
        "Ghi chú công khai",
        "Ghi chú đảng viên đọc được trên phần chung của trang; không ghi điều gì về một đảng viên cụ thể.",
        default=None,
    )


class Tasks(Record):
    """Nhiệm vụ trong năm: how many tasks the cell was given, finished and finished beyond what
    was asked (QĐ 366-QĐ/TW, Điều 11: "Hoàn thành xuất sắc nhiệm vụ" needs every task done,
    at least 30 % of them beyond the requirement)."""

    model_config = described(
        "Nhiệm vụ trong năm",
        "Số nhiệm vụ được giao, số hoàn thành đúng hạn, bảo đảm chất lượng, và số hoàn thành vượt mức yêu cầu.",
    )

    total: Annotated[int, Field(ge=1, le=100_000)] = vi("Số nhiệm vụ được giao")
    done: Count = vi("Số nhiệm vụ hoàn thành", "Đúng hạn, bảo đảm chất lượng, hiệu quả.")
    exceeded: Count = vi("Số nhiệm vụ vượt mức yêu cầu", "Trong số nhiệm vụ hoàn thành.", default=0)


class YearResult(Record):
    """Kết quả năm: a cell's rating, member ratings and self-assessment for one year."""

    model_config = described("Kết quả năm", "Xếp loại, tự đánh giá và công nhận của chi bộ trong một năm.")

    year: Year = vi("Năm")
    rating: Rating | None = vi(
        "Xếp loại chất lượng chi bộ",
        "xuat-sac, tot, hoan-thanh hoặc khong-hoan-thanh; bỏ trống khi năm chưa được xếp loại.",
        default=None,
    )
    members: MemberRatings | None = vi("Xếp loại đảng viên", default=None)
    score: Score | None = vi(
        "Điểm đánh giá", "Tổng điểm (thang 100) khi căn cứ xếp loại của năm có chấm điểm.", default=None
    )
    tasks: Tasks | None = vi(
        "Nhiệm vụ trong năm",
        "Khi căn cứ xếp loại của năm xét tỷ lệ nhiệm vụ (Quy định 366-QĐ/TW), "
        "ví dụ {total: 12, done: 12, exceeded: 4}.",
        default=None,
    )
    criteria: dict[Slug, CriterionResult] | None = vi(
        "Tự đánh giá theo tiêu chí",
        "Mã tiêu chí: dat hoặc chua-dat, ví dụ {tc1: dat, tc2: chua-dat}. Với chương trình tự đánh giá hằng tháng, "
        "bỏ trống: kết quả năm được tổng hợp từ monthly.",
        default=None,
    )
    monthly: dict[MonthKey, dict[Slug, CriterionResult]] | None = vi(
        "Tự đánh giá hằng tháng",
        'Phiếu tự đánh giá từng tháng: "NĂM-THÁNG": {mã tiêu chí: dat hoặc chua-dat}, ví dụ '
        '"2026-03": {tc1: dat, tc2: chua-dat}.',
        default=None,
    )
    model: bool = vi(
        "Được công nhận",
        "true khi chi bộ được công nhận theo chương trình của năm đó; cần xếp loại xuat-sac hoặc tot và mọi "
        "tiêu chí đạt.",
        default=False,
    )
    programme: Slug | None = vi(
        "Chương trình công nhận",
        "Mã chương trình mà việc công nhận, quyết định và khen thưởng của năm thuộc về. Bỏ trống: chương trình "
        "có giai đoạn chứa năm đó; chỉ cần ghi khi năm đó có hai chương trình.",
        default=None,
    )
    decision: Text | None = vi("Quyết định công nhận", default=None)
    award: Text | None = vi("Khen thưởng", default=None)
    note: Text | None = vi("Ghi chú", "Chỉ Văn phòng Đảng ủy đọc được (khu vực /van-phong/).", default=None)
    public_note: Text | None = vi(
        "Ghi chú công khai",
        "Ghi chú đảng viên đọc được trên phần chung của trang; không ghi điều gì về một đảng viên cụ thể.",
        default=None,
    )


class Cell(Record):
    """Chi bộ: one party cell, from ``records/chi-bo/<id>.yml``."""

    model_config = described("Hồ sơ chi bộ", "Một chi bộ: records/chi-bo/<mã>.yml; tên tệp là mã chi bộ.")

    id: CellId = vi("Mã chi bộ", "Chữ thường không dấu, chữ số, dấu gạch nối; trùng tên tệp, ví dụ khoa-noi.")
    name: Text = vi("Tên chi bộ", "Ví dụ: Chi bộ Khoa Nội.")
    type: Slug = vi("Loại hình chi bộ", "Mã một loại hình trong types của records/dang-bo.yml.")
    secretary: Text | None = vi(
        "Bí thư chi bộ",
        "Bí thư hiện nay; khi có leadership, phải trùng bí thư của mục có hiệu lực vào ngày số liệu (as_of).",
        default=None,
    )
    members: Count | None = vi("Số đảng viên", "Số đảng viên hiện nay.", default=None)
    leadership: tuple[Leadership, ...] = vi(
        "Bí thư, chi ủy qua các thời kỳ",
        "Theo thứ tự ngày, mỗi ngày một mục; mục có hiệu lực vào một ngày là mục cuối cùng có ngày trước hoặc "
        "bằng ngày đó; mục đầu tiên áp dụng cho mọi ngày trước nó; mục sau ngày số liệu (as_of) là dự kiến.",
        default=(),
    )
    extra_criteria: tuple[ExtraCriterion, ...] = vi("Tiêu chí bổ sung", default=())
    registration: tuple[Registration, ...] = vi("Quá trình đăng ký", "Các sự kiện, theo thứ tự ngày.", default=())
    results: tuple[YearResult, ...] = vi(
        "Kết quả hằng năm", "Mỗi năm nhiều nhất một mục, đến năm của ngày số liệu (as_of).", default=()
    )
