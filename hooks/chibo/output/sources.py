"""Where each generated page's source goes under ``docs/``: the one home of these paths.

Every generated page is the ``index.md`` of its own folder (``chi-bo/khoa-duoc/index.md``
for ``/chi-bo/khoa-duoc/``). So a link written straight into HTML (our tables) is relative
both to the page's address and to its source file, which is how MkDocs and Zensical
respectively read such links: both engines then agree (DESIGN.md §6).

Two audiences, one build: the members' pages at the root, the office's under
``/van-phong/`` (true figures, notes, every drafted document; its own login). A document
keeps answering at the address it had before the office area: a page there sends the
reader on (``moved``).
"""

from __future__ import annotations

import re

OFFICE = "van-phong"
PROGRAMMES = "chuong-trinh"
_MOVED = re.compile(
    r"chi-bo/[^/]+/dang-ky/index\.html|ket-qua/(?:\d{4}/(?:lua-chon|cong-nhan|bao-cao)|tong-ket)/index\.html"
)


def home() -> str:
    return "index.md"


def section(name: str) -> str:
    """A top-level section: ``lo-trinh`` → ``lo-trinh/index.md``."""
    return f"{name}/index.md"


def cell(cell_id: str) -> str:
    return f"chi-bo/{cell_id}/index.md"


def year(value: int) -> str:
    return f"ket-qua/{value}/index.md"


def download(name: str) -> str:
    """A members' download: ``chi-bo.csv`` → ``du-lieu/chi-bo.csv``."""
    return f"du-lieu/{name}"


# --- the office area -----------------------------------------------------------------------


def office_home() -> str:
    return f"{OFFICE}/index.md"


def office_cell(cell_id: str) -> str:
    """A cell with its true figures, every note and its documents."""
    return f"{OFFICE}/chi-bo/{cell_id}/index.md"


def office_year(value: int) -> str:
    return f"{OFFICE}/ket-qua/{value}/index.md"


def office_downloads() -> str:
    return f"{OFFICE}/du-lieu/index.md"


def office_download(name: str) -> str:
    return f"{OFFICE}/du-lieu/{name}"


def cell_report(cell_id: str, programme: str | None = None) -> str:
    """The print page of a cell's latest registration report in ``programme`` (``None``: the
    address it had before programmes, which sends to the latest one)."""
    return cell_document(cell_id, "dang-ky", programme)


# --- the drafted documents ------------------------------------------------------------------
# A programme's documents are under the office area with the programme's id in the path: a
# cell's beside the cell (``van-phong/chi-bo/<cell>/<programme>/``), the others under the
# programme (``van-phong/chuong-trinh/<programme>/van-ban/``). The committee's yearly review
# stays with its year (``van-phong/ket-qua/<year>/bao-cao/``). The addresses documents had
# before programmes (``van-phong/ket-qua/<year>/<kind>/``, ``van-phong/chi-bo/<cell>/<kind>/``)
# send to where they went (``Draft.moved``).


def cell_document(cell_id: str, kind: str, programme: str | None = None) -> str:
    """The print page of a cell's latest document of a kind in a programme: ``dang-ky``,
    ``ke-hoach``, ``tu-danh-gia`` (``programme`` ``None``: its address before programmes)."""
    folder = f"{programme}/{kind}" if programme else kind
    return f"{OFFICE}/chi-bo/{cell_id}/{folder}/index.md"


def cell_docx(cell_id: str, kind: str, value: int, programme: str) -> str:
    """A cell's Word file of a year in a programme: ``…/chi-bo/khoa-duoc/<programme>/dang-ky-2022.docx``."""
    return f"{OFFICE}/chi-bo/{cell_id}/{programme}/{kind}-{value}.docx"


def programme_documents(programme: str) -> str:
    """The folder of a programme's own documents in the office area (no page of its own here)."""
    return f"{OFFICE}/{PROGRAMMES}/{programme}/van-ban"


def year_document(value: int, kind: str, programme: str | None = None) -> str:
    """A year's drafted document of a programme: ``ban-chi-dao``, ``de-xuat``, ``lua-chon``,
    ``cong-nhan``, ``khen-thuong``; the committee's (``programme`` ``None``): ``bao-cao``, or a
    programme's document at its address before programmes."""
    if programme is None:
        return f"{OFFICE}/ket-qua/{value}/{kind}/index.md"
    return f"{programme_documents(programme)}/{value}/{kind}/index.md"


