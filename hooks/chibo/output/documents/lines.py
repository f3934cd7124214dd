"""Where the header's long names break: between words, at a phrase, on both writers alike.

A header line in capitals ("ĐẢNG ỦY TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI", 14 pt bold) is wider than
its column, and Word or the browser breaks it at the last space that fits: "ĐẢNG ỦY TRƯỜNG
ĐẠI / HỌC SƯ PHẠM …", splitting "đại học", one word of two syllables. Here each name is
broken once, into as few lines as fit, never inside a word of the list below nor inside the
two syllables of a place after "TỈNH", "HUYỆN" …, preferably before a word that opens a
phrase ("TRƯỜNG", "TỈNH", "VÀ" …), as evenly as may be. Both the .docx and the print page
show exactly these lines.

Widths are Times New Roman's advances (Liberation Serif, metric-compatible, measured from
its font files), by the letter under the diacritics: a name set in capitals is measured
the same on every machine, fonts installed or not.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Advance widths in thousandths of an em, Times New Roman regular and bold.
_REGULAR = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722,
         944, 722, 722, 611),
    )
)  # fmt: skip
_BOLD = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722,
         1000, 722, 722, 667),
    )
)  # fmt: skip
_OTHER = {" ": 250, "-": 333, ",": 250, ".": 250, "(": 333, ")": 333, "/": 278, "*": 500, "&": 778, "Đ": 722}
_HORN = "\u031b"  # Ư is wider than U (776 and 796); Ơ is as wide as O
_WIDE = 1000  # anything else: counted wide, so a line never runs over

# Two-syllable words of committee and unit names: never broken between their syllables.
WORDS = frozenset(
    """ĐẢNG ỦY|ĐẢNG BỘ|CHI BỘ|CHI ỦY|CỘNG SẢN|VIỆT NAM|ĐẠI HỌC|CAO ĐẲNG|Y KHOA|Y TẾ|DƯỢC HỌC|SƯ PHẠM|
    HÀ NỘI|CƠ QUAN|ỦY BAN|NHÂN DÂN|HỘI ĐỒNG|BAN CHỈ|CHỈ ĐẠO|XÂY DỰNG|MÔ HÌNH|BỘ MÔN|BỆNH VIỆN|TRUNG TÂM|
    KHẢO THÍ|ĐẢM BẢO|CHẤT LƯỢNG|ĐÀO TẠO|TỔ CHỨC|CÁN BỘ|HÀNH CHÍNH|
    QUẢN TRỊ|TÀI CHÍNH|KẾ TOÁN|SINH VIÊN|HỌC VIÊN|ĐIỀU DƯỠNG|GIẢI PHẪU|XÉT NGHIỆM|HỒI SỨC|CẤP CỨU|CHẨN ĐOÁN|
    HÌNH ẢNH|KHOA HỌC|CƠ BẢN|CỔ TRUYỀN|CÔNG CỘNG|TỔNG HỢP|KHÁM BỆNH|LÝ LUẬN|CHÍNH TRỊ|CÔNG TÁC|THANH NIÊN|
    CÔNG ĐOÀN|THÀNH PHỐ|QUỐC GIA|CÔNG NGHỆ|THÔNG TIN|NGHIÊN CỨU|HỢP TÁC|QUỐC TẾ|KÝ TÚC|THƯ VIỆN|PHÁP CHẾ|
    THANH TRA|KIỂM TRA|TUYÊN HUẤN|VĂN PHÒNG|DÂN VẬN|NỘI TRÚ|NGOẠI TRÚ|PHỤC HỒI|CHỨC NĂNG|TRUYỀN NHIỄM|NHI KHOA|
    SẢN KHOA|RĂNG HÀM|HÀM MẶT|TAI MŨI|MŨI HỌNG|DA LIỄU|TÂM THẦN|THẦN KINH|UNG BƯỚU|DINH DƯỠNG|VẬT LÝ|TRỊ LIỆU|
    SINH HỌC|HÓA HỌC|NGOẠI NGỮ|THỂ CHẤT|QUỐC PHÒNG|AN NINH|CƠ SỞ|VẬT CHẤT|THIẾT BỊ|DỊCH VỤ|THỰC HÀNH|LÂM SÀNG|
    TIỀN LÂM|NỘI KHOA|NGOẠI KHOA""".replace("\n", "")
    .replace(" |", "|")
    .replace("| ", "|")
    .split("|")
)
# Words after which a place's name follows ("TỈNH HẢI DƯƠNG"): its two syllables stay together.
PLACES = frozenset(("TỈNH", "PHỐ", "HUYỆN", "QUẬN", "THỊ", "XÃ", "PHƯỜNG"))
# Words that open a phrase of a name: a line break before them reads naturally.
OPENERS = frozenset(
    """TRƯỜNG|KHOA|PHÒNG|BỘ|BAN|TỈNH|THÀNH|HUYỆN|XÃ|PHƯỜNG|CÁC|VÀ|ỦY|BỆNH|TRUNG|VIỆN|CÔNG|SINH|
    ĐẠI|CAO|XÂY|MÔ|TẠI|THUỘC|KHỐI""".replace("\n", "")
    .replace(" ", "")
    .split("|")
)


def width(text: str, points: float, *, bold: bool = False) -> float:
    """How wide ``text`` is set in Times New Roman at ``points``, in millimetres."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = parts[0]
        if base == "U" and _HORN in parts:
            total += 796 if bold else 776
        else:
            total += table.get(base) or _OTHER.get(base) or _WIDE
    return total / 1000 * points * 25.4 / 72


def lines(text: str, column_mm: float, points: float = 14, *, bold: bool = False) -> tuple[str, ...]:
    """``text`` broken into the fewest lines that fit ``column_mm``: between words, never
    inside a word of ``WORDS``, preferably before an opener of ``OPENERS``, evenly."""
    return _lines(text, column_mm, points, bold)


@lru_cache(maxsize=1024)  # the same few names, in every document of a build
def _lines(text: str, column_mm: float, points: float, bold: bool) -> tuple[str, ...]:
    words = text.split()
    if not words or width(text, points, bold=bold) <= column_mm:
        return (" ".join(words),) if words else ()
    count = len(words)
    # best[i]: the cheapest way to set words[i:], as (cost, the line ends).
    best: list[tuple[float, tuple[int, ...]]] = [(0.0, ())] * (count + 1)
    for start in range(count - 1, -1, -1):
        options = []
        for end in range(start + 1, count + 1):
            line = " ".join(words[start:end])
            room = column_mm - width(line, points, bold=bold)
            if room < 0 and end > start + 1:
                break
            rest_cost, rest = best[end]
            cost = 1000.0 + rest_cost + (max(room, 0.0) / column_mm) ** 2 * 10
            if room < 0:
                cost += 100_000  # one word wider than the column: it must stand alone
            if end < count:
                cost += _break_cost(words[end - 1], words[end])
                if end >= 2 and words[end - 2] in PLACES:
                    cost += 500.0  # inside a place's name
            options.append((cost, (end, *rest)))
        best[start] = min(options)
    ends = best[0][1]
    starts = (0, *ends[:-1])
    return tuple(" ".join(words[a:b]) for a, b in zip(starts, ends))


def _break_cost(before: str, after: str) -> float:
    """The cost of a line break between two words: inside a word, dear; before an opener, free."""
    if f"{before} {after}" in WORDS:
        return 500.0
    return 0.0 if after in OPENERS else 30.0
