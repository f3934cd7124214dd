"""``chibo init DIR --committee NAME``: a project for another committee, that builds on its own.

The project gets a copy of the code (``hooks/``: the MkDocs hooks, templates, theme and the
``chibo`` command), the site's configuration (``mkdocs.yml`` with the committee's name),
the static files (``docs/assets``, ``docs/robots.txt``), what installs it
(``pyproject.toml``, the hashed ``requirements.lock``: ``python hooks/dev.py serve`` works
on a fresh machine), and records: ``dang-bo.yml`` (its name; superior body and place to
fill), one programme skeleton, no cells. A copy rather than a reference to this checkout:
the new project is its own git repository, moves to its own server and keeps building
whatever happens to this one; updating the code is copying ``hooks/`` again.

Everything is written into a temporary sibling folder, checked (the records must validate),
then renamed into place: a failure leaves nothing half made.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import unicodedata
from pathlib import Path

from ..records import load_records
from ..records import schema as schemas
from ..records.loader import hidden_character
from ..records.paths import CELLS_DIR, RECORDS
from .demo import project_root
from .new import ScaffoldError
from .skeleton import ProgrammeSpec, committee_file, programme_files, render, site_config

COPIED = ("hooks", "pyproject.toml", "requirements.in", "requirements.lock", ".gitignore")
DOCS = ("assets", "robots.txt")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
KEEP = ".gitkeep"  # git keeps no empty folder: records/chi-bo/ holds this until the first cell


def init_project(out: Path, committee: str, as_of: dt.date, programme: ProgrammeSpec) -> list[str]:
    """Write the project into ``out`` (absent or empty); the files written, relative to it."""
    name = unicodedata.normalize("NFC", " ".join(committee.split()))
    hidden = hidden_character(committee)
    if hidden is not None:
        raise ScaffoldError(f"tên Đảng bộ: {hidden[1]}")
    if not name:
        raise ScaffoldError("tên Đảng bộ không được để trống")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ScaffoldError(f"{out} đã có và không trống; chọn một thư mục mới")
    source = project_root()
    temp = out.parent / f".{out.name}.chibo-tam"
    if temp.exists():
        shutil.rmtree(temp)
    try:
        _write(temp, source, name, as_of, programme)
        load_records(temp)  # the skeleton must be valid as written
        if out.exists():
            out.rmdir()
        os.replace(temp, out)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and "hooks" not in p.parts)


def _write(temp: Path, source: Path, name: str, as_of: dt.date, programme: ProgrammeSpec) -> None:
    temp.mkdir(parents=True)
    for item in COPIED:
        if (source / item).is_dir():
            shutil.copytree(source / item, temp / item, ignore=IGNORED)
        elif (source / item).exists():
            shutil.copy2(source / item, temp / item)
    (temp / "docs").mkdir()
    for item in DOCS:
        if (source / "docs" / item).is_dir():
            shutil.copytree(source / "docs" / item, temp / "docs" / item, ignore=IGNORED)
        else:
            shutil.copy2(source / "docs" / item, temp / "docs" / item)
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    _put(temp, "mkdocs.yml", site_config(config, name))
    files = committee_file(name, as_of) | programme_files(programme)
    for rel, text in files.items():
        _put(temp, rel, text)
    _put(temp, f"{RECORDS}/{CELLS_DIR}/{KEEP}", "")
    schemas.write(temp)
    _put(temp, "README.md", render("new-readme.md.j2", name=name, programme=programme))


def _put(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
