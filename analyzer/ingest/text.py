"""Plain text and Markdown: encoding detection and line spans."""

from __future__ import annotations

import codecs
import dataclasses
import re

from analyzer.errors import InputError
from analyzer.ingest.normalise import normalise_line
from analyzer.types import Document, Line, Source, filled

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes: BOM, then strict UTF-8, then UTF-16 without BOM, then UTF-8 line by line with cp1252
    for the lines that are not UTF-8, then cp1252, then latin-1."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(name, f"corrupt text: invalid {enc} after a byte-order mark", kind="corrupt") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: many NULs in alternating positions
    sample = data[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if text and sum(ch.isprintable() or ch.isspace() for ch in text[:2000]) > 0.95 * min(len(text), 2000):
                return text, enc
        raise InputError(name, "binary data, not text", kind="corrupt")
    if b"\x00" in sample:
        raise InputError(name, "binary data, not text", kind="corrupt")
    # mostly UTF-8 with some lines in a legacy encoding (pasted together): decode line by line, so
    # the UTF-8 lines do not turn into mojibake ("â€¢" for a bullet)
    parts = data.split(b"\n")
    utf8_lines = legacy = 0
    out = []
    for part in parts:
        try:
            out.append(part.decode("utf-8"))
            utf8_lines += not part.isascii()
        except UnicodeDecodeError:
            out.append(_legacy(part))
            legacy += 1
    if utf8_lines:
        return "\n".join(out), f"utf-8+cp1252:{legacy}"
    return _legacy(data), "cp1252"


def _legacy(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_NOT_PLAIN = re.compile(r"[^\x20-\x7e\n\t]")


def clean_text(text: str) -> str:
    """Normalise line endings and drop NUL/control characters, keeping a 1:1 length where possible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # only characters outside printable ASCII, line breaks and tabs can be non-printable: one scan finds them
    table = {ord(ch): " " for ch in set(_NOT_PLAIN.findall(text)) if not ch.isprintable()}
    return text.translate(table) if table else text


# Line's field defaults: a plain-text line is these with its start and end
_LINE_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Line)}


def lines_of(text: str) -> tuple[Line, ...]:
    """The lines of ``text`` (split at line breaks) without layout, each equal to ``Line(start=a, end=b)``
    (built with :func:`analyzer.types.filled`; ``tests/test_ingest.py`` checks the equality)."""
    out = []
    pos = 0
    for chunk in text.split("\n"):
        end = pos + len(chunk)
        out.append(filled(Line, {**_LINE_DEFAULTS, "start": pos, "end": end}))
        pos = end + 1
    return tuple(out)


_ALIGN = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")


def normalise_file_text(text: str) -> str:
    """Clean-up of text read from a file (never of a caller's string): the same character rules as
    PDF and DOCX (:func:`analyzer.ingest.normalise.normalise_line`), and a run of three or more spaces
    between words — text aligned into columns, such as a right-aligned date — becomes one tab, as
    the PDF and DOCX readers separate side-by-side text."""
    # clean_text turns no-break spaces into spaces, so an aligned gap holds "   ": a cheap test first
    return join_paragraphs(normalise_line(_ALIGN.sub("\t", ln) if "   " in ln else ln)
                           for ln in clean_text(text).split("\n"))


def join_paragraphs(lines) -> str:
    """The lines joined by line breaks, keeping single blank lines (paragraph breaks) and dropping runs
    of them and trailing ones."""
    res: list[str] = []
    for ln in lines:
        if ln or (res and res[-1]):
            res.append(ln)
    while res and not res[-1]:
        res.pop()
    return "\n".join(res)


def read_text_bytes(data: bytes, name: str, fmt: str, options) -> Document:
    text, encoding = decode(data, name)
    text = normalise_file_text(text)
    warnings: tuple[str, ...] = ()
    if encoding in ("cp1252", "latin-1"):
        warnings = (f"text was not UTF-8; decoded as {encoding}",)
    elif encoding.startswith("utf-8+cp1252:"):
        n = int(encoding.rsplit(":", 1)[1])
        warnings = (f"text was not UTF-8 throughout; {n} line{'s' if n != 1 else ''} decoded as cp1252",)
    return Document(text=text, source=Source(name=name, format=fmt, pages=None), lines=lines_of(text), warnings=warnings)
