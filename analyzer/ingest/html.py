"""HTML stripped to text with block structure, without scripts and styles."""

from __future__ import annotations

from html.parser import HTMLParser

from analyzer.ingest.text import clean_text, decode, lines_of
from analyzer.types import Document, Source

BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
         "footer", "ul", "ol", "table", "hr", "dt", "dd", "blockquote", "pre", "title", "aside", "main", "nav"}
SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(" ".join(data.split()) if data.strip() else (" " if data else ""))


def html_to_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    raw = "".join(p.parts)
    lines = [" ".join(l.split()) for l in raw.split("\n")]
    out: list[str] = []
    for l in lines:
        if l or (out and out[-1]):
            out.append(l)
    return "\n".join(out).strip()


def read_html(data: bytes, name: str, options) -> Document:
    html, _enc = decode(data, name)
    text = clean_text(html_to_text(html))
    return Document(text=text, source=Source(name=name, format="html", pages=None), lines=lines_of(text))
