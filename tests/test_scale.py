"""Fast guards of linear cost (the full benchmark is benchmarks/build.py).

* a cell page does not grow with the number of cells;
* every record file is read and validated exactly once per build.
"""

from __future__ import annotations

from pathlib import Path

import chibo.output.site
import chibo.records
import chibo.records.load
import pytest
from chibo.commands.demo import make_cell, write_demo
from conftest import build_site


def test_demo_is_deterministic_and_valid(tmp_path: Path) -> None:
    assert make_cell(7, seed=3) == make_cell(7, seed=3)
    assert make_cell(7, seed=3) != make_cell(7, seed=4)
    project = write_demo(tmp_path / "demo", 30, seed=3)
    records = chibo.records.load_records(project)
    assert len(records.cells) == 30
    assert {c.type for c in records.cells} == {"giang-day", "benh-vien", "hanh-chinh", "sinh-vien"}
    assert any(r.model for c in records.cells for r in c.results)
    assert any(c.registration for c in records.cells)


def test_cell_page_size_does_not_grow_with_the_number_of_cells(tmp_path: Path) -> None:
    small = build_site(write_demo(tmp_path / "small", 4))
    large = build_site(write_demo(tmp_path / "large", 60))
    page = "chi-bo/chi-bo-00001/index.html"
    a, b = (small / page).stat().st_size, (large / page).stat().st_size
    assert abs(b - a) <= 0.01 * a, (a, b)
    report = "chi-bo/chi-bo-00001/dang-ky/index.html"
    assert (large / report).stat().st_size <= 1.01 * (small / report).stat().st_size


def test_records_are_read_and_validated_once_per_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = write_demo(tmp_path / "demo", 12)
    reads: list[str] = []
    loads: list[Path] = []
    read, load = chibo.records.load.read_document, chibo.output.site.load_records
    monkeypatch.setattr(
        chibo.records.load, "read_document", lambda path, rel, text=None: (reads.append(rel), read(path, rel, text))[1]
    )
    monkeypatch.setattr(
        chibo.output.site, "load_records", lambda p, memo=None: (loads.append(p), load(p, memo=memo))[1]
    )
    build_site(project)
    assert len(loads) == 1
    # the committee, the two YAML files of each of the demo's two programmes, the cells
    assert sorted(reads) == sorted(set(reads)) and len(reads) == 1 + 2 * 2 + 12
