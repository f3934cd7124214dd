"""``chibo generate DIR``: a project that builds without hooks; the folder it replaces.

That every engine builds the result into the same site is tests/test_engines.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, copy_project


def generate(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chibo", "generate", str(out), "--project", str(project)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONUTF8="1"),
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project", DATA / "small" / "records")


class _EnvLoader(yaml.SafeLoader):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def test_the_project_has_pages_downloads_and_no_hooks(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = generate(project, out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Đã tạo dự án tại {out}: ")
    config = yaml.load((out / "mkdocs.yml").read_text(encoding="utf-8"), _EnvLoader)
    assert "hooks" not in config and "watch" not in config
    assert config["theme"]["custom_dir"] == "overrides"
    assert config["extra"]["chibo"] == {"sample": True, "as_of": "31-12-2025", "policy": None}
    assert (out / "overrides/partials/toc.html").is_file()
    for name in (
        "index.md",
        "chuong-trinh/kieu-mau-2022-2025/ke-hoach/index.md",  # the plan of the programme
        "ke-hoach/index.html",  # its former address, sending to it
        "chi-bo/chi-bo-a/index.md",
        "chi-bo/chi-bo-a/dang-ky/index.html",  # the former address, sending to the office area
        "ket-qua/2025/index.md",
        "ket-qua/2025/cong-nhan/index.html",
        "van-phong/index.md",
        "van-phong/chi-bo/chi-bo-a/index.md",
        "van-phong/chuong-trinh/kieu-mau-2022-2025/van-ban/2025/cong-nhan/index.md",
        "van-phong/chuong-trinh/kieu-mau-2022-2025/van-ban/2025/cong-nhan-2025.docx",
        "van-phong/ket-qua/2025/cong-nhan/index.html",  # its former address, sending to it
        "van-phong/du-lieu/ket-qua.csv",
        "du-lieu/ket-qua.xlsx",
        "du-lieu/lich.ics",
        "assets/chibo.css",
        "assets/javascripts/lunr/min/lunr.vi.min.js",
    ):
        assert (out / "docs" / name).is_file(), name
    assert "folding" in (out / "docs/assets/javascripts/lunr/min/lunr.vi.min.js").read_text(encoding="utf-8").lower()
    cell = (out / "docs/chi-bo/chi-bo-a/index.md").read_text(encoding="utf-8")
    assert "\n### Điều kiện lựa chọn năm 2025 { #dieu-kien-lua-chon-nam-2025 }\n" in cell


def test_a_folder_not_made_by_generate_is_left_alone(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("của tôi", encoding="utf-8")
    done = generate(project, out)
    assert done.returncode == 1
    assert "đã có nội dung không do chibo generate tạo" in done.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert generate(project, project).returncode == 1


def test_generating_again_replaces_the_whole_folder(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(project, out).returncode == 0
    (out / "docs/stale.md").write_text("# cũ\n", encoding="utf-8")
    assert generate(project, out).returncode == 0
    assert not (out / "docs/stale.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "project"]


def test_broken_records_write_nothing(project: Path, tmp_path: Path) -> None:
    cell = project / "records/chi-bo/chi-bo-c.yml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("rating: tot}", "rating: tot-lam}"), encoding="utf-8")
    done = generate(project, tmp_path / "out")
    assert done.returncode == 1
    assert "lỗi: results[" in done.stderr and "'tot-lam' không hợp lệ" in done.stderr
    assert not (tmp_path / "out").exists()


def test_heading_ids_are_the_ones_toc_would_make() -> None:
    from chibo.output.anchors import Anchors

    anchors = Anchors(["attr_list", {"toc": {"permalink": True}}])
    page = (
        "---\ntitle: Thử\n---\n\n# Điều kiện \\(A\\) ##\n\n```\n# không phải tiêu đề\n```\n\n"
        "## Điều kiện (A)\n\n## Đoàn kết { .lop }\n\n## Có sẵn { #co-san }\n"
    )
    assert anchors.add(page) == (
        "---\ntitle: Thử\n---\n\n# Điều kiện \\(A\\) { #dieu-kien-a }\n\n```\n# không phải tiêu đề\n```\n\n"
        "## Điều kiện (A) { #dieu-kien-a_1 }\n\n## Đoàn kết { #doan-ket .lop }\n\n## Có sẵn { #co-san }\n"
    )


def test_generate_prints_the_warnings_a_build_prints(tmp_path: Path) -> None:
    from test_history import small_project

    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", small_project(tmp_path / "rules").joinpath("records"))
    done = generate(project, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "cảnh báo" in line]
    assert lines == [  # the rules of the year, as chibo validate and the build print them, once each
        "records/dang-bo.yml:27:7: cảnh báo: rules[0].cap: năm 2024: 1 chi bộ xếp loại Hoàn thành xuất sắc "
        "nhiệm vụ, vượt giới hạn 20% của 3 chi bộ Hoàn thành tốt nhiệm vụ (tối đa 0)",
        "records/dang-bo.yml:27:7: cảnh báo: rules[0].cap: năm 2025: 1 chi bộ xếp loại Hoàn thành xuất sắc "
        "nhiệm vụ, vượt giới hạn 20% của 3 chi bộ Hoàn thành tốt nhiệm vụ (tối đa 0)",
    ]
