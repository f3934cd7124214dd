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


def cell_document(cell_id: str, kind: str) -> str:
    """The print page of a cell's latest document of a kind: ``ke-hoach``, ``tu-danh-gia``."""
    return f"chi-bo/{cell_id}/{kind}/index.md"


def cell_docx(cell_id: str, kind: str, year: int) -> str:
    """A cell's Word file of a year: ``dang-ky``, ``ke-hoach``, ``tu-danh-gia``."""
    return f"chi-bo/{cell_id}/{kind}-{year}.docx"


def year(value: int) -> str:
    return f"ket-qua/{value}/index.md"


def year_document(value: int, kind: str) -> str:
    """A year's drafted document: ``ban-chi-dao``, ``de-xuat``, ``lua-chon``, ``cong-nhan``,
    ``khen-thuong`` or ``bao-cao``."""
    return f"ket-qua/{value}/{kind}/index.md"


def year_docx(value: int, kind: str) -> str:
    """A year's Word file, beside its print page: ``ket-qua/2022/lua-chon-2022.docx``."""
    return f"ket-qua/{value}/{kind}-{value}.docx"


def period_document(kind: str) -> str:
    """A document of the whole programme: ``so-ket``, ``tong-ket``, ``hoi-nghi-tong-ket``."""
    return f"ket-qua/{kind}/index.md"


def period_docx(kind: str, start: int, end: int) -> str:
    """Its Word file: ``ket-qua/tong-ket-2022-2025.docx``."""
    return f"ket-qua/{kind}-{start}-{end}.docx"


def final_review() -> str:
    return period_document("tong-ket")
