"""The Word template every drafted document starts from, made once per build (python-docx).

python-docx's default document, less what we never use (its 700 KB of styles, the
styles-with-effects part, the thumbnail), with the page of Hướng dẫn 36-HD/VPTW (A4; margins
top and bottom 20 mm, left 30 mm, right 15 mm; page numbers at the top centre, from 1 in
each section, none on a section's first page; "Tài liệu lưu hành nội bộ" at the foot of
every page), the language Vietnamese (vi-VN: Word checks the spelling in Vietnamese, not
English) and one named paragraph style for each kind of line a document has. A paragraph
then names its style instead of carrying its own font and spacing: a tenth of the size,
several times faster to write.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .model import MARGINS_MM, PAGE_MM, TEXT_WIDTH_MM

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
PAGE = tuple(map(Mm, PAGE_MM))
MARGINS = tuple(map(Mm, MARGINS_MM))  # top, bottom, left, right
TEXT_WIDTH = Mm(TEXT_WIDTH_MM)
KEEP = frozenset({"Normal", "Default Paragraph Font", "Normal Table", "Table Grid", "No List", "Header", "Footer"})

LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)


@dataclass(frozen=True)
class Style:
    """A paragraph style: alignment, first-line indent, space before, size, bold, italic, kept with the next."""

    align: object = JUSTIFY
    indent: bool = False
    before: int = 6
    size: int | None = None
    bold: bool = False
    italic: bool = False
    single: bool = False
    keep: bool = False  # kept on the page of what follows (a heading never ends a page)


# One style a kind of line. Body text: 14 pt, justified, first line indented 10 mm.
STYLES = {
    "VB Body": Style(indent=True),
    "VB Left": Style(align=LEFT, before=0),
    "VB Center": Style(align=CENTER, before=0),
    "VB Center Bold": Style(align=CENTER, before=0, bold=True),
    "VB Kind": Style(align=CENTER, before=18, size=16, bold=True, keep=True),
    "VB Title": Style(align=CENTER, before=12, bold=True, keep=True),
    "VB Heading": Style(before=10, bold=True, keep=True),
    "VB Subheading": Style(indent=True, bold=True, keep=True),
    "VB Note": Style(indent=True, size=11, italic=True),
    "VB Small": Style(align=LEFT, before=0, size=12),
    "VB Date": Style(align=CENTER, before=8, italic=True),
    "VB Cell": Style(align=LEFT, before=2, size=12, single=True),
    "VB Cell Number": Style(align=RIGHT, before=2, size=12, single=True),
    "VB Cell Head": Style(align=CENTER, before=2, size=12, single=True, bold=True),
    "VB Dots": Style(align=LEFT, before=6),
}


def make_template() -> bytes:
    doc = Document()
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) not in KEEP:
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
    _normal(doc)
    _language(doc)
    for name, style in STYLES.items():
        _add_style(doc, name, style)
    _page(doc)
    body = doc.element.body
    for child in list(body):  # python-docx starts with one empty paragraph
        if child.tag == qn("w:p"):
            body.remove(child)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _normal(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(6), Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(18)


def _language(doc: DocxDocument) -> None:
    """Vietnamese for the whole text (the default run properties) and for the theme fonts."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


def _add_style(doc: DocxDocument, name: str, style: Style) -> None:
    added = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    added.base_style = doc.styles["Normal"]
    fmt = added.paragraph_format
    fmt.alignment, fmt.space_before = style.align, Pt(style.before)
    if style.indent:
        fmt.first_line_indent = Mm(10)
    if style.single:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if style.keep:
        fmt.keep_with_next = True
    if name == "VB Dots":  # a line of dots across the text width, to write on by hand
        fmt.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    font = added.font
    if style.size:
        font.size = Pt(style.size)
    font.bold = style.bold or None
    font.italic = style.italic or None


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")  # every section (a part of a draft) counts from 1
    numbering.set(qn("w:start"), "1")
    section._sectPr.find(qn("w:cols")).addprevious(numbering)
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    _field(number, "PAGE")
    for footer in (section.footer, section.first_page_footer):
        line = footer.paragraphs[0]
        line.alignment = CENTER
        run = line.add_run("Tài liệu lưu hành nội bộ")
        run.italic, run.font.size = True, Pt(10)


def _field(paragraph, code: str) -> None:
    """A field (the page number; the only field in a document): begin, code, separate, end.
    Its stored result is "2", the first number it shows (a section's first page shows none)."""
    for tag, value in (
        ("w:fldChar", "begin"),
        ("w:instrText", f" {code} "),
        ("w:fldChar", "separate"),
        ("w:t", "2"),
        ("w:fldChar", "end"),
    ):
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        paragraph.add_run()._r.append(element)
