"""A drafted Party document, described once and written twice: a print page and a .docx.

The layout follows Hướng dẫn 36-HD/VPTW (03-4-2018) on Party documents: a two-column header
(the superior body, the issuer in bold, "*", "Số …" | "ĐẢNG CỘNG SẢN VIỆT NAM" with its
rule, the place and date in italics), the document type and trích yếu centred with a short
rule, the body, then "Nơi nhận:" and the signing block. A draft may hold several parts
(a Tờ trình, a Quyết định, the Danh sách attached to it), each on its own pages.
Everything here is plain text: the writers escape it (HTML) or put it in text runs (.docx).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The page of Hướng dẫn 36-HD/VPTW, in millimetres: A4; margins top and bottom 20, left 30,
# right 15; what is left for the text.
PAGE_MM = (210, 297)
MARGINS_MM = (20, 20, 30, 15)  # top, bottom, left, right
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM[2] - MARGINS_MM[3]


@dataclass(frozen=True)
class Header:
    """The two header columns: who issues, under whom, the number; where and when."""

    superior: str
    issuer: str
    number: str
    place: str
    date: dt.date | None
    year: int | None = None


@dataclass(frozen=True)
class Heading:
    """ "I- TÌNH HÌNH …" (level 1, capitals) or "1. Kết quả …" (level 2)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Body text; ``lead`` is a bold opening ("Điều 1."); ``style`` one of ``STYLES``."""

    text: str
    lead: str = ""
    style: str = "body"


STYLES = ("body", "center", "title", "basis", "note", "item")


@dataclass(frozen=True)
class Fill:
    """Dotted lines the cell or the office fills in by hand (thực trạng, ưu điểm, …)."""

    lines: int = 3
    label: str = ""


@dataclass(frozen=True)
class Cell:
    """A table cell; ``rows`` > 1 spans rows below it (their cells are left out)."""

    text: str
    rows: int = 1
    bold: bool = False
    numeric: bool = False


@dataclass(frozen=True)
class Head:
    """A header cell spanning ``span`` columns and ``rows`` header rows."""

    text: str
    span: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Table:
    """A table: header rows, body rows, relative column widths, a note under it."""

    head: tuple[tuple[Head, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]
    note: str = ""


Block = Heading | Paragraph | Fill | Table

# The kinds of drafted document, as the office calls them (listed on /van-ban/).
KINDS = {
    "dang-ky": "Báo cáo khảo sát, đề xuất đăng ký",
    "lua-chon": "Quyết định lựa chọn chi bộ",
    "cong-nhan": "Tờ trình, Quyết định công nhận chi bộ kiểu mẫu",
    "bao-cao": "Báo cáo kết quả năm",
    "tong-ket": "Báo cáo tổng kết giai đoạn",
}


@dataclass(frozen=True)
class Signature:
    """ "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" / the name (blank when not known)."""

    authority: str
    title: str
    name: str | None


@dataclass(frozen=True)
class Part:
    """One signed document (or an attached list) within a draft, starting on a new page."""

    kind: str
    summary: str
    blocks: tuple[Block, ...]
    header: Header | None = None
    to: str = ""
    attachment: str = ""
    recipients: tuple[str, ...] = ()
    signature: Signature | None = None


@dataclass(frozen=True)
class Draft:
    """Dự thảo: the parts, where its print page and .docx go (either may be absent), and
    what it is called."""

    title: str
    docx: str | None
    parts: tuple[Part, ...]
    page: str | None = None
    back: tuple[str, str] | None = None
    kind: str = ""
    year: int | None = None
    cell_id: str | None = None
    subject: str = ""
