"""PDF with pdfminer.six layout analysis (first, simple form: text boxes in pdfminer's order)."""

from __future__ import annotations

import io
import logging

from analyzer.errors import InputError
from analyzer.types import Document, Line, Source

LAPARAMS = dict(line_margin=0.5, char_margin=2.0, word_margin=0.1, boxes_flow=0.5)


def read_pdf(data: bytes, name: str, options) -> Document:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    parts: list[str] = []
    lines: list[Line] = []
    pos = 0
    pages = 0
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams(**LAPARAMS))):
            pages += 1
            if pages > options.max_pages:
                raise InputError(name, f"too many pages (more than {options.max_pages})", kind="too_large")
            for box in page:
                if not isinstance(box, LTTextBox):
                    continue
                for tl in box:
                    if not isinstance(tl, LTTextLine):
                        continue
                    s = tl.get_text().replace("\n", " ").rstrip()
                    if not s.strip():
                        continue
                    lines.append(Line(start=pos, end=pos + len(s), page=page_no + 1, x0=tl.x0, y0=tl.y0, x1=tl.x1, y1=tl.y1))
                    parts.append(s)
                    pos += len(s) + 1
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(name, "encrypted PDF (a password is needed to open it)", kind="encrypted") from None
    except PDFSyntaxError as exc:
        raise InputError(name, f"corrupt PDF ({exc})", kind="corrupt") from None
    except Exception as exc:  # pdfminer raises many internal types on broken files
        raise InputError(name, f"corrupt or unreadable PDF ({type(exc).__name__})", kind="corrupt") from None
    if pages == 0:
        raise InputError(name, "corrupt PDF (no pages)", kind="corrupt")
    text = "\n".join(parts)
    if not text.strip():
        raise InputError(name, "no text layer: scanned document; OCR is not available", kind="no_text")
    return Document(text=text, source=Source(name=name, format="pdf", pages=pages), lines=tuple(lines))
