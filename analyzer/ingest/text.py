"""Plain text and Markdown: encoding detection and line spans."""

from __future__ import annotations

import codecs
import dataclasses
import re
import unicodedata

from analyzer.errors import InputError
from analyzer.ingest.normalise import (_BULLET_CHARS, _CID, _COMMON_NON_ASCII, _NFKC_CHANGED, lead_bullet,
                                      normalise_chars, normalise_line)
from analyzer.types import Document, Line, Source

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


_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n\t"


def _odd_chars(text: str) -> set[str]:
    """The characters of ``text`` other than printable ASCII, line breaks and tabs (what a regex scan for
    ``[^\\x20-\\x7e\\n\\t]`` finds, ``tests/test_fast_paths.py``): deleting those bytes from the UTF-8 form
    leaves whole multi-byte sequences, and one ``bytes.translate`` is several times quicker than the scan."""
    if text.isascii() and text.isprintable():
        return set()
    return set(text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES).decode("utf-8", "surrogatepass"))


def _clean(text: str) -> tuple[str, set[str]]:
    """:func:`clean_text`, and the characters of its result beyond ASCII."""
    odd = _odd_chars(text)
    if "\r" in odd:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        odd.discard("\r")
    # only characters outside printable ASCII, line breaks and tabs can be non-printable
    table = {ord(ch): " " for ch in odd if not ch.isprintable()}
    if not table:
        return text, odd
    return text.translate(table), {ch for ch in odd if ch.isprintable()}


def clean_text(text: str) -> str:
    """Normalise line endings and drop NUL/control characters, keeping a 1:1 length where possible."""
    return _clean(text)[0]


# Line's field defaults: a plain-text line is these with its start and end
_LINE_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Line)}


def lines_of(text: str) -> tuple[Line, ...]:
    """The lines of ``text`` (split at line breaks) without layout, each equal to ``Line(start=a, end=b)``.

    Built as :func:`analyzer.types.filled` builds objects, filling each instance ``__dict__`` (from the
    defaults, then the span), with the objects made in one comprehension: about a third quicker than
    a ``filled`` call with a new dict per line. ``tests/test_ingest.py`` checks the equality."""
    lengths = list(map(len, text.split("\n")))
    new = object.__new__
    out = [new(Line) for _ in lengths]
    defaults = _LINE_DEFAULTS
    pos = 0
    for line, n in zip(out, lengths):
        d = line.__dict__
        d.update(defaults)
        d["start"] = pos
        pos += n
        d["end"] = pos
        pos += 1
    return tuple(out)


_ALIGN = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")

# For normalise_file_text, which applies the rules of normalise_line to a whole text that clean_text has
# passed, where the only whitespace characters (str.isspace, the set of str.strip/split and of re's \s
# alike) are " ", "\t" and "\n":
_ALIGN_PLAIN = re.compile(r"   (?<=\S   ) *(?=\S)")  # _ALIGN with no no-break space, starting with a literal
_OTHER_SPACE = re.compile(r"[^\S \t\n]")  # any other whitespace: the text goes line by line
_SPACE_RUN = re.compile(r"  +")  # a run of spaces becomes one (normalise_line's _SPACES)
_TAB_RUN = re.compile(r"\t\t+")  # tabs with empty parts between them become one
_COMMON = frozenset(_COMMON_NON_ASCII)
_BULLETS = frozenset(_BULLET_CHARS)  # a stripped line can have a leading bullet only when it starts with one


def normalise_file_text(text: str) -> str:
    """Clean-up of text read from a file (never of a caller's string): the same character rules as
    PDF and DOCX (:func:`analyzer.ingest.normalise.normalise_line`), and a run of three or more spaces
    between words — text aligned into columns, such as a right-aligned date — becomes one tab, as
    the PDF and DOCX readers separate side-by-side text.

    :func:`normalise_file_text_lines` is the plain form, which ``tests/test_fast_paths.py`` compares
    this one with. This one is about twice as quick: the character rules act within a line, so they go
    over the whole text at once, and what is left per line is a strip and the bullet rule. It relies on
    :func:`clean_text` leaving no whitespace but spaces, tabs and line breaks (every other whitespace
    character is non-printable); should the character rules make any other (NFKC makes none), the text
    goes line by line."""
    text, chars = _clean(text)
    # an aligned gap holds "   " (no no-break space is left): a cheap test first
    s = _ALIGN_PLAIN.sub("\t", text) if "   " in text else text
    loose = "\t" in text  # may a tab have spaces or tabs beside it? not one of _ALIGN's, between words
    if "(cid:" in s:
        s = _CID.sub("", s)
        loose = True
    if chars:
        if chars.issubset(_COMMON):
            # normalise_line's first branch: NFKC, which changes none of these characters but "…"
            if not chars.isdisjoint(_NFKC_CHANGED):
                s = unicodedata.normalize("NFKC", s)
        else:
            s = normalise_chars(s)
            if _OTHER_SPACE.search(s):
                return _normalise_lines(text)
            loose = True
    if loose and "\t" in s:
        # the parts between tabs lose their edge spaces, and empty parts go: once runs of spaces are one
        # space, a gap that holds a tab becomes that tab
        s = _SPACE_RUN.sub(" ", s).replace(" \t", "\t").replace("\t ", "\t")
        if "\t\t" in s:
            s = _TAB_RUN.sub("\t", s)
    # now a tab has a non-space on each side; per line: runs of spaces, the line's edges, the bullet rule,
    # and join_paragraphs
    res: list[str] = []
    for ln in s.split("\n"):
        if "  " in ln:
            ln = _SPACE_RUN.sub(" ", ln)
        ln = ln.strip()
        if ln:
            if ln[0] in _BULLETS:
                ln = lead_bullet(ln)
            res.append(ln)
        elif res and res[-1]:
            res.append(ln)
    while res and not res[-1]:
        res.pop()
    return "\n".join(res)


def normalise_file_text_lines(text: str) -> str:
    """:func:`normalise_file_text` line by line: :func:`normalise_line` on each line of
    :func:`clean_text`'s result, then :func:`join_paragraphs`."""
    return _normalise_lines(clean_text(text))


def _normalise_lines(text: str) -> str:
    # clean_text turns no-break spaces into spaces, so an aligned gap holds "   ": a cheap test first
    return join_paragraphs(normalise_line(_ALIGN.sub("\t", ln) if "   " in ln else ln) for ln in text.split("\n"))


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
