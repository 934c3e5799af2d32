"""Reading order of the text lines of one page (pure geometry, no PDF library involved).

Input: the page's text fragments (pdfminer text lines) with their boxes in top-down coordinates.
Output: visual lines in reading order, each tagged with its column.

The rules, in order:

1. **Columns.** A vertical *gutter* is an x position that no fragment crosses. Fragments that do
   cross it (a full-width name, a footer) split the page into horizontal *bands*. A gutter makes a
   two-column region when one band holds at least ``min_column_lines`` fragments on each side, covers
   at least ``min_column_height`` of the page's text height, and its two sides are *not* read row by
   row (when most left fragments share a baseline with a right fragment, it is a table or a
   label/value list, which is read across). Inside a column region the whole left column is read
   before the right one: column text is never interleaved line by line. Each column is ordered
   again by the same rules (nested layouts, tables inside a column).
2. **Right-aligned strips.** When the right side of a gutter is a narrow strip of right-aligned
   short fragments (dates and places next to entries, as Typst/RenderCV and many Word templates
   print them), it is not a column: each block of the strip is attached to the entry line it sits
   beside — the first line of the block joins that line after a tab, further lines follow it.
3. **Rows.** Fragments whose vertical extents overlap form one row; a row is read left to right and
   becomes one line. Fragments far apart on a row (a title and its right-aligned date) are joined
   with a tab so the date stays on its entry's line; close ones with a space.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LayoutParams:
    """Parameters of the reading-order step (validated, one object per stage, like pdfminer's LAParams)."""

    min_column_lines: int = 4  # fragments on each side of a gutter for a column region
    min_column_height: float = 0.25  # share of the page's text height a column region must cover
    row_aligned_max: float = 0.7  # above this share of row-aligned left/right pairs it is a table
    strip_max_width: float = 0.32  # a right-aligned strip is at most this share of the region width
    align_tol: float = 2.5  # points: edges this close count as aligned
    max_depth: int = 3

    def __post_init__(self) -> None:
        if self.min_column_lines < 1 or not (0 < self.min_column_height <= 1) or not (0 < self.row_aligned_max <= 1):
            raise ValueError("invalid LayoutParams")


@dataclass
class Frag:
    """One text fragment: a pdfminer text line after clean-up. Coordinates: top-down points."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float = 0.0
    bold: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def height(self) -> float:
        return max(0.1, self.bottom - self.top)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Row:
    frags: list[Frag]
    column: int | None = None

    @property
    def x0(self) -> float:
        return min(f.x0 for f in self.frags)

    @property
    def x1(self) -> float:
        return max(f.x1 for f in self.frags)

    @property
    def top(self) -> float:
        return min(f.top for f in self.frags)

    @property
    def bottom(self) -> float:
        return max(f.bottom for f in self.frags)

    def text(self) -> str:
        out = ""
        prev: Frag | None = None
        for f in self.frags:
            if prev is None:
                out = f.text
            else:
                gap = f.x0 - prev.x1
                sep = "\t" if gap > 1.5 * max(prev.size, f.size, 1.0) else " "
                out += sep + f.text
            prev = f
        return out


def _rows(frags: list[Frag]) -> list[Row]:
    """Group fragments into rows by vertical overlap; rows top to bottom, fragments left to right."""
    rows: list[Row] = []
    cur: list[Frag] = []
    top = bottom = 0.0
    for f in sorted(frags, key=lambda f: (f.top, f.x0)):
        if cur:
            # same row when each one's vertical centre lies within the other's extent
            # (a small date beside a large name is not on the name's row)
            rmid = (top + bottom) / 2
            if top - 0.5 <= f.mid <= bottom + 0.5 and f.top - 0.5 <= rmid <= f.bottom + 0.5:
                cur.append(f)
                top, bottom = min(top, f.top), max(bottom, f.bottom)
                continue
            rows.append(Row(sorted(cur, key=lambda g: g.x0)))
        cur = [f]
        top, bottom = f.top, f.bottom
    if cur:
        rows.append(Row(sorted(cur, key=lambda g: g.x0)))
    return rows


def _aligned_share(values: list[float], tol: float, pick) -> float:
    if not values:
        return 0.0
    ref = pick(values)
    return sum(1 for v in values if abs(v - ref) <= tol) / len(values)


def _best_gutter(frags: list[Frag], p: LayoutParams):
    """Find the gutter with the strongest two-sided band. Returns (gutter x, band fragments) or None."""
    xs0 = sorted({round(f.x0) for f in frags})
    lo = min(f.x0 for f in frags)
    hi = max(f.x1 for f in frags)
    width = hi - lo
    if width <= 0:
        return None
    by_top = sorted(frags, key=lambda f: f.top)
    text_h = max(f.bottom for f in frags) - min(f.top for f in frags)
    best = None
    seen: set[int] = set()
    for x in xs0:
        if x <= lo + 0.08 * width or x >= hi - 0.05 * width:
            continue
        g = x - 0.5
        # the left edge of a right-side fragment: the gutter is just left of it
        key = int(g)
        if key in seen:
            continue
        seen.add(key)
        bands: list[tuple[list[Frag], list[Frag]]] = []
        left: list[Frag] = []
        right: list[Frag] = []
        for f in by_top:
            if f.x1 <= g + 0.5:
                left.append(f)
            elif f.x0 >= g:
                right.append(f)
            else:  # crosses the gutter: ends the band
                if left or right:
                    bands.append((left, right))
                left, right = [], []
        if left or right:
            bands.append((left, right))
        for bl, br in bands:
            n = min(len(bl), len(br))
            if n < p.min_column_lines:
                continue
            allf = bl + br
            h = max(f.bottom for f in allf) - min(f.top for f in allf)
            if text_h and h < p.min_column_height * text_h:
                continue
            # the gap between the sides must be real white space
            gap = min(f.x0 for f in br) - max(f.x1 for f in bl)
            if gap < 3.0:
                continue
            score = n * h
            if best is None or score > best[0]:
                best = (score, g, bl, br)
    return best


def _row_aligned(left: list[Frag], right: list[Frag]) -> float:
    mids = sorted(f.mid for f in right)
    import bisect

    hit = 0
    for f in left:
        i = bisect.bisect_left(mids, f.mid - 1.5)
        if i < len(mids) and abs(mids[i] - f.mid) <= 1.5:
            hit += 1
    return hit / len(left) if left else 0.0


def _is_right_strip(left: list[Frag], right: list[Frag], p: LayoutParams) -> bool:
    lo = min(f.x0 for f in left + right)
    hi = max(f.x1 for f in left + right)
    w = max(f.x1 for f in right) - min(f.x0 for f in right)
    if w > p.strip_max_width * (hi - lo):
        return False
    x1_al = _aligned_share([f.x1 for f in right], p.align_tol, max)
    x0_al = _aligned_share([f.x0 for f in right], p.align_tol, min)
    return x1_al >= 0.7 and x0_al < 0.7


def _attach_strip(main_rows: list[Row], strip: list[Frag]) -> list[Row]:
    """Attach blocks of a right-aligned strip to the entry line each block starts beside."""
    strip = sorted(strip, key=lambda f: f.top)
    blocks: list[list[Frag]] = []
    for f in strip:
        if blocks and f.top - blocks[-1][-1].bottom < 0.6 * f.height:
            blocks[-1].append(f)
        else:
            blocks.append([f])
    out = list(main_rows)
    for block in reversed(blocks):
        first = block[0]
        # the main row beside the block's first line, else the last row above it
        idx = None
        for i, r in enumerate(out):
            if r.top - 0.5 <= first.mid <= r.bottom + 0.5 and not getattr(r, "_strip", False):
                idx = i
                break
        if idx is None:
            above = [i for i, r in enumerate(out) if r.top <= first.top]
            idx = above[-1] if above else None
        rest = [Row([f]) for f in block]
        if idx is None:
            out[0:0] = rest
            continue
        row = out[idx]
        if row.top - 0.5 <= first.mid <= row.bottom + 0.5:
            out[idx] = Row(row.frags + [first], row.column)
            rest = rest[1:]
        for r in rest:
            r._strip = True  # type: ignore[attr-defined]
            r.column = row.column
        out[idx + 1 : idx + 1] = rest
    return out


def order_fragments(frags: list[Frag], params: LayoutParams | None = None, *, depth: int = 0,
                    is_heading=None) -> list[Row]:
    """Order one page's fragments into visual lines (rows) in reading order.

    ``is_heading(text) -> bool`` (optional) recognises section headings: when both sides of a gutter
    hold a heading, the region is two columns even if their baselines happen to line up (a table
    does not have section headings in two of its columns)."""
    p = params or LayoutParams()
    if not frags:
        return []
    if depth < p.max_depth and len(frags) >= 2 * p.min_column_lines:
        best = _best_gutter(frags, p)
        if best is not None:
            _score, g, bl, br = best
            band = set(map(id, bl + br))
            if _is_right_strip(bl, br, p):
                main = [f for f in frags if id(f) not in set(map(id, br))]
                rows = order_fragments(main, p, depth=depth + 1, is_heading=is_heading)
                return _attach_strip(rows, br)
            both_headed = is_heading is not None and any(is_heading(f.text) for f in bl) \
                and any(is_heading(f.text) for f in br)
            if both_headed or _row_aligned(bl, br) < p.row_aligned_max:
                btop = min(f.top for f in bl + br)
                above = [f for f in frags if id(f) not in band and f.bottom <= btop + 0.5]
                below = [f for f in frags if id(f) not in band and id(f) not in set(map(id, above))]
                out = order_fragments(above, p, depth=depth, is_heading=is_heading)
                lrows = order_fragments(bl, p, depth=depth + 1, is_heading=is_heading)
                rrows = order_fragments(br, p, depth=depth + 1, is_heading=is_heading)
                for r in lrows:
                    r.column = 0 if depth == 0 else r.column
                for r in rrows:
                    r.column = 1 if depth == 0 else r.column
                out += lrows + rrows
                out += order_fragments(below, p, depth=depth, is_heading=is_heading)
                return out
    return _rows(frags)
