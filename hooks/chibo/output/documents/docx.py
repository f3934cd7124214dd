"""A Draft as a Word file the office can edit, number, sign and send (python-docx).

The layout is Hướng dẫn 36-HD/VPTW's (see ``template.py`` for the page and the styles): the
header as a two-column borderless table, "DỰ THẢO" boxed at the top right of the first page,
the document type and trích yếu centred with "-----" under them, "Nơi nhận:" underlined, the
signing block on the right. Record text goes in as text runs, never as fields or markup.
The file is reproducible: fixed document properties and zip times.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ...formats import date_long
from .model import Draft, Fill, Heading, Paragraph, Part, Table
from .template import TEXT_WIDTH, make_template

HEADER_COLUMNS = (Mm(70), Mm(95))
FOOTER_COLUMNS = (Mm(80), Mm(85))
DOTS = "…"


class DocxWriter:
    """Writes drafts as .docx; made once per build (it prepares the template once)."""

    def __init__(self, stamp: dt.date) -> None:
        self.stamp = stamp
        self.template = make_template()

    def write(self, draft: Draft) -> bytes:
        """The .docx bytes of ``draft``; the data date (``stamp``) dates the file's properties."""
        return write_docx(draft, self.stamp, self.template)


def write_docx(draft: Draft, stamp: dt.date, template: bytes | None = None) -> bytes:
    """The .docx bytes of ``draft`` (from ``template``, made by ``make_template`` when not given)."""
    doc = Document(io.BytesIO(template or make_template()))
    for index, part in enumerate(draft.parts):
        if index:
            _styled(doc.add_paragraph(), "VB Left").add_run().add_break(WD_BREAK.PAGE)
        _part(doc, part, draft_mark=index == 0)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = draft.title, "", ""
    props.created = props.modified = dt.datetime.combine(stamp, dt.time())
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return _reproducible(out.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same bytes for the same document: every zip member dated 1980-01-01."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _styled(paragraph, style: str):
    """Name the paragraph's style by its id (python-docx would look the name up every time)."""
    paragraph._p.style = style.replace(" ", "")
    return paragraph


def _para(container, text: str = "", style: str = "VB Body", *, bold: bool = False, italic: bool = False,
          underline: bool = False):
    """A paragraph of ``style``; the run's own bold, italic or underline only where it differs."""
    paragraph = _styled(container.add_paragraph(), style)
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline)
    return paragraph


def _run(paragraph, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False):
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    return run


def _part(doc: Document, part: Part, draft_mark: bool) -> None:
    if draft_mark:
        mark = _para(doc, "DỰ THẢO", "VB Left", bold=True)
        mark.paragraph_format.left_indent = Mm(135)
        _border(mark, ("top", "left", "bottom", "right"))
    if part.header is not None:
        _header(doc, part)
    _para(doc, part.kind, "VB Kind")
    _para(doc, part.summary, "VB Center Bold")
    if part.attachment:
        _para(doc, part.attachment, "VB Center", italic=True)
    _para(doc, "-----", "VB Center")
    if part.to:
        label, _, names = part.to.partition(": ")
        line = _para(doc, style="VB Center")
        line.paragraph_format.space_before = Pt(12)
        _run(line, f"{label}: ", italic=True)
        _run(line, names)
    for block in part.blocks:
        _block(doc, block)
    if part.signature is not None or part.recipients:
        _footer(doc, part)


