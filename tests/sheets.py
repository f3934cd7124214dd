"""Build .xlsx files byte by byte, as spreadsheet programs (and attackers) write them.

openpyxl cannot write a formula's cached value, a merged header or a lying dimension;
these tests need all three, so the parts are written here as XML. The bytes are
deterministic (fixed zip timestamps), so the corpus files can be rebuilt and compared.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from chibo.commands.sheet import column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STAMP = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Formula:
    """A formula cell; ``cached`` is the value Excel saved with it (``None``: none saved)."""

    text: str
    cached: object = None
    error: bool = False


@dataclass
class Sheet:
    title: str
    rows: list[list[object]]
    merges: list[str] = field(default_factory=list)
    dimension: str | None = None
    state: str = "visible"
    prolog: str = ""
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)


def _cell(ref: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Formula):
        if value.cached is None:
            return f'<c r="{ref}"><f>{escape(value.text)}</f></c>'
        kind = ' t="e"' if value.error else (' t="str"' if isinstance(value.cached, str) else "")
        return f'<c r="{ref}"{kind}><f>{escape(value.text)}</f><v>{escape(str(value.cached))}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(sheet: Sheet) -> str:
    rows = []
    for number, row in enumerate(sheet.rows, start=1):
        cells = "".join(_cell(f"{column_letter(c)}{number}", v) for c, v in enumerate(row, start=1))
        hidden = ' hidden="1"' if number in sheet.hidden_rows else ""
        if cells:
            rows.append(f'<row r="{number}"{hidden}>{cells}</row>')
    dimension = f'<dimension ref="{sheet.dimension}"/>' if sheet.dimension else ""
    if sheet.hidden_columns:
        dimension += (
            "<cols>" + "".join(f'<col min="{c}" max="{c}" hidden="1"/>' for c in sheet.hidden_columns) + "</cols>"
        )
    merges = ""
    if sheet.merges:
        merges = (
            f'<mergeCells count="{len(sheet.merges)}">'
            + "".join(f'<mergeCell ref="{ref}"/>' for ref in sheet.merges)
            + "</mergeCells>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{sheet.prolog}'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{dimension}<sheetData>{"".join(rows)}</sheetData>'
        f"{merges}</worksheet>"
    )


def workbook(*sheets: Sheet) -> bytes:
    """The bytes of an .xlsx with ``sheets`` in order."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
                for n in range(1, len(sheets) + 1)
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            + "".join(
                f'<sheet name={quoteattr(s.title)} sheetId="{n}" state="{s.state}" r:id="rId{n}"/>'
                for n, s in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(sheets) + 1)
            )
            + "</Relationships>"
        ),
    }
    for number, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{number}.xml"] = sheet_xml(sheet)
    return pack(parts)


def pack(parts: dict[str, str | bytes]) -> bytes:
    """A deflated zip of ``parts`` with fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def zip_bomb(unpacked: int = 1_100 * 1024 * 1024) -> bytes:
    """A workbook whose sheet is ``unpacked`` bytes of rows, deflated to a few MB.

    Written as a stream so it never sits in memory unzipped; about 3 MB at the default size.
    """
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 1024
    out = io.BytesIO()
    plain = workbook(Sheet("Sheet1", [["x"]]))
    with zipfile.ZipFile(io.BytesIO(plain)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info, source.read(info.filename))
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            part.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            written = 0
            while written < unpacked:
                part.write(row)
                written += len(row)
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()
