"""Codes used in records and their Vietnamese labels (DESIGN.md §2).

Codes are what office staff type in YAML; labels are what readers see. One label per
concept: this module is the glossary the templates use.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

RATINGS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")
GOOD_OR_BETTER = frozenset({"xuat-sac", "tot"})
STATUSES = ("khao-sat", "dang-ky", "lua-chon", "khong-lua-chon", "rut")
CRITERION_RESULTS = ("dat", "chua-dat")
GROUPS = ("chi-bo", "dang-vien")
MEASURES = ("tot-tro-len", "cong-nhan")
# The kinds of condition a programme's selection and recognition may use (records/programme.py);
# each has its default wording in report/conditions.py, and a programme may word it its own way.
SELECTION_CONDITIONS = ("nhieu-nam-tot", "tieu-chi-chi-bo", "tieu-chi-dang-vien", "dang-vien-hoan-thanh", "lanh-dao")
RECOGNITION_CONDITIONS = ("dang-ky", "duoc-lua-chon", "xep-loai-tot", "tieu-chi-dat", "dang-vien-hoan-thanh")
# The documents a programme may require (drafted by output/documents/).
DOCUMENT_KINDS = (
    "ban-chi-dao",
    "dang-ky",
    "de-xuat",
    "lua-chon",
    "ke-hoach",
    "tu-danh-gia",
    "cong-nhan",
    "khen-thuong",
    "bao-cao",
    "so-ket",
    "tong-ket",
    "hoi-nghi",
)
# Where the cap on "Hoàn thành xuất sắc nhiệm vụ" counts members: the whole Đảng bộ or each cell.
MEMBER_SCOPES = ("dang-bo", "chi-bo")

RATING_LABELS = MappingProxyType(
    {
        "xuat-sac": "Hoàn thành xuất sắc nhiệm vụ",
        "tot": "Hoàn thành tốt nhiệm vụ",
        "hoan-thanh": "Hoàn thành nhiệm vụ",
        "khong-hoan-thanh": "Không hoàn thành nhiệm vụ",
    }
)
RATING_SHORT = MappingProxyType(
    {"xuat-sac": "HTXSNV", "tot": "HTTNV", "hoan-thanh": "HTNV", "khong-hoan-thanh": "KHTNV"}
)
STATUS_LABELS = MappingProxyType(
    {
        "khao-sat": "Đã khảo sát",
        "dang-ky": "Đã đăng ký",
        "lua-chon": "Được lựa chọn",
        "khong-lua-chon": "Không được lựa chọn",
        "rut": "Rút đăng ký",
    }
)
EVENT_LABELS = MappingProxyType(
    {
        "khao-sat": "Khảo sát",
        "dang-ky": "Đăng ký",
        "lua-chon": "Ban Thường vụ lựa chọn",
        "khong-lua-chon": "Ban Thường vụ không lựa chọn",
        "rut": "Rút đăng ký",
    }
)
NO_STATUS = "chua-dang-ky"
NO_STATUS_LABEL = "Chưa đăng ký"
MODEL_STATUS = "kieu-mau"
# "kieu-mau": the filter code of shared links (?trang-thai=kieu-mau) since the first programme.
MODEL_STATUS_LABEL = "Được công nhận"
CRITERION_LABELS = MappingProxyType({"dat": "Đạt", "chua-dat": "Chưa đạt"})
GROUP_LABELS = MappingProxyType({"chi-bo": "Tiêu chí đối với chi bộ", "dang-vien": "Tiêu chí đối với đảng viên"})
MEASURE_LABELS = MappingProxyType({"tot-tro-len": "hoàn thành tốt nhiệm vụ trở lên", "cong-nhan": "được công nhận"})

# Filter choices on /chi-bo/: every status a cell can show, most advanced first.
STATUS_FILTER = (
    (MODEL_STATUS, MODEL_STATUS_LABEL),
    *((code, STATUS_LABELS[code]) for code in ("lua-chon", "dang-ky", "khao-sat", "khong-lua-chon", "rut")),
    (NO_STATUS, NO_STATUS_LABEL),
)
NO_RATING = "chua-xep-loai"
RATING_FILTER = tuple(RATING_LABELS.items()) + ((NO_RATING, "Chưa xếp loại"),)


class RegisterKind(NamedTuple):
    """A kind of drafted document the Committee numbers (``register`` in ``dang-bo.yml``): its
    name, the type code of its number (Hướng dẫn 36-HD/VPTW: QĐ, TTr, BC, KH) and whether
    there is one each year (its key then ends in the year: ``lua-chon-2022``)."""

    name: str
    code: str
    yearly: bool


REGISTER_KINDS = MappingProxyType(
    {
        "ban-chi-dao": RegisterKind("Quyết định thành lập Ban Chỉ đạo", "QĐ", False),
        "de-xuat": RegisterKind("Tờ trình đề xuất lựa chọn chi bộ", "TTr", True),
        "lua-chon": RegisterKind("Quyết định lựa chọn chi bộ", "QĐ", True),
        "to-trinh": RegisterKind("Tờ trình đề nghị công nhận chi bộ", "TTr", True),
        "cong-nhan": RegisterKind("Quyết định công nhận chi bộ", "QĐ", True),
        "khen-thuong": RegisterKind("Quyết định khen thưởng", "QĐ", True),
        "bao-cao": RegisterKind("Báo cáo kết quả năm", "BC", True),
        "so-ket": RegisterKind("Báo cáo sơ kết", "BC", False),
        "tong-ket": RegisterKind("Báo cáo tổng kết", "BC", False),
        "hoi-nghi": RegisterKind("Kế hoạch tổ chức Hội nghị tổng kết", "KH", False),
    }
)
