"""The content-stream scan (analyzer.ingest.pdfcontent) returns exactly what pdfminer's PDFContentParser returns,
or declines (None) so that pdfminer parses the page."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")

from pdfminer.pdfdocument import PDFDocument  # noqa: E402
from pdfminer.pdfinterp import PDFContentParser  # noqa: E402
from pdfminer.pdfpage import PDFPage  # noqa: E402
from pdfminer.pdfparser import PDFParser  # noqa: E402
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral  # noqa: E402
from pdfminer.pdftypes import PDFStream, list_value, stream_value  # noqa: E402

from analyzer.ingest.pdfcontent import content_objects  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT.parent / "shared" / "corpus" / "layouts"


def _canon(o):
    if isinstance(o, (PSKeyword, PSLiteral)):
        return (type(o).__name__, id(o))  # pdfminer's interned objects, compared by identity
    if isinstance(o, list):
        return ("list", tuple(_canon(x) for x in o))
    if isinstance(o, dict):
        return ("dict", tuple((k, _canon(v)) for k, v in o.items()))
    return (type(o).__name__, o)  # 1 and 1.0 differ


def _pdfminer(streams):
    try:
        parser = PDFContentParser(streams)
    except PSEOF:
        return []
    out = []
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            return out
        out.append(_canon(obj))


def _same_or_declined(streams) -> bool:
    """True when the scan matched pdfminer, False when it declined; fails on any difference."""
    mine = content_objects(streams)
    if mine is None:
        return False
    assert [_canon(o) for o in mine] == _pdfminer(streams), [s.get_data() for s in streams]
    return True


def _page_streams(path: Path):
    doc = PDFDocument(PDFParser(io.BytesIO(path.read_bytes())), password="")
    for page in PDFPage.create_pages(doc):
        yield [stream_value(s) for s in list_value(page.contents)]


def test_real_pages_match_pdfminer():
    files = sorted((ROOT / "samples").glob("*.pdf")) + sorted(LAYOUTS.glob("*.pdf"))
    pages = 0
    for f in files:
        for streams in _page_streams(f):
            assert _same_or_declined(streams), f  # ordinary pages never need pdfminer's parser
            pages += 1
    assert pages >= 6


@pytest.mark.parametrize("data", [
    b"BT /F1 12 Tf 72 700 Td (Hello) Tj [(W) 80 (ork) -20.5 (ed)] TJ ET",
    b"/N#41me /A#4 x /#zz /\xc3\xa9 /\xff /",  # name escapes; a name cut by the stream's end is declined
    b"1 -2 +3 4.5 -.5 . - + 1. 1.2.3 --5 007 true false T* ' \" q Q",
    b"(a(b)c) (a\\)b) (\\101\\1012) (\\7) (\\n\\r\\t\\b\\f\\(\\)\\\\) (\\q) (a\\\r\nb) (a\\\rb) (a\\\nb) (\\0531)",
    b"<41> <4 1 a> <414> <> <41) <</A 1 /B [1 2 <</C (x)>>]>> ] >> } [ 1 { 2 } ]",
    b"% comment\r\n1 0 0 1 0 0 cm\x00 a\x00b \x80 # ) Td",
])
def test_crafted_streams(data):
    _same_or_declined([PDFStream({}, data)])


def test_streams_split_mid_token_and_mid_array():
    for a, b in [(b"BT [(a) 1", b"0 (b)] TJ ET"), (b"1 0 0 1 0 0 c", b"m"), (b"(x) T", b"j"), (b"q % no eol", b"Q")]:
        _same_or_declined([PDFStream({}, a), PDFStream({}, b)])


def test_declines_what_only_pdfminer_reproduces():
    for data in [b"q BI /W 1 /H 1 ID \x00 EI Q", b"(unterminated", b"(\\777) Tj", b"<</A>> x", b"<41", b"1 >"]:
        assert content_objects([PDFStream({}, data)]) is None, data


def test_buffer_edge_of_backslash_cr_lf():
    # pdfminer reads streams in 4096-byte chunks and keeps the LF of '\\' CR LF when CR ends a chunk
    for off in range(4088, 4096):
        _same_or_declined([PDFStream({}, b" " * off + b"(a\\\r\nb) Tj " + b"(x) Tj " * 5)])


def test_random_streams_match_pdfminer():
    frags = [b" ", b"\n", b"\r\n", b"\x00", b"%c\n", b"/Name", b"/N#41me", b"/", b"1", b"-2", b"4.5", b"-.5", b".",
             b"-", b"1.2.3", b"Tj", b"TJ", b"true", b"T*", b"'", b"(abc)", b"(a(b)c)", b"(\\101\\1012)", b"(a\\\r\nb)",
             b"<41>", b"<414>", b"<<", b">>", b"<</A 1>>", b"[", b"]", b"{", b"}", b"[(a) -20 (b)]", b"<41)", b"#",
             b"\x80", b")", b">", b"(", b"<"]
    rnd = random.Random(11)
    matched = 0
    for _ in range(3000):
        streams = []
        for _ in range(rnd.choice([1, 1, 2, 3])):
            parts = [rnd.choice(frags) + rnd.choice([b" ", b"", b"\n"]) for _ in range(rnd.randint(0, 20))]
            streams.append(PDFStream({}, b"".join(parts)))
        matched += _same_or_declined(streams)
    assert matched > 1000


def _inline_image_pdf() -> bytes:
    """A resume page with a small inline image (``BI … ID … EI``) between text lines."""
    from PIL import Image
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.drawString(72, 720, "Jane Roe - Machine Learning Engineer")
    c.drawInlineImage(Image.new("RGB", (4, 4), (200, 30, 30)), 72, 680, 16, 16)
    c.drawString(72, 660, "EXPERIENCE")
    c.drawString(72, 646, "Built PyTorch models, 2019 - 2024")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_reader_gives_the_same_document_with_pdfminers_own_code(monkeypatch):
    """End to end: read_pdf with the scan and the lean glyph/line code equals read_pdf with pdfminer's parser,
    render_char and group_objects, on the samples and on a page the scan declines (an inline image)."""
    from pdfminer.layout import LTLayoutContainer
    from pdfminer.pdfdevice import PDFTextDevice

    from analyzer.ingest import IngestOptions, pdfchars, pdfcontent
    from analyzer.ingest.pdf import read_pdf

    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "samples").glob("*.pdf"))]
    files.append(("inline.pdf", _inline_image_pdf()))
    opts = IngestOptions(timeout=600)
    fast = [read_pdf(data, name, opts) for name, data in files]
    declined = []
    real = pdfcontent.content_objects
    monkeypatch.setattr(pdfcontent, "content_objects", lambda streams: declined.append(1))
    monkeypatch.setattr(pdfchars, "render_string_horizontal",
                        lambda dev, *a: PDFTextDevice.render_string_horizontal(dev, *a))
    monkeypatch.setattr(pdfchars, "group_objects", lambda lp, objs: LTLayoutContainer.group_objects(None, lp, objs))
    slow = [read_pdf(data, name, opts) for name, data in files]
    assert declined
    assert fast == slow
    assert "EXPERIENCE" in fast[-1].text
    streams = next(_page_streams_bytes(files[-1][1]))
    assert real(streams) is None  # the inline image page went through pdfminer's parser in the fast run too


def _page_streams_bytes(data: bytes):
    doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    for page in PDFPage.create_pages(doc):
        yield [stream_value(s) for s in list_value(page.contents)]


def test_fast_paths_only_with_a_tested_pdfminer_and_the_same_documents_without(monkeypatch):
    """With a pdfminer release our fast paths were not checked against, the reader uses pdfminer's own
    code throughout; the Documents are the same."""
    import pdfminer

    from analyzer.ingest import IngestOptions
    from analyzer.ingest import pdf as P

    assert P.fast_paths() == (pdfminer.__version__ in P.TESTED_PDFMINER)
    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "samples").glob("*.pdf"))]
    opts = IngestOptions(timeout=600)
    now = [P.read_pdf(data, name, opts) for name, data in files]
    monkeypatch.setattr(P, "fast_paths", lambda: False)
    stock = [P.read_pdf(data, name, opts) for name, data in files]
    assert now == stock
