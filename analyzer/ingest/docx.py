"""DOCX with python-docx (first, simple form: body paragraphs and tables in order)."""

from __future__ import annotations

import io
import zipfile

from analyzer.errors import InputError
from analyzer.types import Document, Source
from analyzer.ingest.text import lines_of

MAX_UNCOMPRESSED = 200 * 1024 * 1024


def read_docx(data: bytes, name: str, options) -> Document:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        total = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(name, "corrupt DOCX (not a valid ZIP archive)", kind="corrupt") from None
    if total > MAX_UNCOMPRESSED:
        raise InputError(name, "DOCX expands to more than 200 MB (possible zip bomb)", kind="hostile")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        d = docx.Document(io.BytesIO(data))
        out: list[str] = []
        for block in d.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(Paragraph(block, d).text)
            elif tag == "tbl":
                for row in Table(block, d).rows:
                    cells: list[str] = []
                    for c in row.cells:
                        t = c.text.strip()
                        if t and t not in cells:
                            cells.append(t)
                    out.append(" | ".join(cells))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(name, f"corrupt DOCX ({type(exc).__name__})", kind="corrupt") from None
    text = "\n".join(out)
    return Document(text=text, source=Source(name=name, format="docx", pages=None), lines=lines_of(text))
