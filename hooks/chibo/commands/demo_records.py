"""The demo's committee and its two programmes (``chibo demo``), as data: nothing of the
bundled sample, so the benchmark builds whatever records a project ships.

* ``tieu-bieu-2022-2025``: finished by the data date; survey, registration, selection by the
  Standing Committee on conditions over the three years before, recognition of the selected
  cells at the year's end; five criteria (one by cell type).
* ``bon-tot-2026-2030``: from 2026; registration, no selection; monthly self-assessment
  rolled up (10 of 12 months; the first year from February), recognition from the results.

Every value is illustrative: the committee is marked ``sample: true``.
"""

from __future__ import annotations

from types import MappingProxyType

AS_OF = "2026-12-28"
TYPES = MappingProxyType(
    {
        "giang-day": ("Chi bộ khoa, bộ môn", "Giảng dạy"),
        "benh-vien": ("Chi bộ khoa, phòng bệnh viện", "Bệnh viện"),
        "hanh-chinh": ("Chi bộ phòng, ban chức năng", "Hành chính"),
        "sinh-vien": ("Chi bộ sinh viên", "Sinh viên"),
    }
)
FIRST, SECOND = "tieu-bieu-2022-2025", "bon-tot-2026-2030"
FIRST_MONTH = "2026-02"
PLAN_TEXT = """## I. MỤC ĐÍCH, YÊU CẦU

Kế hoạch minh họa của dự án mẫu tổng hợp ({start}-{end}).

## II. TIÊU CHÍ {{ #tieu-chi }}

Khung tiêu chí ở trang Tiêu chí của chương trình.

## III. ĐĂNG KÝ, LỰA CHỌN {{ #dang-ky }}

Các chi bộ đăng ký thực hiện theo năm.

## IV. TỰ ĐÁNH GIÁ, CÔNG NHẬN {{ #cong-nhan }}

Tháng 12 hằng năm, Ban Thường vụ xem xét, công nhận.

## V. CHỈ TIÊU, LỘ TRÌNH {{ #lo-trinh }}

Chỉ tiêu và các mốc của chương trình.

## VI. TỔ CHỨC THỰC HIỆN {{ #to-chuc-thuc-hien }}

Văn phòng Đảng ủy theo dõi, tổng hợp.
"""
SECTIONS = {
    "criteria": {"number": "II", "anchor": "tieu-chi"},
    "registration": {"number": "III", "anchor": "dang-ky"},
    "recognition": {"number": "IV", "anchor": "cong-nhan"},
    "roadmap": {"number": "V", "anchor": "lo-trinh"},
    "targets": {"number": "V", "anchor": "lo-trinh"},
    "organisation": {"number": "VI", "anchor": "to-chuc-thuc-hien"},
}


def committee() -> dict:
    return {
        "names": [
            {
                "from": "2015-01-01",
                "name": "Đảng bộ Trường Đại học Minh Họa",
                "committee": "Đảng ủy Trường Đại học Minh Họa",
                "short_name": "Đảng ủy Trường",
                "superior": "Đảng bộ Khối Minh Họa",
                "superior_committee": "Đảng ủy Khối Minh Họa",
                "place": "Hà Nội",
                "secretary": "Nguyễn Văn An",
            }
        ],
        "sample": True,
        "as_of": AS_OF,
        "rules": [
            {
                "from": 2019,
                "documents": ["qd-xep-loai"],
                "cap": {"percent": 20, "cells": True, "members": "dang-bo", "basis": "Giới hạn minh họa: 20%."},
            }
        ],
        "documents": [
            {
                "id": "qd-xep-loai",
                "number": "01-QĐ/ĐU",
                "date": "2019-01-02",
                "issuer": "Ban Thường vụ Đảng ủy",
                "title": "Quy định minh họa về xếp loại chất lượng hằng năm",
                "illustrative": True,
            }
        ],
        "types": [{"id": k, "name": name, "short_name": short} for k, (name, short) in TYPES.items()],
    }


def _common(id_: str, group: str, title: str) -> dict:
    return {"id": id_, "group": group, "title": title, "indicators": [f"Chỉ báo minh họa của tiêu chí {id_}."]}


def first_criteria() -> dict:
    by_type = {
        k: {"title": f"Nhiệm vụ chuyên môn ({short})", "indicators": ["Chỉ báo minh họa."]}
        for k, (_, short) in TYPES.items()
    }
    return {
        "draft": True,
        "criteria": [
            _common("tc1", "chi-bo", "Chất lượng sinh hoạt chi bộ"),
            _common("tc2", "chi-bo", "Lãnh đạo thực hiện nhiệm vụ chính trị"),
            _common("tc3", "dang-vien", "Đảng viên gương mẫu"),
            _common("tc4", "dang-vien", "Đảng viên giữ mối liên hệ nơi cư trú"),
            {"id": "tc5", "group": "dang-vien", "title": "Nhiệm vụ chuyên môn", "by_type": by_type},
        ],
    }


