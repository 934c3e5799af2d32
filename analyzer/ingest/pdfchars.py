"""Lean versions of the two per-character steps of pdfminer's layout device, giving the same objects.

* :func:`render_string_horizontal` places the glyphs of a text-showing operator (``Tj``/``TJ``/``'``/``"``)
  in a horizontal font and appends pdfminer ``LTChar`` objects with the very attribute values
  ``PDFTextDevice.render_string_horizontal`` -> ``PDFLayoutAnalyzer.render_char`` -> ``LTChar.__init__`` give
  them (same floating-point expressions in the same order), without the seven function calls per glyph.
* :func:`group_objects` groups a page's characters into horizontal text lines like
  ``LTLayoutContainer.group_objects`` with ``detect_vertical`` off, inserting the same ``LTAnno(" ")`` word
  spaces, and sets each line's box once instead of after every character.

Vertical fonts and vertical-line detection keep pdfminer's own code.
"""

from __future__ import annotations

from pdfminer.layout import LTAnno, LTChar, LTTextLineHorizontal
from pdfminer.pdffont import PDFUnicodeNotDefined

_new_char = LTChar.__new__


def render_string_horizontal(device, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise,
                             dxscale, ncs, graphicstate):
    """``PDFTextDevice.render_string_horizontal`` for a device whose ``render_char`` is pdfminer's
    ``PDFLayoutAnalyzer.render_char`` and whose current container's ``add`` is a plain append."""
    (x, y) = pos
    needcharspace = False
    (a, b, c, d, e, f) = matrix
    add = device.cur_item._objs.append
    fontname = font.fontname
    to_unichr = font.to_unichr
    char_width = font.char_width
    descent = font.get_descent() * fontsize
    y0 = descent + rise  # the glyph box before the matrix: (0, y0, adv, y1)
    y1 = descent + rise + fontsize
    upright = a * d * scaling > 0 and b * c <= 0
    for obj in seq:
        if isinstance(obj, (int, float)):
            x -= obj * dxscale
            needcharspace = True
        elif isinstance(obj, bytes):
            for cid in font.decode(obj):
                if needcharspace:
                    x += charspace
                # utils.translate_matrix(matrix, (x, y))
                me = x * a + y * c + e
                mf = x * b + y * d + f
                try:
                    text = to_unichr(cid)
                    assert isinstance(text, str), str(type(text))
                except PDFUnicodeNotDefined:
                    text = device.handle_undefined_char(font, cid)
                textwidth = char_width(cid)
                item = _new_char(LTChar)
                item._text = text
                item.matrix = (a, b, c, d, me, mf)
                item.fontname = fontname
                item.ncs = ncs
                item.graphicstate = graphicstate
                adv = item.adv = textwidth * fontsize * scaling
                item.upright = upright
                # utils.apply_matrix_rect(matrix, (0, y0, adv, y1))
                left1 = a * 0 + c * y0 + me
                bottom1 = b * 0 + d * y0 + mf
                right1 = a * adv + c * y0 + me
                bottom2 = b * adv + d * y0 + mf
                right2 = a * adv + c * y1 + me
                top1 = b * adv + d * y1 + mf
                left2 = a * 0 + c * y1 + me
                top2 = b * 0 + d * y1 + mf
                bx0 = min(left1, left2, right1, right2)
                by0 = min(bottom1, bottom2, top1, top2)
                bx1 = max(left1, left2, right1, right2)
                by1 = max(bottom1, bottom2, top1, top2)
                if bx1 < bx0:
                    (bx0, bx1) = (bx1, bx0)
                if by1 < by0:
                    (by0, by1) = (by1, by0)
                item.x0 = bx0
                item.y0 = by0
                item.x1 = bx1
                item.y1 = by1
                item.width = bx1 - bx0
                item.size = item.height = by1 - by0
                item.bbox = (bx0, by0, bx1, by1)
                add(item)
                x += adv
                if cid == 32 and wordspace:
                    x += wordspace
                needcharspace = True
        # (pdfminer logs and skips anything else)
    return (x, y)


def group_objects(laparams, objs):
    """``LTLayoutContainer.group_objects`` for ``detect_vertical=False``: the same lines, in the same order."""
    line_overlap = laparams.line_overlap
    char_margin = laparams.char_margin
    word_margin = laparams.word_margin
    obj0 = None
    line = None
    # the open line's contents, box and last character's right edge (LTTextLineHorizontal._x1)
    lobjs: list = []
    lx0 = ly0 = lx1 = ly1 = lr = 0.0

    for obj1 in objs:
        if obj0 is not None:
            halign = False
            if obj1.y0 <= obj0.y1 and obj0.y0 <= obj1.y1:  # is_voverlap
                if min(obj0.height, obj1.height) * line_overlap < min(abs(obj0.y0 - obj1.y1), abs(obj0.y1 - obj1.y0)):
                    if obj1.x0 <= obj0.x1 and obj0.x0 <= obj1.x1:  # hdistance
                        hd = 0
                    else:
                        hd = min(abs(obj0.x0 - obj1.x1), abs(obj0.x1 - obj1.x0))
                    halign = hd < max(obj0.width, obj1.width) * char_margin
            if line is None:
                # pdfminer starts a line with obj0 whether or not obj1 joins it (a lone char is a line)
                line = LTTextLineHorizontal(word_margin)
                lobjs = line._objs
                # add(obj0) to an empty line: no word space (its _x1 is +inf); box = obj0's
                lobjs.append(obj0)
                lx0 = min(line.x0, obj0.x0)
                ly0 = min(line.y0, obj0.y0)
                lx1 = max(line.x1, obj0.x1)
                ly1 = max(line.y1, obj0.y1)
                lr = obj0.x1
            if halign:
                # LTTextLineHorizontal.add(obj1)
                if word_margin and isinstance(obj1, LTChar):
                    if lr < obj1.x0 - word_margin * max(obj1.width, obj1.height):
                        lobjs.append(LTAnno(" "))
                lr = obj1.x1
                lobjs.append(obj1)
                lx0 = min(lx0, obj1.x0)
                ly0 = min(ly0, obj1.y0)
                lx1 = max(lx1, obj1.x1)
                ly1 = max(ly1, obj1.y1)
            else:
                line._x1 = lr
                line.set_bbox((lx0, ly0, lx1, ly1))
                yield line
                line = None
        obj0 = obj1
    if line is None:
        line = LTTextLineHorizontal(word_margin)
        assert obj0 is not None
        line._objs.append(obj0)
        line._x1 = obj0.x1
        line.set_bbox((min(line.x0, obj0.x0), min(line.y0, obj0.y0), max(line.x1, obj0.x1), max(line.y1, obj0.y1)))
    else:
        line._x1 = lr
        line.set_bbox((lx0, ly0, lx1, ly1))
    yield line
