"""Vietnamese conventions for dates and numbers (DESIGN.md §2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def _day_month(value: dt.date) -> tuple[str, str]:
    """Day and month as Party documents write them: a day below 10 and the months 1 and 2
    with a leading zero (Hướng dẫn 36-HD/VPTW: "ngày 05 tháng 02 năm 2018", "03 tháng 4")."""
    return f"{value.day:02d}", f"{value.month:02d}" if value.month <= 2 else str(value.month)


def date_vi(value: dt.date | None) -> str:
    """``2022-05-31`` → ``31-5-2022``; ``2018-03-08`` → ``08-3-2018``; ``2026-01-15`` → ``15-01-2026``."""
    if value is None:
        return ""
    day, month = _day_month(value)
    return f"{day}-{month}-{value.year}"


def date_long(value: dt.date) -> str:
    """``2022-05-31`` → ``ngày 31 tháng 5 năm 2022`` (the date line of a document)."""
    day, month = _day_month(value)
    return f"ngày {day} tháng {month} năm {value.year}"


def number_vi(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` → ``1.234,5``."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def bound_vi(value: float | int | None) -> str:
    """A bound in a message, as a reader writes it: ``100.0`` → ``100``, ``0.5`` → ``0,5``,
    ``100000`` → ``100.000``; a year or any whole number below 10.000 without a separator
    (``2100``, not ``2.100``)."""
    if value is None:
        return "–"
    if float(value).is_integer():
        whole = int(value)
        return str(whole) if abs(whole) < 10_000 else number_vi(whole)
    return score_vi(value)


def score_vi(value: float | int) -> str:
    """A score as it was typed: the shortest decimal that reads back as the same number, with a
    decimal comma: ``93`` → ``93``, ``85.5`` → ``85,5``, ``89.99999999999999`` →
    ``89,99999999999999`` (never rounded up to a band it does not reach)."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f").replace(".", ",")


def percent_vi(value: float | None) -> str:
    """``91.66`` → ``91,7%`` (one decimal); ``None`` (nothing rated) → ``–``."""
    return "–" if value is None else f"{number_vi(value, 1)}%"


def amount_vi(value: float) -> str:
    """A figure that may have one decimal: ``90.0`` → ``90``, ``78.5`` → ``78,5``."""
    return number_vi(value, 0 if float(value).is_integer() else 1)


def threshold_vi(value: float) -> str:
    """A target's threshold: ``90.0`` → ``90%``, ``20.5`` → ``20,5%``."""
    return f"{amount_vi(value)}%"


def threshold_phrase(comparison: str, percent: float) -> str:
    """``(">=", 90)`` → ``từ 90% trở lên``; ``(">", 20)`` → ``trên 20%``."""
    if comparison == ">":
        return f"trên {threshold_vi(percent)}"
    return f"từ {threshold_vi(percent)} trở lên"
