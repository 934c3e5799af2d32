"""Hidden text in DOCX, HTML and PDF never reaches the report: each file is built twice, with and
without the hidden parts; the hidden version must give exactly the visible text of the clean one, a
warning saying how many characters were dropped, and no hidden canary in the report's text, evidence
or rendered JSON."""

from __future__ import annotations

import io
import re

import pytest

from analyzer.ingest import load_bytes

from conftest import AS_OF

VISIBLE = ["Jane Roe", "EXPERIENCE", "Machine Learning Engineer, Acme 2019 - 2024",
           "Built forecasting models in Python and PyTorch.", "EDUCATION", "MSc Computer Science, 2019"]
# each hidden piece carries a canary word and skills the visible text does not mention
CANARY = "ZEBRACANARY"
HIDDEN_SKILLS = {"kubernetes", "terraform", "kafka", "scala", "rust", "airflow", "snowflake", "spark"}


def _hidden_count(warnings) -> tuple[int, int, str]:
    (w,) = [w for w in warnings if w.startswith("hidden text ignored")]
    m = re.match(r"hidden text ignored: (\d+) of (\d+) characters", w)
    assert m, w
    return int(m.group(1)), int(m.group(2)), w


def _check_report(analyzer, path, hidden_total: int) -> None:
    from analyzer.render import render

    r = analyzer.analyze(path, as_of=AS_OF)
    assert CANARY.lower() not in r.text.lower()
    ids = {e.skill_id for e in r.evidence}
    assert not ids & HIDDEN_SKILLS, ids & HIDDEN_SKILLS
    assert {"python", "pytorch"} <= ids
    assert all(CANARY.lower() not in e.text.lower() for e in r.evidence)
    assert CANARY.lower() not in render(r, "json").lower()
    n, _total, _w = _hidden_count(r.warnings)
    assert n == hidden_total


# ---------------------------------------------------------------------------------------------- DOCX

def _load_pair(build, ext: str):
    """The hidden and the clean variant of one built file, loaded: the visible text must be the same
    and only the hidden variant may carry a warning. Returns the hidden document and the builder's count."""
    data, n = build(hidden=True)
    clean, _ = build(hidden=False)
    doc, ref = load_bytes(data, f"hidden.{ext}"), load_bytes(clean, f"clean.{ext}")
    assert doc.text == ref.text
    assert not ref.warnings
    return doc, n


