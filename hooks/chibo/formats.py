"""Vietnamese conventions for dates and numbers (DESIGN.md §2)."""

from __future__ import annotations

import datetime as dt


def date_vi(value: dt.date | None) -> str:
    """``2022-05-31`` → ``31-5-2022``, as in Vietnamese documents."""
    return "" if value is None else f"{value.day}-{value.month}-{value.year}"


def number_vi(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` → ``1.234,5``."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent_vi(value: float | None) -> str:
    """``91.66`` → ``91,7%`` (one decimal); ``None`` (nothing rated) → ``–``."""
    return "–" if value is None else f"{number_vi(value, 1)}%"


def threshold_vi(value: float) -> str:
    """A target's threshold: ``90.0`` → ``90%``, ``20.5`` → ``20,5%``."""
    return f"{number_vi(value, 0 if float(value).is_integer() else 1)}%"


def threshold_phrase(comparison: str, percent: float) -> str:
    """``(">=", 90)`` → ``từ 90% trở lên``; ``(">", 20)`` → ``trên 20%``."""
    if comparison == ">":
        return f"trên {threshold_vi(percent)}"
    return f"từ {threshold_vi(percent)} trở lên"
