"""Three engines, one site (DESIGN.md §6: the site does not depend on one engine's plugin API).

The bundled sample records are built four ways, each with ``--strict``:

* ``mkdocs``: MkDocs 1.6 with our hooks (the everyday path);
* ``properdocs``: ProperDocs, the maintained MkDocs 1.x line, with the same hooks;
* ``generated``: MkDocs on the output of ``chibo generate`` (no hooks);
* ``zensical``: Zensical on the output of ``chibo generate``.

All four must publish the same pages and the same downloads (byte for byte), and every
page must show the same main content (the article's text, heading anchors and links).
What still differs between the engines is listed in the README, with the reason.
Engines missing here skip with the reason; in CI (CI=true) they must be there.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import build_site, copy_project, require
from htmltext import Page, page

ENGINES = ("mkdocs", "properdocs", "generated", "zensical")
# One page of each type (DESIGN.md §5); every page is compared in test_every_page_shows_the_same_content.
PAGE_TYPES = [
    "",
    "chuong-trinh/",
    "chuong-trinh/kieu-mau-2022-2025/",
    "chuong-trinh/kieu-mau-2022-2025/ke-hoach/",
    "chuong-trinh/kieu-mau-2022-2025/tieu-chi/",
    "chuong-trinh/bon-tot-2026-2030/ket-qua/",
    "chi-bo/",
    "chi-bo/khoa-duoc/",
    "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky/",
    "van-phong/chi-bo/khoa-duoc/",
    "ket-qua/",
    "ket-qua/2025/",
    "chuong-trinh/bon-tot-2026-2030/lo-trinh/",
    "chuong-trinh/kieu-mau-2022-2025/to-chuc-thuc-hien/",
    "van-ban/",
    "du-lieu/",
]
_HEADING_ID = re.compile(r'<h([1-6])[^>]* id="([^"]+)"')


def _run(command: list[str], cwd: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONUTF8="1")
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"


def _engine(module: str) -> None:
    require(
        importlib.util.find_spec(module) is not None,
        f"{module} is not installed here (python hooks/dev.py installs it from requirements.lock)",
    )


def _generated(tmp: Path) -> Path:
    from chibo.output.standalone import generate

    out = tmp / "generated"
    generate(copy_project(tmp / "project"), out)
    return out


def build(engine: str, tmp: Path) -> Path:
    """The sample site built by ``engine`` in ``tmp``; its ``site/`` folder."""
    tmp.mkdir(parents=True)
    if engine == "mkdocs":
        return build_site(copy_project(tmp))
    if engine == "properdocs":
        _engine("properdocs")
        project = copy_project(tmp)
        _run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"], project)
        return project / "site"
    (tmp / "project").mkdir()
    if engine == "generated":
        return build_site(_generated(tmp))
    _engine("zensical")
    out = _generated(tmp)
    _run([sys.executable, "-m", "zensical", "build", "--strict"], out)
    return out / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("engines")
    return {engine: build(engine, root / engine) for engine in ENGINES}


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def downloads(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (site / "du-lieu").rglob("*")
        if p.is_file() and p.suffix != ".html"
    }


def content(site: Path, name: str) -> tuple[str, list[tuple[str, str]], list[tuple[str, str]]]:
    """What a reader gets from a page: the article's text, its headings' anchors, and its links
    with where they lead (engines may write ``dang-ky/`` or ``../khoa-duoc/dang-ky/``)."""
    built = Page(site / name)
    links = [(urljoin(f"/{name}", href), text) for href, text in built.links]
    return built.text, _HEADING_ID.findall(built.html), links


def test_every_engine_publishes_the_same_pages_and_downloads(sites: dict[str, Path]) -> None:
    reference = sites["mkdocs"]
    assert len(pages(reference)) > 60
    assert {"du-lieu/chi-bo.xlsx", "du-lieu/ket-qua.csv", "du-lieu/lich.ics"} <= set(downloads(reference))
    for engine, site in sites.items():
        assert pages(site) == pages(reference), engine
        assert downloads(site) == downloads(reference), engine


@pytest.mark.parametrize("url", PAGE_TYPES)
@pytest.mark.parametrize("engine", ENGINES[1:])
def test_each_page_type_shows_the_same_content(sites: dict[str, Path], engine: str, url: str) -> None:
    name = f"{url}index.html"
    expected, actual = content(sites["mkdocs"], name), content(sites[engine], name)
    assert expected[0], "the page has text"
    assert actual == expected


def test_every_page_shows_the_same_content(sites: dict[str, Path]) -> None:
    different = [
        (engine, name)
        for name in sorted(pages(sites["mkdocs"]))
        for engine in ENGINES[1:]
        if content(sites[engine], name) != content(sites["mkdocs"], name)
    ]
    assert different == []


@pytest.mark.parametrize("engine", ENGINES)
def test_theme_overrides_render_in_every_engine(sites: dict[str, Path], engine: str) -> None:
    cell = page(sites[engine], "chi-bo/khoa-duoc/")
    assert "Dữ liệu minh họa, không phải số liệu chính thức." in cell.text
    assert "Số liệu tính đến ngày 28-12-2026." in cell.text
    assert re.search(r'<nav class="md-nav md-nav--secondary" aria-label="Mục lục">', cell.html)
    assert "<title>Chi bộ Khoa Dược - Xây dựng chi bộ · Đảng bộ Trường ĐH Y Dược Thái Bình</title>" in cell.html
    assert "Chuyển đến nội dung" in cell.html  # our Vietnamese labels (partials/languages/vi.html)
    query = re.compile(r"assets/chibo-query(?:\.[0-9a-f]{12})?\.js")  # hashed by the hooks (output/assets.py)
    assert query.search(page(sites[engine], "chi-bo/").html)  # ?q= for the list, not the search
    assert not query.search(cell.html)


@pytest.mark.parametrize("engine", ENGINES)
def test_anchors_are_ascii_with_d_for_dj(sites: dict[str, Path], engine: str) -> None:
    cell = page(sites[engine], "chi-bo/khoa-duoc/")
    assert ("1", "chi-bo-khoa-duoc") in _HEADING_ID.findall(cell.html)
    assert ("3", "dieu-kien-lua-chon-nam-2022") in _HEADING_ID.findall(cell.html)
    assert ("2", "chi-bo-bon-tot-2026-2030") in _HEADING_ID.findall(cell.html)


@pytest.mark.parametrize("engine", ENGINES)
def test_no_page_requests_anything_outside_the_site(sites: dict[str, Path], engine: str) -> None:
    for html_file in sites[engine].rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', html.replace('href="https://squidfunk', "")), html_file
