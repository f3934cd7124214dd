"""Where each generated page's source goes under ``docs/``: the one home of these paths.

Every generated page is the ``index.md`` of its own folder (``chi-bo/khoa-duoc/index.md``
for ``/chi-bo/khoa-duoc/``). So a link written straight into HTML (our tables) is relative
both to the page's address and to its source file, which is how MkDocs and Zensical
respectively read such links: both engines then agree (DESIGN.md §6).
"""

from __future__ import annotations

PLAN = "ke-hoach.md"  # static (docs/ke-hoach.md)


def home() -> str:
    return "index.md"


def section(name: str) -> str:
    """A top-level section: ``lo-trinh`` → ``lo-trinh/index.md``."""
    return f"{name}/index.md"


def cell(cell_id: str) -> str:
    return f"chi-bo/{cell_id}/index.md"


def cell_report(cell_id: str) -> str:
    """The print page of a cell's latest registration report."""
    return f"chi-bo/{cell_id}/dang-ky/index.md"


def year(value: int) -> str:
    return f"ket-qua/{value}/index.md"


def year_document(value: int, kind: str) -> str:
    """A year's drafted document: ``lua-chon``, ``cong-nhan`` or ``bao-cao``."""
    return f"ket-qua/{value}/{kind}/index.md"


def final_review() -> str:
    return "ket-qua/tong-ket/index.md"
