"""Internal by default and a strict content policy (DESIGN.md §6).

Built pages: marked internal, noindex, no sitemap, robots.txt; no inline script, inline
style, event-handler attribute or javascript: URL anywhere. In Chromium, under the
policy the server sends (conftest.Server, for every browser test): the search, the cell
list filters and print raise no violation; the offline copy, opened from disk, carries
the policy itself and raises none either. And a check that the checks can fail.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chibo.output import fence, policy

INTERNAL = "Tài liệu lưu hành nội bộ"


class _Scan(HTMLParser):
    """What in a page the content policy would block, and the page's internal markings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocked: list[str] = []
        self.scripts: list[str] = []
        self.robots: list[str] = []
        self.csp: list[str] = []
        self.banner = False
        self._script: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style" or (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.blocked.append("<style>")
        if tag == "script":
            if "src" in found:
                self.scripts.append(found["src"] or "")
            elif found.get("type") != "application/json":
                self._script = ""
        if tag == "meta" and found.get("name") == "robots":
            self.robots.append(found.get("content") or "")
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(found.get("content") or "")
        if tag == "p" and "chibo-internal" in (found.get("class") or ""):
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if self._script.strip():
                self.blocked.append(f"inline script: {self._script.strip()[:60]}")
            self._script = None
        if tag == "p" and "".join(self._text).strip() == INTERNAL:
            self.banner = True


def scan(html_file: Path) -> _Scan:
    parser = _Scan()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(sample_server) -> Path:
    return sample_server.root


def test_every_page_is_marked_internal_and_not_indexed(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 60
    for html_file in pages:
        found = scan(html_file)
        assert found.robots == ["noindex, nofollow"], html_file
        assert found.banner, html_file
        assert found.csp == [], "the served site gets its policy from the server"


def test_robots_txt_disallows_all_and_there_is_no_sitemap(built: Path) -> None:
    assert (built / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert not (built / "sitemap.xml").exists() and not (built / "sitemap.xml.gz").exists()


def test_nothing_the_policy_would_block(built: Path) -> None:
    for html_file in sorted(built.rglob("*.html")):
        found = scan(html_file)
        assert found.blocked == [], html_file
        for src in found.scripts:
            target = (built / src.lstrip("/")) if src.startswith("/") else (html_file.parent / src)
            assert target.resolve().is_file() and built.resolve() in target.resolve().parents, (html_file, src)


def test_material_scripts_run_from_files_named_by_their_content(built: Path) -> None:
    moved = sorted((built / "assets" / "javascripts").glob("chibo-inline.*.js"))
    assert 3 <= len(moved) <= 10, "a handful of scripts, not one per page"
    texts = [p.read_text(encoding="utf-8") for p in moved]
    assert any("__md_scope" in t for t in texts) and any("__palette" in t for t in texts)
    index = (built / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="assets/javascripts/chibo-inline\.[0-9a-f]{16}\.js"></script>', index)


def test_table_alignment_by_class(built: Path) -> None:
    html = (built / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert 'class="chibo-align-right"' in html and "text-align" not in html


def test_search_share_link_is_no_javascript_url() -> None:
    material = (
        '<a href="javascript:void(0)" class="md-search__icon md-icon" title="Chia sẻ" '
        'data-clipboard data-md-component="search-share" tabindex="-1">'
    )
    assert fence.fix_markup(material).startswith('<a href="#" class="md-search__icon md-icon"')


def test_the_nginx_configuration_sends_this_policy() -> None:
    from conftest import ROOT

    snippet = (ROOT / "deploy" / "nginx" / "snippets" / "chibo-headers.conf").read_text(encoding="utf-8")
    assert re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', snippet) == [policy.header()]
    assert policy.header() == policy.meta() + "; frame-ancestors 'none'"
    assert "unsafe" not in policy.header() and "*" not in policy.header()


# --- in Chromium, under the policy --------------------------------------------------------


def quiet(seen) -> None:
    assert seen.violations == [], seen.violations
    assert [e for e in seen.errors if "Content Security Policy" in e] == []


def test_the_checks_see_a_violation(sample_server, visit) -> None:
    seen = visit(sample_server.url)
    seen.page.evaluate(
        "document.body.append(Object.assign(document.createElement('script'), {textContent: 'window.ran = true'}))"
    )
    seen.page.wait_for_timeout(200)
    assert seen.page.evaluate("window.ran") is None
    assert seen.violations and "script-src" in seen.violations[0]
    assert any("Content Security Policy" in e for e in seen.errors)


# Every page type loads without a violation: test_browser_pages.py (both colour schemes,
# this Python server) and test_nginx.py (through nginx) check it on each one.


def test_numbers_stay_right_aligned_without_style_attributes(sample_server, visit) -> None:
    seen = visit(sample_server.url + "ket-qua/")
    cells = seen.page.locator("td.chibo-align-right")
    assert cells.count() > 10 and cells.first.evaluate("e => getComputedStyle(e).textAlign") == "right"
    quiet(seen)


def test_search_filters_and_print_obey_the_policy(sample_server, visit) -> None:
    seen = visit(sample_server.url)
    page = seen.page
    page.click(".md-search__input")
    page.fill(".md-search__input", "khoa duoc")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    page.goto(sample_server.url + "chi-bo/?q=duoc")
    assert page.locator(".chibo-filter output").text_content() == "2/24 chi bộ"
    page.select_option("select[name=loai]", "sinh-vien")
    assert page.locator(".chibo-filter output").text_content() == "1/24 chi bộ"
    page.goto(sample_server.url + "van-phong/chi-bo/khoa-duoc/kieu-mau-2022-2025/dang-ky/")
    page.emulate_media(media="print")
    assert page.locator(".chibo-internal").is_visible(), "printed too"
    assert page.pdf(format="A4").startswith(b"%PDF")
    quiet(seen)


def test_the_offline_copy_carries_the_policy_and_obeys_it_from_disk(offline_copy: Path, visit) -> None:
    for html_file in sorted(offline_copy.rglob("*.html")):
        assert scan(html_file).csp == [policy.meta()], html_file
    seen = visit((offline_copy / "index.html").as_uri())
    page = seen.page
    page.click(".md-search__input")
    page.fill(".md-search__input", "khoa duoc")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")  # the search worker, in an iframe, from file://
    page.goto((offline_copy / "chi-bo" / "index.html").as_uri() + "?loai=sinh-vien")
    assert page.locator(".chibo-filter output").text_content() == "4/24 chi bộ"
    assert not (offline_copy / "van-phong").exists(), "the offline copy is shared as a file: members' pages only"
    assert not (offline_copy / "chi-bo" / "khoa-duoc" / "dang-ky").exists()
    page.goto((offline_copy / "chi-bo" / "khoa-duoc" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".chibo-internal").is_visible()
    quiet(seen)
    assert seen.errors == [] and seen.outside == []
