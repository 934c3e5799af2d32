"""Character-level clean-up shared by every file format (PDF, DOCX, HTML, TXT files).

Normalisation happens *before* ``Document.text`` is assembled, one line at a time, so every offset
into the returned text stays valid: there is no second text to map back to.

What it does (rules, not heuristics tuned to files):

- Unicode NFKC, which also expands ligatures (``ﬁ`` → ``fi``, ``ﬂ`` → ``fl``) and full-width forms;
- drops invisible format characters (zero-width spaces/joiners, BOMs, bidi marks) and pdfminer's
  ``(cid:NN)`` placeholders for glyphs without a Unicode mapping;
- private-use glyphs (icon fonts such as FontAwesome) are dropped, except the Symbol/Wingdings
  bullets (U+F0B7, U+F0A7, U+F076, U+F0D8, U+F0FC) which become ``•``;
- a bullet glyph at the start of a line (``● ▪ ◦ ○ ■ □ ► ‣ ⁃ ∙ ✓ ➢ ❖ · *``) becomes ``• ``;
- soft hyphens: in a PDF a soft hyphen is a *drawn* glyph, so it is a hyphen (``-``); in DOCX/HTML/TXT it
  is invisible and removed. Line-end hyphenation is handled by :func:`join_hyphenated`;
- runs of spaces and tabs collapse to one space (column separators inserted by the layout step are
  a single tab and survive).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_CID = re.compile(r"\(cid:\d+\)")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063\u2064\u180e"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
_HAS_INVISIBLE = re.compile("[" + _INVISIBLE_CHARS + "]")  # a search is cheaper than a translate that changes nothing
_PUA_BULLETS = {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "\uf0a8", "\uf06c", "\uf06e", "\uf0d8"}
_BULLET_CHARS = "•●▪◦○■□►▸‣⁃∙✓✔➢➤❖◆◇·*-–—"
_LEAD_BULLET = re.compile(r"^\s*([" + re.escape(_BULLET_CHARS) + r"])(?:\s+|(?=[A-Za-z(\"']))")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # with "  ", all that _SPACES changes
_STRAY_MARKS = re.compile(r"(^|\s)[\u0300-\u036f]+")
_MARK = re.compile(r"[\u0300-\u036f]")  # pre-check for _STRAY_MARKS: most lines have no combining mark
_HYPHEN_END = re.compile(r"([A-Za-z]{2,})[-\u00ad\u2010]$")
_WORD_START = re.compile(r"^([a-z][A-Za-z]*)([.,;:!?)]*)(\s|$)")


_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _strip_pua(s: str) -> str:
    """Private-use characters become spaces, except the PUA bullets, which become ``•``."""
    if s.isascii() or _PUA.search(s) is None:
        return s
    table = {}
    for ch in set(s):
        o = ord(ch)
        if 0xE000 <= o <= 0xF8FF or 0xF0000 <= o:
            table[o] = "•" if ch in _PUA_BULLETS else " "
    return s.translate(table) if table else s


def _drop_icons(s: str) -> str:
    """Symbols used as icons (category So: 📱, ☎, ✉) become spaces, except the bullet characters and
    alphanumerics. ASCII has no such symbol."""
    if s.isascii():
        return s
    table = {ord(c): " " for c in set(s).difference(_NEVER_ICONS) if _is_icon(c)}
    return s.translate(table) if table else s


# characters :func:`_is_icon` is false for that resumes use most (ASCII, bullets, dashes, quotes), taken out
# of a line's characters by one set operation before the per-character check
_COMMON_NON_ASCII = _BULLET_CHARS + "\u2018\u2019\u201c\u201d\u2026"  # bullets, dashes, quotes, ellipsis
_NEVER_ICONS = frozenset(map(chr, range(128))) | frozenset(_COMMON_NON_ASCII)
# a character outside ASCII and _COMMON_NON_ASCII; none of those is invisible, private-use, an icon or a
# combining mark, and none becomes one under NFKC, so a line without this match needs only NFKC
_UNUSUAL = re.compile("[^\x00-\x7f" + re.escape(_COMMON_NON_ASCII) + "]")
# those of _COMMON_NON_ASCII that NFKC changes ("…" to "..."): a text of ASCII and the others is its own NFKC
_NFKC_CHANGED = frozenset(c for c in _COMMON_NON_ASCII if unicodedata.normalize("NFKC", c) != c)


@functools.lru_cache(maxsize=4096)
def _is_icon(c: str) -> bool:
    return unicodedata.category(c) == "So" and c not in _BULLET_CHARS and not c.isalnum()


def normalise_chars(s: str, *, pdf: bool = False) -> str:
    """The character rules of :func:`normalise_line` (invisible and private-use characters, soft hyphens,
    NFKC, icons, stray combining marks) for a string that is not plain ASCII (ASCII needs none of them).

    Each rule maps characters, or acts within a line (NFKC never composes across a line break, and a
    line break is a space to the stray-mark rule), so the rules of a whole text are the rules of its lines:
    :func:`analyzer.ingest.text.normalise_file_text` applies them to a file's text at once."""
    if _UNUSUAL.search(s) is None:
        # only bullets, dashes and quotes beyond ASCII: NFKC (for "…") is the one step that can change them
        return unicodedata.normalize("NFKC", s)
    # every step below changes only non-ASCII characters
    if _HAS_INVISIBLE.search(s):
        s = s.translate(_INVISIBLE)
    s = _strip_pua(s)
    if pdf:
        s = s.replace("\u00ad", "-")
    else:
        s = s.replace("\u00ad", "")
    s = unicodedata.normalize("NFKC", s)
    # emoji and symbols used as icons (📱, ☎, ✉) are kept out of the text: they carry no words
    s = _drop_icons(s)
    if _MARK.search(s):
        s = _STRAY_MARKS.sub(r"\1", s)
    return s