def second_criteria() -> dict:
    return {
        "draft": True,
        "criteria": [
            _common("bt1", "chi-bo", "Lãnh đạo hoàn thành tốt nhiệm vụ chính trị"),
            _common("bt2", "chi-bo", "Chất lượng sinh hoạt tốt"),
            _common("bt3", "chi-bo", "Đoàn kết, kỷ luật tốt"),
            _common("bt4", "dang-vien", "Cán bộ, đảng viên tốt"),
        ],
    }


def _programme(kind: str, name: str, short: str, number: str, date: str, start: int, end: int) -> dict:
    return {
        "kind": kind,
        "name": name,
        "short_name": short,
        "illustrative": True,
        "plan": {"number": number, "date": date, "title": name[0].lower() + name[1:], "signer": "Nguyễn Văn An"},
        "period": {"start": start, "end": end},
        "sections": SECTIONS,
    }


def first_programme() -> dict:
    found = _programme(
        "tieu-bieu",
        "Xây dựng chi bộ tiêu biểu giai đoạn 2022-2025",
        "Chi bộ tiêu biểu 2022–2025",
        "05-KH/ĐU",
        "2022-01-05",
        2022,
        2025,
    )
    return found | {
        "terms": {
            "model": "chi bộ tiêu biểu",
            "building": "xây dựng chi bộ tiêu biểu",
            "framework": "Chi bộ tiêu biểu",
        },
        "workflow": {"survey": True, "registration": True, "selection": True, "commendation": True},
        "selection": {
            "conditions": [
                {"kind": "nhieu-nam-tot", "years": 3},
                {"kind": "tieu-chi-chi-bo"},
                {"kind": "tieu-chi-dang-vien"},
                {"kind": "dang-vien-hoan-thanh"},
                {"kind": "lanh-dao"},
            ]
        },
        "recognition": {"conditions": [{"kind": "duoc-lua-chon"}, {"kind": "xep-loai-tot"}, {"kind": "tieu-chi-dat"}]},
        "targets": [
            {
                "id": "tot-tro-len",
                "label": "Chi bộ hoàn thành tốt nhiệm vụ trở lên",
                "measure": "tot-tro-len",
                "comparison": ">=",
                "percent": 90,
                "year": 2025,
            },
            {
                "id": "tieu-bieu",
                "label": "Chi bộ được công nhận chi bộ tiêu biểu",
                "measure": "cong-nhan",
                "comparison": ">",
                "percent": 20,
                "year": 2025,
            },
        ],
        "milestones": [
            {"id": "dang-ky-2022", "date": "2022-03-31", "title": "Các chi bộ đăng ký năm 2022", "done": "2022-03-30"},
            {"id": "tong-ket", "date": "2026-01-15", "title": "Tổng kết giai đoạn 2022-2025", "done": "2026-01-14"},
        ],
    }


def second_programme() -> dict:
    found = _programme(
        "bon-tot",
        "Xây dựng chi bộ bốn tốt giai đoạn 2026-2030",
        "Chi bộ bốn tốt 2026–2030",
        "09-KH/ĐU",
        "2026-01-15",
        2026,
        2030,
    )
    sections = dict(SECTIONS) | {"self_check": {"number": "IV", "anchor": "cong-nhan"}}
    return found | {
        "sections": sections,
        "terms": {"model": "chi bộ bốn tốt", "building": "xây dựng chi bộ bốn tốt", "framework": "Chi bộ bốn tốt"},
        "workflow": {"survey": False, "registration": True, "selection": False, "commendation": True},
        "recognition": {"conditions": [{"kind": "dang-ky"}, {"kind": "xep-loai-tot"}, {"kind": "tieu-chi-dat"}]},
        "monthly": {"months": 10, "first_month": FIRST_MONTH},
        "targets": [
            {
                "id": "bon-tot-2026",
                "label": "Chi bộ được công nhận chi bộ bốn tốt năm 2026",
                "measure": "cong-nhan",
                "comparison": ">=",
                "percent": 30,
                "year": 2026,
            },
        ],
        "milestones": [
            {"id": "dang-ky-2026", "date": "2026-03-31", "title": "Các chi bộ đăng ký năm 2026", "done": "2026-03-27"},
            {"id": "tong-ket", "date": "2030-12-31", "title": "Tổng kết giai đoạn 2026-2030"},
        ],
    }


def plan_text(start: int, end: int) -> str:
    return PLAN_TEXT.format(start=start, end=end)
