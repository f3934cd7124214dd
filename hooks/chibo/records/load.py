"""Load every record of a project once: read, validate, cross-check, or fail with all problems."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import BaseModel

from ..text import name_key
from .committee import Committee
from .crosscheck import check_cell, check_committee
from .loader import Key, ParsedFile, read_document
from .models import Cell
from .paths import BOOK_FILE, CELLS_DIR, COMMITTEE_FILE, JOURNAL_FILE, PROGRAMMES_DIR, RECORDS, journal_path
from .problems import WARNING, Problem, RecordsError
from .programmes import ProgrammeRecords, load_programmes
from .scope import ProgrammeScope, Scope, check_cell_scope
from .validate import check

M = TypeVar("M", bound=BaseModel)

INTERRUPTED = (
    "một lần ghi hồ sơ (chibo import --write) đã dừng giữa chừng: hồ sơ có thể lẫn cũ và mới; "
    "chạy 'chibo recover' để ghi nốt, hoặc 'chibo recover --undo' để trả lại như trước"
)


@dataclass(frozen=True)
class Records:
    """Bộ hồ sơ: everything the site is built from, validated.

    ``sources`` keeps each file's text (relative path → text), so that a problem found
    later (a rule of the year broken across files) can still name its line and column.
    """

    committee: Committee
    programmes: tuple[ProgrammeRecords, ...]
    cells: tuple[Cell, ...]
    file_count: int
    warnings: tuple[Problem, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict, repr=False)

    def programme(self, programme_id: str) -> ProgrammeRecords:
        return next(p for p in self.programmes if p.id == programme_id)

    def scope(self) -> Scope:
        """The committee's cell types and every programme, as cells are checked against them."""
        types = tuple(t.id for t in self.committee.types)
        return Scope(types, tuple(ProgrammeScope.of(p.id, p.programme, p.book) for p in self.programmes))

    def problem(self, file: str, path: Key, message: str, severity: str = WARNING) -> Problem:
        """A problem at ``path`` of ``file``, with its position (the file is read again)."""
        parsed = ParsedFile(file, Path(file).stem, None, self.sources.get(file, ""))
        return replace(parsed.problem(path, message), severity=severity)


class Remembered(NamedTuple):
    """What reading one cell file gave, and the file's time, size and inode then."""

    signature: tuple[int, int, int]
    doc: ParsedFile | None
    cell: Cell | None
    problems: list[Problem]


@dataclass
class Memo:
    """What reading each cell file gave, kept between two loads of the same project by the
    preview (``output/maker.py``): a file whose size, time and inode are the same, read
    with the same committee and programme files, is not read again."""

    book: tuple[str | None, ...] | None = None
    cells: dict[str, Remembered] = field(default_factory=dict)


def load_records(project: Path, changed: Mapping[Path, str] | None = None, memo: Memo | None = None) -> Records:
    """Read and validate ``project/records``; raise ``RecordsError`` listing every problem.

    ``changed`` gives new text for some files, existing or not yet (``chibo import`` and
    ``chibo new`` check what they would write before writing it). ``memo`` (the preview's)
    keeps what each cell file gave, for the next load.
    """
    with no_cycle_collection():
        return _load(project, changed or {}, memo)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while loading records (and summarizing them).

    Records become about a million small dicts, tuples and strings, none of them in a
    cycle; the collector would scan them again and again as they pile up (a fifth of the
    load time at 5,000 cells, measured by benchmarks/build.py; summarizing, a sixth).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(project: Path, changed: Mapping[Path, str], memo: Memo | None) -> Records:
    root = project / RECORDS
    problems: list[Problem] = []
    sources: dict[str, str] = {}
    committee_doc = _read(root / COMMITTEE_FILE, project, problems, changed, sources)
    committee = _checked(committee_doc, Committee, problems)
    if committee is not None and committee_doc is not None:
        problems += check_committee(committee_doc, committee)
    problems += _old_layout(project)
    programmes, scope = load_programmes(
        project,
        committee,
        lambda path, found: _read(path, project, found, changed, sources),
        _checked,
        changed,
        sources,
        problems,
    )
    paths, warnings = _cell_paths(root / CELLS_DIR, project, problems)
    paths += sorted(p for p in changed if p.parent == root / CELLS_DIR and p not in paths)
    if (root / JOURNAL_FILE).exists():
        problems.append(Problem(journal_path(), 1, 1, "", INTERRUPTED))
    as_of = committee.as_of if committee is not None else None
    # A cell file is checked against the committee and the programmes: a change of any reads them again.
    basis = tuple(text for rel, text in sorted(sources.items()) if not rel.startswith(f"{RECORDS}/{CELLS_DIR}/"))
    if memo is not None and (scope is None or memo.book != basis):
        memo.book, memo.cells = basis, {}
    cells, docs = [], {}
    for path in paths:
        doc, cell, found = _cell_file(path, project, scope, as_of, changed, sources, memo)
        problems += found
        if cell is not None and doc is not None:
            cells.append(cell)
            docs[cell.id] = doc
    problems += _same_names(cells, docs)
    if any(p.severity != WARNING for p in problems):
        raise RecordsError(problems + warnings)
    assert committee is not None
    cells.sort(key=lambda c: c.id)
    files = 1 + 3 * len(programmes) + len(paths)
    return Records(committee, programmes, tuple(cells), files, tuple(warnings + problems), sources)


