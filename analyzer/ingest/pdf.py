"""PDF → Document with pdfminer.six layout analysis and our own reading order.

One pass over the file: pdfminer parses each page and groups characters into text lines
(:data:`LAPARAMS`); pdfminer's own text-box ordering (``boxes_flow``) is switched off because its
hierarchical grouping is the slowest part of ``extract_text`` and interleaves columns. The lines
then go through, per page:

1. **visibility** — characters a reader cannot see are dropped and counted: fill colour within
   :attr:`PdfParams.min_contrast` of the background under them (white on white; the background is a
   filled shape under the character, else the white page), glyphs smaller than
   :attr:`PdfParams.min_font_size` points, glyphs outside the page's crop box, and text drawn in an
   invisible rendering mode (``3 Tr``/``7 Tr``) unless it is the OCR layer over a scanned image;
2. **clean-up** of each line (:mod:`analyzer.ingest.normalise`): NFKC, ligatures, bullets, icons;
3. **reading order** (:mod:`analyzer.ingest.layout`): columns, right-aligned date strips, rows;
4. **running headers/footers** (same text, digits ignored, on two or more pages within the top or bottom
   margin) and **page numbers** are removed;
5. line-end **hyphenation** is undone; the text is the lines joined by ``\\n``.

A PDF without any text (a scan) is an error unless ``IngestOptions.ocr`` is set, in which case
:mod:`analyzer.ingest.ocr` reads it with tesseract.

``Document.lines`` keeps, for every line, its page, box (PDF points, origin bottom-left as in
pdfminer: ``y0`` bottom, ``y1`` top), dominant font size, bold flag and column (0 left, 1 right,
``None`` full width).
"""

from __future__ import annotations

import functools
import io
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass

from analyzer.errors import InputError
from analyzer.ingest.layout import Frag, LayoutParams, Row, order_fragments
from analyzer.ingest.normalise import join_hyphenated, normalise_line
from analyzer.types import Document, Line, Source

# pdfminer's defaults except: boxes_flow=None (we order lines ourselves; it also skips pdfminer's
# costly box grouping) and all_texts=True (text inside form XObjects is grouped into lines too).
LAPARAMS = dict(line_overlap=0.5, char_margin=2.0, line_margin=0.5, word_margin=0.1, boxes_flow=None,
                detect_vertical=False, all_texts=True)

_BOLD = re.compile(r"bold|black|heavy|semibold|demi|extrabold|,b\b", re.I)
# icon fonts (FontAwesome & co.): their glyphs are pictures of phones and houses, not words
_ICON_FONT = re.compile(r"awesome|simpleicons|academicons|glyphicons|ionicons|octicons|devicon|materialdesign|"
                        r"material-?icons|fontello|entypo|typicons|feather|lucide|tabler|remixicon|icomoon", re.I)
_PAGE_NO = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,3})?$", re.I)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class PdfParams:
    """Visibility and page-furniture rules (one validated parameter object for this stage)."""

    min_font_size: float = 2.0  # glyphs smaller than this (points) are invisible
    min_contrast: float = 0.08  # |luminance(text) - luminance(background)| below this is invisible
    margin: float = 0.08  # top/bottom share of the page where running headers/footers live

    def __post_init__(self) -> None:
        if self.min_font_size < 0 or not (0 <= self.min_contrast < 1) or not (0 < self.margin < 0.5):
            raise ValueError("invalid PdfParams")


def _luminance(color) -> float | None:
    """Relative luminance 0 (black) .. 1 (white) of a pdfminer colour value, None when unknown."""
    if color is None:
        return 0.0  # the default fill colour is black
    if isinstance(color, (int, float)):
        v = float(color)
        return min(1.0, max(0.0, v))
    if isinstance(color, (list, tuple)):
        vals = [v for v in color if isinstance(v, (int, float))]
        if len(vals) != len(color):
            return None  # pattern colour
        if len(vals) == 1:
            return min(1.0, max(0.0, float(vals[0])))
        if len(vals) == 3:
            r, g, b = (min(1.0, max(0.0, float(v))) for v in vals)
            return 0.2126 * r + 0.7152 * g + 0.0722 * b
        if len(vals) == 4:
            c, m, y, k = (min(1.0, max(0.0, float(v))) for v in vals)
            r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
            return 0.2126 * r + 0.7152 * g + 0.0722 * b
    return None


