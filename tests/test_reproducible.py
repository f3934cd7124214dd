"""Two builds of the same records give the same bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import DATA, build_site, copy_project


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path_factory: pytest.TempPathFactory) -> None:
    first = build_site(copy_project(tmp_path_factory.mktemp("a"), DATA / "small" / "records"))
    second = build_site(copy_project(tmp_path_factory.mktemp("b"), DATA / "small" / "records"))
    a, b = digests(first), digests(second)
    assert len(a) > 30
    assert {"du-lieu/chi-bo.xlsx", "du-lieu/ket-qua.xlsx"} <= set(a)
    assert a == b
