"""Read a project's programmes: each folder of ``records/chuong-trinh/`` with its
``chuong-trinh.yml``, ``tieu-chi.yml`` and ``ke-hoach.md`` (DESIGN.md §3).

The folder's name is the programme's id. Each file is validated (``validate``), then
checked against the committee and the other programmes (``scope``); the plan text against
what a page may carry (``plantext``). Problems join the caller's list, all at once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .committee import Committee
from .fields import SLUG_PATTERN
from .loader import ParsedFile, read_text
from .paths import BOOK_FILE, PLAN_FILE, PROGRAMME_FILE, PROGRAMMES_DIR, RECORDS
from .plantext import check_plan_text
from .problems import Problem
from .programme import CriteriaBook, Programme
from .scope import ProgrammeScope, Scope, check_book, check_overlaps, check_programme

_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class ProgrammeRecords:
    """Một chương trình: its id (the folder's name), its record, its criteria set and its plan
    text (Markdown)."""

    id: str
    programme: Programme
    book: CriteriaBook
    plan: str


# (path, problems) → the parsed file, its problems added (``load._read``).
Reader = Callable[[Path, list[Problem]], "ParsedFile | None"]


def programme_folders(project: Path, problems: list[Problem]) -> list[Path]:
    """The folders of ``records/chuong-trinh/``, in name order; a folder whose name cannot be
    an id is reported."""
    root = project / RECORDS / PROGRAMMES_DIR
    if not root.is_dir():
        return []
    folders = []
    with os.scandir(root) as entries:
        names = sorted(entry.name for entry in entries if entry.is_dir() and not entry.name.startswith("."))
    for name in names:
        if not _SLUG.fullmatch(name):
            problems.append(
                Problem(
                    f"{RECORDS}/{PROGRAMMES_DIR}/{name}",
                    1,
                    1,
                    "",
                    "tên thư mục chương trình là mã chương trình: chỉ chữ thường không dấu, chữ số và dấu gạch nối "
                    "(ví dụ kieu-mau-2022-2025)",
                )
            )
            continue
        folders.append(root / name)
    return folders


def load_programmes(
    project: Path,
    committee: Committee | None,
    read: Reader,
    checked: Callable[[ParsedFile | None, type, list[Problem]], object],
    changed: Mapping[Path, str],
    sources: dict[str, str],
    problems: list[Problem],
) -> tuple[tuple[ProgrammeRecords, ...], Scope | None]:
    """Every programme, validated and checked; and the ``Scope`` cells are checked against
    (``None`` when the committee or a programme could not be read: cells are then checked
    for what does not need them)."""
    type_ids = tuple(t.id for t in committee.types) if committee is not None else None
    found: list[ProgrammeRecords] = []
    docs: dict[str, ParsedFile] = {}
    complete = committee is not None
    root = project / RECORDS / PROGRAMMES_DIR
    on_disk = programme_folders(project, problems)
    # a programme not yet written (``chibo new programme`` checks what it would write)
    added = sorted({p.parent for p in changed if p.parent.parent == root} - set(on_disk))
    for folder in on_disk + added:
        pid = folder.name
        doc = read(folder / PROGRAMME_FILE, problems)
        book_doc = read(folder / BOOK_FILE, problems)
        plan = _plan_text(project, folder / PLAN_FILE, changed, sources, problems)
        programme = checked(doc, Programme, problems)
        book = checked(book_doc, CriteriaBook, problems)
        if isinstance(book, CriteriaBook) and book_doc is not None:
            problems += check_book(book_doc, book, type_ids)
        if isinstance(programme, Programme) and doc is not None:
            problems += check_programme(
                doc, programme, committee, book if isinstance(book, CriteriaBook) else None, plan
            )
            docs[pid] = doc
        if isinstance(programme, Programme) and isinstance(book, CriteriaBook) and plan is not None:
            found.append(ProgrammeRecords(pid, programme, book, plan))
        else:
            complete = False
    problems += check_overlaps(docs, {p.id: p.programme for p in found})
    found.sort(key=lambda p: (p.programme.period.start, p.id))
    if not complete or type_ids is None:
        return tuple(found), None
    return tuple(found), Scope(type_ids, tuple(ProgrammeScope.of(p.id, p.programme, p.book) for p in found))


def _plan_text(
    project: Path, path: Path, changed: Mapping[Path, str], sources: dict[str, str], problems: list[Problem]
) -> str | None:
    rel = path.relative_to(project).as_posix()
    if path not in changed and not path.exists():
        problems.append(Problem(rel, 1, 1, "", "thiếu tệp toàn văn kế hoạch (Markdown) của chương trình"))
        return None
    text, found = read_text(path, rel, changed.get(path))
    problems += found
    if text is None:
        return None
    sources[rel] = text
    problems += check_plan_text(rel, text)
    return text