class _Stats:
    __slots__ = ("low_contrast", "tiny", "off_page", "clipped", "invisible_mode", "ocr_layer", "cid", "chars")

    def __init__(self) -> None:
        self.low_contrast = self.tiny = self.off_page = self.clipped = self.invisible_mode = self.cid = self.chars = 0
        self.ocr_layer = False


# The pdfminer.six releases whose internals analyzer/ingest/pdfchars.py and pdfcontent.py reproduce (tests
# compare both with pdfminer's own results). With any other release the reader uses pdfminer's own code
# throughout: the same Document, only slower.
TESTED_PDFMINER = ("20260107",)


@functools.cache
def fast_paths() -> bool:
    """Whether the installed pdfminer.six is one whose internals our fast paths reproduce."""
    try:
        import pdfminer

        return getattr(pdfminer, "__version__", None) in TESTED_PDFMINER
    except Exception:  # noqa: BLE001
        return False


@functools.cache
def _make_aggregator():
    from pdfminer.converter import PDFLayoutAnalyzer, PDFPageAggregator
    from pdfminer.layout import LTContainer, LTFigure, LTPage

    from analyzer.ingest import pdfchars

    def group_objects(self, laparams, objs):
        if laparams.detect_vertical:
            return LTPage.group_objects(self, laparams, objs)
        return pdfchars.group_objects(laparams, objs)

    # pdfminer's page and figure, grouping characters into lines with pdfchars.group_objects (same lines)
    page_cls = type("_Page", (LTPage,), {"group_objects": group_objects})
    figure_cls = type("_Figure", (LTFigure,), {"group_objects": group_objects})
    plain_add = LTContainer.add

    class _Aggregator(PDFPageAggregator):
        """Records on each character the text rendering mode (``Tr``) and whether the current clipping
        path removes it; pdfminer keeps neither. Characters are placed and grouped into lines by
        :mod:`analyzer.ingest.pdfchars` (pdfminer's objects and values, fewer Python operations)."""

        clip: tuple[float, float, float, float] | None = None  # set by _ClipInterpreter (device space)

        def begin_page(self, page, ctm):
            super().begin_page(page, ctm)
            if type(self.cur_item) is LTPage and fast_paths():
                self.cur_item.__class__ = page_cls

        def begin_figure(self, name, bbox, matrix):
            super().begin_figure(name, bbox, matrix)
            if type(self.cur_item) is LTFigure and fast_paths():
                self.cur_item.__class__ = figure_cls

        def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise,
                                     dxscale, ncs, graphicstate):
            if fast_paths() and type(self).render_char is PDFLayoutAnalyzer.render_char \
                    and type(self.cur_item).add is plain_add:
                return pdfchars.render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace,
                                                         wordspace, rise, dxscale, ncs, graphicstate)
            return super().render_string_horizontal(seq, matrix, pos, font, fontsize, scaling, charspace, wordspace,
                                                    rise, dxscale, ncs, graphicstate)

        def render_string(self, textstate, seq, ncs, graphicstate):
            mode = textstate.render
            clip = self.clip
            if mode not in (3, 7) and clip is None:
                super().render_string(textstate, seq, ncs, graphicstate)
                return
            objs = self.cur_item._objs
            before = len(objs)
            super().render_string(textstate, seq, ncs, graphicstate)
            if mode in (3, 7):
                for obj in objs[before:]:
                    obj._skillgap_invisible = True
            if clip is not None:
                cx0, cy0, cx1, cy1 = clip
                for obj in objs[before:]:
                    # clipped only when the glyph box lies wholly outside the clip box (with 0.5 pt slack)
                    if obj.x1 < cx0 - 0.5 or obj.x0 > cx1 + 0.5 or obj.y1 < cy0 - 0.5 or obj.y0 > cy1 + 0.5:
                        obj._skillgap_clipped = True

    return _Aggregator


def _make_interpreter(rsrc, device):
    return _interpreter_class()(rsrc, device)


