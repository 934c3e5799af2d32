"""HTML stripped to text with block structure, without scripts, styles or hidden elements.

Block elements start new lines, list items get ``• ``, table cells on a row are separated by a tab.
Elements a reader cannot see — ``hidden`` attribute, inline ``display:none``, ``visibility:hidden``,
``font-size`` below 2 px/pt, white text (``color:#fff``/``white``) — are left out and reported in
``Document.warnings``. Stylesheets are not evaluated (classes hiding text are not detected).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from analyzer.ingest.normalise import normalise_line
from analyzer.ingest.text import clean_text, decode
from analyzer.types import Document, Line, Source

BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
         "footer", "ul", "ol", "table", "hr", "dt", "dd", "blockquote", "pre", "title", "aside", "main", "nav"}
SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "math"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*(?:0|[01](?:\.\d+)?)(?:px|pt|em|rem)?\s*(?:;|$)|"
    r"(?<![-\w])color\s*:\s*(?:#fff\b|#ffffff\b|white\b|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)",
    re.I)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.skip = 0
        self.hidden_chars = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hides = tag in SKIP or "hidden" in a or bool(_HIDDEN_STYLE.search(a.get("style") or "")) \
            or (a.get("aria-hidden") == "true" and tag not in BLOCK)
        if tag not in VOID:
            self.stack.append((tag, hides))
            if hides:
                self.skip += 1
        if tag in BLOCK:
            self.parts.append("\n")
        if tag == "li" and not self.skip:
            self.parts.append("• ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in VOID:
            if tag in BLOCK:
                self.parts.append("\n")
            return
        # close up to the matching open tag (forgiving about unclosed inner tags)
        if any(t == tag for t, _ in self.stack):
            while self.stack:
                t, hides = self.stack.pop()
                if hides:
                    self.skip -= 1
                if t == tag:
                    break
        if tag in BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_data(self, data):
        if self.skip:
            if not any(t in SKIP for t, _ in self.stack):
                self.hidden_chars += len(data.strip())
            return
        self.parts.append(" ".join(data.split()) if data.strip() else (" " if data else ""))


def html_to_text(html: str) -> tuple[str, int]:
    """(text, hidden characters dropped)."""
    p = _Text()
    p.feed(html)
    p.close()
    raw = "".join(p.parts)
    out: list[str] = []
    for ln in raw.split("\n"):
        t = normalise_line(ln)
        if t:
            out.append(t)
    return "\n".join(out), p.hidden_chars


def read_html(data: bytes, name: str, options) -> Document:
    html, _enc = decode(data, name)
    text, hidden = html_to_text(clean_text(html))
    lines = []
    pos = 0
    for chunk in text.split("\n"):
        lines.append(Line(start=pos, end=pos + len(chunk)))
        pos += len(chunk) + 1
    warnings = ()
    if hidden:
        warnings = (f"hidden text ignored: {hidden} characters in hidden, invisible or white elements; "
                    "they are not used as evidence",)
    return Document(text=text, source=Source(name=name, format="html", pages=None), lines=tuple(lines), warnings=warnings)
