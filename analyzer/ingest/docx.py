"""DOCX → Document with python-docx, guarded against hostile archives.

Before python-docx sees the file, every part of the ZIP archive is checked: at most
:data:`MAX_PARTS` members, declared and *actual* uncompressed sizes within :data:`MAX_PART_BYTES` /
:data:`MAX_TOTAL_BYTES`, a compression ratio of at most :data:`MAX_RATIO` for large members (zip bombs),
and no ``<!DOCTYPE``/``<!ENTITY`` declaration in any XML part (entity expansion and external entities;
python-docx's parser already sets ``resolve_entities=False``, we refuse such files outright).

What is read, in order: page-header paragraphs (contact details often live there, once even when
repeated per section), the body — paragraphs and tables in document order —, text boxes (after the
paragraph anchoring them), then footers. Runs inside hyperlinks, fields and tracked insertions count;
deleted runs do not. List paragraphs get ``• `` or their number. A table whose cells hold several
paragraphs is a layout table and is read cell by cell; a data table is read row by row with cells
separated by a tab. Runs a reader cannot see — ``w:vanish`` (hidden), white text without shading, or
font size below 2 pt — are left out and reported in ``Document.warnings``.
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


class _Reader:
    def __init__(self, numbering, styles=None) -> None:
        self.hidden = 0
        self.numbering = numbering  # (numId, ilvl) -> numFmt
        self.styles = styles  # the styles part's element, for list numbering defined by a paragraph style
        self._style_num: dict[str, tuple[str | None, int] | None] = {}
        self.counters: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------------ runs
    def _run_hidden(self, r) -> bool:
        rpr = r.find(W + "rPr")
        if rpr is None:
            return False
        v = rpr.find(W + "vanish")
        if v is not None and v.get(W + "val", "true") not in ("0", "false", "off"):
            return True
        sz = rpr.find(W + "sz")
        if sz is not None:
            try:
                if int(sz.get(W + "val", "24")) < 4:
                    return True
            except ValueError:
                pass
        col = rpr.find(W + "color")
        if col is not None and (col.get(W + "val") or "").upper() in ("FFFFFF", "FEFEFE", "FDFDFD", "FCFCFC"):
            if rpr.find(W + "shd") is None and rpr.find(W + "highlight") is None:
                return True
        return False

    def paragraph(self, p, boxes: list) -> str:
        out: list[str] = []
        self._collect(p, out, boxes)
        text = "".join(out)
        ppr = p.find(W + "pPr")
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
            if tag in (W + "del", W + "moveFrom", MC_FALLBACK, W + "pPr", W + "rPr"):
                continue
            if tag == W + "r":
                hidden = self._run_hidden(child)
                for c in child:
                    ct = c.tag
                    if ct == W + "t":
                        if hidden:
                            self.hidden += len(c.text or "")
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

    def table(self, tbl, lines: list[str]) -> None:
        rows = tbl.findall(W + "tr")
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
                        self.blocks(row[ci], lines)
            return
        for row in cells_by_row:
            texts: list[str] = []
            for tc in row:
                sub: list[str] = []
                self.blocks(tc, sub)
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
        reader = _Reader(_numbering_formats(d), styles_el)
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
        warnings = (f"hidden text ignored: {reader.hidden} characters are hidden, white or smaller than 2 pt; "
                    "they are not used as evidence",)
    return Document(text="\n".join(texts), source=Source(name=name, format="docx", pages=None), lines=tuple(lines),
                    warnings=warnings)
