"""file -> Document: read a resume file into text with offsets and layout lines.

One module per format (``text``, ``pdf``, ``docx``, ``html``); this module sniffs the format,
enforces the limits in :class:`IngestOptions` and turns every failure into an
:class:`~analyzer.errors.InputError` that names the file and the cause.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from analyzer.errors import InputError, UnsupportedFormatError
from analyzer.types import Document, Source

UNSUPPORTED = {
    ".doc": "legacy Word .doc",
    ".odt": "OpenDocument text",
    ".rtf": "RTF",
    ".pages": "Apple Pages",
    ".wpd": "WordPerfect",
}


@dataclass(frozen=True)
class IngestOptions:
    """Limits and switches for reading files. All limits are configurable from the CLI."""

    max_bytes: int = 20 * 1024 * 1024  # larger files are refused (CLI --max-mb)
    max_pages: int = 50  # PDFs with more pages are refused (CLI --max-pages)
    max_chars: int = 2_000_000  # extracted text longer than this is refused
    timeout: float = 60.0  # seconds to read one file (CLI --timeout; see analyzer.limits)
    ocr: bool = False  # read image-only PDFs with tesseract (CLI --ocr; analyzer.ingest.ocr)

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_chars"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")


def sniff_format(data: bytes, suffix: str) -> str:
    """Decide the format from the content first, the extension second."""
    head = data[:1024]
    suffix = suffix.lower()
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".docx", ".docm", ".dotx") or b"word/" in data[:65536] or b"[Content_Types].xml" in data[:4096]:
            return "docx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc / .xls
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix == ".pdf":
        return "pdf"  # claims to be a PDF but has no header: the PDF reader reports it
    if suffix == ".docx":
        return "docx"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def load_document(path: str | Path, options: IngestOptions | None = None) -> Document:
    """Read one resume file. Raises :class:`InputError` with a one-line cause on failure."""
    options = options or IngestOptions()
    p = Path(path)
    name = p.name or str(path)
    if not p.exists():
        raise InputError(name, "file not found", kind="missing")
    if p.is_dir():
        raise InputError(name, "is a directory, not a file", kind="missing")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror})", kind="unreadable") from None
    if size > options.max_bytes:
        raise InputError(
            name, f"file is too large ({size / 1e6:.1f} MB; the limit is {options.max_bytes / 1e6:.0f} MB)", kind="too_large"
        )
    suffix = p.suffix.lower()
    if suffix in UNSUPPORTED:
        raise UnsupportedFormatError(name, f"unsupported format ({UNSUPPORTED[suffix]}); save as DOCX or PDF")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror})", kind="unreadable") from None
    return load_bytes(data, name, options)


def load_bytes(data: bytes, name: str, options: IngestOptions | None = None) -> Document:
    """Read a resume from bytes (``name`` is used for messages and to guess the format)."""
    options = options or IngestOptions()
    if len(data) > options.max_bytes:
        raise InputError(name, f"file is too large ({len(data) / 1e6:.1f} MB)", kind="too_large")
    if not data.strip():
        raise InputError(name, "empty file", kind="empty")
    fmt = sniff_format(data, Path(name).suffix)
    if fmt == "ole":
        raise UnsupportedFormatError(name, "unsupported format (legacy Word .doc); save as DOCX or PDF")
    if fmt == "rtf":
        raise UnsupportedFormatError(name, "unsupported format (RTF); save as DOCX or PDF")
    if fmt == "zip":
        raise UnsupportedFormatError(name, "unsupported format (a ZIP archive that is not a DOCX); save as DOCX or PDF")
    from analyzer.limits import call_with_limit

    doc = call_with_limit(_read_format, data, name, fmt, options, seconds=options.timeout, name=name)
    if len(doc.text) > options.max_chars:
        raise InputError(name, f"extracted text is too long ({len(doc.text)} characters; the limit is {options.max_chars})", kind="too_large")
    if not doc.text.strip():
        raise InputError(name, "no text found: the document is empty", kind="empty")
    source = replace(doc.source, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return replace(doc, source=source)


def _read_format(data: bytes, name: str, fmt: str, options: IngestOptions) -> Document:
    if fmt == "pdf":
        from analyzer.ingest.pdf import read_pdf

        return read_pdf(data, name, options)
    if fmt == "docx":
        from analyzer.ingest.docx import read_docx

        return read_docx(data, name, options)
    if fmt == "html":
        from analyzer.ingest.html import read_html

        return read_html(data, name, options)
    from analyzer.ingest.text import read_text_bytes

    return read_text_bytes(data, name, fmt, options)


def document_from_text(text: str, name: str = "<text>") -> Document:
    """A Document over the caller's string, unchanged, so offsets index it directly."""
    from analyzer.ingest.text import lines_of

    source = Source(name=name, format="text", pages=None, sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), size=len(text))
    return Document(text=text, source=source, lines=lines_of(text))


__all__ = ["IngestOptions", "document_from_text", "load_bytes", "load_document", "sniff_format"]
