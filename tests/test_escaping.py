"""Record strings reach every page as text: HTML, Markdown and template syntax never run."""

from __future__ import annotations

import html
import html as html_lib
import re
from pathlib import Path

import pytest
import yaml
from conftest import DATA, build_site, copy_project
from htmltext import page

HTML = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
JINJA = "{{ 7*7 }}{% raw %}"
PAYLOAD = f"{HTML} {LINK} {JINJA} *nghiêng* <script>alert(2)</script></title><b>đậm</b>"

# Free-text fields: ids, codes, dates and numbers are validated and cannot carry markup.
TEXT_KEYS = {
    "name",
    "short_name",
    "superior",
    "place",
    "title",
    "signer",
    "signer_title",
    "issuer",
    "number",
    "label",
    "owner",
    "note",
    "role",
    "position",
    "who",
    "description",
    "secretary",
    "decision",
    "award",
    "tasks",
    "indicators",
    "model",
    "building",
    "framework",
    "steering",
    "draft_note",
    "signing",
    "recipients",
    "text",
    "public_note",
}


def poison(value: object, key: str | None = None) -> object:
    """Every free-text string in ``value`` with the payload appended."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {PAYLOAD}"
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"), DATA / "small" / "records")
    for path in (project / "records").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_site(project)


URLS = [
    "",
    "chuong-trinh/",
    "chuong-trinh/{P}/",
    "chuong-trinh/{P}/ke-hoach/",
    "chuong-trinh/{P}/tieu-chi/",
    "chuong-trinh/{P}/ket-qua/",
    "chuong-trinh/{P}/lo-trinh/",
    "chuong-trinh/{P}/to-chuc-thuc-hien/",
    "chuong-trinh/{P}/van-ban/",
    "chi-bo/",
    "chi-bo/chi-bo-a/",
    "chi-bo/chi-bo-b/",
    "van-phong/chi-bo/chi-bo-a/kieu-mau-2022-2025/dang-ky/",
    "ket-qua/",
    "ket-qua/2024/",
    "van-ban/",
    "van-phong/",
    "van-phong/chi-bo/chi-bo-a/",
    "van-phong/ket-qua/2024/",
]


@pytest.mark.parametrize("url", URLS)
def test_payloads_show_as_text(hostile: Path, url: str) -> None:
    shown = page(hostile, url.format(P=programme_of(hostile)))
    assert PAYLOAD in shown.text, "the payload is shown, character for character"
    html = shown.html
    assert "<img src=x" not in html
    assert "<script>alert" not in html
    assert "<b>đậm</b>" not in html
    assert not re.search(r"""href=["']?javascript:""", html, re.IGNORECASE)
    assert "49" not in shown.text.replace("2049", "")


def programme_of(site: Path) -> str:
    """The fixture's one programme (its pages' addresses carry its id)."""
    [programme] = [p.name for p in (site / "chuong-trinh").iterdir() if p.is_dir()]
    return programme


def test_payload_in_a_cell_name_is_text_in_the_list_and_the_title(hostile: Path) -> None:
    listing = page(hostile, "chi-bo/")
    assert ("chi-bo-a/", f"Chi bộ A {PAYLOAD}") in listing.links
    title = re.search(r"<title>(.*?)</title>", page(hostile, "chi-bo/chi-bo-a/").html, re.S).group(1)
    assert title.strip().startswith(f"Chi bộ A {html.escape(PAYLOAD)} - ")


def test_downloads_stay_valid_and_carry_the_payload_as_data(hostile: Path) -> None:
    import csv
    import io
    import json

    import feedparser
    import icalendar

    cells = json.loads((hostile / "du-lieu/chi-bo.json").read_text(encoding="utf-8"))
    assert cells[0]["name"] == f"Chi bộ A {PAYLOAD}"
    rows = list(csv.reader(io.StringIO((hostile / "du-lieu/chi-bo.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][1] == f"Chi bộ A {PAYLOAD}"
    cal = icalendar.Calendar.from_ical((hostile / "du-lieu/lich.ics").read_bytes())
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert f"Sơ kết giữa kỳ {PAYLOAD}" in summaries
    assert all(len(line) <= 75 for line in (hostile / "du-lieu/lich.ics").read_bytes().split(b"\r\n"))
    feed = feedparser.parse((hostile / "du-lieu/thay-doi.xml").read_bytes())
    assert not feed.bozo
    # The programme's word for a recognised cell is record text too.
    assert feed.entries[0].title == f"Chi bộ A {PAYLOAD}: Được công nhận chi bộ kiểu mẫu {PAYLOAD} năm 2025"


@pytest.mark.parametrize("text", ["=1+2", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_never_start_a_formula(tmp_path: Path, text: str) -> None:
    import csv
    import io

    project = copy_project(tmp_path, DATA / "small" / "records")
    cell = project / "records/chi-bo/chi-bo-c.yml"
    cell.write_text(cell.read_text(encoding="utf-8") + f"secretary: {json_quote(text)}\n", encoding="utf-8")
    site = build_site(project)
    rows = list(csv.reader(io.StringIO((site / "du-lieu/chi-bo.csv").read_bytes().decode("utf-8-sig"), newline="")))
    secretary = next(row for row in rows if row[0] == "chi-bo-c")[4]
    assert secretary == "'" + text


def json_quote(text: str) -> str:
    import json

    return json.dumps(text)


def test_payloads_never_run_in_the_browser(hostile: Path, visit) -> None:
    """Every page type of the hostile site, and a search that shows payloads in results."""
    from conftest import Server

    server = Server(hostile)
    try:
        for url in [*URLS, "ket-qua/2025/", "du-lieu/"]:
            url = url.format(P=programme_of(hostile))
            seen = visit(server.url + url)
            page = seen.page
            page.wait_for_load_state("networkidle")
            if url == "":
                page.click(".md-search__input")
                page.fill(".md-search__input", "Chi bộ A")
                page.keyboard.press("End")
                page.wait_for_function(
                    "() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)"
                )
                page.wait_for_timeout(300)
            assert seen.dialogs == [], url
            assert page.locator("img[src='x'], img[onerror]").count() == 0, url
            assert page.locator("b", has_text="đậm").count() == 0, url
            assert page.locator("a[href^='javascript:']").count() == 0, url
            assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))"), url
            assert seen.errors == [], url
    finally:
        server.close()


def test_a_former_document_address_shows_the_payload_as_text(hostile: Path) -> None:
    html = (hostile / "chi-bo/chi-bo-a/dang-ky/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html and "<b>đậm</b>" not in html
    assert PAYLOAD in " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
