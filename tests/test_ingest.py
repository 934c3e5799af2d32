"""Reading files: hidden text, normalisation, page furniture, columns (generated PDFs), DOCX, HTML, TXT,
and the same resume in three formats giving the same sections and evidence."""

from __future__ import annotations

import io

import pytest

from analyzer.ingest import load_bytes, load_document
from analyzer.ingest.normalise import join_hyphenated, normalise_line
from analyzer.ingest.sections import detect_sections

from conftest import AS_OF, SAMPLES, personas


def _canvas():
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=letter)


BODY = ["Jane Roe", "EXPERIENCE", "Machine Learning Engineer, Acme", "Built forecasting models in Python.",
        "EDUCATION", "MSc Computer Science, 2019"]


def _hidden_pdf() -> bytes:
    buf, c = _canvas()
    y = 740
    for ln in BODY:
        c.drawString(72, y, ln)
        y -= 16
    c.setFillColorRGB(1, 1, 1)
    c.drawString(72, 500, "Kubernetes TensorFlow Scala expert")  # white on white
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 1)
    c.drawString(72, 480, "Rust Golang Haskell")  # 1 pt
    c.setFont("Helvetica", 10)
    c.drawString(72, 2000, "Terraform Kafka")  # above the page
    c.saveState()  # the render mode is graphics state: keep it inside q/Q
    t = c.beginText(72, 460)
    t.setTextRenderMode(3)  # invisible
    t.textLine("Snowflake Airflow")
    c.drawText(t)
    c.restoreState()
    # white text on a dark band is visible and kept
    c.setFillColorRGB(0.1, 0.1, 0.3)
    c.rect(60, 400, 300, 30, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica", 10)
    c.drawString(72, 410, "Visible Docker skills")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_hidden_pdf_text_is_dropped_and_reported():
    doc = load_bytes(_hidden_pdf(), "hidden.pdf")
    for word in ("Kubernetes", "Rust", "Terraform", "Snowflake"):
        assert word not in doc.text, word
    assert "Visible Docker skills" in doc.text
    assert "Built forecasting models in Python." in doc.text
    (w,) = [w for w in doc.warnings if w.startswith("hidden text ignored")]
    assert "white or background colour" in w and "smaller than 2 pt" in w and "outside the page" in w
    assert "invisible render mode" in w


def test_hidden_text_never_reaches_the_evidence(analyzer_default):
    from analyzer.ingest import load_bytes as lb

    r = analyzer_default.analyze_document(lb(_hidden_pdf(), "hidden.pdf"), as_of=AS_OF)
    ids = {e.skill_id for e in r.evidence}
    assert not ids & {"kubernetes", "tensorflow", "scala", "rust", "go", "terraform", "kafka", "airflow", "snowflake"}
    assert "docker" in ids and "python" in ids
    assert any("hidden text" in w for w in r.warnings)


def test_running_header_footer_and_page_numbers_removed():
    buf, c = _canvas()
    for page in range(1, 4):
        c.setFont("Helvetica", 8)
        c.drawString(72, 770, "Jane Roe - Curriculum Vitae")
        c.drawCentredString(306, 30, f"Page {page} of 3")
        c.setFont("Helvetica", 10)
        y = 700
        for i in range(10):
            c.drawString(72, y, f"Line {i} on page {page} about Python and data.")
            y -= 14
        c.showPage()
    c.save()
    doc = load_bytes(buf.getvalue(), "multi.pdf")
    assert "Curriculum Vitae" not in doc.text and "Page 2 of 3" not in doc.text
    assert doc.text.count("about Python") == 30
    assert doc.source.pages == 3


def test_generated_two_column_pdf_is_read_column_by_column():
    buf, c = _canvas()
    c.setFont("Helvetica-Bold", 18)
    c.drawString(72, 740, "Alex Example")
    c.setFont("Helvetica", 10)
    left = ["SKILLS", "Python", "PyTorch", "Kubernetes", "LANGUAGES", "English", "German"]
    right = ["EXPERIENCE", "Lead ML Engineer, Nimbus 2020 - Present", "Led a team of six engineers.",
             "Built retrieval systems.", "EDUCATION", "MSc Computer Science, 2016", "BSc Mathematics, 2014"]
    for i, (a, b) in enumerate(zip(left, right)):
        y = 700 - 16 * i
        c.drawString(60, y, a)
        c.drawString(230, y, b)
    c.showPage()
    c.save()
    doc = load_bytes(buf.getvalue(), "two.pdf")
    lines = [doc.text[ln.start:ln.end] for ln in doc.lines]
    assert lines[0] == "Alex Example"
    assert lines[1:8] == left and lines[8:] == right
    assert [s.name for s in detect_sections(doc)] == ["header", "skills", "languages", "experience", "education"]


def test_pdf_normalisation_and_hyphenation():
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
    buf, c = _canvas()
    c.setFont("Vera", 10)
    c.drawString(72, 700, "EXPERIENCE")
    c.drawString(72, 680, "\u2022 Deployed work\ufb02ows on Kuber-")
    c.drawString(72, 666, "netes for the team with ef\ufb01cient pipelines.")
    c.showPage()
    c.save()
    doc = load_bytes(buf.getvalue(), "norm.pdf")
    assert "• Deployed workflows on Kubernetes" in doc.text
    assert "efficient pipelines." in doc.text
    for ln in doc.lines:
        assert doc.text[ln.start:ln.end].strip() == doc.text[ln.start:ln.end]


def test_normalise_line_rules():
    assert normalise_line("\u25cf  Built  \ufb01ne\u200b models") == "• Built fine models"
    assert normalise_line("Co\u00adfounder", pdf=True) == "Co-founder"
    assert normalise_line("Co\u00adfounder") == "Cofounder"
    assert normalise_line("\uf0b7 Python") == "• Python"
    assert normalise_line("Title\t\tJan 2020") == "Title\tJan 2020"
    assert normalise_line("(cid:12)Python") == "Python"
    assert join_hyphenated(["data pipe-", "lines and more"]) == ["data pipelines", "and more"]
    assert join_hyphenated(["Senior-", "Engineer"]) == ["Senior-", "Engineer"]


@pytest.mark.parametrize("lines, joined", [
    (["a state-of-the-", "art model"], ["a state-of-the-art", "model"]),  # already a compound: its own hyphen
    (["built end-to-", "end systems"], ["built end-to-end", "systems"]),
    (["used scikit-", "learn, PyTorch"], ["used scikit-learn,", "PyTorch"]),  # known compound
    (["a self-", "taught engineer"], ["a self-taught", "engineer"]),  # compound-making first part
    (["worked with multi-", "ple teams"], ["worked with multiple", "teams"]),  # a word ending, not a compound
    (["cross-", "ing the river"], ["crossing", "the river"]),
    (["data pipe-", "lines and more"], ["data pipelines", "and more"]),  # typesetter's break
    (["Kuber-", "netes"], ["Kubernetes", ""]),
])
def test_line_end_hyphenation_keeps_compounds(lines, joined):
    assert join_hyphenated(lines) == joined


def test_line_end_hyphenation_follows_the_documents_own_spelling():
    # "data-" + "base": the document spells "database" elsewhere, so the break is a typesetter's
    assert join_hyphenated(["a data-", "base of", "the database"])[0] == "a database"
    # "graph-" + "ql": the document spells "graph-ql" elsewhere, so the hyphen is kept
    assert join_hyphenated(["a graph-", "ql api", "more graph-ql"])[0] == "a graph-ql"


def test_pdf_hyphenated_compounds_reach_the_evidence(analyzer_default):
    buf, c = _canvas()
    c.drawString(72, 700, "SKILLS")
    c.drawString(72, 680, "Built state-of-the-")
    c.drawString(72, 666, "art ranking models with scikit-")
    c.drawString(72, 652, "learn and end-to-")
    c.drawString(72, 638, "end pipelines.")
    c.showPage()
    c.save()
    doc = load_bytes(buf.getvalue(), "hyph.pdf")
    assert doc.text.split("\n")[1:4] == ["Built state-of-the-art", "ranking models with scikit-learn", "and end-to-end"]
    r = analyzer_default.analyze_document(doc, as_of=AS_OF)
    assert any(e.text == "scikit-learn" for e in r.evidence)


def test_docx_body_order_tables_header_lists_links_hidden():
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "jane@example.com | +1 555 0100"
    d.add_paragraph("Jane Roe")
    d.add_paragraph("SKILLS")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Languages", "Python, SQL"
    t.cell(1, 0).text, t.cell(1, 1).text = "Cloud", "AWS"
    d.add_paragraph("EXPERIENCE")
    d.add_paragraph("Trained ranking models", style="List Bullet")
    p = d.add_paragraph("See ")
    link = OxmlElement("w:hyperlink")
    r = OxmlElement("w:r")
    tt = OxmlElement("w:t")
    tt.text = "github.com/jane"
    r.append(tt)
    link.append(r)
    p._p.append(link)
    hp = d.add_paragraph()
    run = hp.add_run("Kubernetes Scala hidden")
    run.font.hidden = True
    wp = d.add_paragraph()
    wr = wp.add_run("Terraform white")
    from docx.shared import RGBColor

    wr.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    d.add_paragraph("EDUCATION")
    buf = io.BytesIO()
    d.save(buf)
    doc = load_bytes(buf.getvalue(), "cv.docx")
    lines = doc.text.split("\n")
    assert lines[0] == "jane@example.com | +1 555 0100"
    assert lines[1:5] == ["Jane Roe", "SKILLS", "Languages\tPython, SQL", "Cloud\tAWS"]
    assert lines[5:8] == ["EXPERIENCE", "• Trained ranking models", "See github.com/jane"]
    assert "Kubernetes" not in doc.text and "Terraform" not in doc.text
    assert any("hidden text ignored" in w for w in doc.warnings)
    assert [s.name for s in detect_sections(doc)] == ["header", "skills", "experience", "education"]


def test_html_without_scripts_styles_or_hidden_elements():
    html = b"""<html><head><style>p{color:red}</style><script>var x = "Kubernetes";</script></head><body>
    <h1>Jane Roe</h1><h2>Skills</h2><ul><li>Python</li><li>PyTorch</li></ul>
    <div style="display:none">Scala Rust</div><p hidden>Terraform</p>
    <span style="color:#ffffff">Kafka</span>
    <table><tr><td>ML Engineer</td><td>2019 - 2024</td></tr></table></body></html>"""
    doc = load_bytes(html, "cv.html")
    assert doc.text.split("\n") == ["Jane Roe", "Skills", "• Python", "• PyTorch", "ML Engineer\t2019 - 2024"]
    assert any("hidden text ignored" in w for w in doc.warnings)


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_encodings(enc):
    text = "José Müller — Résumé\nSKILLS\nPython, naïve Bayes\n"
    doc = load_bytes(text.encode(enc), "cv.txt")
    assert doc.text.split("\n")[:3] == ["José Müller — Résumé", "SKILLS", "Python, naïve Bayes"]
    assert bool(doc.warnings) == (enc == "cp1252")


def test_text_alignment_spaces_become_a_tab():
    doc = load_bytes(b"Senior Engineer, Acme            Jan 2020 - Present\n", "cv.txt")
    assert doc.text == "Senior Engineer, Acme\tJan 2020 - Present"


def test_analyze_text_keeps_the_callers_string(analyzer_default):
    s = "SKILLS\n\u25cf  Python   and\u00adPyTorch\r\n"
    r = analyzer_default.analyze_text(s, as_of=AS_OF)
    assert r.text == s
    for e in r.evidence:
        assert s[e.start:e.end] == e.text


def _sample_files():
    if not (SAMPLES / "personas.json").exists():
        pytest.skip("samples not generated")
    return [p["files"] for p in personas()]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_same_content_same_sections_and_evidence_across_formats(analyzer_default, fmt):
    for files in _sample_files():
        base = analyzer_default.analyze(SAMPLES / files["txt"], as_of=AS_OF)
        other = analyzer_default.analyze(SAMPLES / files[fmt], as_of=AS_OF)
        assert {s.name for s in other.sections} - {"additional"} == {s.name for s in base.sections} - {"additional"}, files
        assert {e.skill_id for e in other.evidence if e.counts} == {e.skill_id for e in base.evidence if e.counts}, files
        for e in other.evidence:
            assert other.text[e.start:e.end] == e.text


def test_sample_pdfs_round_trip_lines_and_offsets():
    for files in _sample_files():
        doc = load_document(SAMPLES / files["pdf"])
        txt = load_document(SAMPLES / files["txt"])
        assert doc.source.pages and doc.source.pages >= 1
        # every non-empty line of the text version is somewhere in the PDF text (wrapped lines are joined)
        import re

        words = lambda t: set(re.findall(r"\w+", t))  # noqa: E731
        assert words(txt.text) <= words(doc.text), (files["pdf"], words(txt.text) - words(doc.text))
        for ln in doc.lines:
            assert 0 <= ln.start <= ln.end <= len(doc.text) and "\n" not in doc.text[ln.start:ln.end]


# ---------------------------------------------------------------------------------------------- OCR

OCR_LINES = ["Jane Roe", "EXPERIENCE", "Machine Learning Engineer, Acme 2019 - 2024",
             "Built forecasting models in Python and PyTorch.", "Deployed services on Kubernetes.", "EDUCATION",
             "MSc Computer Science, 2019"]


def _scanned_pdf() -> bytes:
    """An image-only PDF: the resume rendered to a 200 dpi greyscale picture (no text layer)."""
    import os

    import reportlab
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    fonts = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    regular, bold = ImageFont.truetype(os.path.join(fonts, "Vera.ttf"), 36), ImageFont.truetype(
        os.path.join(fonts, "VeraBd.ttf"), 44)
    img = Image.new("L", (1700, 2200), 255)
    dr = ImageDraw.Draw(img)
    for k, ln in enumerate(OCR_LINES):
        dr.text((200, 200 + 80 * k), ln, fill=0, font=bold if ln.isupper() or k == 0 else regular)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.drawImage(ImageReader(img), 0, 0, 612, 792)
    c.showPage()
    c.save()
    return buf.getvalue()


def _ocr_tools() -> bool:
    from analyzer.ingest.ocr import tools

    return all(tools())


def test_scanned_pdf_without_ocr_says_how_to_read_it():
    from analyzer.errors import InputError

    with pytest.raises(InputError) as ei:
        load_bytes(_scanned_pdf(), "scan.pdf")
    assert ei.value.kind == "no_text"
    assert str(ei.value) == "scan.pdf: no text layer: scanned document; OCR is not available, use --ocr to read it with tesseract"


def test_ocr_without_tesseract_is_a_one_line_error(monkeypatch, tmp_path):
    from analyzer.errors import InputError
    from analyzer.ingest import IngestOptions

    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no tesseract, no pdftoppm
    with pytest.raises(InputError) as ei:
        load_bytes(_scanned_pdf(), "scan.pdf", IngestOptions(ocr=True))
    msg = str(ei.value)
    assert "\n" not in msg and msg.startswith("scan.pdf: ") and "tesseract" in msg and "not installed" in msg


@pytest.mark.skipif(not _ocr_tools(), reason="tesseract or pdftoppm is not installed")
def test_ocr_reads_a_scanned_pdf(analyzer_default):
    from analyzer.ingest import IngestOptions

    doc = load_bytes(_scanned_pdf(), "scan.pdf", IngestOptions(ocr=True))
    assert doc.text.split("\n") == OCR_LINES
    assert doc.source.pages == 1 and all(ln.page == 1 for ln in doc.lines)
    assert any("OCR" in w for w in doc.warnings)
    r = analyzer_default.analyze_document(doc, as_of=AS_OF)
    assert {"python", "pytorch", "kubernetes"} <= {e.skill_id for e in r.evidence}
    assert [s.name for s in r.sections][:3] == ["header", "experience", "education"]


@pytest.mark.skipif(not _ocr_tools(), reason="tesseract or pdftoppm is not installed")
def test_ocr_respects_the_time_limit():
    from analyzer.errors import InputError
    from analyzer.ingest import IngestOptions
    from analyzer.ingest.ocr import ocr_pdf

    import time

    with pytest.raises(InputError) as ei:  # a deadline already past: no subprocess is started
        ocr_pdf(_scanned_pdf(), "scan.pdf", IngestOptions(ocr=True, timeout=5), time.monotonic() - 1)
    assert ei.value.kind == "timeout"
    with pytest.raises(InputError) as ei:  # a limit far shorter than rendering and recognising a page
        load_bytes(_scanned_pdf(), "scan.pdf", IngestOptions(ocr=True, timeout=0.3))
    assert ei.value.kind == "timeout"


@pytest.mark.skipif(not _ocr_tools(), reason="tesseract or pdftoppm is not installed")
def test_cli_ocr_flag(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    p = tmp_path / "scan.pdf"
    p.write_bytes(_scanned_pdf())
    exe = str(Path(sys.executable).with_name("skillgap"))
    r = subprocess.run([exe, "analyze", str(p), "--as-of", "2026-06-30"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "use --ocr" in r.stderr and r.stderr.strip().count("\n") == 0
    r = subprocess.run([exe, "analyze", str(p), "--ocr", "--as-of", "2026-06-30", "-f", "json"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    import json

    rep = json.loads(r.stdout)
    assert "Kubernetes" in json.dumps(rep)


def test_batch_ocr_flag(tmp_path):
    """`skillgap batch --ocr` reads scanned PDFs; without it they are `no_text` error rows."""
    from analyzer import batch as B

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(_scanned_pdf())
    plain = B.to_frame(B.analyze_many([tmp_path / "in"], as_of=AS_OF, workers=0))
    assert list(plain.status) == ["error"] and list(plain.error_kind) == ["no_text"]
    assert B.Settings(ocr=True).resolve().fingerprint != B.Settings().resolve().fingerprint  # a rerun re-reads
    if not _ocr_tools():
        pytest.skip("tesseract or pdftoppm is not installed")
    read = B.to_frame(B.analyze_many([tmp_path / "in"], as_of=AS_OF, workers=0, ocr=True))
    assert list(read.status) == ["ok"] and read.score[0] > 0


@pytest.mark.parametrize("text", ["", "one line", "a\nb\n\nc\n", "\n\n", "x" * 50 + "\n" + "é\tü\n"])
def test_lines_of_equals_plain_line_objects(text):
    from analyzer.ingest.text import lines_of
    from analyzer.types import Line

    expected, pos = [], 0
    for chunk in text.split("\n"):
        expected.append(Line(start=pos, end=pos + len(chunk)))
        pos += len(chunk) + 1
    got = lines_of(text)
    assert got == tuple(expected)
    assert [vars(a) for a in got] == [vars(b) for b in expected] and all(hash(a) == hash(b) for a, b in zip(got, expected))


def test_moving_evidence_to_a_position_equals_dataclasses_replace():
    import dataclasses

    from analyzer.core import _with_position
    from analyzer.types import ContextHit, Evidence

    e = Evidence(id="e1", skill_id="python", label="Python", category="programming", text="Python", start=3, end=9,
                 section="experience", context=(ContextHit(rule="r", category="SECTION", trigger="", start=0, end=0),))
    for position in (None, 0, 4):
        moved, expected = _with_position(e, position), dataclasses.replace(e, position=position)
        assert moved == expected and hash(moved) == hash(expected) and vars(moved) == vars(expected)
    assert e.position is None  # the original is unchanged
