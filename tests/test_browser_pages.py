"""Every page type in headless Chromium: nothing fetched from outside, no console errors,
no serious accessibility violation (axe-core), no HTML error from our templates (Nu Html
Checker), and screenshots at desktop and phone width for review (tests/screenshots/)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import NODE_TOOLS, SCREENSHOTS, require

PAGE_TYPES = {
    "tong-quan": "",
    "chuong-trinh": "chuong-trinh/",
    "chuong-trinh-dang-thuc-hien": "chuong-trinh/bon-tot-2026-2030/",
    "ke-hoach": "chuong-trinh/kieu-mau-2022-2025/ke-hoach/",
    "tieu-chi": "chuong-trinh/kieu-mau-2022-2025/tieu-chi/",
    "danh-sach-chi-bo": "chi-bo/",
    "chi-bo": "chi-bo/khoa-kham-benh/",
    "chi-bo-cham-diem": "chi-bo/khoa-duoc/",  # the results table with a score column: the widest
    "dang-ky": "van-phong/chi-bo/khoa-kham-benh/bon-tot-2026-2030/dang-ky/",
    "ket-qua": "ket-qua/",
    "ket-qua-nam": "ket-qua/2025/",
    "lo-trinh": "chuong-trinh/bon-tot-2026-2030/lo-trinh/",
    "ket-qua-chuong-trinh": "chuong-trinh/bon-tot-2026-2030/ket-qua/",
    "to-chuc": "chuong-trinh/kieu-mau-2022-2025/to-chuc-thuc-hien/",
    "van-ban": "van-ban/",
    "du-lieu": "du-lieu/",
    "van-phong": "van-phong/",
    "van-phong-chi-bo": "van-phong/chi-bo/khoa-kham-benh/",
    "van-phong-nam": "van-phong/ket-qua/2025/",
    "404": "404.html",
}
AXE = NODE_TOOLS / "axe-core" / "axe.min.js"
VNU = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the open page (run from the test, not as a
    <script> the content policy would block)."""
    page.page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_loads_clean_and_accessible(sample_server, visit, name: str, scheme: str) -> None:
    require(AXE.exists(), "axe-core is not installed (npm install --prefix tests/browser)")
    page = visit(sample_server.url + PAGE_TYPES[name], scheme=scheme)
    page.page.wait_for_load_state("networkidle")
    assert page.outside == [], "the page fetched something from outside the site"
    assert page.errors == [] and page.violations == []
    assert serious_violations(page) == []


# A table wider than the page, with nothing in it the keyboard can reach (a link would do),
# must scroll in a region the keyboard reaches and a screen reader names (axe-core's
# "scrollable-region-focusable"): each such table, and whether its region is so.
_WIDE_TABLES = """() => [...document.querySelectorAll("article table")]
    .filter(t => (t.closest(".md-typeset__scrollwrap") || t).scrollWidth > t.closest("article").clientWidth)
    .filter(t => !t.querySelector("a[href], button, input, select, textarea"))
    .map(t => { const r = t.closest(".chibo-scroll");
                return [r !== null && r.tabIndex === 0 && r.getAttribute("role") === "region",
                        r && r.getAttribute("aria-label")]; })"""


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_accessible_on_a_phone(sample_server, visit, name: str) -> None:
    require(AXE.exists(), "axe-core is not installed (npm install --prefix tests/browser)")
    page = visit(sample_server.url + PAGE_TYPES[name], width=390, height=844)
    page.page.wait_for_load_state("networkidle")
    assert serious_violations(page) == []
    wide = page.page.evaluate(_WIDE_TABLES)
    assert all(focusable and label for focusable, label in wide), wide
    if name == "chi-bo-cham-diem":  # the results table, at least, is wider than a phone
        assert ["true", "Kết quả hằng năm"] in [[str(f).lower(), label] for f, label in wide]


def test_results_table_scroll_region_at_desktop_width(sample_server, visit) -> None:
    page = visit(sample_server.url + "chi-bo/khoa-duoc/", width=1280)
    page.page.wait_for_load_state("networkidle")
    region = page.page.locator('.chibo-scroll[aria-label="Kết quả hằng năm"]')
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    region.focus()
    page.page.keyboard.press("End")  # the keyboard scrolls it sideways, to the last columns
    assert serious_violations(page) == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_screenshots_for_review(sample_server, visit, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for label, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        page = visit(sample_server.url + PAGE_TYPES[name], width=width, height=height)
        page.page.wait_for_load_state("networkidle")
        page.page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        assert page.page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"


def test_html_is_valid(sample_server) -> None:
    require(VNU.exists(), "vnu-jar is not installed (npm install --prefix tests/browser)")
    require(shutil.which("java") is not None, "Java is needed for the Nu Html Checker")
    files = [
        sample_server.root / (url + "index.html" if not url.endswith(".html") else url) for url in PAGE_TYPES.values()
    ]
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
