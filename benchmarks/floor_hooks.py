"""Benchmark only (``build.py``): the floor site is our project with this hook after ours.

Our hooks run as in any build; then every page they generate (cells, years, lists,
documents) becomes its title and one line, so MkDocs builds the same number of pages with
(almost) no content: what the engine and our fixed work cost, without our pages' content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chibo.output.files import PendingFile

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files:
        if isinstance(file, PendingFile) and file.is_documentation_page():
            file.content_string = f"# Trang {file.src_uri.removesuffix('/index.md')}\n\nMột dòng.\n"
    return files
