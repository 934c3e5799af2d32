"""A corpus of broken and hostile files, built by the tests, gets the right one-line error for each."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analyzer.errors import InputError
from analyzer.ingest import IngestOptions, load_bytes, load_document

from hostile import RESUME, docx_bytes, docx_entity_expansion, docx_zip_bomb, pdf, sample_docx_parts


def _kind(data: bytes, name: str, **opts) -> tuple[str, str]:
    with pytest.raises(InputError) as ei:
        load_bytes(data, name, IngestOptions(**opts) if opts else None)
    msg = str(ei.value)
    assert "\n" not in msg and msg.startswith(name + ": "), msg
    return ei.value.kind, msg


def test_encrypted_with_empty_user_password_opens():
    doc = load_bytes(pdf(RESUME, encrypt=""), "protected.pdf")
    assert "Machine Learning Engineer" in doc.text


def test_encrypted_with_password_is_refused():
    kind, msg = _kind(pdf(RESUME, encrypt="s3cret"), "locked.pdf")
    assert kind == "encrypted" and "password" in msg


def test_image_only_pdf_has_no_text_layer():
    kind, msg = _kind(pdf([], image_only=True), "scan.pdf")
    assert kind == "no_text" and "no text layer" in msg and "OCR" in msg


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_truncated_pdf_is_corrupt_or_reads_what_is_there(cut):
    data = pdf(RESUME, pages=3)
    try:
        load_bytes(data[: int(len(data) * cut)], "truncated.pdf")
    except InputError as exc:
        assert exc.kind in ("corrupt", "no_text"), exc.kind


def test_garbage_pdf_is_corrupt():
    kind, _ = _kind(b"%PDF-1.7\n" + bytes(range(256)) * 40, "garbage.pdf")
    assert kind == "corrupt"


def test_not_a_pdf_at_all():
    kind, _ = _kind(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.pdf")
    assert kind == "corrupt"


def test_empty_files():
    assert _kind(b"", "empty.txt")[0] == "empty"
    assert _kind(b"   \n\n\t ", "blank.txt")[0] == "empty"
    assert _kind(pdf([" "]), "blank.pdf")[0] == "no_text"


def test_too_many_pages_and_too_large():
    kind, msg = _kind(pdf(RESUME, pages=4), "long.pdf", max_pages=3)
    assert kind == "too_large" and "pages" in msg
    kind, msg = _kind(b"x" * 5000, "big.txt", max_bytes=1000)
    assert kind == "too_large"


def test_missing_and_directory(tmp_path):
    for p in (tmp_path / "nope.pdf", tmp_path):
        with pytest.raises(InputError) as ei:
            load_document(p)
        assert ei.value.kind == "missing"


@pytest.mark.parametrize("name,data", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
    ("letter.rtf", b"{\\rtf1\\ansi hello}"),
    ("cv.odt", b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text"),
    ("cv.zip", docx_bytes({"a.txt": b"hello"})),
])
def test_legacy_and_other_formats_are_unsupported(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as ei:
        load_document(p)
    assert ei.value.kind == "unsupported" and "save as DOCX or PDF" in str(ei.value)


def test_docx_zip_bomb_declared_size():
    kind, msg = _kind(docx_zip_bomb(), "bomb.docx")
    assert kind == "hostile" and "zip bomb" in msg


def test_docx_lying_size_header_is_caught():
    """A member whose header declares a small size but which inflates to much more."""
    parts = sample_docx_parts()
    data = bytearray(docx_bytes(parts))
    # shrink the declared uncompressed size of word/document.xml in the central directory
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    cd = data.rfind(b"PK\x01\x02", 0, len(data))
    idx = data.find(b"word/document.xml", data.find(b"PK\x01\x02"))
    hdr = idx - 46
    assert data[hdr:hdr + 4] == b"PK\x01\x02" and cd > 0
    data[hdr + 24:hdr + 28] = (10).to_bytes(4, "little")
    with pytest.raises(InputError) as ei:
        load_bytes(bytes(data), "liar.docx")
    assert ei.value.kind in ("corrupt", "hostile") and info.file_size > 10


def test_docx_entity_expansion_is_refused():
    kind, msg = _kind(docx_entity_expansion(), "lol.docx")
    assert kind == "hostile" and "ENTITY" in msg


def test_docx_external_entity_is_refused():
    parts = sample_docx_parts()
    doc = parts["word/document.xml"].decode("utf-8")
    head, rest = doc.split("?>", 1)
    parts["word/document.xml"] = (head + '?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + rest).encode()
    assert _kind(docx_bytes(parts), "xxe.docx")[0] == "hostile"


def test_corrupt_docx():
    assert _kind(b"PK\x03\x04" + b"\x00" * 200, "broken.docx")[0] == "corrupt"
    parts = sample_docx_parts()
    parts["word/document.xml"] = b"<w:document><w:body><w:p>"  # not well-formed
    assert _kind(docx_bytes(parts), "badxml.docx")[0] == "corrupt"


def test_binary_data_as_text():
    assert _kind(bytes(range(256)) * 20, "binary.txt")[0] == "corrupt"


def test_time_limit_stops_a_slow_read(monkeypatch):
    import analyzer.ingest.pdf as pdfmod

    def slow(*a, **k):
        import time

        while True:
            time.sleep(0.01)

    monkeypatch.setattr(pdfmod, "read_pdf", slow)
    kind, msg = _kind(pdf(RESUME), "slow.pdf", timeout=0.3)
    assert kind == "timeout" and "time limit" in msg


def test_time_limit_leaves_no_timer_behind():
    import signal

    load_bytes(pdf(RESUME), "ok.pdf", IngestOptions(timeout=5))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_limit_holds_when_the_alarm_lands_where_its_exception_is_lost():
    """An alarm raised inside a destructor is printed and dropped by Python: the alarm repeats and stops the
    work, and work that ends after the limit anyway is still a timeout."""
    import signal
    import time

    from analyzer.errors import InputError
    from analyzer.limits import time_limit

    def swallowed(seconds):
        try:
            time.sleep(seconds)  # the first alarm lands here ...
        except BaseException:  # noqa: BLE001 - ... and is dropped, as in a __del__
            pass

    t0 = time.monotonic()
    with pytest.raises(InputError, match="time limit"):
        with time_limit(0.05, "x"):
            swallowed(0.2)
            time.sleep(5)  # a repeat stops this
    assert time.monotonic() - t0 < 2
    with pytest.raises(InputError, match="time limit"):
        with time_limit(0.05, "x"):
            swallowed(0.08)  # ends before a repeat, after the limit
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_cli_prints_one_line_without_traceback(tmp_path):
    p = tmp_path / "locked.pdf"
    p.write_bytes(pdf(RESUME, encrypt="s3cret"))
    r = subprocess.run([sys.executable, "-m", "analyzer.cli", "analyze", str(p)] if False else
                       [str(Path(sys.executable).with_name("skillgap")), "analyze", str(p)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and "locked.pdf: encrypted PDF" in r.stderr
    assert "Traceback" not in r.stderr


def test_text_over_a_million_characters_is_analysed_and_over_the_limit_refused():
    """spaCy's 1,000,000-character guard (meant for parsers) must not turn a long but allowed text into a
    crash; past the documented 2,000,000-character limit analyze_text refuses it like the file readers."""
    from analyzer import analyze_text

    base = Path(__file__).resolve().parents[1] / "samples" / "senior_ai_engineer.txt"
    text = base.read_text("utf-8")
    long = text + "\n" + ("x" * 99 + "\n") * 10_100
    assert len(long) > 1_000_000
    assert analyze_text(long, as_of="2026-06-30").score == analyze_text(text, as_of="2026-06-30").score
    with pytest.raises(InputError, match=r"<text>: text is too long \(2000001 characters; the limit is 2000000\)"):
        analyze_text("y" * 2_000_001)


def test_cli_internal_error_is_one_line_naming_the_file(tmp_path, monkeypatch):
    """A bug of ours (simulated) still gives one line naming the file, exit 3; --verbose shows the traceback."""
    from typer.testing import CliRunner

    from analyzer import core
    from analyzer.cli import app

    p = tmp_path / "resume.txt"
    p.write_text("\n".join(RESUME), "utf-8")

    def boom(self, document, *, as_of=None):
        raise KeyError("bug")

    monkeypatch.setattr(core.Analyzer, "analyze_document", boom)
    r = CliRunner().invoke(app, ["analyze", str(p)])
    assert r.exit_code == 3
    assert r.output.strip() == ("skillgap: error: resume.txt: internal error (KeyError); please report it "
                                "(--verbose shows the traceback)")
    r = CliRunner().invoke(app, ["analyze", str(p), "--verbose"])
    assert isinstance(r.exception, KeyError)