def year_docx(value: int, kind: str, programme: str | None = None) -> str:
    """A year's Word file, beside its print page: ``…/2022/lua-chon-2022.docx``."""
    folder = f"{OFFICE}/ket-qua" if programme is None else programme_documents(programme)
    return f"{folder}/{value}/{kind}-{value}.docx"


def period_document(kind: str, programme: str | None = None) -> str:
    """A document of a whole programme: ``so-ket``, ``tong-ket``, ``hoi-nghi-tong-ket``
    (``programme`` ``None``: its address before programmes)."""
    if programme is None:
        return f"{OFFICE}/ket-qua/{kind}/index.md"
    return f"{programme_documents(programme)}/{kind}/index.md"


def period_docx(kind: str, start: int, end: int, programme: str) -> str:
    """Its Word file: ``…/van-ban/tong-ket-2022-2025.docx``."""
    return f"{programme_documents(programme)}/{kind}-{start}-{end}.docx"


def moved_from(page: str) -> str:
    """The file that keeps a former page address answering: ``x/index.md`` → ``x/index.html``,
    a page of its own (``index.html``) whatever the address style."""
    return page.removesuffix(".md") + ".html"


def in_office(src_uri: str) -> bool:
    """Whether a generated file belongs to the office area (its own login; left out of the
    members' search index, feed, calendar and downloads, and of the offline copy)."""
    return src_uri.startswith(OFFICE + "/")


def former(src_uri: str) -> str:
    """The address a document page of the office area had before it: ``van-phong/x`` → ``x``."""
    if not in_office(src_uri):
        raise ValueError(f"not in the office area: {src_uri}")
    return src_uri[len(OFFICE) + 1 :]


def moved_file(src_uri: str) -> str:
    """The file at the former address of the document page ``src_uri`` (``van-phong/x/index.md``
    → ``x/index.html``): a page of its own (``index.html``) whatever the address style."""
    return former(src_uri).removesuffix(".md") + ".html"


def moved(src_uri: str) -> bool:
    """Whether ``src_uri`` is a former document address (a file that sends to the office area)."""
    return _MOVED.fullmatch(src_uri) is not None


def office_side(src_uri: str) -> bool:
    """What the offline copy leaves out: the office area, the pages that send to it, and the
    addresses of the site when it knew one plan (a copy opened from disk has no shared links)."""
    return in_office(src_uri) or moved(src_uri) or _FORMER_SECTION.fullmatch(src_uri) is not None


# --- the programmes ------------------------------------------------------------------------


def programmes() -> str:
    """The list of the committee's programmes: ``chuong-trinh/index.md``."""
    return f"{PROGRAMMES}/index.md"


def programme(programme_id: str, page: str = "") -> str:
    """A programme's page: ``("kieu-mau-2022-2025", "lo-trinh")`` →
    ``chuong-trinh/kieu-mau-2022-2025/lo-trinh/index.md``; ``page`` empty: its own page."""
    return f"{PROGRAMMES}/{programme_id}/{page}/index.md" if page else f"{PROGRAMMES}/{programme_id}/index.md"


_FORMER_SECTION = re.compile(r"(?:ke-hoach|tieu-chi|lo-trinh|to-chuc-thuc-hien)/index\.html|ke-hoach\.html")


def former_section(name: str, directory_urls: bool) -> str:
    """The file at an address the site had when it knew one plan (``/lo-trinh/``,
    ``/ke-hoach/``): ``lo-trinh/index.html``; the plan was a page of its own, ``ke-hoach.md``,
    so ``ke-hoach.html`` where addresses end in ``.html``."""
    if name == "ke-hoach" and not directory_urls:
        return "ke-hoach.html"
    return f"{name}/index.html"


def former_files(page: str, *, moved_page: bool = True) -> tuple[str, ...]:
    """The files that keep a document's former addresses answering, from its address in the
    office area before programmes (``page``): that address itself (unless the document is
    still there: ``moved_page`` false), and its address before the office area, for the kinds
    that had one."""
    found = (moved_from(page),) if moved_page else ()
    older = moved_file(page)
    return found + ((older,) if moved(older) else ())
