"""Write the corpus cases that are not plain UTF-8 text: other encodings, invisible
characters, workbooks, large files. Run from anywhere: ``python tests/import-corpus/make.py``.

The plain CSV cases beside this file are written by hand. Every case here is rebuilt byte
for byte the same (fixed zip timestamps), so a diff after running this means a real change.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sheets import Formula, Sheet, pack, workbook  # noqa: E402

HEADER = [
    "Mã chi bộ",
    "Tên chi bộ",
    "Xếp loại",
    "ĐV HTXSNV",
    "ĐV HTTNV",
    "ĐV HTNV",
    "ĐV KHTNV",
    "TC1",
    "TC2",
    "Kiểu mẫu",
    "Quyết định",
]
ROW = [
    "khoa-duoc",
    "Chi bộ Khoa Dược",
    "HTXSNV",
    4,
    13,
    1,
    0,
    "Đạt",
    "Đạt",
    "Có",
    "Quyết định số 220-QĐ/ĐU ngày 18-12-2026",
]
BOMB_DTD = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
)


def csv_text(rows: list[list[object]], separator: str = ",") -> str:
    return "".join(separator.join(str(v) for v in row) + "\r\n" for row in rows)


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: vowels with their own marks, tones as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        vowel = unicodedata.normalize("NFC", "".join(c for c in marks if c not in tones))
        out += (vowel + "".join(c for c in marks if c in tones)).encode("cp1258")
    return out


def text_cases() -> dict[str, bytes]:
    plain = [HEADER, ROW]
    return {
        "tab-utf16.csv": b"\xff\xfe" + csv_text(plain, "\t").encode("utf-16-le"),
        "utf16-dau-phay.csv": b"\xfe\xff" + csv_text(plain).encode("utf-16-be"),
        "utf8-bom.csv": b"\xef\xbb\xbf" + csv_text(plain).encode("utf-8"),
        "windows-1258.csv": cp1258(csv_text([["Mã chi bộ", "Xếp loại"], ["khoa-duoc", "tot"]])),
        "utf16-khong-bom.csv": csv_text(plain).encode("utf-16-le"),
        "utf32.csv": csv_text(plain).encode("utf-32"),
        "ten-nfd-khoang-trang.csv": csv_text(
            [
                ["Tên chi bộ", "Xếp loại"],
                [unicodedata.normalize("NFD", "Chi bộ Khoa Điều dưỡng"), "tot"],
                ["Chi bộ\u00a0Khoa  Nội", "tot"],
                ["  chi bộ phòng đào tạo ", "hoan-thanh"],
            ]
        ).encode("utf-8"),
        "ten-goi-y.csv": csv_text(
            [
                ["Tên chi bộ", "Xếp loại"],
                ["Chi bộ Khoa Duoc", "tot"],
                ["Chi bộ Khoa N\u043e\u0302\u0323i", "tot"],  # Cyrillic о with marks: looks like "Nội"
                ["Chi bộ Khoa Răng Hàm Mặt", "tot"],
                ["Tổng cộng", ""],
            ]
        ).encode("utf-8"),
        "ky-tu-an.csv": csv_text(
            [
                ["Mã chi bộ", "Tên chi bộ", "Xếp loại", "Ghi chú"],
                ["khoa-duoc", "", "tot", "Đã họp \u202eét xét"],
                ["khoa\u200b-noi", "", "tot", ""],
                ["khoa-dieu-duong", "Chi bộ Khoa\ufeff Điều dưỡng", "tot", ""],
                ["phong-dao-tao", "", "tot\x07", ""],
            ]
        ).encode("utf-8"),
        "o-qua-dai.csv": csv_text([["Mã chi bộ", "Ghi chú"], ["khoa-duoc", '"' + "x" * 140_000 + '"']]).encode(),
        "qua-nhieu-dong.csv": csv_text([["Mã chi bộ", "Xếp loại"]] + [["khoa-duoc", "tot"]] * 10_000).encode(),
        "nhieu-loi.csv": csv_text(
            [["Mã chi bộ", "Xếp loại"]] + [[f"khong-co-{n}", "tot"] for n in range(200)]
        ).encode(),
    }


def workbook_cases() -> dict[str, bytes]:
    header = ["Mã chi bộ", "Xếp loại", "ĐV HTXSNV", "ĐV HTTNV", "Kiểu mẫu", "Quyết định"]
    return {
        "cong-thuc-co-gia-tri.xlsx": workbook(
            Sheet(
                "Kết quả",
                [
                    header,
                    [
                        "khoa-duoc",
                        Formula('IF(C2>3,"xuat-sac","tot")', "xuat-sac"),
                        4.0,
                        Formula("18-5", 13),
                        True,
                        "Quyết định số 220-QĐ/ĐU ngày 18-12-2026",
                    ],
                ],
            )
        ),
        "cong-thuc-chua-tinh.xlsx": workbook(
            Sheet(
                "Kết quả",
                [header, ["khoa-duoc", "tot", Formula("SUM(H2:H9)"), 13], ["khoa-noi", Formula("Sheet2!B4"), 1, 2]],
            )
        ),
        "cong-thuc-loi.xlsx": workbook(
            Sheet("Kết quả", [header, ["khoa-duoc", "tot", Formula("1/0", "#DIV/0!", error=True), 13]])
        ),
        "cong-thuc-ra-rong.xlsx": workbook(
            Sheet(
                "Kết quả",
                [["Mã chi bộ", "Xếp loại", "Ghi chú"], ["khoa-duoc", "tot", Formula('IF(B2="tot","","Xem lại")', "")]],
            )
        ),
        "dong-cot-bi-an.xlsx": workbook(
            Sheet(
                "Kết quả",
                [["Mã chi bộ", "Xếp loại", "Ghi chú"], ["khoa-duoc", "tot", "Đã họp xét"], ["khoa-noi", "tot", ""]],
                hidden_rows=[3],
                hidden_columns=[3],
            )
        ),
        "so-thuc.xlsx": workbook(Sheet("Kết quả", [header, ["khoa-duoc", "tot", 3.5, 13]])),
        "o-gop-du-lieu.xlsx": workbook(
            Sheet(
                "Kết quả",
                [
                    header,
                    ["khoa-duoc", "xuat-sac", 4, 13, "Có", "Quyết định số 220-QĐ/ĐU ngày 18-12-2026"],
                    ["khoa-noi", "tot", None, None, "Có", None],
                ],
                merges=["E2:E3", "F2:F3"],
            )
        ),
        "o-gop-tieu-de.xlsx": workbook(
            Sheet(
                "Kết quả",
                [
                    ["Mã chi bộ", "Xếp loại", "Xếp loại đảng viên", None],
                    [None, None, "HTXSNV", "HTTNV"],
                    ["khoa-duoc", "tot", 4, 13],
                ],
                merges=["A1:A2", "B1:B2", "C1:D1"],
            )
        ),
        "hai-trang.xlsx": workbook(
            Sheet("2026", [header[:2], ["khoa-duoc", "tot"]]), Sheet("Ghi chú", [["Chi bộ Khoa Nội chưa họp xét"]])
        ),
        "trang-dau-trong.xlsx": workbook(
            Sheet("Sheet1", []), Sheet("Kết quả 2026", [header[:2], ["khoa-duoc", "tot"]])
        ),
        "ten-trang-nam-khac.xlsx": workbook(Sheet("Năm 2025", [header[:2], ["khoa-duoc", "tot"]])),
        "trang-dau-bi-an.xlsx": workbook(
            Sheet("Cũ", [header[:2], ["khoa-duoc", "khong-hoan-thanh"]], state="hidden"),
            Sheet("Kết quả", [header[:2], ["khoa-duoc", "tot"]]),
        ),
        "khai-bao-thuc-the.xlsx": workbook(Sheet("Kết quả", [header[:2], ["khoa-duoc", "&h;"]], prolog=BOMB_DTD)),
        "kich-thuoc-qua-lon.xlsx": workbook(
            Sheet("Kết quả", [header[:2], ["khoa-duoc", "tot"]], dimension="A1:B1048576")
        ),
        "qua-nhieu-cot.xlsx": workbook(Sheet("Kết quả", [header[:2] + [None] * 16_381 + ["x"]])),
        "thieu-phan.xlsx": pack({"[Content_Types].xml": "<Types/>", "xl/worksheets/sheet1.xml": "<worksheet/>"}),
        "khong-phai-zip.xlsx": "Mã chi bộ,Xếp loại\nkhoa-duoc,tot\n".encode(),
        "excel-cu.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    }


def main() -> None:
    for name, data in {**text_cases(), **workbook_cases()}.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
