"""What the build relies on of Material for MkDocs beyond its documented options, in one place.

Each reliance is written down here, checked when a build starts (``check``: a Vietnamese line
for each one that no longer holds, logged as a warning, so ``--strict`` stops the build) and
fenced by a test that fails when Material changes it (``tests/test_fence.py``). The versions
it was written for (``MATERIAL``, the same bounds as ``pyproject.toml``) are checked first: a
build with another Material stops with a clear message.

* **Markup fixes** (``FIXES``), made on every page after rendering: the two hidden checkboxes
  carry ``autocomplete="off"``, which HTML does not allow on checkboxes (a Nu Html Checker
  error); the search dialog has no accessible name (axe: aria-dialog-name); the search's share
  link starts as ``javascript:void(0)``, which the content policy forbids (Material replaces
  it and cancels the click, so ``#`` behaves the same). Each text is taken from the template
  it is in.
* **Templates** (``theme/``): each override replaces a template of the same name; ``main.html``
  and ``404.html`` fill blocks of ``base.html``; ``partials/toc.html`` and
  ``partials/languages/vi.html`` are edited copies of these originals (``COPIED``).
* **Search** (``material/plugins/search/plugin.py``): the plugin reads ``page.content`` in its
  ``on_page_context`` at the default priority, with ``html.parser``; a heading (``h1``–``h6``)
  starts a section, ``data-search-exclude`` and ``linenodiv`` leave an element out, ``script``,
  ``style`` and ``object`` are skipped; it keeps the text and a few tags. A table's text is all
  it needs of it (``search_text``), given in the block's place before our ``on_page_context``
  (priority -100) puts the block in.
* **Search in dirty builds**: Material keeps the last index and appends the entries of the
  pages it rebuilt, in build order (``merge_search_index`` takes them from there).
* **Diacritics**: Material ships lunr-languages' ``lunr.vi`` at ``LUNR_VI``; the build publishes
  it with ``assets/search-vi.js`` appended (``lunr_vi``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

__all__ = [
    "FAVICON",
    "FIXES",
    "LUNR_VI",
    "MATERIAL",
    "check",
    "fix_markup",
    "lunr_vi",
    "material_version",
    "merge_search_index",
    "search_text",
]

MATERIAL = ((9, 8), (9, 9))  # at least, below: pyproject.toml says the same (a test compares them)
THEME = Path(__file__).parent / "theme"
LUNR_VI = "assets/javascripts/lunr/min/lunr.vi.min.js"
# The theme's own icon: a page of ours outside the theme (a former address) names it, so the
# browser never asks for a /favicon.ico the site does not have.
FAVICON = "assets/images/favicon.png"
PATCH = Path(__file__).parent / "assets" / "search-vi.js"
BLOCKS_PRIORITY = -100  # our on_page_context puts the blocks in: after the search plugin's (0)


class Fix(NamedTuple):
    """A replacement in every page; ``wrong`` is written in Material's ``template``."""

    template: str
    wrong: str
    right: str


FIXES = (
    Fix(
        "base.html",
        'type="checkbox" id="__drawer" autocomplete="off">',
        'type="checkbox" id="__drawer">',
    ),
    Fix(
        "base.html",
        'type="checkbox" id="__search" autocomplete="off">',
        'type="checkbox" id="__search">',
    ),
    Fix(
        "partials/search.html",
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Tìm kiếm">',
    ),
    Fix(
        "partials/search.html",
        '<a href="javascript:void(0)" class="md-search__icon md-icon"',
        '<a href="#" class="md-search__icon md-icon"',
    ),
)
# Our copies were made from these originals (sha256, first 16 digits).
COPIED = {"partials/toc.html": "fde48f583563364b", "partials/languages/vi.html": "53aa292d745afb7b"}

_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)")
_REFUSED = re.compile(r"<(h[1-6]|script|style|object)\b|data-search-exclude|linenodiv", re.IGNORECASE)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_SPACE = re.compile(r"\s+")


def material_version() -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in re.findall(r"\d+", version("mkdocs-material"))[:3])
    except PackageNotFoundError:
        return None


def version_problem(found: tuple[int, ...] | None) -> str | None:
    """Why this Material cannot be used, or None."""
    low, high = MATERIAL
    if found is not None and low <= found[:2] < high:
        return None
    shown = ".".join(map(str, found)) if found else "không rõ"
    return (
        f"trang này được viết cho Material for MkDocs {low[0]}.{low[1]}.x; phiên bản đang cài: {shown}. "
        "Cài đúng các phiên bản đã kiểm thử: python hooks/dev.py build (theo requirements.lock)"
    )