def normalise_line(s: str, *, pdf: bool = False) -> str:
    """Return the cleaned text of one visual line (no newlines in the result)."""
    if "(cid:" in s:
        s = _CID.sub("", s)
    if not s.isascii():
        s = normalise_chars(s, pdf=pdf)
    s = s.replace("\r", " ").replace("\n", " ")
    # runs of spaces become one; a plain-ASCII part without a double space has none to collapse
    parts = [(_SPACES.sub(" ", p) if "  " in p or not p.isascii() and _ODD_SPACE.search(p) else p).strip()
             for p in s.split("\t")]
    return lead_bullet("\t".join(p for p in parts if p))


def lead_bullet(s: str) -> str:
    """A line's leading bullet glyph as ``• ``: any bullet followed by white space, and one that is not a
    dash or ``*`` followed by a letter, a bracket or a quote."""
    m = _LEAD_BULLET.match(s)
    if m and (m.group(1) not in "-–—*" or m.group(0).endswith(" ")):
        s = "• " + s[m.end():].lstrip()
    return s


# Hyphenated compounds common in resumes: kept whole when a line break falls at their hyphen.
HYPHENATED_WORDS = frozenset("""
end-to-end state-of-the-art real-time cross-functional scikit-learn fine-tuning fine-tune fine-tuned
pre-trained pre-training open-source data-driven event-driven test-driven large-scale low-latency
high-performance fault-tolerant cloud-native on-call on-premises on-device hands-on proof-of-concept
time-series self-supervised semi-supervised multi-agent multi-modal multi-tenant multi-gpu multi-node
human-in-the-loop retrieval-augmented customer-facing full-stack full-time part-time long-term
short-term decision-making problem-solving best-in-class world-class follow-up trade-offs trade-off
k-means t-sql u-net auto-scaling mixed-precision zero-shot few-shot one-shot in-context
""".split())
# First parts that make compounds (self-taught, cross-team, well-known, non-linear, semi-structured,
# multi-region), unless what follows is a word ending (crossing, wellness, multiple).
COMPOUND_PREFIXES = frozenset({"self", "cross", "well", "non", "semi", "multi"})
_SUFFIXES = frozenset({"ing", "ings", "ed", "er", "ers", "est", "ly", "ness", "ish", "ple", "ply", "ples", "tude",
                       "tudes", "es", "s", "nar", "nars", "able", "ible", "ity", "ment", "ments", "ion", "ions",
                       "ive", "al", "ous", "ward", "wards"})
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _keep_hyphen(a_word: str, b_word: str, vocab) -> bool:
    """Whether ``a_word-`` at a line end followed by ``b_word`` is a hyphenated compound (rules in
    :func:`join_hyphenated`). ``vocab`` returns the document's own word counts."""
    head = a_word.lower()
    tail = b_word.lower()
    hyph, closed = f"{head}-{tail}", head.replace("-", "") + tail
    if "-" not in head:
        counts = vocab()
        if counts.get(hyph, 0) != counts.get(closed, 0):
            return counts.get(hyph, 0) > counts.get(closed, 0)
    if hyph in HYPHENATED_WORDS:
        return True
    if "-" in head:
        return True
    return head in COMPOUND_PREFIXES and len(tail) >= 4 and tail not in _SUFFIXES


def join_hyphenated(lines: list[str]) -> list[str]:
    """Undo line-end hyphenation: ``"Kuber-" + "netes are"`` → ``"Kubernetes" + "are"``.

    A line ending in a letter pair plus a hyphen, followed by a line starting with a lower-case word,
    gets that word moved up. The hyphen is dropped (a typesetter's break), except for a hyphenated
    compound (``state-of-the-`` + ``art``, ``end-to-`` + ``end``, ``scikit-`` + ``learn``), which is joined
    with its hyphen. A compound is recognised, in this order, by:

    1. the document itself: the hyphenated form (``scikit-learn``) occurs elsewhere in it more often than
       the closed form (``scikitlearn``), or the other way round for a plain word;
    2. a short list of hyphenated compounds common in resumes (:data:`HYPHENATED_WORDS`);
    3. the word before the break already holding a hyphen (``state-of-the-``, ``end-to-``): typesetters
       (TeX, Word) break such words at their own hyphens only;
    4. a compound-making first part (:data:`COMPOUND_PREFIXES`: ``self-``, ``cross-``, ``well-``, ``non-``,
       ``semi-``, ``multi-``) followed by at least four letters that are not a word ending
       (``cross-`` + ``ing`` is *crossing*, ``multi-`` + ``ple`` is *multiple*).

    The number of lines does not change, so line layout kept by the caller stays aligned.
    """
    out = list(lines)
    counts: dict[str, int] | None = None

    def vocab() -> dict[str, int]:
        nonlocal counts
        if counts is None:
            counts = {}
            for tok in _TOKEN.findall("\n".join(lines).lower()):
                counts[tok] = counts.get(tok, 0) + 1
        return counts

    for i in range(len(out) - 1):
        a = out[i]
        if not a or a[-1] not in "-\u00ad\u2010":
            continue
        m = _HYPHEN_END.search(a)
        if not m:
            continue
        b = out[i + 1]
        if b.startswith("• "):
            continue  # a new bullet starts: the hyphen is real
        w = _WORD_START.match(b)
        if not w:
            continue
        a_word = a[:-1].rsplit(None, 1)[-1].strip("([{\"'")
        keep = a[-1] != "\u00ad" and _keep_hyphen(a_word, w.group(1), vocab)
        out[i] = (a if keep else a[:-1]) + w.group(1) + w.group(2)
        out[i + 1] = b[w.end():].lstrip()
    return out