def _docx(hidden: bool) -> tuple[bytes, dict[str, int]]:
    """A DOCX whose hidden parts use every mechanism; returns (bytes, hidden characters per cause)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    # styles: a hidden character style, a white paragraph style and a style inheriting white from it
    hc = d.styles.add_style("Secret Char", WD_STYLE_TYPE.CHARACTER)
    hc.font.hidden = True
    white = d.styles.add_style("Ghost Para", WD_STYLE_TYPE.PARAGRAPH)
    white.base_style = d.styles["Normal"]
    white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    child = d.styles.add_style("Ghost Child", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = white  # colour comes through basedOn
    counts = {"marked hidden": 0, "in white or background colour": 0, "smaller than 2 pt": 0,
              "in deleted tracked changes": 0}

    def add(cause: str, text: str) -> str:
        counts[cause] += len(text)
        return text

    def rpr(run):
        return run._r.get_or_add_rPr()

    for i, line in enumerate(VISIBLE):
        p = d.add_paragraph(line)
        if not hidden:
            continue
        if i == 3:
            r = p.add_run(add("marked hidden", f" {CANARY} Kubernetes"))
            r.font.hidden = True  # direct w:vanish
            r = p.add_run(add("marked hidden", " Terraform"))
            r.style = hc  # w:rStyle -> vanish
            r = p.add_run(add("in white or background colour", " Kafka"))
            r.font.color.rgb = RGBColor(0xFA, 0xFA, 0xFA)  # near white
            r = p.add_run(add("smaller than 2 pt", " Scala"))
            r.font.size = Pt(1)
            # a tracked deletion: <w:del><w:r><w:delText>
            dl = OxmlElement("w:del")
            dl.set(qn("w:id"), "1")
            dl.set(qn("w:author"), "x")
            dr = OxmlElement("w:r")
            dt_ = OxmlElement("w:delText")
            dt_.text = add("in deleted tracked changes", " Rust Airflow")
            dr.append(dt_)
            dl.append(dr)
            p._p.append(dl)
        if i == 1:
            d.add_paragraph(add("in white or background colour", f"{CANARY} Snowflake expert"), style=white)
            d.add_paragraph(add("in white or background colour", f"{CANARY} Spark expert"), style=child)
    # a data table: white text on a dark cell is visible, dark-on-dark is not
    t = d.add_table(rows=1, cols=2)
    for cell, (text, colour) in zip(t.rows[0].cells, (("Tools", "FFFFFF"), ("Docker", "FFFFFF"))):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.font.color.rgb = RGBColor.from_string(colour)
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), "1F2937")
        cell._tc.get_or_add_tcPr().append(shd)
        if hidden and text == "Docker":
            r2 = cell.paragraphs[0].add_run(add("in white or background colour", f" {CANARY} Kubernetes"))
            r2.font.color.rgb = RGBColor(0x1F, 0x29, 0x37)  # same colour as the cell
    # visible: white text on a black highlight
    p = d.add_paragraph()
    r = p.add_run("Docker highlighted")
    r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    hl = OxmlElement("w:highlight")
    hl.set(qn("w:val"), "black")
    rpr(r).append(hl)
    if hidden:  # a deleted table row
        t2 = d.add_table(rows=2, cols=1)
        t2.cell(0, 0).text = "Languages"
        t2.cell(1, 0).text = add("in deleted tracked changes", f"{CANARY} Terraform")
        trpr = t2.rows[1]._tr.get_or_add_trPr()
        de = OxmlElement("w:del")
        de.set(qn("w:id"), "2")
        de.set(qn("w:author"), "x")
        trpr.append(de)
    else:
        t2 = d.add_table(rows=1, cols=1)
        t2.cell(0, 0).text = "Languages"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), counts


def test_docx_hidden_text_dropped_counted_and_visible_text_unchanged():
    doc, counts = _load_pair(_docx, "docx")
    assert "Tools\tDocker" in doc.text and "Docker highlighted" in doc.text
    assert CANARY not in doc.text
    n, total, w = _hidden_count(doc.warnings)
    assert n == sum(counts.values())
    assert total == n + len(re.sub(r"\s", "", doc.text)) + doc.text.count(" ")  # every character read is counted
    for cause, k in counts.items():
        assert f"{k} {cause}" in w, (cause, w)


def test_docx_page_background_makes_white_text_visible_and_dark_text_hidden():
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    d = docx.Document()
    bg = OxmlElement("w:background")
    bg.set(qn("w:color"), "000000")
    d.element.insert(0, bg)
    d.add_paragraph("SKILLS")
    r = d.add_paragraph().add_run("Python on a dark page")
    r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    r = d.add_paragraph().add_run(f"{CANARY} black on black")
    r.font.color.rgb = RGBColor(0x00, 0x00, 0x00)
    buf = io.BytesIO()
    d.save(buf)
    doc = load_bytes(buf.getvalue(), "dark.docx")
    assert "Python on a dark page" in doc.text and CANARY not in doc.text
    assert _hidden_count(doc.warnings)[0] == len(f"{CANARY} black on black")


def test_docx_style_resolution_is_cached_per_style_pair():
    """Many runs over few styles: each (paragraph style, character style) pair is resolved once."""
    from analyzer.ingest.docx import _Styles

    import docx

    d = docx.Document()
    st = _Styles(d.styles.element)
    for _ in range(1000):
        st.run_base("Heading1", None)
        st.run_base(None, "Hyperlink")
    assert len(st._pairs) == 2


# ---------------------------------------------------------------------------------------------- HTML

_HTML_STYLE = """<style>
.gone{display:none} p.ghost, .ghost2 {color:#fefefe}
#tiny{font-size:1px} .dark{background-color:#222;color:#eee} .sr-only{position:absolute;width:1px;height:1px;
overflow:hidden;clip:rect(0,0,0,0)} @media print{.printonly{display:none}} div > .nothandled{display:none}
</style>"""


def _html(hidden: bool) -> tuple[bytes, int]:
    parts = []
    n = 0

    def h(s: str, text: str) -> None:
        nonlocal n
        if hidden:
            parts.append(s)
            n += len(text)

    parts.append(f"<html><head><title>CV</title>{_HTML_STYLE}</head><body>")
    parts.append(f"<h1>{VISIBLE[0]}</h1>")
    h(f'<p hidden>{CANARY} Kubernetes</p>', f"{CANARY} Kubernetes")
    parts.append(f"<h2>{VISIBLE[1]}</h2><p>{VISIBLE[2]}</p>")
    h(f'<div style="display: none">{CANARY} Terraform</div>', f"{CANARY} Terraform")
    h(f'<div style="visibility:hidden">{CANARY} Kafka</div>', f"{CANARY} Kafka")
    h(f'<span style="font-size:0">{CANARY} Scala</span>', f"{CANARY} Scala")
    h(f'<span style="color:white">{CANARY} Rust</span>', f"{CANARY} Rust")
    h(f'<span style="opacity:0">{CANARY} Airflow</span>', f"{CANARY} Airflow")
    h(f'<div style="background:#ffffff"><span style="color:rgb(250,250,250)">{CANARY} Snowflake</span></div>',
      f"{CANARY} Snowflake")
    h(f'<div style="background-color:#333"><p style="color:#333">{CANARY} Spark</p></div>', f"{CANARY} Spark")
    h(f"<template><p>{CANARY} Kubernetes</p></template>", f"{CANARY} Kubernetes")
    h(f"<noscript>{CANARY} Terraform</noscript>", f"{CANARY} Terraform")
    h(f'<div class="gone">{CANARY} Kafka</div>', f"{CANARY} Kafka")
    h(f'<p class="ghost">{CANARY} Rust</p>', f"{CANARY} Rust")
    h(f'<span class="x ghost2">{CANARY} Scala</span>', f"{CANARY} Scala")
    h(f'<span id="tiny">{CANARY} Airflow</span>', f"{CANARY} Airflow")
    h(f'<span class="sr-only">{CANARY} Spark</span>', f"{CANARY} Spark")
    h(f'<p style="text-indent:-9999px">{CANARY} Snowflake</p>', f"{CANARY} Snowflake")
    parts.append(f"<p>{VISIBLE[3]}</p>")
    # visible: white on dark, light text in a dark class, aria-hidden, size restored inside font-size:0
    parts.append('<div style="background:#111"><span style="color:#fff">Docker on dark</span></div>')
    parts.append('<p class="dark">Light text in a dark box</p>')
    parts.append('<p><span aria-hidden="true">Seen by sighted readers</span></p>')
    parts.append('<div style="font-size:0"><span style="font-size:14px">Readable again</span></div>')
    parts.append('<div style="visibility:hidden"><b style="visibility:visible">Visible child</b></div>')
    parts.append('<p class="printonly">Shown on screen</p>')
    parts.append(f"<h2>{VISIBLE[4]}</h2><p>{VISIBLE[5]}</p></body></html>")
    return "".join(parts).encode(), n


def test_html_hidden_text_dropped_counted_and_visible_text_unchanged():
    doc, n = _load_pair(_html, "html")
    for s in ("Docker on dark", "Light text in a dark box", "Seen by sighted readers", "Readable again",
              "Visible child", "Shown on screen"):
        assert s in doc.text, s
    assert CANARY not in doc.text
    hidden, total, w = _hidden_count(doc.warnings)
    assert hidden == n
    assert "in hidden elements" in w and "in white or background colour" in w and "smaller than 2 px" in w


def test_html_unhandled_selectors_are_documented_gaps():
    """Combinators are not evaluated (README: 'Not handled'): such text is kept, not silently lost."""
    doc = load_bytes(b"<style>div > .nothandled{display:none}</style><div><p class=nothandled>Python</p></div>",
                     "gap.html")
    assert doc.text == "Python"


# ---------------------------------------------------------------------------------------------- PDF

def _pdf(hidden: bool) -> tuple[bytes, int]:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setCropBox((0, 0, 612, 720))  # the top 72 pt of the media box are cropped away
    c.setFont("Helvetica", 10)
    y = 680
    for ln in VISIBLE:
        c.drawString(72, y, ln)
        y -= 16
    n = 0
    if hidden:
        s = f"{CANARY} Kubernetes"
        c.drawString(72, 750, s)  # inside the media box, outside the crop box
        c.drawString(72, -40, s)  # below the page
        n += 2 * len(s)  # a PDF draws its spaces: they count as characters
        c.saveState()
        p = c.beginPath()
        p.rect(60, 300, 300, 40)
        c.clipPath(p, stroke=0, fill=0)
        c.drawString(72, 310, "Docker inside the clip")
        s = f"{CANARY} Terraform Kafka"
        c.drawString(72, 200, s)  # drawn while the clip is active, wholly outside it
        n += len(s)
        c.restoreState()
        c.saveState()
        t = c.beginText(72, 150)
        t.setTextRenderMode(3)  # invisible, and no scanned image under it
        s = f"{CANARY} Airflow"
        t.textLine(s)
        c.drawText(t)
        n += len(s)
        c.restoreState()
    else:
        c.drawString(72, 310, "Docker inside the clip")
    c.drawString(72, 120, "Python after the clip")
    c.showPage()
    c.save()
    return buf.getvalue(), n


def test_pdf_clipped_cropped_and_invisible_text_dropped():
    doc, n = _load_pair(_pdf, "pdf")
    assert "Docker inside the clip" in doc.text and "Python after the clip" in doc.text
    hidden, total, w = _hidden_count(doc.warnings)
    assert hidden == n
    assert "outside the page" in w and "clipped away" in w and "invisible render mode" in w


def _scan_with_ocr_layer() -> bytes:
    """A 'scanned' page: a full-page picture with an invisible (3 Tr) text layer over it, as OCR tools make."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (612, 792), 255)
    dr = ImageDraw.Draw(img)
    for k, ln in enumerate(VISIBLE):
        dr.text((72, 112 + 16 * k), ln, fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.drawImage(ImageReader(img), 0, 0, width=612, height=792)
    c.saveState()
    t = c.beginText(72, 680)
    t.setTextRenderMode(3)
    for ln in VISIBLE:
        t.textLine(ln)
    c.drawText(t)
    c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def test_pdf_ocr_layer_over_a_scan_is_kept():
    doc = load_bytes(_scan_with_ocr_layer(), "scan_ocr.pdf")
    assert doc.text.split() == " ".join(VISIBLE).split()
    assert not any(w.startswith("hidden text ignored") for w in doc.warnings)
    assert any("OCR layer" in w for w in doc.warnings)


def test_pdf_clip_is_restored_and_inherited_by_forms():
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.beginForm("f")
    c.drawString(72, 500, f"{CANARY} Kubernetes")  # in the form, drawn under a clip that excludes it
    c.drawString(72, 700, "SKILLS Python")
    c.endForm()
    c.saveState()
    p = c.beginPath()
    p.rect(0, 650, 612, 142)
    c.clipPath(p, stroke=0, fill=0)
    c.doForm("f")
    c.restoreState()
    c.drawString(72, 400, "Docker after restore")
    c.showPage()
    c.save()
    doc = load_bytes(buf.getvalue(), "form.pdf")
    assert doc.text.split("\n") == ["SKILLS Python", "Docker after restore"]
    assert "clipped away" in _hidden_count(doc.warnings)[2]


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_no_hidden_warning_without_hidden_text(fmt):
    build = {"docx": _docx, "html": _html, "pdf": _pdf}[fmt]
    data, _ = build(hidden=False)
    doc = load_bytes(data, f"clean.{fmt}")
    assert not [w for w in doc.warnings if "hidden" in w]


@pytest.mark.parametrize("build, ext", [(_docx, "docx"), (_html, "html"), (_pdf, "pdf")])
def test_hidden_text_never_reaches_the_report(analyzer_default, tmp_path, build, ext):
    data, n = build(hidden=True)
    path = tmp_path / f"hidden.{ext}"
    path.write_bytes(data)
    _check_report(analyzer_default, path, sum(n.values()) if isinstance(n, dict) else n)
