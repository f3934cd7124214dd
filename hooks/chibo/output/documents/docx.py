"""A Draft as a Word file the office can edit, number, sign and send (python-docx).

Page and type follow Hướng dẫn 36-HD/VPTW: A4; margins top and bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman; the header as a two-column borderless table; page numbers at
the top centre from page 2; "DỰ THẢO" boxed at the top right of the first page; "Tài liệu
lưu hành nội bộ" at the foot of every page. Record text goes in as text runs, never as
fields or markup. The file is reproducible: fixed document properties and zip times.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ...formats import date_long
from .model import Draft, Fill, Heading, Paragraph, Part, Table

FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH = Mm(165)
HEADER_COLUMNS = (Mm(70), Mm(95))
BODY, SMALL, TABLE_TEXT = Pt(14), Pt(12), Pt(12)
DOTS = "…"


class DocxWriter:
    """Writes drafts as .docx; made once per build (it prepares a small template once)."""

    def __init__(self, stamp: dt.date) -> None:
        self.stamp = stamp
        self.template = _template()

    def write(self, draft: Draft) -> bytes:
        """The .docx bytes of ``draft``; the data date (``stamp``) dates the file's properties."""
        return write_docx(draft, self.stamp, self.template)


def _template() -> bytes:
    """python-docx's default document without what we never use (its 700 KB of styles,
    the styles-with-effects part, the thumbnail): a tenth of the size, five times faster."""
    doc = Document()
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) not in _STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rel in list(doc.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel.rId)
    package_rels = doc.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype.endswith("/thumbnail")]:
        del package_rels[rid]
    _page_setup(doc)
    _styles(doc)
    body = doc.element.body
    for child in list(body):  # python-docx starts with one empty paragraph
        if child.tag == qn("w:p"):
            body.remove(child)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_STYLES = frozenset({"Normal", "Default Paragraph Font", "Normal Table", "Table Grid", "No List", "Header", "Footer"})


def write_docx(draft: Draft, stamp: dt.date, template: bytes | None = None) -> bytes:
    """The .docx bytes of ``draft`` (from ``template``, made by ``_template`` when not given)."""
    doc = Document(io.BytesIO(template or _template()))
    for index, part in enumerate(draft.parts):
        if index:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
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


def _page_setup(doc: Document) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(number, "PAGE")
    for footer in (section.footer, section.first_page_footer):
        line = footer.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(line, "Tài liệu lưu hành nội bộ", size=Pt(10), italic=True)


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, BODY
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(6), Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(18)


def _run(paragraph, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False,
         size: Pt | None = None):
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    if size is not None:
        run.font.size = size
    return run


def _field(paragraph, code: str) -> None:
    """A field (the page number; the only field in the file): begin, code, separate, end."""
    for tag, value in (("w:fldChar", "begin"), ("w:instrText", f" {code} "), ("w:fldChar", "separate"),
                       ("w:t", "2"), ("w:fldChar", "end")):
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        paragraph.add_run()._r.append(element)


def _para(container, text: str = "", *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold: bool = False,
          italic: bool = False, size: Pt | None = None, indent: bool = False, before: Pt | None = None):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if before is not None:
        paragraph.paragraph_format.space_before = before
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _part(doc: Document, part: Part, draft_mark: bool) -> None:
    if draft_mark:
        mark = _para(doc, "DỰ THẢO", align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True, before=Pt(0))
        _border(mark, ("top", "left", "bottom", "right"))
        mark.paragraph_format.left_indent = Mm(135)
    if part.header is not None:
        _header(doc, part)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, part.kind, align=center, bold=True, size=Pt(16), before=Pt(18))
    _para(doc, part.summary, align=center, bold=True, before=Pt(0))
    if part.attachment:
        _para(doc, part.attachment, align=center, italic=True, before=Pt(0))
    _para(doc, "-----", align=center, before=Pt(0))
    if part.to:
        label, _, names = part.to.partition(": ")
        line = _para(doc, align=center, before=Pt(12))
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


