"""The lean character placement and line grouping (analyzer.ingest.pdfchars, used by the PDF reader's device) build
exactly pdfminer's layout: every character's attributes and every line's characters, word spaces and box."""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")
pytest.importorskip("reportlab")

from pdfminer.converter import PDFPageAggregator  # noqa: E402
from pdfminer.layout import LAParams, LTAnno, LTChar, LTContainer, LTCurve, LTTextLine  # noqa: E402
from pdfminer.pdfdocument import PDFDocument  # noqa: E402
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager  # noqa: E402
from pdfminer.pdfpage import PDFPage  # noqa: E402
from pdfminer.pdfparser import PDFParser  # noqa: E402

from analyzer.ingest.pdf import LAPARAMS, _make_aggregator  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT.parent / "shared" / "corpus" / "layouts"


def _geometry_pdf() -> bytes:
    """Rotated, mirrored, skewed and scaled text, character and word spacing, rise, horizontal scaling, a TrueType
    (multi-byte) font, overlapping and nearly aligned fragments, a form XObject."""
    import reportlab
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    y = 740
    for font, size in (("Helvetica", 11), ("Times-Roman", 9), ("Vera", 10), ("Courier", 8), ("Helvetica-Bold", 1.5)):
        c.setFont(font, size)
        c.drawString(60, y, f"{font}: Python 3.11, TensorFlow  and  PyTorch")
        y -= size * 1.4
    t = c.beginText(60, y)
    t.setFont("Helvetica", 10)
    t.setCharSpace(1.5)
    t.textLine("Charspace text")
    t.setCharSpace(0)
    t.setWordSpace(6)
    t.textLine("Wordspace text here")
    t.setWordSpace(0)
    t.setHorizScale(70)
    t.textLine("Squeezed text")
    t.setHorizScale(100)
    t.textOut("Base ")
    t.setRise(4)
    t.textOut("super")
    t.setRise(-3)
    t.textOut("sub")
    t.setRise(0)
    t.textLine(" end")
    c.drawText(t)
    c.setFont("Helvetica", 10)
    c.drawString(60, 600, "Left entry")
    c.drawString(300, 598, "Right lower")
    c.drawString(520, 603, "2019")
    c.drawString(60, 588, "Overlap")
    c.drawString(80, 588, "Overlap")
    for ang in (90, 45, 180, 270, -30):
        c.saveState()
        c.translate(300, 400)
        c.rotate(ang)
        c.drawString(0, 0, f"Rotated {ang}")
        c.restoreState()
    for sx, sy, name in ((1.5, 0.7, "Scaled"), (-1, 1, "Mirrored"), (1, -1, "Flipped")):
        c.saveState()
        c.translate(100, 300)
        c.scale(sx, sy)
        c.drawString(0, 0, name)
        c.restoreState()
    c.saveState()
    c.translate(100, 250)
    c.skew(10, 0)
    c.drawString(0, 0, "Skewed")
    c.restoreState()
    c.beginForm("f1")
    c.setFont("Helvetica", 9)
    c.drawString(50, 20, "Inside a form")
    c.endForm()
    c.doForm("f1")
    c.showPage()
    c.save()
    return buf.getvalue()


def _num(v):
    return repr(v) if not (isinstance(v, float) and math.isnan(v)) else "nan"


def _dump(obj, chars: dict) -> list:
    """The layout tree as comparable values (characters by their attributes)."""
    if isinstance(obj, LTChar):
        key = (obj._text, tuple(map(_num, obj.matrix)), obj.fontname, _num(obj.adv), obj.upright,
               tuple(map(_num, obj.bbox)), _num(obj.width), _num(obj.height), _num(obj.size),
               obj.ncs.name, repr(obj.graphicstate.ncolor), repr(obj.graphicstate.scolor))
        return ["char", chars.setdefault(id(obj), len(chars)), key]
    if isinstance(obj, LTAnno):
        return ["anno", obj._text]
    out = [type(obj).__name__.lstrip("_").replace("Page", "LTPage").replace("Figure", "LTFigure").replace("LTLT", "LT")]
    if hasattr(obj, "bbox"):
        out.append(tuple(map(_num, obj.bbox)))
    if isinstance(obj, LTTextLine):
        out.append(_num(getattr(obj, "_x1", None)))
    if isinstance(obj, LTCurve):
        out.append(obj.fill)
    if isinstance(obj, LTContainer):
        out.append([_dump(o, chars) for o in obj])
    return out


def _layouts(data: bytes, device_cls) -> list:
    rsrc = PDFResourceManager(caching=True)
    device = device_cls(rsrc, laparams=LAParams(**LAPARAMS))
    interp = PDFPageInterpreter(rsrc, device)
    doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    out = []
    for page in PDFPage.create_pages(doc):
        interp.process_page(page)
        out.append(_dump(device.get_result(), {}))
    return out


def _files():
    return ([(p.name, p.read_bytes()) for p in sorted((ROOT / "samples").glob("*.pdf"))]
            + [(p.name, p.read_bytes()) for p in sorted(LAYOUTS.glob("*.pdf"))]
            + [("geometry.pdf", _geometry_pdf())])


@pytest.mark.parametrize("name,data", _files(), ids=lambda v: v if isinstance(v, str) else "")
def test_layout_tree_equals_pdfminer(name, data):
    mine = _layouts(data, _make_aggregator())
    assert mine == _layouts(data, PDFPageAggregator), name
    assert any("char" in repr(p) for p in mine)
