"""DOCX → Document with python-docx, guarded against hostile archives.

Before python-docx sees the file, every part of the ZIP archive is checked: at most
:data:`MAX_PARTS` members, declared and *actual* uncompressed sizes within :data:`MAX_PART_BYTES` /
:data:`MAX_TOTAL_BYTES`, a compression ratio of at most :data:`MAX_RATIO` for large members (zip bombs),
and no ``<!DOCTYPE``/``<!ENTITY`` declaration in any XML part (entity expansion and external entities;
python-docx's parser already sets ``resolve_entities=False``, we refuse such files outright).

What is read, in order: page-header paragraphs (contact details often live there, once even when
repeated per section), the body — paragraphs and tables in document order —, text boxes (after the
paragraph anchoring them), then footers. Runs inside hyperlinks, fields and tracked insertions count.
List paragraphs get ``• `` or their number. A table whose cells hold several paragraphs is a layout table
and is read cell by cell; a data table is read row by row with cells separated by a tab.

Text a reader cannot see is left out and counted by cause in ``Document.warnings``: ``w:vanish``
(hidden), font size below 2 pt, and colour within :data:`MIN_CONTRAST` luminance of the background —
each resolved through document defaults, the paragraph style, the character style and the run's own
properties (:class:`_Styles`, ``basedOn`` followed, one cached merge per style pair, so the cost stays
linear in the number of runs). The background is the run's shading or highlight, else the paragraph's
shading (direct or from its style), else the table cell's shading, else the page background, else white;
``auto`` colour always contrasts. Tracked deletions (``w:del``, ``w:moveFrom``, deleted table rows) are
not part of the document a reader sees and are counted too. Not handled: table-style conditional
shading, theme colours other than the light background ones, text covered by shapes.
"""

from __future__ import annotations

import io
import re
import zipfile

from analyzer.errors import InputError
from analyzer.ingest.normalise import normalise_line
from analyzer.types import Document, Line, Source

