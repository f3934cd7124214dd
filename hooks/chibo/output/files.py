"""A MkDocs file whose content is asked for only when MkDocs reads or copies it.

MkDocs takes every file of the site in ``on_files`` but reads a page only when it comes to
it. A ``PendingFile`` gives its place at once and its content at that moment, so a second
process can still be making the later pages while MkDocs works on the first (``worker.py``).
A download not made yet when MkDocs copies the files (before it writes the pages) is
written at the end of the build instead (``Pages.later``), so MkDocs never waits for one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .site import Pages


class PendingFile(File):
    """A generated file (``File.generated``) with its content fetched on first use."""

    _pages: Pages
    _value: str | bytes | None = None

    @classmethod
    def pending(cls, config: MkDocsConfig, src_uri: str, pages: Pages) -> PendingFile:
        """The file ``src_uri``, its content asked of ``pages`` when first needed."""
        file = cls.generated(config, src_uri, content=b"")
        file._pages, file._value = pages, None
        return file

    def is_modified(self) -> bool:
        return self._pages.modified(self.src_uri)

    def copy_file(self, dirty: bool = False) -> None:
        if self._value is None and not self._pages.ready(self.src_uri):
            self._pages.later(lambda: self._copy(dirty))
        else:
            self._copy(dirty)

    def _copy(self, dirty: bool) -> None:
        super().copy_file(dirty)
        self._pages.release(self.src_uri)

    # MkDocs reads ``_content`` in ``content_bytes``, ``content_string``, ``copy_file`` and
    # ``is_modified`` ("if set, the file's content will be read from here").
    @property
    def _content(self) -> str | bytes:
        if self._value is not None:
            return self._value
        return self._pages.page(self.src_uri).content  # not kept here: ``pages`` lets it go when used

    @_content.setter
    def _content(self, value: str | bytes) -> None:
        self._value = value