def _border(paragraph, sides: tuple[str, ...]) -> None:
    borders = OxmlElement("w:pBdr")
    for side in sides:
        line = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "2"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _grid(doc: Document, rows: int, widths: tuple) -> tuple[object, list]:
    """A table with fixed column widths and its cells row by row (read once: python-docx's
    own ``table.cell`` walks the whole table each time)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):  # LibreOffice reads the grid
        column.w = width
    flat = table._cells
    grid = [flat[r * len(widths):(r + 1) * len(widths)] for r in range(rows)]
    for row in grid:
        for cell, width in zip(row, widths):
            cell.width = width
    return table, grid


def _header(doc: Document, part: Part) -> None:
    h = part.header
    _, grid = _grid(doc, 1, HEADER_COLUMNS)
    left, right = grid[0]
    first = _styled(left.paragraphs[0], "VB Center")
    _run(first, h.superior.upper())
    _para(left, h.issuer.upper(), "VB Center Bold")
    _para(left, "*", "VB Center")
    _para(left, h.number, "VB Center")
    title = _styled(right.paragraphs[0], "VB Center Bold")
    _run(title, "ĐẢNG CỘNG SẢN VIỆT NAM").font.size = Pt(15)
    _border(title, ("bottom",))
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Mm(6)  # the rule: as long as the title
    when = date_long(h.date) if h.date else f"ngày {DOTS} tháng {DOTS} năm {h.year or DOTS}"
    _para(right, f"{h.place}, {when}", "VB Date")


def _block(doc: Document, block) -> None:
    if isinstance(block, Heading):
        _para(doc, block.text, "VB Heading" if block.level == 1 else "VB Subheading")
    elif isinstance(block, Paragraph):
        _paragraph(doc, block)
    elif isinstance(block, Fill):
        if block.label:
            _para(doc, block.label)
        for _ in range(block.lines):
            _para(doc, "\t", "VB Dots")
    elif isinstance(block, Table):
        _table(doc, block)


def _paragraph(doc: Document, block: Paragraph) -> None:
    if block.style == "title":
        _para(doc, block.text, "VB Title")
        return
    if block.style == "note":
        _para(doc, block.text, "VB Note")
        return
    paragraph = _para(doc)
    if block.lead:
        _run(paragraph, block.lead + " ", bold=True)
    _run(paragraph, ("- " if block.style == "basis" else "") + block.text)


def _table(doc: Document, block: Table) -> None:
    total = sum(block.widths)
    widths = tuple(int(TEXT_WIDTH * w / total) for w in block.widths)
    table, grid = _grid(doc, len(block.head) + len(block.body), widths)
    table.style = doc.styles["Table Grid"]
    spans: list[tuple[object, object]] = []
    head = [[(h.text, h.rows, h.span, "VB Cell Head", False) for h in row] for row in block.head]
    body = [[(x.text, x.rows, 1, "VB Cell Number" if x.numeric else "VB Cell", x.bold) for x in row]
            for row in block.body]
    for r, row in enumerate(_placed(head + body)):
        for c, text, rows, span, style, bold in row:
            _cell(grid[r][c], text, style, rows, span, grid, r, c, spans, bold=bold)
    for r, row in enumerate(table._tbl.tr_lst):  # a row never splits; the head repeats on each page
        properties = row.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if r < len(block.head):
            properties.append(OxmlElement("w:tblHeader"))
    for first, last in spans:  # header cells spanning columns (few): python-docx's merge
        kept = first.merge(last)
        for extra in kept.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    if block.note:
        _para(doc, block.note, "VB Note")


def _placed(rows: list) -> list[list[tuple]]:
    """Each cell with the grid column it lands in, after the cells spanning rows above it."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c, line = 0, []
        for text, height, span, style, bold in row:
            while (r, c) in taken:
                c += 1
            line.append((c, text, height, span, style, bold))
            taken.update((r + i, c + j) for i in range(height) for j in range(span))
            c += span
        placed.append(line)
    return placed


def _cell(cell, text: str, style: str, rows: int, span: int, grid: list, r: int, c: int, spans: list, *,
          bold: bool = False) -> None:
    paragraph = _styled(cell.paragraphs[0], style)
    _run(paragraph, text, bold=bold)
    if rows > 1:  # spanning rows: the first cell restarts a vertical merge, those below continue it
        cell._tc.vMerge = "restart"
        for below in range(1, rows):
            grid[r + below][c]._tc.vMerge = "continue"
    if span > 1:
        spans.append((cell, grid[r][c + span - 1]))


def _footer(doc: Document, part: Part) -> None:
    _, grid = _grid(doc, 1, FOOTER_COLUMNS)
    left, right = grid[0]
    if part.recipients:
        first = _styled(left.paragraphs[0], "VB Left")
        _run(first, "Nơi nhận:", underline=True)
        for line in part.recipients:
            _para(left, f"- {line}", "VB Small")
    if part.signature is not None:
        s = part.signature
        first = _styled(right.paragraphs[0], "VB Center Bold")
        _run(first, s.authority)
        _para(right, s.title, "VB Center")
        for _ in range(4):
            _para(right, style="VB Center")
        _para(right, s.name or "", "VB Center Bold")