def _old_layout(project: Path) -> list[Problem]:
    """Records of the first layout (one plan in dang-bo.yml and tieu-chi.yml): say where things moved."""
    old = project / RECORDS / BOOK_FILE
    if not old.exists():
        return []
    return [
        Problem(
            f"{RECORDS}/{BOOK_FILE}",
            1,
            1,
            "",
            f"khung tiêu chí nay thuộc từng chương trình: chuyển tệp này vào {RECORDS}/{PROGRAMMES_DIR}/<mã chương "
            "trình>/tieu-chi.yml, còn 'types' (loại hình chi bộ) vào records/dang-bo.yml (xem README, mục Chương "
            "trình)",
        )
    ]


def _same_names(cells: list[Cell], docs: Mapping[str, ParsedFile]) -> list[Problem]:
    """Two cells with one name (however written: ``text.name_key``) cannot be told apart in a
    list, a document or a spreadsheet row: every one after the first is an error."""
    first: dict[str, Cell] = {}
    problems = []
    for cell in cells:
        key = name_key(cell.name)
        other = first.setdefault(key, cell)
        if other is not cell:
            line = docs[other.id].mark(("name",))[0]
            problems.append(
                docs[cell.id].problem(
                    ("name",),
                    f"tên '{cell.name}' trùng với tên chi bộ mã '{other.id}' ({docs[other.id].file}, dòng {line}); "
                    "mỗi chi bộ một tên riêng",
                )
            )
    return problems


def _cell_file(
    path: Path,
    project: Path,
    scope: Scope | None,
    as_of: dt.date | None,
    changed: Mapping[Path, str],
    sources: dict[str, str],
    memo: Memo | None,
) -> tuple[ParsedFile | None, Cell | None, list[Problem]]:
    """One cell file read, validated and checked against the programmes (or as the memo has it)."""
    rel, signature = _rel(path, project), None
    if memo is not None and path not in changed:
        signature = _signature(path)
        kept = memo.cells.get(rel)
        if signature is not None and kept is not None and kept.signature == signature:
            if kept.doc is not None:
                sources[rel] = kept.doc.text
            return kept.doc, kept.cell, list(kept.problems)
    found: list[Problem] = []
    doc = _read(path, project, found, changed, sources)
    cell = _checked(doc, Cell, found)
    if doc is not None:
        _add_new(found, check_cell(doc, as_of))
        if scope is not None and isinstance(doc.data, dict):
            _add_new(found, check_cell_scope(doc, doc.data, scope, as_of))
    if memo is not None and signature is not None:
        memo.cells[rel] = Remembered(signature, doc, cell, list(found))
    return doc, cell, found


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _rel(path: Path, project: Path) -> str:
    return path.relative_to(project).as_posix()


def _read(
    path: Path, project: Path, problems: list[Problem], changed: Mapping[Path, str], sources: dict[str, str]
) -> ParsedFile | None:
    rel = _rel(path, project)
    if path not in changed and not path.exists() and not path.is_symlink():
        problems.append(Problem(rel, 1, 1, "", "thiếu tệp hồ sơ này"))
        return None
    doc, found = read_document(path, rel, changed.get(path))
    problems += found
    if doc is not None:
        sources[rel] = doc.text
    return doc


def _checked(doc: ParsedFile | None, model: type[M], problems: list[Problem]) -> M | None:
    """The validated record, or ``None``; its problems join ``problems``."""
    if doc is None:
        return None
    value, found = check(doc, model)
    _add_new(problems, found)
    return value


def _add_new(problems: list[Problem], found: list[Problem]) -> None:
    """Add problems, but one line per value: a value already reported is not reported again."""
    reported = {(p.file, p.path) for p in problems}
    problems += [p for p in found if (p.file, p.path) not in reported]


def _inside(link: Path, folder: Path) -> bool:
    """Whether a symbolic link ends inside ``folder`` (a broken link is reported when read)."""
    try:
        return link.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a loop of links
        return True


def _cell_paths(folder: Path, project: Path, problems: list[Problem]) -> tuple[list[Path], list[Problem]]:
    """The cell files to read, refusing links out of ``records/`` and id clashes by case."""
    if not folder.is_dir():
        problems.append(Problem(_rel(folder, project), 1, 1, "", "thiếu thư mục hồ sơ chi bộ"))
        return [], []
    records = (project / RECORDS).resolve()
    paths: list[Path] = []
    warnings: list[Problem] = []
    stems: dict[str, str] = {}
    with os.scandir(folder) as entries:
        names = sorted((entry.name, entry.is_symlink()) for entry in entries)
    for name, is_link in names:
        path = folder / name
        rel = _rel(path, project)
        if name.startswith("."):
            continue
        if not name.endswith(".yml"):
            warnings.append(Problem(rel, 1, 1, "", "bỏ qua tệp không có đuôi .yml", WARNING))
            continue
        if is_link and not _inside(path, records):
            problems.append(Problem(rel, 1, 1, "", "liên kết trỏ ra ngoài thư mục records/; hãy chép tệp vào đây"))
            continue
        folded = path.stem.casefold()
        if folded in stems:
            problems.append(
                Problem(rel, 1, 1, "", f"trùng mã chi bộ với tệp {stems[folded]} (chỉ khác chữ hoa, chữ thường)")
            )
            continue
        stems[folded] = rel
        paths.append(path)
    return paths, warnings
