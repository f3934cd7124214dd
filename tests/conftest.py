"""Shared fixtures: small projects in temporary folders, built for real."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(ROOT / "hooks"))


def copy_project(target: Path, records: Path | None = None) -> Path:
    """A buildable project in ``target``: our mkdocs.yml, docs and hooks, given records."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "hooks", target / "hooks",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(records or ROOT / "records", target / "records")
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The hand-checked mini records (tests/data/mini) in a temporary project."""
    return copy_project(tmp_path, DATA / "mini" / "records")


def build_site(project: Path) -> Path:
    """Run a real ``mkdocs build`` of ``project``; return its ``site/``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), strict=True)
    build(config)
    return project / "site"
