"""Small numbers that could point at a person, hidden before anything is published.

In a cell of 11, "1 đảng viên không hoàn thành nhiệm vụ" names someone. With the privacy
option of ``dang-bo.yml`` on (the default), a cell's member count in a rating other than
its largest is shown as "< 3" when it is between 1 and the threshold minus one. When a
single count is hidden, the cell's total and the other counts would give it away, so the
smallest other count (not the largest) is hidden too, shown as "ẩn". Zero stays: it names
nobody. The cell's own rating, its total and the Committee's figures stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records.committee import Privacy

SECONDARY = "ẩn"


@dataclass(frozen=True)
class Shown:
    """A count as published: the number, or ``None`` and the text shown in its place."""

    value: int | None
    text: str


def hidden_label(privacy: Privacy) -> str:
    return f"< {privacy.threshold}"


def is_small(value: int, privacy: Privacy) -> bool:
    return privacy.hide_small_counts and 0 < value < privacy.threshold


def mask(counts: tuple[int, ...], privacy: Privacy) -> tuple[Shown, ...]:
    """The counts of one cell and year, in ``RATINGS`` order, as they may be published."""
    largest = counts.index(max(counts))
    small = {i for i, v in enumerate(counts) if i != largest and is_small(v, privacy)}
    secondary: set[int] = set()
    if len(small) == 1:
        others = [i for i in range(len(counts)) if i != largest and i not in small]
        if others:
            secondary.add(min(others, key=lambda i: (counts[i], i)))
    return tuple(
        Shown(None, hidden_label(privacy))
        if i in small
        else Shown(None, SECONDARY)
        if i in secondary
        else Shown(v, str(v))
        for i, v in enumerate(counts)
    )


def count_phrase(value: int, privacy: Privacy) -> str:
    """A count in running text: "1" becomes "dưới 3" when it could point at a person."""
    return f"dưới {privacy.threshold}" if is_small(value, privacy) else str(value)
