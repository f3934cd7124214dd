"""A drafted Party document, described once and written twice: a print page and a .docx.

The layout follows Hướng dẫn 36-HD/VPTW (03-4-2018) on Party documents: a two-column header
(the superior body, the issuer in bold, "*", "Số …" | "ĐẢNG CỘNG SẢN VIỆT NAM" with its
rule, the place and date in italics), the document type and trích yếu centred with a short
rule, the body, then "Nơi nhận:" and the signing block. A draft may hold several parts
(a Tờ trình, a Quyết định, the Danh sách attached to it): each is a document of its own,
on its own pages, numbered from 1 with no number on its first page, with its own "DỰ THẢO"
mark while it has no number. Everything here is plain text: the writers escape it (HTML)
or put it in text runs (.docx).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .lines import lines

# The page of Hướng dẫn 36-HD/VPTW, in millimetres: A4; margins top and bottom 20, left 30,
# right 15; what is left for the text.
PAGE_MM = (210, 297)
MARGINS_MM = (20, 20, 30, 15)  # top, bottom, left, right
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM[2] - MARGINS_MM[3]
# The header's two columns (issuer | "ĐẢNG CỘNG SẢN VIỆT NAM"), what a line may take of the
# first (a table cell keeps 1.9 mm each side), and the sizes of Phụ lục 3 of the guide.
HEADER_MM = (80, 85)
HEADER_LINE_MM = 75
HEADER_POINTS = 14


@dataclass(frozen=True)
class Layout:
    """Thể thức văn bản: the rules a document's layout follows, in force from a date."""

    since: dt.date
    basis: str


# Kept by date, as the rating rules are (README, "Thể thức"): a document follows the entry in
# force on its own date. Quy định 399-QĐ/TW (09-01-2026) replaced Quy định 66-QĐ/TW on the
# kinds and authority; no new guide on layout could be confirmed, so HD 36 still sets it.
LAYOUTS = (
    Layout(dt.date(2018, 4, 3), "Hướng dẫn số 36-HD/VPTW ngày 03-4-2018 của Văn phòng Trung ương Đảng"),
    Layout(
        dt.date(2026, 1, 9),
        "Quy định số 399-QĐ/TW ngày 09-01-2026 của Ban Bí thư; trình bày theo Hướng dẫn số 36-HD/VPTW "
        "ngày 03-4-2018 của Văn phòng Trung ương Đảng",
    ),
)


def layout_on(day: dt.date | None) -> Layout:
    """The layout rules in force on ``day`` (an undated draft: the latest)."""
    if day is None:
        return LAYOUTS[-1]
    return next((x for x in reversed(LAYOUTS) if x.since <= day), LAYOUTS[0])


@dataclass(frozen=True)
class Header:
    """The two header columns: who issues, under whom, the number; where and when. The names
    are set in capitals, broken into lines between words at a phrase (``lines.py``)."""

    superior: str
    issuer: str
    number: str
    place: str
    date: dt.date | None
    year: int | None = None

    @property
    def superior_lines(self) -> tuple[str, ...]:
        return lines(self.superior.upper(), HEADER_LINE_MM, HEADER_POINTS)

    @property
    def issuer_lines(self) -> tuple[str, ...]:
        return lines(self.issuer.upper(), HEADER_LINE_MM, HEADER_POINTS, bold=True)


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
    """A table cell; ``rows`` > 1 spans rows below it (their cells are left out). A cell's
    text may hold line breaks ("\\n"): a criterion and its indicators."""

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

# The kinds of drafted document, as the office calls them, in the order /van-ban/ lists them.
KINDS = {
    "ban-chi-dao": "Quyết định thành lập Ban Chỉ đạo",
    "dang-ky": "Báo cáo đăng ký của chi bộ",
    "de-xuat": "Tờ trình đề xuất lựa chọn chi bộ",
    "lua-chon": "Quyết định lựa chọn chi bộ",
    "ke-hoach": "Kế hoạch thực hiện của chi bộ",
    "tu-danh-gia": "Báo cáo tự đánh giá của chi bộ",
    "cong-nhan": "Tờ trình, Quyết định công nhận chi bộ",
    "khen-thuong": "Quyết định khen thưởng",
    "bao-cao": "Báo cáo kết quả năm",
    "so-ket": "Báo cáo sơ kết",
    "tong-ket": "Báo cáo tổng kết giai đoạn",
    "hoi-nghi": "Tài liệu Hội nghị tổng kết",
}


@dataclass(frozen=True)
class Signature:
    """ "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" / the name (blank when not known)."""

    authority: str
    title: str
    name: str | None


@dataclass(frozen=True)
class Part:
    """One signed document (or an attached list) within a draft, on pages of its own.

    ``draft``: it carries the "DỰ THẢO" mark (it has no number yet). ``attachment``: the
    line under the title of an attached list ("(Kèm theo Quyết định số …)").
    """

    kind: str
    summary: str
    blocks: tuple[Block, ...]
    header: Header | None = None
    to: str = ""
    attachment: str = ""
    recipients: tuple[str, ...] = ()
    signature: Signature | None = None
    draft: bool = True


@dataclass(frozen=True)
class Draft:
    """Dự thảo: the parts, where its print page and .docx go (either may be absent), and
    what it is called; ``layout``: the rules its layout follows (by its date);
    ``programme``: the programme it belongs to (``None``: the committee's, as the yearly
    review); ``moved``: the files at its former addresses, each a small page that sends the
    reader to ``page`` (``sources.former_files``); ``moved_docx``: its Word file's former
    addresses, where the same file is written (a Word file cannot send the reader on)."""

    title: str
    docx: str | None
    parts: tuple[Part, ...]
    page: str | None = None
    back: tuple[str, str] | None = None
    kind: str = ""
    year: int | None = None
    cell_id: str | None = None
    subject: str = ""
    layout: Layout = field(default=LAYOUTS[-1])
    issued: str = ""  # "Số 45-QĐ/ĐU ngày 22-12-2022": the draft rebuilds an issued document
    programme: str | None = None
    moved: tuple[str, ...] = ()
    moved_docx: tuple[str, ...] = ()  # its Word file's former addresses: a copy of it at each

    @property
    def label(self) -> str:
        """What a list of documents calls it: its title, without the cell's name before it
        (a cell's list is the cell's) — each programme's documents by its own words."""
        short = self.title.removeprefix(f"{self.subject}: ") if self.subject else self.title
        return short[:1].upper() + short[1:]

    @property
    def order(self) -> int:
        """Where its kind comes in a list of documents (``KINDS``)."""
        return next((i for i, label in enumerate(KINDS.values()) if label == self.kind), len(KINDS))
