"""Read a .docx as the clerk's tools do: its parts (sections), paragraphs and tables in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Part:
    """One section of a document: its paragraphs (tables' cells excluded) and its tables (rows of
    cell texts, a merged cell once per row)."""

    lines: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        cells = [c for t in self.tables for row in t for c in row]
        return " ".join(" ".join(self.lines + cells).split())


def parts(path: Path) -> list[Part]:
    """The document's sections in order; a section ends with a paragraph carrying ``sectPr``."""
    doc = Document(str(path))
    found = [Part()]
    for element in doc.element.body.iterchildren():
        if element.tag == f"{W}p":
            text = Paragraph(element, doc).text
            if text.strip():
                found[-1].lines.append(text)
            if element.find(f"./{W}pPr/{W}sectPr") is not None:
                found.append(Part())
        elif element.tag == f"{W}tbl":
            found[-1].tables.append(rows(Table(element, doc)))
    return found


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def text(path: Path) -> str:
    return " ".join(p.text for p in parts(path))
