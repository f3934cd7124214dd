"""The search index reads each block's text instead of the block (chibo/output/fence.py,
``search_text``; put in and taken out by lifecycle.py).

What Material's search plugin receives is spied on: the tables must not reach it, their
words must. What a reader finds must not change: the index has the same entries, each with
the same words in the same order as the index read from the whole blocks (tags and white
space aside), on the sample, on records full of markup and entities, on a demo; the pages
themselves are the same files, byte for byte.
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

import pytest
import yaml
from chibo.commands.demo import write_demo
from chibo.output import fence, lifecycle, render
from chibo.output.maker import PendingFile
from chibo.output.site import build
from conftest import DATA, SAMPLE, build_site, copy_project
from material.plugins.search.plugin import Parser, SearchIndex
from test_escaping import poison

_TAG = re.compile(r"<[^>]*>")
CELL = "chi-bo/khoa-duoc/"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def whole_blocks(self: lifecycle.Build, page, page_html: str) -> str:
    """The search plugin given the whole blocks (what a build did without ``search_text``)."""
    if not isinstance(page.file, PendingFile):
        return page_html
    return render.fill(page_html, self.maker.blocks(page.file.src_uri).html)


def meaning(text: str) -> str:
    """The characters a search can find, in order: no tags, no white space."""
    return "".join(html.unescape(_TAG.sub("", text)).split())


def index_of(site: Path) -> list[tuple[str, str, str]]:
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return [(e["location"], e["title"], meaning(e["text"])) for e in docs]


def hostile_records(tmp_path: Path) -> Path:
    project = copy_project(tmp_path, DATA / "small" / "records")
    for path in (project / "records").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.mark.parametrize("records", ["sample", "hostile", "demo"])
def test_the_index_finds_what_it_finds_in_the_whole_blocks_and_the_pages_are_the_same(
    records: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def project(folder: Path) -> Path:
        folder.mkdir()
        if records == "sample":
            return copy_project(folder)
        if records == "hostile":
            return hostile_records(folder)
        return write_demo(folder, 30)

    reduced = build_site(project(tmp_path / "reduced"))
    monkeypatch.setattr(lifecycle.Build, "search_text", whole_blocks)
    whole = build_site(project(tmp_path / "whole"))
    pages, whole_pages = tree(reduced), tree(whole)
    assert sorted(pages) == sorted(whole_pages)
    assert [name for name in pages if pages[name] != whole_pages[name]] == ["search/search_index.json"]
    assert index_of(reduced) == index_of(whole)
    assert any(location.startswith("chi-bo/") and len(text) > 500 for location, _, text in index_of(reduced))


def test_the_search_plugin_receives_the_tables_text_not_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    received: dict[str, str] = {}
    read = SearchIndex.add_entry_from_context

    def spy(self: SearchIndex, page) -> None:
        received[page.url] = page.content
        read(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", spy)
    site = build_site(copy_project(tmp_path))
    published = (site / CELL / "index.html").read_text(encoding="utf-8")
    assert published.count("<td") > 50  # the page has its tables
    assert "<td" not in received[CELL] and "<table" not in received[CELL]  # the search did not get them
    assert "Hoàn thành xuất sắc nhiệm vụ" in received[CELL]  # but it got their words


def parse(text: str) -> list[tuple[str, str | None, str, str]]:
    parser = Parser()
    parser.feed(text)
    parser.close()
    return [(s.el.tag, s.id, meaning("".join(s.title)), meaning("".join(s.text))) for s in parser.data]


# What can stand around a block in a page: Markdown puts a block on a line of its own,
# between headings, paragraphs, lists and other blocks.
AROUND = [
    ('<h2 id="a">Tiêu đề</h2>\n', "\n<p>Sau đó</p>"),
    ("<p>x</p>", "<p>y</p>"),
    ("\n\n", "\n"),
    ("<h1>H</h1>\n<p>đoạn</p>\n", "\n<h2 id='b'>B</h2>\n<ul>\n<li>z</li>\n</ul>"),
    ("", ""),
    ("<p>a</p>\n<!--chibo:1-->\n", "\n<!--chibo:2-->\n"),
]


def reads_the_same(block: str) -> None:
    text = fence.search_text(block)
    for before, after in AROUND:
        marked = render.mark(before + "<!--chibo:0-->" + after, (text, "", ""))
        assert parse(marked) == parse(before + block + after), (before, block)


def test_every_block_of_the_sample_reads_the_same_to_the_search_parser() -> None:
    blocks = [block for page in build(SAMPLE.parent).pages for block in page.blocks]
    assert len(blocks) > 200
    for block in blocks:
        reads_the_same(block)


def test_random_blocks_read_the_same_to_the_search_parser() -> None:
    rnd = random.Random(20261130)
    tags = ["li", "ul", "ol", "p", "td", "tr", "th", "span", "strong", "div", "table", "a", "svg", "text", "sub"]
    pieces = [
        " ",
        "\n",
        "\t",
        "x",
        "a b",
        " y ",
        "&lt;3",
        "&amp;amp;",
        "&#34;",
        "Đảng ủy",
        "<br>",
        "<rect/>",
        "<!-- c -->",
    ]

    def tree_of(depth: int) -> str:
        out = []
        for _ in range(rnd.randint(0, 4)):
            if depth < 4 and rnd.random() < 0.5:
                tag = rnd.choice(tags)
                out.append(f'<{tag} class="c">{tree_of(depth + 1)}</{tag}>')
            else:
                out.append(rnd.choice(pieces))
        return "".join(out)

    for _ in range(1000):
        tag = rnd.choice(tags)
        reads_the_same(f"<{tag}>{tree_of(1)}</{tag}>" + rnd.choice(["", "\n"]))


def test_a_cell_page_gives_the_search_a_few_characters_per_table() -> None:
    page = next(p for p in build(SAMPLE.parent).pages if p.src_uri == "chi-bo/khoa-duoc/index.md")
    assert sum(len(_TAG.findall(block)) for block in page.blocks) > 200
    assert sum(len(_TAG.findall(text)) for text in page.search) == 0
    assert any("Hoàn thành tốt nhiệm vụ" in text for text in page.search)


def test_a_block_the_search_would_read_differently_is_refused() -> None:
    for block in ("<div><h3>Mục</h3></div>", "<div data-search-exclude>x</div>", "<svg><style>a{}</style></svg>"):
        with pytest.raises(ValueError):
            fence.search_text(block)