def _plain_table(doc: Document, rows: int, widths: tuple) -> tuple[object, list]:
    """A table without borders and its cells row by row (read once: python-docx's own
    ``table.cell`` walks the whole table each time)."""
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
    _, grid = _plain_table(doc, 1, HEADER_COLUMNS)
    left, right = grid[0]
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = center
    _run(left.paragraphs[0], h.superior.upper())
    _para(left, h.issuer.upper(), align=center, bold=True, before=Pt(0))
    _para(left, "*", align=center, before=Pt(0))
    _para(left, h.number, align=center, before=Pt(0))
    title = right.paragraphs[0]
    title.alignment = center
    _run(title, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=Pt(15))
    _border(title, ("bottom",))
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Mm(6)  # the rule: as long as the title
    when = date_long(h.date) if h.date else f"ngày {DOTS} tháng {DOTS} năm {h.year or DOTS}"
    _para(right, f"{h.place}, {when}", align=center, italic=True, before=Pt(8))


def _block(doc: Document, block) -> None:
    if isinstance(block, Heading):
        _para(doc, block.text, bold=True, indent=block.level > 1, before=Pt(10 if block.level == 1 else 6))
    elif isinstance(block, Paragraph):
        _paragraph(doc, block)
    elif isinstance(block, Fill):
        if block.label:
            _para(doc, block.label, indent=True)
        for _ in range(block.lines):
            _dotted(doc)
    elif isinstance(block, Table):
        _table(doc, block)


def _paragraph(doc: Document, block: Paragraph) -> None:
    if block.style == "title":
        _para(doc, block.text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=Pt(12))
        return
    if block.style == "note":
        _para(doc, block.text, italic=True, size=SMALL, indent=True)
        return
    paragraph = _para(doc, indent=True)
    if block.lead:
        _run(paragraph, block.lead + " ", bold=True)
    _run(paragraph, ("- " if block.style == "basis" else "") + block.text)


def _dotted(doc: Document) -> None:
    """A line of dots across the text width, to write on by hand (a tab with a dot leader)."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph.add_run("\t")


def _table(doc: Document, block: Table) -> None:
    total = sum(block.widths)
    widths = tuple(int(TEXT_WIDTH * w / total) for w in block.widths)
    table, grid = _plain_table(doc, len(block.head) + len(block.body), widths)
    table.style = doc.styles["Table Grid"]
    merges: list[tuple[object, object]] = []
    _place(grid, [[(h.text, h.rows, h.span, True, False) for h in row] for row in block.head], merges, center=True)
    _place(grid[len(block.head):], [[(c.text, c.rows, 1, c.bold, c.numeric) for c in row] for row in block.body],
           merges)
    for first, last in merges:  # after the text: a merge moves the cells it takes in
        kept = first.merge(last)
        for extra in kept.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    if block.note:
        _para(doc, block.note, italic=True, size=Pt(11))


def _place(grid: list, rows: list, merges: list, *, center: bool = False) -> None:
    """Put each cell's text in the next free grid position; note the spans to merge."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for text, height, span, bold, numeric in row:
            while (r, c) in taken:
                c += 1
            _cell_text(grid[r][c], text, bold=bold, center=center, numeric=numeric)
            if height > 1 or span > 1:
                merges.append((grid[r][c], grid[r + height - 1][c + span - 1]))
            taken.update((r + i, c + j) for i in range(height) for j in range(span))
            c += span


def _cell_text(cell, text: str, *, bold: bool = False, numeric: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if center else
                           WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT)
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.line_spacing_rule = Pt(2), WD_LINE_SPACING.SINGLE
    _run(paragraph, text, bold=bold, size=TABLE_TEXT)


def _footer(doc: Document, part: Part) -> None:
    _, grid = _plain_table(doc, 1, (Mm(80), Mm(85)))
    left, right = grid[0]
    if part.recipients:
        _run(left.paragraphs[0], "Nơi nhận:", underline=True)
        for line in part.recipients:
            _para(left, f"- {line}", align=WD_ALIGN_PARAGRAPH.LEFT, size=SMALL, before=Pt(0))
    if part.signature is not None:
        s, center = part.signature, WD_ALIGN_PARAGRAPH.CENTER
        right.paragraphs[0].alignment = center
        _run(right.paragraphs[0], s.authority, bold=True)
        _para(right, s.title, align=center, before=Pt(0))
        for _ in range(4):
            _para(right, "", before=Pt(0))
        _para(right, s.name or "", align=center, bold=True, before=Pt(0))
