"""Search that finds Vietnamese words typed with or without diacritics.

Material loads lunr-languages' ``lunr.vi`` into its search worker. We publish that file
with ``assets/search-vi.js`` appended, which folds diacritics on both the index and the
query (see that file). The theme's original is read from the installed Material package,
so nothing of Material is copied into this project. With the hooks the patched file
replaces the theme's in the build; a generated project (``chibo generate``) carries it
under ``docs/``, where it takes the place of the theme's file of the same path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

LUNR_VI = "assets/javascripts/lunr/min/lunr.vi.min.js"
PATCH = Path(__file__).parent / "assets" / "search-vi.js"


def patched(original: str) -> str:
    """Material's ``lunr.vi`` script followed by the folding patch."""
    return f"{original}\n{PATCH.read_text(encoding='utf-8')}"


def material_lunr_vi() -> str:
    """The installed Material theme's ``lunr.vi`` script, patched."""
    import material

    return patched((Path(material.__file__).parent / "templates" / LUNR_VI).read_text(encoding="utf-8"))


def fold_diacritics(files: Files, config: MkDocsConfig) -> Files:
    """Replace Material's ``lunr.vi`` with the same script plus the folding patch."""
    from mkdocs.structure.files import File

    original = files.get_file_from_path(LUNR_VI)
    if original is None or original.abs_src_path is None:
        return files
    text = Path(original.abs_src_path).read_text(encoding="utf-8")
    files.remove(original)
    files.append(File.generated(config, LUNR_VI, content=patched(text)))
    return files