def check(theme_dirs: Sequence[str | Path], events: Sequence[object] = (), ours: object = None) -> list[str]:
    """Every reliance that no longer holds, one Vietnamese line each (empty when all hold).

    ``theme_dirs``: Material's template folders (``config.theme.dirs`` but our ``custom_dir``,
    ``theme/``, whose templates are checked against them); ``events``: the
    ``on_page_context`` handlers in the order MkDocs calls them (``config.plugins.events``),
    ``ours`` among them.
    """
    material = [Path(d) for d in theme_dirs]
    problems = []
    for fix in FIXES:
        if fix.wrong not in _read(material, fix.template):
            problems.append(f"Material đã đổi {fix.template}: không còn '{fix.wrong}', bỏ qua phần sửa này")
    blocks = set(_BLOCK.findall(_read(material, "base.html")))
    for override in sorted(p for p in THEME.rglob("*") if p.is_file()):
        name = override.relative_to(THEME).as_posix()
        if not _find(material, name):
            problems.append(f"Material không còn khuôn {name}: bản ghi đè trong theme/ không được dùng")
        for block in sorted(set(_BLOCK.findall(override.read_text(encoding="utf-8"))) - blocks):
            problems.append(f"base.html của Material không còn khối '{block}' mà theme/{name} ghi đè")
    for name, digest in COPIED.items():
        if hashlib.sha256(_read(material, name).encode("utf-8")).hexdigest()[:16] != digest:
            problems.append(f"Material đã đổi {name}: bản sao đã sửa trong theme/{name} cần làm lại từ bản mới")
    if not _find(material, LUNR_VI):
        problems.append(f"Material không còn {LUNR_VI}: tìm kiếm không dấu không có tác dụng")
    if not _find(material, FAVICON):
        problems.append(f"Material không còn {FAVICON}: trang địa chỉ cũ của văn bản không có biểu tượng")
    if ours is not None and not _search_reads_first(events, ours):
        problems.append("bộ tìm kiếm của Material không còn đọc trang trong on_page_context trước các hook")
    return problems


def _search_reads_first(events: Iterable[object], ours: object) -> bool:
    """Whether the search plugin's ``on_page_context`` is called before ``ours``."""
    for handler in events:
        if handler == ours:
            return False
        if type(getattr(handler, "__self__", None)).__module__ == "material.plugins.search.plugin":
            return True
    return False


def _find(folders: Iterable[Path], name: str) -> Path | None:
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def _read(folders: Iterable[Path], name: str) -> str:
    path = _find(folders, name)
    return path.read_text(encoding="utf-8") if path else ""


def fix_markup(page: str) -> str:
    for fix in FIXES:
        page = page.replace(fix.wrong, fix.right, 1)
    return page


def search_text(block: str) -> str:
    """What the search index needs of an HTML block: its text, without the tags around it.

    The search plugin reads the page with this text where the block goes and finds the same
    words in the same order as in the block (``tests/test_search_text.py``); the page itself
    gets the block. A block without words still opens the page's first section, as its tags
    would (a space). A block with a heading, or something the search leaves out, would change
    the index's sections or words: refused (the templates have none).
    """
    if found := _REFUSED.search(block):
        raise ValueError(f"an HTML block with {found.group(0)!r}: the search index would read it differently")
    return _SPACE.sub(" ", _TAG.sub(" ", block)).strip() or (" " if block else "")


def merge_search_index(previous: dict, written: dict, rebuilt: Sequence[str], gone: Iterable[str]) -> dict:
    """The search index of a dirty build: ``previous`` (the last full index) without the pages
    rebuilt or gone, then the entries Material appended for the pages rebuilt.

    Material's own merge assumes one page was rebuilt: it keeps the last index minus the
    entries under the first rebuilt page's address and appends every new entry, in build
    order. So the new entries are the end of ``written``: page by page, from the last one
    rebuilt back to the first.
    """
    docs = written["docs"]
    start = len(docs)
    for url in reversed(rebuilt):
        while start and _page_of(docs[start - 1]) == url:
            start -= 1
    dropped = {*rebuilt, *gone}
    return {**written, "docs": [e for e in previous["docs"] if _page_of(e) not in dropped] + docs[start:]}


def _page_of(entry: dict) -> str:
    return entry["location"].split("#", 1)[0]


def lunr_vi(original: str) -> str:
    """Material's ``lunr.vi`` script followed by the folding patch (``assets/search-vi.js``)."""
    return f"{original}\n{PATCH.read_text(encoding='utf-8')}"


def material_lunr_vi() -> str:
    """The installed Material's ``lunr.vi``, patched (``chibo generate`` writes it under ``docs/``)."""
    import material

    return lunr_vi((Path(material.__file__).parent / "templates" / LUNR_VI).read_text(encoding="utf-8"))


def fold_diacritics(files: Files, config: MkDocsConfig) -> None:
    """Replace the theme's ``lunr.vi`` with the same script plus the folding patch."""
    from mkdocs.structure.files import File

    original = files.get_file_from_path(LUNR_VI)
    if original is None or original.abs_src_path is None:
        return
    files.remove(original)
    files.append(File.generated(config, LUNR_VI, content=lunr_vi(Path(original.abs_src_path).read_text("utf-8"))))
