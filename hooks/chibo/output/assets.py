"""Our style sheet and scripts under names that carry a hash of their content.

Material names its own files so (``bundle.<hash>.min.js``, ``main.<hash>.min.css``); ours get
the same: ``assets/chibo.css`` is published as ``assets/chibo.<hash>.css``. A page then always
loads the files of its own build, even when the next build takes the place of ``site/``
while the page is being read, and the server lets browsers keep them for a year
(``deploy/nginx``), so a page needs one request, not five: each request is a password check.
"""

from __future__ import annotations

import hashlib
import posixpath
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

ASSETS = ("assets/chibo.css", "assets/chibo-list.js", "assets/chibo-query.js")
QUERY = "assets/chibo-query.js"  # loaded by the theme (main.html) on /chi-bo/


def hashed(src_uri: str, content: bytes) -> str:
    """``assets/chibo.css`` → ``assets/chibo.<12 hex digits of its SHA-256>.css``."""
    stem, extension = posixpath.splitext(src_uri)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:12]}{extension}"


def fingerprint(files: Files, config: MkDocsConfig) -> Files:
    """Publish our assets under hashed names, and point the pages at those names."""
    names: dict[str, str] = {}
    for src_uri in ASSETS:
        file = files.get_file_from_path(src_uri)
        if file is None or file.abs_src_path is None:
            continue
        names[src_uri] = hashed(src_uri, file.content_bytes)
        files.remove(file)
        files.append(File.generated(config, names[src_uri], abs_src_path=file.abs_src_path))
    config.extra_css = [names.get(path, path) for path in config.extra_css]
    for index, script in enumerate(config.extra_javascript):
        if isinstance(script, str):
            config.extra_javascript[index] = names.get(script, script)
        else:
            script.path = names.get(script.path, script.path)
    if isinstance(config.extra.get("chibo"), dict) and QUERY in names:
        config.extra["chibo"]["query_script"] = names[QUERY]
    return files
