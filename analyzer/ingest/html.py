"""HTML stripped to text with block structure, without scripts, styles or text a reader cannot see.

Block elements start new lines, list items get ``• ``, table cells on a row are separated by a tab.

**Hidden text** is left out and reported in ``Document.warnings`` (``hidden text ignored: N of M
characters …``), judged from the element's inline ``style``, its ``bgcolor``/``<font color>`` attributes
and the simple rules of embedded ``<style>`` blocks:

- hidden elements: the ``hidden`` attribute, ``<template>``, ``<noscript>``, ``display:none``,
  ``opacity:0``, text moved off screen (``text-indent`` or absolute ``left``/``top`` of -999px or more)
  and the "visually hidden" pattern (``clip: rect(0 0 0 0)``, ``clip-path: inset(50%)``, or a 1px box with
  ``overflow:hidden``) — the whole subtree is dropped;
- ``visibility:hidden`` (inherited; a descendant with ``visibility:visible`` is seen again);
- font size below 2 px/pt, or ``0``/below ``0.125em`` (inherited; a descendant with a readable absolute
  size is seen again);
- colour: transparent text, or text whose luminance is within 0.08 of the background colour behind it (the
  nearest ancestor with a background colour, else white) — white on white, or ``#333`` on ``#333``.

``aria-hidden="true"`` is **not** hidden: it hides an element from screen readers, but sighted readers
see it, so its text is read like any other (icon fonts inside it carry no words anyway).

Stylesheet support is deliberately small: rules in embedded ``<style>`` blocks whose selectors are a tag
and/or classes and/or an id (``.x``, ``p.x.y``, ``#id``, ``span``, comma lists), applied in specificity
then source order, with inline ``style`` last. **Not handled**: external stylesheets, descendant/child/
sibling combinators, attribute selectors, pseudo-classes and pseudo-elements (``::before`` content),
rules inside ``@media``/``@supports``, ``!important`` overriding, ``hsl()`` and most named colours
(only the common light and dark names), background images, CSS variables and unknown colours (the contrast is then not judged), text covered by
another element, and script-made changes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from analyzer.ingest.normalise import normalise_line
from analyzer.ingest.text import clean_text, decode
from analyzer.types import Document, Line, Source

BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
         "footer", "ul", "ol", "table", "hr", "dt", "dd", "blockquote", "pre", "title", "aside", "main", "nav"}
SKIP = {"script", "style", "head", "svg", "iframe", "object", "math"}  # not text: dropped without counting
HIDDEN_TAGS = {"template", "noscript"}  # text a reader of the page does not see: dropped and counted
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
MIN_CONTRAST = 0.08  # as PdfParams.min_contrast
MIN_PX = 2.0

_NAMED = {
    "white": (255, 255, 255), "snow": (255, 250, 250), "ivory": (255, 255, 240), "whitesmoke": (245, 245, 245),
    "ghostwhite": (248, 248, 255), "floralwhite": (255, 250, 240), "seashell": (255, 245, 238),
    "mintcream": (245, 255, 250), "azure": (240, 255, 255), "aliceblue": (240, 248, 255),
    "honeydew": (240, 255, 240), "linen": (250, 240, 230), "oldlace": (253, 245, 230),
    "lavenderblush": (255, 240, 245), "cornsilk": (255, 248, 220), "lightyellow": (255, 255, 224),
    "beige": (245, 245, 220), "black": (0, 0, 0), "gray": (128, 128, 128), "grey": (128, 128, 128),
    "silver": (192, 192, 192), "lightgray": (211, 211, 211), "lightgrey": (211, 211, 211),
    "gainsboro": (220, 220, 220), "darkgray": (169, 169, 169), "darkgrey": (169, 169, 169),
    "dimgray": (105, 105, 105), "dimgrey": (105, 105, 105), "red": (255, 0, 0), "green": (0, 128, 0),
    "blue": (0, 0, 255), "navy": (0, 0, 128), "yellow": (255, 255, 0), "maroon": (128, 0, 0),
    "purple": (128, 0, 128), "teal": (0, 128, 128), "olive": (128, 128, 0), "orange": (255, 165, 0),
}
TRANSPARENT = -1.0  # luminance sentinel: fully transparent colour
_HEX = re.compile(r"#([0-9a-f]{3,8})\b")
_RGB = re.compile(r"rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")
_LEN = re.compile(r"^(-?[\d.]+)\s*(px|pt|em|rem|%|vw|vh|ex|ch)?$")
_SIMPLE_SEL = re.compile(r"^([a-z][a-z0-9]*)?((?:[.#][\w-]+)*)$", re.I)


def _lum(rgb) -> float:
    r, g, b = (min(255.0, max(0.0, float(v))) / 255 for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _num(v: str, scale: float = 255.0) -> float:
    return float(v[:-1]) * scale / 100 if v.endswith("%") else float(v)


def parse_color(value: str) -> float | None:
    """Luminance 0..1 of a CSS colour, :data:`TRANSPARENT` for a transparent one, None when unknown."""
    v = value.strip().lower()
    if not v:
        return None
    if v == "transparent":
        return TRANSPARENT
    m = _HEX.search(v)
    if m:
        h = m.group(1)
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        if len(h) not in (6, 8):
            return None
        if len(h) == 8 and int(h[6:8], 16) == 0:
            return TRANSPARENT
        return _lum((int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)))
    m = _RGB.search(v)
    if m:
        try:
            rgb = tuple(_num(m.group(i)) for i in (1, 2, 3))
            if m.group(4) is not None and _num(m.group(4), 1.0) == 0:
                return TRANSPARENT
        except ValueError:
            return None
        return _lum(rgb)
    for word in re.findall(r"[a-z]+", v):
        if word in _NAMED:
            return _lum(_NAMED[word])
        if word == "transparent":
            return TRANSPARENT
    return None


def _px(value: str) -> float | None:
    """A CSS length in px (1pt = 4/3 px, 1em = 16 px at the root), None when not a plain length."""
    m = _LEN.match(value.strip().lower())
    if not m:
        return None
    try:
        n = float(m.group(1))
    except ValueError:
        return None
    unit = m.group(2) or "px"
    return n * {"px": 1.0, "pt": 4 / 3, "em": 16.0, "rem": 16.0, "%": 0.16, "ex": 8.0, "ch": 8.0}.get(unit, 1.0) \
        if unit not in ("vw", "vh") else n * 10.0


def parse_declarations(style: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for decl in style.split(";"):
        if ":" not in decl:
            continue
        k, v = decl.split(":", 1)
        k = k.strip().lower()
        v = v.replace("!important", "").strip().lower()
        if k and v:
            out[k] = v
    return out


class StyleSheet:
    """The simple rules of embedded ``<style>`` blocks (see the module docstring for what is not handled)."""

    def __init__(self) -> None:
        # key ("." class, "#" id, "" tag) -> [(specificity, order, tag or None, classes, id or None, decls)]
        self.index: dict[str, list[tuple]] = {}
        self.order = 0

    def add(self, css: str) -> None:
        css = re.sub(r"/\*.*?\*/", " ", css, flags=re.S)
        i, n = 0, len(css)
        while i < n:
            j = css.find("{", i)
            if j < 0:
                break
            prelude = css[i:j].strip()
            # find the matching close brace (nested blocks: @media and friends are skipped whole)
            depth, k = 1, j + 1
            while k < n and depth:
                c = css[k]
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                k += 1
            body = css[j + 1:k - 1]
            i = k
            if prelude.startswith("@") or "{" in body:
                continue
            decls = parse_declarations(body)
            if not decls:
                continue
            for sel in prelude.split(","):
                self._add_selector(sel.strip(), decls)

    def _add_selector(self, sel: str, decls: dict[str, str]) -> None:
        m = _SIMPLE_SEL.match(sel)
        if not m or not sel:
            return
        tag = (m.group(1) or "").lower() or None
        classes = frozenset(re.findall(r"\.([\w-]+)", m.group(2)))
        ids = re.findall(r"#([\w-]+)", m.group(2))
        if len(ids) > 1:
            return
        eid = ids[0] if ids else None
        spec = (1 if eid else 0, len(classes), 1 if tag else 0)
        self.order += 1
        rule = (spec, self.order, tag, classes, eid, decls)
        key = f"#{eid}" if eid else (f".{min(classes)}" if classes else tag or "")
        self.index.setdefault(key, []).append(rule)

    def match(self, tag: str, classes: list[str], eid: str | None) -> dict[str, str]:
        if not self.index:
            return {}
        cands = list(self.index.get(tag, ()))
        for c in classes:
            cands.extend(self.index.get(f".{c}", ()))
        if eid:
            cands.extend(self.index.get(f"#{eid}", ()))
        if not cands:
            return {}
        out: dict[str, str] = {}
        cls = set(classes)
        uniq = {r[1]: r for r in cands}  # a rule reached through two of its classes counts once
        for _spec, _order, rtag, rclasses, rid, decls in sorted(uniq.values(), key=lambda r: (r[0], r[1])):
            if (rtag is None or rtag == tag) and rclasses <= cls and (rid is None or rid == eid):
                out.update(decls)
        return out


def _subtree_hidden(d: dict[str, str]) -> bool:
    """Properties that hide an element and everything inside it."""
    if d.get("display") == "none":
        return True
    op = d.get("opacity")
    if op is not None:
        try:
            if _num(op, 1.0) <= 0.01:
                return True
        except ValueError:
            pass
    ti = d.get("text-indent")
    if ti is not None and (_px(ti) or 0) <= -999:
        return True
    if d.get("position") in ("absolute", "fixed"):
        for side in ("left", "top", "right"):
            v = d.get(side)
            if v is not None and (_px(v) or 0) <= -999:
                return True
        clip = d.get("clip", "")
        if clip.startswith("rect(") and not re.search(r"[1-9]\d", clip):
            return True  # rect(0 0 0 0), rect(1px, 1px, 1px, 1px)
        if "inset(50%" in d.get("clip-path", ""):
            return True
        w, h = d.get("width"), d.get("height")
        if w is not None and h is not None and "hidden" in d.get("overflow", ""):
            wp, hp = _px(w), _px(h)
            if wp is not None and hp is not None and wp <= 1 and hp <= 1:
                return True
    return False


class _Frame:
    __slots__ = ("tag", "hides", "color", "bg", "invisible", "tiny")

    def __init__(self, tag, hides, color, bg, invisible, tiny) -> None:
        self.tag, self.hides, self.color, self.bg, self.invisible, self.tiny = tag, hides, color, bg, invisible, tiny


class _Text(HTMLParser):
    def __init__(self, sheet: StyleSheet | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.sheet = sheet or StyleSheet()
        self.parts: list[str] = []
        # root: black text (None = default), white page (luminance 1.0), visible, readable size
        self.stack: list[_Frame] = [_Frame("#root", False, None, 1.0, False, False)]
        self.skip = 0  # open elements whose subtree is dropped
        self.quiet = 0  # open SKIP elements (script, style, ...): dropped without counting
        self.chars = 0
        self.hidden_elements = self.low_contrast = self.tiny = 0

    def _style(self, tag: str, a: dict) -> dict[str, str]:
        d = self.sheet.match(tag, (a.get("class") or "").split(), a.get("id")) if self.sheet.index else {}
        if a.get("bgcolor"):
            d["background-color"] = a["bgcolor"].lower()
        if tag == "font" and a.get("color"):
            d["color"] = a["color"].lower()
        if a.get("style"):
            d.update(parse_declarations(a["style"]))
        return d

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        top = self.stack[-1]
        if tag in SKIP:
            hides, quiet = True, True
            d: dict[str, str] = {}
        else:
            quiet = False
            d = self._style(tag, a)
            hides = tag in HIDDEN_TAGS or "hidden" in a or (bool(d) and _subtree_hidden(d))
        if tag not in VOID:
            color, bg, invisible, tiny = top.color, top.bg, top.invisible, top.tiny
            if d:
                if "color" in d:
                    c = parse_color(d["color"])
                    if c is not None or d["color"] not in ("inherit", "currentcolor"):
                        color = c
                for k in ("background-color", "background"):
                    if k in d:
                        v = d[k]
                        if "url(" in v or "gradient" in v:
                            bg = None  # an image behind the text: contrast cannot be judged
                        else:
                            c = parse_color(v)
                            if c is not None and c != TRANSPARENT:
                                bg = c
                            elif c is None and v not in ("none", "inherit", "initial", "unset"):
                                bg = None  # var(--x) or a colour we do not know: cannot be judged
                        break
                vis = d.get("visibility")
                if vis in ("hidden", "collapse"):
                    invisible = True
                elif vis == "visible":
                    invisible = False
                fs = d.get("font-size")
                if fs is not None:
                    px = _px(fs)
                    if px is not None:
                        tiny = px < MIN_PX
            self.stack.append(_Frame(tag, hides, color, bg, invisible, tiny))
            if hides:
                self.skip += 1
                if quiet:
                    self.quiet += 1
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
        if any(f.tag == tag for f in self.stack[1:]):
            while len(self.stack) > 1:
                f = self.stack.pop()
                if f.hides:
                    self.skip -= 1
                    if f.tag in SKIP:
                        self.quiet -= 1
                if f.tag == tag:
                    break
        if tag in BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_data(self, data):
        if self.quiet:
            return
        words = " ".join(data.split())
        n = len(words)
        self.chars += n
        if self.skip:
            self.hidden_elements += n
            return
        f = self.stack[-1]
        if n:
            if f.invisible:
                self.hidden_elements += n
                return
            if f.tiny:
                self.tiny += n
                return
            if f.color is not None and (f.color == TRANSPARENT or (f.bg is not None and abs(f.color - f.bg) < MIN_CONTRAST)):
                self.low_contrast += n
                return
        self.parts.append(words if data.strip() else (" " if data else ""))

    @property
    def hidden_chars(self) -> int:
        return self.hidden_elements + self.low_contrast + self.tiny


_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.I | re.S)


def html_to_text(html: str) -> tuple[str, int]:
    """(text, hidden characters dropped)."""
    text, p = _convert(html)
    return text, p.hidden_chars


def _convert(html: str) -> tuple[str, _Text]:
    sheet = StyleSheet()
    if "<style" in html or "<STYLE" in html:
        for m in _STYLE_BLOCK.finditer(html):
            sheet.add(m.group(1))
    p = _Text(sheet)
    p.feed(html)
    p.close()
    raw = "".join(p.parts)
    out: list[str] = []
    for ln in raw.split("\n"):
        t = normalise_line(ln)
        if t:
            out.append(t)
    return "\n".join(out), p


def read_html(data: bytes, name: str, options) -> Document:
    html, _enc = decode(data, name)
    text, p = _convert(clean_text(html))
    lines = []
    pos = 0
    for chunk in text.split("\n"):
        lines.append(Line(start=pos, end=pos + len(chunk)))
        pos += len(chunk) + 1
    warnings: tuple[str, ...] = ()
    if p.hidden_chars:
        why = [f"{n} {label}" for n, label in ((p.hidden_elements, "in hidden elements"),
                                               (p.low_contrast, "in white or background colour"),
                                               (p.tiny, "smaller than 2 px")) if n]
        warnings = (f"hidden text ignored: {p.hidden_chars} of {p.chars} characters cannot be seen by a reader "
                    f"({', '.join(why)}); they are not used as evidence",)
    return Document(text=text, source=Source(name=name, format="html", pages=None), lines=tuple(lines), warnings=warnings)