MAX_PARTS = 2000
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB
_DECL = re.compile(rb"<!\s*(doctype|entity)", re.I)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def check_archive(data: bytes, name: str) -> None:
    """Refuse corrupt archives, zip bombs and XML entity tricks (raises :class:`InputError`)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(name, "corrupt DOCX (not a valid ZIP archive)", kind="corrupt") from None
    if len(infos) > MAX_PARTS:
        raise InputError(name, f"hostile DOCX ({len(infos)} archive members)", kind="hostile")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_TOTAL_BYTES:
        raise InputError(name, f"hostile DOCX: expands to {declared / 1e6:.0f} MB (possible zip bomb)", kind="hostile")
    total = 0
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise InputError(name, "corrupt DOCX (no word/document.xml)", kind="corrupt")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise InputError(name, f"hostile DOCX: {info.filename} is compressed {info.file_size // max(1, info.compress_size)}:1 "
                             "(possible zip bomb)", kind="hostile")
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with zf.open(info) as fh:
                chunk = fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise InputError(name, f"corrupt DOCX ({info.filename}: {type(exc).__name__})", kind="corrupt") from None
        except Exception as exc:  # zlib.error and friends
            raise InputError(name, f"corrupt DOCX ({info.filename}: {type(exc).__name__})", kind="corrupt") from None
        if len(chunk) > MAX_PART_BYTES:
            raise InputError(name, f"hostile DOCX: {info.filename} is larger than {MAX_PART_BYTES // 2**20} MB", kind="hostile")
        total += len(chunk)
        if total > MAX_TOTAL_BYTES:
            raise InputError(name, "hostile DOCX: expands to more than 200 MB (possible zip bomb)", kind="hostile")
        if _DECL.search(chunk[:4096]) or (b"<!" in chunk and _DECL.search(chunk)):
            raise InputError(name, f"hostile DOCX: {info.filename} declares a DOCTYPE or ENTITY (XML entity tricks are refused)",
                             kind="hostile")


_HIGHLIGHT = {"black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF",
              "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080",
              "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
              "darkGray": "808080", "lightGray": "C0C0C0"}
_THEME_LIGHT = {"background1": "FFFFFF", "light1": "FFFFFF", "background2": "E7E6E6", "light2": "E7E6E6"}
_OFF = ("0", "false", "off")
MIN_CONTRAST = 0.08  # as PdfParams.min_contrast: |luminance(text) - luminance(background)| below this is invisible
MIN_HALF_POINTS = 4  # w:sz is in half-points: below 2 pt is invisible


def _hex_lum(v: str | None) -> float | None:
    """Relative luminance of a ``RRGGBB`` value; None for ``auto``/unknown (automatic colour always contrasts)."""
    if not v or len(v) != 6:
        return None
    try:
        r, g, b = (int(v[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _shd_fill(shd) -> str | None:
    """Colour a ``w:shd`` paints: its fill, or its pattern colour for a solid pattern."""
    if shd is None:
        return None
    val = shd.get(W + "val") or ""
    if val == "solid":
        c = shd.get(W + "color")
        if c and c != "auto":
            return c.upper()
    if val == "nil":
        return None
    f = shd.get(W + "fill")
    return f.upper() if f and f != "auto" else None


def _rpr_props(rpr) -> dict:
    """The visibility-relevant properties a ``w:rPr`` sets: vanish, color, sz (half-points), bg."""
    out: dict = {}
    if rpr is None:
        return out
    for c in rpr:
        t = c.tag
        if t == W + "vanish":
            out["vanish"] = c.get(W + "val", "true") not in _OFF
        elif t == W + "color":
            v = c.get(W + "val")
            if not v:
                v = _THEME_LIGHT.get(c.get(W + "themeColor") or "", "auto")
            out["color"] = v.upper() if v != "auto" else "auto"
        elif t == W + "sz":
            try:
                out["sz"] = int(c.get(W + "val", "24"))
            except ValueError:
                pass
        elif t == W + "shd":
            f = _shd_fill(c)
            if f:
                out["bg"] = f
        elif t == W + "highlight":
            h = _HIGHLIGHT.get(c.get(W + "val") or "")
            if h:
                out["bg"] = h
    return out


class _Styles:
    """Visibility properties of styles, resolved once per style id (``basedOn`` chains followed, cycle-safe).

    Word's order, lowest first: document defaults, the paragraph style, the run's character style, the
    run's own properties. Each (paragraph style, character style) pair is merged once and cached, so a
    run costs one dict lookup plus its own ``w:rPr``.
    """

    def __init__(self, styles_el) -> None:
        self.raw: dict[str, tuple[str | None, dict, str | None]] = {}  # id -> (basedOn, run props, paragraph shading)
        self.defaults: dict = {}
        self.default_para: str | None = None
        self._resolved: dict[str, tuple[dict, str | None]] = {}
        self._pairs: dict[tuple[str | None, str | None], dict] = {}
        if styles_el is None:
            return
        dd = styles_el.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = _rpr_props(dd)
        for st in styles_el.findall(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            based = st.find(W + "basedOn")
            ppr_shd = st.find(f"{W}pPr/{W}shd")
            self.raw[sid] = (based.get(W + "val") if based is not None else None, _rpr_props(st.find(W + "rPr")),
                             _shd_fill(ppr_shd))
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                self.default_para = sid

    def resolve(self, sid: str | None) -> tuple[dict, str | None]:
        """(run properties, paragraph shading) of a style with everything it is based on."""
        if not sid:
            return {}, None
        hit = self._resolved.get(sid)
        if hit is not None:
            return hit
        chain: list[str] = []
        cur: str | None = sid
        while cur and cur in self.raw and cur not in chain and len(chain) < 20:
            chain.append(cur)
            cur = self.raw[cur][0]
        props: dict = {}
        shd = None
        for c in reversed(chain):  # base first, the style itself last
            props.update(self.raw[c][1])
            shd = self.raw[c][2] or shd
        self._resolved[sid] = (props, shd)
        return props, shd

    def run_base(self, pstyle: str | None, rstyle: str | None) -> dict:
        key = (pstyle, rstyle)
        hit = self._pairs.get(key)
        if hit is None:
            hit = dict(self.defaults)
            hit.update(self.resolve(pstyle or self.default_para)[0])
            hit.update(self.resolve(rstyle)[0])
            self._pairs[key] = hit
        return hit


class _Reader:
    def __init__(self, numbering, styles=None, page_bg: str | None = None) -> None:
        self.numbering = numbering  # (numId, ilvl) -> numFmt
        self.styles = styles  # the styles part's element, for list numbering defined by a paragraph style
        self.vis = _Styles(styles)
        self.page_bg = page_bg or "FFFFFF"
        self._style_num: dict[str, tuple[str | None, int] | None] = {}
        self.counters: dict[tuple[str, int], int] = {}
        # characters read and dropped, by cause
        self.chars = 0
        self.vanish = self.low_contrast = self.tiny = self.deleted = 0
        self._pstyle: str | None = None
        self._para_bg: str | None = None
        self._cell_bg: list[str | None] = []

    @property
    def hidden(self) -> int:
        return self.vanish + self.low_contrast + self.tiny + self.deleted

    # ------------------------------------------------------------------ runs
    def _run_hidden(self, r) -> str | None:
        """Why a run cannot be seen ("vanish", "tiny", "low_contrast"), or None when it can."""
        rpr = r.find(W + "rPr")
        rstyle = None
        own: dict = {}
        if rpr is not None:
            rs = rpr.find(W + "rStyle")
            if rs is not None:
                rstyle = rs.get(W + "val")
            own = _rpr_props(rpr)
        base = self.vis.run_base(self._pstyle, rstyle)
        props = {**base, **own} if own else base
        if props.get("vanish"):
            return "vanish"
        sz = props.get("sz")
        if sz is not None and sz < MIN_HALF_POINTS:
            return "tiny"
        col = props.get("color")
        if col and col != "auto":
            lum = _hex_lum(col)
            if lum is not None:
                bg = props.get("bg") or self._para_bg or (self._cell_bg[-1] if self._cell_bg else None) or self.page_bg
                bg_lum = _hex_lum(bg)
                if bg_lum is None:
                    bg_lum = 1.0
                if abs(lum - bg_lum) < MIN_CONTRAST:
                    return "low_contrast"
        return None

    def _count_deleted(self, el) -> None:
        for t in el.iter(W + "delText", W + "t"):
            self.deleted += len(t.text or "")
            self.chars += len(t.text or "")

    def paragraph(self, p, boxes: list) -> str:
        out: list[str] = []
        ppr = p.find(W + "pPr")
        saved = self._pstyle, self._para_bg
        self._pstyle, self._para_bg = None, None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                self._pstyle = ps.get(W + "val")
            self._para_bg = _shd_fill(ppr.find(W + "shd"))
        if self._para_bg is None:
            self._para_bg = self.vis.resolve(self._pstyle or self.vis.default_para)[1]
        try:
            self._collect(p, out, boxes)
        finally:
            self._pstyle, self._para_bg = saved
        text = "".join(out)
        if ppr is not None and text.strip():
            num = ppr.find(W + "numPr")
            nid_v, lvl_v = None, 0
            if num is not None:
                nid = num.find(W + "numId")
                lvl = num.find(W + "ilvl")
                nid_v = nid.get(W + "val") if nid is not None else None
                lvl_v = int(lvl.get(W + "val", "0")) if lvl is not None else 0
            else:
                ps = ppr.find(W + "pStyle")
                if ps is not None:
                    hit = self._numbering_of_style(ps.get(W + "val") or "")
                    if hit is not None:
                        nid_v, lvl_v = hit
            if True:
                if nid_v and nid_v != "0":
                    fmt = self.numbering.get((nid_v, lvl_v), "bullet")
                    if fmt in ("bullet", "none", ""):
                        text = "• " + text.lstrip()
                    else:
                        k = (nid_v, lvl_v)
                        self.counters[k] = self.counters.get(k, 0) + 1
                        text = f"{self.counters[k]}. " + text.lstrip()
        return text

    def _numbering_of_style(self, sid: str, depth: int = 0):
        """(numId, ilvl) a paragraph style gives its paragraphs (following ``basedOn``), or None."""
        if sid in self._style_num:
            return self._style_num[sid]
        res = None
        if self.styles is not None and depth < 10:
            for st in self.styles.findall(W + "style"):
                if st.get(W + "styleId") != sid:
                    continue
                num = st.find(f"{W}pPr/{W}numPr")
                if num is not None:
                    nid = num.find(W + "numId")
                    lvl = num.find(W + "ilvl")
                    res = (nid.get(W + "val") if nid is not None else None,
                           int(lvl.get(W + "val", "0")) if lvl is not None else 0)
                else:
                    based = st.find(W + "basedOn")
                    if based is not None:
                        res = self._numbering_of_style(based.get(W + "val") or "", depth + 1)
                break
        self._style_num[sid] = res
        return res

    def _collect(self, el, out: list[str], boxes: list) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (W + "del", W + "moveFrom"):
                self._count_deleted(child)  # tracked deletions: the reader sees the document without them
                continue
            if tag in (MC_FALLBACK, W + "pPr", W + "rPr"):
                continue
            if tag == W + "r":
                hidden = self._run_hidden(child)
                for c in child:
                    ct = c.tag
                    if ct == W + "t":
                        n = len(c.text or "")
                        self.chars += n
                        if hidden:
                            setattr(self, hidden, getattr(self, hidden) + n)
                        else:
                            out.append(c.text or "")
                    elif hidden:
                        continue
                    elif ct == W + "tab":
                        out.append("\t")
                    elif ct in (W + "br", W + "cr"):
                        out.append("\n")
                    elif ct == W + "noBreakHyphen":
                        out.append("-")
                    elif ct == W + "sym":
                        out.append("•")
                    else:
                        # drawings / VML pictures may hold text boxes
                        for tb in c.iter(W + "txbxContent"):
                            if not any(a.tag == MC_FALLBACK for a in tb.iterancestors()):
                                boxes.append(tb)
                continue
            if tag == W + "txbxContent":
                boxes.append(child)
                continue
            self._collect(child, out, boxes)

    # ------------------------------------------------------------------ blocks
    def blocks(self, container, lines: list[str]) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                boxes: list = []
                t = self.paragraph(child, boxes)
                lines.extend(t.split("\n"))
                for tb in boxes:
                    self.blocks(tb, lines)
            elif tag == W + "tbl":
                self.table(child, lines)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.blocks(content, lines)
            elif tag in (W + "customXml", W + "ins"):
                self.blocks(child, lines)

    def _cell(self, tc, lines: list[str]) -> None:
        """Read one table cell with its shading as the background of its text."""
        self._cell_bg.append(_shd_fill(tc.find(f"{W}tcPr/{W}shd")) or (self._cell_bg[-1] if self._cell_bg else None))
        try:
            self.blocks(tc, lines)
        finally:
            self._cell_bg.pop()

    def table(self, tbl, lines: list[str]) -> None:
        rows = []
        for tr in tbl.findall(W + "tr"):
            if tr.find(f"{W}trPr/{W}del") is not None:  # a deleted row (tracked change)
                self._count_deleted(tr)
            else:
                rows.append(tr)
        cells_by_row = [[tc for tc in tr if tc.tag in (W + "tc", W + "sdt")] for tr in rows]
        layout = any(
            sum(1 for p in tc.iter(W + "p") if "".join(t.text or "" for t in p.iter(W + "t")).strip()) > 1
            or tc.find(W + "tbl") is not None
            for row in cells_by_row for tc in row)
        if layout:
            # a layout table (two-column resumes made with tables): read each column top to bottom
            ncols = max((len(r) for r in cells_by_row), default=0)
            for ci in range(ncols):
                for row in cells_by_row:
                    if ci < len(row):
                        self._cell(row[ci], lines)
            return
        for row in cells_by_row:
            texts: list[str] = []
            for tc in row:
                sub: list[str] = []
                self._cell(tc, sub)
                t = " ".join(s.strip() for s in sub if s.strip())
                if t and (not texts or texts[-1] != t):  # merged cells repeat their text
                    texts.append(t)
            lines.append("\t".join(texts))


def _numbering_formats(doc) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    try:
        numbering = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError, ValueError):
        return out
    abstract: dict[str, dict[int, str]] = {}
    for an in numbering.findall(W + "abstractNum"):
        aid = an.get(W + "abstractNumId")
        levels: dict[int, str] = {}
        for lvl in an.findall(W + "lvl"):
            fmt = lvl.find(W + "numFmt")
            try:
                levels[int(lvl.get(W + "ilvl", "0"))] = fmt.get(W + "val", "bullet") if fmt is not None else "bullet"
            except ValueError:
                continue
        abstract[aid] = levels
    for num in numbering.findall(W + "num"):
        nid = num.get(W + "numId")
        ref = num.find(W + "abstractNumId")
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(W + "val"), {}).items():
            out[(nid, ilvl)] = fmt
    return out


def read_docx(data: bytes, name: str, options) -> Document:
    check_archive(data, name)
    try:
        import docx

        d = docx.Document(io.BytesIO(data))
        try:
            styles_el = d.styles.element
        except (KeyError, AttributeError, ValueError):
            styles_el = None
        bg = d.element.find(W + "background")
        page_bg = (bg.get(W + "color") or "").upper() if bg is not None else ""
        reader = _Reader(_numbering_formats(d), styles_el, page_bg if _hex_lum(page_bg) is not None else None)
        head: list[str] = []
        foot: list[str] = []
        seen_parts: set[int] = set()
        for section in d.sections:
            for hf, dest in ((section.first_page_header, head), (section.header, head),
                             (section.footer, foot), (section.first_page_footer, foot)):
                try:
                    if hf.is_linked_to_previous:
                        continue
                    el = hf._element
                except (AttributeError, KeyError, ValueError):
                    continue
                if id(el) in seen_parts:
                    continue
                seen_parts.add(id(el))
                buf: list[str] = []
                reader.blocks(el, buf)
                for t in buf:
                    if t.strip() and t not in dest:
                        dest.append(t)
        body: list[str] = []
        reader.blocks(d.element.body, body)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(name, f"corrupt DOCX ({type(exc).__name__})", kind="corrupt") from None
    raw = head + body + [t for t in foot if t not in head]
    texts = [normalise_line(t) for t in raw]
    texts = [t for t in texts if t]
    lines: list[Line] = []
    pos = 0
    for t in texts:
        lines.append(Line(start=pos, end=pos + len(t)))
        pos += len(t) + 1
    warnings: tuple[str, ...] = ()
    if reader.hidden:
        why = [f"{n} {label}" for n, label in ((reader.vanish, "marked hidden"),
                                               (reader.low_contrast, "in white or background colour"),
                                               (reader.tiny, "smaller than 2 pt"),
                                               (reader.deleted, "in deleted tracked changes")) if n]
        warnings = (f"hidden text ignored: {reader.hidden} of {reader.chars} characters cannot be seen by a reader "
                    f"({', '.join(why)}); they are not used as evidence",)
    return Document(text="\n".join(texts), source=Source(name=name, format="docx", pages=None), lines=tuple(lines),
                    warnings=warnings)