@functools.cache
def _interpreter_class():
    """A page interpreter that tracks the bounding box of the clipping path (``W``/``W*``).

    pdfminer treats ``W`` as a no-op, so clipping is invisible to it. We keep, alongside the graphics
    state stack (``q``/``Q``), the intersection of the clipping paths' bounding boxes in device space and
    hand it to the device, which marks characters drawn wholly outside it. A bounding box is a superset
    of the real clip region, so non-rectangular clips may let some clipped text through, never drop
    visible text. Form XObjects inherit the clip of the place they are drawn.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value
    from pdfminer.utils import apply_matrix_pt

    from analyzer.ingest.pdfcontent import execute as run_content

    class _ClipInterpreter(PDFPageInterpreter):
        _inherited_clip = None

        def subinterp(self):
            interp = super().subinterp()
            interp._inherited_clip = self._clip
            return interp

        def init_state(self, ctm):
            super().init_state(ctm)
            self._clip = self._inherited_clip
            self._clips: list = []
            self.device.clip = self._clip

        def do_q(self):
            super().do_q()
            self._clips.append(self._clip)

        def do_Q(self):
            super().do_Q()
            if self._clips:
                self._clip = self._clips.pop()
                self.device.clip = self._clip

        def do_Do(self, xobjid_arg):
            super().do_Do(xobjid_arg)
            self.device.clip = self._clip  # a form drawn here may have narrowed it

        def _set_clip(self):
            xs: list[float] = []
            ys: list[float] = []
            ctm = self.ctm
            for seg in self.curpath:
                pts = seg[1:]
                for i in range(0, len(pts) - 1, 2):
                    if not isinstance(pts[i], (int, float)) or not isinstance(pts[i + 1], (int, float)):
                        continue
                    x, y = apply_matrix_pt(ctm, (pts[i], pts[i + 1]))
                    xs.append(x)
                    ys.append(y)
            if not xs:
                return
            box = (min(xs), min(ys), max(xs), max(ys))
            old = self._clip
            if old is not None:
                box = (max(box[0], old[0]), max(box[1], old[1]), min(box[2], old[2]), min(box[3], old[3]))
            self._clip = box
            self.device.clip = box

        def execute(self, streams):
            # pdfminer's circular-reference filter, then our content-stream scan (pdfcontent); pdfminer's own
            # parser runs whenever the scan declines the streams
            if not fast_paths():
                super().execute(streams)
                return
            try:
                valid = []
                self.stream_ids.clear()
                for obj in streams:
                    stream = stream_value(obj)
                    if stream.objid is None or stream.objid in self.parent_stream_ids:
                        continue
                    valid.append(stream)
                    self.stream_ids.add(stream.objid)
            except Exception:
                valid = None
            if valid is None or not run_content(self, valid):
                super().execute(streams)

        def do_W(self):
            self._set_clip()

        def do_W_a(self):
            self._set_clip()

    return _ClipInterpreter


def _page_frags(layout, visible_box, params: PdfParams, stats: _Stats) -> tuple[list[Frag], bool]:
    """Visible text lines of one page as layout fragments (top-down coordinates)."""
    from pdfminer.layout import LTAnno, LTChar, LTCurve, LTFigure, LTImage, LTTextBox, LTTextLine

    height = layout.height
    vx0, vy0, vx1, vy1 = visible_box
    fills: list[tuple[float, float, float, float, float]] = []  # x0, y0, x1, y1, luminance
    image_area = 0.0
    lines = []

    def walk(container):
        nonlocal image_area
        for obj in container:
            if isinstance(obj, LTTextBox):
                for tl in obj:
                    if isinstance(tl, LTTextLine):
                        lines.append(tl)
            elif isinstance(obj, LTTextLine):
                lines.append(obj)
            elif isinstance(obj, LTFigure):
                image_area += max(0.0, obj.width) * max(0.0, obj.height) if any(isinstance(o, LTImage) for o in obj) else 0.0
                walk(obj)
            elif isinstance(obj, LTImage):
                image_area += max(0.0, obj.width) * max(0.0, obj.height)
            elif isinstance(obj, LTCurve) and obj.fill:
                lum = _luminance(obj.non_stroking_color)
                if lum is not None:
                    fills.append((obj.x0, obj.y0, obj.x1, obj.y1, lum))

    walk(layout)
    page_area = max(1.0, layout.width * layout.height)
    scanned = image_area >= 0.5 * page_area
    frags: list[Frag] = []
    font_kind: dict[str, tuple[bool, bool]] = {}  # fontname -> (icon font, bold)
    lum_cache: dict = {}
    light = 1 - params.min_contrast - 0.3
    min_size = params.min_font_size
    for tl in lines:
        buf: list[str] = []
        sizes: Counter = Counter()
        bold = 0
        n = 0
        x0 = y0 = 1e9
        x1 = y1 = -1e9
        pending_space = False
        for ch in tl:
            if type(ch) is not LTChar and not isinstance(ch, LTChar):
                if isinstance(ch, LTAnno) and ch._text != "\n":
                    pending_space = True
                continue
            stats.chars += 1
            if getattr(ch, "_skillgap_invisible", False):
                if scanned:
                    stats.ocr_layer = True
                else:
                    stats.invisible_mode += 1
                    continue
            if ch.size < min_size:
                stats.tiny += 1
                continue
            if getattr(ch, "_skillgap_clipped", False):
                stats.clipped += 1
                continue
            cx0, cy0, cx1, cy1 = ch.x0, ch.y0, ch.x1, ch.y1
            if cx1 < vx0 or cx0 > vx1 or cy1 < vy0 or cy0 > vy1:
                stats.off_page += 1
                continue
            col = ch.graphicstate.ncolor
            key = tuple(col) if isinstance(col, list) else col
            try:
                lum = lum_cache[key]
            except KeyError:
                lum = lum_cache[key] = _luminance(col)
            except TypeError:
                lum = _luminance(col)
            if lum is not None and lum > light:
                # light text: compare with the topmost fill under the character, else the white page
                mx, my = (cx0 + cx1) / 2, (cy0 + cy1) / 2
                bg = 1.0
                for fx0, fy0, fx1, fy1, flum in fills:
                    if fx0 <= mx <= fx1 and fy0 <= my <= fy1:
                        bg = flum
                if abs(lum - bg) < params.min_contrast:
                    stats.low_contrast += 1
                    continue
            fontname = ch.fontname or ""
            kind = font_kind.get(fontname)
            if kind is None:
                kind = font_kind[fontname] = (bool(_ICON_FONT.search(fontname)), bool(_BOLD.search(fontname)))
            if kind[0]:
                pending_space = True
                continue
            if pending_space and buf:
                buf.append(" ")
            pending_space = False
            buf.append(ch._text)
            n += 1
            sizes[round(ch.size, 1)] += 1
            if kind[1]:
                bold += 1
            if cx0 < x0:
                x0 = cx0
            if cy0 < y0:
                y0 = cy0
            if cx1 > x1:
                x1 = cx1
            if cy1 > y1:
                y1 = cy1
        if not n:
            continue
        raw = "".join(buf)
        if "(cid:" in raw:
            stats.cid += raw.count("(cid:")
        text = normalise_line(raw, pdf=True)
        if not text:
            continue
        size = sizes.most_common(1)[0][0]
        frags.append(Frag(x0=x0, top=height - y1, x1=x1, bottom=height - y0, text=text, size=size,
                          bold=bold * 2 > n))
    return frags, scanned


def _furniture(pages: list[list[Row]], heights: list[float], params: PdfParams) -> set[tuple[int, int]]:
    """(page index, row index) of running headers/footers and page numbers."""
    drop: set[tuple[int, int]] = set()
    seen: dict[str, list[tuple[int, int, float]]] = {}
    for pi, rows in enumerate(pages):
        h = heights[pi]
        for ri, r in enumerate(rows):
            in_top = r.bottom <= params.margin * h
            in_bottom = r.top >= (1 - params.margin) * h
            if not (in_top or in_bottom):
                continue
            text = r.text().strip()
            if _PAGE_NO.match(text):
                drop.add((pi, ri))
                continue
            key = _DIGITS.sub("#", text.lower())
            seen.setdefault(key, []).append((pi, ri, r.top))
    if len(pages) >= 2:
        for key, hits in seen.items():
            pages_hit = {pi for pi, _, _ in hits}
            if len(pages_hit) >= 2:
                tops = [t for _, _, t in hits]
                if max(tops) - min(tops) <= 6:
                    drop.update((pi, ri) for pi, ri, _ in hits)
    return drop


def _is_heading(text: str) -> bool:
    from analyzer.ingest.sections import classify_heading

    hit = classify_heading(text)
    return hit is not None and hit[2]


def _continuations(texts: list[str], meta: list[tuple[int, Row]], heights: list[float]) -> list[bool]:
    """Which lines continue the paragraph of the line before (wrapped text), so that a wrapped
    paragraph becomes one line of text as in a DOCX or TXT file (the visual lines keep their own
    :class:`Line` spans; only the separator is a space instead of a newline).

    A line continues the previous one when both are on the same page and column, in the same font size
    and weight, neither holds a tab (an entry line with its date), the new line does not start a bullet,
    the vertical gap is at most 0.6 of the font size, it is not indented left of the paragraph's start,
    and the previous line runs to the right edge of the text (it was wrapped, not ended).
    """
    n = len(texts)
    joins = [False] * n
    # right edge of wrapped text per (page, column): 90th percentile of long lines' right ends
    long_x1: dict[tuple[int, int | None], list[float]] = {}
    for t, (pi, r) in zip(texts, meta):
        if len(t) >= 40 and "\t" not in t:
            long_x1.setdefault((pi, r.column), []).append(r.x1)
    edge = {k: sorted(v)[int(0.9 * (len(v) - 1))] for k, v in long_x1.items() if len(v) >= 2}
    para_x0 = None
    prev = None
    for k in range(n):
        t = texts[k]
        pi, r = meta[k]
        if not t:
            continue
        ok = False
        if prev is not None:
            pt, (ppi, pr) = prev
            key = (pi, r.column)
            size = max(r.frags[0].size, 1.0)
            p_size = max(f.size for f in pr.frags)
            c_size = max(f.size for f in r.frags)
            ok = (ppi == pi and pr.column == r.column and key in edge
                  and abs(p_size - c_size) <= 0.5
                  and pr.frags[0].bold == r.frags[0].bold
                  and "\t" not in pt and "\t" not in t
                  and not t.startswith("• ") and not pt.rstrip().endswith(":")
                  and 0 <= r.top - pr.bottom <= 0.6 * size
                  and para_x0 is not None and r.x0 >= para_x0 - 2.0
                  and pr.x1 >= edge[key] - max(3.0 * size, 0.1 * (edge[key] - para_x0)))
        joins[k] = ok
        if not ok:
            para_x0 = r.x0
        prev = (t, (pi, r))
    return joins


class _ReferenceCycle(Exception):
    pass


def _guard_reference_cycles(pdoc, name: str) -> None:
    """Make ``pdoc.getobj`` refuse chains of bare references that loop (``6 0 R`` -> ``8 0 R`` -> ``6 0 R``).

    pdfminer's ``resolve1`` follows such chains forever. An object whose whole value is a reference is
    rare in real files; for those we follow the chain once here, remembering what we saw, and hand back
    its end, which is what ``resolve1`` would have reached. Everything else costs one ``isinstance``.
    """
    from pdfminer.pdftypes import PDFObjRef

    getobj = pdoc.getobj

    def guarded(objid: int):
        obj = getobj(objid)
        if not isinstance(obj, PDFObjRef):
            return obj
        seen = {objid}
        while isinstance(obj, PDFObjRef):
            if obj.objid in seen or len(seen) > 64:
                raise _ReferenceCycle(objid)
            seen.add(obj.objid)
            obj = getobj(obj.objid)
        return obj

    pdoc.getobj = guarded


def read_pdf(data: bytes, name: str, options, *, params: PdfParams | None = None,
             layout_params: LayoutParams | None = None) -> Document:
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    started = time.monotonic()
    params = params or PdfParams()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    stats = _Stats()
    page_rows: list[list[Row]] = []
    heights: list[float] = []
    any_scanned = False
    try:
        parser = PDFParser(io.BytesIO(data))
        pdoc = PDFDocument(parser, password="")  # an empty user password opens many "protected" files
        _guard_reference_cycles(pdoc, name)
        rsrc = PDFResourceManager(caching=True)
        device = _make_aggregator()(rsrc, laparams=LAParams(**LAPARAMS))
        interp = _make_interpreter(rsrc, device)
        for page in PDFPage.create_pages(pdoc):
            if len(page_rows) >= options.max_pages:
                raise InputError(name, f"too many pages (more than {options.max_pages}; raise the limit with --max-pages)",
                                 kind="too_large")
            interp.process_page(page)
            layout = device.get_result()
            box = (0.0, 0.0, layout.width, layout.height)
            if not page.rotate and page.cropbox and page.mediabox:
                mx, my = page.mediabox[0], page.mediabox[1]
                cx0, cy0, cx1, cy1 = page.cropbox
                box = (max(0.0, cx0 - mx), max(0.0, cy0 - my), min(layout.width, cx1 - mx), min(layout.height, cy1 - my))
            frags, scanned = _page_frags(layout, box, params, stats)
            any_scanned |= scanned
            page_rows.append(order_fragments(frags, layout_params, is_heading=_is_heading))
            heights.append(layout.height)
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise InputError(name, "encrypted PDF (a password is needed to open it)", kind="encrypted") from None
    except PDFEncryptionError as exc:
        raise InputError(name, f"encrypted PDF (unsupported encryption: {exc})", kind="encrypted") from None
    except (PDFSyntaxError, PSException) as exc:
        raise InputError(name, f"corrupt PDF ({type(exc).__name__})", kind="corrupt") from None
    except RecursionError:
        raise InputError(name, "hostile or corrupt PDF (nesting too deep)", kind="hostile") from None
    except _ReferenceCycle:
        raise InputError(name, "hostile or corrupt PDF (objects refer to each other in a loop)", kind="hostile") from None
    except MemoryError:
        raise InputError(name, "PDF needs too much memory to read", kind="too_large") from None
    except Exception as exc:  # pdfminer raises many internal types on broken files
        raise InputError(name, f"corrupt or unreadable PDF ({type(exc).__name__})", kind="corrupt") from None
    if not page_rows:
        raise InputError(name, "corrupt PDF (no pages)", kind="corrupt")

    drop = _furniture(page_rows, heights, params)
    texts: list[str] = []
    meta: list[tuple[int, Row]] = []
    for pi, rows in enumerate(page_rows):
        for ri, r in enumerate(rows):
            if (pi, ri) in drop:
                continue
            t = r.text()
            if t:
                texts.append(t)
                meta.append((pi, r))
    texts = join_hyphenated(texts)
    joins = _continuations(texts, meta, heights)
    lines: list[Line] = []
    parts: list[str] = []
    pos = 0
    for k, (t, (pi, r)) in enumerate(zip(texts, meta)):
        if not t:
            continue
        if parts:
            parts.append(" " if joins[k] else "\n")
            pos += 1
        h = heights[pi]
        f0 = max(r.frags, key=lambda f: len(f.text))
        lines.append(Line(start=pos, end=pos + len(t), page=pi + 1, x0=round(r.x0, 2), y0=round(h - r.bottom, 2),
                          x1=round(r.x1, 2), y1=round(h - r.top, 2), font_size=f0.size, bold=f0.bold,
                          column=r.column))
        parts.append(t)
        pos += len(t)
    text = "".join(parts)
    hidden = stats.low_contrast + stats.tiny + stats.off_page + stats.clipped + stats.invisible_mode
    warnings: list[str] = []
    if hidden:
        why = [f"{n} {label}" for n, label in ((stats.low_contrast, "in white or background colour"),
                                               (stats.tiny, f"smaller than {params.min_font_size:g} pt"),
                                               (stats.off_page, "outside the page"),
                                               (stats.clipped, "clipped away"),
                                               (stats.invisible_mode, "in invisible render mode")) if n]
        warnings.append(f"hidden text ignored: {hidden} of {stats.chars} characters cannot be seen by a reader "
                        f"({', '.join(why)}); they are not used as evidence")
    if stats.cid:
        warnings.append(f"{stats.cid} characters have no Unicode mapping in the PDF's fonts and were skipped")
    if stats.ocr_layer:
        warnings.append("text comes from an OCR layer over a scanned image; recognition errors are possible")
    if not text.strip():
        if hidden:
            raise InputError(name, "no visible text: all text in this PDF is hidden", kind="no_text")
        if getattr(options, "ocr", False):
            from analyzer.ingest.ocr import ocr_pdf

            return ocr_pdf(data, name, options, started + options.timeout)
        raise InputError(name, "no text layer: scanned document; OCR is not available, use --ocr to read it with "
                               "tesseract", kind="no_text")
    if drop:
        pass
    return Document(text=text, source=Source(name=name, format="pdf", pages=len(page_rows)), lines=tuple(lines),
                    warnings=tuple(warnings))
