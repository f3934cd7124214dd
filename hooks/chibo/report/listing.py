"""The cell list (/chi-bo/): each cell's place when the list is sorted by each column.

The list script sorts by these ranks, so the browser and the build share one order: the
Vietnamese alphabet for names and types, given names first for people, the most
advanced status and rating first (DESIGN.md §2, ``text.sort_key``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import person_key, sort_key
from ..vocab import NO_RATING, RATINGS, STATUS_FILTER
from .cells import CellStatus

if TYPE_CHECKING:
    from .summary import CellReport

# Most advanced first, as the filter lists them.
_STATUS_ORDER = {code: index for index, (code, _) in enumerate(STATUS_FILTER)}
_RATING_ORDER = {code: index for index, code in enumerate((*RATINGS, NO_RATING))}
COLUMNS = ("ten", "loai", "bi-thu", "trang-thai", "xep-loai", "kieu-mau")


@dataclass(frozen=True)
class ListRow:
    """A row of the cell list and its rank under each column's order (``COLUMNS``)."""

    cell: CellReport
    ranks: tuple[int, ...]


def _ranks(cells: list[CellReport], key: Callable[[CellReport], object]) -> list[int]:
    """Each cell's position when sorted by ``key``, ties in name order (the list's order)."""
    order = sorted(range(len(cells)), key=lambda i: (key(cells[i]), i))
    ranks = [0] * len(cells)
    for position, index in enumerate(order):
        ranks[index] = position
    return ranks


def _status(status: CellStatus) -> int:
    return _STATUS_ORDER.get(status.code, len(_STATUS_ORDER))


def cell_list(ordered: tuple[CellReport, ...]) -> tuple[ListRow, ...]:
    """The cells, already in name order, with their rank under every column."""
    cells = list(ordered)
    keys: tuple[Callable[[CellReport], object], ...] = (
        lambda c: sort_key(c.cell.name),
        lambda c: sort_key(c.type.short_name),
        lambda c: (c.leaders.secretary is None, person_key(c.leaders.secretary or "")),
        lambda c: _status(c.status),
        lambda c: _RATING_ORDER[c.latest.rating if c.latest and c.latest.rating else NO_RATING],
        lambda c: (not c.model_years, c.model_years),
    )
    columns = [_ranks(cells, key) for key in keys]
    return tuple(ListRow(cell, tuple(column[i] for column in columns)) for i, cell in enumerate(cells))
